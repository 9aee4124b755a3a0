import type { Change, Weakening } from '../plan/types.js';
import type { Approvers, MatchAction, Severity } from '../rules/types.js';

export type { Weakening } from '../plan/types.js';

export type Decision = 'pass' | 'blocked' | 'error';

/** A change that a protection rule matches: what a reviewer must look at. */
export interface Finding {
  file: string;
  address: string;
  type: string;
  action: MatchAction;
  conditional?: boolean;
  /** Address before a `moved` block renamed it. */
  previousAddress?: string;
  /** The strictest matching rule; `rules` lists all of them. */
  rule: string;
  rules: string[];
  severity: Severity;
  /** Why the strictest rule protects this resource. */
  reason?: string;
  /** Distinct qualifying humans needed (the most any matching rule asks). */
  approvals: number;
  /** Every matching rule's approvers: each set must be satisfied. */
  approvers: Approvers;
  /** Resources and outputs that reference this one, transitively: the nearest, at most MAX_LISTED_DEPENDENTS (50), sorted. */
  dependents: string[];
  /** How many dependents there are in all, listed or not. */
  dependentsTotal: number;
  /** `dependentsTotal` is a lower bound: counting them exactly would have cost too much. */
  dependentsTotalIsMinimum?: true;
  /** Plain statements of what data goes with it ("no final snapshot: the data is gone"). */
  dataAtRisk: string[];
  /** For `protection-removed`: the guards switched off. */
  weakenings?: Weakening[];
}

export interface Analysis {
  files: string[];
  changes: Change[];
  findings: Finding[];
  /** One line per plan that could not be read or cannot be trusted; any one makes the decision `error`. */
  errors: string[];
  decision: Decision;
}
