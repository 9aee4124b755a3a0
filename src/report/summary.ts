import type { Analysis, Finding } from '../analysis/analyse.js';
import type { Change } from '../plan/types.js';
import { SEVERITIES } from '../rules/types.js';

const DESTRUCTIVE = new Set<Change['action']>(['delete', 'replace', 'forget']);

export function destructiveChanges(analysis: Analysis): Change[] {
  return analysis.changes.filter((c) => DESTRUCTIVE.has(c.action));
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${thousands(n)} ${n === 1 ? one : many}`;
}

/** 12345 → "12,345"; toLocaleString would load ICU, ~20 ms of a CLI run. */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** One sentence a reviewer reads first. */
export function headline(analysis: Analysis): string {
  const { findings, errors } = analysis;
  if (analysis.decision === 'error') {
    return `ERROR: ${plural(errors.length, 'plan problem')}, so plangate cannot decide; fix ${errors.length === 1 ? 'it' : 'them'} and run again`;
  }
  if (analysis.decision === 'blocked') {
    const worst = SEVERITIES.find((s) => findings.some((f) => f.severity === s));
    const approvals = Math.max(...findings.map((f) => f.approvals));
    return `BLOCKED: ${plural(findings.length, 'protected resource')} would be lost (highest severity: ${worst}); needs ${plural(approvals, 'approval')} from someone who did not author the change`;
  }
  const destructive = destructiveChanges(analysis).length;
  return destructive === 0
    ? `PASS: nothing is deleted, replaced or forgotten (${plural(analysis.changes.length, 'change')} in ${plural(analysis.files.length, 'plan')})`
    : `PASS: no protected resource is lost (${plural(destructive, 'unprotected resource')} deleted, replaced or forgotten)`;
}

/** "deleted", "replaced (create before destroy)", "may be replaced", "forgotten". */
export function describeAction(item: Pick<Change, 'action' | 'conditional' | 'createBeforeDestroy'> | Finding): string {
  switch (item.action) {
    case 'delete':
      return 'delete';
    case 'replace':
      if (item.conditional) return 'replace (conditional)';
      return 'createBeforeDestroy' in item && item.createBeforeDestroy ? 'replace (create first)' : 'replace';
    case 'forget':
      return 'forget';
    default:
      return item.action;
  }
}
