/**
 * What data goes with a destroyed resource, in plain lines a reviewer reads in
 * seconds: "no final snapshot: the data is gone", "500 GiB of allocated storage".
 *
 * Every line comes from a small fact function over the resource's values
 * before the change (Terraform's prior state, CloudFormation's BeforeContext
 * Properties) or its CloudFormation PolicyAction. A fact says nothing when its
 * input is absent, unknown or sensitive, and prints only numbers, booleans and
 * identifiers it has checked, never other values from the plan.
 */

import { isObject, type JsonObject } from '../json.js';
import { DESTRUCTIVE_ACTIONS, type Change } from '../plan/types.js';

/** A resource's attribute values (Terraform) or Properties (CloudFormation). */
type Values = Readonly<JsonObject>;

/** Where a line goes: most important first. */
const KEPT = 0; // the data survives
const REFUSED = 1; // the delete fails as planned
const REPLACED = 2; // what the replacement starts with
const FATE = 3; // what happens to the data
const SIZE = 4; // how much of it there is
const BACKUPS = 5; // what becomes of its backups

interface Statement {
  rank: number;
  text: string;
}

type Facts = Statement | Statement[] | undefined;

/** One rule: the lines a resource's values give. */
type Fact = (values: Values) => Facts;

interface Family {
  /** What the replacement starts with, after "replaced: ". */
  replaced?: string;
  /** CloudFormation DeletionPolicy Delete: what it means for this type (undefined: no claim). */
  deleted?: (values: Values) => Facts;
  facts: readonly Fact[];
}

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
  const family = TERRAFORM.get(change.type);
  const values = objectValues(change.before);
  if (!family || !values) return [];
  return [...replacement(change, family), ...run(family.facts, values)];
}

function cloudFormation(change: Change): Statement[] {
  const family = CLOUDFORMATION.get(change.type);
  const values = objectValues(change.before) ?? {};
  const policy = change.policyAction ?? '';
  if (change.action === 'forget' || policy === 'Retain') return [kept('DeletionPolicy Retain: the resource and its data are kept, outside the stack')];
  if (policy === 'ReplaceAndRetain') {
    return [kept('DeletionPolicy Retain: the old resource and its data are kept, outside the stack'), ...(family ? replacement(change, family) : [])];
  }
  const out: Statement[] = [];
  if (policy === 'Snapshot' || policy === 'ReplaceAndSnapshot') out.push(fate('a snapshot is taken (DeletionPolicy Snapshot)'));
  if (!family) return out;
  if ((policy === 'Delete' || policy === 'ReplaceAndDelete') && family.deleted) out.push(...list(family.deleted(values)));
  return [...out, ...replacement(change, family), ...run(family.facts, values)];
}

function replacement(change: Change, family: Family): Statement[] {
  if (change.action !== 'replace' || !family.replaced) return [];
  return [{ rank: REPLACED, text: `${change.conditional ? 'if replaced' : 'replaced'}: ${family.replaced}` }];
}

function run(facts: readonly Fact[], values: Values): Statement[] {
  return facts.flatMap((fact) => list(fact(values)));
}

function list(facts: Facts): Statement[] {
  return facts === undefined ? [] : Array.isArray(facts) ? facts : [facts];
}

const kept = (text: string): Statement => ({ rank: KEPT, text });
const refused = (text: string): Statement => ({ rank: REFUSED, text });
const fate = (text: string): Statement => ({ rank: FATE, text });
const size = (text: string): Statement => ({ rank: SIZE, text });
const backups = (text: string): Statement => ({ rank: BACKUPS, text });

// ---------------------------------------------------------------------------
// Reading values: only plain numbers, booleans and checked identifiers.

function objectValues(value: unknown): Values | undefined {
  return isObject(value) && Object.keys(value).length > 0 ? value : undefined;
}

/** The value at a path; Terraform nested blocks are lists, so `['settings', 0, 'disk_size']`. */
function at(values: unknown, path: readonly (string | number)[]): unknown {
  let value = values;
  for (const key of path) {
    if (typeof key === 'number') value = Array.isArray(value) ? (value[key] as unknown) : undefined;
    else value = isObject(value) ? value[key] : undefined;
  }
  return value;
}

