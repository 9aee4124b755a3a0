// Plan once, decide many times (issue 10, points 1 and 2), end to end: the
// gate takes the plan from the plan workflow's artifact for the pull
// request's current head (plans-from: artifact), on review events and on
// workflow_run events of the plan and trigger workflows, with the real
// workflow_run payload of @octokit/webhooks-examples made to match the state.
// Every way to get a plan that is not the head commit's own, or to decide a
// pull request that is not the one the commit heads, ends in `error` and a
// failure on the head, never in a success.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../corpus-path.js';
import { addPlanRun, HEAD_SHA, PLAN_WORKFLOW, type FakePull, type GitHubServer, type GitHubState, type PlanRunOptions } from '../../github-server/server.js';
import { commentText, describeRun, DESTROY_PLAN, fakeGitHub, issueEvent, latestStatus, made, pr, push, review, runAction, SAFE_PLAN, statuses, tempDir, type ActionRun, type RunOptions } from '../harness.js';

const ARTIFACT_INPUTS = { plans: undefined, 'plans-from': 'artifact', 'plan-workflow': 'plan.yml' };
const planFile = (path: string) => [{ name: 'plan.json', data: readFileSync(join(REPO_ROOT, path)) }];
const head = (state: GitHubState) => pr(state).head.sha;

/** The fake with `actions: read` for the token and, unless `run` is null, a successful plan run for the head with the destroy plan. */
async function withPlan(edit: (state: GitHubState) => void = () => undefined, run: PlanRunOptions | null = {}): Promise<GitHubServer> {
  return fakeGitHub((s) => {
    s.tokenPermissions.actions = 'read';
    s.workflows = [PLAN_WORKFLOW];
    edit(s);
    if (run) addPlanRun(s, { files: planFile(DESTROY_PLAN), ...run });
  });
}

const catalogue = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@octokit/webhooks-examples'), 'utf8')) as Array<{ name: string; examples: Array<Record<string, unknown>> }>;
const EXAMPLE = catalogue.find((c) => c.name === 'workflow_run')?.examples.find((e) => e.action === 'completed' && (e.workflow_run as { conclusion?: unknown }).conclusion === 'success');

/**
 * GitHub's real `workflow_run` `completed` payload, made to be about the state's repository and
 * a run of `name` (on `event`) for `sha`; `pullRequests` as GitHub lists them (none for a fork).
 */
function workflowRunPayload(state: GitHubState, options: { sha: string; event?: string; name?: string; headRepo?: string; pullRequests?: FakePull[]; action?: string }): Record<string, unknown> {
  if (!EXAMPLE) throw new Error('@octokit/webhooks-examples has no completed workflow_run');
  const payload = structuredClone(EXAMPLE) as Record<string, Record<string, unknown>>;
  const full = `${state.repo.owner}/${state.repo.name}`;
  const run = payload.workflow_run as Record<string, unknown> & { repository: Record<string, unknown>; head_repository: Record<string, unknown> };
  Object.assign(payload.repository as object, { id: state.repo.id, name: state.repo.name, full_name: full, default_branch: state.repo.defaultBranch });
  Object.assign(run.repository, { id: state.repo.id, name: state.repo.name, full_name: full });
  Object.assign(run.head_repository, { name: state.repo.name, full_name: options.headRepo ?? full });
  Object.assign(run, {
    name: options.name ?? 'plan',
    event: options.event ?? 'pull_request',
    head_sha: options.sha,
    head_branch: pr(state).head.ref,
    pull_requests: (options.pullRequests ?? []).map((p) => ({ number: p.number, head: { sha: p.head.sha, ref: p.head.ref }, base: { sha: p.base.sha, ref: p.base.ref } })),
  });
  if (options.action) (payload as Record<string, unknown>).action = options.action;
  return payload;
}

async function onWorkflowRun(gh: GitHubServer, options: Parameters<typeof workflowRunPayload>[1], run: Partial<RunOptions> = {}): Promise<ActionRun> {
  return runAction(gh, { event: 'workflow_run', payload: workflowRunPayload(gh.state, options), headSha: options.sha, inputs: ARTIFACT_INPUTS, ...run });
}

