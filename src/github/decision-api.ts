import type { RepositoryApi } from './api.js';
import { GitHubApiError } from './api.js';
import type { Answer } from './answer.js';
import { pullRequest, query, restLogin } from './graphql.js';
import { OctokitRepositoryApi } from './octokit-api.js';

/** A pull request as the commit's pulls list gives it. */
export interface CommitPull {
  number: number;
  state: string;
  headSha: string;
  baseRef: string;
  /** null until merged. */
  mergedAt: string | null;
  mergeCommitSha: string | null;
}

/** A pull request comment with who wrote it and who last edited it. */
export interface EditedComment {
  body: string;
  author: string | null;
  /** Whether it was ever edited (GraphQL lastEditedAt). */
  edited: boolean;
  /** Who last edited it; null when never edited, or when GitHub no longer names the account (deleted). */
  editor: string | null;
}

/** What `plangate verify` and the merge-queue gate read beyond the pull request gate's calls. */
export interface DecisionApi extends RepositoryApi {
  /** The token's own login (GET /user); undefined for an app's installation token, which GitHub does not answer it for. */
  tokenLogin(): Promise<string | undefined>;
  /** Pull requests GitHub associates with a commit (merged ones, when it is on the default branch). */
  commitPulls(sha: string): Promise<CommitPull[]>;
  /** Every commit reachable from `head` but not from `base`, as SHAs; a list GitHub cuts is an error. */
  commitsBetween(base: string, head: string): Promise<string[]>;
  /** Branches whose full ref starts with `prefix` (refs/heads/…), with the commit each points at. */
  matchingRefs(prefix: string): Promise<Array<{ ref: string; sha: string }>>;
  /**
   * Every comment of a pull request, oldest first, with its author and last
   * editor: anyone with write access may edit anyone's comment, and REST does
   * not say who did.
   */
  editedComments(number: number): Promise<EditedComment[]>;
}

const COMMENTS_QUERY = `query($owner: String!, $name: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      comments(first: 100, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { body lastEditedAt author { __typename login } editor { __typename login } }
      }
    }
  }
}`;

/** Pages of 100 comments; past this many the pull request fails closed. */
const MAX_COMMENT_PAGES = 50;

/** Compare pages of 100; past this many commits the answer is refused rather than read in part. */
const MAX_COMPARE_PAGES = 10;

export class RestDecisionApi extends OctokitRepositoryApi implements DecisionApi {
  async tokenLogin(): Promise<string | undefined> {
    try {
      const route = 'GET /user';
      const a = this.answer(route);
      return a.text(a.object(await this.call(route), '(answer)').login, 'login');
    } catch (error) {
      // An installation token (GITHUB_TOKEN, a GitHub App's) is no user: GitHub answers 403.
      if (error instanceof GitHubApiError && error.status === 403) return undefined;
      throw error;
    }
  }

  async commitPulls(sha: string): Promise<CommitPull[]> {
    const route = 'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls';
    const a = this.answer(route, { commit_sha: sha });
    return (await this.list(route, { commit_sha: sha })).map((item, i) => {
      const p = a.object(item, `[${i}]`);
      return {
        number: a.count(p.number, `[${i}].number`),
        state: a.text(p.state, `[${i}].state`),
        headSha: a.sha(a.object(p.head, `[${i}].head`).sha, `[${i}].head.sha`),
        baseRef: a.text(a.object(p.base, `[${i}].base`).ref, `[${i}].base.ref`),
        mergedAt: p.merged_at === null ? null : a.time(p.merged_at, `[${i}].merged_at`),
        mergeCommitSha: p.merge_commit_sha === null || p.merge_commit_sha === undefined ? null : a.sha(p.merge_commit_sha, `[${i}].merge_commit_sha`),
      };
    });
  }

