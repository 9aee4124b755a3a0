// REST routes: the repository, commit statuses, commits and contents.
import type { Ctx, Route } from './context.js';
import { body, linkedUser, nodeId, repoHtml, checkRepo, commitRef, fail, knownCommits, nextId, notFound, now, ok, paginate, R, repoApi, requirePermission, resolveRef, statusesNewestFirst, validationFailed } from './context.js';
import { appBySlug, appJson, commitJson, pullJson, repositoryJson } from './shapes.js';
import { contentEntry, statusJson, wrappedBase64 } from './shapes-issues.js';
import { fakeSha, makeCommit, mergeCommitSha } from './state.js';
import type { FakeCommit, FakeStatus, FakeUser, GitHubState } from './types.js';

export const REPO_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: new RegExp(`^${R}$`),
    doc: 'https://docs.github.com/rest/repos/repos#get-a-repository',
    handler: (ctx, [owner = '', name = '']) => {
      checkRepo(ctx, owner, name);
      // full-repository: the repository shape plus counts only this endpoint gives.
      return ok({ ...repositoryJson(ctx, `${ctx.state.repo.owner}/${ctx.state.repo.name}`), has_discussions: false, network_count: 0, subscribers_count: 3 });
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
        .filter((p) => (p.state === 'open' || p.merged) && (p.head.sha === sha || p.commits.some((c) => c.sha === sha) || (p.merged && mergeCommitSha(p) === sha)))
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
  {
    // The branch name may hold slashes, encoded or not.
    method: 'GET',
    pattern: new RegExp(`^${R}/branches/(.+)$`),
    doc: 'https://docs.github.com/rest/branches/branches#get-a-branch',
    handler: (ctx, [owner = '', name = '', branch = '']) => {
      checkRepo(ctx, owner, name);
      requirePermission(ctx, ['contents'], 'read');
      const sha = branchSha(ctx.state, branch);
      if (!sha) throw fail(ctx, 404, 'Branch not found');
      const isProtected = (ctx.state.protectedBranches ?? []).includes(branch);
      const api = `${repoApi(ctx)}/branches/${branch.split('/').map(encodeURIComponent).join('/')}`;
      return ok({
        name: branch,
        commit: commitJson(ctx, knownCommits(ctx.state).get(sha) ?? ctx.state.history.find((c) => c.sha === sha) ?? placeholderCommit(sha)),
        _links: { self: api, html: `${repoHtml(ctx.state)}/tree/${branch}` },
        protected: isProtected,
        protection: { enabled: isProtected, required_status_checks: { enforcement_level: 'off', contexts: [], checks: [] } },
        protection_url: `${api}/protection`,
      });
    },
  },
  {
    // The default branch's history (or from `sha`), newest first; `author` is a login or an email.
    method: 'GET',
    pattern: new RegExp(`^${R}/commits$`),
    doc: 'https://docs.github.com/rest/commits/commits#list-commits',
    handler: (ctx, [owner = '', name = '']) => {
      checkRepo(ctx, owner, name);
      requirePermission(ctx, ['contents'], 'read');
      const q = ctx.url.searchParams;
      let commits = historyFrom(ctx, q.get('sha'));
      const matches = (who: string | null, login: string | null | undefined, identity: { email: string }, ofUser: (c: FakeCommit) => FakeUser | null, c: FakeCommit): boolean =>
        who === null || identity.email.toLowerCase() === who.toLowerCase() || (login ?? ofUser(c)?.login ?? '').toLowerCase() === who.toLowerCase();
      const author = q.get('author');
      const committer = q.get('committer');
      commits = commits.filter(
        (c) =>
          matches(author, c.authorLogin, c.author, (x) => linkedUser(ctx.state, x.authorLogin, x.author.email), c) &&
          matches(committer, c.committerLogin, c.committer, (x) => linkedUser(ctx.state, x.committerLogin, x.committer.email), c),
      );
      const since = q.get('since');
      const until = q.get('until');
      if (since) commits = commits.filter((c) => Date.parse(c.committer.date) >= Date.parse(since));
      if (until) commits = commits.filter((c) => Date.parse(c.committer.date) <= Date.parse(until));
      return ok(paginate(ctx, commits).map((c) => commitJson(ctx, c)));
    },
  },
];

function branchSha(state: GitHubState, branch: string): string | undefined {
  if (state.branches[branch]) return state.branches[branch];
  for (const pull of Object.values(state.pulls)) {
    if (pull.head.ref === branch && (pull.head.repoFullName ?? `${state.repo.owner}/${state.repo.name}`) === `${state.repo.owner}/${state.repo.name}`) return pull.head.sha;
    if (pull.base.ref === branch) return pull.base.sha;
  }
  return undefined;
}

/** A commit the state knows only by SHA. */
function placeholderCommit(sha: string): FakeCommit {
  return makeCommit({ sha, message: `Commit ${sha.slice(0, 7)}`, by: { name: 'Unknown', email: 'unknown@example.test' }, authorLogin: null, committerLogin: null, parents: [] });
}

/** The history from `ref` down: a pull request head's commits, then the default branch's history from its base. */
function historyFrom(ctx: Ctx, ref: string | null): FakeCommit[] {
  const { state } = ctx;
  const history = state.history;
  if (ref === null || ref === state.repo.defaultBranch) return history;
  const sha = resolveRef(state, ref);
  if (!sha) throw fail(ctx, 404, `No commit found for SHA: ${ref}`);
  const inHistory = history.findIndex((c) => c.sha === sha);
  if (inHistory >= 0) return history.slice(inHistory);
  const pull = Object.values(state.pulls).find((p) => p.commits.some((c) => c.sha === sha));
  if (!pull) return [knownCommits(state).get(sha) ?? placeholderCommit(sha)];
  const upTo = pull.commits.findIndex((c) => c.sha === sha);
  const fromBase = history.findIndex((c) => c.sha === pull.base.sha);
  return [...pull.commits.slice(0, upTo + 1).reverse(), ...(fromBase >= 0 ? history.slice(fromBase) : [])];
}
