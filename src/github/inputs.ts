import * as core from '@actions/core';
import { InputError } from '../errors.js';

/** Every input of action.yml, read once and validated. */
export interface Inputs {
  /** Plan file paths or globs, relative to the workspace. */
  plans: string[];
}

export function getInputs(): Inputs {
  const plans = core
    .getInput('plans')
    .split(/[\n,]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (plans.length === 0) {
    throw new InputError('plans', 'no plan files given: expected newline- or comma-separated paths or globs of plan JSON files, for example `plans: plan.json`');
  }
  return { plans };
}
