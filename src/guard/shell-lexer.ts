/**
 * The word level of the shell reader: quoting, `$'…'`, expansions,
 * substitutions and here-document bodies. Subclassed by the command-level
 * reader (shell.ts), which supplies `parseList` and nested readers.
 */

import { decodeAnsiC, METACHARS, type Assignment, type SimpleCommand, type Word } from './shell-word.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Sticky patterns, matched where the reader stands: no copy of the rest of the line per character.
const NAME_AT = /[A-Za-z_][A-Za-z0-9_]*/y;
/** A glob bracket expression `[a-z]` (never across a blank or another `[`). */
const BRACKET = /\[[^\s;&|()<>[\]]+\]/y;
/** A brace expansion `{a,b}` or `{1..3}`. */
const BRACES = /\{[^{}\s]*(,|\.\.)[^{}\s]*\}/y;
const MAX_DEPTH = 50;

/** What the first pass learns: which variables have one certain value, and where it is set. */
interface VariableFacts {
  /** name → [value, position of the assignment]; only names assigned once, literally, unconditionally. */
  certain: Map<string, [string, number]>;
}

export interface AssignmentSeen {
  name: string;
  value: string | undefined;
  at: number;
  safe: boolean;
}

/** What every reader of one command line shares, nested readers (backticks, here-documents) included. */
export class Found {
  readonly commands: SimpleCommand[] = [];
  readonly problems: string[] = [];
  readonly assignments: Assignment[] = [];
  readonly seen: AssignmentSeen[] = [];
  readonly dirty = new Set<string>();
  compound = false;
}

export class TooDeep extends Error {}

export abstract class ShellLexer {
  i = 0;
  /** Inside a subshell, loop, conditional or function: assignments here are not certain. */
  protected nested = 0;

  constructor(
    protected readonly src: string,
    protected readonly base: number,
    protected readonly facts: VariableFacts,
    protected readonly depth: number,
    readonly found: Found = new Found(),
  ) {
    if (depth > MAX_DEPTH) throw new TooDeep();
  }

  /** `re` (sticky) matches where the reader stands. */
  protected lookingAt(re: RegExp): RegExpExecArray | null {
    re.lastIndex = this.i;
    return re.exec(this.src);
  }

  private nextIndex = new Map<string, number>();

  /** The next `ch` at or after the reader, remembered so that many searches stay linear. */
  protected nextIndexOf(ch: string): number {
    const known = this.nextIndex.get(ch);
    if (known !== undefined && (known < 0 || known >= this.i)) return known;
    const found = this.src.indexOf(ch, this.i);
    this.nextIndex.set(ch, found);
    return found;
  }

  /** Commands until `close` or the end. */
  abstract parseList(close: ')' | undefined): void;

  /** A reader for text that runs as shell (backticks, here-documents). */
  protected abstract child(text: string, at: number): ShellLexer;

  protected skipSpaces(): void {
    for (;;) {
      const c = this.src[this.i];
      if (c === ' ' || c === '\t' || c === '\r') this.i++;
      else if (c === '\\' && this.src[this.i + 1] === '\n') this.i += 2;
      else if (c === '#' && (this.i === 0 || /[\s;&|()]/.test(this.src[this.i - 1] as string))) {
        while (this.i < this.src.length && this.src[this.i] !== '\n') this.i++;
      } else return;
    }
  }

