// Plans built to make the blast radius blow up: thousands of protected
// resources that reference one another (a chain, a dense mesh, one big cycle),
// and many findings with nothing to follow. Each must block (exit 1) in every
// format with a report of bounded size; speed is `npm run bench`'s to measure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_LISTED_DEPENDENTS } from '../../src/analysis/dependents.js';
import { GITHUB_COMMENT_LIMIT } from '../../src/report/markdown.js';
// @ts-expect-error: plain JS generator without types
import * as generator from '../../scripts/adversarial-plan.mjs';
import { REPO_ROOT } from '../corpus-path.js';

type Shape = 'chain' | 'mesh' | 'cycle' | 'none';
const { adversarialPlan } = generator as { adversarialPlan: (o: { shape: Shape; count: number }) => string };

interface JsonFinding {
  address: string;
  dependents: string[];
  dependentsTotal: number;
  dependentsTotalIsMinimum?: true;
}

const dir = mkdtempSync(join(tmpdir(), 'plangate-adversarial-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const N = 3_000;
const OUTPUTS = 3;
const plans = new Map<Shape, string>();
function planFile(shape: Shape, count = N): string {
  let file = plans.get(shape);
  if (!file) {
    file = join(dir, `${shape}.json`);
    writeFileSync(file, adversarialPlan({ shape, count }));
    plans.set(shape, file);
  }
  return file;
}

function check(format: string, file: string) {
  const run = spawnSync(process.execPath, [join(REPO_ROOT, 'dist/cli.js'), 'check', '--format', format, file], { encoding: 'utf8', maxBuffer: 1 << 30 });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(1);
  return run.stdout;
}

describe.each(['chain', 'mesh', 'cycle'] as const)('%s of 3,000 protected databases referencing one another', (shape) => {
  it('JSON: blocked, at most 50 dependents named per finding, every total counted, a bounded size', () => {
    const out = check('json', planFile(shape));
    const report = JSON.parse(out) as { decision: string; findings: JsonFinding[] };
    expect(report.decision).toBe('blocked');
    expect(report.findings).toHaveLength(N);
    // Each finding's own fields plus at most 50 names, each twice (in dependents, and with its
    // fate in dependentFates): never the n² names of every closure.
    expect(out.length).toBeLessThan(N * (1_000 + MAX_LISTED_DEPENDENTS * 100));
    for (const f of report.findings) {
      expect(f.dependents.length).toBeLessThanOrEqual(MAX_LISTED_DEPENDENTS);
      expect(f.dependents).not.toContain(f.address);
      expect(f.dependentsTotal).toBeGreaterThanOrEqual(f.dependents.length);
      expect(f.dependentsTotal).toBeLessThanOrEqual(N - 1 + OUTPUTS);
      // Thousands of findings in a 1 MB-scale plan are within the exact counting budget.
      expect(f).not.toHaveProperty('dependentsTotalIsMinimum');
    }
    const head = report.findings.find((f) => f.address === 'aws_db_instance.db0');
    if (shape === 'chain') {
      // db0 is referenced, through the chain, by every other database and every output.
      expect(head?.dependentsTotal).toBe(N - 1 + OUTPUTS);
      expect(head?.dependents).toHaveLength(MAX_LISTED_DEPENDENTS);
      expect(report.findings.find((f) => f.address === `aws_db_instance.db${N - 1}`)?.dependentsTotal).toBe(0);
    }
  });

  it('markdown: blocked, within the comment limit, says what it left out', () => {
    const out = check('markdown', planFile(shape));
    expect(out.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(out).toMatch(/^### ⛔ plangate: BLOCKED: 3,000 protected resources destroyed/);
    // Only a lower bound on the graph's nodes is known once findings name part of their dependents.
    expect(out).toMatch(/Left out: the graph of what depends on them \(at least [\d,]+ nodes\); the dependents of [\d,]+ protected resources;/);
  });

  it('text: blocked, at most 20 dependents named per finding, the rest counted', () => {
    const out = check('text', planFile(shape));
    const lines = out.split('\n').filter((l) => l.includes('depended on by:'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.split(', ').length).toBeLessThanOrEqual(20);
    if (shape === 'chain') expect(out).toContain(`and ${(N - 1 + OUTPUTS - 20).toLocaleString('en-US')} more`);
    expect(out.length).toBeLessThan(N * (300 + 20 * 40));
  });
});

describe('50,000 protected deletes with nothing to follow', () => {
  it.each(['json', 'markdown', 'text'])('%s: blocked, every finding reported, no dependents', (format) => {
    const out = check(format, planFile('none', 50_000));
    if (format === 'json') {
      const report = JSON.parse(out) as { findings: JsonFinding[] };
      expect(report.findings).toHaveLength(50_000);
      expect(report.findings.every((f) => f.dependentsTotal === 0 && f.dependents.length === 0)).toBe(true);
    } else {
      expect(out).toContain('50,000 protected resources destroyed');
      if (format === 'markdown') expect(out.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    }
  });
});
