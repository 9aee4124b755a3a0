/** Terraform's hashicorp/aws types. CloudFormation's are in cloudformation.ts. */

import type { TypeEntry } from './entry.js';
import {
  allocatedStorage,
  backupsDeleted,
  CLUSTER_MEMBER,
  clusterStorage,
  fate,
  finalSnapshot,
  forceDestroy,
  onOff,
  pointInTimeRecovery,
  READ_REPLICA,
  refused,
  size,
  sized,
  sizedDisk,
  snapshotTaken,
  startsEmpty,
  type Fact,
} from './facts.js';
import {
  DELETION_PROTECTION,
  deletionWindow,
  emptiesOnDelete,
  FINAL_SNAPSHOT_NAME,
  FORCE_DESTROY,
  protection,
  refusedBy,
  skipsSnapshot,
  stateOnly,
} from './guards.js';
import { amount, at, bytes, days, deviceName, flag, identifier, isEmpty, isSet, list } from './values.js';

const SNAPSHOT_GUARDS = [skipsSnapshot('skip_final_snapshot'), FINAL_SNAPSHOT_NAME];

/** RDS, Aurora, DocumentDB and Neptune: AWS's deletion protection and final snapshots. */
const database: TypeEntry = {
  noun: 'the database',
  guards: [refusedBy(DELETION_PROTECTION, 'AWS'), ...SNAPSHOT_GUARDS],
  replaced: startsEmpty('database', 'restored from a snapshot'),
};

/** A read replica's data lives on in its source; AWS takes no final snapshot of a replica. */
const replicaOrFinalSnapshot: Fact = (v) => {
  if (!isSet(v, 'replicate_source_db')) return finalSnapshot(v);
  const out = [READ_REPLICA];
  if (flag(v, 'skip_final_snapshot') === false && isEmpty(v, 'final_snapshot_identifier')) {
    out.push(refused('no final_snapshot_identifier is set, so the delete fails unless one is given'));
  }
  return out;
};

/** DocumentDB and Neptune: Aurora-style storage, and no way to keep automated backups. */
const documentGraphCluster: TypeEntry = {
  ...database,
  facts: [finalSnapshot, () => size('cluster storage: its size grows with the data'), backupsDeleted('backup_retention_period', 'automated backups', 'cluster')],
};

const clusterInstance: TypeEntry = {
  facts: [() => CLUSTER_MEMBER],
};

const elasticache: TypeEntry = {
  replaced: startsEmpty('cache', 'restored from a snapshot'),
  facts: [
    (v) => {
      if (at(v, 'engine') === 'memcached') return fate('memcached keeps no snapshots: the cached data is gone');
      if (isEmpty(v, 'final_snapshot_identifier')) return fate('no final snapshot: the cached data is gone');
      return isSet(v, 'final_snapshot_identifier') ? snapshotTaken(v, 'final_snapshot_identifier') : undefined;
    },
    backupsDeleted('snapshot_retention_limit', 'automatic backups', 'cache'),
  ],
};

const loadBalancer: TypeEntry = { noun: 'the load balancer', guards: [protection('enable_deletion_protection')] };

