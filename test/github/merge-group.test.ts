// A merge queue's group against the local GitHub: every pull request in it
// needs a current passing decision recorded by plangate, and the group's plan
// may lose nothing protected beyond what those decisions approved.
import { describe, expect, it } from 'vitest';
import { RestDecisionApi } from '../../src/github/decision-api.js';
import { createFetchClient } from '../../src/github/fetch-client.js';
import { decideMergeGroup, type MergeGroup } from '../../src/github/merge-group.js';
import { planLabel } from '../../src/plan/label.js';
import { BASE_SHA, fakeSha, HEAD_SHA, makeCommit, newState, serverErrorFault, type FakePull, type GitHubServer, type GitHubState } from '../github-server/server.js';
import { addComment, BUCKET, DB, decisionComment, fakePerTest, planFile } from './verify-fixtures.js';

const plan = planFile();
const H8 = fakeSha('head of #8');
const Q7 = fakeSha('queue entry #7');
const Q8 = fakeSha('queue entry #8');
const fake = fakePerTest();

/**
 * #7 (deletes the database) and #8 (deletes the bucket) queued into main:
 * the queue's branch for #7 points at Q7 = base + #7, #8's at Q8 = Q7 + #8.
 * Each decision is approved, recorded by github-actions[bot], for its own delete.
 */
function queuedState(): GitHubState {
  const state = newState();
  const pr7 = state.pulls[7] as FakePull;
  const pr8: FakePull = { ...structuredClone(pr7), number: 8, title: 'Remove the uploads bucket', head: { sha: H8, ref: 'feature/bucket', repoFullName: 'acme/infra' }, commits: [makeCommit({ sha: H8, message: 'Remove the bucket', minutes: 5 })], comments: [] };
  state.pulls[8] = pr8;
  state.commitsBySha[Q7] = makeCommit({ sha: Q7, message: 'Merge pull request #7', parents: [BASE_SHA, HEAD_SHA], minutes: 20 });
  state.commitsBySha[Q8] = makeCommit({ sha: Q8, message: 'Merge pull request #8', parents: [Q7, H8], minutes: 21 });
  state.branches[`gh-readonly-queue/main/pr-7-${HEAD_SHA}`] = Q7;
  state.branches[`gh-readonly-queue/main/pr-8-${H8}`] = Q8;
  state.contents[Q8] = { ...state.contents[HEAD_SHA] };
  addComment(pr7, 'github-actions[bot]', decisionComment({ head: HEAD_SHA, decision: 'approved', plan: plan.path, addresses: [DB] }));
  addComment(pr8, 'github-actions[bot]', decisionComment({ head: H8, decision: 'approved', plan: plan.path, addresses: [BUCKET] }));
  return state;
}

const GROUP: MergeGroup = { headSha: Q8, headRef: `refs/heads/gh-readonly-queue/main/pr-8-${H8}`, baseSha: BASE_SHA, baseRef: 'refs/heads/main' };

async function decide(edit: (s: GitHubState) => void, variant: 'matching' | 'fewer' | 'extra' = 'matching', group: MergeGroup = GROUP, server?: (gh: GitHubServer) => void) {
  const state = queuedState();
  edit(state);
  const gh = await fake.start(state);
  server?.(gh);
  const api = new RestDecisionApi(createFetchClient({ token: state.token, baseUrl: gh.url, retryBaseMs: 1 }), 'acme', 'infra');
  const check = { plans: [planLabel(plan.at(variant))], config: '.github/plangate.yml', overrideLabel: 'plangate-override' };
  try {
    const result = await decideMergeGroup(api, group, { poster: 'github-actions[bot]', statusContext: 'plangate' }, check);
    return { decision: result.outcome.decision, text: [...result.outcome.missing, ...result.outcome.errors].join('\n') };
  } catch (error) {
    return { decision: 'thrown', text: String(error) };
  }
}

