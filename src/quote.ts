/**
 * How input is shown in a message. Every error is one stderr line that CI
 * logs and PR comments repeat, so nothing read from a file or an argument may
 * break that line, forge another, recolour a terminal or reorder text
 * (bidi overrides), and nothing may make it unbounded.
 */

/** Characters that must never reach a message as they are. */
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Longest piece of input a message quotes, in characters. */
export const QUOTE_MAX = 200;

function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** True when `text` holds no character that quote() would escape. */
export function isDisplaySafe(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return !UNSAFE.test(text);
}

/** `text` cut to at most `max` UTF-16 units without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

/**
 * Input as a JSON literal safe for one line: strings JSON-quoted with every
 * control, line-separator and bidi character escaped, cut to `max` characters
 * with the count cut; lists and objects as a short JSON preview.
 */
export function quote(value: unknown, max = QUOTE_MAX): string {
  if (typeof value === 'string') {
    const shown = cut(value, max);
    const rest = value.length - shown.length;
    return escapeUnsafe(JSON.stringify(shown)) + (rest > 0 ? `… (${rest} more characters)` : '');
  }
  if (typeof value !== 'object' || value === null) return scalar(value);
  const text = escapeUnsafe(preview(value, max, 0));
  return text.length > max ? `${cut(text, max)}…` : text;
}

/** JSON's other literals as JSON writes them; what JSON cannot hold, by its kind. */
function scalar(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return `a ${typeof value}`;
}

// Lists and objects are shown only a few levels down and a few items long: enough to recognise them.
function preview(value: unknown, max: number, depth: number): string {
  if (typeof value === 'string') return JSON.stringify(cut(value, max));
  if (typeof value !== 'object' || value === null) return scalar(value);
  if (depth >= 3) return Array.isArray(value) ? '[…]' : '{…}';
  const parts: string[] = [];
  let length = 0;
  const add = (part: string): boolean => {
    parts.push(part);
    length += part.length + 1;
    return length < max;
  };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!add(preview(value[i], max, depth + 1))) {
        if (i < value.length - 1) parts.push('…');
        break;
      }
    }
    return `[${parts.join(',')}]`;
  }
  for (const key in value) {
    if (!add(`${JSON.stringify(cut(key, max))}:${preview((value as Record<string, unknown>)[key], max, depth + 1)}`)) {
      parts.push('…');
      break;
    }
  }
  return `{${parts.join(',')}}`;
}

/** A name (a file, an option) as it is when it is safe and short, else quoted. */
export function displayName(name: string, max = QUOTE_MAX): string {
  return name !== '' && name.length <= max && isDisplaySafe(name) ? name : quote(name, max);
}

/**
 * The last guard of a line plangate did not compose itself (an internal
 * error's message): unsafe characters escaped in place, the line cut short.
 */
export function safeLine(text: string, max = 4000): string {
  const shown = cut(text, max);
  const rest = text.length - shown.length;
  return escapeUnsafe(shown) + (rest > 0 ? `… (${rest} more characters)` : '');
}
