// An in-memory RepositoryApi: the seam between the gate and GitHub, answered
// from plain data so runGate, the facts and publishing can be tested without
// a server or a bundle. Shapes are what OctokitRepositoryApi returns after it
// has checked GitHub's answers (test/action covers that half end to end).
import type { CommitPerson, EmailAccount, Identity, Permission, Review, UnreadableReview } from '../../src/approval/types.js';
import {
  GitHubApiError,
  type ChangedFile,
  type CommitStatus,
  type DirEntry,
  type IssueComment,
  type IssueEvent,
  type PullRequest,
  type RefActivity,
  type RepositoryApi,
  type StatusInput,
  type TimelineEvent,
  type TimelineLabelEvent,
} from '../../src/github/api.js';

export const HEAD = 'a'.repeat(40);
export const BASE = 'b'.repeat(40);
export const MAIN = 'c'.repeat(40);
export const AT = (minutes: number) => new Date(Date.parse('2026-11-24T09:00:00Z') + minutes * 60_000).toISOString().replace(/\.000Z$/, 'Z');

export const ALICE: Identity = { login: 'dev-alice', id: 1, type: 'User' };
export const BOB: Identity = { login: 'ops-bob', id: 2, type: 'User' };
export const CAROL: Identity = { login: 'sec-carol', id: 3, type: 'User' };

export interface StubState {
  defaultBranch: string;
  branches: Record<string, string>;
  pull: PullRequest;
  files: ChangedFile[];
  people: CommitPerson[];
  /** Commits GitHub counts; defaults to the distinct SHAs of `people`. */
  commitTotal?: number;
  reviews: Review[];
  unreadable: UnreadableReview[];
  permissions: Record<string, Permission>;
  /** team → member logins (lower case). */
  teams: Record<string, string[]>;
  /** Reopenings, retargets, assignments, … (GraphQL's timeline). */
  timeline: TimelineEvent[];
  /** Label events as REST lists them. */
  issueEvents: IssueEvent[];
  labelTimeline: TimelineLabelEvent[];
  /** "owner/name:branch" → newest first. */
  activity: Record<string, RefActivity[]>;
  publicEmails: Record<string, string | null>;
  emailAccounts: Record<string, EmailAccount[]>;
  /** Other open pull requests with the head. */
  siblings: number[];
  /** sha → path → text. */
  contents: Record<string, Record<string, string>>;
  /** sha → directory → listing, instead of the one derived from `contents` (inconsistent answers). */
  listings: Record<string, Record<string, DirEntry[] | undefined>>;
  comments: IssueComment[];
  statuses: Array<StatusInput & { sha: string }>;
  /** Methods that throw this error instead of answering. */
  failing: Partial<Record<keyof RepositoryApi, Error>>;
}

export function stubState(over: Partial<StubState> = {}): StubState {
  return {
    defaultBranch: 'main',
    branches: { main: MAIN },
    pull: {
      number: 7,
      state: 'open',
      author: ALICE,
      headSha: HEAD,
      headRef: 'feature',
      headRepo: 'acme/infra',
      maintainerCanModify: false,
      baseSha: BASE,
      baseRef: 'main',
      labels: [],
      commitCount: 1,
      changedFiles: 1,
      createdAt: AT(-30),
    },
    files: [{ filename: 'README.md', status: 'modified' }],
    people: [
      { sha: HEAD, role: 'author', name: 'Dev Alice', email: 'alice@acme.test', login: 'dev-alice', id: 1 },
      { sha: HEAD, role: 'committer', name: 'Dev Alice', email: 'alice@acme.test', login: 'dev-alice', id: 1 },
    ],
    reviews: [],
    unreadable: [],
    permissions: { 'dev-alice': { roleName: 'write', canPush: true }, 'ops-bob': { roleName: 'maintain', canPush: true }, 'sec-carol': { roleName: 'admin', canPush: true } },
    teams: { platform: ['ops-bob', 'sec-carol'], security: ['sec-carol'] },
    timeline: [],
    issueEvents: [],
    labelTimeline: [],
    activity: { 'acme/infra:feature': [{ before: '0'.repeat(40), after: HEAD, timestamp: AT(0), type: 'branch_creation', actor: ALICE }] },
    publicEmails: {},
    emailAccounts: {},
    siblings: [],
    contents: { [MAIN]: { 'README.md': '# infra\n' }, [BASE]: { 'README.md': '# infra\n' }, [HEAD]: { 'README.md': '# infra, changed\n' } },
    listings: {},
    comments: [],
    statuses: [],
    failing: {},
    ...over,
  };
}

/** Adds an approval by `who` on the head. */
export function approve(state: StubState, who: Identity, minutes = 20): void {
  state.reviews.push({ id: state.reviews.length + 100, reviewer: who, state: 'APPROVED', commitId: state.pull.headSha, submittedAt: AT(minutes) });
}

/**
 * Puts a label (the override label by default) on the PR, or takes it off, by `who` at `minutes`,
 * in both the GraphQL timeline and the REST events. The label was created at -60 and not edited since.
 */
export function label(state: StubState, who: Identity | null, minutes = 30, options: { name?: string; id?: string; viaApp?: boolean; event?: 'labeled' | 'unlabeled' } = {}): void {
  const name = options.name ?? 'plangate-override';
  const id = options.id ?? `LA_${name}`;
  const event = options.event ?? 'labeled';
  const nodeId = `LE_${state.labelTimeline.length + 1}`;
  state.labelTimeline.push({ id: nodeId, event, labelId: id, labelName: name, labelEditedAt: AT(-60), actor: who, createdAt: AT(minutes) });
  state.issueEvents.push({ nodeId, event, actor: who, createdAt: AT(minutes), viaApp: options.viaApp ?? false, label: name });
  state.pull.labels = state.pull.labels.filter((l) => l.id !== id);
  if (event === 'labeled') state.pull.labels.push({ id, name });
}

