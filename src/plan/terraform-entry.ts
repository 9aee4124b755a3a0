import { InputError } from '../errors.js';
import { isDisplaySafe, quote, safeLine } from '../quote.js';
import { isObject, type JsonObject } from '../json.js';
import { parseResourceAddress, scanAddress, stringKeyIs, type AddressSpans } from './terraform-address.js';
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

// Every action list the documentation and Terraform's jsonplan (Change.Actions, actionString) give.
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
]);

// Data sources are only read; Terraform drops their state-cleanup deletes from the JSON (jsonplan).
const DATA_ACTIONS: ReadonlySet<ChangeAction> = new Set(['read', 'no-op']);

/** The action an action list means, undefined for a list Terraform does not write. */
export function actionOf(actions: readonly string[]): ChangeAction | undefined {
  return ACTIONS.get(actions.length === 1 ? (actions[0] as string) : actions.join(','));
}

/** An entry checkResourceChange accepted: every field plangate uses, as Terraform writes it. */
export interface ResourceChangeJson {
  address: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  module_address?: string;
  index?: string | number;
  provider_name?: string;
  deposed?: string;
  previous_address?: string;
  action_reason?: string;
  change: {
    /** The attribute paths whose change forces the replacement. */
    replace_paths?: (string | number)[][];
    actions: string[];
    before?: unknown;
    after?: unknown;
    before_sensitive?: unknown;
    after_sensitive?: unknown;
    importing?: object | null;
  };
}

const DAMAGED = 'the file is damaged or was not written by `terraform show -json`; regenerate it with `terraform show -json`';
const NEWER_MODE = 'plangate reads only "managed" and "data", the modes Terraform and OpenTofu write; if a newer version wrote this, upgrade plangate, else regenerate it with `terraform show -json`';
const NEWER_ACTIONS = 'if a newer Terraform wrote them, upgrade plangate';

// One scratch record for every entry: this runs once per entry of plans with tens of thousands.
const spans: AddressSpans = { moduleEnd: 0, mode: 'managed', typeStart: 0, typeEnd: 0, nameEnd: 0, keyStart: -1, keyEnd: -1 };

/**
 * Checks entry `index` of `list` (`suffix` names a part of it: a deferred
 * change's ".resource_change"; only deferred changes may have `[*]` keys);
 * throws an InputError naming the file, the entry and its address for
 * anything not as documented. Allocates nothing for an entry it accepts.
 * The document must have passed checkDepth (masks are walked recursively).
 */
export function checkResourceChange(rc: unknown, file: string, list: string, index: number, suffix = ''): asserts rc is ResourceChangeJson {
  if (!isObject(rc)) throw new InputError(file, `${list}[${index}]${suffix} is not an object: ${DAMAGED}`);
  const address = rc.address;
  if (typeof address !== 'string' || address === '') {
    throw new InputError(file, `${list}[${index}]${suffix} ${address === undefined ? 'has no "address"' : `has "address" ${quote(address)}, not an address`}: ${DAMAGED}`);
  }
  const problem = entryProblem(rc, address, list === 'deferred_changes');
  if (problem !== undefined) {
    const [what, fix] = typeof problem === 'string' ? [problem, DAMAGED] : problem;
    throw new InputError(file, `${list}[${index}]${suffix} ${quote(address)} ${what}: ${fix}`);
  }
}

type Problem = string | [string, string] | undefined;

