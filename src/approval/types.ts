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

/** A collaborator's role on the repository (`role_name`), or null when they are not a collaborator. */
export interface Permission {
  roleName: string | null;
  /** `user.permissions.push`: whether a custom role includes write. */
  canPush: boolean;
}

export interface LabelEvent {
  id: number;
  event: 'labeled' | 'unlabeled';
  label: string;
  actor: Identity;
  createdAt: string;
  /** Set when the event came through a GitHub App (performed_via_github_app): never a human's act. */
  viaApp: boolean;
}

export interface PullRequestFacts {
  number: number;
  author: Identity;
  /** The PR's head SHA now. */
  headSha: string;
  /** When the head commit reached GitHub (server time), for the override label. */
  headPushedAt: string;
  labels: string[];
  /** Commits in the PR according to the PR, and how many the API listed. */
  commitCount: number;
  commitsListed: number;
  people: CommitPerson[];
  reviews: Review[];
  /** For every login whose approval or label is weighed. */
  permissions: ReadonlyMap<string, Permission>;
  /** Members of the teams the matched rules name, among the people weighed. */
  teamMembers: ReadonlyMap<string, ReadonlySet<string>>;
  labelEvents: LabelEvent[];
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
