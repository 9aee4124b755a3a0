/**
 * The PR comment / job summary: a headline, a table of protected resources per
 * plan, what depends on them and what data goes with them, who must approve, a
 * mermaid graph of the blast radius, and the unprotected losses collapsed.
 * Never longer than GitHub's comment limit: detail is dropped progressively
 * and the last line says what was left out and where the full report is.
 */

import type { Analysis, Finding, IgnoredChange } from '../analysis/types.js';
import type { Change } from '../plan/types.js';
import type { Severity } from '../rules/types.js';
import { largest, Lines } from './lines.js';
import { code, escapeText } from './markdown-text.js';
import { blastRadiusGraph, graphLegend, type Graph } from './mermaid.js';
import { overviewLines, planHeading, planOverview, type PlanOverview } from './plans.js';
import {
  approvalsNeeded,
  bySeverity,
  clip,
  dependentsList,
  describeAction,
  groupBy,
  headline,
  MAX_SHOWN,
  NOT_AUTHORS,
  otherLosses,
  planName,
  plural,
  ruleRequirements,
  type RuleRequirement,
  thousands,
} from './summary.js';

export { code, escapeText, htmlEntities } from './markdown-text.js';

/** GitHub's limit on an issue or pull request comment, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export const DEFAULT_FULL_REPORT_HINT = 'run `plangate check --format json` for the full report';

export interface MarkdownOptions {
  /**
   * Where the complete report is, as markdown ("the job summary", "the JSON
   * report artifact"); shown only when the report had to be shortened.
   */
  fullReportHint?: string;
  /** Longest report, in UTF-16 code units (at least as many as characters); GitHub's comment limit by default. */
  maxLength?: number;
  /** The report's heading line, in place of the analysis' own verdict (the gate's comment states its own). */
  title?: string;
  /** The limit a shortened report says it fits: the whole comment's, when this report is only part of it. */
  namedLimit?: number;
}

const ICON = { pass: '✅', blocked: '⛔', error: '⚠️' } as const;
const SEVERITY_ICON: Record<Severity, string> = { critical: '🔴', high: '🟠', medium: '🟡', low: '⚪' };

/** Rows of a table shown before the rest is collapsed. */
const VISIBLE_ROWS = 20;
/** Problems kept when a long list of them must be shortened. */
const SHORT_LIST = 50;
/** Plan labels whose files the report names at its end; the JSON report has them all. */
const MAX_LABELS = 50;
/** Dependents named per resource. */
const MAX_DEPENDENTS = 10;

/** How much of each part a rendering includes. */
interface Limits {
  graph: boolean;
  dependents: boolean;
  /** Data at risk and the descriptions of removed guards. */
  details: boolean;
  /** Why each resource is destroyed. */
  why: boolean;
  errors: number;
  findings: number;
  others: number;
  ignored: number;
  /** Headlines of plans with protected changes, and of those without (a run of several plans). */
  plans: number;
  cleanPlans: number;
}

interface Context {
  analysis: Analysis;
  others: Change[];
  graph: Graph | undefined;
  overview: PlanOverview | undefined;
  /** Findings, the most severe first: a shortened report keeps the head of this list. */
  ranked: Finding[];
  hint: string;
  /** The heading line. */
  title: string;
  maxLength: number;
  namedLimit: number;
  /** Findings per plan file, each the most severe first. */
  byFile: Map<string, Finding[]>;
  /** Each strictest rule over all findings: a shortened report lists those of the rows it keeps, with their true counts. */
  requirements: RuleRequirement[];
  /** Findings with dependents, and with data at risk or removed guards: for the note on what was left out. */
  withDependents: number;
  withDetails: number;
  withWhy: number;
  /** Rendered rows and detail bullets, as first needed: a shortened report is built many times over. */
  otherRows: string[];
  rows: Map<Finding, string>;
  details: Map<string, Map<Finding, string>>;
}

// Slack over the limit before a build is abandoned: the finished text is trimmed, then measured exactly.
const SLACK = 1024;

