import { Minimatch } from 'minimatch';
import type { PlanBytes } from '../check.js';
import { planSizeLimit } from '../plan/read-plan.js';
import type { ActionsApi, WorkflowRun } from './actions-api.js';
import { readZip, ZipError } from './zip.js';

/** Where the plan for a commit is: the artifact a run of the plan workflow uploaded. */
export interface ArtifactSource {
  /** The plan workflow's file name (`plan.yml`), as the plan-workflow input names it. */
  workflow: string;
  /** The artifact's name; `{number}` stands for the pull request's number, `{head-sha}` for the head SHA. */
  artifact: string;
  /** The pull request: its plan run's artifact is named for it, not for another pull request with the same head. */
  number: number;
  /** The pull request's current head, which the run must be for. */
  headSha: string;
  /** owner/name of the pull request's head repository (null: a deleted fork), which the run must have run on. */
  headRepo: string | null;
  /** Globs of the plan files inside the artifact; none: every file in it. */
  patterns: readonly string[];
  /** The pull request's head branch: its plan run ran on it. */
  headRef: string;
  /** When the pull request last changed its base, if it did: a run before it planned the merge with the old base. */
  retargetedAt?: string;
}

export const HEAD_SHA_PLACEHOLDER = '{head-sha}';
export const NUMBER_PLACEHOLDER = '{number}';
/** actions/upload-artifact zips the plan; compressed JSON is a tenth of its size or less. */
export const MAX_ARTIFACT_BYTES = 256 * 2 ** 20;
const MAX_ENTRIES = 1000;
const EVENT = 'pull_request';

/**
 * The plan files of the latest run of the plan workflow for the head commit,
 * or one line saying which run and artifact plangate looked for, what was
 * wrong and what to do. Only the newest run counts: when it failed, was
 * cancelled or is still running, an older success for the same commit does
 * not stand in for it. GitHub's answers that contradict the question (another
 * commit, event or workflow) are refused, never filtered.
 */
