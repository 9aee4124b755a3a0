import { configAddress, type Dependencies } from '../plan/dependencies.js';
import { isDestructive, type Change, type Plan } from '../plan/types.js';
import { RuleMatcher } from '../rules/match.js';
import { strictestRule } from '../rules/strictness.js';
import { SEVERITIES, type MatchAction, type Rule, type RuleSet, type Severity } from '../rules/types.js';
import { dataAtRisk } from './data-at-risk.js';
import { blastRadii } from './dependents.js';
import { fatesOf, type DependentFate, type FateOf } from './fates.js';
import type { Analysis, Decision, Finding, IgnoredChange, Weakening } from './types.js';
import { whyChange } from './why.js';
import { detectWeakenings } from './weakening.js';

export type { Analysis, Decision, Finding, IgnoredChange, Weakening } from './types.js';

/** A guard seen only in the Terraform sources (`lifecycle { prevent_destroy }`), removed by the change. */
export interface SourceWeakening {
  /** Configuration address (no instance keys): `module.db.aws_db_instance.main`. */
  address: string;
  type: string;
  /** The .tf file that declared the guard. */
  file: string;
  weakening: Weakening;
  /**
   * Read from a directory that may be a module called from elsewhere: the
   * address is relative to it, and the resource's real one may sit under any
   * module. Rules then match it whatever their addresses and modules say.
   */
  anyModule?: boolean;
}

export interface AnalyseInput {
  plans: readonly Plan[];
  /** Messages for files that could not be read at all. */
  readErrors: readonly string[];
  ruleSet: RuleSet;
  /** Guards removed in the Terraform sources (--tf-base / --tf-head). */
  sourceWeakenings?: readonly SourceWeakening[];
}

export function analyse({ plans, readErrors, ruleSet, sourceWeakenings = [] }: AnalyseInput): Analysis {
  const changes = plans.flatMap((plan) => plan.changes);
  const findings: Finding[] = [];
  const ignored: IgnoredChange[] = [];
  const matcher = new RuleMatcher(ruleSet.rules, ruleSet.ignore);
  const fromSources = groupByAddress(sourceWeakenings);
  const covered = new Set<SourceWeakening>();
  // Dependents are found for all findings of a plan at once, after they are known.
  const sources = new Map<Dependencies, { plan: Plan | undefined; list: Array<{ finding: Finding; node: string }> }>();
  const found = (finding: Finding, change: Change, plan: Plan | undefined, dependencies = plan?.dependencies ?? new Map<string, Set<string>>()) => {
    findings.push(finding);
    const node = change.format === 'terraform' ? configAddress(change.resourceAddress) : change.address;
    const entry = sources.get(dependencies);
    if (entry) entry.list.push({ finding, node });
    else sources.set(dependencies, { plan, list: [{ finding, node }] });
  };
  for (const plan of plans) {
    for (const change of plan.changes) {
      const weakenings = detectWeakenings(change);
      if (change.format === 'terraform' && fromSources.size > 0) {
        for (const address of [change.resourceAddress, change.previousAddress]) {
          for (const source of fromSources.get(configAddress(address ?? '')) ?? []) {
            weakenings.push(source.weakening);
            covered.add(source);
          }
        }
      }
      const action = matchAction(change, weakenings);
      if (!action) continue;
      const rules = matcher.matching(change, action);
      if (rules.length === 0) {
        const glob = matcher.ignoredBy(change);
        const would = glob === undefined ? [] : matcher.matching(change, action, { applyIgnore: false });
        if (glob !== undefined && would.length > 0) ignored.push({ file: change.file, address: change.address, type: change.type, action, ignoredBy: glob, rules: would.map((r) => r.name) });
        continue;
      }
      found(toFinding(change, action, rules, weakenings), change, plan);
    }
  }
  // A guard removed from a resource the plan leaves alone is still the first step of a later delete.
  for (const source of sourceWeakenings) {
    if (covered.has(source)) continue;
    const change = sourceChange(source);
    const rules = matcher.matching(change, 'protection-removed', { anyAddress: source.anyModule === true });
    if (rules.length > 0) found(toFinding(change, 'protection-removed', rules, [source.weakening]), change, plans.find((p) => p.format === 'terraform'));
  }
  for (const [dependencies, { plan, list }] of sources) {
    const radii = blastRadii(dependencies, list.map((s) => s.node)).dependents;
    let fate: FateOf | undefined;
    list.forEach(({ finding }, i) => {
      const d = radii[i] as (typeof radii)[number];
      finding.dependents = d.listed;
      finding.dependentsTotal = d.total;
      if (d.atLeast) finding.dependentsTotalIsMinimum = true;
      if (plan === undefined || d.listed.length === 0) return;
      fate ??= fatesOf(plan);
      const fates: Record<string, DependentFate> = {};
      for (const dependent of d.listed) {
        const f = fate(dependent);
        if (f !== undefined) fates[dependent] = f;
      }
      if (Object.keys(fates).length > 0) finding.dependentFates = fates;
    });
  }
  const errors = [...readErrors, ...plans.flatMap((plan) => (plan.incomplete ? [`${plan.file}: ${plan.incomplete}`] : []))];
  const decision: Decision = errors.length > 0 ? 'error' : findings.length > 0 ? 'blocked' : 'pass';
  return { files: plans.map((p) => p.file), changes, findings, ignored, errors, decision };
}

