/**
 * A run of many plans (a monorepo's stacks, Terragrunt run-all split per
 * module): one headline per plan, the plans with protected changes first, so
 * a reviewer sees which plans matter before any table is shortened.
 */

import type { Analysis, Finding } from '../analysis/types.js';
import { SEVERITIES } from '../rules/types.js';
import { code } from './markdown-text.js';
import { clip, describeFindings, groupBy, MAX_SHOWN, plural, thousands, worstSeverity } from './summary.js';

export interface PlanOverview {
  /** Headlines of the plans with protected changes, the most severe plan first. */
  flagged: string[];
  /** Protected resources per flagged plan, in the same order: what a shortened list leaves out is counted from these. */
  flaggedFindings: number[];
  /** Headlines of the plans with nothing protected lost. */
  clean: string[];
  /** Whether some plan could not be read: then "nothing protected lost" is not known of the others either. */
  unreadable: boolean;
}

/** The overview, for a run of several plans only (one plan's report is its own headline). */
export function planOverview(analysis: Analysis): PlanOverview | undefined {
  const byFile = groupBy(analysis.findings, (f) => f.file);
  const files = [...new Set([...analysis.files, ...byFile.keys()])];
  if (files.length < 2) return undefined;
  const changes = groupBy(analysis.changes, (c) => c.file);
  const count = (file: string) => plural(changes.get(file)?.length ?? 0, 'change');
  const flagged = files.filter((file) => byFile.has(file)).map((file) => ({ file, findings: byFile.get(file) as Finding[] }));
  // Worst severity first, then the most protected resources; otherwise the order the plans were given.
  const rank = (findings: readonly Finding[]) => SEVERITIES.indexOf(worstSeverity(findings) ?? 'low');
  flagged.sort((a, b) => rank(a.findings) - rank(b.findings) || b.findings.length - a.findings.length);
  const unreadable = analysis.errors.length > 0;
  return {
    flagged: flagged.map(({ file, findings }) => `- ${planHeading(analysis, file)}: ${describeFindings(findings)} (${severities(findings)}) · ${count(file)}`),
    flaggedFindings: flagged.map(({ findings }) => findings.length),
    clean: files.filter((file) => !byFile.has(file)).map((file) => `- ${planHeading(analysis, file)}: ${unreadable ? 'no protected change found' : 'nothing protected lost'} · ${count(file)}`),
    unreadable,
  };
}

/** The overview's lines, at most `flaggedShown` and `cleanShown` plans of each kind; the counts are always the true ones. */
export function overviewLines(overview: PlanOverview, flaggedShown: number, cleanShown: number): string[] {
  const { flagged, clean } = overview;
  const plans = flagged.length + clean.length;
  const out = [`#### ${plural(plans, 'plan')}: ${thousands(flagged.length)} with protected changes`, ''];
  out.push(...flagged.slice(0, flaggedShown));
  if (flaggedShown < flagged.length) {
    const hidden = overview.flaggedFindings.slice(flaggedShown).reduce((sum, n) => sum + n, 0);
    out.push(`- … and ${plural(flagged.length - flaggedShown, 'more plan')} with ${plural(hidden, 'protected resource')}, left out to fit (see the note at the end)`);
  }
  if (flagged.length > 0) out.push('');
  if (clean.length > 0) {
    const what = overview.unreadable ? 'no protected change found (not every plan could be read: see the problems)' : 'nothing protected lost';
    out.push(`<details><summary>${plural(clean.length, 'plan')} with ${what}</summary>`, '');
    out.push(...clean.slice(0, cleanShown));
    if (cleanShown < clean.length) out.push(`- … and ${plural(clean.length - cleanShown, 'more', 'more')}, left out to fit (see the note at the end)`);
    out.push('', '</details>', '');
  }
  return out;
}

/** A plan in a heading: its label and its path, so a label can never stand in for a file unseen. */
export function planHeading(analysis: Pick<Analysis, 'labels'>, file: string): string {
  const path = code(clip(file, MAX_SHOWN.address, 'end'), 'prose');
  const label = analysis.labels?.[file];
  return label === undefined ? path : `${code(clip(label, MAX_SHOWN.address), 'prose')} (${path})`;
}

/** "2 critical, 1 high". */
function severities(findings: readonly Finding[]): string {
  const counts = groupBy(findings, (f) => f.severity);
  return SEVERITIES.filter((s) => counts.has(s)).map((s) => `${thousands(counts.get(s)?.length ?? 0)} ${s}`).join(', ');
}
