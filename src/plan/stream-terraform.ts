/**
 * A Terraform plan read from its bytes a window at a time, for plans too
 * large to hold as one string (V8 stops at 2^29 characters). Only what a
 * reader uses is parsed, one value at a time: each "resource_changes" and
 * "deferred_changes" entry, the "configuration", and the "address" and
 * "depends_on" of each prior-state object. Everything else is validated by
 * the scanner and dropped. Every check of the whole-file path runs, on the
 * same values, in the same order: syntax, depth (planned_values exempt),
 * format detection (look-alike keys included), format_version, entries,
 * versions; a key given twice counts as its last value, as with JSON.parse.
 */

import { InputError, isInputError } from '../errors.js';
import type { JsonObject } from '../json.js';
import { addStateResource, configurationDependencies, type Dependencies } from './dependencies.js';
import { checkDepth, depthError, MAX_DEPTH, renderPath } from './depth.js';
import { CHANGE_SET_KEYS, detectFormat } from './detect-format.js';
import { planEncoding } from './decode.js';
import { JsonBytes, JsonSyntaxError, warmUp, type ReadAt } from './json-bytes.js';
import { readEntry } from './stream-entry.js';
import { checkDeferredChange, checkFormatVersion, entries, TerraformChanges, terraformPlan } from './terraform.js';
import type { Plan } from './types.js';

const OPEN_OBJECT = 0x7b;
const OPEN_LIST = 0x5b;

/** A prior-state module: its objects' [address, depends_on], and its child modules. */
interface StateModule {
  resources: [unknown, unknown][];
  children: StateModule[];
}

/** One occurrence of a top-level key, read; a later occurrence of the key replaces it. */
interface Read {
  value: unknown;
  /** The file offsets of the value's bytes. */
  start?: number;
  end?: number;
  /** The refusal of a value nested too deep, or the path where one sits. */
  tooDeep?: InputError | string;
  /** The first problem with its entries, thrown in the whole-file path's order. */
  error?: InputError;
  changes?: TerraformChanges;
  state?: StateModule;
}

export interface StreamOptions {
  /** Bytes read at a time (more while one value is longer). */
  window?: number;
  /** The heap the plan may fill; past it the plan is refused, not left to crash V8. */
  heapBytes?: number;
}

// What a kept value costs in heap per byte of its text: parsed (2-3x, npm run bench), then reported.
const HEAP_PER_KEPT_BYTE = 4;

/** The budget for what a read keeps, and the refusal once it is spent. */
class Budget {
  private kept = 0;

  constructor(
    private readonly file: string,
    private readonly size: number,
    private readonly heapBytes: number,
  ) {}

  keep(bytes: number): void {
    this.kept += bytes;
    if (this.kept * HEAP_PER_KEPT_BYTE <= this.heapBytes) return;
    const mb = (n: number) => `${Math.round(n / 1e6).toLocaleString('en-US')} MB`;
    throw new InputError(
      this.file,
      `the file is ${mb(this.size)}, more than this process can hold (limit ${mb(this.heapBytes)} of heap, and its changes alone need more than ${mb(this.kept * HEAP_PER_KEPT_BYTE)}): raise the heap with NODE_OPTIONS=--max-old-space-size=MB, or split the configuration into smaller plans`,
    );
  }
}

/**
 * The plan in `size` bytes read through `readAt`; undefined when the bytes
 * are not a Terraform plan this path reads (not UTF-8, not a JSON object, or
 * a change set): the caller reads those whole.
 */
export function streamTerraform(readAt: ReadAt, size: number, file: string, options: StreamOptions = {}): Plan | undefined {
  const head = Buffer.alloc(Math.min(size, 8192));
  const { encoding, bom } = planEncoding(head.subarray(0, readFully(readAt, head, 0)), file);
  if (encoding !== 'utf8') return undefined;
  warmUp();
  const json = new JsonBytes(readAt, bom, options.window ?? Math.min(8 << 20, Math.max(1 << 16, size)));
  try {
    if (json.peek() !== OPEN_OBJECT) return undefined;
    return readDocument(json, readAt, file, new Budget(file, size, options.heapBytes ?? Infinity));
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw new InputError(file, syntaxProblem(error, readAt));
    throw error;
  }
}

