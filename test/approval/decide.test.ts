import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/analysis/types.js';
import { decideApproval, type ApprovalInput } from '../../src/approval/decide.js';
import type { Identity, LabelEvent, PullRequestFacts, Review } from '../../src/approval/types.js';
import type { Rule } from '../../src/rules/types.js';

const HEAD = 'a'.repeat(40);
const OLD = 'b'.repeat(40);
const user = (login: string, id: number, type = 'User'): Identity => ({ login, id, type });
const alice = user('dev-alice', 1);
const bob = user('bob', 2);
const carol = user('carol', 3);
const dave = user('dave', 4);

const rule = (name: string, approvals = 1, approvers = { teams: [] as string[], users: [] as string[] }): Rule => ({
  name,
  severity: 'critical',
  approvals,
  approvers,
  match: { types: ['*'], actions: ['delete'] },
});
const finding = (address: string, rules: Rule[]): Finding => ({
  file: 'plan.json',
  address,
  type: 'aws_db_instance',
  action: 'delete',
  rule: rules[0]?.name ?? '',
  rules: rules.map((r) => r.name),
  severity: 'critical',
  approvals: Math.max(...rules.map((r) => r.approvals)),
  approvers: { teams: rules.flatMap((r) => r.approvers.teams), users: rules.flatMap((r) => r.approvers.users) },
  dependents: [],
  dependentsTotal: 0,
  dataAtRisk: [],
});
let reviewId = 0;
const review = (who: Identity, state: string, commitId = HEAD, at = '2026-11-24T10:00:00Z'): Review => ({ id: ++reviewId, reviewer: who, state, commitId, submittedAt: at });

function facts(over: Partial<PullRequestFacts> = {}): PullRequestFacts {
  return {
    number: 7,
    author: alice,
    headSha: HEAD,
    headArrived: { at: '2026-11-24T09:00:00Z' },
    labels: [],
    commitCount: 1,
    commitsListed: 1,
    people: [{ sha: HEAD, role: 'author', name: 'Alice', email: 'alice@example.com', login: 'dev-alice', id: 1 }],
    pushers: [],
    assignments: [],
    reviews: [],
    unreadableReviews: [],
    permissions: new Map([
      ['dev-alice', { roleName: 'write', canPush: true }],
      ['bob', { roleName: 'write', canPush: true }],
      ['carol', { roleName: 'maintain', canPush: true }],
      ['dave', { roleName: 'admin', canPush: true }],
    ]),
    teamMembers: new Map(),
    labelEvents: [],
    emailAccounts: [],
    ...over,
  };
}

const db = rule('dbs');
function decide(over: Partial<PullRequestFacts>, input: Partial<ApprovalInput> = {}) {
  return decideApproval({ findings: [finding('aws_db_instance.main', [db])], rules: [db], facts: facts(over), overrideLabel: 'plangate-override', ...input });
}

