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

// HCL identifiers: ID_Start or `_`, then ID_Continue or `-`.
const IDENTIFIER = /[\p{ID_Start}_][\p{ID_Continue}-]*/uy;
const INT_KEY = /(?:0|[1-9][0-9]{0,14})\]/y;
const GRAPHIC = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/**
 * Parses an address, or says what is wrong with it. `wildcards` allows the
 * `[*]` keys of deferred changes, whose instances are not known yet.
 */
export function parseResourceAddress(address: string, wildcards = false): ResourceAddress | string {
  let at = 0;
  const identifier = (): string | undefined => {
    IDENTIFIER.lastIndex = at;
    const match = IDENTIFIER.exec(address)?.[0];
    if (match !== undefined) at += match.length;
    return match;
  };
  const instanceKey = (): InstanceKey | string | undefined => {
    if (address[at] !== '[') return undefined;
    at++;
    if (wildcards && address.startsWith('*]', at)) {
      at += 2;
      return { kind: 'wildcard' };
    }
    INT_KEY.lastIndex = at;
    const int = INT_KEY.exec(address)?.[0];
    if (int !== undefined) {
      at += int.length;
      return { kind: 'int', value: Number(int.slice(0, -1)) };
    }
    const end = quotedStringEnd(address, at);
    if (end === undefined || address[end] !== ']') return `an instance key at character ${at} that is neither a number nor a quoted string`;
    const raw = address.slice(at, end);
    at = end + 1;
    return { kind: 'string', raw };
  };
  while (address.startsWith('module.', at)) {
    at += 'module.'.length;
    if (identifier() === undefined) return `no module name at character ${at}`;
    const key = instanceKey();
    if (typeof key === 'string') return key;
    if (address[at] !== '.') return `no "." after the module step ending at character ${at}`;
    at++;
  }
  const module = at === 0 ? '' : address.slice(0, at - 1);
  const mode = address.startsWith('data.', at) ? 'data' : 'managed';
  if (mode === 'data') at += 'data.'.length;
  const type = identifier();
  if (type === undefined) return `no resource type at character ${at}`;
  if (address[at] !== '.') return `no "." after the resource type at character ${at}`;
  at++;
  const name = identifier();
  if (name === undefined) return `no resource name at character ${at}`;
  const key = instanceKey();
  if (typeof key === 'string') return key;
  if (at !== address.length) return `unexpected text at character ${at}`;
  const parsed: ResourceAddress = { module, mode, type, name };
  if (key) parsed.key = key;
  return parsed;
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

/** True when a string key as written in an address (quotes included) is `value` under either quoting. */
export function stringKeyIs(raw: string, value: string): boolean {
  return raw === hclQuote(value) || raw === goQuote(value);
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
