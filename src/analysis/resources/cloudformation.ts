/**
 * CloudFormation's AWS types, read from their Properties. DeletionPolicy and
 * UpdateReplacePolicy guard every type; a type's entry says what Delete means
 * for it, and which policy applies when the template sets none.
 */

import type { TypeEntry } from './entry.js';
import {
  allocatedStorage,
  backupsDeleted,
  CLUSTER_MEMBER,
  clusterStorage,
  fate,
  pointInTimeRecovery,
  READ_REPLICA,
  refused,
  sizedDisk,
  startsEmpty,
  type Fact,
} from './facts.js';
import { listedProtection, protection, refusedBy } from './guards.js';
import { isSet } from './values.js';

/** RDS, DocumentDB and Neptune. */
const database: TypeEntry = {
  noun: 'the database',
  guards: [refusedBy(protection('DeletionProtection'), 'AWS')],
  replaced: startsEmpty('database', 'restored from a snapshot'),
};

const policyDeletes =
  (text = 'no snapshot is taken, the data is gone'): Fact =>
  () =>
    fate(`DeletionPolicy Delete: ${text}`);

const dataGone = policyDeletes();

/** A DB cluster: RDS, DocumentDB or Neptune. */
const cluster: TypeEntry = {
  ...database,
  deleted: dataGone,
  facts: [backupsDeleted('BackupRetentionPeriod', 'automated backups', 'cluster')],
};

const dynamodbTable: TypeEntry = {
  noun: 'the database',
  replaced: startsEmpty('table', 'restored from a backup'),
  deleted: policyDeletes('the table and every item in it are deleted'),
};

const cache: TypeEntry = {
  replaced: startsEmpty('cache', 'restored from a snapshot'),
  deleted: policyDeletes('no snapshot is taken, the cached data is gone'),
  facts: [backupsDeleted('SnapshotRetentionLimit', 'automatic backups', 'cache')],
};

// Entries first naming a guard of one kind set the order reports list them in.
export const CLOUDFORMATION: Readonly<Record<string, TypeEntry>> = {
  'AWS::RDS::DBInstance': {
    ...database,
    // Without its Properties a cluster member or replica cannot be told apart, so no claim.
    deleted: (v) =>
      Object.keys(v).length === 0 || isSet(v, 'DBClusterIdentifier') || isSet(v, 'SourceDBInstanceIdentifier')
        ? undefined
        : dataGone(v),
    facts: [
      (v) => (isSet(v, 'DBClusterIdentifier') ? CLUSTER_MEMBER : undefined),
      (v) => (isSet(v, 'SourceDBInstanceIdentifier') ? READ_REPLICA : undefined),
      allocatedStorage('AllocatedStorage', 'MaxAllocatedStorage'),
      (v) => (isSet(v, 'DBClusterIdentifier') ? undefined : backupsDeleted('BackupRetentionPeriod', 'automated backups', 'instance', 'DeleteAutomatedBackups')(v)),
    ],
    // A stand-alone instance is snapshotted; a cluster member is deleted (its cluster holds the data).
    defaultPolicy: (after) => {
      const id = after?.DBClusterIdentifier;
      return id !== undefined && id !== null && id !== '' ? 'Delete' : 'Snapshot';
    },
  },
  'AWS::RDS::DBCluster': {
    ...cluster,
    facts: [clusterStorage('Engine', 'AllocatedStorage'), backupsDeleted('BackupRetentionPeriod', 'automated backups', 'cluster')],
    defaultPolicy: () => 'Snapshot',
  },
  'AWS::DocDB::DBCluster': cluster,
  'AWS::Neptune::DBCluster': cluster,
  'AWS::Redshift::Cluster': {
    noun: 'the database',
    replaced: startsEmpty('cluster', 'restored from a snapshot'),
    deleted: dataGone,
    facts: [backupsDeleted('AutomatedSnapshotRetentionPeriod', 'automated snapshots', 'cluster')],
  },
  'AWS::DynamoDB::Table': {
    ...dynamodbTable,
    guards: [refusedBy(protection('DeletionProtectionEnabled'), 'AWS')],
    facts: [pointInTimeRecovery(['PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled'])],
  },
  'AWS::DynamoDB::GlobalTable': dynamodbTable,
  'AWS::EC2::Instance': { noun: 'the instance', guards: [protection('DisableApiTermination')] },
  'AWS::EC2::Volume': {
    replaced: startsEmpty('volume', 'created from a snapshot'),
    deleted: dataGone,
    facts: [sizedDisk('Size', 'VolumeType', 'GiB', 'volume')],
  },
  'AWS::ElasticLoadBalancingV2::LoadBalancer': { noun: 'the load balancer', guards: [listedProtection('LoadBalancerAttributes', 'deletion_protection.enabled')] },
  'AWS::S3::Bucket': {
    noun: 'the bucket',
    replaced: startsEmpty('bucket'),
    // CloudFormation never empties a bucket: deleting one that holds objects fails.
    deleted: () => refused('DeletionPolicy Delete: the delete fails if the bucket is not empty (CloudFormation does not empty buckets)'),
  },
  'AWS::ElastiCache::CacheCluster': { ...cache, noun: 'the cluster' },
  'AWS::ElastiCache::ReplicationGroup': cache,
  'AWS::EFS::FileSystem': { replaced: startsEmpty('file system'), deleted: policyDeletes('every file in the file system is deleted') },
};
