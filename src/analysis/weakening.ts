import { isObject } from '../json.js';
import { SENSITIVE, type Change } from '../plan/types.js';
export type { PolicyChange } from '../plan/types.js';
import type { Weakening } from '../plan/types.js';

type Values = Record<string, unknown>;

/**
 * The provider guards against deletion that an update or replacement switches
 * off: deletion protection turned off, force_destroy turned on, final snapshots
 * skipped, recovery windows shortened, CloudFormation policies moved off
 * Retain/Snapshot. Only unsafe transitions count: turning a guard on, leaving
 * it as it was, or creating a resource says nothing. Pure.
 */
export function detectWeakenings(change: Change): Weakening[] {
  if (change.action !== 'update' && change.action !== 'replace') return [];
  const found: Weakening[] = [];
  const before = asValues(change.before);
  const after = asValues(change.after);
  if (before && after) {
    if (change.format === 'terraform') terraformWeakenings(change, before, after, found);
    else cloudFormationWeakenings(change, before, after, found);
  }
  if (change.format === 'cloudformation') policyWeakenings(change, found);
  return found;
}

// ---------------------------------------------------------------------------
// Terraform: attribute names are the provider's own, whatever the resource type.

/** Attributes that protect the resource while they are on. */
const TERRAFORM_PROTECTIONS = [
  'deletion_protection', // RDS, Aurora, DocDB, Neptune, QLDB, Cognito ("ACTIVE"), Google SQL/Spanner/Bigtable ("PROTECTED")/GCE/GKE/BigQuery, …
  'deletion_protection_enabled', // DynamoDB, Memorystore
  'enable_deletion_protection', // aws_lb / aws_alb
  'disable_api_termination', // aws_instance
  'purge_protection_enabled', // azurerm_key_vault
  'soft_delete_enabled', // azurerm_recovery_services_vault
  'skip_destroy', // destroy only drops it from state (aws_lambda_layer_version, …)
];

/** Attributes that remove a safety net while they are on. */
const TERRAFORM_DANGERS = ['force_destroy', 'force_delete', 'skip_final_snapshot'];

/** Days a deleted object can still be recovered; fewer is weaker. */
const TERRAFORM_RETENTIONS = ['soft_delete_retention_days', 'recovery_window_in_days', 'deletion_window_in_days'];

/** Protections inside a nested block: [block, attribute]. */
const TERRAFORM_NESTED_PROTECTIONS: [string, string][] = [['settings', 'deletion_protection_enabled']]; // google_sql_database_instance

function terraformWeakenings(change: Change, before: Values, after: Values, found: Weakening[]): void {
  for (const name of TERRAFORM_PROTECTIONS) protectionOff(change, name, before, after, name, found);
  for (const [block, name] of TERRAFORM_NESTED_PROTECTIONS) {
    const inBefore = firstBlock(before[block]);
    const inAfter = firstBlock(after[block]);
    if (inBefore && inAfter) protectionOff(change, name, inBefore, inAfter, `${block}.${name}`, found);
  }
  for (const name of TERRAFORM_DANGERS) dangerOn(change, name, before, after, found);
  finalSnapshotIdentifierRemoved(change, before, after, found);
  for (const name of TERRAFORM_RETENTIONS) retentionReduced(change, name, before, after, found);
  deletionPolicyLoosened(change, before, after, found);
}

/** A `deletion_protection`-like guard that was on and is not any more. */
function protectionOff(change: Change, key: string, before: Values, after: Values, guard: string, found: Weakening[]): void {
  const from = before[key];
  const to = after[key];
  if (isSensitive(from) || isSensitive(to) || !isOn(from) || isOn(to)) return;
  const unknown = change.format === 'terraform' && !(key in after);
  const shown = unknown ? '(unknown)' : display(to);
  const later = change.format === 'terraform' ? 'a later apply' : 'a later stack update';
  const what = noun(change.type);
  found.push({
    guard,
    from: display(from),
    to: shown,
    description: unknown
      ? `${guard} may be turned off (${display(from)} → known only after apply): ${what} may be deletable by ${later}`
      : key === 'skip_destroy'
        ? `${guard} turned off (${display(from)} → ${shown}): destroying it now deletes ${what} instead of only dropping it from the state`
        : key === 'purge_protection_enabled'
          ? `${guard} turned off (${display(from)} → ${shown}): ${what} and its deleted objects can now be purged for good before the retention period ends`
          : key === 'soft_delete_enabled'
            ? `${guard} turned off (${display(from)} → ${shown}): deleted backups in ${what} are gone at once, with no soft-delete period`
            : `${guard} turned off (${display(from)} → ${shown}): ${what} can now be deleted by ${later}`,
  });
}

