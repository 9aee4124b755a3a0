// REST routes: pull requests and their issue side (events, comments, labels).
import type { Ctx, Route } from './context.js';
import { allComments, body, checkRepo, fail, getPull, nextId, notFound, now, ok, paginate, R, repoApi, requirePermission, validationFailed } from './context.js';
import { commitJson, fileJson, labelJson, pullJson, reviewJson } from './shapes.js';
import { commentJson, eventJson } from './shapes-issues.js';
import type { FakeComment, FakePull } from './types.js';

export const PULL_ROUTES: Route[] = [
  {
    // state open (default), closed or all; head "owner:branch" (the head repository's owner); newest first by default.
    method: 'GET',
    pattern: new RegExp(`^${R}/pulls$`),
    doc: 'https://docs.github.com/rest/pulls/pulls#list-pull-requests',
    handler: (ctx, [owner = '', name = '']) => {
      checkRepo(ctx, owner, name);
      requirePermission(ctx, ['pull_requests'], 'read');
      const wanted = ctx.url.searchParams.get('state') ?? 'open';
      const base = ctx.url.searchParams.get('base');
      const head = ctx.url.searchParams.get('head');
      const full = `${ctx.state.repo.owner}/${ctx.state.repo.name}`;
      const headOf = (p: (typeof ctx.state.pulls)[number]) => `${(p.head.repoFullName ?? full).split('/')[0] ?? ''}:${p.head.ref}`.toLowerCase();
      const pulls = Object.values(ctx.state.pulls)
        .filter((p) => (wanted === 'all' || p.state === wanted) && (!base || p.base.ref === base) && (!head || headOf(p) === head.toLowerCase()))
        .sort((a, b) => b.number - a.number);
      return ok(paginate(ctx, pulls).map((p) => pullJson(ctx, p)));
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
      comment.editor = ctx.state.authenticatedAs.login;
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
];

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
