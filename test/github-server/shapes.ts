// JSON shapers: users, repositories, apps, labels, commits and pull requests
// as GitHub's REST objects.
import type { Ctx } from './context.js';
import { authorAssociation, commitParents, findUser, hashNumber, linkedUser, mustUser, nodeId, repoApi, repoHtml } from './context.js';
import { BASE_TIME, fakeSha, labelByName, mergeCommitSha, timeAt } from './state.js';
import type { FakeApp, FakeCommit, FakeFile, FakePull, FakeReview, FakeUser, GitHubState } from './types.js';

export function userJson(base: string, user: FakeUser): Record<string, unknown> {
  const api = `${base}/users/${encodeURIComponent(user.login)}`;
  const isBot = user.type === 'Bot';
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type, user.id),
    avatar_url: isBot ? `https://avatars.githubusercontent.com/in/${user.id}?v=4` : `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: isBot ? `https://github.com/apps/${user.login.replace(/\[bot\]$/, '')}` : `https://github.com/${user.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

export function userByLogin(ctx: Ctx, login: string): Record<string, unknown> {
  return userJson(ctx.base, mustUser(ctx.state, login));
}

export function ownerUser(state: GitHubState, login: string): FakeUser {
  return findUser(state, login) ?? { login, id: 9_000_000 + hashNumber(login, 999_999), type: login === state.org ? 'Organization' : 'User' };
}

/** URL templates every repository object carries, relative to its API URL. */
const REPO_URLS: Record<string, string> = {
  archive_url: '/{archive_format}{/ref}',
  assignees_url: '/assignees{/user}',
  blobs_url: '/git/blobs{/sha}',
  branches_url: '/branches{/branch}',
  collaborators_url: '/collaborators{/collaborator}',
  comments_url: '/comments{/number}',
  commits_url: '/commits{/sha}',
  compare_url: '/compare/{base}...{head}',
  contents_url: '/contents/{+path}',
  contributors_url: '/contributors',
  deployments_url: '/deployments',
  downloads_url: '/downloads',
  events_url: '/events',
  forks_url: '/forks',
  git_commits_url: '/git/commits{/sha}',
  git_refs_url: '/git/refs{/sha}',
  git_tags_url: '/git/tags{/sha}',
  hooks_url: '/hooks',
  issue_comment_url: '/issues/comments{/number}',
  issue_events_url: '/issues/events{/number}',
  issues_url: '/issues{/number}',
  keys_url: '/keys{/key_id}',
  labels_url: '/labels{/name}',
  languages_url: '/languages',
  merges_url: '/merges',
  milestones_url: '/milestones{/number}',
  notifications_url: '/notifications{?since,all,participating}',
  pulls_url: '/pulls{/number}',
  releases_url: '/releases{/id}',
  stargazers_url: '/stargazers',
  statuses_url: '/statuses/{sha}',
  subscribers_url: '/subscribers',
  subscription_url: '/subscription',
  tags_url: '/tags',
  teams_url: '/teams',
  trees_url: '/git/trees{/sha}',
};

/** The full `repository` object (pull request head/base, combined status, check suites). */
export function repositoryJson(ctx: Ctx, fullName: string): Record<string, unknown> {
  const { state } = ctx;
  const [owner = '', name = ''] = fullName.split('/');
  const isBase = fullName.toLowerCase() === `${state.repo.owner}/${state.repo.name}`.toLowerCase();
  const id = isBase ? state.repo.id : 800_000 + hashNumber(fullName, 99_999);
  const api = `${ctx.base}/repos/${owner}/${name}`;
  const html = `https://github.com/${fullName}`;
  const open = Object.values(state.pulls).filter((p) => p.state === 'open').length;
  return {
    id,
    node_id: nodeId('Repository', id),
    name,
    full_name: fullName,
    private: state.repo.private,
    owner: userJson(ctx.base, ownerUser(state, owner)),
    html_url: html,
    description: null,
    fork: !isBase,
    url: api,
    ...Object.fromEntries(Object.entries(REPO_URLS).map(([key, suffix]) => [key, `${api}${suffix}`])),
    created_at: timeAt(-60 * 24 * 365),
    updated_at: timeAt(-60),
    pushed_at: timeAt(0),
    git_url: `git://github.com/${fullName}.git`,
    ssh_url: `git@github.com:${fullName}.git`,
    clone_url: `${html}.git`,
    svn_url: html,
    homepage: null,
    size: 108,
    stargazers_count: 0,
    watchers_count: 0,
    language: 'HCL',
    has_issues: true,
    has_projects: false,
    has_downloads: true,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: open,
    license: null,
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [],
    visibility: state.repo.private ? 'private' : 'public',
    forks: 0,
    open_issues: open,
    watchers: 0,
    default_branch: state.repo.defaultBranch,
  };
}

