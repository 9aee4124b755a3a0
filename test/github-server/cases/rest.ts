// The fake's REST answers: GitHub's shapes, statuses, pagination, faults.
import { describe, expect, it } from 'vitest';
import { call, expectUserShape, expectViolations, getJson, gh, ISSUE, links, PR, send, type Json } from '../client.js';
import {
  BASE_SHA,
  HEAD_SHA,
  makeCommit,
  makeCommits,
  READ_ONLY_TOKEN_PERMISSIONS,
  spawnAsync,
  type FakeComment,
} from '../server.js';

function comments(count: number): FakeComment[] {
  return Array.from({ length: count }, (_, i) => ({ id: 2000 + i, user: 'ops-bob', body: `comment ${i + 1}`, created_at: `2024-05-01T12:${String(i % 60).padStart(2, '0')}:00Z` }));
}

describe('authentication', () => {
  it('refuses a wrong token with 401 Bad credentials and a missing one with 401 Requires authentication', async () => {
    const wrong = await fetch(`${gh.url}${PR}`, { headers: { authorization: 'token nope' } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ message: 'Bad credentials', documentation_url: expect.any(String) as string });
    const missing = await fetch(`${gh.url}${PR}`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ message: 'Requires authentication' });
    const gql = await fetch(gh.graphqlUrl, { method: 'POST', headers: { authorization: 'bearer nope' }, body: JSON.stringify({ query: '{ viewer { login } }' }) });
    expect(gql.status).toBe(401);
    expect(await gql.json()).toMatchObject({ message: 'Bad credentials' });
  });

  it('accepts the token as `token X` and as `Bearer X`', async () => {
    expect((await call(PR)).status).toBe(200);
    expect((await fetch(`${gh.url}${PR}`, { headers: { authorization: `Bearer ${gh.state.token}` } })).status).toBe(200);
  });
});

