import type { ActionsApi, Artifact, Workflow, WorkflowRun } from './actions-api.js';
import { Answer } from './answer.js';
import { GitHubApiError } from './api.js';
import type { GitHubClient } from './client.js';
import { apiError } from './failure.js';

/** GitHub Actions' REST API through Octokit: every list read to its end and counted against total_count. */
export class OctokitActionsApi implements ActionsApi {
  constructor(
    private readonly client: GitHubClient,
    readonly owner: string,
    readonly repo: string,
  ) {}

  private where(path: string): string {
    return `/repos/${this.owner}/${this.repo}/actions/${path}`;
  }

  /**
   * Every page of a `{ total_count, <items> }` list. GitHub stops some of these
   * lists at 1,000 results, and a page may go missing: fewer items than
   * total_count, or a count that changes between pages, is an error.
   */
  private async listAll(route: string, params: Record<string, unknown>, call: string): Promise<unknown[]> {
    const items: unknown[] = [];
    let total: number | undefined;
    try {
      for await (const page of this.client.paginate.iterator<unknown>(route, { owner: this.owner, repo: this.repo, per_page: 100, ...params })) {
        const data = page.data as unknown[] & { total_count?: unknown };
        if (!Array.isArray(data)) throw Object.assign(new Error('the answer is not a list'), { status: page.status });
        const count = new Answer(call).count(data.total_count, 'total_count');
        if (total !== undefined && count !== total) throw new GitHubApiError(`GitHub API ${call} counted ${total} and then ${count} results while plangate read its pages: run again`);
        total = count;
        items.push(...data);
      }
    } catch (error) {
      throw apiError(call, error);
    }
    if (items.length !== (total ?? 0)) {
      throw new GitHubApiError(
        `GitHub API ${call} counts ${total ?? 0} results but lists ${items.length} (it lists at most 1,000), so plangate cannot be sure it saw the newest: run again, or re-run the plan workflow`,
      );
    }
    return items;
  }

  async workflow(file: string): Promise<Workflow | undefined> {
    const call = `GET ${this.where(`workflows/${file}`)}`;
    let data: unknown;
    try {
      data = (await this.client.request('GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}', { owner: this.owner, repo: this.repo, workflow_id: file })).data;
    } catch (error) {
      if ((error as { status?: number }).status === 404) return undefined;
      throw apiError(call, error);
    }
    const a = new Answer(call);
    const w = a.object(data, '(answer)');
    return { id: a.count(w.id, 'id'), path: a.text(w.path, 'path'), name: a.string(w.name, 'name'), state: a.text(w.state, 'state') };
  }

  async workflowRuns(workflowId: number, headSha: string, event: string): Promise<WorkflowRun[]> {
    const call = `GET ${this.where(`workflows/${workflowId}/runs?head_sha=${headSha}&event=${event}`)}`;
    const a = new Answer(call);
    const items = await this.listAll('GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', { workflow_id: workflowId, head_sha: headSha, event }, call);
    const runs = items.map((item, i): WorkflowRun => {
      const r = a.object(item, `workflow_runs[${i}]`);
      const head = r.head_repository === null || r.head_repository === undefined ? null : a.object(r.head_repository, `workflow_runs[${i}].head_repository`);
      return {
        id: a.count(r.id, `workflow_runs[${i}].id`),
        runNumber: a.count(r.run_number, `workflow_runs[${i}].run_number`),
        runAttempt: r.run_attempt === undefined ? 1 : a.count(r.run_attempt, `workflow_runs[${i}].run_attempt`),
        workflowId: a.count(r.workflow_id, `workflow_runs[${i}].workflow_id`),
        path: a.text(r.path, `workflow_runs[${i}].path`),
        event: a.text(r.event, `workflow_runs[${i}].event`),
        status: a.text(r.status, `workflow_runs[${i}].status`),
        conclusion: r.conclusion === null ? null : a.text(r.conclusion, `workflow_runs[${i}].conclusion`),
        headSha: a.sha(r.head_sha, `workflow_runs[${i}].head_sha`),
        headBranch: a.string(r.head_branch, `workflow_runs[${i}].head_branch`),
        headRepo: head === null ? null : a.text(head.full_name, `workflow_runs[${i}].head_repository.full_name`),
        createdAt: a.time(r.created_at, `workflow_runs[${i}].created_at`),
        htmlUrl: a.string(r.html_url, `workflow_runs[${i}].html_url`),
      };
    });
    // Newest first by GitHub's own counter, whatever order the pages came in.
    return runs.sort((x, y) => y.runNumber - x.runNumber || y.id - x.id);
  }

