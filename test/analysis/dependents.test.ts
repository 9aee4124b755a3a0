import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blastRadii, LIMITS, MAX_LISTED_DEPENDENTS, type Limits } from '../../src/analysis/dependents.js';
import type { Dependencies } from '../../src/plan/dependencies.js';

// Node kinds: resources and root outputs are listed; variables, module outputs and module wiring are followed only.
const KINDS = [
  { name: (i: number) => `aws_db_instance.db${i}`, listed: true },
  { name: (i: number) => `module.m.aws_instance.app${i}`, listed: true },
  { name: (i: number) => `output.url${i}`, listed: true },
  { name: (i: number) => `module.m.var.v${i}`, listed: false },
  { name: (i: number) => `module.m.output.o${i}`, listed: false },
  { name: (i: number) => `module.m${i}.*`, listed: false },
];

interface Case {
  names: string[];
  listed: Set<string>;
  deps: Dependencies;
}

/** A graph from a list of edges [from, to] over `n` nodes of mixed kinds (node i → "from references to"). */
function graph(n: number, kinds: number[], edges: Array<[number, number]>): Case {
  const names = Array.from({ length: n }, (_, i) => (KINDS[kinds[i % kinds.length] as number] as (typeof KINDS)[number]).name(i));
  const listed = new Set(names.filter((_, i) => (KINDS[kinds[i % kinds.length] as number] as (typeof KINDS)[number]).listed));
  const deps: Dependencies = new Map();
  for (const [from, to] of edges) {
    if (from === to) continue;
    const set = deps.get(names[from] as string) ?? new Set<string>();
    deps.set(names[from] as string, set.add(names[to] as string));
  }
  return { names, listed, deps };
}

/** The oracle: a plain search per node. */
function bruteForce({ deps, listed }: Case, node: string): Set<string> {
  const referrers = new Map<string, string[]>();
  for (const [from, targets] of deps) for (const to of targets) referrers.set(to, [...(referrers.get(to) ?? []), from]);
  const seen = new Set([node]);
  const queue = [node];
  for (let i = 0; i < queue.length; i++) {
    for (const next of referrers.get(queue[i] as string) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  seen.delete(node);
  return new Set([...seen].filter((d) => listed.has(d)));
}

function checkAgainstOracle(c: Case, limits: Limits = LIMITS): { exact: number; atLeast: number } {
  const radii = blastRadii(c.deps, c.names, limits).dependents;
  let atLeast = 0;
  c.names.forEach((node, i) => {
    const got = radii[i];
    const want = bruteForce(c, node);
    expect(got?.listed, node).toEqual([...(got?.listed ?? [])].sort());
    expect(new Set(got?.listed).size).toBe(got?.listed.length);
    for (const d of got?.listed ?? []) expect(want.has(d), `${d} is a dependent of ${node}`).toBe(true);
    if (got?.atLeast) {
      atLeast++;
      expect(got.total).toBeLessThanOrEqual(want.size);
      expect(got.total).toBeGreaterThanOrEqual(got.listed.length);
    } else {
      expect(got?.total, node).toBe(want.size);
    }
    expect(got?.listed.length).toBe(Math.min(MAX_LISTED_DEPENDENTS, want.size));
  });
  return { exact: c.names.length - atLeast, atLeast };
}

const randomGraph = fc
  .record({
    n: fc.integer({ min: 1, max: 160 }),
    kinds: fc.array(fc.integer({ min: 0, max: KINDS.length - 1 }), { minLength: 1, maxLength: 12 }),
    edges: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 600 }),
  })
  .map(({ n, kinds, edges }) => graph(n, kinds, edges.map(([a, b]): [number, number] => [a % n, b % n])));

// Limits that send every count down one path: the search alone, bitsets, or the longest-path bounds.
const SEARCH_ONLY = LIMITS;
// (The search still names the nearest dependents: listMin lets it go on until the list is full.)
const BITSETS: Limits = { ...LIMITS, search: 0, listMin: Infinity, bitsetWords: 64 };
const BOUNDS: Limits = { ...LIMITS, search: 0, listMin: Infinity, bitsetWork: 0 };

describe('blastRadii against a plain search per node', () => {
  it.each([
    ['the search', SEARCH_ONLY],
    ['bitsets, in blocks', BITSETS],
    ['longest-path bounds (exact only when they meet, else a lower bound)', BOUNDS],
  ])('random graphs with cycles and wiring nodes, counted by %s', (_, limits) => {
    fc.assert(fc.property(randomGraph, (c) => void checkAgainstOracle(c, limits)), { numRuns: 60 });
  });

  it('a chain is counted exactly by its bounds, a mesh by bitsets; past both budgets a mesh says "at least"', () => {
    const n = 400;
    const chain = graph(n, [0], Array.from({ length: n - 1 }, (_, i): [number, number] => [i + 1, i]));
    expect(checkAgainstOracle(chain, BOUNDS)).toEqual({ exact: n, atLeast: 0 });
    const mesh = graph(n, [0, 1, 3], Array.from({ length: 4 * n }, (_, k): [number, number] => [Math.floor(k / 4), (k * 7919) % Math.max(1, Math.floor(k / 4))]));
    expect(checkAgainstOracle(mesh, BITSETS).atLeast).toBe(0);
    expect(checkAgainstOracle(mesh, BOUNDS).atLeast).toBeGreaterThan(0);
  });

  it('names nothing and counts nothing for a node no one references, or one not in the graph', () => {
    const c = graph(3, [0], [[1, 0]]);
    expect(blastRadii(c.deps, ['aws_db_instance.db1', 'aws_db_instance.nowhere']).dependents).toEqual([
      { listed: [], total: 0, atLeast: false },
      { listed: [], total: 0, atLeast: false },
    ]);
  });
});

describe('work stays bounded however the findings reference one another', () => {
  // The old per-finding search took n²/2 steps on a chain: 200 million here.
  const n = 20_000;
  // Searches share LIMITS.search, each may go on to LIMITS.listMin to name its nearest; bitsets cost at most LIMITS.bitsetWork.
  const bound = (c: Case) => LIMITS.search + n * LIMITS.listMin + LIMITS.bitsetWork + 4 * (n + [...c.deps.values()].reduce((a, s) => a + s.size, 0));

  it.each([
    ['a chain', graph(n, [0], Array.from({ length: n - 1 }, (_, i): [number, number] => [i + 1, i]))],
    ['a cycle through all of them', graph(n, [0], Array.from({ length: n }, (_, i): [number, number] => [(i + 1) % n, i]))],
    ['a mesh', graph(n, [0], Array.from({ length: 8 * n }, (_, k): [number, number] => [Math.floor(k / 8), (k * 7919) % Math.max(1, Math.floor(k / 8))]))],
  ])('%s of 20,000 findings', (_, c) => {
    const { dependents, work } = blastRadii(c.deps, c.names);
    expect(work).toBeLessThan(bound(c));
    expect(dependents[0]?.listed).toHaveLength(MAX_LISTED_DEPENDENTS);
    expect(dependents[0]?.total).toBeGreaterThan(MAX_LISTED_DEPENDENTS);
  });
});