describe('pull requests', () => {
  it('GET a pull request: GitHub field names and types, rate-limit headers', async () => {
    gh.state.pulls[7]!.labels = ['infra', 'needs-approval'];
    const { status, body, headers } = await getJson(PR);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
    for (const h of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-ratelimit-used', 'x-ratelimit-resource']) expect(headers.get(h)).toMatch(/^\w+$/);
    expect(body).toMatchObject({ number: 7, state: 'open', draft: false, title: 'Remove the legacy bucket', commits: 1, changed_files: 1, merged: false, author_association: 'COLLABORATOR' });
    expectUserShape(body.user, 'dev-alice', 'User');
    const head = body.head as Json;
    const base = body.base as Json;
    expect(head).toMatchObject({ sha: HEAD_SHA, ref: 'feature/cleanup', label: 'acme:feature/cleanup', repo: { full_name: 'acme/infra', fork: false, private: true } });
    expect(base).toMatchObject({ sha: BASE_SHA, ref: 'main', repo: { full_name: 'acme/infra', fork: false, default_branch: 'main' } });
    expect((body.labels as Json[]).map((l) => l.name)).toEqual(['infra', 'needs-approval']);
    expect(body.labels).toEqual(expect.arrayContaining([expect.objectContaining({ id: expect.any(Number) as number, color: expect.any(String) as string, default: false })]));
  });

  it('a fork: head.repo.fork, head.label with the fork owner; a deleted fork: head.repo null', async () => {
    gh.state.pulls[7]!.head.repoFullName = 'outside-dave/infra';
    const fork = await getJson(PR);
    expect(fork.body.head).toMatchObject({ label: 'outside-dave:feature/cleanup', repo: { full_name: 'outside-dave/infra', fork: true, owner: { login: 'outside-dave' } } });
    expect(fork.body.base).toMatchObject({ repo: { full_name: 'acme/infra', fork: false } });
    gh.state.pulls[7]!.head.repoFullName = null;
    expect((await getJson(PR)).body.head).toMatchObject({ repo: null });
  });

  it('an unknown pull request or repository answers 404 Not Found', async () => {
    for (const path of ['/repos/acme/infra/pulls/99', '/repos/acme/other/pulls/7']) {
      const { status, body } = await getJson(path);
      expect(status).toBe(404);
      expect(body).toMatchObject({ message: 'Not Found', documentation_url: expect.stringContaining('docs.github.com') as string, status: '404' });
    }
  });

  it('lists commits with git identities and linked accounts (null when the email links to none, Bot for bots)', async () => {
    const alice = gh.state.users['dev-alice']!;
    gh.state.pulls[7]!.commits = [
      makeCommit({ sha: 'a'.repeat(40), by: alice, message: 'First' }),
      makeCommit({ sha: 'b'.repeat(40), by: { name: 'Nobody', email: 'nobody@nowhere.test' }, authorLogin: null, committerLogin: null, minutes: 1 }),
      makeCommit({ sha: 'c'.repeat(40), by: gh.state.users['dependabot[bot]'], minutes: 2 }),
      makeCommit({ sha: 'd'.repeat(40), by: { name: 'Bob', email: 'bob@acme.test' }, minutes: 3 }),
    ];
    const { body } = await getJson<Json[]>(`${PR}/commits`);
    expect(body.map((c) => c.sha)).toEqual(['a', 'b', 'c', 'd'].map((c) => c.repeat(40)));
    expect(body[0]).toMatchObject({ commit: { message: 'First', author: { name: 'Dev Alice', email: 'alice@acme.test', date: expect.any(String) as string }, committer: { email: 'alice@acme.test' } }, parents: [{ sha: BASE_SHA }] });
    expectUserShape(body[0]!.author, 'dev-alice', 'User');
    expect(body[1]).toMatchObject({ author: null, committer: null, parents: [{ sha: 'a'.repeat(40) }] });
    expectUserShape(body[2]!.author, 'dependabot[bot]', 'Bot');
    expectUserShape(body[3]!.author, 'ops-bob', 'User'); // linked by email
  });

  it('lists at most 250 commits while the pull request counts them all (260)', async () => {
    gh.state.pulls[7]!.commits = makeCommits(260, gh.state.users['dev-alice'], HEAD_SHA);
    expect((await getJson(PR)).body.commits).toBe(260);
    const pages: Json[][] = [];
    let next: string | undefined = `${PR}/commits?per_page=100`;
    while (next) {
      const res = await call(next);
      pages.push((await res.json()) as Json[]);
      next = links(res.headers).next;
    }
    expect(pages.map((p) => p.length)).toEqual([100, 100, 50]);
    const listed = pages.flat().map((c) => c.sha);
    expect(new Set(listed).size).toBe(250);
    expect(listed).not.toContain(HEAD_SHA); // the 260th commit is beyond the cap
    expect(gh.requests.filter((r) => r.route === `${PR}/commits`).map((r) => r.query.page)).toEqual([undefined, '2', '3']);
  });

  it('lists reviews chronologically and hides other users\' pending reviews', async () => {
    gh.state.pulls[7]!.reviews = [
      { id: 12, user: 'sec-carol', state: 'APPROVED', commit_id: HEAD_SHA, submitted_at: '2024-05-01T14:00:00Z' },
      { id: 11, user: 'ops-bob', state: 'CHANGES_REQUESTED', commit_id: BASE_SHA, submitted_at: '2024-05-01T13:00:00Z' },
      { id: 13, user: 'ops-bob', state: 'PENDING', commit_id: HEAD_SHA },
    ];
    const { body } = await getJson<Json[]>(`${PR}/reviews`);
    expect(body.map((r) => [r.id, r.state, r.commit_id])).toEqual([
      [11, 'CHANGES_REQUESTED', BASE_SHA],
      [12, 'APPROVED', HEAD_SHA],
    ]);
    expect(body[1]).toMatchObject({ submitted_at: '2024-05-01T14:00:00Z', author_association: 'MEMBER', body: '', node_id: expect.any(String) as string });
    expectUserShape(body[1]!.user, 'sec-carol', 'User');
  });

  it('lists files (30 a page by default, at most 3000), with renames', async () => {
    gh.state.pulls[7]!.files = Array.from({ length: 3100 }, (_, i) => ({ filename: `mod/f${i}.tf`, status: 'modified' as const }));
    gh.state.pulls[7]!.files[0] = { filename: 'new.tf', status: 'renamed', previous_filename: 'old.tf', additions: 2, deletions: 1 };
    const first = await getJson<Json[]>(`${PR}/files`);
    expect(first.body).toHaveLength(30);
    expect(first.body[0]).toEqual(expect.objectContaining({ filename: 'new.tf', status: 'renamed', previous_filename: 'old.tf', additions: 2, deletions: 1, changes: 3, sha: expect.any(String) as string }));
    expect(first.body[1]).not.toHaveProperty('previous_filename');
    expect(links(first.headers).last).toMatch(/[?&]page=100$/);
    const big = await getJson<Json[]>(`${PR}/files?per_page=100&page=30`);
    expect(big.body).toHaveLength(100);
    expect(links(big.headers).next).toBeUndefined();
    expect((await getJson<Json[]>(`${PR}/files?per_page=100&page=31`)).body).toEqual([]);
  });
});

describe('pagination', () => {
  it('250 comments → 3 pages of per_page=100 with GitHub\'s Link header, followable as given', async () => {
    gh.state.pulls[7]!.comments = comments(250);
    const base = `${gh.url}/repositories/${gh.state.repo.id}/issues/7/comments`;
    const p1 = await call(`${ISSUE}/comments?per_page=100`);
    expect(p1.headers.get('link')).toBe(`<${base}?per_page=100&page=2>; rel="next", <${base}?per_page=100&page=3>; rel="last"`);
    const p2 = await call(links(p1.headers).next!);
    expect(p2.headers.get('link')).toBe(
      `<${base}?per_page=100&page=1>; rel="prev", <${base}?per_page=100&page=3>; rel="next", <${base}?per_page=100&page=3>; rel="last", <${base}?per_page=100&page=1>; rel="first"`,
    );
    const p3 = await call(links(p2.headers).next!);
    expect(p3.headers.get('link')).toBe(`<${base}?per_page=100&page=2>; rel="prev", <${base}?per_page=100&page=1>; rel="first"`);
    const all = [...((await p1.json()) as Json[]), ...((await p2.json()) as Json[]), ...((await p3.json()) as Json[])];
    expect(all.map((c) => c.body)).toEqual(Array.from({ length: 250 }, (_, i) => `comment ${i + 1}`));
    const reads = gh.requests.filter((r) => r.route === `${ISSUE}/comments`);
    expect(reads.map((r) => [r.path.startsWith('/repositories/'), r.query.page ?? '1'])).toEqual([
      [false, '1'],
      [true, '2'],
      [true, '3'],
    ]);
  });

  it('defaults to 30 a page, caps per_page at 100, and sends no Link header when one page holds everything', async () => {
    gh.state.pulls[7]!.comments = comments(250);
    expect((await getJson<Json[]>(`${ISSUE}/comments`)).body).toHaveLength(30);
    expect((await getJson<Json[]>(`${ISSUE}/comments?per_page=500`)).body).toHaveLength(100);
    gh.state.pulls[7]!.comments = comments(3);
    const one = await call(`${ISSUE}/comments`);
    expect(one.headers.get('link')).toBeNull();
  });
});

describe('issue comments', () => {
  it('creates comments (201, Location, as the token\'s identity, increasing ids) and updates them (200)', async () => {
    gh.state.pulls[7]!.comments = comments(2);
    const a = await send('POST', `${ISSUE}/comments`, { body: 'plangate report' });
    expect(a.status).toBe(201);
    expect(a.headers.get('location')).toBe(`${gh.url}/repos/acme/infra/issues/comments/${String(a.body.id)}`);
    expect(a.body).toMatchObject({ body: 'plangate report', issue_url: `${gh.url}/repos/acme/infra/issues/7`, author_association: 'NONE', performed_via_github_app: null });
    expectUserShape(a.body.user, 'github-actions[bot]', 'Bot');
    expect((a.body.user as Json).id).toBe(41898282);
    const b = await send('POST', `${ISSUE}/comments`, { body: 'second' });
    expect(b.body.id as number).toBeGreaterThan(a.body.id as number);
    expect(a.body.id as number).toBeGreaterThan(2001);

    const edited = await send('PATCH', `/repos/acme/infra/issues/comments/${String(a.body.id)}`, { body: 'edited' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id: a.body.id, body: 'edited' });
    const listed = await getJson<Json[]>(`${ISSUE}/comments`);
    expect(listed.body.map((c) => c.body)).toEqual(['comment 1', 'comment 2', 'edited', 'second']);
    expect((await send('PATCH', '/repos/acme/infra/issues/comments/424242', { body: 'x' })).status).toBe(404);
  });

  it('rejects a missing body and one over 65,536 characters with 422', async () => {
    expectViolations(/^POST \/repos\/acme\/infra\/issues\/7\/comments \(issues\/create-comment\): request body: must have required property 'body' at \/$/);
    const missing = await send('POST', `${ISSUE}/comments`, {});
    expect(missing.status).toBe(422);
    const long = await send('POST', `${ISSUE}/comments`, { body: 'x'.repeat(65_537) });
    expect(long.status).toBe(422);
    expect(long.body).toMatchObject({ message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'unprocessable', field: 'data', message: 'Body is too long (maximum is 65536 characters)' }] });
    expect((await send('POST', `${ISSUE}/comments`, { body: 'x'.repeat(65_536) })).status).toBe(201);
  });
});

