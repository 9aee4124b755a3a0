// GitHub Actions: a workflow by file name or id, its runs filtered by head
// SHA, event and status with total_count and pages, a run's artifacts by
// name, and an artifact's zip behind a 302 to blob storage (410 once
// expired). Every answer is checked against GitHub's OpenAPI description.
import { describe, expect, it } from 'vitest';
import { call, getJson, gh, links, type Json } from '../client.js';
import { addPlanRun, fakeSha, HEAD_SHA, makeZip, PLAN_WORKFLOW } from '../server.js';

describe('GitHub Actions', () => {
  it('a workflow by file name or id; 404 for another; 403 without actions: read on a private repository', async () => {
    gh.state.tokenPermissions.actions = 'read';
    addPlanRun(gh.state);
    for (const id of ['plan.yml', String(PLAN_WORKFLOW.id)]) expect((await getJson(`/repos/acme/infra/actions/workflows/${id}`)).body).toMatchObject({ id: PLAN_WORKFLOW.id, path: '.github/workflows/plan.yml', state: 'active' });
    expect((await getJson('/repos/acme/infra/actions/workflows/ci.yml')).status).toBe(404);
    delete gh.state.tokenPermissions.actions;
    expect((await getJson('/repos/acme/infra/actions/workflows/plan.yml')).status).toBe(403);
  });

  it('runs filtered by head_sha, event and status, newest first, paged with total_count', async () => {
    gh.state.tokenPermissions.actions = 'read';
    for (let i = 0; i < 35; i++) addPlanRun(gh.state, { minutes: i });
    addPlanRun(gh.state, { headSha: fakeSha('other'), minutes: 50 });
    addPlanRun(gh.state, { event: 'push', minutes: 51 });
    addPlanRun(gh.state, { conclusion: 'failure', minutes: 52 });
    const first = await getJson<{ total_count: number; workflow_runs: Json[] }>(`/repos/acme/infra/actions/workflows/plan.yml/runs?head_sha=${HEAD_SHA}&event=pull_request`);
    expect(first.body.total_count).toBe(36);
    expect(first.body.workflow_runs).toHaveLength(30);
    expect(first.body.workflow_runs[0]).toMatchObject({ head_sha: HEAD_SHA, event: 'pull_request', conclusion: 'failure', run_number: 38 });
    const next = links(first.headers).next;
    expect(next).toBeDefined();
    const second = await getJson<{ total_count: number; workflow_runs: Json[] }>(next as string);
    expect(second.body.workflow_runs).toHaveLength(6);
    const failed = await getJson<{ total_count: number }>(`/repos/acme/infra/actions/workflows/${PLAN_WORKFLOW.id}/runs?status=failure`);
    expect(failed.body.total_count).toBe(1);
  });

  it('pull requests of every state from one head branch (head=owner:branch)', async () => {
    const listed = await getJson<Json[]>('/repos/acme/infra/pulls?state=all&head=acme:feature/cleanup');
    expect(listed.body.map((p) => p.number)).toEqual([7]);
    expect((await getJson<Json[]>('/repos/acme/infra/pulls?state=all&head=mallory:feature/cleanup')).body).toEqual([]);
  });

  it("a run's artifacts by name; the zip through a 302 to a blob URL; 410 once expired", async () => {
    gh.state.tokenPermissions.actions = 'read';
    const zip = makeZip([{ name: 'plan.json', data: '{}' }]);
    const { run, artifact } = addPlanRun(gh.state, { zip });
    addPlanRun(gh.state, { zip, artifact: { expired: true } });
    const listed = await getJson<{ total_count: number; artifacts: Json[] }>(`/repos/acme/infra/actions/runs/${run.id}/artifacts?name=plangate-plan-7-${HEAD_SHA}`);
    expect(listed.body).toMatchObject({ total_count: 1, artifacts: [{ id: artifact?.id, expired: false, workflow_run: { id: run.id, head_sha: HEAD_SHA } }] });
    expect((await getJson(`/repos/acme/infra/actions/runs/${run.id}/artifacts?name=other`)).body).toMatchObject({ total_count: 0, artifacts: [] });
    const redirect = await call(`/repos/acme/infra/actions/artifacts/${artifact?.id}/zip`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const blob = await fetch(redirect.headers.get('location') ?? '');
    expect(blob.headers.get('content-type')).toBe('application/zip');
    expect(Buffer.from(await blob.arrayBuffer())).toEqual(zip);
    expect((await call(`/repos/acme/infra/actions/artifacts/${(artifact?.id ?? 0) + 1}/zip`)).status).toBe(410);
    expect((await call('/repos/acme/infra/actions/runs/1/artifacts')).status).toBe(404);
  });
});
