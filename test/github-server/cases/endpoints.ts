// Endpoints and fields the action starts to call: branches, repository
// activity (a fork's too), users, the default branch's commits, issue events
// of more kinds, and a pull request's true file count. Each answer is also
// checked against GitHub's OpenAPI description (useFakeGitHub).
import { describe, expect, it } from 'vitest';
import { call, expectUserShape, expectViolations, getJson, gh, graphql, links, PR, type Json } from '../client.js';
import { BASE_SHA, fakeSha, graphqlRateLimitFault, HEAD_SHA, makeCommit, recordPush, serverErrorFault, timeAt } from '../server.js';

describe('branches', () => {
  it('GET a branch (its name may hold slashes, encoded or not): name, commit, protected; 404 Branch not found', async () => {
    gh.state.protectedBranches = ['main'];
    const main = await getJson('/repos/acme/infra/branches/main');
    expect(main.status).toBe(200);
    expect(main.body).toMatchObject({ name: 'main', protected: true, commit: { sha: BASE_SHA, commit: { message: 'Add the legacy bucket' } } });
    expectUserShape((main.body.commit as Json).author, 'ops-bob', 'User');
    for (const path of ['/repos/acme/infra/branches/feature%2Fcleanup', '/repos/acme/infra/branches/feature/cleanup']) {
      const feature = await getJson(path);
      expect(feature.body).toMatchObject({ name: 'feature/cleanup', protected: false, commit: { sha: HEAD_SHA } });
    }
    const missing = await getJson('/repos/acme/infra/branches/nope');
    expect(missing).toMatchObject({ status: 404, body: { message: 'Branch not found' } });
  });
});