describe('a read-only token (fork pull request)', () => {
  it('answers writes 403 "Resource not accessible by integration" and still serves reads', async () => {
    gh.state.tokenPermissions = { ...READ_ONLY_TOKEN_PERMISSIONS };
    gh.state.pulls[7]!.labels = ['needs-approval'];
    const writes = [
      await send('POST', `${ISSUE}/comments`, { body: 'x' }),
      await send('POST', `/repos/acme/infra/statuses/${HEAD_SHA}`, { state: 'failure', context: 'plangate' }),
      await send('DELETE', `${ISSUE}/labels/needs-approval`),
    ];
    for (const w of writes) {
      expect(w.status).toBe(403);
      expect(w.body).toMatchObject({ message: 'Resource not accessible by integration', documentation_url: expect.stringContaining('docs.github.com') as string });
    }
    expect(writes[0]!.headers.get('x-accepted-github-permissions')).toBe('issues=write; pull_requests=write');
    expect(gh.state.pulls[7]!.comments).toEqual([]);
    expect(gh.state.pulls[7]!.labels).toEqual(['needs-approval']);
    expect((await getJson(PR)).status).toBe(200);
    expect((await getJson(`${ISSUE}/comments`)).status).toBe(200);
  });
});

describe('collaborator permission', () => {
  it('maps roles to the legacy permission, keeps role_name, and fills user.permissions', async () => {
    gh.state.collaborators = { 'dev-alice': 'triage', 'ops-bob': 'maintain', 'sec-carol': 'deployer' };
    gh.state.customRoles = { deployer: 'write' };
    const bob = await getJson('/repos/acme/infra/collaborators/ops-bob/permission');
    expect(bob.status).toBe(200);
    expect(bob.body).toMatchObject({ permission: 'write', role_name: 'maintain', user: { login: 'ops-bob', role_name: 'maintain', permissions: { admin: false, maintain: true, push: true, triage: true, pull: true } } });
    expectUserShape(bob.body.user, 'ops-bob', 'User');
    expect((await getJson('/repos/acme/infra/collaborators/dev-alice/permission')).body).toMatchObject({ permission: 'read', role_name: 'triage', user: { permissions: { push: false, triage: true, pull: true } } });
    expect((await getJson('/repos/acme/infra/collaborators/sec-carol/permission')).body).toMatchObject({ permission: 'write', role_name: 'deployer', user: { permissions: { push: true, maintain: false } } });
  });

  it('a non-collaborator: "none" on a private repository, "read" on a public one; an unknown login: 404', async () => {
    expect((await getJson('/repos/acme/infra/collaborators/outside-dave/permission')).body).toMatchObject({ permission: 'none', user: { permissions: { pull: false } } });
    gh.state.repo.private = false;
    expect((await getJson('/repos/acme/infra/collaborators/outside-dave/permission')).body).toMatchObject({ permission: 'read', role_name: 'read' });
    const unknown = await getJson('/repos/acme/infra/collaborators/no-such-user/permission');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ message: 'Not Found' });
  });
});