/** The markdown report, at most `maxLength` characters long. */
export function renderMarkdown(analysis: Analysis, options: MarkdownOptions = {}): string {
  const ctx: Context = {
    analysis,
    others: otherLosses(analysis),
    graph: blastRadiusGraph(analysis.findings),
    overview: planOverview(analysis),
    ranked: bySeverity(analysis.findings),
    hint: options.fullReportHint ?? DEFAULT_FULL_REPORT_HINT,
    title: options.title ?? `### ${ICON[analysis.decision]} plangate: ${escapeText(headline(analysis))}`,
    maxLength: options.maxLength ?? GITHUB_COMMENT_LIMIT,
    namedLimit: options.namedLimit ?? options.maxLength ?? GITHUB_COMMENT_LIMIT,
    byFile: new Map([...groupBy(analysis.findings, (f) => f.file)].map(([file, findings]) => [file, bySeverity(findings)])),
    requirements: ruleRequirements(analysis.findings),
    withDependents: analysis.findings.filter((f) => f.dependentsTotal > 0).length,
    withDetails: analysis.findings.filter((f) => f.dataAtRisk.length > 0 || (f.weakenings?.length ?? 0) > 0).length,
    withWhy: analysis.findings.filter((f) => f.why !== undefined).length,
    otherRows: [],
    rows: new Map(),
    details: new Map(),
  };
  const lim: Limits = {
    graph: true,
    dependents: true,
    details: true,
    why: true,
    errors: analysis.errors.length,
    findings: analysis.findings.length,
    others: ctx.others.length,
    ignored: analysis.ignored.length,
    plans: ctx.overview?.flagged.length ?? 0,
    cleanPlans: ctx.overview?.clean.length ?? 0,
  };
  let out = build(ctx, lim);
  if (out !== undefined) return out;

  // Drop detail in the order a reviewer misses it least.
  for (const part of ['graph', 'dependents', 'details', 'why'] as const) {
    lim[part] = false;
    out = build(ctx, lim);
    if (out !== undefined) return out;
  }
  // Problems come first, but thousands of them must not push out every resource.
  if (lim.errors > SHORT_LIST) {
    lim.errors = SHORT_LIST;
    out = build(ctx, lim);
    if (out !== undefined) return out;
  }
  // Every plan stays named longer than any table row: the headlines say which plans to look at.
  for (const part of ['others', 'ignored', 'findings', 'cleanPlans', 'plans', 'errors'] as const) {
    const all = lim[part];
    lim[part] = largest(all, (n) => build(ctx, { ...lim, [part]: n }) !== undefined);
    out = build(ctx, lim);
    if (out !== undefined) return out;
  }
  return fallback(ctx);
}

