/** What the text and markdown reports share: the headline, action words, who must approve, safe text. */

import { survives, type DependentFate } from '../analysis/fates.js';
import type { Analysis, Finding } from '../analysis/types.js';
import { DESTRUCTIVE_ACTIONS, type Change } from '../plan/types.js';
import { SEVERITIES, type MatchAction, type Severity } from '../rules/types.js';

export function destructiveChanges(analysis: Analysis): Change[] {
  return analysis.changes.filter((c) => DESTRUCTIVE_ACTIONS.has(c.action));
}

/** Destroyed, replaced or forgotten changes that no rule protects (nor would, but for an `ignore` glob). */
export function otherLosses(analysis: Analysis): Change[] {
  const keys = new Set([...analysis.findings, ...analysis.ignored].map((f) => `${f.file}\0${f.address}`));
  return destructiveChanges(analysis).filter((c) => !keys.has(`${c.file}\0${c.address}`));
}

/** How a report names a plan file: its label when given one (`prod=plans/prod.json`), else its path. */
export function planName(analysis: Pick<Analysis, 'labels'>, file: string): string {
  return analysis.labels?.[file] ?? file;
}

/** What a dependent's fate means for `n` dependents, given what the plan does to the resource they reference. */
export function fateWords(action: Finding['action'], fate: DependentFate, n = 1): string {
  if (fate === 'partly destroyed') return 'some instances destroyed in this plan and the rest surviving';
  if (!survives(fate)) return `${fate} in this plan too`;
  const verb = n === 1 ? 'survives' : 'survive';
  const how = fate === 'unchanged' ? `${verb} unchanged` : `${verb}, ${fate} in this plan`;
  if (action === 'delete') return `${how} and will break: ${n === 1 ? 'it references' : 'they reference'} a resource this plan destroys`;
  if (action === 'replace') return `${how}: ${n === 1 ? 'it' : 'they'} must work with the new object`;
  if (action === 'forget') return `${how}: what ${n === 1 ? 'it references' : 'they reference'} stays but is no longer managed`;
  return how;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${thousands(n)} ${n === 1 ? one : many}`;
}

/** 12345 → "12,345"; toLocaleString would load ICU, ~20 ms of a CLI run. */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The most severe first; findings of equal severity keep their plan order. */
export function bySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
}

export function worstSeverity(findings: readonly Finding[]): Severity | undefined {
  return SEVERITIES.find((s) => findings.some((f) => f.severity === s));
}

/** A finding that loses the resource (or plangate's hold on it), as opposed to weakening its guard. */
export function losesResource(finding: Pick<Finding, 'action'>): boolean {
  return finding.action !== 'protection-removed';
}

// Headline buckets, in the order a reviewer reads them.
const BUCKETS = [
  { test: (f: Finding) => f.action === 'delete', list: 'destroyed', alone: () => 'destroyed' },
  { test: (f: Finding) => f.action === 'replace' && !f.conditional, list: 'replaced', alone: () => 'replaced' },
  { test: (f: Finding) => f.action === 'replace' && !!f.conditional, list: 'may be replaced', alone: () => 'may be replaced' },
  { test: (f: Finding) => f.action === 'forget', list: 'forgotten', alone: () => 'forgotten' },
  {
    test: (f: Finding) => f.action === 'protection-removed',
    list: 'with a deletion guard removed',
    alone: (n: number) => (n === 1 ? 'loses its deletion guard' : 'lose their deletion guard'),
  },
] as const;

/** "2 protected resources destroyed" or "3 protected resources at risk: 2 destroyed, 1 replaced". */
export function describeFindings(findings: readonly Finding[]): string {
  const counts = BUCKETS.map((b) => ({ bucket: b, n: findings.filter(b.test).length })).filter((c) => c.n > 0);
  const total = plural(findings.length, 'protected resource');
  const only = counts.length === 1 ? counts[0] : undefined;
  if (only) return `${total} ${only.bucket.alone(only.n)}`;
  return `${total} at risk: ${counts.map((c) => `${thousands(c.n)} ${c.bucket.list}`).join(', ')}`;
}

/** Distinct qualifying people the strictest finding asks for. */
export function approvalsNeeded(findings: readonly Finding[]): number {
  return findings.reduce((max, f) => Math.max(max, f.approvals), 0);
}

/** "1 approval from someone who did not author the change". */
export function approvalPhrase(approvals: number): string {
  return `${plural(approvals, 'approval')} from ${approvals === 1 ? 'someone' : 'different people'} who did not author the change`;
}

/** Who does not count as a qualifying approver (the action enforces it). */
export const NOT_AUTHORS =
  'not the pull request author, not an author, committer or co-author of its commits, and not a bot or agent';

/** One sentence a reviewer reads first. */
export function headline(analysis: Analysis): string {
  const { findings, errors } = analysis;
  if (analysis.decision === 'error') {
    const atRisk = findings.length > 0 ? ` (meanwhile, in the plans that could be read: ${describeFindings(findings)})` : '';
    return `ERROR: ${plural(errors.length, 'plan problem')}, so plangate cannot decide; fix ${errors.length === 1 ? 'it' : 'them'} and run again${atRisk}`;
  }
  if (analysis.decision === 'blocked') {
    return `BLOCKED: ${describeFindings(findings)} (highest severity: ${worstSeverity(findings) ?? 'none'}); needs ${approvalPhrase(approvalsNeeded(findings))}`;
  }
  const destructive = destructiveChanges(analysis).length;
  if (destructive === 0) return `PASS: nothing is deleted, replaced or forgotten (${plural(analysis.changes.length, 'change')} in ${plural(analysis.files.length, 'plan')})`;
  const ignored = analysis.ignored.filter(losesResource).length;
  const unprotected = destructive - ignored;
  const parts = [...(unprotected > 0 ? [`${plural(unprotected, 'unprotected resource')} deleted, replaced or forgotten`] : []), ...(ignored > 0 ? [`${plural(ignored, 'resource')} a rule would protect ignored by the config's ignore globs`] : [])];
  return `PASS: no protected resource is lost (${parts.join('; ')})`;
}

