// A blocked pull request never carries a plangate success status, whatever
// the API does (threat 12): one fault on every endpoint the action calls, each
// against its own fake, the fault kinds taking turns so that each kind meets
// several endpoints. The state is chosen so that one run calls them all: a team
// rule needing two approvals from `platform` (the config on the default
// branch), one qualifying approval (ops-bob) and one that does not count
// (outside-dave: no role), the override label added by the author (the label
// history, the branch's activity, her role), an agent named by email (the
// default branch's commits), and plangate's comment either absent (created)
// or present (edited). A last state is an approved PR whose head another open
// PR shares: the sibling look-up. REST's pull request and changed files are read
// only where GraphQL cannot answer: a renamed file (what it was renamed from),
// an author GraphQL does not name. The pure side of each failure is tested
// without a server in test/github/.
import { describe, expect, it } from 'vitest';
import {
  BASE_SHA,
  primaryRateLimitFault,
  pullAnswerFault,
  secondaryRateLimitFault,
  serverErrorFault,
  timeAt,
  tooManyRequestsFault,
  type Fault,
  type GitHubState,
} from '../../github-server/server.js';
import { addLabel, mainConfig, DECISIONS, describeRun, fakeGitHub, pr, review, runAction, type ActionRun } from '../harness.js';

const CONFIG = `rules:
  - name: platform-databases
    severity: critical
    approvals: 2
    approvers: { teams: [platform] }
    match: { types: [aws_db_instance] }
`;

const SCENARIOS = ['blocked', 'blocked, with a comment', 'blocked, with a rename', 'blocked, GraphQL names no author', 'approved, with a sibling'] as const;
type Scenario = (typeof SCENARIOS)[number];

function scenario(kind: Scenario): (state: GitHubState) => void {
  return (s) => {
    if (kind === 'blocked, with a rename') pr(s).files.push({ filename: 'docs/new.md', status: 'renamed', previous_filename: 'docs/old.md' });
    if (kind === 'approved, with a sibling') {
      review(s, 'ops-bob');
      s.pulls[8] = { ...structuredClone(pr(s)), number: 8, base: { sha: BASE_SHA, ref: 'release' }, reviews: [], comments: [] };
      return;
    }
    mainConfig(s, CONFIG);
    review(s, 'ops-bob');
    review(s, 'outside-dave');
    addLabel(s, 'dev-alice', { minutes: 30 });
    if (kind === 'blocked, with a comment') pr(s).comments.push({ id: 3000, user: 'github-actions[bot]', body: '<!-- plangate:plangate -->\nearlier', created_at: timeAt(10) });
  };
}

const SHA = '[0-9a-f]{40}';
const ENDPOINTS: Array<[string, string, RegExp, Scenario]> = [
  // The default branch and its head are read through GraphQL (the graphql row); the config by listing the root first.
  ['root listing', 'GET', /\/contents$/, 'blocked'],
  ['pull request', 'GET', /^\/repos\/acme\/infra\/pulls\/7$/, 'blocked, GraphQL names no author'],
  ['changed files', 'GET', /\/pulls\/7\/files$/, 'blocked, with a rename'],
  ['graphql', 'POST', /^\/graphql$/, 'blocked'],
  ['issue events', 'GET', /\/issues\/7\/events$/, 'blocked'],
  ['branch activity', 'GET', /\/activity$/, 'blocked'],
  ['permission', 'GET', /\/collaborators\/[^/]+\/permission$/, 'blocked'],
  ['user profile', 'GET', /^\/users\/[^/]+$/, 'blocked'],
  ['default branch commits', 'GET', /^\/repos\/acme\/infra\/commits$/, 'blocked'],
  ['team', 'GET', /^\/orgs\/acme\/teams\/platform$/, 'blocked'],
  ['team membership', 'GET', /^\/orgs\/acme\/teams\/platform\/memberships\/[^/]+$/, 'blocked'],
  ['status create', 'POST', new RegExp(`/statuses/${SHA}$`), 'blocked'],
  ['statuses list', 'GET', new RegExp(`/commits/${SHA}/statuses$`), 'blocked'],
  ['comments list', 'GET', /\/issues\/7\/comments$/, 'blocked'],
  ['comment create', 'POST', /\/issues\/7\/comments$/, 'blocked'],
  ['comment update', 'PATCH', /\/issues\/comments\/\d+$/, 'blocked, with a comment'],
  ['open pull requests', 'GET', /^\/repos\/acme\/infra\/pulls$/, 'approved, with a sibling'],
];

