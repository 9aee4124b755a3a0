/**
 * What this plan does to each dependent of a destroyed resource: destroyed or
 * replaced with it, or left in place still referencing it.
 */

import { configAddress } from '../plan/dependencies.js';
import type { ChangeAction, Plan } from '../plan/types.js';

export const DEPENDENT_FATES = ['destroyed', 'replaced', 'forgotten', 'partly destroyed', 'updated', 'created', 'unchanged'] as const;
/**
 * `partly destroyed`: some of its instances are destroyed, replaced or forgotten, others stay.
 * `updated`, `created`, `unchanged`: it survives this plan.
 */
export type DependentFate = (typeof DEPENDENT_FATES)[number];

const SURVIVING: ReadonlySet<DependentFate> = new Set(['updated', 'created', 'unchanged']);

export function survives(fate: DependentFate): boolean {
  return SURVIVING.has(fate);
}

/** The fate of a graph node (configuration address, or CloudFormation logical id path); undefined for outputs and wiring. */
export type FateOf = (node: string) => DependentFate | undefined;

/** Reads the plan's changes once; answers per node after that. */
export function fatesOf(plan: Plan): FateOf {
  const actions = new Map<string, Set<ChangeAction>>();
  for (const change of plan.changes) {
    const node = plan.format === 'terraform' ? configAddress(change.resourceAddress) : change.address;
    let set = actions.get(node);
    if (!set) actions.set(node, (set = new Set()));
    set.add(change.action);
  }
  const unchanged = plan.unchangedNodes ?? new Set<string>();
  return (node) => {
    if (isWiring(node)) return undefined;
    const seen = actions.get(node);
    if (!seen) return 'unchanged';
    const lost = ['delete', 'replace', 'forget'].filter((a) => seen.has(a as ChangeAction));
    const kept = unchanged.has(node) || [...seen].some((a) => a !== 'delete' && a !== 'replace' && a !== 'forget');
    if (lost.length > 0) {
      if (kept) return 'partly destroyed';
      if (lost.length === 1 && lost[0] === 'replace') return 'replaced';
      if (lost.length === 1 && lost[0] === 'forget') return 'forgotten';
      return 'destroyed';
    }
    if (seen.has('update')) return 'updated';
    if (seen.has('create')) return 'created';
    return 'unchanged';
  };
}

/** Outputs, variables and module wiring have no fate of their own. */
function isWiring(node: string): boolean {
  return /(^|\.)(output|var)\.[^.]+$|\.\*$/.test(node);
}
