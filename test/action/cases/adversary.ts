// Bypasses a second attack on the gate found, end to end: the bundled action
// against the GitHub-shaped server. Each test asserts the secure outcome (no
// success on the head without a qualifying human), and each failed while its
// bypass was open. The stub-based counterparts are in
// test/github/adversary-2.test.ts.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../corpus-path.js';
import { BASE_SHA, type GitHubState } from '../../github-server/server.js';
import { describeRun, DESTROY_PLAN, fakeGitHub, latestStatus, mainConfig, pr, runAction, SAFE_PLAN, tempDir, type ActionRun } from '../harness.js';

const head = (state: GitHubState) => pr(state).head.sha;
const SAFE_TEXT = readFileSync(join(REPO_ROOT, SAFE_PLAN), 'utf8');

/** Not green: the decision does not pass and no success is the head's latest status. */
function expectNoSuccess(run: ActionRun, state: GitHubState): void {
  expect(['blocked', 'error'], describeRun(run)).toContain(run.decision);
  expect(latestStatus(state, head(state))).not.toBe('success');
}

describe.concurrent('second attack: one status context, several decisions', () => {
  it('a blocked stack stays blocked when another plangate step on the same head passes (matrix, second workflow, or a re-run of that job)', async () => {
    // A matrix over stacks (or a Terraform and a CloudFormation workflow) runs plangate once per
    // stack, each under the default status context `plangate` on the same head. The database
    // stack's run blocks (failure); the network stack's run passes and posts success over it: the
    // ruleset sees only the latest status of the context. The author needs no race: "Re-run job"
    // on the passing stack (write access may re-run jobs) posts its success last, and runGate
    // accepts a re-run whose head is still the PR's head.
    const gh = await fakeGitHub();
    const database = await runAction(gh, { inputs: { plans: DESTROY_PLAN }, env: { GITHUB_JOB: 'plan', GITHUB_WORKFLOW: 'terraform' } });
    expect(database.decision, describeRun(database)).toBe('blocked');
    expect(latestStatus(gh.state, head(gh.state))).toBe('failure');
    const network = await runAction(gh, { inputs: { plans: SAFE_PLAN }, env: { GITHUB_JOB: 'plan', GITHUB_WORKFLOW: 'terraform' } });
    // Its own plan passes, but another gate's decision shares the status context: an error that says so.
    expect(network.decision, describeRun(network)).toBe('error');
    expect(network.errors.join('\n')).toMatch(/another plangate run .* give each gate its own status-context input/);
    // The destructive plan of this head is still unapproved.
    expect(latestStatus(gh.state, head(gh.state))).not.toBe('success');
    // Under a status context of its own, the same gate passes.
    const own = await runAction(gh, { inputs: { plans: SAFE_PLAN, 'status-context': 'plangate/network' }, env: { GITHUB_JOB: 'plan', GITHUB_WORKFLOW: 'terraform' } });
    expect(own.decision, describeRun(own)).toBe('pass');
  });
});

