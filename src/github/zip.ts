import { inflateRawSync } from 'node:zlib';

/** One file of a zip archive, inflated and checked. */
export interface ZipFile {
  /** Its path inside the archive, `/`-separated, never absolute and never with `.` or `..` parts. */
  name: string;
  bytes: Buffer;
}

export interface ZipLimits {
  /** Most files the archive may hold (directories count too). */
  maxEntries: number;
  /** Most bytes all files together may inflate to. */
  maxBytes: number;
}

/** An archive plangate refuses to read; the message says why, in a few words. */
export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const UNIX_HOST = 3;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

/**
 * Reads a whole zip archive held in memory, strictly: only what
 * actions/upload-artifact writes (stored or deflated files, no encryption,
 * no zip64, no links) is accepted, and anything a lenient reader would
 * guess about is refused — a name that escapes the archive, two files of one
 * name, a local header that disagrees with the directory, overlapping or
 * trailing data, a wrong size or checksum, and more than `limits` allow
 * (checked against the declared sizes before inflating, and again while inflating).
 */
export function readZip(zip: Buffer, limits: ZipLimits): ZipFile[] {
  const end = findEnd(zip);
  const count = zip.readUInt16LE(end + 10);
  const dirSize = zip.readUInt32LE(end + 12);
  const dirOffset = zip.readUInt32LE(end + 16);
  if (zip.readUInt16LE(end + 4) !== 0 || zip.readUInt16LE(end + 6) !== 0 || zip.readUInt16LE(end + 8) !== count) throw new ZipError('it spans several disks');
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff || (end >= 20 && zip.readUInt32LE(end - 20) === ZIP64_LOCATOR)) throw new ZipError('it is a zip64 archive (over 4 GB or 65,535 files), too large');
  if (count > limits.maxEntries) throw new ZipError(`it holds ${count} entries, more than ${limits.maxEntries}`);
  if (dirOffset + dirSize !== end) throw new ZipError('its central directory does not end where the archive says');

  const files: ZipFile[] = [];
  const names = new Set<string>();
  const spans: Array<[number, number]> = [];
  let budget = limits.maxBytes;
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    need(zip, at, 46, end);
    if (zip.readUInt32LE(at) !== CENTRAL) throw new ZipError(`entry ${i + 1} of its central directory is malformed`);
    const madeBy = zip.readUInt16LE(at + 4) >> 8;
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const packed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const mode = zip.readUInt32LE(at + 38) >>> 16;
    const local = zip.readUInt32LE(at + 42);
    need(zip, at + 46, nameLength + extraLength + commentLength, end);
    const raw = zip.subarray(at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;

    const name = entryName(raw, flags);
    if (names.has(name)) throw new ZipError(`it holds ${JSON.stringify(name)} twice`);
    names.add(name);
    if (flags & 0x1) throw new ZipError(`${JSON.stringify(name)} is encrypted`);
    const isDir = name.endsWith('/');
    if (madeBy === UNIX_HOST && (mode & S_IFMT) !== 0 && (mode & S_IFMT) !== (isDir ? S_IFDIR : S_IFREG)) throw new ZipError(`${JSON.stringify(name)} is a link or special file, not a plain file`);
    if (method !== 0 && method !== 8) throw new ZipError(`${JSON.stringify(name)} uses compression method ${method}; only stored and deflated files are read`);
    if (size > budget) throw new ZipError(`its files inflate to more than ${limits.maxBytes.toLocaleString('en-US')} bytes`);

    // The local header must name the same file; its data must lie before the directory and overlap nothing.
    need(zip, local, 30, dirOffset);
    if (zip.readUInt32LE(local) !== LOCAL) throw new ZipError(`the data of ${JSON.stringify(name)} is not where the directory says`);
    const localName = zip.subarray(local + 30, local + 30 + zip.readUInt16LE(local + 26));
    if (!localName.equals(raw)) throw new ZipError(`the data of ${JSON.stringify(name)} is filed under another name`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    need(zip, start, packed, dirOffset);
    spans.push([local, start + packed]);

    if (isDir) {
      if (size !== 0) throw new ZipError(`the directory ${JSON.stringify(name)} has content`);
      continue;
    }
    const data = zip.subarray(start, start + packed);
    let bytes: Buffer;
    if (method === 0) {
      if (packed !== size) throw new ZipError(`${JSON.stringify(name)} is stored with two different sizes`);
      bytes = Buffer.from(data);
    } else {
      try {
        bytes = inflateRawSync(data, { maxOutputLength: Math.max(1, size) });
      } catch {
        throw new ZipError(`${JSON.stringify(name)} does not inflate to the ${size.toLocaleString('en-US')} bytes it declares`);
      }
    }
    if (bytes.length !== size) throw new ZipError(`${JSON.stringify(name)} inflates to ${bytes.length.toLocaleString('en-US')} bytes, not the ${size.toLocaleString('en-US')} it declares`);
    if (crc32(bytes) !== crc) throw new ZipError(`${JSON.stringify(name)} fails its checksum`);
    budget -= size;
    files.push({ name, bytes });
  }
  if (at !== end) throw new ZipError('its central directory holds more than its entries');
  spans.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) if ((spans[i] as [number, number])[0] < (spans[i - 1] as [number, number])[1]) throw new ZipError('two of its entries overlap');
  return files;
}

/** The end-of-central-directory record: the last one, whose comment runs exactly to the end. */
function findEnd(zip: Buffer): number {
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === EOCD && at + 22 + zip.readUInt16LE(at + 20) === zip.length) return at;
  }
  throw new ZipError('it is not a zip archive (no end of central directory)');
}

function need(zip: Buffer, at: number, length: number, limit: number): void {
  if (at < 0 || at + length > Math.min(limit, zip.length)) throw new ZipError('it is truncated or its offsets point outside it');
}

/**
 * A name as a relative path that stays inside the archive: UTF-8 (or ASCII),
 * `/`-separated, no drive, no leading `/`, no `\`, no empty, `.` or `..` part.
 */
function entryName(raw: Buffer, flags: number): string {
  let name: string;
  try {
    name = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new ZipError('an entry name is not UTF-8');
  }
  if (!(flags & 0x800) && /[^\x20-\x7e]/.test(name)) throw new ZipError(`the entry name ${JSON.stringify(name)} is neither ASCII nor marked UTF-8`);
  const parts = name.replace(/\/$/, '').split('/');
  if (name === '' || /[\\\0-\x1f]/.test(name) || /^[A-Za-z]:/.test(name) || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new ZipError(`the entry name ${JSON.stringify(name)} would escape the archive or is not a plain relative path`);
  }
  return name;
}

let table: Uint32Array | undefined;

/** CRC-32 (IEEE), as zip stores it; zlib.crc32 needs Node 22. */
export function crc32(bytes: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (table[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
