import { InputError } from '../errors.js';

const SHOW_JSON = 'run `terraform show -json PLANFILE > plan.json` (or `tofu show -json`)';

/**
 * Turns a plan file's bytes into text. Plans arrive as UTF-8 (with or without
 * a BOM) or, from Windows PowerShell's `>`, as UTF-16 with a BOM; anything
 * else that is not text is refused with what to run instead.
 */
export function decodePlanBytes(bytes: Buffer, source: string): string {
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
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) return bytes.toString('utf8', 3);
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    if (bytes[2] === 0 && bytes[3] === 0 && b0 === 0xff) {
      throw new InputError(source, 'the file is UTF-32, which plangate does not read: save it as UTF-8');
    }
    return decodeUtf16(bytes.subarray(2), b0 === 0xfe);
  }
  // JSON starts with an ASCII character, so a NUL beside it means UTF-16 without a BOM.
  if (bytes.length >= 2 && b0 !== 0 && b1 === 0) return decodeUtf16(bytes, false);
  if (bytes.length >= 2 && b0 === 0 && b1 !== 0) return decodeUtf16(bytes, true);
  if (bytes.subarray(0, 8192).includes(0)) {
    throw new InputError(source, `this is a binary file, not plan JSON: ${SHOW_JSON}, or for CloudFormation \`aws cloudformation describe-change-set --output json\``);
  }
  return bytes.toString('utf8');
}

function decodeUtf16(bytes: Buffer, bigEndian: boolean): string {
  const even = bytes.length - (bytes.length % 2);
  if (!bigEndian) return bytes.toString('utf16le', 0, even);
  const swapped = Buffer.from(bytes.subarray(0, even));
  swapped.swap16();
  return swapped.toString('utf16le');
}
