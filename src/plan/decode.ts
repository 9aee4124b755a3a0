import { InputError } from '../errors.js';

const SHOW_JSON = 'run `terraform show -json PLANFILE > plan.json` (or `tofu show -json`)';

/** How a plan's bytes are encoded, and how many bytes of byte order mark come first. */
export interface PlanEncoding {
  encoding: 'utf8' | 'utf16le' | 'utf16be';
  bom: number;
}

/**
 * Turns a plan file's bytes into text. Plans arrive as UTF-8 (with or without
 * a BOM) or, from Windows PowerShell's `>`, as UTF-16 with a BOM; anything
 * else that is not text is refused with what to run instead.
 */
export function decodePlanBytes(bytes: Buffer, source: string): string {
  const { encoding, bom } = planEncoding(bytes, source);
  if (encoding === 'utf8') return bytes.toString('utf8', bom);
  return decodeUtf16(bytes.subarray(bom), encoding === 'utf16be');
}

/**
 * The encoding of a plan from its first bytes (the whole file, or at least
 * its first 8 KiB); refuses what is not text.
 */
export function planEncoding(bytes: Buffer, source: string): PlanEncoding {
  if (bytes.length === 0) {
    throw new InputError(source, 'the file is empty: the step that writes the plan produced nothing; check that it ran and succeeded (`terraform show -json tfplan > plan.json`, or `aws cloudformation describe-change-set --output json > changes.json`)');
  }
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0x50 && b1 === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw new InputError(source, `this is a binary Terraform planfile (a zip archive), not JSON: ${SHOW_JSON}`);
  }
  if (b0 === 0x1f && b1 === 0x8b) {
    throw new InputError(source, 'the file is gzip-compressed: decompress it first (gunzip) and pass the JSON');
  }
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf8', bom: 3 };
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    if (bytes[2] === 0 && bytes[3] === 0 && b0 === 0xff) {
      throw new InputError(source, 'the file is UTF-32, which plangate does not read: save it as UTF-8');
    }
    return { encoding: b0 === 0xfe ? 'utf16be' : 'utf16le', bom: 2 };
  }
  // JSON starts with an ASCII character, so a NUL beside it means UTF-16 without a BOM.
  if (bytes.length >= 2 && b0 !== 0 && b1 === 0) return { encoding: 'utf16le', bom: 0 };
  if (bytes.length >= 2 && b0 === 0 && b1 !== 0) return { encoding: 'utf16be', bom: 0 };
  if (bytes.subarray(0, 8192).includes(0)) {
    throw new InputError(source, `this is a binary file, not plan JSON: ${SHOW_JSON}, or for CloudFormation \`aws cloudformation describe-change-set --output json\``);
  }
  return { encoding: 'utf8', bom: 0 };
}

function decodeUtf16(bytes: Buffer, bigEndian: boolean): string {
  const even = bytes.length - (bytes.length % 2);
  if (!bigEndian) return bytes.toString('utf16le', 0, even);
  const swapped = Buffer.from(bytes.subarray(0, even));
  swapped.swap16();
  return swapped.toString('utf16le');
}