  /** One word, split into fields where an unquoted variable's known value holds spaces; undefined at a metacharacter. */
  readWord(): Word[] | undefined {
    const fields: Word[] = [];
    let current = { text: '', dynamic: false, quoted: false, real: false };
    const flush = () => {
      if (current.real || current.text !== '' || current.dynamic) fields.push({ text: current.text, dynamic: current.dynamic, quoted: current.quoted });
      current = { text: '', dynamic: false, quoted: false, real: false };
    };
    const start = this.i;
    while (this.i < this.src.length) {
      const c = this.src[this.i] as string;
      if (METACHARS.has(c)) {
        if ((c === '<' || c === '>') && this.src[this.i + 1] === '(' && this.i === start) {
          this.i += 2;
          this.found.compound = true;
          this.subList();
          current.dynamic = true;
          current.real = true;
          continue;
        }
        if (c === '(' && /[@!+*?]$/.test(current.text)) {
          // An extended glob: @(a|b).
          const close = this.nextIndexOf(')');
          if (close < 0) this.found.problems.push('an unterminated extended glob');
          this.i = close < 0 ? this.src.length : close + 1;
          current.dynamic = true;
          continue;
        }
        break;
      }
      if (c === '\\') {
        const n = this.src[this.i + 1];
        this.i += 2;
        if (n === '\n') continue;
        if (n === undefined) break;
        current.text += n;
        current.quoted = true;
        current.real = true;
      } else if (c === "'") {
        const end = this.src.indexOf("'", this.i + 1);
        if (end < 0) {
          this.found.problems.push('an unterminated single quote');
          this.i = this.src.length;
          break;
        }
        current.text += this.src.slice(this.i + 1, end);
        current.quoted = current.real = true;
        this.i = end + 1;
      } else if (c === '"') {
        this.i++;
        const inner = this.readDoubleQuoted('"');
        current.text += inner.text;
        current.dynamic ||= inner.dynamic;
        current.quoted = current.real = true;
      } else if (c === '$' && this.src[this.i + 1] === "'") {
        const end = this.ansiEnd(this.i + 2);
        const decoded = end < 0 ? undefined : decodeAnsiC(this.src.slice(this.i + 2, end));
        if (end < 0) this.found.problems.push("an unterminated $'…' string");
        if (decoded === undefined) current.dynamic = true;
        else current.text += decoded;
        current.quoted = current.real = true;
        this.i = end < 0 ? this.src.length : end + 1;
      } else if (c === '$' && this.src[this.i + 1] === '"') {
        this.i += 2;
        const inner = this.readDoubleQuoted('"');
        current.text += inner.text;
        current.dynamic ||= inner.dynamic;
        current.quoted = current.real = true;
      } else if (c === '$' || c === '`') {
        const expansion = this.readExpansion();
        if (expansion === undefined) {
          current.text += '$';
          this.i++;
        } else if (expansion.value === undefined) {
          current.dynamic = true;
          current.real = true;
        } else {
          // An unquoted expansion is split at blanks: each part is a field of its own.
          const parts = expansion.value.split(/[ \t\n]+/);
          parts.forEach((part, n) => {
            if (n > 0) flush();
            current.text += part;
          });
          if (/[*?[]/.test(expansion.value)) current.dynamic = true;
        }
      } else {
        if (c === '*' || c === '?' || c === '[' && this.lookingAt(BRACKET)) current.dynamic ||= c !== '[' || this.i > start;
        if (c === '{' && this.lookingAt(BRACES)) current.dynamic = true;
        current.text += c;
        current.real = true;
        this.i++;
      }
    }
    if (this.i === start) return undefined;
    flush();
    return fields;
  }

  /** Inside "…" (or a here-document when `close` is undefined): `$` expansions and backticks; `\` escapes only $ ` " \ and newline. */
  readDoubleQuoted(close: '"' | undefined): { text: string; dynamic: boolean } {
    let text = '';
    let dynamic = false;
    for (;;) {
      const c = this.src[this.i];
      if (c === undefined) {
        if (close) this.found.problems.push('an unterminated double quote');
        return { text, dynamic };
      }
      if (c === close) {
        this.i++;
        return { text, dynamic };
      }
      if (c === '\\') {
        const n = this.src[this.i + 1];
        if (n === '\n') this.i += 2;
        else if (n !== undefined && '$`"\\'.includes(n)) {
          text += n;
          this.i += 2;
        } else {
          text += c;
          this.i++;
        }
      } else if (c === '$' || c === '`') {
        const expansion = this.readExpansion();
        if (expansion === undefined) {
          text += '$';
          this.i++;
        } else if (expansion.value === undefined) dynamic = true;
        else text += expansion.value;
      } else {
        text += c;
        this.i++;
      }
    }
  }

  /** `$NAME`, `${…}`, `$(…)`, `$((…))`, `` `…` ``: the value when certain, else `value: undefined`; undefined when `$` is literal. */
  private readExpansion(): { value: string | undefined } | undefined {
    const at = this.i;
    if (this.src[at] === '`') {
      let end = at + 1;
      let body = '';
      while (end < this.src.length && this.src[end] !== '`') {
        if (this.src[end] === '\\' && '$`\\'.includes(this.src[end + 1] ?? '')) end++;
        body += this.src[end];
        end++;
      }
      if (end >= this.src.length) this.found.problems.push('an unterminated backtick');
      this.i = Math.min(end + 1, this.src.length);
      this.found.compound = true;
      const sub = this.child(body, at);
      sub.parseList(undefined);
      return { value: undefined };
    }
    const next = this.src[at + 1];
    if (next === '(') {
      this.i = at + 2;
      this.found.compound = true;
      this.subList();
      return { value: undefined };
    }
    if (next === '{') {
      let depth = 0;
      let end = at + 1;
      for (; end < this.src.length; end++) {
        if (this.src[end] === '{') depth++;
        else if (this.src[end] === '}' && --depth === 0) break;
        else if (this.src[end] === '$' && this.src[end + 1] === '(') {
          this.i = end + 2;
          this.subList();
          end = this.i - 1;
        }
      }
      if (end >= this.src.length) this.found.problems.push('an unterminated ${…}');
      const inner = this.src.slice(at + 2, end);
      this.i = Math.min(end + 1, this.src.length);
      const assigns = /^([A-Za-z_][A-Za-z0-9_]*):?[=?]/.exec(inner);
      if (assigns) this.found.dirty.add(assigns[1] as string);
      return { value: NAME.test(inner) ? this.lookup(inner, at) : undefined };
    }
    NAME_AT.lastIndex = at + 1;
    const name = NAME_AT.exec(this.src)?.[0];
    if (name) {
      this.i = at + 1 + name.length;
      return { value: this.lookup(name, at) };
    }
    if (next !== undefined && /[0-9@*#?$!-]/.test(next)) {
      this.i = at + 2;
      return { value: undefined };
    }
    return undefined;
  }

  protected subList(): void {
    this.nested++;
    this.parseList(')');
    this.nested--;
  }

  private lookup(name: string, at: number): string | undefined {
    const known = this.facts.certain.get(name);
    return known && known[1] < this.base + at ? known[0] : undefined;
  }

  private ansiEnd(from: number): number {
    for (let j = from; j < this.src.length; j++) {
      if (this.src[j] === '\\') j++;
      else if (this.src[j] === "'") return j;
    }
    return -1;
  }
}
