import { isTime } from '../approval/time.js';
import type { CommitPerson, Identity } from '../approval/types.js';
import { Answer } from './answer.js';
import { GitHubApiError, type TimelineLabelEvent } from './api.js';
import type { GitHubClient } from './client.js';

// GitHub's GraphQL API serves what REST cannot, and in fewer calls: the
// pull request with its commits (co-authors linked to accounts), reviews and
// timeline in one query (pull-read.ts), label events that name their label by
// id. Connections are paged (100 at most per page) and read to the end;
// totals are compared with what was read, so a capped list never reads as
// complete.

/** A connection of the pull request: its field, arguments past `first` and `after`, and what each node holds. */
export interface Connection {
  field: string;
  args?: string;
  nodes: string;
}

/** A page of a connection as an answer gave it, still unread, and the head of the pull request it was read at. */
export interface Page {
  a: Answer;
  connection: unknown;
  head: string;
}

/** The selection of a connection's page; the first page takes no cursor. */
export function selection(c: Connection, paged = false): string {
  return `${c.field}(first: 100${paged ? ', after: $after' : ''}${c.args ?? ''}) { totalCount pageInfo { hasNextPage endCursor } nodes { ${c.nodes} } }`;
}

// The number and head come with every page: a page of another pull request, or of another head, is not the next one.
function pageQuery(c: Connection): string {
  return `query($owner: String!, $name: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $name) { pullRequest(number: $number) { number headRefOid ${selection(c, true)} } }
}`;
}

/**
 * An account as GraphQL gives it (an Actor, or an Assignee, which is a union
 * without fields of its own): its type, login and numeric id, as REST has them.
 */
export const ACCOUNT = ['User', 'Bot', 'Mannequin', 'Organization'].map((type) => `... on ${type} { login databaseId }`).join(' ');
const ACCOUNT_TYPES = new Set(['User', 'Bot', 'Mannequin', 'Organization']);
export const ACTOR = `__typename ${ACCOUNT}`;

const PERSON = 'name email user { login databaseId }';
const AUTHORS = `totalCount pageInfo { hasNextPage endCursor } nodes { ${PERSON} }`;
export const COMMITS: Connection = { field: 'commits', nodes: `commit { oid authors(first: 100) { ${AUTHORS} } committer { ${PERSON} } }` };

const AUTHORS_QUERY = `query($owner: String!, $name: String!, $oid: GitObjectID!, $after: String) {
  repository(owner: $owner, name: $name) {
    object(oid: $oid) { ... on Commit { authors(first: 100, after: $after) { ${AUTHORS} } } }
  }
}`;

const LABEL = 'id name createdAt updatedAt';
const LABEL_EVENTS: Connection = {
  field: 'timelineItems',
  args: ', itemTypes: [LABELED_EVENT, UNLABELED_EVENT]',
  nodes: `__typename ${['LabeledEvent', 'UnlabeledEvent'].map((type) => `... on ${type} { id createdAt actor { ${ACTOR} } label { ${LABEL} } }`).join(' ')}`,
};

export const DEFAULT_BRANCH = 'defaultBranchRef { name target { oid } }';
const DEFAULT_BRANCH_QUERY = `query($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) { ${DEFAULT_BRANCH} }
}`;

/** Pages of 100 commits; past 2,000 the pull request fails closed (fewer listed than GitHub counts). */
const MAX_PAGES = 20;

export async function query(client: GitHubClient, what: string, document: string, variables: Record<string, unknown>): Promise<Answer & { data: Record<string, unknown> }> {
  let data: unknown;
  try {
    data = await client.graphql(document, variables);
  } catch (error) {
    // A GraphQL error (data or not) comes with GitHub's own errors; the client's message only lists them.
    const first = (error as { errors?: Array<{ message?: unknown }> } | null)?.errors?.[0]?.message;
    const said = typeof first === 'string' ? first.split('\n')[0] : error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new GitHubApiError(`GitHub GraphQL (${what}) failed (${said}): the token needs pull-requests: read and contents: read`);
  }
  const answer = new Answer(`GraphQL ${what}`);
  return Object.assign(answer, { data: answer.object(data, '(answer)') });
}

