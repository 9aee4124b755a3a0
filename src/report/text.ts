import type { Analysis } from '../analysis/analyse.js';
import { describeAction, destructiveChanges, headline, plural } from './summary.js';

export interface TextOptions {
  /** ANSI colour; the CLI turns it on only for a TTY without NO_COLOR. */
  color: boolean;
  /** List the problems too; the CLI prints them on stderr instead, once. */
  listErrors?: boolean;
}

const CODES = { red: 31, green: 32, yellow: 33, bold: 1, dim: 2 } as const;

/** The terminal report: headline, protected resources, other losses, problems. */
export function renderText(analysis: Analysis, { color, listErrors = true }: TextOptions): string {
  const paint = (code: keyof typeof CODES, text: string) => (color ? `\u001b[${CODES[code]}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  const tone = analysis.decision === 'pass' ? 'green' : analysis.decision === 'blocked' ? 'red' : 'yellow';
  lines.push(paint('bold', paint(tone, headline(analysis))));

  if (analysis.findings.length > 0) {
    lines.push('', paint('bold', 'Protected resources:'));
    const width = Math.min(60, Math.max(...analysis.findings.map((f) => f.address.length)));
    for (const f of analysis.findings) {
      const who = [...f.approvers.teams.map((t) => `team ${t}`), ...f.approvers.users.map((u) => `@${u}`)];
      lines.push(
        `  ${paint('red', describeAction(f).padEnd(22))} ${f.address.padEnd(width)}  ${f.severity}  ${f.rule}  (${plural(f.approvals, 'approval')}${who.length ? ` from ${who.join(', ')}` : ''})`,
      );
      if (f.reason) lines.push(paint('dim', `  ${''.padEnd(22)} ${f.reason}`));
      if (f.dependents.length > 0) lines.push(`  ${''.padEnd(22)} depended on by: ${f.dependents.join(', ')}`);
      lines.push(paint('dim', `  ${''.padEnd(22)} in ${f.file}`));
    }
  }

  const protectedKeys = new Set(analysis.findings.map((f) => `${f.file}\0${f.address}`));
  const others = destructiveChanges(analysis).filter((c) => !protectedKeys.has(`${c.file}\0${c.address}`));
  if (others.length > 0) {
    lines.push('', paint('bold', 'Other resources lost (no rule protects them):'));
    for (const c of others) lines.push(`  ${paint('yellow', describeAction(c).padEnd(22))} ${c.address}  (${c.type}, ${c.file})`);
  }

  if (listErrors && analysis.errors.length > 0) {
    lines.push('', paint('bold', 'Problems:'));
    for (const e of analysis.errors) lines.push(`  ${paint('yellow', e)}`);
  }
  return `${lines.join('\n')}\n`;
}