function readDocument(json: JsonBytes, readAt: ReadAt, file: string, budget: Budget): Plan | undefined {
  // The document as detectFormat sees it: lists and objects no reader walks stand in as [] and {}.
  const top: JsonObject = {};
  const reads = new Map<string, Read>();
  if (json.open(OPEN_OBJECT)) {
    do {
      const key = json.key([], true) as string;
      // A change set (or a file that is both) is read whole, where the both-formats refusal lives.
      if (CHANGE_SET_KEYS.includes(key)) return undefined;
      json.tooDeep = -1;
      json.peek();
      const start = json.offset;
      const read = readTopValue(json, key, file, budget);
      if (json.tooDeep !== -1 && read.tooDeep === undefined) Object.assign(read, { start, end: json.offset, tooDeep: `${renderPath('$', [key])}…` });
      reads.set(key, read);
      Object.defineProperty(top, key, { value: read.value, enumerable: true, writable: true, configurable: true });
    } while (json.next(0x7d));
  }
  json.finish();
  // The whole-file path's order: depth, format, format_version, entries, then the rest.
  for (const [key, read] of reads) if (read.tooDeep !== undefined) throw tooDeep(readAt, file, key, read);
  if (detectFormat(top, file) !== 'terraform') return undefined;
  const formatVersion = checkFormatVersion(top.format_version, file);
  const changes = reads.get('resource_changes');
  if (changes?.error) throw changes.error;
  const deferred = reads.get('deferred_changes');
  if (deferred?.error) throw deferred.error;
  const dependencies = configurationDependencies(top.configuration);
  const state = reads.get('prior_state')?.state;
  if (state) addState(dependencies, state, new Map());
  return terraformPlan(file, formatVersion, changes?.changes, dependencies, top);
}

function readTopValue(json: JsonBytes, key: string, file: string, budget: Budget): Read {
  switch (key) {
    case 'resource_changes':
    case 'deferred_changes':
      return readEntries(json, key, file, budget);
    case 'prior_state': {
      if (json.peek() !== OPEN_OBJECT) return { value: standIn(json, 1, file) };
      const read: Read = { value: {} };
      eachMember(json, 1, ['values'], () => {
        read.state = undefined;
        eachMember(json, 2, ['root_module'], () => {
          read.state = readModule(json, 3, file);
        });
      });
      return read;
    }
    case 'planned_values':
      // Never walked by any reader, so, as on the whole-file path, its depth does not matter.
      return { value: standIn(json, 1, file, true) };
    case 'configuration': {
      const start = json.offset;
      const value = parse(json, 1, file);
      budget.keep(json.offset - start);
      return { value };
    }
    case 'format_version':
    case 'terraform_version':
    case 'errored':
      return { value: parse(json, 1, file) };
    default:
      return { value: standIn(json, 1, file) };
  }
}

/** "resource_changes" or "deferred_changes": each entry parsed and checked alone, the first problem kept. */
function readEntries(json: JsonBytes, key: 'resource_changes' | 'deferred_changes', file: string, budget: Budget): Read {
  if (json.peek() !== OPEN_LIST) {
    const value = standIn(json, 1, file);
    try {
      entries(value, key, file);
    } catch (error) {
      if (!isInputError(error)) throw error;
      return { value, error };
    }
    return { value };
  }
  const read: Read = { value: [] };
  const changes = key === 'resource_changes' ? (read.changes = new TerraformChanges(file)) : undefined;
  eachElement(json, 1, (i) => {
    // Past a problem only the syntax and depth of the rest matter.
    if (read.error !== undefined || read.tooDeep !== undefined) return json.skip(2);
    const start = json.offset;
    const entry = changes ? readEntry(json, 2, (bytes) => parseBytes(bytes, json, file)) : parse(json, 2, file);
    if (json.tooDeep !== -1) {
      // The path where it nests too deep, as the whole-file path names it.
      try {
        checkDepth(entry, file, '$', [key, i]);
        // The scanner found it too deep: a parse that disagrees still refuses it, never drops the entry.
        read.tooDeep = depthError(file, `${renderPath('$', [key, i])}…`);
      } catch (error) {
        if (!isInputError(error)) throw error;
        read.tooDeep = error;
      }
      return;
    }
    try {
      if (changes) {
        const count = changes.changes.length;
        changes.add(entry, i);
        if (changes.changes.length > count) budget.keep(json.offset - start);
      } else checkDeferredChange(entry, file, i);
    } catch (error) {
      if (!isInputError(error)) throw error;
      read.error = error;
    }
  });
  return read;
}

/**
 * The refusal of a top-level value nested too deep, naming the path as the
 * whole-file path does: the value is read again and parsed, when it is small
 * enough to; else its key is named.
 */
function tooDeep(readAt: ReadAt, file: string, key: string, read: Read): InputError {
  const { start, end, tooDeep: where = '' } = read;
  if (where instanceof InputError) return where;
  if (start !== undefined && end !== undefined && end - start <= REPARSE_LIMIT) {
    const bytes = Buffer.allocUnsafe(end - start);
    try {
      checkDepth(JSON.parse(bytes.subarray(0, readFully(readAt, bytes, start)).toString('utf8')), file, '$', [key]);
    } catch (error) {
      if (isInputError(error)) return error;
    }
  }
  return depthError(file, where);
}

const REPARSE_LIMIT = 64 << 20;

