/**
 * `--cfn-template STACK=FILE`: each stack's own template adds its references
 * to the dependents of that stack's changes, and to no other stack's.
 */

import { InputError } from '../errors.js';
import { quote } from '../quote.js';
import type { Dependencies } from './dependencies.js';
import type { Plan } from './types.js';

export interface StackTemplate {
  /** The stack the template is for; absent for a bare `--cfn-template FILE`. */
  stack?: string;
  /** The template file, as given. */
  file: string;
  dependencies: Dependencies;
}

// CloudFormation stack names: a letter, then letters, digits and hyphens, at most 128 characters.
const STACK = /^([A-Za-z][-A-Za-z0-9]{0,127})=(.+)$/s;

/** `prod-app=templates/app.yaml` → { stack, file }; a value without a stack name is a file. */
export function parseTemplateOption(value: string): { stack?: string; file: string } {
  const match = STACK.exec(value);
  return match ? { stack: match[1], file: match[2] as string } : { file: value };
}

/** Merges each template into the change sets of its stack; errors name templates that fit no change set. */
export function applyTemplates(plans: readonly Plan[], templates: readonly StackTemplate[]): string[] {
  const stacks = plans.filter((p) => p.format === 'cloudformation');
  const bare = templates.filter((t) => t.stack === undefined);
  if (bare.length > 0 && templates.length > 1) {
    throw new InputError('--cfn-template', 'give every template as STACK=FILE once there is more than one, so each stack gets its own');
  }
  const errors: string[] = [];
  const roots = [...new Set(stacks.flatMap((p) => (p.stacks ?? []).filter((s) => s.prefix === '').map((s) => s.name)))];
  for (const template of bare) {
    if (roots.length > 1) {
      errors.push(`--cfn-template ${template.file}: the change sets are for ${roots.length} stacks (${roots.map((r) => quote(r)).join(', ')}), and one template cannot be all of them: give each its own as --cfn-template STACK=FILE`);
      continue;
    }
    for (const plan of stacks) merge(plan.dependencies, template.dependencies, '');
  }
  for (const template of templates) {
    if (template.stack === undefined) continue;
    let found = false;
    for (const plan of stacks) {
      for (const { name, prefix } of plan.stacks ?? []) {
        if (name !== template.stack) continue;
        merge(plan.dependencies, template.dependencies, prefix);
        found = true;
      }
    }
    if (!found) {
      const known = [...new Set(stacks.flatMap((p) => (p.stacks ?? []).map((s) => s.name)))];
      const which = known.length > 0 ? `the change sets are for ${known.map((k) => quote(k)).join(', ')}` : 'no change set names its stack';
      errors.push(`--cfn-template ${quote(template.stack)}=${template.file}: no change set is for stack ${quote(template.stack)} (${which}): check the stack name`);
    }
  }
  return errors;
}

/** Adds `from`'s edges to `into`, every node under `prefix` (`Parent/` for a nested stack's resources). */
function merge(into: Dependencies, from: Dependencies, prefix: string): void {
  for (const [node, targets] of from) {
    const key = prefix + node;
    let set = into.get(key);
    if (!set) into.set(key, (set = new Set()));
    for (const t of targets) set.add(prefix + t);
  }
}
