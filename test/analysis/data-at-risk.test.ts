import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataAtRisk } from '../../src/analysis/data-at-risk.js';
import { parsePlan } from '../../src/plan/read-plan.js';
import { SENSITIVE, type Change, type ChangeAction } from '../../src/plan/types.js';
import { corpusFile, describeCorpus, HAS_CORPUS } from '../corpus-path.js';
import { changeAt, fixturePath, parseDoc, parseFixture } from '../plan/fixtures.js';

/** Every statement for the change at this address in fixtures/data-at-risk/NAME. */
function statements(name: string, address: string): string[] {
  return dataAtRisk(changeAt(parseFixture(`data-at-risk/${name}`), address));
}

/** A Terraform change built in the test, for the rules the fixtures do not reach. */
function terraform(type: string, before: unknown, action: ChangeAction = 'delete', extra: Partial<Change> = {}): Change {
  const change: Change = { file: 'test.json', format: 'terraform', address: `${type}.x`, resourceAddress: `${type}.x`, type, name: 'x', provider: type.split('_')[0] ?? '', module: '', action, ...extra };
  if (before !== undefined) change.before = before;
  return change;
}

/** A CloudFormation change built in the test. */
function cloudFormation(type: string, before: unknown, action: ChangeAction, policyAction?: string, extra: Partial<Change> = {}): Change {
  const change: Change = { file: 'cs.json', format: 'cloudformation', address: 'Res', resourceAddress: 'Res', type, name: 'Res', provider: 'aws', module: '', action, ...extra };
  if (policyAction !== undefined) change.policyAction = policyAction;
  if (before !== undefined) change.before = before;
  return change;
}

describe('Terraform plans (fixtures/data-at-risk)', () => {
  it.each<[string, string, string[]]>([
    ['aws-delete.json', 'aws_db_instance.analytics', ['no final snapshot: the data is gone', '500 GiB of allocated storage']],
    [
      'aws-delete.json',
      'aws_db_instance.orders',
      [
        'deletion_protection is on: AWS refuses the delete until it is turned off',
        'a final snapshot is taken (orders-prod-final)',
        '100 GiB of allocated storage (autoscaling up to 1000 GiB)',
        'automated backups (7 days) are deleted with the instance unless delete_automated_backups is false',
      ],
    ],
    ['aws-delete.json', 'aws_s3_bucket.uploads', ['force_destroy is on: every object is deleted with the bucket', 'versioned: older object versions go too']],
    ['aws-delete.json', 'aws_dynamodb_table.sessions', ['point-in-time recovery is on: AWS keeps a system backup of the table for 35 days']],
    ['aws-delete.json', 'aws_ebs_volume.search_index', ['no final snapshot: the data is gone', '200 GiB gp3 volume']],
    ['aws-delete.json', 'aws_iam_role.app', []],
    [
      'google-sql-delete.json',
      'google_sql_database_instance.ledger',
      [
        'deletion_protection is on: Terraform refuses the delete until it is turned off',
        'no final backup: the data is gone',
        '250 GB of storage',
        'automated backups are deleted with the instance unless retain_backups_on_delete is true',
      ],
    ],
    [
      'azure-key-vault-delete.json',
      'azurerm_key_vault.app',
      [
        'no purge protection: the azurerm provider purges the vault on destroy by default, with every key, secret and certificate in it',
        "recoverable for 7 days only if the provider's features.key_vault.purge_soft_delete_on_destroy is false",
      ],
    ],
    ['azure-key-vault-delete.json', 'azurerm_key_vault.payments', ['soft-deleted with its keys, secrets and certificates: recoverable for 90 days (purge protection is on)']],
    ['database-forget.json', 'aws_db_instance.legacy', ['removed from Terraform state only: the resource and its data stay, unmanaged']],
    [
      'rds-replace.json',
      'aws_db_instance.billing',
      ['replaced: the new database starts empty unless restored from a snapshot', 'no final snapshot: the data is gone', '50 GiB of allocated storage'],
    ],
  ])('%s %s', (name, address, expected) => {
    expect(statements(name, address)).toEqual(expected);
  });

  it('reads the actions the fixtures are meant to have', () => {
    expect(changeAt(parseFixture('data-at-risk/database-forget.json'), 'aws_db_instance.legacy').action).toBe('forget');
    expect(changeAt(parseFixture('data-at-risk/rds-replace.json'), 'aws_db_instance.billing').action).toBe('replace');
  });
});