/** The report within `lim`; undefined when it does not fit, as soon as that is clear. */
function build(ctx: Context, lim: Limits): string | undefined {
  const { analysis } = ctx;
  const out = new Lines(ctx.maxLength + SLACK);
  out.push(ctx.title, '');

  if (analysis.errors.length > 0 && lim.errors > 0) {
    out.push('**Problems** (each one fails the check):', '');
    for (let i = 0; i < Math.min(lim.errors, analysis.errors.length); i++) {
      if (!out.push(`- ${escapeText(clip(analysis.errors[i] as string, MAX_SHOWN.error))}`)) return undefined;
    }
    out.push('');
  }

  if (ctx.overview && !out.push(...overviewLines(ctx.overview, lim.plans, lim.cleanPlans))) return undefined;

  const keep = lim.findings >= ctx.ranked.length ? undefined : new Set(ctx.ranked.slice(0, lim.findings));
  const shown: Finding[] = [];
  for (const [file, all] of ctx.byFile) {
    const ranked = keep ? all.filter((f) => keep.has(f)) : all;
    if (ranked.length === 0) continue;
    append(shown, ranked);
    out.push(`#### Protected resources in ${planHeading(analysis, file)} (${thousands(all.length)})`, '');
    const top = ranked.slice(0, VISIBLE_ROWS);
    if (!findingTable(ctx, top, out) || !findingDetails(ctx, top, lim, out)) return undefined;
    const rest = ranked.slice(VISIBLE_ROWS);
    if (rest.length > 0) {
      // The true count, not the rows kept: a shortened report must never understate what the plan destroys.
      const more = all.length - top.length;
      const listed = rest.length < more ? ` (${thousands(rest.length)} listed here; the rest are left out, see the note at the end)` : '';
      out.push(`<details><summary>${plural(more, 'more protected resource')} in this plan${listed}</summary>`, '');
      if (!findingTable(ctx, rest, out) || !findingDetails(ctx, rest, lim, out)) return undefined;
      out.push('</details>', '');
    }
  }

  if (analysis.findings.length > 0) out.push(...whoMustApprove(analysis.findings, shown, ctx.requirements));

  if (lim.graph && ctx.graph) {
    out.push('#### What depends on them', '', graphLegend(ctx.graph), '', '```mermaid', ctx.graph.source.trimEnd(), '```', '');
  }

  if (ctx.others.length > 0 && lim.others > 0) {
    out.push(`<details><summary>${plural(ctx.others.length, 'other resource')} lost, not protected by any rule</summary>`, '');
    out.push('| Action | Resource | Type | Plan |', '|---|---|---|---|');
    for (let i = 0; i < Math.min(lim.others, ctx.others.length); i++) if (!out.push(otherRow(ctx, i))) return undefined;
    out.push('', '</details>', '');
  }

  if (analysis.ignored.length > 0 && lim.ignored > 0) {
    out.push(`<details><summary>${plural(analysis.ignored.length, 'resource')} a rule would protect, ignored by the config's <code>ignore</code></summary>`, '');
    out.push('| Action | Resource | Type | Ignored by | Rules it would match | Plan |', '|---|---|---|---|---|---|');
    for (let i = 0; i < Math.min(lim.ignored, analysis.ignored.length); i++) if (!out.push(ignoredRow(ctx, i))) return undefined;
    out.push('', '</details>', '');
  }

  const labelled = Object.entries(analysis.labels ?? {});
  if (labelled.length > 0) {
    // Labels are display only: the file each stands for is always said.
    const named = labelled.slice(0, MAX_LABELS).map(([file, label]) => `${code(label, 'prose')} is ${code(clip(file, MAX_SHOWN.address, 'end'), 'prose')}`);
    const more = labelled.length > MAX_LABELS ? ` and ${plural(labelled.length - MAX_LABELS, 'more', 'more')}` : '';
    out.push(`<sub>Plans: ${named.join(', ')}${more}.</sub>`, '');
  }

  const left = omissions(ctx, lim);
  if (left.length > 0) {
    const limit = ctx.namedLimit === GITHUB_COMMENT_LIMIT ? `GitHub's ${thousands(GITHUB_COMMENT_LIMIT)}-character comment limit` : `${thousands(ctx.namedLimit)} characters`;
    out.push(`> ✂️ **Shortened to fit ${limit}.** Left out: ${left.join('; ')}. Full report: ${ctx.hint}.`);
  }
  if (out.full) return undefined;
  const text = `${out.lines.join('\n').trimEnd()}\n`;
  return text.length <= ctx.maxLength ? text : undefined;
}

/** The table of `findings` into `out`; false when `out` is full. */
function findingTable(ctx: Context, findings: readonly Finding[], out: Lines): boolean {
  out.push('| Action | Resource | Type | Severity | Rule | Approvals |', '|---|---|---|---|---|---|');
  for (const f of findings) {
    let row = ctx.rows.get(f);
    if (row === undefined) {
      row = `| ${actionCell(f)} | ${addressCell(f)} | ${code(clip(f.type, MAX_SHOWN.address))} | ${SEVERITY_ICON[f.severity]} ${f.severity} | ${escapeText(clip(f.rule, MAX_SHOWN.address))} | ${approvalsCell(f)} |`;
      ctx.rows.set(f, row);
    }
    if (!out.push(row)) return false;
  }
  return out.push('');
}

function otherRow(ctx: Context, i: number): string {
  let row = ctx.otherRows[i];
  if (row === undefined) {
    const c = ctx.others[i] as Change;
    row = `| ${describeAction(c)} | ${addressCell(c)} | ${code(clip(c.type, MAX_SHOWN.address))} | ${planCell(ctx.analysis, c.file)} |`;
    ctx.otherRows[i] = row;
  }
  return row;
}

