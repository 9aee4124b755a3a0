import { InputError } from '../errors.js';
import { quote } from '../quote.js';
import { cachedConfigAddress, configAddress, terraformDependencies, type Dependencies } from './dependencies.js';
import { isObject, type JsonObject } from '../json.js';
import { redactSensitive } from './redact.js';
import { actionOf, checkResourceChange, type ResourceChangeJson } from './terraform-entry.js';
import type { Change, ChangeAction, Plan } from './types.js';

/** `terraform show -json` format versions this reader understands; 1.x promises only additive minors. */
export function checkFormatVersion(version: unknown, source: string): string {
  if (typeof version !== 'string') {
    throw new InputError(source, `"format_version" is ${quote(version)}, not a version string: write the plan with \`terraform show -json\``);
  }
  const match = /^(\d+)\.(\d+)$/.exec(version);
  const major = Number(match?.[1]);
  const minor = Number(match?.[2]);
  if (match && (major === 1 || (major === 0 && (minor === 1 || minor === 2)))) return version;
  const newer = match && major > 1;
  throw new InputError(
    source,
    `plan format_version ${/^[\w.+-]{1,20}$/.test(version) ? version : quote(version, 40)} is ${newer ? 'newer than' : 'not one of'} the versions plangate reads (0.1, 0.2, 1.x): ${newer ? 'upgrade plangate' : 'write the plan with `terraform show -json`'}`,
  );
}

export function normaliseTerraform(doc: JsonObject, file: string): Plan {
  const formatVersion = checkFormatVersion(doc.format_version, file);
  // One configAddress cache for the entries and the prior state: they name the same objects.
  const names = new Map<string, string>();
  const collected = new TerraformChanges(file, names);
  const list = entries(doc.resource_changes, 'resource_changes', file);
  for (let i = 0; i < list.length; i++) collected.add(list[i], i);
  const deferred = entries(doc.deferred_changes, 'deferred_changes', file);
  for (let i = 0; i < deferred.length; i++) checkDeferredChange(deferred[i], file, i);
  // resource_drift is what changed outside Terraform before this plan; it is never read.
  return terraformPlan(file, formatVersion, collected, terraformDependencies(doc, names), doc);
}

/** Checks "resource_changes" entries one at a time, in order, and keeps the changes plangate reports. */
export class TerraformChanges {
  readonly changes: Change[] = [];
  /** Managed objects the plan leaves as they are (no-op), by configuration address: a dependent among them survives. */
  readonly unchanged = new Set<string>();
  private readonly seen = new Map<string, number>();

  /** `names`: a configAddress cache the plan's prior state is read with too (terraformDependencies). */
  constructor(
    private readonly file: string,
    private readonly names?: Map<string, string>,
  ) {}

  add(rc: unknown, i: number): void {
    const file = this.file;
    checkResourceChange(rc, file, 'resource_changes', i);
    // "address" and "deposed" together are unique in a plan (json-format): a second entry would contradict the first.
    const key = rc.deposed === undefined ? rc.address : `${rc.address}\u0000${rc.deposed}`;
    const first = this.seen.get(key);
    if (first !== undefined) throw new InputError(file, `resource_changes[${i}] ${quote(rc.address)} repeats resource_changes[${first}], the same object: the file is damaged; regenerate it with \`terraform show -json\``);
    this.seen.set(key, i);
    const change = toChange(rc, file);
    if (change) this.changes.push(change);
    else if (rc.mode === 'managed') this.unchanged.add(this.names ? cachedConfigAddress(rc.address, this.names) : configAddress(rc.address));
  }
}

/** Deferred changes are not applied by this plan (a later plan makes them), so they are checked, not reported. */
export function checkDeferredChange(item: unknown, file: string, i: number): void {
  if (!isObject(item) || (item.reason !== undefined && typeof item.reason !== 'string')) {
    throw new InputError(file, `deferred_changes[${i}] is not a deferred change (an object with a "reason" and a "resource_change"): the file is damaged; regenerate it with \`terraform show -json\``);
  }
  checkResourceChange(item.resource_change, file, 'deferred_changes', i, '.resource_change');
}