/** A `force_destroy`-like switch that was off and is now on. */
function dangerOn(change: Change, key: string, before: Values, after: Values, found: Weakening[]): void {
  const from = before[key];
  const to = after[key];
  if (isSensitive(from) || isSensitive(to) || !isOn(to) || isOn(from)) return;
  const what = noun(change.type);
  const transition = `(${display(from)} → ${display(to)})`;
  found.push({
    guard: key,
    from: display(from),
    to: display(to),
    description:
      key === 'skip_final_snapshot'
        ? `${key} turned on ${transition}: deleting ${what} will take no final snapshot, so its data is lost`
        : `${key} turned on ${transition}: deleting ${what} now also deletes everything in it, without failing first`,
  });
}

/** `final_snapshot_identifier` dropped while `skip_final_snapshot` is true: no snapshot names the data any more. */
function finalSnapshotIdentifierRemoved(change: Change, before: Values, after: Values, found: Weakening[]): void {
  const key = 'final_snapshot_identifier';
  const from = before[key];
  const to = after[key];
  if (isSensitive(from) || isSensitive(to) || isSensitive(after.skip_final_snapshot)) return;
  if (typeof from !== 'string' || from === '' || !isAbsent(to) || !isOn(after.skip_final_snapshot)) return;
  found.push({
    guard: key,
    from,
    to: '(removed)',
    description: `${key} removed (${from} → (removed)) while skip_final_snapshot is true: deleting ${noun(change.type)} will take no final snapshot`,
  });
}

/** A recovery window in days made shorter (both values must be known numbers). */
function retentionReduced(change: Change, key: string, before: Values, after: Values, found: Weakening[]): void {
  const from = days(before[key]);
  const to = days(after[key]);
  if (from === undefined || to === undefined || to >= from) return;
  const what = noun(change.type);
  found.push({
    guard: key,
    from: String(from),
    to: String(to),
    description:
      to === 0
        ? `${key} reduced to 0 (${from} → 0): deleting ${what} is now immediate and cannot be undone`
        : `${key} reduced (${from} → ${to}): ${what} can be recovered for fewer days after it is deleted`,
  });
}

const SAFE_DELETION_POLICIES = new Set(['PREVENT', 'ABANDON']);
const UNSAFE_DELETION_POLICIES = new Set(['DELETE', 'FORCE']);

/** Google's `deletion_policy`: PREVENT/ABANDON (or any other value) → DELETE/FORCE. */
function deletionPolicyLoosened(change: Change, before: Values, after: Values, found: Weakening[]): void {
  const from = before.deletion_policy;
  const to = after.deletion_policy;
  if (typeof from !== 'string' || typeof to !== 'string' || from === SENSITIVE || to === SENSITIVE) return;
  const fromUpper = from.toUpperCase();
  const toUpper = to.toUpperCase();
  if (!UNSAFE_DELETION_POLICIES.has(toUpper) || UNSAFE_DELETION_POLICIES.has(fromUpper)) return;
  const instead = SAFE_DELETION_POLICIES.has(fromUpper) ? (fromUpper === 'PREVENT' ? 'instead of refusing' : 'instead of abandoning it') : 'with fewer checks';
  found.push({
    guard: 'deletion_policy',
    from,
    to,
    description: `deletion_policy changed (${from} → ${to}): destroying ${noun(change.type)} now deletes it ${instead}`,
  });
}

// ---------------------------------------------------------------------------
// CloudFormation: resource Properties.

const CLOUDFORMATION_PROTECTIONS = ['DeletionProtection', 'DeletionProtectionEnabled', 'DisableApiTermination'];

const LB_DELETION_PROTECTION = 'deletion_protection.enabled';

