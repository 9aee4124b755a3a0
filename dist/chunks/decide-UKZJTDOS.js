import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  dependentsList,
  describeAction,
  otherLosses,
  plural,
  sanitize
} from "./chunk-K4HQFQNB.js";
import {
  minimatch
} from "./chunk-K5NTNJS3.js";
import "./chunk-43UHVGTL.js";
import "./chunk-X534SGSV.js";
import "./chunk-SSKGB3OA.js";

// src/guard/decide.ts
var MAX_LINES = 24;
var MAX_DEPENDENTS = 5;
function decide(hits, planfiles, config) {
  const findings = [];
  const lines = [];
  let deny = false;
  for (const hit of hits) {
    if (hit.workspace !== void 0 && config.allowWorkspaces.some((glob) => minimatch(hit.workspace, glob))) continue;
    findings.push({ kind: hit.kind, command: hit.command, why: hit.why });
    if (config.decisions[hit.kind] === "deny") deny = true;
    lines.push(`${hit.kind}: ${sanitize(hit.command) || "the command line"} — ${sanitize(hit.why)}`);
  }
  for (const outcome of planfiles) {
    const command = outcome.apply.command;
    if ("error" in outcome) {
      deny = true;
      findings.push({ kind: "planfile", command, why: outcome.error });
      lines.push(`planfile: ${sanitize(command)} — cannot be checked: ${sanitize(outcome.error)}`);
      continue;
    }
    const { analysis } = outcome;
    if (analysis.decision === "pass") continue;
    if (analysis.decision === "error") {
      deny = true;
      const why = `the plan cannot be checked: ${analysis.errors.join("; ")}`;
      findings.push({ kind: "planfile", command, why });
      lines.push(`planfile: ${sanitize(command)} — ${sanitize(why)}`);
      continue;
    }
    if (config.decisions.planfile === "deny") deny = true;
    findings.push({ kind: "planfile", command, why: `loses ${plural(analysis.findings.length, "protected resource")}`, resources: analysis.findings.map(resource) });
    lines.push(...planfileLines(command, analysis));
  }
  if (findings.length === 0) return { decision: "allow", reason: "", findings };
  const decision = deny ? "deny" : "ask";
  const head = decision === "ask" ? "plangate guard: this command can destroy infrastructure; confirm only if you have read what it loses." : "plangate guard: this command is denied (it can destroy infrastructure, or cannot be checked); a person must run it.";
  return { decision, reason: [head, ...clipLines(lines)].join("\n"), findings };
}
function resource(f) {
  return { address: f.address, type: f.type, action: f.action, rule: f.rule, dataAtRisk: f.dataAtRisk };
}
function planfileLines(command, analysis) {
  const lines = [`planfile: ${sanitize(command)} — loses ${plural(analysis.findings.length, "protected resource")}:`];
  for (const f of analysis.findings) {
    lines.push(`  ${describeAction(f)} ${sanitize(f.address)} (${sanitize(f.type)}), rule ${sanitize(f.rule)}${f.reason ? `: ${sanitize(f.reason)}` : ""}`);
    for (const d of f.dataAtRisk) lines.push(`    data at risk: ${sanitize(d)}`);
    if (f.dependentsTotal > 0) lines.push(`    depended on by: ${dependentsList(f, MAX_DEPENDENTS, sanitize)}`);
  }
  const others = otherLosses(analysis).length;
  if (others > 0) lines.push(`  and ${plural(others, "unprotected resource")} deleted, replaced or forgotten`);
  return lines;
}
function clipLines(lines) {
  if (lines.length <= MAX_LINES) return lines;
  return [...lines.slice(0, MAX_LINES - 1), `… and ${lines.length - MAX_LINES + 1} more lines (the audit log has them all)`];
}
export {
  decide
};
