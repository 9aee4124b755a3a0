import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Weakening } from '../../src/analysis/types.js';
import { detectWeakenings, type PolicyChange } from '../../src/analysis/weakening.js';
import { SENSITIVE, type Change } from '../../src/plan/types.js';
import { parseFixture } from '../plan/fixtures.js';

type Values = Record<string, unknown>;

function terraform(type: string, before: Values | undefined, after: Values | undefined, action: Change['action'] = 'update'): Change {
  return {
    file: 'plan.json',
    format: 'terraform',
    address: `${type}.this`,
    resourceAddress: `${type}.this`,
    type,
    name: 'this',
    provider: type.split('_')[0] ?? '',
    module: '',
    action,
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
  };
}

function cloudFormation(type: string, before: Values | undefined, after: Values | undefined, extra: Partial<Change> & { policyChanges?: PolicyChange[] } = {}): Change {
  return {
    file: 'change-set.json',
    format: 'cloudformation',
    address: 'Res',
    resourceAddress: 'Res',
    type,
    name: 'Res',
    provider: 'aws',
    providerSource: 'AWS',
    module: '',
    action: 'update',
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
    ...extra,
  };
}

/** guard/from/to of each weakening, in order: what the tests compare exactly. */
function signals(change: Change): Pick<Weakening, 'guard' | 'from' | 'to'>[] {
  const found = detectWeakenings(change);
  for (const w of found) {
    expect(w.description).toMatch(/^\S.*\S$/);
    expect(w.description).not.toMatch(/\n/);
    expect(w.description).toContain(w.guard);
  }
  return found.map(({ guard, from, to }) => ({ guard, from, to }));
}

