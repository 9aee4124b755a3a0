import type { Finding } from '../analysis/types.js';
import { normaliseEmail } from '../approval/identity.js';
import { isTime } from '../approval/time.js';
import type { EmailAccount, Identity, LabelEvent, Moment, Permission, PullRequestFacts } from '../approval/types.js';
import type { Rule } from '../rules/types.js';
import { GitHubApiError, RETARGETS, type IssueEvent, type PullRequest, type RefActivity, type RepositoryApi, type TimelineEvent, type TimelineLabelEvent } from './api.js';

/** Timeline events that change what the head of the pull request is measured against. */
const HEAD_RESETS = new Set(['reopened', 'head_ref_force_pushed', 'head_ref_restored', 'base_ref_force_pushed', ...RETARGETS]);

export interface FactsOptions {
  /** The rules the findings name (the gate-file rule included), for their teams. */
  rules: readonly Rule[];
  overrideLabel: string;
  /** The agent-identities input: emails among them are looked up. */
  agentIdentities: readonly string[];
  /** When the plan was made, when it comes from another run (PullRequestFacts.planMade). */
  planMade?: string;
}

/** Everything decideApproval weighs, read through the API; every list to its last page. */
export async function gatherFacts(api: RepositoryApi, pr: PullRequest, findings: readonly Finding[], options: FactsOptions): Promise<PullRequestFacts> {
  const commits = await api.commitPeople(pr.number);
  const { reviews, unreadable } = await api.reviews(pr.number);
  const events = await api.timeline(pr.number);
  const activity = await branchActivity(api, pr);
  const label = pr.labels.find((l) => l.name.toLowerCase() === options.overrideLabel.toLowerCase());
  const labelEvents = label ? joinLabelHistory(await api.labelTimeline(pr.number), await api.issueEvents(pr.number)) : [];

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

  const facts: PullRequestFacts = {
    number: pr.number,
    author: pr.author,
    headSha: pr.headSha,
    headArrived: headArrival(pr, activity, events),
    labels: pr.labels,
    commitCount: Math.max(pr.commitCount, commits.total),
    commitsListed: commits.listed,
    people: commits.people,
    pushers: uniqueById((activity ?? []).flatMap((a) => (a.actor ? [a.actor] : []))),
    assignments: events.flatMap((e) => (e.event === 'assigned' && e.actor && e.assignee ? [{ by: e.actor, to: e.assignee }] : [])),
    reviews,
    unreadableReviews: unreadable,
    permissions,
    teamMembers,
    labelEvents,
    emailAccounts: await emailAccounts(api, humans, options.agentIdentities),
  };
  const retargeted = latest(events, (e) => RETARGETS.has(e.event));
  if (retargeted) facts.retargeted = retargeted;
  if (options.planMade !== undefined) facts.planMade = options.planMade;
  const unknown = activity === undefined ? pushersUnknown(pr) : undefined;
  if (unknown) facts.pushersUnknown = unknown;
  return facts;
}

/**
 * GraphQL names the label of each event by id; REST tells whether an app
 * performed it and the name the label had. They are joined by the event's
 * node id and must agree: an event only one of them lists, that they
 * attribute differently, or on a label renamed or edited since, credits no one.
 */
function joinLabelHistory(timeline: readonly TimelineLabelEvent[], rest: readonly IssueEvent[]): LabelEvent[] {
  const restLabels = rest.filter((e) => e.event === 'labeled' || e.event === 'unlabeled');
  const byId = new Map(restLabels.map((e) => [e.nodeId, e]));
  const listed = new Set(timeline.map((e) => e.id));
  const restOnly = restLabels.filter((e) => !listed.has(e.nodeId)).length;
  const incomplete = restOnly > 0 ? `GitHub's REST events list ${restOnly} label event${restOnly === 1 ? '' : 's'} its GraphQL timeline does not, so the label's history is incomplete; run again` : undefined;
  return timeline.map(({ labelEditedAt, ...event }) => {
    const twin = byId.get(event.id);
    const agrees = twin !== undefined && twin.event === event.event && twin.actor?.id === event.actor?.id && (twin.actor === null) === (event.actor === null);
    const doubt =
      incomplete ??
      (!twin
        ? "GitHub's REST events do not list that event, so plangate cannot tell whether an app added it"
        : !agrees
          ? "GitHub's REST and GraphQL APIs attribute that event differently"
          : twin.viaApp === undefined
            ? 'GitHub does not say whether an app performed it'
            : twin.label === undefined || twin.label.toLowerCase() !== event.labelName.toLowerCase()
              ? `the label was called ${JSON.stringify(twin.label ?? '(unnamed)')} when that happened: a label renamed to the override name is not the override`
              : labelEditedAt === null || !isTime(labelEditedAt)
                ? 'GitHub does not say when the label was last edited, so it may have been renamed since'
                : Date.parse(labelEditedAt) > Date.parse(event.createdAt)
                  ? `the label was created or edited at ${labelEditedAt}, after that event (a label renamed to the override name is not the override); remove it and add it again`
                  : undefined);
    // REST's actor keeps a bot's `[bot]` suffix and its REST type.
    const labelEvent: LabelEvent = { ...event, actor: agrees ? twin.actor : event.actor, viaApp: twin?.viaApp ?? false };
    if (doubt) labelEvent.doubt = doubt;
    return labelEvent;
  });
}