/** The default branch's name and the commit it points at: one query where REST takes two. */
export async function readDefaultBranch(client: GitHubClient, owner: string, name: string): Promise<{ name: string; sha: string }> {
  const a = await query(client, 'default branch', DEFAULT_BRANCH_QUERY, { owner, name });
  return defaultBranchOf(a, owner, name);
}

/** The default branch in an answer that asked for it (DEFAULT_BRANCH). */
export function defaultBranchOf(a: Answer & { data: Record<string, unknown> }, owner: string, name: string): { name: string; sha: string } {
  const repository = a.data.repository;
  if (repository === null || repository === undefined) throw new GitHubApiError(`GitHub GraphQL found no repository ${owner}/${name}`);
  const ref = a.object(repository, 'repository').defaultBranchRef;
  if (ref === null || ref === undefined) throw new GitHubApiError(`GitHub GraphQL names no default branch of ${owner}/${name}: plangate cannot read its config; check that the token has contents: read`);
  const branch = a.object(ref, 'repository.defaultBranchRef');
  return { name: a.text(branch.name, 'defaultBranchRef.name'), sha: a.sha(a.object(branch.target, 'defaultBranchRef.target').oid, 'defaultBranchRef.target.oid') };
}

/** The page of a pull request's connection after `after` (the first page when null). */
async function fetchPage(client: GitHubClient, owner: string, name: string, number: number, c: Connection, what: string, after: string | null): Promise<Page> {
  const a = await query(client, `pull request ${what}`, pageQuery(c), { owner, name, number, after });
  const pr = pullRequest(a, owner, name, number);
  if (pr.number !== number) a.fail('pullRequest.number', String(number), pr.number);
  return { a, connection: pr[c.field], head: a.sha(pr.headRefOid, 'pullRequest.headRefOid') };
}

/**
 * The page after `previous`, at `cursor`. Cursors count positions: a page
 * read after a push continues another head's list where this one's left
 * off, so a page of another head is an error, as is a cursor given twice.
 */
async function pageAfter(client: GitHubClient, owner: string, name: string, number: number, c: Connection, what: string, previous: Page, cursor: string, seen: Set<string>): Promise<Page> {
  notSeen(cursor, seen, `${what} of pull request #${number}`);
  const page = await fetchPage(client, owner, name, number, c, what, cursor);
  if (page.head !== previous.head) {
    throw new GitHubApiError(`pull request #${number} moved from ${previous.head.slice(0, 7)} to ${page.head.slice(0, 7)} while plangate read its ${what}, so its pages are of different heads: the run for the new head decides`);
  }
  return page;
}

function notSeen(cursor: string, seen: Set<string>, where: string): void {
  if (seen.has(cursor)) throw new GitHubApiError(`GitHub gave the cursor ${JSON.stringify(cursor)} for the next page of the ${where} twice, so the list may never end: run again`);
  seen.add(cursor);
}

export interface NodeOptions {
  /** An answer that already holds the first page. */
  first?: Page | undefined;
  maxPages?: number;
  /** Past `maxPages`, the nodes read so far, for a caller that compares them with a count of its own. */
  upTo?: true;
}

/**
 * Every node of a pull request's connection, from the first page on, and the
 * head they were read at: fewer nodes than GitHub counts, one listed twice,
 * or more than `maxPages` pages (unless `upTo`), is an error.
 */