describe('teams', () => {
  it('gets a team and memberships: active member, maintainer, pending; 404 for a non-member', async () => {
    gh.state.teams.platform!.pending = ['dev-alice'];
    const team = await getJson('/orgs/acme/teams/platform');
    expect(team.status).toBe(200);
    expect(team.body).toMatchObject({ slug: 'platform', name: 'platform', id: 31, privacy: 'closed', members_count: 2, organization: { login: 'acme', type: 'Organization' } });
    expect((await getJson('/orgs/acme/teams/platform/memberships/ops-bob')).body).toMatchObject({ state: 'active', role: 'member', url: expect.stringContaining('/memberships/ops-bob') as string });
    expect((await getJson('/orgs/acme/teams/security/memberships/sec-carol')).body).toMatchObject({ state: 'active', role: 'maintainer' });
    expect((await getJson('/orgs/acme/teams/platform/memberships/dev-alice')).body).toMatchObject({ state: 'pending' });
    expect((await getJson('/orgs/acme/teams/security/memberships/ops-bob')).status).toBe(404);
  });

  it('a team the token cannot see (no org Members permission) answers 404 everywhere', async () => {
    gh.state.teams.platform!.visible = false;
    expect((await getJson('/orgs/acme/teams/platform')).status).toBe(404);
    expect((await getJson('/orgs/acme/teams/platform/memberships/ops-bob')).status).toBe(404);
    expect((await getJson('/orgs/elsewhere/teams/security')).status).toBe(404);
  });
});

