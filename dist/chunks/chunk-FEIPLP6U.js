import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  clip,
  describeAction,
  ruleRequirements,
  sanitize
} from "./chunk-K4HQFQNB.js";
import {
  DESTRUCTIVE_ACTIONS,
  braceExpand
} from "./chunk-K5NTNJS3.js";
import {
  InputError
} from "./chunk-KIBWKCE4.js";
import {
  quote
} from "./chunk-QCJK5ES2.js";

// src/plan-spec.ts
var LABEL = /^([A-Za-z0-9][A-Za-z0-9_-]{0,63})=(.*)$/s;
function parsePlanSpec(item) {
  const match = LABEL.exec(item);
  if (!match) return { pattern: item };
  const [, label, pattern] = match;
  return { label, pattern };
}
function splitPlanList(text) {
  const items = [];
  for (const line of text.split(/\r?\n/)) {
    let depth = 0;
    let start = 0;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (c === "\\") i++;
      else if (c === "{") depth++;
      else if (c === "}" && depth > 0) depth--;
      else if (c === "," && depth === 0) {
        items.push(line.slice(start, i));
        start = i + 1;
      }
    }
    items.push(line.slice(start));
  }
  return items.map((item) => item.trim()).filter((item) => item !== "");
}
function checkLabels(specs, source) {
  const seen = /* @__PURE__ */ new Set();
  const patterns = new Set(specs.map((s) => s.pattern));
  const labelOf = /* @__PURE__ */ new Map();
  for (const { label, pattern } of specs) {
    if (label === void 0) continue;
    const other = labelOf.get(pattern);
    if (other !== void 0 && other !== label) throw new InputError(source, `${quote(pattern)} is labelled both ${quote(other)} and ${quote(label)}: give each plan one label`);
    labelOf.set(pattern, label);
    if (pattern === "") throw new InputError(source, `label ${quote(label)} names no plan: write LABEL=PATH, for example prod=plans/prod.json`);
    if (seen.has(label)) throw new InputError(source, `label ${quote(label)} is given to two plans: give each plan its own label`);
    if (patterns.has(label)) throw new InputError(source, `label ${quote(label)} is also the path of a plan: pick a label that is not a file name`);
    seen.add(label);
  }
}
var MAX_BRACE_EXPANSION = 256;
function expandBraces(pattern, source) {
  if (!pattern.includes("{")) return [pattern];
  const bound = braceBound(pattern);
  const tooMany = new InputError(source, `${quote(pattern)} stands for more than ${MAX_BRACE_EXPANSION} paths: list the plans, or use a glob such as plans/*.json`);
  if (bound > MAX_BRACE_EXPANSION) throw tooMany;
  const expanded = [...new Set(braceExpand(pattern))];
  if (expanded.length > MAX_BRACE_EXPANSION) throw tooMany;
  return expanded;
}
function braceBound(pattern) {
  let bound = 1;
  const stack = [];
  for (let i = 0; i < pattern.length && bound <= MAX_BRACE_EXPANSION; i++) {
    const c = pattern[i];
    if (c === "\\") i++;
    else if (c === "{") stack.push(1);
    else if (c === "," && stack.length > 0) stack[stack.length - 1]++;
    else if (c === "}" && stack.length > 0) {
      const open = pattern.lastIndexOf("{", i);
      bound *= Math.max(stack.pop(), sequenceLength(pattern.slice(open + 1, i)));
    }
  }
  return bound;
}
function sequenceLength(body) {
  const numeric = /^(-?\d+)\.\.(-?\d+)(?:\.\.-?\d+)?$/.exec(body);
  if (numeric) return Math.abs(Number(numeric[2]) - Number(numeric[1])) + 1;
  return /^[A-Za-z]\.\.[A-Za-z](?:\.\.-?\d+)?$/.test(body) ? 58 : 1;
}

// src/report/chunks.ts
function* batched(pieces, size = 1 << 20) {
  let parts = [];
  let length = 0;
  for (const piece of pieces) {
    parts.push(piece);
    length += piece.length;
    if (length >= size) {
      yield parts.join("");
      parts = [];
      length = 0;
    }
  }
  if (parts.length > 0) yield parts.join("");
}
function* terminated(lines) {
  for (const line of lines) yield `${line}
`;
}