/** "delete", "replace (create first)", "replace (conditional)", "forget", "remove protection". */
export function describeAction(item: { action: Change['action'] | MatchAction; conditional?: boolean; createBeforeDestroy?: boolean }): string {
  switch (item.action) {
    case 'delete':
      return 'delete';
    case 'replace':
      if (item.conditional) return 'replace (conditional)';
      return item.createBeforeDestroy ? 'replace (create first)' : 'replace';
    case 'forget':
      return 'forget';
    case 'protection-removed':
      return 'remove protection';
    default:
      return item.action;
  }
}

export interface RuleRequirement {
  rule: string;
  reason?: string;
  /** Findings whose strictest rule this is. */
  resources: number;
  approvals: number;
  teams: string[];
  users: string[];
}

/** Per strictest rule, in order of first appearance: how many resources, approvals and whose. */
export function ruleRequirements(findings: readonly Finding[]): RuleRequirement[] {
  const byRule = new Map<string, RuleRequirement>();
  for (const f of findings) {
    let req = byRule.get(f.rule);
    if (!req) {
      req = { rule: f.rule, resources: 0, approvals: 0, teams: [], users: [] };
      byRule.set(f.rule, req);
    }
    req.resources++;
    req.approvals = Math.max(req.approvals, f.approvals);
    if (req.reason === undefined && f.reason !== undefined) req.reason = f.reason;
    for (const t of f.approvers.teams) if (!req.teams.includes(t)) req.teams.push(t);
    for (const u of f.approvers.users) if (!req.users.includes(u)) req.users.push(u);
  }
  return [...byRule.values()];
}

/**
 * Plan-derived text made harmless to show: control characters (ANSI escapes
 * included), invisible and bidirectional-override characters become visible
 * `\uXXXX`, so an address cannot rewrite a terminal or pass for another one.
 * Line breaks become spaces.
 */
export function sanitize(text: string): string {
  return text
    .replace(/\r\n|[\r\n\u2028\u2029\u0085]/g, ' ')
    .replace(/\t/g, ' ')
    .replace(UNSAFE_CHARS, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);
}

// C0/C1 controls, zero-width and bidi controls, the BOM and the interlinear annotation characters.
const UNSAFE_CHARS = /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB]/g;

/**
 * At most `max` characters, the middle replaced by "…" so the resource name at
 * the end stays readable; `keep: 'end'` drops the start instead (file paths).
 */
export function clip(text: string, max: number, keep: 'both' | 'end' = 'both'): string {
  if (text.length <= max) return text;
  const chars = [...text];
  if (chars.length <= max) return text;
  if (keep === 'end') return `…${chars.slice(chars.length - (max - 1)).join('')}`;
  const head = Math.ceil((max - 1) * 0.4);
  const tail = max - 1 - head;
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - tail).join('')}`;
}

/** Longest piece of plan-derived text any report shows; the JSON report has it whole. */
export const MAX_SHOWN = { address: 240, text: 600, error: 1_000 } as const;

/**
 * A finding's dependents: the first `max` named, grouped by what the plan does
 * to them, then how many more ("a, b (destroyed in this plan too); c (survives
 * unchanged and will break …) and 4 more"; "at least 4,950 more" when the total
 * is a lower bound).
 */
export function dependentsList(f: Finding, max: number, show: (item: string) => string, words: (text: string) => string = (w) => w): string {
  const named = f.dependents.slice(0, max);
  const groups = groupBy(named, (d) => f.dependentFates?.[d] ?? '');
  const parts = [...groups].map(([fate, items]) => {
    const list = items.map(show).join(', ');
    return fate === '' ? list : `${list} (${words(fateWords(f.action, fate as DependentFate, items.length))})`;
  });
  const rest = f.dependentsTotal - named.length;
  const atLeast = f.dependentsTotalIsMinimum === true;
  const count = `${atLeast ? 'at least ' : ''}${thousands(rest)}`;
  if (named.length === 0) return `${count} ${rest === 1 && !atLeast ? 'resource or output' : 'resources and outputs'}`;
  const shown = parts.join('; ');
  if (rest > 0) return `${shown} and ${count} more`;
  return atLeast ? `${shown} and possibly more` : shown;
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
