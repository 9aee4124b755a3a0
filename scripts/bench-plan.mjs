// The bench's generated Terraform plans, written a part at a time so a plan
// of any size (1 GB and more) can be generated without holding it:
//
//   pretty:  `terraform show -json | jq .`-like, one-space indented, ~3.5 kB
//            per resource, mostly no-ops (about 10% change), 50 per module;
//   compact: minified, many small resources (~1.7 kB each), modules nested
//            two deep, and prior_state depends_on chains that run through
//            every module (each object depends on the three before it).
//
// Both delete some protected resources (databases, buckets), so a check
// blocks. Deterministic: the same options give the same bytes. Used by
// `npm run bench` and by the tests (test/plan/stream-terraform.test.ts).

import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import { rng } from './adversarial-plan.mjs';

/** Writes the plan to `file` a part at a time (through a temporary name, so a stopped run leaves no half plan). */
export function writePlan(file, options) {
  const partial = `${file}.partial`;
  const fd = openSync(partial, 'w');
  let parts = [];
  let length = 0;
  for (const part of planChunks(options)) {
    parts.push(part);
    length += part.length;
    if (length > 1 << 22) {
      writeSync(fd, parts.join(''));
      parts = [];
      length = 0;
    }
  }
  writeSync(fd, parts.join(''));
  closeSync(fd);
  renameSync(partial, file);
}

const pick = (r, xs) => xs[Math.floor(r() * xs.length)];

function hex(r, n) {
  let s = '';
  while (s.length < n) s += Math.floor(r() * 16).toString(16);
  return s;
}

const PRETTY_KINDS = [
  { type: 'aws_instance', attrs: (r, i) => ({ ami: `ami-${hex(r, 17)}`, instance_type: pick(r, ['t3.micro', 'm5.large', 'c6i.xlarge']), subnet_id: `subnet-${hex(r, 17)}`, tags: { Name: `app-${i}`, env: 'prod', team: 'core' }, root_block_device: [{ volume_size: 20 + (i % 50), volume_type: 'gp3', encrypted: true, delete_on_termination: true }], vpc_security_group_ids: [`sg-${hex(r, 17)}`, `sg-${hex(r, 17)}`], user_data: hex(r, 64), disable_api_termination: false }) },
  { type: 'aws_s3_bucket', attrs: (r, i) => ({ bucket: `corp-data-${i}-${hex(r, 8)}`, force_destroy: false, tags: { env: 'prod', owner: 'data' }, versioning: [{ enabled: true, mfa_delete: false }], server_side_encryption_configuration: [{ rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: `arn:aws:kms:eu-west-1:123456789012:key/${hex(r, 36)}` }] }] }] }) },
  { type: 'aws_db_instance', attrs: (r, i) => ({ identifier: `db-${i}`, engine: 'postgres', engine_version: '16.3', instance_class: 'db.r6g.large', allocated_storage: 100 + (i % 900), storage_encrypted: true, deletion_protection: true, skip_final_snapshot: false, final_snapshot_identifier: `db-${i}-final`, backup_retention_period: 7, multi_az: true, username: 'app', password: 'hunter2-not-real', tags: { env: 'prod' } }) },
  { type: 'aws_security_group_rule', attrs: (r) => ({ type: 'ingress', from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['10.0.0.0/8'], security_group_id: `sg-${hex(r, 17)}`, description: 'https from the VPC' }) },
  { type: 'aws_iam_role', attrs: (r, i) => ({ name: `role-${i}`, assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }), max_session_duration: 3600, path: '/', tags: { team: 'core' }, arn: `arn:aws:iam::123456789012:role/role-${i}`, unique_id: hex(r, 21).toUpperCase() }) },
];