/** The plan, once its entries are read: `top` holds the document's "terraform_version" and "errored". */
export function terraformPlan(file: string, formatVersion: string, read: TerraformChanges | undefined, dependencies: Dependencies, top: { terraform_version?: unknown; errored?: unknown }): Plan {
  const plan: Plan = { file, format: 'terraform', formatVersion, changes: read?.changes ?? [], dependencies, unchangedNodes: read?.unchanged ?? new Set() };
  if (top.terraform_version !== undefined) {
    if (typeof top.terraform_version !== 'string' || !/^[\w.+-]{1,64}$/.test(top.terraform_version)) {
      throw new InputError(file, `"terraform_version" is ${quote(top.terraform_version)}, not a version: the file is damaged; regenerate it with \`terraform show -json\``);
    }
    plan.toolVersion = top.terraform_version;
  }
  if (top.errored !== undefined && typeof top.errored !== 'boolean') {
    throw new InputError(file, `"errored" is ${quote(top.errored)}, not true or false, so whether planning failed is unknown: regenerate it with \`terraform show -json\``);
  }
  if (top.errored === true) {
    plan.incomplete = 'the plan errored ("errored": true), so its list of changes is incomplete: fix the errors `terraform plan` reported and plan again';
  }
  return plan;
}

/** A top-level list of entries; absent (Terraform omits empty lists) or null is none. */
export function entries(list: unknown, field: 'resource_changes' | 'deferred_changes', file: string): unknown[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new InputError(file, `"${field}" is not a list: the file is damaged; regenerate it with \`terraform show -json\``);
  return list;
}

/** The change plangate reports for a checked entry; data source reads and plain no-ops say nothing. */
function toChange(rc: ResourceChangeJson, file: string): Change | undefined {
  if (rc.mode === 'data') return undefined;
  const { address, deposed, change: body } = rc;
  const action = actionOf(body.actions) as ChangeAction;
  const importing = body.importing !== undefined && body.importing !== null;
  // Plain no-ops are most of a large plan and say nothing; moved or imported ones are kept.
  if (action === 'no-op' && rc.previous_address === undefined && !importing) return undefined;
  const change: Change = {
    file,
    format: 'terraform',
    address: deposed ? `${address} (deposed ${deposed})` : address,
    resourceAddress: address,
    type: rc.type,
    name: rc.name,
    provider: shortProvider(rc.provider_name, rc.type),
    module: rc.module_address ?? '',
    action,
  };
  if (rc.provider_name !== undefined) change.providerSource = rc.provider_name;
  if (rc.index !== undefined) change.index = rc.index;
  if (action === 'replace') change.createBeforeDestroy = body.actions[0] === 'create';
  if (rc.action_reason !== undefined) change.reason = rc.action_reason;
  if (body.replace_paths !== undefined && body.replace_paths.length > 0) change.replacePaths = [...new Set(body.replace_paths.map(attributePath))];
  if (rc.previous_address !== undefined && rc.previous_address !== address) change.previousAddress = rc.previous_address;
  if (importing) change.importing = true;
  if (deposed) change.deposed = deposed;
  // No-ops repeat the prior state; keeping their values would only cost memory.
  if (action !== 'no-op') {
    if (body.before !== undefined && body.before !== null) change.before = redactSensitive(body.before, body.before_sensitive);
    if (body.after !== undefined && body.after !== null) change.after = redactSensitive(body.after, body.after_sensitive);
  }
  return change;
}

/** `["disk", 0, "size"]` → `disk[0].size`; a key that is not a plain name is quoted: `tags["team:owner"]`. */
export function attributePath(path: readonly (string | number)[]): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(step)) out += out === '' ? step : `.${step}`;
    else out += `[${JSON.stringify(step)}]`;
  }
  return out;
}

/** `registry.terraform.io/hashicorp/aws` → `aws`; old plans say `aws` or `provider.aws`; else the type's prefix. */
function shortProvider(providerName: string | undefined, type: string): string {
  if (providerName !== undefined) {
    let short = providerNames.get(providerName);
    if (short === undefined) {
      const last = providerName.split('/').pop() ?? providerName;
      short = last.replace(/^provider\./, '').replace(/\..*$/, '');
      providerNames.set(providerName, short);
    }
    return short;
  }
  return type.split('_')[0] ?? '';
}

const providerNames = new Map<string, string>();