describe('issue events and labels', () => {
  it('lists events chronologically with label and performed_via_github_app', async () => {
    gh.state.pulls[7]!.events = [
      { id: 52, event: 'unlabeled', actor: 'dev-alice', label: { name: 'plangate:approved' }, created_at: '2024-05-01T13:00:00Z' },
      { id: 51, event: 'labeled', actor: 'sec-carol', label: { name: 'plangate:approved' }, created_at: '2024-05-01T12:30:00Z', performed_via_github_app: { slug: 'label-bot', id: 777 } },
    ];
    const { body } = await getJson<Json[]>(`${ISSUE}/events`);
    expect(body.map((e) => [e.id, e.event])).toEqual([
      [51, 'labeled'],
      [52, 'unlabeled'],
    ]);
    expect(body[0]).toMatchObject({ label: { name: 'plangate:approved', color: expect.any(String) as string }, performed_via_github_app: { slug: 'label-bot', id: 777 }, commit_id: null, created_at: '2024-05-01T12:30:00Z' });
    expectUserShape(body[0]!.actor, 'sec-carol', 'User');
    expect(body[1]).toMatchObject({ performed_via_github_app: null });
  });

  it('removes a label: 200 with the remaining labels and an unlabeled event; 404 when absent', async () => {
    gh.state.pulls[7]!.labels = ['infra', 'plangate:approved'];
    const removed = await send<Json[]>('DELETE', `${ISSUE}/labels/${encodeURIComponent('plangate:approved')}`);
    expect(removed.status).toBe(200);
    expect(removed.body.map((l) => l.name)).toEqual(['infra']);
    expect(gh.state.pulls[7]!.events.at(-1)).toMatchObject({ event: 'unlabeled', actor: 'github-actions[bot]', label: { name: 'plangate:approved' } });
    const absent = await send('DELETE', `${ISSUE}/labels/nope`);
    expect(absent.status).toBe(404);
    expect(absent.body).toMatchObject({ message: 'Label does not exist' });
  });
});

