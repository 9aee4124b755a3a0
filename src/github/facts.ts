import type { Finding } from '../analysis/types.js';
import { normaliseEmail } from '../approval/identity.js';
import { isTime } from '../approval/time.js';
import type { EmailAccount, Identity, LabelEvent, Moment, Permission, PullRequestFacts } from '../approval/types.js';
import type { Rule } from '../rules/types.js';
import type { IssueEvent, PullRequest, RepositoryApi } from './api.js';

/** Issue events that change what the head of the pull request is measured against. */
const HEAD_RESETS = new Set(['reopened', 'head_ref_force_pushed', 'head_ref_restored', 'base_ref_changed', 'base_ref_force_pushed']);

export interface FactsOptions {
  /** The rules the findings name (the gate-file rule included), for their teams. */
  rules: readonly Rule[];
  overrideLabel: string;
  /** The agent-identities input: emails among them are looked up. */
  agentIdentities: readonly string[];
}

/** Everything decideApproval weighs, read through the API; every list to its last page. */
export async function gatherFacts(api: RepositoryApi, pr: PullRequest, findings: readonly Finding[], options: FactsOptions): Promise<PullRequestFacts> {
  const commits = await api.commitPeople(pr.number);
  const { reviews, unreadable } = await api.reviews(pr.number);
  const label = pr.labels.find((l) => l.name.toLowerCase() === options.overrideLabel.toLowerCase());
  const issueEvents = label ? await api.issueEvents(pr.number) : [];
  const labelEvents = label ? withApps(await api.labelTimeline(pr.number), issueEvents) : [];
  const headArrived: Moment = label ? await headArrival(api, pr, issueEvents) : { unknown: 'not needed: no override label' };

  // Only people whose approval or label could count are looked up.
  const people = new Map<string, Identity>();
  for (const review of reviews) if (review.state === 'APPROVED' && review.commitId === pr.headSha) people.set(review.reviewer.login, review.reviewer);
  for (const event of labelEvents) if (event.labelId === label?.id && event.event === 'labeled' && event.actor) people.set(event.actor.login, event.actor);
  const humans = [...people.values()].filter((p) => p.type === 'User');

  const permissions = new Map<string, Permission>();
  for (const who of humans) permissions.set(who.login, await api.permission(who.login));

  const byName = new Map(options.rules.map((r) => [r.name, r]));
  const teams = new Set(findings.flatMap((f) => f.rules.flatMap((name) => byName.get(name)?.approvers.teams ?? [])));
  const teamMembers = new Map<string, Set<string>>();
  for (const team of teams) teamMembers.set(team, await api.teamMembers(team, humans.map((h) => h.login)));

  return {
    number: pr.number,
    author: pr.author,
    headSha: pr.headSha,
    headArrived,
    labels: pr.labels,
    commitCount: Math.max(pr.commitCount, commits.total),
    commitsListed: commits.listed,
    people: commits.people,
    reviews,
    unreadableReviews: unreadable,
    permissions,
    teamMembers,
    labelEvents,
    emailAccounts: await emailAccounts(api, humans, options.agentIdentities),
  };
}

/**
 * REST tells whether an app performed an event; GraphQL names the label by
 * id. They are joined by the event's node id, and must agree on the actor:
 * an event only one of them lists, or that they attribute differently, has
 * no attributable actor.
 */
function withApps(timeline: ReadonlyArray<Omit<LabelEvent, 'viaApp'>>, rest: readonly IssueEvent[]): LabelEvent[] {
  const byId = new Map(rest.map((e) => [e.nodeId, e]));
  return timeline.map((event) => {
    const twin = byId.get(event.id);
    if (!twin) return { ...event, viaApp: undefined };
    const agrees = twin.event === event.event && (twin.actor === null) === (event.actor === null) && (twin.actor === null || twin.actor.id === event.actor?.id);
    // REST's actor keeps a bot's `[bot]` suffix and its REST type.
    return { ...event, actor: agrees ? twin.actor : null, viaApp: twin.viaApp };
  });
}

/**
 * When the current head became this pull request's head, by GitHub's clock:
 * the push (or force-push, or branch creation) that last moved the head
 * branch, and any later reopening, head restore or retargeting. Not when the
 * commit first reached GitHub: a commit pushed anywhere earlier and
 * force-pushed back would make an old label count.
 */
async function headArrival(api: RepositoryApi, pr: PullRequest, events: readonly IssueEvent[]): Promise<Moment> {
  if (pr.headRepo === null) return { unknown: "the pull request's head repository was deleted, so plangate cannot tell when its head arrived" };
  const activity = await api.refActivity(pr.headRepo, pr.headRef);
  const where = `${pr.headRepo}:${pr.headRef}`;
  const bad = activity.find((a) => !isTime(a.timestamp));
  if (bad) return { unknown: `GitHub's activity for ${where} has a push without a valid time (${JSON.stringify(bad.timestamp)})` };
  const latest = [...activity].sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp))[0];
  if (!latest) return { unknown: `GitHub lists no push to ${where}, so plangate cannot tell when the head ${pr.headSha.slice(0, 7)} arrived; push a new commit` };
  if (latest.after !== pr.headSha) {
    return { unknown: `the latest push to ${where} made it ${latest.after.slice(0, 7)}, not the head ${pr.headSha.slice(0, 7)} plangate is deciding: the branch moved; the run for the new head decides` };
  }
  const moments = [pr.createdAt, latest.timestamp];
  for (const event of events) {
    if (!HEAD_RESETS.has(event.event)) continue;
    if (!isTime(event.createdAt)) return { unknown: `GitHub lists a ${event.event} event without a valid time (${JSON.stringify(event.createdAt)})` };
    moments.push(event.createdAt);
  }
  return { at: moments.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a)) };
}

/**
 * Accounts GitHub links to an agent's email: through the default branch's
 * commits for each email the agent-identities input names, and through the
 * public profile email of each person weighed. AuthoringIdentity keeps those
 * whose email is an agent's.
 */
async function emailAccounts(api: RepositoryApi, humans: readonly Identity[], agentIdentities: readonly string[]): Promise<EmailAccount[]> {
  if (humans.length === 0) return [];
  const accounts: EmailAccount[] = [];
  for (const email of new Set(agentIdentities.filter((e) => e.includes('@')).map(normaliseEmail))) accounts.push(...(await api.emailAccounts(email)));
  for (const who of humans) {
    const email = await api.publicEmail(who.login);
    if (email) accounts.push({ email, login: who.login, id: who.id });
  }
  return accounts;
}