export async function readPlanArtifact(api: ActionsApi, source: ArtifactSource): Promise<{ plans: PlanBytes[]; madeAt: string } | { problem: string }> {
  const sha = source.headSha.slice(0, 7);
  const name = source.artifact.split(HEAD_SHA_PLACEHOLDER).join(source.headSha).split(NUMBER_PLACEHOLDER).join(String(source.number));
  const sought = `the artifact ${JSON.stringify(name)} of the latest ${EVENT} run of ${source.workflow} for ${sha}`;
  const problem = (what: string) => ({ problem: `plans-from: artifact: ${sought}: ${what}` });

  const workflow = await api.workflow(source.workflow);
  if (!workflow) return problem(`the repository has no workflow ${source.workflow}: set plan-workflow to the file name of the workflow that plans and uploads the artifact (for example plan.yml)`);
  const runs = await api.workflowRuns(workflow.id, source.headSha, EVENT);
  const stray = runs.find((r) => r.headSha !== source.headSha || r.event !== EVENT || r.workflowId !== workflow.id || runPath(r.path) !== workflow.path);
  if (stray) return problem(`GitHub listed run ${stray.id} (${stray.path}, ${stray.event}, ${stray.headSha.slice(0, 7)}), which is not one, so its answers cannot be trusted: run again`);
  const run = runs[0];
  if (!run) return problem(`${source.workflow} has not run on ${EVENT} for this commit: the gate decides when the plan workflow completes; check that it runs on pull_request (opened, synchronize, reopened)`);
  const which = `run #${run.runNumber} (${run.htmlUrl || `id ${run.id}`})`;
  if (source.headRepo === null) return problem(`the pull request's head repository was deleted, so ${which} cannot be tied to it: reopen the pull request from a branch that exists`);
  if (run.headRepo === null || run.headRepo.toLowerCase() !== source.headRepo.toLowerCase()) {
    return problem(`${which} ran on ${run.headRepo ?? 'an unknown repository'}, not on the pull request's head repository ${source.headRepo}: its plan is not this pull request's; push to the pull request's branch to plan again`);
  }
  if (run.headBranch !== source.headRef) return problem(`${which} ran on the branch ${JSON.stringify(run.headBranch)}, not on the pull request's head branch ${JSON.stringify(source.headRef)}: it planned another pull request; push to plan again`);
  // Another pull request with this head (into another base, whose workflow files it ran) had pull_request runs of this very commit.
  const twins = (await api.pullsFromBranch(source.headRepo, source.headRef)).filter((p) => p.number !== source.number && p.headSha === source.headSha);
  if (twins.length > 0) {
    return problem(`pull request${twins.length === 1 ? '' : 's'} ${twins.map((p) => `#${p.number}`).join(', ')} (open or closed) ha${twins.length === 1 ? 's' : 've'} the same head commit, so ${which} may have planned ${twins.length === 1 ? 'its' : 'their'} merge into another base with ${twins.length === 1 ? 'its' : 'their'} workflow files: push a new commit`);
  }
  if (source.retargetedAt !== undefined && !(Date.parse(run.createdAt) > Date.parse(source.retargetedAt))) {
    return problem(`${which} started at ${run.createdAt}, before the pull request changed its base at ${source.retargetedAt || '(a time GitHub does not give)'}, so it planned the merge into the old base: run the plan workflow on pull_request edited too, or push a commit (a re-run replays the old event and its base)`);
  }
  if (run.status !== 'completed') return problem(`${which} is ${run.status}: the gate decides again when it completes`);
  if (run.conclusion !== 'success') return problem(`${which} ended ${run.conclusion ?? 'without a conclusion'}, so it planned nothing plangate may trust: fix the plan workflow and push, or re-run it`);

  const artifacts = await api.runArtifacts(run.id, name);
  const foreign = artifacts.find((a) => a.name !== name || (a.runId !== null && a.runId !== run.id) || (a.headSha !== null && a.headSha !== source.headSha));
  if (foreign) return problem(`GitHub listed artifact ${foreign.id} (${JSON.stringify(foreign.name)}) of another run, commit or name for ${which}, so its answers cannot be trusted: run again`);
  if (artifacts.length === 0) return problem(`${which} uploaded no artifact of that name: upload the plan JSON with actions/upload-artifact under that name (see the README's plan workflow), or set plan-artifact to the name it uses`);
  if (artifacts.length > 1) return problem(`${which} has ${artifacts.length} artifacts of that name, so plangate cannot tell which is the plan: upload it once`);
  const artifact = artifacts[0] as (typeof artifacts)[number];
  const rerun = `re-run ${which} to upload the plan again`;
  // Approvals are weighed against when this plan was made: without that time none could be.
  if (artifact.createdAt === null) return problem(`GitHub does not say when it was uploaded, so plangate cannot tell which approvals saw it: ${rerun}`);
  if (artifact.expired) return problem(`it expired: ${rerun}, or keep plan artifacts longer (retention-days)`);
  if (artifact.sizeInBytes > MAX_ARTIFACT_BYTES) return problem(`it is ${artifact.sizeInBytes.toLocaleString('en-US')} bytes, more than the ${MAX_ARTIFACT_BYTES.toLocaleString('en-US')} plangate downloads: upload only the plan JSON`);
  const zip = await api.downloadArtifact(artifact.id, MAX_ARTIFACT_BYTES);
  if (zip === 'gone') return problem(`GitHub answers 410 Gone for its zip (expired or deleted): ${rerun}`);

  let files;
  try {
    files = readZip(zip, { maxEntries: MAX_ENTRIES, maxBytes: planSizeLimit() });
  } catch (error) {
    if (!(error instanceof ZipError)) throw error;
    return problem(`plangate refuses its zip: ${error.message}; upload only the plan JSON with actions/upload-artifact`);
  }
  if (files.length === 0) return problem(`it holds no file: the plan step wrote nothing; ${rerun} once it does`);
  const chosen = source.patterns.length === 0 ? files : files.filter((f) => source.patterns.some((p) => new Minimatch(p, { dot: true }).match(f.name)));
  const unmatched = source.patterns.find((p) => !files.some((f) => new Minimatch(p, { dot: true }).match(f.name)));
  if (unmatched !== undefined) return problem(`the plans pattern ${JSON.stringify(unmatched)} matches none of its files (${files.slice(0, 5).map((f) => f.name).join(', ')}${files.length > 5 ? ', …' : ''}): fix the plans input or the upload`);
  // Named by their path inside the artifact, as the apply job names the same file for `plangate verify`.
  return { plans: chosen.map((f) => ({ name: f.name, bytes: f.bytes })), madeAt: artifact.createdAt };
}

/** `.github/workflows/plan.yml` from the forms GitHub gives a run's path (`…@ref`, `owner/repo/…`). */
function runPath(path: WorkflowRun['path']): string {
  const bare = path.replace(/@[^@/]*$/, '');
  const at = bare.indexOf('.github/workflows/');
  return at > 0 ? bare.slice(at) : bare;
}