describe('commit statuses and check suites', () => {
  it('creates statuses (201, creator = the token), validates state and SHA', async () => {
    expectViolations(/^POST \/repos\/acme\/infra\/statuses\/\w+ \(repos\/create-commit-status\): request body: must be equal to one of the allowed values .* at \/state$/);
    const created = await send('POST', `/repos/acme/infra/statuses/${HEAD_SHA}`, { state: 'failure', context: 'plangate', description: 'Blocked: 2 protected resources destroyed', target_url: 'https://example.test/run' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: 'failure', context: 'plangate', description: 'Blocked: 2 protected resources destroyed', target_url: 'https://example.test/run', id: expect.any(Number) as number });
    expectUserShape(created.body.creator, 'github-actions[bot]', 'Bot');
    const bad = await send('POST', `/repos/acme/infra/statuses/${HEAD_SHA}`, { state: 'blocked' });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ message: 'Validation Failed', errors: [expect.objectContaining({ field: 'state' })] });
    const long = await send('POST', `/repos/acme/infra/statuses/${HEAD_SHA}`, { state: 'failure', description: 'x'.repeat(141) });
    expect(long.status).toBe(422);
    expect(long.body).toMatchObject({ errors: [{ resource: 'Status', field: 'description', message: 'description is too long (maximum is 140 characters)' }] });
    const unknown = await send('POST', `/repos/acme/infra/statuses/${'f'.repeat(40)}`, { state: 'success' });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ message: `No commit found for SHA: ${'f'.repeat(40)}` });
  });

  it('lists statuses newest first and combines the latest per context', async () => {
    gh.state.statuses[HEAD_SHA] = [
      { id: 1, state: 'pending', context: 'plangate', created_at: '2024-05-01T12:00:00Z', creator: 'github-actions[bot]' },
      { id: 2, state: 'success', context: 'ci', created_at: '2024-05-01T12:01:00Z', creator: 'github-actions[bot]' },
    ];
    await send('POST', `/repos/acme/infra/statuses/${HEAD_SHA}`, { state: 'success', context: 'plangate' });
    const list = await getJson<Json[]>(`/repos/acme/infra/commits/${HEAD_SHA}/statuses`);
    expect(list.body.map((s) => [s.context, s.state])).toEqual([
      ['plangate', 'success'],
      ['ci', 'success'],
      ['plangate', 'pending'],
    ]);
    const combined = await getJson(`/repos/acme/infra/commits/feature%2Fcleanup/status`);
    expect(combined.body).toMatchObject({ state: 'success', sha: HEAD_SHA, total_count: 2, repository: { full_name: 'acme/infra' } });
    expect((combined.body.statuses as Json[]).map((s) => [s.context, s.state])).toEqual([
      ['plangate', 'success'],
      ['ci', 'success'],
    ]);
    expect(combined.body.statuses).not.toContainEqual(expect.objectContaining({ creator: expect.anything() as unknown }));
    gh.state.statuses[HEAD_SHA]!.push({ id: 9, state: 'error', context: 'ci', created_at: '2024-06-01T00:00:00Z', creator: 'github-actions[bot]' });
    expect((await getJson(`/repos/acme/infra/commits/${HEAD_SHA}/status`)).body.state).toBe('failure');
    expect((await getJson(`/repos/acme/infra/commits/${BASE_SHA}/status`)).body).toMatchObject({ state: 'pending', total_count: 0, statuses: [] });
  });

  it('lists check suites with their app, filtered by app_id', async () => {
    gh.state.checkSuites[HEAD_SHA] = [
      { id: 501, created_at: '2024-05-01T12:05:00Z', app_slug: 'github-actions' },
      { id: 502, created_at: '2024-05-01T12:06:00Z', app_slug: 'circleci', status: 'in_progress', conclusion: null },
    ];
    const { body } = await getJson(`/repos/acme/infra/commits/${HEAD_SHA}/check-suites`);
    expect(body.total_count).toBe(2);
    const suites = body.check_suites as Json[];
    expect(suites[0]).toMatchObject({ id: 501, head_sha: HEAD_SHA, created_at: '2024-05-01T12:05:00Z', status: 'completed', app: { slug: 'github-actions', id: 15368, owner: { login: 'github' } } });
    expect(suites[1]).toMatchObject({ id: 502, status: 'in_progress', conclusion: null, app: { slug: 'circleci', id: expect.any(Number) as number } });
    const filtered = await getJson(`/repos/acme/infra/commits/${HEAD_SHA}/check-suites?app_id=15368`);
    expect(filtered.body).toMatchObject({ total_count: 1, check_suites: [{ id: 501 }] });
  });
});