/**
 * The head branch's activity. A deleted fork leaves no branch to read (such a
 * pull request cannot be merged either); a fork the token may not read (a
 * private fork) leaves its pushers unknown and the override label unusable,
 * while approvals still count: its author owns the fork.
 */
async function branchActivity(api: RepositoryApi, pr: PullRequest): Promise<RefActivity[] | undefined> {
  if (pr.headRepo === null) return undefined;
  const fork = pr.headRepo.toLowerCase() !== `${api.owner}/${api.repo}`.toLowerCase();
  try {
    return await api.refActivity(pr.headRepo, pr.headRef);
  } catch (error) {
    if (fork && error instanceof GitHubApiError && (error.status === 404 || error.status === 403)) return undefined;
    throw error;
  }
}

/**
 * Whoever pushed to a fork plangate may not read could be an approver, unless
 * only the fork's owner, the pull request's author, could push: a fork of
 * theirs that the base repository's maintainers may not edit.
 */
function pushersUnknown(pr: PullRequest): string | undefined {
  if (pr.headRepo === null) return undefined;
  const owner = pr.headRepo.split('/')[0] ?? '';
  if (!pr.maintainerCanModify && owner.toLowerCase() === pr.author.login.toLowerCase()) return undefined;
  const who = pr.maintainerCanModify ? "and its branch allows edits by this repository's maintainers" : `and it belongs to ${owner}, not to the pull request's author`;
  return `plangate may not read the fork ${pr.headRepo}, so it cannot tell who pushed to it, ${who}: turn off "Allow edits by maintainers", or push the branch to this repository`;
}

/**
 * When the current head became this pull request's head, by GitHub's clock:
 * the push (or force-push, or branch creation) that last moved the head
 * branch, and any later reopening, head restore or retargeting. Not when the
 * commit first reached GitHub: a commit pushed anywhere earlier and
 * force-pushed back would make an old label count.
 */
function headArrival(pr: PullRequest, activity: readonly RefActivity[] | undefined, events: readonly TimelineEvent[]): Moment {
  if (pr.headRepo === null) return { unknown: "the pull request's head repository was deleted, so plangate cannot tell when its head arrived" };
  if (activity === undefined) return { unknown: `plangate may not read the activity of the fork ${pr.headRepo}, so it cannot tell when the head arrived: approve with a review instead` };
  const where = `${pr.headRepo}:${pr.headRef}`;
  const bad = activity.find((a) => !isTime(a.timestamp));
  if (bad) return { unknown: `GitHub's activity for ${where} has a push without a valid time (${JSON.stringify(bad.timestamp)})` };
  const newest = [...activity].sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp))[0];
  if (!newest) return { unknown: `GitHub lists no push to ${where}, so plangate cannot tell when the head ${pr.headSha.slice(0, 7)} arrived; push a new commit` };
  if (newest.after !== pr.headSha) {
    return { unknown: `the latest push to ${where} made it ${newest.after.slice(0, 7)}, not the head ${pr.headSha.slice(0, 7)} plangate is deciding: the branch moved; the run for the new head decides` };
  }
  const reset = latest(events, (e) => HEAD_RESETS.has(e.event));
  if (reset && !('at' in reset)) return reset;
  return { at: [pr.createdAt, newest.timestamp, ...(reset ? [reset.at] : [])].reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a)) };
}

/** The time of the latest event `matches` picks; unknown when one of them has no valid time. */
function latest(events: readonly TimelineEvent[], matches: (e: TimelineEvent) => boolean): Moment | undefined {
  const picked = events.filter(matches);
  const bad = picked.find((e) => !isTime(e.createdAt));
  if (bad) return { unknown: `GitHub lists a ${bad.event} event without a valid time (${JSON.stringify(bad.createdAt)})` };
  if (picked.length === 0) return undefined;
  return { at: picked.map((e) => e.createdAt).reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a)) };
}

function uniqueById(people: readonly Identity[]): Identity[] {
  return [...new Map(people.map((p) => [p.id, p])).values()];
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
