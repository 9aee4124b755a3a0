// Issue 10, points 3-5, end to end: the gate records its decision in its
// comment; after merge, `mode: verify` checks the plan about to be applied
// against it; a merge_group event is decided from the recorded decisions.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeRecord } from '../../../src/approval/record.js';
import { BASE_SHA, fakeSha, makeCommit, type GitHubState } from '../../github-server/server.js';
import { DESTROY_PLAN, describeRun, fakeGitHub, gateComments, latestStatus, pr, push, review, runAction, tempDir } from '../harness.js';
import { REPO_ROOT } from '../../corpus-path.js';

type Plan = { resource_changes: Array<{ address: string; name: string }> };

/** A workspace holding `plan.json`: the destroy plan, or the same with a second database deleted. */
function workspace(extra = false): string {
  const dir = tempDir();
  const plan = JSON.parse(readFileSync(join(REPO_ROOT, DESTROY_PLAN), 'utf8')) as Plan;
  const db = plan.resource_changes.find((r) => r.address === 'aws_db_instance.production') as Plan['resource_changes'][number];
  if (extra) plan.resource_changes.push({ ...db, address: 'aws_db_instance.replica', name: 'replica' });
  writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan));
  return dir;
}

const MERGE = fakeSha('merge of #7 (action)');

function merge(state: GitHubState): void {
  const pull = pr(state);
  Object.assign(pull, { state: 'closed', merged: true, mergeCommitSha: MERGE });
  state.commitsBySha[MERGE] = makeCommit({ sha: MERGE, message: 'Merge pull request #7', parents: [BASE_SHA, pull.head.sha], minutes: 60 });
  state.contents[MERGE] = { ...state.contents[pull.head.sha] };
  state.branches.main = MERGE;
}

describe.concurrent('apply time: the decision recorded, then verified (issue 10)', () => {
  it('a run for a head the pull request has moved on from (late, or re-run) leaves the recorded decision alone, before and after merge (threat 69)', async () => {
    const gh = await fakeGitHub(() => undefined);
    const oldHead = pr(gh.state).head.sha;
    push(gh.state, { minutes: 10 });
    review(gh.state, 'ops-bob', { minutes: 20 });
    const plans = workspace();
    const decided = await runAction(gh, { cwd: plans, inputs: { plans: 'plan.json' } });
    expect(decided.decision, describeRun(decided)).toBe('approved');
    const body = gateComments(gh.state)[0]?.body ?? '';
    const stale = await runAction(gh, { headSha: oldHead, cwd: plans, inputs: { plans: 'plan.json' }, env: { GITHUB_RUN_ATTEMPT: '2' } });
    expect(stale.decision, describeRun(stale)).toBe('error');
    expect(gateComments(gh.state)[0]?.body).toBe(body);
    merge(gh.state);
    const after = await runAction(gh, { headSha: oldHead, cwd: plans, inputs: { plans: 'plan.json' }, env: { GITHUB_RUN_ATTEMPT: '3' } });
    expect(after.decision, describeRun(after)).toBe('error');
    expect(gateComments(gh.state)[0]?.body).toBe(body);
  });

  it('the approved plan verifies after merge; one more protected delete does not', async () => {
    const gh = await fakeGitHub((s) => review(s, 'ops-bob', { minutes: 20 }));
    const plans = workspace();
    const decided = await runAction(gh, { cwd: plans, inputs: { plans: 'plan.json' } });
    expect(decided.decision, describeRun(decided)).toBe('approved');
    const body = gateComments(gh.state)[0]?.body ?? '';
    const record = decodeRecord(body.split('\n')[1] ?? '');
    expect(record).toMatchObject({ head: pr(gh.state).head.sha, decision: 'approved', by: ['ops-bob'], count: 2, base: { ref: 'main', protected: true } });
    expect(record?.changes).toEqual([
      ['plan.json', 'aws_db_instance.production', 'delete'],
      ['plan.json', 'aws_s3_bucket.uploads', 'delete'],
    ]);
    const report = JSON.parse(readFileSync(decided.outputs.report ?? '', 'utf8')) as { record?: unknown };
    expect(report.record).toEqual(record);

    merge(gh.state);
    // A review after merge re-runs the gate: an error for a closed pull request, which leaves the recorded decision alone.
    review(gh.state, 'sec-carol', { minutes: 70 });
    const late = await runAction(gh, { event: 'pull_request_review', cwd: plans, inputs: { plans: 'plan.json' } });
    expect(late.decision, describeRun(late)).toBe('error');
    expect(gateComments(gh.state)[0]?.body).toBe(body);
    const verify = { mode: 'verify', plans: 'plan.json', commit: MERGE, poster: 'github-actions[bot]' };
    const ok = await runAction(gh, { event: 'push', cwd: plans, inputs: verify });
    expect(ok.decision, describeRun(ok)).toBe('approved');
    expect(ok.exitCode).toBe(0);
    // Verify writes nothing: REST reads and GraphQL queries only.
    expect(ok.requests.filter((r) => r.method !== 'GET' && r.route !== '/graphql')).toEqual([]);
    expect(ok.requests.filter((r) => /^\s*mutation/.test(r.graphql?.query ?? ''))).toEqual([]);

    const extra = await runAction(gh, { event: 'push', cwd: workspace(true), inputs: verify });
    expect(extra.decision, describeRun(extra)).toBe('blocked');
    expect(extra.exitCode).toBe(1);
    expect(extra.errors.join('\n')).toMatch(/not approved: plan\.json: aws_db_instance\.replica \(delete\)/);
  });

  it('verify without a poster, on an app token, is an error naming the input', async () => {
    const gh = await fakeGitHub(merge);
    const run = await runAction(gh, { event: 'push', cwd: workspace(), inputs: { mode: 'verify', plans: 'plan.json', commit: MERGE } });
    expect(run.decision, describeRun(run)).toBe('error');
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toMatch(/poster/);
  });
});

