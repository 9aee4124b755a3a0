// Issue 12 item 3: a monorepo's 200 plans in one run, one comment. Every plan with
// protected changes is named with its true count, the comment stays within GitHub's
// limit, and the marker and the record line stay on top.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/analysis/types.js';
import { decisionRecord, decodeRecord, type DecisionRecord } from '../../src/approval/record.js';
import type { ApprovalOutcome } from '../../src/approval/types.js';
import { checkPlans } from '../../src/check.js';
import { commentMarker, renderGateComment } from '../../src/report/gate.js';
import { GITHUB_COMMENT_LIMIT, renderMarkdown } from '../../src/report/markdown.js';
import { thousands } from '../../src/report/summary.js';
import { defaultRuleSet } from '../../src/rules/config.js';
import { analysisOf, change, finding } from './inputs.js';
import { planLabelOf, planPath, protectedIn, writeManyPlans } from './many-plans-fixture.js';

const PLANS = 200;
const blocked: ApprovalOutcome = { decision: 'blocked', approvedBy: [], missing: ['1 more approval (0 of 1)'], ignored: [], errors: [] };
const HEAD = 'a'.repeat(40);

let dir: string;
let analysis: Analysis;
let files: string[];
let labels: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plangate-many-plans-'));
  writeManyPlans(dir, PLANS);
  files = Array.from({ length: PLANS }, (_, i) => join(dir, planPath(i)));
  labels = Object.fromEntries(files.flatMap((file, i) => { const label = planLabelOf(i); return label === undefined ? [] : [[file, label]]; }));
  analysis = await checkPlans(files, defaultRuleSet(), { labels });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** How the overview names plan i. */
function named(i: number): string {
  const file = files[i] as string;
  return labels[file] === undefined ? `\`${file}\`` : `\`${labels[file]}\` (\`${file}\`)`;
}

describe('a run of 200 plans', () => {
  it('finds what the plans hold: the counts the comment must repeat', () => {
    expect(analysis.errors).toEqual([]);
    for (let i = 0; i < PLANS; i++) expect(analysis.findings.filter((f) => f.file === files[i]).length, files[i]).toBe(protectedIn(i));
  });

  it('fits one comment, names every plan with protected changes with its true count, and keeps the marker and record on top', () => {
    const record: DecisionRecord = decisionRecord({ headSha: HEAD, outcome: blocked, findings: analysis.findings });
    const comment = renderGateComment({ analysis, outcome: blocked, statusContext: 'plangate', record });
    expect(comment.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);

    const [marker, line] = comment.split('\n');
    expect(marker).toBe(commentMarker('plangate'));
    // Too many changes to list within the record's length: the digest and count stand for them.
    expect(decodeRecord(line ?? '')).toEqual({ ...record, changes: undefined });

    const total = analysis.findings.length;
    const flagged = Array.from({ length: PLANS }, (_, i) => i).filter((i) => protectedIn(i) > 0);
    expect(comment).toContain(`blocked: ${thousands(total)} protected changes need approval`);
    expect(comment).toContain(`### What the plans change: ${thousands(total)} protected resources destroyed`);
    expect(comment).toContain(`#### ${PLANS} plans: ${flagged.length} with protected changes`);
    for (const i of flagged) {
      const n = protectedIn(i);
      expect(comment).toContain(`\n- ${named(i)}: ${n} protected resource${n === 1 ? '' : 's'} destroyed (${n} critical) · `);
    }
    // The plans without: each named in the collapsed list.
    const clean = Array.from({ length: PLANS }, (_, i) => i).filter((i) => protectedIn(i) === 0);
    expect(comment).toContain(`<details><summary>${clean.length} plans with nothing protected lost</summary>`);
    for (const i of clean) expect(comment).toContain(`\n- ${named(i)}: nothing protected lost · `);

    // The most protected resources first; the tables are what was shortened, and the note says so and where the rest is.
    const order = flagged.sort((a, b) => protectedIn(b) - protectedIn(a));
    expect(comment.indexOf(`- ${named(order[0] as number)}: `)).toBeLessThan(comment.indexOf(`- ${named(order.at(-1) as number)}: `));
    expect(comment).toMatch(/Shortened to fit GitHub's 65,536-character comment limit\.\*\* Left out: [^\n]*of the [\d,]+ protected resources \(the [\d,]+ listed are the most severe\)[^\n]*Full report: the job summary of this run\./);
    expect(comment).not.toContain('the headlines of');
  });

  it('gives the job summary every table in full', () => {
    const summary = renderGateComment({ analysis, outcome: blocked, statusContext: 'plangate', maxLength: 1_000_000, fullReportHint: 'the JSON report' });
    expect(summary).not.toContain('Shortened to fit');
    for (const f of analysis.findings) expect(summary).toContain(`\`${f.address}\``);
  });
});

describe('far more plans than one comment can name', () => {
  const many = analysisOf(Array.from({ length: 6_000 }, (_, i) => finding({ file: `live/very/deep/path/to/stack-number-${i}/terragrunt-plan.json`, address: `aws_db_instance.db_${i}` })));

  it('names as many as fit, most severe first, and counts the rest truly', () => {
    const comment = renderMarkdown(many, { fullReportHint: 'the job summary' });
    expect(comment.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    const shown = comment.split('\n').filter((l) => /^- `live\/.*`: 1 protected resource destroyed/.test(l)).length;
    expect(shown).toBeGreaterThan(100);
    expect(comment).toContain(`- … and ${thousands(6_000 - shown)} more plans with ${thousands(6_000 - shown)} protected resources, left out to fit`);
    expect(comment).toContain(`the headlines of ${thousands(6_000 - shown)} of the 6,000 plans with protected changes`);
    expect(comment).toContain('Full report: the job summary.');
  });
});

describe('the plans without protected changes', () => {
  it('are not said to lose nothing when some plan could not be read', () => {
    const read = analysisOf([finding({ file: 'prod.json', address: 'aws_db_instance.main' })], { others: [change({ file: 'dev.json', address: 'aws_instance.web', action: 'update' })], errors: ['broken.json: invalid JSON: the file ends early'] });
    const markdown = renderMarkdown(read);
    expect(markdown).toContain('- `prod.json`: 1 protected resource destroyed (1 critical) · 1 change');
    expect(markdown).toContain('- `dev.json`: no protected change found · 1 change');
    expect(markdown).not.toContain('nothing protected lost');
  });

  it('leave a single plan’s report as it was: no overview', () => {
    expect(renderMarkdown(analysisOf([finding({ address: 'aws_db_instance.main' })]))).not.toMatch(/^#### \d+ plans?:/m);
  });
});
