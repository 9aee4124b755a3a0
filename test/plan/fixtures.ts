// Shared helpers for the plan and CLI tests: fixture paths, parsing, and
// generated inputs that are better built than committed (a binary planfile).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { expect } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parsePlan } from '../../src/plan/read-plan.js';
import type { Change, Plan } from '../../src/plan/types.js';
import { requireCorpus } from '../corpus-path.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Absolute path of a file under fixtures/. */
export function fixturePath(name: string): string {
  return join(ROOT, 'fixtures', name);
}

export function fixtureBytes(name: string): Buffer {
  return readFileSync(fixturePath(name));
}

export function fixtureJson(name: string): unknown {
  return JSON.parse(readFileSync(fixturePath(name), 'utf8')) as unknown;
}

/** Parses a fixture as plangate does, naming it `fixtures/NAME`. */
export function parseFixture(name: string): Plan {
  return parsePlan(fixtureBytes(name), `fixtures/${name}`);
}

/** Parses a document built in the test. */
export function parseDoc(doc: unknown, file = 'test.json'): Plan {
  return parsePlan(Buffer.from(JSON.stringify(doc)), file);
}

/** A shared-corpus file, parsed: tests change their copy, never the corpus. */
export function corpusJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(requireCorpus(), path), 'utf8')) as Record<string, unknown>;
}

/** The one-line InputError message parsePlan refuses this document (or text) with; fails when it reads it or fails otherwise. */
export function refusal(doc: unknown, file = 'test.json'): string {
  let error: unknown;
  try {
    parsePlan(Buffer.from(typeof doc === 'string' ? doc : JSON.stringify(doc)), file);
  } catch (e) {
    error = e;
  }
  expect(error, 'expected the document to be refused').toBeInstanceOf(InputError);
  const message = (error as InputError).message;
  expect(message.startsWith(`${file}: `)).toBe(true);
  expect(message).not.toMatch(/[\n\r\u001b]/);
  return message;
}

/** `[address, action]` for every change, in plan order: the shape most assertions compare. */
export function summary(plan: Plan): [string, Change['action']][] {
  return plan.changes.map((c) => [c.address, c.action]);
}

/** The one change with this address; fails the test when there is not exactly one. */
export function changeAt(plan: Plan, address: string): Change {
  const found = plan.changes.filter((c) => c.address === address);
  if (found.length !== 1) throw new Error(`expected one change at ${address}, found ${found.length}`);
  return found[0] as Change;
}

/**
 * A real (stored, uncompressed) zip archive, shaped like a binary Terraform
 * planfile (`terraform plan -out=tfplan`): entries tfplan, tfstate and tfconfig.
 */
export function terraformPlanfile(): Buffer {
  const entries: [string, Buffer][] = [
    ['tfplan', Buffer.from([0x0a, 0x05, 0x31, 0x2e, 0x39, 0x2e, 0x38, 0x12, 0x00])],
    ['tfstate', Buffer.from('{"version":4,"terraform_version":"1.9.8","serial":1,"lineage":"x","outputs":{},"resources":[]}\n')],
    ['tfconfig/m-/main.tf', Buffer.from('resource "aws_s3_bucket" "b" {}\n')],
  ];
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0); // local file header
    header.writeUInt16LE(20, 4); // version needed
    header.writeUInt16LE(0, 6); // flags
    header.writeUInt16LE(0, 8); // stored
    header.writeUInt32LE(0, 10); // time, date
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    header.writeUInt16LE(0, 28);
    local.push(header, nameBytes, data);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0); // central directory header
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0, 8);
    entry.writeUInt16LE(0, 10);
    entry.writeUInt32LE(0, 12);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, nameBytes);
    offset += header.length + nameBytes.length + data.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); // end of central directory
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, ...central, end]);
}

/** The same text as UTF-8 with a BOM, UTF-16 LE with a BOM and UTF-16 BE with a BOM. */
export function encodings(utf8: Buffer): Record<'utf8-bom' | 'utf16le-bom' | 'utf16be-bom', Buffer> {
  const le = Buffer.from(utf8.toString('utf8'), 'utf16le');
  const be = Buffer.from(le).swap16();
  return {
    'utf8-bom': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]),
    'utf16le-bom': Buffer.concat([Buffer.from([0xff, 0xfe]), le]),
    'utf16be-bom': Buffer.concat([Buffer.from([0xfe, 0xff]), be]),
  };
}
