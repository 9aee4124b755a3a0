import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);

// src/guard/types.ts
var GUARD_KINDS = ["apply", "destroy", "state", "delete", "unreadable", "command", "planfile"];
function show(words) {
  return words.map((w) => w.dynamic ? `${w.text}…` : /[\s'"\\$`]/.test(w.text) || w.text === "" ? JSON.stringify(w.text) : w.text).join(" ");
}

// src/guard/shell-word.ts
function literal(text) {
  return { text, dynamic: false, quoted: false };
}
var METACHARS = /* @__PURE__ */ new Set([" ", "	", "\n", ";", "&", "|", "(", ")", "<", ">"]);
var KEYWORDS = /* @__PURE__ */ new Set(["if", "then", "elif", "else", "fi", "do", "done", "while", "until", "!", "{", "}", "time", "coproc"]);
var ANSI_SIMPLE = { a: "\x07", b: "\b", e: "\x1B", E: "\x1B", f: "\f", n: "\n", r: "\r", t: "	", v: "\v", "\\": "\\", "'": "'", '"': '"', "?": "?" };
function decodeAnsiC(body) {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== "\\") {
      out += c;
      continue;
    }
    const n = body[++i];
    if (n === void 0) return void 0;
    if (n in ANSI_SIMPLE) {
      out += ANSI_SIMPLE[n];
    } else if (n === "x" || n === "u" || n === "U") {
      const max = n === "x" ? 2 : n === "u" ? 4 : 8;
      const hex = /^[0-9a-fA-F]+/.exec(body.slice(i + 1, i + 1 + max))?.[0];
      if (!hex) return void 0;
      const code = parseInt(hex, 16);
      if (code > 1114111) return void 0;
      out += String.fromCodePoint(code);
      i += hex.length;
    } else if (/[0-7]/.test(n)) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i))?.[0];
      out += String.fromCharCode(parseInt(oct, 8) & 255);
      i += oct.length - 1;
    } else if (n === "c") {
      const ch = body[++i];
      if (ch === void 0) return void 0;
      out += String.fromCharCode(ch.toUpperCase().charCodeAt(0) ^ 64);
    } else {
      out += `\\${n}`;
    }
  }
  return out;
}