describe('repository activity', () => {
  const OLD = fakeSha('old');
  const NEW = fakeSha('new');

  it('lists pushes newest first, filtered by ref (either form), type and actor, with the actor as a user', async () => {
    recordPush(gh.state, { ref: 'main', before: OLD, after: BASE_SHA, at: timeAt(-30), actor: 'ops-bob' });
    recordPush(gh.state, { ref: 'feature/cleanup', before: NEW, after: HEAD_SHA, at: timeAt(-5), actor: 'dev-alice', type: 'force_push' });
    recordPush(gh.state, { ref: 'refs/heads/main', before: BASE_SHA, after: NEW, at: timeAt(-1), actor: null });
    const all = await getJson<Json[]>('/repos/acme/infra/activity');
    expect(all.status).toBe(200);
    expect(all.body.map((a) => [a.ref, a.activity_type, a.after])).toEqual([
      ['refs/heads/main', 'push', NEW],
      ['refs/heads/feature/cleanup', 'force_push', HEAD_SHA],
      ['refs/heads/main', 'push', BASE_SHA],
    ]);
    expect(all.body[0]).toMatchObject({ actor: null, before: BASE_SHA, timestamp: timeAt(-1) });
    expectUserShape(all.body[1]!.actor, 'dev-alice', 'User');
    for (const ref of ['main', 'refs/heads/main']) expect((await getJson<Json[]>(`/repos/acme/infra/activity?ref=${encodeURIComponent(ref)}`)).body).toHaveLength(2);
    expect((await getJson<Json[]>('/repos/acme/infra/activity?activity_type=force_push')).body.map((a) => a.after)).toEqual([HEAD_SHA]);
    expect((await getJson<Json[]>('/repos/acme/infra/activity?actor=ops-bob&direction=asc')).body.map((a) => a.after)).toEqual([BASE_SHA]);
  });

  it('pages with before/after cursors in Link headers, as GitHub does for this endpoint', async () => {
    for (let i = 0; i < 5; i += 1) recordPush(gh.state, { ref: 'main', before: fakeSha(`${i}`), after: fakeSha(`${i + 1}`), at: timeAt(i), actor: 'ops-bob' });
    const seen: unknown[] = [];
    let next: string | undefined = '/repos/acme/infra/activity?per_page=2';
    let last: Response | undefined;
    while (next) {
      last = await call(next);
      seen.push(...((await last.json()) as Json[]).map((a) => a.after));
      next = links(last.headers).next;
      if (next) expect(next).toMatch(/[?&]after=[^&]+/);
    }
    expect(seen).toEqual([5, 4, 3, 2, 1].map((i) => fakeSha(`${i}`)));
    const back = links(last!.headers).prev;
    expect(back).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/repositories\/700007\/activity\?.*before=/);
    expect(((await (await call(back!)).json()) as Json[]).map((a) => a.after)).toEqual([2, 3].map((i) => fakeSha(`${i}`)).reverse());
    expect(gh.requests.filter((r) => r.route === '/repos/acme/infra/activity').map((r) => r.query.page)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("answers a fork's activity when the state knows that repository, 404 for any other; needs contents: read", async () => {
    recordPush(gh.state, { repo: 'outside-dave/infra', ref: 'feature/cleanup', before: BASE_SHA, after: HEAD_SHA, at: timeAt(-2), actor: 'outside-dave' });
    const fork = await getJson<Json[]>('/repos/outside-dave/infra/activity');
    expect(fork.status).toBe(200);
    expect(fork.body.map((a) => a.after)).toEqual([HEAD_SHA]);
    expect((await getJson<Json[]>('/repos/acme/infra/activity')).body).toEqual([]);
    expect((await getJson('/repos/someone/infra/activity')).status).toBe(404);
    gh.state.tokenPermissions = { metadata: 'read', pull_requests: 'read' };
    const refused = await getJson('/repos/acme/infra/activity');
    expect(refused).toMatchObject({ status: 403, body: { message: 'Resource not accessible by integration' } });
    expect(refused.headers.get('x-accepted-github-permissions')).toBe('contents=read');
  });
});

describe('users', () => {
  it('GET a user: the public profile, whose email is the public one (null by default, never the primary)', async () => {
    const alice = await getJson('/users/dev-alice');
    expect(alice.status).toBe(200);
    expect(alice.body).toMatchObject({ login: 'dev-alice', id: 1001, type: 'User', name: 'Dev Alice', email: null });
    gh.state.users['dev-alice']!.publicEmail = 'alice@public.test';
    expect((await getJson('/users/DEV-ALICE')).body).toMatchObject({ login: 'dev-alice', email: 'alice@public.test' });
    expect((await getJson('/users/github-actions[bot]')).body).toMatchObject({ type: 'Bot', id: 41898282 });
    expect((await getJson('/users/nobody-here')).status).toBe(404);
  });
});

describe('commits of the default branch', () => {
  it('lists the history newest first, by author login or email, from a SHA, paginated; authors linked as GitHub links them', async () => {
    const users = gh.state.users;
    gh.state.history = [
      makeCommit({ sha: 'c'.repeat(40), by: users['sec-carol'], minutes: -10 }),
      makeCommit({ sha: 'b'.repeat(40), by: { name: 'Bob', email: 'bob@acme.test' }, minutes: -20 }),
      makeCommit({ sha: 'a'.repeat(40), by: { name: 'Stranger', email: 'x@nowhere.test' }, minutes: -30 }),
    ];
    const all = await getJson<Json[]>('/repos/acme/infra/commits');
    expect(all.body.map((c) => c.sha)).toEqual(['c', 'b', 'a'].map((c) => c.repeat(40)));
    expectUserShape(all.body[1]!.author, 'ops-bob', 'User'); // linked by email
    expect(all.body[2]).toMatchObject({ author: null, committer: null });
    expect((await getJson<Json[]>('/repos/acme/infra/commits?author=ops-bob')).body.map((c) => c.sha)).toEqual(['b'.repeat(40)]);
    expect((await getJson<Json[]>('/repos/acme/infra/commits?author=x%40nowhere.test')).body.map((c) => c.sha)).toEqual(['a'.repeat(40)]);
    expect((await getJson<Json[]>(`/repos/acme/infra/commits?sha=${'b'.repeat(40)}`)).body).toHaveLength(2);
    const page2 = await getJson<Json[]>('/repos/acme/infra/commits?per_page=2&page=2');
    expect(page2.body.map((c) => c.sha)).toEqual(['a'.repeat(40)]);
    expect(links(page2.headers).prev).toMatch(/page=1$/);
    expect((await getJson(`/repos/acme/infra/commits?sha=nope`)).status).toBe(404);
  });
});

describe('issue events of more kinds', () => {
  it('head_ref_force_pushed, reopened, base_ref_changed, and label events by a deleted account (actor null) fit the description', async () => {
    gh.state.pulls[7]!.events = [
      { id: 1, event: 'head_ref_force_pushed', actor: 'dev-alice', created_at: timeAt(1), commit_id: HEAD_SHA },
      { id: 2, event: 'reopened', actor: 'ops-bob', created_at: timeAt(2) },
      { id: 3, event: 'base_ref_changed', actor: 'dev-alice', created_at: timeAt(3) },
      { id: 4, event: 'labeled', actor: null, label: { name: 'plangate-override' }, created_at: timeAt(4) },
      { id: 5, event: 'unlabeled', actor: null, label: { name: 'plangate-override' }, created_at: timeAt(5) },
    ];
    const { body } = await getJson<Json[]>('/repos/acme/infra/issues/7/events');
    expect(body.map((e) => [e.event, (e.actor as Json | null)?.login ?? null])).toEqual([
      ['head_ref_force_pushed', 'dev-alice'],
      ['reopened', 'ops-bob'],
      ['base_ref_changed', 'dev-alice'],
      ['labeled', null],
      ['unlabeled', null],
    ]);
    expect(body[0]).toMatchObject({ commit_id: HEAD_SHA, commit_url: expect.stringContaining(HEAD_SHA) as string, performed_via_github_app: null });
    expect(body[3]).toMatchObject({ label: { name: 'plangate-override', color: 'ededed' } });
  });

  it('the check catches an event the description rejects (a node_id that is not a string)', async () => {
    expectViolations(/^GET \/repos\/acme\/infra\/issues\/7\/events \(issues\/list-events\): response 200: /);
    gh.state.pulls[7]!.events = [{ id: 1, event: 'labeled', actor: 'ops-bob', label: { name: 'x' }, created_at: timeAt(1), extra: { node_id: 42 } }];
    expect((await getJson('/repos/acme/infra/issues/7/events')).status).toBe(200);
  });
});

describe("a pull request's file count", () => {
  it('changed_files counts every file while the list stops at 3,000; changedFiles claims more than listed', async () => {
    gh.state.pulls[7]!.files = Array.from({ length: 3001 }, (_, i) => ({ filename: `f${i}.tf`, status: 'modified' as const }));
    expect((await getJson(PR)).body.changed_files).toBe(3001);
    const last = await getJson<Json[]>(`${PR}/files?per_page=100&page=30`);
    expect(last.body.at(-1)).toMatchObject({ filename: 'f2999.tf' });
    expect((await getJson<Json[]>(`${PR}/files?per_page=100&page=31`)).body).toEqual([]);
    gh.state.pulls[7]!.files = [{ filename: 'main.tf', status: 'modified' }];
    gh.state.pulls[7]!.changedFiles = 4200;
    expect((await getJson(PR)).body.changed_files).toBe(4200);
  });
});

describe('requests that meet a fault', () => {
  it('are still checked (only the deliberately wrong answer is exempt); every exchange is counted', async () => {
    expectViolations(/^GET \/repos\/acme\/infra\/pulls\/7 \(pulls\/get\): query parameter colour is not declared$/, /^POST \/graphql: invalid document: Field 'bogus' doesn't exist on type 'Query'/);
    gh.faults.push(serverErrorFault(PR), graphqlRateLimitFault(), { path: PR, status: 200, body: { not: 'a pull request' } });
    expect((await call(`${PR}?colour=blue`)).status).toBe(500);
    expect((await graphql('{ bogus }')).status).toBe(200);
    expect((await getJson(PR)).body).toEqual({ not: 'a pull request' });
    expect(gh.checked).toEqual({ rest: 2, graphql: 1 });
  });
});
