import type { CommitPerson, EmailAccount, Identity, Permission, Review, UnreadableReview } from '../approval/types.js';
import { Answer } from './answer.js';
import {
  GitHubApiError,
  type ChangedFile,
  type CommitStatus,
  type DirEntry,
  type IssueComment,
  type IssueEvent,
  type OpenPull,
  type PullRequest,
  type RefActivity,
  type RepositoryApi,
  type StatusInput,
  type TimelineEvent,
  type TimelineLabelEvent,
} from './api.js';
import type { GitHubClient } from './client.js';
import { apiError } from './failure.js';
import { COMMITS, defaultBranchOf, readCommitPeople, readDefaultBranch, readLabelTimeline } from './graphql.js';
import { EVENTS, FILES, firstPage, readFiles, readPull, readReviews, readTimeline, REVIEWS, type PullRead, type RestPull } from './pull-read.js';

/** The repository's API through Octokit: every list read to its last page, every answer checked. */
export class OctokitRepositoryApi implements RepositoryApi {
  /** The last pull request read, whose first pages the pull request's other readers start from. */
  private read: PullRead | undefined;

  constructor(
    protected readonly client: GitHubClient,
    readonly owner: string,
    readonly repo: string,
  ) {}

  protected async call(route: string, params: Record<string, unknown> = {}): Promise<unknown> {
    try {
      const response = await this.client.request(route, { ...this.repository(route), ...params });
      return response.data;
    } catch (error) {
      throw this.failure(route, params, error);
    }
  }

  /** Every page of a list; `perPage` null for the few routes that take no per_page but still page. */
  protected async list(route: string, params: Record<string, unknown> = {}, perPage: number | null = 100): Promise<unknown[]> {
    try {
      const items: unknown[] = [];
      for await (const page of this.client.paginate.iterator<unknown>(route, { ...this.repository(route), ...(perPage === null ? {} : { per_page: perPage }), ...params })) {
        // A page that is not a list is a broken answer, never an empty one.
        if (!Array.isArray(page.data)) throw Object.assign(new Error('the answer is not a list'), { status: page.status });
        items.push(...page.data);
      }
      return items;
    } catch (error) {
      throw this.failure(route, params, error);
    }
  }

  /** The repository's owner and name for routes that name one: Octokit sends unused parameters as a query. */
  private repository(route: string): Record<string, string> {
    return route.includes('{owner}') ? { owner: this.owner, repo: this.repo } : {};
  }

