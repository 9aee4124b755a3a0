import type { Finding } from '../analysis/types.js';
import type { Approvers, Rule } from '../rules/types.js';
import { AuthoringIdentity } from './identity.js';
import { isTime } from './time.js';
import type { ApprovalOutcome, Approver, Identity, Permission, PullRequestFacts, Review, UnreadableReview } from './types.js';

export interface ApprovalInput {
  /** What needs approving; an empty list needs nothing. */
  findings: readonly Finding[];
  /** The rule set's rules, to read each matched rule's approvers. */
  rules: readonly Rule[];
  facts: PullRequestFacts;
  overrideLabel: string;
  agentIdentities?: readonly string[];
}

const WRITE_ROLES = new Set(['write', 'maintain', 'admin']);
const READ_ROLES = new Set(['read', 'triage', 'none']);

/**
 * Decides from the findings and the pull request's facts: approved when
 * every finding has enough distinct qualifying humans on the current head,
 * overridden when a qualifying human added the override label after the last
 * push, else blocked. Facts that cannot be trusted (unlinked commit authors,
 * more commits than the API lists) make it an error. Pure.
 */
export function decideApproval({ findings, rules, facts, overrideLabel, agentIdentities = [] }: ApprovalInput): ApprovalOutcome {
  const outcome: ApprovalOutcome = { decision: 'blocked', approvedBy: [], missing: [], ignored: [], errors: [] };
  if (findings.length === 0) return { ...outcome, decision: 'pass' };

  const identity = new AuthoringIdentity(facts, agentIdentities);
  if (facts.commitsListed < facts.commitCount) {
    outcome.errors.push(
      `the pull request has ${facts.commitCount} commits but GitHub lists only ${facts.commitsListed}, so plangate cannot see who wrote the rest: split it into pull requests of at most 250 commits`,
    );
  }
  for (const person of uniqueBy(identity.unlinked(facts.people), (p) => p.email.toLowerCase())) {
    outcome.errors.push(
      `commit ${person.sha.slice(0, 7)} has ${person.role} ${person.name} <${person.email}>, an email linked to no GitHub account, so plangate cannot tell whether an approver wrote it: commit with an email of the account (or add the email to it)`,
    );
  }
  if (outcome.errors.length > 0) return { ...outcome, decision: 'error' };

  const byName = new Map(rules.map((rule) => [rule.name, rule]));
  const qualifies = (who: Identity): string | undefined => identity.excludes(who) ?? roleProblem(who, facts.permissions.get(who.login));

  const candidates: Identity[] = [];
  for (const unreadable of facts.unreadableReviews) {
    const who = unreadable.reviewer ? ` by @${unreadable.reviewer.login}` : ' by a reviewer plangate cannot read';
    outcome.ignored.push(`a review${unreadable.id === null ? '' : ` (id ${unreadable.id})`}${who} does not count: ${unreadable.problem}`);
  }
  for (const review of latestReviews(facts.reviews)) {
    if (review.state !== 'APPROVED') continue;
    const problem =
      review.commitId !== facts.headSha
        ? `it was given on ${review.commitId.slice(0, 7)}, not on the current head ${facts.headSha.slice(0, 7)}`
        : (facts.pushersUnknown ?? retargetProblem(review, facts) ?? planProblem(review.submittedAt, facts, 'it was given') ?? voidedBy(review, facts.unreadableReviews) ?? qualifies(review.reviewer));
    if (problem) outcome.ignored.push(`approval by @${review.reviewer.login} does not count: ${problem}`);
    else candidates.push(review.reviewer);
  }

  const counted = new Map<number, Approver>();
  const shortfalls = new Map<string, string[]>();
  for (const finding of findings) {
    const sets = approverSets(finding, byName);
    const approvers = candidates.filter((who) => sets.every((set) => inSet(who, set, facts.teamMembers)));
    for (const who of approvers.slice(0, finding.approvals)) counted.set(who.id, { login: who.login, id: who.id });
    if (approvers.length < finding.approvals) {
      const need = `${finding.approvals - approvers.length} more approval${finding.approvals - approvers.length === 1 ? '' : 's'} (${approvers.length} of ${finding.approvals}) from ${describeSets(sets)}`;
      shortfalls.set(need, [...(shortfalls.get(need) ?? []), finding.address]);
    }
  }
  if (shortfalls.size === 0) return { ...outcome, decision: 'approved', approvedBy: [...counted.values()] };

  const override = overrideBy(facts, overrideLabel, (who) => qualifies(who) ?? setsProblem(who, findings, byName, facts.teamMembers), outcome.ignored);
  if (override && 'error' in override) return { ...outcome, decision: 'error', errors: [override.error], approvedBy: [...counted.values()] };
  if (override) return { ...outcome, decision: 'overridden', overriddenBy: override, approvedBy: [...counted.values()] };

  for (const [need, addresses] of shortfalls) {
    const shown = addresses.slice(0, 3).join(', ');
    outcome.missing.push(`${need}, for ${shown}${addresses.length > 3 ? ` and ${addresses.length - 3} more` : ''}`);
  }
  return { ...outcome, approvedBy: [...counted.values()] };
}

