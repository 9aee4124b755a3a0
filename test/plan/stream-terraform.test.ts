// The streamed reader (src/plan/stream-terraform.ts) against the whole-file
// reader: the same report, byte for byte, for every corpus file and for
// generated plans of both bench styles; and for every file the whole-file
// path refuses, a refusal too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { isInputError } from '../../src/errors.js';
import { parsePlan } from '../../src/plan/read-plan.js';
import { defaultRuleSet } from '../../src/rules/config.js';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';
import { planChunks } from '../../scripts/bench-plan.mjs';
import { requireCorpus } from '../corpus-path.js';

/** Every report of the check of `bytes`, or the refusal; streamed when `streamAbove` is below its size. */
export function reportOf(bytes: Buffer, file: string, streamAbove = Infinity): string {
  try {
    const analysis = analyse({ plans: [parsePlan(bytes, file, streamAbove)], readErrors: [], ruleSet: defaultRuleSet() });
    return [analysis.decision, renderJson(analysis), renderMarkdown(analysis), renderText(analysis, { color: false })].join('\n----\n');
  } catch (error) {
    if (!isInputError(error)) throw error;
    return `refused: ${error.message}`;
  }
}

function expectSame(bytes: Buffer, file: string): string {
  const whole = reportOf(bytes, file);
  const streamed = reportOf(bytes, file, 0);
  if (whole.startsWith('refused: ')) expect(streamed.startsWith('refused: '), `${file}: streamed read passed what the whole read refuses (${whole})`).toBe(true);
  else expect(streamed, file).toBe(whole);
  return whole;
}

describe('the streamed reader gives the whole-file reader\'s reports', () => {
  const corpus = requireCorpus();
  const files = Object.keys(JSON.parse(readFileSync(join(corpus, 'expected.json'), 'utf8')) as object).sort();

  it('on every corpus file', () => {
    expect(files).toHaveLength(146);
    for (const file of files) expectSame(readFileSync(join(corpus, file)), file);
  });

  it.each(['pretty', 'compact'] as const)('on a generated %s plan with modules and long depends_on chains', (style) => {
    const bytes = Buffer.from([...planChunks({ style, resources: 3000 })].join(''));
    const report = expectSame(bytes, `${style}.json`);
    expect(report.startsWith('blocked')).toBe(true);
  });
});
