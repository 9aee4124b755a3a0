// The Terraform reader is total: any value at any place of a real plan is
// either refused with an InputError (exit 2) or read with every delete and
// forget it holds; never an internal error, never a destructive entry dropped.
// Bounded: a few hundred mutations per plan, always the same ones;
// PLANGATE_FUZZ_RUNS=N runs N fresh ones instead, over every path.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parsePlan } from '../../src/plan/read-plan.js';
import { DESTRUCTIVE_ACTIONS } from '../../src/plan/types.js';
import { describeCorpus, HAS_CORPUS } from '../corpus-path.js';
import { corpusJson } from './fixtures.js';

type Json = unknown;

const PLANS = [
  'terraform/terraform__tfplan2md__azuredevops-replace-delete.json',
  'terraform/terraform__hashicorp-terraform-json__basic-0.12.json',
  'terraform/terraform__tfplan-validator__count-index-delete-module.json',
  'terraform/terraform__checkov__for-each-modules-1.9.json',
  'terraform/terraform__terraform-plan-comment__forget-removed-block.json',
];

/** Every path to a value in `doc`, parents before children. */
function paths(doc: Json, limit = 4000): (string | number)[][] {
  const out: (string | number)[][] = [];
  const stack: [Json, (string | number)[]][] = [[doc, []]];
  while (stack.length > 0 && out.length < limit) {
    const [value, path] = stack.pop() as [Json, (string | number)[]];
    out.push(path);
    if (Array.isArray(value)) value.forEach((item, i) => stack.push([item, [...path, i]]));
    else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) stack.push([v, [...path, k]]);
  }
  return out;
}

function setAt(doc: Json, path: (string | number)[], value: unknown): Json {
  if (path.length === 0) return value === REMOVE ? {} : value;
  const copy = structuredClone(doc) as Record<string | number, Json>;
  let parent = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, Json>;
  const last = path.at(-1) as string | number;
  if (value === REMOVE) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else parent[last] = value;
  return copy;
}

/** Addresses of the entries whose action list deletes or forgets, whatever else they say. */
function destructiveEntries(doc: Json): string[] {
  const list = (doc as { resource_changes?: unknown }).resource_changes;
  if (!Array.isArray(list)) return [];
  return list.flatMap((rc: { address?: unknown; change?: { actions?: unknown } }) => {
    const actions = rc?.change?.actions;
    return typeof rc?.address === 'string' && Array.isArray(actions) && (actions.includes('delete') || actions.includes('forget')) ? [rc.address] : [];
  });
}

const REMOVE = Symbol('remove');
const FUZZ_RUNS = Number(process.env.PLANGATE_FUZZ_RUNS ?? 0);
// Values a plan field could be mistaken for: other types, near-misses of the real spellings.
const odd = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  { weight: 3, arbitrary: fc.constantFrom<Json>('managed', 'data', 'Managed', '', '\u0000', 'delete', ['delete'], ['create', 'delete'], ['read'], [], {}, [{}], null, true, 0, -1, 1e308, 'module.a', 'aws_x.y', 'data.aws_x.y', '["k"]', '0', 'abcd1234') },
  fc.constant<typeof REMOVE>(REMOVE),
);

describeCorpus('mutated Terraform plans', () => {
  const docs = HAS_CORPUS ? PLANS.map((file) => corpusJson(file)) : [];
  // An entry's own fields and its actions most: that is what the reader checks field by field.
  const targets = docs.map((doc) => {
    const all = paths(doc);
    const entry = all.filter((p) => p[0] === 'resource_changes' && (p.length <= 3 || (p[3] === 'actions' && p.length <= 5)));
    return [...entry, ...entry, ...(FUZZ_RUNS ? all : all.slice(0, 200))];
  });
  const mutation = fc.nat(PLANS.length - 1).chain((i) => fc.tuple(fc.constant(i), fc.constantFrom(...(targets[i] as (string | number)[][])), odd));

  it(`${PLANS.length} corpus plans of formats 0.1 to 1.2: read with every delete and forget, or refused`, () => {
    fc.assert(
      fc.property(mutation, ([i, path, value]) => {
        const mutated = setAt(docs[i], path, value);
        let plan;
        try {
          plan = parsePlan(Buffer.from(JSON.stringify(mutated)), 'mutated.json');
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          expect(error.message).toMatch(/^mutated\.json: [^\n]*$/);
          return;
        }
        const reported = new Set(plan.changes.filter((c) => DESTRUCTIVE_ACTIONS.has(c.action)).map((c) => c.resourceAddress));
        for (const address of destructiveEntries(mutated)) expect(reported, `${address} was dropped`).toContain(address);
      }),
      FUZZ_RUNS ? { numRuns: FUZZ_RUNS } : { numRuns: 1500, seed: 9 },
    );
  });
});
