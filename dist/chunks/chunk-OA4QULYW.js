import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  analyse,
  missingNestedChangeSets,
  parsePlan,
  readPlanFile
} from "./chunk-7EZ6GSWA.js";
import {
  MAX_SHOWN,
  NOT_AUTHORS,
  approvalsNeeded,
  bySeverity,
  clip,
  dependentsList,
  describeAction,
  describeFindings,
  groupBy,
  headline,
  losesResource,
  otherLosses,
  planName,
  plural,
  ruleRequirements,
  sanitize,
  thousands,
  worstSeverity
} from "./chunk-K4HQFQNB.js";
import {
  SEVERITIES
} from "./chunk-K5NTNJS3.js";
import {
  InputError,
  isInputError
} from "./chunk-KIBWKCE4.js";
import {
  quote
} from "./chunk-QCJK5ES2.js";

// src/plan/cloudformation-stacks.ts
var STACK = /^([A-Za-z][-A-Za-z0-9]{0,127})=(.+)$/s;
function parseTemplateOption(value) {
  const match = STACK.exec(value);
  return match ? { stack: match[1], file: match[2] } : { file: value };
}
function applyTemplates(plans, templates) {
  const stacks = plans.filter((p) => p.format === "cloudformation");
  const bare = templates.filter((t) => t.stack === void 0);
  if (bare.length > 0 && templates.length > 1) {
    throw new InputError("--cfn-template", "give every template as STACK=FILE once there is more than one, so each stack gets its own");
  }
  const errors = [];
  const roots = [...new Set(stacks.flatMap((p) => (p.stacks ?? []).filter((s) => s.prefix === "").map((s) => s.name)))];
  for (const template of bare) {
    if (roots.length > 1) {
      errors.push(`--cfn-template ${template.file}: the change sets are for ${roots.length} stacks (${roots.map((r) => quote(r)).join(", ")}), and one template cannot be all of them: give each its own as --cfn-template STACK=FILE`);
      continue;
    }
    for (const plan of stacks) merge(plan.dependencies, template.dependencies, "");
  }
  for (const template of templates) {
    if (template.stack === void 0) continue;
    let found = false;
    for (const plan of stacks) {
      for (const { name, prefix } of plan.stacks ?? []) {
        if (name !== template.stack) continue;
        merge(plan.dependencies, template.dependencies, prefix);
        found = true;
      }
    }
    if (!found) {
      const known = [...new Set(stacks.flatMap((p) => (p.stacks ?? []).map((s) => s.name)))];
      const which = known.length > 0 ? `the change sets are for ${known.map((k) => quote(k)).join(", ")}` : "no change set names its stack";
      errors.push(`--cfn-template ${quote(template.stack)}=${template.file}: no change set is for stack ${quote(template.stack)} (${which}): check the stack name`);
    }
  }
  return errors;
}
function merge(into, from, prefix) {
  for (const [node, targets] of from) {
    const key2 = prefix + node;
    let set = into.get(key2);
    if (!set) into.set(key2, set = /* @__PURE__ */ new Set());
    for (const t of targets) set.add(prefix + t);
  }
}

// src/check.ts
async function checkPlans(files, ruleSet, options = {}) {
  const plans = [];
  const readErrors = [];
  if (files.length === 0) readErrors.push("no plan files were given: pass the JSON plan or change-set files to check");
  for (const file of files) {
    try {
      const plan = typeof file === "string" ? await readPlanFile(file, options) : parsePlan(file.bytes, file.name);
      plans.push(plan);
    } catch (error) {
      if (!isInputError(error)) throw error;
      readErrors.push(error.message);
    }
  }
  readErrors.push(...missingNestedChangeSets(plans));
  if (options.templates?.length) readErrors.push(...applyTemplates(plans, options.templates));
  const analysis = analyse({ plans, readErrors, ruleSet, sourceWeakenings: options.sourceWeakenings ?? [] });
  const labels = Object.entries(options.labels ?? {}).flatMap(([file, label]) => files.includes(file) ? [[file === "-" ? "standard input" : file, label]] : []);
  if (labels.length > 0) analysis.labels = Object.fromEntries(labels);
  return analysis;
}

