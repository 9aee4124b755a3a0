// GraphQL: documents validated and executed on GitHub's schema, answers and errors in GitHub's shapes.
import { describe, expect, it } from 'vitest';
import { expectViolations, gh, graphql, type Json } from '../client.js';
import { PULL_QUERY } from '../../../src/github/pull-read.js';
import { HEAD_SHA, makeCommit, makeCommits } from '../server.js';

const COMMITS_QUERY = `query($owner:String!,$name:String!,$number:Int!,$after:String){ repository(owner:$owner,name:$name){ pullRequest(number:$number){ commits(first:100, after:$after){ totalCount pageInfo{hasNextPage endCursor} nodes{ commit{ oid authors(first:20){ nodes{ name email user{ login databaseId } } } committer{ name email user{ login databaseId } } } } } } } }`;

describe('GraphQL', () => {
  it('commit authors include co-authors, linked (user) or not (null); bots are not Users', async () => {
    const alice = gh.state.users['dev-alice']!;
    gh.state.pulls[7]!.commits = [
      makeCommit({
        sha: '1'.repeat(40),
        by: alice,
        message: 'Pair on the bucket\n\nCo-authored-by: Ops Bob <bob@acme.test>\nCo-authored-by: Contractor <contractor@example.test>',
      }),
      makeCommit({ sha: '2'.repeat(40), by: alice, coAuthors: [{ name: 'Carol', email: 'carol@personal.test', login: 'sec-carol' }, { name: 'Ghost', email: 'ghost@x.test', login: null }] }),
      makeCommit({ sha: '3'.repeat(40), by: gh.state.users['dependabot[bot]'] }),
    ];
    const { status, body } = await graphql(COMMITS_QUERY, { owner: 'acme', name: 'infra', number: 7, after: null });
    expect(status).toBe(200);
    expect(body).not.toHaveProperty('errors');
    const commits = (((body.data as Json).repository as Json).pullRequest as Json).commits as Json;
    expect(Object.keys(commits)).toEqual(['totalCount', 'pageInfo', 'nodes']);
    expect(commits).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: false, endCursor: expect.any(String) as string } });
    const nodes = (commits.nodes as Json[]).map((n) => n.commit as Json);
    expect(nodes[0]).toEqual({
      oid: '1'.repeat(40),
      authors: {
        nodes: [
          { name: 'Dev Alice', email: 'alice@acme.test', user: { login: 'dev-alice', databaseId: 1001 } },
          { name: 'Ops Bob', email: 'bob@acme.test', user: { login: 'ops-bob', databaseId: 1002 } },
          { name: 'Contractor', email: 'contractor@example.test', user: null },
        ],
      },
      committer: { name: 'Dev Alice', email: 'alice@acme.test', user: { login: 'dev-alice', databaseId: 1001 } },
    });
    expect(((nodes[1]!.authors as Json).nodes as Json[]).map((a) => a.user)).toEqual([{ login: 'dev-alice', databaseId: 1001 }, { login: 'sec-carol', databaseId: 1003 }, null]);
    expect(((nodes[2]!.authors as Json).nodes as Json[])[0]).toMatchObject({ user: null });
  });

  it('pages through more than 250 commits (no cap, unlike REST) with opaque cursors', async () => {
    gh.state.pulls[7]!.commits = makeCommits(260);
    const oids: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const { body } = await graphql(COMMITS_QUERY, { owner: 'acme', name: 'infra', number: 7, after });
      const commits = (((body.data as Json).repository as Json).pullRequest as Json).commits as { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: Array<{ commit: { oid: string } }> };
      expect(commits.totalCount).toBe(260);
      oids.push(...commits.nodes.map((n) => n.commit.oid));
      if (!commits.pageInfo.hasNextPage) break;
      after = commits.pageInfo.endCursor;
    }
    expect(oids).toEqual(gh.state.pulls[7]!.commits.map((c) => c.sha));
    expect(gh.requests.filter((r) => r.route === '/graphql').map((r) => r.graphql?.variables.after ?? null)).toHaveLength(3);
  });

  it('answers errors with 200 the way GitHub does: NOT_FOUND with a null field, unknown fields without data', async () => {
    expectViolations(/invalid document: Field 'bogus' doesn't exist on type 'PullRequest'/, /Variable \$number of type Int! was provided invalid value/, /invalid document: Syntax Error/);
    const missing = await graphql(COMMITS_QUERY, { owner: 'acme', name: 'infra', number: 99 });
    expect(missing.status).toBe(200);
    expect(missing.body).toEqual({
      data: { repository: { pullRequest: null } },
      errors: [{ type: 'NOT_FOUND', path: ['repository', 'pullRequest'], locations: [expect.any(Object)], message: 'Could not resolve to a PullRequest with the number of 99.' }],
    });
    const unknown = await graphql('{ repository(owner:"acme", name:"infra") { pullRequest(number: 7) { bogus } } }');
    expect(unknown.status).toBe(200);
    expect(unknown.body).not.toHaveProperty('data');
    expect(unknown.body.errors).toEqual([expect.objectContaining({ message: "Field 'bogus' doesn't exist on type 'PullRequest'", extensions: expect.objectContaining({ code: 'undefinedField' }) as unknown })]);
    const tooMany = await graphql('{ repository(owner:"acme", name:"infra") { pullRequest(number: 7) { commits(first: 101) { totalCount } } } }');
    expect(tooMany.body.errors).toEqual([expect.objectContaining({ type: 'EXCESSIVE_PAGINATION' })]);
    const noVar = await graphql(COMMITS_QUERY, { owner: 'acme', name: 'infra' });
    expect(noVar.body).toMatchObject({ errors: [{ message: 'Variable $number of type Int! was provided invalid value' }] });
    const syntax = await graphql('{ viewer { login }');
    expect(syntax.body).toMatchObject({ errors: [{ message: expect.any(String) as string }] });
  });

  it('answers viewer, aliases, fragments and __typename', async () => {
    const { body } = await graphql('query Who { me: viewer { __typename login } repository(owner:"acme", name:"infra") { pullRequest(number:7) { author { ...A } isDraft headRefOid } } } fragment A on Actor { login ... on User { databaseId } }');
    expect(body).toEqual({
      data: {
        // Query.viewer is a User in GitHub's schema, whatever the token's account is.
        me: { __typename: 'User', login: 'github-actions[bot]' },
        repository: { pullRequest: { author: { login: 'dev-alice', databaseId: 1001 }, isDraft: false, headRefOid: HEAD_SHA } },
      },
    });
  });
});


