import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  DESTRUCTIVE_ACTIONS,
  SEVERITIES,
  survives
} from "./chunk-K5NTNJS3.js";

// src/report/summary.ts
function destructiveChanges(analysis) {
  return analysis.changes.filter((c) => DESTRUCTIVE_ACTIONS.has(c.action));
}
function otherLosses(analysis) {
  const keys = new Set([...analysis.findings, ...analysis.ignored].map((f) => `${f.file}\0${f.address}`));
  return destructiveChanges(analysis).filter((c) => !keys.has(`${c.file}\0${c.address}`));
}
function planName(analysis, file) {
  return analysis.labels?.[file] ?? file;
}
function fateWords(action, fate, n = 1) {
  if (fate === "partly destroyed") return "some instances destroyed in this plan and the rest surviving";
  if (!survives(fate)) return `${fate} in this plan too`;
  const verb = n === 1 ? "survives" : "survive";
  const how = fate === "unchanged" ? `${verb} unchanged` : `${verb}, ${fate} in this plan`;
  if (action === "delete") return `${how} and will break: ${n === 1 ? "it references" : "they reference"} a resource this plan destroys`;
  if (action === "replace") return `${how}: ${n === 1 ? "it" : "they"} must work with the new object`;
  if (action === "forget") return `${how}: what ${n === 1 ? "it references" : "they reference"} stays but is no longer managed`;
  return how;
}
function plural(n, one, many = `${one}s`) {
  return `${thousands(n)} ${n === 1 ? one : many}`;
}
function thousands(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
function bySeverity(findings) {
  return [...findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
}
function worstSeverity(findings) {
  return SEVERITIES.find((s) => findings.some((f) => f.severity === s));
}
function losesResource(finding) {
  return finding.action !== "protection-removed";
}
var BUCKETS = [
  { test: (f) => f.action === "delete", list: "destroyed", alone: () => "destroyed" },
  { test: (f) => f.action === "replace" && !f.conditional, list: "replaced", alone: () => "replaced" },
  { test: (f) => f.action === "replace" && !!f.conditional, list: "may be replaced", alone: () => "may be replaced" },
  { test: (f) => f.action === "forget", list: "forgotten", alone: () => "forgotten" },
  {
    test: (f) => f.action === "protection-removed",
    list: "with a deletion guard removed",
    alone: (n) => n === 1 ? "loses its deletion guard" : "lose their deletion guard"
  }
];
function describeFindings(findings) {
  const counts = BUCKETS.map((b) => ({ bucket: b, n: findings.filter(b.test).length })).filter((c) => c.n > 0);
  const total = plural(findings.length, "protected resource");
  const only = counts.length === 1 ? counts[0] : void 0;
  if (only) return `${total} ${only.bucket.alone(only.n)}`;
  return `${total} at risk: ${counts.map((c) => `${thousands(c.n)} ${c.bucket.list}`).join(", ")}`;
}
function approvalsNeeded(findings) {
  return findings.reduce((max, f) => Math.max(max, f.approvals), 0);
}
function approvalPhrase(approvals) {
  return `${plural(approvals, "approval")} from ${approvals === 1 ? "someone" : "different people"} who did not author the change`;
}
var NOT_AUTHORS = "not the pull request author, not an author, committer or co-author of its commits, and not a bot or agent";
function headline(analysis) {
  const { findings, errors } = analysis;
  if (analysis.decision === "error") {
    const atRisk = findings.length > 0 ? ` (meanwhile, in the plans that could be read: ${describeFindings(findings)})` : "";
    return `ERROR: ${plural(errors.length, "plan problem")}, so plangate cannot decide; fix ${errors.length === 1 ? "it" : "them"} and run again${atRisk}`;
  }
  if (analysis.decision === "blocked") {
    return `BLOCKED: ${describeFindings(findings)} (highest severity: ${worstSeverity(findings) ?? "none"}); needs ${approvalPhrase(approvalsNeeded(findings))}`;
  }
  const destructive = destructiveChanges(analysis).length;
  if (destructive === 0) return `PASS: nothing is deleted, replaced or forgotten (${plural(analysis.changes.length, "change")} in ${plural(analysis.files.length, "plan")})`;
  const ignored = analysis.ignored.filter(losesResource).length;
  const unprotected = destructive - ignored;
  const parts = [...unprotected > 0 ? [`${plural(unprotected, "unprotected resource")} deleted, replaced or forgotten`] : [], ...ignored > 0 ? [`${plural(ignored, "resource")} a rule would protect ignored by the config's ignore globs`] : []];
  return `PASS: no protected resource is lost (${parts.join("; ")})`;
}
function describeAction(item) {
  switch (item.action) {
    case "delete":
      return "delete";
    case "replace":
      if (item.conditional) return "replace (conditional)";
      return item.createBeforeDestroy ? "replace (create first)" : "replace";
    case "forget":
      return "forget";
    case "protection-removed":
      return "remove protection";
    default:
      return item.action;
  }
}
function ruleRequirements(findings) {
  const byRule = /* @__PURE__ */ new Map();
  for (const f of findings) {
    let req = byRule.get(f.rule);
    if (!req) {
      req = { rule: f.rule, resources: 0, approvals: 0, teams: [], users: [] };
      byRule.set(f.rule, req);
    }
    req.resources++;
    req.approvals = Math.max(req.approvals, f.approvals);
    if (req.reason === void 0 && f.reason !== void 0) req.reason = f.reason;
    for (const t of f.approvers.teams) if (!req.teams.includes(t)) req.teams.push(t);
    for (const u of f.approvers.users) if (!req.users.includes(u)) req.users.push(u);
  }
  return [...byRule.values()];
}
function sanitize(text) {
  return text.replace(/\r\n|[\r\n\u2028\u2029\u0085]/g, " ").replace(/\t/g, " ").replace(UNSAFE_CHARS, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`);
}
var UNSAFE_CHARS = /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB]/g;
function clip(text, max, keep = "both") {
  if (text.length <= max) return text;
  const chars = [...text];
  if (chars.length <= max) return text;
  if (keep === "end") return `…${chars.slice(chars.length - (max - 1)).join("")}`;
  const head = Math.ceil((max - 1) * 0.4);
  const tail = max - 1 - head;
  return `${chars.slice(0, head).join("")}…${chars.slice(chars.length - tail).join("")}`;
}
var MAX_SHOWN = { address: 240, text: 600, error: 1e3 };
function dependentsList(f, max, show, words = (w) => w) {
  const named = f.dependents.slice(0, max);
  const groups = groupBy(named, (d) => f.dependentFates?.[d] ?? "");
  const parts = [...groups].map(([fate, items]) => {
    const list = items.map(show).join(", ");
    return fate === "" ? list : `${list} (${words(fateWords(f.action, fate, items.length))})`;
  });
  const rest = f.dependentsTotal - named.length;
  const atLeast = f.dependentsTotalIsMinimum === true;
  const count = `${atLeast ? "at least " : ""}${thousands(rest)}`;
  if (named.length === 0) return `${count} ${rest === 1 && !atLeast ? "resource or output" : "resources and outputs"}`;
  const shown = parts.join("; ");
  if (rest > 0) return `${shown} and ${count} more`;
  return atLeast ? `${shown} and possibly more` : shown;
}
function groupBy(items, key) {
  const groups = /* @__PURE__ */ new Map();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export {
  otherLosses,
  planName,
  plural,
  thousands,
  bySeverity,
  worstSeverity,
  losesResource,
  describeFindings,
  approvalsNeeded,
  NOT_AUTHORS,
  headline,
  describeAction,
  ruleRequirements,
  sanitize,
  clip,
  MAX_SHOWN,
  dependentsList,
  groupBy
};
