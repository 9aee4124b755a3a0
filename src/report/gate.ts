import type { Analysis } from '../analysis/types.js';
import type { ApprovalOutcome, GateDecision } from '../approval/types.js';
import { decodeRecord, encodeRecord, type DecisionRecord } from '../approval/record.js';
import type { RulesSource } from '../rules/types.js';
import { escapeText, GITHUB_COMMENT_LIMIT, renderMarkdown } from './markdown.js';
import { clip, describeFindings, MAX_SHOWN, plural, thousands } from './summary.js';

/** Hidden marker that finds plangate's sticky comment among the others. */
export function commentMarker(statusContext: string): string {
  return `<!-- plangate:${statusContext.replace(/-->/g, '')} -->`;
}

/** The decision recorded in a comment: only on the line right after the marker that opens it. */
export function commentRecord(body: string, statusContext: string): DecisionRecord | undefined {
  const marker = commentMarker(statusContext);
  return body.startsWith(`${marker}\n`) ? decodeRecord(body.slice(marker.length + 1)) : undefined;
}

export interface GateReport {
  analysis: Analysis;
  outcome: ApprovalOutcome;
  statusContext: string;
  /** Warnings about the run itself (look-alike statuses, …). */
  warnings?: readonly string[];
  runUrl?: string;
  /** Longest text (GitHub's comment limit by default; the job summary takes 1 MiB). */
  maxLength?: number;
  /** Where the whole report is, when this one had to be shortened. */
  fullReportHint?: string;
  /** Where the rules came from, once read. */
  rules?: RulesSource;
  /** The pull request's base branch, and whether plangate posts a success for pull requests into it. */
  base?: { ref: string; protected: boolean };
  /** The decision as apply time reads it back (src/approval/record.ts), on the line after the marker. */
  record?: DecisionRecord;
}

const ICON: Record<GateDecision, string> = { pass: '✅', approved: '✅', overridden: '⚠️', blocked: '⛔', error: '⚠️' };

const PASSING: ReadonlySet<GateDecision> = new Set(['pass', 'approved', 'overridden']);

export function isPassing(decision: GateDecision): boolean {
  return PASSING.has(decision);
}

/** Whether this report may turn the status green: a passing decision for a pull request into a protected base. */
export function earnsSuccess({ outcome, base }: Pick<GateReport, 'outcome' | 'base'>): boolean {
  return isPassing(outcome.decision) && base?.protected === true;
}

/** One line for the commit status (GitHub keeps 140 characters). */
export function statusDescription({ analysis, outcome, base }: Pick<GateReport, 'analysis' | 'outcome' | 'base'>): string {
  const n = analysis.findings.length;
  const text = {
    pass: 'nothing protected is lost',
    approved: `${n} protected change${n === 1 ? '' : 's'} approved by ${outcome.approvedBy.map((a) => a.login).join(', ')}`,
    overridden: `overridden by ${outcome.overriddenBy?.login ?? '?'}`,
    blocked: `${n} protected change${n === 1 ? '' : 's'}: needs approval by someone who did not author it`,
    error: `cannot decide: ${outcome.errors[0] ?? analysis.errors[0] ?? 'see the job log'}`,
  }[outcome.decision];
  const said = isPassing(outcome.decision) && base?.protected !== true ? `${outcome.decision} into ${base?.ref ?? 'an unknown base'}, not a protected base: no success` : text;
  return [...said].length <= 140 ? said : `${[...said].slice(0, 139).join('')}…`;
}

