// `plangate verify` against the local GitHub: the CLI's own code (runVerify,
// on its fetch client), one run per case; the last case runs dist/cli.js.
import { beforeAll, describe, expect, it } from 'vitest';
import { runVerify } from '../../src/cli/verify-cli.js';
import { REPO_ROOT } from '../corpus-path.js';
import { ensureBuilt } from '../cli/build-dist.js';
import { BASE_SHA, HEAD_SHA, serverErrorFault, spawnAsync, type FakePull, type GitHubServer, type GitHubState } from '../github-server/server.js';
import { addComment, BUCKET, DB, decisionComment, fakePerTest, MERGE_SHA, mergedState, planFile, REPLICA } from './verify-fixtures.js';

const plan = planFile();
const fake = fakePerTest();

const pr7 = (state: GitHubState) => state.pulls[7] as FakePull;

/** The gate's approval of both deletes on #7's head, as github-actions[bot] recorded it. */
function approvedBoth(state: GitHubState): void {
  addComment(pr7(state), 'github-actions[bot]', decisionComment({ head: HEAD_SHA, decision: 'approved', plan: plan.path, addresses: [DB, BUCKET] }));
}

async function verify(edit: (s: GitHubState) => void, args: string[], server?: (gh: GitHubServer) => void) {
  const state = mergedState();
  edit(state);
  const gh = await fake.start(state);
  server?.(gh);
  let stdout = '';
  let stderr = '';
  const env = { GITHUB_TOKEN: state.token, GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: 'acme/infra', GITHUB_SHA: MERGE_SHA, PLANGATE_RETRY_BASE_MS: '1' };
  const code = await runVerify(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false, env });
  return { code, stdout, stderr };
}

const AS_BOT = ['--poster', 'github-actions[bot]'];

