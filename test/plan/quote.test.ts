// Issue 9, root cause 7: input shown in a message is quoted, escaped and cut
// by one function, so no plan, file name or argument can forge a line, colour
// a terminal, reorder text or make a line unbounded.
import { describe, expect, it } from 'vitest';
import { displayName, quote, safeLine } from '../../src/quote.js';

/** No character that could end, forge or disguise a line. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('quote', () => {
  it.each([
    ['newline and ANSI colour', 'a\n\u001b[31mplangate: all clear', '"a\\n\\u001b[31mplangate: all clear"'],
    ['carriage return', 'ok\rplangate: pass', '"ok\\rplangate: pass"'],
    ['NUL', 'a\u0000b', '"a\\u0000b"'],
    ['DEL and C1 controls (CSI, NEL)', 'a\u007f\u009b31m\u0085', '"a\\u007f\\u009b31m\\u0085"'],
    ['line and paragraph separators', 'a\u2028b\u2029c', '"a\\u2028b\\u2029c"'],
    ['bidi overrides and isolates', 'txt.\u202egpj\u2066x\u2069', '"txt.\\u202egpj\\u2066x\\u2069"'],
    ['zero-width and BOM', 'a\u200bb\ufeff', '"a\\u200bb\\ufeff"'],
    ['a lone surrogate', 'a\ud800b', '"a\\ud800b"'],
    ['quotes and backslashes', 'say "hi" \\o/', '"say \\"hi\\" \\\\o/"'],
    ['letters of any script, kept', 'módulo ñ 模块 😀', '"módulo ñ 模块 😀"'],
  ])('escapes %s', (_what, input, expected) => {
    expect(quote(input)).toBe(expected);
  });

  it('cuts a long value, saying how much', () => {
    const shown = quote('x'.repeat(1 << 20));
    expect(shown).toBe(`"${'x'.repeat(200)}"… (${(1 << 20) - 200} more characters)`);
    expect(quote('y'.repeat(50), 10)).toBe(`"${'y'.repeat(10)}"… (40 more characters)`);
  });

  it('never splits a surrogate pair when it cuts', () => {
    expect(quote(`${'a'.repeat(9)}😀😀`, 10)).toBe(`"${'a'.repeat(9)}"… (4 more characters)`);
  });

  it('shows other JSON values as JSON, bounded', () => {
    expect(quote(undefined)).toBe('nothing');
    expect(quote(null)).toBe('null');
    expect(quote(1.5)).toBe('1.5');
    expect(quote(false)).toBe('false');
    expect(quote(['delete', 'explode'])).toBe('["delete","explode"]');
    expect(quote({ a: [1, { b: 'c\n' }] })).toBe('{"a":[1,{"b":"c\\n"}]}');
    const big = quote(Array.from({ length: 1e5 }, (_, i) => ({ [`k${i}\u001b`]: 'v'.repeat(1000) })));
    expect(big.length).toBeLessThan(260);
    expect(big).not.toMatch(UNSAFE);
    let deep: unknown = 'leaf';
    for (let i = 0; i < 10000; i++) deep = [deep];
    expect(quote(deep)).toMatch(/^\[\[\[\[…\]\]\]\]$/);
  });
});

describe('displayName', () => {
  it('shows a plain name as it is, and an unsafe, empty or long one quoted', () => {
    expect(displayName('plans/prod plan.json')).toBe('plans/prod plan.json');
    expect(displayName('a\nplangate: ok.json')).toBe('"a\\nplangate: ok.json"');
    expect(displayName('')).toBe('""');
    expect(displayName('p'.repeat(300))).toMatch(/^"p{200}"… \(100 more characters\)$/);
  });
});

describe('safeLine', () => {
  it('escapes in place and bounds a line plangate did not compose', () => {
    expect(safeLine('Unexpected token \'\u001b\', "x\ny"')).toBe('Unexpected token \'\\u001b\', "x\\u000ay"');
    expect(safeLine('z'.repeat(5000))).toMatch(/^z{4000}… \(1000 more characters\)$/);
  });
});
