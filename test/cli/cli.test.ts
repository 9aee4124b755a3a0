// The built CLI (dist/cli.js) run as a subprocess: exit codes, stdout and stderr
// as a CI job sees them.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { fixtureJson, fixturePath, terraformPlanfile } from '../plan/fixtures.js';
import { ensureBuilt } from './build-dist.js';
import { oneLine, runDist, type Run, type RunOptions } from './run-dist.js';

const SECRETS = ['S3cr3t-Hunter2-rds', 'pw-acme-prod-2023', 'pw-acme-prod-2025', 'tenant-apikey-77aa19', 'tok-OLD-1a2b3c4d5e6f', 'tok-9f8e7d6c5b4a3921', 'legacy-RANDOM-q8Zx4vLm'];
const ESC = '\u001b[';

let tmp: string;

/** Runs `node dist/cli.js ARGS` from an empty directory (so no .github/plangate.yml applies). */
function run(args: string[], options: RunOptions = {}): Run {
  return runDist(tmp, args, options);
}

interface JsonReport {
  version: number;
  decision: string;
  summary: Record<string, number>;
  changes: { address: string; action: string }[];
  findings: { file: string; address: string; action: string; rule: string }[];
  errors: string[];
}

/** A plan with a realistic shape whose only changes are creates. */
function writeSafePlan(path: string): void {
  const doc = fixtureJson('terraform/example-destroy.json') as { resource_changes: { change: { actions: string[] } }[] };
  doc.resource_changes = doc.resource_changes.filter((rc) => rc.change.actions.join() === 'create');
  writeFileSync(path, JSON.stringify(doc));
}

/** A Terraform plan of about `mb` megabytes (many bucket updates), written without holding it whole. */
function writeLargePlan(path: string, mb: number): void {
  const parts = ['{"format_version":"1.2","terraform_version":"1.9.8","resource_changes":['];
  let size = parts[0]!.length;
  for (let i = 0; size < mb * 1e6; i++) {
    const before = { bucket: `bucket-${i}`, id: `bucket-${i}`, arn: `arn:aws:s3:::bucket-${i}`, tags: { env: 'prod', team: `team-${i % 50}` }, versioning: [{ enabled: true }] };
    const rc = JSON.stringify({
      address: `aws_s3_bucket.b[${i}]`,
      mode: 'managed',
      type: 'aws_s3_bucket',
      name: 'b',
      index: i,
      provider_name: 'registry.terraform.io/hashicorp/aws',
      change: { actions: ['update'], before, after: { ...before, tags: { env: 'production' } }, after_unknown: {}, before_sensitive: {}, after_sensitive: {} },
    });
    parts.push(i === 0 ? rc : `,${rc}`);
    size += rc.length + (i === 0 ? 0 : 1);
  }
  parts.push('],"errored":false}');
  writeFileSync(path, parts.join(''));
}

beforeAll(() => {
  // Test what ships: rebuild dist/ first when src/ is newer.
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'plangate-cli-'));
  writeFileSync(join(tmp, 'plan.tfplan'), terraformPlanfile());
  writeSafePlan(join(tmp, 'safe.json'));
  writeFileSync(join(tmp, 'aws.yml'), 'extends: [aws]\n');
  const errored = { ...(fixtureJson('terraform/example-destroy.json') as object), errored: true };
  writeFileSync(join(tmp, 'errored.json'), JSON.stringify(errored));
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('exit codes', () => {
  it('exits 0 when nothing protected is lost', () => {
    const result = run(['check', join(tmp, 'safe.json')]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^PASS/);
    expect(result.stderr).toBe('');
  });

  it('exits 0 for a change set that failed only because nothing changes', () => {
    expect(run(['check', fixturePath('cloudformation/no-changes.json')]).status).toBe(0);
  });

  it('exits 1 for the README example, with the database and the bucket as findings', () => {
    const text = run(['check', fixturePath('terraform/example-destroy.json')]);
    expect(text.status).toBe(1);
    expect(text.stderr).toBe('');
    expect(text.stdout).toMatch(/^BLOCKED/);
    const json = run(['check', '--format', 'json', fixturePath('terraform/example-destroy.json')]);
    expect(json.status).toBe(1);
    const report = JSON.parse(json.stdout) as JsonReport;
    expect(report.decision).toBe('blocked');
    expect(report.findings.map((f) => [f.address, f.action])).toEqual([
      ['aws_db_instance.production', 'delete'],
      ['aws_s3_bucket.uploads', 'delete'],
    ]);
  });

  it('exits 1 for a nested CloudFormation change set that removes a database', () => {
    const result = run(['check', '--format', 'json', fixturePath('cloudformation/nested-stacks.json')]);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.findings.map((f) => f.address)).toContain('AppStack/Database');
  });

  it.each([
    ['an errored plan', 'errored.json', /errored/],
    ['a change set still being created', fixturePath('cloudformation/in-progress.json'), /CREATE_IN_PROGRESS/],
    ['a change set with a NextToken', fixturePath('cloudformation/next-token.json'), /NextToken/],
    ['a nested stack whose change set is not given', fixturePath('cloudformation/nested-missing-child.json'), /"DataStack"\) is a nested stack whose change set .* is in none of the given files/],
  ])('exits 2 for %s', (_what, file, pattern) => {
    const path = file.startsWith('/') ? file : join(tmp, file);
    const result = run(['check', path]);
    expect(result.status).toBe(2);
    const line = oneLine(result.stderr);
    expect(line).toContain(path);
    expect(line).toMatch(pattern);
  });
});