function ignoredRow(ctx: Context, i: number): string {
  const c = ctx.analysis.ignored[i] as IgnoredChange;
  const rules = c.rules.map((r) => escapeText(clip(r, MAX_SHOWN.address))).join(', ');
  return `| ${describeAction(c)} | ${addressCell(c)} | ${code(clip(c.type, MAX_SHOWN.address))} | ignored by ${code(`ignore: ${clip(c.ignoredBy, MAX_SHOWN.address)}`)} | ${rules} | ${planCell(ctx.analysis, c.file)} |`;
}

/** A plan in a table cell: its label, else its path (the start cut when long). */
function planCell(analysis: Analysis, file: string): string {
  return code(clip(planName(analysis, file), MAX_SHOWN.address, 'end'));
}

function actionCell(f: Finding): string {
  if (f.action !== 'protection-removed' || !f.weakenings?.length) return describeAction(f);
  const guards = f.weakenings.map((w) => `${code(clip(w.guard, MAX_SHOWN.address))}: ${escapeText(clip(w.from, 80))} → ${escapeText(clip(w.to, 80))}`);
  return `${describeAction(f)}<br>${guards.join('<br>')}`;
}

function addressCell(item: Pick<Finding, 'address' | 'previousAddress' | 'stack' | 'physicalId'>): string {
  let cell = code(clip(item.address, MAX_SHOWN.address));
  if (item.previousAddress) cell += `<br>moved from ${code(clip(item.previousAddress, MAX_SHOWN.address))}`;
  if (item.stack !== undefined) cell += `<br>stack ${code(clip(item.stack, MAX_SHOWN.address))}`;
  if (item.physicalId !== undefined) cell += `<br>physical id ${code(clip(item.physicalId, MAX_SHOWN.address))}`;
  return cell;
}

function approvalsCell(f: Finding): string {
  const who = approversList(f.approvers.teams, f.approvers.users);
  return who ? `${f.approvals} from ${who}` : String(f.approvals);
}

/** Teams and users in code spans: the report names them without notifying them on every update. */
function approversList(teams: readonly string[], users: readonly string[]): string {
  return [...teams.map((t) => `team ${code(t)}`), ...users.map((u) => code(`@${u.replace(/^@/, '')}`))].join(', ');
}

/** A bullet per finding with something more to say (data at risk, removed guards, dependents) into `out`; false when it is full. */
function findingDetails(ctx: Context, findings: readonly Finding[], lim: Limits, out: Lines): boolean {
  const cacheKey = `${lim.details}/${lim.dependents}/${lim.why}`;
  let cache = ctx.details.get(cacheKey);
  if (!cache) ctx.details.set(cacheKey, (cache = new Map<Finding, string>()));
  let any = false;
  for (const f of findings) {
    let bullet = cache.get(f);
    if (bullet === undefined) cache.set(f, (bullet = findingBullet(f, lim)));
    if (bullet && !out.push(bullet)) return false;
    any ||= bullet !== '';
  }
  return any ? out.push('') : true;
}

function findingBullet(f: Finding, lim: Limits): string {
  const lines: string[] = [];
  if (lim.why && f.why !== undefined) lines.push(`why: ${escapeText(clip(f.why, MAX_SHOWN.text))}`);
  if (lim.details) {
    for (const d of f.dataAtRisk) lines.push(`data at risk: ${escapeText(clip(d, MAX_SHOWN.text))}`);
    for (const w of f.weakenings ?? []) lines.push(`guard removed: ${escapeText(clip(w.description, MAX_SHOWN.text))}`);
  }
  if (lim.dependents && f.dependentsTotal > 0) {
    lines.push(`depended on by ${dependentsList(f, MAX_DEPENDENTS, (d) => code(clip(d, MAX_SHOWN.address), 'prose'), escapeText)}`);
  }
  if (lines.length === 0) return '';
  return [`- ${code(clip(f.address, MAX_SHOWN.address), 'prose')}`, ...lines.map((l) => `  - ${l}`)].join('\n');
}