export function labelJson(ctx: Ctx, name: string): Record<string, unknown> {
  const { id } = labelByName(ctx.state, name);
  return {
    id,
    node_id: nodeId('Label', id),
    url: `${repoApi(ctx)}/labels/${encodeURIComponent(name)}`,
    name,
    color: ctx.state.labelColors[name] ?? 'ededed',
    default: false,
    description: null,
  };
}

export function appJson(ctx: Ctx, app: FakeApp): Record<string, unknown> {
  return {
    id: app.id,
    slug: app.slug,
    node_id: nodeId('App', app.id),
    owner: userJson(ctx.base, ownerUser(ctx.state, app.owner ?? ctx.state.repo.owner)),
    name: app.name ?? app.slug,
    description: '',
    external_url: `https://github.com/apps/${app.slug}`,
    html_url: `https://github.com/apps/${app.slug}`,
    created_at: timeAt(-60 * 24 * 1000),
    updated_at: timeAt(-60 * 24 * 100),
    permissions: {},
    events: [],
  };
}

export function appBySlug(state: GitHubState, slug: string): FakeApp {
  return state.apps[slug] ?? { slug, id: 100_000 + hashNumber(slug, 899_999) };
}

export function commitJson(ctx: Ctx, commit: FakeCommit, pull?: FakePull): Record<string, unknown> {
  const { state } = ctx;
  const author = linkedUser(state, commit.authorLogin, commit.author.email);
  const committer = linkedUser(state, commit.committerLogin, commit.committer.email);
  const api = `${repoApi(ctx)}/commits/${commit.sha}`;
  return {
    sha: commit.sha,
    node_id: nodeId('Commit', commit.sha),
    commit: {
      author: { ...commit.author },
      committer: { ...commit.committer },
      message: commit.message,
      tree: { sha: fakeSha(`tree ${commit.sha}`), url: `${repoApi(ctx)}/git/trees/${fakeSha(`tree ${commit.sha}`)}` },
      url: `${repoApi(ctx)}/git/commits/${commit.sha}`,
      comment_count: 0,
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    },
    url: api,
    html_url: `${repoHtml(state)}/commit/${commit.sha}`,
    comments_url: `${api}/comments`,
    author: author ? userJson(ctx.base, author) : null,
    committer: committer ? userJson(ctx.base, committer) : null,
    parents: commitParents(pull, commit).map((sha) => ({ sha, url: `${repoApi(ctx)}/commits/${sha}`, html_url: `${repoHtml(state)}/commit/${sha}` })),
  };
}

