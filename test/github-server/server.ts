// A local fake of GitHub's REST and GraphQL APIs, for tests that must not touch
// the network. It answers GitHub's real shapes (field names, status codes,
// error bodies, Link pagination, x-ratelimit-* headers) from an in-memory
// state that tests mutate between runs.
//
// The server runs in the calling process. A child process (dist/index.js) can
// use it through GITHUB_API_URL / GITHUB_GRAPHQL_URL, but only while this
// process's event loop is free: start the child with `spawnAsync` (or any
// asynchronous spawn), never `spawnSync`/`execFileSync`, which would block the
// server and hang the child.
//
// Shapes follow docs.github.com (REST API version 2022-11-28) and the schemas
// of @octokit/openapi-types; see the notes by each endpoint.
import { spawn, type SpawnOptions } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

// ---------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------

export type Login = string;

export interface FakeUser {
  login: string;
  id: number;
  type: 'User' | 'Bot' | 'Organization';
  /** Primary email: commits with this author/committer email link to this account. */
  email?: string;
  name?: string;
}

export interface GitIdentity {
  name: string;
  email: string;
  /** ISO 8601. */
  date: string;
}

export interface FakeCoAuthor {
  name: string;
  email: string;
  /** The account the email links to; null = linked to none; absent = looked up by email in `users`. */
  login?: Login | null;
}

export interface FakeCommit {
  sha: string;
  message: string;
  author: GitIdentity;
  committer: GitIdentity;
  /** The account the author email links to; null = none (REST `author: null`); absent = looked up by email. */
  authorLogin?: Login | null;
  committerLogin?: Login | null;
  /** Co-authors as GitHub resolves them; absent = parsed from `Co-authored-by:` trailers of the message. */
  coAuthors?: FakeCoAuthor[];
  /** Parent SHAs; absent = the previous commit of the pull request (or its base SHA for the first). */
  parents?: string[];
}

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

export interface FakeReview {
  id: number;
  user: Login;
  state: ReviewState;
  commit_id: string;
  /** Absent for PENDING reviews, as on GitHub. */
  submitted_at?: string;
  body?: string;
}

export interface FakeApp {
  slug: string;
  id: number;
  name?: string;
  /** Owner login (defaults to the repository owner; "github" for github-actions). */
  owner?: Login;
}

export interface FakeIssueEvent {
  id: number;
  /** labeled, unlabeled, review_requested, assigned, head_ref_force_pushed, ... */
  event: string;
  actor: Login;
  label?: { name: string; color?: string };
  created_at: string;
  performed_via_github_app?: FakeApp | null;
  commit_id?: string | null;
  /** Extra event-specific fields, copied as they are (e.g. `requested_reviewer`, already shaped). */
  extra?: Record<string, unknown>;
}

export interface FakeComment {
  id: number;
  user: Login;
  body: string;
  created_at: string;
  updated_at?: string;
  performed_via_github_app?: FakeApp | null;
}

export type FileStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';

export interface FakeFile {
  filename: string;
  status: FileStatus;
  previous_filename?: string;
  additions?: number;
  deletions?: number;
  patch?: string;
}

export interface FakePull {
  number: number;
  state: 'open' | 'closed';
  draft: boolean;
  title: string;
  body?: string | null;
  user: Login;
  /** repoFullName: "owner/name" of the head repository; differs from the base for a fork; null = the fork was deleted. */
  head: { sha: string; ref: string; repoFullName?: string | null };
  base: { sha: string; ref: string };
  labels: string[];
  commits: FakeCommit[];
  reviews: FakeReview[];
  files: FakeFile[];
  events: FakeIssueEvent[];
  comments: FakeComment[];
  assignees: Login[];
  requested_reviewers?: Login[];
  merged?: boolean;
  created_at?: string;
  updated_at?: string;
}

export interface FakeStatus {
  id: number;
  state: 'error' | 'failure' | 'pending' | 'success';
  context: string;
  description?: string | null;
  target_url?: string | null;
  created_at: string;
  updated_at?: string;
  creator: Login;
}

export interface FakeCheckSuite {
  id: number;
  created_at: string;
  app_slug: string;
  status?: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
  conclusion?: 'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required' | 'stale' | null;
  head_branch?: string | null;
}

export interface FakeTeam {
  /** Active members (maintainers included or not: `maintainers` are members too). */
  members: Login[];
  /** false: the token cannot see the team (no org Members permission), so every team endpoint answers 404. */
  visible: boolean;
  maintainers?: Login[];
  /** Invited, not yet accepted: membership state "pending". */
  pending?: Login[];
  id?: number;
  name?: string;
  privacy?: 'closed' | 'secret';
}

export type BaseRole = 'read' | 'triage' | 'write' | 'maintain' | 'admin';
export type PermissionLevel = 'none' | 'read' | 'write';
export type PermissionScope = 'actions' | 'checks' | 'contents' | 'issues' | 'metadata' | 'pull_requests' | 'statuses';
/** The token's repository permissions; a scope left out is "none" (metadata is always readable). */
export type TokenPermissions = Partial<Record<PermissionScope, PermissionLevel>>;

export interface GitHubState {
  /** The only token accepted (as `token X` or `Bearer X`). */
  token: string;
  repo: { owner: string; name: string; private: boolean; defaultBranch: string; id: number };
  org: string;
  users: Record<Login, FakeUser>;
  /** Who the token is: user/creator of what it creates. */
  authenticatedAs: FakeUser;
  pulls: Record<number, FakePull>;
  /** Commits known outside pull requests (for statuses, check suites, contents). */
  commitsBySha: Record<string, FakeCommit>;
  /** Branch name → SHA (pull request head/base refs are known without this). */
  branches: Record<string, string>;
  /** login → role_name: read | triage | write | maintain | admin | a custom role name (see customRoles). */
  collaborators: Record<Login, string>;
  /** Custom role name → the base role it extends. */
  customRoles: Record<string, BaseRole>;
  teams: Record<string, FakeTeam>;
  /** SHA → path → file text. */
  contents: Record<string, Record<string, string>>;
  statuses: Record<string, FakeStatus[]>;
  checkSuites: Record<string, FakeCheckSuite[]>;
  /** GitHub Apps by slug (ids for check suites and performed_via_github_app). */
  apps: Record<string, FakeApp>;
  tokenPermissions: TokenPermissions;
  labelColors: Record<string, string>;
  /** Clock for what the server creates; defaults to the real time. */
  now?: () => string;
}

export interface RecordedRequest {
  method: string;
  /** The path as requested (may be the /repositories/{id}/… form taken from a Link header). */
  path: string;
  /** The same path in /repos/{owner}/{repo}/… form. */
  route: string;
  query: Record<string, string>;
  body: unknown;
  headers: IncomingHttpHeaders;
  /** Status answered (set once answered). */
  status?: number;
  /** For POST /graphql. */
  graphql?: { query: string; variables: Record<string, unknown> };
}

export interface Fault {
  method?: string;
  /** A string matches the path exactly (without query), in either its /repos/… or /repositories/{id}/… form. */
  path: RegExp | string;
  status: number;
  /** How many matching requests get this answer (default 1). */
  times?: number;
  /** An object is sent as JSON; a string as it is. */
  body?: unknown;
  /** Evaluated when the answer is sent (so a reset time is relative to then). */
  headers?: Record<string, string> | (() => Record<string, string>);
  contentType?: string;
  /** Wait before answering. */
  delayMs?: number;
  /** Destroy the connection instead of answering (a network error for the client). */
  reset?: boolean;
}