describe('bad input: exit 2 and one line on stderr naming the file', () => {
  it.each([
    ['bad/empty.json', /the file is empty/],
    ['bad/whitespace.json', /only whitespace/],
    ['bad/truncated.json', /ends early .* truncated/],
    ['bad/array-of-numbers.json', /not a list of CloudFormation change sets/],
    ['bad/hello.json', /neither a Terraform plan/],
    ['bad/main.tf', /HCL/],
    ['bad/text-plan.txt', /human-readable plan output.*terraform show -json/],
    ['bad/state.json', /Terraform state file/],
    ['bad/template.json', /CloudFormation template/],
    ['terraform/format-2.0.json', /format_version 2\.0/],
    ['bad', /is a directory/],
    ['bad/missing.json', /no such file/],
  ])('%s', (name, pattern) => {
    const path = fixturePath(name);
    const result = run(['check', path]);
    expect(result.status).toBe(2);
    const line = oneLine(result.stderr);
    expect(line.startsWith(`plangate: ${path}: `)).toBe(true);
    expect(line).toMatch(pattern);
  });

  it('a binary planfile', () => {
    const path = join(tmp, 'plan.tfplan');
    const result = run(['check', path]);
    expect(result.status).toBe(2);
    expect(oneLine(result.stderr)).toMatch(new RegExp(`^plangate: ${path}: this is a binary Terraform planfile.*terraform show -json`));
  });

  it('a JSON syntax error next to a secret: one line, which does not quote it', () => {
    const path = join(tmp, 'bad-token.json');
    const text = readFileSync(fixturePath('terraform/example-destroy.json'), 'utf8').replace('"password": "Pr0d-Passw0rd!"', '"password": Pr0d-Passw0rd!');
    writeFileSync(path, text);
    const result = run(['check', path]);
    expect(result.status).toBe(2);
    const line = oneLine(result.stderr);
    expect(line).toMatch(/invalid JSON at line \d+ column \d+: Unexpected token 'P'/);
    expect(result.stderr + result.stdout).not.toContain('Pr0d');
  });

  it('two good files and one bad one: exit 2, naming only the bad one', () => {
    const bad = fixturePath('bad/hello.json');
    const result = run(['check', '--format', 'json', fixturePath('terraform/example-destroy.json'), bad, fixturePath('cloudformation/change-set.json')]);
    expect(result.status).toBe(2);
    expect(oneLine(result.stderr)).toMatch(new RegExp(`^plangate: ${bad}: `));
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.decision).toBe('error');
    expect(report.errors).toHaveLength(1);
    expect(report.summary.files).toBe(2);
  });

  it('no files at all', () => {
    const result = run(['check']);
    expect(result.status).toBe(2);
    expect(oneLine(result.stderr)).toMatch(/no plan files were given/);
  });
});

