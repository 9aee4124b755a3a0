// The fake's in-memory model of one repository on GitHub, which tests mutate
// between runs, and the server's public interface.
import type { IncomingHttpHeaders } from 'node:http';

export type Login = string;

export interface FakeUser {
  login: string;
  id: number;
  type: 'User' | 'Bot' | 'Organization';
  /** Primary email: commits with this author/committer email link to this account. */
  email?: string;
  /** The public profile email (GET /users/{username} `email`); null or absent = not public. */
  publicEmail?: string | null;
  name?: string;
}

export interface GitIdentity {
  name: string;
  email: string;
  /** ISO 8601. */
  date: string;
}

export interface FakeCoAuthor {
  name: string;
  email: string;
  /** The account the email links to; null = linked to none; absent = looked up by email in `users`. */
  login?: Login | null;
}

export interface FakeCommit {
  sha: string;
  message: string;
  author: GitIdentity;
  committer: GitIdentity;
  /** The account the author email links to; null = none (REST `author: null`); absent = looked up by email. */
  authorLogin?: Login | null;
  committerLogin?: Login | null;
  /** Co-authors as GitHub resolves them; absent = parsed from `Co-authored-by:` trailers of the message. */
  coAuthors?: FakeCoAuthor[];
  /** Parent SHAs; absent = the previous commit of the pull request (or its base SHA for the first). */
  parents?: string[];
}

export type ActivityType = 'push' | 'force_push' | 'branch_creation' | 'branch_deletion' | 'pr_merge' | 'merge_queue_merge';

export interface FakeActivity {
  id: number;
  before: string;
  after: string;
  /** Full ref, refs/heads/…. */
  ref: string;
  /** ISO 8601. */
  timestamp: string;
  activity_type: ActivityType;
  actor: Login | null;
}

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

export interface FakeReview {
  id: number;
  user: Login;
  state: ReviewState;
  commit_id: string;
  /** Absent for PENDING reviews, as on GitHub. */
  submitted_at?: string;
  body?: string;
}

export interface FakeApp {
  slug: string;
  id: number;
  name?: string;
  /** Owner login (defaults to the repository owner; "github" for github-actions). */
  owner?: Login;
}

export interface FakeIssueEvent {
  id: number;
  /** labeled, unlabeled, review_requested, assigned, head_ref_force_pushed, ... */
  event: string;
  /** null: a deleted account ("ghost"), as GitHub sends it. */
  actor: Login | null;
  /** The label's name when the event happened (REST keeps it); `id` names the label through renames (default: the label now called `name`). */
  label?: { name: string; color?: string; id?: number };
  created_at: string;
  performed_via_github_app?: FakeApp | null;
  commit_id?: string | null;
  /** Extra event-specific fields, copied as they are (e.g. `requested_reviewer`, already shaped). */
  extra?: Record<string, unknown>;
}

export interface FakeLabel {
  id: number;
  name: string;
  created_at: string;
  updated_at: string;
}

export interface FakeComment {
  id: number;
  user: Login;
  body: string;
  created_at: string;
  updated_at?: string;
  performed_via_github_app?: FakeApp | null;
  /** Who last edited it (GraphQL `editor`); absent = never edited, null = an account since deleted. Anyone with write access may edit anyone's comment. */
  editor?: Login | null;
}

export type FileStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';

export interface FakeFile {
  filename: string;
  status: FileStatus;
  previous_filename?: string;
  additions?: number;
  deletions?: number;
  patch?: string;
}

