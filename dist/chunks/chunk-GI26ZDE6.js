import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  checkPlans
} from "./chunk-YIEIAWBB.js";
import {
  configPaths,
  defaultRuleSet,
  oneConfig,
  parseConfig
} from "./chunk-LAGU6ED4.js";
import {
  InputError
} from "./chunk-KIBWKCE4.js";
import {
  GITHUB_COMMENT_LIMIT,
  escapeText,
  renderMarkdown
} from "./chunk-2V6Z5KAE.js";
import {
  MAX_SHOWN,
  clip,
  describeFindings,
  plural,
  thousands
} from "./chunk-P6DTNAEQ.js";
import {
  isObject
} from "./chunk-X534SGSV.js";

// src/github/api.ts
var RETARGETS = /* @__PURE__ */ new Set(["base_ref_changed", "automatic_base_change_succeeded"]);
var GitHubApiError = class extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
    this.name = "GitHubApiError";
  }
  status;
};

// src/approval/time.ts
function isTime(text) {
  return /^\d{4}-\d\d-\d\dT/.test(text) && Number.isFinite(Date.parse(text));
}

// src/github/answer.ts
var Answer = class {
  constructor(call) {
    this.call = call;
  }
  call;
  fail(field, expected, got) {
    throw new GitHubApiError(`GitHub's answer to ${this.call} is malformed: ${field} should be ${expected}, got ${describe(got)}; run again, and check GITHUB_API_URL if it persists`);
  }
  object(value, field) {
    if (!isObject(value)) this.fail(field, "an object", value);
    return value;
  }
  list(value, field) {
    if (!Array.isArray(value)) this.fail(field, "a list", value);
    return value;
  }
  string(value, field) {
    if (typeof value !== "string") this.fail(field, "a string", value);
    return value;
  }
  text(value, field) {
    if (typeof value !== "string" || value === "") this.fail(field, "a non-empty string", value);
    return value;
  }
  count(value, field) {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0) this.fail(field, "a whole number", value);
    return value;
  }
  boolean(value, field) {
    if (typeof value !== "boolean") this.fail(field, "true or false", value);
    return value;
  }
  sha(value, field) {
    if (typeof value !== "string" || !/^[0-9a-f]{40}$/.test(value)) this.fail(field, "a 40-hex commit SHA", value);
    return value;
  }
  time(value, field) {
    if (typeof value !== "string" || !isTime(value)) this.fail(field, "an ISO 8601 time", value);
    return value;
  }
  identity(value, field) {
    const user = this.object(value, field);
    return { login: this.text(user.login, `${field}.login`), id: this.count(user.id, `${field}.id`), type: this.text(user.type, `${field}.type`) };
  }
  /** A user field GitHub documents as nullable (a deleted account is null). */
  maybeIdentity(value, field) {
    return value === null ? null : this.identity(value, field);
  }
};
function describe(value) {
  if (value === void 0) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  const text = JSON.stringify(value) ?? typeof value;
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

// src/github/graphql.ts
function selection(c, paged = false) {
  return `${c.field}(first: 100${paged ? ", after: $after" : ""}${c.args ?? ""}) { totalCount pageInfo { hasNextPage endCursor } nodes { ${c.nodes} } }`;
}
function pageQuery(c) {
  return `query($owner: String!, $name: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $name) { pullRequest(number: $number) { number headRefOid ${selection(c, true)} } }
}`;
}
var ACCOUNT = ["User", "Bot", "Mannequin", "Organization"].map((type) => `... on ${type} { login databaseId }`).join(" ");
var ACCOUNT_TYPES = /* @__PURE__ */ new Set(["User", "Bot", "Mannequin", "Organization"]);
var ACTOR = `__typename ${ACCOUNT}`;
var PERSON = "name email user { login databaseId }";
var AUTHORS = `totalCount pageInfo { hasNextPage endCursor } nodes { ${PERSON} }`;
var COMMITS = { field: "commits", nodes: `commit { oid authors(first: 100) { ${AUTHORS} } committer { ${PERSON} } }` };
var AUTHORS_QUERY = `query($owner: String!, $name: String!, $oid: GitObjectID!, $after: String) {
  repository(owner: $owner, name: $name) {
    object(oid: $oid) { ... on Commit { authors(first: 100, after: $after) { ${AUTHORS} } } }
  }
}`;
var LABEL = "id name createdAt updatedAt";
var LABEL_EVENTS = {
  field: "timelineItems",
  args: ", itemTypes: [LABELED_EVENT, UNLABELED_EVENT]",
  nodes: `__typename ${["LabeledEvent", "UnlabeledEvent"].map((type) => `... on ${type} { id createdAt actor { ${ACTOR} } label { ${LABEL} } }`).join(" ")}`
};
var DEFAULT_BRANCH = "defaultBranchRef { name target { oid } }";
var DEFAULT_BRANCH_QUERY = `query($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) { ${DEFAULT_BRANCH} }
}`;
var MAX_PAGES = 20;
async function query(client, what, document, variables) {
  let data;
  try {
    data = await client.graphql(document, variables);
  } catch (error) {
    const first = error?.errors?.[0]?.message;
    const said = typeof first === "string" ? first.split("\n")[0] : error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new GitHubApiError(`GitHub GraphQL (${what}) failed (${said}): the token needs pull-requests: read and contents: read`);
  }
  const answer = new Answer(`GraphQL ${what}`);
  return Object.assign(answer, { data: answer.object(data, "(answer)") });
}
async function readDefaultBranch(client, owner, name) {
  const a = await query(client, "default branch", DEFAULT_BRANCH_QUERY, { owner, name });
  return defaultBranchOf(a, owner, name);
}
function defaultBranchOf(a, owner, name) {
  const repository = a.data.repository;
  if (repository === null || repository === void 0) throw new GitHubApiError(`GitHub GraphQL found no repository ${owner}/${name}`);
  const ref = a.object(repository, "repository").defaultBranchRef;
  if (ref === null || ref === void 0) throw new GitHubApiError(`GitHub GraphQL names no default branch of ${owner}/${name}: plangate cannot read its config; check that the token has contents: read`);
  const branch = a.object(ref, "repository.defaultBranchRef");
  return { name: a.text(branch.name, "defaultBranchRef.name"), sha: a.sha(a.object(branch.target, "defaultBranchRef.target").oid, "defaultBranchRef.target.oid") };
}
async function fetchPage(client, owner, name, number, c, what, after) {
  const a = await query(client, `pull request ${what}`, pageQuery(c), { owner, name, number, after });
  const pr = pullRequest(a, owner, name, number);
  if (pr.number !== number) a.fail("pullRequest.number", String(number), pr.number);
  return { a, connection: pr[c.field], head: a.sha(pr.headRefOid, "pullRequest.headRefOid") };
}
async function pageAfter(client, owner, name, number, c, what, previous, cursor, seen) {
  notSeen(cursor, seen, `${what} of pull request #${number}`);
  const page = await fetchPage(client, owner, name, number, c, what, cursor);
  if (page.head !== previous.head) {
    throw new GitHubApiError(`pull request #${number} moved from ${previous.head.slice(0, 7)} to ${page.head.slice(0, 7)} while plangate read its ${what}, so its pages are of different heads: the run for the new head decides`);
  }
  return page;
}
function notSeen(cursor, seen, where) {
  if (seen.has(cursor)) throw new GitHubApiError(`GitHub gave the cursor ${JSON.stringify(cursor)} for the next page of the ${where} twice, so the list may never end: run again`);
  seen.add(cursor);
}
async function allNodes(client, owner, name, number, c, what, { first, maxPages = 50, upTo } = {}) {
  let page = first ?? await fetchPage(client, owner, name, number, c, what, null);
  const nodes = [];
  const cursors = /* @__PURE__ */ new Set();
  for (let n = 1; ; n++) {
    const { a } = page;
    const connection = a.object(page.connection, `pullRequest.${c.field}`);
    const total = a.count(connection.totalCount, `${c.field}.totalCount`);
    nodes.push(...a.list(connection.nodes, `${c.field}.nodes`));
    const next = nextPage(a, connection, c.field);
    if (next === null) {
      if (nodes.length !== total) throw new GitHubApiError(`GitHub counts ${total} ${what} of pull request #${number} but lists ${nodes.length}, so plangate cannot be sure it saw every one: run again`);
      const ids = nodes.flatMap((node) => typeof node?.id === "string" ? [node.id] : []);
      if (new Set(ids).size !== ids.length) throw new GitHubApiError(`GitHub lists one of the ${what} of pull request #${number} twice, so the list may leave another out: run again`);
      return { nodes, head: page.head };
    }
    if (n >= maxPages && upTo) return { nodes, head: page.head };
    if (n >= maxPages) throw new GitHubApiError(`pull request #${number} has more than ${(maxPages * 100).toLocaleString("en-US")} ${what}: plangate reads no further, so it cannot be sure it saw every one`);
    page = await pageAfter(client, owner, name, number, c, what, page, next, cursors);
  }
}
async function readCommitPeople(client, owner, name, number, first) {
  const people = [];
  const listed = /* @__PURE__ */ new Set();
  let total = 0;
  let page = first ?? await fetchPage(client, owner, name, number, COMMITS, "commits", null);
  const cursors = /* @__PURE__ */ new Set();
  for (let n = 1; ; n++) {
    const { a } = page;
    const connection = a.object(page.connection, "pullRequest.commits");
    total = a.count(connection.totalCount, "commits.totalCount");
    for (const [i, item] of a.list(connection.nodes, "commits.nodes").entries()) {
      const commit = a.object(a.object(item, `commits.nodes[${i}]`).commit, `commits.nodes[${i}].commit`);
      const oid = a.sha(commit.oid, `commits.nodes[${i}].commit.oid`);
      if (listed.has(oid)) a.fail(`commits.nodes[${i}].commit.oid`, "a commit not listed before", oid);
      listed.add(oid);
      const authors = await allAuthors(client, a, owner, name, oid, commit.authors);
      if (authors.length === 0) a.fail(`commits.nodes[${i}].commit.authors`, "at least the author", "no one");
      authors.forEach((p, j) => people.push(person(a, oid, j === 0 ? "author" : "co-author", p)));
      people.push(person(a, oid, "committer", commit.committer));
    }
    const next = nextPage(a, connection, "commits");
    if (next === null || n >= MAX_PAGES) break;
    page = await pageAfter(client, owner, name, number, COMMITS, "commits", page, next, cursors);
  }
  return { people, listed: listed.size, total };
}
async function allAuthors(client, a, owner, name, oid, first) {
  let connection = a.object(first, `authors of ${oid.slice(0, 7)}`);
  const total = a.count(connection.totalCount, "authors.totalCount");
  const nodes = [...a.list(connection.nodes, "authors.nodes")];
  const cursors = /* @__PURE__ */ new Set();
  for (let page = 1; nodes.length < total && page < 1e3; page++) {
    const after = nextPage(a, connection, "authors");
    if (after === null) break;
    notSeen(after, cursors, `authors of commit ${oid.slice(0, 7)}`);
    const more = await query(client, `authors of commit ${oid.slice(0, 7)}`, AUTHORS_QUERY, { owner, name, oid, after });
    const repository = more.object(more.data.repository, "repository");
    connection = more.object(more.object(repository.object, "repository.object").authors, "object.authors");
    nodes.push(...more.list(connection.nodes, "authors.nodes"));
  }
  if (nodes.length !== total) {
    throw new GitHubApiError(`GitHub counts ${total} authors on commit ${oid.slice(0, 7)} but lists ${nodes.length}, so plangate cannot see who wrote it: run again; if it persists, rewrite the commit with fewer Co-authored-by trailers`);
  }
  return nodes;
}
async function readLabelTimeline(client, owner, name, number) {
  const a = new Answer(`GraphQL label events of pull request #${number}`);
  return (await allNodes(client, owner, name, number, LABEL_EVENTS, "label events", { maxPages: 1e3 })).nodes.map((item, i) => {
    const at = `timelineItems.nodes[${i}]`;
    const node = a.object(item, at);
    const kind = node.__typename === "LabeledEvent" ? "labeled" : node.__typename === "UnlabeledEvent" ? "unlabeled" : a.fail(`${at}.__typename`, "LabeledEvent or UnlabeledEvent", node.__typename);
    const label = a.object(node.label, `${at}.label`);
    const edited = [label.createdAt, label.updatedAt].map((t) => typeof t === "string" && isTime(t) ? t : null);
    return {
      id: a.text(node.id, `${at}.id`),
      event: kind,
      labelId: a.text(label.id, `${at}.label.id`),
      labelName: a.string(label.name, `${at}.label.name`),
      actor: account(a, node.actor, `${at}.actor`),
      createdAt: a.string(node.createdAt, `${at}.createdAt`),
      // The later of the two; unknown when either is missing.
      labelEditedAt: edited.includes(null) ? null : edited.reduce((x, y) => Date.parse(y) > Date.parse(x) ? y : x)
    };
  });
}
function pullRequest(a, owner, name, number) {
  const repository = a.data.repository;
  if (repository === null || repository === void 0) throw new GitHubApiError(`GitHub GraphQL found no repository ${owner}/${name}`);
  const pull = a.object(repository, "repository").pullRequest;
  if (pull === null || pull === void 0) throw new GitHubApiError(`GitHub GraphQL found no pull request #${number} in ${owner}/${name}`);
  return a.object(pull, "repository.pullRequest");
}
function nextPage(a, connection, field) {
  const info = a.object(connection.pageInfo, `${field}.pageInfo`);
  if (!a.boolean(info.hasNextPage, `${field}.pageInfo.hasNextPage`)) return null;
  return a.text(info.endCursor, `${field}.pageInfo.endCursor`);
}
function person(a, sha, role, raw) {
  const p = a.object(raw, `${role} of ${sha.slice(0, 7)}`);
  const out = { sha, role, name: typeof p.name === "string" ? p.name : "", email: typeof p.email === "string" ? p.email : "" };
  if (p.user !== null && p.user !== void 0) {
    const user = a.object(p.user, `${role}.user`);
    out.login = a.text(user.login, `${role}.user.login`);
    out.id = a.count(user.databaseId, `${role}.user.databaseId`);
  }
  return out;
}
function account(a, raw, field) {
  if (raw === null) return null;
  const node = a.object(raw, field);
  const type = a.text(node.__typename, `${field}.__typename`);
  if (!ACCOUNT_TYPES.has(type)) a.fail(`${field}.__typename`, [...ACCOUNT_TYPES].join(", "), type);
  return { login: restLogin(type, a.text(node.login, `${field}.login`)), id: a.count(node.databaseId, `${field}.databaseId`), type };
}
function restLogin(type, login) {
  return type === "Bot" && !login.endsWith("[bot]") ? `${login}[bot]` : login;
}

// src/github/failure.ts
var NEEDS = [
  [/^POST \/repos\/[^/]+\/[^/]+\/statuses\//, "statuses: write"],
  [/\/issues\/\d+\/comments$|\/issues\/comments\/\d+$/, "pull-requests: write (to comment)"],
  [/\/contents\/|\/branches\/|\/activity$|\/commits$/, "contents: read"],
  [/\/actions\//, "actions: read (to find the plan workflow's run and download its artifact)"],
  [/\/orgs\/[^/]+\/teams\//, "organization Members: read (a GitHub App token or a PAT with read:org; GITHUB_TOKEN cannot read teams)"],
  [/\/pulls(\/|$)|\/issues\//, "pull-requests: read"]
];
function apiError(call, error) {
  if (error instanceof GitHubApiError) return error;
  const failure = error;
  const status = failure.status;
  const said = failure.response?.data?.message ?? failure.message ?? String(error);
  const need = NEEDS.find(([pattern]) => pattern.test(call))?.[1];
  let fix = "";
  if (status === 401) fix = ": the token is invalid or expired; check the github-token input";
  else if (status === 403 && /rate limit/i.test(said)) fix = ": GitHub rate limit, still exceeded after waiting; run again later";
  else if (status === 403 || status === 404 && need?.startsWith("organization")) fix = need ? `: the token needs ${need} (the workflow's permissions: block)` : ": the token may not make this call";
  else if (status !== void 0 && status >= 500) fix = ": GitHub failed after retries; run again";
  return new GitHubApiError(`GitHub API ${call} answered ${status ?? "no response"} (${said.split("\n")[0]})${fix}`, status);
}

// src/github/pull-read.ts
var LABELS = { field: "labels", nodes: "id name" };
var FILES = { field: "files", nodes: "path changeType" };
var REVIEWS = { field: "reviews", nodes: `id fullDatabaseId state submittedAt commit { oid } author { ${ACTOR} }` };
var EVENT_NAMES = {
  ReopenedEvent: "reopened",
  HeadRefForcePushedEvent: "head_ref_force_pushed",
  HeadRefRestoredEvent: "head_ref_restored",
  BaseRefChangedEvent: "base_ref_changed",
  AutomaticBaseChangeSucceededEvent: "automatic_base_change_succeeded",
  BaseRefForcePushedEvent: "base_ref_force_pushed",
  AssignedEvent: "assigned"
};
var EVENTS = {
  field: "timelineItems",
  args: `, itemTypes: [${Object.values(EVENT_NAMES).map((e) => `${e.toUpperCase()}_EVENT`).join(", ")}]`,
  nodes: `__typename ${Object.keys(EVENT_NAMES).map((type) => `... on ${type} { id createdAt actor { ${ACTOR} }${type === "AssignedEvent" ? ` assignee { ${ACTOR} }` : ""} }`).join(" ")}`
};
var PULL_QUERY = `query($owner: String!, $name: String!, $number: Int!) {
  repository(owner: $owner, name: $name) {
    ${DEFAULT_BRANCH}
    pullRequest(number: $number) {
      number state createdAt maintainerCanModify changedFiles
      headRefName headRefOid baseRefName baseRefOid
      headRepository { nameWithOwner }
      author { ${ACTOR} }
      ${[LABELS, FILES, COMMITS, REVIEWS, EVENTS].map((c) => selection(c)).join("\n      ")}
    }
  }
}`;
var STATES = { OPEN: "open", CLOSED: "closed", MERGED: "closed" };
var CHANGE_TYPES = { ADDED: "added", DELETED: "removed", MODIFIED: "modified", RENAMED: "renamed", COPIED: "copied", CHANGED: "changed" };
var REVIEW_STATES = /* @__PURE__ */ new Set(["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED", "PENDING"]);
async function readPull(client, owner, name, number, rest) {
  const a = await query(client, `pull request #${number}`, PULL_QUERY, { owner, name, number });
  const pr = pullRequest(a, owner, name, number);
  if (pr.number !== number) a.fail("pullRequest.number", String(number), pr.number);
  const headSha = a.sha(pr.headRefOid, "pullRequest.headRefOid");
  const stateName = a.text(pr.state, "pullRequest.state");
  const state = STATES[stateName] ?? a.fail("pullRequest.state", Object.keys(STATES).join(", "), stateName);
  let author = account(a, pr.author, "pullRequest.author");
  let headRepo = pr.headRepository === null ? null : a.text(a.object(pr.headRepository, "pullRequest.headRepository").nameWithOwner, "pullRequest.headRepository.nameWithOwner");
  if (author === null || headRepo === null) {
    const known = await rest();
    if (known.headSha !== headSha) {
      throw new GitHubApiError(`GitHub's REST and GraphQL APIs name different heads of pull request #${number} (${known.headSha.slice(0, 7)}, ${headSha.slice(0, 7)}): it moved while plangate read it; run again`);
    }
    author ??= known.author;
    headRepo ??= known.headRepo;
  }
  const labels = (await allNodes(client, owner, name, number, LABELS, "labels", { first: { a, connection: pr.labels, head: headSha }, maxPages: 10 })).nodes.map((item, i) => {
    const label = a.object(item, `labels.nodes[${i}]`);
    return { id: a.text(label.id, `labels.nodes[${i}].id`), name: a.text(label.name, `labels.nodes[${i}].name`) };
  });
  const pull = {
    number,
    state,
    author,
    headSha,
    headRef: a.text(pr.headRefName, "pullRequest.headRefName"),
    headRepo,
    maintainerCanModify: a.boolean(pr.maintainerCanModify, "pullRequest.maintainerCanModify"),
    baseSha: a.sha(pr.baseRefOid, "pullRequest.baseRefOid"),
    baseRef: a.text(pr.baseRefName, "pullRequest.baseRefName"),
    labels,
    commitCount: a.count(a.object(pr.commits, "pullRequest.commits").totalCount, "commits.totalCount"),
    changedFiles: a.count(pr.changedFiles, "pullRequest.changedFiles"),
    createdAt: a.time(pr.createdAt, "pullRequest.createdAt")
  };
  return { number, pull, answer: a, raw: pr };
}
function firstPage(read, number, c) {
  return read?.number === number ? { a: read.answer, connection: read.raw[c.field], head: read.pull.headSha } : void 0;
}
async function readFiles(client, owner, name, number, first) {
  const a = new Answer(`GraphQL changed files of pull request #${number}`);
  const { nodes, head } = await allNodes(client, owner, name, number, FILES, "changed files", { first, maxPages: 30, upTo: true });
  const files = nodes.map((item, i) => {
    const file = a.object(item, `files.nodes[${i}]`);
    const kind = a.text(file.changeType, `files.nodes[${i}].changeType`);
    return { filename: a.text(file.path, `files.nodes[${i}].path`), status: CHANGE_TYPES[kind] ?? a.fail(`files.nodes[${i}].changeType`, Object.keys(CHANGE_TYPES).join(", "), kind) };
  });
  return { files, head };
}
async function readReviews(client, owner, name, number, first) {
  const a = new Answer(`GraphQL reviews of pull request #${number}`);
  const reviews = [];
  const unreadable = [];
  for (const [i, item] of (await allNodes(client, owner, name, number, REVIEWS, "reviews", { first, maxPages: 1e3 })).nodes.entries()) {
    const at = `reviews.nodes[${i}]`;
    const r = a.object(item, at);
    const id = typeof r.fullDatabaseId === "string" && /^\d{1,15}$/.test(r.fullDatabaseId) ? Number(r.fullDatabaseId) : null;
    let reviewer = null;
    try {
      reviewer = account(a, r.author, `${at}.author`);
      if (reviewer === null) continue;
      const state = a.text(r.state, `${at}.state`);
      if (!REVIEW_STATES.has(state)) a.fail(`${at}.state`, [...REVIEW_STATES].join(", "), state);
      if (id === null) a.fail(`${at}.fullDatabaseId`, "a whole number", r.fullDatabaseId);
      const submittedAt = state === "PENDING" && r.submittedAt === null ? "" : a.time(r.submittedAt, `${at}.submittedAt`);
      reviews.push({ id, reviewer, state, commitId: a.sha(a.object(r.commit, `${at}.commit`).oid, `${at}.commit.oid`), submittedAt });
    } catch (error) {
      if (!(error instanceof GitHubApiError)) throw error;
      const author = isObject(r.author) ? r.author : {};
      if (reviewer === null && typeof author.databaseId === "number" && Number.isInteger(author.databaseId)) {
        const type = typeof author.__typename === "string" ? author.__typename : "(unknown)";
        reviewer = { login: typeof author.login === "string" && author.login !== "" ? restLogin(type, author.login) : `(id ${author.databaseId})`, id: author.databaseId, type };
      }
      const entry = { id, reviewer, problem: error.message };
      if (typeof r.submittedAt === "string" && Number.isFinite(Date.parse(r.submittedAt))) entry.submittedAt = r.submittedAt;
      unreadable.push(entry);
    }
  }
  return { reviews, unreadable };
}
async function readTimeline(client, owner, name, number, first) {
  const a = new Answer(`GraphQL timeline of pull request #${number}`);
  return (await allNodes(client, owner, name, number, EVENTS, "timeline events", { first, maxPages: 1e3 })).nodes.map((item, i) => {
    const at = `timelineItems.nodes[${i}]`;
    const node = a.object(item, at);
    const typename = a.text(node.__typename, `${at}.__typename`);
    const event = EVENT_NAMES[typename] ?? a.fail(`${at}.__typename`, Object.keys(EVENT_NAMES).join(", "), typename);
    return {
      id: a.text(node.id, `${at}.id`),
      event,
      actor: account(a, node.actor, `${at}.actor`),
      // Checked where it matters (facts.ts): a time that is not one leaves the moment unknown.
      createdAt: typeof node.createdAt === "string" ? node.createdAt : "",
      ...event === "assigned" ? { assignee: account(a, node.assignee, `${at}.assignee`) } : {}
    };
  });
}

// src/github/octokit-api.ts
var OctokitRepositoryApi = class {
  constructor(client, owner, repo) {
    this.client = client;
    this.owner = owner;
    this.repo = repo;
  }
  client;
  owner;
  repo;
  /** The last pull request read, whose first pages the pull request's other readers start from. */
  read;
  async call(route, params = {}) {
    try {
      const response = await this.client.request(route, { ...this.repository(route), ...params });
      return response.data;
    } catch (error) {
      throw this.failure(route, params, error);
    }
  }
  /** Every page of a list; `perPage` null for the few routes that take no per_page but still page. */
  async list(route, params = {}, perPage = 100) {
    try {
      const items = [];
      for await (const page of this.client.paginate.iterator(route, { ...this.repository(route), ...perPage === null ? {} : { per_page: perPage }, ...params })) {
        if (!Array.isArray(page.data)) throw Object.assign(new Error("the answer is not a list"), { status: page.status });
        items.push(...page.data);
      }
      return items;
    } catch (error) {
      throw this.failure(route, params, error);
    }
  }
  /** The repository's owner and name for routes that name one: Octokit sends unused parameters as a query. */
  repository(route) {
    return route.includes("{owner}") ? { owner: this.owner, repo: this.repo } : {};
  }
  /** 404 is an answer for some calls ("not a collaborator", "no such file"); anything else failed. */
  async callOrMissing(route, params) {
    try {
      return await this.call(route, params);
    } catch (error) {
      if (error instanceof GitHubApiError && error.status === 404) return void 0;
      throw error;
    }
  }
  path(route, params = {}) {
    return route.replace(/\{\+?(\w+)\}/g, (_, key) => {
      const value = params[key] ?? (key === "owner" ? this.owner : key === "repo" ? this.repo : key);
      return typeof value === "string" || typeof value === "number" ? String(value) : key;
    });
  }
  answer(route, params = {}) {
    return new Answer(this.path(route, params));
  }
  failure(route, params, error) {
    return apiError(this.path(route, params), error);
  }
  async defaultBranchHead() {
    return this.read ? defaultBranchOf(this.read.answer, this.owner, this.repo) : readDefaultBranch(this.client, this.owner, this.repo);
  }
  async branchSha(branch) {
    const route = "GET /repos/{owner}/{repo}/branches/{+branch}";
    const params = { branch: urlPath(branch) };
    const data = await this.callOrMissing(route, params);
    if (data === void 0) return void 0;
    const a = this.answer(route, params);
    const answer = a.object(data, "(answer)");
    if (answer.name !== branch) a.fail("name", JSON.stringify(branch), answer.name);
    return a.sha(a.object(answer.commit, "commit").sha, "commit.sha");
  }
  async pull(number) {
    this.read = await readPull(this.client, this.owner, this.repo, number, () => this.restPull(number));
    return this.read.pull;
  }
  async restPull(number) {
    const route = "GET /repos/{owner}/{repo}/pulls/{pull_number}";
    const a = this.answer(route, { pull_number: number });
    const pr = a.object(await this.call(route, { pull_number: number }), "(answer)");
    if (pr.number !== number) a.fail("number", String(number), pr.number);
    const head = a.object(pr.head, "head");
    const headRepo = head.repo === null ? null : a.text(a.object(head.repo, "head.repo").full_name, "head.repo.full_name");
    return { headSha: a.sha(head.sha, "head.sha"), author: a.identity(pr.user, "user"), headRepo };
  }
  /**
   * GraphQL links a commit's author or committer only to a User, so a bot's
   * commits read as unlinked there; REST (up to 250 commits) names the bot.
   */
  async commitPeople(number) {
    const read = await readCommitPeople(this.client, this.owner, this.repo, number, firstPage(this.read, number, COMMITS));
    const unlinked = read.people.filter((p) => p.role !== "co-author" && p.login === void 0);
    if (unlinked.length === 0) return read;
    const route = "GET /repos/{owner}/{repo}/pulls/{pull_number}/commits";
    const a = this.answer(route, { pull_number: number });
    const linked = /* @__PURE__ */ new Map();
    for (const [i, item] of (await this.list(route, { pull_number: number })).entries()) {
      const c = a.object(item, `[${i}]`);
      linked.set(a.sha(c.sha, `[${i}].sha`), { author: a.maybeIdentity(c.author ?? null, `[${i}].author`), committer: a.maybeIdentity(c.committer ?? null, `[${i}].committer`) });
    }
    for (const person2 of unlinked) {
      const user = linked.get(person2.sha)?.[person2.role];
      if (user) Object.assign(person2, { login: user.login, id: user.id });
    }
    return read;
  }
  labelTimeline(number) {
    return readLabelTimeline(this.client, this.owner, this.repo, number);
  }
  /**
   * GraphQL's list, unless it has a rename or copy: only REST names the file
   * it was made from. REST's list is read later and says no head but in its
   * files' URLs: a list of another head (a push since) could name another
   * old path, so it must be of GraphQL's head and list the same files.
   */
  async changedFiles(number) {
    const { files, head } = await readFiles(this.client, this.owner, this.repo, number, firstPage(this.read, number, FILES));
    if (!files.some((f) => f.status === "renamed" || f.status === "copied")) return files;
    const route = "GET /repos/{owner}/{repo}/pulls/{pull_number}/files";
    const a = this.answer(route, { pull_number: number });
    const rest = (await this.list(route, { pull_number: number })).map((item, i) => {
      const f = a.object(item, `[${i}]`);
      const file = { filename: a.text(f.filename, `[${i}].filename`), status: a.text(f.status, `[${i}].status`) };
      if (f.previous_filename !== void 0 || file.status === "renamed" || file.status === "copied") file.previous = a.text(f.previous_filename, `[${i}].previous_filename`);
      const at = file.status === "removed" ? head : refOf(a, f.contents_url, `[${i}].contents_url`);
      if (at !== head) {
        throw new GitHubApiError(`GitHub's REST API lists the changed files of pull request #${number} at ${at.slice(0, 7)}, not at its head ${head.slice(0, 7)}: it moved while plangate read it; the run for the new head decides`);
      }
      return file;
    });
    const changes = (list) => list.map((f) => JSON.stringify([f.filename, f.status === "unchanged" ? "modified" : f.status])).sort().join("\n");
    if (changes(rest) !== changes(files)) throw new GitHubApiError(`GitHub's REST and GraphQL APIs list different changed files of pull request #${number}, so plangate cannot trust either: run again`);
    return rest;
  }
  reviews(number) {
    return readReviews(this.client, this.owner, this.repo, number, firstPage(this.read, number, REVIEWS));
  }
  timeline(number) {
    return readTimeline(this.client, this.owner, this.repo, number, firstPage(this.read, number, EVENTS));
  }
  /** `role_name` of a collaborator; null when GitHub says they are not one (404). */
  async permission(login) {
    const route = "GET /repos/{owner}/{repo}/collaborators/{username}/permission";
    const data = await this.callOrMissing(route, { username: login });
    if (data === void 0) return { roleName: null, canPush: false };
    const a = this.answer(route, { username: login });
    const answer = a.object(data, "(answer)");
    const roleName = answer.role_name === void 0 ? a.text(answer.permission, "permission") : a.text(answer.role_name, "role_name");
    const user = answer.user === void 0 || answer.user === null ? {} : a.object(answer.user, "user");
    const permissions = user.permissions === void 0 ? {} : a.object(user.permissions, "user.permissions");
    return { roleName, canPush: permissions.push === true };
  }
  async teamMembers(team, logins) {
    const [org, slug] = team.includes("/") ? team.split("/", 2) : [this.owner, team];
    try {
      await this.client.request("GET /orgs/{org}/teams/{team_slug}", { org, team_slug: slug });
    } catch (error) {
      const status = error.status;
      if (status === 404 || status === 403) {
        throw new GitHubApiError(
          `GitHub API /orgs/${org}/teams/${slug} answered ${status}: plangate cannot read team ${org}/${slug}, so it cannot tell who may approve; give plangate a token that can read organization members (a GitHub App with Members: read, or a PAT with read:org) in the github-token input, or fix the team name`,
          status
        );
      }
      throw this.failure("GET /orgs/{org}/teams/{team_slug}", { org, team_slug: slug }, error);
    }
    const members = /* @__PURE__ */ new Set();
    for (const login of logins) {
      const route = "GET /orgs/{org}/teams/{team_slug}/memberships/{username}";
      const params = { org, team_slug: slug, username: login };
      const data = await this.callOrMissing(route, params);
      if (data === void 0) continue;
      const state = this.answer(route, params).text(this.answer(route, params).object(data, "(answer)").state, "state");
      if (state === "active") members.add(login.toLowerCase());
    }
    return members;
  }
  async issueEvents(number) {
    const route = "GET /repos/{owner}/{repo}/issues/{issue_number}/events";
    const a = this.answer(route, { issue_number: number });
    return (await this.list(route, { issue_number: number })).map((item, i) => {
      const e = a.object(item, `[${i}]`);
      return {
        nodeId: a.text(e.node_id, `[${i}].node_id`),
        event: a.text(e.event, `[${i}].event`),
        actor: a.maybeIdentity(e.actor, `[${i}].actor`),
        // Checked where it matters: a bad time on an unrelated event must not stop the run.
        createdAt: typeof e.created_at === "string" ? e.created_at : "",
        viaApp: e.performed_via_github_app === void 0 ? void 0 : e.performed_via_github_app !== null,
        ...typeof e.label === "object" && e.label !== null && typeof e.label.name === "string" ? { label: e.label.name } : {}
      };
    });
  }
  /** A branch's whole activity: who pushed to it, and what made it point where it points now. */
  async refActivity(repository, ref) {
    const [owner, repo] = repository.split("/");
    const route = "GET /repos/{owner}/{repo}/activity";
    const params = { owner, repo, ref: `refs/heads/${ref}`, direction: "desc" };
    const a = this.answer(route, params);
    return (await this.list(route, params)).map((item, i) => {
      const e = a.object(item, `[${i}]`);
      return {
        before: a.string(e.before, `[${i}].before`),
        after: a.string(e.after, `[${i}].after`),
        timestamp: a.string(e.timestamp, `[${i}].timestamp`),
        type: a.text(e.activity_type, `[${i}].activity_type`),
        actor: a.maybeIdentity(e.actor ?? null, `[${i}].actor`)
      };
    });
  }
  async publicEmail(login) {
    const route = "GET /users/{username}";
    const a = this.answer(route, { username: login });
    const user = a.object(await this.call(route, { username: login }), "(answer)");
    return user.email === null || user.email === void 0 ? null : a.string(user.email, "email");
  }
  /**
   * An email is verified on at most one account, and GitHub links every
   * commit with that email to it: the newest commit of the default branch
   * authored with the email names the account, if any.
   */
  async emailAccounts(email) {
    const route = "GET /repos/{owner}/{repo}/commits";
    const params = { author: email, per_page: 1 };
    const a = this.answer(route, params);
    const commits = a.list(await this.call(route, params), "(answer)");
    return commits.flatMap((item, i) => {
      const author = a.maybeIdentity(a.object(item, `[${i}]`).author ?? null, `[${i}].author`);
      return author ? [{ email, login: author.login, id: author.id }] : [];
    });
  }
  /**
   * Every open pull request, filtered by head: the commit's own pulls list
   * names only the merged one when the commit is on the default branch.
   */
  async openPullsWithHead(sha) {
    const route = "GET /repos/{owner}/{repo}/pulls";
    const a = this.answer(route, { state: "open" });
    return (await this.list(route, { state: "open" })).flatMap((item, i) => {
      const p = a.object(item, `[${i}]`);
      const number = a.count(p.number, `[${i}].number`);
      const open = a.text(p.state, `[${i}].state`) === "open";
      return open && a.sha(a.object(p.head, `[${i}].head`).sha, `[${i}].head.sha`) === sha ? [{ number, baseRef: a.text(a.object(p.base, `[${i}].base`).ref, `[${i}].base.ref`) }] : [];
    });
  }
  async fileAt(path, ref) {
    const route = "GET /repos/{owner}/{repo}/contents/{+path}";
    const data = await this.callOrMissing(route, { path: urlPath(path), ref });
    if (data === void 0) return void 0;
    const where = `/repos/${this.owner}/${this.repo}/contents/${path} at ${ref.slice(0, 7)}`;
    const kind = Array.isArray(data) ? "a directory" : typeof data === "object" && data !== null ? String(data.type) : typeof data;
    if (kind !== "file") throw new GitHubApiError(`GitHub API ${where} is not a file (${kind}): plangate cannot read it`);
    const { encoding, content, path: answered } = data;
    if (answered !== path) throw new GitHubApiError(`GitHub API ${where} answered for ${JSON.stringify(answered)}, another path: plangate cannot read it`);
    if (encoding !== "base64" || typeof content !== "string") throw new GitHubApiError(`GitHub API ${where} returned no inline content (a file over 1 MB?): plangate cannot read it`);
    return Buffer.from(content, "base64").toString("utf8");
  }
  async entriesAt(path, ref) {
    const route = "GET /repos/{owner}/{repo}/contents/{+path}";
    const data = await this.callOrMissing(route, { path: urlPath(path), ref });
    if (data === void 0) return void 0;
    const a = this.answer(route, { path, ref });
    return a.list(data, "(answer: a directory listing)").map((item, i) => {
      const e = a.object(item, `[${i}]`);
      const entry = { path: a.text(e.path, `[${i}].path`), type: a.text(e.type, `[${i}].type`) };
      if (entry.path.slice(0, entry.path.lastIndexOf("/") + 1) !== (path === "" ? "" : `${path}/`)) a.fail(`[${i}].path`, `an entry of ${JSON.stringify(path || "/")}`, entry.path);
      return entry;
    });
  }
  async comments(number) {
    const route = "GET /repos/{owner}/{repo}/issues/{issue_number}/comments";
    const a = this.answer(route, { issue_number: number });
    return (await this.list(route, { issue_number: number })).map((item, i) => {
      const c = a.object(item, `[${i}]`);
      return { id: a.count(c.id, `[${i}].id`), body: typeof c.body === "string" ? c.body : "", user: a.maybeIdentity(c.user, `[${i}].user`) };
    });
  }
  async createComment(number, body) {
    const route = "POST /repos/{owner}/{repo}/issues/{issue_number}/comments";
    const a = this.answer(route, { issue_number: number });
    return a.count(a.object(await this.call(route, { issue_number: number, body }), "(answer)").id, "id");
  }
  async updateComment(id, body) {
    await this.call("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", { comment_id: id, body });
  }
  async setStatus(sha, status) {
    const route = "POST /repos/{owner}/{repo}/statuses/{sha}";
    const a = this.answer(route, { sha });
    const created = a.object(await this.call(route, { sha, ...status }), "(answer)");
    if (created.state !== status.state) a.fail("state", JSON.stringify(status.state), created.state);
    return created.creator === void 0 || created.creator === null ? void 0 : a.identity(created.creator, "creator");
  }
  async statuses(sha) {
    const route = "GET /repos/{owner}/{repo}/commits/{ref}/statuses";
    const a = this.answer(route, { ref: sha });
    return (await this.list(route, { ref: sha })).map((item, i) => {
      const s = a.object(item, `[${i}]`);
      return {
        id: a.count(s.id, `[${i}].id`),
        state: a.text(s.state, `[${i}].state`),
        context: a.string(s.context, `[${i}].context`),
        creator: a.maybeIdentity(s.creator ?? null, `[${i}].creator`),
        createdAt: a.string(s.created_at, `[${i}].created_at`),
        targetUrl: typeof s.target_url === "string" ? s.target_url : null
      };
    });
  }
};
function refOf(a, url, field) {
  return a.sha(/^https?:\/\/[^?#]*\?(?:.*&)?ref=([^&?#]*)$/.exec(a.text(url, field))?.[1] ?? null, `${field} ref`);
}
function urlPath(path) {
  return path.split("/").map(encodeURIComponent).join("/");
}

// src/github/decision-api.ts
var COMMENTS_QUERY = `query($owner: String!, $name: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      comments(first: 100, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { body lastEditedAt author { __typename login } editor { __typename login } }
      }
    }
  }
}`;
var MAX_COMMENT_PAGES = 50;
var MAX_COMPARE_PAGES = 10;
var RestDecisionApi = class extends OctokitRepositoryApi {
  async tokenLogin() {
    try {
      const route = "GET /user";
      const a = this.answer(route);
      return a.text(a.object(await this.call(route), "(answer)").login, "login");
    } catch (error) {
      if (error instanceof GitHubApiError && error.status === 403) return void 0;
      throw error;
    }
  }
  async commitPulls(sha) {
    const route = "GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls";
    const a = this.answer(route, { commit_sha: sha });
    return (await this.list(route, { commit_sha: sha })).map((item, i) => {
      const p = a.object(item, `[${i}]`);
      return {
        number: a.count(p.number, `[${i}].number`),
        state: a.text(p.state, `[${i}].state`),
        headSha: a.sha(a.object(p.head, `[${i}].head`).sha, `[${i}].head.sha`),
        baseRef: a.text(a.object(p.base, `[${i}].base`).ref, `[${i}].base.ref`),
        mergedAt: p.merged_at === null ? null : a.time(p.merged_at, `[${i}].merged_at`),
        mergeCommitSha: p.merge_commit_sha === null || p.merge_commit_sha === void 0 ? null : a.sha(p.merge_commit_sha, `[${i}].merge_commit_sha`)
      };
    });
  }
  async commitsBetween(base, head) {
    const route = "GET /repos/{owner}/{repo}/compare/{basehead}";
    const params = { basehead: `${base}...${head}` };
    const a = this.answer(route, params);
    const shas = [];
    for (let page = 1; page <= MAX_COMPARE_PAGES; page++) {
      const answer = a.object(await this.call(route, { ...params, per_page: 100, page }), "(answer)");
      const status = a.text(answer.status, "status");
      if (status !== "ahead" && status !== "identical") throw new GitHubApiError(`GitHub says ${head.slice(0, 7)} is ${status} of ${base.slice(0, 7)}, not ahead of it: the merge group is not built on its base`);
      const total = a.count(answer.total_commits, "total_commits");
      const commits = a.list(answer.commits, "commits");
      for (const [i, c] of commits.entries()) shas.push(a.sha(a.object(c, `commits[${i}]`).sha, `commits[${i}].sha`));
      if (shas.length === total && new Set(shas).size === total) return shas;
      if (commits.length === 0 || shas.length > total) break;
    }
    throw new GitHubApiError(`GitHub's comparison of ${base.slice(0, 7)}...${head.slice(0, 7)} lists ${shas.length} commits but counts others (at most ${MAX_COMPARE_PAGES * 100} are read), so plangate cannot tell which pull requests are in the merge group: make the merge queue's groups smaller`);
  }
  async editedComments(number) {
    const comments = [];
    let after = null;
    for (let page = 0; page < MAX_COMMENT_PAGES; page++) {
      const a = await query(this.client, "pull request comments", COMMENTS_QUERY, { owner: this.owner, name: this.repo, number, after });
      const connection = a.object(pullRequest(a, this.owner, this.repo, number).comments, "pullRequest.comments");
      const total = a.count(connection.totalCount, "comments.totalCount");
      for (const [i, item] of a.list(connection.nodes, "comments.nodes").entries()) {
        const c = a.object(item, `comments.nodes[${i}]`);
        const edited = c.lastEditedAt !== null && Boolean(a.time(c.lastEditedAt, `comments.nodes[${i}].lastEditedAt`));
        comments.push({ body: a.string(c.body, `comments.nodes[${i}].body`), author: actorLogin(a, c.author, `comments.nodes[${i}].author`), edited, editor: actorLogin(a, c.editor, `comments.nodes[${i}].editor`) });
      }
      const info = a.object(connection.pageInfo, "comments.pageInfo");
      if (info.hasNextPage !== true) {
        if (comments.length !== total) throw new GitHubApiError(`GitHub GraphQL lists ${comments.length} comments of pull request #${number} but counts ${total}: plangate cannot be sure which is its own; run again`);
        return comments;
      }
      after = a.text(info.endCursor, "comments.pageInfo.endCursor");
    }
    throw new GitHubApiError(`pull request #${number} has more than ${MAX_COMMENT_PAGES * 100} comments: plangate reads no further, so it cannot be sure which is its own`);
  }
  async matchingRefs(prefix) {
    const route = "GET /repos/{owner}/{repo}/git/matching-refs/{+ref}";
    const ref = prefix.replace(/^refs\//, "").replace(/\/+$/, "");
    const params = { ref: ref.split("/").map(encodeURIComponent).join("/") };
    const a = this.answer(route, params);
    const refs = a.list(await this.list(route, params, null), "(answer)").map((item, i) => {
      const r = a.object(item, `[${i}]`);
      const name = a.text(r.ref, `[${i}].ref`);
      if (!name.startsWith(`refs/${ref}`)) a.fail(`[${i}].ref`, `a ref under refs/${ref}`, name);
      return { ref: name, sha: a.sha(a.object(r.object, `[${i}].object`).sha, `[${i}].object.sha`) };
    });
    return refs.filter((r) => r.ref.startsWith(prefix));
  }
};
function actorLogin(a, value, field) {
  if (value === null || value === void 0) return null;
  const actor = a.object(value, field);
  return restLogin(actor.__typename, a.text(actor.login, `${field}.login`));
}

// src/approval/record.ts
import { createHash } from "node:crypto";
var MAX_RECORD_LENGTH = 24e3;
var PREFIX = "<!-- plangate-record:v1 ";
var SUFFIX = " -->";
function canonicalChanges(changes) {
  const byKey = /* @__PURE__ */ new Map();
  for (const change of changes) byKey.set(JSON.stringify(change), [change[0], change[1], change[2]]);
  return [...byKey.keys()].sort(compare).map((key) => byKey.get(key));
}
function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function protectedChanges(findings) {
  return canonicalChanges(findings.map((f) => [f.file, f.address, f.action]));
}
function changesDigest(changes) {
  return createHash("sha256").update(JSON.stringify(canonicalChanges(changes))).digest("hex");
}
function decisionRecord(result) {
  const changes = protectedChanges(result.findings);
  const { outcome } = result;
  const by = outcome.decision === "overridden" ? [outcome.overriddenBy?.login ?? ""] : outcome.decision === "approved" ? outcome.approvedBy.map((a) => a.login) : [];
  const record = { version: 1, head: result.headSha, decision: outcome.decision, by, digest: changesDigest(changes), count: changes.length, changes };
  if (result.base?.sha) record.base = { ref: result.base.ref, sha: result.base.sha, protected: result.base.protected };
  return record;
}
function encodeRecord(record) {
  const full = `${PREFIX}${Buffer.from(JSON.stringify(record)).toString("base64url")}${SUFFIX}`;
  if (full.length <= MAX_RECORD_LENGTH || record.changes === void 0) return full;
  const { changes: _left, ...digestOnly } = record;
  return encodeRecord(digestOnly);
}
function decodeRecord(text) {
  if (!text.startsWith(PREFIX)) return void 0;
  const end = text.indexOf(SUFFIX, PREFIX.length);
  if (end < 0 || end > MAX_RECORD_LENGTH) return void 0;
  const encoded = text.slice(PREFIX.length, end);
  if (!/^[A-Za-z0-9_-]*$/.test(encoded)) return void 0;
  let value;
  try {
    value = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8"));
  } catch {
    return void 0;
  }
  return readRecord(value);
}
var DECISIONS = ["pass", "approved", "overridden", "blocked", "error"];
function readRecord(value) {
  if (!isObject(value) || value.version !== 1) return void 0;
  const { head, base, decision, by, digest, count, changes } = value;
  if (typeof head !== "string" || typeof digest !== "string" || !/^[0-9a-f]{64}$/.test(digest)) return void 0;
  if (!DECISIONS.includes(decision) || !Array.isArray(by) || !by.every((b) => typeof b === "string")) return void 0;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 0) return void 0;
  const record = { version: 1, head, decision, by, digest, count };
  if (base !== void 0) {
    if (!isObject(base) || typeof base.ref !== "string" || typeof base.sha !== "string" || typeof base.protected !== "boolean") return void 0;
    record.base = { ref: base.ref, sha: base.sha, protected: base.protected };
  }
  if (changes !== void 0) {
    if (!Array.isArray(changes) || !changes.every((c) => Array.isArray(c) && c.length === 3 && c.every((part) => typeof part === "string"))) return void 0;
    const list = canonicalChanges(changes);
    if (list.length !== count || changesDigest(list) !== digest) return void 0;
    record.changes = list;
  }
  return record;
}
function recordProblem(record, head) {
  if (record.head !== head) return `its decision is for ${record.head.slice(0, 7)}, not the head ${head.slice(0, 7)} that was merged: the last head was never decided`;
  if (record.decision === "blocked" || record.decision === "error") return `its last decision was ${record.decision}`;
  if (!record.base) return "its decision does not say which base it was made for";
  if (!record.base.protected) return `its decision was made for the base ${record.base.ref}, which is not a protected base`;
  return void 0;
}
function unapproved(applied, records) {
  const changes = canonicalChanges(applied);
  if (changes.length === 0) return [];
  const digest = changesDigest(changes);
  if (records.some((r) => r.changes === void 0 && r.digest === digest)) return [];
  const approved = new Set(records.flatMap((r) => (r.changes ?? []).map((c) => JSON.stringify(c))));
  return changes.filter((c) => !approved.has(JSON.stringify(c)));
}
function describeChange([file, address, action]) {
  return `${file}: ${address} (${action})`;
}

// src/report/gate.ts
function commentMarker(statusContext) {
  return `<!-- plangate:${statusContext.replace(/-->/g, "")} -->`;
}
function commentRecord(body, statusContext) {
  const marker = commentMarker(statusContext);
  return body.startsWith(`${marker}
`) ? decodeRecord(body.slice(marker.length + 1)) : void 0;
}
var ICON = { pass: "✅", approved: "✅", overridden: "⚠️", blocked: "⛔", error: "⚠️" };
var PASSING = /* @__PURE__ */ new Set(["pass", "approved", "overridden"]);
function isPassing(decision) {
  return PASSING.has(decision);
}
function earnsSuccess({ outcome, base }) {
  return isPassing(outcome.decision) && base?.protected === true;
}
function statusDescription({ analysis, outcome, base }) {
  const n = analysis.findings.length;
  const text = {
    pass: "nothing protected is lost",
    approved: `${n} protected change${n === 1 ? "" : "s"} approved by ${outcome.approvedBy.map((a) => a.login).join(", ")}`,
    overridden: `overridden by ${outcome.overriddenBy?.login ?? "?"}`,
    blocked: `${n} protected change${n === 1 ? "" : "s"}: needs approval by someone who did not author it`,
    error: `cannot decide: ${outcome.errors[0] ?? analysis.errors[0] ?? "see the job log"}`
  }[outcome.decision];
  const said = isPassing(outcome.decision) && base?.protected !== true ? `${outcome.decision} into ${base?.ref ?? "an unknown base"}, not a protected base: no success` : text;
  return [...said].length <= 140 ? said : `${[...said].slice(0, 139).join("")}…`;
}
function renderGateComment(report) {
  const { outcome } = report;
  const head = [commentMarker(report.statusContext), ...report.record ? [encodeRecord(report.record)] : [], `## ${ICON[outcome.decision]} plangate: ${verdict(report)}`, ""];
  if (outcome.errors.length > 0) {
    head.push("**plangate could not decide** — each problem fails the check:", "");
    head.push(...bullets(outcome.errors, 20, (e) => escapeText(clip(e, MAX_SHOWN.error))), "");
  }
  if (outcome.decision === "blocked" && outcome.missing.length > 0) {
    head.push("**Still needed** (approvals count only on the current head commit):", "");
    head.push(...bullets(outcome.missing, 20, (m) => escapeText(clip(m, MAX_SHOWN.text))), "");
  }
  if (outcome.ignored.length > 0) {
    head.push("<details><summary>Approvals and labels that did not count</summary>", "");
    head.push(...bullets(outcome.ignored, 50, (i) => escapeText(clip(i, MAX_SHOWN.text))), "", "</details>", "");
  }
  for (const warning of report.warnings ?? []) head.push(`> [!WARNING]
> ${escapeText(clip(warning, MAX_SHOWN.text))}`, "");
  if (report.base && !report.base.protected && isPassing(outcome.decision)) {
    head.push(
      `> [!NOTE]
> The base \`${escapeText(report.base.ref)}\` is not a protected base, so plangate posts no success for this pull request: its author could have picked the base. Into the default branch, or a base listed under \`protected-bases\` in the config, it would.`,
      ""
    );
  }
  if (report.rules) head.push(`<sub>${rulesLine(report.rules)}</sub>`, "");
  if (report.runUrl) head.push(`<sub>[This run](${report.runUrl}) · the \`${escapeText(report.statusContext)}\` status on the head commit says the same.</sub>`, "");
  const top = `${head.join("\n")}
`;
  const above = new Set(outcome.errors);
  const analysis = above.size === 0 ? report.analysis : { ...report.analysis, errors: report.analysis.errors.filter((e) => !above.has(e)) };
  const body = renderMarkdown(analysis, {
    maxLength: (report.maxLength ?? GITHUB_COMMENT_LIMIT) - top.length - 16,
    namedLimit: report.maxLength ?? GITHUB_COMMENT_LIMIT,
    fullReportHint: report.fullReportHint ?? "the job summary of this run",
    title: `### What the plans change: ${escapeText(describePlans(report.analysis))}`
  });
  return `${top}${body}`;
}
function rulesLine(rules) {
  const at = `\`${escapeText(rules.branch)}\` at \`${rules.sha.slice(0, 7)}\``;
  const missing = (rules.searched ?? [rules.path]).map((path) => `\`${escapeText(path)}\``).join(" or ");
  return rules.found ? `Rules: \`${escapeText(rules.path)}\` on ${at}.` : `Rules: the built-in \`recommended\` pack (no ${missing} on ${at}).`;
}
function describePlans(analysis) {
  if (analysis.findings.length > 0) return describeFindings(analysis.findings);
  return analysis.errors.length > 0 ? "unknown, plangate could not read every plan" : "nothing protected is lost";
}
function verdict({ analysis, outcome }) {
  switch (outcome.decision) {
    case "pass":
      return "pass: nothing protected is deleted, replaced, forgotten or unguarded";
    case "approved":
      return `approved by ${outcome.approvedBy.map((a) => `@${a.login}`).join(", ")}`;
    case "overridden":
      return `overridden by @${outcome.overriddenBy?.login ?? "?"} at ${outcome.overriddenBy?.at ?? "?"} (override label)`;
    case "blocked":
      return `blocked: ${plural(analysis.findings.length, "protected change")} need${analysis.findings.length === 1 ? "s" : ""} approval by someone who did not author them`;
    case "error":
      return "error: plangate could not decide, so the check fails";
  }
}
function bullets(items, max, show) {
  const lines = items.slice(0, max).map((item) => `- ${show(item)}`);
  if (items.length > max) lines.push(`- … and ${thousands(items.length - max)} more`);
  return lines;
}

// src/github/listings.ts
var LISTING_CAP = 1e3;
async function confirmAbsent(api, path, ref, where, listings = /* @__PURE__ */ new Map()) {
  const child = await listedAt(api, path, ref, where, listings);
  if (child !== void 0) throw listedButMissing(child, where);
}
function listedButMissing(path, where) {
  return new GitHubApiError(`GitHub lists ${path} at ${where} but answers 404 for it: plangate cannot read it; run again, and check that the token has contents: read`);
}
async function listedAt(api, path, ref, where, listings = /* @__PURE__ */ new Map()) {
  const parts = path.replace(/^\.\//, "").split("/").filter((p) => p !== "" && p !== ".");
  let dir = "";
  for (const [i, part] of parts.entries()) {
    let listing = listings.get(dir);
    if (!listing) listings.set(dir, listing = api.entriesAt(dir, ref));
    const entries = await listing;
    if (entries === void 0) {
      throw new GitHubApiError(
        dir === "" ? `GitHub answered 404 for the files of ${where}, so plangate cannot tell whether ${path} exists: the token needs contents: read` : `GitHub answered 404 for ${dir} at ${where} although its parent lists it, so plangate cannot tell whether ${path} exists: run again`
      );
    }
    const child = dir === "" ? part : `${dir}/${part}`;
    const entry = entries.find((e) => e.path === child);
    if (!entry) {
      if (entries.length >= LISTING_CAP) throw capped(dir, entries, where, path);
      return void 0;
    }
    if (i === parts.length - 1) return child;
    if (entry.type === "file") return void 0;
    if (entry.type !== "dir") throw new GitHubApiError(`${child} at ${where} is a ${entry.type}: plangate does not follow it to read ${path}; make it a directory`);
    dir = child;
  }
  return void 0;
}
async function listDirectory(api, dir, ref, where) {
  const path = dir === "." ? "" : dir;
  const entries = await api.entriesAt(path, ref);
  if (entries === void 0) {
    await confirmAbsent(api, path, ref, where);
    return [];
  }
  if (entries.length >= LISTING_CAP) throw capped(path, entries, where, `the Terraform files of ${path || "the root"}`);
  return entries;
}
function capped(dir, entries, where, what) {
  return new GitHubApiError(
    `GitHub lists ${entries.length} entries of ${dir || "the root directory"} at ${where} and stops at ${LISTING_CAP.toLocaleString("en-US")}, so plangate cannot be sure it saw ${what}: move files into subdirectories`
  );
}

// src/github/rules-source.ts
async function readRules(api, options) {
  const head = await api.defaultBranchHead();
  const defaultBranch = head.name;
  const branch = options.ref ?? defaultBranch;
  const sha = options.ref === void 0 ? head.sha : await api.branchSha(branch);
  if (sha === void 0) {
    if (options.ref !== void 0) throw new InputError("config-ref", `no branch ${JSON.stringify(branch)} in ${api.owner}/${api.repo}: name the protected branch plangate reads its config from, or leave the input out to use the default branch`);
    throw new GitHubApiError(`GitHub answered 404 for the default branch ${JSON.stringify(branch)} of ${api.owner}/${api.repo}: plangate cannot read its config; check that the token has contents: read`);
  }
  const where = `${branch} (${sha.slice(0, 7)})`;
  const searched = configPaths(options.path);
  const texts = /* @__PURE__ */ new Map();
  const listings = /* @__PURE__ */ new Map();
  for (const path2 of searched) {
    const listed = await listedAt(api, path2, sha, where, listings);
    if (listed === void 0) continue;
    const text2 = await api.fileAt(path2, sha);
    if (text2 === void 0) throw listedButMissing(listed, where);
    texts.set(path2, text2);
  }
  const path = oneConfig([...texts.keys()], ` on ${where}`);
  const text = path === void 0 ? void 0 : texts.get(path);
  const ruleSet = path === void 0 || text === void 0 ? { ...defaultRuleSet(), overrideLabel: options.overrideLabel } : await parseConfig(text, `${path} (on ${where})`, { overrideLabel: options.overrideLabel });
  return { ruleSet, source: { path: path ?? searched[0], searched, branch, sha, found: path !== void 0 }, defaultBranch };
}

// src/github/verify.ts
var Refusal = class extends Error {
  constructor(message) {
    super(message);
    this.name = "Refusal";
  }
};
async function recordedDecision(api, number, source) {
  const marker = commentMarker(source.statusContext);
  const comments = await api.editedComments(number);
  const isPoster = (login) => login !== null && login.toLowerCase() === source.poster.toLowerCase();
  const ours = comments.find((c) => isPoster(c.author) && c.body.includes(marker));
  if (!ours) {
    const others = comments.filter((c) => c.body.includes(marker)).length;
    throw new Refusal(
      `pull request #${number} has no decision recorded by ${source.poster}${others > 0 ? ` (${others} comment${others === 1 ? "" : "s"} by others carry plangate's marker and are ignored)` : ""}: run the gate with \`comment: always\` so every decision is recorded, and give verify the account the gate posts as`
    );
  }
  if (ours.edited && ours.editor === null) {
    throw new Refusal(`plangate's comment on pull request #${number} was last edited by an account GitHub no longer names, not ${source.poster}, so its record is not plangate's: re-run the gate on the pull request's head`);
  }
  if (ours.editor !== null && !isPoster(ours.editor)) {
    throw new Refusal(`plangate's comment on pull request #${number} was last edited by ${ours.editor}, not ${source.poster}, so its record is not plangate's: re-run the gate on the pull request's head`);
  }
  const record = commentRecord(ours.body, source.statusContext);
  if (!record) throw new Refusal(`plangate's comment on pull request #${number} holds no readable decision record: re-run the gate on its head with this version of plangate`);
  return record;
}
async function protectedChangesOf(api, check) {
  const { ruleSet } = await readRules(api, { ...check.config ? { path: check.config } : {}, overrideLabel: check.overrideLabel });
  const analysis = await checkPlans(check.plans, ruleSet);
  return { analysis, changes: protectedChanges(analysis.findings) };
}
async function verifyCommit(api, commit, source, check) {
  const short = commit.slice(0, 7);
  const merged = (await api.commitPulls(commit)).filter((p) => p.mergedAt !== null && p.mergeCommitSha === commit);
  if (merged.length === 0) throw new Refusal(`no merged pull request has ${short} as its merge commit, so no human approved what it applies: deploy commits that a pull request merged`);
  if (merged.length > 1) throw new Refusal(`pull requests ${merged.map((p) => `#${p.number}`).join(", ")} all name ${short} as their merge commit: plangate cannot tell whose decision applies`);
  const pr = merged[0];
  const record = await recordedDecision(api, pr.number, source);
  const problem = recordProblem(record, pr.headSha);
  if (problem) throw new Refusal(`pull request #${pr.number} (merged as ${short}) approved nothing: ${problem}`);
  if (record.base?.ref !== pr.baseRef) throw new Refusal(`pull request #${pr.number} was decided for the base ${record.base?.ref ?? "?"} but merged into ${pr.baseRef}: its decision does not cover this merge`);
  const { analysis, changes } = await protectedChangesOf(api, check);
  if (analysis.decision === "error") return { analysis, changes, by: [], message: "" };
  const missing = unapproved(changes, [record]);
  if (missing.length > 0) throw new Refusal(notApproved(missing, `pull request #${pr.number}'s ${describeRecord(record)}`));
  const what = changes.length === 0 ? "nothing protected is lost" : `${changes.length} protected change${changes.length === 1 ? "" : "s"}, each approved`;
  return { analysis, changes, by: record.by, message: `${what}: pull request #${pr.number} merged as ${short}, ${describeRecord(record)}` };
}
function approversByLogin(logins) {
  return [...new Set(logins)].map((login) => ({ login, id: 0 }));
}
function notApproved(missing, decided) {
  const [first] = missing;
  const more = missing.length > 1 ? ` and ${missing.length - 1} more` : "";
  return `not approved: ${describeChange(first)}${more}: ${decided} did not cover ${missing.length === 1 ? "it" : "them"}`;
}
function describeRecord(record) {
  const who = record.by.length > 0 ? ` by ${record.by.join(", ")}` : "";
  const listed = record.changes === void 0 ? ` (${record.count} changes, recorded by digest only: only the same set verifies)` : "";
  return `decision ${record.decision}${who} on ${record.head.slice(0, 7)}${listed}`;
}

// src/plan/label.ts
import { relative, resolve, sep } from "node:path";
function planLabel(path, cwd = process.cwd()) {
  return relative(cwd, resolve(cwd, path)).split(sep).join("/");
}

export {
  RETARGETS,
  GitHubApiError,
  isTime,
  Answer,
  apiError,
  OctokitRepositoryApi,
  RestDecisionApi,
  decisionRecord,
  recordProblem,
  unapproved,
  commentMarker,
  commentRecord,
  isPassing,
  earnsSuccess,
  statusDescription,
  renderGateComment,
  listedAt,
  listDirectory,
  readRules,
  Refusal,
  recordedDecision,
  protectedChangesOf,
  verifyCommit,
  approversByLogin,
  notApproved,
  planLabel
};
