/**
 * Data-at-risk lines and the facts that write them. A fact reads a resource's
 * values before the change and says nothing when its input is absent, unknown
 * or sensitive. Facts more than one type states are built here.
 */

import { amount, at, days, flag, identifier, isEmpty, isSet, type Path, type Values } from './values.js';

/** Where a line goes: most important first. */
const KEPT = 0; // the data survives
const REFUSED = 1; // the delete fails as planned
export const REPLACED = 2; // what the replacement starts with
const FATE = 3; // what happens to the data
const SIZE = 4; // how much of it there is
const BACKUPS = 5; // what becomes of its backups

export interface Statement {
  rank: number;
  text: string;
}

export type Facts = Statement | Statement[] | undefined;

/** One rule: the lines a resource's values give. */
export type Fact = (values: Values) => Facts;

export const kept = (text: string): Statement => ({ rank: KEPT, text });
export const refused = (text: string): Statement => ({ rank: REFUSED, text });
export const fate = (text: string): Statement => ({ rank: FATE, text });
export const size = (text: string): Statement => ({ rank: SIZE, text });
export const backups = (text: string): Statement => ({ rank: BACKUPS, text });

/** A database whose data another one holds. */
export const CLUSTER_MEMBER = kept("a cluster instance: the data stays in the cluster's storage");
export const READ_REPLICA = kept('a read replica: its source database keeps the data');

/** "the new database starts empty unless restored from a snapshot": what a replacement starts with. */
export const startsEmpty = (what: string, unless?: string): string => `the new ${what} starts empty${unless ? ` unless ${unless}` : ''}`;

/** A size line when the attribute holds an amount: `250 GB of storage`. */
export const sized =
  (path: Path, text: (n: number) => string): Fact =>
  (v) => {
    const n = amount(v, path);
    return n ? size(text(n)) : undefined;
  };

/** A disk or volume: `200 GiB gp3 volume`, `100 GB pd-ssd disk`. */
export const sizedDisk =
  (sizeAttr: string, typeAttr: string, unit: string, noun: string): Fact =>
  (v) => {
    const n = amount(v, sizeAttr);
    const type = identifier(v, typeAttr);
    return n ? size(`${n} ${unit} ${type ? `${type} ` : ''}${noun}`) : undefined;
  };

/** `500 GiB of allocated storage (autoscaling up to 1000 GiB)`. */
export const allocatedStorage =
  (attr: string, maxAttr?: string): Fact =>
  (v) => {
    const gib = amount(v, attr);
    if (!gib) return undefined;
    const max = maxAttr ? amount(v, maxAttr) : undefined;
    return size(`${gib} GiB of allocated storage${max && max > gib ? ` (autoscaling up to ${max} GiB)` : ''}`);
  };

/** An RDS cluster: Aurora storage grows with the data; other engines allocate it. */
export const clusterStorage =
  (engineAttr: string, allocatedAttr: string): Fact =>
  (v) => {
    const engine = at(v, engineAttr);
    if (typeof engine === 'string' && engine.startsWith('aurora')) return size('Aurora storage: its size grows with the data');
    return allocatedStorage(allocatedAttr)(v);
  };

/**
 * Backups kept for `retention` days, deleted with the resource; where a
 * `keepFlag` can keep them, it says which way it is set.
 */
export const backupsDeleted =
  (retention: string, what: string, owner: string, keepFlag?: string): Fact =>
  (v) => {
    const n = amount(v, retention);
    if (!n) return undefined;
    const these = `${what} (${days(n)})`;
    if (!keepFlag) return backups(`${these} are deleted with the ${owner}`);
    if (flag(v, keepFlag) === false) return backups(`${these} are kept after the delete (${keepFlag} is false)`);
    return backups(`${these} are deleted with the ${owner} unless ${keepFlag} is false`);
  };

/** `a final snapshot is taken (orders-final)`, naming it only when the name is safe to print. */
export function snapshotTaken(v: Values, attr: string): Statement {
  const id = identifier(v, attr);
  return fate(id ? `a final snapshot is taken (${id})` : 'a final snapshot is taken');
}

/**
 * RDS, Aurora, DocumentDB, Neptune and Redshift: the provider takes a final
 * snapshot unless skip_final_snapshot is true, and fails the delete when no
 * final_snapshot_identifier names it.
 */
export const finalSnapshot: Fact = (v) => {
  const skip = flag(v, 'skip_final_snapshot');
  if (skip === true) return fate('no final snapshot: the data is gone');
  if (skip !== false) return undefined;
  if (isEmpty(v, 'final_snapshot_identifier')) return refused('no final_snapshot_identifier is set, so the delete fails unless one is given');
  if (!isSet(v, 'final_snapshot_identifier')) return undefined;
  return snapshotTaken(v, 'final_snapshot_identifier');
};

/** One line while a flag is true, another while it is false, none while it is unknown. */
export const onOff =
  (path: Path, on: Statement, off: Statement): Fact =>
  (v) => {
    const value = flag(v, path);
    return value === true ? on : value === false ? off : undefined;
  };

/** DynamoDB keeps a system backup ("<table>$DeletedTableBackup") of a PITR table it deletes. */
export const pointInTimeRecovery = (path: Path): Fact =>
  onOff(
    path,
    fate('point-in-time recovery is on: AWS keeps a system backup of the table for 35 days'),
    fate('no point-in-time recovery: the items are gone unless an on-demand backup exists'),
  );

/** Terraform force_destroy on a bucket (S3, GCS). */
export const forceDestroy: Fact = (v) => {
  const force = flag(v, 'force_destroy');
  if (force === false) return refused('the delete fails if the bucket is not empty (force_destroy is off)');
  if (force !== true) return undefined;
  const out = [fate('force_destroy is on: every object is deleted with the bucket')];
  if (flag(v, ['versioning', 0, 'enabled']) === true) out.push(fate('versioned: older object versions go too'));
  if (flag(v, 'object_lock_enabled') === true) out.push(refused('object lock is on: locked objects cannot be deleted, so the delete can fail'));
  return out;
};

