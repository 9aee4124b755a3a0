// The resolvers graphql-js runs for GitHub's GraphQL schema: plain objects
// whose function-valued fields take the field's arguments; `__typename` picks
// the type of an interface or union value.
import { authorAssociation, commitParents, findUser, linkedUser, nodeId, repoHtml } from './context.js';
import { ownerUser } from './shapes.js';
import { BASE_TIME, labelById, labelByName, parseCoAuthors } from './state.js';
import type { FakeCommit, FakeLabel, FakePull, FakeUser, GitHubState, GitIdentity } from './types.js';

/** Issue events the timeline answers, by REST's name (each is `<Name>Event` in PullRequestTimelineItems). */
const TIMELINE_EVENTS = new Set(['labeled', 'unlabeled', 'reopened', 'head_ref_force_pushed', 'head_ref_restored', 'base_ref_changed', 'automatic_base_change_succeeded', 'base_ref_force_pushed', 'assigned']);

/** Thrown by a resolver: the field becomes null and the error is reported with its type and path. */
export class FieldError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** A GraphQL object: `__typename` plus fields, each a value or a resolver of the field's arguments. */
interface GqlObject {
  __typename: string;
  [field: string]: unknown;
}

type Args = Record<string, unknown>;

function cursorOf(position: number): string {
  return Buffer.from(String(position)).toString('base64').replace(/=+$/, '');
}

function positionOf(cursor: unknown): number {
  const text = typeof cursor === 'string' ? Buffer.from(cursor, 'base64').toString('utf8') : '';
  if (!/^\d+$/.test(text)) throw new FieldError('INVALID_CURSOR_ARGUMENTS', `\`${String(cursor)}\` does not appear to be a valid cursor.`);
  return Number(text);
}