/** Faults a scenario's GraphQL answers carry besides the one under test. */
function scenarioFaults(kind: Scenario): Fault[] {
  // A deleted account is REST's ghost and GraphQL's null.
  return kind === 'blocked, GraphQL names no author' ? [pullAnswerFault('reviews(', (pull) => void (pull.author = null), { times: MANY })] : [];
}

/** An agent named by its email: the default branch's commits are looked up for it. */
const AGENT = { 'agent-identities': 'agent@acme.example' };

const MANY = 1000;
type MakeFault = (path: RegExp, method: string) => Fault;
/**
 * One fault of each kind the client handles differently: retried server
 * errors, waited-out rate limits, refusals that are not retried, dropped
 * connections, and answers of the wrong shape. Where a kind has variants
 * (403 secondary / primary / 429; 403 / 404), they take turns over the
 * endpoints, so each variant meets several endpoints and the suite stays fast.
 */
const KINDS: Array<[string, Array<[string, MakeFault]>]> = [
  [
    'a server error that persists',
    [
      ['500', (path, method) => serverErrorFault(path, { method, times: MANY })],
      ['502 (HTML)', (path, method) => serverErrorFault(path, { method, status: 502, times: MANY })],
    ],
  ],
  [
    'a rate limit that persists',
    [
      ['secondary, 403', (path, method) => secondaryRateLimitFault(path, { method, times: MANY })],
      ['primary, 403', (path, method) => primaryRateLimitFault(path, { method, times: MANY })],
      ['429', (path, method) => tooManyRequestsFault(path, { method, times: MANY })],
    ],
  ],
  [
    'a refusal',
    [
      ['403', (path, method) => ({ method, path, status: 403, times: MANY, body: { message: 'Resource not accessible by integration' } })],
      ['404', (path, method) => ({ method, path, status: 404, times: MANY })],
    ],
  ],
  ['dropped connections', [['reset', (path, method) => ({ method, path, status: 0, reset: true, times: MANY })]]],
  ['an answer of the wrong shape', [['200', (path, method) => ({ method, path, status: 200, times: MANY, body: { message: 'not what you asked for' } })]]],
];

// One case per endpoint; the kinds, and each kind's variants, take turns.
const CASES = ENDPOINTS.map(([endpoint, method, path, kind], i) => {
  const [name, variants] = KINDS[i % KINDS.length] as (typeof KINDS)[number];
  const [variant, make] = variants[Math.floor(i / KINDS.length) % variants.length] as [string, MakeFault];
  return [`${name} (${variant}) on ${endpoint}`, { kind, method, path, make }] as const;
});

describe.concurrent('a blocked PR never carries a plangate success status under any API fault', () => {
  it('the fault-free runs: blocked, and every endpoint of the matrix is called', async () => {
    const runs = await Promise.all(
      SCENARIOS.map(async (kind) => {
        const gh = await fakeGitHub(scenario(kind));
        gh.faults.push(...scenarioFaults(kind));
        return runAction(gh, { inputs: AGENT });
      }),
    );
    expect(runs.map((r) => r.decision)).toEqual(['blocked', 'blocked', 'blocked', 'blocked', 'error']);
    for (const [endpoint, method, path, kind] of ENDPOINTS) {
      const run = runs[SCENARIOS.indexOf(kind)] as ActionRun;
      expect(
        run.requests.some((r) => r.method === method && (path.test(r.route) || path.test(r.path))),
        `${endpoint} is called`,
      ).toBe(true);
    }
  });

  it.concurrent.each(CASES)('%s', async (_, { kind, method, path, make }) => {
    const gh = await fakeGitHub(scenario(kind));
    const sha = pr(gh.state).head.sha;
    gh.faults.push(make(path, method), ...scenarioFaults(kind));
    const run = await runAction(gh, { inputs: AGENT });
    expect(DECISIONS).toContain(run.decision);
    expect(['blocked', 'error'], describeRun(run)).toContain(run.decision);
    expect(run.exitCode).toBe(1);
    const ours = (gh.state.statuses[sha] ?? []).filter((s) => s.context === 'plangate');
    expect(ours.filter((s) => s.state === 'success')).toEqual([]);
  });
});
