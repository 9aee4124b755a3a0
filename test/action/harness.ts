// Runs the bundled action (dist/index.js) exactly as the Actions runner does,
// against the local fake of GitHub (test/github-server/server.ts): inputs as
// INPUT_* variables (dashes kept), the event payload in a file at
// GITHUB_EVENT_PATH, outputs and the job summary as files. The fake runs in
// this process, so the action is spawned asynchronously.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { REPO_ROOT } from '../corpus-path.js';
import {
  fakeSha,
  labelByName,
  makeCommit,
  newState,
  recordPush,
  spawnAsync,
  startGitHubServer,
  timeAt,
  type FakePull,
  type FakeReview,
  type FakeStatus,
  type FakeUser,
  type GitHubServer,
  type GitHubState,
  type RecordedRequest,
  type ReviewState,
  violationsSince,
} from '../github-server/server.js';
import { findOperation } from '../github-server/openapi.js';
import { schemaProblems } from '../report/report-schema.js';

export const DESTROY_PLAN = 'fixtures/terraform/example-destroy.json';
export const SAFE_PLAN = 'fixtures/terraform/safe-update.json';
export const DECISIONS = ['pass', 'approved', 'overridden', 'blocked', 'error'] as const;

export interface RunOptions {
  /** GITHUB_EVENT_NAME; default pull_request. */
  event?: string;
  /** The payload's `action`; default synchronize (submitted for reviews, labeled with `label`). */
  action?: string;
  number?: number;
  /** The payload's head SHA; default the pull request's head in the state now. */
  headSha?: string;
  /** For pull_request_review: the review the event is about (default the PR's latest review). */
  review?: FakeReview;
  /** For labeled/unlabeled events. */
  label?: string;
  /** The payload file's text or object, instead of the one built from the state. */
  payload?: unknown;
  /** Inputs by their action.yml names; `plans` defaults to the destroy plan, `github-token` to the state's token. */
  inputs?: Record<string, string | undefined>;
  env?: Record<string, string | undefined>;
  /** The workspace (cwd and GITHUB_WORKSPACE); default the repository, where fixtures/ is. */
  cwd?: string;
}

export interface ActionRun {
  exitCode: number | null;
  /** Outputs as written to GITHUB_OUTPUT. */
  outputs: Record<string, string>;
  decision: string | undefined;
  summary: string;
  stdout: string;
  stderr: string;
  /** `::error` and `::warning` workflow commands the action printed, decoded. */
  errors: string[];
  warnings: string[];
  /** The requests the fake answered during this run. */
  requests: RecordedRequest[];
  /** The JSON report at the `report` output, parsed. */
  report: ReportFile | undefined;
  /** This run's exchanges that depart from GitHub's OpenAPI description or GraphQL schema (a run with any fails). */
  violations: string[];
}

/** What the cases read of the report file; the whole shape is schema/report.schema.json. */
export interface ReportFile {
  decision?: string;
  findings?: Array<{ address: string; rule: string }>;
  errors?: string[];
  approval?: { approvedBy: string[]; overriddenBy?: { login: string; at: string }; missing: string[] };
}

const temps: string[] = [];
const servers: GitHubServer[] = [];