type Path = string | readonly (string | number)[];
const steps = (path: Path): readonly (string | number)[] => (typeof path === 'string' ? [path] : path);

/** true/false; CloudFormation writes them as strings. Anything else (sensitive, unknown) is undefined. */
function flag(values: unknown, path: Path): boolean | undefined {
  const value = at(values, steps(path));
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}

/** A non-negative number; CloudFormation writes them as strings. */
function amount(values: unknown, path: Path): number | undefined {
  const value = at(values, steps(path));
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** Whether the attribute holds a non-empty value of any kind (a sensitive one included). */
function isSet(values: unknown, path: Path): boolean {
  const value = at(values, steps(path));
  return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
}

/** Whether the attribute is there but empty (null or ""): unset, as opposed to unknown. */
function isEmpty(values: unknown, path: Path): boolean {
  const value = at(values, steps(path));
  return value === null || value === '';
}

/** An identifier safe to print: a snapshot name, an ARN, a device or volume type. Never "(sensitive)". */
function identifier(values: unknown, path: Path): string | undefined {
  const value = at(values, steps(path));
  return typeof value === 'string' && /^[A-Za-z0-9][\w.:/-]{0,254}$/.test(value) ? value : undefined;
}

/** A block device name: `/dev/sdf`, `xvdb`. */
function deviceName(values: unknown, path: Path): string | undefined {
  const value = at(values, steps(path));
  return typeof value === 'string' && /^(\/dev\/)?[a-z][a-z0-9]{1,15}$/.test(value) ? value : undefined;
}

const days = (n: number): string => `${n} ${n === 1 ? 'day' : 'days'}`;

function bytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : Number(value.toFixed(1))} ${units[unit] as string}`;
}

// ---------------------------------------------------------------------------
// Facts shared by several types.

/** A guard the provider enforces: `deletion_protection is on: AWS refuses the delete until it is turned off`. */
const guard =
  (path: Path, who: string, what = 'the delete'): Fact =>
  (v) => {
    const name = steps(path).filter((s) => typeof s === 'string').join('.');
    return flag(v, path) === true ? refused(`${name} is on: ${who} refuses ${what} until it is turned off`) : undefined;
  };

/** `500 GiB of allocated storage (autoscaling up to 1000 GiB)`. */
const allocatedStorage =
  (attr: string, maxAttr?: string): Fact =>
  (v) => {
    const gib = amount(v, attr);
    if (!gib) return undefined;
    const max = maxAttr ? amount(v, maxAttr) : undefined;
    return size(`${gib} GiB of allocated storage${max && max > gib ? ` (autoscaling up to ${max} GiB)` : ''}`);
  };

/**
 * RDS, Aurora, DocumentDB, Neptune and Redshift: the provider takes a final
 * snapshot unless skip_final_snapshot is true, and fails the delete when no
 * final_snapshot_identifier names it.
 */
const finalSnapshot: Fact = (v) => {
  const skip = flag(v, 'skip_final_snapshot');
  if (skip === true) return fate('no final snapshot: the data is gone');
  if (skip !== false) return undefined;
  if (isEmpty(v, 'final_snapshot_identifier')) return refused('no final_snapshot_identifier is set, so the delete fails unless one is given');
  if (!isSet(v, 'final_snapshot_identifier')) return undefined;
  const id = identifier(v, 'final_snapshot_identifier');
  return fate(id ? `a final snapshot is taken (${id})` : 'a final snapshot is taken');
};

/** Automated backups: deleted with the database unless the delete keeps them. */
const automatedBackups =
  (retention: string, noun: string, keepFlag?: string): Fact =>
  (v) => {
    const n = amount(v, retention);
    if (!n) return undefined;
    const what = `automated backups (${days(n)})`;
    if (!keepFlag) return backups(`${what} are deleted with the ${noun}`);
    if (flag(v, keepFlag) === false) return backups(`${what} are kept after the delete (${keepFlag} is false)`);
    return backups(`${what} are deleted with the ${noun} unless ${keepFlag} is false`);
  };

/** Terraform force_destroy on a bucket (S3, GCS). */
const forceDestroy: Fact = (v) => {
  const force = flag(v, 'force_destroy');
  if (force === false) return refused('the delete fails if the bucket is not empty (force_destroy is off)');
  if (force !== true) return undefined;
  const out = [fate('force_destroy is on: every object is deleted with the bucket')];
  if (flag(v, ['versioning', 0, 'enabled']) === true) out.push(fate('versioned: older object versions go too'));
  if (flag(v, 'object_lock_enabled') === true) out.push(refused('object lock is on: locked objects cannot be deleted, so the delete can fail'));
  return out;
};

// ---------------------------------------------------------------------------
// Terraform: AWS.

const rdsInstance: Family = {
  replaced: 'the new database starts empty unless restored from a snapshot',
  facts: [
    guard('deletion_protection', 'AWS'),
    (v) => {
      // A read replica's data lives on in its source; AWS takes no final snapshot of a replica.
      if (!isSet(v, 'replicate_source_db')) return finalSnapshot(v);
      const out = [kept('a read replica: its source database keeps the data')];
      if (flag(v, 'skip_final_snapshot') === false && isEmpty(v, 'final_snapshot_identifier')) {
        out.push(refused('no final_snapshot_identifier is set, so the delete fails unless one is given'));
      }
      return out;
    },
    allocatedStorage('allocated_storage', 'max_allocated_storage'),
    automatedBackups('backup_retention_period', 'instance', 'delete_automated_backups'),
  ],
};

const rdsCluster: Family = {
  replaced: 'the new database starts empty unless restored from a snapshot',
  facts: [
    guard('deletion_protection', 'AWS'),
    finalSnapshot,
    (v) => {
      const engine = at(v, ['engine']);
      if (typeof engine === 'string' && engine.startsWith('aurora')) return size('Aurora storage: its size grows with the data');
      return allocatedStorage('allocated_storage')(v);
    },
    automatedBackups('backup_retention_period', 'cluster', 'delete_automated_backups'),
  ],
};

/** DocumentDB and Neptune: Aurora-style storage, and no way to keep automated backups. */
const documentGraphCluster: Family = {
  replaced: 'the new database starts empty unless restored from a snapshot',
  facts: [
    guard('deletion_protection', 'AWS'),
    finalSnapshot,
    () => size('cluster storage: its size grows with the data'),
    automatedBackups('backup_retention_period', 'cluster'),
  ],
};

const redshiftCluster: Family = {
  replaced: 'the new cluster starts empty unless restored from a snapshot',
  facts: [
    finalSnapshot,
    (v) => {
      const nodes = amount(v, 'number_of_nodes');
      const type = identifier(v, 'node_type');
      return nodes && type ? size(`${nodes} ${type} ${nodes === 1 ? 'node' : 'nodes'}`) : undefined;
    },
    (v) => {
      const n = amount(v, 'automated_snapshot_retention_period');
      return n ? backups(`automated snapshots (${days(n)}) are deleted with the cluster`) : undefined;
    },
  ],
};

const clusterInstance: Family = {
  facts: [() => kept("a cluster instance: the data stays in the cluster's storage")],
};

const ebsVolume: Family = {
  replaced: 'the new volume starts empty unless created from a snapshot',
  facts: [
    (v) => {
      const final = flag(v, 'final_snapshot');
      if (final === true) return fate('a final snapshot is taken');
      if (final === false) return fate('no final snapshot: the data is gone');
      return undefined;
    },
    (v) => {
      const gib = amount(v, 'size');
      const type = identifier(v, 'type');
      return gib ? size(`${gib} GiB ${type ? `${type} ` : ''}volume`) : undefined;
    },
  ],
};

/** The EBS volumes an instance owns: deleted with it when delete_on_termination is true. */
const instanceVolumes: Fact = (v) =>
  (['root_block_device', 'ebs_block_device'] as const).flatMap((key) =>
    arrayAt(v, key).flatMap((block) => {
      const gib = amount(block, 'volume_size');
      const type = identifier(block, 'volume_type');
      const device = key === 'ebs_block_device' ? deviceName(block, 'device_name') : undefined;
      const what = [gib ? `${gib} GiB` : '', type ?? '', key === 'root_block_device' ? 'root volume' : 'volume'].filter((w) => w !== '').join(' ');
      const volume = `the ${what}${device ? ` at ${device}` : ''}`;
      const onTermination = flag(block, 'delete_on_termination');
      if (onTermination === true) return [fate(`${volume} is deleted with the instance`)];
      if (onTermination === false) return [fate(`${volume} is kept (delete_on_termination is false)`)];
      return [];
    }),
  );

function arrayAt(values: unknown, key: string): unknown[] {
  const value = at(values, [key]);
  return Array.isArray(value) ? value : [];
}

const ec2Instance: Family = {
  replaced: 'the new instance boots from its AMI, not from the old root volume',
  facts: [
    guard('disable_api_termination', 'AWS', 'to terminate the instance'),
    instanceVolumes,
  ],
};

const s3Bucket: Family = {
  replaced: 'the new bucket starts empty',
  facts: [forceDestroy],
};

const dynamodbTable: Family = {
  replaced: 'the new table starts empty unless restored from a backup',
  facts: [
    guard('deletion_protection_enabled', 'AWS'),
    (v) => {
      // DynamoDB keeps a system backup ("<table>$DeletedTableBackup") of a PITR table it deletes.
      const pitr = flag(v, ['point_in_time_recovery', 0, 'enabled']);
      if (pitr === true) return fate('point-in-time recovery is on: AWS keeps a system backup of the table for 35 days');
      if (pitr === false) return fate('no point-in-time recovery: the items are gone unless an on-demand backup exists');
      return undefined;
    },
  ],
};

const elasticache: Family = {
  replaced: 'the new cache starts empty unless restored from a snapshot',
  facts: [
    (v) => {
      if (at(v, ['engine']) === 'memcached') return fate('memcached keeps no snapshots: the cached data is gone');
      if (isEmpty(v, 'final_snapshot_identifier')) return fate('no final snapshot: the cached data is gone');
      if (!isSet(v, 'final_snapshot_identifier')) return undefined;
      const id = identifier(v, 'final_snapshot_identifier');
      return fate(id ? `a final snapshot is taken (${id})` : 'a final snapshot is taken');
    },
    (v) => {
      const n = amount(v, 'snapshot_retention_limit');
      return n ? backups(`automatic backups (${days(n)}) are deleted with the cache`) : undefined;
    },
  ],
};

const efsFileSystem: Family = {
  replaced: 'the new file system starts empty',
  facts: [
    () => fate('every file in the file system is deleted'),
    (v) => {
      const n = amount(v, ['size_in_bytes', 0, 'value']);
      return n ? size(`${bytes(n)} of files when last refreshed`) : undefined;
    },
  ],
};

const kmsKey: Family = {
  replaced: 'the new key cannot decrypt data encrypted with the old one',
  facts: [
    (v) => {
      // Unset, AWS waits its default 30 days.
      const n = amount(v, 'deletion_window_in_days');
      const window = n ? days(n) : isEmpty(v, 'deletion_window_in_days') ? '30 days (the default)' : undefined;
      return window ? fate(`the key is scheduled for deletion after ${window} and can be restored until then`) : undefined;
    },
  ],
};

const secret: Family = {
  facts: [
    (v) => {
      const n = amount(v, 'recovery_window_in_days');
      if (n === 0) return fate('recovery_window_in_days is 0: the secret is deleted at once, with no recovery');
      return n ? fate(`the secret can be restored for ${days(n)} after the delete`) : undefined;
    },
  ],
};

// ---------------------------------------------------------------------------
// Terraform: Google Cloud.

const cloudSqlInstance: Family = {
  replaced: 'the new database starts empty unless restored from a backup',
  facts: [
    // Terraform's own guard (default true), then Cloud SQL's.
    guard('deletion_protection', 'Terraform'),
    (v) =>
      flag(v, ['settings', 0, 'deletion_protection_enabled']) === true
        ? refused('deletion protection is on in Cloud SQL: Google Cloud refuses the delete until it is turned off')
        : undefined,
    (v) => {
      if (isSet(v, 'master_instance_name')) return kept('a read replica: its primary instance keeps the data');
      const config = at(v, ['settings', 0, 'final_backup_config']);
      if (!Array.isArray(config)) return undefined;
      if (flag(config, [0, 'enabled']) === true) {
        const n = amount(config, [0, 'retention_days']);
        return fate(`a final backup is taken${n ? ` (kept ${days(n)})` : ''}`);
      }
      return fate(flag(v, ['settings', 0, 'retain_backups_on_delete']) === true ? 'no final backup is taken' : 'no final backup: the data is gone');
    },
    (v) => {
      const gb = amount(v, ['settings', 0, 'disk_size']);
      return gb ? size(`${gb} GB of storage`) : undefined;
    },
    (v) => {
      if (flag(v, ['settings', 0, 'backup_configuration', 0, 'enabled']) !== true) return undefined;
      const retain = flag(v, ['settings', 0, 'retain_backups_on_delete']);
      if (retain === true) return backups('automated backups are kept after the delete (retain_backups_on_delete)');
      return backups('automated backups are deleted with the instance unless retain_backups_on_delete is true');
    },
  ],
};

const computeDisk: Family = {
  replaced: 'the new disk starts empty unless created from a snapshot or image',
  facts: [
    (v) => {
      const gb = amount(v, 'size');
      const type = identifier(v, 'type');
      return gb ? size(`${gb} GB ${type ? `${type} ` : ''}disk`) : undefined;
    },
  ],
};

const computeInstance: Family = {
  replaced: 'the new instance boots from its image, not from the old boot disk',
  facts: [
    guard('deletion_protection', 'Google Cloud'),
    (v) => {
      const autoDelete = flag(v, ['boot_disk', 0, 'auto_delete']);
      const gb = amount(v, ['boot_disk', 0, 'initialize_params', 0, 'size']);
      const disk = `the ${gb ? `${gb} GB ` : ''}boot disk`;
      if (autoDelete === true) return fate(`${disk} is deleted with the instance`);
      if (autoDelete === false) return fate(`${disk} is kept (auto_delete is false)`);
      return undefined;
    },
  ],
};

const gcsBucket: Family = {
  replaced: 'the new bucket starts empty',
  facts: [forceDestroy],
};

const bigqueryDataset: Family = {
  replaced: 'the new dataset starts empty',
  facts: [
    (v) => {
      const contents = flag(v, 'delete_contents_on_destroy');
      if (contents === true) return fate('delete_contents_on_destroy is on: every table in the dataset is deleted');
      if (contents === false) return refused('the delete fails if the dataset holds tables (delete_contents_on_destroy is off)');
      return undefined;
    },
  ],
};

/** Types whose deletion_protection is Terraform's own guard (default true). */
const terraformGuarded = (replaced: string): Family => ({ replaced, facts: [guard('deletion_protection', 'Terraform')] });

// ---------------------------------------------------------------------------
// Terraform: Azure.

const keyVault: Family = {
  replaced: 'the new key vault starts with no keys, secrets or certificates',
  facts: [
    (v) => {
      const n = amount(v, 'soft_delete_retention_days');
      const window = n ? ` for ${days(n)}` : '';
      const purgeProtection = flag(v, 'purge_protection_enabled');
      if (purgeProtection === true) return fate(`soft-deleted with its keys, secrets and certificates: recoverable${window} (purge protection is on)`);
      if (purgeProtection === false) {
        // azurerm purges a soft-deleted vault on destroy unless features.key_vault.purge_soft_delete_on_destroy is false.
        return [
          fate('no purge protection: the azurerm provider purges the vault on destroy by default, with every key, secret and certificate in it'),
          backups(`recoverable${window} only if the provider's features.key_vault.purge_soft_delete_on_destroy is false`),
        ];
      }
      return fate('every key, secret and certificate in the vault goes with it');
    },
  ],
};

