import type { Analysis, Finding } from '../analysis/analyse.js';
import { describeAction, destructiveChanges, headline, plural } from './summary.js';

const ICON = { pass: '✅', blocked: '⛔', error: '⚠️' } as const;

/** The PR comment / job summary body. */
export function renderMarkdown(analysis: Analysis): string {
  const out: string[] = [`### ${ICON[analysis.decision]} plangate: ${escapeText(headline(analysis))}`, ''];

  if (analysis.errors.length > 0) {
    out.push('**Problems** (each one fails the check):', '');
    for (const e of analysis.errors) out.push(`- ${escapeText(e)}`);
    out.push('');
  }

  for (const [file, findings] of groupBy(analysis.findings, (f) => f.file)) {
    out.push(`**Protected resources in ${code(file)}**`, '', '| Action | Resource | Type | Severity | Rule | Approvals |', '|---|---|---|---|---|---|');
    for (const f of findings) {
      out.push(`| ${describeAction(f)} | ${code(f.address)} | ${code(f.type)} | ${f.severity} | ${cell(f.rule)} | ${approvalsCell(f)} |`);
    }
    const reasons = new Map(findings.filter((f) => f.reason).map((f) => [f.rule, f.reason as string]));
    if (reasons.size > 0) {
      out.push('');
      for (const [rule, reason] of reasons) out.push(`- **${escapeText(rule)}**: ${escapeText(reason)}`);
    }
    out.push('');
  }

  const protectedKeys = new Set(analysis.findings.map((f) => `${f.file}\0${f.address}`));
  const others = destructiveChanges(analysis).filter((c) => !protectedKeys.has(`${c.file}\0${c.address}`));
  if (others.length > 0) {
    out.push(`<details><summary>${plural(others.length, 'other resource')} lost, not protected by any rule</summary>`, '');
    out.push('| Action | Resource | Type | Plan |', '|---|---|---|---|');
    for (const c of others) out.push(`| ${describeAction(c)} | ${code(c.address)} | ${code(c.type)} | ${code(c.file)} |`);
    out.push('', '</details>', '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function approvalsCell(f: Finding): string {
  const who = [...f.approvers.teams.map((t) => `team ${cell(t)}`), ...f.approvers.users.map((u) => `@${cell(u)}`)];
  return `${f.approvals}${who.length ? ` from ${who.join(', ')}` : ''}`;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** A code span that survives any content, inside a table cell too. */
export function code(text: string): string {
  const body = text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
  const fence = body.includes('`') ? '`` ' : '`';
  return `${fence}${body}${fence === '`` ' ? ' ``' : '`'}`;
}

function cell(text: string): string {
  return escapeText(text).replace(/\|/g, '\\|');
}

/** Plain text that markdown and HTML must not interpret. */
export function escapeText(text: string): string {
  return text.replace(/[\\*_[\]<>#]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}