export async function allNodes(client: GitHubClient, owner: string, name: string, number: number, c: Connection, what: string, { first, maxPages = 50, upTo }: NodeOptions = {}): Promise<{ nodes: unknown[]; head: string }> {
  let page = first ?? (await fetchPage(client, owner, name, number, c, what, null));
  const nodes: unknown[] = [];
  const cursors = new Set<string>();
  for (let n = 1; ; n++) {
    const { a } = page;
    const connection = a.object(page.connection, `pullRequest.${c.field}`);
    const total = a.count(connection.totalCount, `${c.field}.totalCount`);
    nodes.push(...a.list(connection.nodes, `${c.field}.nodes`));
    const next = nextPage(a, connection, c.field);
    if (next === null) {
      if (nodes.length !== total) throw new GitHubApiError(`GitHub counts ${total} ${what} of pull request #${number} but lists ${nodes.length}, so plangate cannot be sure it saw every one: run again`);
      // A node listed twice would stand in for one left out.
      const ids = nodes.flatMap((node) => (typeof (node as { id?: unknown } | null)?.id === 'string' ? [(node as { id: string }).id] : []));
      if (new Set(ids).size !== ids.length) throw new GitHubApiError(`GitHub lists one of the ${what} of pull request #${number} twice, so the list may leave another out: run again`);
      return { nodes, head: page.head };
    }
    if (n >= maxPages && upTo) return { nodes, head: page.head };
    if (n >= maxPages) throw new GitHubApiError(`pull request #${number} has more than ${(maxPages * 100).toLocaleString('en-US')} ${what}: plangate reads no further, so it cannot be sure it saw every one`);
    page = await pageAfter(client, owner, name, number, c, what, page, next, cursors);
  }
}

/**
 * Authors, committers and co-authors (linked to accounts by GitHub) of every
 * commit of the pull request, from `first` (the pull request's own read) on.
 */
export async function readCommitPeople(client: GitHubClient, owner: string, name: string, number: number, first?: Page): Promise<{ people: CommitPerson[]; listed: number; total: number }> {
  const people: CommitPerson[] = [];
  const listed = new Set<string>();
  let total = 0;
  let page = first ?? (await fetchPage(client, owner, name, number, COMMITS, 'commits', null));
  const cursors = new Set<string>();
  for (let n = 1; ; n++) {
    const { a } = page;
    const connection = a.object(page.connection, 'pullRequest.commits');
    total = a.count(connection.totalCount, 'commits.totalCount');
    for (const [i, item] of a.list(connection.nodes, 'commits.nodes').entries()) {
      const commit = a.object(a.object(item, `commits.nodes[${i}]`).commit, `commits.nodes[${i}].commit`);
      const oid = a.sha(commit.oid, `commits.nodes[${i}].commit.oid`);
      // A commit listed twice would stand in for one left out.
      if (listed.has(oid)) a.fail(`commits.nodes[${i}].commit.oid`, 'a commit not listed before', oid);
      listed.add(oid);
      const authors = await allAuthors(client, a, owner, name, oid, commit.authors);
      if (authors.length === 0) a.fail(`commits.nodes[${i}].commit.authors`, 'at least the author', 'no one');
      authors.forEach((p, j) => people.push(person(a, oid, j === 0 ? 'author' : 'co-author', p)));
      people.push(person(a, oid, 'committer', commit.committer));
    }
    const next = nextPage(a, connection, 'commits');
    // Past the last page read, fewer are listed than counted: decideApproval says so.
    if (next === null || n >= MAX_PAGES) break;
    page = await pageAfter(client, owner, name, number, COMMITS, 'commits', page, next, cursors);
  }
  return { people, listed: listed.size, total };
}

/** A commit's authors to the last one: the 101st co-author excludes as much as the first. */
async function allAuthors(client: GitHubClient, a: Answer, owner: string, name: string, oid: string, first: unknown): Promise<unknown[]> {
  let connection = a.object(first, `authors of ${oid.slice(0, 7)}`);
  const total = a.count(connection.totalCount, 'authors.totalCount');
  const nodes = [...a.list(connection.nodes, 'authors.nodes')];
  const cursors = new Set<string>();
  for (let page = 1; nodes.length < total && page < 1000; page++) {
    const after = nextPage(a, connection, 'authors');
    if (after === null) break;
    notSeen(after, cursors, `authors of commit ${oid.slice(0, 7)}`);
    const more = await query(client, `authors of commit ${oid.slice(0, 7)}`, AUTHORS_QUERY, { owner, name, oid, after });
    const repository = more.object(more.data.repository, 'repository');
    connection = more.object(more.object(repository.object, 'repository.object').authors, 'object.authors');
    nodes.push(...more.list(connection.nodes, 'authors.nodes'));
  }
  if (nodes.length !== total) {
    throw new GitHubApiError(`GitHub counts ${total} authors on commit ${oid.slice(0, 7)} but lists ${nodes.length}, so plangate cannot see who wrote it: run again; if it persists, rewrite the commit with fewer Co-authored-by trailers`);
  }
  return nodes;
}

