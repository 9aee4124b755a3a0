/**
 * Terraform resource instance addresses, as `terraform show -json` writes
 * them: `module.NAME[KEY].` steps, `data.` for a data source, `TYPE.NAME`,
 * then an optional instance key. Keys are `[0]` or a quoted string, which may
 * hold dots, brackets and escaped quotes.
 *
 * String keys are written with HCL's quoting (addrs.StringKey, Terraform 1.x
 * and OpenTofu: \n \r \t \" \\ \uXXXX \UXXXXXXXX, `${` and `%{` doubled) or,
 * before that, Go's %q (\a \b \f \v \xNN too); both escape every character
 * Go's unicode.IsPrint rejects, so a valid address holds no control character.
 */

export type InstanceKey = { kind: 'int'; value: number } | { kind: 'string'; raw: string } | { kind: 'wildcard' };

export interface ResourceAddress {
  /** The module path, `module.a["x"].module.b`, or `""` for the root module. */
  module: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  key?: InstanceKey;
}

// HCL identifiers: ID_Start or `_`, then ID_Continue or `-`; never an invisible character (ZWJ,
// variation selectors, fillers: a name that prints like another must not be another).
const IDENTIFIER = /(?!\p{Default_Ignorable_Code_Point})[\p{ID_Start}_](?:(?!\p{Cf}|\p{Default_Ignorable_Code_Point})[\p{ID_Continue}-])*/uy;
const INT_KEY = /(?:0|[1-9][0-9]{0,14})\]/y;
const GRAPHIC = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** Where the parts of an address are: `[start, end)` offsets, filled in by scanAddress. */
export interface AddressSpans {
  /** End of the module path (0 in the root module). */
  moduleEnd: number;
  mode: 'managed' | 'data';
  typeStart: number;
  typeEnd: number;
  nameEnd: number;
  /** The instance key between its brackets, or -1 when there is none. */
  keyStart: number;
  keyEnd: number;
}

/**
 * Parses an address, or says what is wrong with it. `wildcards` allows the
 * `[*]` keys of deferred changes, whose instances are not known yet.
 */
export function parseResourceAddress(address: string, wildcards = false): ResourceAddress | string {
  const at: AddressSpans = { moduleEnd: 0, mode: 'managed', typeStart: 0, typeEnd: 0, nameEnd: 0, keyStart: -1, keyEnd: -1 };
  const problem = scanAddress(address, wildcards, at);
  if (problem !== undefined) return problem;
  const parsed: ResourceAddress = { module: address.slice(0, at.moduleEnd), mode: at.mode, type: address.slice(at.typeStart, at.typeEnd), name: address.slice(at.typeEnd + 1, at.nameEnd) };
  if (at.keyStart !== -1) {
    const raw = address.slice(at.keyStart, at.keyEnd);
    parsed.key = raw === '*' ? { kind: 'wildcard' } : raw.startsWith('"') ? { kind: 'string', raw } : { kind: 'int', value: Number(raw) };
  }
  return parsed;
}

/**
 * parseResourceAddress without allocating (it runs once per entry of plans
 * with tens of thousands): fills `spans`, returns what is wrong, if anything.
 */
export function scanAddress(address: string, wildcards: boolean, spans: AddressSpans): string | undefined {
  let at = 0;
  while (address.startsWith('module.', at)) {
    at += 'module.'.length;
    const name = identifierEnd(address, at);
    if (name === at) return `no module name at character ${at}`;
    at = name;
    if (address[at] === '[') {
      const end = keyEnd(address, at, wildcards);
      if (end === -1) return badKey(at);
      at = end;
    }
    if (address[at] !== '.') return `no "." after the module step ending at character ${at}`;
    at++;
  }
  spans.moduleEnd = at === 0 ? 0 : at - 1;
  spans.mode = address.startsWith('data.', at) ? 'data' : 'managed';
  if (spans.mode === 'data') at += 'data.'.length;
  spans.typeStart = at;
  spans.typeEnd = identifierEnd(address, at);
  if (spans.typeEnd === at) return `no resource type at character ${at}`;
  // Providers name their types in ASCII: a look-alike letter (Cyrillic а) would match no rule.
  for (let i = at; i < spans.typeEnd; i++) if (address.charCodeAt(i) > 0x7f) return `a resource type with a character outside ASCII at character ${i}, which no provider writes`;
  at = spans.typeEnd;
  if (address[at] !== '.') return `no "." after the resource type at character ${at}`;
  at++;
  spans.nameEnd = identifierEnd(address, at);
  if (spans.nameEnd === at) return `no resource name at character ${at}`;
  at = spans.nameEnd;
  spans.keyStart = spans.keyEnd = -1;
  if (address[at] === '[') {
    const end = keyEnd(address, at, wildcards);
    if (end === -1) return badKey(at);
    spans.keyStart = at + 1;
    spans.keyEnd = end - 1;
    at = end;
  }
  if (at !== address.length) return `unexpected text at character ${at}`;
  return undefined;
}

