import { isObject } from '../json.js';
import type { JsonBytes } from './json-bytes.js';

/*
 * One "resource_changes" entry read from the scanner. Most entries of a
 * large plan are no-ops, whose "before" and "after" repeat the prior state
 * and make up most of their bytes, yet nothing reads them: the entry checks
 * look at their type only (after: null on a create), and the changes keep
 * values only for actions that change something (terraform.ts, toChange).
 * So the entry is parsed first with each object or list under "change"'s
 * "before", "after" and "after_unknown" standing in as {} or [] (scalars and
 * null stay as written): the same keys, in the same order, so a repeated key
 * still reads as its last value. Only when that entry turns out to change
 * something is it parsed again whole.
 */

const OPEN_OBJECT = 0x7b;
const OPEN_LIST = 0x5b;
const CLOSE_OBJECT = 0x7d;

const ENTRY_KEYS = ['change', 'mode'] as const;
const CHANGE_KEYS = ['actions', 'before', 'after', 'after_unknown'] as const;
const VALUES: readonly string[] = ['before', 'after', 'after_unknown'];
// What the last "mode" or the last change's last "actions" say, as Terraform writes them, for a likely no-op.
const DATA = Buffer.from('"data"');
const NO_OP = Buffer.from('["no-op"]');

/** The entry's bytes and the [start, end) spans, relative to them, of the values that may stand in. */
interface EntryBytes {
  bytes: Buffer;
  spans: number[];
  /** The last "mode" reads "data", or the last change's last "actions" reads ["no-op"]: worth the stand-in parse. */
  likelyUnchanged: boolean;
}

/** A value's [start, end) span in the entry's bytes, or undefined. */
type Span = [number, number] | undefined;

/**
 * The entry at the scanner (an element of a list held at `depth`), parsed:
 * whole, or with its no-op values standing in when it is a no-op or a data
 * source. `parse` turns bytes into a value (and names the file when it cannot).
 */
export function readEntry(json: JsonBytes, depth: number, parse: (bytes: Buffer) => unknown): unknown {
  const { bytes, spans, likelyUnchanged } = entryBytes(json, depth);
  // The stand-in parse is checked below whatever the bytes suggest: the guess only saves a second parse of a change.
  if (spans.length === 0 || !likelyUnchanged || json.tooDeep !== -1) return parse(bytes);
  const light = parse(standIn(bytes, spans));
  return changesNothing(light) ? light : parse(bytes);
}

/** The entry's bytes, held while its members are walked for the spans of "change.before", "change.after" and "change.after_unknown". */
function entryBytes(json: JsonBytes, depth: number): EntryBytes {
  json.hold();
  const start = json.offset;
  const spans: number[] = [];
  let mode: Span;
  let actions: Span;
  if (json.peek() !== OPEN_OBJECT) json.skip(depth);
  else if (json.open(OPEN_OBJECT)) {
    do {
      const key = json.key(ENTRY_KEYS, false);
      if (key === 'mode') mode = skipped(json, depth + 1, start);
      else if (key === 'change' && json.peek() === OPEN_OBJECT) actions = changeSpans(json, depth + 1, start, spans);
      else {
        // A later "change" that is not an object replaces the one before, its actions with it.
        if (key === 'change') actions = undefined;
        json.skip(depth + 1);
      }
    } while (json.next(CLOSE_OBJECT));
  }
  const bytes = json.held();
  return { bytes, spans, likelyUnchanged: reads(bytes, mode, DATA) || reads(bytes, actions, NO_OP) };
}

/** Walks "change" (held at `depth`), adding the spans of the values that may stand in; returns the span of its last "actions". */
function changeSpans(json: JsonBytes, depth: number, start: number, spans: number[]): Span {
  let actions: Span;
  if (!json.open(OPEN_OBJECT)) return undefined;
  do {
    const key = json.key(CHANGE_KEYS, false);
    const c = json.peek();
    const span = skipped(json, depth + 1, start);
    if (key === 'actions') actions = span;
    else if (key !== undefined && VALUES.includes(key) && (c === OPEN_OBJECT || c === OPEN_LIST)) spans.push(...span);
  } while (json.next(CLOSE_OBJECT));
  return actions;
}

/** Skips the value at the scanner (held at `depth`); its span relative to `start`. */
function skipped(json: JsonBytes, depth: number, start: number): [number, number] {
  json.peek();
  const from = json.offset;
  json.skip(depth);
  return [from - start, json.offset - start];
}

function reads(bytes: Buffer, span: Span, text: Buffer): boolean {
  return span !== undefined && bytes.subarray(span[0], span[1]).equals(text);
}

/** The bytes with each span replaced by an empty object or list of the same kind. */
function standIn(bytes: Buffer, spans: readonly number[]): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (let k = 0; k < spans.length; k += 2) {
    const from = spans[k] as number;
    parts.push(bytes.subarray(at, from), bytes[from] === OPEN_OBJECT ? EMPTY_OBJECT : EMPTY_LIST);
    at = spans[k + 1] as number;
  }
  parts.push(bytes.subarray(at));
  return Buffer.concat(parts);
}

const EMPTY_OBJECT = Buffer.from('{}');
const EMPTY_LIST = Buffer.from('[]');

/** A data source, or a no-op: nothing reads its values. Anything else, even malformed, is read whole. */
function changesNothing(entry: unknown): boolean {
  if (!isObject(entry)) return false;
  if (entry.mode === 'data') return true;
  const change = entry.change;
  if (!isObject(change)) return false;
  const actions = change.actions;
  return Array.isArray(actions) && actions.length === 1 && actions[0] === 'no-op';
}