/** What a rule is asked about: the loss itself, else a guard switched off. */
function matchAction(change: Change, weakenings: readonly Weakening[]): MatchAction | undefined {
  if (isDestructive(change.action)) return change.action;
  return weakenings.length > 0 ? 'protection-removed' : undefined;
}

function groupByAddress(sources: readonly SourceWeakening[]): Map<string, SourceWeakening[]> {
  const map = new Map<string, SourceWeakening[]>();
  for (const source of sources) {
    const list = map.get(source.address);
    if (list) list.push(source);
    else map.set(source.address, [source]);
  }
  return map;
}

/** A resource named only by the sources: its values are unknown, so rules on tags still apply. */
function sourceChange(source: SourceWeakening): Change {
  const module = source.address.match(/^((?:module\.[^.]+\.)*)/)?.[1]?.replace(/\.$/, '') ?? '';
  return {
    file: source.file,
    format: 'terraform',
    address: source.address,
    resourceAddress: source.address,
    type: source.type,
    name: source.address.split('.').pop() ?? '',
    provider: source.type.split('_')[0] ?? '',
    module,
    action: 'update',
  };
}

function toFinding(change: Change, action: MatchAction, rules: Rule[], weakenings: Weakening[]): Finding {
  const strictest = strictestRule(rules) as Rule;
  const finding: Finding = {
    file: change.file,
    address: change.address,
    type: change.type,
    action,
    rule: strictest.name,
    rules: rules.map((r) => r.name),
    severity: SEVERITIES[Math.min(...rules.map((r) => SEVERITIES.indexOf(r.severity)))] as Severity,
    approvals: Math.max(...rules.map((r) => r.approvals)),
    approvers: {
      teams: unique(rules.flatMap((r) => r.approvers.teams)),
      users: unique(rules.flatMap((r) => r.approvers.users)),
    },
    dependents: [],
    dependentsTotal: 0,
    dataAtRisk: dataAtRisk(change),
  };
  if (change.conditional) finding.conditional = true;
  if (change.previousAddress) finding.previousAddress = change.previousAddress;
  // Why the plan loses it: only for a loss (a guard switched off says its own why in `weakenings`).
  if (action !== 'protection-removed') {
    const why = whyChange(change);
    if (why !== undefined) finding.why = why;
    if (change.format === 'terraform' && change.reason !== undefined) finding.actionReason = change.reason;
    if (change.replacePaths) finding.replacePaths = change.replacePaths;
    if (change.recreation) finding.recreation = change.recreation;
    if (change.createBeforeDestroy) finding.createBeforeDestroy = true;
  }
  if (change.stack !== undefined) finding.stack = change.stack;
  if (change.physicalId !== undefined) finding.physicalId = change.physicalId;
  if (strictest.reason) finding.reason = strictest.reason;
  if (weakenings.length > 0) finding.weakenings = weakenings;
  return finding;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