/** Each reviewer's latest review that is not a plain comment: a later change request or dismissal withdraws an approval. */
function latestReviews(reviews: readonly Review[]): Review[] {
  const latest = new Map<number, Review>();
  const ordered = [...reviews].sort((a, b) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt) || a.id - b.id);
  for (const review of ordered) {
    if (review.state === 'COMMENTED' || review.state === 'PENDING') continue;
    latest.set(review.reviewer.id, review);
  }
  return [...latest.values()];
}

/** `role_name` decides; the legacy `permission` maps maintain to write and triage to read. A custom role counts when it includes push. */
function roleProblem(who: Identity, permission: Permission | undefined): string | undefined {
  if (permission === undefined) return `plangate could not read ${who.login}'s role`;
  const role = permission.roleName;
  if (role === null) return `${who.login} is not a collaborator of the repository`;
  if (WRITE_ROLES.has(role)) return undefined;
  if (!READ_ROLES.has(role) && permission.canPush) return undefined;
  return `${who.login}'s role is ${role}, not write, maintain or admin`;
}

/** The approver sets of the rules a finding matched; a rule without approvers accepts anyone qualifying. */
function approverSets(finding: Finding, rules: ReadonlyMap<string, Rule>): Approvers[] {
  return finding.rules.map((name) => rules.get(name)?.approvers).filter((set): set is Approvers => set !== undefined && (set.teams.length > 0 || set.users.length > 0));
}

function inSet(who: Identity, set: Approvers, teams: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  const login = who.login.toLowerCase();
  return set.users.some((u) => u.toLowerCase() === login) || set.teams.some((team) => teams.get(team)?.has(login) === true);
}

function describeSets(sets: readonly Approvers[]): string {
  if (sets.length === 0) return 'anyone with write access who did not author the change';
  return sets
    .map((set) => [...set.teams.map((t) => `team ${t}`), ...set.users.map((u) => `@${u}`)].join(' or '))
    .map((text) => (sets.length > 1 ? `(${text})` : text))
    .join(' and ');
}

function setsProblem(who: Identity, findings: readonly Finding[], rules: ReadonlyMap<string, Rule>, teams: ReadonlyMap<string, ReadonlySet<string>>): string | undefined {
  const outside = findings.find((f) => !approverSets(f, rules).every((set) => inSet(who, set, teams)));
  return outside ? `${who.login} is not among the approvers of ${outside.address} (${describeSets(approverSets(outside, rules))})` : undefined;
}

/**
 * A review GitHub listed but plangate could not read may be this reviewer's
 * latest word (a change request, a dismissal): unless it is dated before the
 * approval, the approval does not count.
 */
function voidedBy(approval: Review, unreadable: readonly UnreadableReview[]): string | undefined {
  const later = unreadable.find(
    (u) => (u.reviewer === null || u.reviewer.id === approval.reviewer.id) && !(u.submittedAt !== undefined && Date.parse(u.submittedAt) < Date.parse(approval.submittedAt)),
  );
  if (!later) return undefined;
  return later.reviewer ? `a later or undated review by ${approval.reviewer.login} could not be read` : 'a later or undated review by a reviewer plangate cannot read may be theirs';
}

