// What REST handlers share: the request context, errors, permissions,
// look-ups in the state and GitHub's pagination.
import type { IncomingHttpHeaders } from 'node:http';
import { createHash } from 'node:crypto';
import { mergeCommitSha } from './state.js';
import type { FakeComment, FakeCommit, FakePull, FakeStatus, FakeUser, GitHubState, Login, PermissionLevel, PermissionScope } from './types.js';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.message));
  }
}

/** A mistake in the test's state (e.g. an unknown login): answered 500 with this message. */
export class StateError extends Error {}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as is instead of JSON. */
  text?: string;
  contentType?: string;
}

export interface Ctx {
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

export type Handler = (ctx: Ctx, params: string[]) => Reply;

export interface Route {
  method: string;
  pattern: RegExp;
  doc: string;
  handler: Handler;
}

export const DOCS = 'https://docs.github.com/rest';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function fail(ctx: Ctx, status: number, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): HttpError {
  return new HttpError(status, { message, documentation_url: ctx.doc, status: String(status), ...extra }, headers);
}

export function notFound(ctx: Ctx): HttpError {
  return fail(ctx, 404, 'Not Found');
}

export function validationFailed(ctx: Ctx, resource: string, field: string, message: string, code = 'custom'): HttpError {
  return fail(ctx, 422, 'Validation Failed', { errors: [{ resource, code, field, message }] });
}

export const LEVEL_RANK: Record<PermissionLevel, number> = { none: 0, read: 1, write: 2 };

/** The token needs `level` on one of `scopes`; a read of a public repository needs nothing. */
export function requirePermission(ctx: Ctx, scopes: PermissionScope[], level: 'read' | 'write'): void {
  if (level === 'read' && !ctx.state.repo.private) return;
  const granted = (scope: PermissionScope): PermissionLevel => ctx.state.tokenPermissions[scope] ?? (scope === 'metadata' ? 'read' : 'none');
  if (scopes.some((scope) => LEVEL_RANK[granted(scope)] >= LEVEL_RANK[level])) return;
  throw fail(ctx, 403, 'Resource not accessible by integration', {}, { 'x-accepted-github-permissions': scopes.map((s) => `${s}=${level}`).join('; ') });
}

export function checkRepo(ctx: Ctx, owner: string, name: string): void {
  const { repo } = ctx.state;
  if (owner.toLowerCase() !== repo.owner.toLowerCase() || name.toLowerCase() !== repo.name.toLowerCase()) throw notFound(ctx);
}

export function repoApi(ctx: Ctx): string {
  return `${ctx.base}/repos/${ctx.state.repo.owner}/${ctx.state.repo.name}`;
}

export function repoHtml(state: GitHubState): string {
  return `https://github.com/${state.repo.owner}/${state.repo.name}`;
}

export function findUser(state: GitHubState, login: string): FakeUser | undefined {
  const lower = login.toLowerCase();
  if (state.authenticatedAs.login.toLowerCase() === lower) return state.users[state.authenticatedAs.login] ?? state.authenticatedAs;
  return state.users[login] ?? Object.values(state.users).find((u) => u.login.toLowerCase() === lower);
}

export function mustUser(state: GitHubState, login: string): FakeUser {
  const user = findUser(state, login);
  if (!user) throw new StateError(`no user "${login}" in state.users`);
  return user;
}

/** Legacy global node id: base64("0" + length(type) + ":" + type + id), e.g. MDQ6VXNlcjE= for User 1. */
export function nodeId(type: string, id: number | string): string {
  return Buffer.from(`0${type.length}:${type}${id}`).toString('base64');
}

export function hashNumber(text: string, modulo: number): number {
  return parseInt(createHash('sha1').update(text).digest('hex').slice(0, 8), 16) % modulo;
}

export function authorAssociation(state: GitHubState, login: string): string {
  if (login.toLowerCase() === state.repo.owner.toLowerCase()) return 'OWNER';
  if (Object.values(state.teams).some((t) => t.members.includes(login) || (t.maintainers ?? []).includes(login))) return 'MEMBER';
  if (state.collaborators[login] !== undefined) return 'COLLABORATOR';
  if (Object.values(state.pulls).some((p) => p.merged && p.user === login)) return 'CONTRIBUTOR';
  return 'NONE';
}

export function now(state: GitHubState): string {
  return state.now ? state.now() : new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function getPull(ctx: Ctx, owner: string, name: string, number: string): FakePull {
  checkRepo(ctx, owner, name);
  const pull = ctx.state.pulls[Number(number)];
  if (!pull) throw notFound(ctx);
  return pull;
}

export function allComments(state: GitHubState): Array<{ pull: FakePull; comment: FakeComment }> {
  return Object.values(state.pulls).flatMap((pull) => pull.comments.map((comment) => ({ pull, comment })));
}

export function nextId(state: GitHubState): number {
  let max = 100_000;
  for (const { comment } of allComments(state)) max = Math.max(max, comment.id);
  for (const list of Object.values(state.statuses)) for (const s of list) max = Math.max(max, s.id);
  for (const pull of Object.values(state.pulls)) for (const e of pull.events) max = Math.max(max, e.id);
  return max + 1;
}

/** Every commit the repository knows. */
export function knownCommits(state: GitHubState): Map<string, FakeCommit | undefined> {
  const known = new Map<string, FakeCommit | undefined>();
  for (const sha of Object.values(state.branches)) known.set(sha, undefined);
  for (const pull of Object.values(state.pulls)) {
    known.set(pull.base.sha, undefined);
    known.set(pull.head.sha, undefined);
    for (const c of pull.commits) known.set(c.sha, c);
    if (pull.merged) known.set(mergeCommitSha(pull), state.commitsBySha[mergeCommitSha(pull)]);
  }
  for (const c of state.history) known.set(c.sha, c);
  for (const [sha, c] of Object.entries(state.commitsBySha)) known.set(sha, c);
  for (const sha of Object.keys(state.contents)) if (!known.has(sha)) known.set(sha, undefined);
  return known;
}

/** A SHA, branch name (also refs/heads/…) or a pull request's head/base ref → SHA; undefined when unknown. */
export function resolveRef(state: GitHubState, ref: string): string | undefined {
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
export function paginate<T>(ctx: Ctx, items: T[], defaultPerPage = 30): T[] {
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

export function linkBase(ctx: Ctx): string {
  const prefix = `/repos/${ctx.state.repo.owner}/${ctx.state.repo.name}`;
  if (ctx.route.toLowerCase().startsWith(prefix.toLowerCase())) return `${ctx.base}/repositories/${ctx.state.repo.id}${ctx.route.slice(prefix.length)}`;
  return `${ctx.base}${ctx.route}`;
}

export function ok(body: unknown, status = 200, headers: Record<string, string> = {}): Reply {
  return { status, body, headers };
}


/** Who a git identity links to: the given login (null = nobody), else by email or a users.noreply address. */
export function linkedUser(state: GitHubState, login: Login | null | undefined, email: string): FakeUser | null {
  if (login === null) return null;
  if (login !== undefined) return mustUser(state, login);
  const lower = email.toLowerCase();
  const byEmail = Object.values(state.users).find((u) => u.email?.toLowerCase() === lower);
  if (byEmail) return byEmail;
  const noreply = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/.exec(lower);
  return noreply?.[1] ? (findUser(state, noreply[1]) ?? null) : null;
}

export function commitParents(pull: FakePull | undefined, commit: FakeCommit): string[] {
  if (commit.parents) return commit.parents;
  if (!pull) return [];
  const index = pull.commits.indexOf(commit);
  return [index > 0 ? (pull.commits[index - 1] as FakeCommit).sha : pull.base.sha];
}

export function commitRef(ctx: Ctx, ref: string): string {
  const sha = resolveRef(ctx.state, ref);
  if (!sha) throw fail(ctx, 422, `No commit found for SHA: ${ref}`);
  return sha;
}

export function body(ctx: Ctx): Record<string, unknown> {
  return isRecord(ctx.body) ? ctx.body : {};
}

/** Statuses of a SHA, newest first (by created_at, then id). */
export function statusesNewestFirst(state: GitHubState, sha: string): FakeStatus[] {
  return [...(state.statuses[sha] ?? [])].sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id);
}

export const R = '/repos/([^/]+)/([^/]+)';