export interface GitHubServer {
  url: string;
  graphqlUrl: string;
  state: GitHubState;
  requests: RecordedRequest[];
  faults: Fault[];
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------
// Building state
// ---------------------------------------------------------------------------

/** A deterministic 40-hex SHA from a seed. */
export function fakeSha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

export const BASE_TIME = '2024-05-01T12:00:00Z';

/** BASE_TIME plus `minutes`, as GitHub prints times (no milliseconds). */
export function timeAt(minutes: number): string {
  return new Date(Date.parse(BASE_TIME) + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const GITHUB_ACTIONS_BOT: FakeUser = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

/** Permissions of the GITHUB_TOKEN of a pull_request run from a fork: everything read-only. */
export const READ_ONLY_TOKEN_PERMISSIONS: TokenPermissions = {
  actions: 'read',
  checks: 'read',
  contents: 'read',
  issues: 'read',
  metadata: 'read',
  pull_requests: 'read',
  statuses: 'read',
};

export const DEFAULT_TOKEN_PERMISSIONS: TokenPermissions = {
  checks: 'read',
  contents: 'read',
  issues: 'write',
  metadata: 'read',
  pull_requests: 'write',
  statuses: 'write',
};

export const BASE_SHA = fakeSha('acme/infra base');
export const HEAD_SHA = fakeSha('acme/infra head');

/** A commit by `by` (a user of the state, or a bare identity), at BASE_TIME + `minutes`. */
export function makeCommit(options: { sha?: string; message?: string; by?: FakeUser | { name: string; email: string }; minutes?: number } & Partial<FakeCommit> = {}): FakeCommit {
  const { by, minutes = 0, ...rest } = options;
  const date = timeAt(minutes);
  const identity: GitIdentity = by && 'login' in by
    ? { name: by.name ?? by.login, email: by.email ?? `${by.id}+${by.login}@users.noreply.github.com`, date }
    : { name: by?.name ?? 'Dev Alice', email: by?.email ?? 'alice@acme.test', date };
  const commit: FakeCommit = {
    sha: options.sha ?? fakeSha(`commit ${options.message ?? ''} ${date} ${identity.email}`),
    message: options.message ?? 'Update infrastructure',
    author: identity,
    committer: { ...identity },
    ...rest,
  };
  if (by && 'login' in by && rest.authorLogin === undefined) commit.authorLogin = by.login;
  if (by && 'login' in by && rest.committerLogin === undefined) commit.committerLogin = by.login;
  return commit;
}

/** `count` commits by `by`, one minute apart, with distinct SHAs; the last one has SHA `lastSha` when given. */
export function makeCommits(count: number, by?: FakeUser, lastSha?: string): FakeCommit[] {
  return Array.from({ length: count }, (_, i) =>
    makeCommit({ sha: i === count - 1 && lastSha ? lastSha : fakeSha(`commit #${i} of ${count}`), message: `Change ${i + 1}`, by, minutes: i }),
  );
}

/**
 * A sensible default: repository acme/infra (private, org acme), PR #7 by dev-alice
 * (feature/cleanup → main, one commit HEAD_SHA on BASE_SHA), collaborators and
 * teams, token = github-actions[bot] with write access to issues, PRs and statuses.
 * `overrides` replace whole top-level keys.
 */
export function newState(overrides: Partial<GitHubState> = {}): GitHubState {
  const users: Record<Login, FakeUser> = {
    'dev-alice': { login: 'dev-alice', id: 1001, type: 'User', email: 'alice@acme.test', name: 'Dev Alice' },
    'ops-bob': { login: 'ops-bob', id: 1002, type: 'User', email: 'bob@acme.test', name: 'Ops Bob' },
    'sec-carol': { login: 'sec-carol', id: 1003, type: 'User', email: 'carol@acme.test', name: 'Sec Carol' },
    'outside-dave': { login: 'outside-dave', id: 1004, type: 'User', email: 'dave@example.test', name: 'Outside Dave' },
    acme: { login: 'acme', id: 9001, type: 'Organization' },
    'github-actions[bot]': { ...GITHUB_ACTIONS_BOT },
    'dependabot[bot]': { login: 'dependabot[bot]', id: 49699333, type: 'Bot' },
  };
  const alice = users['dev-alice'] as FakeUser;
  const pull: FakePull = {
    number: 7,
    state: 'open',
    draft: false,
    title: 'Remove the legacy bucket',
    body: 'Cleans up resources that are no longer used.',
    user: 'dev-alice',
    head: { sha: HEAD_SHA, ref: 'feature/cleanup', repoFullName: 'acme/infra' },
    base: { sha: BASE_SHA, ref: 'main' },
    labels: [],
    commits: [makeCommit({ sha: HEAD_SHA, message: 'Remove the legacy bucket', by: alice, minutes: 0 })],
    reviews: [],
    files: [{ filename: 'main.tf', status: 'modified', additions: 1, deletions: 12 }],
    events: [],
    comments: [],
    assignees: [],
    created_at: timeAt(-10),
    updated_at: timeAt(0),
  };
  return {
    token: 'ghs_fake0000000000000000000000000000000',
    repo: { owner: 'acme', name: 'infra', private: true, defaultBranch: 'main', id: 700007 },
    org: 'acme',
    users,
    authenticatedAs: { ...GITHUB_ACTIONS_BOT },
    pulls: { 7: pull },
    commitsBySha: {},
    branches: { main: BASE_SHA, 'feature/cleanup': HEAD_SHA },
    collaborators: { 'dev-alice': 'write', 'ops-bob': 'maintain', 'sec-carol': 'admin' },
    customRoles: {},
    teams: {
      platform: { members: ['ops-bob', 'sec-carol'], visible: true, id: 31 },
      security: { members: ['sec-carol'], maintainers: ['sec-carol'], visible: true, id: 32 },
    },
    contents: {
      [BASE_SHA]: { 'README.md': '# infra\n', 'main.tf': 'resource "aws_s3_bucket" "legacy" {}\n' },
      [HEAD_SHA]: { 'README.md': '# infra\n', 'main.tf': '# legacy bucket removed\n' },
    },
    statuses: {},
    checkSuites: {},
    apps: {
      'github-actions': { slug: 'github-actions', id: 15368, name: 'GitHub Actions', owner: 'github' },
      dependabot: { slug: 'dependabot', id: 29110, name: 'Dependabot', owner: 'github' },
    },
    tokenPermissions: { ...DEFAULT_TOKEN_PERMISSIONS },
    labelColors: {},
    ...overrides,
  };
}

// ---------------------------------------------------------------------------
// Faults
// ---------------------------------------------------------------------------

type FaultOptions = { method?: string; times?: number };

/** A 5xx. 502 answers GitHub's HTML error page (not JSON), the others `{"message": …}`. */
export function serverErrorFault(path: RegExp | string, options: FaultOptions & { status?: 500 | 502 | 503 | 504 } = {}): Fault {
  const status = options.status ?? 500;
  if (status === 502) {
    return { ...options, path, status, contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1>\nThe server returned an invalid or incomplete response.\n</body></html>\n' };
  }
  return { ...options, path, status, body: { message: status === 500 ? 'Server Error' : (STATUS_CODES[status] ?? 'Server Error') } };
}

/** GitHub's secondary rate limit: 403 (or 429) with retry-after and the "secondary rate limit" message. */
export function secondaryRateLimitFault(path: RegExp | string, options: FaultOptions & { retryAfter?: number; status?: 403 | 429 } = {}): Fault {
  return {
    method: options.method,
    times: options.times,
    path,
    status: options.status ?? 403,
    headers: { 'retry-after': String(options.retryAfter ?? 1) },
    body: {
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.',
      documentation_url: 'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
    },
  };
}

/** GitHub's primary rate limit: 403 with x-ratelimit-remaining 0 and x-ratelimit-reset `resetIn` seconds from the answer. */
export function primaryRateLimitFault(path: RegExp | string, options: FaultOptions & { resetIn?: number; status?: 403 | 429 } = {}): Fault {
  return {
    method: options.method,
    times: options.times,
    path,
    status: options.status ?? 403,
    headers: () => rateLimitExhaustedHeaders(options.resetIn ?? 1, 'core'),
    body: {
      message: 'API rate limit exceeded for installation ID 1000001.',
      documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits',
    },
  };
}

/** 429 Too Many Requests with retry-after (GitHub's other way of signalling a secondary rate limit). */
export function tooManyRequestsFault(path: RegExp | string, options: FaultOptions & { retryAfter?: number } = {}): Fault {
  return secondaryRateLimitFault(path, { ...options, status: 429 });
}

/** GraphQL's primary rate limit: 200 with errors[0].type RATE_LIMITED and x-ratelimit-remaining 0. */
export function graphqlRateLimitFault(options: { times?: number; resetIn?: number } = {}): Fault {
  return {
    method: 'POST',
    path: '/graphql',
    times: options.times,
    status: 200,
    headers: () => rateLimitExhaustedHeaders(options.resetIn ?? 1, 'graphql'),
    body: { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for installation ID 1000001.' }] },
  };
}

function rateLimitExhaustedHeaders(resetIn: number, resource: string): Record<string, string> {
  return {
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-used': '5000',
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + resetIn),
    'x-ratelimit-resource': resource,
  };
}

// ---------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.message));
  }
}

/** A mistake in the test's state (e.g. an unknown login): answered 500 with this message. */
class StateError extends Error {}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as is instead of JSON. */
  text?: string;
  contentType?: string;
}

interface Ctx {
  state: GitHubState;
  base: string;
  url: URL;
  method: string;
  /** /repos/{owner}/{repo}/… form. */
  route: string;
  body: unknown;
  headers: IncomingHttpHeaders;
  doc: string;
  replyHeaders: Record<string, string>;
}

type Handler = (ctx: Ctx, params: string[]) => Reply;

interface Route {
  method: string;
  pattern: RegExp;
  doc: string;
  handler: Handler;
}

const DOCS = 'https://docs.github.com/rest';

/** Starts the fake on 127.0.0.1 on a free port. */
export async function startGitHubServer(state: GitHubState): Promise<GitHubServer> {
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  const sockets = new Set<Socket>();
  const rate = { core: 0, graphql: 0, reset: Math.floor(Date.now() / 1000) + 3600 };
  let base = '';

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { message: `fake GitHub: ${String(error)}` }, {});
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', base);
    const method = (req.method ?? 'GET').toUpperCase();
    const route = normalizeRoute(state, url.pathname);
    let body: unknown = raw === '' ? undefined : raw;
    let badJson = false;
    if (raw !== '') {
      try {
        body = JSON.parse(raw) as unknown;
      } catch {
        badJson = true;
      }
    }
    const record: RecordedRequest = { method, path: url.pathname, route, query: Object.fromEntries(url.searchParams), body, headers: req.headers };
    if (route === '/graphql' && typeof body === 'object' && body !== null) {
      const { query, variables } = body as { query?: unknown; variables?: unknown };
      record.graphql = { query: typeof query === 'string' ? query : '', variables: isRecord(variables) ? variables : {} };
    }
    requests.push(record);

    const resource = route === '/graphql' ? 'graphql' : 'core';
    rate[resource] += 1;
    const common: Record<string, string> = {
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': randomBytes(8).toString('hex').toUpperCase(),
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(Math.max(0, 5000 - rate[resource])),
      'x-ratelimit-reset': String(rate.reset),
      'x-ratelimit-used': String(rate[resource]),
      'x-ratelimit-resource': resource,
    };
    const answer = (reply: Reply): void => {
      record.status = reply.status;
      const headers = { ...common, ...reply.headers };
      if (reply.text !== undefined) {
        res.writeHead(reply.status, { ...headers, 'content-type': reply.contentType ?? 'text/plain; charset=utf-8' });
        res.end(reply.text);
      } else {
        sendJson(res, reply.status, reply.body, headers);
      }
    };

    const fault = takeFault(faults, method, url.pathname, route);
    if (fault) {
      if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (fault.reset) {
        record.status = 0;
        req.socket.destroy();
        return;
      }
      const headers = typeof fault.headers === 'function' ? fault.headers() : (fault.headers ?? {});
      if (typeof fault.body === 'string') answer({ status: fault.status, headers, text: fault.body, contentType: fault.contentType ?? 'text/plain; charset=utf-8' });
      else answer({ status: fault.status, headers, body: fault.body ?? { message: STATUS_CODES[fault.status] ?? 'Error' } });
      return;
    }

    const authError = checkAuth(state, req.headers, route === '/graphql');
    if (authError) return answer(authError);
    if (badJson) return answer({ status: 400, body: { message: 'Problems parsing JSON', documentation_url: route === '/graphql' ? 'https://docs.github.com/graphql' : DOCS, status: '400' } });