function cloudFormationWeakenings(change: Change, before: Values, after: Values, found: Weakening[]): void {
  for (const name of CLOUDFORMATION_PROTECTIONS) protectionOff(change, name, before, after, name, found);
  // AWS::ElasticLoadBalancingV2::LoadBalancer keeps it in a Key/Value list.
  const lbBefore = keyValue(before.LoadBalancerAttributes, LB_DELETION_PROTECTION);
  const lbAfter = keyValue(after.LoadBalancerAttributes, LB_DELETION_PROTECTION);
  protectionOff(
    change,
    LB_DELETION_PROTECTION,
    { [LB_DELETION_PROTECTION]: lbBefore },
    lbAfter === undefined ? {} : { [LB_DELETION_PROTECTION]: lbAfter },
    `LoadBalancerAttributes.${LB_DELETION_PROTECTION}`,
    found,
  );
}

/** The Value of the `{Key, Value}` entry with this Key, if any. */
function keyValue(list: unknown, key: string): unknown {
  if (!Array.isArray(list)) return undefined;
  const entry = list.find((item): item is Values => asValues(item)?.Key === key);
  return entry?.Value;
}

const RETAINING_POLICIES = new Set(['Retain', 'RetainExceptOnCreate', 'Snapshot']);

/** DeletionPolicy / UpdateReplacePolicy moved off Retain, RetainExceptOnCreate or Snapshot. */
function policyWeakenings(change: Change, found: Weakening[]): void {
  for (const policy of change.policyChanges ?? []) {
    if (policy.attribute !== 'DeletionPolicy' && policy.attribute !== 'UpdateReplacePolicy') continue;
    const from = policyValue(policy.before);
    const written = policyValue(policy.after);
    if (from === undefined || from === SENSITIVE || written === SENSITIVE || !RETAINING_POLICIES.has(from)) continue;
    // Without the attribute CloudFormation deletes, except RDS clusters and stand-alone RDS instances, which it snapshots.
    const effective = written ?? defaultPolicy(change);
    if (RETAINING_POLICIES.has(effective)) continue;
    const to = written ?? '(removed)';
    const instead = from === 'Snapshot' ? 'without a final snapshot' : 'instead of keeping it';
    const when = policy.attribute === 'DeletionPolicy' ? 'removing it from the template or deleting the stack' : 'a replacement';
    found.push({
      guard: policy.attribute,
      from,
      to,
      description: `${policy.attribute} changed (${from} → ${to}${written === undefined ? `, so ${effective}` : ''}): ${when} now deletes ${noun(change.type)} ${instead}`,
    });
  }
}

/** BeforeValue/AfterValue as a policy name; tolerates a JSON-quoted string. */
function policyValue(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim().replace(/^"(.*)"$/, '$1');
  return trimmed === '' ? undefined : trimmed;
}

function defaultPolicy(change: Change): string {
  if (change.type === 'AWS::RDS::DBCluster') return 'Snapshot';
  if (change.type === 'AWS::RDS::DBInstance') {
    const after = asValues(change.after);
    const clustered = after !== undefined && after.DBClusterIdentifier !== undefined && after.DBClusterIdentifier !== null && after.DBClusterIdentifier !== '';
    return clustered ? 'Delete' : 'Snapshot';
  }
  return 'Delete';
}

// ---------------------------------------------------------------------------
// Values.

const ON_STRINGS = new Set(['true', 'protected', 'active', 'enabled']);

/** true, "true", and the string forms providers use for "protected" (Bigtable PROTECTED, Cognito ACTIVE). */
function isOn(value: unknown): boolean {
  if (value === true) return true;
  return typeof value === 'string' && ON_STRINGS.has(value.trim().toLowerCase());
}

function isSensitive(value: unknown): boolean {
  return value === SENSITIVE;
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function days(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return Number(value);
  return undefined;
}

/** A value as the plan wrote it: `true`, `false`, `UNPROTECTED`; `(removed)` when absent or null. */
function display(value: unknown): string {
  if (value === undefined || value === null) return '(removed)';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function asValues(value: unknown): Values | undefined {
  return isObject(value) ? value : undefined;
}

/** A nested block: Terraform writes a single block as a one-element list. */
function firstBlock(value: unknown): Values | undefined {
  return Array.isArray(value) ? asValues(value[0]) : asValues(value);
}

/** What the reviewer stands to lose, in words: "the database", "the bucket", … */
function noun(type: string): string {
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
