/**
 * A provider's guards against deletion, and what switching each off means.
 * Only unsafe transitions count: turning a guard on, or leaving it as it was,
 * says nothing. A guard's name means the same on every type that carries it.
 */

import { isObject, type JsonObject } from '../../json.js';
import { SENSITIVE, type Change, type Weakening } from '../../plan/types.js';
import { refused, type Fact } from './facts.js';
import { flag, type Path } from './values.js';

/** A change's values before and after an update, and what a reviewer calls the resource. */
export interface Transition {
  change: Change;
  before: JsonObject;
  after: JsonObject;
  /** "the database", "the bucket", … */
  what: string;
}

/** Kinds of guard, in the order reports list what they find. */
const KINDS = [
  'protection',
  'listed-protection',
  'soft-delete',
  'state-only',
  'nested-protection',
  'empties',
  'no-snapshot',
  'snapshot-name',
  'soft-delete-days',
  'deletion-window',
  'deletion-policy',
] as const;

type Kind = (typeof KINDS)[number];

/** Where a guard's findings go in a report: by kind, then (see resources/index.ts) in the order entries first name them. */
export const reportOrder = (guard: Guard): number => KINDS.indexOf(guard.kind);

export interface Guard {
  /** As reports name it: `deletion_protection`, `settings.deletion_protection_enabled`. */
  readonly name: string;
  readonly kind: Kind;
  readonly weakened: (t: Transition) => Weakening | undefined;
  /** Data at risk while it is on: the provider refuses the delete. */
  readonly refusal?: Fact;
}

/** A guard data-at-risk can read: one attribute, or one in a nested block. */
export interface ReadableGuard extends Guard {
  readonly path: Path;
}

/** What switching a protection off lets happen. */
type OffMeans = (what: string, later: string) => string;

const deletable: OffMeans = (what, later) => `${what} can now be deleted by ${later}`;

/** A guard that stops deletes while on: `deletion_protection`, `disable_api_termination`. */
export const protection = (attr: string): ReadableGuard => attributeGuard('protection', attr, deletable);

/** A soft-delete guard (Azure): while on, what is deleted stays recoverable. */
export const softDelete = (attr: string, offMeans: OffMeans): ReadableGuard => attributeGuard('soft-delete', attr, offMeans);

/** While on, a destroy only drops the resource from the state (`skip_destroy`). */
export const stateOnly = (attr: string): ReadableGuard =>
  attributeGuard('state-only', attr, (what) => `destroying it now deletes ${what} instead of only dropping it from the state`);

function attributeGuard(kind: Kind, attr: string, offMeans: OffMeans): ReadableGuard {
  return { name: attr, kind, path: attr, weakened: (t) => protectionOff(t, attr, t.before, t.after, attr, offMeans) };
}

/** A protection inside a nested block; Terraform writes a single block as a one-element list. */
export function nestedProtection(block: string, attr: string): ReadableGuard {
  const name = `${block}.${attr}`;
  const weakened = (t: Transition): Weakening | undefined => {
    const before = firstBlock(t.before[block]);
    const after = firstBlock(t.after[block]);
    return before && after ? protectionOff(t, attr, before, after, name, deletable) : undefined;
  };
  return { name, kind: 'nested-protection', path: [block, 0, attr], weakened };
}

/** A protection kept as one `{Key, Value}` entry of a list (CloudFormation LoadBalancerAttributes). */
export function listedProtection(listAttr: string, key: string): Guard {
  const weakened = (t: Transition): Weakening | undefined => {
    const before = keyValue(t.before[listAttr], key);
    const after = keyValue(t.after[listAttr], key);
    return protectionOff(t, key, { [key]: before }, after === undefined ? {} : { [key]: after }, `${listAttr}.${key}`, deletable);
  };
  return { name: `${listAttr}.${key}`, kind: 'listed-protection', weakened };
}

/** The provider refuses the delete while the guard is on: `deletion_protection is on: AWS refuses the delete until it is turned off`. */
export const refusedBy = (guard: ReadableGuard, who: string, what = 'the delete'): ReadableGuard =>
  refusing(guard, `${guard.name} is on: ${who} refuses ${what} until it is turned off`);

/** The same, in a line of the entry's own. */
export const refusing = (guard: ReadableGuard, line: string): ReadableGuard => ({
  ...guard,
  refusal: (v) => (flag(v, guard.path) === true ? refused(line) : undefined),
});

function protectionOff(t: Transition, key: string, before: JsonObject, after: JsonObject, guard: string, offMeans: OffMeans): Weakening | undefined {
  const from = before[key];
  const to = after[key];
  if (isSensitive(from) || isSensitive(to) || !isOn(from) || isOn(to)) return undefined;
  const terraform = t.change.format === 'terraform';
  const unknown = terraform && !(key in after);
  const shown = unknown ? '(unknown)' : display(to);
  const later = terraform ? 'a later apply' : 'a later stack update';
  return {
    guard,
    from: display(from),
    to: shown,
    description: unknown
      ? `${guard} may be turned off (${display(from)} → known only after apply): ${t.what} may be deletable by ${later}`
      : `${guard} turned off (${display(from)} → ${shown}): ${offMeans(t.what, later)}`,
  };
}

