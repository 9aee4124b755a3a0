import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { InputError } from '../errors.js';
import { isObject } from '../json.js';
import { safeLine } from '../quote.js';
import { normaliseChangeSets } from './cloudformation.js';
import { decodePlanBytes } from './decode.js';
import { checkDepth } from './depth.js';
import { detectFormat } from './detect-format.js';
import { parsePlanJson } from './parse-json.js';
import { streamTerraform } from './stream-terraform.js';
import { normaliseTerraform } from './terraform.js';
import type { Plan } from './types.js';

/**
 * Bytes → Plan: decode, parse, detect the format from content, normalise.
 * Pure. Past `streamAbove` bytes a Terraform plan is read in parts, as files
 * that large are (tests use it to run both paths over the same bytes).
 */
export function parsePlan(bytes: Buffer, file: string, streamAbove = Infinity): Plan {
  if (bytes.length > streamAbove) {
    const plan = streamTerraform((into, offset, length, position) => bytes.copy(into, offset, position, Math.min(bytes.length, position + length)), bytes.length, file);
    if (plan) return plan;
  }
  return parsePlanText(decodePlanBytes(bytes, file), file);
}

/** Decoded text → Plan. */
function parsePlanText(text: string, file: string): Plan {
  const doc = parsePlanJson(text, file);
  // Before any reader walks it: no walker may recurse deeper than a real plan goes. planned_values,
  // a third of a large plan, is never walked, so its depth cannot matter.
  checkDepth(isObject(doc) && 'planned_values' in doc ? { ...doc, planned_values: null } : doc, file);
  return detectFormat(doc, file) === 'terraform'
    ? normaliseTerraform(doc as Record<string, unknown>, file)
    : normaliseChangeSets(doc, file);
}

// V8 cannot hold a string longer than this (2^29 - 24 characters on 64-bit).
const MAX_STRING = 0x1fffffe8;
// Parsed plan JSON measured at about 2–3x its text in heap (npm run bench);
// with the text itself, 5x the file keeps a margin before V8 would abort.
const HEAP_PER_FILE_BYTE = 5;

/** The largest plan this process can read without exhausting its heap. */
export function planSizeLimit(): number {
  return Math.min(MAX_STRING, Math.floor(oldGenerationLimit() / HEAP_PER_FILE_BYTE));
}

const MIB = 2 ** 20;
// heap_size_limit also counts the young generation (3 semi-spaces, 192 MiB on
// Node 24 whatever --max-old-space-size says), which cannot hold a parsed plan.
const MAX_YOUNG_GENERATION = 192 * MIB;

let generationLimit: number | undefined;

/** V8's old-generation limit; fixed for the life of the process, so found once (not once a file). */
function oldGenerationLimit(): number {
  return (generationLimit ??= findOldGenerationLimit());
}

/** --max-old-space-size when given (NODE_OPTIONS or node's own flags), else estimated. */
function findOldGenerationLimit(): number {
  const heapLimit = getHeapStatistics().heap_size_limit;
  const flags = `${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`;
  const given = [...flags.matchAll(/--max[-_]old[-_]space[-_]size[= ](\d+)/g)].map((m) => Number(m[1]) * MIB).at(-1);
  if (given !== undefined && given > 0) return Math.min(given, heapLimit);
  return heapLimit - Math.min(MAX_YOUNG_GENERATION, heapLimit / 2);
}

export interface ReadPlanOptions {
  /** Refuse larger files that cannot be read in parts; defaults to planSizeLimit(). */
  maxBytes?: number;
  /** Read Terraform plan files larger than this in parts (streamTerraform); defaults to STREAM_ABOVE, and never more than maxBytes. */
  streamAbove?: number;
}

/**
 * Past this size a Terraform plan file is read in parts: about as fast as
 * reading it whole (npm run bench), and its memory does not grow with the
 * parts no reader uses (planned_values, the prior state's values).
 */
export const STREAM_ABOVE = 64 * MIB;

