// The JSON report's shape is written once, in schema/report.schema.json (the
// README points to it): every `--format json` report of every fixture, and of
// every corpus file when the corpus is there, conforms to it. The action's
// report file is checked against it on every end-to-end run (test/action/harness.ts).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { describeCorpus, HAS_CORPUS, REPO_ROOT, requireCorpus } from '../corpus-path.js';
import { toJsonReport } from '../../src/report/json.js';
import { richAnalysis } from './inputs.js';
import { schemaProblems } from './report-schema.js';

/** Every file under a directory, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** `plangate check --format json ARGS…`, in process: the exit code and the parsed report. */
async function jsonReport(args: string[]): Promise<{ code: number; report: unknown }> {
  const out: string[] = [];
  const code = await runCli(['check', '--format', 'json', ...args], {
    stdout: (t) => out.push(t),
    stderr: () => undefined,
    isTTY: false,
    env: {},
  });
  return { code, report: JSON.parse(out.join('')) as unknown };
}

// Plan and change-set files, good and bad (a bad one gives an `error` report), not the .tf source trees.
const FIXTURES = filesUnder(join(REPO_ROOT, 'fixtures'))
  .map((f) => relative(REPO_ROOT, f))
  .filter((f) => !/^fixtures\/(weakening\/[^/]+|config)\//.test(f))
  .sort();

describe('every fixture’s JSON report conforms to schema/report.schema.json', () => {
  it('covers every kind of fixture', () => {
    expect(FIXTURES.length).toBeGreaterThan(30);
    expect(new Set(FIXTURES.map((f) => f.split('/')[1]))).toEqual(new Set(['bad', 'cloudformation', 'data-at-risk', 'terraform', 'weakening']));
  });

  it.each(FIXTURES)('%s', async (file) => {
    const { report } = await jsonReport([join(REPO_ROOT, file)]);
    expect(schemaProblems(report)).toEqual([]);
  });

  it('with a CloudFormation template, and with Terraform sources before and after', async () => {
    const cfn = await jsonReport(['--cfn-template', join(REPO_ROOT, 'fixtures/cloudformation/orders-template.yaml'), join(REPO_ROOT, 'fixtures/cloudformation/remove-orders-table.json')]);
    expect(cfn.code).toBe(1);
    expect(schemaProblems(cfn.report)).toEqual([]);
    const tf = await jsonReport(['--tf-base', join(REPO_ROOT, 'fixtures/weakening/base'), '--tf-head', join(REPO_ROOT, 'fixtures/weakening/head'), join(REPO_ROOT, 'fixtures/terraform/safe-update.json')]);
    expect(schemaProblems(tf.report)).toEqual([]);
    expect((tf.report as { findings: { action: string }[] }).findings.map((f) => f.action)).toContain('protection-removed');
  });

  it('every fixture at once, through the bundled CLI', () => {
    let stdout = '';
    try {
      stdout = execFileSync(process.execPath, [join(REPO_ROOT, 'dist/cli.js'), 'check', '--format', 'json', ...FIXTURES], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      stdout = (error as { stdout: string }).stdout;
    }
    const report = JSON.parse(stdout) as { decision: string; findings: unknown[] };
    expect(report.decision).toBe('error'); // fixtures/bad is in it
    expect(report.findings.length).toBeGreaterThan(10);
    expect(schemaProblems(report)).toEqual([]);
  });

  it('a report with everything the analysis can say', () => {
    expect(schemaProblems(JSON.parse(JSON.stringify(toJsonReport(richAnalysis()))))).toEqual([]);
  });
});

describeCorpus('every corpus file’s JSON report conforms too', () => {
  const corpus = HAS_CORPUS ? requireCorpus() : '';
  const files = HAS_CORPUS ? Object.keys(JSON.parse(readFileSync(join(corpus, 'expected.json'), 'utf8')) as object).sort() : [];
  it('lists every file of the corpus', () => {
    expect(files.length).toBeGreaterThan(100);
  });
  it.each(files)('%s', async (file) => {
    const { report } = await jsonReport([join(corpus, file)]);
    expect(schemaProblems(report)).toEqual([]);
  });
});

describe('the schema is strict', () => {
  const valid = () => JSON.parse(JSON.stringify(toJsonReport(richAnalysis()))) as Record<string, unknown> & { changes: Record<string, unknown>[]; findings: Record<string, unknown>[] };

  it('refuses a field it does not document, at the top, in a change or in a finding', () => {
    expect(schemaProblems({ ...valid(), extra: 1 })).toEqual(['/ must NOT have additional properties (extra)']);
    const change = valid();
    (change.changes[0] as Record<string, unknown>).before = { password: 'x' };
    expect(schemaProblems(change)).toEqual(['/changes/0 must NOT have additional properties (before)']);
    const finding = valid();
    (finding.findings[0] as Record<string, unknown>).approved = true;
    expect(schemaProblems(finding)).toEqual(['/findings/0 must NOT have additional properties (approved)']);
  });

  it('takes a boolean that is false where it applies (conditional, createBeforeDestroy)', () => {
    const report = valid();
    Object.assign(report.changes[0] as object, { conditional: false, createBeforeDestroy: false });
    expect(schemaProblems(report)).toEqual([]);
  });

  it('refuses approved or overridden without the approval that says who, and error without an error', () => {
    expect(schemaProblems({ ...valid(), decision: 'approved' })).not.toEqual([]);
    expect(schemaProblems({ ...valid(), decision: 'approved', approval: { approvedBy: [], missing: [] } })).not.toEqual([]);
    expect(schemaProblems({ ...valid(), decision: 'approved', approval: { approvedBy: ['alice'], missing: [] } })).toEqual([]);
    expect(schemaProblems({ ...valid(), decision: 'overridden', approval: { approvedBy: [], missing: [] } })).not.toEqual([]);
    expect(schemaProblems({ ...valid(), decision: 'overridden', approval: { approvedBy: [], overriddenBy: { login: 'alice', at: '2026-11-26T10:00:00Z' }, missing: [] } })).toEqual([]);
    expect(schemaProblems({ ...valid(), decision: 'error', errors: [] })).not.toEqual([]);
    expect(schemaProblems({ ...valid(), decision: 'maybe' })).not.toEqual([]);
  });
});
