import { SEVERITIES, type Rule } from './types.js';

/** Most approvals first, then the most severe. */
export function compareStrictness(a: Rule, b: Rule): number {
  return b.approvals - a.approvals || SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity);
}

export function strictestRule(rules: readonly Rule[]): Rule | undefined {
  return [...rules].sort(compareStrictness)[0];
}