/** Reads one plan file (or `-` for standard input) and normalises it. */
export async function readPlanFile(path: string, options: ReadPlanOptions = {}): Promise<Plan> {
  const maxBytes = options.maxBytes ?? planSizeLimit();
  if (path !== '-') return readFilePlan(path, maxBytes, Math.min(options.streamAbove ?? STREAM_ABOVE, maxBytes));
  return parsePlan(await readStream(process.stdin, 'standard input', maxBytes), 'standard input');
}

// Synchronous open, stat and read: with hundreds of plans the asynchronous round trips cost more than the reads.
async function readFilePlan(path: string, maxBytes: number, streamAbove: number): Promise<Plan> {
  let fd;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new InputError(path, openProblem(error));
  }
  let text: string;
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) {
      throw new InputError(path, 'is a directory: pass the plan JSON file inside it (for example plan.json)');
    }
    if (stat.isFile()) {
      if (stat.size > streamAbove) {
        const handle = fd;
        const plan = streamTerraform((into, offset, length, position) => readSync(handle, into, offset, length, position), stat.size, path, { heapBytes: oldGenerationLimit() });
        if (plan) return plan;
      }
      if (stat.size > maxBytes) throw new InputError(path, tooLarge(stat.size, maxBytes, false, 'it is not a Terraform plan in UTF-8, the only kind read in parts'));
      // Decoded at once, so the bytes are garbage while the text is parsed.
      text = decodePlanBytes(readWhole(fd, stat.size), path);
    } else {
      // A pipe or process substitution: its size is unknown until read.
      text = decodePlanBytes(await readStream(createReadStream('', { fd, autoClose: false }), path, maxBytes), path);
    }
  } catch (error) {
    // A read that fails (EIO, EISDIR, …) is the file's problem; anything else is plangate's, with its stack.
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof InputError || typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) throw error;
    throw new InputError(path, `cannot be read (${code}): check the file and its permissions`);
  } finally {
    closeSync(fd);
  }
  // The descriptor is closed before the text is parsed; the plan is parsed outside the read's error handling.
  return parsePlanText(text, path);
}

// Files up to this size are read into one buffer, reused: a fresh one per file costs page faults and
// external-memory collections, ~10% of the reading of 200 plans of 500 kB (npm run bench).
const SCRATCH_MAX = 8 * MIB;
let scratch = Buffer.alloc(0);

/**
 * One synchronous read of a known size: FileHandle.readFile's 512 KiB async chunks cost ~15% on a 100 MB plan.
 * The bytes may be the shared scratch buffer: decode them before anything else reads a file.
 */
function readWhole(fd: number, size: number): Buffer {
  if (size <= SCRATCH_MAX && size > scratch.length) scratch = Buffer.allocUnsafe(Math.max(size, 64 * 1024));
  const buffer = size <= SCRATCH_MAX ? scratch.subarray(0, size) : Buffer.allocUnsafe(size);
  let offset = 0;
  while (offset < size) {
    const n = readSync(fd, buffer, offset, size - offset, offset);
    if (n === 0) break;
    offset += n;
  }
  return offset === size ? buffer : buffer.subarray(0, offset);
}

async function readStream(stream: AsyncIterable<Buffer | string>, source: string, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > maxBytes) throw new InputError(source, tooLarge(size, maxBytes, true));
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function openProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file: check the path, and that the step that writes the plan ran before plangate';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied: make the file readable by the user running plangate';
  if (code === 'EISDIR') return 'is a directory: pass the plan JSON file inside it (for example plan.json)';
  return `cannot be opened (${code ?? safeLine(String(error), 300)})`;
}

function tooLarge(size: number, maxBytes: number, atLeast = false, notInParts?: string): string {
  const mb = (n: number) => (n >= 1e6 ? `${Math.round(n / 1e6)} MB` : `${Math.ceil(n / 1e3)} kB`);
  // Past V8's longest string a bigger heap does not help; below it, it does.
  const fix = maxBytes >= MAX_STRING ? 'the largest text V8 can hold; split the configuration into smaller plans' : 'raise the heap with NODE_OPTIONS=--max-old-space-size=MB, or split the configuration into smaller plans';
  return `the file is ${atLeast ? 'more than ' : ''}${mb(size)}, more than this process can hold (limit ${mb(maxBytes)})${notInParts ? ` and ${notInParts}` : ''}: ${fix}`;
}
