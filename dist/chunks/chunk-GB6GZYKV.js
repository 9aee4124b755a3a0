import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  clip,
  describeAction,
  ruleRequirements,
  sanitize
} from "./chunk-MPRGCBOH.js";
import {
  DESTRUCTIVE_ACTIONS
} from "./chunk-MZDPURME.js";

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
      errors: errors.length
    },
    ...outcome ? { approval: toJsonApproval(outcome) } : {},
    changes,
    findings: analysis.findings,
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
  const { changes, findings, errors, ...head } = { ...toJsonReport(analysis, outcome), ...record ? { record } : {} };
  yield `${JSON.stringify(head, null, 2).slice(0, -2)},
`;
  const lists = [["changes", changes], ["findings", findings], ["errors", errors]];
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
  batched,
  terminated,
  jsonChunks,
  VERSION,
  sarifChunks
};
