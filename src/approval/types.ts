/** The facts about a pull request that decide who may approve it: gathered by src/github, judged here. */

export interface Identity {
  login: string;
  /** Numeric account id: compared together with the type, since GraphQL drops `[bot]` from logins. */
  id: number;
  /** `User`, `Bot`, `Organization`, … as the REST API reports it. */
  type: string;
}

/** Someone who wrote part of the change, as a commit names them. */
export interface CommitPerson {
  sha: string;
  role: 'author' | 'committer' | 'co-author';
  name: string;
  email: string;
  /** The account GitHub links the email to; absent when it links to none. */
  login?: string;
  id?: number;
}

export interface Review {
  id: number;
  reviewer: Identity;
  /** APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or PENDING. */
  state: string;
  /** The head SHA the review was given on. */
  commitId: string;
  submittedAt: string;
}

/** A review GitHub listed in a shape plangate cannot trust: it never counts, and it voids its author's approvals. */
export interface UnreadableReview {
  id: number | null;
  /** Null when not even the reviewer's id can be read: it may be anyone's, so it voids every approval. */
  reviewer: Identity | null;
  /** When it parses; an undated review may be the latest. */
  submittedAt?: string;
  problem: string;
}

/** A collaborator's role on the repository (`role_name`), or null when they are not a collaborator. */
export interface Permission {
  roleName: string | null;
  /** `user.permissions.push`: whether a custom role includes write. */
  canPush: boolean;
}

/** A label as it is on the pull request now; `id` is GitHub's node id, which survives a rename. */
export interface PullLabel {
  id: string;
  name: string;
}

/** A labeled or unlabeled event of the pull request's timeline. */
export interface LabelEvent {
  /** GitHub's node id of the event (the same in REST and GraphQL). */
  id: string;
  event: 'labeled' | 'unlabeled';
  /** Node id of the label: events are matched to the label on the pull request by id, never by name. */
  labelId: string;
  labelName: string;
  /** Null when GitHub cannot name who did it (a deleted account). */
  actor: Identity | null;
  createdAt: string;
  /** performed_via_github_app, from the REST event with the same node id. */
  viaApp: boolean;
  /** Why this event cannot credit anyone: GitHub's answers about it do not hold together. */
  doubt?: string;
}

/** A server-side time, or why plangate could not learn it. */
export type Moment = { at: string } | { unknown: string };

/** An account GitHub links to an email: through commits or the public profile. */
export interface EmailAccount {
  email: string;
  login: string;
  id: number;
}

export interface PullRequestFacts {
  number: number;
  author: Identity;
  /** The PR's head SHA now. */
  headSha: string;
  /** When the current head became this pull request's head (push, force-push, reopening or retargeting), for the override label. */
  headArrived: Moment;
  /** When the pull request was last retargeted to another base: approvals given before do not count. */
  retargeted?: Moment;
  /**
   * When the plan being decided was made, when it comes from another run (the
   * plan artifact's upload): an approval or label given before it saw another
   * plan of the same head (a plan run again after a reopening or a re-run).
   */
  planMade?: string;
  /** The labels on the pull request now. */
  labels: PullLabel[];
  /** Commits in the PR according to the PR, and how many the API listed. */
  commitCount: number;
  commitsListed: number;
  people: CommitPerson[];
  /** Who pushed to the head branch: each wrote the head as much as a commit author did. */
  pushers: Identity[];
  /** Why plangate cannot know every pusher (a fork it may not read): then no approval counts. */
  pushersUnknown?: string;
  /** Who assigned someone to the pull request: whoever assigned an agent asked it for the change. */
  assignments: Array<{ by: Identity; to: Identity }>;
  reviews: Review[];
  unreadableReviews: UnreadableReview[];
  /** For every login whose approval or label is weighed. */
  permissions: ReadonlyMap<string, Permission>;
  /** Members of the teams the matched rules name, among the people weighed. */
  teamMembers: ReadonlyMap<string, ReadonlySet<string>>;
  labelEvents: LabelEvent[];
  /** Accounts GitHub links to the agent emails, found outside the PR's commits. */
  emailAccounts: EmailAccount[];
}

export type GateDecision = 'pass' | 'approved' | 'overridden' | 'blocked' | 'error';

export interface Approver {
  login: string;
  id: number;
}

export interface ApprovalOutcome {
  decision: GateDecision;
  /** Qualifying approvers counted (on the current head). */
  approvedBy: Approver[];
  overriddenBy?: { login: string; at: string };
  /** What is still needed, one line each, for the comment. */
  missing: string[];
  /** Reviews and labels that did not count, and why. */
  ignored: string[];
  /** Why plangate could not decide, when the decision is `error`. */
  errors: string[];
}
