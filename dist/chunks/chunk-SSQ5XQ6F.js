import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  DESTRUCTIVE_ACTIONS
} from "./chunk-5UHFVSEM.js";

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
function renderJson(analysis, outcome) {
  return [...jsonChunks(analysis, outcome)].join("");
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

export {
  REPORT_VERSION,
  toJsonReport,
  renderJson,
  jsonChunks
};
