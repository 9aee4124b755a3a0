// REST routes for merge queues and apply-time checks: comparing two commits, and refs by prefix.
import type { Ctx, Route } from './context.js';
import { checkRepo, commitParents, commitRef, knownCommits, nodeId, ok, paginate, R, repoApi, repoHtml, requirePermission } from './context.js';
import { commitJson } from './shapes.js';
import { makeCommit } from './state.js';
import type { FakeCommit, FakePull } from './types.js';

export const QUEUE_ROUTES: Route[] = [
  {
    // "The response will include a comparison of up to 250 commits"; per_page and page page through `commits`, oldest first.
    method: 'GET',
    pattern: new RegExp(`^${R}/compare/([^/]+?)\\.\\.\\.([^/]+)$`),
    doc: 'https://docs.github.com/rest/commits/commits#compare-two-commits',
    handler: (ctx, [owner = '', name = '', baseRef = '', headRef = '']) => {
      checkRepo(ctx, owner, name);
      requirePermission(ctx, ['contents'], 'read');
      const base = commitRef(ctx, baseRef);
      const head = commitRef(ctx, headRef);
      const fromBase = ancestry(ctx, base);
      const fromHead = ancestry(ctx, head);
      const ahead = fromHead.filter((c) => !fromBase.some((b) => b.sha === c.sha)).reverse();
      const behind = fromBase.filter((c) => !fromHead.some((h) => h.sha === c.sha));
      // ancestry() always starts with the commit itself.
      const [baseCommit] = fromBase as [FakeCommit];
      const mergeBase = fromHead.find((c) => fromBase.some((b) => b.sha === c.sha)) ?? baseCommit;
      const status = ahead.length === 0 && behind.length === 0 ? 'identical' : behind.length === 0 ? 'ahead' : ahead.length === 0 ? 'behind' : 'diverged';
      const html = `${repoHtml(ctx.state)}/compare/${baseRef}...${headRef}`;
      return ok({
        url: `${repoApi(ctx)}/compare/${baseRef}...${headRef}`,
        html_url: html,
        permalink_url: `${repoHtml(ctx.state)}/compare/${ctx.state.repo.owner}:${base}...${ctx.state.repo.owner}:${head}`,
        diff_url: `${html}.diff`,
        patch_url: `${html}.patch`,
        base_commit: commitJson(ctx, baseCommit, pullOf(ctx, base)),
        merge_base_commit: commitJson(ctx, mergeBase, pullOf(ctx, mergeBase.sha)),
        status,
        ahead_by: ahead.length,
        behind_by: behind.length,
        total_commits: ahead.length,
        commits: paginate(ctx, ahead, 250).map((c) => commitJson(ctx, c, pullOf(ctx, c.sha))),
        files: [],
      });
    },
  },
  {
    // Every ref whose name starts with refs/{ref}; an empty list when none does.
    method: 'GET',
    pattern: new RegExp(`^${R}/git/matching-refs/(.+)$`),
    doc: 'https://docs.github.com/rest/git/refs#list-matching-references',
    handler: (ctx, [owner = '', name = '', prefix = '']) => {
      checkRepo(ctx, owner, name);
      requirePermission(ctx, ['contents'], 'read');
      const wanted = `refs/${decodeURIComponent(prefix)}`;
      const refs = Object.entries(ctx.state.branches)
        .map(([branch, sha]) => ({ ref: `refs/heads/${branch}`, sha }))
        .filter((r) => r.ref.startsWith(wanted))
        .sort((a, b) => (a.ref < b.ref ? -1 : 1));
      return ok(
        refs.map((r) => ({
          ref: r.ref,
          node_id: nodeId('Ref', r.ref),
          url: `${repoApi(ctx)}/git/${r.ref}`,
          object: { type: 'commit', sha: r.sha, url: `${repoApi(ctx)}/git/commits/${r.sha}` },
        })),
      );
    },
  },
];

function pullOf(ctx: Ctx, sha: string): FakePull | undefined {
  return Object.values(ctx.state.pulls).find((p) => p.commits.some((c) => c.sha === sha));
}

/** A commit and everything it descends from, newest first (parents from the commit, or its pull request's order). */
function ancestry(ctx: Ctx, sha: string): FakeCommit[] {
  const known = knownCommits(ctx.state);
  const seen = new Map<string, FakeCommit>();
  const queue = [sha];
  while (queue.length > 0) {
    const next = queue.shift() as string;
    if (seen.has(next)) continue;
    const commit = known.get(next) ?? ctx.state.history.find((c) => c.sha === next) ?? makeCommit({ sha: next, message: `Commit ${next.slice(0, 7)}`, parents: [] });
    seen.set(next, commit);
    const historyIndex = ctx.state.history.findIndex((c) => c.sha === next);
    // The default branch's history is newest first: each commit's parent is the next one.
    const parents = commit.parents ?? (historyIndex >= 0 ? ctx.state.history.slice(historyIndex + 1, historyIndex + 2).map((c) => c.sha) : commitParents(pullOf(ctx, next), commit));
    queue.push(...parents);
  }
  return [...seen.values()];
}