/** `force_destroy`: once on, deleting the resource deletes everything in it too. */
export const emptiesOnDelete = (attr: string): Guard =>
  switchedOn('empties', attr, (what) => `deleting ${what} now also deletes everything in it, without failing first`);

/** `skip_final_snapshot`: once on, a delete keeps no copy of the data. */
export const skipsSnapshot = (attr: string): Guard => switchedOn('no-snapshot', attr, (what) => `deleting ${what} will take no final snapshot, so its data is lost`);

/** A switch that removes a safety net while it is on, turned on. */
function switchedOn(kind: Kind, key: string, onMeans: (what: string) => string): Guard {
  const weakened = ({ before, after, what }: Transition): Weakening | undefined => {
    const from = before[key];
    const to = after[key];
    if (isSensitive(from) || isSensitive(to) || !isOn(to) || isOn(from)) return undefined;
    return { guard: key, from: display(from), to: display(to), description: `${key} turned on (${display(from)} → ${display(to)}): ${onMeans(what)}` };
  };
  return { name: key, kind, weakened };
}

/** `final_snapshot_identifier` dropped while `skip_final_snapshot` is true: no snapshot names the data any more. */
export const FINAL_SNAPSHOT_NAME: Guard = {
  name: 'final_snapshot_identifier',
  kind: 'snapshot-name',
  weakened: ({ before, after, what }) => {
    const key = 'final_snapshot_identifier';
    const from = before[key];
    const to = after[key];
    if (isSensitive(from) || isSensitive(to) || isSensitive(after.skip_final_snapshot)) return undefined;
    if (typeof from !== 'string' || from === '' || !isAbsent(to) || !isOn(after.skip_final_snapshot)) return undefined;
    return { guard: key, from, to: '(removed)', description: `${key} removed (${from} → (removed)) while skip_final_snapshot is true: deleting ${what} will take no final snapshot` };
  },
};

/** Days a soft-deleted resource stays recoverable (Azure). */
export const softDeleteRetention = (attr: string): Guard => retention('soft-delete-days', attr);

/** Days between a delete and the end of the resource, while it can still be restored (KMS, Secrets Manager). */
export const deletionWindow = (attr: string): Guard => retention('deletion-window', attr);

/** Days a deleted object can still be recovered; fewer is weaker (both values must be known numbers). */
function retention(kind: Kind, key: string): Guard {
  const weakened = ({ before, after, what }: Transition): Weakening | undefined => {
    const from = dayCount(before[key]);
    const to = dayCount(after[key]);
    if (from === undefined || to === undefined || to >= from) return undefined;
    const description =
      to === 0
        ? `${key} reduced to 0 (${from} → 0): deleting ${what} is now immediate and cannot be undone`
        : `${key} reduced (${from} → ${to}): ${what} can be recovered for fewer days after it is deleted`;
    return { guard: key, from: String(from), to: String(to), description };
  };
  return { name: key, kind, weakened };
}

const SAFE_DELETION_POLICIES = new Set(['PREVENT', 'ABANDON']);
const UNSAFE_DELETION_POLICIES = new Set(['DELETE', 'FORCE']);

/** Google's `deletion_policy`: PREVENT/ABANDON (or any other value) → DELETE/FORCE. */
export const DELETION_POLICY: Guard = {
  name: 'deletion_policy',
  kind: 'deletion-policy',
  weakened: ({ before, after, what }) => {
    const from = before.deletion_policy;
    const to = after.deletion_policy;
    if (typeof from !== 'string' || typeof to !== 'string' || from === SENSITIVE || to === SENSITIVE) return undefined;
    const fromUpper = from.toUpperCase();
    if (!UNSAFE_DELETION_POLICIES.has(to.toUpperCase()) || UNSAFE_DELETION_POLICIES.has(fromUpper)) return undefined;
    const instead = SAFE_DELETION_POLICIES.has(fromUpper) ? (fromUpper === 'PREVENT' ? 'instead of refusing' : 'instead of abandoning it') : 'with fewer checks';
    return { guard: 'deletion_policy', from, to, description: `deletion_policy changed (${from} → ${to}): destroying ${what} now deletes it ${instead}` };
  },
};

/** Terraform guards more than one provider's types carry. */
export const DELETION_PROTECTION = protection('deletion_protection');
export const FORCE_DESTROY = emptiesOnDelete('force_destroy');

// ---------------------------------------------------------------------------
// Values as the plan wrote them.

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

function dayCount(value: unknown): number | undefined {
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

function firstBlock(value: unknown): JsonObject | undefined {
  const block: unknown = Array.isArray(value) ? value[0] : value;
  return isObject(block) ? block : undefined;
}

/** The Value of the `{Key, Value}` entry with this Key, if any. */
function keyValue(list: unknown, key: string): unknown {
  if (!Array.isArray(list)) return undefined;
  const entry = list.find((item): item is JsonObject => isObject(item) && item.Key === key);
  return entry?.Value;
}