/** An approval is of the pull request as it was: after a retarget, the diff and the plan are another base's. */
function retargetProblem(approval: Review, facts: PullRequestFacts): string | undefined {
  if (facts.retargeted === undefined) return undefined;
  if (!('at' in facts.retargeted)) return `the pull request was retargeted, and ${facts.retargeted.unknown}`;
  return Date.parse(approval.submittedAt) <= Date.parse(facts.retargeted.at) ? `it was given before the pull request was retargeted to its base at ${facts.retargeted.at}; approve again` : undefined;
}

/**
 * An approval is of the plan it saw: the same head can be planned again (a
 * reopening or a re-run starts the plan workflow anew) and the plan can then
 * lose more, so one given before the decided plan was made does not count.
 */
function planProblem(at: string, facts: PullRequestFacts, what: string): string | undefined {
  if (facts.planMade === undefined) return undefined;
  if (!isTime(facts.planMade) || !isTime(at)) return `${what} at ${at}, and plangate cannot tell whether that was after the plan being decided was made (${JSON.stringify(facts.planMade)})`;
  return Date.parse(at) <= Date.parse(facts.planMade) ? `${what} before the plan being decided was made (${facts.planMade}), so it saw another plan; approve again` : undefined;
}

/**
 * The override label counts only while it is on the PR, and only through the
 * event that last put it there: the label is matched by its id (a renamed
 * label is another label), its whole labeled/unlabeled history is walked in
 * order, and that event must be by a qualifying human, not through an app,
 * after the current head arrived on the PR (a push needs a new label).
 */
function overrideBy(
  facts: PullRequestFacts,
  label: string,
  problemOf: (who: Identity) => string | undefined,
  ignored: string[],
): { login: string; at: string } | { error: string } | undefined {
  const current = facts.labels.find((l) => l.name.toLowerCase() === label.toLowerCase());
  if (!current) return undefined;
  const history = facts.labelEvents.filter((e) => e.labelId === current.id);
  const refuse = (why: string, actor?: Identity): undefined => {
    ignored.push(`the ${label} label${actor ? ` added by @${actor.login}` : ''} does not count: ${why}`);
    return undefined;
  };
  if (history.some((e) => !isTime(e.createdAt))) return refuse('an event in its history has no valid time, so plangate cannot tell which came last');
  const last = history
    .map((e, i) => ({ e, i }))
    .sort((a, b) => Date.parse(a.e.createdAt) - Date.parse(b.e.createdAt) || a.i - b.i)
    .pop()?.e;
  if (!last) return refuse("no event on the pull request's timeline put it there (was another label renamed to it?); remove it and add it again");
  if (last.event !== 'labeled') return refuse('its last event removed it, yet it is on the pull request; remove it and add it again');
  if (!last.actor) return refuse('GitHub does not say who added it last');
  const actor = last.actor;
  if (last.doubt) return refuse(last.doubt, actor);
  if (last.viaApp) return refuse('it was added through a GitHub App, not by a person', actor);
  const problem = problemOf(actor);
  if (problem) return refuse(problem, actor);
  if (!('at' in facts.headArrived)) return { error: `plangate cannot weigh the ${label} label: ${facts.headArrived.unknown}` };
  if (!isTime(facts.headArrived.at)) return { error: `plangate cannot weigh the ${label} label: GitHub gave ${JSON.stringify(facts.headArrived.at)} as the time the head arrived, which is not a time` };
  if (Date.parse(last.createdAt) <= Date.parse(facts.headArrived.at)) {
    return refuse(`it was added before the current head ${facts.headSha.slice(0, 7)} arrived on the pull request (${facts.headArrived.at}); add it again`, actor);
  }
  const stale = planProblem(last.createdAt, facts, 'it was added');
  if (stale) return refuse(stale, actor);
  return { login: actor.login, at: last.createdAt };
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(key(item)) ? false : (seen.add(key(item)), true)));
}
