/**
 * A static reader of POSIX sh / bash command lines: finds every simple
 * command however it is nested (`;`, `&&`, pipes, subshells, `$(...)`,
 * backticks, process substitution, here-documents, `if`/`while`/`case`,
 * function bodies), removes quoting (`'…'`, `"…"`, `$'…'`, backslashes, line
 * continuations) and resolves variables only where their value is certain:
 * assigned once, literally, at the top level, before the use. Everything else
 * is a dynamic word. It never runs anything.
 */

import { ShellLexer, TooDeep, type AssignmentSeen } from './shell-lexer.js';
import { KEYWORDS, literal, type Assignment, type Connector, type ShellReading, type SimpleCommand, type Stdin, type Word } from './shell-word.js';

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/;
const FUNCTION_PARENS = /\(\s*\)/y;
const CASE_PATTERN = /\s*(?!esac\b)\(?[^()\n;]*\)/y;
/** Commands whose name arguments (re)define variables in ways this reader does not follow. */
const SETS_VARIABLES = new Set(['read', 'mapfile', 'readarray', 'getopts', 'unset', 'let', 'declare', 'typeset', 'local', 'export', 'readonly', 'printf', 'select', 'for', 'source', '.', 'eval']);

export function readShell(text: string): ShellReading {
  // Pass one finds the assignments; pass two reads with the ones that are certain.
  const first = new Parser(text, 0, { certain: new Map() }, 0);
  first.parseList(undefined);
  const counts = new Map<string, AssignmentSeen[]>();
  for (const a of first.found.seen) {
    const list = counts.get(a.name);
    if (list) list.push(a);
    else counts.set(a.name, [a]);
  }
  const certain = new Map<string, [string, number]>();
  // IFS changes how every expansion splits: no variable is certain then.
  if (!counts.has('IFS')) {
    for (const [name, list] of counts) {
      const only = list[0] as AssignmentSeen;
      if (list.length === 1 && only.safe && only.value !== undefined && !first.found.dirty.has(name)) certain.set(name, [only.value, only.at]);
    }
  }
  const second = new Parser(text, 0, { certain }, 0);
  second.parseList(undefined);
  const { commands, problems, compound, assignments } = second.found;
  return { commands, problems, compound, assignments };
}

class Parser extends ShellLexer {
  private pendingHeredocs: Array<{ command: SimpleCommand; delimiter: string; strip: boolean; expand: boolean }> = [];

  /** Commands until `close` (`)` of a subshell or substitution) or the end. */
  override parseList(close: ')' | undefined): void {
    let connector: Connector = 'start';
    let previous: SimpleCommand | undefined;
    for (;;) {
      this.skipSpaces();
      const c = this.src[this.i];
      if (c === undefined) {
        if (close) this.found.problems.push(`unterminated ${close === ')' ? '"(" or "$("' : 'construct'}`);
        return;
      }
      if (c === ')') {
        this.i++;
        if (close) return;
        this.found.problems.push('unbalanced ")"');
        continue;
      }
      if (c === '\n') {
        this.i++;
        this.readHeredocs();
        connector = ';';
        continue;
      }
      const op = /^(;;&|;;|;&|;|&&|&|\|\||\|&|\|)/.exec(this.src.slice(this.i, this.i + 3))?.[0];
      if (op) {
        this.i += op.length;
        if (op.startsWith(';;') || op === ';&') this.readCasePatterns();
        if (op === '|' || op === '|&' || op === '&') this.found.compound = true;
        connector = op === '||' ? '||' : op === '&&' ? '&&' : op.startsWith('|') ? '|' : op === '&' ? '&' : ';';
        if ((connector === '|' || connector === '&') && previous) this.markUnsafe(previous);
        continue;
      }
      if (c === '(') {
        this.i++;
        this.found.compound = true;
        this.nested++;
        this.parseList(')');
        this.nested--;
        previous = undefined;
        continue;
      }
      const command = this.parseCommand(connector, connector === '|' ? previous : undefined);
      if (command) previous = command;
      connector = ';';
    }
  }

