/**
 * Hits and checked plan files → allow, ask or deny, with the one-screen
 * summary the person reads before confirming. Pure: the plan files were
 * read and analysed at the edge.
 */

import { minimatch } from 'minimatch';
import type { Analysis, Finding } from '../analysis/types.js';
import { dependentsList, describeAction, otherLosses, plural, sanitize } from '../report/summary.js';
import type { GuardConfig } from './config.js';
import type { Hit, PlanfileApply } from './types.js';

export type PlanfileOutcome = { apply: PlanfileApply; analysis: Analysis } | { apply: PlanfileApply; error: string };

export type Decision = 'allow' | 'ask' | 'deny';

/** One line of the audit log's `findings`. */
export interface AuditFinding {
  kind: string;
  command: string;
  why: string;
  /** For a plan file: each protected resource it loses. */
  resources?: Array<{ address: string; type: string; action: string; rule: string; dataAtRisk: string[] }>;
}

export interface Verdict {
  decision: Decision;
  /** What the person (ask) or the agent (deny) reads; empty for allow. */
  reason: string;
  findings: AuditFinding[];
}

const MAX_LINES = 24;
const MAX_DEPENDENTS = 5;

export function decide(hits: readonly Hit[], planfiles: readonly PlanfileOutcome[], config: GuardConfig): Verdict {
  const findings: AuditFinding[] = [];
  const lines: string[] = [];
  let deny = false;
  for (const hit of hits) {
    if (hit.workspace !== undefined && config.allowWorkspaces.some((glob) => minimatch(hit.workspace as string, glob))) continue;
    findings.push({ kind: hit.kind, command: hit.command, why: hit.why });
    if (config.decisions[hit.kind] === 'deny') deny = true;
    lines.push(`${hit.kind}: ${sanitize(hit.command) || 'the command line'} — ${sanitize(hit.why)}`);
  }
  for (const outcome of planfiles) {
    const command = outcome.apply.command;
    if ('error' in outcome) {
      // A plan file the guard could not read is never let through, whatever the config says.
      deny = true;
      findings.push({ kind: 'planfile', command, why: outcome.error });
      lines.push(`planfile: ${sanitize(command)} — cannot be checked: ${sanitize(outcome.error)}`);
      continue;
    }
    const { analysis } = outcome;
    if (analysis.decision === 'pass') continue;
    if (analysis.decision === 'error') {
      deny = true;
      const why = `the plan cannot be checked: ${analysis.errors.join('; ')}`;
      findings.push({ kind: 'planfile', command, why });
      lines.push(`planfile: ${sanitize(command)} — ${sanitize(why)}`);
      continue;
    }
    if (config.decisions.planfile === 'deny') deny = true;
    findings.push({ kind: 'planfile', command, why: `loses ${plural(analysis.findings.length, 'protected resource')}`, resources: analysis.findings.map(resource) });
    lines.push(...planfileLines(command, analysis));
  }
  if (findings.length === 0) return { decision: 'allow', reason: '', findings };
  const decision: Decision = deny ? 'deny' : 'ask';
  const head =
    decision === 'ask'
      ? 'plangate guard: this command can destroy infrastructure; confirm only if you have read what it loses.'
      : 'plangate guard: this command is denied (it can destroy infrastructure, or cannot be checked); a person must run it.';
  return { decision, reason: [head, ...clipLines(lines)].join('\n'), findings };
}

function resource(f: Finding): NonNullable<AuditFinding['resources']>[number] {
  return { address: f.address, type: f.type, action: f.action, rule: f.rule, dataAtRisk: f.dataAtRisk };
}

/** What goes, the data at risk and what depends on it: the blast radius in a few lines per resource. */
function planfileLines(command: string, analysis: Analysis): string[] {
  const lines = [`planfile: ${sanitize(command)} — loses ${plural(analysis.findings.length, 'protected resource')}:`];
  for (const f of analysis.findings) {
    lines.push(`  ${describeAction(f)} ${sanitize(f.address)} (${sanitize(f.type)}), rule ${sanitize(f.rule)}${f.reason ? `: ${sanitize(f.reason)}` : ''}`);
    for (const d of f.dataAtRisk) lines.push(`    data at risk: ${sanitize(d)}`);
    if (f.dependentsTotal > 0) lines.push(`    depended on by: ${dependentsList(f, MAX_DEPENDENTS, sanitize)}`);
  }
  const others = otherLosses(analysis).length;
  if (others > 0) lines.push(`  and ${plural(others, 'unprotected resource')} deleted, replaced or forgotten`);
  return lines;
}

function clipLines(lines: string[]): string[] {
  if (lines.length <= MAX_LINES) return lines;
  return [...lines.slice(0, MAX_LINES - 1), `… and ${lines.length - MAX_LINES + 1} more lines (the audit log has them all)`];
}