describe('Terraform guards switched off', () => {
  it.each<[string, Values, Values, Pick<Weakening, 'guard' | 'from' | 'to'>]>([
    ['aws_db_instance', { deletion_protection: true }, { deletion_protection: false }, { guard: 'deletion_protection', from: 'true', to: 'false' }],
    ['aws_rds_cluster', { deletion_protection: true }, { deletion_protection: false }, { guard: 'deletion_protection', from: 'true', to: 'false' }],
    ['aws_docdb_cluster', { deletion_protection: true }, { deletion_protection: false }, { guard: 'deletion_protection', from: 'true', to: 'false' }],
    ['aws_neptune_cluster', { deletion_protection: true }, { deletion_protection: false }, { guard: 'deletion_protection', from: 'true', to: 'false' }],
    ['google_sql_database_instance', { deletion_protection: true }, { deletion_protection: false }, { guard: 'deletion_protection', from: 'true', to: 'false' }],
    ['google_spanner_database', { deletion_protection: true }, { deletion_protection: false }, { guard: 'deletion_protection', from: 'true', to: 'false' }],
    ['google_bigtable_instance', { deletion_protection: true }, { deletion_protection: false }, { guard: 'deletion_protection', from: 'true', to: 'false' }],
    ['google_bigtable_table', { deletion_protection: 'PROTECTED' }, { deletion_protection: 'UNPROTECTED' }, { guard: 'deletion_protection', from: 'PROTECTED', to: 'UNPROTECTED' }],
    ['google_compute_instance', { deletion_protection: true }, { deletion_protection: false }, { guard: 'deletion_protection', from: 'true', to: 'false' }],
    ['google_container_cluster', { deletion_protection: true }, { deletion_protection: false }, { guard: 'deletion_protection', from: 'true', to: 'false' }],
    ['aws_cognito_user_pool', { deletion_protection: 'ACTIVE' }, { deletion_protection: 'INACTIVE' }, { guard: 'deletion_protection', from: 'ACTIVE', to: 'INACTIVE' }],
    ['aws_dynamodb_table', { deletion_protection_enabled: true }, { deletion_protection_enabled: false }, { guard: 'deletion_protection_enabled', from: 'true', to: 'false' }],
    ['aws_lb', { enable_deletion_protection: true }, { enable_deletion_protection: false }, { guard: 'enable_deletion_protection', from: 'true', to: 'false' }],
    ['aws_alb', { enable_deletion_protection: 'true' }, { enable_deletion_protection: 'false' }, { guard: 'enable_deletion_protection', from: 'true', to: 'false' }],
    ['aws_instance', { disable_api_termination: true }, { disable_api_termination: false }, { guard: 'disable_api_termination', from: 'true', to: 'false' }],
    ['aws_s3_bucket', { force_destroy: false }, { force_destroy: true }, { guard: 'force_destroy', from: 'false', to: 'true' }],
    ['google_storage_bucket', { force_destroy: false }, { force_destroy: true }, { guard: 'force_destroy', from: 'false', to: 'true' }],
    ['aws_iam_user', { force_destroy: false }, { force_destroy: true }, { guard: 'force_destroy', from: 'false', to: 'true' }],
    ['aws_route53_zone', { force_destroy: null }, { force_destroy: true }, { guard: 'force_destroy', from: '(removed)', to: 'true' }],
    ['aws_ecr_repository', { force_delete: false }, { force_delete: true }, { guard: 'force_delete', from: 'false', to: 'true' }],
    ['aws_db_instance', { skip_final_snapshot: false }, { skip_final_snapshot: true }, { guard: 'skip_final_snapshot', from: 'false', to: 'true' }],
    ['aws_redshift_cluster', { skip_final_snapshot: 'false' }, { skip_final_snapshot: 'true' }, { guard: 'skip_final_snapshot', from: 'false', to: 'true' }],
    [
      'aws_rds_cluster',
      { skip_final_snapshot: true, final_snapshot_identifier: 'orders-final' },
      { skip_final_snapshot: true, final_snapshot_identifier: null },
      { guard: 'final_snapshot_identifier', from: 'orders-final', to: '(removed)' },
    ],
    ['azurerm_key_vault', { purge_protection_enabled: true }, { purge_protection_enabled: false }, { guard: 'purge_protection_enabled', from: 'true', to: 'false' }],
    ['azurerm_key_vault', { soft_delete_retention_days: 90 }, { soft_delete_retention_days: 7 }, { guard: 'soft_delete_retention_days', from: '90', to: '7' }],
    ['azurerm_recovery_services_vault', { soft_delete_enabled: true }, { soft_delete_enabled: false }, { guard: 'soft_delete_enabled', from: 'true', to: 'false' }],
    ['aws_secretsmanager_secret', { recovery_window_in_days: 30 }, { recovery_window_in_days: 0 }, { guard: 'recovery_window_in_days', from: '30', to: '0' }],
    ['aws_lambda_layer_version', { skip_destroy: true }, { skip_destroy: false }, { guard: 'skip_destroy', from: 'true', to: 'false' }],
    ['google_project', { deletion_policy: 'PREVENT' }, { deletion_policy: 'DELETE' }, { guard: 'deletion_policy', from: 'PREVENT', to: 'DELETE' }],
    ['google_sql_database', { deletion_policy: 'ABANDON' }, { deletion_policy: 'DELETE' }, { guard: 'deletion_policy', from: 'ABANDON', to: 'DELETE' }],
    ['google_alloydb_cluster', { deletion_policy: 'DEFAULT' }, { deletion_policy: 'FORCE' }, { guard: 'deletion_policy', from: 'DEFAULT', to: 'FORCE' }],
    [
      'google_sql_database_instance',
      { settings: [{ deletion_protection_enabled: true, tier: 'db-f1-micro' }] },
      { settings: [{ deletion_protection_enabled: false, tier: 'db-f1-micro' }] },
      { guard: 'settings.deletion_protection_enabled', from: 'true', to: 'false' },
    ],
    // A guard that was on and is null now is off.
    ['aws_db_instance', { deletion_protection: true }, { deletion_protection: null }, { guard: 'deletion_protection', from: 'true', to: '(removed)' }],
    // Missing from a Terraform "after": unknown until apply, so it may be off.
    ['aws_db_instance', { deletion_protection: true }, {}, { guard: 'deletion_protection', from: 'true', to: '(unknown)' }],
  ])('%s %j → %j', (type, before, after, expected) => {
    expect(signals(terraform(type, before, after))).toEqual([expected]);
  });

  it('reports a replacement as well as an update', () => {
    expect(signals(terraform('aws_db_instance', { deletion_protection: true }, { deletion_protection: false }, 'replace'))).toEqual([{ guard: 'deletion_protection', from: 'true', to: 'false' }]);
  });

  it('reports every guard a change switches off, in a stable order', () => {
    const before = { deletion_protection: true, skip_final_snapshot: false, final_snapshot_identifier: 'orders-final' };
    const after = { deletion_protection: false, skip_final_snapshot: true, final_snapshot_identifier: null };
    expect(signals(terraform('aws_db_instance', before, after))).toEqual([
      { guard: 'deletion_protection', from: 'true', to: 'false' },
      { guard: 'skip_final_snapshot', from: 'false', to: 'true' },
      { guard: 'final_snapshot_identifier', from: 'orders-final', to: '(removed)' },
    ]);
  });

  it('words the description for the reviewer', () => {
    expect(detectWeakenings(terraform('aws_db_instance', { deletion_protection: true }, { deletion_protection: false }))).toEqual([
      {
        guard: 'deletion_protection',
        from: 'true',
        to: 'false',
        description: 'deletion_protection turned off (true → false): the database can now be deleted by a later apply',
      },
    ]);
    expect(detectWeakenings(terraform('aws_s3_bucket', { force_destroy: false }, { force_destroy: true }))[0]?.description).toBe(
      'force_destroy turned on (false → true): deleting the bucket now also deletes everything in it, without failing first',
    );
    expect(detectWeakenings(terraform('aws_rds_cluster', { skip_final_snapshot: false }, { skip_final_snapshot: true }))[0]?.description).toBe(
      'skip_final_snapshot turned on (false → true): deleting the database will take no final snapshot, so its data is lost',
    );
  });
});