const managedDisk: Family = {
  replaced: 'the new disk starts empty unless created from a snapshot or image',
  facts: [
    (v) => {
      const gib = amount(v, 'disk_size_gb');
      const type = identifier(v, 'storage_account_type');
      return gib ? size(`${gib} GiB ${type ? `${type} ` : ''}managed disk`) : undefined;
    },
  ],
};

const storageAccount: Family = {
  replaced: 'the new storage account starts empty',
  facts: [() => fate('every blob, file share, table and queue in the account is deleted')],
};

const flexibleServer = (sizeFact: Fact): Family => ({
  replaced: 'the new server starts empty unless restored from a backup',
  facts: [sizeFact],
});

// ---------------------------------------------------------------------------
// The Terraform table.

const TERRAFORM: ReadonlyMap<string, Family> = new Map<string, Family>([
  ['aws_db_instance', rdsInstance],
  ['aws_rds_cluster', rdsCluster],
  ['aws_docdb_cluster', documentGraphCluster],
  ['aws_neptune_cluster', documentGraphCluster],
  ['aws_redshift_cluster', redshiftCluster],
  ['aws_rds_cluster_instance', clusterInstance],
  ['aws_docdb_cluster_instance', clusterInstance],
  ['aws_neptune_cluster_instance', clusterInstance],
  ['aws_ebs_volume', ebsVolume],
  ['aws_instance', ec2Instance],
  ['aws_s3_bucket', s3Bucket],
  ['aws_dynamodb_table', dynamodbTable],
  ['aws_elasticache_cluster', elasticache],
  ['aws_elasticache_replication_group', elasticache],
  ['aws_efs_file_system', efsFileSystem],
  ['aws_kms_key', kmsKey],
  ['aws_secretsmanager_secret', secret],
  ['google_sql_database_instance', cloudSqlInstance],
  ['google_compute_disk', computeDisk],
  ['google_compute_instance', computeInstance],
  ['google_storage_bucket', gcsBucket],
  ['google_bigquery_dataset', bigqueryDataset],
  ['google_bigquery_table', terraformGuarded('the new table starts empty')],
  ['google_spanner_database', terraformGuarded('the new database starts empty unless restored from a backup')],
  ['google_bigtable_instance', terraformGuarded('the new instance starts empty unless restored from a backup')],
  ['azurerm_key_vault', keyVault],
  ['azurerm_managed_disk', managedDisk],
  ['azurerm_storage_account', storageAccount],
  [
    'azurerm_postgresql_flexible_server',
    flexibleServer((v) => {
      const mb = amount(v, 'storage_mb');
      return mb ? size(`${Number((mb / 1024).toFixed(1))} GiB of storage`) : undefined;
    }),
  ],
  [
    'azurerm_mysql_flexible_server',
    flexibleServer((v) => {
      const gb = amount(v, ['storage', 0, 'size_gb']);
      return gb ? size(`${gb} GB of storage`) : undefined;
    }),
  ],
  [
    'azurerm_mssql_database',
    {
      replaced: 'the new database starts empty unless restored from a backup',
      facts: [
        (v) => {
          const gb = amount(v, 'max_size_gb');
          return gb ? size(`up to ${gb} GB of data`) : undefined;
        },
      ],
    },
  ],
]);

