import { InputError } from '../errors.js';
import { terraformDependencies } from './dependencies.js';
import { isObject, type JsonObject } from '../json.js';
import { redactSensitive } from './redact.js';
import type { Change, ChangeAction, Plan } from './types.js';

/** `terraform show -json` format versions this reader understands; 1.x promises only additive minors. */
export function checkFormatVersion(version: unknown, source: string): string {
  if (typeof version !== 'string') {
    throw new InputError(source, `"format_version" is ${JSON.stringify(version)}, not a version string: write the plan with \`terraform show -json\``);
  }
  const match = /^(\d+)\.(\d+)$/.exec(version);
  const major = Number(match?.[1]);
  const minor = Number(match?.[2]);
  if (match && (major === 1 || (major === 0 && (minor === 1 || minor === 2)))) return version;
  const newer = match && major > 1;
  throw new InputError(
    source,
    `plan format_version ${/^[\w.+-]{1,20}$/.test(version) ? version : JSON.stringify(version.slice(0, 40))} is ${newer ? 'newer than' : 'not one of'} the versions plangate reads (0.1, 0.2, 1.x): ${newer ? 'upgrade plangate' : 'write the plan with `terraform show -json`'}`,
  );
}

// Terraform's JSON action lists (internal/command/jsonplan): every one that can appear.
const ACTIONS: ReadonlyMap<string, ChangeAction> = new Map([
  ['no-op', 'no-op'],
  ['create', 'create'],
  ['read', 'read'],
  ['update', 'update'],
  ['delete', 'delete'],
  ['delete,create', 'replace'],
  ['create,delete', 'replace'],
  ['forget', 'forget'],
  // A replacement whose old object is kept (`lifecycle { destroy = false }`): it is forgotten, not destroyed.
  ['create,forget', 'forget'],
  ['forget,create', 'forget'],
]);

export function normaliseTerraform(doc: JsonObject, file: string): Plan {
  const formatVersion = checkFormatVersion(doc.format_version, file);
  const raw = doc.resource_changes;
  if (raw !== undefined && raw !== null && !Array.isArray(raw)) {
    throw new InputError(file, '"resource_changes" is not a list: the file is damaged; regenerate it with `terraform show -json`');
  }
  const changes: Change[] = [];
  const list = raw ?? [];
  for (let i = 0; i < list.length; i++) {
    const change = normaliseResourceChange(list[i], i, file);
    if (change) changes.push(change);
  }
  const plan: Plan = { file, format: 'terraform', formatVersion, changes, dependencies: terraformDependencies(doc) };
  if (typeof doc.terraform_version === 'string') plan.toolVersion = doc.terraform_version;
  if (doc.errored === true) {
    plan.incomplete = 'the plan errored ("errored": true), so its list of changes is incomplete: fix the errors `terraform plan` reported and plan again';
  }
  return plan;
}

function normaliseResourceChange(rc: unknown, index: number, file: string): Change | undefined {
  const where = (): string => `resource_changes[${index}]`;
  if (!isObject(rc)) throw new InputError(file, `${where()} is not an object: the file is damaged; regenerate it with \`terraform show -json\``);
  const address = rc.address;
  if (typeof address !== 'string' || address === '') {
    throw new InputError(file, `${where()} has no "address": the file is damaged; regenerate it with \`terraform show -json\``);
  }
  if (!isManaged(rc, address)) return undefined;
  const body = rc.change;
  const actions = isObject(body) ? body.actions : undefined;
  if (!isObject(body) || !Array.isArray(actions) || !actions.every((a) => typeof a === 'string')) {
    throw new InputError(file, `${where()} (${address}) has no "change.actions" list: the file is damaged; regenerate it with \`terraform show -json\``);
  }
  const action = ACTIONS.get(actions.length === 1 ? (actions[0] as string) : actions.join(','));
  if (action === undefined) {
    throw new InputError(file, `${where()} (${address}) has actions ${JSON.stringify(actions)}, which plangate does not know: upgrade plangate`);
  }
  // Plain no-ops are most of a large plan and say nothing; moved or imported ones are kept.
  if (action === 'no-op' && typeof rc.previous_address !== 'string' && (body.importing === undefined || body.importing === null)) return undefined;
  const type = typeof rc.type === 'string' ? rc.type : typeFromAddress(address);
  const deposed = typeof rc.deposed === 'string' && rc.deposed !== '' ? rc.deposed : undefined;
  const change: Change = {
    file,
    format: 'terraform',
    address: deposed ? `${address} (deposed ${deposed})` : address,
    resourceAddress: address,
    type,
    name: typeof rc.name === 'string' ? rc.name : '',
    provider: shortProvider(rc.provider_name, type),
    module: typeof rc.module_address === 'string' ? rc.module_address : '',
    action,
  };
  if (typeof rc.provider_name === 'string') change.providerSource = rc.provider_name;
  if (typeof rc.index === 'string' || typeof rc.index === 'number') change.index = rc.index;
  if (action === 'replace') change.createBeforeDestroy = actions[0] === 'create';
  if (typeof rc.action_reason === 'string') change.reason = rc.action_reason;
  if (typeof rc.previous_address === 'string' && rc.previous_address !== address) change.previousAddress = rc.previous_address;
  if (body.importing !== undefined && body.importing !== null) change.importing = true;
  if (deposed) change.deposed = deposed;
  // No-ops repeat the prior state; keeping their values would only cost memory.
  if (action !== 'no-op') {
    if (body.before !== undefined && body.before !== null) change.before = redactSensitive(body.before, body.before_sensitive);
    if (body.after !== undefined && body.after !== null) change.after = redactSensitive(body.after, body.after_sensitive);
  }
  return change;
}

function isManaged(rc: JsonObject, address: string): boolean {
  if (typeof rc.mode === 'string') return rc.mode === 'managed';
  return !(address.startsWith('data.') || address.includes('.data.'));
}

/** `module.a["k"].aws_s3_bucket.b[0]` → `aws_s3_bucket`, for plans that omit "type". */
function typeFromAddress(address: string): string {
  const withoutModules = address.replace(/^(module\.[^.[]+(\[[^\]]*\])?\.)+/, '');
  return withoutModules.split('.')[0] ?? '';
}

/** `registry.terraform.io/hashicorp/aws` → `aws`; old plans say `aws` or `provider.aws`; else the type's prefix. */
function shortProvider(providerName: unknown, type: string): string {
  if (typeof providerName === 'string' && providerName !== '') {
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
