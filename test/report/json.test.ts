import { describe, expect, it } from 'vitest';
import { jsonChunks, renderJson, toJsonReport } from '../../src/report/json.js';
import { analyseNamed, analysisOf, finding, richAnalysis } from './inputs.js';

describe('the JSON report, written in pieces', () => {
  it.each([
    ['a plan', async () => analyseNamed(['fixtures/terraform/modules-destroy.json'])],
    ['a review', async () => Promise.resolve(richAnalysis())],
    ['an errored run', async () => analyseNamed(['fixtures/terraform/example-destroy.json', 'fixtures/bad/truncated.json'])],
    ['nothing at all', async () => Promise.resolve(analysisOf([]))],
    ['2,500 findings, more than one slice', async () => Promise.resolve(analysisOf(Array.from({ length: 2_500 }, (_, i) => finding({ address: `aws_db_instance.db${i}` }))))],
  ])('is exactly JSON.stringify of the whole report: %s', async (_, analysis) => {
    const a = await analysis();
    const pieces = [...jsonChunks(a)];
    expect(pieces.join('')).toBe(`${JSON.stringify(toJsonReport(a), null, 2)}\n`);
    expect(renderJson(a)).toBe(pieces.join(''));
  });

  it('says how many dependents each finding has, named or not', async () => {
    const report = JSON.parse(renderJson(await analyseNamed(['fixtures/terraform/example-destroy.json']))) as {
      findings: Array<{ dependents: string[]; dependentsTotal: number; dependentsTotalIsMinimum?: true }>;
    };
    for (const f of report.findings) {
      expect(f.dependentsTotal).toBe(f.dependents.length);
      expect(f).not.toHaveProperty('dependentsTotalIsMinimum');
    }
  });
});
