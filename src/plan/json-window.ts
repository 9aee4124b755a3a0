/**
 * A JSON scanner over bytes read a window at a time, for plans too large to
 * hold as one string. It validates everything it passes over with JSON's
 * grammar (what JSON.parse would refuse, it refuses), so a part of the file
 * no reader needs can be skipped without being parsed, and it hands out the
 * bytes of a value a reader does need, for JSON.parse. It never decodes
 * UTF-8: invalid sequences can only sit inside strings (any byte of 0x80 or
 * more elsewhere is a syntax error), where decoding turns them into U+FFFD on
 * either path, and no structural byte is ever part of a multi-byte sequence.
 */

/** Where bytes come from: a file descriptor or a buffer, read at a position. */
export type ReadAt = (into: Buffer, offset: number, length: number, position: number) => number;

/** A syntax error: what was expected and the byte offset in the file. */
export class JsonSyntaxError extends Error {
  constructor(
    readonly detail: string,
    readonly offset: number,
    readonly truncated: boolean,
  ) {
    super(detail);
  }
}

// Bytes that may follow a backslash in a string: " \ / b f n r t (u is checked apart).
const ESCAPES = new Uint8Array(256);
for (const c of '"\\/bfnrt') ESCAPES[c.charCodeAt(0)] = 1;
// Bytes a string's fast loop stops at: the closing quote, a backslash, a control character.
export const STOP = new Uint8Array(256);
for (let c = 0; c < 0x20; c++) STOP[c] = 1;
STOP[0x22] = 1;
STOP[0x5c] = 1;
const HEX = new Uint8Array(256);
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;

/** The window over the bytes, and the byte-at-a-time tokens the fast paths of JsonBytes fall back to. */
export class JsonWindow {
  protected buf: Buffer;
  /** Next byte to read, and the end of the bytes held, as indexes into buf. */
  pos = 0;
  protected end = 0;
  /** File offset of buf[0]. */
  protected base: number;
  private eof = false;
  /** Index in buf of the first byte a caller still needs (a value being captured), or -1. */
  protected mark = -1;

  constructor(
    private readonly readAt: ReadAt,
    start: number,
    window: number,
  ) {
    // One byte more than the window: the sentinel (0, which no token or string byte may be) after the last byte held.
    this.buf = Buffer.alloc(window + 1);
    this.base = start;
  }

  /** The file offset of the next byte. */
  get offset(): number {
    return this.base + this.pos;
  }

  /** Reads more bytes, keeping those from the mark (or pos) on; false at the end of the file. */
  protected more(): boolean {
    if (this.eof) return false;
    const keep = this.mark >= 0 ? this.mark : this.pos;
    if (keep > 0) {
      this.buf.copy(this.buf, 0, keep, this.end);
      this.base += keep;
      this.pos -= keep;
      this.end -= keep;
      if (this.mark >= 0) this.mark -= keep;
    }
    const room = this.buf.length - 1;
    if (this.end === room) {
      // A captured value longer than the window: grow it.
      const bigger = Buffer.allocUnsafe(room * 2 + 1);
      this.buf.copy(bigger, 0, 0, this.end);
      this.buf = bigger;
    }
    const n = this.readAt(this.buf, this.end, this.buf.length - 1 - this.end, this.base + this.end);
    this.buf[this.end + n] = 0;
    if (n === 0) {
      this.eof = true;
      return false;
    }
    this.end += n;
    return true;
  }

  protected fail(detail: string): never {
    const truncated = this.pos >= this.end && !this.more();
    throw new JsonSyntaxError(truncated ? 'the file ends early' : detail, this.offset, truncated);
  }

