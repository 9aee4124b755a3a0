import type { Identity, PullLabel, Review, UnreadableReview } from '../approval/types.js';
import { isObject, type JsonObject } from '../json.js';
import { Answer } from './answer.js';
import { GitHubApiError, type ChangedFile, type PullRequest, type TimelineEvent } from './api.js';
import type { GitHubClient } from './client.js';
import { account, ACTOR, allNodes, COMMITS, DEFAULT_BRANCH, pullRequest, query, restLogin, selection, type Connection, type Page } from './graphql.js';

// What a decision reads of a pull request, in one GraphQL query where REST
// takes six calls: the pull request itself, the default branch, and the first
// page of its labels, changed files, commits, reviews and timeline. The pages
// after the first are read by the same connections' own queries.

const LABELS: Connection = { field: 'labels', nodes: 'id name' };
export const FILES: Connection = { field: 'files', nodes: 'path changeType' };
export const REVIEWS: Connection = { field: 'reviews', nodes: `id fullDatabaseId state submittedAt commit { oid } author { ${ACTOR} }` };

/** The timeline events that move the head or the base, and assignments, under REST's names. */
const EVENT_NAMES: Readonly<Record<string, string>> = {
  ReopenedEvent: 'reopened',
  HeadRefForcePushedEvent: 'head_ref_force_pushed',
  HeadRefRestoredEvent: 'head_ref_restored',
  BaseRefChangedEvent: 'base_ref_changed',
  AutomaticBaseChangeSucceededEvent: 'automatic_base_change_succeeded',
  BaseRefForcePushedEvent: 'base_ref_force_pushed',
  AssignedEvent: 'assigned',
};
export const EVENTS: Connection = {
  field: 'timelineItems',
  args: `, itemTypes: [${Object.values(EVENT_NAMES).map((e) => `${e.toUpperCase()}_EVENT`).join(', ')}]`,
  nodes: `__typename ${Object.keys(EVENT_NAMES)
    .map((type) => `... on ${type} { id createdAt actor { ${ACTOR} }${type === 'AssignedEvent' ? ` assignee { ${ACTOR} }` : ''} }`)
    .join(' ')}`,
};

export const PULL_QUERY = `query($owner: String!, $name: String!, $number: Int!) {
  repository(owner: $owner, name: $name) {
    ${DEFAULT_BRANCH}
    pullRequest(number: $number) {
      number state createdAt maintainerCanModify changedFiles
      headRefName headRefOid baseRefName baseRefOid
      headRepository { nameWithOwner }
      author { ${ACTOR} }
      ${[LABELS, FILES, COMMITS, REVIEWS, EVENTS].map((c) => selection(c)).join('\n      ')}
    }
  }
}`;

const STATES: Readonly<Record<string, string>> = { OPEN: 'open', CLOSED: 'closed', MERGED: 'closed' };
const CHANGE_TYPES: Readonly<Record<string, string>> = { ADDED: 'added', DELETED: 'removed', MODIFIED: 'modified', RENAMED: 'renamed', COPIED: 'copied', CHANGED: 'changed' };
const REVIEW_STATES = new Set(['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED', 'PENDING']);

/** What GraphQL may leave out of a pull request, as REST's pull request gives it. */
export interface RestPull {
  headSha: string;
  /** REST names a deleted account's pull request by its ghost account. */
  author: Identity;
  headRepo: string | null;
}

/** One read of a pull request: the pull request, and the answer whose first pages the other readers start from. */
export interface PullRead {
  number: number;
  pull: PullRequest;
  answer: Answer & { data: Record<string, unknown> };
  raw: JsonObject;
}

/**
 * The pull request. GraphQL answers null for an author whose account is gone
 * and, perhaps, for a head repository the token may not see, where REST
 * names them: `rest` is asked then, so a fork plangate may not read is never
 * taken for a deleted one.
 */
export async function readPull(client: GitHubClient, owner: string, name: string, number: number, rest: () => Promise<RestPull>): Promise<PullRead> {
  const a = await query(client, `pull request #${number}`, PULL_QUERY, { owner, name, number });
  const pr = pullRequest(a, owner, name, number);
  if (pr.number !== number) a.fail('pullRequest.number', String(number), pr.number);
  const headSha = a.sha(pr.headRefOid, 'pullRequest.headRefOid');
  const stateName = a.text(pr.state, 'pullRequest.state');
  const state = STATES[stateName] ?? a.fail('pullRequest.state', Object.keys(STATES).join(', '), stateName);
  let author = account(a, pr.author, 'pullRequest.author');
  let headRepo = pr.headRepository === null ? null : a.text(a.object(pr.headRepository, 'pullRequest.headRepository').nameWithOwner, 'pullRequest.headRepository.nameWithOwner');
  if (author === null || headRepo === null) {
    const known = await rest();
    if (known.headSha !== headSha) {
      throw new GitHubApiError(`GitHub's REST and GraphQL APIs name different heads of pull request #${number} (${known.headSha.slice(0, 7)}, ${headSha.slice(0, 7)}): it moved while plangate read it; run again`);
    }
    author ??= known.author;
    headRepo ??= known.headRepo;
  }
  const labels = (await allNodes(client, owner, name, number, LABELS, 'labels', { first: { a, connection: pr.labels, head: headSha }, maxPages: 10 })).nodes.map((item, i): PullLabel => {
    const label = a.object(item, `labels.nodes[${i}]`);
    return { id: a.text(label.id, `labels.nodes[${i}].id`), name: a.text(label.name, `labels.nodes[${i}].name`) };
  });
  const pull: PullRequest = {
    number,
    state,
    author,
    headSha,
    headRef: a.text(pr.headRefName, 'pullRequest.headRefName'),
    headRepo,
    maintainerCanModify: a.boolean(pr.maintainerCanModify, 'pullRequest.maintainerCanModify'),
    baseSha: a.sha(pr.baseRefOid, 'pullRequest.baseRefOid'),
    baseRef: a.text(pr.baseRefName, 'pullRequest.baseRefName'),
    labels,
    commitCount: a.count(a.object(pr.commits, 'pullRequest.commits').totalCount, 'commits.totalCount'),
    changedFiles: a.count(pr.changedFiles, 'pullRequest.changedFiles'),
    createdAt: a.time(pr.createdAt, 'pullRequest.createdAt'),
  };
  return { number, pull, answer: a, raw: pr };
}