describe('decideApproval', () => {
  it('passes when nothing needs approving', () => {
    expect(decideApproval({ findings: [], rules: [], facts: facts(), overrideLabel: 'x' }).decision).toBe('pass');
  });

  it('an approval given before the plan being decided was made saw another plan (threat 66)', () => {
    const outcome = decide({ reviews: [review(bob, 'APPROVED', HEAD, '2026-11-24T10:00:00Z')], planMade: '2026-11-24T11:00:00Z' });
    expect(outcome.decision).toBe('blocked');
    expect(outcome.ignored.join('\n')).toMatch(/approval by @bob does not count: it was given before the plan being decided was made \(2026-11-24T11:00:00Z\)/);
    expect(decide({ reviews: [review(bob, 'APPROVED', HEAD, '2026-11-24T12:00:00Z')], planMade: '2026-11-24T11:00:00Z' }).decision).toBe('approved');
    expect(decide({ reviews: [review(bob, 'APPROVED', HEAD, '2026-11-24T12:00:00Z')], planMade: 'yesterday' }).decision).toBe('blocked');
  });

  it('approves with one qualifying human on the current head, and blocks without', () => {
    expect(decide({ reviews: [review(bob, 'APPROVED')] })).toMatchObject({ decision: 'approved', approvedBy: [{ login: 'bob', id: 2 }] });
    expect(decide({}).decision).toBe('blocked');
    expect(decide({}).missing).toEqual(['1 more approval (0 of 1) from anyone with write access who did not author the change, for aws_db_instance.main']);
  });

  it.each([
    ['the PR author', { reviews: [review(alice, 'APPROVED')] }, /authoring identity/],
    ['a commit author by login', { reviews: [review(bob, 'APPROVED')], people: [{ sha: HEAD, role: 'author' as const, name: 'B', email: 'b@x', login: 'bob', id: 2 }] }, /authoring identity/],
    ['a committer by id under another login', { reviews: [review(bob, 'APPROVED')], people: [{ sha: HEAD, role: 'committer' as const, name: 'B', email: 'b@x', login: 'bob-old-name', id: 2 }] }, /authoring identity/],
    ['a co-author by noreply email', { reviews: [review(bob, 'APPROVED')], people: [...facts().people, { sha: HEAD, role: 'co-author' as const, name: 'B', email: '2+bob@users.noreply.github.com' }] }, /authoring identity/],
    ['a Bot', { reviews: [review(user('helper', 9, 'Bot'), 'APPROVED')] }, /is a Bot/],
    ['a [bot] login typed User', { reviews: [review(user('sneaky[bot]', 10), 'APPROVED')] }, /is a bot/],
    ['github-actions by id', { reviews: [review(user('github-actions', 41898282), 'APPROVED')] }, /coding agent/],
    ['a known agent', { reviews: [review(user('Copilot', 198982749), 'APPROVED')] }, /coding agent/],
    ['read role', { reviews: [review(bob, 'APPROVED')], permissions: new Map([['bob', { roleName: 'read', canPush: false }]]) }, /role is read/],
    ['triage role', { reviews: [review(bob, 'APPROVED')], permissions: new Map([['bob', { roleName: 'triage', canPush: false }]]) }, /role is triage/],
    ['not a collaborator', { reviews: [review(bob, 'APPROVED')], permissions: new Map([['bob', { roleName: null, canPush: false }]]) }, /not a collaborator/],
    ['an approval on an older head', { reviews: [review(bob, 'APPROVED', OLD)] }, /given on bbbbbbb, not on the current head/],
  ])('an approval by %s does not count', (_who, over, why) => {
    const outcome = decide(over);
    expect(outcome.decision).toBe('blocked');
    expect(outcome.ignored.join('\n')).toMatch(why);
  });

  it('an agent named in agent-identities does not count, by login or noreply email', () => {
    expect(decide({ reviews: [review(bob, 'APPROVED')] }, { agentIdentities: ['bob'] }).decision).toBe('blocked');
    expect(decide({ reviews: [review(bob, 'APPROVED')] }, { agentIdentities: ['2+bob@users.noreply.github.com'] }).decision).toBe('blocked');
  });

  it('a custom role counts only when it includes push', () => {
    expect(decide({ reviews: [review(bob, 'APPROVED')], permissions: new Map([['bob', { roleName: 'deployer', canPush: true }]]) }).decision).toBe('approved');
    expect(decide({ reviews: [review(bob, 'APPROVED')], permissions: new Map([['bob', { roleName: 'auditor', canPush: false }]]) }).decision).toBe('blocked');
  });

  it('a later change request or dismissal withdraws an approval; a later plain comment does not', () => {
    expect(decide({ reviews: [review(bob, 'APPROVED', HEAD, '2026-11-24T10:00:00Z'), review(bob, 'CHANGES_REQUESTED', HEAD, '2026-11-24T11:00:00Z')] }).decision).toBe('blocked');
    expect(decide({ reviews: [review(bob, 'APPROVED', HEAD, '2026-11-24T10:00:00Z'), review(bob, 'DISMISSED', HEAD, '2026-11-24T11:00:00Z')] }).decision).toBe('blocked');
    expect(decide({ reviews: [review(bob, 'APPROVED', HEAD, '2026-11-24T10:00:00Z'), review(bob, 'COMMENTED', HEAD, '2026-11-24T11:00:00Z')] }).decision).toBe('approved');
  });

  it('needs enough distinct people for the strictest rule, and the named approvers of every matched rule', () => {
    const two = rule('prod', 2, { teams: ['platform'], users: [] });
    const named = rule('named', 1, { teams: [], users: ['dave'] });
    const findings = [finding('aws_db_instance.main', [two, named])];
    const teamMembers = new Map([['platform', new Set(['bob', 'carol', 'dave'])]]);
    const run = (reviews: Review[]) => decideApproval({ findings, rules: [two, named], facts: facts({ reviews, teamMembers }), overrideLabel: 'x' });
    expect(run([review(bob, 'APPROVED'), review(carol, 'APPROVED')]).decision).toBe('blocked');
    expect(run([review(bob, 'APPROVED'), review(carol, 'APPROVED')]).missing[0]).toMatch(/^2 more approvals \(0 of 2\) from \(team platform\) and \(@dave\)/);
    expect(run([review(dave, 'APPROVED')]).decision).toBe('blocked');
    expect(run([review(dave, 'APPROVED'), review(dave, 'APPROVED')]).decision).toBe('blocked');
    const daveAndBob = rule('named', 1, { teams: [], users: ['dave', 'bob'] });
    const both = decideApproval({ findings: [finding('x', [two, daveAndBob])], rules: [two, daveAndBob], facts: facts({ reviews: [review(dave, 'APPROVED'), review(bob, 'APPROVED')], teamMembers }), overrideLabel: 'x' });
    expect(both.decision).toBe('approved');
  });

  it('fails closed on unlinked commit authors and on more commits than the API lists', () => {
    const unlinked = decide({ reviews: [review(bob, 'APPROVED')], people: [{ sha: HEAD, role: 'author', name: 'Ghost', email: 'ghost@nowhere.example' }] });
    expect(unlinked.decision).toBe('error');
    expect(unlinked.errors[0]).toMatch(/^commit aaaaaaa has author Ghost <ghost@nowhere\.example>, an email linked to no GitHub account/);
    expect(decide({ reviews: [review(bob, 'APPROVED')], commitCount: 260, commitsListed: 250 }).decision).toBe('error');
    // An unlinked co-author only ever excludes; an agent's own email is not a person.
    expect(decide({ reviews: [review(bob, 'APPROVED')], people: [...facts().people, { sha: HEAD, role: 'co-author', name: 'X', email: 'x@y' }] }).decision).toBe('approved');
    // Anyone can write an agent's email on a commit: only an email the agent-identities input names is taken as nobody.
    const claude = { reviews: [review(bob, 'APPROVED')], people: [{ sha: HEAD, role: 'author' as const, name: 'Claude', email: 'noreply@anthropic.com' }] };
    expect(decide(claude).decision).toBe('error');
    expect(decide(claude, { agentIdentities: ['noreply@anthropic.com'] }).decision).toBe('approved');
    // GitHub's web-flow address is nobody only as a committer.
    const webFlow = (role: 'author' | 'committer') => decide({ reviews: [review(bob, 'APPROVED')], people: [...facts().people, { sha: HEAD, role, name: 'GitHub', email: 'noreply@github.com' }] }).decision;
    expect([webFlow('committer'), webFlow('author')]).toEqual(['approved', 'error']);
  });

  it('an agent named by email excludes every account GitHub links to it (threat 5)', () => {
    const agentCommit = { sha: HEAD, role: 'author' as const, name: 'Agent', email: 'agent@acme.example', login: 'acme-agent', id: 77 };
    const agentAccount = user('acme-agent', 77);
    const approve = { reviews: [review(agentAccount, 'APPROVED')], permissions: new Map([['acme-agent', { roleName: 'write', canPush: true }]]) };
    // Linked through the commits of the default branch, or the account's public email.
    const linked = decide({ ...approve, emailAccounts: [{ email: 'Agent@Acme.example', login: 'acme-agent', id: 77 }] }, { agentIdentities: ['agent@acme.example'] });
    expect(linked.decision).toBe('blocked');
    expect(linked.ignored.join('\n')).toMatch(/acme-agent is a coding agent/);
    // Through the PR's own commits: excluded as an agent, not only as an author.
    expect(decide({ ...approve, people: [...facts().people, agentCommit] }, { agentIdentities: ['agent@acme.example'] }).ignored.join('\n')).toMatch(/acme-agent is a coding agent/);
    // Without the entry, the same account approves.
    expect(decide({ ...approve, emailAccounts: [{ email: 'agent@acme.example', login: 'acme-agent', id: 77 }] }).decision).toBe('approved');
  });

  it('an unverified noreply address is not a link: only GitHub\'s own link counts (threat 6)', () => {
    const outcome = decide({ reviews: [review(bob, 'APPROVED')], people: [{ sha: HEAD, role: 'author', name: 'Nobody', email: '424242+nobody@users.noreply.github.com' }] });
    expect(outcome.decision).toBe('error');
    expect(outcome.errors[0]).toMatch(/424242\+nobody@users\.noreply\.github\.com>, an email linked to no GitHub account/);
  });

  it('an unreadable review counts for nothing and voids only its own reviewer\'s approval', () => {
    const broken = { id: 99, reviewer: carol, problem: 'its commit_id is null' };
    const outcome = decide({ reviews: [review(bob, 'APPROVED'), review(carol, 'APPROVED')], unreadableReviews: [broken] });
    expect(outcome).toMatchObject({ decision: 'approved', approvedBy: [{ login: 'bob', id: 2 }] });
    expect(outcome.ignored.join('\n')).toMatch(/a review \(id 99\) by @carol does not count: its commit_id is null/);
    expect(outcome.ignored.join('\n')).toMatch(/approval by @carol does not count: a later or undated review by carol could not be read/);
    // Dated before the approval, it cannot be the reviewer's latest word.
    const earlier = decide({ reviews: [review(carol, 'APPROVED', HEAD, '2026-11-24T10:00:00Z')], unreadableReviews: [{ ...broken, submittedAt: '2026-11-24T09:30:00Z' }] });
    expect(earlier.decision).toBe('approved');
    expect(decide({ reviews: [], unreadableReviews: [{ id: null, reviewer: null, problem: 'no user' }] }).decision).toBe('blocked');
  });

  describe('the override label', () => {
    const LABEL = { id: 'LA_override', name: 'plangate-override' };
    let eventId = 0;
    const event = (kind: 'labeled' | 'unlabeled', actor: Identity | null, at: string, over: Partial<LabelEvent> = {}): LabelEvent => ({
      id: `LE_${++eventId}`,
      event: kind,
      labelId: LABEL.id,
      labelName: LABEL.name,
      actor,
      createdAt: at,
      viaApp: false,
      ...over,
    });
    const labeled = (actor: Identity | null, at: string, over: Partial<LabelEvent> = {}) => event('labeled', actor, at, over);
    const withLabel = (labelEvents: LabelEvent[], labels = [LABEL], over: Partial<PullRequestFacts> = {}) => decide({ labels, labelEvents, ...over });

    it('counts when a qualifying human added it after the head arrived', () => {
      expect(withLabel([labeled(bob, '2026-11-24T10:00:00Z')])).toMatchObject({ decision: 'overridden', overriddenBy: { login: 'bob', at: '2026-11-24T10:00:00Z' } });
    });

    it.each([
      ['it is not on the PR now', [labeled(bob, '2026-11-24T10:00:00Z')], [], /^$/],
      ['it was added before the head arrived', [labeled(bob, '2026-11-24T08:00:00Z')], undefined, /added before the current head aaaaaaa arrived/],
      ['the author added it', [labeled(alice, '2026-11-24T10:00:00Z')], undefined, /authoring identity/],
      ['an app added it', [labeled(bob, '2026-11-24T10:00:00Z', { viaApp: true })], undefined, /through a GitHub App/],
      ['GitHub\'s answers about its event do not hold together', [labeled(bob, '2026-11-24T10:00:00Z', { doubt: 'the label was renamed since' })], undefined, /added by @bob does not count: the label was renamed since/],
      ['a bot added it', [labeled(user('github-actions[bot]', 41898282, 'Bot'), '2026-11-24T10:00:00Z')], undefined, /is a Bot/],
      ['the latest labeled event is by the author', [labeled(bob, '2026-11-24T10:00:00Z'), labeled(alice, '2026-11-24T10:30:00Z')], undefined, /authoring identity/],
      ['its last event has no actor (threat 20)', [labeled(bob, '2026-11-24T10:00:00Z'), event('unlabeled', alice, '2026-11-24T10:10:00Z'), labeled(null, '2026-11-24T10:20:00Z')], undefined, /does not say who added it/],
      ['its last event removed it', [labeled(bob, '2026-11-24T10:00:00Z'), event('unlabeled', null, '2026-11-24T10:10:00Z')], undefined, /its last event removed it/],
      ['an event has no valid time', [labeled(bob, '2026-11-24T10:00:00Z'), event('unlabeled', alice, 'yesterday')], undefined, /no valid time/],
      [
        'the label on the PR is another label renamed to its name (threat 20)',
        [labeled(bob, '2026-11-24T10:00:00Z', { labelId: 'LA_old' }), labeled(alice, '2026-11-24T10:20:00Z', { labelId: LABEL.id, labelName: 'harmless' })],
        undefined,
        /label added by @dev-alice does not count/,
      ],
      ['no event put the label there', [labeled(bob, '2026-11-24T10:00:00Z', { labelId: 'LA_old' })], undefined, /no event on the pull request's timeline put it there/],
    ])('does not count when %s', (_why, events, labels, message) => {
      const outcome = withLabel(events, labels);
      expect(outcome.decision).toBe('blocked');
      expect(outcome.ignored.join('\n')).toMatch(message);
    });

    it('a removal and a re-add by the author after a qualifying label: the re-add is what counts', () => {
      const outcome = withLabel([labeled(bob, '2026-11-24T10:00:00Z'), event('unlabeled', alice, '2026-11-24T10:10:00Z'), labeled(alice, '2026-11-24T10:20:00Z')]);
      expect(outcome.decision).toBe('blocked');
      expect(outcome.ignored.join('\n')).toMatch(/label added by @dev-alice does not count/);
    });

    it('a label added before the plan being decided was made (a plan run again on the same head) does not count', () => {
      const outcome = withLabel([labeled(bob, '2026-11-24T10:00:00Z')], [LABEL], { planMade: '2026-11-24T11:00:00Z' });
      expect(outcome.decision).toBe('blocked');
      expect(outcome.ignored.join('\n')).toMatch(/added before the plan being decided was made \(2026-11-24T11:00:00Z\)/);
      expect(withLabel([labeled(bob, '2026-11-24T12:00:00Z')], [LABEL], { planMade: '2026-11-24T11:00:00Z' }).decision).toBe('overridden');
    });

    it('when the head arrived is unknown or malformed, a qualifying label is an error, never a pass (threat 19)', () => {
      for (const headArrived of [{ unknown: 'GitHub lists no push to acme/infra:feature' }, { at: 'null' }, { at: '' }]) {
        const outcome = withLabel([labeled(bob, '2026-11-24T10:00:00Z')], [LABEL], { headArrived });
        expect(outcome.decision, JSON.stringify(headArrived)).toBe('error');
        expect(outcome.errors[0]).toMatch(/cannot weigh the plangate-override label/);
      }
    });
  });
});
