import { analyse, type Analysis, type SourceWeakening } from './analysis/analyse.js';
import { isInputError } from './errors.js';
import { missingNestedChangeSets } from './plan/cloudformation-nested.js';
import { applyTemplates, type StackTemplate } from './plan/cloudformation-stacks.js';
import { parsePlan, readPlanFile, type ReadPlanOptions } from './plan/read-plan.js';
import type { Plan } from './plan/types.js';
import type { RuleSet } from './rules/types.js';

export interface CheckOptions extends ReadPlanOptions {
  /** CloudFormation templates (`--cfn-template [STACK=]FILE`): each adds its references to its stack's change sets. */
  templates?: readonly StackTemplate[];
  /** Guards removed in the Terraform sources (`--tf-base` / `--tf-head`). */
  sourceWeakenings?: readonly SourceWeakening[];
  /** Labels the user gave plan files (file → label), shown in reports beside or instead of the path. */
  labels?: Readonly<Record<string, string>>;
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
      plans.push(plan);
    } catch (error) {
      if (!isInputError(error)) throw error;
      readErrors.push(error.message);
    }
  }
  // A root's nested change sets may come in other files: only all of them together say whether one is missing.
  readErrors.push(...missingNestedChangeSets(plans));
  if (options.templates?.length) readErrors.push(...applyTemplates(plans, options.templates));
  const analysis = analyse({ plans, readErrors, ruleSet, sourceWeakenings: options.sourceWeakenings ?? [] });
  // readPlanFile names standard input so; a label given to `-` goes with that name.
  const labels = Object.entries(options.labels ?? {}).flatMap(([file, label]) => (files.includes(file) ? [[file === '-' ? 'standard input' : file, label] as const] : []));
  if (labels.length > 0) analysis.labels = Object.fromEntries(labels);
  return analysis;
}
