/**
 * What data goes with a destroyed resource, in plain lines a reviewer reads in
 * seconds: "no final snapshot: the data is gone", "500 GiB of allocated storage".
 *
 * Every line comes from a fact of the type's entry (./resources/) over the
 * resource's values before the change (Terraform's prior state,
 * CloudFormation's BeforeContext Properties) or its CloudFormation PolicyAction.
 */

import { DESTRUCTIVE_ACTIONS, type Change } from '../plan/types.js';
import { fate, kept, REPLACED, type Fact, type Facts, type Statement } from './resources/facts.js';
import { entryOf, type TypeEntry } from './resources/index.js';
import { objectValues, type Values } from './resources/values.js';

/**
 * Plain statements of what data goes with a destroyed (delete, replace,
 * forget) resource, most important first; [] when nothing is known. Pure.
 */
export function dataAtRisk(change: Change): string[] {
  if (!DESTRUCTIVE_ACTIONS.has(change.action)) return [];
  const statements = change.format === 'cloudformation' ? cloudFormation(change) : terraform(change);
  const ordered = statements.map((s, i) => ({ ...s, i })).sort((a, b) => a.rank - b.rank || a.i - b.i);
  return [...new Set(ordered.map((s) => s.text))];
}

function terraform(change: Change): Statement[] {
  if (change.action === 'forget') return [kept('removed from Terraform state only: the resource and its data stay, unmanaged')];
  const entry = entryOf('terraform', change.type);
  const values = objectValues(change.before);
  if (!entry || !values) return [];
  return [...replacement(change, entry), ...run(facts(entry), values)];
}

function cloudFormation(change: Change): Statement[] {
  const entry = entryOf('cloudformation', change.type);
  const values = objectValues(change.before) ?? {};
  const policy = change.policyAction ?? '';
  if (change.action === 'forget' || policy === 'Retain') return [kept('DeletionPolicy Retain: the resource and its data are kept, outside the stack')];
  if (policy === 'ReplaceAndRetain') {
    return [kept('DeletionPolicy Retain: the old resource and its data are kept, outside the stack'), ...(entry ? replacement(change, entry) : [])];
  }
  const out: Statement[] = [];
  if (policy === 'Snapshot' || policy === 'ReplaceAndSnapshot') out.push(fate('a snapshot is taken (DeletionPolicy Snapshot)'));
  if (!entry) return out;
  if ((policy === 'Delete' || policy === 'ReplaceAndDelete') && entry.deleted) out.push(...list(entry.deleted(values)));
  return [...out, ...replacement(change, entry), ...run(facts(entry), values)];
}

/** The guards' refusals first, then the type's own facts. */
function facts(entry: TypeEntry): Fact[] {
  return [...(entry.guards ?? []).flatMap((g) => (g.refusal ? [g.refusal] : [])), ...(entry.facts ?? [])];
}

function replacement(change: Change, entry: TypeEntry): Statement[] {
  if (change.action !== 'replace' || !entry.replaced) return [];
  return [{ rank: REPLACED, text: `${change.conditional ? 'if replaced' : 'replaced'}: ${entry.replaced}` }];
}

function run(facts: readonly Fact[], values: Values): Statement[] {
  return facts.flatMap((fact) => list(fact(values)));
}

function list(facts: Facts): Statement[] {
  return facts === undefined ? [] : Array.isArray(facts) ? facts : [facts];
}
