import { Minimatch } from 'minimatch';
import { strictestRule } from './strictness.js';
import type { Approvers, Rule, RuleSet } from './types.js';

export const GATE_RULE = 'gate-files-changed';

/**
 * Files that change how the gate itself runs or who reviews: the config, the
 * workflows and the local actions they call, CODEOWNERS wherever GitHub reads
 * it, and the config's `gate-files` (scripts the workflows run). A pull
 * request runs its own copy of these in `pull_request` runs.
 */
export function gateFileGlobs(configPaths: readonly string[], extra: readonly string[] = []): string[] {
  return [...configPaths, '.github/workflows/**', '.github/actions/**', 'CODEOWNERS', '.github/CODEOWNERS', 'docs/CODEOWNERS', ...extra];
}

export function isGateFile(filename: string, globs: readonly string[]): boolean {
  return globs.some((glob) => new Minimatch(glob, { dot: true }).match(filename));
}

/**
 * The rule a change to the gate's own files falls under: as many approvals as
 * the strictest rule asks, from `gate-approvers`, else from the approvers of
 * the strictest rule that names any. Otherwise whoever may approve some
 * protected change could first loosen the rules that keep them out of others.
 */
export function gateRule(ruleSet: RuleSet, configPaths: readonly string[]): Rule {
  const named = strictestRule(ruleSet.rules.filter((r) => r.approvers.teams.length + r.approvers.users.length > 0));
  const approvers: Approvers = ruleSet.gateApprovers ?? named?.approvers ?? { teams: [], users: [] };
  return {
    name: GATE_RULE,
    reason: "A change to plangate's config, the workflows or CODEOWNERS can loosen the gate itself, so it needs the approval the strictest rule asks for.",
    severity: 'critical',
    approvals: Math.max(1, ...ruleSet.rules.map((r) => r.approvals)),
    approvers: { teams: [...approvers.teams], users: [...approvers.users] },
    // Matched against the pull request's changed files, not against plans.
    match: { addresses: gateFileGlobs(configPaths, ruleSet.gateFiles), actions: ['protection-removed'] },
  };
}

/**
 * Whether a pull request into `base` may get a success status: the default
 * branch, the branch the config is read from, and the `protected-bases`
 * globs. Into any other base an author could pick a branch of their own.
 */
export function isProtectedBase(base: string, protectedBranches: readonly string[], globs: readonly string[]): boolean {
  return protectedBranches.includes(base) || globs.some((glob) => new Minimatch(glob).match(base));
}
