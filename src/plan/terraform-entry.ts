import { InputError } from '../errors.js';
import { isDisplaySafe, quote, safeLine } from '../quote.js';
import { isObject, type JsonObject } from './detect-format.js';
import { parseResourceAddress, stringKeyIs, type ResourceAddress } from './terraform-address.js';
import type { ChangeAction } from './types.js';

/*
 * One entry of "resource_changes" (or a deferred change's "resource_change"),
 * checked field by field against what Terraform and OpenTofu write: the plan
 * representation in https://developer.hashicorp.com/terraform/internals/json-format
 * and https://opentofu.org/docs/internals/json-format/ ("mode", "type", "name"
 * and "index" mean what they mean in the address; "module_address" is the
 * address's module part, omitted for the root; the action lists of the change
 * representation). Nothing is skipped before it is checked: an entry plangate
 * does not understand is an error naming the file, the entry and its address.
 */

// Every action list the documentation and Terraform's jsonplan (Change.Actions) give.
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

// Data sources are only read; Terraform drops their state-cleanup deletes from the JSON (jsonplan).
const DATA_ACTIONS: ReadonlySet<ChangeAction> = new Set(['read', 'no-op']);

export interface ResourceChangeEntry {
  address: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  module: string;
  index?: string | number;
  providerName?: string;
  deposed?: string;
  previousAddress?: string;
  actionReason?: string;
  /** The action list as written, for create-before-destroy order. */
  actions: readonly string[];
  action: ChangeAction;
  importing: boolean;
  before: unknown;
  after: unknown;
  beforeSensitive: unknown;
  afterSensitive: unknown;
}

const DAMAGED = 'the file is damaged or was not written by `terraform show -json`; regenerate it with `terraform show -json`';

/** Checks one entry; `where` names it (`resource_changes[3]`). Throws an InputError for anything not as documented. */
export function checkResourceChange(rc: unknown, where: string, file: string, deferred = false): ResourceChangeEntry {
  let label = where;
  const fail = (problem: string, fix = DAMAGED): InputError => new InputError(file, `${label} ${problem}: ${fix}`);
  if (!isObject(rc)) throw fail('is not an object');
  const address = rc.address;
  if (typeof address !== 'string' || address === '') throw fail(address === undefined ? 'has no "address"' : `has "address" ${quote(address)}, not an address`);
  label = `${where} ${quote(address)}`;
  const parsed = parseResourceAddress(address, deferred);
  if (typeof parsed === 'string') throw fail(`has an address Terraform does not write (${parsed})`);

  const mode = checkMode(rc.mode, parsed, fail);
  const type = sameAsAddress(rc, 'type', parsed.type, fail);
  const name = sameAsAddress(rc, 'name', parsed.name, fail);
  checkModule(rc.module_address, parsed.module, fail);
  const index = checkIndex(rc, parsed, fail);

  const entry: ResourceChangeEntry = { address, mode, type, name, module: parsed.module, actions: [], action: 'no-op', importing: false, before: undefined, after: undefined, beforeSensitive: undefined, afterSensitive: undefined };
  if (index !== undefined) entry.index = index;
  const providerName = optionalText(rc, 'provider_name', fail);
  if (providerName !== undefined) entry.providerName = providerName;
  const reason = optionalText(rc, 'action_reason', fail);
  if (reason !== undefined) entry.actionReason = reason;
  if (rc.deposed !== undefined) {
    // states.DeposedKey: eight hex digits; only managed objects are deposed.
    if (typeof rc.deposed !== 'string' || !/^[0-9a-f]{8}$/.test(rc.deposed)) throw fail(`has "deposed" ${quote(rc.deposed)}, not a deposed key (eight hex digits)`);
    if (mode === 'data') throw fail('is a data source with a "deposed" object, which only managed resources have');
    entry.deposed = rc.deposed;
  }
  if (rc.previous_address !== undefined) {
    const previous = typeof rc.previous_address === 'string' ? parseResourceAddress(rc.previous_address) : 'not a string';
    if (typeof previous === 'string') throw fail(`has "previous_address" ${quote(rc.previous_address)}, which is not an address (${previous})`);
    if (previous.mode !== mode) throw fail(`was moved from ${quote(rc.previous_address)}, a ${previous.mode === 'data' ? 'data source' : 'managed resource'}, which a move cannot change`);
    entry.previousAddress = rc.previous_address as string;
  }
  checkChange(rc.change, entry, fail);
  return entry;
}

type Fail = (problem: string, fix?: string) => InputError;

