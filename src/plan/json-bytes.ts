/**
 * The scanner's fast paths, over JsonWindow: skipping a value (validated
 * with JSON's grammar, as JsonWindow's header says), and reading keys and
 * plain strings in place. Most of a large plan passes through skip().
 */

import { MAX_DEPTH } from './depth.js';
import { JsonWindow, STOP } from './json-window.js';

export { JsonSyntaxError, type ReadAt } from './json-window.js';

const OBJECT = 1;
const ARRAY = 2;

export class JsonBytes extends JsonWindow {
  /** File offset of the first container nested past MAX_DEPTH where depth is checked, or -1. */
  tooDeep = -1;
  private stack = new Uint8Array(1024);

  /**
   * Reads an object key and its colon: the key's text when it has escapes
   * (decoded as JSON.parse would) or is one of `known` (returned as that
   * string), else undefined when `all` is false (an unknown plain key).
   */
  key(known: readonly string[], all: boolean): string | undefined {
    if (this.peek() !== 0x22) this.fail('expected a string key');
    // Most keys are plain and sit in the window: compared in place.
    const b = this.buf;
    const from = this.pos + 1;
    let j = from;
    while (STOP[b[j]!] === 0) j++;
    if (b[j] !== 0x22) return this.heldKey(known, all);
    let name: string | undefined;
    if (all) name = b.toString('utf8', from, j);
    else name = this.knownAt(known, from, j);
    this.pos = j + 1;
    if (b[j + 1] === 0x3a) this.pos++;
    else this.expect(0x3a, "':'");
    return name;
  }

  /** key() for a key with escapes, or one the window cuts: read whole, held while read. */
  private heldKey(known: readonly string[], all: boolean): string | undefined {
    // Held while read (unless already held from further back: the mark moves with every read).
    const own = this.mark < 0;
    if (own) this.mark = this.pos;
    const from = this.offset;
    this.string();
    const start = from - this.base;
    const end = this.pos;
    let escaped = false;
    for (let i = start + 1; i < end - 1 && !escaped; i++) escaped = this.buf[i] === 0x5c;
    const name = all || escaped ? this.keyText(start, end) : this.knownAt(known, start + 1, end - 1);
    if (own) this.mark = -1;
    this.expect(0x3a, "':'");
    return name;
  }

  /** The one of `known` whose bytes are buf[from, to), if any. */
  private knownAt(known: readonly string[], from: number, to: number): string | undefined {
    for (const k of known) if (k.length === to - from && this.bytesAre(from, k)) return k;
    return undefined;
  }

  /** The string value at the scanner when it has no escape and sits in the window (consumed), else undefined (not consumed). */
  plainString(): string | undefined {
    if (this.peek() !== 0x22) return undefined;
    const b = this.buf;
    let j = this.pos + 1;
    while (STOP[b[j]!] === 0) j++;
    if (b[j] !== 0x22) return undefined;
    const text = b.toString('utf8', this.pos + 1, j);
    this.pos = j + 1;
    return text;
  }