describe('CloudFormation change sets (fixtures/data-at-risk)', () => {
  it.each<[string, string[]]>([
    [
      'OrdersDatabase',
      [
        'a snapshot is taken (DeletionPolicy Snapshot)',
        '100 GiB of allocated storage (autoscaling up to 1000 GiB)',
        'automated backups (7 days) are deleted with the instance unless DeleteAutomatedBackups is false',
      ],
    ],
    ['ReportingDatabase', ['DeletionPolicy Delete: no snapshot is taken, the data is gone', '20 GiB of allocated storage']],
    ['ArchiveBucket', ['DeletionPolicy Retain: the resource and its data are kept, outside the stack']],
    ['JobsQueue', []],
  ])('%s', (address, expected) => {
    expect(statements('cloudformation-rds-remove.json', address)).toEqual(expected);
  });

  it('without property values says only what the PolicyAction says', () => {
    const plan = parseDoc({
      StackName: 'shop-data',
      ChangeSetName: 'no-values',
      Status: 'CREATE_COMPLETE',
      ExecutionStatus: 'AVAILABLE',
      Changes: [
        { Type: 'Resource', ResourceChange: { Action: 'Remove', PolicyAction: 'Snapshot', LogicalResourceId: 'Kept', ResourceType: 'AWS::RDS::DBInstance', Scope: [], Details: [] } },
        { Type: 'Resource', ResourceChange: { Action: 'Remove', PolicyAction: 'Delete', LogicalResourceId: 'Gone', ResourceType: 'AWS::RDS::DBInstance', Scope: [], Details: [] } },
        { Type: 'Resource', ResourceChange: { Action: 'Remove', PolicyAction: 'Delete', LogicalResourceId: 'Topic', ResourceType: 'AWS::SNS::Topic', Scope: [], Details: [] } },
      ],
    });
    expect(dataAtRisk(changeAt(plan, 'Kept'))).toEqual(['a snapshot is taken (DeletionPolicy Snapshot)']);
    // A cluster member or a replica cannot be told apart without its Properties: no claim.
    expect(dataAtRisk(changeAt(plan, 'Gone'))).toEqual([]);
    expect(dataAtRisk(changeAt(plan, 'Topic'))).toEqual([]);
  });

  it('says what each DeletionPolicy does to a replaced resource', () => {
    const before = { AllocatedStorage: 100, DeletionProtection: true };
    expect(dataAtRisk(cloudFormation('AWS::RDS::DBInstance', before, 'replace', 'ReplaceAndSnapshot'))).toEqual([
      'DeletionProtection is on: AWS refuses the delete until it is turned off',
      'replaced: the new database starts empty unless restored from a snapshot',
      'a snapshot is taken (DeletionPolicy Snapshot)',
      '100 GiB of allocated storage',
    ]);
    expect(dataAtRisk(cloudFormation('AWS::RDS::DBInstance', before, 'replace', 'ReplaceAndRetain'))).toEqual([
      'DeletionPolicy Retain: the old resource and its data are kept, outside the stack',
      'replaced: the new database starts empty unless restored from a snapshot',
    ]);
    expect(dataAtRisk(cloudFormation('AWS::DynamoDB::Table', { PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: 'false' } }, 'replace', 'ReplaceAndDelete', { conditional: true }))).toEqual([
      'if replaced: the new table starts empty unless restored from a backup',
      'DeletionPolicy Delete: the table and every item in it are deleted',
      'no point-in-time recovery: the items are gone unless an on-demand backup exists',
    ]);
  });

  it('knows CloudFormation never empties a bucket, and a cluster member keeps no data of its own', () => {
    expect(dataAtRisk(cloudFormation('AWS::S3::Bucket', { BucketName: 'b' }, 'delete', 'Delete'))).toEqual([
      'DeletionPolicy Delete: the delete fails if the bucket is not empty (CloudFormation does not empty buckets)',
    ]);
    expect(dataAtRisk(cloudFormation('AWS::RDS::DBInstance', { DBClusterIdentifier: 'aurora-prod', BackupRetentionPeriod: '7' }, 'delete', 'Delete'))).toEqual([
      "a cluster instance: the data stays in the cluster's storage",
    ]);
    expect(dataAtRisk(cloudFormation('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql', BackupRetentionPeriod: '14' }, 'delete', 'Snapshot'))).toEqual([
      'a snapshot is taken (DeletionPolicy Snapshot)',
      'Aurora storage: its size grows with the data',
      'automated backups (14 days) are deleted with the cluster',
    ]);
  });
});