  async runArtifacts(runId: number, name: string): Promise<Artifact[]> {
    const call = `GET ${this.where(`runs/${runId}/artifacts?name=${name}`)}`;
    const a = new Answer(call);
    const items = await this.listAll('GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts', { run_id: runId, name }, call);
    return items.map((item, i): Artifact => {
      const x = a.object(item, `artifacts[${i}]`);
      const run = x.workflow_run === null || x.workflow_run === undefined ? null : a.object(x.workflow_run, `artifacts[${i}].workflow_run`);
      return {
        id: a.count(x.id, `artifacts[${i}].id`),
        name: a.text(x.name, `artifacts[${i}].name`),
        sizeInBytes: a.count(x.size_in_bytes, `artifacts[${i}].size_in_bytes`),
        expired: a.boolean(x.expired, `artifacts[${i}].expired`),
        createdAt: x.created_at === null || x.created_at === undefined ? null : a.time(x.created_at, `artifacts[${i}].created_at`),
        runId: run?.id === undefined ? null : a.count(run.id, `artifacts[${i}].workflow_run.id`),
        headSha: run?.head_sha === undefined ? null : a.sha(run.head_sha, `artifacts[${i}].workflow_run.head_sha`),
      };
    });
  }

  async pullsFromBranch(headRepo: string, branch: string): Promise<Array<{ number: number; headSha: string }>> {
    const head = `${headRepo.split('/')[0] ?? ''}:${branch}`;
    const call = `GET /repos/${this.owner}/${this.repo}/pulls?state=all&head=${head}`;
    const a = new Answer(call);
    const items: unknown[] = [];
    try {
      for await (const page of this.client.paginate.iterator<unknown>('GET /repos/{owner}/{repo}/pulls', { owner: this.owner, repo: this.repo, state: 'all', head, per_page: 100 })) {
        if (!Array.isArray(page.data)) throw Object.assign(new Error('the answer is not a list'), { status: page.status });
        items.push(...page.data);
      }
    } catch (error) {
      throw apiError(call, error);
    }
    return items.map((item, i) => {
      const p = a.object(item, `[${i}]`);
      const h = a.object(p.head, `[${i}].head`);
      // A pull request of another branch or repository means GitHub ignored the filter.
      if (h.ref !== branch) a.fail(`[${i}].head.ref`, JSON.stringify(branch), h.ref);
      return { number: a.count(p.number, `[${i}].number`), headSha: a.sha(h.sha, `[${i}].head.sha`) };
    });
  }

  /** Follows GitHub's redirect to the zip and reads it as a stream, so a zip past `maxBytes` is never held whole. */
  async downloadArtifact(id: number, maxBytes: number): Promise<Buffer | 'gone'> {
    const call = `GET ${this.where(`artifacts/${id}/zip`)}`;
    let body: unknown;
    try {
      const response = await this.client.request('GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}', {
        owner: this.owner,
        repo: this.repo,
        artifact_id: id,
        archive_format: 'zip',
        request: { parseSuccessResponseBody: false },
      });
      body = response.data;
    } catch (error) {
      if ((error as { status?: number }).status === 410) return 'gone';
      throw apiError(call, error);
    }
    if (!(body instanceof ReadableStream)) throw new GitHubApiError(`GitHub API ${call} answered without a body: run again`);
    const chunks: Buffer[] = [];
    let size = 0;
    const reader = (body as ReadableStream<Uint8Array>).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.length;
        if (size > maxBytes) throw new GitHubApiError(`the artifact's zip (${call}) is larger than ${maxBytes.toLocaleString('en-US')} bytes, more than plangate reads: upload only the plan JSON`);
        chunks.push(Buffer.from(value));
      }
    } catch (error) {
      throw apiError(call, error);
    } finally {
      await reader.cancel().catch(() => undefined);
    }
    return Buffer.concat(chunks);
  }
}