/** Labeled and unlabeled events of the pull request, oldest first, every page. */
export async function readLabelTimeline(client: GitHubClient, owner: string, name: string, number: number): Promise<TimelineLabelEvent[]> {
  const a = new Answer(`GraphQL label events of pull request #${number}`);
  return (await allNodes(client, owner, name, number, LABEL_EVENTS, 'label events', { maxPages: 1000 })).nodes.map((item, i) => {
    const at = `timelineItems.nodes[${i}]`;
    const node = a.object(item, at);
    const kind = node.__typename === 'LabeledEvent' ? 'labeled' : node.__typename === 'UnlabeledEvent' ? 'unlabeled' : a.fail(`${at}.__typename`, 'LabeledEvent or UnlabeledEvent', node.__typename);
    const label = a.object(node.label, `${at}.label`);
    // Anything but a time leaves the edit time unknown, which credits no one.
    const edited = [label.createdAt, label.updatedAt].map((t) => (typeof t === 'string' && isTime(t) ? t : null));
    return {
      id: a.text(node.id, `${at}.id`),
      event: kind,
      labelId: a.text(label.id, `${at}.label.id`),
      labelName: a.string(label.name, `${at}.label.name`),
      actor: account(a, node.actor, `${at}.actor`),
      createdAt: a.string(node.createdAt, `${at}.createdAt`),
      // The later of the two; unknown when either is missing.
      labelEditedAt: edited.includes(null) ? null : (edited as string[]).reduce((x, y) => (Date.parse(y) > Date.parse(x) ? y : x)),
    };
  });
}

export function pullRequest(a: Answer & { data: Record<string, unknown> }, owner: string, name: string, number: number): Record<string, unknown> {
  const repository = a.data.repository;
  if (repository === null || repository === undefined) throw new GitHubApiError(`GitHub GraphQL found no repository ${owner}/${name}`);
  const pull = a.object(repository, 'repository').pullRequest;
  if (pull === null || pull === undefined) throw new GitHubApiError(`GitHub GraphQL found no pull request #${number} in ${owner}/${name}`);
  return a.object(pull, 'repository.pullRequest');
}

function nextPage(a: Answer, connection: Record<string, unknown>, field: string): string | null {
  const info = a.object(connection.pageInfo, `${field}.pageInfo`);
  if (!a.boolean(info.hasNextPage, `${field}.pageInfo.hasNextPage`)) return null;
  return a.text(info.endCursor, `${field}.pageInfo.endCursor`);
}

function person(a: Answer, sha: string, role: CommitPerson['role'], raw: unknown): CommitPerson {
  const p = a.object(raw, `${role} of ${sha.slice(0, 7)}`);
  const out: CommitPerson = { sha, role, name: typeof p.name === 'string' ? p.name : '', email: typeof p.email === 'string' ? p.email : '' };
  if (p.user !== null && p.user !== undefined) {
    const user = a.object(p.user, `${role}.user`);
    out.login = a.text(user.login, `${role}.user.login`);
    out.id = a.count(user.databaseId, `${role}.user.databaseId`);
  }
  return out;
}

/**
 * An account (ACTOR) as REST names it, or null when GitHub names none (a
 * deleted account). Any other kind of actor is one plangate cannot weigh,
 * and the answer is refused rather than read as nobody.
 */
export function account(a: Answer, raw: unknown, field: string): Identity | null {
  if (raw === null) return null;
  const node = a.object(raw, field);
  const type = a.text(node.__typename, `${field}.__typename`);
  if (!ACCOUNT_TYPES.has(type)) a.fail(`${field}.__typename`, [...ACCOUNT_TYPES].join(', '), type);
  return { login: restLogin(type, a.text(node.login, `${field}.login`)), id: a.count(node.databaseId, `${field}.databaseId`), type };
}

/** GraphQL names a bot `name`, REST `name[bot]`: identities keep REST's form. */
export function restLogin(type: unknown, login: string): string {
  return type === 'Bot' && !login.endsWith('[bot]') ? `${login}[bot]` : login;
}