  /** One simple command (or a keyword, which the reader steps through). */
  private parseCommand(connector: Connector, pipeFrom: SimpleCommand | undefined): SimpleCommand | undefined {
    const command: SimpleCommand = { assignments: [], words: [], stdin: pipeFrom ? { kind: 'pipe', from: pipeFrom } : { kind: 'none' }, writes: [], connector };
    const conditional = connector === '&&' || connector === '||' || connector === '|';
    for (;;) {
      this.skipSpaces();
      const c = this.src[this.i];
      if (c === undefined || c === '\n' || c === ';' || c === '&' && this.src[this.i + 1] !== '>' || c === '|' || c === ')') break;
      if (c === '(' && command.words.length > 0) {
        // `name() { …; }`: a function definition; its body follows as commands.
        const m = this.lookingAt(FUNCTION_PARENS);
        if (m) {
          this.i += m[0].length;
          this.found.compound = true;
          this.nested++;
          command.words = [];
          return undefined;
        }
        if (!/^[<>]\(/.test(this.src.slice(this.i - 1, this.i + 1))) break;
      }
      if (c === '(') break;
      if (this.readRedirect(command)) continue;
      const wordStart = this.i;
      const fields = this.readWord();
      if (fields === undefined) break;
      const first = fields[0];
      if (command.words.length === 0 && first && fields.length === 1 && !first.quoted && !first.dynamic) {
        if (KEYWORDS.has(first.text)) {
          this.found.compound = true;
          if (['if', 'while', 'until', '{', 'do'].includes(first.text)) this.nested++;
          if (['fi', 'done', '}'].includes(first.text)) this.nested = Math.max(0, this.nested - 1);
          continue;
        }
        if (first.text === 'case' || first.text === 'for' || first.text === 'select') {
          this.found.compound = true;
          this.nested++;
          this.readHeader(first.text);
          continue;
        }
        if (first.text === 'esac') {
          this.nested = Math.max(0, this.nested - 1);
          continue;
        }
        if (first.text === 'function') {
          this.found.compound = true;
          this.readWord();
          this.skipSpaces();
          if (this.src.startsWith('()', this.i)) this.i += 2;
          this.nested++;
          continue;
        }
      }
      const start = this.i;
      const assignment = command.words.length === 0 && first && fields.length <= 1 ? this.asAssignment(first, start, wordStart) : undefined;
      if (assignment) {
        command.assignments.push(assignment.assignment);
        this.found.assignments.push(assignment.assignment);
        this.found.seen.push({ ...assignment.seen, safe: assignment.seen.safe && !conditional });
        continue;
      }
      command.words.push(...fields);
      if (this.src.startsWith('[[', start)) this.found.compound = true;
    }
    if (command.words.length === 0 && command.assignments.length === 0 && command.writes.length === 0 && command.stdin.kind === 'none') return undefined;
    // `t=plan cmd`: t is set for cmd only; later `$t` is the environment's value.
    if (command.words.length > 0) this.markUnsafe(command);
    const name = command.words[0];
    if (name && !name.dynamic && SETS_VARIABLES.has(name.text)) {
      for (const w of command.words.slice(1)) {
        const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(w.text);
        if (m) this.found.dirty.add(m[0]);
        const a = ASSIGNMENT.exec(w.text);
        if (a && !w.dynamic && ['export', 'declare', 'typeset', 'local', 'readonly'].includes(name.text)) {
          this.found.assignments.push({ name: a[1] as string, value: literal(w.text.slice(a[0].length)) });
        }
      }
    }
    this.found.commands.push(command);
    return command;
  }

  private asAssignment(word: Word, at: number, wordStart: number): { assignment: Assignment; seen: Omit<AssignmentSeen, 'safe'> & { safe: boolean } } | undefined {
    const m = ASSIGNMENT.exec(word.text);
    // The name part must be literal and unquoted: `"a"=b` is a command named `a=b`.
    if (!m || word.quoted && !this.rawNameIsPlain(wordStart, m[1] as string)) return undefined;
    const name = m[1] as string;
    const value: Word = { text: word.text.slice(m[0].length), dynamic: word.dynamic, quoted: word.quoted };
    if (this.src[this.i] === '(' && value.text === '') {
      // An array: `a=(terraform destroy)`.
      this.i++;
      this.nested++;
      this.parseList(')');
      this.nested--;
      this.found.dirty.add(name);
      return { assignment: { name, value: { text: '', dynamic: true, quoted: false } }, seen: { name, value: undefined, at: this.base + at, safe: false } };
    }
    const appended = m[2] === '+';
    return {
      assignment: { name, value },
      seen: { name, value: value.dynamic || appended ? undefined : value.text, at: this.base + at, safe: this.nested === 0 && this.depth === 0 },
    };
  }

  /** The word's raw text starts with `name=` (or `name+=`), unquoted. */
  private rawNameIsPlain(wordStart: number, name: string): boolean {
    return this.src.startsWith(`${name}=`, wordStart) || this.src.startsWith(`${name}+=`, wordStart);
  }

  /** Assignments run in a subshell or for one command only: their names are never certain. */
  private markUnsafe(command: SimpleCommand): void {
    for (const a of command.assignments) this.found.dirty.add(a.name);
  }

  /** `for NAME in words`, `select NAME in …`, `case WORD in`: the words are expanded (their substitutions run), never commands. */
  private readHeader(keyword: string): void {
    const name = this.readWord();
    if (keyword !== 'case' && name?.[0]) this.found.dirty.add(name[0].text);
    for (;;) {
      this.skipSpaces();
      const c = this.src[this.i];
      if (c === undefined || c === '\n' || c === ';') break;
      const word = this.readWord();
      if (!word) break;
      if (keyword === 'case' && word[0]?.text === 'in' && !word[0].quoted) {
        this.readCasePatterns();
        return;
      }
    }
  }

  /** After `case W in` or a `;;`: skips the next `pattern)` so its `)` closes nothing; the bodies are read as lists. */
  private readCasePatterns(): void {
    const m = this.lookingAt(CASE_PATTERN);
    if (m) this.i += m[0].length;
  }

  /** Redirections: output targets are recorded, input files and here-documents become stdin. */
  private readRedirect(command: SimpleCommand): boolean {
    const m = /^(\d+|\{[A-Za-z_][A-Za-z0-9_]*\})?(<<<|<<-|<<|<>|<&|>&|&>>|&>|>>|>\||<|>)/.exec(this.src.slice(this.i, this.i + 40));
    if (!m || m[0] === '<' && this.src[this.i + 1] === '(' || m[0] === '>' && this.src[this.i + 1] === '(') return false;
    this.i += m[0].length;
    const op = m[2] as string;
    this.skipSpaces();
    if (op === '<<' || op === '<<-') {
      const start = this.i;
      const word = this.readWord()?.[0];
      const delimiter = word?.text ?? '';
      this.found.compound = true;
      this.pendingHeredocs.push({ command, delimiter, strip: op === '<<-', expand: !/['"\\]/.test(this.src.slice(start, this.i)) });
      return true;
    }
    const target = this.readWord()?.[0];
    if (!target) {
      this.found.problems.push(`a redirection "${op}" without a target`);
      return true;
    }
    if (op === '<<<') command.stdin = { kind: 'text', text: `${target.text}\n`, dynamic: target.dynamic };
    else if (op === '<' || op === '<>') command.stdin = { kind: 'file', path: target };
    else if (op !== '<&' && op !== '>&' || !/^(\d+|-)$/.test(target.text)) command.writes.push(target);
    return true;
  }

  private readHeredocs(): void {
    const pending = this.pendingHeredocs;
    this.pendingHeredocs = [];
    for (const h of pending) {
      const lines: string[] = [];
      for (;;) {
        if (this.i >= this.src.length) break;
        const end = this.src.indexOf('\n', this.i);
        const line = this.src.slice(this.i, end < 0 ? this.src.length : end);
        this.i = end < 0 ? this.src.length : end + 1;
        const compared = h.strip ? line.replace(/^\t+/, '') : line;
        if (compared === h.delimiter) break;
        lines.push(compared);
      }
      const body = lines.length > 0 ? `${lines.join('\n')}\n` : '';
      let stdin: Stdin = { kind: 'text', text: body, dynamic: false };
      if (h.expand && /[$`\\]/.test(body)) {
        const sub = this.child(body, this.i);
        const fields = sub.readDoubleQuoted(undefined);
        stdin = { kind: 'text', text: fields.text, dynamic: fields.dynamic };
      }
      h.command.stdin = stdin;
    }
  }

  /** A reader for text that runs as shell (backticks, here-documents); what it finds joins this reading. */
  protected child(text: string, at: number): Parser {
    const sub = new Parser(text, this.base + at, this.facts, this.depth + 1, this.found);
    sub.nested = 1;
    return sub;
  }

}

/** `readShell`, with nesting too deep to follow reported as a problem instead of thrown. */
export function readShellSafely(text: string): ShellReading {
  try {
    return readShell(text);
  } catch (error) {
    if (error instanceof TooDeep || error instanceof RangeError) return { commands: [], problems: ['nesting too deep to read'], compound: true, assignments: [] };
    throw error;
  }
}
