// Through the built CLI: which config file applies and what it says about it, --version, the
// option messages, and a reader that closes the pipe early.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath, ROOT } from '../plan/fixtures.js';
import { ensureBuilt } from './build-dist.js';
import { CLI, oneLine, runDist } from './run-dist.js';

const DESTROY = fixturePath('terraform/example-destroy.json');
const BUCKETS_ONLY = 'extends: []\nrules:\n  - name: buckets\n    match: { types: ["aws_s3_*"] }\n';
let tmp: string;

/** A fresh directory with these files under .github/. */
function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmp, 'repo-'));
  mkdirSync(join(dir, '.github'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, '.github', name), text);
  return dir;
}

beforeAll(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'plangate-config-cli-'));
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('the config file the CLI uses', () => {
  it.each(['plangate.yml', 'plangate.yaml'])('.github/%s is found and named on stderr', (name) => {
    const result = runDist(repo({ [name]: BUCKETS_ONLY }), ['check', '--format', 'json', DESTROY]);
    expect(oneLine(result.stderr)).toBe(`plangate: rules from .github/${name}`);
    expect(result.status).toBe(1);
    expect((JSON.parse(result.stdout) as { findings: { rule: string }[] }).findings.map((f) => f.rule)).toEqual(['buckets']);
  });

  it('both .github/plangate.yml and .github/plangate.yaml: exit 2, no report', () => {
    const result = runDist(repo({ 'plangate.yml': BUCKETS_ONLY, 'plangate.yaml': 'extends: []\n' }), ['check', DESTROY]);
    expect(result.status).toBe(2);
    expect(oneLine(result.stderr)).toBe('plangate: .github/plangate.yml: .github/plangate.yaml exists too: plangate reads only one config; delete one of them');
    expect(result.stdout).toBe('');
  });

  it('--config wins over both, and is named', () => {
    const dir = repo({ 'plangate.yml': 'colour: red\n', 'plangate.yaml': 'colour: blue\n' });
    writeFileSync(join(dir, 'mine.yml'), BUCKETS_ONLY);
    const result = runDist(dir, ['check', '--config', 'mine.yml', DESTROY]);
    expect([result.status, oneLine(result.stderr)]).toEqual([1, 'plangate: rules from mine.yml']);
  });

  it('no config: nothing said, the recommended pack applies', () => {
    const result = runDist(repo({}), ['check', DESTROY]);
    expect([result.status, result.stderr]).toEqual([1, '']);
  });

  it('every error of the config, one line each in file order, exit 2 and no report', () => {
    const dir = repo({ 'plangate.yml': 'rules:\n  - name: x\n    severity: urgent\n    match: { types: ["aws_{db"] }\ncolour: red\n' });
    const result = runDist(dir, ['check', DESTROY]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toEqual([
      'plangate: .github/plangate.yml: rules[0].severity: expected one of critical, high, medium, low, got "urgent"',
      'plangate: .github/plangate.yml: rules[0].match.types[0]: expected a glob whose { and } pair up, as in {a,b}, got "aws_{db"',
      'plangate: .github/plangate.yml: colour: unknown key "colour"; expected one of description, extends, rules, ignore, override-label, gate-approvers, gate-files, protected-bases, guard',
      '',
    ]);
  });

  it('warnings go to stderr after the line naming the file; the decision is unchanged', () => {
    const result = runDist(repo({ 'plangate.yml': 'extends: []\n' }), ['check', DESTROY]);
    expect(result.status).toBe(0);
    expect(result.stderr.split('\n')).toEqual([
      'plangate: rules from .github/plangate.yml',
      "plangate: warning: .github/plangate.yml: protects nothing: it has `extends: []` and no rules, so only changes to the gate's own files need approval; add rules or extend a built-in pack",
      '',
    ]);
  });
});

describe('--version', () => {
  it.each([[['--version']], [['-V']], [['version']], [['check', '-V']]])('%j prints the version of package.json, baked into the bundle', (args) => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    // From a directory with no package.json: the version comes from dist/cli.js itself.
    const result = runDist(tmp, args);
    expect([result.status, result.stdout, result.stderr]).toEqual([0, `plangate ${version}\n`, '']);
  });
});

describe('option mistakes', () => {
  it('an unknown option lists the options, in plain quotes', () => {
    for (const flag of ['--colour', '-x', '--colour=red']) {
      const result = runDist(tmp, ['check', flag, DESTROY]);
      expect(result.status).toBe(2);
      const name = flag.split('=')[0] as string;
      expect(oneLine(result.stderr)).toBe(
        `plangate: plangate check: unknown option "${name}"; the options are -f/--format, -c/--config, --cfn-template, --tf-base, --tf-head, -h/--help, -V/--version (a plan file whose name starts with - goes after --); see plangate check --help`,
      );
    }
  });

  it('an option without its value, and a value for a switch', () => {
    expect(oneLine(runDist(tmp, ['check', DESTROY, '--format']).stderr)).toBe('plangate: plangate check: option "--format" needs a value, as in --format VALUE; see plangate check --help');
    expect(oneLine(runDist(tmp, ['check', '--help=yes']).stderr)).toBe('plangate: plangate check: option "--help" takes no value; see plangate check --help');
  });
});

describe('a reader that closes the pipe early (| head)', () => {
  it('is no internal error: nothing on stderr, and the exit code is still the decision', async () => {
    const child = spawn(process.execPath, [CLI, 'check', '--format', 'json', DESTROY], { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'] });
    // Closed before plangate writes a byte: every write meets a closed pipe.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect([code, stderr]).toEqual([1, '']);
  });
});

describe('wrong plan input on standard input', () => {
  it("setup-terraform's wrapper output: one line naming terraform_wrapper: false, exit 2", () => {
    const wrapped = `[command]/home/runner/work/_temp/x/terraform-bin show -json tfplan\n${readFileSync(DESTROY, 'utf8')}\n::debug::exitcode: 0\n`;
    const result = runDist(tmp, ['check', '-'], { input: wrapped });
    expect(result.status).toBe(2);
    expect(oneLine(result.stderr)).toMatch(/^plangate: standard input: this is terraform's output through setup-terraform's wrapper.*terraform_wrapper: false/);
  });
});
