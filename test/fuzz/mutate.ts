// Mutations of plan JSON for the fuzz run, and the oracle a reviewer would
// apply to the result: which protected resources it visibly destroys.
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** mulberry32: a small deterministic generator, the same sequence on every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRINGS = ['', ' ', 'Managed', 'managed ', 'ephemeral', '\u0000', 'data', 'true', 'True', 'Always', 'Dynamic', 'Conditional', 'AWS_DB_INSTANCE', 'null_resource', 'delete', 'Remove', 'x\n\u001b[31mplangate: all clear', 'x'.repeat(5_000)];
const KEYS = ['format_version', 'resource_changes', 'Changes', 'NestedChanges', 'mode', 'type', 'actions', 'Replacement', 'ResourceType', 'change'];

type Path = Array<string | number>;

/** Every path into the document, those inside resource changes first in weight. */
function paths(doc: Json, limit = 20_000): Path[] {
  const out: Path[] = [];
  const stack: Array<[Json, Path]> = [[doc, []]];
  while (stack.length > 0 && out.length < limit) {
    const [node, path] = stack.pop() as [Json, Path];
    out.push(path);
    if (Array.isArray(node)) node.forEach((child, i) => stack.push([child, [...path, i]]));
    else if (node !== null && typeof node === 'object') for (const [key, child] of Object.entries(node)) stack.push([child, [...path, key]]);
  }
  return out;
}

function at(doc: Json, path: Path): Json | undefined {
  let node: Json | undefined = doc;
  for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<string, Json>)[key as string] : undefined;
  return node;
}

function set(doc: Json, path: Path, value: Json | undefined): void {
  const parent = at(doc, path.slice(0, -1));
  const key = path[path.length - 1];
  if (parent === null || typeof parent !== 'object' || key === undefined) return;
  if (Array.isArray(parent) && typeof key === 'number') {
    if (value === undefined) parent.splice(key, 1);
    else parent[key] = value;
  } else if (!Array.isArray(parent)) {
    if (value === undefined) delete parent[key as string];
    else parent[key as string] = value;
  }
}

function deep(levels: number, leaf: Json): Json {
  let node = leaf;
  for (let i = 0; i < levels; i++) node = i % 2 === 0 ? [node] : { v: node };
  return node;
}

/** One to three mutations at random places; returns what was done, for the failure message. */
export function mutate(doc: Json, next: () => number): string[] {
  const done: string[] = [];
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const count = 1 + Math.floor(next() * 3);
  for (let i = 0; i < count; i++) {
    const all = paths(doc);
    const focused = all.filter((p) => p.includes('resource_changes') || p.includes('Changes') || p.includes('prior_state') || p.includes('configuration'));
    const path = pick(focused.length > 0 && next() < 0.8 ? focused : all);
    if (path.length === 0) continue;
    const node = at(doc, path);
    const where = path.join('.');
    const kind = Math.floor(next() * 12);
    switch (kind) {
      case 0: set(doc, path, undefined); done.push(`removed ${where}`); break;
      case 1: set(doc, path, null); done.push(`null at ${where}`); break;
      case 2: set(doc, path, Math.floor(next() * 3) - 1); done.push(`number at ${where}`); break;
      case 3: { const s = pick(STRINGS); set(doc, path, s); done.push(`${JSON.stringify(s.slice(0, 20))} at ${where}`); break; }
      case 4: set(doc, path, next() < 0.5); done.push(`boolean at ${where}`); break;
      case 5: set(doc, path, node === undefined ? [] : [node]); done.push(`wrapped ${where} in a list`); break;
      case 6: if (typeof node === 'string') { set(doc, path, next() < 0.5 ? node.toUpperCase() : `${node} `); done.push(`respelled ${where}`); } break;
      case 7: { const parent = at(doc, path.slice(0, -1)); if (Array.isArray(parent) && node !== undefined) { parent.push(structuredClone(node)); done.push(`duplicated ${where}`); } break; }
      case 8: { const parent = at(doc, path.slice(0, -1)); if (parent !== null && typeof parent === 'object' && !Array.isArray(parent)) { const key = pick(KEYS); parent[key] = key === 'Changes' || key === 'resource_changes' || key === 'NestedChanges' ? [] : pick(STRINGS); done.push(`added ${key} beside ${where}`); } break; }
      case 9:
        set(doc, path, deep(next() < 0.2 ? 4_000 : 40, node ?? null));
        done.push(`nested ${where} deeply`);
        // Last: cloning or walking a 4,000-level value would only test the fuzzer's own stack.
        return done;
      case 10: if (node !== null && typeof node === 'object' && !Array.isArray(node)) { set(doc, path, {}); done.push(`emptied ${where}`); } break;
      default: { const other = pick(all); const value = at(doc, other); if (value !== undefined && !other.slice(0, path.length).every((k, j) => k === path[j])) { set(doc, path, structuredClone(value)); done.push(`${where} = ${other.join('.')}`); } }
    }
  }
  return done;
}

const isObject = (v: Json | undefined): v is { [key: string]: Json } => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Protected resources a reviewer would see destroyed in the document: a
 * Terraform resource change at one of `ids` whose actions include delete or
 * forget (the address names the type), or a CloudFormation change of one of
 * `ids` that removes or replaces it, with its original type or with none a
 * reviewer could read (another real type is another resource, unprotected).
 */
export function visiblyDestroyed(doc: Json, ids: ReadonlyMap<string, string | undefined>): string[] {
  const seen: string[] = [];
  const docs = Array.isArray(doc) ? doc : [doc];
  for (const d of docs) {
    if (!isObject(d)) continue;
    for (const rc of Array.isArray(d.resource_changes) ? d.resource_changes : []) {
      if (!isObject(rc) || typeof rc.address !== 'string' || !ids.has(rc.address) || !isObject(rc.change)) continue;
      const actions = rc.change.actions;
      if (Array.isArray(actions) && actions.some((a) => a === 'delete' || a === 'forget')) seen.push(rc.address);
    }
    const changes = Array.isArray(d.Changes) ? d.Changes : [];
    for (const change of changes) {
      const r = isObject(change) ? change.ResourceChange : undefined;
      if (!isObject(r) || typeof r.LogicalResourceId !== 'string' || !ids.has(r.LogicalResourceId)) continue;
      const type = r.ResourceType;
      if (typeof type === 'string' && type !== '' && type !== ids.get(r.LogicalResourceId)) continue;
      if (r.Action === 'Remove' || (r.Action === 'Modify' && (r.Replacement === 'True' || r.Replacement === 'Conditional'))) seen.push(r.LogicalResourceId);
    }
  }
  return seen;
}
