// Bypasses a second attack on the gate found, kept as regression tests: ways an
// author with write access gets a destructive (or gate-loosening) change to a
// passing decision without a qualifying human, through the RepositoryApi seam
// (test/github/stub-api.ts). Each test asserts the secure outcome, and each
// failed while the bypass it describes was open. End-to-end counterparts (the
// GitHub layer and the wiring) are in test/action/cases/adversary.ts.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { endpoint } from '@octokit/endpoint';
import { afterAll, describe, expect, it } from 'vitest';
import type { GitHubClient } from '../../src/github/client.js';
import { OctokitRepositoryApi } from '../../src/github/octokit-api.js';
import { GitHubApiError } from '../../src/github/api.js';
import { expectNotGreen, gate, onMain, SAFE } from './run-gate.js';
import { approve, AT, BASE, BOB, HEAD } from './stub-api.js';

const SAFE_TEXT = readFileSync(SAFE, 'utf8');





const workspaces: string[] = [];
/** A checkout of the pull request's head on disk, as actions/checkout leaves it. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plangate-red-team-'));
  workspaces.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of workspaces) rmSync(dir, { recursive: true, force: true });
});

describe('second attack: the plan file is the pull request\'s own (src/github/plan-origin.ts)', () => {
  it('a plan read through a directory symlink the pull request adds is part of its tree', async () => {
    // Workflow: `terraform show -json tfplan > plans/tfplan.json`, `plans: plans/tfplan.json`.
    // The PR commits a harmless plan at fixtures/x/tfplan.json and a symlink `plans -> fixtures/x`,
    // and makes `terraform plan` fail (the precondition of the first pass's plan-in-tree bypass).
    // planInTree looks for "plans/tfplan.json" and "tfplan.json" among the changed files and at the
    // head, but the changed files name `plans` (the symlink) and `fixtures/x/tfplan.json`, and the
    // contents API has nothing at a path that goes through a symlink: the committed plan is read.
    const ws = workspace();
    mkdirSync(join(ws, 'fixtures/x'), { recursive: true });
    writeFileSync(join(ws, 'fixtures/x/tfplan.json'), SAFE_TEXT);
    symlinkSync('fixtures/x', join(ws, 'plans'));
    const run = await gate(
      (s) => {
        s.files = [
          { filename: 'fixtures/x/tfplan.json', status: 'added' },
          { filename: 'plans', status: 'added' },
        ];
        s.pull.changedFiles = 2;
        s.contents[HEAD] = { ...s.contents[HEAD], 'fixtures/x/tfplan.json': SAFE_TEXT };
        // The tree at the head: `plans` is a symlink (mode 120000), as the contents API lists it.
        s.listings[HEAD] = {
          '': [
            { path: 'README.md', type: 'file' },
            { path: 'fixtures', type: 'dir' },
            { path: 'plans', type: 'symlink' },
          ],
        };
      },
      { plans: [join(ws, 'plans/tfplan.json')], workspace: ws },
    );
    expectNotGreen(run);
  });

  it("a plan under a directory whose name starts with two dots ('..x/') is inside the workspace, and in the tree", async () => {
    // relative(workspace, file) is '..x/tfplan.json', and `path.startsWith('..')` takes it for a
    // path outside the workspace, so planInTree never looks for it. `..x` is a valid git path, and
    // @actions/glob's `**/tfplan.json` (a monorepo's plans input) matches it.
    const ws = workspace();
    mkdirSync(join(ws, '..x'), { recursive: true });
    writeFileSync(join(ws, '..x/tfplan.json'), SAFE_TEXT);
    const run = await gate(
      (s) => {
        s.files = [{ filename: '..x/tfplan.json', status: 'added' }];
        s.contents[HEAD] = { ...s.contents[HEAD], '..x/tfplan.json': SAFE_TEXT };
      },
      { plans: [join(ws, '..x/tfplan.json')], workspace: ws },
    );
    expectNotGreen(run);
  });
});

describe('second attack: prevent_destroy read as Terraform reads it (src/plan/terraform-source.ts)', () => {
  const guarded = (value: string) => `resource "aws_db_instance" "orders" {\n  lifecycle {\n    prevent_destroy = ${value}\n  }\n}\n`;

  // Terraform decodes prevent_destroy with gohcl.DecodeExpression(expr, nil, &bool): any constant
  // expression is evaluated, and cty converts the strings "0" and "false" to false. plangate takes
  // every value but false and "false" for "an expression, which may be true", i.e. still guarded.
  it.each([
    ['the string "0"', 'main.tf', guarded('"0"')],
    ['a constant comparison (1 == 2)', 'main.tf', guarded('1 == 2')],
    ['a constant conditional', 'main.tf', guarded('true ? false : true')],
    ['a parenthesised false', 'main.tf', guarded('(false)')],
    ['a JSON template "${false}" in main.tf.json', 'main.tf.json', JSON.stringify({ resource: { aws_db_instance: { orders: { lifecycle: { prevent_destroy: '${false}' } } } } })],
  ])('prevent_destroy switched off with %s is a removed guard', async (_, file, head) => {
    const run = await gate(
      (s) => {
        s.contents[BASE] = { ...s.contents[BASE], 'main.tf': guarded('true') };
        const { 'main.tf': _old, ...rest } = s.contents[HEAD] ?? {};
        s.contents[HEAD] = { ...rest, [file]: head };
        s.files = file === 'main.tf' ? [{ filename: 'main.tf', status: 'modified' }] : [{ filename: file, status: 'renamed', previous: 'main.tf' }];
        s.pull.changedFiles = s.files.length;
      },
      { plans: [SAFE] },
    );
    expectNotGreen(run);
  });

  it('a guard removed in a module directory is judged under the module\'s address, so module-scoped rules see it', async () => {
    // envs/prod/main.tf calls module "db" { source = "../../modules/db" }. The PR edits only
    // modules/db/main.tf; preventDestroyRemoved reads modules/db as a root module, so the removed
    // guard is on `aws_db_instance.orders`, not `module.db.aws_db_instance.orders`, and the rule
    // the README shows (`modules: ["module.db"]`) never matches it.
    const run = await gate(
      (s) => {
        onMain(s, 'extends: []\nrules:\n  - name: prod-db\n    match: { modules: ["module.db"] }\n');
        const root = 'module "db" {\n  source = "../../modules/db"\n}\n';
        s.contents[BASE] = { ...s.contents[BASE], 'envs/prod/main.tf': root, 'modules/db/main.tf': guarded('true') };
        s.contents[HEAD] = { ...s.contents[HEAD], 'envs/prod/main.tf': root, 'modules/db/main.tf': guarded('false') };
        s.files = [{ filename: 'modules/db/main.tf', status: 'modified' }];
      },
      { plans: [SAFE] },
    );
    expectNotGreen(run);
  });
});

describe('second attack: lists whose count matches but whose names do not (src/github/gate.ts listProblem)', () => {
  it('a changed-files list with a name twice is not complete, even when its length matches the count', async () => {
    // Pages of a list that shifts while it is read repeat one entry and skip another; the count
    // check passes, and the skipped entry here is the workflow change.
    const run = await gate(
      (s) => {
        s.files = [
          { filename: 'README.md', status: 'modified' },
          { filename: 'README.md', status: 'modified' },
        ];
        s.pull.changedFiles = 2; // README.md and .github/workflows/deploy.yml
      },
      { plans: [SAFE] },
    );
    expectNotGreen(run);
  });
});

describe('second attack: config that silently protects nothing (src/rules/gate.ts, src/rules/validate.ts)', () => {
  it.each([['./scripts/**'], ['/scripts/plan.sh'], ['scripts/']])('gate-files %s either matches scripts/plan.sh or is refused', async (glob) => {
    // isGateFile strips "./" from the file name but not from the glob; a leading "/" or a trailing
    // "/" never matches a changed file either. The config validates, and the script the workflows
    // run changes with no human at all.
    // Refused: the config is an input error, which the action turns into a failing decision.
    const run = gate(
      (s) => {
        onMain(s, `gate-files: [${JSON.stringify(glob)}]\n`);
        s.files = [{ filename: 'scripts/plan.sh', status: 'modified' }];
      },
      { plans: [SAFE] },
    );
    await expect(run).rejects.toThrow(/gate-files\[0\]: expected a path/);
  });
});

describe('second attack: pushers of a fork the token cannot read (src/github/facts.ts branchActivity)', () => {
  it('a writer who pushed the head to a private fork (maintainer edits) does not approve it', async () => {
    // The fork's activity answers 404, so pushers are [] and the approval counts ("its author owns
    // the fork"). With "Allow edits by maintainers", Bob pushed the agent's commit (authored and
    // committed as the agent) onto the fork's branch, and then approves it. On a same-repository
    // branch he would be a pusher and excluded.
    const run = await gate((s) => {
      s.pull.headRepo = 'agent/infra';
      s.failing.refActivity = new GitHubApiError('GitHub API /repos/agent/infra/activity answered 404 (Not Found)', 404);
      approve(s, BOB);
    });
    expectNotGreen(run);
  });
});

describe('second attack: answers that slip past the shape checks (OctokitRepositoryApi)', () => {
  const graphqlClient = (answers: unknown[]): GitHubClient =>
    ({
      request: () => Promise.reject(new Error('not used')),
      paginate: { iterator: () => [][Symbol.iterator]() },
      graphql: () => Promise.resolve(answers.shift()),
    }) as unknown as GitHubClient;

  const person = (login: string, id: number) => ({ name: login, email: `${login}@acme.test`, user: { login, databaseId: id } });
  const commitsAnswer = (nodes: unknown[], totalCount: number) => ({
    repository: { pullRequest: { number: 7, headRefOid: HEAD, commits: { totalCount, pageInfo: { hasNextPage: false, endCursor: null }, nodes } } },
  });

  it('a commit GraphQL lists with no author at all is malformed, never a commit nobody wrote', async () => {
    const oid = 'd'.repeat(40);
    const api = new OctokitRepositoryApi(
      graphqlClient([commitsAnswer([{ commit: { oid, authors: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] }, committer: person('dev-alice', 1) } }], 1)]),
      'acme',
      'infra',
    );
    const read = await api.commitPeople(7).then(
      (r) => r.people.some((p) => p.sha === oid && p.role === 'author'),
      () => 'refused',
    );
    expect(read).not.toBe(false);
  });

  it('a commit GraphQL lists twice while it counts it once is not a complete list of commits', async () => {
    // totalCount 2, two nodes, one commit twice: `listed` equals `total`, and the other commit's
    // author (Bob, who then approves) is never seen.
    const oid = 'd'.repeat(40);
    const node = { commit: { oid, authors: { totalCount: 1, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [person('dev-alice', 1)] }, committer: person('dev-alice', 1) } };
    const api = new OctokitRepositoryApi(graphqlClient([commitsAnswer([node, node], 2)]), 'acme', 'infra');
    const read = await api.commitPeople(7).then(
      (r) => new Set(r.people.map((p) => p.sha)).size === r.total,
      () => 'refused',
    );
    expect(read).not.toBe(false);
  });

  it('fileAt and entriesAt ask the contents API for the path they are given, whatever characters it holds', async () => {
    // `{+path}` leaves `?` and `#` unencoded: `guard?.tf` becomes a request for the file `guard`
    // (with `.tf&ref=HEAD` as the query), `guard#.tf` one for `guard` on the default branch (the
    // fragment swallows `?ref=`), and `x%3F.tf` arrives as `x?.tf`. A pull request that names its
    // real .tf file so, next to a decoy holding the guard, has plangate read the decoy
    // (test/action/cases/red-team-2.ts shows the success it earns).
    const asked: Array<[string, string | null]> = [];
    const client = {
      request: (route: string, params: Record<string, unknown>) => {
        const url = new URL(endpoint(route, params).url);
        asked.push([decodeURIComponent(url.pathname.replace(/^.*?\/contents\/?/, '')), url.searchParams.get('ref')]);
        const path = decodeURIComponent(String(params.path));
        return Promise.resolve({ data: path.endsWith('dir') ? [] : { type: 'file', path, encoding: 'base64', content: '' }, status: 200 });
      },
      paginate: { iterator: () => [][Symbol.iterator]() },
      graphql: () => Promise.reject(new Error('not used')),
    } as unknown as GitHubClient;
    const api = new OctokitRepositoryApi(client, 'acme', 'infra');
    const paths = ['guard?.tf', 'guard#.tf', 'x%3F.tf', 'a b/main.tf'];
    for (const path of paths) await api.fileAt(path, HEAD);
    await api.entriesAt('weird?dir', HEAD);
    expect(asked).toEqual([...paths, 'weird?dir'].map((p) => [p, HEAD]));
  });

  it("a label's updatedAt that is not a time leaves its edit time unknown, as a null one does", async () => {
    // labelEditedAt is the later of createdAt and updatedAt by Date.parse; NaN never wins, so a
    // malformed updatedAt ("", or anything not a time) silently drops out and a rename after the
    // human's event goes unseen. A null updatedAt fails closed; a malformed one should too.
    const timeline = (updatedAt: unknown) => ({
      repository: {
        pullRequest: {
          number: 7,
          headRefOid: HEAD,
          timelineItems: {
            totalCount: 1,
            pageInfo: { hasNextPage: false, endCursor: null },
            nodes: [
              {
                __typename: 'LabeledEvent',
                id: 'LE_1',
                createdAt: AT(30),
                actor: { __typename: 'User', login: 'sec-carol', databaseId: 3 },
                label: { id: 'LA_1', name: 'plangate-override', createdAt: AT(-60), updatedAt },
              },
            ],
          },
        },
      },
    });
    const read = async (updatedAt: unknown) =>
      new OctokitRepositoryApi(graphqlClient([timeline(updatedAt)]), 'acme', 'infra').labelTimeline(7).then(
        (events) => events[0]?.labelEditedAt ?? null,
        () => 'refused',
      );
    expect(await read(null)).toBe(null);
    for (const bad of ['', 'yesterday']) expect(await read(bad), JSON.stringify(bad)).not.toBe(AT(-60));
  });
});
