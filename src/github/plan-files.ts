import * as glob from '@actions/glob';
import { InputError } from '../errors.js';
import { planLabel } from '../plan/label.js';

/**
 * Expands the `plans` input. A pattern that matches nothing is an error, not
 * an empty list: a plan job that was skipped or failed must not pass the gate.
 */
export async function expandPlanPatterns(patterns: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const pattern of patterns) {
    const globber = await glob.create(pattern, { matchDirectories: false, implicitDescendants: false });
    const matched = (await globber.glob()).sort();
    if (matched.length === 0) {
      throw new InputError(
        'plans',
        `${JSON.stringify(pattern)} matches no file: the step that writes the plan did not run or failed; plangate never passes without a plan`,
      );
    }
    // Workspace-relative names read better in reports and annotations.
    for (const file of matched.map((f) => planLabel(f))) if (!files.includes(file)) files.push(file);
  }
  return files;
}
