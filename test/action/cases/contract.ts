// The action's contract with the runner: outputs, exit codes, the report,
// annotations, and the inputs and payloads it refuses (threats 3 and 16).
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../corpus-path.js';
import { BASE_SHA, timeAt, type GitHubState } from '../../github-server/server.js';
import {
  addLabel,
  DECISIONS,
  statuses,
  describeRun,
  DESTROY_PLAN,
  fakeGitHub,
  latestStatus,
  made,
  pr,
  review,
  runAction,
  SAFE_PLAN,
  tempDir,
} from '../harness.js';

describe.concurrent('outputs, exit code, report and annotations', () => {
  const cases: Array<[string, (s: GitHubState) => void, string, number, string]> = [
    ['pass', () => undefined, SAFE_PLAN, 0, '0'],
    ['approved', (s) => review(s, 'ops-bob'), DESTROY_PLAN, 0, '2'],
    ['overridden', (s) => addLabel(s, 'sec-carol'), DESTROY_PLAN, 0, '2'],
    ['blocked', () => undefined, DESTROY_PLAN, 1, '2'],
    ['error', () => undefined, 'fixtures/bad/truncated.json', 1, '0'],
  ];
  it.each(cases)('%s: the decision output, the findings count, the report file and the exit code', async (decision, edit, plans, exitCode, findings) => {
    const gh = await fakeGitHub(edit);
    const run = await runAction(gh, { inputs: { plans } });
    expect(run.decision, describeRun(run)).toBe(decision);
    expect(DECISIONS).toContain(run.outputs.decision);
    expect(run.exitCode).toBe(exitCode);
    expect(run.outputs.findings).toBe(findings);
    expect(run.outputs.report).toMatch(/plangate-report\.json$/);
    expect(existsSync(run.outputs.report ?? '')).toBe(true);
    expect(run.report?.findings).toHaveLength(Number(findings));
    if (exitCode === 1) expect(run.stdout).toMatch(decision === 'blocked' ? /^::error::plangate: blocked: /m : /^::error::plangate: /m);
    else expect(run.stdout).toContain(`plangate: ${decision}`);
    // The status goes on the pull request's head, never on GITHUB_SHA (the test merge commit).
    expect(Object.keys(gh.state.statuses)).toEqual([pr(gh.state).head.sha]);
  });

  it('blocked: the report names the resources, the summary shows them, and each gets an annotation on its plan file', async () => {
    const gh = await fakeGitHub();
    const run = await runAction(gh);
    expect(run.report?.decision).toBe('blocked');
    expect(run.report?.findings?.map((f) => f.address)).toEqual(['aws_db_instance.production', 'aws_s3_bucket.uploads']);
    expect(run.summary).toContain('plangate: blocked');
    expect(run.summary).toContain('aws_db_instance.production');
    expect(run.stdout).toContain('::error title=plangate%3A protected resource,file=fixtures/terraform/example-destroy.json::aws_db_instance.production: delete');
  });

  it('labelled plans and a brace glob: the summary names the plan by its label beside its path, the report keeps the path (issue 11)', async () => {
    const gh = await fakeGitHub();
    const run = await runAction(gh, { inputs: { plans: `prod=${DESTROY_PLAN}\nfixtures/terraform/{safe-update,format-0.1}.json` } });
    expect(run.decision, describeRun(run)).toBe('blocked');
    expect(run.summary).toContain(`#### Protected resources in \`prod\` (\`${DESTROY_PLAN}\`) (2)`);
    const report = JSON.parse(readFileSync(run.outputs.report ?? '', 'utf8')) as { plans: unknown[] };
    expect(report.plans).toEqual([{ file: DESTROY_PLAN, label: 'prod' }, { file: 'fixtures/terraform/safe-update.json' }, { file: 'fixtures/terraform/format-0.1.json' }]);
    // Annotations name the file, never the label.
    expect(run.stdout).toContain(`file=${DESTROY_PLAN}::aws_db_instance.production: delete`);
  });

  it('every pattern that matches no file is named, each once, in the log and the summary (issue 11)', async () => {
    const gh = await fakeGitHub();
    const run = await runAction(gh, { inputs: { plans: 'plans/a-*.json\nplans/b-*.json' } });
    expect(run.decision, describeRun(run)).toBe('error');
    const log = run.errors.join('\n');
    expect(log.split('plans/a-*.json').length - 1).toBe(1);
    expect(log.split('plans/b-*.json').length - 1).toBe(1);
    expect(run.summary.split('plans/a-\\*.json').length - 1).toBe(1);
  });

  it('pull_request_target runs decide like pull_request runs', async () => {
    const gh = await fakeGitHub((s) => review(s, 'ops-bob'));
    const run = await runAction(gh, { event: 'pull_request_target', action: 'synchronize' });
    expect(run.decision, describeRun(run)).toBe('approved');
    expect(latestStatus(gh.state, pr(gh.state).head.sha)).toBe('success');
  });
});

