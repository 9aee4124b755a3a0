// REST routes of GitHub Actions: a workflow, its runs (filtered by head_sha,
// event and status, with total_count), a run's artifacts (filtered by name)
// and an artifact's zip, which GitHub answers with a 302 to a signed blob URL
// (served by http.ts under BLOB_PATH, outside the API and its description).
import type { Ctx, Route } from './context.js';
import { checkRepo, fail, nodeId, notFound, ok, paginate, R, repoApi, repoHtml, requirePermission } from './context.js';
import { repositoryJson, userByLogin } from './shapes.js';
import type { FakeArtifact, FakeWorkflow, FakeWorkflowRun, GitHubState } from './types.js';

export const BLOB_PATH = '/_blob/artifacts/';

function workflowOf(ctx: Ctx, idOrFile: string): FakeWorkflow {
  const found = (ctx.state.workflows ?? []).find((w) => String(w.id) === idOrFile || w.path.split('/').pop() === idOrFile);
  if (!found) throw notFound(ctx);
  return found;
}

function runOf(state: GitHubState, id: number): FakeWorkflowRun | undefined {
  return (state.workflowRuns ?? []).find((r) => r.id === id);
}

function workflowJson(ctx: Ctx, w: FakeWorkflow): Record<string, unknown> {
  const file = w.path.split('/').pop() ?? '';
  return {
    id: w.id,
    node_id: nodeId('Workflow', w.id),
    name: w.name,
    path: w.path,
    state: w.state ?? 'active',
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
    url: `${repoApi(ctx)}/actions/workflows/${w.id}`,
    html_url: `${repoHtml(ctx.state)}/blob/${ctx.state.repo.defaultBranch}/${w.path}`,
    badge_url: `${repoHtml(ctx.state)}/workflows/${encodeURIComponent(file)}/badge.svg`,
  };
}

function runJson(ctx: Ctx, run: FakeWorkflowRun): Record<string, unknown> {
  const workflow = (ctx.state.workflows ?? []).find((w) => w.id === run.workflowId);
  const full = `${ctx.state.repo.owner}/${ctx.state.repo.name}`;
  const api = `${repoApi(ctx)}/actions/runs/${run.id}`;
  const pulls = run.event.startsWith('pull_request') && (run.headRepo ?? full) === full
    ? Object.values(ctx.state.pulls)
        .filter((p) => p.state === 'open' && p.head.sha === run.headSha)
        .map((p) => ({
          id: 1_000_000 + p.number,
          number: p.number,
          url: `${repoApi(ctx)}/pulls/${p.number}`,
          head: { ref: p.head.ref, sha: p.head.sha, repo: { id: ctx.state.repo.id, url: repoApi(ctx), name: ctx.state.repo.name } },
          base: { ref: p.base.ref, sha: p.base.sha, repo: { id: ctx.state.repo.id, url: repoApi(ctx), name: ctx.state.repo.name } },
        }))
    : [];
  const head = repositoryJson(ctx, run.headRepo ?? full);
  return {
    id: run.id,
    name: workflow?.name ?? 'plan',
    node_id: nodeId('WorkflowRun', run.id),
    check_suite_id: 40_000 + run.id,
    check_suite_node_id: nodeId('CheckSuite', 40_000 + run.id),
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: run.path ?? workflow?.path ?? '.github/workflows/plan.yml',
    display_title: `plan for ${run.headBranch}`,
    run_number: run.runNumber,
    run_attempt: run.runAttempt ?? 1,
    referenced_workflows: [],
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: run.workflowId,
    url: api,
    html_url: `${repoHtml(ctx.state)}/actions/runs/${run.id}`,
    pull_requests: pulls,
    created_at: run.created_at,
    updated_at: run.created_at,
    actor: userByLogin(ctx, run.actor),
    triggering_actor: userByLogin(ctx, run.actor),
    run_started_at: run.created_at,
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    check_suite_url: `${repoApi(ctx)}/check-suites/${40_000 + run.id}`,
    artifacts_url: `${api}/artifacts`,
    cancel_url: `${api}/cancel`,
    rerun_url: `${api}/rerun`,
    previous_attempt_url: null,
    workflow_url: `${repoApi(ctx)}/actions/workflows/${run.workflowId}`,
    head_commit: { id: run.headSha, tree_id: run.headSha.split('').reverse().join(''), message: 'Update infrastructure', timestamp: run.created_at, author: { name: 'Dev Alice', email: 'alice@acme.test' }, committer: { name: 'Dev Alice', email: 'alice@acme.test' } },
    repository: repositoryJson(ctx, full),
    head_repository: head,
    head_repository_id: head.id,
  };
}

