import { describe, expect, it } from 'vitest';
import type { ApprovalOutcome } from '../../src/approval/types.js';
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

describe('the action’s report: the gate’s final decision', () => {
  const blocked = () => analysisOf([finding({ address: 'aws_db_instance.main' })]);
  const outcome = (over: Partial<ApprovalOutcome>): ApprovalOutcome => ({ decision: 'blocked', approvedBy: [], missing: [], ignored: [], errors: [], ...over });

  it('says approved, and who, where the analysis alone says blocked', () => {
    const report = toJsonReport(blocked(), outcome({ decision: 'approved', approvedBy: [{ login: 'alice', id: 7 }] }));
    expect(report.decision).toBe('approved');
    expect(report.approval).toEqual({ approvedBy: ['alice'], missing: [] });
  });

  it('says overridden, by whom and when', () => {
    const report = toJsonReport(blocked(), outcome({ decision: 'overridden', overriddenBy: { login: 'bob', at: '2026-11-26T10:00:00Z' } }));
    expect(report.decision).toBe('overridden');
    expect(report.approval?.overriddenBy).toEqual({ login: 'bob', at: '2026-11-26T10:00:00Z' });
  });

  it('says error with the gate’s errors where the analysis alone says pass, each error once', () => {
    const analysis = analysisOf([], { errors: ['plan.json: truncated'] });
    analysis.decision = 'pass';
    const report = toJsonReport(analysis, outcome({ decision: 'error', errors: ['plan.json: truncated', 'could not post the status'] }));
    expect(report.decision).toBe('error');
    expect(report.errors).toEqual(['plan.json: truncated', 'could not post the status']);
    expect(report.summary.errors).toBe(2);
  });

  it('is written in pieces the same way', () => {
    const gate = outcome({ decision: 'blocked', missing: ['1 approval from platform'] });
    expect([...jsonChunks(blocked(), gate)].join('')).toBe(`${JSON.stringify(toJsonReport(blocked(), gate), null, 2)}\n`);
  });

  it('has no approval part without an outcome (the CLI)', () => {
    expect(toJsonReport(blocked())).not.toHaveProperty('approval');
  });
});