function badKey(at: number): string {
  return `an instance key at character ${at + 1} that is neither a number nor a quoted string`;
}

/** The end of the identifier starting at `start` (`start` itself when there is none). */
function identifierEnd(text: string, start: number): number {
  let i = start;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const letter = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
    if (!(letter || (i > start && ((c >= 0x30 && c <= 0x39) || c === 0x2d)))) break;
  }
  // Past ASCII, HCL's Unicode rules decide (slower, and rare in real names).
  if (i < text.length && text.charCodeAt(i) > 0x7f) {
    IDENTIFIER.lastIndex = start;
    return start + (IDENTIFIER.exec(text)?.[0].length ?? 0);
  }
  return i;
}

/** The end of the instance key whose "[" is at `start` (after its "]"), or -1 when it is not one Terraform writes. */
function keyEnd(text: string, start: number, wildcards: boolean): number {
  const at = start + 1;
  if (wildcards && text.startsWith('*]', at)) return at + 2;
  INT_KEY.lastIndex = at;
  if (INT_KEY.test(text)) return INT_KEY.lastIndex;
  const end = quotedStringEnd(text, at);
  return end !== undefined && text[end] === ']' ? end + 1 : -1;
}

/**
 * Where the quoted string starting at `start` ends (the index after its
 * closing quote), or undefined when it is not one Terraform writes: an
 * unknown escape, or a character that would have been escaped.
 */
function quotedStringEnd(text: string, start: number): number | undefined {
  if (text[start] !== '"') return undefined;
  for (let i = start + 1; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c === 0x5c) {
      const escape = ESCAPE.exec(text.slice(i + 1, i + 10));
      if (!escape) return undefined;
      i += 1 + escape[0].length;
      continue;
    }
    if (c >= 0x20 && c < 0x7f) {
      i++;
      continue;
    }
    const char = String.fromCodePoint(text.codePointAt(i) as number);
    if (!isPrint(char)) return undefined;
    i += char.length;
  }
  return undefined;
}

const ESCAPE = /^(?:[nrt"\\abfv]|x[0-9a-f]{2}|u[0-9a-f]{4}|U[0-9a-f]{8})/;

/** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
function isPrint(char: string): boolean {
  return char === ' ' || GRAPHIC.test(char);
}

/**
 * True when the key written at `[start, end)` of `address` (quotes included)
 * is `value` under either quoting. Most keys need no escape in either.
 */
export function stringKeyIs(address: string, start: number, end: number, value: string): boolean {
  if (end - start === value.length + 2 && address.charCodeAt(start) === 0x22 && address.startsWith(value, start + 1) && isPlain(value)) return true;
  const raw = address.slice(start, end);
  return raw === hclQuote(value) || raw === goQuote(value);
}

/** Printable ASCII that neither quoting escapes: no quote, backslash, `${` or `%{`. */
function isPlain(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c || ((c === 0x24 || c === 0x25) && value.charCodeAt(i + 1) === 0x7b)) return false;
  }
  return true;
}

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

function nonPrintable(code: number): string {
  return code < 0x10000 ? `\\u${hex(code, 4)}` : `\\U${hex(code, 8)}`;
}

/** addrs.StringKey.String in Terraform 1.x and OpenTofu (toHCLQuotedString). */
function hclQuote(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; ) {
    const code = value.codePointAt(i) as number;
    const char = String.fromCodePoint(code);
    i += char.length;
    if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if ((char === '$' || char === '%') && value[i] === '{') out += char + char;
    else out += isPrint(char) ? char : nonPrintable(code);
  }
  return `${out}"`;
}

const GO_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['\x07', '\\a'],
  ['\b', '\\b'],
  ['\f', '\\f'],
  ['\n', '\\n'],
  ['\r', '\\r'],
  ['\t', '\\t'],
  ['\v', '\\v'],
  ['"', '\\"'],
  ['\\', '\\\\'],
]);

/** Go's %q (strconv.Quote), which Terraform before 1.x used for string keys. */
function goQuote(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; ) {
    const code = value.codePointAt(i) as number;
    const char = String.fromCodePoint(code);
    i += char.length;
    const escape = GO_ESCAPES.get(char);
    if (escape !== undefined) out += escape;
    else if (isPrint(char)) out += char;
    else out += code < 0x20 || code === 0x7f ? `\\x${hex(code, 2)}` : nonPrintable(code);
  }
  return `${out}"`;
}
