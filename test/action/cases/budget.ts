// Issue 12 item 4: the GitHub API budget of one decision. Each case runs the
// bundled action once on a typical pull request and counts every request it
// made to the fake GitHub, REST and GraphQL, reads and writes (the comment and
// the status included). The assertion message lists the calls by endpoint, so
// a change that adds one shows where. Most of the budget is one GraphQL query
// (src/github/pull-read.ts); the second half attacks it: pages, counts, kinds
// of reviewer, malformed answers and errors.
import { describe, expect, it } from 'vitest';
import { pullAnswerFault, type Fault, type GitHubState, type RecordedRequest } from '../../github-server/server.js';
import { findOperation } from '../../github-server/openapi.js';
import { commentText, describeRun, fakeGitHub, latestStatus, made, pr, review, runAction, SAFE_PLAN, type ActionRun } from '../harness.js';

/** A request's endpoint: the REST operation, or the fields a GraphQL document asks for with arguments. */
function endpoint(request: RecordedRequest): string {
  if (request.graphql) {
    const named = (pattern: RegExp) => [...(request.graphql?.query ?? '').matchAll(pattern)].map((m) => m[1]).filter((f) => f !== 'query' && f !== 'repository');
    const withArguments = named(/(\w+)\s*\(/g);
    return `graphql ${(withArguments.length > 0 ? withArguments : named(/(\w+)\s*\{/g)).join('.')}`;
  }
  return findOperation(request.method, request.route)?.operation.id ?? `${request.method} ${request.route}`;
}

/** The calls of a run by endpoint, one line each, most first; then the total. */
function breakdown(run: ActionRun): string {
  const counts = new Map<string, number>();
  for (const request of run.requests) counts.set(endpoint(request), (counts.get(endpoint(request)) ?? 0) + 1);
  const lines = [...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([name, n]) => `  ${n} × ${name}`);
  return `${run.requests.length} calls (${run.requests.filter((r) => r.graphql).length} GraphQL):\n${lines.join('\n')}\n${describeRun(run)}`;
}

/** Three reviews on the head: a comment by the author, changes asked then an approval by a maintainer. */
function threeReviews(state: GitHubState): void {
  review(state, 'dev-alice', { state: 'COMMENTED', minutes: 15 });
  review(state, 'sec-carol', { state: 'COMMENTED', minutes: 18 });
  review(state, 'ops-bob', { minutes: 20 });
}

async function decide(edit: (state: GitHubState) => void, plans?: string): Promise<ActionRun> {
  const gh = await fakeGitHub(edit);
  return runAction(gh, plans ? { inputs: { plans } } : {});
}

describe.concurrent('API budget of one decision (issue 12 item 4)', () => {
  it('a typical pull request (one plan deleting protected resources, three reviews, one qualifying approval, no label) is decided and published in at most 12 calls', async () => {
    const run = await decide(threeReviews);
    console.log(`budget, approved: ${breakdown(run)}`);
    expect(run.decision, describeRun(run)).toBe('approved');
    expect(run.requests.length, breakdown(run)).toBeLessThanOrEqual(12);
  });

  it('the same pull request without a qualifying approval: blocked', async () => {
    const run = await decide((s) => review(s, 'dev-alice', { state: 'COMMENTED', minutes: 15 }));
    console.log(`budget, blocked: ${breakdown(run)}`);
    expect(run.decision, describeRun(run)).toBe('blocked');
    expect(run.requests.length, breakdown(run)).toBeLessThanOrEqual(9);
  });

  it('a plan without findings: pass', async () => {
    const run = await decide(threeReviews, SAFE_PLAN);
    console.log(`budget, pass: ${breakdown(run)}`);
    expect(run.decision, describeRun(run)).toBe('pass');
    expect(run.requests.length, breakdown(run)).toBeLessThanOrEqual(8);
  });
});

/** The secure outcome of an answer plangate cannot trust: an error, a failure on the head, and one line saying why. */
function expectError(run: ActionRun, state: GitHubState, message: RegExp): void {
  expect(run.decision, describeRun(run)).toBe('error');
  expect(run.exitCode).toBe(1);
  expect(latestStatus(state, pr(state).head.sha)).toBe('failure');
  const said = run.errors.find((e) => message.test(e));
  expect(said, run.errors.join('\n')).toBeDefined();
  expect(said).not.toContain('\n');
}

/** Runs the action on a pull request ops-bob approved, the pull request's GraphQL answer changed by `edit`. */
async function answered(edit: (pull: Record<string, unknown>) => void, state: (s: GitHubState) => void = (s) => review(s, 'ops-bob')) {
  const gh = await fakeGitHub(state);
  gh.faults.push(pullAnswerFault('reviews(', edit));
  return { run: await runAction(gh), state: gh.state, gh };
}

type Nodes = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Array<Record<string, unknown>> };
const connection = (pull: Record<string, unknown>, field: string) => pull[field] as Nodes;
const reviewBy = (pull: Record<string, unknown>, login: string) => connection(pull, 'reviews').nodes.find((n) => (n.author as { login?: string } | null)?.login === login) as Record<string, unknown>;