    if (route === '/graphql') {
      if (method !== 'POST') return answer({ status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/graphql', status: '404' } });
      return answer({ status: 200, body: executeGraphQL(state, body, rate.graphql, rate.reset) });
    }

    for (const r of ROUTES) {
      if (r.method !== method) continue;
      const m = r.pattern.exec(route);
      if (!m) continue;
      const ctx: Ctx = { state, base, url, method, route, body, headers: req.headers, doc: r.doc, replyHeaders: {} };
      try {
        // An optional group that did not match is undefined, not the text "undefined".
        const params = m.slice(1).map((p: string | undefined) => (p === undefined ? '' : decodeURIComponent(p)));
        const reply = r.handler(ctx, params);
        return answer({ ...reply, headers: { ...ctx.replyHeaders, ...reply.headers } });
      } catch (error) {
        if (error instanceof HttpError) return answer({ status: error.status, body: error.body, headers: error.headers });
        if (error instanceof StateError) return answer({ status: 500, body: { message: `fake GitHub: ${error.message}` } });
        throw error;
      }
    }
    answer({ status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;

  return {
    url: base,
    graphqlUrl: `${base}/graphql`,
    state,
    requests,
    faults,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

/** /repositories/{id}/… (the form GitHub's Link headers use) → /repos/{owner}/{repo}/…; trailing slash dropped. */
function normalizeRoute(state: GitHubState, pathname: string): string {
  let path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const m = /^\/repositories\/(\d+)(\/.*)?$/.exec(path);
  if (m && Number(m[1]) === state.repo.id) path = `/repos/${state.repo.owner}/${state.repo.name}${m[2] ?? ''}`;
  return path;
}

function takeFault(faults: Fault[], method: string, path: string, route: string): Fault | undefined {
  const index = faults.findIndex(
    (f) => (!f.method || f.method.toUpperCase() === method) && (typeof f.path === 'string' ? f.path === path || f.path === route : f.path.test(path) || f.path.test(route)),
  );
  if (index < 0) return undefined;
  const fault = faults[index] as Fault;
  const left = (fault.times ?? 1) - 1;
  if (left <= 0) faults.splice(index, 1);
  else fault.times = left;
  return fault;
}

function checkAuth(state: GitHubState, headers: IncomingHttpHeaders, graphql: boolean): Reply | undefined {
  const doc = graphql ? 'https://docs.github.com/graphql' : DOCS;
  const header = headers.authorization;
  if (!header) {
    if (graphql) return { status: 401, body: { message: 'This endpoint requires you to be authenticated.', documentation_url: 'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql' } };
    return { status: 401, body: { message: 'Requires authentication', documentation_url: doc, status: '401' } };
  }
  const m = /^(?:token|bearer)\s+(\S+)$/i.exec(header);
  if (!m || m[1] !== state.token) return { status: 401, body: { message: 'Bad credentials', documentation_url: doc, status: '401' } };
  return undefined;
}

// ---------------------------------------------------------------------------
// REST helpers
// ---------------------------------------------------------------------------

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(ctx: Ctx, status: number, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): HttpError {
  return new HttpError(status, { message, documentation_url: ctx.doc, status: String(status), ...extra }, headers);
}

function notFound(ctx: Ctx): HttpError {
  return fail(ctx, 404, 'Not Found');
}

function validationFailed(ctx: Ctx, resource: string, field: string, message: string, code = 'custom'): HttpError {
  return fail(ctx, 422, 'Validation Failed', { errors: [{ resource, code, field, message }] });
}

const LEVEL_RANK: Record<PermissionLevel, number> = { none: 0, read: 1, write: 2 };

/** The token needs `level` on one of `scopes`; a read of a public repository needs nothing. */
function requirePermission(ctx: Ctx, scopes: PermissionScope[], level: 'read' | 'write'): void {
  if (level === 'read' && !ctx.state.repo.private) return;
  const granted = (scope: PermissionScope): PermissionLevel => ctx.state.tokenPermissions[scope] ?? (scope === 'metadata' ? 'read' : 'none');
  if (scopes.some((scope) => LEVEL_RANK[granted(scope)] >= LEVEL_RANK[level])) return;
  throw fail(ctx, 403, 'Resource not accessible by integration', {}, { 'x-accepted-github-permissions': scopes.map((s) => `${s}=${level}`).join('; ') });
}

function checkRepo(ctx: Ctx, owner: string, name: string): void {
  const { repo } = ctx.state;
  if (owner.toLowerCase() !== repo.owner.toLowerCase() || name.toLowerCase() !== repo.name.toLowerCase()) throw notFound(ctx);
}

function repoApi(ctx: Ctx): string {
  return `${ctx.base}/repos/${ctx.state.repo.owner}/${ctx.state.repo.name}`;
}

function repoHtml(state: GitHubState): string {
  return `https://github.com/${state.repo.owner}/${state.repo.name}`;
}

function findUser(state: GitHubState, login: string): FakeUser | undefined {
  const lower = login.toLowerCase();
  if (state.authenticatedAs.login.toLowerCase() === lower) return state.users[state.authenticatedAs.login] ?? state.authenticatedAs;
  return state.users[login] ?? Object.values(state.users).find((u) => u.login.toLowerCase() === lower);
}

function mustUser(state: GitHubState, login: string): FakeUser {
  const user = findUser(state, login);
  if (!user) throw new StateError(`no user "${login}" in state.users`);
  return user;
}

/** Legacy global node id: base64("0" + length(type) + ":" + type + id), e.g. MDQ6VXNlcjE= for User 1. */
function nodeId(type: string, id: number | string): string {
  return Buffer.from(`0${type.length}:${type}${id}`).toString('base64');
}

function userJson(base: string, user: FakeUser): Record<string, unknown> {
  const api = `${base}/users/${encodeURIComponent(user.login)}`;
  const isBot = user.type === 'Bot';
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type, user.id),
    avatar_url: isBot ? `https://avatars.githubusercontent.com/in/${user.id}?v=4` : `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: isBot ? `https://github.com/apps/${user.login.replace(/\[bot\]$/, '')}` : `https://github.com/${user.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

function userByLogin(ctx: Ctx, login: string): Record<string, unknown> {
  return userJson(ctx.base, mustUser(ctx.state, login));
}

function ownerUser(state: GitHubState, login: string): FakeUser {
  return findUser(state, login) ?? { login, id: 9_000_000 + hashNumber(login, 999_999), type: login === state.org ? 'Organization' : 'User' };
}

function hashNumber(text: string, modulo: number): number {
  return parseInt(createHash('sha1').update(text).digest('hex').slice(0, 8), 16) % modulo;
}

function repositoryJson(ctx: Ctx, fullName: string): Record<string, unknown> {
  const { state } = ctx;
  const [owner = '', name = ''] = fullName.split('/');
  const isBase = fullName.toLowerCase() === `${state.repo.owner}/${state.repo.name}`.toLowerCase();
  const id = isBase ? state.repo.id : 800_000 + hashNumber(fullName, 99_999);
  const api = `${ctx.base}/repos/${owner}/${name}`;
  return {
    id,
    node_id: nodeId('Repository', id),
    name,
    full_name: fullName,
    private: state.repo.private,
    owner: userJson(ctx.base, ownerUser(state, owner)),
    html_url: `https://github.com/${fullName}`,
    description: null,
    fork: !isBase,
    url: api,
    pulls_url: `${api}/pulls{/number}`,
    issues_url: `${api}/issues{/number}`,
    statuses_url: `${api}/statuses/{sha}`,
    contents_url: `${api}/contents/{+path}`,
    created_at: timeAt(-60 * 24 * 365),
    updated_at: timeAt(-60),
    pushed_at: timeAt(0),
    archived: false,
    disabled: false,
    visibility: state.repo.private ? 'private' : 'public',
    default_branch: state.repo.defaultBranch,
  };
}

function labelJson(ctx: Ctx, name: string): Record<string, unknown> {
  const id = 5_000_000 + hashNumber(name, 999_999);
  return {
    id,
    node_id: nodeId('Label', id),
    url: `${repoApi(ctx)}/labels/${encodeURIComponent(name)}`,
    name,
    color: ctx.state.labelColors[name] ?? 'ededed',
    default: false,
    description: null,
  };
}

function appJson(ctx: Ctx, app: FakeApp): Record<string, unknown> {
  return {
    id: app.id,
    slug: app.slug,
    node_id: nodeId('App', app.id),
    owner: userJson(ctx.base, ownerUser(ctx.state, app.owner ?? ctx.state.repo.owner)),
    name: app.name ?? app.slug,
    description: '',
    external_url: `https://github.com/apps/${app.slug}`,
    html_url: `https://github.com/apps/${app.slug}`,
    created_at: timeAt(-60 * 24 * 1000),
    updated_at: timeAt(-60 * 24 * 100),
    permissions: {},
    events: [],
  };
}

function appBySlug(state: GitHubState, slug: string): FakeApp {
  return state.apps[slug] ?? { slug, id: 100_000 + hashNumber(slug, 899_999) };
}

function authorAssociation(state: GitHubState, login: string): string {
  if (login.toLowerCase() === state.repo.owner.toLowerCase()) return 'OWNER';
  if (Object.values(state.teams).some((t) => t.members.includes(login) || (t.maintainers ?? []).includes(login))) return 'MEMBER';
  if (state.collaborators[login] !== undefined) return 'COLLABORATOR';
  if (Object.values(state.pulls).some((p) => p.merged && p.user === login)) return 'CONTRIBUTOR';
  return 'NONE';
}

function now(state: GitHubState): string {
  return state.now ? state.now() : new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function getPull(ctx: Ctx, owner: string, name: string, number: string): FakePull {
  checkRepo(ctx, owner, name);
  const pull = ctx.state.pulls[Number(number)];
  if (!pull) throw notFound(ctx);
  return pull;
}

function allComments(state: GitHubState): Array<{ pull: FakePull; comment: FakeComment }> {
  return Object.values(state.pulls).flatMap((pull) => pull.comments.map((comment) => ({ pull, comment })));
}

function nextId(state: GitHubState): number {
  let max = 100_000;
  for (const { comment } of allComments(state)) max = Math.max(max, comment.id);
  for (const list of Object.values(state.statuses)) for (const s of list) max = Math.max(max, s.id);
  for (const pull of Object.values(state.pulls)) for (const e of pull.events) max = Math.max(max, e.id);
  return max + 1;
}

/** Every commit the repository knows. */
function knownCommits(state: GitHubState): Map<string, FakeCommit | undefined> {
  const known = new Map<string, FakeCommit | undefined>();
  for (const sha of Object.values(state.branches)) known.set(sha, undefined);
  for (const pull of Object.values(state.pulls)) {
    known.set(pull.base.sha, undefined);
    known.set(pull.head.sha, undefined);
    for (const c of pull.commits) known.set(c.sha, c);
  }
  for (const [sha, c] of Object.entries(state.commitsBySha)) known.set(sha, c);
  for (const sha of Object.keys(state.contents)) if (!known.has(sha)) known.set(sha, undefined);
  return known;
}

/** A SHA, branch name (also refs/heads/…) or a pull request's head/base ref → SHA; undefined when unknown. */
function resolveRef(state: GitHubState, ref: string): string | undefined {
  const name = ref.replace(/^refs\/heads\//, '');
  if (state.branches[name]) return state.branches[name];
  for (const pull of Object.values(state.pulls)) {
    if (pull.head.ref === name) return pull.head.sha;
    if (pull.base.ref === name) return pull.base.sha;
  }
  if (/^[0-9a-f]{4,40}$/i.test(ref)) {
    for (const sha of knownCommits(state).keys()) if (sha.startsWith(ref.toLowerCase())) return sha;
  }
  return undefined;
}

/**
 * Paginates as GitHub does: per_page (default `defaultPerPage`, at most 100), page
 * (from 1), and a Link header with rel="prev", "next", "last", "first" in that order,
 * omitted when everything fits on page 1. Link URLs use the /repositories/{id}/ form.
 */
function paginate<T>(ctx: Ctx, items: T[], defaultPerPage = 30): T[] {
  const asked = Number.parseInt(ctx.url.searchParams.get('per_page') ?? '', 10);
  const perPage = Number.isFinite(asked) && asked > 0 ? Math.min(asked, 100) : defaultPerPage;
  const askedPage = Number.parseInt(ctx.url.searchParams.get('page') ?? '', 10);
  const page = Number.isFinite(askedPage) && askedPage > 0 ? askedPage : 1;
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const links: string[] = [];
  const link = (p: number, rel: string): void => {
    const params = new URLSearchParams(ctx.url.searchParams);
    params.delete('page');
    params.append('page', String(p));
    links.push(`<${linkBase(ctx)}?${params.toString()}>; rel="${rel}"`);
  };
  if (page > 1) link(page - 1, 'prev');
  if (page < last) {
    link(page + 1, 'next');
    link(last, 'last');
  }
  if (page > 1) link(1, 'first');
  if (links.length > 0) ctx.replyHeaders.link = links.join(', ');
  return items.slice((page - 1) * perPage, page * perPage);
}

function linkBase(ctx: Ctx): string {
  const prefix = `/repos/${ctx.state.repo.owner}/${ctx.state.repo.name}`;
  if (ctx.route.toLowerCase().startsWith(prefix.toLowerCase())) return `${ctx.base}/repositories/${ctx.state.repo.id}${ctx.route.slice(prefix.length)}`;
  return `${ctx.base}${ctx.route}`;
}

function ok(body: unknown, status = 200, headers: Record<string, string> = {}): Reply {
  return { status, body, headers };
}

// ---------------------------------------------------------------------------
// REST resources
// ---------------------------------------------------------------------------

/** Who a git identity links to: the given login (null = nobody), else by email or a users.noreply address. */
function linkedUser(state: GitHubState, login: Login | null | undefined, email: string): FakeUser | null {
  if (login === null) return null;
  if (login !== undefined) return mustUser(state, login);
  const lower = email.toLowerCase();
  const byEmail = Object.values(state.users).find((u) => u.email?.toLowerCase() === lower);
  if (byEmail) return byEmail;
  const noreply = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/.exec(lower);
  return noreply?.[1] ? (findUser(state, noreply[1]) ?? null) : null;
}

function commitParents(pull: FakePull | undefined, commit: FakeCommit): string[] {
  if (commit.parents) return commit.parents;
  if (!pull) return [];
  const index = pull.commits.indexOf(commit);
  return [index > 0 ? (pull.commits[index - 1] as FakeCommit).sha : pull.base.sha];
}

function commitJson(ctx: Ctx, commit: FakeCommit, pull?: FakePull): Record<string, unknown> {
  const { state } = ctx;
  const author = linkedUser(state, commit.authorLogin, commit.author.email);
  const committer = linkedUser(state, commit.committerLogin, commit.committer.email);
  const api = `${repoApi(ctx)}/commits/${commit.sha}`;
  return {
    sha: commit.sha,
    node_id: nodeId('Commit', commit.sha),
    commit: {
      author: { ...commit.author },
      committer: { ...commit.committer },
      message: commit.message,
      tree: { sha: fakeSha(`tree ${commit.sha}`), url: `${repoApi(ctx)}/git/trees/${fakeSha(`tree ${commit.sha}`)}` },
      url: `${repoApi(ctx)}/git/commits/${commit.sha}`,
      comment_count: 0,
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    },
    url: api,
    html_url: `${repoHtml(state)}/commit/${commit.sha}`,
    comments_url: `${api}/comments`,
    author: author ? userJson(ctx.base, author) : null,
    committer: committer ? userJson(ctx.base, committer) : null,
    parents: commitParents(pull, commit).map((sha) => ({ sha, url: `${repoApi(ctx)}/commits/${sha}`, html_url: `${repoHtml(state)}/commit/${sha}` })),
  };
}

function pullJson(ctx: Ctx, pull: FakePull): Record<string, unknown> {
  const { state } = ctx;
  const baseName = `${state.repo.owner}/${state.repo.name}`;
  const api = `${repoApi(ctx)}/pulls/${pull.number}`;
  const issue = `${repoApi(ctx)}/issues/${pull.number}`;
  const html = `${repoHtml(state)}/pull/${pull.number}`;
  const headFull = pull.head.repoFullName === undefined ? baseName : pull.head.repoFullName;
  const headOwner = headFull ? (headFull.split('/')[0] as string) : pull.user;
  const merged = pull.merged ?? false;
  const updated = pull.updated_at ?? pull.created_at ?? BASE_TIME;
  const id = 1_000_000 + pull.number;
  const additions = pull.files.reduce((n, f) => n + (f.additions ?? 0), 0);
  const deletions = pull.files.reduce((n, f) => n + (f.deletions ?? 0), 0);
  return {
    url: api,
    id,
    node_id: nodeId('PullRequest', id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issue,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    user: userByLogin(ctx, pull.user),
    body: pull.body ?? null,
    created_at: pull.created_at ?? BASE_TIME,
    updated_at: updated,
    closed_at: pull.state === 'closed' ? updated : null,
    merged_at: merged ? updated : null,
    merge_commit_sha: merged ? fakeSha(`merge ${pull.number}`) : null,
    assignee: pull.assignees[0] ? userByLogin(ctx, pull.assignees[0]) : null,
    assignees: pull.assignees.map((login) => userByLogin(ctx, login)),
    requested_reviewers: (pull.requested_reviewers ?? []).map((login) => userByLogin(ctx, login)),
    requested_teams: [],
    labels: pull.labels.map((name) => labelJson(ctx, name)),
    milestone: null,
    draft: pull.draft,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    review_comment_url: `${repoApi(ctx)}/pulls/comments{/number}`,
    comments_url: `${issue}/comments`,
    statuses_url: `${repoApi(ctx)}/statuses/${pull.head.sha}`,
    head: {
      label: `${headOwner}:${pull.head.ref}`,
      ref: pull.head.ref,
      sha: pull.head.sha,
      user: userJson(ctx.base, ownerUser(state, headOwner)),
      repo: headFull ? repositoryJson(ctx, headFull) : null,
    },
    base: {
      label: `${state.repo.owner}:${pull.base.ref}`,
      ref: pull.base.ref,
      sha: pull.base.sha,
      user: userJson(ctx.base, ownerUser(state, state.repo.owner)),
      repo: repositoryJson(ctx, baseName),
    },
    _links: {
      self: { href: api },
      html: { href: html },
      issue: { href: issue },
      comments: { href: `${issue}/comments` },
      review_comments: { href: `${api}/comments` },
      review_comment: { href: `${repoApi(ctx)}/pulls/comments{/number}` },
      commits: { href: `${api}/commits` },
      statuses: { href: `${repoApi(ctx)}/statuses/${pull.head.sha}` },
    },
    author_association: authorAssociation(state, pull.user),
    auto_merge: null,
    active_lock_reason: null,
    merged,
    mergeable: pull.state === 'open' ? true : null,
    rebaseable: pull.state === 'open' ? true : null,
    mergeable_state: pull.state === 'open' ? (pull.draft ? 'draft' : 'clean') : 'unknown',
    merged_by: null,
    comments: pull.comments.length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: pull.commits.length,
    additions,
    deletions,
    changed_files: pull.files.length,
  };
}

function reviewJson(ctx: Ctx, pull: FakePull, review: FakeReview): Record<string, unknown> {
  const html = `${repoHtml(ctx.state)}/pull/${pull.number}#pullrequestreview-${review.id}`;
  const json: Record<string, unknown> = {
    id: review.id,
    node_id: nodeId('PullRequestReview', review.id),
    user: userByLogin(ctx, review.user),
    body: review.body ?? '',
    state: review.state,
    html_url: html,
    pull_request_url: `${repoApi(ctx)}/pulls/${pull.number}`,
    author_association: authorAssociation(ctx.state, review.user),
    _links: { html: { href: html }, pull_request: { href: `${repoApi(ctx)}/pulls/${pull.number}` } },
    commit_id: review.commit_id,
  };
  if (review.state !== 'PENDING') json.submitted_at = review.submitted_at ?? BASE_TIME;
  return json;
}

function fileJson(ctx: Ctx, pull: FakePull, file: FakeFile): Record<string, unknown> {
  const additions = file.additions ?? 0;
  const deletions = file.deletions ?? 0;
  const path = file.filename.split('/').map(encodeURIComponent).join('/');
  const json: Record<string, unknown> = {
    sha: file.status === 'removed' ? fakeSha(`blob ${file.filename} ${pull.base.sha}`) : fakeSha(`blob ${file.filename} ${pull.head.sha}`),
    filename: file.filename,
    status: file.status,
    additions,
    deletions,
    changes: additions + deletions,
    blob_url: `${repoHtml(ctx.state)}/blob/${pull.head.sha}/${path}`,
    raw_url: `${repoHtml(ctx.state)}/raw/${pull.head.sha}/${path}`,
    contents_url: `${repoApi(ctx)}/contents/${path}?ref=${pull.head.sha}`,
  };
  if (file.patch !== undefined) json.patch = file.patch;
  if (file.previous_filename !== undefined) json.previous_filename = file.previous_filename;
  return json;
}

function eventJson(ctx: Ctx, event: FakeIssueEvent): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: event.id,
    node_id: nodeId(`${event.event.replace(/(^|_)(\w)/g, (_, __, c: string) => c.toUpperCase())}Event`, event.id),
    url: `${repoApi(ctx)}/issues/events/${event.id}`,
    actor: userByLogin(ctx, event.actor),
    event: event.event,
    commit_id: event.commit_id ?? null,
    commit_url: event.commit_id ? `${repoApi(ctx)}/commits/${event.commit_id}` : null,
    created_at: event.created_at,
    performed_via_github_app: event.performed_via_github_app ? appJson(ctx, event.performed_via_github_app) : null,
  };
  if (event.label) json.label = { name: event.label.name, color: event.label.color ?? ctx.state.labelColors[event.label.name] ?? 'ededed' };
  return { ...json, ...event.extra };
}

function commentJson(ctx: Ctx, pull: FakePull, comment: FakeComment): Record<string, unknown> {
  const url = `${repoApi(ctx)}/issues/comments/${comment.id}`;
  return {
    url,
    html_url: `${repoHtml(ctx.state)}/pull/${pull.number}#issuecomment-${comment.id}`,
    issue_url: `${repoApi(ctx)}/issues/${pull.number}`,
    id: comment.id,
    node_id: nodeId('IssueComment', comment.id),
    user: userByLogin(ctx, comment.user),
    created_at: comment.created_at,
    updated_at: comment.updated_at ?? comment.created_at,
    author_association: authorAssociation(ctx.state, comment.user),
    body: comment.body,
    reactions: { url: `${url}/reactions`, total_count: 0, '+1': 0, '-1': 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 },
    performed_via_github_app: comment.performed_via_github_app ? appJson(ctx, comment.performed_via_github_app) : null,
  };
}

function statusJson(ctx: Ctx, sha: string, status: FakeStatus, withCreator: boolean): Record<string, unknown> {
  const creator = mustUser(ctx.state, status.creator);
  const json: Record<string, unknown> = {
    url: `${repoApi(ctx)}/statuses/${sha}`,
    avatar_url: userJson(ctx.base, creator).avatar_url,
    id: status.id,
    node_id: nodeId('StatusContext', status.id),
    state: status.state,
    description: status.description ?? null,
    target_url: status.target_url ?? null,
    context: status.context,
    created_at: status.created_at,
    updated_at: status.updated_at ?? status.created_at,
  };
  if (withCreator) json.creator = userJson(ctx.base, creator);
  return json;
}

/** Statuses of a SHA, newest first (by created_at, then id). */
function statusesNewestFirst(state: GitHubState, sha: string): FakeStatus[] {
  return [...(state.statuses[sha] ?? [])].sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id);
}

function commitRef(ctx: Ctx, ref: string): string {
  const sha = resolveRef(ctx.state, ref);
  if (!sha) throw fail(ctx, 422, `No commit found for SHA: ${ref}`);
  return sha;
}

const LEGACY_PERMISSION: Record<BaseRole, string> = { admin: 'admin', maintain: 'write', write: 'write', triage: 'read', read: 'read' };
const ROLE_RANK: BaseRole[] = ['read', 'triage', 'write', 'maintain', 'admin'];

function baseRoleOf(state: GitHubState, roleName: string): BaseRole {
  if ((ROLE_RANK as string[]).includes(roleName)) return roleName as BaseRole;
  const base = state.customRoles[roleName];
  if (!base) throw new StateError(`custom role "${roleName}" has no base role in state.customRoles`);
  return base;
}

function permissionsHash(role: BaseRole | 'none'): Record<string, boolean> {
  const rank = role === 'none' ? -1 : ROLE_RANK.indexOf(role);
  return { admin: rank >= 4, maintain: rank >= 3, push: rank >= 2, triage: rank >= 1, pull: rank >= 0 };
}

function gitBlobSha(content: string): string {
  return createHash('sha1').update(`blob ${Buffer.byteLength(content)}\0`).update(content).digest('hex');
}

/** Base64 wrapped at 60 characters with a trailing newline, as GitHub sends `content`. */
function wrappedBase64(content: string): string {
  const b64 = Buffer.from(content).toString('base64');
  return b64 === '' ? '' : `${b64.replace(/.{1,60}/g, '$&\n')}`;
}

function contentEntry(ctx: Ctx, ref: string, path: string, type: 'file' | 'dir', content?: string): Record<string, unknown> {
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  const sha = content === undefined ? fakeSha(`tree ${ref} ${path}`) : gitBlobSha(content);
  const self = `${repoApi(ctx)}/contents/${encoded}?ref=${encodeURIComponent(ref)}`;
  const git = `${repoApi(ctx)}/git/${type === 'file' ? 'blobs' : 'trees'}/${sha}`;
  const html = `${repoHtml(ctx.state)}/${type === 'file' ? 'blob' : 'tree'}/${ref}/${encoded}`;
  return {
    type,
    name: path.split('/').pop() ?? path,
    path,
    sha,
    size: content === undefined ? 0 : Buffer.byteLength(content),
    url: self,
    html_url: html,
    git_url: git,
    download_url: type === 'file' ? `https://raw.githubusercontent.com/${ctx.state.repo.owner}/${ctx.state.repo.name}/${ref}/${encoded}` : null,
    _links: { self, git, html },
  };
}

function body(ctx: Ctx): Record<string, unknown> {
  return isRecord(ctx.body) ? ctx.body : {};
}

const R = '/repos/([^/]+)/([^/]+)';

const ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: new RegExp(`^${R}$`),
    doc: 'https://docs.github.com/rest/repos/repos#get-a-repository',
    handler: (ctx, [owner = '', name = '']) => {
      checkRepo(ctx, owner, name);
      return ok(repositoryJson(ctx, `${ctx.state.repo.owner}/${ctx.state.repo.name}`));
    },
  },
  {
    method: 'GET',
    pattern: /^\/user$/,
    doc: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
    handler: (ctx) => {
      // An installation token (GITHUB_TOKEN) is not a user.
      if (ctx.state.authenticatedAs.type === 'Bot') throw fail(ctx, 403, 'Resource not accessible by integration');
      return ok(userJson(ctx.base, ctx.state.authenticatedAs));
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${R}/pulls/(\\d+)$`),
    doc: 'https://docs.github.com/rest/pulls/pulls#get-a-pull-request',
    handler: (ctx, [owner = '', name = '', number = '']) => {
      const pull = getPull(ctx, owner, name, number);
      requirePermission(ctx, ['pull_requests'], 'read');
      return ok(pullJson(ctx, pull));
    },
  },
  {
    // "Lists a maximum of 250 commits for a pull request."
    method: 'GET',
    pattern: new RegExp(`^${R}/pulls/(\\d+)/commits$`),
    doc: 'https://docs.github.com/rest/pulls/pulls#list-commits-on-a-pull-request',
    handler: (ctx, [owner = '', name = '', number = '']) => {
      const pull = getPull(ctx, owner, name, number);
      requirePermission(ctx, ['pull_requests'], 'read');
      return ok(paginate(ctx, pull.commits.slice(0, 250)).map((c) => commitJson(ctx, c, pull)));
    },
  },
  {
    // Chronological; other users' PENDING reviews are invisible.
    method: 'GET',
    pattern: new RegExp(`^${R}/pulls/(\\d+)/reviews$`),
    doc: 'https://docs.github.com/rest/pulls/reviews#list-reviews-for-a-pull-request',
    handler: (ctx, [owner = '', name = '', number = '']) => {
      const pull = getPull(ctx, owner, name, number);
      requirePermission(ctx, ['pull_requests'], 'read');
      const visible = pull.reviews
        .filter((r) => r.state !== 'PENDING' || r.user.toLowerCase() === ctx.state.authenticatedAs.login.toLowerCase())
        .map((r, i) => ({ r, i }))
        .sort((a, b) => (a.r.submitted_at ?? '~').localeCompare(b.r.submitted_at ?? '~') || a.i - b.i)
        .map(({ r }) => r);
      return ok(paginate(ctx, visible).map((r) => reviewJson(ctx, pull, r)));
    },
  },
  {
    // "Responses include a maximum of 3000 files. The paginated response returns 30 files per page by default."
    method: 'GET',
    pattern: new RegExp(`^${R}/pulls/(\\d+)/files$`),
    doc: 'https://docs.github.com/rest/pulls/pulls#list-pull-requests-files',
    handler: (ctx, [owner = '', name = '', number = '']) => {
      const pull = getPull(ctx, owner, name, number);
      requirePermission(ctx, ['pull_requests'], 'read');
      return ok(paginate(ctx, pull.files.slice(0, 3000)).map((f) => fileJson(ctx, pull, f)));
    },
  },
  {
    // permission: legacy admin|write|read|none (maintain→write, triage→read, custom → its base); role_name: the role itself.
    method: 'GET',
    pattern: new RegExp(`^${R}/collaborators/([^/]+)/permission$`),
    doc: 'https://docs.github.com/rest/collaborators/collaborators#get-repository-permissions-for-a-user',
    handler: (ctx, [owner = '', name = '', username = '']) => {
      checkRepo(ctx, owner, name);
      requirePermission(ctx, ['metadata'], 'read');
      const user = findUser(ctx.state, username);
      if (!user) throw notFound(ctx);
      const roleName = Object.entries(ctx.state.collaborators).find(([login]) => login.toLowerCase() === user.login.toLowerCase())?.[1];
      // Not a collaborator: everybody can read a public repository; nobody else can see a private one.
      const role: BaseRole | 'none' = roleName === undefined ? (ctx.state.repo.private ? 'none' : 'read') : baseRoleOf(ctx.state, roleName);
      const shownRole = roleName ?? role;
      return ok({
        permission: role === 'none' ? 'none' : LEGACY_PERMISSION[role],
        role_name: shownRole,
        user: { ...userJson(ctx.base, user), permissions: permissionsHash(role), role_name: shownRole },
      });
    },
  },
  {
    method: 'GET',
    pattern: /^\/orgs\/([^/]+)\/teams\/([^/]+)$/,
    doc: 'https://docs.github.com/rest/teams/teams#get-a-team-by-name',
    handler: (ctx, [org = '', slug = '']) => {
      const team = visibleTeam(ctx, org, slug);
      const id = team.id ?? 40_000 + hashNumber(slug, 9_999);
      const orgUser = ownerUser(ctx.state, ctx.state.org);
      const api = `${ctx.base}/organizations/${orgUser.id}/team/${id}`;
      return ok({
        id,
        node_id: nodeId('Team', id),
        url: api,
        html_url: `https://github.com/orgs/${ctx.state.org}/teams/${slug}`,
        name: team.name ?? slug,
        slug,
        description: null,
        privacy: team.privacy ?? 'closed',
        notification_setting: 'notifications_enabled',
        permission: 'pull',
        members_url: `${api}/members{/member}`,
        repositories_url: `${api}/repos`,
        parent: null,
        members_count: new Set([...team.members, ...(team.maintainers ?? [])]).size,
        repos_count: 1,
        created_at: timeAt(-60 * 24 * 400),
        updated_at: timeAt(-60 * 24),
        organization: { ...userJson(ctx.base, orgUser), name: ctx.state.org, description: null },
        type: 'organization',
        organization_id: orgUser.id,
      });
    },
  },
  {
    method: 'GET',
    pattern: /^\/orgs\/([^/]+)\/teams\/([^/]+)\/memberships\/([^/]+)$/,
    doc: 'https://docs.github.com/rest/teams/members#get-team-membership-for-a-user',
    handler: (ctx, [org = '', slug = '', username = '']) => {
      const team = visibleTeam(ctx, org, slug);
      const is = (list: Login[] | undefined): boolean => (list ?? []).some((l) => l.toLowerCase() === username.toLowerCase());
      const url = `${ctx.base}/organizations/${ownerUser(ctx.state, ctx.state.org).id}/team/${team.id ?? 40_000 + hashNumber(slug, 9_999)}/memberships/${username}`;
      if (is(team.maintainers)) return ok({ url, role: 'maintainer', state: 'active' });
      if (is(team.members)) return ok({ url, role: 'member', state: 'active' });
      if (is(team.pending)) return ok({ url, role: 'member', state: 'pending' });
      throw notFound(ctx);
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${R}/issues/(\\d+)/events$`),
    doc: 'https://docs.github.com/rest/issues/events#list-issue-events',
    handler: (ctx, [owner = '', name = '', number = '']) => {
      const pull = getPull(ctx, owner, name, number);
      requirePermission(ctx, ['issues', 'pull_requests'], 'read');
      const events = pull.events.map((e, i) => ({ e, i })).sort((a, b) => a.e.created_at.localeCompare(b.e.created_at) || a.i - b.i);
      return ok(paginate(ctx, events.map(({ e }) => e)).map((e) => eventJson(ctx, e)));
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${R}/issues/(\\d+)/comments$`),
    doc: 'https://docs.github.com/rest/issues/comments#list-issue-comments',
    handler: (ctx, [owner = '', name = '', number = '']) => {
      const pull = getPull(ctx, owner, name, number);
      requirePermission(ctx, ['issues', 'pull_requests'], 'read');
      const since = ctx.url.searchParams.get('since');
      const comments = [...pull.comments]
        .sort((a, b) => a.id - b.id)
        .filter((c) => !since || Date.parse(c.updated_at ?? c.created_at) >= Date.parse(since));
      return ok(paginate(ctx, comments).map((c) => commentJson(ctx, pull, c)));
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${R}/issues/(\\d+)/comments$`),
    doc: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
    handler: (ctx, [owner = '', name = '', number = '']) => {
      const pull = getPull(ctx, owner, name, number);
      requirePermission(ctx, ['issues', 'pull_requests'], 'write');
      const text = commentBody(ctx);
      const at = now(ctx.state);
      const comment: FakeComment = { id: nextId(ctx.state), user: ctx.state.authenticatedAs.login, body: text, created_at: at, updated_at: at };
      pull.comments.push(comment);
      pull.updated_at = at;
      return ok(commentJson(ctx, pull, comment), 201, { location: `${repoApi(ctx)}/issues/comments/${comment.id}` });
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${R}/issues/comments/(\\d+)$`),
    doc: 'https://docs.github.com/rest/issues/comments#get-an-issue-comment',
    handler: (ctx, [owner = '', name = '', id = '']) => {
      const { pull, comment } = findComment(ctx, owner, name, id);
      requirePermission(ctx, ['issues', 'pull_requests'], 'read');
      return ok(commentJson(ctx, pull, comment));
    },
  },
  {
    method: 'PATCH',
    pattern: new RegExp(`^${R}/issues/comments/(\\d+)$`),
    doc: 'https://docs.github.com/rest/issues/comments#update-an-issue-comment',
    handler: (ctx, [owner = '', name = '', id = '']) => {
      const { pull, comment } = findComment(ctx, owner, name, id);
      requirePermission(ctx, ['issues', 'pull_requests'], 'write');
      comment.body = commentBody(ctx);
      comment.updated_at = now(ctx.state);
      return ok(commentJson(ctx, pull, comment));
    },
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^${R}/issues/comments/(\\d+)$`),
    doc: 'https://docs.github.com/rest/issues/comments#delete-an-issue-comment',
    handler: (ctx, [owner = '', name = '', id = '']) => {
      const { pull, comment } = findComment(ctx, owner, name, id);
      requirePermission(ctx, ['issues', 'pull_requests'], 'write');
      pull.comments.splice(pull.comments.indexOf(comment), 1);
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${R}/issues/(\\d+)/labels$`),
    doc: 'https://docs.github.com/rest/issues/labels#list-labels-for-an-issue',
    handler: (ctx, [owner = '', name = '', number = '']) => {
      const pull = getPull(ctx, owner, name, number);
      requirePermission(ctx, ['issues', 'pull_requests'], 'read');
      return ok(paginate(ctx, pull.labels).map((l) => labelJson(ctx, l)));
    },
  },
  {
    // "Removes the specified label from the issue, and returns the remaining labels on the issue.
    // This endpoint returns a 404 Not Found status if the label does not exist."
    method: 'DELETE',
    pattern: new RegExp(`^${R}/issues/(\\d+)/labels/(.+)$`),
    doc: 'https://docs.github.com/rest/issues/labels#remove-a-label-from-an-issue',
    handler: (ctx, [owner = '', name = '', number = '', label = '']) => {
      const pull = getPull(ctx, owner, name, number);
      requirePermission(ctx, ['issues', 'pull_requests'], 'write');
      const index = pull.labels.findIndex((l) => l.toLowerCase() === label.toLowerCase());
      if (index < 0) throw fail(ctx, 404, 'Label does not exist');
      const [removed = label] = pull.labels.splice(index, 1);
      pull.events.push({ id: nextId(ctx.state), event: 'unlabeled', actor: ctx.state.authenticatedAs.login, label: { name: removed }, created_at: now(ctx.state), performed_via_github_app: null });
      return ok(pull.labels.map((l) => labelJson(ctx, l)));
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${R}/statuses/([^/]+)$`),
    doc: 'https://docs.github.com/rest/commits/statuses#create-a-commit-status',
    handler: (ctx, [owner = '', name = '', shaParam = '']) => {
      checkRepo(ctx, owner, name);
      requirePermission(ctx, ['statuses'], 'write');
      const input = body(ctx);
      const state = input.state;
      if (state === undefined) throw fail(ctx, 422, 'Invalid request.\n\n"state" wasn\'t supplied.');
      if (state !== 'error' && state !== 'failure' && state !== 'pending' && state !== 'success') {
        throw validationFailed(ctx, 'Status', 'state', 'state is not included in the list');
      }
      const description = typeof input.description === 'string' ? input.description : null;
      if (description !== null && [...description].length > 140) throw validationFailed(ctx, 'Status', 'description', 'description is too long (maximum is 140 characters)');
      const sha = knownCommits(ctx.state).has(shaParam) ? shaParam : undefined;
      if (!sha) throw fail(ctx, 422, `No commit found for SHA: ${shaParam}`);
      const context = typeof input.context === 'string' && input.context !== '' ? input.context : 'default';
      const list = (ctx.state.statuses[sha] ??= []);
      if (list.filter((s) => s.context === context).length >= 1000) throw validationFailed(ctx, 'Status', 'context', 'This SHA and context has reached the maximum number of statuses.');
      const at = now(ctx.state);
      const status: FakeStatus = {
        id: nextId(ctx.state),
        state,
        context,
        description,
        target_url: typeof input.target_url === 'string' ? input.target_url : null,
        created_at: at,
        updated_at: at,
        creator: ctx.state.authenticatedAs.login,
      };
      list.push(status);
      return ok(statusJson(ctx, sha, status, true), 201, { location: `${repoApi(ctx)}/statuses/${sha}` });
    },
  },
  {
    // "Statuses are returned in reverse chronological order. The first status in the list will be the latest one."
    method: 'GET',
    pattern: new RegExp(`^${R}/commits/([^/]+)/statuses$`),
    doc: 'https://docs.github.com/rest/commits/statuses#list-commit-statuses-for-a-reference',
    handler: (ctx, [owner = '', name = '', ref = '']) => {
      checkRepo(ctx, owner, name);
      requirePermission(ctx, ['statuses'], 'read');
      const sha = commitRef(ctx, ref);
      return ok(paginate(ctx, statusesNewestFirst(ctx.state, sha)).map((s) => statusJson(ctx, sha, s, true)));
    },
  },
  {
    // failure if any context is error/failure; pending if none or any pending; success if all latest are success.
    method: 'GET',
    pattern: new RegExp(`^${R}/commits/([^/]+)/status$`),
    doc: 'https://docs.github.com/rest/commits/statuses#get-the-combined-status-for-a-specific-reference',
    handler: (ctx, [owner = '', name = '', ref = '']) => {
      checkRepo(ctx, owner, name);
      requirePermission(ctx, ['statuses'], 'read');
      const sha = commitRef(ctx, ref);
      const latest = new Map<string, FakeStatus>();
      for (const s of statusesNewestFirst(ctx.state, sha)) if (!latest.has(s.context)) latest.set(s.context, s);
      const contexts = [...latest.values()];
      const state = contexts.some((s) => s.state === 'error' || s.state === 'failure')
        ? 'failure'
        : contexts.length === 0 || contexts.some((s) => s.state === 'pending')
          ? 'pending'
          : 'success';
      const repo = repositoryJson(ctx, `${ctx.state.repo.owner}/${ctx.state.repo.name}`);
      return ok({
        state,
        statuses: paginate(ctx, contexts, 100).map((s) => statusJson(ctx, sha, s, false)),
        sha,
        total_count: contexts.length,
        repository: repo,
        commit_url: `${repoApi(ctx)}/commits/${sha}`,
        url: `${repoApi(ctx)}/commits/${sha}/status`,
      });
    },
  },
  {
    // "If the commit is not present in the default branch, [it] will return merged and open pull requests associated with the commit."
    method: 'GET',
    pattern: new RegExp(`^${R}/commits/([^/]+)/pulls$`),
    doc: 'https://docs.github.com/rest/commits/commits#list-pull-requests-associated-with-a-commit',
    handler: (ctx, [owner = '', name = '', ref = '']) => {
      checkRepo(ctx, owner, name);
      requirePermission(ctx, ['pull_requests'], 'read');
      const sha = commitRef(ctx, ref);
      const pulls = Object.values(ctx.state.pulls)
        .filter((p) => (p.state === 'open' || p.merged) && (p.head.sha === sha || p.commits.some((c) => c.sha === sha)))
        .sort((a, b) => b.number - a.number);
      return ok(paginate(ctx, pulls).map((p) => pullJson(ctx, p)));
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${R}/commits/([^/]+)/check-suites$`),
    doc: 'https://docs.github.com/rest/checks/suites#list-check-suites-for-a-git-reference',
    handler: (ctx, [owner = '', name = '', ref = '']) => {
      checkRepo(ctx, owner, name);
      requirePermission(ctx, ['checks'], 'read');
      const sha = commitRef(ctx, ref);
      const appId = ctx.url.searchParams.get('app_id');
      const suites = (ctx.state.checkSuites[sha] ?? []).filter((s) => !appId || appBySlug(ctx.state, s.app_slug).id === Number(appId));
      const repo = repositoryJson(ctx, `${ctx.state.repo.owner}/${ctx.state.repo.name}`);
      const commit = knownCommits(ctx.state).get(sha);
      return ok({
        total_count: suites.length,
        check_suites: paginate(ctx, suites).map((s) => ({
          id: s.id,
          node_id: nodeId('CheckSuite', s.id),
          head_branch: s.head_branch ?? null,
          head_sha: sha,
          status: s.status ?? 'completed',
          conclusion: s.conclusion === undefined ? ((s.status ?? 'completed') === 'completed' ? 'success' : null) : s.conclusion,
          url: `${repoApi(ctx)}/check-suites/${s.id}`,
          before: null,
          after: sha,
          pull_requests: [],
          app: appJson(ctx, appBySlug(ctx.state, s.app_slug)),
          repository: repo,
          created_at: s.created_at,
          updated_at: s.created_at,
          head_commit: {
            id: sha,
            tree_id: fakeSha(`tree ${sha}`),
            message: commit?.message ?? '',
            timestamp: commit?.committer.date ?? s.created_at,
            author: commit ? { name: commit.author.name, email: commit.author.email } : null,
            committer: commit ? { name: commit.committer.name, email: commit.committer.email } : null,
          },
          latest_check_runs_count: 1,
          check_runs_url: `${repoApi(ctx)}/check-suites/${s.id}/check-runs`,
          rerequestable: true,
          runs_rerequestable: true,
        })),
      });
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${R}/contents(?:/(.*))?$`),
    doc: 'https://docs.github.com/rest/repos/contents#get-repository-content',
    handler: (ctx, [owner = '', name = '', rawPath = '']) => {
      checkRepo(ctx, owner, name);
      requirePermission(ctx, ['contents'], 'read');
      const ref = ctx.url.searchParams.get('ref') ?? ctx.state.repo.defaultBranch;
      const sha = resolveRef(ctx.state, ref);
      if (!sha) throw fail(ctx, 404, `No commit found for the ref ${ref}`);
      const files = ctx.state.contents[sha] ?? {};
      const path = rawPath.replace(/^\/+|\/+$/g, '');
      const content = files[path];
      if (content !== undefined) {
        const accept = String(ctx.headers.accept ?? '');
        if (/application\/vnd\.github(?:\.v3)?\.raw/.test(accept)) return { status: 200, text: content, contentType: 'text/plain; charset=utf-8' };
        if (Buffer.byteLength(content) > 1024 * 1024) {
          throw fail(ctx, 403, 'This API returns blobs up to 1 MB in size. The requested blob is too large to fetch via the API, but you can use the Git Data API to request blobs up to 100 MB in size.', {
            errors: [{ resource: 'Blob', field: 'data', code: 'too_large' }],
          });
        }
        return ok({ ...contentEntry(ctx, ref, path, 'file', content), content: wrappedBase64(content), encoding: 'base64' });
      }
      const prefix = path === '' ? '' : `${path}/`;
      const children = new Map<string, Record<string, unknown>>();
      for (const [file, text] of Object.entries(files)) {
        if (!file.startsWith(prefix)) continue;
        const [first = '', ...rest] = file.slice(prefix.length).split('/');
        const childPath = `${prefix}${first}`;
        if (!children.has(childPath)) children.set(childPath, rest.length === 0 ? contentEntry(ctx, ref, childPath, 'file', text) : contentEntry(ctx, ref, childPath, 'dir'));
      }
      if (children.size === 0 && path !== '') throw notFound(ctx);
      return ok([...children.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, entry]) => entry));
    },
  },
];

function visibleTeam(ctx: Ctx, org: string, slug: string): FakeTeam {
  if (org.toLowerCase() !== ctx.state.org.toLowerCase()) throw notFound(ctx);
  const team = ctx.state.teams[slug.toLowerCase()] ?? ctx.state.teams[slug];
  if (!team || !team.visible) throw notFound(ctx);
  return team;
}

function findComment(ctx: Ctx, owner: string, name: string, id: string): { pull: FakePull; comment: FakeComment } {
  checkRepo(ctx, owner, name);
  const found = allComments(ctx.state).find(({ comment }) => comment.id === Number(id));
  if (!found) throw notFound(ctx);
  return found;
}

const COMMENT_LIMIT = 65_536;

function commentBody(ctx: Ctx): string {
  const text = body(ctx).body;
  if (typeof text !== 'string') throw fail(ctx, 422, 'Invalid request.\n\n"body" wasn\'t supplied.');
  if ([...text].length > COMMENT_LIMIT) throw validationFailed(ctx, 'IssueComment', 'data', `Body is too long (maximum is ${COMMENT_LIMIT} characters)`, 'unprocessable');
  return text;
}

// ---------------------------------------------------------------------------
// GraphQL: a small parser and executor over the fake's data, answering GitHub's
// shapes: only the fields asked for, {data, errors} with HTTP 200, NOT_FOUND
// errors with a null field, validation errors without data.
// ---------------------------------------------------------------------------

interface Loc {
  line: number;
  column: number;
}

interface Tok {
  kind: 'punct' | 'name' | 'int' | 'float' | 'string' | 'eof';
  value: string;
  loc: Loc;
}

type GqlValue =
  | { kind: 'var'; name: string; loc: Loc }
  | { kind: 'scalar'; value: string | number | boolean | null }
  | { kind: 'enum'; value: string }
  | { kind: 'list'; values: GqlValue[] }
  | { kind: 'object'; fields: Record<string, GqlValue> };

interface Directive {
  name: string;
  args: Record<string, GqlValue>;
}

interface FieldNode {
  kind: 'field';
  alias?: string;
  name: string;
  args: Record<string, GqlValue>;
  directives: Directive[];
  selections?: Selection[];
  loc: Loc;
}

type Selection =
  | FieldNode
  | { kind: 'spread'; name: string; directives: Directive[]; loc: Loc }
  | { kind: 'inline'; typeCondition?: string; directives: Directive[]; selections: Selection[]; loc: Loc };

interface VarDef {
  name: string;
  type: string;
  defaultValue?: GqlValue;
  loc: Loc;
}

interface Operation {
  type: string;
  name?: string;
  vars: VarDef[];
  selections: Selection[];
  loc: Loc;
}

interface GqlError {
  message: string;
  type?: string;
  path?: Array<string | number>;
  locations?: Loc[];
  extensions?: Record<string, unknown>;
}

class GqlFailure extends Error {
  constructor(
    message: string,
    readonly locations?: Loc[],
    readonly extensions?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Thrown by a resolver: the field becomes null and the error is reported with its path. */
class FieldError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const here = (): Loc => ({ line, column: i - lineStart + 1 });
  while (i < src.length) {
    const ch = src.charAt(i);
    if (ch === '\n') {
      i += 1;
      line += 1;
      lineStart = i;
    } else if (/[\s,\uFEFF]/.test(ch)) {
      i += 1;
    } else if (ch === '#') {
      while (i < src.length && src.charAt(i) !== '\n') i += 1;
    } else if (src.startsWith('...', i)) {
      toks.push({ kind: 'punct', value: '...', loc: here() });
      i += 3;
    } else if ('!$&()/:=@[]{}|'.includes(ch)) {
      toks.push({ kind: 'punct', value: ch, loc: here() });
      i += 1;
    } else if (/[_A-Za-z]/.test(ch)) {
      const m = /^[_A-Za-z][_0-9A-Za-z]*/.exec(src.slice(i)) as RegExpExecArray;
      toks.push({ kind: 'name', value: m[0], loc: here() });
      i += m[0].length;
    } else if (/[-0-9]/.test(ch)) {
      const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(src.slice(i));
      if (!m) throw new GqlFailure(`Parse error on "${ch}" (error) at [${line}, ${i - lineStart + 1}]`, [here()]);
      toks.push({ kind: m[1] || m[2] ? 'float' : 'int', value: m[0], loc: here() });
      i += m[0].length;
    } else if (src.startsWith('"""', i)) {
      const end = src.indexOf('"""', i + 3);
      if (end < 0) throw new GqlFailure(`Parse error on unterminated string at [${line}, ${i - lineStart + 1}]`, [here()]);
      const loc = here();
      const text = src.slice(i + 3, end);
      for (const c of text) if (c === '\n') line += 1;
      toks.push({ kind: 'string', value: text, loc });
      i = end + 3;
    } else if (ch === '"') {
      const m = /^"(?:[^"\\\n]|\\.)*"/.exec(src.slice(i));
      if (!m) throw new GqlFailure(`Parse error on unterminated string at [${line}, ${i - lineStart + 1}]`, [here()]);
      toks.push({ kind: 'string', value: JSON.parse(m[0]) as string, loc: here() });
      i += m[0].length;
    } else {
      throw new GqlFailure(`Parse error on "${ch}" (error) at [${line}, ${i - lineStart + 1}]`, [here()]);
    }
  }
  toks.push({ kind: 'eof', value: '', loc: here() });
  return toks;
}

class Parser {
  private pos = 0;
  constructor(private readonly toks: Tok[]) {}

  private peek(): Tok {
    return this.toks[this.pos] ?? (this.toks[this.toks.length - 1] as Tok);
  }

  private next(): Tok {
    const tok = this.peek();
    this.pos += 1;
    return tok;
  }

  private is(value: string): boolean {
    const tok = this.peek();
    return (tok.kind === 'punct' || tok.kind === 'name') && tok.value === value;
  }

  private unexpected(tok: Tok): GqlFailure {
    if (tok.kind === 'eof') return new GqlFailure('Unexpected end of document', []);
    return new GqlFailure(`Parse error on ${JSON.stringify(tok.value)} (${tok.kind === 'name' ? 'IDENTIFIER' : tok.kind.toUpperCase()}) at [${tok.loc.line}, ${tok.loc.column}]`, [tok.loc]);
  }

  private expect(value: string): Tok {
    const tok = this.next();
    if ((tok.kind !== 'punct' && tok.kind !== 'name') || tok.value !== value) throw this.unexpected(tok);
    return tok;
  }

  private name(): string {
    const tok = this.next();
    if (tok.kind !== 'name') throw this.unexpected(tok);
    return tok.value;
  }

  document(): { operations: Operation[]; fragments: Map<string, { typeCondition: string; selections: Selection[] }> } {
    const operations: Operation[] = [];
    const fragments = new Map<string, { typeCondition: string; selections: Selection[] }>();
    while (this.peek().kind !== 'eof') {
      const loc = this.peek().loc;
      if (this.is('{')) {
        operations.push({ type: 'query', vars: [], selections: this.selectionSet(), loc });
      } else if (this.is('fragment')) {
        this.next();
        const name = this.name();
        this.expect('on');
        const typeCondition = this.name();
        this.directives();
        fragments.set(name, { typeCondition, selections: this.selectionSet() });
      } else if (this.is('query') || this.is('mutation') || this.is('subscription')) {
        const type = this.next().value;
        const name = this.peek().kind === 'name' ? this.name() : undefined;
        const vars = this.is('(') ? this.varDefs() : [];
        this.directives();
        operations.push({ type, name, vars, selections: this.selectionSet(), loc });
      } else {
        throw this.unexpected(this.peek());
      }
    }
    return { operations, fragments };
  }

  private varDefs(): VarDef[] {
    const defs: VarDef[] = [];
    this.expect('(');
    while (!this.is(')')) {
      const loc = this.expect('$').loc;
      const name = this.name();
      this.expect(':');
      const type = this.typeRef();
      const defaultValue = this.is('=') ? (this.next(), this.value()) : undefined;
      defs.push({ name, type, defaultValue, loc });
    }
    this.expect(')');
    return defs;
  }

  private typeRef(): string {
    let type: string;
    if (this.is('[')) {
      this.next();
      type = `[${this.typeRef()}]`;
      this.expect(']');
    } else {
      type = this.name();
    }
    if (this.is('!')) {
      this.next();
      type += '!';
    }
    return type;
  }

  private directives(): Directive[] {
    const list: Directive[] = [];
    while (this.is('@')) {
      this.next();
      list.push({ name: this.name(), args: this.is('(') ? this.args() : {} });
    }
    return list;
  }

  private selectionSet(): Selection[] {
    this.expect('{');
    const selections: Selection[] = [];
    while (!this.is('}')) selections.push(this.selection());
    this.expect('}');
    if (selections.length === 0) throw this.unexpected(this.peek());
    return selections;
  }

  private selection(): Selection {
    const loc = this.peek().loc;
    if (this.is('...')) {
      this.next();
      if (this.is('on')) {
        this.next();
        const typeCondition = this.name();
        return { kind: 'inline', typeCondition, directives: this.directives(), selections: this.selectionSet(), loc };
      }
      if (this.is('{') || this.is('@')) return { kind: 'inline', directives: this.directives(), selections: this.selectionSet(), loc };
      return { kind: 'spread', name: this.name(), directives: this.directives(), loc };
    }
    let name = this.name();
    let alias: string | undefined;
    if (this.is(':')) {
      this.next();
      alias = name;
      name = this.name();
    }
    const args = this.is('(') ? this.args() : {};
    const directives = this.directives();
    const selections = this.is('{') ? this.selectionSet() : undefined;
    return { kind: 'field', alias, name, args, directives, selections, loc };
  }

  private args(): Record<string, GqlValue> {
    const args: Record<string, GqlValue> = {};
    this.expect('(');
    while (!this.is(')')) {
      const name = this.name();
      this.expect(':');
      args[name] = this.value();
    }
    this.expect(')');
    return args;
  }

  private value(): GqlValue {
    const tok = this.next();
    if (tok.kind === 'punct' && tok.value === '$') return { kind: 'var', name: this.name(), loc: tok.loc };
    if (tok.kind === 'int' || tok.kind === 'float') return { kind: 'scalar', value: Number(tok.value) };
    if (tok.kind === 'string') return { kind: 'scalar', value: tok.value };
    if (tok.kind === 'name') {
      if (tok.value === 'true' || tok.value === 'false') return { kind: 'scalar', value: tok.value === 'true' };
      if (tok.value === 'null') return { kind: 'scalar', value: null };
      return { kind: 'enum', value: tok.value };
    }
    if (tok.kind === 'punct' && tok.value === '[') {
      const values: GqlValue[] = [];
      while (!this.is(']')) values.push(this.value());
      this.next();
      return { kind: 'list', values };
    }
    if (tok.kind === 'punct' && tok.value === '{') {
      const fields: Record<string, GqlValue> = {};
      while (!this.is('}')) {
        const name = this.name();
        this.expect(':');
        fields[name] = this.value();
      }
      this.next();
      return { kind: 'object', fields };
    }
    throw this.unexpected(tok);
  }
}

/** A GraphQL object: `__typename` plus fields, each a value or a resolver of the field's arguments. */
interface GqlObject {
  __typename: string;
  [field: string]: unknown;
}

type Args = Record<string, unknown>;

const INTERFACES: Record<string, string[]> = {
  User: ['Actor', 'Node', 'RepositoryOwner', 'UniformResourceLocatable'],
  Bot: ['Actor', 'Node', 'UniformResourceLocatable'],
  Organization: ['Actor', 'Node', 'RepositoryOwner', 'UniformResourceLocatable'],
  Commit: ['GitObject', 'Node', 'UniformResourceLocatable'],
  PullRequest: ['Node', 'UniformResourceLocatable', 'Assignable', 'Closable', 'Comment', 'Labelable'],
  Repository: ['Node', 'RepositoryInfo', 'UniformResourceLocatable'],
};

function isGqlObject(value: unknown): value is GqlObject {
  return isRecord(value) && typeof value.__typename === 'string';
}

function cursorOf(position: number): string {
  return Buffer.from(String(position)).toString('base64').replace(/=+$/, '');
}

function positionOf(cursor: unknown): number {
  const text = typeof cursor === 'string' ? Buffer.from(cursor, 'base64').toString('utf8') : '';
  if (!/^\d+$/.test(text)) throw new FieldError('INVALID_CURSOR_ARGUMENTS', `\`${String(cursor)}\` does not appear to be a valid cursor.`);
  return Number(text);
}

/** A connection with GitHub's pagination rules: first or last required, at most 100. */
function connection<T>(typeName: string, field: string, items: T[], args: Args, toNode: (item: T, index: number) => unknown): GqlObject {
  const first = typeof args.first === 'number' ? args.first : undefined;
  const last = typeof args.last === 'number' ? args.last : undefined;
  if (first === undefined && last === undefined) {
    throw new FieldError('MISSING_PAGINATION_BOUNDARIES', `You must provide a \`first\` or \`last\` value to properly paginate the \`${field}\` connection.`);
  }
  for (const [arg, n] of [['first', first], ['last', last]] as const) {
    if (n !== undefined && n > 100) throw new FieldError('EXCESSIVE_PAGINATION', `Requesting ${n} records on the \`${field}\` connection exceeds the \`${arg}\` limit of 100 records.`);
    if (n !== undefined && n < 0) throw new FieldError('INVALID_PAGINATION', `\`${arg}\` on the \`${field}\` connection cannot be less than zero.`);
  }
  let start = args.after !== undefined && args.after !== null ? positionOf(args.after) : 0;
  let end = args.before !== undefined && args.before !== null ? positionOf(args.before) - 1 : items.length;
  end = Math.min(end, items.length);
  const windowStart = start;
  const windowEnd = end;
  if (first !== undefined) end = Math.min(end, start + first);
  if (last !== undefined) start = Math.max(start, end - last);
  const edges = items.slice(start, end).map((item, i) => ({ __typename: typeName.replace(/Connection$/, 'Edge'), cursor: cursorOf(start + i + 1), node: toNode(item, start + i) }));
  return {
    __typename: typeName,
    totalCount: items.length,
    pageInfo: {
      __typename: 'PageInfo',
      hasNextPage: end < windowEnd,
      hasPreviousPage: start > windowStart,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    edges,
    nodes: edges.map((e) => e.node),
  };
}

function buildRoot(state: GitHubState, rateUsed: number, rateReset: number): GqlObject {
  const htmlRepo = repoHtml(state);
  const userNode = (user: FakeUser): GqlObject => {
    const node: GqlObject = {
      __typename: user.type,
      id: nodeId(user.type, user.id),
      databaseId: user.id,
      login: user.login,
      url: user.type === 'Bot' ? `https://github.com/apps/${user.login.replace(/\[bot\]$/, '')}` : `https://github.com/${user.login}`,
      resourcePath: `/${user.login}`,
      avatarUrl: `https://avatars.githubusercontent.com/${user.type === 'Bot' ? 'in' : 'u'}/${user.id}?v=4`,
    };
    if (user.type !== 'Bot') {
      node.name = user.name ?? null;
      node.email = user.email ?? '';
    }
    return node;
  };
  const actorNode = (login: string): GqlObject | null => {
    const user = findUser(state, login);
    return user ? userNode(user) : null;
  };
  // GitActor.user is a User: a bot's (or an organization's) commits link to no User.
  const gitActor = (identity: GitIdentity, user: FakeUser | null): GqlObject => ({
    __typename: 'GitActor',
    name: identity.name,
    email: identity.email,
    date: identity.date,
    avatarUrl: `https://avatars.githubusercontent.com/u/e?email=${encodeURIComponent(identity.email)}`,
    user: user && user.type === 'User' ? userNode(user) : null,
  });
  const commitNode = (commit: FakeCommit, pull?: FakePull): GqlObject => {
    const [headline = '', ...rest] = commit.message.split('\n');
    const coAuthors = commit.coAuthors ?? parseCoAuthors(commit.message);
    const authors: GqlObject[] = [
      gitActor(commit.author, linkedUser(state, commit.authorLogin, commit.author.email)),
      ...coAuthors.map((a) => gitActor({ name: a.name, email: a.email, date: commit.author.date }, linkedUser(state, a.login, a.email))),
    ];
    const parents = commitParents(pull, commit);
    return {
      __typename: 'Commit',
      id: nodeId('Commit', commit.sha),
      oid: commit.sha,
      abbreviatedOid: commit.sha.slice(0, 7),
      message: commit.message,
      messageHeadline: headline,
      messageBody: rest.join('\n').trim(),
      authoredDate: commit.author.date,
      committedDate: commit.committer.date,
      authoredByCommitter: commit.author.email === commit.committer.email && commit.author.name === commit.committer.name,
      url: `${htmlRepo}/commit/${commit.sha}`,
      author: authors[0],
      committer: gitActor(commit.committer, linkedUser(state, commit.committerLogin, commit.committer.email)),
      authors: (args: Args) => connection('GitActorConnection', 'authors', authors, args, (a) => a),
      parents: (args: Args) => connection('CommitConnection', 'parents', parents, args, (sha) => ({ __typename: 'Commit', oid: sha, abbreviatedOid: sha.slice(0, 7), url: `${htmlRepo}/commit/${sha}` })),
    };
  };
  const pullNode = (pull: FakePull): GqlObject => {
    const baseName = `${state.repo.owner}/${state.repo.name}`;
    const headFull = pull.head.repoFullName === undefined ? baseName : pull.head.repoFullName;
    return {
      __typename: 'PullRequest',
      id: nodeId('PullRequest', 1_000_000 + pull.number),
      databaseId: 1_000_000 + pull.number,
      number: pull.number,
      title: pull.title,
      body: pull.body ?? '',
      url: `${htmlRepo}/pull/${pull.number}`,
      state: pull.merged ? 'MERGED' : pull.state.toUpperCase(),
      isDraft: pull.draft,
      merged: pull.merged ?? false,
      closed: pull.state === 'closed',
      createdAt: pull.created_at ?? BASE_TIME,
      updatedAt: pull.updated_at ?? pull.created_at ?? BASE_TIME,
      author: actorNode(pull.user),
      authorAssociation: authorAssociation(state, pull.user),
      headRefName: pull.head.ref,
      headRefOid: pull.head.sha,
      baseRefName: pull.base.ref,
      baseRefOid: pull.base.sha,
      isCrossRepository: headFull?.toLowerCase() !== baseName.toLowerCase(),
      changedFiles: pull.files.length,
      additions: pull.files.reduce((n, f) => n + (f.additions ?? 0), 0),
      deletions: pull.files.reduce((n, f) => n + (f.deletions ?? 0), 0),
      // Unlike REST, the GraphQL connection is not capped at 250 commits.
      commits: (args: Args) =>
        connection('PullRequestCommitConnection', 'commits', pull.commits, args, (c) => ({
          __typename: 'PullRequestCommit',
          id: nodeId('PullRequestCommit', `${pull.number}:${c.sha}`),
          url: `${htmlRepo}/pull/${pull.number}/commits/${c.sha}`,
          commit: commitNode(c, pull),
        })),
      labels: (args: Args) =>
        connection('LabelConnection', 'labels', pull.labels, args, (name) => ({ __typename: 'Label', name, color: state.labelColors[name] ?? 'ededed', id: nodeId('Label', name) })),
      reviews: (args: Args) => {
        const states = Array.isArray(args.states) ? (args.states as unknown[]) : undefined;
        const visible = pull.reviews.filter((r) => (r.state !== 'PENDING' || r.user === state.authenticatedAs.login) && (!states || states.includes(r.state)));
        return connection('PullRequestReviewConnection', 'reviews', visible, args, (r) => ({
          __typename: 'PullRequestReview',
          id: nodeId('PullRequestReview', r.id),
          databaseId: r.id,
          author: actorNode(r.user),
          state: r.state,
          body: r.body ?? '',
          submittedAt: r.state === 'PENDING' ? null : (r.submitted_at ?? BASE_TIME),
          commit: { __typename: 'Commit', oid: r.commit_id, abbreviatedOid: r.commit_id.slice(0, 7) },
          authorAssociation: authorAssociation(state, r.user),
        }));
      },
      files: (args: Args) =>
        connection('PullRequestChangedFileConnection', 'files', pull.files, args, (f) => ({
          __typename: 'PullRequestChangedFile',
          path: f.filename,
          additions: f.additions ?? 0,
          deletions: f.deletions ?? 0,
          changeType: ({ added: 'ADDED', removed: 'DELETED', renamed: 'RENAMED', copied: 'COPIED', modified: 'MODIFIED', changed: 'CHANGED', unchanged: 'MODIFIED' } as const)[f.status],
        })),
      assignees: (args: Args) => connection('UserConnection', 'assignees', pull.assignees, args, (login) => actorNode(login)),
    };
  };
  const repoNode = (): GqlObject => {
    const owner = ownerUser(state, state.repo.owner);
    return {
      __typename: 'Repository',
      id: nodeId('Repository', state.repo.id),
      databaseId: state.repo.id,
      name: state.repo.name,
      nameWithOwner: `${state.repo.owner}/${state.repo.name}`,
      isPrivate: state.repo.private,
      isFork: false,
      url: htmlRepo,
      visibility: state.repo.private ? 'PRIVATE' : 'PUBLIC',
      owner: userNode(owner),
      defaultBranchRef: {
        __typename: 'Ref',
        name: state.repo.defaultBranch,
        prefix: 'refs/heads/',
        target: { __typename: 'Commit', oid: state.branches[state.repo.defaultBranch] ?? null },
      },
      pullRequest: (args: Args) => {
        const pull = state.pulls[Number(args.number)];
        if (!pull) throw new FieldError('NOT_FOUND', `Could not resolve to a PullRequest with the number of ${String(args.number)}.`);
        return pullNode(pull);
      },
    };
  };
  return {
    __typename: 'Query',
    repository: (args: Args) => {
      const owner = typeof args.owner === 'string' ? args.owner : '';
      const name = typeof args.name === 'string' ? args.name : '';
      if (owner.toLowerCase() !== state.repo.owner.toLowerCase() || name.toLowerCase() !== state.repo.name.toLowerCase()) {
        throw new FieldError('NOT_FOUND', `Could not resolve to a Repository with the name '${owner}/${name}'.`);
      }
      return repoNode();
    },
    viewer: userNode(state.authenticatedAs),
    user: (args: Args) => {
      const user = typeof args.login === 'string' ? findUser(state, args.login) : undefined;
      if (!user || user.type !== 'User') throw new FieldError('NOT_FOUND', `Could not resolve to a User with the login of '${String(args.login)}'.`);
      return userNode(user);
    },
    rateLimit: {
      __typename: 'RateLimit',
      limit: 5000,
      cost: 1,
      used: rateUsed,
      remaining: Math.max(0, 5000 - rateUsed),
      resetAt: new Date(rateReset * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      nodeCount: 0,
    },
  };
}

/** `Co-authored-by: Name <email>` trailers. */
export function parseCoAuthors(message: string): FakeCoAuthor[] {
  return [...message.matchAll(/^co-authored-by:\s*(.*?)\s*<([^>\s]+)>\s*$/gim)].map((m) => ({ name: m[1] ?? '', email: m[2] ?? '' }));
}

interface ExecContext {
  vars: Record<string, unknown>;
  declared: Set<string>;
  operationName: string;
  fragments: Map<string, { typeCondition: string; selections: Selection[] }>;
  errors: GqlError[];
  invalid: GqlError[];
}

function evalValue(value: GqlValue, ctx: ExecContext): unknown {
  switch (value.kind) {
    case 'var':
      if (!ctx.declared.has(value.name)) {
        ctx.invalid.push({
          message: `Variable $${value.name} is used by ${ctx.operationName} but not declared`,
          locations: [value.loc],
          extensions: { code: 'variableNotDefined', variableName: value.name },
        });
        return null;
      }
      return ctx.vars[value.name] ?? null;
    case 'scalar':
      return value.value;
    case 'enum':
      return value.value;
    case 'list':
      return value.values.map((v) => evalValue(v, ctx));
    case 'object':
      return Object.fromEntries(Object.entries(value.fields).map(([k, v]) => [k, evalValue(v, ctx)]));
  }
}

function skipped(directives: Directive[], ctx: ExecContext): boolean {
  for (const d of directives) {
    const cond = d.args.if ? evalValue(d.args.if, ctx) : undefined;
    if (d.name === 'skip' && cond === true) return true;
    if (d.name === 'include' && cond === false) return true;
  }
  return false;
}

function typeMatches(typename: string, condition: string | undefined): boolean {
  return !condition || condition === typename || (INTERFACES[typename] ?? []).includes(condition);
}

function collectFields(obj: GqlObject, selections: Selection[], ctx: ExecContext, out: FieldNode[] = []): FieldNode[] {
  for (const sel of selections) {
    if (skipped(sel.directives, ctx)) continue;
    if (sel.kind === 'field') out.push(sel);
    else if (sel.kind === 'inline') {
      if (typeMatches(obj.__typename, sel.typeCondition)) collectFields(obj, sel.selections, ctx, out);
    } else {
      const fragment = ctx.fragments.get(sel.name);
      if (!fragment) {
        ctx.invalid.push({ message: `Fragment ${sel.name} was used, but not defined`, locations: [sel.loc], extensions: { code: 'useAndDefineFragment', fragmentName: sel.name } });
      } else if (typeMatches(obj.__typename, fragment.typeCondition)) {
        collectFields(obj, fragment.selections, ctx, out);
      }
    }
  }
  return out;
}

function executeSelections(obj: GqlObject, selections: Selection[], path: Array<string | number>, names: string[], ctx: ExecContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of collectFields(obj, selections, ctx)) {
    const key = field.alias ?? field.name;
    if (field.name === '__typename') {
      out[key] = obj.__typename;
      continue;
    }
    if (!(field.name in obj) || field.name.startsWith('__')) {
      ctx.invalid.push({
        path: [...names, field.name],
        extensions: { code: 'undefinedField', typeName: obj.__typename, fieldName: field.name },
        locations: [field.loc],
        message: `Field '${field.name}' doesn't exist on type '${obj.__typename}'`,
      });
      continue;
    }
    const args = Object.fromEntries(Object.entries(field.args).map(([k, v]) => [k, evalValue(v, ctx)]));
    const raw = obj[field.name];
    let value: unknown;
    try {
      value = typeof raw === 'function' ? (raw as (a: Args) => unknown)(args) : raw;
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      ctx.errors.push({ type: error.type, path: [...path, key], locations: [field.loc], message: error.message });
      out[key] = null;
      continue;
    }
    out[key] = complete(value, field, [...path, key], [...names, field.name], ctx);
  }
  return out;
}

function complete(value: unknown, field: FieldNode, path: Array<string | number>, names: string[], ctx: ExecContext): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((item, i) => complete(item, field, [...path, i], names, ctx));
  if (isGqlObject(value)) {
    if (!field.selections) {
      ctx.invalid.push({
        path: names,
        extensions: { code: 'selectionMismatch', nodeName: `field '${field.name}'`, typeName: value.__typename },
        locations: [field.loc],
        message: `Field must have selections (field '${field.name}' returns ${value.__typename} but has no selections. Did you mean '${field.name} { ... }'?)`,
      });
      return null;
    }
    return executeSelections(value, field.selections, path, names, ctx);
  }
  if (field.selections) {
    ctx.invalid.push({
      path: names,
      extensions: { code: 'selectionMismatch', nodeName: `field '${field.name}'` },
      locations: [field.loc],
      message: `Selections can't be made on scalars (field '${field.name}' returns a scalar but has selections)`,
    });
    return null;
  }
  return value;
}

function coerceVariable(def: VarDef, value: unknown): string | undefined {
  const nonNull = def.type.endsWith('!');
  if (value === null || value === undefined) return nonNull ? 'Expected value to not be null' : undefined;
  const base = def.type.replace(/!$/, '');
  if (base === 'Int' && !(typeof value === 'number' && Number.isInteger(value))) return 'Could not coerce value to Int';
  if ((base === 'String' || base === 'ID' || base === 'URI' || base === 'GitObjectID') && typeof value !== 'string' && !(base === 'ID' && typeof value === 'number')) {
    return `Could not coerce value to ${base}`;
  }
  if (base === 'Boolean' && typeof value !== 'boolean') return 'Could not coerce value to Boolean';
  return undefined;
}

function executeGraphQL(state: GitHubState, request: unknown, rateUsed: number, rateReset: number): Record<string, unknown> {
  const { query, variables, operationName } = isRecord(request) ? request : {};
  if (typeof query !== 'string') return { errors: [{ message: 'A query attribute must be specified and must be a string.' }] };
  let doc: ReturnType<Parser['document']>;
  try {
    doc = new Parser(tokenize(query)).document();
  } catch (error) {
    if (error instanceof GqlFailure) return { errors: [{ message: error.message, locations: error.locations }] };
    throw error;
  }
  const operation = typeof operationName === 'string' ? doc.operations.find((o) => o.name === operationName) : doc.operations.length === 1 ? doc.operations[0] : undefined;
  if (!operation) {
    return { errors: [{ message: doc.operations.length === 0 ? 'No operations in query document' : 'An operation name is required' }] };
  }
  const given = isRecord(variables) ? variables : {};
  const vars: Record<string, unknown> = {};
  for (const def of operation.vars) {
    const ctxForDefault: ExecContext = { vars: {}, declared: new Set(), operationName: '', fragments: doc.fragments, errors: [], invalid: [] };
    const value = def.name in given ? given[def.name] : def.defaultValue ? evalValue(def.defaultValue, ctxForDefault) : undefined;
    const problem = coerceVariable(def, value);
    if (problem) {
      return {
        errors: [
          {
            extensions: { value: value ?? null, problems: [{ path: [], explanation: problem }] },
            locations: [def.loc],
            message: `Variable $${def.name} of type ${def.type} was provided invalid value`,
          },
        ],
      };
    }
    vars[def.name] = value ?? null;
  }
  const opLabel = operation.name ? `${operation.type} ${operation.name}` : operation.type;
  const ctx: ExecContext = {
    vars,
    declared: new Set(operation.vars.map((v) => v.name)),
    operationName: operation.name ? `${operation.type} ${operation.name}` : `anonymous ${operation.type}`,
    fragments: doc.fragments,
    errors: [],
    invalid: [],
  };
  const root: GqlObject = operation.type === 'query' ? buildRoot(state, rateUsed, rateReset) : { __typename: operation.type === 'mutation' ? 'Mutation' : 'Subscription' };
  const data = executeSelections(root, operation.selections, [], [opLabel], ctx);
  if (ctx.invalid.length > 0) return { errors: ctx.invalid };
  return ctx.errors.length > 0 ? { data, errors: ctx.errors } : { data };
}

// ---------------------------------------------------------------------------
// Child processes
// ---------------------------------------------------------------------------

export interface ProcessResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command without blocking this process's event loop (unlike spawnSync),
 * so a child can talk to a fake server running here. Resolves when it exits.
 */
export function spawnAsync(command: string, args: string[], options: SpawnOptions & { input?: string; timeoutMs?: number } = {}): Promise<ProcessResult> {
  const { input, timeoutMs, ...spawnOptions } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...spawnOptions, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = timeoutMs ? setTimeout(() => child.kill('SIGKILL'), timeoutMs) : undefined;
    child.on('error', reject);
    child.on('close', (status, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
    child.stdin?.end(input ?? '');
  });
}