const COMPACT_KINDS = [
  { type: 'aws_route53_record', attrs: (r, i) => ({ name: `h${i}.corp.example`, type: 'A', ttl: 300, records: [`10.${i % 250}.${(i >> 8) % 250}.${hex(r, 2).length}`], zone_id: `Z${hex(r, 12).toUpperCase()}` }) },
  { type: 'aws_s3_bucket', attrs: (r, i) => ({ bucket: `b-${i}-${hex(r, 6)}`, force_destroy: false, tags: { env: 'prod' } }) },
  { type: 'aws_iam_policy_attachment', attrs: (r, i) => ({ name: `att-${i}`, policy_arn: `arn:aws:iam::aws:policy/p${i % 40}`, roles: [`role-${i % 97}`] }) },
  { type: 'aws_db_instance', attrs: (r, i) => ({ identifier: `db-${i}`, engine: 'postgres', instance_class: 'db.t4g.micro', deletion_protection: true, password: 'not-real' }) },
  { type: 'aws_cloudwatch_log_group', attrs: (r, i) => ({ name: `/svc/${i}`, retention_in_days: 30, kms_key_id: hex(r, 8) }) },
];

/**
 * The plan's text, part by part: `resources` resources from number `first`
 * on; `destroyed`, when given, receives every deleted or replaced resource
 * as the text is written.
 * @param {{ style: 'pretty' | 'compact', resources: number, first?: number, destroyed?: { address: string, type: string, action: 'delete' | 'replace' }[] }} options
 * @returns {Generator<string>}
 */
