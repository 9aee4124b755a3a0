// The override label (issue 5, point 5; threats 9, 19, 20), end to end. The
// head branch was pushed at BASE_TIME + 1 min (its activity, which is how
// plangate learns when the head arrived); labels are added at + 30 min.
import { describe, expect, it } from 'vitest';
import { timeAt, type GitHubState } from '../../github-server/server.js';
import { addLabel, commentText, describeRun, fakeGitHub, latestStatus, pr, push, removeLabel, runAction, type ActionRun } from '../harness.js';

async function decide(edit: (state: GitHubState) => void, inputs: Record<string, string> = {}): Promise<{ run: ActionRun; state: GitHubState }> {
  const gh = await fakeGitHub(edit);
  const run = await runAction(gh, { inputs, event: 'pull_request', action: 'labeled', label: inputs['override-label'] ?? 'plangate-override' });
  return { run, state: gh.state };
}

function expectOverridden(run: ActionRun, state: GitHubState, by: string, at: string): void {
  expect(run.decision, describeRun(run)).toBe('overridden');
  expect(run.exitCode).toBe(0);
  expect(latestStatus(state, pr(state).head.sha)).toBe('success');
  expect(commentText(state)).toContain(`overridden by @${by} at ${at} (override label)`);
}

function expectBlocked(run: ActionRun, state: GitHubState, reason: RegExp): void {
  expect(run.decision, describeRun(run)).toBe('blocked');
  expect(run.exitCode).toBe(1);
  expect(latestStatus(state, pr(state).head.sha)).toBe('failure');
  expect(commentText(state)).toMatch(reason);
}

describe.concurrent('the override label', () => {
  it('added after the head was pushed by a qualifying person: overridden, and the comment names who and when', async () => {
    const { run, state } = await decide((s) => addLabel(s, 'sec-carol', { minutes: 30 }));
    expectOverridden(run, state, 'sec-carol', timeAt(30));
    expect(run.requests.some((r) => r.route.endsWith('/activity') && r.query.ref === 'refs/heads/feature/cleanup')).toBe(true);
  });

  it('the override-label input names the label when the repository has no config', async () => {
    const { run, state } = await decide((s) => addLabel(s, 'sec-carol', { label: 'ops-override' }), { 'override-label': 'ops-override' });
    expectOverridden(run, state, 'sec-carol', timeAt(30));
  });

  it('added through a GitHub App (performed_via_github_app) never counts, whoever the actor', async () => {
    const { run, state } = await decide((s) => addLabel(s, 'sec-carol', { viaApp: 'dependabot' }));
    expectBlocked(run, state, /the plangate-override label added by @sec-carol does not count: it was added through a GitHub App/);
  });

  it('added by someone who may not approve (the author, a bot, a read-only user) never counts', async () => {
    const runs = await Promise.all(['dev-alice', 'github-actions[bot]', 'outside-dave'].map((actor) => decide((s) => addLabel(s, actor))));
    const [author, bot, outsider] = runs;
    expectBlocked(author!.run, author!.state, /label added by @dev-alice does not count: dev-alice is part of the authoring identity/);
    expectBlocked(bot!.run, bot!.state, /label added by @github-actions\[bot\] does not count: github-actions\[bot\] is a Bot/);
    expectBlocked(outsider!.run, outsider!.state, /label added by @outside-dave does not count: outside-dave's role is none/);
  });

  it('only the latest labeled event counts: a qualifying label later re-added by the author does not', async () => {
    const { run, state } = await decide((s) => {
      addLabel(s, 'sec-carol', { minutes: 30 });
      removeLabel(s, 'dev-alice', { minutes: 31 });
      addLabel(s, 'dev-alice', { minutes: 32 });
    });
    expectBlocked(run, state, /label added by @dev-alice does not count/);
  });

  it('added before the current head was pushed does not count', async () => {
    const { run, state } = await decide((s) => {
      addLabel(s, 'sec-carol', { minutes: 30 });
      push(s, { minutes: 45 });
    });
    expectBlocked(run, state, /label added by @sec-carol does not count: it was added before the current head [0-9a-f]{7} arrived on the pull request/);
  });

  it('with no push of the head branch on record, plangate cannot tell when the head arrived: an error', async () => {
    const { run, state } = await decide((s) => {
      addLabel(s, 'sec-carol');
      s.activity = {};
    });
    expect(run.decision, describeRun(run)).toBe('error');
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toMatch(/GitHub lists no push to acme\/infra:feature\/cleanup/);
    expect(latestStatus(state, pr(state).head.sha)).toBe('failure');
  });

  it('a push after an override invalidates it; removing the label resets it', async () => {
    // Overridden, then a push: blocked on the new head.
    const gh = await fakeGitHub((s) => addLabel(s, 'sec-carol', { minutes: 30 }));
    const first = await runAction(gh, { action: 'labeled', label: 'plangate-override' });
    expectOverridden(first, gh.state, 'sec-carol', timeAt(30));
    const oldHead = pr(gh.state).head.sha;
    push(gh.state, { minutes: 45 });
    const afterPush = await runAction(gh, { action: 'synchronize' });
    expectBlocked(afterPush, gh.state, /added before the current head/);

    // Added again after the push: overridden; then removed: blocked again.
    addLabel(gh.state, 'sec-carol', { minutes: 50 });
    expectOverridden(await runAction(gh, { action: 'labeled', label: 'plangate-override' }), gh.state, 'sec-carol', timeAt(50));
    removeLabel(gh.state, 'sec-carol', { minutes: 55 });
    const removed = await runAction(gh, { action: 'unlabeled', label: 'plangate-override' });
    expect(removed.decision, describeRun(removed)).toBe('blocked');
    expect(latestStatus(gh.state, pr(gh.state).head.sha)).toBe('failure');
    expect(commentText(gh.state)).not.toContain('overridden by');
    // Nothing of the override moved to the new head but through a new label, and the old head's success
    // was taken off once the new head was decided: a force-push back to it needs a new label too (threat 70).
    expect(latestStatus(gh.state, oldHead)).toBe('failure');
    expect(gh.state.pulls[7]?.comments.filter((c) => c.body.includes('<!-- plangate:plangate -->'))).toHaveLength(1);
  });
});
