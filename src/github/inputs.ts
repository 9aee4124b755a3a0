import * as core from '@actions/core';
import { InputError } from '../errors.js';
import { checkLabels, parsePlanSpec, splitPlanList, type PlanSpec } from '../plan-spec.js';
import { repositoryPathProblem } from '../rules/repository-path.js';

export const COMMENT_MODES = ['always', 'on-findings', 'never'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

export const MODES = ['decide', 'mark-pending', 'verify'] as const;
export type Mode = (typeof MODES)[number];

export const PLAN_SOURCES = ['workspace', 'artifact'] as const;
export type PlansFrom = (typeof PLAN_SOURCES)[number];

/** What plangate needs to post a status at all: read before anything else, so a bad input still leaves a failure. */
export interface StatusInputs {
  token: string;
  statusContext: string;
  /** `mark-pending`: only set the status to pending, as the job's first step, before the plan takes minutes; `verify`: check a plan at apply time. */
  mode: Mode;
}

/** Every other input of action.yml, read once and validated. */
export interface Inputs extends StatusInputs {
  /** Plan file paths or globs, relative to the workspace, each with its label when given one (`prod=plans/prod.json`); with plansFrom `artifact`, globs inside the artifact (none: every file). */
  plans: PlanSpec[];
  /** `workspace`: the plans are files of this job; `artifact`: the plan workflow's artifact for the head commit, through the API. */
  plansFrom: PlansFrom;
  /** With plansFrom `artifact`: the plan workflow's file name, and the artifact's name (`{number}` for the pull request's number, `{head-sha}` for the head SHA). */
  planWorkflow?: string;
  planArtifact: string;
  /** Path of the rules file, read from the default branch (or configRef) through the API; absent: .github/plangate.yml or .yaml. */
  config?: string;
  /** A protected branch to read the rules from instead of the default branch. */
  configRef?: string;
  overrideLabel: string;
  /** Extra logins, app slugs or emails that count as the authoring agent. */
  agentIdentities: string[];
  comment: CommentMode;
  /** Whose comments hold plangate's decisions (`verify`, merge groups); unset, the token's own account. */
  poster?: string;
  /** `verify`: the merge commit being deployed; unset, GITHUB_SHA. */
  commit?: string;
}

/** Newline- or comma-separated list, blanks dropped. */
function list(name: string): string[] {
  return core
    .getInput(name)
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export function getStatusInputs(): StatusInputs {
  const token = core.getInput('github-token');
  if (token === '') {
    throw new InputError('github-token', 'empty: plangate needs a token to read reviews and post its status; leave the input out to use `${{ github.token }}`');
  }
  core.setSecret(token);
  const statusContext = core.getInput('status-context') || 'plangate';
  if (statusContext.length > 100) throw new InputError('status-context', 'expected at most 100 characters');
  const mode = core.getInput('mode') || 'decide';
  if (!(MODES as readonly string[]).includes(mode)) throw new InputError('mode', `expected one of ${MODES.join(', ')}, got ${JSON.stringify(mode)}`);
  return { token, statusContext, mode: mode as Mode };
}

export function getInputs(status: StatusInputs): Inputs {
  const plans = splitPlanList(core.getInput('plans')).map(parsePlanSpec);
  const plansFrom = core.getInput('plans-from') || 'workspace';
  if (!(PLAN_SOURCES as readonly string[]).includes(plansFrom)) throw new InputError('plans-from', `expected one of ${PLAN_SOURCES.join(', ')}, got ${JSON.stringify(plansFrom)}`);
  if (plans.length === 0 && plansFrom === 'workspace') {
    throw new InputError('plans', 'no plan files given: expected paths or globs of plan JSON files, one per line (or comma-separated), each optionally labelled, for example `plans: prod=plans/prod.json`');
  }
  checkLabels(plans, 'plans');
  const comment = core.getInput('comment') || 'on-findings';
  if (!(COMMENT_MODES as readonly string[]).includes(comment)) {
    throw new InputError('comment', `expected one of ${COMMENT_MODES.join(', ')}, got ${JSON.stringify(comment)}`);
  }
  const config = core.getInput('config');
  const configProblem = config === '' ? undefined : repositoryPathProblem(config);
  // The same string reads the config and recognises a change to it: `/x` or `./x` would read one and miss the other.
  if (configProblem) throw new InputError('config', `expected ${configProblem}, got ${JSON.stringify(config)}`);
  const inputs: Inputs = {
    ...status,
    plans,
    plansFrom: plansFrom as PlansFrom,
    planArtifact: core.getInput('plan-artifact') || 'plangate-plan-{number}-{head-sha}',
    overrideLabel: core.getInput('override-label') || 'plangate-override',
    agentIdentities: list('agent-identities'),
    comment: comment as CommentMode,
  };
  if (config !== '') inputs.config = config;
  const planWorkflow = core.getInput('plan-workflow');
  if (plansFrom === 'artifact') {
    // A file name (or id) only: the API looks the workflow up by it, and a path or ref would name something else.
    if (!/^(?:[\w.-]+\.ya?ml|\d+)$/.test(planWorkflow)) {
      throw new InputError('plan-workflow', `expected the file name of the workflow that plans and uploads the artifact, for example \`plan-workflow: plan.yml\`, got ${JSON.stringify(planWorkflow)}`);
    }
    // The run of another pull request with the same head (into another base, closed since) planned another merge: the name tells them apart.
    if (/[\\/\s\0]/.test(inputs.planArtifact) || inputs.planArtifact.length > 200 || !inputs.planArtifact.includes('{number}')) {
      throw new InputError('plan-artifact', `expected an artifact name without slashes or spaces that holds {number} (the pull request's number, so that another pull request's plan of the same commit is not taken for this one's), got ${JSON.stringify(inputs.planArtifact)}`);
    }
    inputs.planWorkflow = planWorkflow;
  }
  const configRef = core.getInput('config-ref').replace(/^refs\/heads\//, '');
  if (configRef !== '') {
    // git check-ref-format's rules, as far as they matter for a branch name in a URL.
    if (/[\s~^:?*[\\]|\.\.|@\{|^[/.]|[/.]$|\.lock$/.test(configRef)) throw new InputError('config-ref', `expected a branch name, got ${JSON.stringify(configRef)}`);
    inputs.configRef = configRef;
  }
  const poster = core.getInput('poster');
  if (poster !== '') inputs.poster = poster;
  const commit = core.getInput('commit');
  if (commit !== '') {
    if (!/^[0-9a-f]{40}$/.test(commit)) throw new InputError('commit', `expected a 40-hex commit SHA, got ${JSON.stringify(commit)}`);
    inputs.commit = commit;
  }
  return inputs;
}