function checkMode(mode: unknown, parsed: ResourceAddress, fail: Fail): 'managed' | 'data' {
  if (mode !== 'managed' && mode !== 'data') {
    if (mode === undefined) throw fail('has no "mode"');
    throw fail(`has mode ${quote(mode)}`, 'plangate reads only "managed" and "data", the modes Terraform and OpenTofu write; if a newer version wrote this, upgrade plangate, else regenerate it with `terraform show -json`');
  }
  if (mode !== parsed.mode) throw fail(mode === 'data' ? 'has mode "data", but its address is not a data source (no "data." before the type)' : 'has mode "managed", but its address is a data source ("data." before the type)');
  return mode;
}

function sameAsAddress(rc: JsonObject, field: 'type' | 'name', expected: string, fail: Fail): string {
  const value = rc[field];
  if (value === undefined) throw fail(`has no "${field}"`);
  if (value !== expected) throw fail(`has ${field} ${quote(value)}, but its address says ${quote(expected)}`);
  return expected;
}

function checkModule(value: unknown, module: string, fail: Fail): void {
  // Omitted for the root module; "" says the same.
  if ((value === undefined && module === '') || value === module) return;
  const where = module === '' ? 'the root module' : `module ${quote(module)}`;
  throw fail(value === undefined ? `has no "module_address", but its address is in ${where}` : `has module_address ${quote(value)}, but its address is in ${where}`);
}

function checkIndex(rc: JsonObject, parsed: ResourceAddress, fail: Fail): string | number | undefined {
  const { index } = rc;
  const key = parsed.key;
  // Deferred instances not expanded yet have a [*] key, no index and "index_unknown": true.
  if (key?.kind === 'wildcard' ? rc.index_unknown !== undefined && rc.index_unknown !== true : rc.index_unknown !== undefined && rc.index_unknown !== false) {
    throw fail(`has "index_unknown" ${quote(rc.index_unknown)}, which its address contradicts`);
  }
  if (key === undefined || key.kind === 'wildcard') {
    if (index !== undefined) throw fail(`has index ${quote(index)}, but its address has no instance key`);
    return undefined;
  }
  if (index === undefined) throw fail('has no "index", but its address has an instance key');
  const agrees = key.kind === 'int' ? index === key.value : typeof index === 'string' && stringKeyIs(key.raw, index);
  if (!agrees) throw fail(`has index ${quote(index)}, but its address has the key [${key.kind === 'int' ? key.value : safeLine(key.raw, 100)}]`);
  return index as string | number;
}

function optionalText(rc: JsonObject, field: string, fail: Fail): string | undefined {
  const value = rc[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '' || !isDisplaySafe(value)) throw fail(`has "${field}" ${quote(value)}, not a name Terraform writes`);
  return value;
}

function checkChange(body: unknown, entry: ResourceChangeEntry, fail: Fail): void {
  if (!isObject(body)) throw fail(body === undefined ? 'has no "change"' : `has "change" ${quote(body)}, not an object`);
  const actions = body.actions;
  if (!Array.isArray(actions) || actions.length === 0 || !actions.every((a) => typeof a === 'string')) {
    throw fail(actions === undefined ? 'has no "change.actions" list' : `has "change.actions" ${quote(actions)}, not a list of actions`);
  }
  const action = ACTIONS.get(actions.join(','));
  if (action === undefined) throw fail(`has actions ${quote(actions)}, which plangate does not know`, 'if a newer Terraform wrote them, upgrade plangate');
  if (entry.mode === 'data' && !DATA_ACTIONS.has(action)) throw fail(`is a data source with actions ${quote(actions)}, which Terraform never plans for one`);
  entry.actions = actions;
  entry.action = action;
  const importing = body.importing;
  if (importing !== undefined && importing !== null && !isObject(importing)) throw fail(`has "change.importing" ${quote(importing)}, not an object`);
  entry.importing = isObject(importing);
  for (const field of ['before_sensitive', 'after_sensitive'] as const) {
    if (!isMask(body[field])) throw fail(`has a "change.${field}" that is not a sensitivity mask (true, false, or lists and objects of them)`);
  }
  entry.before = body.before;
  entry.after = body.after;
  entry.beforeSensitive = body.before_sensitive;
  entry.afterSensitive = body.after_sensitive;
}

/** A sensitivity mask: booleans at the leaves, or nothing at all. */
function isMask(mask: unknown): boolean {
  const stack: unknown[] = [mask];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined || item === null || typeof item === 'boolean') continue;
    if (typeof item !== 'object') return false;
    for (const key in item) stack.push((item as Record<string, unknown>)[key]);
  }
  return true;
}
