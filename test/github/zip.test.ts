// The zip reader for plan artifacts: what upload-artifact writes is read
// back byte for byte; everything an author could upload in its place to
// escape the archive, smuggle a second plan or exhaust memory is refused
// with a ZipError, and no input makes it throw anything else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readZip, ZipError } from '../../src/github/zip.js';
import { makeZip, type ZipEntry } from '../github-server/zip-writer.js';

const LIMITS = { maxEntries: 10, maxBytes: 1_000_000 };
const read = (entries: ZipEntry[], limits = LIMITS) => readZip(makeZip(entries), limits);

describe('readZip', () => {
  it('reads deflated and stored files, skips nothing, keeps directories out', () => {
    const big = '{"resource_changes":[]}'.repeat(5000);
    const files = read([{ name: 'plan.json', data: big }, { name: 'stacks/' }, { name: 'stacks/b.json', data: '{}', method: 0 }, { name: 'ünï.json', data: '[]' }]);
    expect(files.map((f) => [f.name, f.bytes.toString()])).toEqual([
      ['plan.json', big],
      ['stacks/b.json', '{}'],
      ['ünï.json', '[]'],
    ]);
  });

  it.each<[string, ZipEntry[], RegExp]>([
    ['a parent-directory entry', [{ name: '../plan.json', data: '{}' }], /would escape the archive/],
    ['a nested parent-directory entry', [{ name: 'a/../../plan.json', data: '{}' }], /would escape/],
    ['an absolute entry', [{ name: '/plan.json', data: '{}' }], /would escape/],
    ['a Windows drive', [{ name: 'C:/plan.json', data: '{}' }], /would escape/],
    ['a backslash', [{ name: '..\\plan.json', data: '{}' }], /would escape/],
    ['a dot segment', [{ name: './plan.json', data: '{}' }], /would escape/],
    ['an empty segment', [{ name: 'a//plan.json', data: '{}' }], /would escape/],
    ['a control character', [{ name: 'plan\n.json', data: '{}' }], /would escape/],
    ['the same name twice', [{ name: 'plan.json', data: '{}' }, { name: 'plan.json', data: '{"x":1}' }], /holds "plan.json" twice/],
    ['a symlink', [{ name: 'plan.json', data: '/etc/shadow', mode: 0o120777 }], /link or special file/],
    ['a declared size smaller than the data (a bomb)', [{ name: 'plan.json', data: 'x'.repeat(100_000), declaredSize: 10 }], /does not inflate to the 10 bytes it declares/],
    ['a declared size larger than the data', [{ name: 'plan.json', data: '{}', declaredSize: 50 }], /inflates to 2 bytes, not the 50/],
    ['a stored file with two sizes', [{ name: 'plan.json', data: '{}', method: 0, declaredSize: 3 }], /stored with two different sizes/],
    ['a wrong checksum', [{ name: 'plan.json', data: '{}', crc: 1 }], /fails its checksum/],
    ['a local header under another name', [{ name: 'plan.json', data: '{}', localName: 'evil.json' }], /filed under another name/],
    ['another compression method', [{ name: 'plan.json', data: '{}', method: 12 }], /compression method 12/],
    ['a directory with content', [{ name: 'd/', data: 'x', method: 0 }], /directory "d\/" has content/],
  ])('refuses %s', (_, entries, message) => {
    expect(() => read(entries)).toThrow(ZipError);
    expect(() => read(entries)).toThrow(message);
  });

  it('refuses more entries or bytes than the limits, before inflating', () => {
    expect(() => read([{ name: 'a', data: '1' }, { name: 'b', data: '2' }], { maxEntries: 1, maxBytes: 100 })).toThrow(/holds 2 entries, more than 1/);
    expect(() => read([{ name: 'a', data: 'x'.repeat(60) }, { name: 'b', data: 'y'.repeat(60) }], { maxEntries: 5, maxBytes: 100 })).toThrow(/inflate to more than 100 bytes/);
  });

  it('refuses what is not a whole zip: truncated, trailing bytes, zip64, a directory at the wrong place', () => {
    const zip = makeZip([{ name: 'plan.json', data: '{}' }]);
    expect(() => readZip(zip.subarray(0, zip.length - 5), LIMITS)).toThrow(/not a zip archive/);
    expect(() => readZip(Buffer.concat([zip, Buffer.from('trailing')]), LIMITS)).toThrow(/not a zip archive/);
    const zip64 = Buffer.from(zip);
    zip64.writeUInt32LE(0xffffffff, zip.length - 6);
    expect(() => readZip(zip64, LIMITS)).toThrow(/zip64/);
    const shifted = Buffer.from(zip);
    shifted.writeUInt32LE(shifted.readUInt32LE(zip.length - 6) - 1, zip.length - 6);
    expect(() => readZip(shifted, LIMITS)).toThrow(/central directory does not end where the archive says/);
  });

  it('throws nothing but a ZipError for any corruption of a real archive', () => {
    const zip = makeZip([{ name: 'plan.json', data: '{"a":[1,2,3]}' }, { name: 'd/x.json', data: '{}' }]);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(zip.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (edits) => {
        const broken = Buffer.from(zip);
        for (const [at, byte] of edits) broken[at] = byte;
        try {
          for (const file of readZip(broken, LIMITS)) expect(file.name).not.toMatch(/(^|\/)\.\.(\/|$)|^\//);
        } catch (error) {
          expect(error).toBeInstanceOf(ZipError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
