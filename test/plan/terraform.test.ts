import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { DESTRUCTIVE_ACTIONS, SENSITIVE, type Plan } from '../../src/plan/types.js';
import { changeAt, fixtureJson, fixturePath, parseDoc, parseFixture, summary } from './fixtures.js';

/** Changes other than plain no-ops (which plangate may leave out: they say nothing). */
function meaningful(plan: Plan): Plan {
  return { ...plan, changes: plan.changes.filter((c) => c.action !== 'no-op' || c.previousAddress !== undefined || c.importing) };
}

type Doc = Record<string, unknown>;

/** Secrets written into fixtures/terraform/modules-destroy.json; none may survive normalisation. */
const SECRETS = [
  'S3cr3t-Hunter2-rds',
  'pw-acme-prod-2023',
  'pw-acme-prod-2025',
  'tenant-apikey-77aa19',
  'tok-OLD-1a2b3c4d5e6f',
  'tok-9f8e7d6c5b4a3921',
  'legacy-RANDOM-q8Zx4vLm',
];

/** A plan with one resource change, for the action table. */
function planWith(entry: Doc, extra: Doc = {}): Plan {
  return parseDoc({ format_version: '1.2', terraform_version: '1.9.8', resource_changes: [entry], ...extra });
}

function entry(actions: string[], more: Doc = {}): Doc {
  return {
    address: 'aws_s3_bucket.b',
    mode: 'managed',
    type: 'aws_s3_bucket',
    name: 'b',
    provider_name: 'registry.terraform.io/hashicorp/aws',
    change: { actions, before: { bucket: 'b' }, after: { bucket: 'b' }, after_unknown: {}, before_sensitive: {}, after_sensitive: {} },
    ...more,
  };
}

describe('Terraform actions', () => {
  it.each([
    [['delete'], 'delete', undefined],
    [['delete', 'create'], 'replace', false],
    [['create', 'delete'], 'replace', true],
    [['forget'], 'forget', undefined],
    [['create', 'forget'], 'forget', undefined],
    [['create'], 'create', undefined],
    [['update'], 'update', undefined],
    [['read'], 'read', undefined],
  ])('%j is %s', (actions, action, createBeforeDestroy) => {
    const [change] = planWith(entry(actions)).changes;
    expect(change?.action).toBe(action);
    expect(change?.createBeforeDestroy).toBe(createBeforeDestroy);
  });

  it('never reports a plain no-op as anything else', () => {
    for (const change of planWith(entry(['no-op'])).changes) expect(change).toMatchObject({ action: 'no-op', before: undefined, after: undefined });
  });

  it('never makes a move, an import or a read destructive', () => {
    const moved = planWith(entry(['no-op'], { address: 'aws_s3_bucket.c', name: 'c', previous_address: 'aws_s3_bucket.b' })).changes[0];
    const movedUpdate = planWith(entry(['update'], { address: 'aws_s3_bucket.c', name: 'c', previous_address: 'aws_s3_bucket.b' })).changes[0];
    const imported = planWith(entry(['no-op'], { change: { actions: ['no-op'], before: {}, after: {}, importing: { id: 'b' } } })).changes[0];
    const importCreate = planWith(entry(['update'], { change: { actions: ['update'], before: {}, after: {}, importing: { id: 'b' } } })).changes[0];
    for (const change of [moved, movedUpdate, imported, importCreate]) {
      expect(DESTRUCTIVE_ACTIONS.has(change!.action)).toBe(false);
    }
    expect(moved).toMatchObject({ action: 'no-op', address: 'aws_s3_bucket.c', previousAddress: 'aws_s3_bucket.b' });
    expect(movedUpdate).toMatchObject({ action: 'update', previousAddress: 'aws_s3_bucket.b' });
    expect(imported).toMatchObject({ action: 'no-op', importing: true });
    expect(importCreate).toMatchObject({ action: 'update', importing: true });
  });

  it('checks data sources, then leaves their reads out', () => {
    const plan = parseDoc({
      format_version: '1.2',
      resource_changes: [
        entry(['read'], { address: 'data.aws_ami.ubuntu', mode: 'data', type: 'aws_ami', name: 'ubuntu' }),
        entry(['no-op'], { address: 'module.a.data.aws_ami.old[0]', module_address: 'module.a', mode: 'data', type: 'aws_ami', name: 'old', index: 0 }),
        entry(['delete'], { address: 'aws_s3_bucket.real', name: 'real' }),
      ],
    });
    expect(summary(plan)).toEqual([['aws_s3_bucket.real', 'delete']]);
  });

  it('keeps the previous address of a moved resource that is then deleted', () => {
    const change = planWith(entry(['delete'], { address: 'module.app.aws_s3_bucket.b', module_address: 'module.app', previous_address: 'aws_s3_bucket.b' })).changes[0];
    expect(change).toMatchObject({ action: 'delete', previousAddress: 'aws_s3_bucket.b' });
  });

  it('ignores resource_drift entirely', () => {
    const plan = parseDoc({
      format_version: '1.2',
      resource_drift: [entry(['delete'], { address: 'aws_s3_bucket.gone' })],
      resource_changes: [],
    });
    expect(plan.changes).toEqual([]);
  });

  it('names a deposed object after its resource', () => {
    const change = planWith(entry(['delete'], { address: 'aws_instance.web[1]', type: 'aws_instance', name: 'web', index: 1, deposed: 'abcd1234' })).changes[0];
    expect(change).toMatchObject({
      address: 'aws_instance.web[1] (deposed abcd1234)',
      resourceAddress: 'aws_instance.web[1]',
      deposed: 'abcd1234',
      action: 'delete',
      index: 1,
    });
  });

  it.each([
    'replace_because_cannot_update',
    'replace_because_tainted',
    'replace_by_triggers',
    'replace_by_request',
    'delete_because_no_resource_config',
    'delete_because_count_index',
    'delete_because_each_key',
    'delete_because_no_module',
    'delete_because_wrong_repetition',
    'delete_because_no_move_target',
  ])('reports action_reason %s as the reason', (reason) => {
    expect(planWith(entry(['delete'], { action_reason: reason })).changes[0]?.reason).toBe(reason);
  });

  it('refuses an action list it does not know, naming the address', () => {
    expect(() => planWith(entry(['delete', 'explode']))).toThrow(/resource_changes\[0\] "aws_s3_bucket\.b".*\["delete","explode"\].*upgrade plangate/);
  });
});

