// Issue 9 through the built CLI: a plan that would be misread is exit 2 with
// exactly one stderr line naming the file and the entry, whatever the plan,
// its file name or the arguments hold (root causes 2 and 7).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeCorpus, itCorpus } from '../corpus-path.js';
import { ROOT, corpusJson, fixtureJson } from '../plan/fixtures.js';
import { ensureBuilt } from './build-dist.js';

type Doc = Record<string, unknown>;
const FORGED = '\n\u001b[31mplangate: all clear';
// What JSON.stringify leaves as it is: a C1 control sequence introducer, a line separator, a bidi override.
const DISGUISED = '\u009b31m\u2028plangate: all clear\u202e';

let tmp: string;

beforeAll(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'plangate-hostile-'));
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function check(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['NODE_OPTIONS', 'NO_COLOR', 'FORCE_COLOR', 'PLANGATE_DEBUG']) delete env[key];
  const result = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), ...args], { cwd: tmp, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** stderr is exactly one plangate line, with nothing that could forge or colour another. */
function oneLine(stderr: string): string {
  expect(stderr.split('\n'), stderr).toHaveLength(2);
  expect(stderr).toMatch(/^plangate: [^\n]*\n$/);
  expect(stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
  return stderr.slice(0, -1);
}

/** The corpus plan that deletes test_instance.test-delete, with that entry changed, written to `name`. */
function writePlan(name: string, change: Doc): string {
  const doc = corpusJson('terraform/terraform__hashicorp-terraform__show-json-basic-delete.json');
  Object.assign((doc.resource_changes as Doc[])[1] as Doc, change);
  const path = join(tmp, name);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

describe('forged lines', () => {
  itCorpus('an address holding a newline and ANSI escapes gives exactly one stderr line, exit 2', () => {
    for (const actions of [['delete'], ['explode']]) {
      const path = writePlan('forged.json', { address: `test_instance.test-delete${FORGED}`, change: { actions, before: {} } });
      const result = check(['check', path]);
      expect(result.status).toBe(2);
      const line = oneLine(result.stderr);
      expect(line).toContain(`${path}: resource_changes[1] "test_instance.test-delete\\n\\u001b[31mplangate: all clear"`);
    }
  });

  itCorpus('a file name holding one is quoted', () => {
    const path = writePlan(`plan${FORGED}.json`, { mode: 'Managed' });
    const result = check(['check', path]);
    expect(result.status).toBe(2);
    expect(oneLine(result.stderr)).toContain('plan\\n\\u001b[31mplangate: all clear.json"');
  });

  it.each([
    ['an unknown command', [`chek${FORGED}${DISGUISED}`]],
    ['a --format', ['check', '--format', `json${FORGED}${DISGUISED}`, 'x.json']],
    ['an unknown option', ['check', `--for${FORGED}${DISGUISED}`, 'x.json']],
  ])('%s holding one is quoted', (_what, args) => {
    const result = check(args);
    expect(result.status).toBe(2);
    expect(oneLine(result.stderr)).toContain('\\u001b[31mplangate: all clear\\u009b31m\\u2028plangate: all clear\\u202e');
  });
});

describeCorpus('long input', () => {
  it('a 1 MB instance key gives a bounded line', () => {
    const key = 'k'.repeat(1 << 20);
    const path = writePlan('long-key.json', { address: `test_instance.test-delete["${key}"]`, change: { actions: ['explode'] } });
    const result = check(['check', path]);
    expect(result.status).toBe(2);
    const line = oneLine(result.stderr);
    expect(line.length).toBeLessThan(1000);
    expect(line).toContain(`more characters)`);
  });
});

describe('a type that is not the address’s', () => {
  it('is exit 2 naming the file and the entry, not an unprotected database delete', () => {
    const doc = fixtureJson('terraform/example-destroy.json') as { resource_changes: Doc[] };
    const index = doc.resource_changes.findIndex((rc) => rc.address === 'aws_db_instance.production');
    for (const type of ['null_resource', 'AWS_DB_INSTANCE']) {
      (doc.resource_changes[index] as Doc).type = type;
      const path = join(tmp, 'retyped.json');
      writeFileSync(path, JSON.stringify(doc));
      const result = check(['check', '--format', 'json', path]);
      expect(result.status).toBe(2);
      expect(oneLine(result.stderr)).toBe(`plangate: ${path}: resource_changes[${index}] "aws_db_instance.production" has type "${type}", but its address says "aws_db_instance": the file is damaged or was not written by \`terraform show -json\`; regenerate it with \`terraform show -json\``);
    }
  });
});