// The two documents the action sends to read commit authorship.
const PR_COMMITS = `query($owner: String!, $name: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      commits(first: 100, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { commit { oid
          authors(first: 100) { totalCount pageInfo { hasNextPage endCursor } nodes { name email user { login databaseId } } }
          committer { name email user { login databaseId } } } }
      }
    }
  }
}`;
const COMMIT_AUTHORS = `query($owner: String!, $name: String!, $oid: GitObjectID!, $after: String) {
  repository(owner: $owner, name: $name) {
    object(oid: $oid) { ... on Commit { authors(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { name email user { login databaseId } } } } }
  }
}`;

describe("the action's authorship documents", () => {
  const coAuthors = Array.from({ length: 150 }, (_, i) => ({ name: `Pair ${i}`, email: `pair${i}@example.test`, login: i === 120 ? 'ops-bob' : null }));

  it('a commit with 150 co-authors: the first 100 authors in the PR listing, the rest paged through Repository.object', async () => {
    const sha = 'e'.repeat(40);
    gh.state.pulls[7]!.commits = [makeCommit({ sha, by: gh.state.users['dev-alice'], coAuthors })];
    const listed = await graphql(PR_COMMITS, { owner: 'acme', name: 'infra', number: 7, after: null });
    expect(listed.body).not.toHaveProperty('errors');
    const commits = (((listed.body.data as Json).repository as Json).pullRequest as Json).commits as Json;
    const authors = ((commits.nodes as Json[])[0]!.commit as Json).authors as { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: Json[] };
    expect(authors.totalCount).toBe(151);
    expect(authors.nodes).toHaveLength(100);
    expect(authors.pageInfo.hasNextPage).toBe(true);
    const rest = await graphql(COMMIT_AUTHORS, { owner: 'acme', name: 'infra', oid: sha, after: authors.pageInfo.endCursor });
    expect(rest.body).not.toHaveProperty('errors');
    const more = (((rest.body.data as Json).repository as Json).object as Json).authors as { totalCount: number; pageInfo: { hasNextPage: boolean }; nodes: Json[] };
    expect(more).toMatchObject({ totalCount: 151, pageInfo: { hasNextPage: false } });
    expect(more.nodes.map((n) => n.email)).toEqual(coAuthors.slice(99).map((a) => a.email));
    expect(more.nodes[21]).toEqual({ name: 'Pair 120', email: 'pair120@example.test', user: { login: 'ops-bob', databaseId: 1002 } });
  });

  it('Repository.object resolves commits known outside pull requests and answers null for an unknown oid', async () => {
    gh.state.commitsBySha['d'.repeat(40)] = makeCommit({ sha: 'd'.repeat(40), by: { name: 'Bob', email: 'bob@acme.test' } });
    const known = await graphql(COMMIT_AUTHORS, { owner: 'acme', name: 'infra', oid: 'd'.repeat(40), after: null });
    expect(((known.body.data as Json).repository as Json).object).toMatchObject({ authors: { totalCount: 1, nodes: [{ email: 'bob@acme.test', user: { login: 'ops-bob' } }] } });
    const unknown = await graphql(COMMIT_AUTHORS, { owner: 'acme', name: 'infra', oid: '0'.repeat(40), after: null });
    expect(unknown.body).toEqual({ data: { repository: { object: null } } });
  });

  it('a field the fake does not answer is a violation, not a silent null', async () => {
    expectViolations(/the fake has no value for Commit\.signature/);
    const { body } = await graphql(`query { repository(owner: "acme", name: "infra") { object(oid: "${HEAD_SHA}") { ... on Commit { signature { isValid } } } } }`);
    expect(body).toEqual({ data: { repository: { object: { signature: null } } } });
  });
});

