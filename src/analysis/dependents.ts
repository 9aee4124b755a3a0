/**
 * The blast radius of many findings at once, in time linear in the reference
 * graph (plus a bounded amount per finding), however the findings reference
 * one another. A finding gets its nearest dependents by name (a bounded list)
 * and how many there are in all: exact where that can be had cheaply, else a
 * lower bound that says so. Reachable-set sizes are as hard as a transitive
 * closure in general, so no per-finding full search is ever run.
 */

import type { Dependencies } from '../plan/dependencies.js';

/** Most dependents a finding names; every report shows at most these and counts the rest. */
export const MAX_LISTED_DEPENDENTS = 50;

export interface Dependents {
  /** The nearest dependents (breadth first), at most MAX_LISTED_DEPENDENTS, sorted. */
  listed: string[];
  /** How many dependents there are in all; a lower bound when `atLeast`. */
  total: number;
  atLeast: boolean;
}

export interface BlastRadii {
  /** One per requested node, in order. */
  dependents: Dependents[];
  /** Steps taken (edges scanned, bitset words combined), so tests can check the work stays bounded. */
  work: number;
}

/**
 * Work limits. Per source component, a breadth-first search names the nearest
 * dependents and counts the rest while its share of `search` edges lasts (at
 * most `searchMax`; naming alone may go on to `listMin`). Counts it could not
 * finish come from one pass of bitsets over the condensed graph (exact) when
 * that costs at most `bitsetWork` word operations in `bitsetWords` of memory,
 * else from longest-path bounds. Tests lower them to reach every path.
 */
export const LIMITS = {
  // Enough for the whole blast radius of a finding in a real plan; larger ones are counted by the condensed graph.
  search: 1 << 21,
  searchMax: 1 << 12,
  listMin: 8 * (MAX_LISTED_DEPENDENTS + 1),
  bitsetWork: 1 << 26,
  bitsetWords: 1 << 23,
};
export type Limits = typeof LIMITS;

/**
 * Everything that depends on `node`, transitively, as resources and outputs
 * (variables and module wiring are followed but not listed): at most
 * MAX_LISTED_DEPENDENTS of them, sorted.
 */
export function dependentsOf(node: string, deps: Dependencies): string[] {
  return blastRadii(deps, [node]).dependents[0]?.listed ?? [];
}

/** The dependents of each of `nodes` (configuration addresses, or CloudFormation logical ids). */
export function blastRadii(deps: Dependencies, nodes: readonly string[], limits: Limits = LIMITS): BlastRadii {
  const g = reverseGraph(deps);
  const ids = nodes.map((n) => g.index.get(n) ?? -1);
  const sources = ids.filter((v) => v >= 0 && g.start[v + 1]! > g.start[v]!);
  if (sources.length === 0) return { dependents: nodes.map(() => ({ listed: [], total: 0, atLeast: false })), work: 0 };
  const c = condense(g, sources);
  const state = { work: 0 };

  // One search per strongly connected component: its members share one set of dependents.
  const firstOf = new Map<number, number>();
  for (const v of sources) if (!firstOf.has(c.comp[v]!)) firstOf.set(c.comp[v]!, v);
  const budget = Math.min(limits.searchMax, Math.floor(limits.search / firstOf.size));
  const seen = new Int32Array(g.names.length);
  const queue = new Int32Array(g.names.length);
  const searched = new Map<number, Search>();
  for (const [comp, v] of firstOf) searched.set(comp, search(g, v, { budget, listMin: limits.listMin }, seen, queue, searched.size + 1, state));

  const open = [...searched].filter(([, s]) => !s.complete).map(([comp]) => comp);
  const counts = open.length > 0 ? countReach(c, open, limits, state) : new Map<number, Count>();

  const dependents = ids.map((v): Dependents => {
    const s = v >= 0 ? searched.get(c.comp[v]!) : undefined;
    if (v < 0 || !s) return { listed: [], total: 0, atLeast: false };
    const self = g.reportable[v]!;
    const listed = s.listed.filter((d) => d !== v).slice(0, MAX_LISTED_DEPENDENTS).map((d) => g.names[d]!).sort();
    const count = s.complete ? { size: s.found, exact: true } : (counts.get(c.comp[v]!) as Count);
    return { listed, total: Math.max(listed.length, Math.max(s.found, count.size) - self), atLeast: !count.exact };
  });
  return { dependents, work: state.work };
}

// ------------------------------------------------------------------ graph

/** The reverse reference graph over integer ids: the referrers of v are ref[start[v]] … ref[start[v + 1] - 1]. */
interface Graph {
  names: string[];
  index: Map<string, number>;
  start: Int32Array;
  ref: Int32Array;
  /** 1 for resources and root outputs, 0 for wiring (variables, module outputs, `module.M.*`). */
  reportable: Uint8Array;
}