describe.concurrent('the one query that reads the pull request, attacked', () => {
  it('reviews past the first page are read: a change request on page 2 withdraws the approval on page 1', async () => {
    const gh = await fakeGitHub((s) => {
      review(s, 'ops-bob', { minutes: 20 });
      for (let i = 0; i < 130; i++) review(s, 'outside-dave', { state: 'COMMENTED', minutes: 21 });
      review(s, 'ops-bob', { state: 'CHANGES_REQUESTED', minutes: 25 });
    });
    const run = await runAction(gh);
    expect(run.decision, describeRun(run)).toBe('blocked');
    const reads = made(run, 'POST', /^\/graphql$/).filter((r) => r.graphql?.query.includes('reviews('));
    expect(reads.map((r) => r.graphql?.variables.after ?? null)).toEqual([null, expect.any(String)]);
  });

  it.each([
    ['reviews', /GitHub counts 2 reviews of pull request #7 but lists 1/],
    ['timelineItems', /GitHub counts 1 timeline events of pull request #7 but lists 0/],
    ['labels', /GitHub counts 1 labels of pull request #7 but lists 0/],
    ['files', /GitHub counts 2 changed files of pull request #7 but lists 1/],
    ['commits', /has 2 commits but GitHub lists only 1/],
  ])('%s: GitHub counts more than it lists (a capped list): an error, never the list read as complete', async (field, message) => {
    const { run, state } = await answered((pull) => void (connection(pull, field).totalCount += 1));
    expectError(run, state, message);
  });

  it('a change request left out of a list whose count still names it: an error, never the approval alone', async () => {
    const { run, state } = await answered(
      (pull) => void connection(pull, 'reviews').nodes.pop(),
      (s) => {
        review(s, 'ops-bob', { minutes: 20 });
        review(s, 'ops-bob', { state: 'CHANGES_REQUESTED', minutes: 25 });
      },
    );
    expectError(run, state, /GitHub counts 2 reviews of pull request #7 but lists 1/);
  });

  it('an approval listed twice in place of the change request after it: an error', async () => {
    const { run, state } = await answered(
      (pull) => {
        const reviews = connection(pull, 'reviews').nodes;
        reviews[1] = reviews[0] as Record<string, unknown>;
      },
      (s) => {
        review(s, 'ops-bob', { minutes: 20 });
        review(s, 'ops-bob', { state: 'CHANGES_REQUESTED', minutes: 25 });
      },
    );
    expectError(run, state, /GitHub lists one of the reviews of pull request #7 twice/);
  });

  it('an approval GraphQL says a Bot gave never counts, whatever its login, id and role', async () => {
    const { run, state } = await answered((pull) => void ((reviewBy(pull, 'ops-bob').author as Record<string, unknown>).__typename = 'Bot'));
    expect(run.decision, describeRun(run)).toBe('blocked');
    expect(latestStatus(state, pr(state).head.sha)).toBe('failure');
    expect(commentText(state)).toMatch(/approval by @ops-bob\[bot\] does not count: ops-bob\[bot\] is a Bot, not a person/);
    expect(made(run, 'GET', /\/collaborators\//)).toEqual([]);
  });

  it('a review by a kind of account plangate cannot weigh voids every approval', async () => {
    const { run, state } = await answered(
      (pull) => void (reviewBy(pull, 'outside-dave').author = { __typename: 'EnterpriseUserAccount' }),
      (s) => {
        review(s, 'ops-bob', { minutes: 20 });
        review(s, 'outside-dave', { state: 'CHANGES_REQUESTED', minutes: 25 });
      },
    );
    expect(run.decision, describeRun(run)).toBe('blocked');
    expect(latestStatus(state, pr(state).head.sha)).toBe('failure');
    expect(commentText(state)).toMatch(/by a reviewer plangate cannot read does not count: .*author\.__typename should be User, Bot, Mannequin, Organization/);
    expect(commentText(state)).toMatch(/approval by @ops-bob does not count: a later or undated review by a reviewer plangate cannot read may be theirs/);
  });

  const malformed: Array<[string, (pull: Record<string, unknown>) => void, RegExp]> = [
    ['a head that is not a commit SHA', (pull) => void (pull.headRefOid = 'main'), /pullRequest\.headRefOid should be a 40-hex commit SHA, got "main"/],
    ['another pull request', (pull) => void (pull.number = 8), /pullRequest\.number should be 7, got 8/],
    ['an unknown state', (pull) => void (pull.state = 'DRAFT'), /pullRequest\.state should be OPEN, CLOSED, MERGED, got "DRAFT"/],
    ["an author's id that is not a number", (pull) => void ((pull.author as Record<string, unknown>).databaseId = '1001'), /pullRequest\.author\.databaseId should be a whole number/],
    ['reviews that are not a list', (pull) => void (connection(pull, 'reviews').nodes = {} as never), /reviews\.nodes should be a list, got an object/],
    ['a next page without a cursor', (pull) => void (connection(pull, 'reviews').pageInfo = { hasNextPage: true, endCursor: null }), /reviews\.pageInfo\.endCursor should be a non-empty string, got null/],
    ['a change of a kind GitHub does not name', (pull) => void ((connection(pull, 'files').nodes[0] as Record<string, unknown>).changeType = 'MOVED'), /files\.nodes\[0\]\.changeType should be ADDED, .*got "MOVED"/],
    [
      'an event of a kind not asked for',
      (pull) => {
        const events = connection(pull, 'timelineItems');
        events.nodes.push({ __typename: 'ClosedEvent', id: 'CE_1', createdAt: '2026-11-24T09:30:00Z', actor: null });
        events.totalCount += 1;
      },
      /timelineItems\.nodes\[0\]\.__typename should be ReopenedEvent, .*got "ClosedEvent"/,
    ],
  ];
  it.each(malformed)('malformed: %s: an error naming the field', async (_, edit, message) => {
    const { run, state } = await answered(edit);
    expectError(run, state, message);
  });

  const errors: Array<[string, Fault]> = [
    [
      'no data',
      { method: 'POST', path: '/graphql', status: 200, bodyMatches: (b) => JSON.stringify(b).includes('reviews('), body: { data: null, errors: [{ type: 'FORBIDDEN', path: ['repository', 'pullRequest'], message: 'Resource not accessible by integration' }] } },
    ],
    [
      'data with a null field',
      {
        method: 'POST',
        path: '/graphql',
        status: 200,
        bodyMatches: (b) => JSON.stringify(b).includes('reviews('),
        edit: (answer) => {
          ((answer.data as { repository: { pullRequest: Record<string, unknown> } }).repository.pullRequest).reviews = null;
          return { ...answer, errors: [{ type: 'FORBIDDEN', path: ['repository', 'pullRequest', 'reviews'], message: 'Resource not accessible by integration' }] };
        },
      },
    ],
  ];
  it.each(errors)('a GraphQL error (%s): an error, never a partial answer read as whole', async (_, fault) => {
    const gh = await fakeGitHub((s) => review(s, 'ops-bob'));
    gh.faults.push(fault);
    const run = await runAction(gh);
    expectError(run, gh.state, /GitHub GraphQL \(pull request #7\) failed \(Resource not accessible by integration\)/);
  });

  it('a head repository GraphQL does not name is asked of REST: a fork plangate may not read is not a deleted one', async () => {
    // Read as a deleted fork, nobody could have pushed to it, and ops-bob's approval would count.
    const { run, state } = await answered(
      (pull) => void (pull.headRepository = null),
      (s) => {
        pr(s).head.repoFullName = 'mallory/infra';
        s.users.mallory = { login: 'mallory', id: 1666, type: 'User' };
        review(s, 'ops-bob');
      },
    );
    expect(run.decision, describeRun(run)).toBe('blocked');
    expect(commentText(state)).toMatch(/plangate may not read the fork mallory\/infra, so it cannot tell who pushed to it/);
    expect(made(run, 'GET', /^\/repos\/acme\/infra\/pulls\/7$/)).toHaveLength(1);
  });

  it('REST and GraphQL naming different heads: an error', async () => {
    const { run, state } = await answered((pull) => {
      pull.author = null;
      pull.headRefOid = 'f'.repeat(40);
    });
    expectError(run, state, /GitHub's REST and GraphQL APIs name different heads of pull request #7/);
  });
});