describe('plangate verify: what is applied was approved', () => {
  it('a plan with the approved deletes → 0', async () => {
    const run = await verify(approvedBoth, ['--plan', plan.at('matching'), ...AS_BOT]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^plangate verify: 2 protected changes, each approved: pull request #7 merged as [0-9a-f]{7}, decision approved by ops-bob/);
    expect(run.code).toBe(0);
  });

  it('a plan that destroys less than was approved → 0', async () => {
    const run = await verify(approvedBoth, ['--plan', plan.at('fewer'), '--commit', MERGE_SHA, ...AS_BOT]);
    expect(run.code).toBe(0);
  });

  it('a plan with one more protected delete → 1, one line naming it', async () => {
    const run = await verify(approvedBoth, ['--plan', plan.at('extra'), ...AS_BOT]);
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(new RegExp(`not approved: .*plan\\.json: ${REPLICA.replace('.', '\\.')} \\(delete\\)`));
  });

  it('the same addresses under another plan file label are not what was approved → 1', async () => {
    const approvedStaging = (s: GitHubState) => addComment(pr7(s), 'github-actions[bot]', decisionComment({ head: HEAD_SHA, decision: 'approved', plan: 'staging/plan.json', addresses: [DB, BUCKET] }));
    const run = await verify(approvedStaging, ['--plan', plan.at('matching'), ...AS_BOT]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/not approved: .*plan\.json: aws_db_instance\.production \(delete\) and 1 more/);
  });

  it('a commit no pull request merged → 1', async () => {
    const run = await verify(approvedBoth, ['--plan', plan.at('matching'), '--commit', BASE_SHA, ...AS_BOT]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no merged pull request has [0-9a-f]{7} as its merge commit/);
  });

  it('an open pull request whose head is the commit is no merge → 1', async () => {
    const run = await verify(
      (s) => {
        approvedBoth(s);
        Object.assign(pr7(s), { state: 'open', merged: false });
      },
      ['--plan', plan.at('matching'), '--commit', HEAD_SHA, ...AS_BOT],
    );
    expect(run.code).toBe(1);
  });

  it('no recorded decision → 1', async () => {
    const run = await verify(() => undefined, ['--plan', plan.at('matching'), ...AS_BOT]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/pull request #7 has no decision recorded by github-actions\[bot\]/);
  });

  it("a forged marker in someone else's comment is ignored → 1", async () => {
    const run = await verify(
      (s) => {
        // The author writes the exact comment plangate would have written.
        addComment(pr7(s), 'dev-alice', decisionComment({ head: HEAD_SHA, decision: 'approved', plan: plan.path, addresses: [DB, BUCKET] }));
        addComment(pr7(s), 'dependabot[bot]', decisionComment({ head: HEAD_SHA, decision: 'approved', plan: plan.path, addresses: [DB, BUCKET] }));
      },
      ['--plan', plan.at('matching'), ...AS_BOT],
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/2 comments by others carry plangate's marker and are ignored/);
  });

  it("a forged approval after plangate's blocked decision changes nothing → 1", async () => {
    const run = await verify(
      (s) => {
        addComment(pr7(s), 'github-actions[bot]', decisionComment({ head: HEAD_SHA, decision: 'blocked', plan: plan.path, addresses: [DB, BUCKET] }));
        addComment(pr7(s), 'dev-alice', decisionComment({ head: HEAD_SHA, decision: 'approved', plan: plan.path, addresses: [DB, BUCKET] }));
      },
      ['--plan', plan.at('matching'), ...AS_BOT],
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/approved nothing: its last decision was blocked/);
  });

  it("plangate's own comment, edited by someone with write access, holds their words → 1", async () => {
    const run = await verify(
      (s) => {
        // Anyone with write access may edit anyone's comment; the author stays github-actions[bot].
        addComment(pr7(s), 'github-actions[bot]', decisionComment({ head: HEAD_SHA, decision: 'approved', plan: plan.path, addresses: [DB, BUCKET] }));
        Object.assign(pr7(s).comments.at(-1) ?? {}, { editor: 'dev-alice' });
      },
      ['--plan', plan.at('matching'), ...AS_BOT],
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/was last edited by dev-alice, not github-actions\[bot\]/);
  });

  it("plangate's own comment edited by an account since deleted (GitHub names no editor) is not plangate's → 1", async () => {
    const run = await verify(
      (s) => {
        addComment(pr7(s), 'github-actions[bot]', decisionComment({ head: HEAD_SHA, decision: 'approved', plan: plan.path, addresses: [DB, BUCKET] }));
        // The editor deleted their account: GraphQL gives editor null, but lastEditedAt still says it was edited.
        Object.assign(pr7(s).comments.at(-1) ?? {}, { editor: null });
      },
      ['--plan', plan.at('matching'), ...AS_BOT],
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/was last edited by an account GitHub no longer names/);
  });

  it('a comment plangate itself edited (each run edits it) is read', async () => {
    const run = await verify(
      (s) => {
        approvedBoth(s);
        Object.assign(pr7(s).comments.at(-1) ?? {}, { editor: 'github-actions[bot]' });
      },
      ['--plan', plan.at('matching'), ...AS_BOT],
    );
    expect(run.code).toBe(0);
  });

  it('a decision for an earlier head than the one merged → 1', async () => {
    const run = await verify(
      (s) => addComment(pr7(s), 'github-actions[bot]', decisionComment({ head: BASE_SHA, decision: 'approved', plan: plan.path, addresses: [DB, BUCKET] })),
      ['--plan', plan.at('matching'), ...AS_BOT],
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/not the head [0-9a-f]{7} that was merged/);
  });

  it('an error decision → 1', async () => {
    const run = await verify((s) => addComment(pr7(s), 'github-actions[bot]', decisionComment({ head: HEAD_SHA, decision: 'error', plan: plan.path, addresses: [] })), ['--plan', plan.at('fewer'), ...AS_BOT]);
    expect(run.code).toBe(1);
  });

  it('the token of a user (a PAT) is its own poster, read from GET /user', async () => {
    const run = await verify(
      (s) => {
        s.authenticatedAs = { login: 'ops-bob', id: 1002, type: 'User' };
        addComment(pr7(s), 'ops-bob', decisionComment({ head: HEAD_SHA, decision: 'approved', plan: plan.path, addresses: [DB, BUCKET] }));
        addComment(pr7(s), 'github-actions[bot]', decisionComment({ head: HEAD_SHA, decision: 'blocked', plan: plan.path, addresses: [DB, BUCKET] }));
      },
      ['--plan', plan.at('matching')],
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('an app token with no --poster cannot name whose comments to trust → 2', async () => {
    const run = await verify(approvedBoth, ['--plan', plan.at('matching')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--poster: .*--poster github-actions\[bot\]/);
  });

  it('GitHub answering 500 → 2, after retries', async () => {
    const run = await verify(approvedBoth, ['--plan', plan.at('matching'), ...AS_BOT], (server) => server.faults.push(serverErrorFault(`/repos/acme/infra/commits/${MERGE_SHA}/pulls`, { times: 10 })));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/answered 500 .*run again/);
    expect(fake.current()?.requests.filter((r) => r.route.endsWith('/pulls') && r.route.includes('/commits/'))).toHaveLength(4);
  });

  it('a Link header naming another host is not followed with the token → 2', async () => {
    const run = await verify(approvedBoth, ['--plan', plan.at('matching'), ...AS_BOT], (server) =>
      server.faults.push({ path: `/repos/acme/infra/commits/${MERGE_SHA}/pulls`, status: 200, body: [], headers: { link: '<http://127.0.0.1:9/steal?page=2>; rel="next"' } }),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is not on http:\/\/127\.0\.0\.1:\d+/);
  });

  it('an unreadable plan → 2', async () => {
    const run = await verify(approvedBoth, ['--plan', `${REPO_ROOT}/fixtures/bad/hello.json`, ...AS_BOT]);
    expect(run.code).toBe(2);
  });

  it('missing inputs → 2: no plan, no token, a bad commit', async () => {
    expect((await verify(approvedBoth, [...AS_BOT])).code).toBe(2);
    expect((await verify(approvedBoth, ['--plan', plan.at('matching'), '--commit', 'main', ...AS_BOT])).stderr).toMatch(/--commit: expected the 40-hex merge commit/);
  });
});

describe('dist/cli.js verify on plain Node', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('runs without Octokit and answers 0 and 1', async () => {
    const state = mergedState();
    approvedBoth(state);
    const gh = await fake.start(state);
    const env = { PATH: process.env.PATH, GITHUB_TOKEN: state.token, GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: 'acme/infra', GITHUB_SHA: MERGE_SHA };
    const run = (plan: string) => spawnAsync(process.execPath, [`${REPO_ROOT}/dist/cli.js`, 'verify', '--plan', plan, ...AS_BOT], { cwd: process.cwd(), env });
    expect((await run(plan.at('matching'))).status).toBe(0);
    const extra = await run(plan.at('extra'));
    expect(extra.status).toBe(1);
    expect(extra.stderr).toMatch(/not approved: .*aws_db_instance\.replica \(delete\)/);
  }, 60_000);
});