/** Built once per call: the string keys are looked up only here. */
function reverseGraph(deps: Dependencies): Graph {
  const index = new Map<string, number>();
  const names: string[] = [];
  const inDegree: number[] = [];
  const id = (name: string): number => {
    let i = index.get(name);
    if (i === undefined) {
      index.set(name, (i = names.push(name) - 1));
      inDegree.push(0);
    }
    return i;
  };
  let edges = 0;
  for (const [from, targets] of deps) {
    id(from);
    for (const to of targets) {
      const t = id(to);
      inDegree[t]!++;
      edges++;
    }
  }
  const n = names.length;
  const start = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) start[v + 1] = start[v]! + inDegree[v]!;
  const fill = start.slice(0, n);
  const ref = new Int32Array(edges);
  for (const [from, targets] of deps) {
    const f = index.get(from)!;
    for (const to of targets) ref[fill[index.get(to)!]!++] = f;
  }
  const reportable = new Uint8Array(n);
  for (let v = 0; v < n; v++) reportable[v] = isReportable(names[v]!) ? 1 : 0;
  return { names, index, start, ref, reportable };
}

// Asked of every node of every plan with a finding: a scan, not a regular expression.
function isReportable(node: string): boolean {
  // Past the module steps, `module.NAME.` (configuration addresses: no keys).
  let at = 0;
  while (node.startsWith('module.', at)) {
    const dot = node.indexOf('.', at + 7);
    if (dot <= at + 7) break;
    at = dot + 1;
  }
  if (node.endsWith('*') || node.startsWith('var.', at) || node.startsWith('local.', at)) return false;
  // A module's own outputs are wiring; root outputs are what users and other stacks consume.
  return !(at > 0 && node.startsWith('output.', at));
}

// ------------------------------------------------------------------ search

interface Search {
  /**
   * The first MAX_LISTED_DEPENDENTS + 1 reportable nodes reached, the start
   * included: one may be the finding itself (the search is shared by the
   * members of a component, so "nearest" is to the first of them).
   */
  listed: number[];
  /** Reportable nodes reached, the start included. */
  found: number;
  /** Whether every node the start reaches was reached. */
  complete: boolean;
}

/** Breadth first from `from`: names until the list is full, counts while `budget` edges last. */
function search(g: Graph, from: number, { budget, listMin }: { budget: number; listMin: number }, seen: Int32Array, queue: Int32Array, stamp: number, state: { work: number }): Search {
  const want = MAX_LISTED_DEPENDENTS + 1;
  const listed: number[] = [];
  let found = 0;
  const reach = (v: number) => {
    seen[v] = stamp;
    queue[tail++] = v;
    if (g.reportable[v]) {
      found++;
      if (listed.length < want) listed.push(v);
    }
  };
  let head = 0;
  let tail = 0;
  let work = 0;
  reach(from);
  while (head < tail) {
    const v = queue[head++]!;
    for (let e = g.start[v]!; e < g.start[v + 1]!; e++) {
      // Past the budget, stop: the count is finished elsewhere. Naming the nearest may go on to listMin.
      if (work >= budget && (listed.length >= want || work >= listMin)) {
        state.work += work;
        return { listed, found, complete: false };
      }
      work++;
      const w = g.ref[e]!;
      if (seen[w] !== stamp) reach(w);
    }
  }
  state.work += work;
  return { listed, found, complete: true };
}

// ------------------------------------------------------------------ counting

/** The graph's strongly connected components reachable from the sources, and the DAG between them. */
interface Condensed {
  /** Component of each node; -1 where no source reaches it. */
  comp: Int32Array;
  /** Reportable nodes per component. */
  weight: Int32Array;
  /** Successors (components holding referrers) of component c: succ[succStart[c]] …; always of lower number. */
  succStart: Int32Array;
  succ: Int32Array;
}

/** Tarjan's algorithm, iteratively: components are numbered as they close, so every successor's number is lower. */
function condense(g: Graph, sources: readonly number[]): Condensed {
  const n = g.names.length;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const comp = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const calls = new Int32Array(n);
  const next = new Int32Array(n);
  const members = new Int32Array(n);
  const memberStart = [0];
  let sp = 0;
  let cp = 0;
  let counter = 0;
  let comps = 0;
  let mp = 0;
  const enter = (v: number) => {
    order[v] = low[v] = counter++;
    stack[sp++] = v;
    calls[cp++] = v;
    next[v] = g.start[v]!;
  };
  for (const s of sources) {
    if (order[s] !== -1) continue;
    enter(s);
    while (cp > 0) {
      const v = calls[cp - 1]!;
      if (next[v]! < g.start[v + 1]!) {
        const w = g.ref[next[v]!++]!;
        if (order[w] === -1) enter(w);
        else if (comp[w] === -1) low[v] = Math.min(low[v]!, order[w]!);
        continue;
      }
      cp--;
      if (cp > 0) low[calls[cp - 1]!] = Math.min(low[calls[cp - 1]!]!, low[v]!);
      if (low[v] !== order[v]) continue;
      let w: number;
      do {
        w = stack[--sp]!;
        comp[w] = comps;
        members[mp++] = w;
      } while (w !== v);
      comps++;
      memberStart.push(mp);
    }
  }
  const weight = new Int32Array(comps);
  const succStart = new Int32Array(comps + 1);
  const succ: number[] = [];
  const mark = new Int32Array(comps).fill(-1);
  for (let c = 0; c < comps; c++) {
    for (let m = memberStart[c]!; m < memberStart[c + 1]!; m++) {
      const v = members[m]!;
      weight[c]! += g.reportable[v]!;
      for (let e = g.start[v]!; e < g.start[v + 1]!; e++) {
        const d = comp[g.ref[e]!]!;
        if (d === c || mark[d] === c) continue;
        mark[d] = c;
        succ.push(d);
      }
    }
    succStart[c + 1] = succ.length;
  }
  return { comp, weight, succStart, succ: Int32Array.from(succ) };
}

