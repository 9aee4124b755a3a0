/**
 * What a static reader knows of a shell word and of the commands it found.
 * The reader never runs anything: a word whose value depends on the run
 * (a variable it cannot resolve, `$(...)`, a glob) is `dynamic`, and the
 * classifier treats a dynamic word where a command or subcommand goes as
 * "cannot tell", which counts as destructive.
 */

export interface Word {
  /** The word after quote removal; for a dynamic word, the parts that are known. */
  text: string;
  /** Part of the value is only known when the shell runs. */
  dynamic: boolean;
  /** Some part was quoted or escaped: never a keyword, an alias or an assignment. */
  quoted: boolean;
}

/** Where a command's standard input comes from. */
export type Stdin =
  | { kind: 'none' }
  /** A here-document or here-string: its text, when it holds no expansion. */
  | { kind: 'text'; text: string; dynamic: boolean }
  | { kind: 'file'; path: Word }
  /** The previous command of a pipeline. */
  | { kind: 'pipe'; from: SimpleCommand };

export interface Assignment {
  name: string;
  value: Word;
}

/** The operator before a command: how it runs after the previous one. */
export type Connector = 'start' | ';' | '&&' | '||' | '|' | '&';

export interface SimpleCommand {
  /** Assignments before the command name (`TF_WORKSPACE=prod terraform …`), or alone. */
  assignments: Assignment[];
  words: Word[];
  stdin: Stdin;
  /** Files the command's output goes to (`> file`, `>> file`). */
  writes: Word[];
  connector: Connector;
}

/** The reader's result: every simple command, however deeply nested, and what it could not read. */
export interface ShellReading {
  commands: SimpleCommand[];
  /** Syntax it could not follow (an unterminated quote, …): the whole command is unreadable. */
  problems: string[];
  /**
   * Anything beyond a flat list of simple commands (pipes, subshells,
   * substitutions, keywords, functions, here-documents, background jobs):
   * a reading that needs the exact order of effects refuses these.
   */
  compound: boolean;
  /** Every assignment anywhere (`export`, prefixes, alone), for variables that change a tool. */
  assignments: Assignment[];
}

export function literal(text: string): Word {
  return { text, dynamic: false, quoted: false };
}

/** The shell's metacharacters: they end an unquoted word. */
export const METACHARS = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);

/** Reserved words that start or continue a compound command; the reader looks through them. */
export const KEYWORDS = new Set(['if', 'then', 'elif', 'else', 'fi', 'do', 'done', 'while', 'until', '!', '{', '}', 'time', 'coproc']);

const ANSI_SIMPLE: Record<string, string> = { a: '\u0007', b: '\b', e: '\u001b', E: '\u001b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };

/** Decodes the body of a `$'…'` string (bash ANSI-C quoting); undefined when it uses an escape this reader does not know. */
export function decodeAnsiC(body: string): string | undefined {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = body[++i];
    if (n === undefined) return undefined;
    if (n in ANSI_SIMPLE) {
      out += ANSI_SIMPLE[n];
    } else if (n === 'x' || n === 'u' || n === 'U') {
      const max = n === 'x' ? 2 : n === 'u' ? 4 : 8;
      const hex = /^[0-9a-fA-F]+/.exec(body.slice(i + 1, i + 1 + max))?.[0];
      if (!hex) return undefined;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) return undefined;
      out += String.fromCodePoint(code);
      i += hex.length;
    } else if (/[0-7]/.test(n)) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i))?.[0] as string;
      out += String.fromCharCode(parseInt(oct, 8) & 0xff);
      i += oct.length - 1;
    } else if (n === 'c') {
      const ch = body[++i];
      if (ch === undefined) return undefined;
      out += String.fromCharCode(ch.toUpperCase().charCodeAt(0) ^ 0x40);
    } else {
      // bash keeps an unknown escape as it is.
      out += `\\${n}`;
    }
  }
  return out;
}