// src/report/json.ts
var REPORT_VERSION = 1;
var QUIET = /* @__PURE__ */ new Set(["no-op", "read"]);
function toJsonReport(analysis, outcome) {
  const changes = analysis.changes.filter((c) => !QUIET.has(c.action)).map(toJsonChange);
  const errors = outcome ? [.../* @__PURE__ */ new Set([...analysis.errors, ...outcome.errors])] : analysis.errors;
  return {
    version: REPORT_VERSION,
    decision: outcome ? outcome.decision : analysis.decision,
    summary: {
      files: analysis.files.length,
      changes: changes.length,
      destructive: changes.filter((c) => DESTRUCTIVE_ACTIONS.has(c.action)).length,
      findings: analysis.findings.length,
      ignored: analysis.ignored.length,
      errors: errors.length
    },
    ...outcome ? { approval: toJsonApproval(outcome) } : {},
    plans: analysis.files.map((file) => {
      const label = analysis.labels?.[file];
      return label === void 0 ? { file } : { file, label };
    }),
    changes,
    findings: analysis.findings,
    ignored: analysis.ignored,
    errors
  };
}
function toJsonApproval(outcome) {
  return {
    approvedBy: outcome.approvedBy.map((a) => a.login),
    ...outcome.overriddenBy ? { overriddenBy: { login: outcome.overriddenBy.login, at: outcome.overriddenBy.at } } : {},
    missing: outcome.missing
  };
}
function* jsonChunks(analysis, outcome, record) {
  const { changes, findings, ignored, errors, ...head } = { ...toJsonReport(analysis, outcome), ...record ? { record } : {} };
  yield `${JSON.stringify(head, null, 2).slice(0, -2)},
`;
  const lists = [["changes", changes], ["findings", findings], ["ignored", ignored], ["errors", errors]];
  for (const [i, [key, items]] of lists.entries()) {
    yield `  ${JSON.stringify(key)}: [`;
    for (let start = 0; start < items.length; start += SLICE) {
      const text = JSON.stringify({ x: items.slice(start, start + SLICE) }, null, 2);
      yield `${start > 0 ? "," : ""}
${text.slice(text.indexOf("[") + 2, text.lastIndexOf("]") - 3)}`;
    }
    yield `${items.length > 0 ? "\n  " : ""}]${i < lists.length - 1 ? "," : ""}
`;
  }
  yield "}\n";
}
var SLICE = 1e3;
function toJsonChange(change) {
  const out = {
    file: change.file,
    address: change.address,
    type: change.type,
    provider: change.provider,
    action: change.action
  };
  if (change.module) out.module = change.module;
  if (change.index !== void 0) out.index = change.index;
  if (change.conditional !== void 0) out.conditional = change.conditional;
  if (change.createBeforeDestroy !== void 0) out.createBeforeDestroy = change.createBeforeDestroy;
  if (change.reason !== void 0) out.reason = change.reason;
  if (change.replacePaths !== void 0) out.replacePaths = change.replacePaths;
  if (change.recreation !== void 0) out.recreation = change.recreation;
  if (change.stack !== void 0) out.stack = change.stack;
  if (change.previousAddress !== void 0) out.previousAddress = change.previousAddress;
  if (change.importing) out.importing = true;
  if (change.deposed !== void 0) out.deposed = change.deposed;
  if (change.physicalId !== void 0) out.physicalId = change.physicalId;
  return out;
}

// src/version.ts
var VERSION = "0.1.0";

// src/report/sarif.ts
import { createHash } from "node:crypto";
import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
var LEVEL = {
  critical: { level: "error", score: "9.5" },
  high: { level: "error", score: "8.0" },
  medium: { level: "warning", score: "5.5" },
  low: { level: "note", score: "3.0" }
};
function* sarifChunks(analysis) {
  const rules = ruleRequirements(analysis.findings).map((req) => {
    const severity = analysis.findings.find((f) => f.rule === req.rule).severity;
    const text = sanitize(req.reason ?? `Protected by the plangate rule ${req.rule}.`);
    return {
      id: req.rule,
      shortDescription: { text: clip(text, 200) },
      fullDescription: { text },
      defaultConfiguration: { level: LEVEL[severity].level },
      properties: { tags: ["security", "infrastructure"], "security-severity": LEVEL[severity].score, severity }
    };
  });
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const notifications = analysis.errors.map((error) => ({ level: "error", message: { text: sanitize(error) } }));
  const head = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{ tool: { driver: { name: "plangate", version: VERSION, semanticVersion: VERSION, rules } }, invocations: [{ executionSuccessful: analysis.decision !== "error", toolExecutionNotifications: notifications }] }]
  };
  const [before, after] = JSON.stringify(head).split(/(?=\}\]\}$)/);
  yield `${before},"results":[`;
  for (const [i, finding] of analysis.findings.entries()) yield `${i === 0 ? "" : ","}${JSON.stringify(result(finding, index.get(finding.rule)))}`;
  yield `]${after}
`;
}
function result(finding, ruleIndex) {
  const reason = finding.reason ?? `protected by the rule ${finding.rule}`;
  return {
    ruleId: finding.rule,
    ruleIndex,
    level: LEVEL[finding.severity].level,
    message: { text: sanitize(`${finding.address}: ${describeAction(finding)}. ${reason}`) },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: fileUri(finding.file) }, region: { startLine: 1 } },
        logicalLocations: [{ fullyQualifiedName: finding.address, kind: "resource" }]
      }
    ],
    // The same resource, action and rule is the same alert from one run to the next.
    partialFingerprints: { "plangateFinding/v1": createHash("sha256").update(JSON.stringify([finding.rule, finding.action, finding.address])).digest("hex") },
    properties: { type: finding.type, action: finding.action, approvals: finding.approvals, rules: finding.rules }
  };
}
function fileUri(file) {
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.replace(/\\/g, "/").split("/").map(encodeURIComponent).join("/");
}

export {
  parsePlanSpec,
  splitPlanList,
  checkLabels,
  expandBraces,
  batched,
  terminated,
  jsonChunks,
  VERSION,
  sarifChunks
};
