import { analyse, type Analysis } from './analysis/analyse.js';
import { isInputError } from './errors.js';
import { readPlanFile, type ReadPlanOptions } from './plan/read-plan.js';
import type { Plan } from './plan/types.js';
import type { RuleSet } from './rules/types.js';

/**
 * Reads every plan file and decides. A file that cannot be read becomes an
 * error of the analysis (so the decision is `error`), never a skipped file.
 * Files are read one after another so only one raw document is held at once.
 */
export async function checkPlans(files: readonly string[], ruleSet: RuleSet, options: ReadPlanOptions = {}): Promise<Analysis> {
  const plans: Plan[] = [];
  const readErrors: string[] = [];
  if (files.length === 0) readErrors.push('no plan files were given: pass the JSON plan or change-set files to check');
  for (const file of files) {
    try {
      plans.push(await readPlanFile(file, options));
    } catch (error) {
      if (!isInputError(error)) throw error;
      readErrors.push(error.message);
    }
  }
  return analyse({ plans, readErrors, ruleSet });
}
