// Whatever text an agent sends, the reader ends with an answer (never a throw or a hang), and a
// destroy appended to any prefix the shell would run is never lost.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify, MAX_COMMAND } from '../../src/guard/classify.js';

const options = { extraCommands: [], readScript: () => undefined };
const SHELLISH = fc.string({ unit: fc.constantFrom(...'ab $`\'"\\(){}[]<>|&;#\n\t=*?~!-x'.split('')), maxLength: 60 });

describe('guard reader fuzz', () => {
  it('never throws, whatever the text', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 80 }), SHELLISH), (text) => {
      classify(text, options);
    }), { numRuns: 3000 });
  });

  it('a destroy after any prefix, on its own line, is seen or counted as unreadable', () => {
    fc.assert(fc.property(SHELLISH, (prefix) => {
      // A trailing backslash joins the lines, and a here-document makes the next line its text: both are what bash does too.
      fc.pre(!prefix.endsWith('\\') && !prefix.includes('<<'));
      const hits = classify(`${prefix}\nterraform destroy`, options).hits;
      // Either the destroy is read, or the prefix leaves the line unreadable (an open quote or construct swallows it).
      expect(hits.some((h) => h.kind === 'destroy' || h.kind === 'unreadable')).toBe(true);
    }), { numRuns: 3000 });
  });

  it('lines at the length limit are read in one pass, whatever they repeat; longer ones are unreadable', () => {
    for (const unit of ['[', '{', '$', '@(', 'a=1 ', '(', ';;', "'", '"', '`', '\\\n', 'x() ', 'eval x; ', 'alias a=b; ', 't=1; $t ', '${']) {
      const line = unit.repeat(Math.floor((MAX_COMMAND - 20) / unit.length)) + '\nterraform destroy';
      expect(classify(line, options).hits.length, unit).toBeGreaterThan(0);
    }
    expect(classify(`${'x'.repeat(MAX_COMMAND)} ls`, options).hits.map((h) => h.kind)).toEqual(['unreadable']);
  });

  it('deep nesting is refused, not followed until the stack runs out', () => {
    const deep = `${'$('.repeat(5000)}terraform destroy${')'.repeat(5000)}`;
    expect(classify(deep, options).hits.map((h) => h.kind)).toContain('unreadable');
    const quoted = `${'bash -c "'.repeat(1)}${"eval '".repeat(20)}terraform destroy`;
    expect(classify(quoted, options).hits.length).toBeGreaterThan(0);
  });
});