describe('merge groups', () => {
  it('passes when each pull request approved its own delete and the group deletes both', async () => {
    expect(await decide(() => undefined)).toEqual({ decision: 'approved', text: '' });
    expect((await decide(() => undefined, 'fewer')).decision).toBe('approved');
  });

  it('blocks a protected delete that no pull request in the group approved', async () => {
    const run = await decide(() => undefined, 'extra');
    expect(run.decision).toBe('blocked');
    expect(run.text).toMatch(/not approved: .*aws_db_instance\.replica \(delete\).*#7, #8/);
  });

  it('blocks when one pull request in the group is blocked, even though the other approved', async () => {
    const run = await decide((s) => {
      (s.pulls[8] as FakePull).comments = [];
      addComment(s.pulls[8] as FakePull, 'github-actions[bot]', decisionComment({ head: H8, decision: 'blocked', plan: plan.path, addresses: [BUCKET] }));
    }, 'fewer');
    expect(run.decision).toBe('blocked');
    expect(run.text).toMatch(/pull request #8 approved nothing: its last decision was blocked/);
  });

  it("ignores a decision forged in another account's comment", async () => {
    const run = await decide((s) => {
      const pr8 = s.pulls[8] as FakePull;
      pr8.comments = [];
      addComment(pr8, 'dev-alice', decisionComment({ head: H8, decision: 'approved', plan: plan.path, addresses: [BUCKET] }));
    });
    expect(run.decision).toBe('blocked');
    expect(run.text).toMatch(/#8 has no decision recorded by github-actions\[bot\]/);
  });

  it('refuses a queue branch that names a pull request the queue cannot hold: a merged one, whose old approval would cover the group (threat 68)', async () => {
    // #7's own decision approves nothing protected; an old merged #9 approved the database's delete.
    const H9 = fakeSha('head of #9');
    const outcome = await decide((s) => {
      const pr7 = s.pulls[7] as FakePull;
      pr7.comments = [];
      addComment(pr7, 'github-actions[bot]', decisionComment({ head: HEAD_SHA, decision: 'pass', plan: plan.path, addresses: [] }));
      const pr9: FakePull = { ...structuredClone(pr7), number: 9, state: 'closed', merged: true, head: { sha: H9, ref: 'feature/old', repoFullName: 'acme/infra' }, commits: [makeCommit({ sha: H9, message: 'old', minutes: 2 })], comments: [] };
      addComment(pr9, 'github-actions[bot]', decisionComment({ head: H9, decision: 'approved', plan: plan.path, addresses: [DB] }));
      s.pulls[9] = pr9;
      // Anyone with write access can create a branch under the queue's prefix unless a ruleset forbids it.
      s.branches[`gh-readonly-queue/main/pr-9-${H9}`] = Q7;
      (s.pulls[8] as FakePull).comments = [];
      addComment(s.pulls[8] as FakePull, 'github-actions[bot]', decisionComment({ head: H8, decision: 'approved', plan: plan.path, addresses: [BUCKET] }));
    });
    expect(outcome.decision).toBe('blocked');
    expect(outcome.text).toMatch(/pull request #9 is closed, so the merge queue cannot hold it/);
  });

  it('blocks a pull request whose head moved after it was queued', async () => {
    const run = await decide((s) => {
      (s.pulls[7] as FakePull).head.sha = fakeSha('pushed after queueing');
    });
    expect(run.decision).toBe('blocked');
    expect(run.text).toMatch(/#7 is now at [0-9a-f]{7}/);
  });

  it('fails closed when the head ref names no queue entry, or the queue has no branch for the head', async () => {
    expect((await decide(() => undefined, 'matching', { ...GROUP, headRef: 'refs/heads/main' })).text).toMatch(/not a merge queue branch/);
    expect((await decide(() => undefined, 'matching', { ...GROUP, baseRef: 'refs/heads/release' })).text).toMatch(/not a merge queue branch/);
    const gone = await decide((s) => {
      delete s.branches[`gh-readonly-queue/main/pr-8-${H8}`];
    });
    expect(gone.text).toMatch(/lists no merge queue branch/);
  });

  it('finds the earlier pull request through its queue branch: without it, the database delete is not approved', async () => {
    const run = await decide((s) => {
      delete s.branches[`gh-readonly-queue/main/pr-7-${HEAD_SHA}`];
    });
    expect(run.decision).toBe('blocked');
    expect(run.text).toMatch(/aws_db_instance\.production \(delete\)/);
  });

  it('an API error is an error, never a pass', async () => {
    const run = await decide(() => undefined, 'matching', GROUP, (server) => server.faults.push(serverErrorFault(/\/compare\//, { times: 10 })));
    expect(run.decision).toBe('thrown');
    expect(run.text).toMatch(/answered 500/);
  });
});