/** A prior-state module held at `depth`: the address and depends_on of its objects, and its children. */
function readModule(json: JsonBytes, depth: number, file: string): StateModule | undefined {
  const module: StateModule = { resources: [], children: [] };
  const isModule = eachMember(json, depth, ['resources', 'child_modules'], (key) => {
    if (key === 'resources') {
      module.resources = [];
      eachElement(json, depth + 1, () => {
        let address: unknown;
        let dependsOn: unknown;
        const isObject = eachMember(json, depth + 2, ['address', 'depends_on'], (field) => {
          if (field === 'address') address = parse(json, depth + 3, file);
          else dependsOn = parse(json, depth + 3, file);
        });
        if (isObject) module.resources.push([address, dependsOn]);
      });
    } else {
      module.children = [];
      eachElement(json, depth + 1, () => {
        const child = readModule(json, depth + 2, file);
        if (child) module.children.push(child);
      });
    }
  });
  return isModule ? module : undefined;
}

function addState(deps: Dependencies, module: StateModule, names: Map<string, string>): void {
  for (const [address, dependsOn] of module.resources) addStateResource(deps, address, dependsOn, names);
  for (const child of module.children) addState(deps, child, names);
}

/**
 * The object at the scanner, held at `depth`: `member` reads the value of each
 * key in `known` (the last of a repeated key wins, as each call replaces what
 * the one before read); other values are skipped. False, having skipped it,
 * when the value is not an object, or nests too deep to be walked.
 */
function eachMember(json: JsonBytes, depth: number, known: readonly string[], member: (key: string) => void): boolean {
  if (json.peek() !== OPEN_OBJECT || depth + 1 > MAX_WALK) {
    json.skip(depth);
    return false;
  }
  if (!json.open(OPEN_OBJECT)) return true;
  do {
    const key = json.key(known, false);
    if (key !== undefined && known.includes(key)) member(key);
    else json.skip(depth + 1);
  } while (json.next(0x7d));
  return true;
}

/** The list at the scanner, held at `depth`: `element` reads each element; false, having skipped it, when not a list. */
function eachElement(json: JsonBytes, depth: number, element: (index: number) => void): boolean {
  if (json.peek() !== OPEN_LIST || depth + 1 > MAX_WALK) {
    json.skip(depth);
    return false;
  }
  if (!json.open(OPEN_LIST)) return true;
  let i = 0;
  do element(i++);
  while (json.next(0x5d));
  return true;
}

// The walk above recurses once per module level (two levels of nesting), a few frames each: safe to MAX_DEPTH.
// At MAX_DEPTH skip() refuses the nesting; a lower limit would silently drop modules JSON.parse reads.
const MAX_WALK = MAX_DEPTH;

/** The value at the scanner, parsed; held at `depth`. */
function parse(json: JsonBytes, depth: number, file: string): unknown {
  return json.plainString() ?? parseBytes(json.capture(depth), json, file);
}

/** A value's bytes (just read by `json`), parsed. */
function parseBytes(bytes: Buffer, json: JsonBytes, file: string): unknown {
  try {
    // A string without escapes (most addresses) is its bytes: the scanner has checked them.
    if (bytes[0] === 0x22 && !bytes.includes(0x5c)) return bytes.toString('utf8', 1, bytes.length - 1);
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (error) {
    // The scanner validated the bytes: only a value too large for one string lands here.
    throw new InputError(file, `has a value too large to parse at byte ${json.offset - bytes.length} (${error instanceof Error ? error.message : String(error)}); split the configuration into smaller plans`);
  }
}

/** A value no reader walks: lists and objects skipped (standing in as [] and {}), scalars parsed. */
function standIn(json: JsonBytes, depth: number, file: string, anyDepth = false): unknown {
  const c = json.peek();
  if (c !== OPEN_OBJECT && c !== OPEN_LIST) return parse(json, depth, file);
  json.skip(depth, anyDepth);
  return c === OPEN_OBJECT ? {} : [];
}

function readFully(readAt: ReadAt, into: Buffer, position: number): number {
  let got = 0;
  while (got < into.length) {
    const n = readAt(into, got, into.length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got;
}

/** The one-line message for a syntax error, with its line counted from the file. */
function syntaxProblem(error: JsonSyntaxError, readAt: ReadAt): string {
  const chunk = Buffer.allocUnsafe(1 << 20);
  let line = 1;
  let lineStart = 0;
  for (let position = 0; position < error.offset; ) {
    const n = readAt(chunk, 0, Math.min(chunk.length, error.offset - position), position);
    if (n === 0) break;
    for (let i = chunk.indexOf(0x0a, 0); i !== -1 && i < n; i = chunk.indexOf(0x0a, i + 1)) {
      line++;
      lineStart = position + i + 1;
    }
    position += n;
  }
  const at = `line ${line} column ${error.offset - lineStart + 1} (byte ${error.offset})`;
  if (error.truncated) return `invalid JSON: the file ends early at ${at}, so it looks truncated; regenerate it and check the step that writes it completed`;
  return `invalid JSON at ${at}: ${error.detail}; regenerate it with \`terraform show -json\` or \`aws cloudformation describe-change-set --output json\``;
}