export interface FakePull {
  number: number;
  state: 'open' | 'closed';
  draft: boolean;
  title: string;
  body?: string | null;
  user: Login;
  /** repoFullName: "owner/name" of the head repository; differs from the base for a fork; null = the fork was deleted. */
  head: { sha: string; ref: string; repoFullName?: string | null };
  base: { sha: string; ref: string };
  labels: string[];
  commits: FakeCommit[];
  reviews: FakeReview[];
  files: FakeFile[];
  /** The PR's file count when it is larger than `files` (a test of more than the 3,000 files GitHub lists). */
  changedFiles?: number;
  events: FakeIssueEvent[];
  comments: FakeComment[];
  assignees: Login[];
  requested_reviewers?: Login[];
  merged?: boolean;
  /** "Allow edits by maintainers" (REST maintainer_can_modify); default false. */
  maintainerCanModify?: boolean;
  /** The merge commit of a merged pull request (default: fakeSha(`merge N`)). */
  mergeCommitSha?: string;
  created_at?: string;
  updated_at?: string;
}

export interface FakeStatus {
  id: number;
  state: 'error' | 'failure' | 'pending' | 'success';
  context: string;
  description?: string | null;
  target_url?: string | null;
  created_at: string;
  updated_at?: string;
  creator: Login;
}

export interface FakeCheckSuite {
  id: number;
  created_at: string;
  app_slug: string;
  status?: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
  conclusion?: 'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required' | 'stale' | null;
  head_branch?: string | null;
}

export interface FakeTeam {
  /** Active members (maintainers included or not: `maintainers` are members too). */
  members: Login[];
  /** false: the token cannot see the team (no org Members permission), so every team endpoint answers 404. */
  visible: boolean;
  maintainers?: Login[];
  /** Invited, not yet accepted: membership state "pending". */
  pending?: Login[];
  id?: number;
  name?: string;
  privacy?: 'closed' | 'secret';
}

export type BaseRole = 'read' | 'triage' | 'write' | 'maintain' | 'admin';
export type PermissionLevel = 'none' | 'read' | 'write';
export type PermissionScope = 'actions' | 'checks' | 'contents' | 'issues' | 'metadata' | 'pull_requests' | 'statuses';
/** The token's repository permissions; a scope left out is "none" (metadata is always readable). */
export type TokenPermissions = Partial<Record<PermissionScope, PermissionLevel>>;

/** A workflow file of the repository (GET …/actions/workflows/{workflow_id}, by id or file name). */
export interface FakeWorkflow {
  id: number;
  name: string;
  /** `.github/workflows/plan.yml`. */
  path: string;
  state?: 'active' | 'deleted' | 'disabled_fork' | 'disabled_inactivity' | 'disabled_manually';
}

export type RunStatus = 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
export type RunConclusion = 'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required' | 'stale';

export interface FakeWorkflowRun {
  id: number;
  workflowId: number;
  runNumber: number;
  runAttempt?: number;
  event: string;
  status: RunStatus;
  conclusion: RunConclusion | null;
  headSha: string;
  headBranch: string;
  /** owner/name the run's commit came from (a fork's for a fork pull request); default the state's repository. */
  headRepo?: string;
  /** The path as GitHub reports it; default the workflow's path. */
  path?: string;
  actor: Login;
  created_at: string;
}

export interface FakeArtifact {
  id: number;
  runId: number;
  name: string;
  /** The zip GET …/artifacts/{id}/zip redirects to. */
  zip: Buffer;
  /** size_in_bytes as listed; default the zip's length. */
  size?: number;
  expired?: boolean;
  /** Deleted or expired although listed as not: the download answers 410. */
  gone?: boolean;
  created_at: string;
  /** workflow_run.head_sha as listed; default the run's. */
  headSha?: string;
}

