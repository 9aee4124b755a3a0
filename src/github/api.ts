import type { CommitPerson, EmailAccount, Identity, LabelEvent, Permission, PullLabel, Review, UnreadableReview } from '../approval/types.js';

/**
 * The repository as the gate sees it: the one seam between plangate's
 * decisions and GitHub. `OctokitRepositoryApi` answers it from the REST and
 * GraphQL APIs; tests answer it from memory. Every list is read to its end
 * or the call fails; every answer is checked for shape before it is used.
 */
export interface RepositoryApi {
  readonly owner: string;
  readonly repo: string;
  /** The default branch and the commit it points at, in one read (the last `pull` read's, when there was one). */
  defaultBranchHead(): Promise<{ name: string; sha: string }>;
  /** The commit a branch points at; undefined when there is no such branch (404). */
  branchSha(branch: string): Promise<string | undefined>;
  /**
   * The pull request. Read with it, in one query: the default branch and the
   * first page of its changed files, commits, reviews and timeline, from which
   * changedFiles, commitPeople, reviews and timeline of the same pull request
   * go on (so they answer as of this read).
   */
  pull(number: number): Promise<PullRequest>;
  changedFiles(number: number): Promise<ChangedFile[]>;
  /** Authors, committers and co-authors of every commit, each commit's authors read to the end. */
  commitPeople(number: number): Promise<{ people: CommitPerson[]; listed: number; total: number }>;
  reviews(number: number): Promise<{ reviews: Review[]; unreadable: UnreadableReview[] }>;
  permission(login: string): Promise<Permission>;
  /** Active members of an org team among `logins`; the team must be readable, else the call fails. */
  teamMembers(team: string, logins: readonly string[]): Promise<Set<string>>;
  /** Reopenings, head and base force-pushes, head restores, retargets and assignments. */
  timeline(number: number): Promise<TimelineEvent[]>;
  /** Label events from REST: only REST says whether an app performed them. */
  issueEvents(number: number): Promise<IssueEvent[]>;
  /** Labeled and unlabeled events from the timeline, with label ids; whether an app did it is left to the REST events. */
  labelTimeline(number: number): Promise<TimelineLabelEvent[]>;
  /** Every push, force-push, creation and deletion of a branch of `repository` (owner/name). */
  refActivity(repository: string, ref: string): Promise<RefActivity[]>;
  /** The public email on a user's profile, or null. */
  publicEmail(login: string): Promise<string | null>;
  /** Accounts GitHub links to commits of the default branch authored with `email`. */
  emailAccounts(email: string): Promise<EmailAccount[]>;
  /**
   * Every open pull request whose head is `sha`, with its base: a commit
   * status cannot tell them apart, and a pull request not among them has
   * moved on from `sha`, been retargeted or closed.
   */
  openPullsWithHead(sha: string): Promise<OpenPull[]>;
  /** A file's text at a commit; undefined when GitHub answers 404. */
  fileAt(path: string, ref: string): Promise<string | undefined>;
  /** A directory's entries at a commit; undefined when GitHub answers 404. */
  entriesAt(path: string, ref: string): Promise<DirEntry[] | undefined>;
  comments(number: number): Promise<IssueComment[]>;
  createComment(number: number, body: string): Promise<number>;
  updateComment(id: number, body: string): Promise<void>;
  /** Posts a commit status; returns who GitHub says posted it. */
  setStatus(sha: string, status: StatusInput): Promise<Identity | undefined>;
  statuses(sha: string): Promise<CommitStatus[]>;
}

export interface PullRequest {
  number: number;
  state: string;
  author: Identity;
  headSha: string;
  headRef: string;
  /** owner/name of the head repository; null when a fork was deleted. */
  headRepo: string | null;
  /** Whether the base repository's maintainers may push to a fork's branch. */
  maintainerCanModify: boolean;
  baseSha: string;
  baseRef: string;
  labels: PullLabel[];
  commitCount: number;
  /** How many files the pull request changes (the files list stops at 3,000). */
  changedFiles: number;
  createdAt: string;
}

export interface ChangedFile {
  filename: string;
  status: string;
  previous?: string;
}

export interface DirEntry {
  path: string;
  /** file, dir, symlink or submodule. */
  type: string;
}

export interface IssueEvent {
  nodeId: string;
  event: string;
  actor: Identity | null;
  createdAt: string;
  /** performed_via_github_app; undefined when GitHub left the field out. */
  viaApp: boolean | undefined;
  /** The label's name as the event records it (labeled, unlabeled). */
  label?: string;
}

/** An open pull request as GitHub's list of them gives it. */
export interface OpenPull {
  number: number;
  baseRef: string;
}

/**
 * Timeline events that move the pull request to another base: a retarget by
 * someone, or by GitHub when the base was merged and deleted (a stacked pull
 * request), which the timeline never calls base_ref_changed.
 */
export const RETARGETS: ReadonlySet<string> = new Set(['base_ref_changed', 'automatic_base_change_succeeded']);

/** An event of the pull request's timeline (GraphQL), under REST's name for it: `reopened`, `assigned`, … */
export interface TimelineEvent {
  id: string;
  event: string;
  actor: Identity | null;
  createdAt: string;
  /** Who was assigned (assigned). */
  assignee?: Identity | null;
}

/** A labeled or unlabeled event as GitHub's GraphQL timeline gives it. */
export interface TimelineLabelEvent extends Omit<LabelEvent, 'viaApp' | 'doubt'> {
  /** When the label itself was last created or edited (a rename among edits); null when GitHub does not say. */
  labelEditedAt: string | null;
}

export interface RefActivity {
  before: string;
  after: string;
  timestamp: string;
  type: string;
  actor: Identity | null;
}

export interface IssueComment {
  id: number;
  body: string;
  user: Identity | null;
}

export type StatusState = 'success' | 'failure' | 'error' | 'pending';

export interface StatusInput {
  state: StatusState;
  context: string;
  description: string;
  target_url?: string;
}

export interface CommitStatus {
  id: number;
  state: string;
  context: string;
  creator: Identity | null;
  createdAt: string;
  targetUrl: string | null;
}

/**
 * A GitHub API call that failed after retries, that the token may not make,
 * or whose answer has the wrong shape: one line naming the call, what GitHub
 * said and what to fix. `status` is the HTTP status when there was one.
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
