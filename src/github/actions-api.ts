/**
 * GitHub Actions as the gate sees it when the plan comes from another
 * workflow's artifact: the plan workflow, its runs for a commit, a run's
 * artifacts and an artifact's zip. Like RepositoryApi, every list is read to
 * its end and checked against GitHub's own count, and every answer is checked
 * for shape. `OctokitActionsApi` answers it from the REST API.
 */
export interface ActionsApi {
  /** The workflow with this file name (`plan.yml`) or id; undefined when GitHub answers 404. */
  workflow(file: string): Promise<Workflow | undefined>;
  /** Every run of the workflow for `headSha` triggered by `event`, newest first. */
  workflowRuns(workflowId: number, headSha: string, event: string): Promise<WorkflowRun[]>;
  /** Every artifact of the run called `name`. */
  runArtifacts(runId: number, name: string): Promise<Artifact[]>;
  /**
   * Every pull request, open or closed, from branch `branch` of `headRepo` (owner/name), with its
   * number and head SHA: the pull_request runs of a commit cannot tell these apart.
   */
  pullsFromBranch(headRepo: string, branch: string): Promise<Array<{ number: number; headSha: string }>>;
  /** The artifact's zip; `gone` when GitHub answers 410 (expired or deleted); more than `maxBytes` fails. */
  downloadArtifact(id: number, maxBytes: number): Promise<Buffer | 'gone'>;
}

export interface Workflow {
  id: number;
  /** `.github/workflows/plan.yml`. */
  path: string;
  name: string;
  /** active, disabled_manually, … */
  state: string;
}

export interface WorkflowRun {
  id: number;
  runNumber: number;
  runAttempt: number;
  workflowId: number;
  /** The workflow file the run ran, as GitHub names it (`.github/workflows/plan.yml`, perhaps with `@ref`). */
  path: string;
  event: string;
  /** queued, in_progress, completed, … */
  status: string;
  conclusion: string | null;
  headSha: string;
  /** The branch the run's commit was on. */
  headBranch: string;
  /** owner/name of the repository the run's commit came from; null when GitHub gives none (a deleted fork). */
  headRepo: string | null;
  createdAt: string;
  htmlUrl: string;
}

export interface Artifact {
  id: number;
  name: string;
  sizeInBytes: number;
  expired: boolean;
  /** When it was uploaded: approvals given before saw another plan. Null when GitHub does not say. */
  createdAt: string | null;
  /** The run and commit GitHub says made it; null when it does not say. */
  runId: number | null;
  headSha: string | null;
}
