/**
 * `lifecycle { prevent_destroy = true }` lives only in the Terraform sources:
 * plan JSON does not carry it. This reads the sources (HCL through
 * @cdktf/hcl2json, and `.tf.json`) so a pull request that drops the guard can
 * be caught by comparing the base and head configurations. Which files count
 * (OpenTofu's `.tofu` among them) is terraform-files.ts's to say.
 */
import type { Dirent } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { InputError } from '../errors.js';
import { isObject, type JsonObject } from '../json.js';
import { displayName, safeLine } from '../quote.js';
import { checkDepth } from './depth.js';
import { configAddress } from './dependencies.js';
import { filesLoaded, isOverrideFile, isTerraformSource, isTofuFile, loadedConfigFiles, TOOLS, type Tool } from './terraform-files.js';
import type { Weakening } from './types.js';

/** Where a resource is declared. */
export interface DeclaredResource {
  type: string;
  /** The file declaring it, as read: `infra/main.tf`. */
  file: string;
  /** The guard's value when it is an expression (`${1 == 2}`) rather than a literal true. */
  expression?: string;
}

/** A resource declared without `prevent_destroy = true`. */
export interface UnguardedResource extends DeclaredResource {
  /** `false` when the configuration says so, `(removed)` when it says nothing. */
  preventDestroy: 'false' | '(removed)';
}

/**
 * Resources whose `lifecycle` has `prevent_destroy = true` (or an expression,
 * kept as written: it may be true), keyed by configuration address: `aws_db_instance.main`,
 * `module.data.aws_s3_bucket.logs`. A plain Map to its users; it also keeps
 * what removedPreventDestroy needs to word its findings.
 */
export class PreventDestroyMap extends Map<string, DeclaredResource> {
  /** Every other declared resource, by address. */
  readonly unguarded = new Map<string, UnguardedResource>();
  /** `moved` blocks: old address → new address. */
  readonly moved = new Map<string, string>();
  /** Whether any directory read held a `.tofu` file, so Terraform would read it differently. */
  sawTofu = false;
}

export interface SourceFile {
  /** Path as the caller names it; `/`-separated for preventDestroyFromFiles. */
  path: string;
  contents: string;
}

export interface RemovedPreventDestroy {
  /** Configuration address in the base. */
  address: string;
  type: string;
  /** The base file that held the guard. */
  file: string;
  weakening: Weakening;
}

/**
 * Reads the configuration files directly in `dir` (the root module) that
 * OpenTofu loads (`*.tf`, `*.tf.json`, and `*.tofu`, `*.tofu.json` in
 * preference to them) and, through module blocks with a local `source`
 * ("./x", "../x"), the modules they call. Fails closed: an unreadable
 * directory or file, a directory without configuration files, or a file that
 * does not parse is an InputError naming it.
 */
export async function readPreventDestroy(dir: string, tool: Tool = 'opentofu'): Promise<PreventDestroyMap> {
  return collect(dir, join, readDirectory, tool);
}

/**
 * The same from file contents (for the action, which fetches them at the base
 * and head commits). Paths are `/`-separated; the root module is the files
 * directly in `root` (default: paths without a directory). An empty root gives
 * an empty map; a module whose local source has no files is an InputError.
 */
export async function preventDestroyFromFiles(files: readonly SourceFile[], root = '.', tool: Tool = 'opentofu'): Promise<PreventDestroyMap> {
  const byDir = new Map<string, SourceFile[]>();
  for (const file of files) {
    if (!isTerraformSource(file.path)) continue;
    const dir = posix.dirname(posix.normalize(file.path));
    const list = byDir.get(dir);
    if (list) list.push(file);
    else byDir.set(dir, [file]);
  }
  const rootDir = posix.normalize(root).replace(/(.)\/+$/, '$1');
  if (!byDir.has(rootDir)) return new PreventDestroyMap();
  return collect(rootDir, (...parts) => posix.join(...parts), (dir) => Promise.resolve(byDir.get(dir) ?? []), tool);
}

/**
 * The same, with files fetched on demand (the action reads them through the
 * API at one commit): `load` returns the files directly in a directory,
 * `/`-separated paths; it must include the `.tofu` files, or one that shadows
 * a `.tf` file goes unseen. A root without configuration files gives an empty
 * map: the stack was created or deleted on that side.
 */