/** What is wrong with an entry, with its fix when that is not to regenerate the file. */
function entryProblem(rc: JsonObject, address: string, deferred: boolean): Problem {
  const parsed = scanAddress(address, deferred, spans);
  if (parsed !== undefined) return `has an address Terraform does not write (${parsed})`;
  const mode = rc.mode;
  if (mode !== 'managed' && mode !== 'data') return mode === undefined ? 'has no "mode"' : [`has mode ${quote(mode)}`, NEWER_MODE];
  if (mode !== spans.mode) return mode === 'data' ? 'has mode "data", but its address is not a data source (no "data." before the type)' : 'has mode "managed", but its address is a data source ("data." before the type)';
  return (
    sameAsAddress(rc.type, 'type', address, spans.typeStart, spans.typeEnd) ??
    sameAsAddress(rc.name, 'name', address, spans.typeEnd + 1, spans.nameEnd) ??
    moduleProblem(rc.module_address, address, spans.moduleEnd) ??
    indexProblem(rc, address, spans) ??
    textProblem(rc.provider_name, 'provider_name') ??
    textProblem(rc.action_reason, 'action_reason') ??
    otherFieldsProblem(rc, mode) ??
    changeProblem(rc.change, mode, rc.action_reason)
  );
}

/** True when `value` is the text at `[start, end)` of `address`, compared in place. */
function isSpan(value: unknown, address: string, start: number, end: number): boolean {
  return typeof value === 'string' && value.length === end - start && address.startsWith(value, start);
}

function sameAsAddress(value: unknown, field: 'type' | 'name', address: string, start: number, end: number): Problem {
  if (isSpan(value, address, start, end)) return undefined;
  return value === undefined ? `has no "${field}"` : `has ${field} ${quote(value)}, but its address says ${quote(address.slice(start, end))}`;
}

function moduleProblem(value: unknown, address: string, moduleEnd: number): Problem {
  // Omitted for the root module; "" says the same.
  if ((value === undefined && moduleEnd === 0) || isSpan(value, address, 0, moduleEnd)) return undefined;
  const where = moduleEnd === 0 ? 'the root module' : `module ${quote(address.slice(0, moduleEnd))}`;
  return value === undefined ? `has no "module_address", but its address is in ${where}` : `has module_address ${quote(value)}, but its address is in ${where}`;
}

function indexProblem(rc: JsonObject, address: string, at: AddressSpans): Problem {
  const { index, index_unknown: unknown } = rc;
  const wildcard = at.keyStart !== -1 && address.charCodeAt(at.keyStart) === 0x2a;
  // Deferred instances not expanded yet have a [*] key, no index and "index_unknown": true.
  if (unknown !== undefined && unknown !== wildcard) return `has "index_unknown" ${quote(unknown)}, which its address contradicts`;
  if (at.keyStart === -1 || wildcard) return index === undefined ? undefined : `has index ${quote(index)}, but its address has no instance key`;
  if (index === undefined) return 'has no "index", but its address has an instance key';
  const agrees = address.charCodeAt(at.keyStart) === 0x22 ? typeof index === 'string' && stringKeyIs(address, at.keyStart, at.keyEnd, index) : typeof index === 'number' && isSpan(String(index), address, at.keyStart, at.keyEnd);
  return agrees ? undefined : `has index ${quote(index)}, but its address has the key [${safeLine(address.slice(at.keyStart, at.keyEnd), 100)}]`;
}

function textProblem(value: unknown, field: string): Problem {
  if (value === undefined || (typeof value === 'string' && value !== '' && isDisplaySafe(value))) return undefined;
  return `has "${field}" ${quote(value)}, not a name Terraform writes`;
}

/** `replace_paths`: a list of attribute paths, each a list of attribute names, map keys and list indexes. */
function replacePathsProblem(paths: unknown): Problem {
  if (paths === undefined) return undefined;
  const wrong = 'has a "change.replace_paths" that is not a list of attribute paths (lists of names and indexes)';
  if (!Array.isArray(paths)) return wrong;
  for (const path of paths as unknown[]) {
    if (!Array.isArray(path) || path.length === 0) return wrong;
    for (const step of path as unknown[]) {
      if (typeof step === 'number' ? !Number.isSafeInteger(step) || step < 0 : typeof step !== 'string' || !isDisplaySafe(step)) return wrong;
    }
  }
  return undefined;
}

