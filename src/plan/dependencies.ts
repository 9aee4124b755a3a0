import { isObject, type JsonObject } from '../json.js';

/**
 * Who depends on whom in a plan: node → nodes it references. Nodes are
 * configuration addresses without instance keys (`module.app.aws_instance.web`),
 * plus `output.NAME`, `var.NAME` and `module.M.output.NAME` inside modules, so
 * a reference can be followed through module inputs and outputs.
 */
export type Dependencies = Map<string, Set<string>>;

/** `module.a["x.y"].module.b[0].aws_s3_bucket.logs["k"]` → `module.a.module.b.aws_s3_bucket.logs`. */
export function configAddress(address: string): string {
  return address.includes('[') ? address.replace(INDEX_KEY, '') : address;
}

// An instance key: a number, or a quoted string that may hold `]`, `.` and escaped quotes.
// The unquoted branch excludes `[` so a run of `[` cannot make each attempt rescan the rest: linear.
const INDEX_KEY = /\[(?:"(?:[^"\\]|\\.)*"|[^\]"[]*)\]/g;

function add(deps: Dependencies, from: string, to: string): void {
  if (from === to) return;
  let set = deps.get(from);
  if (!set) deps.set(from, (set = new Set()));
  set.add(to);
}

/**
 * Dependencies of a Terraform plan from its `configuration` (expression
 * references, depends_on, module inputs and outputs) and from `prior_state`
 * (the depends_on Terraform recorded for objects that exist now — the only
 * record left for resources already removed from the configuration).
 */
export function terraformDependencies(doc: JsonObject, names: Map<string, string> = new Map()): Dependencies {
  const deps = configurationDependencies(doc.configuration);
  addStateDependencies(deps, doc.prior_state, names);
  return deps;
}

/** The edges of a plan's `configuration`. */
export function configurationDependencies(configuration: unknown): Dependencies {
  const deps: Dependencies = new Map();
  if (isObject(configuration) && isObject(configuration.root_module)) walkModule(deps, configuration.root_module, '');
  return deps;
}

/** Adds the edges of a plan's `prior_state`; `names` caches configAddress (see cachedConfigAddress). */
export function addStateDependencies(deps: Dependencies, prior: unknown, names: Map<string, string> = new Map()): void {
  if (isObject(prior) && isObject(prior.values) && isObject(prior.values.root_module)) walkState(deps, prior.values.root_module, names);
}

/** Adds the module's edges; returns the resource nodes in it and its child modules. */
function walkModule(deps: Dependencies, module: JsonObject, prefix: string): string[] {
  const resources = Array.isArray(module.resources) ? module.resources.filter(isObject) : [];
  const calls = isObject(module.module_calls) ? module.module_calls : {};
  const contained: string[] = [];
  for (const resource of resources) {
    if (typeof resource.address !== 'string') continue;
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
    // Inputs: the child's var.X depends on what the call's argument X references here.
    if (isObject(call.expressions)) {
      for (const [input, expression] of Object.entries(call.expressions)) {
        for (const ref of collectReferences([expression])) for (const t of resolveReference(ref, prefix)) add(deps, `${child}var.${input}`, t);
      }
    }
    // count, for_each and depends_on of the call reach every resource inside it.
    const whole = `${child}*`;
    for (const ref of collectReferences([call.count_expression, call.for_each_expression])) for (const t of resolveReference(ref, prefix)) add(deps, whole, t);
    for (const dep of stringList(call.depends_on)) for (const t of resolveReference(dep, prefix)) add(deps, whole, t);
    // A bare `module.NAME` reference points at this one node, which fans out to the outputs once,
    // rather than copying every output onto every referrer (references × outputs edges).
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

// Runs over every object in the prior state, so it avoids per-resource allocations.
function walkState(deps: Dependencies, module: JsonObject, names: Map<string, string>): void {
  const resources = Array.isArray(module.resources) ? (module.resources as unknown[]) : [];
  for (const resource of resources) if (isObject(resource)) addStateResource(deps, resource.address, resource.depends_on, names);
  const children = Array.isArray(module.child_modules) ? (module.child_modules as unknown[]) : [];
  for (const child of children) if (isObject(child)) walkState(deps, child, names);
}

/**
 * The edges of one prior-state object, from its "address" and "depends_on".
 * `names` caches configAddress: each address recurs as others' depends_on.
 */
export function addStateResource(deps: Dependencies, address: unknown, dependsOn: unknown, names: Map<string, string>): void {
  if (typeof address !== 'string' || !Array.isArray(dependsOn) || dependsOn.length === 0) return;
  const node = cachedConfigAddress(address, names);
  let set = deps.get(node);
  if (!set) deps.set(node, (set = new Set()));
  for (const dep of dependsOn as unknown[]) {
    if (typeof dep !== 'string') continue;
    const target = cachedConfigAddress(dep, names);
    if (target !== node) set.add(target);
  }
}

/** configAddress through `names`: a plan names each object in its changes, its prior state and others' depends_on. */
export function cachedConfigAddress(address: string, names: Map<string, string>): string {
  if (!address.includes('[')) return address;
  let name = names.get(address);
  if (name === undefined) names.set(address, (name = configAddress(address)));
  return name;
}

/**
 * Every `references` list under an expression tree (nested blocks are lists of
 * expression maps). Loops, not push(...list): a list of 100,000 items would
 * overflow the call stack as arguments.
 */
function collectReferences(roots: unknown[]): string[] {
  const refs: string[] = [];
  const stack = [...roots];
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) for (const x of item as unknown[]) stack.push(x);
    else if (isObject(item)) {
      if (Array.isArray(item.references)) for (const ref of stringList(item.references)) refs.push(ref);
      for (const [key, value] of Object.entries(item)) if (key !== 'references' && key !== 'constant_value') stack.push(value);
    }
  }
  return refs;
}

const IGNORED_ROOTS = new Set(['count', 'each', 'path', 'terraform', 'self', 'local', 'ephemeral']);

/** A reference as written in module `prefix` → the graph nodes it names. */
function resolveReference(ref: string, prefix: string): string[] {
  const parts = configAddress(ref).split('.');
  const [root, second, third] = parts;
  if (root === undefined || second === undefined || IGNORED_ROOTS.has(root)) return [];
  if (root === 'var') return [`${prefix}var.${second}`];
  if (root === 'module') {
    return [`${prefix}module.${second}.output.${third ?? '*'}`];
  }
  if (root === 'data') return third === undefined ? [] : [`${prefix}data.${second}.${third}`];
  return [`${prefix}${root}.${second}`];
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