  /**
   * Skips one value, validating it. `depth` is the nesting of the container
   * holding it (the document's top object is 1); past MAX_DEPTH, tooDeep is
   * set unless `anyDepth`. Most of a large plan passes through here, so it is
   * one loop with the common tokens inline: the sentinel after the last byte
   * held (see more()) ends every inner loop without a bounds check, and
   * anything unusual (escapes, a token cut by the window's end, an error) is
   * left to JsonWindow's byte-at-a-time methods, from the token's start.
   */
  skip(depth: number, anyDepth = false): void {
    let b = this.buf;
    let n = this.end;
    let i = this.pos;
    let stack = this.stack;
    let sp = 0;
    // The next token is an object's key (then its colon) before the value.
    let key = false;
    let c: number;
    for (;;) {
      c = b[i]!;
      if (c <= 0x20) {
        c = this.token(i);
        ({ buf: b, end: n, pos: i } = this);
      }
      if (key) {
        if (c !== 0x22) {
          this.pos = i;
          this.fail('expected a string key');
        }
        i = this.stringEnd(i);
        b = this.buf;
        n = this.end;
        if (b[i] === 0x3a) i++;
        else {
          this.pos = i;
          this.expect(0x3a, "':'");
          ({ buf: b, end: n, pos: i } = this);
        }
        key = false;
        continue;
      }
      if (c === 0x22) {
        i = this.stringEnd(i);
        b = this.buf;
        n = this.end;
      } else if (c === 0x7b || c === 0x5b) {
        if (sp === stack.length) {
          const bigger = new Uint8Array(sp * 2);
          bigger.set(stack);
          this.stack = stack = bigger;
        }
        stack[sp++] = c === 0x7b ? OBJECT : ARRAY;
        if (depth + sp > MAX_DEPTH && !anyDepth && this.tooDeep === -1) this.tooDeep = this.base + i;
        this.pos = i + 1;
        const close = c + 2;
        if (this.peek() !== close) {
          key = c === 0x7b;
          ({ buf: b, end: n, pos: i } = this);
          continue;
        }
        sp--;
        i = this.pos + 1;
        b = this.buf;
        n = this.end;
      } else {
        const j = i + (c === 0x74 || c === 0x6e ? 4 : c === 0x66 ? 5 : 0);
        if (j > i && j < n && (c === 0x74 ? b[i + 1] === 0x72 && b[i + 2] === 0x75 && b[i + 3] === 0x65 : c === 0x6e ? b[i + 1] === 0x75 && b[i + 2] === 0x6c && b[i + 3] === 0x6c : b[i + 1] === 0x61 && b[i + 2] === 0x6c && b[i + 3] === 0x73 && b[i + 4] === 0x65)) {
          i = j;
        } else {
          const end = c >= 0x30 && c <= 0x39 ? this.plainInteger(i) : -1;
          if (end !== -1) i = end;
          else {
            this.pos = i;
            this.scalar(c);
            ({ buf: b, end: n, pos: i } = this);
          }
        }
      }
      // After a value: commas and closes, until the one value is done.
      for (;;) {
        if (sp === 0) {
          this.pos = i;
          return;
        }
        c = b[i]!;
        if (c <= 0x20) {
          c = this.token(i);
          ({ buf: b, end: n, pos: i } = this);
        }
        const kind = stack[sp - 1]!;
        if (c === 0x2c) {
          i++;
          key = kind === OBJECT;
          break;
        }
        if (c !== (kind === OBJECT ? 0x7d : 0x5d)) {
          this.pos = i;
          this.fail(`expected ',' or '${kind === OBJECT ? '}' : ']'}'`);
        }
        sp--;
        i++;
      }
    }
  }

  /** The index after the string whose quote is at `i`, validated: most hold no escape and end in the window; the rest are read by string(). */
  private stringEnd(i: number): number {
    const b = this.buf;
    let j = i + 1;
    while (STOP[b[j]!] === 0) j++;
    if (b[j] === 0x22) return j + 1;
    this.pos = i;
    this.string();
    return this.pos;
  }

  /** The first byte from `i` on that is not whitespace, with pos at it; read on at the window's end (-1 at the file's end). */
  private token(i: number): number {
    const b = this.buf;
    let c = b[i]!;
    // The sentinel after the last byte held stops the loop.
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++i]!;
    this.pos = i;
    return i < this.end ? c : this.peek();
  }

  /** The end of the digits-only number at `i` when it ends inside the window, else -1 (left to number()). */
  private plainInteger(i: number): number {
    const b = this.buf;
    if (b[i] === 0x30) i++;
    else while (b[i]! >= 0x30 && b[i]! <= 0x39) i++;
    const c = b[i]!;
    return i < this.end && c !== 0x2e && c !== 0x65 && c !== 0x45 && !(c >= 0x30 && c <= 0x39) ? i : -1;
  }

  /** Skips one value and returns its bytes (valid until the next read), trimmed of whitespace. */
  capture(depth: number): Buffer {
    this.hold();
    this.skip(depth);
    return this.held();
  }
}

// Every kind of token, escape and window edge the scanner meets, for warmUp().
const SAMPLE = Buffer.from('{"a\\u0062": [1, -2.5e+3, 0, true, false, null, "x\\"\\n\\u00e9y", {}, [], {"k": {"d": [[]]}}],\r\n\t"b": "é", "c": 12345678901234567890, "d": "a long string that crosses the edge of a small window"}');

/**
 * Runs the scanner over a small sample once, with windows that cut its
 * tokens. V8 optimises a function for the paths it has run: without this, the
 * first escape or window edge of a large plan throws the optimised scanner
 * away, to be compiled again (on the bench's 100 MB plan, --trace-deopt
 * counted 17 such bailouts without it, 6 with it).
 */
export function warmUp(): void {
  if (warm) return;
  warm = true;
  for (const window of [3, 7, 64]) {
    for (let round = 0; round < 2; round++) {
      const json = new JsonBytes((into, offset, length, position) => SAMPLE.copy(into, offset, position, Math.min(SAMPLE.length, position + length)), 0, window);
      json.open(0x7b);
      do {
        json.key(['a', 'b'], round === 1);
        if (json.plainString() === undefined) json.capture(2);
      } while (json.next(0x7d));
      json.finish();
    }
  }
}
let warm = false;