function whoMustApprove(all: readonly Finding[], shown: readonly Finding[], requirements: readonly RuleRequirement[]): string[] {
  const n = approvalsNeeded(all);
  const out = [
    '#### Who must approve',
    '',
    `**${plural(n, 'approval')}** from ${n === 1 ? 'someone' : 'different people'} with write access who did not author the change: ${NOT_AUTHORS}. Where a rule names teams or users, its resources need an approval from them.`,
    '',
    '| Rule | Why it is protected | Resources | Approvals | Approvers |',
    '|---|---|---|---|---|',
  ];
  const listed = new Set(shown.map((f) => f.rule));
  const rules = requirements.filter((r) => listed.has(r.rule));
  for (const r of rules) {
    const who = approversList(r.teams, r.users) || 'anyone qualifying';
    out.push(`| ${escapeText(clip(r.rule, MAX_SHOWN.address))} | ${r.reason ? escapeText(clip(r.reason, MAX_SHOWN.text)) : ''} | ${thousands(r.resources)} | ${r.approvals} | ${who} |`);
  }
  const hidden = requirements.length - rules.length;
  if (hidden > 0) out.push('', `…and ${plural(hidden, 'more rule')} protecting resources not listed here.`);
  out.push('');
  return out;
}

function omissions(ctx: Context, lim: Limits): string[] {
  const { analysis } = ctx;
  const left: string[] = [];
  if (!lim.graph && ctx.graph) {
    left.push(`the graph of what depends on them (${ctx.graph.omittedAtLeast ? 'at least ' : ''}${plural(ctx.graph.drawn + ctx.graph.omitted, 'node')})`);
  }
  if (!lim.dependents && ctx.withDependents > 0) left.push(`the dependents of ${plural(ctx.withDependents, 'protected resource')}`);
  if (!lim.details && ctx.withDetails > 0) left.push(`the data at risk and removed guards of ${plural(ctx.withDetails, 'protected resource')}`);
  if (!lim.why && ctx.withWhy > 0) left.push(`why each of ${plural(ctx.withWhy, 'protected resource')} is destroyed`);
  const findings = analysis.findings.length;
  if (lim.findings < findings) {
    left.push(lim.findings === 0 ? all(findings, 'protected resource') : `${thousands(findings - lim.findings)} of the ${plural(findings, 'protected resource')} (the ${thousands(lim.findings)} listed are the most severe)`);
  }
  if (lim.others < ctx.others.length) left.push(partOf(ctx.others.length - lim.others, ctx.others.length, 'other lost resource'));
  if (lim.ignored < analysis.ignored.length) left.push(partOf(analysis.ignored.length - lim.ignored, analysis.ignored.length, 'ignored resource'));
  const { overview } = ctx;
  if (overview && lim.plans < overview.flagged.length) left.push(`the headlines of ${partOf(overview.flagged.length - lim.plans, overview.flagged.length, 'plan')} with protected changes`);
  if (overview && lim.cleanPlans < overview.clean.length) left.push(`the headlines of ${partOf(overview.clean.length - lim.cleanPlans, overview.clean.length, 'plan')} with nothing protected lost`);
  if (lim.errors < analysis.errors.length) left.push(partOf(analysis.errors.length - lim.errors, analysis.errors.length, 'problem'));
  return left;
}

/** "the 3 problems", "all 300 other lost resources", "12 of the 300 other lost resources". */
function partOf(left: number, total: number, one: string): string {
  return left === total ? all(total, one) : `${thousands(left)} of the ${plural(total, one)}`;
}

function all(total: number, one: string): string {
  return total === 1 ? `the ${one}` : `all ${plural(total, one)}`;
}

/** Only when even the headline and the note exceed the limit (a tiny `maxLength`). */
function fallback(ctx: Context): string {
  const note = `Report left out to fit ${thousands(ctx.maxLength)} characters. Full report: ${ctx.hint}.`;
  const head = `${ctx.title}\n\n`;
  const text = `${head}${note}\n`;
  return text.length <= ctx.maxLength ? text : text.slice(0, ctx.maxLength);
}

/** Pushes every item of every list (spreading thousands of arguments into push would not scale). */
function append<T>(out: T[], ...lists: readonly (readonly T[])[]): void {
  for (const list of lists) for (const line of list) out.push(line);
}