export function pullJson(ctx: Ctx, pull: FakePull): Record<string, unknown> {
  const { state } = ctx;
  const baseName = `${state.repo.owner}/${state.repo.name}`;
  const api = `${repoApi(ctx)}/pulls/${pull.number}`;
  const issue = `${repoApi(ctx)}/issues/${pull.number}`;
  const html = `${repoHtml(state)}/pull/${pull.number}`;
  const headFull = pull.head.repoFullName === undefined ? baseName : pull.head.repoFullName;
  const headOwner = headFull ? (headFull.split('/')[0] as string) : pull.user;
  const merged = pull.merged ?? false;
  const updated = pull.updated_at ?? pull.created_at ?? BASE_TIME;
  const id = 1_000_000 + pull.number;
  const additions = pull.files.reduce((n, f) => n + (f.additions ?? 0), 0);
  const deletions = pull.files.reduce((n, f) => n + (f.deletions ?? 0), 0);
  return {
    url: api,
    id,
    node_id: nodeId('PullRequest', id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issue,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    user: userByLogin(ctx, pull.user),
    body: pull.body ?? null,
    created_at: pull.created_at ?? BASE_TIME,
    updated_at: updated,
    closed_at: pull.state === 'closed' ? updated : null,
    merged_at: merged ? updated : null,
    merge_commit_sha: merged ? mergeCommitSha(pull) : null,
    assignee: pull.assignees[0] ? userByLogin(ctx, pull.assignees[0]) : null,
    assignees: pull.assignees.map((login) => userByLogin(ctx, login)),
    requested_reviewers: (pull.requested_reviewers ?? []).map((login) => userByLogin(ctx, login)),
    requested_teams: [],
    labels: pull.labels.map((name) => labelJson(ctx, name)),
    milestone: null,
    draft: pull.draft,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    review_comment_url: `${repoApi(ctx)}/pulls/comments{/number}`,
    comments_url: `${issue}/comments`,
    statuses_url: `${repoApi(ctx)}/statuses/${pull.head.sha}`,
    head: {
      label: `${headOwner}:${pull.head.ref}`,
      ref: pull.head.ref,
      sha: pull.head.sha,
      user: userJson(ctx.base, ownerUser(state, headOwner)),
      repo: headFull ? repositoryJson(ctx, headFull) : null,
    },
    base: {
      label: `${state.repo.owner}:${pull.base.ref}`,
      ref: pull.base.ref,
      sha: pull.base.sha,
      user: userJson(ctx.base, ownerUser(state, state.repo.owner)),
      repo: repositoryJson(ctx, baseName),
    },
    _links: {
      self: { href: api },
      html: { href: html },
      issue: { href: issue },
      comments: { href: `${issue}/comments` },
      review_comments: { href: `${api}/comments` },
      review_comment: { href: `${repoApi(ctx)}/pulls/comments{/number}` },
      commits: { href: `${api}/commits` },
      statuses: { href: `${repoApi(ctx)}/statuses/${pull.head.sha}` },
    },
    author_association: authorAssociation(state, pull.user),
    auto_merge: null,
    active_lock_reason: null,
    merged,
    mergeable: pull.state === 'open' ? true : null,
    rebaseable: pull.state === 'open' ? true : null,
    mergeable_state: pull.state === 'open' ? (pull.draft ? 'draft' : 'clean') : 'unknown',
    merged_by: null,
    comments: pull.comments.length,
    review_comments: 0,
    maintainer_can_modify: pull.maintainerCanModify ?? false,
    commits: pull.commits.length,
    additions,
    deletions,
    changed_files: pull.changedFiles ?? pull.files.length,
  };
}

export function reviewJson(ctx: Ctx, pull: FakePull, review: FakeReview): Record<string, unknown> {
  const html = `${repoHtml(ctx.state)}/pull/${pull.number}#pullrequestreview-${review.id}`;
  const json: Record<string, unknown> = {
    id: review.id,
    node_id: nodeId('PullRequestReview', review.id),
    user: userByLogin(ctx, review.user),
    body: review.body ?? '',
    state: review.state,
    html_url: html,
    pull_request_url: `${repoApi(ctx)}/pulls/${pull.number}`,
    author_association: authorAssociation(ctx.state, review.user),
    _links: { html: { href: html }, pull_request: { href: `${repoApi(ctx)}/pulls/${pull.number}` } },
    commit_id: review.commit_id,
  };
  if (review.state !== 'PENDING') json.submitted_at = review.submitted_at ?? BASE_TIME;
  return json;
}

export function fileJson(ctx: Ctx, pull: FakePull, file: FakeFile): Record<string, unknown> {
  const additions = file.additions ?? 0;
  const deletions = file.deletions ?? 0;
  const path = file.filename.split('/').map(encodeURIComponent).join('/');
  const json: Record<string, unknown> = {
    sha: file.status === 'removed' ? fakeSha(`blob ${file.filename} ${pull.base.sha}`) : fakeSha(`blob ${file.filename} ${pull.head.sha}`),
    filename: file.filename,
    status: file.status,
    additions,
    deletions,
    changes: additions + deletions,
    blob_url: `${repoHtml(ctx.state)}/blob/${pull.head.sha}/${path}`,
    raw_url: `${repoHtml(ctx.state)}/raw/${pull.head.sha}/${path}`,
    contents_url: `${repoApi(ctx)}/contents/${path}?ref=${pull.head.sha}`,
  };
  if (file.patch !== undefined) json.patch = file.patch;
  if (file.previous_filename !== undefined) json.previous_filename = file.previous_filename;
  return json;
}
