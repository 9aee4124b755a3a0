import { isTime } from '../approval/time.js';
import type { CommitPerson, Identity } from '../approval/types.js';
import { Answer } from './answer.js';
import { GitHubApiError, type TimelineLabelEvent } from './api.js';
import type { GitHubClient } from './client.js';

// GitHub's GraphQL API serves what REST cannot: co-authors linked to accounts,
// and label events that name their label by id. Nested connections are paged
// (100 at most per page) and read to the end; totals are compared with what
// was read, so a capped list never reads as complete.

const PERSON = 'name email user { login databaseId }';
const AUTHORS = `totalCount pageInfo { hasNextPage endCursor } nodes { ${PERSON} }`;

const COMMITS_QUERY = `query($owner: String!, $name: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      commits(first: 100, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { commit { oid authors(first: 100) { ${AUTHORS} } committer { ${PERSON} } } }
      }
    }
  }
}`;

const AUTHORS_QUERY = `query($owner: String!, $name: String!, $oid: GitObjectID!, $after: String) {
  repository(owner: $owner, name: $name) {
    object(oid: $oid) { ... on Commit { authors(first: 100, after: $after) { ${AUTHORS} } } }
  }
}`;

const ACTOR = 'actor { __typename login ... on User { databaseId } ... on Bot { databaseId } }';
const LABEL = 'id name createdAt updatedAt';
const LABELS_QUERY = `query($owner: String!, $name: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      timelineItems(first: 100, after: $after, itemTypes: [LABELED_EVENT, UNLABELED_EVENT]) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes {
          __typename
          ... on LabeledEvent { id createdAt ${ACTOR} label { ${LABEL} } }
          ... on UnlabeledEvent { id createdAt ${ACTOR} label { ${LABEL} } }
        }
      }
    }
  }
}`;

const DEFAULT_BRANCH_QUERY = `query($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) { defaultBranchRef { name target { oid } } }
}`;

/** Pages of 100 commits; past 2,000 the pull request fails closed (fewer listed than GitHub counts). */
const MAX_PAGES = 20;

export async function query(client: GitHubClient, what: string, document: string, variables: Record<string, unknown>): Promise<Answer & { data: Record<string, unknown> }> {
  let data: unknown;
  try {
    data = await client.graphql(document, variables);
  } catch (error) {
    const said = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new GitHubApiError(`GitHub GraphQL (${what}) failed (${said}): the token needs pull-requests: read and contents: read`);
  }
  const answer = new Answer(`GraphQL ${what}`);
  return Object.assign(answer, { data: answer.object(data, '(answer)') });
}

/** The default branch's name and the commit it points at: one query where REST takes two. */
export async function readDefaultBranch(client: GitHubClient, owner: string, name: string): Promise<{ name: string; sha: string }> {
  const a = await query(client, 'default branch', DEFAULT_BRANCH_QUERY, { owner, name });
  const repository = a.data.repository;
  if (repository === null || repository === undefined) throw new GitHubApiError(`GitHub GraphQL found no repository ${owner}/${name}`);
  const ref = a.object(repository, 'repository').defaultBranchRef;
  if (ref === null || ref === undefined) throw new GitHubApiError(`GitHub GraphQL names no default branch of ${owner}/${name}: plangate cannot read its config; check that the token has contents: read`);
  const branch = a.object(ref, 'repository.defaultBranchRef');
  return { name: a.text(branch.name, 'defaultBranchRef.name'), sha: a.sha(a.object(branch.target, 'defaultBranchRef.target').oid, 'defaultBranchRef.target.oid') };
}

/** Authors, committers and co-authors (linked to accounts by GitHub) of every commit of the pull request. */
export async function readCommitPeople(client: GitHubClient, owner: string, name: string, number: number): Promise<{ people: CommitPerson[]; listed: number; total: number }> {
  const people: CommitPerson[] = [];
  let after: string | null = null;
  const listed = new Set<string>();
  let total = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const a = await query(client, 'pull request commits', COMMITS_QUERY, { owner, name, number, after });
    const commits = pullRequest(a, owner, name, number).commits;
    const connection = a.object(commits, 'pullRequest.commits');
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
    if (next === null) break;
    after = next;
  }
  return { people, listed: listed.size, total };
}

/** A commit's authors to the last one: the 101st co-author excludes as much as the first. */
async function allAuthors(client: GitHubClient, a: Answer, owner: string, name: string, oid: string, first: unknown): Promise<unknown[]> {
  let connection = a.object(first, `authors of ${oid.slice(0, 7)}`);
  const total = a.count(connection.totalCount, 'authors.totalCount');
  const nodes = [...a.list(connection.nodes, 'authors.nodes')];
  for (let page = 1; nodes.length < total && page < 1000; page++) {
    const after = nextPage(a, connection, 'authors');
    if (after === null) break;
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
  const events: TimelineLabelEvent[] = [];
  let after: string | null = null;
  let total = 0;
  for (let page = 0; ; page++) {
    const a = await query(client, 'pull request label events', LABELS_QUERY, { owner, name, number, after });
    const connection = a.object(pullRequest(a, owner, name, number).timelineItems, 'pullRequest.timelineItems');
    total = a.count(connection.totalCount, 'timelineItems.totalCount');
    for (const [i, item] of a.list(connection.nodes, 'timelineItems.nodes').entries()) {
      const at = `timelineItems.nodes[${i}]`;
      const node = a.object(item, at);
      const kind = node.__typename === 'LabeledEvent' ? 'labeled' : node.__typename === 'UnlabeledEvent' ? 'unlabeled' : a.fail(`${at}.__typename`, 'LabeledEvent or UnlabeledEvent', node.__typename);
      const label = a.object(node.label, `${at}.label`);
      // Anything but a time leaves the edit time unknown, which credits no one.
      const edited = [label.createdAt, label.updatedAt].map((t) => (typeof t === 'string' && isTime(t) ? t : null));
      events.push({
        id: a.text(node.id, `${at}.id`),
        event: kind,
        labelId: a.text(label.id, `${at}.label.id`),
        labelName: a.string(label.name, `${at}.label.name`),
        actor: actor(a, node.actor, `${at}.actor`),
        createdAt: a.string(node.createdAt, `${at}.createdAt`),
        // The later of the two; unknown when either is missing.
        labelEditedAt: edited.includes(null) ? null : (edited as string[]).reduce((x, y) => (Date.parse(y) > Date.parse(x) ? y : x)),
      });
    }
    const next = nextPage(a, connection, 'timelineItems');
    if (next === null || page >= 1000) break;
    after = next;
  }
  if (events.length !== total) {
    throw new GitHubApiError(`GitHub counts ${total} label events on pull request #${number} but lists ${events.length}: plangate cannot walk the override label's history; run again`);
  }
  return events;
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

/** GraphQL's actor: a User or Bot with its numeric id, else nobody plangate can weigh. */
function actor(a: Answer, raw: unknown, field: string): Identity | null {
  if (raw === null || raw === undefined) return null;
  const node = a.object(raw, field);
  if (node.__typename !== 'User' && node.__typename !== 'Bot') return null;
  return { login: a.text(node.login, `${field}.login`), id: a.count(node.databaseId, `${field}.databaseId`), type: node.__typename };
}