describe('Terraform changes that weaken nothing', () => {
  it.each<[string, string, Values | undefined, Values | undefined, Change['action']?]>([
    ['protection turned on', 'aws_db_instance', { deletion_protection: false }, { deletion_protection: true }],
    ['protection unchanged', 'aws_db_instance', { deletion_protection: true }, { deletion_protection: true }],
    ['protection off both times', 'aws_db_instance', { deletion_protection: false }, { deletion_protection: false }],
    ['protection absent both times', 'aws_db_instance', { engine: 'postgres' }, { engine: 'mysql' }],
    ['protection absent before (off), then off', 'aws_db_instance', {}, { deletion_protection: false }],
    ['Bigtable table protected', 'google_bigtable_table', { deletion_protection: 'UNPROTECTED' }, { deletion_protection: 'PROTECTED' }],
    ['force_destroy turned off', 'aws_s3_bucket', { force_destroy: true }, { force_destroy: false }],
    ['force_destroy stays on', 'aws_s3_bucket', { force_destroy: true }, { force_destroy: true }],
    ['force_destroy unknown after', 'aws_s3_bucket', { force_destroy: false }, {}],
    ['skip_final_snapshot turned off', 'aws_db_instance', { skip_final_snapshot: true }, { skip_final_snapshot: false }],
    ['final snapshot id removed while snapshots are still taken', 'aws_db_instance', { skip_final_snapshot: false, final_snapshot_identifier: 'x' }, { skip_final_snapshot: false, final_snapshot_identifier: null }],
    ['final snapshot id added', 'aws_db_instance', { skip_final_snapshot: true, final_snapshot_identifier: null }, { skip_final_snapshot: true, final_snapshot_identifier: 'x' }],
    ['retention lengthened', 'azurerm_key_vault', { soft_delete_retention_days: 7 }, { soft_delete_retention_days: 90 }],
    ['retention unknown before', 'azurerm_key_vault', { soft_delete_retention_days: null }, { soft_delete_retention_days: 7 }],
    ['deletion_policy to PREVENT', 'google_project', { deletion_policy: 'DELETE' }, { deletion_policy: 'PREVENT' }],
    ['deletion_policy ABANDON', 'google_project', { deletion_policy: 'PREVENT' }, { deletion_policy: 'ABANDON' }],
    ['deletion_policy unknown after', 'google_project', { deletion_policy: 'PREVENT' }, {}],
    ['sensitive before', 'aws_db_instance', { deletion_protection: SENSITIVE }, { deletion_protection: false }],
    ['sensitive after', 'aws_db_instance', { deletion_protection: true }, { deletion_protection: SENSITIVE }],
    ['sensitive force_destroy', 'aws_s3_bucket', { force_destroy: false }, { force_destroy: SENSITIVE }],
    ['guard names inside tags', 'aws_s3_bucket', { tags: { force_destroy: 'false' } }, { tags: { force_destroy: 'true' } }],
    ['a created resource', 'aws_db_instance', undefined, { deletion_protection: false }, 'create'],
    ['a deleted resource', 'aws_db_instance', { deletion_protection: true }, undefined, 'delete'],
    ['a forgotten resource', 'aws_db_instance', { deletion_protection: true }, { deletion_protection: false }, 'forget'],
    ['a no-op', 'aws_db_instance', { deletion_protection: true }, { deletion_protection: false }, 'no-op'],
    ['an update without values', 'aws_db_instance', undefined, undefined],
  ])('%s', (_, type, before, after, action = 'update') => {
    expect(detectWeakenings(terraform(type, before, after, action))).toEqual([]);
  });
});