function artifactJson(ctx: Ctx, artifact: FakeArtifact): Record<string, unknown> {
  const run = runOf(ctx.state, artifact.runId);
  const expires = new Date(Date.parse(artifact.created_at) + 90 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    id: artifact.id,
    node_id: nodeId('Artifact', artifact.id),
    name: artifact.name,
    size_in_bytes: artifact.size ?? artifact.zip.length,
    url: `${repoApi(ctx)}/actions/artifacts/${artifact.id}`,
    archive_download_url: `${repoApi(ctx)}/actions/artifacts/${artifact.id}/zip`,
    expired: artifact.expired ?? false,
    created_at: artifact.created_at,
    updated_at: artifact.created_at,
    expires_at: expires,
    digest: null,
    workflow_run: run
      ? { id: run.id, repository_id: ctx.state.repo.id, head_repository_id: repositoryJson(ctx, run.headRepo ?? `${ctx.state.repo.owner}/${ctx.state.repo.name}`).id, head_branch: run.headBranch, head_sha: artifact.headSha ?? run.headSha }
      : null,
  };
}

export const ACTIONS_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: new RegExp(`^${R}/actions/workflows/([^/]+)$`),
    doc: 'https://docs.github.com/rest/actions/workflows#get-a-workflow',
    handler: (ctx, [owner = '', name = '', id = '']) => {
      checkRepo(ctx, owner, name);
      requirePermission(ctx, ['actions'], 'read');
      return ok(workflowJson(ctx, workflowOf(ctx, id)));
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${R}/actions/workflows/([^/]+)/runs$`),
    doc: 'https://docs.github.com/rest/actions/workflow-runs#list-workflow-runs-for-a-workflow',
    handler: (ctx, [owner = '', name = '', id = '']) => {
      checkRepo(ctx, owner, name);
      requirePermission(ctx, ['actions'], 'read');
      const workflow = workflowOf(ctx, id);
      const q = ctx.url.searchParams;
      const runs = (ctx.state.workflowRuns ?? [])
        .filter((r) => r.workflowId === workflow.id)
        .filter((r) => !q.has('head_sha') || r.headSha === q.get('head_sha'))
        .filter((r) => !q.has('event') || r.event === q.get('event'))
        .filter((r) => !q.has('status') || r.status === q.get('status') || r.conclusion === q.get('status'))
        .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id);
      return ok({ total_count: runs.length, workflow_runs: paginate(ctx, runs).map((r) => runJson(ctx, r)) });
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${R}/actions/runs/(\\d+)/artifacts$`),
    doc: 'https://docs.github.com/rest/actions/artifacts#list-workflow-run-artifacts',
    handler: (ctx, [owner = '', name = '', id = '']) => {
      checkRepo(ctx, owner, name);
      requirePermission(ctx, ['actions'], 'read');
      if (!runOf(ctx.state, Number(id))) throw notFound(ctx);
      const wanted = ctx.url.searchParams.get('name');
      const artifacts = (ctx.state.artifacts ?? []).filter((a) => a.runId === Number(id) && (wanted === null || a.name === wanted));
      return ok({ total_count: artifacts.length, artifacts: paginate(ctx, artifacts).map((a) => artifactJson(ctx, a)) });
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${R}/actions/artifacts/(\\d+)/([^/]+)$`),
    doc: 'https://docs.github.com/rest/actions/artifacts#download-an-artifact',
    handler: (ctx, [owner = '', name = '', id = '', format = '']) => {
      checkRepo(ctx, owner, name);
      requirePermission(ctx, ['actions'], 'read');
      const artifact = (ctx.state.artifacts ?? []).find((a) => a.id === Number(id));
      if (!artifact || format !== 'zip') throw notFound(ctx);
      if (artifact.expired || artifact.gone) throw fail(ctx, 410, 'Artifact has expired');
      return { status: 302, headers: { location: `${ctx.base}${BLOB_PATH}${artifact.id}.zip?sig=fake` } };
    },
  },
];

/** The zip at a blob URL the download redirected to; undefined when there is none. */
export function artifactBlob(state: GitHubState, pathname: string): Buffer | undefined {
  const m = new RegExp(`^${BLOB_PATH}(\\d+)\\.zip$`).exec(pathname);
  return m ? (state.artifacts ?? []).find((a) => a.id === Number(m[1]))?.zip : undefined;
}