  async commitsBetween(base: string, head: string): Promise<string[]> {
    const route = 'GET /repos/{owner}/{repo}/compare/{basehead}';
    const params = { basehead: `${base}...${head}` };
    const a = this.answer(route, params);
    const shas: string[] = [];
    for (let page = 1; page <= MAX_COMPARE_PAGES; page++) {
      const answer = a.object(await this.call(route, { ...params, per_page: 100, page }), '(answer)');
      const status = a.text(answer.status, 'status');
      if (status !== 'ahead' && status !== 'identical') throw new GitHubApiError(`GitHub says ${head.slice(0, 7)} is ${status} of ${base.slice(0, 7)}, not ahead of it: the merge group is not built on its base`);
      const total = a.count(answer.total_commits, 'total_commits');
      const commits = a.list(answer.commits, 'commits');
      for (const [i, c] of commits.entries()) shas.push(a.sha(a.object(c, `commits[${i}]`).sha, `commits[${i}].sha`));
      if (shas.length === total && new Set(shas).size === total) return shas;
      if (commits.length === 0 || shas.length > total) break;
    }
    throw new GitHubApiError(`GitHub's comparison of ${base.slice(0, 7)}...${head.slice(0, 7)} lists ${shas.length} commits but counts others (at most ${MAX_COMPARE_PAGES * 100} are read), so plangate cannot tell which pull requests are in the merge group: make the merge queue's groups smaller`);
  }

  async editedComments(number: number): Promise<EditedComment[]> {
    const comments: EditedComment[] = [];
    let after: string | null = null;
    for (let page = 0; page < MAX_COMMENT_PAGES; page++) {
      const a = await query(this.client, 'pull request comments', COMMENTS_QUERY, { owner: this.owner, name: this.repo, number, after });
      const connection = a.object(pullRequest(a, this.owner, this.repo, number).comments, 'pullRequest.comments');
      const total = a.count(connection.totalCount, 'comments.totalCount');
      for (const [i, item] of a.list(connection.nodes, 'comments.nodes').entries()) {
        const c = a.object(item, `comments.nodes[${i}]`);
        // Asked for, so a missing lastEditedAt is a malformed answer, not a comment never edited.
        const edited = c.lastEditedAt !== null && Boolean(a.time(c.lastEditedAt, `comments.nodes[${i}].lastEditedAt`));
        comments.push({ body: a.string(c.body, `comments.nodes[${i}].body`), author: actorLogin(a, c.author, `comments.nodes[${i}].author`), edited, editor: actorLogin(a, c.editor, `comments.nodes[${i}].editor`) });
      }
      const info = a.object(connection.pageInfo, 'comments.pageInfo');
      if (info.hasNextPage !== true) {
        if (comments.length !== total) throw new GitHubApiError(`GitHub GraphQL lists ${comments.length} comments of pull request #${number} but counts ${total}: plangate cannot be sure which is its own; run again`);
        return comments;
      }
      after = a.text(info.endCursor, 'comments.pageInfo.endCursor');
    }
    throw new GitHubApiError(`pull request #${number} has more than ${MAX_COMMENT_PAGES * 100} comments: plangate reads no further, so it cannot be sure which is its own`);
  }

  async matchingRefs(prefix: string): Promise<Array<{ ref: string; sha: string }>> {
    const route = 'GET /repos/{owner}/{repo}/git/matching-refs/{+ref}';
    // GitHub matches by name prefix; the path takes no trailing slash, so the slash is checked here.
    const ref = prefix.replace(/^refs\//, '').replace(/\/+$/, '');
    const params = { ref: ref.split('/').map(encodeURIComponent).join('/') };
    const a = this.answer(route, params);
    // Every page: a queue branch past the first would never be held to its pull request's decision.
    const refs = a.list(await this.list(route, params, null), '(answer)').map((item, i) => {
      const r = a.object(item, `[${i}]`);
      const name = a.text(r.ref, `[${i}].ref`);
      if (!name.startsWith(`refs/${ref}`)) a.fail(`[${i}].ref`, `a ref under refs/${ref}`, name);
      return { ref: name, sha: a.sha(a.object(r.object, `[${i}].object`).sha, `[${i}].object.sha`) };
    });
    return refs.filter((r) => r.ref.startsWith(prefix));
  }
}

/** An actor's login as REST spells it: GraphQL names a bot `name`, REST `name[bot]`. */
function actorLogin(a: Answer, value: unknown, field: string): string | null {
  if (value === null || value === undefined) return null;
  const actor = a.object(value, field);
  return restLogin(actor.__typename, a.text(actor.login, `${field}.login`));
}