/** Stops the fakes and removes the runs' temporary directories (call from afterAll). */
export async function cleanUp(): Promise<void> {
  const figures = process.env.PLANGATE_CONFORMANCE_FIGURES;
  if (figures) writeFileSync(figures, `${JSON.stringify(conformanceFigures(servers), null, 2)}\n`);
  await Promise.all(servers.splice(0).map((gh) => gh.close()));
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * What the runs sent, all checked against GitHub's descriptions: REST exchanges by operation, and
 * GraphQL documents. Written to PLANGATE_CONFORMANCE_FIGURES when set, for the record.
 */
function conformanceFigures(all: readonly GitHubServer[]) {
  const operations = new Map<string, number>();
  const documents = new Set<string>();
  let graphql = 0;
  for (const request of all.flatMap((gh) => gh.requests)) {
    if (request.graphql) {
      graphql++;
      documents.add(request.graphql.query.replace(/\s+/g, ' '));
      continue;
    }
    const id = findOperation(request.method, request.route)?.operation.id ?? `(unknown) ${request.method} ${request.route}`;
    operations.set(id, (operations.get(id) ?? 0) + 1);
  }
  const rest = [...operations.values()].reduce((a, b) => a + b, 0);
  return { servers: all.length, rest, operations: Object.fromEntries([...operations].sort(([a], [b]) => a.localeCompare(b))), graphql, documents: documents.size, violations: all.reduce((n, gh) => n + gh.violations.length, 0) };
}

/** A temporary directory, removed by cleanUp. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plangate-action-'));
  temps.push(dir);
  return dir;
}

/** A fake GitHub with the default state (PR #7 by dev-alice, head HEAD_SHA), changed by `edit`. */
export async function fakeGitHub(edit: (state: GitHubState) => void = () => undefined): Promise<GitHubServer> {
  const state = newState();
  // The push that made the head the branch's tip: the override label must be newer.
  const pull = pr(state);
  recordPush(state, { ref: pull.head.ref, before: '0'.repeat(40), after: pull.head.sha, at: timeAt(1), actor: pull.user, type: 'branch_creation' });
  // No .tf file among the changed files unless a test says so: each run stays cheap.
  pr(state).files = [{ filename: 'README.md', status: 'modified', additions: 1, deletions: 1 }];
  edit(state);
  const gh = await startGitHubServer(state);
  servers.push(gh);
  return gh;
}

export function pr(state: GitHubState, number = 7): FakePull {
  const pull = state.pulls[number];
  if (!pull) throw new Error(`no pull request #${number} in the state`);
  return pull;
}

let reviewIds = 500;
/** Adds a review (APPROVED on the current head by default), `minutes` after BASE_TIME. */
export function review(state: GitHubState, user: string, options: { state?: ReviewState; sha?: string; minutes?: number; number?: number } = {}): FakeReview {
  const pull = pr(state, options.number);
  const added: FakeReview = { id: ++reviewIds, user, state: options.state ?? 'APPROVED', commit_id: options.sha ?? pull.head.sha, submitted_at: timeAt(options.minutes ?? 20) };
  pull.reviews.push(added);
  return added;
}

let eventIds = 700;
/** The override label put on the PR now by `actor` (null: a deleted account), `minutes` after BASE_TIME (the head was pushed at 1). */
export function addLabel(state: GitHubState, actor: string | null, options: { minutes?: number; label?: string; viaApp?: string; number?: number } = {}): void {
  const pull = pr(state, options.number);
  const name = options.label ?? 'plangate-override';
  if (!pull.labels.includes(name)) pull.labels.push(name);
  pull.events.push({
    id: ++eventIds,
    event: 'labeled',
    actor,
    label: { name, id: labelByName(state, name).id },
    created_at: timeAt(options.minutes ?? 30),
    performed_via_github_app: options.viaApp ? (state.apps[options.viaApp] ?? { slug: options.viaApp, id: 424242 }) : null,
  });
}

export function removeLabel(state: GitHubState, actor: string | null, options: { minutes?: number; label?: string; number?: number } = {}): void {
  const pull = pr(state, options.number);
  const name = options.label ?? 'plangate-override';
  pull.labels = pull.labels.filter((l) => l !== name);
  pull.events.push({ id: ++eventIds, event: 'unlabeled', actor, label: { name, id: labelByName(state, name).id }, created_at: timeAt(options.minutes ?? 40), performed_via_github_app: null });
}

/** Adds an issue event (`reopened`, `base_ref_changed`, `assigned`, …) by `actor` at BASE_TIME + `minutes`. */
export function issueEvent(state: GitHubState, event: string, actor: string | null, minutes: number, extra?: Record<string, unknown>): void {
  pr(state).events.push({ id: ++eventIds, event, actor, created_at: timeAt(minutes), performed_via_github_app: null, ...(extra ? { extra } : {}) });
}

/** Writes `.github/plangate.yml` (or `path`) on the default branch, where plangate reads its rules. */
export function mainConfig(state: GitHubState, yaml: string, path = '.github/plangate.yml'): void {
  const main = state.branches[state.repo.defaultBranch] as string;
  state.contents[main] = { ...state.contents[main], [path]: yaml };
}

/**
 * Pushes a commit by `by` onto the PR `minutes` after BASE_TIME: a new head SHA, its tree, and the
 * push in the branch's activity. `sha` of an earlier commit is a force-push back to it.
 */
export function push(state: GitHubState, options: { by?: string; minutes?: number; number?: number; sha?: string } = {}): string {
  const pull = pr(state, options.number);
  const minutes = options.minutes ?? 50;
  const by = state.users[options.by ?? pull.user];
  const known = pull.commits.find((c) => c.sha === options.sha);
  const commit = known ?? makeCommit({ sha: options.sha ?? fakeSha(`push ${pull.number} ${minutes}`), message: `Push at ${minutes}`, by, minutes });
  if (!known) {
    state.contents[commit.sha] = { ...state.contents[pull.head.sha] };
    pull.commits.push(commit);
  } else {
    pull.commits = pull.commits.slice(0, pull.commits.indexOf(known) + 1);
  }
  recordPush(state, { repo: pull.head.repoFullName ?? undefined, ref: pull.head.ref, before: pull.head.sha, after: commit.sha, at: timeAt(minutes), actor: by?.login ?? pull.user, type: known ? 'force_push' : 'push' });
  pull.head.sha = commit.sha;
  state.branches[pull.head.ref] = commit.sha;
  return commit.sha;
}

export function addUser(state: GitHubState, user: FakeUser, role?: string): FakeUser {
  state.users[user.login] = user;
  if (role) state.collaborators[user.login] = role;
  return user;
}

/** Statuses under `context` on `sha`, newest first (as GitHub lists them). */
export function statuses(state: GitHubState, sha: string, context = 'plangate'): FakeStatus[] {
  return [...(state.statuses[sha] ?? [])].filter((s) => s.context === context).sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id);
}

