import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  NOT_AUTHORS,
  approvalsNeeded,
  bySeverity,
  dependentsList,
  describeAction,
  groupBy,
  headline,
  otherLosses,
  planName,
  plural,
  ruleRequirements,
  sanitize,
  thousands
} from "./chunk-P6DTNAEQ.js";
import "./chunk-2VKIUJFN.js";
import "./chunk-WR6YQ4W5.js";
import "./chunk-5UHFVSEM.js";
import "./chunk-X534SGSV.js";
import "./chunk-SSKGB3OA.js";

// src/report/text.ts
var CODES = { red: 31, green: 32, yellow: 33, bold: 1, dim: 2 };
var SEVERITY_STYLE = { critical: ["bold", "red"], high: ["red"], medium: ["yellow"], low: ["dim"] };
var MAX_DEPENDENTS = 20;
var INDENT = "      ";
function renderText(analysis, options) {
  return `${textLines(analysis, options).join("\n")}
`;
}
function textLines(analysis, { color, listErrors = true }) {
  const paint = (styles, text) => color ? `${(Array.isArray(styles) ? styles : [styles]).map((s) => `\x1B[${CODES[s]}m`).join("")}${text}\x1B[0m` : text;
  const lines = [];
  const tone = analysis.decision === "pass" ? "green" : analysis.decision === "blocked" ? "red" : "yellow";
  lines.push(paint(["bold", tone], headline(analysis)));
  if (listErrors && analysis.errors.length > 0) {
    lines.push("", paint("bold", "Problems (each one fails the check):"));
    for (const e of analysis.errors) lines.push(`  ${paint("yellow", sanitize(e))}`);
  }
  for (const [file, findings] of groupBy(analysis.findings, (f) => f.file)) {
    const label = analysis.labels?.[file];
    const where = label === void 0 ? sanitize(file) : `${sanitize(label)} (${sanitize(file)})`;
    lines.push("", paint("bold", `${plural(findings.length, "protected resource")} in ${where}:`));
    for (const f of bySeverity(findings)) lines.push(...finding(f, paint));
  }
  if (analysis.findings.length > 0) {
    const n = approvalsNeeded(analysis.findings);
    lines.push("", paint("bold", `Who must approve: ${plural(n, "person", "different people")} with write access who did not author the change`));
    lines.push(paint("dim", `  (${NOT_AUTHORS})`));
    const rules = ruleRequirements(bySeverity(analysis.findings));
    const width = Math.min(40, Math.max(...rules.map((r) => r.rule.length)));
    for (const r of rules) {
      const who = [...r.teams.map((t) => `team ${sanitize(t)}`), ...r.users.map((u) => `@${sanitize(u.replace(/^@/, ""))}`)].join(", ") || "anyone qualifying";
      lines.push(`  ${sanitize(r.rule).padEnd(width)}  ${plural(r.resources, "resource").padEnd(13)}  ${plural(r.approvals, "approval")} from ${who}`);
    }
  }
  const others = otherLosses(analysis);
  if (others.length > 0) {
    lines.push("", paint("bold", `Other resources lost (no rule protects them): ${thousands(others.length)}`));
    for (const c of others) {
      lines.push(`  ${paint("yellow", describeAction(c).padEnd(22))} ${sanitize(c.address)}  ${paint("dim", `(${sanitize(c.type)}, ${sanitize(planName(analysis, c.file))})`)}`);
    }
  }
  if (analysis.ignored.length > 0) {
    lines.push("", paint("bold", `Ignored by the config (a rule would protect them, an ignore glob excludes them): ${thousands(analysis.ignored.length)}`));
    for (const c of analysis.ignored) {
      const where = paint("dim", `(${sanitize(c.type)}, ${sanitize(planName(analysis, c.file))})`);
      lines.push(`  ${paint("yellow", describeAction(c).padEnd(22))} ${sanitize(c.address)}  ${where}`);
      lines.push(`${INDENT}ignored by \`ignore: ${sanitize(c.ignoredBy)}\`; rules it would match: ${c.rules.map(sanitize).join(", ")}`);
    }
  }
  return lines;
}
function finding(f, paint) {
  const label = (text) => paint("dim", text);
  const who = [...f.approvers.teams.map((t) => `team ${sanitize(t)}`), ...f.approvers.users.map((u) => `@${sanitize(u.replace(/^@/, ""))}`)];
  const out = [
    `  ${paint(["bold", "red"], describeAction(f).padEnd(21))} ${paint("bold", sanitize(f.address))}  ${label(`(${sanitize(f.type)})`)}`,
    `${INDENT}${paint(SEVERITY_STYLE[f.severity], f.severity)} · rule ${sanitize(f.rule)} · ${plural(f.approvals, "approval")}${who.length ? ` from ${who.join(", ")}` : ""}`
  ];
  if (f.previousAddress) out.push(`${INDENT}${label("moved from:")} ${sanitize(f.previousAddress)}`);
  if (f.stack !== void 0) out.push(`${INDENT}${label("stack:")} ${sanitize(f.stack)}${f.physicalId !== void 0 ? `  ${label("physical id:")} ${sanitize(f.physicalId)}` : ""}`);
  else if (f.physicalId !== void 0) out.push(`${INDENT}${label("physical id:")} ${sanitize(f.physicalId)}`);
  if (f.why !== void 0) out.push(`${INDENT}${label("why:")} ${sanitize(f.why)}`);
  for (const w of f.weakenings ?? []) {
    out.push(`${INDENT}${label("guard removed:")} ${paint("yellow", sanitize(w.description || `${w.guard} ${w.from} → ${w.to}`))}`);
  }
  if (f.reason) out.push(`${INDENT}${label("protected because:")} ${sanitize(f.reason)}`);
  for (const d of f.dataAtRisk) out.push(`${INDENT}${label("data at risk:")} ${paint("yellow", sanitize(d))}`);
  if (f.dependentsTotal > 0) out.push(`${INDENT}${label("depended on by:")} ${dependentsList(f, MAX_DEPENDENTS, sanitize)}`);
  return out;
}
export {
  renderText,
  textLines
};
