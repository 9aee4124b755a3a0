import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  isObject
} from "./chunk-X534SGSV.js";

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
function terraformDependencies(doc, names = /* @__PURE__ */ new Map()) {
  const deps = configurationDependencies(doc.configuration);
  addStateDependencies(deps, doc.prior_state, names);
  return deps;
}
function configurationDependencies(configuration) {
  const deps = /* @__PURE__ */ new Map();
  if (isObject(configuration) && isObject(configuration.root_module)) walkModule(deps, configuration.root_module, "");
  return deps;
}
function addStateDependencies(deps, prior, names = /* @__PURE__ */ new Map()) {
  if (isObject(prior) && isObject(prior.values) && isObject(prior.values.root_module)) walkState(deps, prior.values.root_module, names);
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

export {
  configAddress,
  terraformDependencies,
  configurationDependencies,
  addStateResource,
  cachedConfigAddress
};
