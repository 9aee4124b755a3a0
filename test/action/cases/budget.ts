// Issue 12 item 4: the GitHub API budget of one decision. Each case runs the
// bundled action once on a typical pull request and counts every request it
// made to the fake GitHub, REST and GraphQL, reads and writes (the comment and
// the status included). The assertion message lists the calls by endpoint, so
// a change that adds one shows where.
import { describe, expect, it } from 'vitest';
import type { GitHubState, RecordedRequest } from '../../github-server/server.js';
import { findOperation } from '../../github-server/openapi.js';
import { describeRun, fakeGitHub, review, runAction, SAFE_PLAN, type ActionRun } from '../harness.js';

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
  if (process.env.BUDGET_TRACE) console.log(run.requests.map((r) => `${r.method} ${r.path} ${JSON.stringify(r.query)} ${r.graphql ? r.graphql.query.replace(/\s+/g, " ").slice(0, 200) : ""}`).join("\n"));
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
  it('a typical pull request (one plan deleting protected resources, three reviews, one qualifying approval, no label) is decided and published in at most 17 calls', async () => {
    const run = await decide(threeReviews);
    console.log(`budget, approved: ${breakdown(run)}`);
    expect(run.decision, describeRun(run)).toBe('approved');
    expect(run.requests.length, breakdown(run)).toBeLessThanOrEqual(17);
  });

  it('the same pull request without a qualifying approval: blocked', async () => {
    const run = await decide((s) => review(s, 'dev-alice', { state: 'COMMENTED', minutes: 15 }));
    console.log(`budget, blocked: ${breakdown(run)}`);
    expect(run.decision, describeRun(run)).toBe('blocked');
    expect(run.requests.length, breakdown(run)).toBeLessThanOrEqual(14);
  });

  it('a plan without findings: pass', async () => {
    const run = await decide(threeReviews, SAFE_PLAN);
    console.log(`budget, pass: ${breakdown(run)}`);
    expect(run.decision, describeRun(run)).toBe('pass');
    expect(run.requests.length, breakdown(run)).toBeLessThanOrEqual(10);
  });
});
