import { describe, expect, it } from 'vitest';
import type { ApprovalOutcome } from '../../src/approval/types.js';
import { commentMarker, renderGateComment, statusDescription } from '../../src/report/gate.js';
import { GITHUB_COMMENT_LIMIT } from '../../src/report/markdown.js';
import { analysisOf, finding } from './inputs.js';

const blocked: ApprovalOutcome = { decision: 'blocked', approvedBy: [], missing: ['1 more approval (0 of 1) from anyone with write access who did not author the change, for a.b'], ignored: [], errors: [] };
const many = analysisOf(Array.from({ length: 5_000 }, (_, i) => finding({ address: `module.m${i}.aws_db_instance.db_${i}`, dependents: [`aws_instance.app_${i}`] })));

describe('the gate comment', () => {
  it('starts with the hidden marker and the verdict, and never contradicts it', () => {
    const approved = renderGateComment({ analysis: analysisOf([finding({ address: 'aws_db_instance.main' })]), outcome: { ...blocked, decision: 'approved', approvedBy: [{ login: 'bob', id: 2 }], missing: [] }, statusContext: 'plangate' });
    expect(approved.startsWith(`${commentMarker('plangate')}\n## ✅ plangate: approved by @bob\n`)).toBe(true);
    expect(approved).not.toMatch(/BLOCKED/);
    expect(approved).toContain('### What the plans change:');
  });

  it('stays within the comment limit for 5,000 findings and says where the rest is; the job summary keeps more', () => {
    const comment = renderGateComment({ analysis: many, outcome: blocked, statusContext: 'plangate' });
    expect(comment.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(comment).toContain('5,000');
    expect(comment).toContain('the job summary of this run');
    const summary = renderGateComment({ analysis: many, outcome: blocked, statusContext: 'plangate', maxLength: 1_000_000, fullReportHint: 'the JSON report' });
    expect(summary.length).toBeGreaterThan(comment.length);
    expect(summary.length).toBeLessThanOrEqual(1_000_000);
    expect(summary).not.toContain('the job summary of this run');
  });

  it('shows each problem once: an input error the verdict lists is not listed again under the plans (issue 11)', () => {
    const message = 'plans: "plan.json" matches no file: the step that writes the plan did not run or failed; plangate never passes without a plan';
    const read = 'other.json: invalid JSON: the file ends early';
    const analysis = analysisOf([], { errors: [message, read] });
    const comment = renderGateComment({ analysis, outcome: { ...blocked, decision: 'error', missing: [], errors: [message] }, statusContext: 'plangate' });
    expect(comment.split('matches no file').length - 1).toBe(1);
    expect(comment.split('the file ends early').length - 1).toBe(1);
  });

  it('keeps a status description within GitHub’s 140 characters, from the start', () => {
    const long = statusDescription({ analysis: analysisOf([]), outcome: { ...blocked, decision: 'error', errors: [`plan.json: ${'x'.repeat(300)}`] } });
    expect([...long].length).toBeLessThanOrEqual(140);
    expect(long.startsWith('cannot decide: plan.json: ')).toBe(true);
  });
});
