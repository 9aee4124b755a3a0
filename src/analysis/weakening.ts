import { isObject } from '../json.js';
import { SENSITIVE, type Change, type Weakening } from '../plan/types.js';
import { entryOf, guardsOf, nounOf } from './resources/index.js';

export type { PolicyChange } from '../plan/types.js';

/**
 * The provider guards against deletion that an update or replacement switches
 * off: deletion protection turned off, force_destroy turned on, final snapshots
 * skipped, recovery windows shortened, CloudFormation policies moved off
 * Retain/Snapshot. Which guards there are, and what each means, is
 * ./resources/'s to say. Pure.
 */
export function detectWeakenings(change: Change): Weakening[] {
  if (change.action !== 'update' && change.action !== 'replace') return [];
  const found: Weakening[] = [];
  const before = change.before;
  const after = change.after;
  if (isObject(before) && isObject(after)) {
    const transition = { change, before, after, what: nounOf(change.format, change.type) };
    for (const guard of guardsOf(change.format)) {
      const weakening = guard.weakened(transition);
      if (weakening) found.push(weakening);
    }
  }
  if (change.format === 'cloudformation') policyWeakenings(change, found);
  return found;
}

const RETAINING_POLICIES = new Set(['Retain', 'RetainExceptOnCreate', 'Snapshot']);

/** DeletionPolicy / UpdateReplacePolicy moved off Retain, RetainExceptOnCreate or Snapshot. */
function policyWeakenings(change: Change, found: Weakening[]): void {
  for (const policy of change.policyChanges ?? []) {
    if (policy.attribute !== 'DeletionPolicy' && policy.attribute !== 'UpdateReplacePolicy') continue;
    const from = policyValue(policy.before);
    const written = policyValue(policy.after);
    if (from === undefined || from === SENSITIVE || written === SENSITIVE || !RETAINING_POLICIES.has(from)) continue;
    const effective = written ?? defaultPolicy(change);
    if (RETAINING_POLICIES.has(effective)) continue;
    const to = written ?? '(removed)';
    const instead = from === 'Snapshot' ? 'without a final snapshot' : 'instead of keeping it';
    const when = policy.attribute === 'DeletionPolicy' ? 'removing it from the template or deleting the stack' : 'a replacement';
    found.push({
      guard: policy.attribute,
      from,
      to,
      description: `${policy.attribute} changed (${from} → ${to}${written === undefined ? `, so ${effective}` : ''}): ${when} now deletes ${nounOf(change.format, change.type)} ${instead}`,
    });
  }
}

/** BeforeValue/AfterValue as a policy name; tolerates a JSON-quoted string. */
function policyValue(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim().replace(/^"(.*)"$/, '$1');
  return trimmed === '' ? undefined : trimmed;
}

/** Without the attribute CloudFormation deletes, except where the type's entry says otherwise. */
function defaultPolicy(change: Change): string {
  const byType = entryOf('cloudformation', change.type)?.defaultPolicy;
  return byType ? byType(isObject(change.after) ? change.after : undefined) : 'Delete';
}
