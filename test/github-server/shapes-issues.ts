// JSON shapers: issue events, comments, statuses and contents.
import { createHash } from 'node:crypto';
import type { Ctx } from './context.js';
import { authorAssociation, mustUser, nodeId, repoApi, repoHtml } from './context.js';
import { appJson, userByLogin, userJson } from './shapes.js';
import { fakeSha } from './state.js';
import type { FakeComment, FakeIssueEvent, FakePull, FakeStatus } from './types.js';

export function eventJson(ctx: Ctx, event: FakeIssueEvent): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: event.id,
    node_id: nodeId(`${event.event.replace(/(^|_)(\w)/g, (_, __, c: string) => c.toUpperCase())}Event`, event.id),
    url: `${repoApi(ctx)}/issues/events/${event.id}`,
    actor: event.actor === null ? null : userByLogin(ctx, event.actor),
    event: event.event,
    commit_id: event.commit_id ?? null,
    commit_url: event.commit_id ? `${repoApi(ctx)}/commits/${event.commit_id}` : null,
    created_at: event.created_at,
    performed_via_github_app: event.performed_via_github_app ? appJson(ctx, event.performed_via_github_app) : null,
  };
  if (event.label) json.label = { name: event.label.name, color: event.label.color ?? ctx.state.labelColors[event.label.name] ?? 'ededed' };
  return { ...json, ...event.extra };
}

export function commentJson(ctx: Ctx, pull: FakePull, comment: FakeComment): Record<string, unknown> {
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

export function statusJson(ctx: Ctx, sha: string, status: FakeStatus, withCreator: boolean): Record<string, unknown> {
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

export function gitBlobSha(content: string): string {
  return createHash('sha1').update(`blob ${Buffer.byteLength(content)}\0`).update(content).digest('hex');
}

/** Base64 wrapped at 60 characters with a trailing newline, as GitHub sends `content`. */
export function wrappedBase64(content: string): string {
  const b64 = Buffer.from(content).toString('base64');
  return b64 === '' ? '' : `${b64.replace(/.{1,60}/g, '$&\n')}`;
}

export function contentEntry(ctx: Ctx, ref: string, path: string, type: 'file' | 'dir', content?: string): Record<string, unknown> {
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
