// Building GitHub Actions state: the plan workflow, its runs and their
// artifacts, as the recommended set-up leaves them for a pull request.
import { timeAt } from './state.js';
import type { FakeArtifact, FakeWorkflow, FakeWorkflowRun, GitHubState } from './types.js';
import { makeZip, type ZipEntry } from './zip-writer.js';

export const PLAN_WORKFLOW: FakeWorkflow = { id: 61_000_001, name: 'plan', path: '.github/workflows/plan.yml' };

export interface PlanRunOptions {
  /** The run's head commit; default pull request #7's head. */
  headSha?: string;
  workflow?: FakeWorkflow;
  event?: string;
  status?: FakeWorkflowRun['status'];
  conclusion?: FakeWorkflowRun['conclusion'];
  headRepo?: string;
  /** The branch the run ran on; default pull request #7's head branch. */
  headBranch?: string;
  /** Minutes after BASE_TIME the run was created (default 5); later runs are newer. */
  minutes?: number;
  /** The artifact's files (default none: no artifact), its name (default plangate-plan-7-<sha>) and whether it expired. */
  files?: ZipEntry[];
  /** The artifact's zip as it is, instead of one made of `files`. */
  zip?: Buffer;
  artifactName?: string;
  artifact?: Partial<Omit<FakeArtifact, 'id' | 'runId' | 'zip'>>;
}

/** Adds a run of the plan workflow (the plan workflow too, if missing) and the artifact it uploaded; returns both. */
export function addPlanRun(state: GitHubState, options: PlanRunOptions = {}): { run: FakeWorkflowRun; artifact?: FakeArtifact } {
  const workflow = options.workflow ?? PLAN_WORKFLOW;
  state.workflows ??= [];
  if (!state.workflows.some((w) => w.id === workflow.id)) state.workflows.push(workflow);
  const runs = (state.workflowRuns ??= []);
  const pull = state.pulls[7];
  const headSha = options.headSha ?? pull?.head.sha ?? '0'.repeat(40);
  const run: FakeWorkflowRun = {
    id: 7_000_000_000 + runs.length + 1,
    workflowId: workflow.id,
    runNumber: runs.filter((r) => r.workflowId === workflow.id).length + 1,
    event: options.event ?? 'pull_request',
    status: options.status ?? 'completed',
    conclusion: options.conclusion === undefined ? (options.status && options.status !== 'completed' ? null : 'success') : options.conclusion,
    headSha,
    headBranch: options.headBranch ?? pull?.head.ref ?? 'feature',
    actor: pull?.user ?? 'dev-alice',
    created_at: timeAt(options.minutes ?? 5),
    ...(options.headRepo ? { headRepo: options.headRepo } : {}),
  };
  runs.push(run);
  if (!options.files && !options.zip) return { run };
  const artifacts = (state.artifacts ??= []);
  const artifact: FakeArtifact = {
    id: 8_000_000 + artifacts.length + 1,
    runId: run.id,
    name: options.artifactName ?? `plangate-plan-${pull?.number ?? 7}-${headSha}`,
    zip: options.zip ?? makeZip(options.files ?? []),
    created_at: timeAt((options.minutes ?? 5) + 3),
    ...options.artifact,
  };
  artifacts.push(artifact);
  return { run, artifact };
}