export function* planChunks({ style, resources, first = 0, destroyed }) {
  const compact = style === 'compact';
  const kinds = compact ? COMPACT_KINDS : PRETTY_KINDS;
  const perModule = compact ? 100 : 50;
  const modules = Math.ceil(resources / perModule);
  const moduleAddress = (m) => (compact ? `module.region["r${m % 4}"].module.stack["s${m}"]` : `module.service["svc-${m}"]`);
  // One resource, a pure function of its number, so each part of the plan can recompute it.
  const resource = (i) => {
    const r = rng(i * 7919 + (compact ? 1 : 0));
    const m = Math.floor(i / perModule);
    const j = i % perModule;
    const kind = kinds[i % kinds.length];
    const name = `r${j}`;
    const module = moduleAddress(m);
    const address = `${module}.${kind.type}.${name}`;
    const before = { id: `${kind.type}-${i}`, ...kind.attrs(r, i) };
    const roll = r();
    // Mostly no-ops, as in a real large estate; a few of every destructive kind.
    let actions = ['no-op'];
    if (roll < 0.08) actions = ['update'];
    else if (roll < 0.1) actions = ['create'];
    else if (roll < 0.104) actions = ['delete'];
    else if (roll < 0.107) actions = ['delete', 'create'];
    const after = actions[0] === 'delete' && actions.length === 1 ? null : { ...before, tags: { ...before.tags, revision: String(i % 7) } };
    const sensitive = kind.type === 'aws_db_instance' ? { password: true } : {};
    const common = { address, module_address: module, mode: 'managed', type: kind.type, name, provider_name: 'registry.terraform.io/hashicorp/aws' };
    // pretty: the one before in the module; compact: the three before, across modules, so chains run through the whole plan.
    const previous = (k) => `${moduleAddress(Math.floor(k / perModule))}.${kinds[k % kinds.length].type}.r${k % perModule}`;
    const dependsOn = compact ? [1, 2, 3].filter((d) => i - d >= 0).map((d) => previous(i - d)) : j > 0 ? [previous(i - 1)] : [];
    return { m, actions, before, after, sensitive, common, dependsOn };
  };
  const json = compact ? (value) => JSON.stringify(value) : (value, indent) => JSON.stringify(value, null, 1).replace(/\n/g, `\n${' '.repeat(indent)}`);
  const nl = compact ? '' : '\n';
  const sp = (n) => (compact ? '' : ' '.repeat(n));
  const colon = compact ? ':' : ': ';
  /** A list of `count` items under `key`, written one item at a time; `item` may return undefined to leave one out. */
  function* list(key, count, indent, item) {
    yield `${sp(indent)}${JSON.stringify(key)}${colon}[`;
    let first = true;
    for (let n = 0; n < count; n++) {
      const value = item(n);
      if (value === undefined) continue;
      yield `${first ? '' : ','}${nl}${sp(indent + 1)}${json(value, indent + 1)}`;
      first = false;
    }
    yield `${nl}${sp(indent)}]`;
  }
  if (first % perModule !== 0) throw new Error(`first must be a multiple of ${perModule}`);
  const inModule = (m) => Array.from({ length: Math.min(perModule, resources - m * perModule) }, (_, j) => resource(first + m * perModule + j));

  yield `{${nl}${sp(1)}"format_version"${colon}"1.2",${nl}${sp(1)}"terraform_version"${colon}"1.9.8",${nl}${sp(1)}"variables"${colon}{"region"${colon}{"value"${colon}"eu-west-1"}},${nl}`;
  yield `${sp(1)}"planned_values"${colon}{"root_module"${colon}{"resources"${colon}[],${nl}`;
  yield* list('child_modules', modules, 2, (m) => ({ address: moduleAddress(first / perModule + m), resources: inModule(m).filter((x) => x.after).map((x) => ({ ...x.common, schema_version: 1, values: x.after, sensitive_values: x.sensitive })) }));
  yield `}},${nl}`;
  let protectedDeletes = 0;
  yield* list('resource_changes', resources, 1, (n) => {
    const { actions, before, after, sensitive, common } = resource(first + n);
    if (actions[0] === 'delete' && (common.type === 'aws_db_instance' || common.type === 'aws_s3_bucket')) protectedDeletes++;
    if (actions[0] === 'delete') destroyed?.push({ address: common.address, type: common.type, action: actions.length === 2 ? 'replace' : 'delete' });
    return {
      ...common,
      change: { actions, before: actions[0] === 'create' ? null : before, after, after_unknown: after ? { id: actions.includes('create') } : {}, before_sensitive: sensitive, after_sensitive: after ? sensitive : false },
      ...(actions.length === 2 ? { action_reason: 'replace_because_cannot_update' } : {}),
    };
  });
  // Large plans always delete some; a small slice may not.
  if (protectedDeletes === 0 && resources >= 1000) throw new Error('generator produced no protected delete');
  yield `,${nl}${sp(1)}"prior_state"${colon}{"format_version"${colon}"1.0","terraform_version"${colon}"1.9.8","values"${colon}{"root_module"${colon}{"resources"${colon}[],${nl}`;
  yield* list('child_modules', modules, 2, (m) => ({ address: moduleAddress(first / perModule + m), resources: inModule(m).filter((x) => x.actions[0] !== 'create').map((x) => ({ ...x.common, schema_version: 1, values: x.before, sensitive_values: x.sensitive, depends_on: x.dependsOn })) }));
  const moduleBody = { resources: kinds.map((k, n) => ({ address: `${k.type}.r${n}`, mode: 'managed', type: k.type, name: `r${n}`, provider_config_key: 'aws', expressions: { tags: { references: ['var.tags'] } }, schema_version: 1 })) };
  const calls = compact
    ? { region: { source: './modules/region', for_each_expression: { references: ['local.regions'] }, module: { module_calls: { stack: { source: './stack', for_each_expression: { references: ['var.stacks'] }, module: moduleBody } } } } }
    : { service: { source: './modules/service', for_each_expression: { references: ['local.services'] }, module: moduleBody } };
  const configuration = { provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws' } }, root_module: { module_calls: calls } };
  yield `}}},${nl}${sp(1)}"configuration"${colon}${json(configuration, 1)},${nl}`;
  yield `${sp(1)}"timestamp"${colon}"2026-11-24T00:00:00Z",${nl}${sp(1)}"applyable"${colon}true,${nl}${sp(1)}"complete"${colon}true,${nl}${sp(1)}"errored"${colon}false${nl}}${nl}`;
}