// src/guard/shell-lexer.ts
var NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
var NAME_AT = /[A-Za-z_][A-Za-z0-9_]*/y;
var BRACKET = /\[[^\s;&|()<>[\]]+\]/y;
var BRACES = /\{[^{}\s]*(,|\.\.)[^{}\s]*\}/y;
var MAX_DEPTH = 50;
var Found = class {
  commands = [];
  problems = [];
  assignments = [];
  seen = [];
  dirty = /* @__PURE__ */ new Set();
  compound = false;
};
var TooDeep = class extends Error {
};
var ShellLexer = class {
  constructor(src, base, facts, depth, found = new Found()) {
    this.src = src;
    this.base = base;
    this.facts = facts;
    this.depth = depth;
    this.found = found;
    if (depth > MAX_DEPTH) throw new TooDeep();
  }
  src;
  base;
  facts;
  depth;
  found;
  i = 0;
  /** Inside a subshell, loop, conditional or function: assignments here are not certain. */
  nested = 0;
  /** `re` (sticky) matches where the reader stands. */
  lookingAt(re) {
    re.lastIndex = this.i;
    return re.exec(this.src);
  }
  nextIndex = /* @__PURE__ */ new Map();
  /** The next `ch` at or after the reader, remembered so that many searches stay linear. */
  nextIndexOf(ch) {
    const known = this.nextIndex.get(ch);
    if (known !== void 0 && (known < 0 || known >= this.i)) return known;
    const found = this.src.indexOf(ch, this.i);
    this.nextIndex.set(ch, found);
    return found;
  }
  skipSpaces() {
    for (; ; ) {
      const c = this.src[this.i];
      if (c === " " || c === "	" || c === "\r") this.i++;
      else if (c === "\\" && this.src[this.i + 1] === "\n") this.i += 2;
      else if (c === "#" && (this.i === 0 || /[\s;&|()]/.test(this.src[this.i - 1]))) {
        while (this.i < this.src.length && this.src[this.i] !== "\n") this.i++;
      } else return;
    }
  }
  /** One word, split into fields where an unquoted variable's known value holds spaces; undefined at a metacharacter. */
  readWord() {
    const fields = [];
    let current = { text: "", dynamic: false, quoted: false, real: false };
    const flush = () => {
      if (current.real || current.text !== "" || current.dynamic) fields.push({ text: current.text, dynamic: current.dynamic, quoted: current.quoted });
      current = { text: "", dynamic: false, quoted: false, real: false };
    };
    const start = this.i;
    while (this.i < this.src.length) {
      const c = this.src[this.i];
      if (METACHARS.has(c)) {
        if ((c === "<" || c === ">") && this.src[this.i + 1] === "(" && this.i === start) {
          this.i += 2;
          this.found.compound = true;
          this.subList();
          current.dynamic = true;
          current.real = true;
          continue;
        }
        if (c === "(" && /[@!+*?]$/.test(current.text)) {
          const close = this.nextIndexOf(")");
          if (close < 0) this.found.problems.push("an unterminated extended glob");
          this.i = close < 0 ? this.src.length : close + 1;
          current.dynamic = true;
          continue;
        }
        break;
      }
      if (c === "\\") {
        const n = this.src[this.i + 1];
        this.i += 2;
        if (n === "\n") continue;
        if (n === void 0) break;
        current.text += n;
        current.quoted = true;
        current.real = true;
      } else if (c === "'") {
        const end = this.src.indexOf("'", this.i + 1);
        if (end < 0) {
          this.found.problems.push("an unterminated single quote");
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
      } else if (c === "$" && this.src[this.i + 1] === "'") {
        const end = this.ansiEnd(this.i + 2);
        const decoded = end < 0 ? void 0 : decodeAnsiC(this.src.slice(this.i + 2, end));
        if (end < 0) this.found.problems.push("an unterminated $'…' string");
        if (decoded === void 0) current.dynamic = true;
        else current.text += decoded;
        current.quoted = current.real = true;
        this.i = end < 0 ? this.src.length : end + 1;
      } else if (c === "$" && this.src[this.i + 1] === '"') {
        this.i += 2;
        const inner = this.readDoubleQuoted('"');
        current.text += inner.text;
        current.dynamic ||= inner.dynamic;
        current.quoted = current.real = true;
      } else if (c === "$" || c === "`") {
        const expansion = this.readExpansion();
        if (expansion === void 0) {
          current.text += "$";
          this.i++;
        } else if (expansion.value === void 0) {
          current.dynamic = true;
          current.real = true;
        } else {
          const parts = expansion.value.split(/[ \t\n]+/);
          parts.forEach((part, n) => {
            if (n > 0) flush();
            current.text += part;
          });
          if (/[*?[]/.test(expansion.value)) current.dynamic = true;
        }
      } else {
        if (c === "*" || c === "?" || c === "[" && this.lookingAt(BRACKET)) current.dynamic ||= c !== "[" || this.i > start;
        if (c === "{" && this.lookingAt(BRACES)) current.dynamic = true;
        current.text += c;
        current.real = true;
        this.i++;
      }
    }
    if (this.i === start) return void 0;
    flush();
    return fields;
  }
  /** Inside "…" (or a here-document when `close` is undefined): `$` expansions and backticks; `\` escapes only $ ` " \ and newline. */
  readDoubleQuoted(close) {
    let text = "";
    let dynamic = false;
    for (; ; ) {
      const c = this.src[this.i];
      if (c === void 0) {
        if (close) this.found.problems.push("an unterminated double quote");
        return { text, dynamic };
      }
      if (c === close) {
        this.i++;
        return { text, dynamic };
      }
      if (c === "\\") {
        const n = this.src[this.i + 1];
        if (n === "\n") this.i += 2;
        else if (n !== void 0 && '$`"\\'.includes(n)) {
          text += n;
          this.i += 2;
        } else {
          text += c;
          this.i++;
        }
      } else if (c === "$" || c === "`") {
        const expansion = this.readExpansion();
        if (expansion === void 0) {
          text += "$";
          this.i++;
        } else if (expansion.value === void 0) dynamic = true;
        else text += expansion.value;
      } else {
        text += c;
        this.i++;
      }
    }
  }
  /** `$NAME`, `${…}`, `$(…)`, `$((…))`, `` `…` ``: the value when certain, else `value: undefined`; undefined when `$` is literal. */
  readExpansion() {
    const at = this.i;
    if (this.src[at] === "`") {
      let end = at + 1;
      let body = "";
      while (end < this.src.length && this.src[end] !== "`") {
        if (this.src[end] === "\\" && "$`\\".includes(this.src[end + 1] ?? "")) end++;
        body += this.src[end];
        end++;
      }
      if (end >= this.src.length) this.found.problems.push("an unterminated backtick");
      this.i = Math.min(end + 1, this.src.length);
      this.found.compound = true;
      const sub = this.child(body, at);
      sub.parseList(void 0);
      return { value: void 0 };
    }
    const next = this.src[at + 1];
    if (next === "(") {
      this.i = at + 2;
      this.found.compound = true;
      this.subList();
      return { value: void 0 };
    }
    if (next === "{") {
      let depth = 0;
      let end = at + 1;
      for (; end < this.src.length; end++) {
        if (this.src[end] === "{") depth++;
        else if (this.src[end] === "}" && --depth === 0) break;
        else if (this.src[end] === "$" && this.src[end + 1] === "(") {
          this.i = end + 2;
          this.subList();
          end = this.i - 1;
        }
      }
      if (end >= this.src.length) this.found.problems.push("an unterminated ${…}");
      const inner = this.src.slice(at + 2, end);
      this.i = Math.min(end + 1, this.src.length);
      const assigns = /^([A-Za-z_][A-Za-z0-9_]*):?[=?]/.exec(inner);
      if (assigns) this.found.dirty.add(assigns[1]);
      return { value: NAME.test(inner) ? this.lookup(inner, at) : void 0 };
    }
    NAME_AT.lastIndex = at + 1;
    const name = NAME_AT.exec(this.src)?.[0];
    if (name) {
      this.i = at + 1 + name.length;
      return { value: this.lookup(name, at) };
    }
    if (next !== void 0 && /[0-9@*#?$!-]/.test(next)) {
      this.i = at + 2;
      return { value: void 0 };
    }
    return void 0;
  }
  subList() {
    this.nested++;
    this.parseList(")");
    this.nested--;
  }
  lookup(name, at) {
    const known = this.facts.certain.get(name);
    return known && known[1] < this.base + at ? known[0] : void 0;
  }
  ansiEnd(from) {
    for (let j = from; j < this.src.length; j++) {
      if (this.src[j] === "\\") j++;
      else if (this.src[j] === "'") return j;
    }
    return -1;
  }
};

// src/guard/shell.ts
var ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/;
var FUNCTION_PARENS = /\(\s*\)/y;
var CASE_PATTERN = /\s*(?!esac\b)\(?[^()\n;]*\)/y;
var SETS_VARIABLES = /* @__PURE__ */ new Set(["read", "mapfile", "readarray", "getopts", "unset", "let", "declare", "typeset", "local", "export", "readonly", "printf", "select", "for", "source", ".", "eval"]);
function readShell(text) {
  const first = new Parser(text, 0, { certain: /* @__PURE__ */ new Map() }, 0);
  first.parseList(void 0);
  const counts = /* @__PURE__ */ new Map();
  for (const a of first.found.seen) {
    const list = counts.get(a.name);
    if (list) list.push(a);
    else counts.set(a.name, [a]);
  }
  const certain = /* @__PURE__ */ new Map();
  if (!counts.has("IFS")) {
    for (const [name, list] of counts) {
      const only = list[0];
      if (list.length === 1 && only.safe && only.value !== void 0 && !first.found.dirty.has(name)) certain.set(name, [only.value, only.at]);
    }
  }
  const second = new Parser(text, 0, { certain }, 0);
  second.parseList(void 0);
  const { commands, problems, compound, assignments } = second.found;
  return { commands, problems, compound, assignments };
}
var Parser = class _Parser extends ShellLexer {
  pendingHeredocs = [];
  /** Commands until `close` (`)` of a subshell or substitution) or the end. */
  parseList(close) {
    let connector = "start";
    let previous;
    for (; ; ) {
      this.skipSpaces();
      const c = this.src[this.i];
      if (c === void 0) {
        if (close) this.found.problems.push(`unterminated ${close === ")" ? '"(" or "$("' : "construct"}`);
        return;
      }
      if (c === ")") {
        this.i++;
        if (close) return;
        this.found.problems.push('unbalanced ")"');
        continue;
      }
      if (c === "\n") {
        this.i++;
        this.readHeredocs();
        connector = ";";
        continue;
      }
      const op = /^(;;&|;;|;&|;|&&|&|\|\||\|&|\|)/.exec(this.src.slice(this.i, this.i + 3))?.[0];
      if (op) {
        this.i += op.length;
        if (op.startsWith(";;") || op === ";&") this.readCasePatterns();
        if (op === "|" || op === "|&" || op === "&") this.found.compound = true;
        connector = op === "||" ? "||" : op === "&&" ? "&&" : op.startsWith("|") ? "|" : op === "&" ? "&" : ";";
        if ((connector === "|" || connector === "&") && previous) this.markUnsafe(previous);
        continue;
      }
      if (c === "(") {
        this.i++;
        this.found.compound = true;
        this.nested++;
        this.parseList(")");
        this.nested--;
        previous = void 0;
        continue;
      }
      const command = this.parseCommand(connector, connector === "|" ? previous : void 0);
      if (command) previous = command;
      connector = ";";
    }
  }
  /** One simple command (or a keyword, which the reader steps through). */
  parseCommand(connector, pipeFrom) {
    const command = { assignments: [], words: [], stdin: pipeFrom ? { kind: "pipe", from: pipeFrom } : { kind: "none" }, writes: [], connector };
    const conditional = connector === "&&" || connector === "||" || connector === "|";
    for (; ; ) {
      this.skipSpaces();
      const c = this.src[this.i];
      if (c === void 0 || c === "\n" || c === ";" || c === "&" && this.src[this.i + 1] !== ">" || c === "|" || c === ")") break;
      if (c === "(" && command.words.length > 0) {
        const m = this.lookingAt(FUNCTION_PARENS);
        if (m) {
          this.i += m[0].length;
          this.found.compound = true;
          this.nested++;
          command.words = [];
          return void 0;
        }
        if (!/^[<>]\(/.test(this.src.slice(this.i - 1, this.i + 1))) break;
      }
      if (c === "(") break;
      if (this.readRedirect(command)) continue;
      const wordStart = this.i;
      const fields = this.readWord();
      if (fields === void 0) break;
      const first = fields[0];
      if (command.words.length === 0 && first && fields.length === 1 && !first.quoted && !first.dynamic) {
        if (KEYWORDS.has(first.text)) {
          this.found.compound = true;
          if (["if", "while", "until", "{", "do"].includes(first.text)) this.nested++;
          if (["fi", "done", "}"].includes(first.text)) this.nested = Math.max(0, this.nested - 1);
          continue;
        }
        if (first.text === "case" || first.text === "for" || first.text === "select") {
          this.found.compound = true;
          this.nested++;
          this.readHeader(first.text);
          continue;
        }
        if (first.text === "esac") {
          this.nested = Math.max(0, this.nested - 1);
          continue;
        }
        if (first.text === "function") {
          this.found.compound = true;
          this.readWord();
          this.skipSpaces();
          if (this.src.startsWith("()", this.i)) this.i += 2;
          this.nested++;
          continue;
        }
      }
      const start = this.i;
      const assignment = command.words.length === 0 && first && fields.length <= 1 ? this.asAssignment(first, start, wordStart) : void 0;
      if (assignment) {
        command.assignments.push(assignment.assignment);
        this.found.assignments.push(assignment.assignment);
        this.found.seen.push({ ...assignment.seen, safe: assignment.seen.safe && !conditional });
        continue;
      }
      command.words.push(...fields);
      if (this.src.startsWith("[[", start)) this.found.compound = true;
    }
    if (command.words.length === 0 && command.assignments.length === 0 && command.writes.length === 0 && command.stdin.kind === "none") return void 0;
    if (command.words.length > 0) this.markUnsafe(command);
    const name = command.words[0];
    if (name && !name.dynamic && SETS_VARIABLES.has(name.text)) {
      for (const w of command.words.slice(1)) {
        const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(w.text);
        if (m) this.found.dirty.add(m[0]);
        const a = ASSIGNMENT.exec(w.text);
        if (a && !w.dynamic && ["export", "declare", "typeset", "local", "readonly"].includes(name.text)) {
          this.found.assignments.push({ name: a[1], value: literal(w.text.slice(a[0].length)) });
        }
      }
    }
    this.found.commands.push(command);
    return command;
  }
  asAssignment(word, at, wordStart) {
    const m = ASSIGNMENT.exec(word.text);
    if (!m || word.quoted && !this.rawNameIsPlain(wordStart, m[1])) return void 0;
    const name = m[1];
    const value = { text: word.text.slice(m[0].length), dynamic: word.dynamic, quoted: word.quoted };
    if (this.src[this.i] === "(" && value.text === "") {
      this.i++;
      this.nested++;
      this.parseList(")");
      this.nested--;
      this.found.dirty.add(name);
      return { assignment: { name, value: { text: "", dynamic: true, quoted: false } }, seen: { name, value: void 0, at: this.base + at, safe: false } };
    }
    const appended = m[2] === "+";
    return {
      assignment: { name, value },
      seen: { name, value: value.dynamic || appended ? void 0 : value.text, at: this.base + at, safe: this.nested === 0 && this.depth === 0 }
    };
  }
  /** The word's raw text starts with `name=` (or `name+=`), unquoted. */
  rawNameIsPlain(wordStart, name) {
    return this.src.startsWith(`${name}=`, wordStart) || this.src.startsWith(`${name}+=`, wordStart);
  }
  /** Assignments run in a subshell or for one command only: their names are never certain. */
  markUnsafe(command) {
    for (const a of command.assignments) this.found.dirty.add(a.name);
  }
  /** `for NAME in words`, `select NAME in …`, `case WORD in`: the words are expanded (their substitutions run), never commands. */
  readHeader(keyword) {
    const name = this.readWord();
    if (keyword !== "case" && name?.[0]) this.found.dirty.add(name[0].text);
    for (; ; ) {
      this.skipSpaces();
      const c = this.src[this.i];
      if (c === void 0 || c === "\n" || c === ";") break;
      const word = this.readWord();
      if (!word) break;
      if (keyword === "case" && word[0]?.text === "in" && !word[0].quoted) {
        this.readCasePatterns();
        return;
      }
    }
  }
  /** After `case W in` or a `;;`: skips the next `pattern)` so its `)` closes nothing; the bodies are read as lists. */
  readCasePatterns() {
    const m = this.lookingAt(CASE_PATTERN);
    if (m) this.i += m[0].length;
  }
  /** Redirections: output targets are recorded, input files and here-documents become stdin. */
  readRedirect(command) {
    const m = /^(\d+|\{[A-Za-z_][A-Za-z0-9_]*\})?(<<<|<<-|<<|<>|<&|>&|&>>|&>|>>|>\||<|>)/.exec(this.src.slice(this.i, this.i + 40));
    if (!m || m[0] === "<" && this.src[this.i + 1] === "(" || m[0] === ">" && this.src[this.i + 1] === "(") return false;
    this.i += m[0].length;
    const op = m[2];
    this.skipSpaces();
    if (op === "<<" || op === "<<-") {
      const start = this.i;
      const word = this.readWord()?.[0];
      const delimiter = word?.text ?? "";
      this.found.compound = true;
      this.pendingHeredocs.push({ command, delimiter, strip: op === "<<-", expand: !/['"\\]/.test(this.src.slice(start, this.i)) });
      return true;
    }
    const target = this.readWord()?.[0];
    if (!target) {
      this.found.problems.push(`a redirection "${op}" without a target`);
      return true;
    }
    if (op === "<<<") command.stdin = { kind: "text", text: `${target.text}
`, dynamic: target.dynamic };
    else if (op === "<" || op === "<>") command.stdin = { kind: "file", path: target };
    else if (op !== "<&" && op !== ">&" || !/^(\d+|-)$/.test(target.text)) command.writes.push(target);
    return true;
  }
  readHeredocs() {
    const pending = this.pendingHeredocs;
    this.pendingHeredocs = [];
    for (const h of pending) {
      const lines = [];
      for (; ; ) {
        if (this.i >= this.src.length) break;
        const end = this.src.indexOf("\n", this.i);
        const line = this.src.slice(this.i, end < 0 ? this.src.length : end);
        this.i = end < 0 ? this.src.length : end + 1;
        const compared = h.strip ? line.replace(/^\t+/, "") : line;
        if (compared === h.delimiter) break;
        lines.push(compared);
      }
      const body = lines.length > 0 ? `${lines.join("\n")}
` : "";
      let stdin = { kind: "text", text: body, dynamic: false };
      if (h.expand && /[$`\\]/.test(body)) {
        const sub = this.child(body, this.i);
        const fields = sub.readDoubleQuoted(void 0);
        stdin = { kind: "text", text: fields.text, dynamic: fields.dynamic };
      }
      h.command.stdin = stdin;
    }
  }
  /** A reader for text that runs as shell (backticks, here-documents); what it finds joins this reading. */
  child(text, at) {
    const sub = new _Parser(text, this.base + at, this.facts, this.depth + 1, this.found);
    sub.nested = 1;
    return sub;
  }
};
function readShellSafely(text) {
  try {
    return readShell(text);
  } catch (error) {
    if (error instanceof TooDeep || error instanceof RangeError) return { commands: [], problems: ["nesting too deep to read"], compound: true, assignments: [] };
    throw error;
  }
}

export {
  GUARD_KINDS,
  show,
  readShellSafely
};