describe('CloudFormation properties', () => {
  it.each<[string, Values, Values, Pick<Weakening, 'guard' | 'from' | 'to'>]>([
    ['AWS::RDS::DBInstance', { DeletionProtection: 'true' }, { DeletionProtection: 'false' }, { guard: 'DeletionProtection', from: 'true', to: 'false' }],
    ['AWS::RDS::DBCluster', { DeletionProtection: true }, { DeletionProtection: false }, { guard: 'DeletionProtection', from: 'true', to: 'false' }],
    ['AWS::RDS::DBCluster', { DeletionProtection: 'true' }, {}, { guard: 'DeletionProtection', from: 'true', to: '(removed)' }],
    ['AWS::DynamoDB::Table', { DeletionProtectionEnabled: 'true' }, { DeletionProtectionEnabled: 'false' }, { guard: 'DeletionProtectionEnabled', from: 'true', to: 'false' }],
    ['AWS::EC2::Instance', { DisableApiTermination: 'true' }, { DisableApiTermination: 'false' }, { guard: 'DisableApiTermination', from: 'true', to: 'false' }],
    [
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
      { LoadBalancerAttributes: [{ Key: 'idle_timeout.timeout_seconds', Value: '60' }, { Key: 'deletion_protection.enabled', Value: 'true' }] },
      { LoadBalancerAttributes: [{ Key: 'idle_timeout.timeout_seconds', Value: '60' }, { Key: 'deletion_protection.enabled', Value: 'false' }] },
      { guard: 'LoadBalancerAttributes.deletion_protection.enabled', from: 'true', to: 'false' },
    ],
    [
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
      { LoadBalancerAttributes: [{ Key: 'deletion_protection.enabled', Value: 'true' }] },
      { LoadBalancerAttributes: [] },
      { guard: 'LoadBalancerAttributes.deletion_protection.enabled', from: 'true', to: '(removed)' },
    ],
  ])('%s %j → %j', (type, before, after, expected) => {
    expect(signals(cloudFormation(type, before, after))).toEqual([expected]);
  });

  it.each<[string, string, Values, Values]>([
    ['protection turned on', 'AWS::RDS::DBCluster', { DeletionProtection: 'false' }, { DeletionProtection: 'true' }],
    ['protection unchanged', 'AWS::RDS::DBCluster', { DeletionProtection: 'true' }, { DeletionProtection: true }],
    ['protection absent both times', 'AWS::RDS::DBCluster', { Engine: 'aurora-postgresql' }, { Engine: 'aurora-mysql' }],
    ['NoEcho value', 'AWS::RDS::DBCluster', { DeletionProtection: SENSITIVE }, { DeletionProtection: 'false' }],
    ['LB protection turned on', 'AWS::ElasticLoadBalancingV2::LoadBalancer', { LoadBalancerAttributes: [] }, { LoadBalancerAttributes: [{ Key: 'deletion_protection.enabled', Value: 'true' }] }],
    ['Terraform names in a template', 'AWS::S3::Bucket', { force_destroy: false }, { force_destroy: true }],
  ])('%s: none', (_, type, before, after) => {
    expect(detectWeakenings(cloudFormation(type, before, after))).toEqual([]);
  });

  it('reports nothing for an added resource', () => {
    expect(detectWeakenings({ ...cloudFormation('AWS::RDS::DBCluster', undefined, { DeletionProtection: 'false' }), action: 'create' })).toEqual([]);
  });
});