interface Count {
  /** Reportable nodes the component reaches, itself included. */
  size: number;
  exact: boolean;
}

/**
 * Reach sizes of the `open` components. Longest-path (lower) and path-sum
 * (upper) bounds are exact when they meet, as on a chain; the rest is exact by
 * bitsets when affordable, else the lower bound.
 */
function countReach(c: Condensed, open: readonly number[], limits: Limits, state: { work: number }): Map<number, Count> {
  const comps = c.weight.length;
  const lower = new Float64Array(comps);
  const upper = new Float64Array(comps);
  const all = c.weight.reduce((a, b) => a + b, 0);
  for (let x = 0; x < comps; x++) {
    let most = 0;
    let sum = 0;
    for (let e = c.succStart[x]!; e < c.succStart[x + 1]!; e++) {
      most = Math.max(most, lower[c.succ[e]!]!);
      sum += upper[c.succ[e]!]!;
    }
    lower[x] = c.weight[x]! + most;
    upper[x] = Math.min(all, c.weight[x]! + sum);
  }
  state.work += c.succ.length;
  const counts = new Map<number, Count>();
  const unsure: number[] = [];
  for (const x of open) {
    if (lower[x] === upper[x]) counts.set(x, { size: lower[x]!, exact: true });
    else unsure.push(x);
  }
  const exact = unsure.length > 0 ? bitsetCounts(c, unsure, limits, state) : undefined;
  for (const x of unsure) counts.set(x, exact ? { size: exact.get(x)!, exact: true } : { size: lower[x]!, exact: false });
  return counts;
}

/**
 * Exact reach sizes by one pass over the components the `targets` reach, a bit
 * per reportable node, in blocks of bits that fit in memory. Undefined when it
 * would cost more than `limits.bitsetWork`.
 */
function bitsetCounts(c: Condensed, targets: readonly number[], limits: Limits, state: { work: number }): Map<number, number> | undefined {
  // The components reached, in increasing number (successors first), and their bits.
  const reached = new Uint8Array(c.weight.length);
  const stack = [...targets];
  for (const t of targets) reached[t] = 1;
  let edges = 0;
  while (stack.length > 0) {
    const x = stack.pop()!;
    for (let e = c.succStart[x]!; e < c.succStart[x + 1]!; e++) {
      edges++;
      const y = c.succ[e]!;
      if (reached[y]) continue;
      reached[y] = 1;
      stack.push(y);
    }
  }
  state.work += edges;
  const list: number[] = [];
  for (let x = 0; x < reached.length; x++) if (reached[x]) list.push(x);
  const local = new Int32Array(c.weight.length);
  const firstBit = new Float64Array(list.length + 1);
  list.forEach((x, i) => {
    local[x] = i;
    firstBit[i + 1] = firstBit[i]! + c.weight[x]!;
  });
  const bits = firstBit[list.length]!;
  const words = Math.ceil(bits / 32);
  if (words * (list.length + edges + targets.length) > limits.bitsetWork) return undefined;

  const block = Math.max(1, Math.min(words, Math.floor(limits.bitsetWords / list.length)));
  const rows = new Uint32Array(list.length * block);
  const sizes = new Map<number, number>(targets.map((t) => [t, 0]));
  for (let lo = 0; lo < words; lo += block) {
    rows.fill(0);
    list.forEach((x, i) => {
      const row = i * block;
      // This component's own bits that fall in the block.
      const from = Math.max(firstBit[i]!, lo * 32);
      const to = Math.min(firstBit[i + 1]!, (lo + block) * 32);
      for (let b = from; b < to; b++) rows[row + ((b >>> 5) - lo)]! |= 1 << (b & 31);
      for (let e = c.succStart[x]!; e < c.succStart[x + 1]!; e++) {
        const other = local[c.succ[e]!]! * block;
        for (let k = 0; k < block; k++) rows[row + k]! |= rows[other + k]!;
      }
    });
    for (const t of targets) {
      const row = local[t]! * block;
      let n = 0;
      for (let k = 0; k < block; k++) n += popcount(rows[row + k]!);
      sizes.set(t, sizes.get(t)! + n);
    }
    state.work += block * (list.length + edges + targets.length);
  }
  return sizes;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