/** The first page of `c` that a read of pull request `number` holds, if it is that pull request's. */
export function firstPage(read: PullRead | undefined, number: number, c: Connection): Page | undefined {
  return read?.number === number ? { a: read.answer, connection: read.raw[c.field], head: read.pull.headSha } : undefined;
}

/**
 * Changed files by path and kind of change, up to 3,000 as REST lists them
 * (the gate compares them with the pull request's count), and the head they
 * are of. GraphQL does not say what a file was renamed or copied from: the
 * caller asks REST when any was.
 */
export async function readFiles(client: GitHubClient, owner: string, name: string, number: number, first?: Page): Promise<{ files: ChangedFile[]; head: string }> {
  const a = new Answer(`GraphQL changed files of pull request #${number}`);
  const { nodes, head } = await allNodes(client, owner, name, number, FILES, 'changed files', { first, maxPages: 30, upTo: true });
  const files = nodes.map((item, i) => {
    const file = a.object(item, `files.nodes[${i}]`);
    const kind = a.text(file.changeType, `files.nodes[${i}].changeType`);
    return { filename: a.text(file.path, `files.nodes[${i}].path`), status: CHANGE_TYPES[kind] ?? a.fail(`files.nodes[${i}].changeType`, Object.keys(CHANGE_TYPES).join(', '), kind) };
  });
  return { files, head };
}

/** Reviews in GitHub's shape; one that is not (no commit, an unknown state, no time) is set apart, not thrown. */
export async function readReviews(client: GitHubClient, owner: string, name: string, number: number, first?: Page): Promise<{ reviews: Review[]; unreadable: UnreadableReview[] }> {
  const a: Answer = new Answer(`GraphQL reviews of pull request #${number}`);
  const reviews: Review[] = [];
  const unreadable: UnreadableReview[] = [];
  for (const [i, item] of (await allNodes(client, owner, name, number, REVIEWS, 'reviews', { first, maxPages: 1000 })).nodes.entries()) {
    const at = `reviews.nodes[${i}]`;
    const r = a.object(item, at);
    const id = typeof r.fullDatabaseId === 'string' && /^\d{1,15}$/.test(r.fullDatabaseId) ? Number(r.fullDatabaseId) : null;
    let reviewer: Identity | null = null;
    try {
      reviewer = account(a, r.author, `${at}.author`);
      // A review by a deleted account has no author: it cannot count, and it speaks for nobody else.
      if (reviewer === null) continue;
      const state = a.text(r.state, `${at}.state`);
      if (!REVIEW_STATES.has(state)) a.fail(`${at}.state`, [...REVIEW_STATES].join(', '), state);
      if (id === null) a.fail(`${at}.fullDatabaseId`, 'a whole number', r.fullDatabaseId);
      const submittedAt = state === 'PENDING' && r.submittedAt === null ? '' : a.time(r.submittedAt, `${at}.submittedAt`);
      reviews.push({ id, reviewer, state, commitId: a.sha(a.object(r.commit, `${at}.commit`).oid, `${at}.commit.oid`), submittedAt });
    } catch (error) {
      if (!(error instanceof GitHubApiError)) throw error;
      // Whose it is matters more than the rest: a readable id lets it void only that reviewer's approvals.
      const author = isObject(r.author) ? r.author : {};
      if (reviewer === null && typeof author.databaseId === 'number' && Number.isInteger(author.databaseId)) {
        const type = typeof author.__typename === 'string' ? author.__typename : '(unknown)';
        reviewer = { login: typeof author.login === 'string' && author.login !== '' ? restLogin(type, author.login) : `(id ${author.databaseId})`, id: author.databaseId, type };
      }
      const entry: UnreadableReview = { id, reviewer, problem: error.message };
      if (typeof r.submittedAt === 'string' && Number.isFinite(Date.parse(r.submittedAt))) entry.submittedAt = r.submittedAt;
      unreadable.push(entry);
    }
  }
  return { reviews, unreadable };
}

/** Reopenings, head and base force-pushes, head restores, retargets and assignments, every page. */
export async function readTimeline(client: GitHubClient, owner: string, name: string, number: number, first?: Page): Promise<TimelineEvent[]> {
  const a = new Answer(`GraphQL timeline of pull request #${number}`);
  return (await allNodes(client, owner, name, number, EVENTS, 'timeline events', { first, maxPages: 1000 })).nodes.map((item, i) => {
    const at = `timelineItems.nodes[${i}]`;
    const node = a.object(item, at);
    const typename = a.text(node.__typename, `${at}.__typename`);
    const event = EVENT_NAMES[typename] ?? a.fail(`${at}.__typename`, Object.keys(EVENT_NAMES).join(', '), typename);
    return {
      id: a.text(node.id, `${at}.id`),
      event,
      actor: account(a, node.actor, `${at}.actor`),
      // Checked where it matters (facts.ts): a time that is not one leaves the moment unknown.
      createdAt: typeof node.createdAt === 'string' ? node.createdAt : '',
      ...(event === 'assigned' ? { assignee: account(a, node.assignee, `${at}.assignee`) } : {}),
    };
  });
}
