// A 1 GB generated plan, past V8's longest string, through the bundled CLI:
// analysed (exit 1, exactly the protected destroys the generator wrote) with
// no heap error, in at most 1.5 GB of memory. Minutes to generate, so opt-in:
// PLANGATE_BIG=1 (.ci/run runs it once).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writePlan, type Destroyed } from '../../scripts/bench-plan.mjs';
import { REPO_ROOT } from '../corpus-path.js';
import { ensureBuilt } from './build-dist.js';

const enabled = process.env.PLANGATE_BIG === '1';
const dir = enabled ? mkdtempSync(join(tmpdir(), 'plangate-big-')) : '';
afterAll(() => {
  if (enabled) rmSync(dir, { recursive: true, force: true });
});

interface JsonReport {
  decision: string;
  findings: { address: string; type: string; action: string }[];
  errors: string[];
}

describe.skipIf(!enabled)('a 1 GB plan', () => {
  it('is analysed: exit 1, every protected destroy found and nothing else, peak RSS at most 1.5 GB', () => {
    ensureBuilt();
    const file = join(dir, 'plan.json');
    const destroyed: Destroyed[] = [];
    writePlan(file, { style: 'pretty', resources: 300_000, destroyed });
    expect(statSync(file).size).toBeGreaterThan(1e9);
    // The CLI in a process that records its own peak RSS as it exits.
    const rssFile = join(dir, 'rss');
    const hook = join(dir, 'rss.cjs');
    writeFileSync(hook, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS * 1024)));`);
    const result = spawnSync(process.execPath, ['--require', hook, join(REPO_ROOT, 'dist/cli.js'), 'check', '--format', 'json', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
    expect(result.stderr).not.toMatch(/FATAL ERROR|heap out of memory|RangeError/);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.errors).toEqual([]);
    expect(report.decision).toBe('blocked');
    const protectedTypes = new Set(['aws_db_instance', 'aws_s3_bucket']);
    const want = destroyed.filter((d) => protectedTypes.has(d.type)).map((d) => `${d.action} ${d.address}`);
    expect(want.length).toBeGreaterThan(500);
    expect(report.findings.map((f) => `${f.action} ${f.address}`).sort()).toEqual(want.sort());
    expect(Number(readFileSync(rssFile, 'utf8'))).toBeLessThanOrEqual(1.5e9);
  }, 30 * 60_000);
});
