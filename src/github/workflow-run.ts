import { InputError } from '../errors.js';
import type { RepositoryApi } from './api.js';
import type { RunContext } from './context.js';

/**
 * The pull request a workflow_run gate decides: the one open pull request
 * whose head is the triggering run's head SHA. The payload's pull_requests
 * is empty for forks and lists any open pull request sharing the branch, so
 * it is not asked. None, or several (a commit status cannot tell them
 * apart), is an error; runGate then checks that the SHA is still the head.
 */
export async function pullForWorkflowRun(api: RepositoryApi, context: RunContext): Promise<RunContext> {
  const run = context.workflowRun;
  if (!run) return context;
  const sha = context.headSha.slice(0, 7);
  const from = `the run ${run.id} of "${run.name}" (${run.event}) that triggered this gate is for ${sha}`;
  const open = (await api.openPullsWithHead(context.headSha)).map((p) => p.number).sort((a, b) => a - b);
  if (open.length === 0) {
    throw new InputError('workflow_run', `${from}, and no open pull request has that head (it moved on, or the pull request closed): the run for the new head decides; nothing to gate here`);
  }
  if (open.length > 1) {
    throw new InputError('workflow_run', `${from}, the head of pull requests ${open.map((n) => `#${n}`).join(', ')}, and a commit status cannot tell them apart, so plangate decides neither: push a distinct commit to one of them`);
  }
  return { ...context, number: open[0] as number };
}
