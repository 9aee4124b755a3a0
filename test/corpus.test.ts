import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { parsePlan } from '../src/plan/read-plan.js';
import type { Change } from '../src/plan/types.js';
import { describeCorpus, HAS_CORPUS, REPO_ROOT, requireCorpus } from './corpus-path.js';

type Kind = 'delete' | 'replace' | 'conditional_replace' | 'forget';
interface Expected extends Record<Kind, string[]> {
  format: 'terraform' | 'cloudformation';
}

const corpus = HAS_CORPUS ? requireCorpus() : '';
const expected = HAS_CORPUS ? (JSON.parse(readFileSync(join(corpus, 'expected.json'), 'utf8')) as Record<string, Expected>) : {};
const files = Object.keys(expected).sort();

/** The corpus oracle's view of a list of changes. */
function kinds(changes: Array<Pick<Change, 'action' | 'address' | 'conditional'>>): Record<Kind, string[]> {
  const out: Record<Kind, Set<string>> = { delete: new Set(), replace: new Set(), conditional_replace: new Set(), forget: new Set() };
  for (const c of changes) {
    if (c.action === 'replace') out[c.conditional ? 'conditional_replace' : 'replace'].add(c.address);
    else if (c.action === 'delete' || c.action === 'forget') out[c.action].add(c.address);
  }
  const sorted = (s: Set<string>) => [...s].sort();
  return { delete: sorted(out.delete), replace: sorted(out.replace), conditional_replace: sorted(out.conditional_replace), forget: sorted(out.forget) };
}

describeCorpus('shared corpus', () => {
  it('holds the 146 real plans and change sets', () => {
    expect(files).toHaveLength(146);
  });

  it.each(files)('%s gives exactly its expected destructive changes', (file) => {
    const plan = parsePlan(readFileSync(join(corpus, file)), file);
    const want = expected[file] as Expected;
    expect(plan.format).toBe(want.format);
    const { format: _format, ...wantKinds } = want;
    expect(kinds(plan.changes)).toEqual(wantKinds);
  });
});

describeCorpus('shared corpus through the bundled CLI', () => {
  let report: { changes: Array<Change>; decision: string; errors: string[] };
  let status = 0;

  beforeAll(() => {
    const paths = files.map((f) => join(corpus, f));
    try {
      execFileSync(process.execPath, [join(REPO_ROOT, 'dist/cli.js'), 'check', '--format', 'json', ...paths], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      const e = error as { status: number; stdout: string };
      status = e.status;
      report = JSON.parse(e.stdout) as typeof report;
      return;
    }
    throw new Error('expected exit 2: the corpus holds one errored plan');
  });

  it('reproduces expected.json for every file in one run', () => {
    for (const file of files) {
      const path = join(corpus, file);
      const { format: _format, ...want } = expected[file] as Expected;
      expect(kinds(report.changes.filter((c) => c.file === path)), file).toEqual(want);
    }
  });

  it('fails the whole run, exit 2, because one plan errored', () => {
    expect(status).toBe(2);
    expect(report.decision).toBe('error');
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toContain('terraform__opentofu__show-json-plan-error.json');
    expect(report.errors[0]).toContain('errored');
  });
});
