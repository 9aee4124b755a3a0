import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../corpus-path.js';

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

/** Runs dist/index.js as the runner does: inputs as INPUT_*, outputs and summary as files. */
function runAction(inputs: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'plangate-action-'));
  temps.push(dir);
  const output = join(dir, 'output');
  const summary = join(dir, 'summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, RUNNER_TEMP: dir, GITHUB_WORKSPACE: REPO_ROOT };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'dist/index.js')], { cwd: REPO_ROOT, env, encoding: 'utf8' });
  const outputs: Record<string, string> = {};
  for (const m of readFileSync(output, 'utf8').matchAll(/^(\w+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs[m[1] as string] = m[3] as string;
  return { status: result.status, stdout: result.stdout, outputs, summary: readFileSync(summary, 'utf8') };
}

describe('the action (dist/index.js)', () => {
  it('blocks a plan that deletes protected resources: exit 1, outputs, summary and annotations', () => {
    const run = runAction({ plans: 'fixtures/terraform/example-destroy.json' });
    expect(run.status).toBe(1);
    expect(run.outputs).toMatchObject({ decision: 'blocked', findings: '2' });
    const report = JSON.parse(readFileSync(run.outputs.report as string, 'utf8')) as { decision: string; findings: Array<{ address: string }> };
    expect(report.decision).toBe('blocked');
    expect(report.findings.map((f) => f.address)).toEqual(['aws_db_instance.production', 'aws_s3_bucket.uploads']);
    expect(run.summary).toContain('aws_db_instance.production');
    expect(run.stdout).toContain('::error title=plangate%3A protected resource,file=fixtures/terraform/example-destroy.json::aws_db_instance.production would be deleted');
  });

  it('passes a plan that loses nothing protected, with globs and comma-separated patterns', () => {
    const run = runAction({ plans: 'fixtures/cloudformation/no-changes.json, fixtures/terraform/safe-*.json' });
    expect(run.outputs.decision).toBe('pass');
    expect(run.status).toBe(0);
  });

  it('fails closed when a pattern matches no file (a skipped or failed plan job)', () => {
    const run = runAction({ plans: 'fixtures/terraform/example-destroy.json\nplans/missing-*.json' });
    expect(run.status).toBe(1);
    expect(run.outputs.decision).toBe('error');
    expect(run.stdout).toContain('"plans/missing-*.json" matches no file');
  });

  it('fails closed without the plans input', () => {
    const run = runAction({});
    expect(run.status).toBe(1);
    expect(run.outputs.decision).toBe('error');
    expect(run.stdout).toContain('no plan files given');
  });

  it('fails closed on a bad plan among good ones', () => {
    const run = runAction({ plans: 'fixtures/cloudformation/no-changes.json\nfixtures/bad/truncated.json' });
    expect(run.status).toBe(1);
    expect(run.outputs.decision).toBe('error');
    expect(run.summary).toContain('fixtures/bad/truncated.json');
  });
});