describe('fixtures/terraform/modules-destroy.json', () => {
  const plan = parseFixture('terraform/modules-destroy.json');

  it('reads every managed change, in plan order, with the right action', () => {
    expect(plan).toMatchObject({ file: 'fixtures/terraform/modules-destroy.json', format: 'terraform', formatVersion: '1.2', toolVersion: '1.9.8' });
    expect(plan.incomplete).toBeUndefined();
    expect(summary(meaningful(plan))).toEqual([
      ['aws_dynamodb_table.sessions', 'forget'],
      ['aws_iam_role.deploy', 'forget'],
      ['aws_instance.web[0]', 'replace'],
      ['aws_instance.web[1] (deposed abcd1234)', 'delete'],
      ['aws_instance.web[2]', 'delete'],
      ['aws_route53_zone.main', 'no-op'],
      ['aws_s3_bucket.logs["team.a/eu"]', 'delete'],
      ['module.app.aws_cloudwatch_log_group.app', 'no-op'],
      ['module.app.aws_lambda_function.worker', 'update'],
      ['module.app.aws_security_group.app', 'update'],
      ['module.app.aws_sqs_queue.jobs', 'delete'],
      ['module.app.aws_ssm_parameter.db_url', 'create'],
      ['module.app.module.db.aws_db_instance.main', 'delete'],
      ['module.app.module.db.aws_db_parameter_group.main', 'create'],
      ['module.legacy.aws_sns_topic.alerts', 'delete'],
      ['module.tenant["acme \\"prod\\""].aws_db_instance.main', 'replace'],
      ['module.tenant["acme \\"prod\\""].aws_s3_bucket.exports["2024.q1/raw"]', 'create'],
      ['random_password.legacy', 'delete'],
    ]);
  });

  it('leaves out the data source read and the resource_drift entries', () => {
    const addresses = plan.changes.map((c) => c.address);
    expect(addresses.some((a) => a.includes('data.'))).toBe(false);
    expect(addresses).not.toContain('aws_s3_bucket.archive');
    const raw = fixtureJson('terraform/modules-destroy.json') as { resource_drift: Doc[]; resource_changes: Doc[] };
    expect(raw.resource_drift.map((d) => d.address)).toContain('aws_s3_bucket.archive');
    const managed = raw.resource_changes.filter((rc) => rc.mode === 'managed');
    expect(plan.changes.length).toBeGreaterThanOrEqual(managed.length - 2); // two plain no-ops may be left out
    expect(plan.changes.length).toBeLessThanOrEqual(managed.length);
  });

  it('reads modules, nested modules and instance keys with quotes, dots and slashes', () => {
    expect(changeAt(plan, 'module.app.module.db.aws_db_instance.main')).toMatchObject({
      resourceAddress: 'module.app.module.db.aws_db_instance.main',
      module: 'module.app.module.db',
      type: 'aws_db_instance',
      name: 'main',
      provider: 'aws',
      providerSource: 'registry.terraform.io/hashicorp/aws',
      reason: 'delete_because_no_resource_config',
    });
    expect(changeAt(plan, 'aws_s3_bucket.logs["team.a/eu"]')).toMatchObject({
      module: '',
      index: 'team.a/eu',
      type: 'aws_s3_bucket',
      name: 'logs',
      reason: 'delete_because_each_key',
    });
    const tenant = changeAt(plan, 'module.tenant["acme \\"prod\\""].aws_db_instance.main');
    expect(tenant).toMatchObject({
      module: 'module.tenant["acme \\"prod\\""]',
      type: 'aws_db_instance',
      createBeforeDestroy: false,
      reason: 'replace_because_cannot_update',
    });
    expect(tenant.index).toBeUndefined();
    expect(changeAt(plan, 'module.tenant["acme \\"prod\\""].aws_s3_bucket.exports["2024.q1/raw"]').index).toBe('2024.q1/raw');
  });

  it('tells create-before-destroy replacements, count indexes and deposed objects apart', () => {
    expect(changeAt(plan, 'aws_instance.web[0]')).toMatchObject({ index: 0, createBeforeDestroy: true, reason: 'replace_because_tainted' });
    expect(changeAt(plan, 'aws_instance.web[2]')).toMatchObject({ index: 2, reason: 'delete_because_count_index' });
    const deposed = changeAt(plan, 'aws_instance.web[1] (deposed abcd1234)');
    expect(deposed).toMatchObject({ resourceAddress: 'aws_instance.web[1]', deposed: 'abcd1234', index: 1 });
    const current = plan.changes.filter((c) => c.resourceAddress === 'aws_instance.web[1]' && c.deposed === undefined);
    for (const c of current) expect(c).toMatchObject({ address: 'aws_instance.web[1]', action: 'no-op' });
  });

  it('reports forget, create-then-forget, moves, imports and removed modules', () => {
    expect(changeAt(plan, 'aws_dynamodb_table.sessions')).toMatchObject({ action: 'forget', reason: 'delete_because_no_resource_config' });
    expect(changeAt(plan, 'aws_iam_role.deploy')).toMatchObject({ action: 'forget', reason: 'replace_because_cannot_update' });
    expect(changeAt(plan, 'aws_iam_role.deploy').createBeforeDestroy).toBeUndefined();
    expect(changeAt(plan, 'module.app.aws_sqs_queue.jobs')).toMatchObject({ action: 'delete', previousAddress: 'aws_sqs_queue.jobs' });
    expect(changeAt(plan, 'module.app.aws_cloudwatch_log_group.app')).toMatchObject({ action: 'no-op', previousAddress: 'aws_cloudwatch_log_group.app' });
    expect(changeAt(plan, 'module.app.aws_security_group.app')).toMatchObject({ action: 'update', previousAddress: 'aws_security_group.app' });
    expect(changeAt(plan, 'aws_route53_zone.main')).toMatchObject({ action: 'no-op', importing: true });
    expect(changeAt(plan, 'module.legacy.aws_sns_topic.alerts')).toMatchObject({ module: 'module.legacy', reason: 'delete_because_no_module' });
    expect(changeAt(plan, 'random_password.legacy')).toMatchObject({ provider: 'random', providerSource: 'registry.terraform.io/hashicorp/random' });
    for (const c of plan.changes) {
      if (c.previousAddress === undefined && c.importing === undefined) continue;
      expect(c.action === 'delete' || !DESTRUCTIVE_ACTIONS.has(c.action)).toBe(true);
    }
  });

  it('keeps the before values that matter to a reviewer of a database delete', () => {
    const before = changeAt(plan, 'module.app.module.db.aws_db_instance.main').before as Doc;
    expect(before).toMatchObject({ identifier: 'app-prod', deletion_protection: false, skip_final_snapshot: true, password: SENSITIVE });
    expect(changeAt(plan, 'module.app.module.db.aws_db_instance.main').after).toBeUndefined();
  });

  it('replaces every sensitive value: whole values, nested maps and lists of maps', () => {
    const tenant = changeAt(plan, 'module.tenant["acme \\"prod\\""].aws_db_instance.main');
    expect(tenant.before).toMatchObject({ password: SENSITIVE, tags: { owner: 'acme', api_key: SENSITIVE }, tags_all: { api_key: SENSITIVE } });
    expect(tenant.after).toMatchObject({ password: SENSITIVE, tags: { owner: 'acme', api_key: SENSITIVE }, storage_encrypted: true });
    const lambda = changeAt(plan, 'module.app.aws_lambda_function.worker');
    expect(lambda.before).toMatchObject({ environment: [{ variables: { API_TOKEN: SENSITIVE, LOG_LEVEL: 'info' } }], memory_size: 256 });
    expect(lambda.after).toMatchObject({ environment: [{ variables: { API_TOKEN: SENSITIVE, LOG_LEVEL: 'info' } }], memory_size: 512 });
    expect(changeAt(plan, 'module.app.aws_ssm_parameter.db_url').after).toMatchObject({ value: SENSITIVE, name: '/app/prod/db-url' });
    expect(changeAt(plan, 'random_password.legacy').before).toBe(SENSITIVE);
  });

  it('lets no secret of the file through', () => {
    const text = readFileSync(fixturePath('terraform/modules-destroy.json'), 'utf8');
    const out = JSON.stringify(plan);
    for (const secret of SECRETS) {
      expect(text).toContain(secret);
      expect(out).not.toContain(secret);
    }
  });

  it('keeps no values for no-ops', () => {
    for (const c of plan.changes.filter((c) => c.action === 'no-op')) {
      expect(c.before).toBeUndefined();
      expect(c.after).toBeUndefined();
    }
  });
});

