import { DESTRUCTIVE } from '../plan/types.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** What a rule can match: the destructive actions, and a guard being switched off. */
export const MATCH_ACTIONS = [...DESTRUCTIVE, 'protection-removed'] as const;
export type MatchAction = (typeof MATCH_ACTIONS)[number];

export interface RuleMatch {
  /** Globs on the resource type (`aws_db_*`, `AWS::RDS::*`). */
  types?: string[];
  /** Address globs (src/rules/address-glob.ts), matched on the address and on the address before a move. */
  addresses?: string[];
  /** Module (or nested stack) address globs; a module covers everything inside it. */
  modules?: string[];
  /** Provider short names or globs (`aws`, `google*`). */
  providers?: string[];
  /** Tag (label) values the resource must carry, globs allowed: `{ env: prod }`. */
  tags?: Record<string, string>;
  /** Actions the rule applies to; every one when absent. */
  actions: MatchAction[];
}

export interface Approvers {
  teams: string[];
  users: string[];
}

export interface Rule {
  name: string;
  /** One line a reviewer reads: why this resource is protected. */
  reason?: string;
  severity: Severity;
  /** Distinct qualifying humans who must approve. */
  approvals: number;
  approvers: Approvers;
  match: RuleMatch;
  /** Built-in pack the rule came from, if any. */
  pack?: string;
}

export interface RuleSet {
  rules: Rule[];
  /** Packs the rules came from, in the order they were loaded. */
  packs: string[];
  /** Address globs that are never a finding. */
  ignore: string[];
  /** The label a qualifying human adds to override a block. */
  overrideLabel: string;
  /** Who must approve a change to the gate's own files; the strictest rule's approvers when absent. */
  gateApprovers?: Approvers;
  /** Base branch globs besides the default branch whose pull requests may get a success status. */
  protectedBases: string[];
  /** Path globs of more files that change how the gate runs (scripts the workflows call). */
  gateFiles?: string[];
  /** Lines about what in the config is most likely a mistake (config-warnings.ts); absent when none. */
  warnings?: string[];
}

export const DEFAULT_OVERRIDE_LABEL = 'plangate-override';

/** Where a rule set came from, for the report: the config at a branch's commit, or the built-in pack. */
export interface RulesSource {
  /** The config read, or the first name looked for when none exists. */
  path: string;
  /** Every name looked for, in order (both default names when the config input is not set). */
  searched?: string[];
  branch: string;
  sha: string;
  /** false: no config on that branch, so the built-in recommended pack applied. */
  found: boolean;
}