/** The state a ruleset sees: the latest status under `context` on `sha`. */
export function latestStatus(state: GitHubState, sha: string, context = 'plangate'): FakeStatus['state'] | undefined {
  return statuses(state, sha, context)[0]?.state;
}

/** Comments carrying plangate's hidden marker. */
export function gateComments(state: GitHubState, number = 7, context = 'plangate') {
  return pr(state, number).comments.filter((c) => c.body.includes(`<!-- plangate:${context} -->`));
}

/** Markdown as a reader sees it: escapes and the zero-width spaces that keep @mentions quiet removed. */
export function plain(markdown: string | undefined): string {
  return (markdown ?? '').replace(/\u200b/g, '').replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
}

/** The text of plangate's (last) comment on the PR. */
export function commentText(state: GitHubState, number = 7, context = 'plangate'): string {
  return plain(gateComments(state, number, context).at(-1)?.body);
}

/** Matches an API request: method and a path pattern on the /repos/… form. */
export function made(run: ActionRun, method: string, path: RegExp): RecordedRequest[] {
  return run.requests.filter((r) => r.method === method && path.test(r.route));
}

function userJson(state: GitHubState, login: string): Record<string, unknown> {
  const user = state.users[login] ?? { login, id: 0, type: 'User' };
  return { login: user.login, id: user.id, type: user.type, node_id: `U_${user.id}`, html_url: `https://github.com/${user.login}` };
}

/** A pull_request / pull_request_review / pull_request_target payload with GitHub's shape, from the state. */
export function buildPayload(state: GitHubState, options: RunOptions): Record<string, unknown> {
  const event = options.event ?? 'pull_request';
  const pull = pr(state, options.number);
  const full = `${state.repo.owner}/${state.repo.name}`;
  const repository = { id: state.repo.id, name: state.repo.name, full_name: full, private: state.repo.private, owner: userJson(state, state.repo.owner), default_branch: state.repo.defaultBranch };
  const headRepoName = pull.head.repoFullName === undefined ? full : pull.head.repoFullName;
  const payload: Record<string, unknown> = {
    action: options.action ?? (event === 'pull_request_review' ? 'submitted' : options.label ? 'labeled' : 'synchronize'),
    number: pull.number,
    pull_request: {
      url: `https://api.github.com/repos/${full}/pulls/${pull.number}`,
      id: 1_000_000 + pull.number,
      number: pull.number,
      state: pull.state,
      title: pull.title,
      user: userJson(state, pull.user),
      draft: pull.draft,
      labels: pull.labels.map((name) => ({ name })),
      head: { label: `${state.repo.owner}:${pull.head.ref}`, ref: pull.head.ref, sha: options.headSha ?? pull.head.sha, repo: headRepoName ? { full_name: headRepoName, fork: headRepoName !== full } : null },
      base: { label: `${state.repo.owner}:${pull.base.ref}`, ref: pull.base.ref, sha: pull.base.sha, repo: repository },
    },
    repository,
    sender: userJson(state, pull.user),
  };
  if (event === 'pull_request_review') {
    const r = options.review ?? pull.reviews[pull.reviews.length - 1];
    if (r) {
      payload.review = { id: r.id, user: userJson(state, r.user), state: r.state.toLowerCase(), commit_id: r.commit_id, submitted_at: r.submitted_at, body: r.body ?? null };
      payload.sender = userJson(state, r.user);
    }
  }
  if (options.label) payload.label = { name: options.label, color: 'ededed' };
  return payload;
}

/** The bundle under test; PLANGATE_ACTION_BUNDLE runs the cases against another (an older build, to show a test fails without its fix). */
const BUNDLE = process.env.PLANGATE_ACTION_BUNDLE || join(REPO_ROOT, 'dist/index.js');