describe("the action's pull request document (src/github/pull-read.ts)", () => {
  it('answers the pull request, the default branch and the first page of each connection, in GitHub shapes', async () => {
    const pull = gh.state.pulls[7]!;
    pull.head.repoFullName = 'mallory/infra';
    pull.labels = ['plangate-override'];
    pull.events = [
      { id: 1, event: 'labeled', actor: 'dev-alice', label: { name: 'plangate-override' }, created_at: '2026-11-24T09:01:00Z' },
      { id: 2, event: 'reopened', actor: 'ops-bob', created_at: '2026-11-24T09:02:00Z' },
      { id: 3, event: 'assigned', actor: 'dev-alice', created_at: '2026-11-24T09:03:00Z', extra: { assignee: { login: 'dependabot[bot]' } } },
    ];
    pull.reviews = [
      { id: 3_000_000_001, user: 'dependabot[bot]', state: 'COMMENTED', commit_id: HEAD_SHA, submitted_at: '2026-11-24T09:04:00Z' },
      { id: 3_000_000_002, user: 'ops-bob', state: 'APPROVED', commit_id: null as unknown as string, submitted_at: '2026-11-24T09:05:00Z' },
    ];
    const { body } = await graphql(PULL_QUERY, { owner: 'acme', name: 'infra', number: 7 });
    expect(body).not.toHaveProperty('errors');
    const repository = (body.data as Json).repository as Json;
    expect(repository.defaultBranchRef).toEqual({ name: 'main', target: { oid: gh.state.branches.main } });
    const pr = repository.pullRequest as Json;
    expect(pr).toMatchObject({ number: 7, state: 'OPEN', headRefOid: HEAD_SHA, headRepository: { nameWithOwner: 'mallory/infra' }, maintainerCanModify: false, author: { __typename: 'User', login: 'dev-alice', databaseId: 1001 } });
    expect((pr.labels as Json).nodes).toEqual([{ id: expect.any(String) as string, name: 'plangate-override' }]);
    // The label event is not among the kinds asked for; a bot is named without `[bot]`.
    expect((pr.timelineItems as Json).nodes).toEqual([
      { __typename: 'ReopenedEvent', id: expect.any(String) as string, createdAt: '2026-11-24T09:02:00Z', actor: { __typename: 'User', login: 'ops-bob', databaseId: 1002 } },
      {
        __typename: 'AssignedEvent',
        id: expect.any(String) as string,
        createdAt: '2026-11-24T09:03:00Z',
        actor: { __typename: 'User', login: 'dev-alice', databaseId: 1001 },
        assignee: { __typename: 'Bot', login: 'dependabot', databaseId: 49699333 },
      },
    ]);
    // Review ids past 32 bits are a BigInt, as a string; a commit since garbage-collected is null.
    expect((pr.reviews as Json).nodes).toEqual([
      { id: expect.any(String) as string, fullDatabaseId: '3000000001', state: 'COMMENTED', submittedAt: '2026-11-24T09:04:00Z', commit: { oid: HEAD_SHA }, author: { __typename: 'Bot', login: 'dependabot', databaseId: 49699333 } },
      { id: expect.any(String) as string, fullDatabaseId: '3000000002', state: 'APPROVED', submittedAt: '2026-11-24T09:05:00Z', commit: null, author: { __typename: 'User', login: 'ops-bob', databaseId: 1002 } },
    ]);
    expect((pr.files as Json).totalCount).toBe(pull.files.length);
  });
});