export interface GitHubState {
  /** The only token accepted (as `token X` or `Bearer X`). */
  token: string;
  repo: { owner: string; name: string; private: boolean; defaultBranch: string; id: number };
  org: string;
  users: Record<Login, FakeUser>;
  /** Who the token is: user/creator of what it creates. */
  authenticatedAs: FakeUser;
  pulls: Record<number, FakePull>;
  /** Commits known outside pull requests (for statuses, check suites, contents). */
  commitsBySha: Record<string, FakeCommit>;
  /** Branch name → SHA (pull request head/base refs are known without this). */
  branches: Record<string, string>;
  /** Protected branch names (GET …/branches/{branch} `protected`). */
  protectedBranches?: string[];
  /** The default branch's history, newest first (GET …/commits). */
  history: FakeCommit[];
  /** Repository activity (GET /repos/{owner}/{repo}/activity) by full name "owner/name": a fork's too. */
  activity: Record<string, FakeActivity[]>;
  /** login → role_name: read | triage | write | maintain | admin | a custom role name (see customRoles). */
  collaborators: Record<Login, string>;
  /** Custom role name → the base role it extends. */
  customRoles: Record<string, BaseRole>;
  teams: Record<string, FakeTeam>;
  /** SHA → path → file text. */
  contents: Record<string, Record<string, string>>;
  statuses: Record<string, FakeStatus[]>;
  checkSuites: Record<string, FakeCheckSuite[]>;
  /** GitHub Apps by slug (ids for check suites and performed_via_github_app). */
  apps: Record<string, FakeApp>;
  tokenPermissions: TokenPermissions;
  labelColors: Record<string, string>;
  /** Repository labels that were created or edited in a test (renamed, say); any other name is a label created long ago. */
  labels?: FakeLabel[];
  /** GitHub Actions: workflows, their runs and the runs' artifacts. */
  workflows?: FakeWorkflow[];
  workflowRuns?: FakeWorkflowRun[];
  artifacts?: FakeArtifact[];
  /** Clock for what the server creates; defaults to the real time. */
  now?: () => string;
}

export interface RecordedRequest {
  method: string;
  /** The path as requested (may be the /repositories/{id}/… form taken from a Link header). */
  path: string;
  /** The same path in /repos/{owner}/{repo}/… form. */
  route: string;
  query: Record<string, string>;
  body: unknown;
  headers: IncomingHttpHeaders;
  /** Status answered (set once answered). */
  status?: number;
  /** For POST /graphql. */
  graphql?: { query: string; variables: Record<string, unknown> };
}

export interface Fault {
  method?: string;
  /** A string matches the path exactly (without query), in either its /repos/… or /repositories/{id}/… form. */
  path: RegExp | string;
  status: number;
  /** How many matching requests get this answer (default 1). */
  times?: number;
  /** How many matching requests pass before the fault starts answering (default 0). */
  after?: number;
  /** Only requests whose parsed JSON body this accepts (a status write of one state, say). */
  bodyMatches?: (body: unknown) => boolean;
  /** An object is sent as JSON; a string as it is. */
  body?: unknown;
  /** GraphQL only, instead of `body`: the fake's own answer, changed by `edit` (an answer GitHub could give, but inconsistent or malformed). */
  edit?: (answer: Record<string, unknown>) => unknown;
  /** Evaluated when the answer is sent (so a reset time is relative to then). */
  headers?: Record<string, string> | (() => Record<string, string>);
  contentType?: string;
  /** Wait before answering. */
  delayMs?: number;
  /** Destroy the connection instead of answering (a network error for the client). */
  reset?: boolean;
}

/**
 * Something that happens on GitHub right after a matching request is
 * answered, once: a push or a retarget while plangate is reading.
 */
export interface Happening {
  method?: string;
  /** As a fault's path. */
  path: RegExp | string;
  bodyMatches?: (body: unknown) => boolean;
  /** How many matching requests pass before it happens (default 0). */
  after?: number;
  then: (state: GitHubState) => void;
}

export interface GitHubServer {
  url: string;
  graphqlUrl: string;
  state: GitHubState;
  requests: RecordedRequest[];
  faults: Fault[];
  happenings: Happening[];
  /** Where an exchange departed from GitHub's OpenAPI description or GraphQL schema, one line each. */
  violations: string[];
  /** How many exchanges were checked against the OpenAPI description (rest) and the GraphQL schema (graphql). */
  checked: { rest: number; graphql: number };
  close(): Promise<void>;
}