// src/report/lines.ts
var Lines = class {
  constructor(max) {
    this.max = max;
  }
  max;
  lines = [];
  length = 0;
  /** Adds the lines; false once they are longer than the limit, when the caller should stop. */
  push(...lines) {
    for (const line of lines) {
      this.lines.push(line);
      this.length += line.length + 1;
    }
    return !this.full;
  }
  get full() {
    return this.length > this.max;
  }
};
function largest(max, fits) {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

// src/report/markdown-text.ts
function code(text, where = "table") {
  const body = sanitize(text);
  if (body === "") return "(empty)";
  if (where === "table" && body.includes("\\|")) return `<code>${htmlEntities(body)}</code>`;
  const inner = where === "table" ? body.replace(/\|/g, "\\|") : body;
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(inner) ? " " : "";
  return `${fence}${pad}${inner}${pad}${fence}`;
}
function escapeText(text) {
  return sanitize(text).trimStart().replace(/[\\`*_[\]<>&|~#$!]/g, (c) => `\\${c}`).replace(/^([-+=])/, "\\$1").replace(/^(\d+)([.)])/, "$1\\$2").replace(/@(?=[\p{L}\p{N}_])/gu, "@​").replace(/#(?=\d)/g, "#​").replace(/:(?=\/\/)/g, ":​").replace(/\b(www)\./gi, "$1​.");
}
function htmlEntities(text) {
  return sanitize(text).replace(/[&<>"'`|\\*_[\]~#$!@]/g, (c) => `&#${c.charCodeAt(0)};`);
}

// src/report/mermaid.ts
var DEFAULT_MAX_NODES = 30;
var MAX_LABEL = 60;
var STYLES = [
  "classDef lost fill:#ffebe9,stroke:#cf222e,stroke-width:2px,color:#1f2328",
  "classDef dependent fill:#fff8c5,stroke:#bf8700,color:#1f2328",
  "classDef more fill:#f6f8fa,stroke:#8c959f,stroke-dasharray:4 3,color:#57606a"
];
function blastRadiusGraph(findings, { maxNodes = DEFAULT_MAX_NODES } = {}) {
  const lost = bySeverity(findings.filter((f) => losesResource(f) && f.dependentsTotal > 0));
  if (lost.length === 0) return void 0;
  const budget = Math.max(2, maxNodes);
  const lostByKey = /* @__PURE__ */ new Map();
  for (const f of lost) if (!lostByKey.has(key(f.file, f.address))) lostByKey.set(key(f.file, f.address), f);
  const everyNode = new Set(lostByKey.keys());
  for (const f of lost) for (const d of f.dependents) everyNode.add(key(f.file, d));
  const unnamed = (f) => f.dependentsTotal > f.dependents.length || f.dependentsTotalIsMinimum === true;
  const truncated = lost.filter(unnamed);
  const atLeastNodes = truncated.reduce((n, f) => Math.max(n, f.dependentsTotal + 1), everyNode.size);
  const omittedAtLeast = truncated.some((f) => f.dependentsTotalIsMinimum) || truncated.length > 0 && lost.length > 1;
  const nodes = /* @__PURE__ */ new Map();
  const edges = [];
  const toMore = /* @__PURE__ */ new Set();
  const add = (k, file, label, kind) => {
    let node = nodes.get(k);
    if (!node) nodes.set(k, node = { id: `n${nodes.size}`, file, label, kind });
    return node.id;
  };
  const limit = atLeastNodes > budget || truncated.length > 0 ? budget - 1 : budget;
  const room = () => nodes.size < limit;
  const lostLabel = (f) => `${mermaidLabel(clip(f.address, MAX_LABEL))}<br/>${mermaidLabel(`${describeAction(f)} · ${f.severity}`)}`;
  for (const f of lost) {
    const own = key(f.file, f.address);
    if (!nodes.has(own) && !room()) break;
    const from = add(own, f.file, lostLabel(f), "lost");
    if (unnamed(f)) toMore.add(from);
    for (const d of f.dependents) {
      const k = key(f.file, d);
      const existing = nodes.get(k);
      if (existing || room()) {
        const other = lostByKey.get(k);
        const to = existing?.id ?? (other ? add(k, f.file, lostLabel(other), "lost") : add(k, f.file, mermaidLabel(clip(d, MAX_LABEL)), "dependent"));
        if (to !== from) edges.push([from, to]);
      } else {
        toMore.add(from);
      }
    }
  }
  const omitted = atLeastNodes - nodes.size;
  const more = omitted > 0 || toMore.size > 0;
  const lines = ["flowchart LR", ...STYLES.map((s) => `  ${s}`)];
  const files = [...new Set([...nodes.values()].map((n) => n.file))];
  const declare = (n, indent) => `${indent}${n.id}["${n.label}"]`;
  if (files.length > 1) {
    files.forEach((file, i) => {
      lines.push(`  subgraph f${i}["${mermaidLabel(clip(file, MAX_LABEL, "end"))}"]`);
      for (const n of nodes.values()) if (n.file === file) lines.push(declare(n, "    "));
      lines.push("  end");
    });
  } else {
    for (const n of nodes.values()) lines.push(declare(n, "  "));
  }
  if (more) lines.push(`  more["${mermaidLabel(omitted > 0 ? `… ${omittedAtLeast ? "at least " : ""}${thousands(omitted)} more not drawn` : "… more not drawn")}"]`);
  for (const [from, to] of edges) lines.push(`  ${from} --> ${to}`);
  for (const from of toMore) lines.push(`  ${from} -.-> more`);
  const ids = (kind) => [...nodes.values()].filter((n) => n.kind === kind).map((n) => n.id);
  const lostIds = ids("lost");
  const dependentIds = ids("dependent");
  if (lostIds.length) lines.push(`  class ${lostIds.join(",")} lost`);
  if (dependentIds.length) lines.push(`  class ${dependentIds.join(",")} dependent`);
  if (more) lines.push("  class more more");
  return { source: `${lines.join("\n")}
`, drawn: nodes.size, omitted, omittedAtLeast };
}
function graphLegend(graph) {
  const more = graph.omitted > 0 ? `; ${graph.omittedAtLeast ? "at least " : ""}${plural(graph.omitted, "more node")} not drawn` : "";
  return `Red: protected resources being lost. Amber: resources and outputs that depend on them${more}.`;
}
var SAFE = /^[\p{L}\p{N}\p{M} _.,/=+@()[\]{}-]$/u;
function mermaidLabel(text) {
  if (text.trim() === "") return "(empty)";
  let out = "";
  for (const ch of sanitize(text)) out += SAFE.test(ch) ? ch : `#${ch.codePointAt(0) ?? 0};`;
  return out.replace(/^ +| +$/g, (spaces) => "#32;".repeat(spaces.length));
}
function key(file, address) {
  return `${file}\0${address}`;
}

// src/report/plans.ts
function planOverview(analysis) {
  const byFile = groupBy(analysis.findings, (f) => f.file);
  const files = [.../* @__PURE__ */ new Set([...analysis.files, ...byFile.keys()])];
  if (files.length < 2) return void 0;
  const changes = groupBy(analysis.changes, (c) => c.file);
  const count = (file) => plural(changes.get(file)?.length ?? 0, "change");
  const flagged = files.filter((file) => byFile.has(file)).map((file) => ({ file, findings: byFile.get(file) }));
  const rank = (findings) => SEVERITIES.indexOf(worstSeverity(findings) ?? "low");
  flagged.sort((a, b) => rank(a.findings) - rank(b.findings) || b.findings.length - a.findings.length);
  const unreadable = analysis.errors.length > 0;
  return {
    flagged: flagged.map(({ file, findings }) => `- ${planHeading(analysis, file)}: ${describeFindings(findings)} (${severities(findings)}) · ${count(file)}`),
    flaggedFindings: flagged.map(({ findings }) => findings.length),
    clean: files.filter((file) => !byFile.has(file)).map((file) => `- ${planHeading(analysis, file)}: ${unreadable ? "no protected change found" : "nothing protected lost"} · ${count(file)}`),
    unreadable
  };
}
function overviewLines(overview, flaggedShown, cleanShown) {
  const { flagged, clean } = overview;
  const plans = flagged.length + clean.length;
  const out = [`#### ${plural(plans, "plan")}: ${thousands(flagged.length)} with protected changes`, ""];
  out.push(...flagged.slice(0, flaggedShown));
  if (flaggedShown < flagged.length) {
    const hidden = overview.flaggedFindings.slice(flaggedShown).reduce((sum, n) => sum + n, 0);
    out.push(`- … and ${plural(flagged.length - flaggedShown, "more plan")} with ${plural(hidden, "protected resource")}, left out to fit (see the note at the end)`);
  }
  if (flagged.length > 0) out.push("");
  if (clean.length > 0) {
    const what = overview.unreadable ? "no protected change found (not every plan could be read: see the problems)" : "nothing protected lost";
    out.push(`<details><summary>${plural(clean.length, "plan")} with ${what}</summary>`, "");
    out.push(...clean.slice(0, cleanShown));
    if (cleanShown < clean.length) out.push(`- … and ${plural(clean.length - cleanShown, "more", "more")}, left out to fit (see the note at the end)`);
    out.push("", "</details>", "");
  }
  return out;
}
function planHeading(analysis, file) {
  const path = code(clip(file, MAX_SHOWN.address, "end"), "prose");
  const label = analysis.labels?.[file];
  return label === void 0 ? path : `${code(clip(label, MAX_SHOWN.address), "prose")} (${path})`;
}
function severities(findings) {
  const counts = groupBy(findings, (f) => f.severity);
  return SEVERITIES.filter((s) => counts.has(s)).map((s) => `${thousands(counts.get(s)?.length ?? 0)} ${s}`).join(", ");
}

// src/report/markdown.ts
var GITHUB_COMMENT_LIMIT = 65536;
var DEFAULT_FULL_REPORT_HINT = "run `plangate check --format json` for the full report";
var ICON = { pass: "✅", blocked: "⛔", error: "⚠️" };
var SEVERITY_ICON = { critical: "🔴", high: "🟠", medium: "🟡", low: "⚪" };
var VISIBLE_ROWS = 20;
var SHORT_LIST = 50;
var MAX_LABELS = 50;
var MAX_DEPENDENTS = 10;
var SLACK = 1024;
function renderMarkdown(analysis, options = {}) {
  const ctx = {
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
    withWhy: analysis.findings.filter((f) => f.why !== void 0).length,
    otherRows: [],
    rows: /* @__PURE__ */ new Map(),
    details: /* @__PURE__ */ new Map()
  };
  const lim = {
    graph: true,
    dependents: true,
    details: true,
    why: true,
    errors: analysis.errors.length,
    findings: analysis.findings.length,
    others: ctx.others.length,
    ignored: analysis.ignored.length,
    plans: ctx.overview?.flagged.length ?? 0,
    cleanPlans: ctx.overview?.clean.length ?? 0
  };
  let out = build(ctx, lim);
  if (out !== void 0) return out;
  for (const part of ["graph", "dependents", "details", "why"]) {
    lim[part] = false;
    out = build(ctx, lim);
    if (out !== void 0) return out;
  }
  if (lim.errors > SHORT_LIST) {
    lim.errors = SHORT_LIST;
    out = build(ctx, lim);
    if (out !== void 0) return out;
  }
  for (const part of ["others", "ignored", "findings", "cleanPlans", "plans", "errors"]) {
    const all2 = lim[part];
    lim[part] = largest(all2, (n) => build(ctx, { ...lim, [part]: n }) !== void 0);
    out = build(ctx, lim);
    if (out !== void 0) return out;
  }
  return fallback(ctx);
}
function build(ctx, lim) {
  const { analysis } = ctx;
  const out = new Lines(ctx.maxLength + SLACK);
  out.push(ctx.title, "");
  if (analysis.errors.length > 0 && lim.errors > 0) {
    out.push("**Problems** (each one fails the check):", "");
    for (let i = 0; i < Math.min(lim.errors, analysis.errors.length); i++) {
      if (!out.push(`- ${escapeText(clip(analysis.errors[i], MAX_SHOWN.error))}`)) return void 0;
    }
    out.push("");
  }
  if (ctx.overview && !out.push(...overviewLines(ctx.overview, lim.plans, lim.cleanPlans))) return void 0;
  const keep = lim.findings >= ctx.ranked.length ? void 0 : new Set(ctx.ranked.slice(0, lim.findings));
  const shown = [];
  for (const [file, all2] of ctx.byFile) {
    const ranked = keep ? all2.filter((f) => keep.has(f)) : all2;
    if (ranked.length === 0) continue;
    append(shown, ranked);
    out.push(`#### Protected resources in ${planHeading(analysis, file)} (${thousands(all2.length)})`, "");
    const top = ranked.slice(0, VISIBLE_ROWS);
    if (!findingTable(ctx, top, out) || !findingDetails(ctx, top, lim, out)) return void 0;
    const rest = ranked.slice(VISIBLE_ROWS);
    if (rest.length > 0) {
      const more = all2.length - top.length;
      const listed = rest.length < more ? ` (${thousands(rest.length)} listed here; the rest are left out, see the note at the end)` : "";
      out.push(`<details><summary>${plural(more, "more protected resource")} in this plan${listed}</summary>`, "");
      if (!findingTable(ctx, rest, out) || !findingDetails(ctx, rest, lim, out)) return void 0;
      out.push("</details>", "");
    }
  }
  if (analysis.findings.length > 0) out.push(...whoMustApprove(analysis.findings, shown, ctx.requirements));
  if (lim.graph && ctx.graph) {
    out.push("#### What depends on them", "", graphLegend(ctx.graph), "", "```mermaid", ctx.graph.source.trimEnd(), "```", "");
  }
  if (ctx.others.length > 0 && lim.others > 0) {
    out.push(`<details><summary>${plural(ctx.others.length, "other resource")} lost, not protected by any rule</summary>`, "");
    out.push("| Action | Resource | Type | Plan |", "|---|---|---|---|");
    for (let i = 0; i < Math.min(lim.others, ctx.others.length); i++) if (!out.push(otherRow(ctx, i))) return void 0;
    out.push("", "</details>", "");
  }
  if (analysis.ignored.length > 0 && lim.ignored > 0) {
    out.push(`<details><summary>${plural(analysis.ignored.length, "resource")} a rule would protect, ignored by the config's <code>ignore</code></summary>`, "");
    out.push("| Action | Resource | Type | Ignored by | Rules it would match | Plan |", "|---|---|---|---|---|---|");
    for (let i = 0; i < Math.min(lim.ignored, analysis.ignored.length); i++) if (!out.push(ignoredRow(ctx, i))) return void 0;
    out.push("", "</details>", "");
  }
  const labelled = Object.entries(analysis.labels ?? {});
  if (labelled.length > 0) {
    const named = labelled.slice(0, MAX_LABELS).map(([file, label]) => `${code(label, "prose")} is ${code(clip(file, MAX_SHOWN.address, "end"), "prose")}`);
    const more = labelled.length > MAX_LABELS ? ` and ${plural(labelled.length - MAX_LABELS, "more", "more")}` : "";
    out.push(`<sub>Plans: ${named.join(", ")}${more}.</sub>`, "");
  }
  const left = omissions(ctx, lim);
  if (left.length > 0) {
    const limit = ctx.namedLimit === GITHUB_COMMENT_LIMIT ? `GitHub's ${thousands(GITHUB_COMMENT_LIMIT)}-character comment limit` : `${thousands(ctx.namedLimit)} characters`;
    out.push(`> ✂️ **Shortened to fit ${limit}.** Left out: ${left.join("; ")}. Full report: ${ctx.hint}.`);
  }
  if (out.full) return void 0;
  const text = `${out.lines.join("\n").trimEnd()}
`;
  return text.length <= ctx.maxLength ? text : void 0;
}
function findingTable(ctx, findings, out) {
  out.push("| Action | Resource | Type | Severity | Rule | Approvals |", "|---|---|---|---|---|---|");
  for (const f of findings) {
    let row = ctx.rows.get(f);
    if (row === void 0) {
      row = `| ${actionCell(f)} | ${addressCell(f)} | ${code(clip(f.type, MAX_SHOWN.address))} | ${SEVERITY_ICON[f.severity]} ${f.severity} | ${escapeText(clip(f.rule, MAX_SHOWN.address))} | ${approvalsCell(f)} |`;
      ctx.rows.set(f, row);
    }
    if (!out.push(row)) return false;
  }
  return out.push("");
}
function otherRow(ctx, i) {
  let row = ctx.otherRows[i];
  if (row === void 0) {
    const c = ctx.others[i];
    row = `| ${describeAction(c)} | ${addressCell(c)} | ${code(clip(c.type, MAX_SHOWN.address))} | ${planCell(ctx.analysis, c.file)} |`;
    ctx.otherRows[i] = row;
  }
  return row;
}
function ignoredRow(ctx, i) {
  const c = ctx.analysis.ignored[i];
  const rules = c.rules.map((r) => escapeText(clip(r, MAX_SHOWN.address))).join(", ");
  return `| ${describeAction(c)} | ${addressCell(c)} | ${code(clip(c.type, MAX_SHOWN.address))} | ignored by ${code(`ignore: ${clip(c.ignoredBy, MAX_SHOWN.address)}`)} | ${rules} | ${planCell(ctx.analysis, c.file)} |`;
}
function planCell(analysis, file) {
  return code(clip(planName(analysis, file), MAX_SHOWN.address, "end"));
}
function actionCell(f) {
  if (f.action !== "protection-removed" || !f.weakenings?.length) return describeAction(f);
  const guards = f.weakenings.map((w) => `${code(clip(w.guard, MAX_SHOWN.address))}: ${escapeText(clip(w.from, 80))} → ${escapeText(clip(w.to, 80))}`);
  return `${describeAction(f)}<br>${guards.join("<br>")}`;
}
function addressCell(item) {
  let cell = code(clip(item.address, MAX_SHOWN.address));
  if (item.previousAddress) cell += `<br>moved from ${code(clip(item.previousAddress, MAX_SHOWN.address))}`;
  if (item.stack !== void 0) cell += `<br>stack ${code(clip(item.stack, MAX_SHOWN.address))}`;
  if (item.physicalId !== void 0) cell += `<br>physical id ${code(clip(item.physicalId, MAX_SHOWN.address))}`;
  return cell;
}
function approvalsCell(f) {
  const who = approversList(f.approvers.teams, f.approvers.users);
  return who ? `${f.approvals} from ${who}` : String(f.approvals);
}
function approversList(teams, users) {
  return [...teams.map((t) => `team ${code(t)}`), ...users.map((u) => code(`@${u.replace(/^@/, "")}`))].join(", ");
}
function findingDetails(ctx, findings, lim, out) {
  const cacheKey = `${lim.details}/${lim.dependents}/${lim.why}`;
  let cache = ctx.details.get(cacheKey);
  if (!cache) ctx.details.set(cacheKey, cache = /* @__PURE__ */ new Map());
  let any = false;
  for (const f of findings) {
    let bullet = cache.get(f);
    if (bullet === void 0) cache.set(f, bullet = findingBullet(f, lim));
    if (bullet && !out.push(bullet)) return false;
    any ||= bullet !== "";
  }
  return any ? out.push("") : true;
}
function findingBullet(f, lim) {
  const lines = [];
  if (lim.why && f.why !== void 0) lines.push(`why: ${escapeText(clip(f.why, MAX_SHOWN.text))}`);
  if (lim.details) {
    for (const d of f.dataAtRisk) lines.push(`data at risk: ${escapeText(clip(d, MAX_SHOWN.text))}`);
    for (const w of f.weakenings ?? []) lines.push(`guard removed: ${escapeText(clip(w.description, MAX_SHOWN.text))}`);
  }
  if (lim.dependents && f.dependentsTotal > 0) {
    lines.push(`depended on by ${dependentsList(f, MAX_DEPENDENTS, (d) => code(clip(d, MAX_SHOWN.address), "prose"), escapeText)}`);
  }
  if (lines.length === 0) return "";
  return [`- ${code(clip(f.address, MAX_SHOWN.address), "prose")}`, ...lines.map((l) => `  - ${l}`)].join("\n");
}
function whoMustApprove(all2, shown, requirements) {
  const n = approvalsNeeded(all2);
  const out = [
    "#### Who must approve",
    "",
    `**${plural(n, "approval")}** from ${n === 1 ? "someone" : "different people"} with write access who did not author the change: ${NOT_AUTHORS}. Where a rule names teams or users, its resources need an approval from them.`,
    "",
    "| Rule | Why it is protected | Resources | Approvals | Approvers |",
    "|---|---|---|---|---|"
  ];
  const listed = new Set(shown.map((f) => f.rule));
  const rules = requirements.filter((r) => listed.has(r.rule));
  for (const r of rules) {
    const who = approversList(r.teams, r.users) || "anyone qualifying";
    out.push(`| ${escapeText(clip(r.rule, MAX_SHOWN.address))} | ${r.reason ? escapeText(clip(r.reason, MAX_SHOWN.text)) : ""} | ${thousands(r.resources)} | ${r.approvals} | ${who} |`);
  }
  const hidden = requirements.length - rules.length;
  if (hidden > 0) out.push("", `…and ${plural(hidden, "more rule")} protecting resources not listed here.`);
  out.push("");
  return out;
}
function omissions(ctx, lim) {
  const { analysis } = ctx;
  const left = [];
  if (!lim.graph && ctx.graph) {
    left.push(`the graph of what depends on them (${ctx.graph.omittedAtLeast ? "at least " : ""}${plural(ctx.graph.drawn + ctx.graph.omitted, "node")})`);
  }
  if (!lim.dependents && ctx.withDependents > 0) left.push(`the dependents of ${plural(ctx.withDependents, "protected resource")}`);
  if (!lim.details && ctx.withDetails > 0) left.push(`the data at risk and removed guards of ${plural(ctx.withDetails, "protected resource")}`);
  if (!lim.why && ctx.withWhy > 0) left.push(`why each of ${plural(ctx.withWhy, "protected resource")} is destroyed`);
  const findings = analysis.findings.length;
  if (lim.findings < findings) {
    left.push(lim.findings === 0 ? all(findings, "protected resource") : `${thousands(findings - lim.findings)} of the ${plural(findings, "protected resource")} (the ${thousands(lim.findings)} listed are the most severe)`);
  }
  if (lim.others < ctx.others.length) left.push(partOf(ctx.others.length - lim.others, ctx.others.length, "other lost resource"));
  if (lim.ignored < analysis.ignored.length) left.push(partOf(analysis.ignored.length - lim.ignored, analysis.ignored.length, "ignored resource"));
  const { overview } = ctx;
  if (overview && lim.plans < overview.flagged.length) left.push(`the headlines of ${partOf(overview.flagged.length - lim.plans, overview.flagged.length, "plan")} with protected changes`);
  if (overview && lim.cleanPlans < overview.clean.length) left.push(`the headlines of ${partOf(overview.clean.length - lim.cleanPlans, overview.clean.length, "plan")} with nothing protected lost`);
  if (lim.errors < analysis.errors.length) left.push(partOf(analysis.errors.length - lim.errors, analysis.errors.length, "problem"));
  return left;
}
function partOf(left, total, one) {
  return left === total ? all(total, one) : `${thousands(left)} of the ${plural(total, one)}`;
}
function all(total, one) {
  return total === 1 ? `the ${one}` : `all ${plural(total, one)}`;
}
function fallback(ctx) {
  const note = `Report left out to fit ${thousands(ctx.maxLength)} characters. Full report: ${ctx.hint}.`;
  const head = `${ctx.title}

`;
  const text = `${head}${note}
`;
  return text.length <= ctx.maxLength ? text : text.slice(0, ctx.maxLength);
}
function append(out, ...lists) {
  for (const list of lists) for (const line of list) out.push(line);
}

export {
  parseTemplateOption,
  checkPlans,
  escapeText,
  GITHUB_COMMENT_LIMIT,
  renderMarkdown
};