describe('secrets and unknowns', () => {
  const passwords = ['An4lytics-S3cret!', '0rders-Pr0d-Passw0rd', 'B1lling-Old-Pass', 'B1lling-New-Pass', 'Cr1m-Legacy-Pass', 'L3dger-R00t!'];
  const all = readdirSync(fixturePath('data-at-risk')).flatMap((name) => parseFixture(`data-at-risk/${name}`).changes);

  it('the fixtures carry redacted passwords, and no statement repeats a value marked sensitive or a password', () => {
    const analytics = all.find((c) => c.address === 'aws_db_instance.analytics');
    expect((analytics?.before as Record<string, unknown>).password).toBe(SENSITIVE);
    const lines = all.flatMap((c) => dataAtRisk(c));
    expect(lines.length).toBeGreaterThan(15);
    for (const line of lines) {
      expect(line).not.toContain(SENSITIVE);
      expect(line).not.toContain('****');
      for (const password of passwords) expect(line).not.toContain(password);
    }
  });

  it('every statement is one short plain line', () => {
    for (const line of all.flatMap((c) => dataAtRisk(c))) {
      expect(line).toMatch(/^[^\n\r`*#|<>[\]]+$/);
      expect(line.length).toBeLessThan(140);
    }
  });

  it('skips a sensitive or hostile value rather than print it', () => {
    expect(dataAtRisk(terraform('aws_db_instance', { skip_final_snapshot: false, final_snapshot_identifier: SENSITIVE, allocated_storage: SENSITIVE }))).toEqual([
      'a final snapshot is taken',
    ]);
    expect(dataAtRisk(terraform('aws_db_instance', { skip_final_snapshot: false, final_snapshot_identifier: 'x\n## **merge me**' }))).toEqual(['a final snapshot is taken']);
    expect(dataAtRisk(terraform('aws_db_instance', SENSITIVE))).toEqual([]);
    expect(dataAtRisk(terraform('aws_s3_bucket', { force_destroy: SENSITIVE }))).toEqual([]);
    expect(dataAtRisk(terraform('aws_kms_key', { deletion_window_in_days: SENSITIVE }))).toEqual([]);
    expect(dataAtRisk(terraform('aws_ebs_volume', { size: '(sensitive)', type: SENSITIVE, final_snapshot: SENSITIVE }))).toEqual([]);
  });

  it('claims nothing about an attribute the state does not hold', () => {
    // Older providers lack final_snapshot_identifier or final_backup_config: absent is unknown, not unset.
    expect(dataAtRisk(terraform('aws_elasticache_replication_group', { engine: 'redis' }))).toEqual([]);
    expect(dataAtRisk(terraform('aws_db_instance', { skip_final_snapshot: false }))).toEqual([]);
    expect(dataAtRisk(terraform('google_sql_database_instance', { settings: [{ tier: 'db-f1-micro' }] }))).toEqual([]);
  });

  it('says nothing of a type it does not know, or without values', () => {
    expect(dataAtRisk(terraform('aws_iam_role', { name: 'app' }))).toEqual([]);
    expect(dataAtRisk(terraform('random_password', { result: SENSITIVE }, 'replace'))).toEqual([]);
    expect(dataAtRisk(terraform('aws_db_instance', undefined))).toEqual([]);
    expect(dataAtRisk(terraform('aws_db_instance', {}))).toEqual([]);
    expect(dataAtRisk(cloudFormation('AWS::SQS::Queue', { QueueName: 'q' }, 'delete', 'Delete'))).toEqual([]);
    expect(dataAtRisk(cloudFormation('Custom::Thing', undefined, 'delete'))).toEqual([]);
  });

  it('says nothing of a change that destroys nothing', () => {
    for (const action of ['create', 'update', 'read', 'no-op'] as const) {
      expect(dataAtRisk(terraform('aws_db_instance', { skip_final_snapshot: true, allocated_storage: 500 }, action))).toEqual([]);
    }
  });
});

describe('provider rules', () => {
  it('aws_db_instance: a missing final_snapshot_identifier fails the delete; kept automated backups', () => {
    expect(dataAtRisk(terraform('aws_db_instance', { skip_final_snapshot: false, final_snapshot_identifier: null, backup_retention_period: 1, delete_automated_backups: false }))).toEqual([
      'no final_snapshot_identifier is set, so the delete fails unless one is given',
      'automated backups (1 day) are kept after the delete (delete_automated_backups is false)',
    ]);
  });

  it('aws_db_instance: a read replica leaves the data in its source', () => {
    expect(dataAtRisk(terraform('aws_db_instance', { replicate_source_db: 'orders-prod', skip_final_snapshot: true, allocated_storage: 100 }))).toEqual([
      'a read replica: its source database keeps the data',
      '100 GiB of allocated storage',
    ]);
  });

  it('Aurora, DocumentDB and Neptune clusters share the snapshot and protection rules', () => {
    const before = { engine: 'aurora-postgresql', skip_final_snapshot: false, final_snapshot_identifier: 'core-final', deletion_protection: true, backup_retention_period: 14, delete_automated_backups: true };
    expect(dataAtRisk(terraform('aws_rds_cluster', before))).toEqual([
      'deletion_protection is on: AWS refuses the delete until it is turned off',
      'a final snapshot is taken (core-final)',
      'Aurora storage: its size grows with the data',
      'automated backups (14 days) are deleted with the cluster unless delete_automated_backups is false',
    ]);
    for (const type of ['aws_docdb_cluster', 'aws_neptune_cluster']) {
      expect(dataAtRisk(terraform(type, { skip_final_snapshot: true, backup_retention_period: 5 }))).toEqual([
        'no final snapshot: the data is gone',
        'cluster storage: its size grows with the data',
        'automated backups (5 days) are deleted with the cluster',
      ]);
    }
    expect(dataAtRisk(terraform('aws_rds_cluster_instance', { cluster_identifier: 'core' }))).toEqual(["a cluster instance: the data stays in the cluster's storage"]);
  });

  it('aws_instance: its volumes go with it when delete_on_termination is set', () => {
    const before = {
      disable_api_termination: true,
      root_block_device: [{ delete_on_termination: true, volume_size: 8, volume_type: 'gp3', device_name: '/dev/xvda' }],
      ebs_block_device: [{ delete_on_termination: false, volume_size: 128, volume_type: 'gp2', device_name: '/dev/sdf' }],
    };
    expect(dataAtRisk(terraform('aws_instance', before, 'replace', { createBeforeDestroy: true }))).toEqual([
      'disable_api_termination is on: AWS refuses to terminate the instance until it is turned off',
      'replaced: the new instance boots from its AMI, not from the old root volume',
      'the 8 GiB gp3 root volume is deleted with the instance',
      'the 128 GiB gp2 volume at /dev/sdf is kept (delete_on_termination is false)',
    ]);
  });

  it('buckets: force_destroy off fails a non-empty delete; object lock can fail a forced one', () => {
    expect(dataAtRisk(terraform('aws_s3_bucket', { force_destroy: false, versioning: [{ enabled: true }] }))).toEqual([
      'the delete fails if the bucket is not empty (force_destroy is off)',
    ]);
    expect(dataAtRisk(terraform('aws_s3_bucket', { force_destroy: true, object_lock_enabled: true }))).toEqual([
      'object lock is on: locked objects cannot be deleted, so the delete can fail',
      'force_destroy is on: every object is deleted with the bucket',
    ]);
    expect(dataAtRisk(terraform('google_storage_bucket', { force_destroy: true, versioning: [{ enabled: true }] }, 'replace'))).toEqual([
      'replaced: the new bucket starts empty',
      'force_destroy is on: every object is deleted with the bucket',
      'versioned: older object versions go too',
    ]);
  });

  it('DynamoDB: deletion protection refuses; without PITR no backup is kept', () => {
    expect(dataAtRisk(terraform('aws_dynamodb_table', { deletion_protection_enabled: true, point_in_time_recovery: [{ enabled: false }] }))).toEqual([
      'deletion_protection_enabled is on: AWS refuses the delete until it is turned off',
      'no point-in-time recovery: the items are gone unless an on-demand backup exists',
    ]);
  });

  it('ElastiCache, EFS, KMS, Secrets Manager', () => {
    expect(dataAtRisk(terraform('aws_elasticache_replication_group', { engine: 'redis', final_snapshot_identifier: null, snapshot_retention_limit: 3 }))).toEqual([
      'no final snapshot: the cached data is gone',
      'automatic backups (3 days) are deleted with the cache',
    ]);
    expect(dataAtRisk(terraform('aws_elasticache_cluster', { engine: 'memcached' }))).toEqual(['memcached keeps no snapshots: the cached data is gone']);
    expect(dataAtRisk(terraform('aws_efs_file_system', { size_in_bytes: [{ value: 5 * 2 ** 30 }] }))).toEqual([
      'every file in the file system is deleted',
      '5 GiB of files when last refreshed',
    ]);
    expect(dataAtRisk(terraform('aws_kms_key', { deletion_window_in_days: 7 }))).toEqual(['the key is scheduled for deletion after 7 days and can be restored until then']);
    expect(dataAtRisk(terraform('aws_kms_key', { deletion_window_in_days: null }))).toEqual([
      'the key is scheduled for deletion after 30 days (the default) and can be restored until then',
    ]);
    expect(dataAtRisk(terraform('aws_secretsmanager_secret', { recovery_window_in_days: 0 }))).toEqual([
      'recovery_window_in_days is 0: the secret is deleted at once, with no recovery',
    ]);
  });

  it('Google and Azure disks, Cloud SQL final backups, BigQuery datasets', () => {
    expect(dataAtRisk(terraform('google_compute_disk', { size: 100, type: 'pd-ssd' }))).toEqual(['100 GB pd-ssd disk']);
    expect(dataAtRisk(terraform('azurerm_managed_disk', { disk_size_gb: 128, storage_account_type: 'Premium_LRS' }))).toEqual(['128 GiB Premium_LRS managed disk']);
    expect(
      dataAtRisk(terraform('google_sql_database_instance', { deletion_protection: false, settings: [{ disk_size: 10, deletion_protection_enabled: true, final_backup_config: [{ enabled: true, retention_days: 30 }] }] })),
    ).toEqual([
      'deletion protection is on in Cloud SQL: Google Cloud refuses the delete until it is turned off',
      'a final backup is taken (kept 30 days)',
      '10 GB of storage',
    ]);
    expect(dataAtRisk(terraform('google_sql_database_instance', { master_instance_name: 'ledger', deletion_protection: false, settings: [{ disk_size: 250, final_backup_config: [] }] }))).toEqual([
      'a read replica: its primary instance keeps the data',
      '250 GB of storage',
    ]);
    expect(dataAtRisk(terraform('google_bigquery_dataset', { delete_contents_on_destroy: false }))).toEqual([
      'the delete fails if the dataset holds tables (delete_contents_on_destroy is off)',
    ]);
    expect(dataAtRisk(terraform('azurerm_storage_account', { name: 'shopprod' }))).toEqual(['every blob, file share, table and queue in the account is deleted']);
  });

  it('a deposed object is read like any other delete', () => {
    expect(dataAtRisk(terraform('aws_ebs_volume', { size: 50, type: 'io2', final_snapshot: true }, 'delete', { deposed: 'a1b2c3d4' }))).toEqual([
      'a final snapshot is taken',
      '50 GiB io2 volume',
    ]);
  });
});

describeCorpus('shared corpus of real plans', () => {
  // The body is collected even when the suite is skipped: read the corpus only when it is there.
  const expected = HAS_CORPUS ? Object.keys(JSON.parse(readFileSync(corpusFile('expected.json'), 'utf8')) as object) : [];
  const changes = expected.flatMap((file) => {
    try {
      return parsePlan(readFileSync(corpusFile(file)), file).changes;
    } catch {
      return []; // the corpus keeps some plans plangate refuses; corpus.test.ts covers them
    }
  });

  it('gives plain lines with no sensitive value for every destroyed resource', () => {
    expect(changes.length).toBeGreaterThan(100);
    for (const change of changes) {
      for (const line of dataAtRisk(change)) {
        expect(line).not.toContain(SENSITIVE);
        expect(line).toMatch(/^[^\n\r`*#|<>[\]]+$/);
      }
    }
  });

  it('reads a real S3 bucket delete', () => {
    const bucket = changes.find((c) => c.file === 'terraform/terraform__policy-engine__resource-changes.json' && c.address === 'aws_s3_bucket.delete_bucket');
    expect(bucket && dataAtRisk(bucket)).toEqual(['the delete fails if the bucket is not empty (force_destroy is off)']);
  });
});