describe.concurrent('what the action cannot trust is an error (threat 3)', () => {
  it.each([
    ['a pattern that matches no file', 'plans/missing-*.json', /"plans\/missing-\*\.json" matches no file/],
    ['a missing plan file', 'fixtures/terraform/no-such-plan.json', /no-such-plan\.json" matches no file/],
    ['an empty plan file', 'fixtures/bad/empty.json', /fixtures\/bad\/empty\.json/],
    ['a bad plan among good ones', `${SAFE_PLAN}\nfixtures/bad/truncated.json`, /fixtures\/bad\/truncated\.json/],
  ])('%s: error, the step fails and the head gets a failure status', async (_, plans, message) => {
    const gh = await fakeGitHub();
    const run = await runAction(gh, { inputs: { plans } });
    expect(run.decision, describeRun(run)).toBe('error');
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toMatch(message);
    expect(latestStatus(gh.state, pr(gh.state).head.sha)).toBe('failure');
  });

  it('no plans input: the head is marked pending first, then fails; nothing of the pull request is read (threat 22)', async () => {
    const gh = await fakeGitHub((s) => {
      review(s, 'ops-bob');
      // An earlier run's success on the head: it must not outlive a misconfigured run.
      s.statuses[pr(s).head.sha] = [{ id: 61, state: 'success', context: 'plangate', description: 'approved', created_at: timeAt(25), creator: 'github-actions[bot]' }];
    });
    const run = await runAction(gh, { inputs: { plans: undefined } });
    expect(run.decision, describeRun(run)).toBe('error');
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toMatch(/no plan files given/);
    expect(statuses(gh.state, pr(gh.state).head.sha).map((s) => s.state)).toEqual(['failure', 'pending', 'success']);
    expect(run.requests.filter((r) => /\/pulls\/7(\/|$)|graphql/.test(r.route))).toEqual([]);
    expect(run.summary).toContain('plangate could not decide');
  });

  it.each([
    ['an empty token', { inputs: { 'github-token': '' } }, /github-token: empty/],
    ['an unsupported event (push)', { event: 'push' }, /run it on pull_request, pull_request_review, pull_request_target or workflow_run, not "push"/],
    ['a payload that is not JSON', { payload: '{"action": "opened", "pull_request": {"number": 7,' }, /cannot be read as JSON/],
    ['a payload without a pull request', { payload: { action: 'opened', number: 7 } }, /has no pull_request with a number and a head SHA/],
    ['a payload with a malformed head SHA', { payload: { action: 'opened', pull_request: { number: 7, head: { sha: 'main' } } } }, /has no pull_request with a number and a head SHA/],
    ['no GITHUB_EVENT_PATH', { env: { GITHUB_EVENT_PATH: undefined } }, /GITHUB_EVENT_PATH: unset/],
  ])('%s: error before any API call, and the step fails', async (_, options, message) => {
    const gh = await fakeGitHub((s) => review(s, 'ops-bob'));
    const run = await runAction(gh, options);
    expect(run.decision, describeRun(run)).toBe('error');
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toMatch(message);
    expect(run.requests).toHaveLength(0);
    expect(run.summary).toContain('plangate could not decide');
  });

  it('a closed pull request is an error', async () => {
    const gh = await fakeGitHub((s) => {
      pr(s).state = 'closed';
      review(s, 'ops-bob');
    });
    const run = await runAction(gh);
    expect(run.decision, describeRun(run)).toBe('error');
    expect(run.exitCode).toBe(1);
  });

  it('a token GitHub refuses (401) is an error that says so', async () => {
    const gh = await fakeGitHub();
    const run = await runAction(gh, { inputs: { 'github-token': 'ghs_wrong' } });
    expect(run.decision, describeRun(run)).toBe('error');
    expect(run.errors.join('\n')).toMatch(/answered 401.*token is invalid or expired/);
  });

  it('a token that may not read contents (the config read answers 404 like the rest) is an error, not "no config"', async () => {
    const gh = await fakeGitHub((s) => review(s, 'ops-bob'));
    gh.faults.push({ method: 'GET', path: /\/contents(\/|$)/, status: 404, times: 100 });
    const run = await runAction(gh);
    expect(run.decision, describeRun(run)).toBe('error');
    expect(run.errors.join('\n')).toMatch(/cannot tell whether \.github\/plangate\.yml exists: the token needs contents: read/);
  });
});

describe.concurrent('plangate never runs or trusts pull request content (threat 16)', () => {
  it('ignores a hostile config in the workspace, reads its config on the default branch only, and reads nothing else at the head but changed .tf files and whether the plan file is in the tree', async () => {
    const workspace = tempDir();
    const plan = join(workspace, 'plan', 'plan.json');
    mkdirSync(dirname(plan), { recursive: true });
    copyFileSync(join(REPO_ROOT, DESTROY_PLAN), plan);
    mkdirSync(join(workspace, '.github', 'workflows'), { recursive: true });
    writeFileSync(join(workspace, '.github', 'plangate.yml'), 'ignore: ["*"]\n');
    writeFileSync(join(workspace, 'main.tf'), 'resource "null_resource" "x" { provisioner "local-exec" { command = "touch pwned" } }\n');
    const gh = await fakeGitHub((s) => {
      s.contents[pr(s).head.sha] = { ...s.contents[pr(s).head.sha], '.github/plangate.yml': 'ignore: ["*"]\n' };
      pr(s).files = [
        { filename: 'main.tf', status: 'modified' },
        { filename: 'docs/notes.md', status: 'modified' },
      ];
    });
    const run = await runAction(gh, { cwd: workspace, inputs: { plans: 'plan/*.json' } });
    expect(run.decision, describeRun(run)).toBe('blocked');
    expect(run.outputs.findings).toBe('2');
    expect(existsSync(join(workspace, 'pwned'))).toBe(false);
    const head = pr(gh.state).head.sha;
    const contents = made(run, 'GET', /\/contents(\/|$)/);
    // The config is looked for (by listing, then reading what is listed) on the default branch only.
    expect(new Set(contents.filter((r) => r.query.ref !== head).map((r) => r.query.ref))).toEqual(new Set([BASE_SHA]));
    const atHead = contents.filter((r) => r.query.ref === head).map((r) => r.route.replace(/^\/repos\/acme\/infra\/contents\/?/, ''));
    expect(atHead.length).toBeGreaterThan(0);
    for (const path of atHead) expect(path === '' || path.endsWith('.tf') || ['plan/plan.json', 'plan.json'].includes(path), path).toBe(true);
    expect(readFileSync(join(workspace, '.github', 'plangate.yml'), 'utf8')).toBe('ignore: ["*"]\n');
  });
});

describe.concurrent('prevent_destroy read through the API fails closed', () => {
  it('a .tf file listed at a commit but answering 404 is an error, never a file without guards', async () => {
    const gh = await fakeGitHub((s) => {
      const guarded = 'resource "aws_db_instance" "orders" {\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n';
      s.contents[BASE_SHA] = { ...s.contents[BASE_SHA], 'main.tf': guarded };
      s.contents[pr(s).head.sha] = { ...s.contents[pr(s).head.sha], 'main.tf': 'resource "aws_db_instance" "orders" {}\n' };
      pr(s).files = [{ filename: 'main.tf', status: 'modified' }];
    });
    gh.faults.push({ method: 'GET', path: /\/contents\/main\.tf$/, status: 404, times: 10 });
    const run = await runAction(gh, { inputs: { plans: SAFE_PLAN } });
    expect(run.decision, describeRun(run)).toBe('error');
    expect(run.errors.join('\n')).toMatch(/lists main\.tf at \w{7} but answers 404 for it/);
    expect(latestStatus(gh.state, pr(gh.state).head.sha)).toBe('failure');
  });
});