function otherFieldsProblem(rc: JsonObject, mode: 'managed' | 'data'): Problem {
  const { deposed, previous_address: previous } = rc;
  if (deposed !== undefined) {
    // states.DeposedKey: eight hex digits; only managed objects are deposed.
    if (typeof deposed !== 'string' || !/^[0-9a-f]{8}$/.test(deposed)) return `has "deposed" ${quote(deposed)}, not a deposed key (eight hex digits)`;
    if (mode === 'data') return 'is a data source with a "deposed" object, which only managed resources have';
  }
  if (previous === undefined) return undefined;
  const parsed = typeof previous === 'string' ? parseResourceAddress(previous) : 'not a string';
  if (typeof parsed === 'string') return `has "previous_address" ${quote(previous)}, which is not an address (${parsed})`;
  if (parsed.mode !== mode) return `was moved from ${quote(previous)}, a ${parsed.mode === 'data' ? 'data source' : 'managed resource'}, which a move cannot change`;
  return undefined;
}

// action_reason's families, as the JSON format documents them, and the actions they may go with:
// never one less destructive than the reason says (an update "replace_because_tainted" is not what
// Terraform planned). Real plans show a no-op with delete_because_no_resource_config, and a
// create,forget replacement with a replace_ reason.
const REASON_ACTIONS: ReadonlyArray<[string, ReadonlySet<ChangeAction>]> = [
  ['replace_', new Set(['replace', 'delete', 'forget'])],
  ['delete_because_', new Set(['delete', 'forget', 'replace', 'no-op'])],
  ['read_because_', new Set(['read'])],
];

function changeProblem(body: unknown, mode: 'managed' | 'data', reason: unknown): Problem {
  if (!isObject(body)) return body === undefined ? 'has no "change"' : `has "change" ${quote(body)}, not an object`;
  const actions = body.actions;
  if (!Array.isArray(actions) || actions.length === 0 || !allStrings(actions)) {
    return actions === undefined ? 'has no "change.actions" list' : `has "change.actions" ${quote(actions)}, not a list of actions`;
  }
  const action = actionOf(actions);
  if (action === undefined) return [`has actions ${quote(actions)}, which plangate does not know`, NEWER_ACTIONS];
  if (mode === 'data' && !DATA_ACTIONS.has(action)) return `is a data source with actions ${quote(actions)}, which Terraform never plans for one`;
  if (typeof reason === 'string') {
    const family = REASON_ACTIONS.find(([prefix]) => reason.startsWith(prefix));
    if (!family) return [`has action_reason ${quote(reason)}, which plangate does not know`, NEWER_ACTIONS];
    // "delete_because_no_resource_config" on an update: one of the two is not what Terraform planned.
    if (!family[1].has(action)) return `has action_reason ${quote(reason)}, yet actions ${quote(actions)}`;
  }
  // A created, updated or replaced object exists afterwards (no-op may show none: it may already be gone).
  if (body.after === null && (action === 'create' || action === 'update' || action === 'replace')) return `has actions ${quote(actions)}, yet "change.after" is null, as for a delete`;
  const paths = replacePathsProblem(body.replace_paths);
  if (paths !== undefined) return paths;
  const importing = body.importing;
  if (importing !== undefined && importing !== null && !isObject(importing)) return `has "change.importing" ${quote(importing)}, not an object`;
  if (!isMask(body.before_sensitive)) return 'has a "change.before_sensitive" that is not a sensitivity mask (true, false, or lists and objects of them)';
  if (!isMask(body.after_sensitive)) return 'has a "change.after_sensitive" that is not a sensitivity mask (true, false, or lists and objects of them)';
  return undefined;
}

function allStrings(list: unknown[]): list is string[] {
  for (const item of list) if (typeof item !== 'string') return false;
  return true;
}

/** A sensitivity mask: booleans at the leaves, or nothing at all. */
function isMask(mask: unknown): boolean {
  if (mask === undefined || mask === null || typeof mask === 'boolean') return true;
  if (typeof mask !== 'object') return false;
  // Masks mirror values, so they are no deeper than the document, which checkDepth bounded.
  for (const key in mask) if (!isMask((mask as Record<string, unknown>)[key])) return false;
  return true;
}