/** The run failed the step, left no success on the pull request's head and said `message` in one error line. */
function expectError(run: ActionRun, state: GitHubState, message: RegExp): void {
  expect(run.decision, describeRun(run)).toBe('error');
  expect(run.exitCode).toBe(1);
  expect(statuses(state, head(state)).map((s) => s.state)).not.toContain('success');
  expect(run.errors.join('\n')).toMatch(message);
}

describe.concurrent('plans-from: artifact on pull request events', () => {
  it('a review decides from the plan run\'s artifact, with no plan in the workspace and no plan job', async () => {
    const gh = await withPlan((s) => void review(s, 'ops-bob', { minutes: 20 }));
    const empty = tempDir();
    const run = await runAction(gh, { event: 'pull_request_review', inputs: ARTIFACT_INPUTS, cwd: empty });
    expect(run.decision, describeRun(run)).toBe('approved');
    expect(latestStatus(gh.state, head(gh.state))).toBe('success');
    expect(run.report?.findings?.length).toBeGreaterThan(0);
    expect(commentText(gh.state)).toContain('`plan.json`');
    expect(made(run, 'GET', /\/actions\/artifacts\/\d+\/zip$/)).toHaveLength(1);
  });

  it('an approval given before the plan was made again on the same head (closed and reopened, or re-run) does not count (threat 66)', async () => {
    // The review at minute 20 saw the plan of an earlier run; the plan decided now was uploaded at minute 33.
    const gh = await withPlan((s) => void review(s, 'ops-bob', { minutes: 20 }), { minutes: 30 });
    const run = await runAction(gh, { event: 'pull_request_review', inputs: ARTIFACT_INPUTS });
    expect(run.decision, describeRun(run)).toBe('blocked');
    expect(latestStatus(gh.state, head(gh.state))).toBe('failure');
    expect(commentText(gh.state)).toMatch(/given before the plan being decided was made/);
  });

  it('without an approval the same artifact blocks, and the comment says why', async () => {
    const gh = await withPlan();
    const run = await runAction(gh, { event: 'pull_request_review', inputs: ARTIFACT_INPUTS });
    expect(run.decision, describeRun(run)).toBe('blocked');
    expect(latestStatus(gh.state, head(gh.state))).toBe('failure');
  });

  it.each<[string, PlanRunOptions | null, RegExp]>([
    ['no plan run for the head', null, /plan.yml has not run on pull_request for this commit/],
    ['a failed plan run', { conclusion: 'failure' }, /ended failure/],
    ['a cancelled plan run', { conclusion: 'cancelled' }, /ended cancelled/],
    ['an expired artifact', { artifact: { expired: true } }, /it expired/],
    ['a plan run on a fork', { headRepo: 'mallory/infra' }, /ran on mallory\/infra, not on the pull request's head repository acme\/infra/],
    ['a zip that climbs out of the archive', { files: [{ name: '../plan.json', data: '{}' }] }, /would escape the archive/],
  ])('%s: error, a failure on the head, and a comment naming the run and artifact', async (_, planRun, message) => {
    const gh = await withPlan(() => undefined, planRun);
    const run = await runAction(gh, { event: 'pull_request_review', inputs: ARTIFACT_INPUTS });
    expectError(run, gh.state, message);
    expect(latestStatus(gh.state, head(gh.state))).toBe('failure');
    expect(commentText(gh.state)).toMatch(new RegExp(`the artifact "plangate-plan-7-${head(gh.state)}" of the latest pull_request run of plan.yml`));
    expect(commentText(gh.state)).toMatch(message);
  });

  it('a plan of an older head does not decide the new head', async () => {
    const gh = await withPlan();
    push(gh.state, { minutes: 50 });
    const run = await runAction(gh, { event: 'pull_request_review', inputs: ARTIFACT_INPUTS });
    expectError(run, gh.state, /has not run on pull_request for this commit/);
  });

  it('a plan made before the pull request was retargeted does not decide it (the plan merged another base)', async () => {
    const gh = await withPlan((s) => {
      review(s, 'ops-bob', { minutes: 40 });
      issueEvent(s, 'base_ref_changed', 'dev-alice', 30);
    }, { minutes: 5 });
    const run = await runAction(gh, { event: 'pull_request_review', inputs: ARTIFACT_INPUTS });
    expectError(run, gh.state, /before the pull request changed its base at .*, so it planned the merge into the old base/);
  });

  it('a pull request that changes the plan workflow is a gate-file finding, whatever its plan says', async () => {
    const gh = await withPlan((s) => {
      pr(s).files = [{ filename: '.github/workflows/plan.yml', status: 'modified', additions: 3, deletions: 1 }];
    }, { files: planFile(SAFE_PLAN) });
    const run = await runAction(gh, { event: 'pull_request_review', inputs: ARTIFACT_INPUTS });
    expect(run.decision, describeRun(run)).toBe('blocked');
    expect(run.report?.findings?.map((f) => f.address)).toEqual(['.github/workflows/plan.yml']);
  });

  it('the newer plan run of a closed pull request with the same head, into another base, is not this one\'s plan', async () => {
    const gh = await withPlan((s) => {
      review(s, 'ops-bob', { minutes: 20 });
      s.pulls[8] = { ...structuredClone(pr(s)), number: 8, state: 'closed', base: { ...pr(s).base, ref: 'sandbox' } };
      addPlanRun(s, { minutes: 4, files: planFile(DESTROY_PLAN) });
    }, { minutes: 9, artifactName: `plangate-plan-8-${HEAD_SHA}`, files: planFile(SAFE_PLAN) });
    const run = await runAction(gh, { event: 'pull_request_review', inputs: ARTIFACT_INPUTS });
    expectError(run, gh.state, /pull request #8 \(open or closed\) has the same head commit/);
  });

  it('an artifact name without the pull request\'s number is refused', async () => {
    const gh = await withPlan();
    const run = await runAction(gh, { event: 'pull_request_review', inputs: { ...ARTIFACT_INPUTS, 'plan-artifact': 'plan-{head-sha}' } });
    expectError(run, gh.state, /plan-artifact: expected an artifact name .* that holds \{number\}/);
  });

  it('plan-workflow is required, as a file name', async () => {
    const gh = await withPlan();
    const missing = await runAction(gh, { event: 'pull_request_review', inputs: { ...ARTIFACT_INPUTS, 'plan-workflow': undefined } });
    expectError(missing, gh.state, /plan-workflow: expected the file name of the workflow .* for example `plan-workflow: plan.yml`/);
    const path = await runAction(gh, { event: 'pull_request_review', inputs: { ...ARTIFACT_INPUTS, 'plan-workflow': '.github/workflows/plan.yml' } });
    expectError(path, gh.state, /plan-workflow: expected the file name/);
  });
});

describe.concurrent('the gate on workflow_run (the default branch\'s workflow, a write token, no pull request content)', () => {
  it('the plan workflow\'s completion decides: blocked, with the status on the pull request\'s head', async () => {
    const gh = await withPlan();
    const run = await onWorkflowRun(gh, { sha: head(gh.state), pullRequests: [pr(gh.state)] });
    expect(run.decision, describeRun(run)).toBe('blocked');
    expect(latestStatus(gh.state, head(gh.state))).toBe('failure');
    expect(Object.keys(gh.state.statuses)).toEqual([head(gh.state)]);
    expect(commentText(gh.state)).toMatch(/plangate: blocked/);
  });

  it('the trigger workflow\'s completion after a review decides from the existing artifact: approved', async () => {
    const gh = await withPlan((s) => void review(s, 'ops-bob', { minutes: 20 }));
    const run = await onWorkflowRun(gh, { sha: head(gh.state), name: 'plangate-trigger', event: 'pull_request_review', pullRequests: [pr(gh.state)] });
    expect(run.decision, describeRun(run)).toBe('approved');
    expect(latestStatus(gh.state, head(gh.state))).toBe('success');
    // Nothing but the plan workflow's runs was asked for: the trigger run itself holds no plan.
    expect(made(run, 'GET', /\/actions\/workflows\/[^/]+\/runs$/).map((r) => r.route)).toEqual([`/repos/acme/infra/actions/workflows/61000001/runs`]);
  });

  it('a fork pull request (pull_requests empty) is found by its head SHA and decided', async () => {
    const gh = await withPlan(
      (s) => {
        pr(s).head.repoFullName = 'mallory/infra';
        s.users.mallory = { login: 'mallory', id: 1666, type: 'User' };
      },
      { headRepo: 'mallory/infra', files: planFile(SAFE_PLAN) },
    );
    const run = await onWorkflowRun(gh, { sha: head(gh.state), headRepo: 'mallory/infra', pullRequests: [] });
    expect(run.decision, describeRun(run)).toBe('pass');
    expect(latestStatus(gh.state, head(gh.state))).toBe('success');
    expect(made(run, 'GET', /\/pulls$/).length).toBeGreaterThan(0);
  });

  it('a run for a commit that is no longer the head: error on that commit, nothing on the new head', async () => {
    const gh = await withPlan();
    const old = head(gh.state);
    const now = push(gh.state, { minutes: 50 });
    // A pull request whose head the old commit still is would be decided; here no open one is.
    const run = await onWorkflowRun(gh, { sha: old, pullRequests: [] });
    expect(run.decision, describeRun(run)).toBe('error');
    expect(run.errors.join('\n')).toMatch(/no open pull request has that head/);
    expect(latestStatus(gh.state, old)).toBe('failure');
    expect(statuses(gh.state, now)).toEqual([]);
  });

  it('two open pull requests with the run\'s head: neither is decided, and the commit carries a failure', async () => {
    const gh = await withPlan((s) => {
      s.pulls[8] = { ...structuredClone(pr(s)), number: 8, title: 'Same commit, another base', base: { ...pr(s).base, ref: 'release' } };
    }, { files: planFile(SAFE_PLAN) });
    const run = await onWorkflowRun(gh, { sha: head(gh.state), pullRequests: [pr(gh.state)] });
    expectError(run, gh.state, /the head of pull requests #7, #8, and a commit status cannot tell them apart/);
    expect(latestStatus(gh.state, head(gh.state))).toBe('failure');
    expect(made(run, 'POST', /\/issues\/\d+\/comments$/)).toEqual([]);
  });

  it('plans from the workspace are refused on workflow_run, even when a plan file is there', async () => {
    const gh = await withPlan(() => undefined, { files: planFile(SAFE_PLAN) });
    const run = await onWorkflowRun(gh, { sha: head(gh.state), pullRequests: [pr(gh.state)] }, { inputs: { plans: SAFE_PLAN } });
    const missing = await onWorkflowRun(gh, { sha: head(gh.state), pullRequests: [pr(gh.state)] }, { inputs: { plans: 'no-such-plan.json' } });
    expectError(missing, gh.state, /a gate on workflow_run must decide from the plan workflow's artifact/);
    expectError(run, gh.state, /a gate on workflow_run must decide from the plan workflow's artifact, never from its own workspace: set `plans-from: artifact`/);
    expect(latestStatus(gh.state, head(gh.state))).toBe('failure');
  });

  it('a requested (not completed) workflow_run is not decided', async () => {
    const gh = await withPlan(() => undefined, { files: planFile(SAFE_PLAN) });
    const run = await onWorkflowRun(gh, { sha: head(gh.state), action: 'requested' });
    expect(run.decision, describeRun(run)).toBe('error');
    expect(run.errors.join('\n')).toMatch(/run the gate on `workflow_run: types: \[completed\]`/);
    expect(statuses(gh.state, head(gh.state)).map((s) => s.state)).not.toContain('success');
  });

  it('a run of a push or dispatch event is refused before any status is posted', async () => {
    const gh = await withPlan(() => undefined, { files: planFile(SAFE_PLAN) });
    const run = await onWorkflowRun(gh, { sha: head(gh.state), event: 'push' });
    expect(run.decision, describeRun(run)).toBe('error');
    expect(run.errors.join('\n')).toMatch(/ran on push, not on a pull request event/);
    expect(run.requests).toEqual([]);
  });

  it('a plan run that is still in progress when a review arrives: error until it completes', async () => {
    const gh = await withPlan((s) => void review(s, 'ops-bob', { minutes: 20 }), { status: 'in_progress', files: planFile(SAFE_PLAN) });
    const run = await onWorkflowRun(gh, { sha: head(gh.state), name: 'plangate-trigger', event: 'pull_request_review', pullRequests: [pr(gh.state)] });
    expectError(run, gh.state, /is in_progress: the gate decides again when it completes/);
  });

  it('a later commit pushed by someone else does not inherit the decision of the old head\'s plan', async () => {
    const gh = await withPlan((s) => void review(s, 'ops-bob', { minutes: 20 }));
    const now = push(gh.state, { minutes: 40 });
    const run = await onWorkflowRun(gh, { sha: now, name: 'plangate-trigger', event: 'pull_request_review', pullRequests: [pr(gh.state)] });
    expectError(run, gh.state, /plan.yml has not run on pull_request for this commit/);
  });
});