// ---------------------------------------------------------------------------
// CloudFormation: Properties, with PolicyAction read above.

const cfnDataGone = (text = 'no snapshot is taken, the data is gone') => (): Facts => fate(`DeletionPolicy Delete: ${text}`);

const cfnRdsInstance: Family = {
  replaced: 'the new database starts empty unless restored from a snapshot',
  // Without its Properties a cluster member or replica cannot be told apart, so no claim.
  deleted: (v) =>
    Object.keys(v).length === 0 || isSet(v, 'DBClusterIdentifier') || isSet(v, 'SourceDBInstanceIdentifier')
      ? undefined
      : fate('DeletionPolicy Delete: no snapshot is taken, the data is gone'),
  facts: [
    guard('DeletionProtection', 'AWS'),
    (v) => (isSet(v, 'DBClusterIdentifier') ? kept("a cluster instance: the data stays in the cluster's storage") : undefined),
    (v) => (isSet(v, 'SourceDBInstanceIdentifier') ? kept('a read replica: its source database keeps the data') : undefined),
    allocatedStorage('AllocatedStorage', 'MaxAllocatedStorage'),
    (v) => (isSet(v, 'DBClusterIdentifier') ? undefined : automatedBackups('BackupRetentionPeriod', 'instance', 'DeleteAutomatedBackups')(v)),
  ],
};