/** The EBS volumes an instance owns: deleted with it when delete_on_termination is true. */
const instanceVolumes: Fact = (v) =>
  (['root_block_device', 'ebs_block_device'] as const).flatMap((key) =>
    list(v, key).flatMap((block) => {
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

// Entries first naming a guard of one kind set the order reports list them in.
export const AWS: Readonly<Record<string, TypeEntry>> = {
  aws_db_instance: {
    ...database,
    facts: [
      replicaOrFinalSnapshot,
      allocatedStorage('allocated_storage', 'max_allocated_storage'),
      backupsDeleted('backup_retention_period', 'automated backups', 'instance', 'delete_automated_backups'),
    ],
  },
  aws_rds_cluster: {
    ...database,
    facts: [finalSnapshot, clusterStorage('engine', 'allocated_storage'), backupsDeleted('backup_retention_period', 'automated backups', 'cluster', 'delete_automated_backups')],
  },
  aws_docdb_cluster: documentGraphCluster,
  aws_neptune_cluster: documentGraphCluster,
  aws_redshift_cluster: {
    noun: 'the database',
    guards: SNAPSHOT_GUARDS,
    replaced: startsEmpty('cluster', 'restored from a snapshot'),
    facts: [
      finalSnapshot,
      (v) => {
        const nodes = amount(v, 'number_of_nodes');
        const type = identifier(v, 'node_type');
        return nodes && type ? size(`${nodes} ${type} ${nodes === 1 ? 'node' : 'nodes'}`) : undefined;
      },
      backupsDeleted('automated_snapshot_retention_period', 'automated snapshots', 'cluster'),
    ],
  },
  aws_rds_cluster_instance: clusterInstance,
  aws_docdb_cluster_instance: clusterInstance,
  aws_neptune_cluster_instance: clusterInstance,
  aws_qldb_ledger: { noun: 'the database', guards: [DELETION_PROTECTION] },
  aws_dynamodb_table: {
    noun: 'the database',
    guards: [refusedBy(protection('deletion_protection_enabled'), 'AWS')],
    replaced: startsEmpty('table', 'restored from a backup'),
    facts: [pointInTimeRecovery(['point_in_time_recovery', 0, 'enabled'])],
  },
  aws_elasticache_cluster: elasticache,
  aws_elasticache_replication_group: elasticache,
  aws_lb: loadBalancer,
  aws_alb: loadBalancer,
  aws_instance: {
    noun: 'the instance',
    guards: [refusedBy(protection('disable_api_termination'), 'AWS', 'to terminate the instance')],
    replaced: 'the new instance boots from its AMI, not from the old root volume',
    facts: [instanceVolumes],
  },
  aws_ebs_volume: {
    replaced: startsEmpty('volume', 'created from a snapshot'),
    facts: [onOff('final_snapshot', fate('a final snapshot is taken'), fate('no final snapshot: the data is gone')), sizedDisk('size', 'type', 'GiB', 'volume')],
  },
  aws_s3_bucket: { noun: 'the bucket', guards: [FORCE_DESTROY], replaced: startsEmpty('bucket'), facts: [forceDestroy] },
  aws_iam_user: { noun: 'the user', guards: [FORCE_DESTROY] },
  aws_route53_zone: { noun: 'the zone', guards: [FORCE_DESTROY] },
  aws_ecr_repository: { noun: 'the repository', guards: [emptiesOnDelete('force_delete')] },
  aws_efs_file_system: {
    replaced: startsEmpty('file system'),
    facts: [() => fate('every file in the file system is deleted'), sized(['size_in_bytes', 0, 'value'], (n) => `${bytes(n)} of files when last refreshed`)],
  },
  aws_secretsmanager_secret: {
    noun: 'the secret',
    guards: [deletionWindow('recovery_window_in_days')],
    facts: [
      (v) => {
        const n = amount(v, 'recovery_window_in_days');
        if (n === 0) return fate('recovery_window_in_days is 0: the secret is deleted at once, with no recovery');
        return n ? fate(`the secret can be restored for ${days(n)} after the delete`) : undefined;
      },
    ],
  },
  aws_kms_key: {
    noun: 'the key',
    guards: [deletionWindow('deletion_window_in_days')],
    replaced: 'the new key cannot decrypt data encrypted with the old one',
    facts: [
      (v) => {
        // Unset, AWS waits its default 30 days.
        const n = amount(v, 'deletion_window_in_days');
        const window = n ? days(n) : isEmpty(v, 'deletion_window_in_days') ? '30 days (the default)' : undefined;
        return window ? fate(`the key is scheduled for deletion after ${window} and can be restored until then`) : undefined;
      },
    ],
  },
  aws_cognito_user_pool: { noun: 'the user pool', guards: [DELETION_PROTECTION] },
  aws_lambda_layer_version: { guards: [stateOnly('skip_destroy')] },
};