/** The gate's verdict, then what is still needed, then the full report (within GitHub's comment limit). */
export function renderGateComment(report: GateReport): string {
  const { outcome } = report;
  const head: string[] = [commentMarker(report.statusContext), ...(report.record ? [encodeRecord(report.record)] : []), `## ${ICON[outcome.decision]} plangate: ${verdict(report)}`, ''];
  if (outcome.errors.length > 0) {
    head.push('**plangate could not decide** — each problem fails the check:', '');
    head.push(...bullets(outcome.errors, 20, (e) => escapeText(clip(e, MAX_SHOWN.error))), '');
  }
  if (outcome.decision === 'blocked' && outcome.missing.length > 0) {
    head.push('**Still needed** (approvals count only on the current head commit):', '');
    head.push(...bullets(outcome.missing, 20, (m) => escapeText(clip(m, MAX_SHOWN.text))), '');
  }
  if (outcome.ignored.length > 0) {
    head.push('<details><summary>Approvals and labels that did not count</summary>', '');
    head.push(...bullets(outcome.ignored, 50, (i) => escapeText(clip(i, MAX_SHOWN.text))), '', '</details>', '');
  }
  for (const warning of report.warnings ?? []) head.push(`> [!WARNING]\n> ${escapeText(clip(warning, MAX_SHOWN.text))}`, '');
  if (report.base && !report.base.protected && isPassing(outcome.decision)) {
    head.push(
      `> [!NOTE]\n> The base \`${escapeText(report.base.ref)}\` is not a protected base, so plangate posts no success for this pull request: its author could have picked the base. Into the default branch, or a base listed under \`protected-bases\` in the config, it would.`,
      '',
    );
  }
  if (report.rules) head.push(`<sub>${rulesLine(report.rules)}</sub>`, '');
  if (report.runUrl) head.push(`<sub>[This run](${report.runUrl}) · the \`${escapeText(report.statusContext)}\` status on the head commit says the same.</sub>`, '');
  const top = `${head.join('\n')}\n`;
  // Each problem once: those listed above are not listed again under the plans.
  const above = new Set(outcome.errors);
  const analysis = above.size === 0 ? report.analysis : { ...report.analysis, errors: report.analysis.errors.filter((e) => !above.has(e)) };
  const body = renderMarkdown(analysis, {
    maxLength: (report.maxLength ?? GITHUB_COMMENT_LIMIT) - top.length - 16,
    namedLimit: report.maxLength ?? GITHUB_COMMENT_LIMIT,
    fullReportHint: report.fullReportHint ?? 'the job summary of this run',
    title: `### What the plans change: ${escapeText(describePlans(report.analysis))}`,
  });
  return `${top}${body}`;
}

/** Which rules applied, so a reviewer can tell a base's config from the default branch's. */
function rulesLine(rules: RulesSource): string {
  const at = `\`${escapeText(rules.branch)}\` at \`${rules.sha.slice(0, 7)}\``;
  const missing = (rules.searched ?? [rules.path]).map((path) => `\`${escapeText(path)}\``).join(' or ');
  return rules.found ? `Rules: \`${escapeText(rules.path)}\` on ${at}.` : `Rules: the built-in \`recommended\` pack (no ${missing} on ${at}).`;
}

function describePlans(analysis: Analysis): string {
  if (analysis.findings.length > 0) return describeFindings(analysis.findings);
  return analysis.errors.length > 0 ? 'unknown, plangate could not read every plan' : 'nothing protected is lost';
}

function verdict({ analysis, outcome }: GateReport): string {
  switch (outcome.decision) {
    case 'pass':
      return 'pass: nothing protected is deleted, replaced, forgotten or unguarded';
    case 'approved':
      return `approved by ${outcome.approvedBy.map((a) => `@${a.login}`).join(', ')}`;
    case 'overridden':
      return `overridden by @${outcome.overriddenBy?.login ?? '?'} at ${outcome.overriddenBy?.at ?? '?'} (override label)`;
    case 'blocked':
      return `blocked: ${plural(analysis.findings.length, 'protected change')} need${analysis.findings.length === 1 ? 's' : ''} approval by someone who did not author them`;
    case 'error':
      return 'error: plangate could not decide, so the check fails';
  }
}

/** A bullet list of at most `max` items, then how many more there are. */
function bullets(items: readonly string[], max: number, show: (item: string) => string): string[] {
  const lines = items.slice(0, max).map((item) => `- ${show(item)}`);
  if (items.length > max) lines.push(`- … and ${thousands(items.length - max)} more`);
  return lines;
}
