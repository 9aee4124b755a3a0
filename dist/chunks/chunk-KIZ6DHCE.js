import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);

// src/errors.ts
var InputError = class extends Error {
  constructor(source, problem) {
    super(`${source}: ${problem}`);
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

// src/plan/detect-format.ts
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
var SHOW_JSON = "`terraform show -json PLANFILE`";
var DESCRIBE = "`aws cloudformation describe-change-set --change-set-name ARN --output json`";
function isChangeSet(value) {
  return isObject(value) && Array.isArray(value.Changes);
}
function detectFormat(doc, source) {
  if (isObject(doc)) {
    if ("format_version" in doc && ("resource_changes" in doc || "planned_values" in doc)) return "terraform";
    if (isChangeSet(doc) || Array.isArray(doc.NestedChanges)) return "cloudformation";
    throw new InputError(source, describeObject(doc));
  }
  if (Array.isArray(doc)) {
    if (doc.length > 0 && doc.every(isChangeSet)) return "cloudformation";
    if (doc.length === 0) throw new InputError(source, `an empty JSON array: no change sets; write ${DESCRIBE} output, or ${SHOW_JSON} output for Terraform`);
    throw new InputError(source, `a JSON array that is not a list of CloudFormation change sets (each needs a "Changes" list); pass ${DESCRIBE} output, or ${SHOW_JSON} output for Terraform`);
  }
  throw new InputError(source, `a bare JSON ${doc === null ? "null" : typeof doc}, not a plan: pass ${SHOW_JSON} or ${DESCRIBE} output`);
}
function describeObject(doc) {
  if ("lineage" in doc && "serial" in doc) {
    return `this is a Terraform state file, not a plan: run \`terraform plan -out=tfplan\` then ${SHOW_JSON.replace("PLANFILE", "tfplan")}`;
  }
  if ("format_version" in doc && "values" in doc) {
    return `this is \`terraform show -json\` of the current state, not of a plan: pass the planfile, ${SHOW_JSON.replace("PLANFILE", "tfplan")}`;
  }
  if ("resource_changes" in doc) {
    return 'this has "resource_changes" but no "format_version", so it is not `terraform show -json` output (an HCP Terraform redacted plan?): write the plan with `terraform show -json`';
  }
  if ("Resources" in doc || "AWSTemplateFormatVersion" in doc) {
    return `this is a CloudFormation template, not a change set: create a change set with \`aws cloudformation create-change-set\`, then write ${DESCRIBE}`;
  }
  if (typeof doc.Id === "string" && doc.Id.includes(":changeSet/")) {
    return `this is \`create-change-set\` output (just the id): write ${DESCRIBE}`;
  }
  if (Array.isArray(doc.Summaries)) {
    return `this is \`list-change-sets\` output: write ${DESCRIBE} for the change set`;
  }
  if (Array.isArray(doc.Stacks)) {
    return `this is \`describe-stacks\` output, not a change set: write ${DESCRIBE}`;
  }
  const keys = Object.keys(doc).slice(0, 5).map((k) => JSON.stringify(k)).join(", ");
  return `JSON that is neither a Terraform plan (no "format_version" with "resource_changes") nor a CloudFormation change set (no "Changes")${keys ? `; its keys are ${keys}` : ""}: pass ${SHOW_JSON} or ${DESCRIBE} output`;
}

// src/plan/dependencies.ts
function configAddress(address) {
  return address.includes("[") ? address.replace(INDEX_KEY, "") : address;
}
var INDEX_KEY = /\[(?:"(?:[^"\\]|\\.)*"|[^\]"]*)\]/g;
function add(deps, from, to) {
  if (from === to) return;
  let set = deps.get(from);
  if (!set) deps.set(from, set = /* @__PURE__ */ new Set());
  set.add(to);
}
function terraformDependencies(doc) {
  const deps = /* @__PURE__ */ new Map();
  const configuration = doc.configuration;
  if (isObject(configuration) && isObject(configuration.root_module)) walkModule(deps, configuration.root_module, "");
  const prior = doc.prior_state;
  if (isObject(prior) && isObject(prior.values) && isObject(prior.values.root_module)) walkState(deps, prior.values.root_module);
  return deps;
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
      const target = resolveReference(ref, prefix, calls);
      for (const t of target) add(deps, node, t);
    }
    for (const dep of stringList(resource.depends_on)) for (const t of resolveReference(dep, prefix, calls)) add(deps, node, t);
  }
  if (isObject(module.outputs)) {
    for (const [name, output] of Object.entries(module.outputs)) {
      if (!isObject(output)) continue;
      const node = `${prefix}output.${name}`;
      for (const ref of collectReferences([output.expression])) for (const t of resolveReference(ref, prefix, calls)) add(deps, node, t);
      for (const dep of stringList(output.depends_on)) for (const t of resolveReference(dep, prefix, calls)) add(deps, node, t);
    }
  }
  for (const [name, call] of Object.entries(calls)) {
    if (!isObject(call)) continue;
    const child = `${prefix}module.${name}.`;
    if (isObject(call.expressions)) {
      for (const [input, expression] of Object.entries(call.expressions)) {
        for (const ref of collectReferences([expression])) for (const t of resolveReference(ref, prefix, calls)) add(deps, `${child}var.${input}`, t);
      }
    }
    const whole = `${child}*`;
    for (const ref of collectReferences([call.count_expression, call.for_each_expression])) for (const t of resolveReference(ref, prefix, calls)) add(deps, whole, t);
    for (const dep of stringList(call.depends_on)) for (const t of resolveReference(dep, prefix, calls)) add(deps, whole, t);
    if (isObject(call.module)) {
      const inside = walkModule(deps, call.module, child);
      for (const node of inside) add(deps, node, whole);
      for (const node of inside) contained.push(node);
    }
  }
  return contained;
}
function walkState(deps, module) {
  const resources = Array.isArray(module.resources) ? module.resources : [];
  for (const resource of resources) {
    if (!isObject(resource)) continue;
    const dependsOn = resource.depends_on;
    if (typeof resource.address !== "string" || !Array.isArray(dependsOn) || dependsOn.length === 0) continue;
    const node = configAddress(resource.address);
    let set = deps.get(node);
    if (!set) deps.set(node, set = /* @__PURE__ */ new Set());
    for (const dep of dependsOn) {
      if (typeof dep !== "string") continue;
      const target = configAddress(dep);
      if (target !== node) set.add(target);
    }
  }
  const children = Array.isArray(module.child_modules) ? module.child_modules : [];
  for (const child of children) if (isObject(child)) walkState(deps, child);
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
function resolveReference(ref, prefix, calls) {
  const parts = configAddress(ref).split(".");
  const [root, second, third] = parts;
  if (root === void 0 || second === void 0 || IGNORED_ROOTS.has(root)) return [];
  if (root === "var") return [`${prefix}var.${second}`];
  if (root === "module") {
    if (third !== void 0) return [`${prefix}module.${second}.output.${third}`];
    const call = calls[second];
    const outputs = isObject(call) && isObject(call.module) && isObject(call.module.outputs) ? Object.keys(call.module.outputs) : [];
    return outputs.map((o) => `${prefix}module.${second}.output.${o}`);
  }
  if (root === "data") return third === void 0 ? [] : [`${prefix}data.${second}.${third}`];
  return [`${prefix}${root}.${second}`];
}
function stringList(value) {
  return Array.isArray(value) ? value.filter((v) => typeof v === "string") : [];
}

export {
  InputError,
  getErrorMessage,
  isInputError,
  isObject,
  detectFormat,
  configAddress,
  terraformDependencies
};