export async function preventDestroyFromLoader(root: string, load: (dir: string) => Promise<SourceFile[]>, tool: Tool = 'opentofu'): Promise<PreventDestroyMap> {
  const rootDir = posix.normalize(root).replace(/(.)\/+$/, '$1');
  const first = await load(rootDir);
  if (!first.some((file) => isTerraformSource(file.path))) return new PreventDestroyMap();
  return collect(rootDir, (...parts) => posix.join(...parts), (dir) => (dir === rootDir ? Promise.resolve(first) : load(dir)), tool);
}

/**
 * Guards removed as either tool reads the sources: plangate cannot tell
 * whether a repository runs Terraform (which ignores `.tofu` files) or
 * OpenTofu (which prefers them), so a removal seen by either counts. `read`
 * gives the base and head maps as `tool` reads them; Terraform's reading is
 * skipped when no `.tofu` file was seen, as it could only be the same.
 */
export async function removedUnderEitherTool(read: (tool: Tool) => Promise<[PreventDestroyMap, PreventDestroyMap]>): Promise<RemovedPreventDestroy[]> {
  const byAddress = new Map<string, RemovedPreventDestroy>();
  for (const tool of [...TOOLS].reverse()) {
    const [base, head] = await read(tool);
    for (const removed of removedPreventDestroy(base, head)) if (!byAddress.has(removed.address)) byAddress.set(removed.address, removed);
    if (tool === 'opentofu' && !base.sawTofu && !head.sawTofu) break;
  }
  return [...byAddress.values()].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

/**
 * Every address protected in `base` and not in `head`: the lifecycle or its
 * prevent_destroy removed, set to false, or the whole resource removed (the
 * plan shows its delete too). Follows the head's `moved` blocks. Pure.
 */
export function removedPreventDestroy(base: ReadonlyMap<string, DeclaredResource>, head: ReadonlyMap<string, DeclaredResource>): RemovedPreventDestroy[] {
  const moved = head instanceof PreventDestroyMap ? head.moved : new Map<string, string>();
  const unguarded = head instanceof PreventDestroyMap ? head.unguarded : new Map<string, UnguardedResource>();
  const removed: RemovedPreventDestroy[] = [];
  for (const [address, where] of [...base].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const now = followMoves(address, moved);
    const kept = head.get(now);
    // An expression may evaluate to false: it keeps the guard only when the base had the same one.
    if (kept && (kept.expression === undefined || kept.expression === where.expression)) continue;
    if (kept?.expression !== undefined) {
      const description = `lifecycle.prevent_destroy set to an expression, ${kept.expression}, that Terraform evaluates and plangate cannot: it may be false`;
      removed.push({ address, type: where.type, file: where.file, weakening: { guard: 'lifecycle.prevent_destroy', from: where.expression ?? 'true', to: kept.expression, description } });
      continue;
    }
    const still = unguarded.get(now);
    const to = still ? still.preventDestroy : '(removed)';
    const description = !still
      ? 'lifecycle.prevent_destroy removed with the resource itself (true → (removed)): nothing stops Terraform destroying it unless a removed block sets destroy = false'
      : to === 'false'
        ? 'lifecycle.prevent_destroy turned off (true → false): Terraform will no longer refuse to destroy it'
        : 'lifecycle.prevent_destroy removed (true → (removed)): Terraform will no longer refuse to destroy it';
    removed.push({ address, type: where.type, file: where.file, weakening: { guard: 'lifecycle.prevent_destroy', from: 'true', to, description } });
  }
  return removed;
}

/** An address after the head's `moved` blocks (whole modules or single resources), in at most a few hops. */
function followMoves(address: string, moved: ReadonlyMap<string, string>): string {
  let current = address;
  for (let hop = 0; hop < 16 && moved.size > 0; hop++) {
    let next: string | undefined;
    for (const [from, to] of moved) {
      if (current === from) next = to;
      else if (current.startsWith(`${from}.`)) next = to + current.slice(from.length);
      if (next !== undefined) break;
    }
    if (next === undefined || next === current) break;
    current = next;
  }
  return current;
}

// ---------------------------------------------------------------------------

/** The files directly in `dir` (any, or only those collect keeps); `calledAs` names the module call that led there. */
type LoadDirectory = (dir: string, calledAs?: string) => Promise<SourceFile[]>;

interface ModuleToRead {
  dir: string;
  /** `module.a.module.b.` for resources inside it. */
  prefix: string;
  /** Directories of the calling modules, to refuse a module that calls itself. */
  chain: string[];
  /** How the caller named it, for errors: `module.a (source "./a", in main.tf)`. */
  calledAs?: string;
}

async function collect(root: string, joinPath: (...parts: string[]) => string, load: LoadDirectory, tool: Tool): Promise<PreventDestroyMap> {
  const result = new PreventDestroyMap();
  const queue: ModuleToRead[] = [{ dir: root, prefix: '', chain: [] }];
  while (queue.length > 0) {
    const module = queue.shift() as ModuleToRead;
    // Only what the tool loads, in its order: override files (override.tf, *_override.tofu) last.
    const listed = await load(module.dir, module.calledAs);
    if (listed.some((file) => isTofuFile(file.path))) result.sawTofu = true;
    const files = loadedConfigFiles(listed, (file) => file.path, tool);
    if (files.length === 0) {
      throw new InputError(
        module.calledAs ?? module.dir,
        module.calledAs
          ? `its directory ${displayName(module.dir)} holds no .tf or .tofu files: fix the module source, or include the module's files`
          : 'holds no .tf, .tf.json, .tofu or .tofu.json files: pass the directory of the root module',
      );
    }
    for (const file of files) {
      const doc = await parseSource(file);
      const override = isOverrideFile(file.path);
      for (const [type, name, block] of resourceBlocks(doc)) {
        const address = `${module.prefix}${type}.${name}`;
        const value = preventDestroy(block);
        if (override) {
          // An override changes only what it sets.
          if (value === undefined || !(result.has(address) || result.unguarded.has(address))) continue;
          result.delete(address);
          result.unguarded.delete(address);
        }
        if (value === true) result.set(address, { type, file: file.path });
        else if (typeof value === 'string') result.set(address, { type, file: file.path, expression: value });
        else result.unguarded.set(address, { type, file: file.path, preventDestroy: value === false ? 'false' : '(removed)' });
      }
      for (const [from, to] of movedBlocks(doc)) result.moved.set(module.prefix + from, module.prefix + to);
      if (override) continue;
      for (const [name, source] of localModules(doc)) {
        const dir = joinPath(module.dir, source);
        const calledAs = `${module.prefix}module.${name} (source "${source}", in ${file.path})`;
        if (dir === module.dir || module.chain.includes(dir)) throw new InputError(calledAs, 'the module calls itself: fix its source');
        queue.push({ dir, prefix: `${module.prefix}module.${name}.`, chain: [...module.chain, module.dir], calledAs });
      }
    }
  }
  return result;
}

/** `resource "TYPE" "NAME" { … }` blocks as [type, name, body]; `.tf.json` may write a body as an object or a list. */
function* resourceBlocks(doc: JsonObject): Generator<[string, string, JsonObject]> {
  for (const byType of blocks(doc.resource)) {
    for (const [type, byNameList] of Object.entries(byType)) {
      for (const byName of blocks(byNameList)) {
        for (const [name, bodies] of Object.entries(byName)) {
          for (const body of blocks(bodies)) yield [type, name, body];
        }
      }
    }
  }
}

/**
 * true: set to true ("true" and "1" convert to it); false: set to false
 * ("false", "0"); a string: an expression (`${1 == 2}`), which Terraform
 * evaluates and plangate does not; undefined: not set.
 */
function preventDestroy(resource: JsonObject): boolean | string | undefined {
  let result: boolean | string | undefined;
  for (const lifecycle of blocks(resource.lifecycle)) {
    if (!('prevent_destroy' in lifecycle)) continue;
    const value = lifecycle.prevent_destroy;
    if (value === null || value === undefined) continue;
    const literal = typeof value === 'string' ? value.trim().toLowerCase() : value;
    const read = literal === true || literal === 'true' || literal === '1' ? true : literal === false || literal === 'false' || literal === '0' ? false : JSON.stringify(value);
    result = result === true ? true : typeof result === 'string' && read === false ? result : read;
  }
  return result;
}

/** `moved { from = … to = … }` as [from, to] configuration addresses. */
function* movedBlocks(doc: JsonObject): Generator<[string, string]> {
  for (const block of blocks(doc.moved)) {
    const from = reference(block.from);
    const to = reference(block.to);
    if (from && to) yield [from, to];
  }
}

/** `module "NAME" { source = "./x" }` with a local source, as [name, source]. */
function* localModules(doc: JsonObject): Generator<[string, string]> {
  for (const byName of blocks(doc.module)) {
    for (const [name, bodies] of Object.entries(byName)) {
      for (const body of blocks(bodies)) {
        const source = body.source;
        if (typeof source === 'string' && /^\.\.?\//.test(source)) yield [name, source.replace(/\/+$/, '')];
      }
    }
  }
}

/** `${aws_db_instance.a[0]}` or `aws_db_instance.a` → `aws_db_instance.a`. */
function reference(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const bare = value.trim().replace(/^\$\{(.*)\}$/s, '$1').trim();
  return bare === '' ? undefined : configAddress(bare);
}

function blocks(value: unknown): JsonObject[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

// ---------------------------------------------------------------------------
// Reading and parsing.

async function readDirectory(dir: string, calledAs?: string): Promise<SourceFile[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (calledAs) throw new InputError(calledAs, `its directory ${displayName(dir)} cannot be read (${(error as NodeJS.ErrnoException).code ?? safeLine(String(error), 300)}): fix the module source`);
    throw new InputError(dir, directoryProblem(error));
  }
  // Selected by name before reading: what neither tool loads (a hidden file, a README) is never read.
  const listed = entries.filter((entry) => entry.isFile() || entry.isSymbolicLink()).map((entry) => entry.name);
  const names = [...new Set(TOOLS.flatMap((tool) => filesLoaded(listed, tool)))];
  const files: SourceFile[] = [];
  for (const name of names) {
    const path = join(dir, name);
    try {
      files.push({ path, contents: await readFile(path, 'utf8') });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A dangling symlink or a directory named *.tf is not a configuration file.
      if (code === 'ENOENT' || code === 'EISDIR') continue;
      throw new InputError(path, `cannot be read (${code ?? safeLine(String(error), 300)}): make it readable by the user running plangate`);
    }
  }
  return files;
}

function directoryProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such directory: pass the directory holding the Terraform configuration (its .tf or .tofu files)';
  if (code === 'ENOTDIR') return 'is not a directory: pass the directory holding the .tf or .tofu files, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied: make the directory readable by the user running plangate';
  return `cannot be read (${code ?? safeLine(String(error), 300)}): pass the directory holding the Terraform configuration`;
}

type Parse = (filename: string, contents: string) => Promise<Record<string, unknown>>;

let parser: Promise<Parse> | undefined;

/** The HCL parser, loaded on first use: it instantiates a WebAssembly module. */
function hclParser(): Promise<Parse> {
  parser ??= import('@cdktf/hcl2json').then((module) => {
    // Node gives the CommonJS exports as named exports; a split bundle gives them only as `default`.
    const loaded = module as unknown as { parse?: Parse; default?: { parse?: Parse } };
    const parse = loaded.parse ?? loaded.default?.parse;
    if (typeof parse !== 'function') throw new Error('@cdktf/hcl2json has no parse function: the bundle is broken; rebuild it with scripts/build.mjs');
    return parse;
  });
  return parser;
}

async function parseSource(file: SourceFile): Promise<JsonObject> {
  const contents = file.contents.replace(/^\uFEFF/, '');
  // Terraform never reads a .tofu file: only OpenTofu can validate it.
  const validate = /\.tofu(\.json)?$/.test(file.path) ? '`tofu validate`' : '`terraform validate`';
  if (file.path.endsWith('.json')) {
    let doc: unknown;
    try {
      doc = JSON.parse(contents) as unknown;
    } catch (error) {
      throw new InputError(file.path, `is not valid JSON (${oneLine((error as Error).message)}): fix it so ${validate} passes`);
    }
    checkDepth(doc, file.path);
    if (!isObject(doc)) throw new InputError(file.path, `is not a JSON object, so not Terraform JSON configuration: fix it so ${validate} passes`);
    return doc;
  }
  const parse = await hclParser();
  let doc: unknown;
  try {
    doc = await parse(file.path, contents);
  } catch (error) {
    throw new InputError(file.path, `is not valid HCL (${hclProblem(error, file.path)}): fix it so ${validate} passes`);
  }
  // A guard's value is kept as JSON text (JSON.stringify recurses): nothing deeper than a plan may be.
  checkDepth(doc, file.path);
  return isObject(doc) ? doc : {};
}

/** "parse config: [main.tf:3,23-4,1: Invalid expression; Expected …]" → "line 3, column 23: Invalid expression; Expected …". */
function hclProblem(error: unknown, path: string): string {
  let message = oneLine(error instanceof Error ? error.message : String(error));
  message = message.replace(/^parse config: \[(.*)\]$/, '$1');
  if (message.startsWith(`${path}:`)) message = message.slice(path.length + 1);
  message = message.replace(/^(\d+),(\d+)(?:-[\d,]+)?: /, 'line $1, column $2: ');
  return message.length > 300 ? `${message.slice(0, 297)}...` : message;
}

/** A parser's message, which may quote the source: one line, nothing unsafe left in it. */
function oneLine(text: string): string {
  return safeLine(text.replace(/\s*\n\s*/g, ' ').trim(), 300);
}