const webhooks = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@octokit/webhooks-examples'), 'utf8')) as Array<{ name: string; examples: Array<Record<string, unknown>> }>;
const MERGE_GROUP_EXAMPLE = webhooks.find((w) => w.name === 'merge_group')?.examples[0] as { merge_group: Record<string, unknown> };

describe.concurrent('merge queue: a merge_group event (issue 10)', () => {
  /** #7 decided by the gate, then queued alone: the queue's branch for it points at Q7 = base + #7. */
  async function queued() {
    const gh = await fakeGitHub((s) => review(s, 'ops-bob', { minutes: 20 }));
    const decided = await runAction(gh, { cwd: workspace(), inputs: { plans: 'plan.json' } });
    expect(decided.decision, describeRun(decided)).toBe('approved');
    const head = pr(gh.state).head.sha;
    const q7 = fakeSha('queue entry for #7');
    gh.state.commitsBySha[q7] = makeCommit({ sha: q7, message: 'Merge pull request #7', parents: [BASE_SHA, head], minutes: 70 });
    gh.state.contents[q7] = { ...gh.state.contents[head] };
    gh.state.branches[`gh-readonly-queue/main/pr-7-${head}`] = q7;
    const payload = { ...MERGE_GROUP_EXAMPLE, merge_group: { ...MERGE_GROUP_EXAMPLE.merge_group, head_sha: q7, head_ref: `refs/heads/gh-readonly-queue/main/pr-7-${head}`, base_sha: BASE_SHA, base_ref: 'refs/heads/main' } };
    return { gh, q7, payload };
  }

  it("the group's head passes when its plan is what #7's decision approved, and fails with one more protected delete", async () => {
    const { gh, q7, payload } = await queued();
    const pass = await runAction(gh, { event: 'merge_group', payload, cwd: workspace(), inputs: { plans: 'plan.json' } });
    expect(pass.decision, describeRun(pass)).toBe('approved');
    expect(latestStatus(gh.state, q7)).toBe('success');

    const fail = await runAction(gh, { event: 'merge_group', payload, cwd: workspace(true), inputs: { plans: 'plan.json' } });
    expect(fail.decision, describeRun(fail)).toBe('blocked');
    expect(fail.exitCode).toBe(1);
    expect(latestStatus(gh.state, q7)).toBe('failure');
  });

  it('a merge_group payload without its group is an error, never a pass', async () => {
    const { gh } = await queued();
    const run = await runAction(gh, { event: 'merge_group', payload: { action: 'checks_requested' }, cwd: workspace(), inputs: { plans: 'plan.json' } });
    expect(run.decision, describeRun(run)).toBe('error');
    expect(run.exitCode).toBe(1);
  });
});
