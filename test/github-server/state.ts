// Building state: deterministic SHAs and times, commits, the default state.
import { createHash } from 'node:crypto';
import type { FakeActivity, FakeCoAuthor, FakeCommit, FakeLabel, FakePull, FakeUser, GitHubState, GitIdentity, Login, TokenPermissions } from './types.js';

/** A deterministic 40-hex SHA from a seed. */
export function fakeSha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

export const BASE_TIME = '2024-05-01T12:00:00Z';

/** BASE_TIME plus `minutes`, as GitHub prints times (no milliseconds). */
export function timeAt(minutes: number): string {
  return new Date(Date.parse(BASE_TIME) + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const GITHUB_ACTIONS_BOT: FakeUser = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

/** Permissions of the GITHUB_TOKEN of a pull_request run from a fork: everything read-only. */
export const READ_ONLY_TOKEN_PERMISSIONS: TokenPermissions = {
  actions: 'read',
  checks: 'read',
  contents: 'read',
  issues: 'read',
  metadata: 'read',
  pull_requests: 'read',
  statuses: 'read',
};

export const DEFAULT_TOKEN_PERMISSIONS: TokenPermissions = {
  checks: 'read',
  contents: 'read',
  issues: 'write',
  metadata: 'read',
  pull_requests: 'write',
  statuses: 'write',
};

export const BASE_SHA = fakeSha('acme/infra base');
export const HEAD_SHA = fakeSha('acme/infra head');

/** A commit by `by` (a user of the state, or a bare identity), at BASE_TIME + `minutes`. */
export function makeCommit(options: { sha?: string; message?: string; by?: FakeUser | { name: string; email: string }; minutes?: number } & Partial<FakeCommit> = {}): FakeCommit {
  const { by, minutes = 0, ...rest } = options;
  const date = timeAt(minutes);
  const identity: GitIdentity = by && 'login' in by
    ? { name: by.name ?? by.login, email: by.email ?? `${by.id}+${by.login}@users.noreply.github.com`, date }
    : { name: by?.name ?? 'Dev Alice', email: by?.email ?? 'alice@acme.test', date };
  const commit: FakeCommit = {
    sha: options.sha ?? fakeSha(`commit ${options.message ?? ''} ${date} ${identity.email}`),
    message: options.message ?? 'Update infrastructure',
    author: identity,
    committer: { ...identity },
    ...rest,
  };
  if (by && 'login' in by && rest.authorLogin === undefined) commit.authorLogin = by.login;
  if (by && 'login' in by && rest.committerLogin === undefined) commit.committerLogin = by.login;
  return commit;
}

/** `count` commits by `by`, one minute apart, with distinct SHAs; the last one has SHA `lastSha` when given. */
export function makeCommits(count: number, by?: FakeUser, lastSha?: string): FakeCommit[] {
  return Array.from({ length: count }, (_, i) =>
    makeCommit({ sha: i === count - 1 && lastSha ? lastSha : fakeSha(`commit #${i} of ${count}`), message: `Change ${i + 1}`, by, minutes: i }),
  );
}

/**
 * A sensible default: repository acme/infra (private, org acme), PR #7 by dev-alice
 * (feature/cleanup → main, one commit HEAD_SHA on BASE_SHA), collaborators and
 * teams, token = github-actions[bot] with write access to issues, PRs and statuses.
 * `overrides` replace whole top-level keys.
 */
export function newState(overrides: Partial<GitHubState> = {}): GitHubState {
  const users: Record<Login, FakeUser> = {
    'dev-alice': { login: 'dev-alice', id: 1001, type: 'User', email: 'alice@acme.test', name: 'Dev Alice' },
    'ops-bob': { login: 'ops-bob', id: 1002, type: 'User', email: 'bob@acme.test', name: 'Ops Bob' },
    'sec-carol': { login: 'sec-carol', id: 1003, type: 'User', email: 'carol@acme.test', name: 'Sec Carol' },
    'outside-dave': { login: 'outside-dave', id: 1004, type: 'User', email: 'dave@example.test', name: 'Outside Dave' },
    acme: { login: 'acme', id: 9001, type: 'Organization' },
    'github-actions[bot]': { ...GITHUB_ACTIONS_BOT },
    'dependabot[bot]': { login: 'dependabot[bot]', id: 49699333, type: 'Bot' },
  };
  const alice = users['dev-alice'] as FakeUser;
  const pull: FakePull = {
    number: 7,
    state: 'open',
    draft: false,
    title: 'Remove the legacy bucket',
    body: 'Cleans up resources that are no longer used.',
    user: 'dev-alice',
    head: { sha: HEAD_SHA, ref: 'feature/cleanup', repoFullName: 'acme/infra' },
    base: { sha: BASE_SHA, ref: 'main' },
    labels: [],
    commits: [makeCommit({ sha: HEAD_SHA, message: 'Remove the legacy bucket', by: alice, minutes: 0 })],
    reviews: [],
    files: [{ filename: 'main.tf', status: 'modified', additions: 1, deletions: 12 }],
    events: [],
    comments: [],
    assignees: [],
    created_at: timeAt(-10),
    updated_at: timeAt(0),
  };
  return {
    token: 'ghs_fake0000000000000000000000000000000',
    repo: { owner: 'acme', name: 'infra', private: true, defaultBranch: 'main', id: 700007 },
    org: 'acme',
    users,
    authenticatedAs: { ...GITHUB_ACTIONS_BOT },
    pulls: { 7: pull },
    commitsBySha: {},
    branches: { main: BASE_SHA, 'feature/cleanup': HEAD_SHA },
    history: [makeCommit({ sha: BASE_SHA, message: 'Add the legacy bucket', by: users['ops-bob'], minutes: -60 })],
    activity: {},
    collaborators: { 'dev-alice': 'write', 'ops-bob': 'maintain', 'sec-carol': 'admin' },
    customRoles: {},
    teams: {
      platform: { members: ['ops-bob', 'sec-carol'], visible: true, id: 31 },
      security: { members: ['sec-carol'], maintainers: ['sec-carol'], visible: true, id: 32 },
    },
    contents: {
      [BASE_SHA]: { 'README.md': '# infra\n', 'main.tf': 'resource "aws_s3_bucket" "legacy" {}\n' },
      [HEAD_SHA]: { 'README.md': '# infra\n', 'main.tf': '# legacy bucket removed\n' },
    },
    statuses: {},
    checkSuites: {},
    apps: {
      'github-actions': { slug: 'github-actions', id: 15368, name: 'GitHub Actions', owner: 'github' },
      dependabot: { slug: 'dependabot', id: 29110, name: 'Dependabot', owner: 'github' },
    },
    tokenPermissions: { ...DEFAULT_TOKEN_PERMISSIONS },
    labelColors: {},
    ...overrides,
  };
}

/** A merged pull request's merge commit. */
export function mergeCommitSha(pull: FakePull): string {
  return pull.mergeCommitSha ?? fakeSha(`merge ${pull.number}`);
}

/** `Co-authored-by: Name <email>` trailers. */
export function parseCoAuthors(message: string): FakeCoAuthor[] {
  return [...message.matchAll(/^co-authored-by:\s*(.*?)\s*<([^>\s]+)>\s*$/gim)].map((m) => ({ name: m[1] ?? '', email: m[2] ?? '' }));
}

/**
 * Records a push (or `type`) to `ref` of `repo` (default the state's repository;
 * a fork's full name works too), as GET …/activity lists it.
 */
export function recordPush(
  state: GitHubState,
  options: { repo?: string; ref: string; before: string; after: string; at: string; actor: Login | null; type?: FakeActivity['activity_type'] },
): FakeActivity {
  const repo = options.repo ?? `${state.repo.owner}/${state.repo.name}`;
  const list = (state.activity[repo] ??= []);
  const id = 1_000_000_000 + Object.values(state.activity).reduce((n, l) => n + l.length, 0) + 1;
  const activity: FakeActivity = {
    id,
    before: options.before,
    after: options.after,
    ref: options.ref.startsWith('refs/') ? options.ref : `refs/heads/${options.ref}`,
    timestamp: options.at,
    activity_type: options.type ?? 'push',
    actor: options.actor,
  };
  list.push(activity);
  // GitHub Actions' check suite arrives with the first push of a commit, and only the first.
  state.checkSuites[options.after] ??= [{ id: 9_000 + id % 1000, created_at: options.at, app_slug: 'github-actions' }];
  return activity;
}

/** The repository label called `name` now: from `state.labels`, else one created long ago with an id derived from the name. */
export function labelByName(state: GitHubState, name: string): FakeLabel {
  const found = (state.labels ?? []).find((l) => l.name.toLowerCase() === name.toLowerCase());
  if (found) return found;
  const id = 5_000_000 + (parseInt(createHash('sha1').update(name).digest('hex').slice(0, 8), 16) % 999_999);
  return { id, name, created_at: timeAt(-60 * 24 * 30), updated_at: timeAt(-60 * 24 * 30) };
}

/** The label with this id now, if any. */
export function labelById(state: GitHubState, id: number): FakeLabel | undefined {
  return (state.labels ?? []).find((l) => l.id === id);
}

/**
 * Renames a repository label at BASE_TIME + `minutes`, as a user with write access can: every pull
 * request carrying it shows the new name; issue events keep the name the label had then.
 */
export function renameLabel(state: GitHubState, from: string, to: string, minutes: number): void {
  const label = labelByName(state, from);
  state.labels = [...(state.labels ?? []).filter((l) => l.id !== label.id), { ...label, name: to, updated_at: timeAt(minutes) }];
  for (const pull of Object.values(state.pulls)) pull.labels = pull.labels.map((l) => (l.toLowerCase() === from.toLowerCase() ? to : l));
}