  /** The next byte after whitespace, not consumed; -1 at the end of the file. */
  peek(): number {
    for (;;) {
      const b = this.buf;
      const n = this.end;
      let i = this.pos;
      while (i < n) {
        const c = b[i]!;
        if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
          this.pos = i;
          return c;
        }
        i++;
      }
      this.pos = i;
      if (!this.more()) return -1;
    }
  }

  /** Consumes `c` after whitespace, or fails naming what was expected. */
  expect(c: number, what: string): void {
    if (this.peek() !== c) this.fail(`expected ${what}`);
    this.pos++;
  }

  /** After a member or element: true for a comma (another follows), false for the closing `close`. */
  next(close: number): boolean {
    const c = this.peek();
    if (c === 0x2c) {
      this.pos++;
      return true;
    }
    if (c === close) {
      this.pos++;
      return false;
    }
    return this.fail(`expected ',' or '${String.fromCharCode(close)}'`);
  }

  /** Opens a container: true when it has a first member or element, false when empty (and consumed). */
  open(c: number): boolean {
    this.expect(c, `'${String.fromCharCode(c)}'`);
    const close = c === 0x7b ? 0x7d : 0x5d;
    if (this.peek() === close) {
      this.pos++;
      return false;
    }
    return true;
  }

  /** The key whose bytes (quotes included) are buf[start, end), decoded; a key longer than V8's longest string is refused. */
  protected keyText(start: number, end: number): string {
    let text: string;
    try {
      text = this.buf.toString('utf8', start, end);
    } catch {
      throw new JsonSyntaxError(`a key too long to read (${(end - start).toLocaleString('en-US')} bytes)`, this.base + start, false);
    }
    return JSON.parse(text) as string;
  }

  /** True when the bytes from `at` are the ASCII text `text`. */
  protected bytesAre(at: number, text: string): boolean {
    for (let k = 0; k < text.length; k++) if (this.buf[at + k] !== text.charCodeAt(k)) return false;
    return true;
  }

  /** Skips a string starting at pos (a quote), validating its escapes and control characters. */
  protected string(): void {
    let b = this.buf;
    let n = this.end;
    let i = this.pos + 1;
    for (;;) {
      while (i < n && STOP[b[i]!] === 0) i++;
      if (i >= n) {
        this.pos = i;
        if (!this.more()) this.fail('unterminated string');
        b = this.buf;
        n = this.end;
        i = this.pos;
        continue;
      }
      const c = b[i]!;
      if (c === 0x22) {
        this.pos = i + 1;
        return;
      }
      if (c === 0x5c) {
        // The escape's bytes must all be held: at most 5 after the backslash.
        // One read may not be enough: kept bytes (a value being captured) can leave room for fewer than 6.
        while (i + 6 > n) {
          this.pos = i;
          const more = this.more();
          b = this.buf;
          n = this.end;
          i = this.pos;
          if (!more) break;
        }
        if (i + 1 >= n) this.fail('unterminated string');
        const e = b[i + 1]!;
        if (e === 0x75) {
          if (!(HEX[b[i + 2]!] && HEX[b[i + 3]!] && HEX[b[i + 4]!] && HEX[b[i + 5]!]) || i + 6 > n) {
            this.pos = i;
            this.fail('bad Unicode escape in a string');
          }
          i += 6;
        } else if (ESCAPES[e]) {
          i += 2;
        } else {
          this.pos = i;
          this.fail('bad escaped character in a string');
        }
        continue;
      }
      this.pos = i;
      this.fail('bad control character in a string');
    }
  }

  /** The next byte, refilling; -1 at the end of the file. */
  private byte(): number {
    if (this.pos >= this.end && !this.more()) return -1;
    return this.buf[this.pos]!;
  }

  private digits(): number {
    let count = 0;
    for (let c = this.byte(); c >= 0x30 && c <= 0x39; c = this.byte()) {
      this.pos++;
      count++;
    }
    return count;
  }

  private number(): void {
    if (this.byte() === 0x2d) this.pos++;
    const first = this.byte();
    if (first === 0x30) this.pos++;
    else if (first < 0x31 || first > 0x39 || this.digits() === 0) this.fail('bad number');
    if (this.byte() === 0x2e) {
      this.pos++;
      if (this.digits() === 0) this.fail('bad number: no digit after the decimal point');
    }
    const e = this.byte();
    if (e === 0x65 || e === 0x45) {
      this.pos++;
      const sign = this.byte();
      if (sign === 0x2b || sign === 0x2d) this.pos++;
      if (this.digits() === 0) this.fail('bad number: no digit in the exponent');
    }
  }

  private literal(word: string): void {
    for (let k = 0; k < word.length; k++) {
      if (this.byte() !== word.charCodeAt(k)) this.fail(`unexpected token (expected ${word})`);
      this.pos++;
    }
  }

  /** A scalar value at pos: string, number, true, false or null. */
  protected scalar(c: number): void {
    if (c === 0x22) this.string();
    else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) this.number();
    else if (c === 0x74) this.literal('true');
    else if (c === 0x66) this.literal('false');
    else if (c === 0x6e) this.literal('null');
    else this.fail(c === -1 ? 'the file ends early' : 'unexpected token');
  }

  /** Starts holding bytes at the next value: what the caller reads next stays in the buffer until held(). */
  hold(): void {
    this.peek();
    this.mark = this.pos;
  }

  /** The bytes read since hold() (valid until the next read); they are no longer held. */
  held(): Buffer {
    const bytes = this.buf.subarray(this.mark, this.pos);
    this.mark = -1;
    return bytes;
  }


  /** After the document: only whitespace may follow. */
  finish(): void {
    if (this.peek() !== -1) this.fail('unexpected non-whitespace character after JSON');
  }
}

