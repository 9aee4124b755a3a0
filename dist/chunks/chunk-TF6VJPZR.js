import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  InputError
} from "./chunk-KIBWKCE4.js";
import {
  quote
} from "./chunk-QCJK5ES2.js";

// src/plan/depth.ts
var MAX_DEPTH = 512;
function checkDepth(doc, file, root = "$", steps = []) {
  if (typeof doc === "object" && doc !== null && !within(doc, 1 + steps.length)) throw depthError(file, deepPath(doc, root, steps));
}
function depthError(file, path) {
  return new InputError(file, `nests lists and objects deeper than ${MAX_DEPTH} levels (at ${path}), far deeper than any real plan: regenerate it with \`terraform show -json\` or \`aws cloudformation describe-change-set --output json\``);
}
function within(value, depth) {
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (typeof item === "object" && item !== null && !within(item, depth + 1)) return false;
    }
    return true;
  }
  for (const key in value) {
    const item = value[key];
    if (typeof item === "object" && item !== null && !within(item, depth + 1)) return false;
  }
  return true;
}
function deepPath(doc, root, steps) {
  const frames = [{ container: doc, keys: Array.isArray(doc) ? void 0 : Object.keys(doc), next: 0 }];
  while (frames.length > 0) {
    const frame = frames[frames.length - 1];
    const count = frame.keys ? frame.keys.length : frame.container.length;
    if (frame.next >= count) {
      frames.pop();
      continue;
    }
    const key = frame.keys ? frame.keys[frame.next] : frame.next;
    frame.next++;
    const item = frame.container[key];
    if (typeof item !== "object" || item === null) continue;
    frames.push({ container: item, keys: Array.isArray(item) ? void 0 : Object.keys(item), next: 0 });
    if (frames.length + steps.length > MAX_DEPTH) return renderPath(root, [...steps, ...frames.slice(0, -1).map((f) => f.keys ? f.keys[f.next - 1] : f.next - 1)]);
  }
  return root;
}
function renderPath(root, steps) {
  const step = (s) => typeof s === "number" ? `[${s}]` : /^[A-Za-z_][\w-]{0,39}$/.test(s) ? `.${s}` : `[${quote(s, 40)}]`;
  const shown = steps.length <= 12 ? steps.map(step) : [...steps.slice(0, 8).map(step), ".…", ...steps.slice(-3).map(step)];
  return root + shown.join("");
}

export {
  MAX_DEPTH,
  checkDepth,
  depthError,
  renderPath
};