const cfnRdsCluster: Family = {
  replaced: 'the new database starts empty unless restored from a snapshot',
  deleted: cfnDataGone(),
  facts: [
    guard('DeletionProtection', 'AWS'),
    (v) => {
      const engine = at(v, ['Engine']);
      if (typeof engine === 'string' && engine.startsWith('aurora')) return size('Aurora storage: its size grows with the data');
      return allocatedStorage('AllocatedStorage')(v);
    },
    automatedBackups('BackupRetentionPeriod', 'cluster'),
  ],
};

const cfnDocumentGraphCluster: Family = {
  replaced: 'the new database starts empty unless restored from a snapshot',
  deleted: cfnDataGone(),
  facts: [guard('DeletionProtection', 'AWS'), automatedBackups('BackupRetentionPeriod', 'cluster')],
};

const cfnRedshiftCluster: Family = {
  replaced: 'the new cluster starts empty unless restored from a snapshot',
  deleted: cfnDataGone(),
  facts: [
    (v) => {
      const n = amount(v, 'AutomatedSnapshotRetentionPeriod');
      return n ? backups(`automated snapshots (${days(n)}) are deleted with the cluster`) : undefined;
    },
  ],
};

const cfnVolume: Family = {
  replaced: 'the new volume starts empty unless created from a snapshot',
  deleted: cfnDataGone(),
  facts: [
    (v) => {
      const gib = amount(v, 'Size');
      const type = identifier(v, 'VolumeType');
      return gib ? size(`${gib} GiB ${type ? `${type} ` : ''}volume`) : undefined;
    },
  ],
};

