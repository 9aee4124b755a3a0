import * as glob from '@actions/glob';
import { InputError } from '../errors.js';
import { planLabel } from '../plan/label.js';
import { expandBraces, type PlanSpec } from '../plan-spec.js';
import { quote } from '../quote.js';

export interface PlanFiles {
  /** Workspace-relative paths (`../x` outside it), each once, in input order. */
  files: string[];
  /** file → label, for the plans the input labelled. */
  labels: Record<string, string>;
}

/**
 * Expands the `plans` input. A pattern that matches nothing is an error, not
 * an empty list: a plan job that was skipped or failed must not pass the gate.
 * Every such problem is named, each once, in one message.
 */
export async function expandPlanPatterns(specs: readonly PlanSpec[]): Promise<PlanFiles> {
  const files: string[] = [];
  const labels: Record<string, string> = {};
  const problems: string[] = [];
  const seenPatterns = new Set<string>();
  for (const { pattern, label } of specs) {
    if (label === undefined && seenPatterns.has(pattern)) continue;
    seenPatterns.add(pattern);
    const matched: string[] = [];
    for (const one of expandBraces(pattern, 'plans')) {
      const globber = await glob.create(one, { matchDirectories: false, implicitDescendants: false });
      // Workspace-relative names read better in reports and annotations (and name the file as `plangate verify` does); outside it, `../` says so.
      for (const file of (await globber.glob()).sort()) {
        const name = planLabel(file);
        if (!matched.includes(name)) matched.push(name);
      }
    }
    if (matched.length === 0) {
      problems.push(`${quote(pattern)} matches no file`);
      continue;
    }
    if (label !== undefined) {
      if (matched.length > 1) {
        problems.push(`${quote(`${label}=${pattern}`)} labels ${matched.length} files, but a label names one plan`);
        continue;
      }
      const file = matched[0] as string;
      const other = labels[file];
      if (other !== undefined && other !== label) {
        problems.push(`${quote(file)} is labelled both ${quote(other)} and ${quote(label)}`);
        continue;
      }
      labels[file] = label;
    }
    for (const file of matched) if (!files.includes(file)) files.push(file);
  }
  if (problems.length > 0) {
    const fix = problems.some((p) => p.endsWith('matches no file')) ? 'the step that writes the plan did not run or failed; plangate never passes without a plan' : 'give each label its own plan file';
    throw new InputError('plans', `${problems.join('; ')}: ${fix}`);
  }
  return { files, labels };
}