export class StubRepositoryApi implements RepositoryApi {
  readonly owner = 'acme';
  readonly repo = 'infra';
  /** Every call, as `method(arguments)`. */
  readonly calls: string[] = [];

  constructor(readonly state: StubState) {}

  /** Records the call and throws what `failing` says, after a turn of the event loop as a request would. */
  private async called(method: keyof RepositoryApi, ...args: unknown[]): Promise<void> {
    await Promise.resolve();
    this.calls.push(`${method}(${args.map((a) => JSON.stringify(a)).join(', ')})`);
    const error = this.state.failing[method];
    if (error) throw error;
  }

  async defaultBranchHead() {
    await this.called('defaultBranchHead');
    const sha = this.state.branches[this.state.defaultBranch];
    if (sha === undefined) throw new GitHubApiError(`no commit on the default branch ${this.state.defaultBranch}`);
    return { name: this.state.defaultBranch, sha };
  }
  async branchSha(branch: string) {
    await this.called('branchSha', branch);
    return this.state.branches[branch];
  }
  async pull(number: number) {
    await this.called('pull', number);
    return structuredClone(this.state.pull);
  }
  async changedFiles(number: number) {
    await this.called('changedFiles', number);
    return structuredClone(this.state.files);
  }
  async commitPeople(number: number) {
    await this.called('commitPeople', number);
    const listed = new Set(this.state.people.map((p) => p.sha)).size;
    return { people: structuredClone(this.state.people), listed, total: this.state.commitTotal ?? listed };
  }
  async reviews(number: number) {
    await this.called('reviews', number);
    return { reviews: structuredClone(this.state.reviews), unreadable: structuredClone(this.state.unreadable) };
  }
  async permission(login: string) {
    await this.called('permission', login);
    return this.state.permissions[login] ?? { roleName: null, canPush: false };
  }
  async teamMembers(team: string, logins: readonly string[]) {
    await this.called('teamMembers', team, logins);
    const members = this.state.teams[team];
    if (!members) throw new GitHubApiError(`GitHub API /orgs/acme/teams/${team} answered 404: plangate cannot read team acme/${team}`, 404);
    return new Set(logins.map((l) => l.toLowerCase()).filter((l) => members.includes(l)));
  }
  async timeline(number: number) {
    await this.called('timeline', number);
    return structuredClone(this.state.timeline);
  }
  async issueEvents(number: number) {
    await this.called('issueEvents', number);
    return structuredClone(this.state.issueEvents);
  }
  async labelTimeline(number: number) {
    await this.called('labelTimeline', number);
    return structuredClone(this.state.labelTimeline);
  }
  async refActivity(repository: string, ref: string) {
    await this.called('refActivity', repository, ref);
    return structuredClone(this.state.activity[`${repository}:${ref}`] ?? []);
  }
  async publicEmail(login: string) {
    await this.called('publicEmail', login);
    return this.state.publicEmails[login] ?? null;
  }
  async emailAccounts(email: string) {
    await this.called('emailAccounts', email);
    return structuredClone(this.state.emailAccounts[email] ?? []);
  }
  /** The pull request while it is open at `sha`, and the siblings (into main). */
  async openPullsWithHead(sha: string) {
    await this.called('openPullsWithHead', sha);
    const { pull } = this.state;
    const self = pull.state === 'open' && pull.headSha === sha ? [{ number: pull.number, baseRef: pull.baseRef }] : [];
    return [...self, ...this.state.siblings.map((number) => ({ number, baseRef: 'main' }))];
  }
  async fileAt(path: string, ref: string) {
    await this.called('fileAt', path, ref);
    return this.state.contents[ref]?.[path];
  }
  async entriesAt(path: string, ref: string) {
    await this.called('entriesAt', path, ref);
    const override = this.state.listings[ref];
    if (override && path in override) return structuredClone(override[path]);
    const files = this.state.contents[ref];
    if (!files) return undefined;
    const prefix = path === '' ? '' : `${path}/`;
    const entries = new Map<string, DirEntry>();
    for (const file of Object.keys(files)) {
      if (!file.startsWith(prefix)) continue;
      const [first = '', ...rest] = file.slice(prefix.length).split('/');
      entries.set(`${prefix}${first}`, { path: `${prefix}${first}`, type: rest.length === 0 ? 'file' : 'dir' });
    }
    if (entries.size === 0 && path !== '') return undefined;
    return [...entries.values()].sort((a, b) => a.path.localeCompare(b.path));
  }
  async comments(number: number) {
    await this.called('comments', number);
    return structuredClone(this.state.comments);
  }
  async createComment(number: number, body: string) {
    await this.called('createComment', number);
    const id = 3000 + this.state.comments.length;
    this.state.comments.push({ id, body, user: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' } });
    return id;
  }
  async updateComment(id: number, body: string) {
    await this.called('updateComment', id);
    const comment = this.state.comments.find((c) => c.id === id);
    if (!comment) throw new GitHubApiError(`GitHub API /repos/acme/infra/issues/comments/${id} answered 404`, 404);
    comment.body = body;
  }
  async setStatus(sha: string, status: StatusInput) {
    await this.called('setStatus', sha, status.state);
    this.state.statuses.push({ sha, ...status });
    return { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };
  }
  async statuses(sha: string): Promise<CommitStatus[]> {
    await this.called('statuses', sha);
    return this.state.statuses
      .filter((s) => s.sha === sha)
      .reverse()
      .map((s, i) => ({ id: i + 1, state: s.state, context: s.context, creator: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' }, createdAt: AT(60), targetUrl: s.target_url ?? null }));
  }
}
