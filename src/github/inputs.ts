import * as core from '@actions/core';
import { InputError } from '../errors.js';
import { checkLabels, parsePlanSpec, splitPlanList, type PlanSpec } from '../plan-spec.js';
import { repositoryPathProblem } from '../rules/repository-path.js';

export const COMMENT_MODES = ['always', 'on-findings', 'never'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

export const MODES = ['decide', 'mark-pending'] as const;
export type Mode = (typeof MODES)[number];

/** What plangate needs to post a status at all: read before anything else, so a bad input still leaves a failure. */
export interface StatusInputs {
  token: string;
  statusContext: string;
  /** `mark-pending`: only set the status to pending, as the job's first step, before the plan takes minutes. */
  mode: Mode;
}

/** Every other input of action.yml, read once and validated. */
export interface Inputs extends StatusInputs {
  /** Plan file paths or globs, relative to the workspace, each with its label when given one (`prod=plans/prod.json`). */
  plans: PlanSpec[];
  /** Path of the rules file, read from the default branch (or configRef) through the API. */
  config: string;
  /** A protected branch to read the rules from instead of the default branch. */
  configRef?: string;
  overrideLabel: string;
  /** Extra logins, app slugs or emails that count as the authoring agent. */
  agentIdentities: string[];
  comment: CommentMode;
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
  if (plans.length === 0) {
    throw new InputError('plans', 'no plan files given: expected paths or globs of plan JSON files, one per line (or comma-separated), each optionally labelled, for example `plans: prod=plans/prod.json`');
  }
  checkLabels(plans, 'plans');
  const comment = core.getInput('comment') || 'on-findings';
  if (!(COMMENT_MODES as readonly string[]).includes(comment)) {
    throw new InputError('comment', `expected one of ${COMMENT_MODES.join(', ')}, got ${JSON.stringify(comment)}`);
  }
  const config = core.getInput('config') || '.github/plangate.yml';
  const configProblem = repositoryPathProblem(config);
  // The same string reads the config and recognises a change to it: `/x` or `./x` would read one and miss the other.
  if (configProblem) throw new InputError('config', `expected ${configProblem}, got ${JSON.stringify(config)}`);
  const inputs: Inputs = {
    ...status,
    plans,
    config,
    overrideLabel: core.getInput('override-label') || 'plangate-override',
    agentIdentities: list('agent-identities'),
    comment: comment as CommentMode,
  };
  const configRef = core.getInput('config-ref').replace(/^refs\/heads\//, '');
  if (configRef !== '') {
    // git check-ref-format's rules, as far as they matter for a branch name in a URL.
    if (/[\s~^:?*[\\]|\.\.|@\{|^[/.]|[/.]$|\.lock$/.test(configRef)) throw new InputError('config-ref', `expected a branch name, got ${JSON.stringify(configRef)}`);
    inputs.configRef = configRef;
  }
  return inputs;
}
