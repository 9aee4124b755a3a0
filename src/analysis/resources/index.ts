/**
 * What plangate knows about resource types, one module a provider. An
 * entry holds a type's guards, its data-at-risk facts and its noun.
 */

import type { PlanFormat } from '../../plan/types.js';
import { AWS } from './aws.js';
import { AZURE } from './azure.js';
import { CLOUDFORMATION } from './cloudformation.js';
import type { TypeEntry } from './entry.js';
import { GOOGLE } from './google.js';
import { reportOrder, type Guard } from './guards.js';

export type { TypeEntry } from './entry.js';
export type { Guard } from './guards.js';

const ENTRIES: Readonly<Record<PlanFormat, ReadonlyMap<string, TypeEntry>>> = {
  terraform: new Map(Object.entries({ ...AWS, ...GOOGLE, ...AZURE })),
  cloudformation: new Map(Object.entries(CLOUDFORMATION)),
};

/** Every type plangate has an entry for, in either format. */
export function knownTypes(): string[] {
  return [...ENTRIES.terraform.keys(), ...ENTRIES.cloudformation.keys()];
}

export function entryOf(format: PlanFormat, type: string): TypeEntry | undefined {
  return ENTRIES[format].get(type);
}

/** Every guard the format's entries name, one per name, by kind and then in the order first named. */
function guardsNamed(entries: ReadonlyMap<string, TypeEntry>): readonly Guard[] {
  const byName = new Map<string, Guard>();
  for (const entry of entries.values()) for (const guard of entry.guards ?? []) if (!byName.has(guard.name)) byName.set(guard.name, guard);
  return [...byName.values()].sort((a, b) => reportOrder(a) - reportOrder(b));
}

const GUARDS: Readonly<Record<PlanFormat, readonly Guard[]>> = {
  terraform: guardsNamed(ENTRIES.terraform),
  cloudformation: guardsNamed(ENTRIES.cloudformation),
};

/** The guards to check on any change of the format: providers reuse guard names across types, so every one applies to every type. */
export function guardsOf(format: PlanFormat): readonly Guard[] {
  return GUARDS[format];
}

/** What the reviewer stands to lose, in words: "the database", "the bucket", … */
export function nounOf(format: PlanFormat, type: string): string {
  return entryOf(format, type)?.noun ?? guessedNoun(type);
}

// Every update is asked its noun, and a plan repeats a few types thousands of times: each is guessed once.
const guessed = new Map<string, string>();

function guessedNoun(type: string): string {
  let noun = guessed.get(type);
  if (noun === undefined) guessed.set(type, (noun = nounFromName(type)));
  return noun;
}

/** A type without an entry (or a noun in it): guessed from the words of its name. */
function nounFromName(type: string): string {
  const t = type.toLowerCase();
  if (/key_?vault/.test(t)) return 'the key vault';
  if (/secret/.test(t)) return 'the secret';
  if (/kms/.test(t)) return 'the key';
  if (/recovery_services|backup/.test(t)) return 'the vault';
  if (/(^|_|::)(db|rds|docdb|neptune|redshift|dynamodb|spanner|bigtable|qldb|sql|alloydb)(_|::|$)|database|dbcluster|dbinstance/.test(t)) return 'the database';
  if (/bucket|::s3::/.test(t)) return 'the bucket';
  if (/(^|_)(lb|alb)(_|$)|loadbalancer/.test(t)) return 'the load balancer';
  if (/table/.test(t)) return 'the table';
  if (/cluster/.test(t)) return 'the cluster';
  if (/instance/.test(t)) return 'the instance';
  if (/repository/.test(t)) return 'the repository';
  if (/zone/.test(t)) return 'the zone';
  if (/user_?pool/.test(t)) return 'the user pool';
  if (/user/.test(t)) return 'the user';
  return 'the resource';
}