describe('output formats', () => {
  it('--format json is the documented report, without values', () => {
    const result = run(['check', '--format', 'json', fixturePath('terraform/modules-destroy.json')]);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['version', 'decision', 'summary', 'changes', 'findings', 'errors']));
    expect(report.decision).toBe(result.status === 1 ? 'blocked' : 'pass');
    expect(report.changes.map((c) => c.address)).toEqual(
      expect.arrayContaining(['aws_instance.web[1] (deposed abcd1234)', 'module.tenant["acme \\"prod\\""].aws_db_instance.main', 'aws_s3_bucket.logs["team.a/eu"]']),
    );
    expect(report.findings.map((f) => f.address)).toEqual(expect.arrayContaining(['module.app.module.db.aws_db_instance.main']));
    expect(result.stdout).not.toMatch(/"before"|"after"/);
  });

  it.each([['text'], ['markdown'], ['json']])('--format %s never shows a sensitive value', (format) => {
    const result = run(['check', '--format', format, fixturePath('terraform/modules-destroy.json')]);
    expect(result.status).toBe(1);
    expect(result.stdout.length).toBeGreaterThan(100);
    for (const secret of SECRETS) expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it('--format markdown renders a table', () => {
    const result = run(['check', '--format', 'markdown', fixturePath('terraform/example-destroy.json')]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^### /);
    expect(result.stdout).toContain('| delete | `aws_db_instance.production` |');
  });

  it('LABEL=FILE names the plan in every format; the path stays in the headings and the JSON report', () => {
    const file = fixturePath('terraform/example-destroy.json');
    const unprotected = fixturePath('terraform/modules-destroy.json');
    const markdown = run(['check', '--format', 'markdown', `prod=${file}`, `tenants=${unprotected}`]);
    expect(markdown.status).toBe(1);
    expect(markdown.stdout).toContain(`#### Protected resources in \`prod\` (\`${file}\`) (2)`);
    expect(markdown.stdout).toContain(`<sub>Plans: \`prod\` is \`${file}\`, \`tenants\` is \`${unprotected}\`.</sub>`);
    const text = run(['check', `prod=${file}`]);
    expect(text.stdout).toContain(`2 protected resources in prod (${file}):`);
    const json = JSON.parse(run(['check', '--format', 'json', `prod=${file}`]).stdout) as JsonReport & { plans: unknown[] };
    expect(json.plans).toEqual([{ file, label: 'prod' }]);
    expect(json.findings.every((f) => f.file === file)).toBe(true);
  });

  it('a label given to two plans is exit 2, naming it', () => {
    const file = fixturePath('terraform/example-destroy.json');
    const result = run(['check', `prod=${file}`, `prod=${fixturePath('terraform/safe-update.json')}`]);
    expect(result.status).toBe(2);
    expect(oneLine(result.stderr)).toBe('plangate: plangate check: label "prod" is given to two plans: give each plan its own label');
  });

  it('text to a pipe has no colour', () => {
    const result = run(['check', fixturePath('terraform/example-destroy.json')]);
    expect(result.stdout).toContain('aws_db_instance.production');
    expect(result.stdout).not.toContain(ESC);
  });

  it('NO_COLOR turns colour off even on a terminal', async () => {
    const render = async (env: NodeJS.ProcessEnv) => {
      let out = '';
      // An explicit --config, so a .github/plangate.yml in the working directory cannot change the result.
      const args = ['check', '--config', join(tmp, 'aws.yml'), fixturePath('terraform/example-destroy.json')];
      const code = await runCli(args, { stdout: (t) => (out += t), stderr: () => {}, isTTY: true, env });
      expect(code).toBe(1);
      return out;
    };
    expect(await render({})).toContain(ESC);
    expect(await render({ NO_COLOR: '1' })).not.toContain(ESC);
  });

  it('reads standard input for -', () => {
    const result = run(['check', '--format', 'json', '-'], { input: readFileSync(fixturePath('terraform/example-destroy.json')) });
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.findings.map((f) => f.file)).toEqual(['standard input', 'standard input']);
  });

  it('reads a UTF-16 change set from standard input', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(fixturePath('cloudformation/change-set.json'), 'utf8'), 'utf16le')]);
    const result = run(['check', '--format', 'json', '-'], { input: utf16 });
    expect(result.status).toBe(1);
    expect((JSON.parse(result.stdout) as JsonReport).changes.map((c) => c.address)).toContain('Database');
  });

  it('empty standard input is an error naming standard input', () => {
    const result = run(['check', '-'], { input: '' });
    expect(result.status).toBe(2);
    expect(oneLine(result.stderr)).toMatch(/^plangate: standard input: the file is empty/);
  });
});

