import type { CommitPerson, Identity, LabelEvent, Permission, Review } from '../approval/types.js';
import type { GitHubClient } from './client.js';

/**
 * A GitHub API call that failed after retries, or that the token may not
 * make: one line naming the call, what GitHub said and what to fix.
 */
export class GitHubApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'GitHubApiError';
  }
}

interface RawUser {
  login: string;
  id: number;
  type: string;
}

interface RequestFailure {
  status?: number;
  message?: string;
  response?: { data?: { message?: string } };
}

/** What each permission is for, to name it when GitHub refuses. */
const NEEDS: ReadonlyArray<[RegExp, string]> = [
  [/^POST \/repos\/[^/]+\/[^/]+\/statuses\//, 'statuses: write'],
  [/\/issues\/\d+\/comments$|\/issues\/comments\/\d+$/, 'pull-requests: write (to comment)'],
  [/\/contents\//, 'contents: read'],
  [/\/orgs\/[^/]+\/teams\//, 'organization Members: read (a GitHub App token or a PAT with read:org; GITHUB_TOKEN cannot read teams)'],
  [/\/check-suites$/, 'checks: read'],
  [/\/pulls(\/|$)|\/issues\//, 'pull-requests: read'],
];

/** The repository's API, as plangate uses it: every list read to its last page. */
export class RepositoryApi {
  constructor(
    private readonly client: GitHubClient,
    readonly owner: string,
    readonly repo: string,
  ) {}

  private async call<T>(route: string, params: Record<string, unknown> = {}): Promise<T> {
    try {
      const response = await this.client.request(route, { owner: this.owner, repo: this.repo, ...params });
      return response.data as T;
    } catch (error) {
      throw this.failure(route, params, error);
    }
  }

  private async list<T>(route: string, params: Record<string, unknown> = {}): Promise<T[]> {
    try {
      const items: T[] = [];
      for await (const page of this.client.paginate.iterator<T>(route, { owner: this.owner, repo: this.repo, per_page: 100, ...params })) {
        // A page that is not a list is a broken answer, never an empty one.
        if (!Array.isArray(page.data)) throw Object.assign(new Error('the answer is not a list'), { status: page.status });
        items.push(...page.data);
      }
      return items;
    } catch (error) {
      throw this.failure(route, params, error);
    }
  }

  /** 404 is an answer for some calls ("not a collaborator", "no such file"); anything else failed. */
  private async callOrMissing<T>(route: string, params: Record<string, unknown>): Promise<T | undefined> {
    try {
      return await this.call<T>(route, params);
    } catch (error) {
      if (error instanceof GitHubApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  private failure(route: string, params: Record<string, unknown>, error: unknown): GitHubApiError {
    const failure = error as RequestFailure;
    const path = route.replace(/\{(\w+)\}/g, (_, key: string) => String(key === 'owner' ? this.owner : key === 'repo' ? this.repo : params[key]));
    const status = failure.status;
    const said = failure.response?.data?.message ?? failure.message ?? String(error);
    const need = NEEDS.find(([pattern]) => pattern.test(path))?.[1];
    let fix = '';
    if (status === 401) fix = ': the token is invalid or expired; check the github-token input';
    else if (status === 403 && /rate limit/i.test(said)) fix = ': GitHub rate limit, still exceeded after waiting; run again later';
    else if (status === 403 || (status === 404 && need?.startsWith('organization'))) fix = need ? `: the token needs ${need} (the workflow's permissions: block)` : ': the token may not make this call';
    else if (status !== undefined && status >= 500) fix = ': GitHub failed after retries; run again';
    return new GitHubApiError(`GitHub API ${path} answered ${status ?? 'no response'} (${said.split('\n')[0]})${fix}`, status);
  }

  async pull(number: number) {
    const pr = await this.call<{
      number: number;
      state: string;
      user: RawUser;
      head: { sha: string; ref: string; repo: { full_name: string } | null };
      base: { sha: string; ref: string; repo: { full_name: string } };
      labels: Array<{ name: string }>;
      commits: number;
    }>('GET /repos/{owner}/{repo}/pulls/{pull_number}', { pull_number: number });
    return {
      number: pr.number,
      state: pr.state,
      author: identity(pr.user),
      headSha: pr.head.sha,
      baseSha: pr.base.sha,
      headRepo: pr.head.repo?.full_name ?? '',
      baseRepo: pr.base.repo.full_name,
      labels: pr.labels.map((l) => l.name),
      commitCount: pr.commits,
    };
  }

  /** Authors, committers and co-authors (Co-authored-by trailers, linked to accounts by GitHub) of every commit. */
  async commitPeople(number: number): Promise<{ people: CommitPerson[]; listed: number; total: number }> {
    const people: CommitPerson[] = [];
    let after: string | null = null;
    let listed = 0;
    let total = 0;
    for (let page = 0; page < 10; page++) {
      let data: GraphQlCommits;
      try {
        data = await this.client.graphql<GraphQlCommits>(COMMITS_QUERY, { owner: this.owner, name: this.repo, number, after });
      } catch (error) {
        throw new GitHubApiError(`GitHub GraphQL (pull request commits) failed (${(error as Error).message.split('\n')[0]}): the token needs pull-requests: read and contents: read`);
      }
      const commits = data.repository?.pullRequest?.commits;
      if (!commits) throw new GitHubApiError(`GitHub GraphQL found no pull request #${number} in ${this.owner}/${this.repo}`);
      total = commits.totalCount;
      for (const node of commits.nodes) {
        const { oid, authors, committer } = node.commit;
        listed++;
        authors.nodes.forEach((a, i) => people.push(person(oid, i === 0 ? 'author' : 'co-author', a)));
        people.push(person(oid, 'committer', committer));
      }
      if (!commits.pageInfo.hasNextPage) break;
      after = commits.pageInfo.endCursor;
    }
    return { people, listed, total };
  }

  async reviews(number: number): Promise<Review[]> {
    const reviews = await this.list<{ id: number; user: RawUser | null; state: string; commit_id: string; submitted_at?: string }>(
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
      { pull_number: number },
    );
    // A review by a deleted account has no user: it cannot count, and nothing else depends on it.
    return reviews.flatMap((r) => (r.user ? [{ id: r.id, reviewer: identity(r.user), state: r.state, commitId: r.commit_id, submittedAt: r.submitted_at ?? '' }] : []));
  }

  /** `role_name` of a collaborator; null when GitHub says they are not one (404). */
  async permission(login: string): Promise<Permission> {
    const answer = await this.callOrMissing<{ role_name?: string; permission: string; user?: { permissions?: { push?: boolean } } }>(
      'GET /repos/{owner}/{repo}/collaborators/{username}/permission',
      { username: login },
    );
    if (!answer) return { roleName: null, canPush: false };
    return { roleName: answer.role_name ?? answer.permission, canPush: answer.user?.permissions?.push === true };
  }

  /** Active members of an org team among `logins`; the team must be readable, else the token cannot decide. */
  async teamMembers(team: string, logins: readonly string[]): Promise<Set<string>> {
    const [org, slug] = team.includes('/') ? (team.split('/', 2) as [string, string]) : [this.owner, team];
    const path = `/orgs/${org}/teams/${slug}`;
    try {
      await this.client.request('GET /orgs/{org}/teams/{team_slug}', { org, team_slug: slug });
    } catch (error) {
      const status = (error as RequestFailure).status;
      if (status === 404 || status === 403) {
        throw new GitHubApiError(
          `GitHub API ${path} answered ${status}: plangate cannot read team ${org}/${slug}, so it cannot tell who may approve; give plangate a token that can read organization members (a GitHub App with Members: read, or a PAT with read:org) in the github-token input, or fix the team name`,
          status,
        );
      }
      throw this.failure('GET /orgs/{org}/teams/{team_slug}', { org, team_slug: slug }, error);
    }
    const members = new Set<string>();
    for (const login of logins) {
      try {
        const answer = await this.client.request('GET /orgs/{org}/teams/{team_slug}/memberships/{username}', { org, team_slug: slug, username: login });
        if ((answer.data as { state?: string }).state === 'active') members.add(login.toLowerCase());
      } catch (error) {
        if ((error as RequestFailure).status === 404) continue;
        throw this.failure('GET /orgs/{org}/teams/{team_slug}/memberships/{username}', { org, team_slug: slug, username: login }, error);
      }
    }
    return members;
  }

  async labelEvents(number: number): Promise<LabelEvent[]> {
    const events = await this.list<{ id: number; event: string; actor: RawUser | null; label?: { name: string }; created_at: string; performed_via_github_app?: object | null }>(
      'GET /repos/{owner}/{repo}/issues/{issue_number}/events',
      { issue_number: number },
    );
    return events.flatMap((e) =>
      (e.event === 'labeled' || e.event === 'unlabeled') && e.label && e.actor
        ? [{ id: e.id, event: e.event, label: e.label.name, actor: identity(e.actor), createdAt: e.created_at, viaApp: e.performed_via_github_app !== null && e.performed_via_github_app !== undefined }]
        : [],
    );
  }

  /** Other open pull requests whose head is `sha`: a commit status cannot tell them apart. */
  async openPullsWithHead(sha: string, except: number): Promise<number[]> {
    const pulls = await this.list<{ number: number; state: string; head: { sha: string } }>('GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls', { commit_sha: sha });
    return pulls.filter((p) => p.state === 'open' && p.head.sha === sha && p.number !== except).map((p) => p.number);
  }

  async changedFiles(number: number): Promise<Array<{ filename: string; status: string; previous?: string }>> {
    const files = await this.list<{ filename: string; status: string; previous_filename?: string }>('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', { pull_number: number });
    return files.map((f) => (f.previous_filename ? { filename: f.filename, status: f.status, previous: f.previous_filename } : { filename: f.filename, status: f.status }));
  }

  /** A file's text at a commit; undefined when it does not exist there. */
  async fileAt(path: string, ref: string): Promise<string | undefined> {
    const answer = await this.callOrMissing<{ type?: string; encoding?: string; content?: string } | unknown[]>('GET /repos/{owner}/{repo}/contents/{+path}', { path, ref });
    if (answer === undefined) return undefined;
    // Only a 404 means "no such file"; a directory, symlink or a broken answer is not its absence.
    if (Array.isArray(answer) || answer.type !== 'file') {
      throw new GitHubApiError(`GitHub API /repos/${this.owner}/${this.repo}/contents/${path} at ${ref.slice(0, 7)} is not a file (${Array.isArray(answer) ? 'a directory' : String(answer.type)}): plangate cannot read it`);
    }
    if (answer.encoding !== 'base64' || typeof answer.content !== 'string') {
      throw new GitHubApiError(`GitHub API /repos/${this.owner}/${this.repo}/contents/${path} returned no inline content (a file over 1 MB?): plangate cannot read it`);
    }
    return Buffer.from(answer.content, 'base64').toString('utf8');
  }

  /** Entries of a directory at a commit; undefined when GitHub answers 404 (no such directory there). */
  async entriesAt(path: string, ref: string): Promise<Array<{ path: string; type: string }> | undefined> {
    const answer = await this.callOrMissing<unknown>('GET /repos/{owner}/{repo}/contents/{+path}', { path, ref });
    return Array.isArray(answer) ? (answer as Array<{ path: string; type: string }>).map((e) => ({ path: e.path, type: e.type })) : undefined;
  }

  /** When the head commit reached GitHub: its first check suite, created by GitHub on the push. */
  async pushedAt(sha: string): Promise<string | undefined> {
    const answer = await this.call<{ check_suites: Array<{ created_at: string }> }>('GET /repos/{owner}/{repo}/commits/{ref}/check-suites', { ref: sha, per_page: 100 });
    return answer.check_suites.map((s) => s.created_at).sort()[0];
  }

  async comments(number: number): Promise<Array<{ id: number; body: string; user: Identity | null }>> {
    const comments = await this.list<{ id: number; body?: string; user: RawUser | null }>('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { issue_number: number });
    return comments.map((c) => ({ id: c.id, body: c.body ?? '', user: c.user ? identity(c.user) : null }));
  }

  async createComment(number: number, body: string): Promise<number> {
    const created = await this.call<{ id: number }>('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { issue_number: number, body });
    return created.id;
  }

  async updateComment(id: number, body: string): Promise<void> {
    await this.call('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', { comment_id: id, body });
  }

  /** Posts a commit status; returns who GitHub says posted it. */
  async setStatus(sha: string, status: { state: 'success' | 'failure' | 'error' | 'pending'; context: string; description: string; target_url?: string }): Promise<Identity | undefined> {
    const created = await this.call<{ creator?: RawUser | null }>('POST /repos/{owner}/{repo}/statuses/{sha}', { sha, ...status });
    return created.creator ? identity(created.creator) : undefined;
  }

  async statuses(sha: string): Promise<Array<{ id: number; state: string; context: string; creator: Identity | null; createdAt: string }>> {
    const statuses = await this.list<{ id: number; state: string; context: string; creator: RawUser | null; created_at: string }>('GET /repos/{owner}/{repo}/commits/{ref}/statuses', { ref: sha });
    return statuses.map((s) => ({ id: s.id, state: s.state, context: s.context, creator: s.creator ? identity(s.creator) : null, createdAt: s.created_at }));
  }
}

const COMMITS_QUERY = `query($owner: String!, $name: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      commits(first: 100, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { commit { oid authors(first: 20) { nodes { name email user { login databaseId } } } committer { name email user { login databaseId } } } }
      }
    }
  }
}`;

interface GraphQlPerson {
  name: string | null;
  email: string | null;
  user: { login: string; databaseId: number } | null;
}

interface GraphQlCommits {
  repository: {
    pullRequest: {
      commits: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: Array<{ commit: { oid: string; authors: { nodes: GraphQlPerson[] }; committer: GraphQlPerson } }>;
      };
    } | null;
  } | null;
}

function person(sha: string, role: CommitPerson['role'], p: GraphQlPerson): CommitPerson {
  const out: CommitPerson = { sha, role, name: p.name ?? '', email: p.email ?? '' };
  if (p.user) {
    out.login = p.user.login;
    out.id = p.user.databaseId;
  }
  return out;
}

function identity(user: RawUser): Identity {
  return { login: user.login, id: user.id, type: user.type };
}
