import type { Finding } from '../analysis/types.js';
import type { Approvers, Rule } from '../rules/types.js';
import { AuthoringIdentity } from './identity.js';
import type { ApprovalOutcome, Approver, Identity, LabelEvent, Permission, PullRequestFacts, Review } from './types.js';

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
  for (const review of latestReviews(facts.reviews)) {
    if (review.state !== 'APPROVED') continue;
    const problem = review.commitId !== facts.headSha ? `it was given on ${review.commitId.slice(0, 7)}, not on the current head ${facts.headSha.slice(0, 7)}` : qualifies(review.reviewer);
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
  const ordered = [...reviews].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.id - b.id);
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
 * The override label counts only while it is on the PR, and only through
 * its latest `labeled` event: by a qualifying human, not through an app, and
 * after the head commit arrived (a push needs a new label).
 */
function overrideBy(facts: PullRequestFacts, label: string, problemOf: (who: Identity) => string | undefined, ignored: string[]): { login: string; at: string } | undefined {
  if (!facts.labels.includes(label)) return undefined;
  const latest = [...facts.labelEvents]
    .filter((e): e is LabelEvent => e.event === 'labeled' && e.label === label)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id)
    .pop();
  if (!latest) {
    ignored.push(`the ${label} label does not count: no labeled event for it was found`);
    return undefined;
  }
  const problem = latest.viaApp
    ? `it was added through a GitHub App, not by a person`
    : Date.parse(latest.createdAt) <= Date.parse(facts.headPushedAt)
      ? `it was added before the current head ${facts.headSha.slice(0, 7)} was pushed; add it again`
      : problemOf(latest.actor);
  if (problem) {
    ignored.push(`the ${label} label added by @${latest.actor.login} does not count: ${problem}`);
    return undefined;
  }
  return { login: latest.actor.login, at: latest.createdAt };
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(key(item)) ? false : (seen.add(key(item)), true)));
}