describe('CloudFormation DeletionPolicy and UpdateReplacePolicy (Change.policyChanges)', () => {
  const withPolicies = (type: string, policyChanges: PolicyChange[], after: Values = {}) => cloudFormation(type, {}, after, { policyChanges });

  it.each<[string, PolicyChange, Pick<Weakening, 'guard' | 'from' | 'to'>]>([
    ['AWS::S3::Bucket', { attribute: 'DeletionPolicy', before: 'Retain', after: 'Delete' }, { guard: 'DeletionPolicy', from: 'Retain', to: 'Delete' }],
    ['AWS::S3::Bucket', { attribute: 'DeletionPolicy', before: 'RetainExceptOnCreate', after: 'Delete' }, { guard: 'DeletionPolicy', from: 'RetainExceptOnCreate', to: 'Delete' }],
    ['AWS::RDS::DBCluster', { attribute: 'DeletionPolicy', before: 'Snapshot', after: 'Delete' }, { guard: 'DeletionPolicy', from: 'Snapshot', to: 'Delete' }],
    ['AWS::S3::Bucket', { attribute: 'DeletionPolicy', before: 'Retain' }, { guard: 'DeletionPolicy', from: 'Retain', to: '(removed)' }],
    ['AWS::DynamoDB::Table', { attribute: 'UpdateReplacePolicy', before: 'Retain', after: 'Delete' }, { guard: 'UpdateReplacePolicy', from: 'Retain', to: 'Delete' }],
    ['AWS::S3::Bucket', { attribute: 'DeletionPolicy', before: '"Retain"', after: '"Delete"' }, { guard: 'DeletionPolicy', from: 'Retain', to: 'Delete' }],
  ])('%s %j', (type, policy, expected) => {
    expect(signals(withPolicies(type, [policy]))).toEqual([expected]);
  });

  it('words it for the reviewer', () => {
    expect(detectWeakenings(withPolicies('AWS::S3::Bucket', [{ attribute: 'DeletionPolicy', before: 'Retain', after: 'Delete' }]))[0]?.description).toBe(
      'DeletionPolicy changed (Retain → Delete): removing it from the template or deleting the stack now deletes the bucket instead of keeping it',
    );
  });

  it.each<[string, string, PolicyChange, Values?]>([
    ['Delete → Retain', 'AWS::S3::Bucket', { attribute: 'DeletionPolicy', before: 'Delete', after: 'Retain' }],
    ['Retain → Snapshot', 'AWS::RDS::DBInstance', { attribute: 'DeletionPolicy', before: 'Retain', after: 'Snapshot' }],
    ['added', 'AWS::S3::Bucket', { attribute: 'DeletionPolicy', after: 'Retain' }],
    ['absent before (Delete) → Delete', 'AWS::S3::Bucket', { attribute: 'DeletionPolicy', after: 'Delete' }],
    // Without a DeletionPolicy, CloudFormation snapshots an RDS cluster and a stand-alone RDS instance.
    ['Retain removed from an RDS cluster', 'AWS::RDS::DBCluster', { attribute: 'DeletionPolicy', before: 'Retain' }],
    ['Retain removed from a stand-alone RDS instance', 'AWS::RDS::DBInstance', { attribute: 'DeletionPolicy', before: 'Retain' }, { Engine: 'postgres' }],
    ['another attribute', 'AWS::S3::Bucket', { attribute: 'UpdatePolicy', before: 'Retain', after: 'Delete' }],
  ])('%s: none', (_, type, policy, after) => {
    expect(detectWeakenings(withPolicies(type, [policy], after))).toEqual([]);
  });

  it('knows an instance in a cluster is deleted without a policy', () => {
    const change = withPolicies('AWS::RDS::DBInstance', [{ attribute: 'DeletionPolicy', before: 'Retain' }], { DBClusterIdentifier: 'ledger' });
    expect(signals(change)).toEqual([{ guard: 'DeletionPolicy', from: 'Retain', to: '(removed)' }]);
  });

  it('ignores policy changes on Terraform changes', () => {
    const change = { ...terraform('aws_s3_bucket', {}, {}), policyChanges: [{ attribute: 'DeletionPolicy', before: 'Retain', after: 'Delete' }] };
    expect(detectWeakenings(change)).toEqual([]);
  });
});