/** A connection with GitHub's pagination rules: first or last required, at most 100. */
function connection<T>(typeName: string, field: string, items: T[], args: Args, toNode: (item: T, index: number) => unknown): GqlObject {
  const first = typeof args.first === 'number' ? args.first : undefined;
  const last = typeof args.last === 'number' ? args.last : undefined;
  if (first === undefined && last === undefined) {
    throw new FieldError('MISSING_PAGINATION_BOUNDARIES', `You must provide a \`first\` or \`last\` value to properly paginate the \`${field}\` connection.`);
  }
  for (const [arg, n] of [['first', first], ['last', last]] as const) {
    if (n !== undefined && n > 100) throw new FieldError('EXCESSIVE_PAGINATION', `Requesting ${n} records on the \`${field}\` connection exceeds the \`${arg}\` limit of 100 records.`);
    if (n !== undefined && n < 0) throw new FieldError('INVALID_PAGINATION', `\`${arg}\` on the \`${field}\` connection cannot be less than zero.`);
  }
  let start = args.after !== undefined && args.after !== null ? positionOf(args.after) : 0;
  let end = args.before !== undefined && args.before !== null ? positionOf(args.before) - 1 : items.length;
  end = Math.min(end, items.length);
  const windowStart = start;
  const windowEnd = end;
  if (first !== undefined) end = Math.min(end, start + first);
  if (last !== undefined) start = Math.max(start, end - last);
  const edges = items.slice(start, end).map((item, i) => ({ __typename: typeName.replace(/Connection$/, 'Edge'), cursor: cursorOf(start + i + 1), node: toNode(item, start + i) }));
  return {
    __typename: typeName,
    totalCount: items.length,
    pageInfo: {
      __typename: 'PageInfo',
      hasNextPage: end < windowEnd,
      hasPreviousPage: start > windowStart,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    edges,
    nodes: edges.map((e) => e.node),
  };
}

export function buildRoot(state: GitHubState, rateUsed: number, rateReset: number): GqlObject {
  const htmlRepo = repoHtml(state);
  const userNode = (user: FakeUser): GqlObject => {
    const node: GqlObject = {
      __typename: user.type,
      id: nodeId(user.type, user.id),
      databaseId: user.id,
      login: user.login,
      url: user.type === 'Bot' ? `https://github.com/apps/${user.login.replace(/\[bot\]$/, '')}` : `https://github.com/${user.login}`,
      resourcePath: `/${user.login}`,
      avatarUrl: `https://avatars.githubusercontent.com/${user.type === 'Bot' ? 'in' : 'u'}/${user.id}?v=4`,
    };
    if (user.type !== 'Bot') {
      node.name = user.name ?? null;
      // The public profile email, as REST's GET /users/{username}; empty when not public.
      node.email = user.publicEmail ?? '';
    }
    return node;
  };
  const labelNode = (label: FakeLabel): GqlObject => ({
    __typename: 'Label',
    id: nodeId('Label', label.id),
    name: label.name,
    color: state.labelColors[label.name] ?? 'ededed',
    createdAt: label.created_at,
    updatedAt: label.updated_at,
  });
  // An Actor: GraphQL names a bot without REST's `[bot]`; a deleted account is null.
  const actorNode = (login: string): GqlObject | null => {
    const user = findUser(state, login);
    if (!user) return null;
    const node = userNode(user);
    return user.type === 'Bot' ? { ...node, login: user.login.replace(/\[bot\]$/, '') } : node;
  };
  // GitActor.user is a User: a bot's (or an organization's) commits link to no User.
  const gitActor = (identity: GitIdentity, user: FakeUser | null): GqlObject => ({
    __typename: 'GitActor',
    name: identity.name,
    email: identity.email,
    date: identity.date,
    avatarUrl: `https://avatars.githubusercontent.com/u/e?email=${encodeURIComponent(identity.email)}`,
    user: user && user.type === 'User' ? userNode(user) : null,
  });
  const commitNode = (commit: FakeCommit, pull?: FakePull): GqlObject => {
    const [headline = '', ...rest] = commit.message.split('\n');
    const coAuthors = commit.coAuthors ?? parseCoAuthors(commit.message);
    const authors: GqlObject[] = [
      gitActor(commit.author, linkedUser(state, commit.authorLogin, commit.author.email)),
      ...coAuthors.map((a) => gitActor({ name: a.name, email: a.email, date: commit.author.date }, linkedUser(state, a.login, a.email))),
    ];
    const parents = commitParents(pull, commit);
    return {
      __typename: 'Commit',
      id: nodeId('Commit', commit.sha),
      oid: commit.sha,
      abbreviatedOid: commit.sha.slice(0, 7),
      message: commit.message,
      messageHeadline: headline,
      messageBody: rest.join('\n').trim(),
      authoredDate: commit.author.date,
      committedDate: commit.committer.date,
      authoredByCommitter: commit.author.email === commit.committer.email && commit.author.name === commit.committer.name,
      url: `${htmlRepo}/commit/${commit.sha}`,
      author: authors[0],
      committer: gitActor(commit.committer, linkedUser(state, commit.committerLogin, commit.committer.email)),
      authors: (args: Args) => connection('GitActorConnection', 'authors', authors, args, (a) => a),
      parents: (args: Args) => connection('CommitConnection', 'parents', parents, args, (sha) => ({ __typename: 'Commit', oid: sha, abbreviatedOid: sha.slice(0, 7), url: `${htmlRepo}/commit/${sha}` })),
    };
  };
  const pullNode = (pull: FakePull): GqlObject => {
    const baseName = `${state.repo.owner}/${state.repo.name}`;
    const headFull = pull.head.repoFullName === undefined ? baseName : pull.head.repoFullName;
    return {
      __typename: 'PullRequest',
      id: nodeId('PullRequest', 1_000_000 + pull.number),
      databaseId: 1_000_000 + pull.number,
      number: pull.number,
      title: pull.title,
      body: pull.body ?? '',
      url: `${htmlRepo}/pull/${pull.number}`,
      state: pull.merged ? 'MERGED' : pull.state.toUpperCase(),
      isDraft: pull.draft,
      merged: pull.merged ?? false,
      closed: pull.state === 'closed',
      createdAt: pull.created_at ?? BASE_TIME,
      updatedAt: pull.updated_at ?? pull.created_at ?? BASE_TIME,
      author: actorNode(pull.user),
      authorAssociation: authorAssociation(state, pull.user),
      headRefName: pull.head.ref,
      headRefOid: pull.head.sha,
      baseRefName: pull.base.ref,
      baseRefOid: pull.base.sha,
      isCrossRepository: headFull?.toLowerCase() !== baseName.toLowerCase(),
      // null for a deleted fork, as REST's head.repo.
      headRepository: headFull ? { __typename: 'Repository', nameWithOwner: headFull, name: headFull.split('/')[1] ?? '', url: `https://github.com/${headFull}` } : null,
      maintainerCanModify: pull.maintainerCanModify ?? false,
      changedFiles: pull.changedFiles ?? pull.files.length,
      additions: pull.files.reduce((n, f) => n + (f.additions ?? 0), 0),
      deletions: pull.files.reduce((n, f) => n + (f.deletions ?? 0), 0),
      // Unlike REST, the GraphQL connection is not capped at 250 commits.
      commits: (args: Args) =>
        connection('PullRequestCommitConnection', 'commits', pull.commits, args, (c) => ({
          __typename: 'PullRequestCommit',
          id: nodeId('PullRequestCommit', `${pull.number}:${c.sha}`),
          url: `${htmlRepo}/pull/${pull.number}/commits/${c.sha}`,
          commit: commitNode(c, pull),
        })),
      labels: (args: Args) => connection('LabelConnection', 'labels', pull.labels, args, (name) => labelNode(labelByName(state, name))),
      // The issue events REST lists (same node ids), oldest first, of the kinds the fake knows; a label is named as it is now.
      timelineItems: (args: Args) => {
        const types = Array.isArray(args.itemTypes) ? (args.itemTypes as unknown[]) : undefined;
        const events = pull.events
          .map((e, i) => ({ e, i }))
          .sort((a, b) => a.e.created_at.localeCompare(b.e.created_at) || a.i - b.i)
          .map(({ e }) => e)
          .filter((e) => TIMELINE_EVENTS.has(e.event) && (e.label || (e.event !== 'labeled' && e.event !== 'unlabeled')) && (!types || types.includes(`${e.event.toUpperCase()}_EVENT`)));
        return connection('PullRequestTimelineItemsConnection', 'timelineItems', events, args, (e) => {
          const typename = `${e.event.replace(/(^|_)(\w)/g, (_, __, c: string) => c.toUpperCase())}Event`;
          const node: GqlObject = { __typename: typename, id: nodeId(typename, e.id), createdAt: e.created_at, actor: e.actor === null ? null : actorNode(e.actor) };
          if (e.label) {
            const named = e.label;
            node.label = labelNode((named.id !== undefined ? labelById(state, named.id) : undefined) ?? labelByName(state, named.name));
          }
          if (e.event === 'assigned') {
            const assignee = (e.extra?.assignee as { login?: unknown } | null | undefined)?.login;
            node.assignee = typeof assignee === 'string' ? actorNode(assignee) : null;
          }
          return node;
        });
      },
      reviews: (args: Args) => {
        const states = Array.isArray(args.states) ? (args.states as unknown[]) : undefined;
        const visible = pull.reviews.filter((r) => (r.state !== 'PENDING' || r.user === state.authenticatedAs.login) && (!states || states.includes(r.state)));
        return connection('PullRequestReviewConnection', 'reviews', visible, args, (r) => ({
          __typename: 'PullRequestReview',
          id: nodeId('PullRequestReview', r.id),
          databaseId: r.id,
          fullDatabaseId: String(r.id),
          author: actorNode(r.user),
          state: r.state,
          body: r.body ?? '',
          submittedAt: r.state === 'PENDING' ? null : (r.submitted_at ?? BASE_TIME),
          // A commit since garbage-collected is null.
          commit: r.commit_id ? { __typename: 'Commit', oid: r.commit_id, abbreviatedOid: r.commit_id.slice(0, 7) } : null,
          authorAssociation: authorAssociation(state, r.user),
        }));
      },
      files: (args: Args) =>
        connection('PullRequestChangedFileConnection', 'files', pull.files, args, (f) => ({
          __typename: 'PullRequestChangedFile',
          path: f.filename,
          additions: f.additions ?? 0,
          deletions: f.deletions ?? 0,
          changeType: ({ added: 'ADDED', removed: 'DELETED', renamed: 'RENAMED', copied: 'COPIED', modified: 'MODIFIED', changed: 'CHANGED', unchanged: 'MODIFIED' } as const)[f.status],
        })),
      assignees: (args: Args) => connection('UserConnection', 'assignees', pull.assignees, args, (login) => actorNode(login)),
      comments: (args: Args) =>
        connection('IssueCommentConnection', 'comments', [...pull.comments].sort((a, b) => a.id - b.id), args, (c) => ({
          __typename: 'IssueComment',
          id: nodeId('IssueComment', c.id),
          databaseId: c.id,
          body: c.body,
          author: actorNode(c.user),
          editor: c.editor ? actorNode(c.editor) : null,
          createdAt: c.created_at,
          updatedAt: c.updated_at ?? c.created_at,
          lastEditedAt: c.editor !== undefined ? (c.updated_at ?? c.created_at) : null,
        })),
    };
  };
  const repoNode = (): GqlObject => {
    const owner = ownerUser(state, state.repo.owner);
    return {
      __typename: 'Repository',
      id: nodeId('Repository', state.repo.id),
      databaseId: state.repo.id,
      name: state.repo.name,
      nameWithOwner: `${state.repo.owner}/${state.repo.name}`,
      isPrivate: state.repo.private,
      isFork: false,
      url: htmlRepo,
      visibility: state.repo.private ? 'PRIVATE' : 'PUBLIC',
      owner: userNode(owner),
      defaultBranchRef: {
        __typename: 'Ref',
        name: state.repo.defaultBranch,
        prefix: 'refs/heads/',
        target: { __typename: 'Commit', oid: state.branches[state.repo.defaultBranch] ?? null },
      },
      // Commits of the pull requests, of commitsBySha and of the default branch's history; unknown → null.
      object: (args: Args) => {
        const oid = typeof args.oid === 'string' ? args.oid.toLowerCase() : '';
        for (const pull of Object.values(state.pulls)) {
          const commit = pull.commits.find((c) => c.sha === oid);
          if (commit) return commitNode(commit, pull);
        }
        const commit = state.commitsBySha[oid] ?? state.history.find((c) => c.sha === oid);
        return commit ? commitNode(commit) : null;
      },
      pullRequest: (args: Args) => {
        const pull = state.pulls[Number(args.number)];
        if (!pull) throw new FieldError('NOT_FOUND', `Could not resolve to a PullRequest with the number of ${String(args.number)}.`);
        return pullNode(pull);
      },
    };
  };
  return {
    __typename: 'Query',
    repository: (args: Args) => {
      const owner = typeof args.owner === 'string' ? args.owner : '';
      const name = typeof args.name === 'string' ? args.name : '';
      if (owner.toLowerCase() !== state.repo.owner.toLowerCase() || name.toLowerCase() !== state.repo.name.toLowerCase()) {
        throw new FieldError('NOT_FOUND', `Could not resolve to a Repository with the name '${owner}/${name}'.`);
      }
      return repoNode();
    },
    viewer: userNode(state.authenticatedAs),
    user: (args: Args) => {
      const user = typeof args.login === 'string' ? findUser(state, args.login) : undefined;
      if (!user || user.type !== 'User') throw new FieldError('NOT_FOUND', `Could not resolve to a User with the login of '${String(args.login)}'.`);
      return userNode(user);
    },
    rateLimit: {
      __typename: 'RateLimit',
      limit: 5000,
      cost: 1,
      used: rateUsed,
      remaining: Math.max(0, 5000 - rateUsed),
      resetAt: new Date(rateReset * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      nodeCount: 0,
    },
  };
}
