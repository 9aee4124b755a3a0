// The README stays true: every command it shows is listed here and run (the
// CLI) or checked where it runs (.ci/run, package.json); a command added to
// or dropped from the README without this list fails. The messages and the
// synopsis it quotes are the CLI's own.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, SKIP_LINE } from './corpus-path.js';
import { terraformPlanfile } from './plan/fixtures.js';
import { schemaProblems } from './report/report-schema.js';

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const CI = readFileSync(join(REPO_ROOT, '.ci/run'), 'utf8');
const SCRIPTS = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const tmp = mkdtempSync(join(tmpdir(), 'plangate-readme-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The commands the README shows: lines of its ```sh blocks, and code spans that are commands. */
function readmeCommands(): string[] {
  const inBlocks = [...README.matchAll(/^```sh\n([\s\S]*?)^```/gm)].flatMap((m) => (m[1] as string).split('\n'));
  const spans = [...README.matchAll(/`([^`\n]+)`/g)].map((m) => m[1] as string).filter((s) => /^(node dist\/cli\.js |npm |npx |\.ci\/run$|PLANGATE_CORPUS=\S+ )/.test(s));
  // A trailing comment is the README's gloss, not part of the command; `npx cdk …` and a bare `npm run` are prose.
  const commands = [...inBlocks, ...spans].map((line) => line.replace(/\s+#.*$/, '').trim()).filter((line) => line !== '' && !line.startsWith('#') && !line.includes('…') && line !== 'npm run');
  return [...new Set(commands)].sort();
}

function cli(args: string[], cwd = REPO_ROOT) {
  return spawnSync(process.execPath, [join(REPO_ROOT, 'dist/cli.js'), ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH } });
}

/** A README command that is `npm run NAME`: the script exists and .ci/run runs it (or why it cannot). */
const script = (name: string, inCi: boolean) => () => {
  expect(SCRIPTS[name], `package.json has no script "${name}"`).toBeDefined();
  if (inCi) expect(CI).toMatch(new RegExp(`npm run (--silent )?${name}\\b`));
};

/** How each README command is checked. The CLI commands run here; the rest run in .ci/run. */
const COMMANDS: Record<string, () => void> = {
  'node dist/cli.js check fixtures/terraform/example-destroy.json': () => {
    // "prints which protected resources the example plan destroys and exits 1 (blocked)"
    const run = cli(['check', 'fixtures/terraform/example-destroy.json']);
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^BLOCKED: /);
    expect(run.stdout).toContain('aws_db_instance.production');
  },
  'node dist/cli.js check --format json fixtures/terraform/example-destroy.json': () => {
    const run = cli(['check', '--format', 'json', 'fixtures/terraform/example-destroy.json']);
    expect(run.status, run.stderr).toBe(1);
    expect(schemaProblems(JSON.parse(run.stdout))).toEqual([]);
  },
  'npm ci && npm test': () => expect(CI).toContain('npm ci && npm test'),
  'npm test': () => expect(SCRIPTS.test).toMatch(/^vitest run --update none$/),
  'PLANGATE_CORPUS=/path/to/corpus npm test': () => expect(SKIP_LINE).toContain('PLANGATE_CORPUS=/path/to/corpus npm test'),
  'npx vitest run -u': () => expect(SCRIPTS.test).toMatch(/^vitest run /),
  'npm run build': script('build', true),
  'npm run typecheck': script('typecheck', true),
  'npm run lint': script('lint', true),
  // Minutes of generated 100 MB plans, and headless Chromium: run by hand, never in a test.
  'npm run bench': script('bench', false),
  'npm run render-example': script('render-example', false),
  '.ci/run': () => accessSync(join(REPO_ROOT, '.ci/run'), constants.X_OK),
  'node dist/cli.js guard install --agent claude --write': () => {
    const dir = mkdtempSync(join(tmp, 'claude-'));
    const run = cli(['guard', 'install', '--agent', 'claude', '--write'], dir);
    expect(run.status, run.stderr).toBe(0);
    const settings = JSON.parse(readFileSync(join(dir, '.claude/settings.json'), 'utf8')) as { hooks?: { PreToolUse?: unknown[] } };
    expect(JSON.stringify(settings.hooks?.PreToolUse)).toContain('guard');
  },
  'node dist/cli.js guard install --agent codex': () => {
    const run = cli(['guard', 'install', '--agent', 'codex']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('guard');
  },
};

describe('the README’s commands', () => {
  it('are exactly the ones this test knows how to check', () => {
    expect(readmeCommands()).toEqual(Object.keys(COMMANDS).sort());
  });

  it.each(Object.keys(COMMANDS))('%s', (command) => {
    (COMMANDS[command] as () => void)();
  });
});

describe('what the README quotes', () => {
  it('the synopsis names exactly the options `plangate --help` describes', () => {
    const synopsis = /^```\n(plangate check [\s\S]*?)^```/m.exec(README)?.[1] ?? '';
    const help = cli(['--help']);
    expect(help.status).toBe(0);
    const options = (text: string) => [...new Set(text.match(/--[a-z][a-z-]*/g) ?? [])].filter((o) => o !== '--help').sort();
    // The help's option lines, not its prose (which quotes `describe-change-set --output json`).
    const optionLines = help.stdout.split('\n').filter((line) => /^\s+(-[a-zA-Z], )?--/.test(line)).join('\n');
    expect(options(synopsis)).toEqual(options(optionLines));
    expect(options(synopsis).length).toBeGreaterThan(3);
  });

  it('the three error lines under "Exit status" are what plangate prints for such files (figures aside)', () => {
    const block = /^```\n(plangate: plan\.tfplan:[\s\S]*?)^```/m.exec(README)?.[1] ?? '';
    const lines = block.trim().split('\n');
    expect(lines).toHaveLength(3);
    writeFileSync(join(tmp, 'plan.tfplan'), terraformPlanfile());
    copyFileSync(join(REPO_ROOT, 'fixtures/bad/main.tf'), join(tmp, 'main.tf'));
    copyFileSync(join(REPO_ROOT, 'fixtures/bad/truncated.json'), join(tmp, 'plan.json'));
    const figuresAside = (line: string) => line.replace(/\d+/g, 'N');
    for (const line of lines) {
      const file = /^plangate: ([^:]+):/.exec(line)?.[1] as string;
      const run = cli(['check', file], tmp);
      expect(run.status).toBe(2);
      expect(figuresAside(run.stderr.trim())).toBe(figuresAside(line));
    }
  });

  it('the configuration error it quotes is the one plangate prints', () => {
    const quoted = /`(plangate: \.github\/plangate\.yml: rules\[0\]\.aprovals: [^`]+)`/.exec(README)?.[1];
    expect(quoted).toBeDefined();
    const dir = join(tmp, 'config');
    mkdirSync(join(dir, '.github'), { recursive: true });
    writeFileSync(join(dir, '.github/plangate.yml'), 'rules:\n  - name: production data\n    aprovals: 2\n    match: { types: [aws_db_instance] }\n');
    const run = cli(['check', join(REPO_ROOT, 'fixtures/terraform/safe-update.json')], dir);
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(quoted);
  });

  it('points to the JSON Schema of the report, which exists', () => {
    expect(README).toContain('[`schema/report.schema.json`](schema/report.schema.json)');
    expect(() => accessSync(join(REPO_ROOT, 'schema/report.schema.json'))).not.toThrow();
  });
});