describe('sensitive masks', () => {
  it.each([
    ['whole value', { a: 1 }, true, SENSITIVE],
    ['one key', { a: 's', b: 'x' }, { a: true }, { a: SENSITIVE, b: 'x' }],
    ['list item', ['x', 's'], [false, true], ['x', SENSITIVE]],
    ['map inside a list', [{ k: 's', v: 1 }], [{ k: true }], [{ k: SENSITIVE, v: 1 }]],
    ['list inside a map', { l: ['s', 't'] }, { l: true }, { l: SENSITIVE }],
    ['deep', { a: { b: [{ c: { d: 's' } }] } }, { a: { b: [{ c: { d: true } }] } }, { a: { b: [{ c: { d: SENSITIVE } }] } }],
    ['mask over a scalar', 's', { a: true }, SENSITIVE],
    ['empty masks', { a: 's', l: [] }, { l: [] }, { a: 's', l: [] }],
  ])('%s', (_name, value, mask, expected) => {
    const change = planWith(entry(['update'], { change: { actions: ['update'], before: value, after: value, before_sensitive: mask, after_sensitive: mask } })).changes[0];
    expect(change?.before).toEqual(expected);
    expect(change?.after).toEqual(expected);
  });
});

describe('format versions', () => {
  const base = fixtureJson('terraform/example-destroy.json') as Doc;

  it.each(['0.1', '0.2', '1.0', '1.1', '1.2', '1.9'])('reads format_version %s', (version) => {
    const plan = parseDoc({ ...base, format_version: version });
    expect(plan.formatVersion).toBe(version);
    expect(summary(plan)).toEqual(summary(parseFixture('terraform/example-destroy.json')));
  });

  it('refuses format_version 2.0 naming the file and the version', () => {
    expect(() => parseFixture('terraform/format-2.0.json')).toThrow(InputError);
    expect(() => parseFixture('terraform/format-2.0.json')).toThrow(/^fixtures\/terraform\/format-2\.0\.json: plan format_version 2\.0 is newer .*upgrade plangate/);
  });

  it.each([['0.3'], ['1'], ['latest']])('refuses format_version %s', (version) => {
    expect(() => parseDoc({ ...base, format_version: version })).toThrow(/format_version/);
  });

  it('reads a Terraform 0.12 plan (format 0.1, short provider names, no sensitive masks)', () => {
    const plan = parseFixture('terraform/format-0.1.json');
    expect(plan).toMatchObject({ formatVersion: '0.1', toolVersion: '0.12.31' });
    expect(summary(plan)).toEqual([
      ['aws_db_instance.legacy', 'delete'],
      ['aws_instance.web[0]', 'replace'],
      ['module.network.aws_vpc.main', 'update'],
    ]);
    expect(changeAt(plan, 'aws_instance.web[0]')).toMatchObject({ createBeforeDestroy: false, index: 0, provider: 'aws', providerSource: 'aws' });
    expect(changeAt(plan, 'module.network.aws_vpc.main')).toMatchObject({ provider: 'aws', providerSource: 'aws.east', module: 'module.network' });
    expect(changeAt(plan, 'aws_db_instance.legacy').reason).toBeUndefined();
    expect(changeAt(plan, 'aws_db_instance.legacy').before).toMatchObject({ skip_final_snapshot: true });
  });

  it('reads an OpenTofu plan', () => {
    const plan = parseFixture('terraform/opentofu-1.9.json');
    expect(plan).toMatchObject({ format: 'terraform', formatVersion: '1.2', toolVersion: '1.9.0' });
    expect(summary(plan)).toEqual([
      ['aws_dynamodb_table.locks', 'forget'],
      ['aws_kms_key.state', 'update'],
      ['aws_s3_bucket.archive', 'delete'],
      ['aws_sns_topic.notify', 'create'],
    ]);
    for (const c of plan.changes) expect(c).toMatchObject({ provider: 'aws', providerSource: 'registry.opentofu.org/hashicorp/aws' });
  });

  it('takes the short provider name from every spelling of provider_name', () => {
    const provider = (name: unknown) => planWith(entry(['delete'], { provider_name: name })).changes[0]?.provider;
    expect(provider('registry.terraform.io/hashicorp/aws')).toBe('aws');
    expect(provider('registry.opentofu.org/hashicorp/google-beta')).toBe('google-beta');
    expect(provider('provider.aws')).toBe('aws');
    expect(provider('aws.east')).toBe('aws');
    expect(provider(undefined)).toBe('aws');
  });
});

describe('incomplete plans', () => {
  it('reads an errored plan but marks it incomplete', () => {
    const doc = { ...(fixtureJson('terraform/example-destroy.json') as Doc), errored: true };
    const plan = parseDoc(doc);
    expect(plan.incomplete).toMatch(/errored/);
    expect(plan.changes).toHaveLength(5);
  });

  it('treats errored: false as complete', () => {
    expect(parseFixture('terraform/example-destroy.json').incomplete).toBeUndefined();
  });
});

describe('fixtures/terraform/example-destroy.json', () => {
  it('deletes a database and a bucket, replaces an instance and creates two resources', () => {
    const plan = parseFixture('terraform/example-destroy.json');
    expect(summary(plan)).toEqual([
      ['aws_cloudwatch_log_group.app', 'create'],
      ['aws_db_instance.production', 'delete'],
      ['aws_instance.app', 'replace'],
      ['aws_s3_bucket.uploads', 'delete'],
      ['aws_sqs_queue.orders', 'create'],
    ]);
    expect(changeAt(plan, 'aws_db_instance.production').before).toMatchObject({ password: SENSITIVE, deletion_protection: false });
  });
});
