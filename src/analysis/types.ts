import type { Change, Recreation, Weakening } from '../plan/types.js';
import type { DependentFate } from './fates.js';
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
  /** Why the plan destroys it, in plain words (whyChange): the plan's reason, the attributes that force it, the order of a replacement. */
  why?: string;
  /** Terraform `action_reason` as the plan writes it (`replace_because_tainted`, `delete_because_no_resource_config`, …). */
  actionReason?: string;
  /** Terraform `replace_paths`: attributes whose change forces the replacement (`tags.env`, `disk[0].size`). */
  replacePaths?: string[];
  /** CloudFormation: the properties whose change requires recreating it. */
  recreation?: Recreation[];
  /** A replacement that creates the new object before destroying the old (Terraform create_before_destroy). */
  createBeforeDestroy?: true;
  /** CloudFormation: the stack, and the physical id of the resource that is lost. */
  stack?: string;
  physicalId?: string;
  /** Distinct qualifying humans needed (the most any matching rule asks). */
  approvals: number;
  /** Every matching rule's approvers: each set must be satisfied. */
  approvers: Approvers;
  /** Resources and outputs that reference this one, transitively: the nearest, at most MAX_LISTED_DEPENDENTS (50), sorted. */
  dependents: string[];
  /**
   * What this plan does to each listed dependent that is a resource: destroyed, replaced, forgotten,
   * partly destroyed (some instances), or it survives (updated, created, unchanged) still referencing this one.
   */
  dependentFates?: Record<string, DependentFate>;
  /** How many dependents there are in all, listed or not. */
  dependentsTotal: number;
  /** `dependentsTotal` is a lower bound: counting them exactly would have cost too much. */
  dependentsTotalIsMinimum?: true;
  /** Plain statements of what data goes with it ("no final snapshot: the data is gone"). */
  dataAtRisk: string[];
  /** For `protection-removed`: the guards switched off. */
  weakenings?: Weakening[];
}

/** A loss a rule would protect, that an `ignore` glob of the config excludes: shown as ignored, never as unprotected. */
export interface IgnoredChange {
  file: string;
  address: string;
  type: string;
  action: MatchAction;
  /** The first `ignore` glob that matches it. */
  ignoredBy: string;
  /** The rules that would protect it but for the glob. */
  rules: string[];
}

export interface Analysis {
  files: string[];
  /** Display names given to plan files (`prod=plans/prod.json`): file → label. Display only; `file` stays the path. */
  labels?: Record<string, string>;
  changes: Change[];
  findings: Finding[];
  /** Losses that `ignore` excludes from every rule. */
  ignored: IgnoredChange[];
  /** One line per plan that could not be read or cannot be trusted; any one makes the decision `error`. */
  errors: string[];
  decision: Decision;
}