describe('fixtures/weakening plans', () => {
  it.each<[string, string, Pick<Weakening, 'guard' | 'from' | 'to'>]>([
    ['rds-deletion-protection-off.json', 'aws_db_instance.orders', { guard: 'deletion_protection', from: 'true', to: 'false' }],
    ['s3-force-destroy-on.json', 'aws_s3_bucket.uploads', { guard: 'force_destroy', from: 'false', to: 'true' }],
    ['dynamodb-deletion-protection-off.json', 'aws_dynamodb_table.orders', { guard: 'deletion_protection_enabled', from: 'true', to: 'false' }],
    ['instance-api-termination-on.json', 'aws_instance.ledger', { guard: 'disable_api_termination', from: 'true', to: 'false' }],
    ['lb-deletion-protection-off.json', 'aws_lb.public', { guard: 'enable_deletion_protection', from: 'true', to: 'false' }],
    ['skip-final-snapshot-on.json', 'aws_rds_cluster.analytics', { guard: 'skip_final_snapshot', from: 'false', to: 'true' }],
    ['google-sql-deletion-protection-off.json', 'google_sql_database_instance.main', { guard: 'deletion_protection', from: 'true', to: 'false' }],
    ['cfn-dbcluster-deletion-protection-off.json', 'LedgerCluster', { guard: 'DeletionProtection', from: 'true', to: 'false' }],
  ])('%s: %s', (name, address, expected) => {
    const plan = parseFixture(`weakening/${name}`);
    expect(plan.incomplete).toBeUndefined();
    const weakened = plan.changes.filter((c) => detectWeakenings(c).length > 0);
    expect(weakened.map((c) => [c.address, c.action])).toEqual([[address, 'update']]);
    expect(signals(weakened[0] as Change)).toEqual([expected]);
  });
});

describe('properties', () => {
  const keys = [
    'deletion_protection',
    'deletion_protection_enabled',
    'enable_deletion_protection',
    'disable_api_termination',
    'purge_protection_enabled',
    'force_destroy',
    'skip_final_snapshot',
    'final_snapshot_identifier',
    'soft_delete_retention_days',
    'recovery_window_in_days',
    'deletion_policy',
    'DeletionProtection',
    'DeletionProtectionEnabled',
    'DisableApiTermination',
  ];
  const value = fc.constantFrom<unknown>(true, false, 'true', 'false', 'PROTECTED', 'UNPROTECTED', null, 0, 7, 90, '30', SENSITIVE, 'PREVENT', 'ABANDON', 'DELETE', 'FORCE', 'final-1', '');
  const values = fc.dictionary(fc.constantFrom(...keys), value);
  const format = fc.constantFrom<Change['format']>('terraform', 'cloudformation');
  const build = (f: Change['format'], before: Values, after: Values): Change =>
    f === 'terraform' ? terraform('aws_db_instance', before, after) : cloudFormation('AWS::RDS::DBCluster', before, after);

  it('an update that changes nothing weakens nothing', () => {
    fc.assert(
      fc.property(format, values, (f, before) => {
        expect(detectWeakenings(build(f, before, structuredClone(before)))).toEqual([]);
      }),
    );
  });

  it('a guard weakened one way is not weakened the other way', () => {
    fc.assert(
      fc.property(format, values, values, (f, a, b) => {
        const forward = new Set(detectWeakenings(build(f, a, b)).map((w) => w.guard));
        const backward = detectWeakenings(build(f, b, a)).map((w) => w.guard);
        expect(backward.filter((g) => forward.has(g))).toEqual([]);
      }),
    );
  });
});