describe('contents', () => {
  it('a file: base64 content, git blob sha, size; a directory: an array; absent: 404', async () => {
    gh.state.contents[HEAD_SHA] = { 'hello.txt': 'hello world\n', '.plangate/config.yml': 'protect: []\n', '.plangate/packs/aws.yml': 'x: 1\n' };
    const file = await getJson(`/repos/acme/infra/contents/hello.txt?ref=${HEAD_SHA}`);
    expect(file.status).toBe(200);
    expect(file.body).toMatchObject({ type: 'file', encoding: 'base64', name: 'hello.txt', path: 'hello.txt', size: 12, sha: '3b18e512dba79e4c8300dd08aeb37f8e728b8dad' });
    expect(Buffer.from(file.body.content as string, 'base64').toString()).toBe('hello world\n');
    const dir = await getJson<Json[]>(`/repos/acme/infra/contents/.plangate?ref=${HEAD_SHA}`);
    expect(dir.body.map((e) => [e.type, e.path])).toEqual([
      ['file', '.plangate/config.yml'],
      ['dir', '.plangate/packs'],
    ]);
    expect((await getJson(`/repos/acme/infra/contents/missing.yml?ref=${HEAD_SHA}`)).status).toBe(404);
    const badRef = await getJson('/repos/acme/infra/contents/hello.txt?ref=nope');
    expect(badRef).toMatchObject({ status: 404, body: { message: 'No commit found for the ref nope' } });
    const raw = await call(`/repos/acme/infra/contents/hello.txt?ref=${HEAD_SHA}`, { headers: { accept: 'application/vnd.github.raw+json' } });
    expect(await raw.text()).toBe('hello world\n');
  });

  it('defaults to the default branch', async () => {
    const { body } = await getJson('/repos/acme/infra/contents/main.tf');
    expect(Buffer.from(body.content as string, 'base64').toString()).toBe(gh.state.contents[BASE_SHA]!['main.tf']);
  });
});

describe('a child process', () => {
  it('reaches the server through GITHUB_API_URL while this process waits asynchronously', async () => {
    const script = `fetch(process.env.GITHUB_API_URL + '/repos/acme/infra/pulls/7', { headers: { authorization: 'token ' + process.env.GITHUB_TOKEN } }).then((r) => r.json()).then((pr) => console.log(pr.number, pr.head.sha))`;
    const result = await spawnAsync(process.execPath, ['-e', script], { env: { PATH: process.env.PATH, GITHUB_API_URL: gh.url, GITHUB_GRAPHQL_URL: gh.graphqlUrl, GITHUB_TOKEN: gh.state.token }, timeoutMs: 10_000 });
    expect(result).toMatchObject({ status: 0, stdout: `7 ${HEAD_SHA}\n` });
  });
});