describe('options', () => {
  it('--format yaml: exit 2 naming --format', () => {
    const result = run(['check', '--format', 'yaml', fixturePath('terraform/example-destroy.json')]);
    expect(result.status).toBe(2);
    expect(oneLine(result.stderr)).toMatch(/^plangate: --format: expected one of text, markdown, json, sarif, got "yaml"/);
    expect(result.stdout).toBe('');
  });

  it('a missing --config file: exit 2 naming it', () => {
    const missing = join(tmp, 'no-such-plangate.yml');
    const result = run(['check', '--config', missing, fixturePath('terraform/example-destroy.json')]);
    expect(result.status).toBe(2);
    expect(oneLine(result.stderr)).toMatch(new RegExp(`^plangate: ${missing}: no such config file`));
  });

  it('a config with an unknown key: exit 2 naming the file and the key, no report', () => {
    const config = join(tmp, 'typo.yml');
    writeFileSync(config, 'rules:\n  - name: prod\n    match: { types: [aws_db_instance] }\n    aprovals: 2\n');
    const result = run(['check', '--config', config, fixturePath('terraform/example-destroy.json')]);
    expect(result.status).toBe(2);
    expect(oneLine(result.stderr)).toBe(`plangate: ${config}: rules[0].aprovals: unknown key "aprovals"; expected one of name, reason, severity, approvals, approvers, match`);
    expect(result.stdout).toBe('');
  });

  it('a config selects what its rules describe: extends [] and a rule for buckets only', () => {
    const config = join(tmp, 'buckets.yml');
    writeFileSync(config, 'extends: []\nrules:\n  - name: buckets\n    match: { types: ["aws_s3_*"] }\n    approvals: 2\n');
    const result = run(['check', '--format', 'json', '--config', config, fixturePath('terraform/example-destroy.json')]);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as { findings: Array<{ address: string; rule: string; approvals: number }> };
    expect(report.findings.map((f) => [f.address, f.rule, f.approvals])).toEqual([['aws_s3_bucket.uploads', 'buckets', 2]]);
  });

  it('--tf-base/--tf-head read the sources as Terraform and as OpenTofu do (x.tofu hides x.tf for OpenTofu only): a guard either drops is removed', () => {
    const tf = (head: string) => ['check', '--format', 'json', '--tf-base', fixturePath('weakening/base'), '--tf-head', fixturePath(`weakening/${head}`), join(tmp, 'safe.json')];
    const dropped = run(tf('tofu-head'));
    expect(dropped.stderr).toBe('');
    expect(dropped.status).toBe(1);
    const report = JSON.parse(dropped.stdout) as JsonReport;
    expect(report.findings.map((f) => [f.action, f.address, f.file])).toEqual([
      ['protection-removed', 'aws_db_instance.orders', fixturePath('weakening/base/main.tf')],
      ['protection-removed', 'module.audit_logs.aws_cloudwatch_log_group.this', fixturePath('weakening/base/modules/audit-logs/main.tf')],
    ]);
    // OpenTofu keeps the guard through main.tofu, but Terraform reads only main.tf, which drops it.
    const kept = run(tf('tofu-kept'));
    expect([kept.status, kept.stderr]).toEqual([1, '']);
    expect((JSON.parse(kept.stdout) as JsonReport).findings.map((f) => [f.action, f.address])).toEqual([['protection-removed', 'aws_db_instance.orders']]);
    const empty = run(['check', '--tf-base', fixturePath('weakening/base'), '--tf-head', tmp, join(tmp, 'safe.json')]);
    expect(empty.status).toBe(2);
    expect(oneLine(empty.stderr)).toBe(`plangate: ${tmp}: holds no .tf, .tf.json, .tofu or .tofu.json files: pass the directory of the root module`);
  });

  it('an unknown option or command: exit 2', () => {
    expect(oneLine(run(['check', '--colour', 'x.json']).stderr)).toMatch(/--colour/);
    expect(run(['check', '--colour', 'x.json']).status).toBe(2);
    expect(oneLine(run(['chekc', 'x.json']).stderr)).toMatch(/unknown command "chekc"/);
  });

  it('--help: exit 0 with usage', () => {
    const result = run(['check', '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: plangate check/);
  });
});

describe('a plan larger than the heap', () => {
  let large: string;
  let fits: string;

  beforeAll(() => {
    large = join(tmp, 'large.json');
    fits = join(tmp, 'fits.json');
    writeLargePlan(large, 30);
    writeLargePlan(fits, 9.5);
  });

  it.each([
    ['NODE_OPTIONS', { env: { NODE_OPTIONS: '--max-old-space-size=48' } }],
    ['a node flag', { nodeArgs: ['--max-old-space-size=48'] }],
  ])('is refused with exit 2, not a V8 crash, when the heap is limited by %s', (_how, options) => {
    const result = run(['check', large], options);
    expect(result.stderr).not.toMatch(/FATAL ERROR|heap out of memory/);
    expect(result.status).toBe(2);
    const line = oneLine(result.stderr);
    // Read in parts (it is past the whole-file limit), and refused once what it keeps would fill the heap.
    expect(line).toMatch(new RegExp(`^plangate: ${large}: the file is 30 MB, more than this process can hold \\(limit \\d+ MB of heap, and its changes alone need more than \\d+ MB\\)`));
    expect(line).toMatch(/--max-old-space-size/);
  });

  it('the largest plan the limit lets through is read without a crash', () => {
    const result = run(['check', '--format', 'json', fits], { env: { NODE_OPTIONS: '--max-old-space-size=48' } });
    expect(result.stderr).not.toMatch(/FATAL ERROR|heap out of memory/);
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as JsonReport).summary.changes).toBeGreaterThan(10000);
  });
});
