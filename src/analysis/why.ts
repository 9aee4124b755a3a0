/**
 * Why a change destroys what it destroys, in words a reviewer reads without
 * the plan: Terraform's action_reason and replace_paths, CloudFormation's
 * Details (RequiresRecreation) and Remove, create-before-destroy.
 */

import type { Change } from '../plan/types.js';

// Terraform's action_reason values (json-format and plans/changes.go), each said plainly.
const TERRAFORM_REASONS: Record<string, string> = {
  replace_because_tainted: 'it is tainted (a failed create, or terraform taint), so Terraform destroys it and creates it anew',
  replace_by_request: 'replacement was requested with -replace (terraform plan -replace=ADDRESS)',
  replace_because_cannot_update: 'an argument changed that the provider cannot update in place',
  replace_by_triggers: 'a resource or attribute named in its lifecycle replace_triggered_by changed',
  delete_because_no_resource_config: 'its resource block was removed from the configuration',
  delete_because_no_module: 'the module that declared it was removed from the configuration',
  delete_because_wrong_repetition: 'its count or for_each was added or removed, so this instance key no longer exists',
  delete_because_count_index: 'its index is past the new count',
  delete_because_each_key: 'its key is no longer in for_each',
  delete_because_no_move_target: 'the target of its moved block is not in the configuration',
};

/** One sentence: why the change loses the resource; undefined when the plan does not say. */
export function whyChange(change: Change): string | undefined {
  const parts: string[] = [];
  if (change.deposed !== undefined) parts.push('it is a deposed object, left by an earlier create_before_destroy replacement that did not finish, which Terraform now destroys');
  if (change.format === 'terraform') {
    const reason = change.reason;
    const paths = change.replacePaths ?? [];
    if (paths.length > 0 && (reason === undefined || reason === 'replace_because_cannot_update')) {
      parts.push(`changing ${names(paths)} forces replacement: the provider cannot update ${paths.length === 1 ? 'it' : 'them'} in place`);
    } else {
      if (reason !== undefined) parts.push(TERRAFORM_REASONS[reason] ?? `Terraform's reason: ${reason}`);
      if (paths.length > 0) parts.push(`changing ${names(paths)} forces replacement`);
    }
  } else {
    if (change.recreation?.length) {
      const always = change.recreation.filter((r) => r.requires === 'Always').map((r) => r.property);
      const maybe = change.recreation.filter((r) => r.requires === 'Conditionally').map((r) => r.property);
      if (always.length > 0) parts.push(`changing ${names(always)} requires recreation (RequiresRecreation: Always)`);
      if (maybe.length > 0) parts.push(`changing ${names(maybe)} may require recreation (RequiresRecreation: Conditionally)`);
    } else if (change.reason !== undefined && !change.reason.startsWith('requires replacement')) {
      parts.push(change.reason);
    }
    if (change.action === 'delete') parts.push('it is no longer in the template (removed, or its Condition is now false)');
    if (change.causedBy?.length) parts.push(`caused by a change to ${names(change.causedBy)}`);
  }
  if (change.action === 'replace') parts.push(replaceOrder(change));
  if (change.action === 'forget' && change.format === 'terraform') parts.push('Terraform stops managing it and leaves the object itself in place');
  if (parts.length === 0) return undefined;
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** What happens between the old object and the new: the window in which neither, or both, exist. */
function replaceOrder(change: Change): string {
  // CloudFormation always creates the replacement first, points dependents at it, then deletes the old one.
  if (change.format === 'cloudformation') return 'CloudFormation creates the new one, points what references it at the new one, then deletes the old one';
  return change.createBeforeDestroy
    ? 'the new one is created before the old one is destroyed (create_before_destroy)'
    : 'the old one is destroyed before the new one is created, so it is gone in between';
}

/** "a", "a and b", "a, b and 3 more": plan text, quoted, at most five named. */
function names(items: readonly string[]): string {
  const shown = items.slice(0, 5).map((i) => `"${i}"`);
  const rest = items.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  return shown.length === 1 ? (shown[0] as string) : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1) as string}`;
}