  /** 404 is an answer for some calls ("not a collaborator", "no such file"); anything else failed. */
  protected async callOrMissing(route: string, params: Record<string, unknown>): Promise<unknown> {
    try {
      return await this.call(route, params);
    } catch (error) {
      if (error instanceof GitHubApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  private path(route: string, params: Record<string, unknown> = {}): string {
    return route.replace(/\{\+?(\w+)\}/g, (_, key: string) => {
      const value = params[key] ?? (key === 'owner' ? this.owner : key === 'repo' ? this.repo : key);
      return typeof value === 'string' || typeof value === 'number' ? String(value) : key;
    });
  }

  protected answer(route: string, params: Record<string, unknown> = {}): Answer {
    return new Answer(this.path(route, params));
  }

  private failure(route: string, params: Record<string, unknown>, error: unknown): GitHubApiError {
    return apiError(this.path(route, params), error);
  }

  async defaultBranchHead(): Promise<{ name: string; sha: string }> {
    return this.read ? defaultBranchOf(this.read.answer, this.owner, this.repo) : readDefaultBranch(this.client, this.owner, this.repo);
  }

  async branchSha(branch: string): Promise<string | undefined> {
    const route = 'GET /repos/{owner}/{repo}/branches/{+branch}';
    const params = { branch: urlPath(branch) };
    const data = await this.callOrMissing(route, params);
    if (data === undefined) return undefined;
    const a = this.answer(route, params);
    const answer = a.object(data, '(answer)');
    if (answer.name !== branch) a.fail('name', JSON.stringify(branch), answer.name);
    return a.sha(a.object(answer.commit, 'commit').sha, 'commit.sha');
  }

  async pull(number: number): Promise<PullRequest> {
    this.read = await readPull(this.client, this.owner, this.repo, number, () => this.restPull(number));
    return this.read.pull;
  }

  private async restPull(number: number): Promise<RestPull> {
    const route = 'GET /repos/{owner}/{repo}/pulls/{pull_number}';
    const a = this.answer(route, { pull_number: number });
    const pr = a.object(await this.call(route, { pull_number: number }), '(answer)');
    if (pr.number !== number) a.fail('number', String(number), pr.number);
    const head = a.object(pr.head, 'head');
    const headRepo = head.repo === null ? null : a.text(a.object(head.repo, 'head.repo').full_name, 'head.repo.full_name');
    return { headSha: a.sha(head.sha, 'head.sha'), author: a.identity(pr.user, 'user'), headRepo };
  }

  /**
   * GraphQL links a commit's author or committer only to a User, so a bot's
   * commits read as unlinked there; REST (up to 250 commits) names the bot.
   */
  async commitPeople(number: number): Promise<{ people: CommitPerson[]; listed: number; total: number }> {
    const read = await readCommitPeople(this.client, this.owner, this.repo, number, firstPage(this.read, number, COMMITS));
    const unlinked = read.people.filter((p): p is CommitPerson & { role: 'author' | 'committer' } => p.role !== 'co-author' && p.login === undefined);
    if (unlinked.length === 0) return read;
    const route = 'GET /repos/{owner}/{repo}/pulls/{pull_number}/commits';
    const a = this.answer(route, { pull_number: number });
    const linked = new Map<string, { author: Identity | null; committer: Identity | null }>();
    for (const [i, item] of (await this.list(route, { pull_number: number })).entries()) {
      const c = a.object(item, `[${i}]`);
      linked.set(a.sha(c.sha, `[${i}].sha`), { author: a.maybeIdentity(c.author ?? null, `[${i}].author`), committer: a.maybeIdentity(c.committer ?? null, `[${i}].committer`) });
    }
    for (const person of unlinked) {
      const user = linked.get(person.sha)?.[person.role];
      if (user) Object.assign(person, { login: user.login, id: user.id });
    }
    return read;
  }

  labelTimeline(number: number): Promise<TimelineLabelEvent[]> {
    return readLabelTimeline(this.client, this.owner, this.repo, number);
  }

  /**
   * GraphQL's list, unless it has a rename or copy: only REST names the file
   * it was made from. REST's list is read later and says no head but in its
   * files' URLs: a list of another head (a push since) could name another
   * old path, so it must be of GraphQL's head and list the same files.
   */
  async changedFiles(number: number): Promise<ChangedFile[]> {
    const { files, head } = await readFiles(this.client, this.owner, this.repo, number, firstPage(this.read, number, FILES));
    if (!files.some((f) => f.status === 'renamed' || f.status === 'copied')) return files;
    const route = 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files';
    const a = this.answer(route, { pull_number: number });
    const rest = (await this.list(route, { pull_number: number })).map((item, i) => {
      const f = a.object(item, `[${i}]`);
      const file: ChangedFile = { filename: a.text(f.filename, `[${i}].filename`), status: a.text(f.status, `[${i}].status`) };
      // A rename or copy without its old name could hide a gate file it was renamed from.
      if (f.previous_filename !== undefined || file.status === 'renamed' || file.status === 'copied') file.previous = a.text(f.previous_filename, `[${i}].previous_filename`);
      // A removed file is not at the head, so its URLs may name another commit.
      const at = file.status === 'removed' ? head : refOf(a, f.contents_url, `[${i}].contents_url`);
      if (at !== head) {
        throw new GitHubApiError(`GitHub's REST API lists the changed files of pull request #${number} at ${at.slice(0, 7)}, not at its head ${head.slice(0, 7)}: it moved while plangate read it; the run for the new head decides`);
      }
      return file;
    });
    // By name and kind of change: a file GraphQL calls renamed must not read as removed, without the path it came from.
    const changes = (list: readonly ChangedFile[]) => list.map((f) => JSON.stringify([f.filename, f.status === 'unchanged' ? 'modified' : f.status])).sort().join('\n');
    if (changes(rest) !== changes(files)) throw new GitHubApiError(`GitHub's REST and GraphQL APIs list different changed files of pull request #${number}, so plangate cannot trust either: run again`);
    return rest;
  }

  reviews(number: number): Promise<{ reviews: Review[]; unreadable: UnreadableReview[] }> {
    return readReviews(this.client, this.owner, this.repo, number, firstPage(this.read, number, REVIEWS));
  }

  timeline(number: number): Promise<TimelineEvent[]> {
    return readTimeline(this.client, this.owner, this.repo, number, firstPage(this.read, number, EVENTS));
  }

  /** `role_name` of a collaborator; null when GitHub says they are not one (404). */
  async permission(login: string): Promise<Permission> {
    const route = 'GET /repos/{owner}/{repo}/collaborators/{username}/permission';
    const data = await this.callOrMissing(route, { username: login });
    if (data === undefined) return { roleName: null, canPush: false };
    const a = this.answer(route, { username: login });
    const answer = a.object(data, '(answer)');
    const roleName = answer.role_name === undefined ? a.text(answer.permission, 'permission') : a.text(answer.role_name, 'role_name');
    const user = answer.user === undefined || answer.user === null ? {} : a.object(answer.user, 'user');
    const permissions = user.permissions === undefined ? {} : a.object(user.permissions, 'user.permissions');
    return { roleName, canPush: permissions.push === true };
  }

  async teamMembers(team: string, logins: readonly string[]): Promise<Set<string>> {
    const [org, slug] = team.includes('/') ? (team.split('/', 2) as [string, string]) : [this.owner, team];
    try {
      await this.client.request('GET /orgs/{org}/teams/{team_slug}', { org, team_slug: slug });
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 404 || status === 403) {
        throw new GitHubApiError(
          `GitHub API /orgs/${org}/teams/${slug} answered ${status}: plangate cannot read team ${org}/${slug}, so it cannot tell who may approve; give plangate a token that can read organization members (a GitHub App with Members: read, or a PAT with read:org) in the github-token input, or fix the team name`,
          status,
        );
      }
      throw this.failure('GET /orgs/{org}/teams/{team_slug}', { org, team_slug: slug }, error);
    }
    const members = new Set<string>();
    for (const login of logins) {
      const route = 'GET /orgs/{org}/teams/{team_slug}/memberships/{username}';
      const params = { org, team_slug: slug, username: login };
      const data = await this.callOrMissing(route, params);
      if (data === undefined) continue;
      const state = this.answer(route, params).text(this.answer(route, params).object(data, '(answer)').state, 'state');
      if (state === 'active') members.add(login.toLowerCase());
    }
    return members;
  }

  async issueEvents(number: number): Promise<IssueEvent[]> {
    const route = 'GET /repos/{owner}/{repo}/issues/{issue_number}/events';
    const a = this.answer(route, { issue_number: number });
    return (await this.list(route, { issue_number: number })).map((item, i) => {
      const e = a.object(item, `[${i}]`);
      return {
        nodeId: a.text(e.node_id, `[${i}].node_id`),
        event: a.text(e.event, `[${i}].event`),
        actor: a.maybeIdentity(e.actor, `[${i}].actor`),
        // Checked where it matters: a bad time on an unrelated event must not stop the run.
        createdAt: typeof e.created_at === 'string' ? e.created_at : '',
        viaApp: e.performed_via_github_app === undefined ? undefined : e.performed_via_github_app !== null,
        ...(typeof e.label === 'object' && e.label !== null && typeof (e.label as { name?: unknown }).name === 'string' ? { label: (e.label as { name: string }).name } : {}),
      };
    });
  }

  /** A branch's whole activity: who pushed to it, and what made it point where it points now. */
  async refActivity(repository: string, ref: string): Promise<RefActivity[]> {
    const [owner, repo] = repository.split('/');
    const route = 'GET /repos/{owner}/{repo}/activity';
    const params = { owner, repo, ref: `refs/heads/${ref}`, direction: 'desc' };
    const a = this.answer(route, params);
    return (await this.list(route, params)).map((item, i) => {
      const e = a.object(item, `[${i}]`);
      return {
        before: a.string(e.before, `[${i}].before`),
        after: a.string(e.after, `[${i}].after`),
        timestamp: a.string(e.timestamp, `[${i}].timestamp`),
        type: a.text(e.activity_type, `[${i}].activity_type`),
        actor: a.maybeIdentity(e.actor ?? null, `[${i}].actor`),
      };
    });
  }

  async publicEmail(login: string): Promise<string | null> {
    const route = 'GET /users/{username}';
    const a = this.answer(route, { username: login });
    const user = a.object(await this.call(route, { username: login }), '(answer)');
    return user.email === null || user.email === undefined ? null : a.string(user.email, 'email');
  }

  /**
   * An email is verified on at most one account, and GitHub links every
   * commit with that email to it: the newest commit of the default branch
   * authored with the email names the account, if any.
   */
  async emailAccounts(email: string): Promise<EmailAccount[]> {
    const route = 'GET /repos/{owner}/{repo}/commits';
    const params = { author: email, per_page: 1 };
    const a = this.answer(route, params);
    const commits = a.list(await this.call(route, params), '(answer)');
    return commits.flatMap((item, i) => {
      const author = a.maybeIdentity(a.object(item, `[${i}]`).author ?? null, `[${i}].author`);
      return author ? [{ email, login: author.login, id: author.id }] : [];
    });
  }

  /**
   * Every open pull request, filtered by head: the commit's own pulls list
   * names only the merged one when the commit is on the default branch.
   */
  async openPullsWithHead(sha: string): Promise<OpenPull[]> {
    const route = 'GET /repos/{owner}/{repo}/pulls';
    const a = this.answer(route, { state: 'open' });
    return (await this.list(route, { state: 'open' })).flatMap((item, i) => {
      const p = a.object(item, `[${i}]`);
      const number = a.count(p.number, `[${i}].number`);
      const open = a.text(p.state, `[${i}].state`) === 'open';
      return open && a.sha(a.object(p.head, `[${i}].head`).sha, `[${i}].head.sha`) === sha ? [{ number, baseRef: a.text(a.object(p.base, `[${i}].base`).ref, `[${i}].base.ref`) }] : [];
    });
  }

  async fileAt(path: string, ref: string): Promise<string | undefined> {
    const route = 'GET /repos/{owner}/{repo}/contents/{+path}';
    const data = await this.callOrMissing(route, { path: urlPath(path), ref });
    if (data === undefined) return undefined;
    const where = `/repos/${this.owner}/${this.repo}/contents/${path} at ${ref.slice(0, 7)}`;
    // Only a 404 means "no such file"; a directory, symlink or a broken answer is not its absence.
    const kind = Array.isArray(data) ? 'a directory' : typeof data === 'object' && data !== null ? String((data as { type?: unknown }).type) : typeof data;
    if (kind !== 'file') throw new GitHubApiError(`GitHub API ${where} is not a file (${kind}): plangate cannot read it`);
    const { encoding, content, path: answered } = data as { encoding?: unknown; content?: unknown; path?: unknown };
    if (answered !== path) throw new GitHubApiError(`GitHub API ${where} answered for ${JSON.stringify(answered)}, another path: plangate cannot read it`);
    if (encoding !== 'base64' || typeof content !== 'string') throw new GitHubApiError(`GitHub API ${where} returned no inline content (a file over 1 MB?): plangate cannot read it`);
    return Buffer.from(content, 'base64').toString('utf8');
  }

  async entriesAt(path: string, ref: string): Promise<DirEntry[] | undefined> {
    const route = 'GET /repos/{owner}/{repo}/contents/{+path}';
    const data = await this.callOrMissing(route, { path: urlPath(path), ref });
    if (data === undefined) return undefined;
    const a = this.answer(route, { path, ref });
    return a.list(data, '(answer: a directory listing)').map((item, i) => {
      const e = a.object(item, `[${i}]`);
      const entry = { path: a.text(e.path, `[${i}].path`), type: a.text(e.type, `[${i}].type`) };
      // An entry of another directory means GitHub answered for another path.
      if (entry.path.slice(0, entry.path.lastIndexOf('/') + 1) !== (path === '' ? '' : `${path}/`)) a.fail(`[${i}].path`, `an entry of ${JSON.stringify(path || '/')}`, entry.path);
      return entry;
    });
  }

  async comments(number: number): Promise<IssueComment[]> {
    const route = 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments';
    const a = this.answer(route, { issue_number: number });
    return (await this.list(route, { issue_number: number })).map((item, i) => {
      const c = a.object(item, `[${i}]`);
      return { id: a.count(c.id, `[${i}].id`), body: typeof c.body === 'string' ? c.body : '', user: a.maybeIdentity(c.user, `[${i}].user`) };
    });
  }

  async createComment(number: number, body: string): Promise<number> {
    const route = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments';
    const a = this.answer(route, { issue_number: number });
    return a.count(a.object(await this.call(route, { issue_number: number, body }), '(answer)').id, 'id');
  }

  async updateComment(id: number, body: string): Promise<void> {
    await this.call('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', { comment_id: id, body });
  }

  async setStatus(sha: string, status: StatusInput): Promise<Identity | undefined> {
    const route = 'POST /repos/{owner}/{repo}/statuses/{sha}';
    const a = this.answer(route, { sha });
    const created = a.object(await this.call(route, { sha, ...status }), '(answer)');
    if (created.state !== status.state) a.fail('state', JSON.stringify(status.state), created.state);
    return created.creator === undefined || created.creator === null ? undefined : a.identity(created.creator, 'creator');
  }

  async statuses(sha: string): Promise<CommitStatus[]> {
    const route = 'GET /repos/{owner}/{repo}/commits/{ref}/statuses';
    const a = this.answer(route, { ref: sha });
    return (await this.list(route, { ref: sha })).map((item, i) => {
      const s = a.object(item, `[${i}]`);
      return {
        id: a.count(s.id, `[${i}].id`),
        state: a.text(s.state, `[${i}].state`),
        context: a.string(s.context, `[${i}].context`),
        creator: a.maybeIdentity(s.creator ?? null, `[${i}].creator`),
        createdAt: a.string(s.created_at, `[${i}].created_at`),
        targetUrl: typeof s.target_url === 'string' ? s.target_url : null,
      };
    });
  }
}

/** The commit a contents URL reads at: the `ref` GitHub appends to its end (a path can hold `?ref=` too). */
function refOf(a: Answer, url: unknown, field: string): string {
  return a.sha(/^https?:\/\/[^?#]*\?(?:.*&)?ref=([^&?#]*)$/.exec(a.text(url, field))?.[1] ?? null, `${field} ref`);
}

/** A repository path for a URL: each segment encoded, so `?`, `#` and `%` in a file name stay part of it. */
function urlPath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