/** Runs dist/index.js once against `gh`, as a job step of the event in `options`. */
export async function runAction(gh: GitHubServer, options: RunOptions = {}): Promise<ActionRun> {
  const dir = tempDir();
  const outputFile = join(dir, 'github_output');
  const summaryFile = join(dir, 'step_summary');
  const eventFile = join(dir, 'event.json');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const payload = options.payload ?? buildPayload(gh.state, options);
  writeFileSync(eventFile, typeof payload === 'string' ? payload : JSON.stringify(payload, null, 2));

  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: options.event ?? 'pull_request',
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_REPOSITORY: `${gh.state.repo.owner}/${gh.state.repo.name}`,
    GITHUB_REPOSITORY_OWNER: gh.state.repo.owner,
    GITHUB_API_URL: gh.url,
    GITHUB_GRAPHQL_URL: gh.graphqlUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SHA: fakeMergeSha(options.headSha ?? pr(gh.state, options.number).head.sha),
    GITHUB_WORKSPACE: options.cwd ?? REPO_ROOT,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: dir,
    PLANGATE_RETRY_BASE_MS: '5',
    // Not the runner's: a cache of the bundle's compiled code shared by the runs (./compile-cache.ts).
    NODE_COMPILE_CACHE: inject('actionCompileCache'),
  };
  const inputs: Record<string, string | undefined> = { plans: DESTROY_PLAN, 'github-token': gh.state.token, ...options.inputs };
  for (const [name, value] of Object.entries(inputs)) {
    // The runner upper-cases the name and keeps its dashes.
    if (value !== undefined) env[`INPUT_${name.toUpperCase()}`] = value;
  }
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }

  const first = gh.requests.length;
  const firstViolation = gh.violations.length;
  // Behind the other test files' work in the CPU queue: dozens of these runs at once, mostly waiting on the
  // client's spacing of writes, would otherwise starve a CPU-bound test running beside them past its timeout.
  const result = await spawnAsync(process.execPath, [BUNDLE], { cwd: options.cwd ?? REPO_ROOT, env, timeoutMs: 100_000, niceness: 10 });
  const outputs = parseOutputs(readFileSync(outputFile, 'utf8'));
  let report: ActionRun['report'];
  if (outputs.report) {
    try {
      report = JSON.parse(readFileSync(outputs.report, 'utf8')) as ActionRun['report'];
    } catch {
      report = undefined;
    }
  }
  const disagreement = reportDisagreement(outputs, report);
  if (disagreement) throw new Error(`the report file contradicts the outputs: ${disagreement}`);
  const violations = violationsSince(gh, firstViolation);
  if (violations.length > 0) throw new Error(`the run's exchanges depart from GitHub's API description:\n${violations.join('\n')}`);
  return {
    violations,
    exitCode: result.status,
    outputs,
    decision: outputs.decision,
    summary: readFileSync(summaryFile, 'utf8'),
    stdout: result.stdout,
    stderr: result.stderr,
    errors: commands(result.stdout, 'error'),
    warnings: commands(result.stdout, 'warning'),
    requests: gh.requests.slice(first),
    report,
  };
}

/**
 * Checked on every run: once the action decided, its report file exists and says
 * the same decision as the `decision` output, names who approved or overrode,
 * and holds the errors of an `error`; and it conforms to schema/report.schema.json.
 */
function reportDisagreement(outputs: Record<string, string>, report: ReportFile | undefined): string | undefined {
  const decision = outputs.decision;
  if (decision === undefined) return outputs.report === undefined ? undefined : 'a report output without a decision output';
  if (!report) return `decision ${decision}, but no readable report file at ${String(outputs.report)}`;
  if (report.decision !== decision) return `decision output ${decision}, report decision ${String(report.decision)}`;
  const problems = schemaProblems(report);
  if (problems.length > 0) return `the report departs from schema/report.schema.json: ${problems.join('; ')}`;
  if (decision === 'error' && !report.errors?.length) return 'decision error, but the report lists no error';
  if (decision === 'approved' && !report.approval?.approvedBy.length) return 'decision approved, but the report names no approver';
  if (decision === 'overridden' && !report.approval?.overriddenBy) return 'decision overridden, but the report names no one who overrode';
  return undefined;
}

/** GITHUB_SHA of a pull_request run is the test merge commit, not the head: plangate must not use it. */
function fakeMergeSha(head: string): string {
  return [...head].reverse().join('');
}

/** `name<<delimiter\nvalue\ndelimiter` blocks, as @actions/core writes them. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const m of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs[m[1] as string] = m[3] as string;
  return outputs;
}

function commands(stdout: string, kind: 'error' | 'warning'): string[] {
  const decode = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  return [...stdout.matchAll(new RegExp(`^::${kind}(?: [^:]*)?::(.*)$`, 'gm'))].map((m) => decode(m[1] as string));
}

/** A one-line description of a run, for assertion messages. */
export function describeRun(run: ActionRun): string {
  return `exit ${String(run.exitCode)}, decision ${String(run.decision)}; errors: ${run.errors.join(' | ') || '(none)'}; stderr: ${run.stderr.slice(0, 500)}`;
}
