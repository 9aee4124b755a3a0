import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  DESTRUCTIVE_ACTIONS
} from "./chunk-7QU447KO.js";

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
function toJsonReport(analysis) {
  const changes = analysis.changes.filter((c) => !QUIET.has(c.action)).map(toJsonChange);
  return {
    version: REPORT_VERSION,
    decision: analysis.decision,
    summary: {
      files: analysis.files.length,
      changes: changes.length,
      destructive: changes.filter((c) => DESTRUCTIVE_ACTIONS.has(c.action)).length,
      findings: analysis.findings.length,
      errors: analysis.errors.length
    },
    changes,
    findings: analysis.findings,
    errors: analysis.errors
  };
}
function* jsonChunks(analysis, record) {
  const { changes, findings, errors, ...head } = { ...toJsonReport(analysis), ...record ? { record } : {} };
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

export {
  batched,
  terminated,
  jsonChunks
};
