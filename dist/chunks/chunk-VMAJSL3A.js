import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  braceExpand
} from "./chunk-RV6XDSCG.js";
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

export {
  parsePlanSpec,
  splitPlanList,
  checkLabels,
  expandBraces,
  batched,
  terminated
};
