// The HTTP server: routing, authentication, faults, rate-limit headers, and a
// conformance check of every exchange (./openapi.ts, ./graphql.ts) recorded
// in `violations`.
import { randomBytes } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { DOCS, HttpError, isRecord, StateError, type Ctx, type Reply, type Route } from './context.js';
import { takeFault } from './faults.js';
import { checkDocument, executeGraphQL } from './graphql.js';
import { checkExchange } from './openapi.js';
import { ACTIONS_ROUTES, artifactBlob, BLOB_PATH } from './routes-actions.js';
import { ACTIVITY_ROUTES } from './routes-activity.js';
import { PEOPLE_ROUTES } from './routes-people.js';
import { PULL_ROUTES } from './routes-pulls.js';
import { QUEUE_ROUTES } from './routes-queue.js';
import { REPO_ROUTES } from './routes-repo.js';
import type { Fault, GitHubServer, GitHubState, Happening, RecordedRequest } from './types.js';

const ROUTES: Route[] = [...PULL_ROUTES, ...REPO_ROUTES, ...ACTIVITY_ROUTES, ...PEOPLE_ROUTES, ...QUEUE_ROUTES, ...ACTIONS_ROUTES];

/** Starts the fake on 127.0.0.1 on a free port. */
export async function startGitHubServer(state: GitHubState): Promise<GitHubServer> {
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  const happenings: Happening[] = [];
  const violations: string[] = [];
  const checked = { rest: 0, graphql: 0 };
  const sockets = new Set<Socket>();
  const rate = { core: 0, graphql: 0, reset: Math.floor(Date.now() / 1000) + 3600 };
  let base = '';

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      violations.push(`${req.method ?? 'GET'} ${req.url ?? '/'}: the fake failed: ${String(error)}`);
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

    if (url.pathname.startsWith(BLOB_PATH)) {
      // Blob storage behind an artifact download's redirect: a signed URL, not the API, so neither authenticated nor described.
      const zip = artifactBlob(state, url.pathname);
      record.status = zip ? 200 : 404;
      res.writeHead(record.status, { 'content-type': zip ? 'application/zip' : 'text/plain', 'content-length': String(zip?.length ?? 9) });
      res.end(zip ?? 'not found');
      return;
    }

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
    const answer = (reply: Reply, fault = false): void => {
      record.status = reply.status;
      if (route !== '/graphql') {
        checked.rest += 1;
        const response = reply.text === undefined && reply.body !== undefined ? reply.body : undefined;
        violations.push(...checkExchange({ method, path: specPath(state, url.pathname), query: url.searchParams, body, status: reply.status, response, fault }));
      }
      const headers = { ...common, ...reply.headers };
      if (reply.text !== undefined) {
        res.writeHead(reply.status, { ...headers, 'content-type': reply.contentType ?? 'text/plain; charset=utf-8' });
        res.end(reply.text);
      } else {
        sendJson(res, reply.status, reply.body, headers);
      }
      takeFault(happenings, method, url.pathname, route, body)?.then(state);
    };

    const fault = takeFault(faults, method, url.pathname, route, body);
    if (fault) {
      // A fault's answer is wrong on purpose, but what was asked is still checked.
      if (route === '/graphql') {
        checked.graphql += 1;
        violations.push(...checkDocument(body));
      }
      if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (fault.reset) {
        record.status = 0;
        if (route !== '/graphql') {
          checked.rest += 1;
          violations.push(...checkExchange({ method, path: specPath(state, url.pathname), query: url.searchParams, body, status: 0, response: undefined, fault: true }));
        }
        req.socket.destroy();
        return;
      }
      const headers = typeof fault.headers === 'function' ? fault.headers() : (fault.headers ?? {});
      if (fault.edit && route === '/graphql') answer({ status: fault.status, headers, body: fault.edit(executeGraphQL(state, body, rate.graphql, rate.reset).body) }, true);
      else if (typeof fault.body === 'string') answer({ status: fault.status, headers, text: fault.body, contentType: fault.contentType ?? 'text/plain; charset=utf-8' }, true);
      else answer({ status: fault.status, headers, body: fault.body ?? { message: STATUS_CODES[fault.status] ?? 'Error' } }, true);
      return;
    }

    const authError = checkAuth(state, req.headers, route === '/graphql');
    if (authError) return answer(authError);
    if (badJson) return answer({ status: 400, body: { message: 'Problems parsing JSON', documentation_url: route === '/graphql' ? 'https://docs.github.com/graphql' : DOCS, status: '400' } });

    if (route === '/graphql') {
      if (method !== 'POST') return answer({ status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/graphql', status: '404' } });
      checked.graphql += 1;
      const result = executeGraphQL(state, body, rate.graphql, rate.reset);
      violations.push(...result.violations);
      return answer({ status: 200, body: result.body });
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
        if (error instanceof StateError) {
          // The test's state is wrong, not GitHub: make the run fail on it.
          violations.push(`${method} ${url.pathname}: the fake's state is inconsistent: ${error.message}`);
          return answer({ status: 500, body: { message: `fake GitHub: ${error.message}` } });
        }
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
    happenings,
    violations,
    checked,
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

/**
 * The departures from GitHub's description recorded since `mark` (an earlier
 * `gh.violations.length`), for a caller to fail on after a run.
 */
export function violationsSince(gh: GitHubServer, mark = 0): string[] {
  return gh.violations.slice(mark);
}

/** The /repos/{owner}/{repo}/… form of a requested path, as it was otherwise (the spec tells a trailing slash apart). */
function specPath(state: GitHubState, pathname: string): string {
  const m = /^\/repositories\/(\d+)(\/.*)?$/.exec(pathname);
  return m && Number(m[1]) === state.repo.id ? `/repos/${state.repo.owner}/${state.repo.name}${m[2] ?? ''}` : pathname;
}

/** /repositories/{id}/… (the form GitHub's Link headers use) → /repos/{owner}/{repo}/…; trailing slash dropped. */
function normalizeRoute(state: GitHubState, pathname: string): string {
  let path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const m = /^\/repositories\/(\d+)(\/.*)?$/.exec(path);
  if (m && Number(m[1]) === state.repo.id) path = `/repos/${state.repo.owner}/${state.repo.name}${m[2] ?? ''}`;
  return path;
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