const cfnDynamodbTable: Family = {
  replaced: 'the new table starts empty unless restored from a backup',
  deleted: cfnDataGone('the table and every item in it are deleted'),
  facts: [
    guard('DeletionProtectionEnabled', 'AWS'),
    (v) => {
      const pitr = flag(v, ['PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled']);
      if (pitr === true) return fate('point-in-time recovery is on: AWS keeps a system backup of the table for 35 days');
      if (pitr === false) return fate('no point-in-time recovery: the items are gone unless an on-demand backup exists');
      return undefined;
    },
  ],
};

const cfnBucket: Family = {
  replaced: 'the new bucket starts empty',
  // CloudFormation never empties a bucket: deleting one that holds objects fails.
  deleted: () => refused('DeletionPolicy Delete: the delete fails if the bucket is not empty (CloudFormation does not empty buckets)'),
  facts: [],
};

const cfnCache: Family = {
  replaced: 'the new cache starts empty unless restored from a snapshot',
  deleted: cfnDataGone('no snapshot is taken, the cached data is gone'),
  facts: [
    (v) => {
      const n = amount(v, 'SnapshotRetentionLimit');
      return n ? backups(`automatic backups (${days(n)}) are deleted with the cache`) : undefined;
    },
  ],
};

const CLOUDFORMATION: ReadonlyMap<string, Family> = new Map<string, Family>([
  ['AWS::RDS::DBInstance', cfnRdsInstance],
  ['AWS::RDS::DBCluster', cfnRdsCluster],
  ['AWS::DocDB::DBCluster', cfnDocumentGraphCluster],
  ['AWS::Neptune::DBCluster', cfnDocumentGraphCluster],
  ['AWS::Redshift::Cluster', cfnRedshiftCluster],
  ['AWS::EC2::Volume', cfnVolume],
  ['AWS::DynamoDB::Table', cfnDynamodbTable],
  ['AWS::DynamoDB::GlobalTable', { ...cfnDynamodbTable, facts: [] }],
  ['AWS::S3::Bucket', cfnBucket],
  ['AWS::ElastiCache::CacheCluster', cfnCache],
  ['AWS::ElastiCache::ReplicationGroup', cfnCache],
  ['AWS::EFS::FileSystem', { replaced: 'the new file system starts empty', deleted: cfnDataGone('every file in the file system is deleted'), facts: [] }],
]);
