import { configAddress, dependentsOf } from '../plan/dependencies.js';
import type { Change, Plan } from '../plan/types.js';
import { RuleMatcher } from '../rules/match.js';
import { SEVERITIES, type MatchAction, type Rule, type RuleSet, type Severity } from '../rules/types.js';
import { dataAtRisk } from './data-at-risk.js';
import type { Analysis, Decision, Finding } from './types.js';

export type { Analysis, Decision, Finding, Weakening } from './types.js';

export interface AnalyseInput {
  plans: readonly Plan[];
  /** Messages for files that could not be read at all. */
  readErrors: readonly string[];
  ruleSet: RuleSet;
}

export function analyse({ plans, readErrors, ruleSet }: AnalyseInput): Analysis {
  const changes = plans.flatMap((plan) => plan.changes);
  const findings: Finding[] = [];
  const matcher = new RuleMatcher(ruleSet.rules, ruleSet.ignore);
  for (const plan of plans) {
    for (const change of plan.changes) {
      const action = matchAction(change);
      if (!action) continue;
      const rules = matcher.matching(change, action);
      if (rules.length === 0) continue;
      const node = change.format === 'terraform' ? configAddress(change.resourceAddress) : change.address;
      findings.push(toFinding(change, action, rules, dependentsOf(node, plan.dependencies)));
    }
  }
  const errors = [...readErrors, ...plans.flatMap((plan) => (plan.incomplete ? [`${plan.file}: ${plan.incomplete}`] : []))];
  const decision: Decision = errors.length > 0 ? 'error' : findings.length > 0 ? 'blocked' : 'pass';
  return { files: plans.map((p) => p.file), changes, findings, errors, decision };
}

function matchAction(change: Change): MatchAction | undefined {
  switch (change.action) {
    case 'delete':
    case 'replace':
    case 'forget':
      return change.action;
    default:
      return undefined;
  }
}

function toFinding(change: Change, action: MatchAction, rules: Rule[], dependents: string[]): Finding {
  const strictest = [...rules].sort(compareStrictness)[0] as Rule;
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
    dependents,
    dataAtRisk: dataAtRisk(change),
  };
  if (change.conditional) finding.conditional = true;
  if (change.previousAddress) finding.previousAddress = change.previousAddress;
  if (strictest.reason) finding.reason = strictest.reason;
  return finding;
}

/** Most approvals first, then the most severe. */
function compareStrictness(a: Rule, b: Rule): number {
  return b.approvals - a.approvals || SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity);
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
