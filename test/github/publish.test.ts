// Publishing through the RepositoryApi seam: the pending mark, the status a
// decision earns, and what happens when GitHub refuses (threats 12 and 22).
import { describe, expect, it } from 'vitest';
import type { GateDecision } from '../../src/approval/types.js';
import { GitHubApiError } from '../../src/github/api.js';
import { errorResult, type GateResult } from '../../src/github/gate.js';
import { markPending, publishDecision, type PublishOptions } from '../../src/github/publish.js';
import { HEAD, StubRepositoryApi, stubState } from './stub-api.js';

const options: PublishOptions = { statusContext: 'plangate', comment: 'always', number: 7, headSha: HEAD, runUrl: 'https://github.com/acme/infra/actions/runs/1' };

function result(decision: GateDecision, base = { ref: 'main', protected: true }): GateResult {
  return {
    analysis: { files: [], changes: [], findings: [], ignored: [], errors: [], decision: decision === 'error' ? 'error' : decision === 'pass' ? 'pass' : 'blocked' },
    outcome: { decision, approvedBy: decision === 'approved' ? [{ login: 'ops-bob', id: 2 }] : [], missing: [], ignored: [], errors: decision === 'error' ? ['broken'] : [] },
    headSha: HEAD,
    base,
    rules: { path: '.github/plangate.yml', branch: 'main', sha: 'c'.repeat(40), found: false },
  };
}

describe('publishing a decision', () => {
  it('marks the head pending first', async () => {
    const api = new StubRepositoryApi(stubState());
    await markPending(api, options);
    expect(api.state.statuses).toEqual([{ sha: HEAD, state: 'pending', context: 'plangate', description: 'plangate is deciding', target_url: options.runUrl }]);
  });

  it.each([
    ['pass', true, 'success'],
    ['approved', true, 'success'],
    ['overridden', true, 'success'],
    ['blocked', true, 'failure'],
    ['error', true, 'failure'],
    ['pass', false, 'pending'],
    ['approved', false, 'pending'],
    ['blocked', false, 'failure'],
  ] as const)('%s into a %s base: %s', async (decision, protectedBase, state) => {
    const api = new StubRepositoryApi(stubState());
    const published = await publishDecision(api, result(decision, { ref: protectedBase ? 'main' : 'agent-base', protected: protectedBase }), options);
    expect(published.result.outcome.decision).toBe(decision);
    expect(api.state.statuses.map((s) => s.state)).toEqual([state]);
    const comment = api.state.comments[0]?.body ?? '';
    expect(comment).toContain('Rules: the built-in `recommended` pack (no `.github/plangate.yml` on `main` at `ccccccc`).');
    if (!protectedBase && decision !== 'blocked') {
      expect(api.state.statuses[0]?.description).toBe(`${decision} into agent-base, not a protected base: no success`);
      expect(comment).toMatch(/The base `agent-base` is not a protected base, so plangate posts no success/);
    }
  });

  it('a refused status turns a pass into an error and tries a failure; a 403 says what to do', async () => {
    const api = new StubRepositoryApi(stubState({ failing: { setStatus: new GitHubApiError('GitHub API POST /repos/acme/infra/statuses/x answered 403 (Resource not accessible by integration)', 403) } }));
    const published = await publishDecision(api, result('approved'), options);
    expect(published.result.outcome.decision).toBe('error');
    expect(published.result.outcome.errors.at(-1)).toMatch(/answered 403 .*a fork pull request gets a read-only token/);
    expect(api.calls.filter((c) => c.startsWith('setStatus'))).toEqual([`setStatus("${HEAD}", "success")`, `setStatus("${HEAD}", "failure")`]);
  });

  it('a comment that cannot be written after a success leaves a failure last', async () => {
    const api = new StubRepositoryApi(stubState({ failing: { comments: new GitHubApiError('GitHub API /repos/acme/infra/issues/7/comments answered 500', 500) } }));
    const published = await publishDecision(api, result('pass'), options);
    expect(published.result.outcome.decision).toBe('error');
    expect(published.result.outcome.errors.at(-1)).not.toMatch(/read-only token/);
    expect(api.state.statuses.map((s) => s.state)).toEqual(['success', 'failure']);
  });

  it('a blocked decision stays blocked when publishing fails, and still fails', async () => {
    const api = new StubRepositoryApi(stubState({ failing: { createComment: new GitHubApiError('no', 404) } }));
    const published = await publishDecision(api, result('blocked'), options);
    expect(published.result.outcome.decision).toBe('blocked');
    expect(api.state.statuses.map((s) => s.state)).toEqual(['failure', 'failure']);
  });

  it('an error result before the base is known earns a failure', async () => {
    const api = new StubRepositoryApi(stubState());
    await publishDecision(api, errorResult(HEAD, 'plans: no plan files given'), options);
    expect(api.state.statuses.map((s) => s.state)).toEqual(['failure']);
  });
});
