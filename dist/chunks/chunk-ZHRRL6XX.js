import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  displayName,
  quote
} from "./chunk-QCJK5ES2.js";

// src/json.ts
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// src/plan/dependencies.ts
function configAddress(address) {
  return address.includes("[") ? address.replace(INDEX_KEY, "") : address;
}
var INDEX_KEY = /\[(?:"(?:[^"\\]|\\.)*"|[^\]"[]*)\]/g;
function add(deps, from, to) {
  if (from === to) return;
  let set = deps.get(from);
  if (!set) deps.set(from, set = /* @__PURE__ */ new Set());
  set.add(to);
}
function terraformDependencies(doc) {
  const deps = configurationDependencies(doc.configuration);
  addStateDependencies(deps, doc.prior_state);
  return deps;
}
function configurationDependencies(configuration) {
  const deps = /* @__PURE__ */ new Map();
  if (isObject(configuration) && isObject(configuration.root_module)) walkModule(deps, configuration.root_module, "");
  return deps;
}
function addStateDependencies(deps, prior) {
  if (isObject(prior) && isObject(prior.values) && isObject(prior.values.root_module)) walkState(deps, prior.values.root_module, /* @__PURE__ */ new Map());
}
function walkModule(deps, module, prefix) {
  const resources = Array.isArray(module.resources) ? module.resources.filter(isObject) : [];
  const calls = isObject(module.module_calls) ? module.module_calls : {};
  const contained = [];
  for (const resource of resources) {
    if (typeof resource.address !== "string") continue;
    const node = prefix + resource.address;
    contained.push(node);
    for (const ref of collectReferences([resource.expressions, resource.count_expression, resource.for_each_expression])) {
      const target = resolveReference(ref, prefix);
      for (const t of target) add(deps, node, t);
    }
    for (const dep of stringList(resource.depends_on)) for (const t of resolveReference(dep, prefix)) add(deps, node, t);
  }
  if (isObject(module.outputs)) {
    for (const [name, output] of Object.entries(module.outputs)) {
      if (!isObject(output)) continue;
      const node = `${prefix}output.${name}`;
      for (const ref of collectReferences([output.expression])) for (const t of resolveReference(ref, prefix)) add(deps, node, t);
      for (const dep of stringList(output.depends_on)) for (const t of resolveReference(dep, prefix)) add(deps, node, t);
    }
  }
  for (const [name, call] of Object.entries(calls)) {
    if (!isObject(call)) continue;
    const child = `${prefix}module.${name}.`;
    if (isObject(call.expressions)) {
      for (const [input, expression] of Object.entries(call.expressions)) {
        for (const ref of collectReferences([expression])) for (const t of resolveReference(ref, prefix)) add(deps, `${child}var.${input}`, t);
      }
    }
    const whole = `${child}*`;
    for (const ref of collectReferences([call.count_expression, call.for_each_expression])) for (const t of resolveReference(ref, prefix)) add(deps, whole, t);
    for (const dep of stringList(call.depends_on)) for (const t of resolveReference(dep, prefix)) add(deps, whole, t);
    if (isObject(call.module) && isObject(call.module.outputs)) {
      for (const output of Object.keys(call.module.outputs)) add(deps, `${child}output.*`, `${child}output.${output}`);
    }
    if (isObject(call.module)) {
      const inside = walkModule(deps, call.module, child);
      for (const node of inside) add(deps, node, whole);
      for (const node of inside) contained.push(node);
    }
  }
  return contained;
}
function walkState(deps, module, names) {
  const resources = Array.isArray(module.resources) ? module.resources : [];
  for (const resource of resources) if (isObject(resource)) addStateResource(deps, resource.address, resource.depends_on, names);
  const children = Array.isArray(module.child_modules) ? module.child_modules : [];
  for (const child of children) if (isObject(child)) walkState(deps, child, names);
}
function addStateResource(deps, address, dependsOn, names) {
  if (typeof address !== "string" || !Array.isArray(dependsOn) || dependsOn.length === 0) return;
  const node = cachedConfigAddress(address, names);
  let set = deps.get(node);
  if (!set) deps.set(node, set = /* @__PURE__ */ new Set());
  for (const dep of dependsOn) {
    if (typeof dep !== "string") continue;
    const target = cachedConfigAddress(dep, names);
    if (target !== node) set.add(target);
  }
}
function cachedConfigAddress(address, names) {
  if (!address.includes("[")) return address;
  let name = names.get(address);
  if (name === void 0) names.set(address, name = configAddress(address));
  return name;
}
function collectReferences(roots) {
  const refs = [];
  const stack = [...roots];
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) for (const x of item) stack.push(x);
    else if (isObject(item)) {
      if (Array.isArray(item.references)) for (const ref of stringList(item.references)) refs.push(ref);
      for (const [key, value] of Object.entries(item)) if (key !== "references" && key !== "constant_value") stack.push(value);
    }
  }
  return refs;
}
var IGNORED_ROOTS = /* @__PURE__ */ new Set(["count", "each", "path", "terraform", "self", "local", "ephemeral"]);
function resolveReference(ref, prefix) {
  const parts = configAddress(ref).split(".");
  const [root, second, third] = parts;
  if (root === void 0 || second === void 0 || IGNORED_ROOTS.has(root)) return [];
  if (root === "var") return [`${prefix}var.${second}`];
  if (root === "module") {
    return [`${prefix}module.${second}.output.${third ?? "*"}`];
  }
  if (root === "data") return third === void 0 ? [] : [`${prefix}data.${second}.${third}`];
  return [`${prefix}${root}.${second}`];
}
function stringList(value) {
  return Array.isArray(value) ? value.filter((v) => typeof v === "string") : [];
}

// src/errors.ts
var InputError = class extends Error {
  constructor(source, problem) {
    super(`${displayName(source)}: ${problem}`);
    this.source = source;
    this.problem = problem;
    this.name = "InputError";
  }
  source;
  problem;
};
function getErrorMessage(error) {
  if (error instanceof Error) return error.message;
  try {
    return String(error);
  } catch {
    return "an error that cannot be described";
  }
}
function isInputError(error) {
  return error instanceof InputError;
}

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
  isObject,
  configAddress,
  terraformDependencies,
  configurationDependencies,
  addStateResource,
  InputError,
  getErrorMessage,
  isInputError,
  MAX_DEPTH,
  checkDepth,
  depthError,
  renderPath
};
