import { analyse, type Analysis, type SourceWeakening } from './analysis/analyse.js';
import { isInputError } from './errors.js';
import { missingNestedChangeSets } from './plan/cloudformation-nested.js';
import type { Dependencies } from './plan/dependencies.js';
import { parsePlan, readPlanFile, type ReadPlanOptions } from './plan/read-plan.js';
import type { Plan } from './plan/types.js';
import type { RuleSet } from './rules/types.js';

export interface CheckOptions extends ReadPlanOptions {
  /** References from the CloudFormation template (`--cfn-template`), added to every change set's. */
  templateDependencies?: Dependencies;
  /** Guards removed in the Terraform sources (`--tf-base` / `--tf-head`). */
  sourceWeakenings?: readonly SourceWeakening[];
}

/** A plan file already in memory (from an artifact's zip), under the name reports show. */
export interface PlanBytes {
  name: string;
  bytes: Buffer;
}

/**
 * Reads every plan file and decides. A file that cannot be read becomes an
 * error of the analysis (so the decision is `error`), never a skipped file.
 * Files are read one after another so only one raw document is held at once.
 */
export async function checkPlans(files: ReadonlyArray<string | PlanBytes>, ruleSet: RuleSet, options: CheckOptions = {}): Promise<Analysis> {
  const plans: Plan[] = [];
  const readErrors: string[] = [];
  if (files.length === 0) readErrors.push('no plan files were given: pass the JSON plan or change-set files to check');
  for (const file of files) {
    try {
      const plan = typeof file === 'string' ? await readPlanFile(file, options) : parsePlan(file.bytes, file.name);
      if (plan.format === 'cloudformation' && options.templateDependencies) mergeDependencies(plan.dependencies, options.templateDependencies);
      plans.push(plan);
    } catch (error) {
      if (!isInputError(error)) throw error;
      readErrors.push(error.message);
    }
  }
  // A root's nested change sets may come in other files: only all of them together say whether one is missing.
  readErrors.push(...missingNestedChangeSets(plans));
  return analyse({ plans, readErrors, ruleSet, sourceWeakenings: options.sourceWeakenings ?? [] });
}

function mergeDependencies(into: Dependencies, from: Dependencies): void {
  for (const [node, targets] of from) {
    const set = into.get(node);
    if (set) for (const t of targets) set.add(t);
    else into.set(node, new Set(targets));
  }
}