describe.concurrent('second attack: the config path input and the gate files', () => {
  it('with `config: /.github/plangate.yml` a pull request that loosens .github/plangate.yml is still a gate change', async () => {
    // The contents API reads the config at "/.github/plangate.yml" (the leading slash is dropped),
    // but gateFileGlobs keeps it, and minimatch never matches "/.github/plangate.yml" against the
    // changed file ".github/plangate.yml". The PR sets `ignore: ["**"]` for every later PR, with no
    // finding, so with a harmless plan it passes without any human.
    const gh = await fakeGitHub((s) => {
      mainConfig(s, 'gate-approvers: { users: [sec-carol] }\n');
      s.contents[head(s)] = { ...s.contents[head(s)], '.github/plangate.yml': 'ignore: ["**"]\n' };
      pr(s).files = [{ filename: '.github/plangate.yml', status: 'modified', additions: 1, deletions: 1 }];
    });
    const run = await runAction(gh, { inputs: { plans: SAFE_PLAN, config: '/.github/plangate.yml' } });
    // Refused: one spelling of the path reads the config and recognises a change to it.
    expectNoSuccess(run, gh.state);
    expect(run.errors.join('\n')).toMatch(/config: expected a path relative to the repository root, without a leading \//);
  });
});

describe.concurrent('second attack: plans in the workspace that are the pull request\'s own', () => {
  it("`plans: '**/tfplan.json'` matching a committed ..x/tfplan.json is refused like any plan in the tree", async () => {
    // The author commits a harmless plan under a directory named `..x` and makes `terraform plan`
    // fail; @actions/glob matches it, and planInTree skips it as "outside the workspace" because
    // relative() gives '..x/tfplan.json', which starts with '..'.
    const ws = tempDir();
    mkdirSync(join(ws, '..x'));
    writeFileSync(join(ws, '..x/tfplan.json'), SAFE_TEXT);
    const gh = await fakeGitHub((s) => {
      s.contents[head(s)] = { ...s.contents[head(s)], '..x/tfplan.json': SAFE_TEXT };
      pr(s).files = [{ filename: '..x/tfplan.json', status: 'added', additions: 1, deletions: 0 }];
    });
    const run = await runAction(gh, { cwd: ws, inputs: { plans: '**/tfplan.json' } });
    expectNoSuccess(run, gh.state);
  });

  it('a plan read through a directory symlink the pull request adds (plans -> fixtures/x) is refused like any plan in the tree', async () => {
    // `plans: plans/tfplan.json`; the PR adds fixtures/x/tfplan.json (harmless) and the symlink
    // `plans`, and makes `terraform plan` fail. The changed files and the head's tree hold neither
    // "plans/tfplan.json" nor "tfplan.json", which is all planInTree looks for.
    const ws = tempDir();
    mkdirSync(join(ws, 'fixtures/x'), { recursive: true });
    writeFileSync(join(ws, 'fixtures/x/tfplan.json'), SAFE_TEXT);
    symlinkSync('fixtures/x', join(ws, 'plans'));
    const gh = await fakeGitHub((s) => {
      s.contents[head(s)] = { ...s.contents[head(s)], 'fixtures/x/tfplan.json': SAFE_TEXT };
      pr(s).files = [
        { filename: 'fixtures/x/tfplan.json', status: 'added', additions: 1, deletions: 0 },
        { filename: 'plans', status: 'added', additions: 1, deletions: 0 },
      ];
    });
    const run = await runAction(gh, { cwd: ws, inputs: { plans: 'plans/tfplan.json' } });
    expectNoSuccess(run, gh.state);
  });
});

describe.concurrent('second attack: paths the contents API is asked for (src/github/octokit-api.ts fileAt, entriesAt)', () => {
  it("a Terraform file named `guard?.tf` is read as itself, not as the file `guard` (the URL's `?` starts the query)", async () => {
    // fileAt and entriesAt send the path through Octokit's `{+path}`, which leaves `?` and `#`
    // unencoded: `contents/guard?.tf&ref=HEAD` asks for the file `guard` (at the head, as `&ref=`
    // still arrives). The PR renames main.tf to `guard?.tf` with prevent_destroy removed — Terraform
    // loads it, its name ends in .tf — and adds a file `guard` (not a .tf: Terraform ignores it)
    // holding the guarded resource. plangate reads the guard it wants to see.
    const guarded = 'resource "aws_db_instance" "orders" {\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n';
    const unguarded = 'resource "aws_db_instance" "orders" {}\n';
    const gh = await fakeGitHub((s) => {
      s.contents[BASE_SHA] = { ...s.contents[BASE_SHA], 'main.tf': guarded };
      s.contents[head(s)] = { ...s.contents[head(s)], 'guard?.tf': unguarded, guard: guarded };
      pr(s).files = [
        { filename: 'guard', status: 'added', additions: 5, deletions: 0 },
        { filename: 'guard?.tf', status: 'renamed', previous_filename: 'main.tf', additions: 1, deletions: 5 },
      ];
    });
    // The fake's conformance check also reports the stray query parameter `.tf` (GitHub ignores it
    // and answers with the file `guard`); the status is what a ruleset sees, so it is checked first.
    const run = await runAction(gh, { inputs: { plans: SAFE_PLAN } }).catch((error: unknown) => error);
    expect(latestStatus(gh.state, head(gh.state)), String(run instanceof Error ? run.message : '')).not.toBe('success');
    if (run instanceof Error) throw run;
    expectNoSuccess(run as ActionRun, gh.state);
  });
});
