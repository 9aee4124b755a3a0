// `plangate guard` as the agents run it: dist/cli.js as a subprocess, the hook JSON on stdin, a stub
// `terraform` on PATH that prints a plan's JSON for a plan file, a config, and the audit log.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claudePayload, codexPayload } from '../guard/payloads.js';
import { fixtureJson, fixturePath, ROOT } from '../plan/fixtures.js';
import { ensureBuilt } from './build-dist.js';

const CLI = join(ROOT, 'dist/cli.js');
let tmp: string;
let bin: string;

beforeAll(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'plangate-guard-'));
  bin = join(tmp, 'bin');
  mkdirSync(bin);
  const plans = join(tmp, 'plans');
  mkdirSync(plans);
  writeFileSync(join(plans, 'destroy.json'), readFileSync(fixturePath('terraform/example-destroy.json')));
  const created = fixtureJson('terraform/example-destroy.json') as { resource_changes: { change: { actions: string[] } }[] };
  created.resource_changes = created.resource_changes.filter((rc) => rc.change.actions.join() === 'create');
  writeFileSync(join(plans, 'create.json'), JSON.stringify(created));
  // The stub answers `show -json PLANFILE` from plans/PLANFILE.json, in whatever directory it runs; it logs its calls.
  writeFileSync(
    join(bin, 'terraform'),
    `#!/bin/sh\necho "$PWD $*" >> "${join(tmp, 'calls.log')}"\n[ "$1" = show ] && [ "$2" = -json ] || { echo "stub: unexpected $*" >&2; exit 1; }\nf="${plans}/$(basename "$3" .tfplan).json"\n[ -f "$f" ] || { echo "Error: Failed to load plan file $3" >&2; exit 1; }\ncat "$f"\n`,
  );
  chmodSync(join(bin, 'terraform'), 0o755);
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function guard(payload: unknown, args: string[] = ['--agent', 'claude'], cwd = tmp): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };
  for (const key of ['TF_CLI_ARGS', 'TF_CLI_ARGS_apply', 'TF_WORKSPACE', 'TF_DATA_DIR', 'NODE_OPTIONS']) delete env[key];
  const result = spawnSync(process.execPath, [CLI, 'guard', ...args], { cwd, env, input: typeof payload === 'string' ? payload : JSON.stringify(payload), encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function claudeDecision(run: Run): { permissionDecision: string; permissionDecisionReason: string } {
  expect(run.status, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { hookSpecificOutput: { permissionDecision: string; permissionDecisionReason: string } }).hookSpecificOutput;
}

describe('plangate guard', () => {
  it('the quiet path: a harmless command is allowed with no output', () => {
    for (const command of ['npm test', 'terraform plan -out=tfplan', 'aws s3 ls', 'git status']) {
      expect(guard(claudePayload(command, tmp))).toEqual({ status: 0, stdout: '', stderr: '' });
      expect(guard(codexPayload(command, tmp), ['--agent', 'codex'])).toEqual({ status: 0, stdout: '', stderr: '' });
    }
  });

  it('a plan file that deletes a protected database: ask, naming the database and its data at risk', () => {
    const answer = claudeDecision(guard(claudePayload('terraform apply destroy.tfplan', tmp)));
    expect(answer.permissionDecision).toBe('ask');
    expect(answer.permissionDecisionReason).toContain('delete aws_db_instance.production (aws_db_instance)');
    expect(answer.permissionDecisionReason).toMatch(/data at risk: /);
    expect(answer.permissionDecisionReason).toContain('aws_s3_bucket.uploads');
  });

  it('a plan file that only creates: allowed, after terraform show -json ran where the apply will', () => {
    mkdirSync(join(tmp, 'infra', 'prod'), { recursive: true });
    expect(guard(claudePayload('cd infra && terraform -chdir=prod apply -auto-approve create.tfplan', tmp))).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(readFileSync(join(tmp, 'calls.log'), 'utf8')).toContain(`${join(tmp, 'infra', 'prod')} show -json create.tfplan`);
  });

  it('Codex cannot ask: the same plan file is denied (exit 2) with the summary', () => {
    const run = guard(codexPayload('terraform apply destroy.tfplan', tmp), ['--agent', 'codex']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('aws_db_instance.production');
    expect(run.stderr).toContain('a person must run it');
  });

  it('a failing show -json blocks, never allows', () => {
    const answer = claudeDecision(guard(claudePayload('terraform apply missing.tfplan', tmp)));
    expect(answer.permissionDecision).toBe('deny');
    expect(answer.permissionDecisionReason).toContain('Failed to load plan file missing.tfplan');
    const noTerraform = spawnSync(process.execPath, [CLI, 'guard', '--agent', 'claude'], { cwd: tmp, env: { ...process.env, PATH: '/nonexistent' }, input: JSON.stringify(claudePayload('terraform apply create.tfplan', tmp)), encoding: 'utf8' });
    expect(claudeDecision({ status: noTerraform.status, stdout: noTerraform.stdout, stderr: noTerraform.stderr }).permissionDecision).toBe('deny');
  });

  it('TF_CLI_ARGS in the environment: the plan file alone is not what runs, so it is denied', () => {
    const run = spawnSync(process.execPath, [CLI, 'guard', '--agent', 'claude'], { cwd: tmp, env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`, TF_CLI_ARGS_apply: '-parallelism=1' }, input: JSON.stringify(claudePayload('terraform apply create.tfplan', tmp)), encoding: 'utf8' });
    expect(claudeDecision({ status: run.status, stdout: run.stdout, stderr: run.stderr }).permissionDecision).toBe('deny');
  });

  it('malformed hook input blocks with exit 2 in every agent', () => {
    for (const args of [['--agent', 'claude'], ['--agent', 'codex'], []]) {
      const run = guard('{"tool_name": "Bash", "tool_input": {"command": 7}}', args);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^plangate guard: blocked, because it cannot decide: hook input: tool_input.command/);
    }
    expect(guard('', ['--agent', 'claude']).status).toBe(2);
    expect(guard(claudePayload('ls'), ['--agent', 'cursor']).status).toBe(2);
  });

  describe('with a config', () => {
    let repo: string;
    beforeAll(() => {
      repo = join(tmp, 'repo');
      mkdirSync(join(repo, '.github'), { recursive: true });
      mkdirSync(join(repo, 'sandbox', '.terraform'), { recursive: true });
      writeFileSync(join(repo, 'sandbox', '.terraform', 'environment'), 'sandbox-42\n');
      writeFileSync(
        join(repo, '.github', 'plangate.yml'),
        'extends: [recommended]\nguard:\n  decisions: { destroy: deny }\n  extra-commands: ["make nuke", "./scripts/nuke.sh"]\n  allow-workspaces: ["sandbox-*"]\n  audit-log: .plangate/guard.jsonl\n',
      );
    });

    it('deny per kind, extra commands, allow-listed workspaces, and one audit line per ask or deny', () => {
      const sub = join(repo, 'sandbox');
      expect(claudeDecision(guard(claudePayload('terraform destroy', repo))).permissionDecision).toBe('deny');
      expect(claudeDecision(guard(claudePayload('make nuke ALL=1', repo))).permissionDecision).toBe('ask');
      expect(guard(claudePayload('make build', repo))).toEqual({ status: 0, stdout: '', stderr: '' });
      expect(claudeDecision(guard(claudePayload('./scripts/nuke.sh', repo))).permissionDecision).toBe('ask');
      // The workspace Terraform would use: .terraform/environment in the directory, or TF_WORKSPACE on the command.
      expect(guard(claudePayload('terraform destroy -auto-approve', sub))).toEqual({ status: 0, stdout: '', stderr: '' });
      expect(guard(claudePayload('TF_WORKSPACE=sandbox-1 terraform apply -auto-approve', repo))).toEqual({ status: 0, stdout: '', stderr: '' });
      expect(claudeDecision(guard(claudePayload('TF_WORKSPACE=prod terraform apply -auto-approve', repo))).permissionDecision).toBe('ask');
      // A line that does more may switch the workspace first: the file on disk does not count then.
      expect(claudeDecision(guard(claudePayload('terraform workspace select prod && terraform destroy', sub))).permissionDecision).toBe('deny');
      const lines = readFileSync(join(repo, '.plangate', 'guard.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.map((l) => [l.command, l.decision])).toEqual([
        ['terraform destroy', 'deny'],
        ['make nuke ALL=1', 'ask'],
        ['./scripts/nuke.sh', 'ask'],
        ['TF_WORKSPACE=prod terraform apply -auto-approve', 'ask'],
        ['terraform workspace select prod && terraform destroy', 'deny'],
      ]);
      expect(lines[0]).toMatchObject({ agent: 'claude', tool: 'Bash', cwd: repo, findings: [{ kind: 'destroy', command: 'terraform destroy' }] });
      expect(typeof lines[0]?.time).toBe('string');
    });

    it('a broken config blocks an infrastructure command', () => {
      const broken = join(tmp, 'broken');
      mkdirSync(join(broken, '.github'), { recursive: true });
      writeFileSync(join(broken, '.github', 'plangate.yml'), 'guard:\n  decisions: { destroy: maybe }\n');
      const run = guard(claudePayload('terraform destroy', broken));
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('guard.decisions.destroy: expected one of ask, deny, got "maybe"');
      writeFileSync(join(broken, '.github', 'plangate.yml'), 'guard:\n  extra-commands: ["make $X"]\n');
      expect(guard(claudePayload('ls', broken)).status).toBe(2);
    });
  });

  it('install prints, or merges, the hook configuration for each agent', () => {
    const project = join(tmp, 'project');
    mkdirSync(join(project, '.claude'), { recursive: true });
    writeFileSync(join(project, '.claude', 'settings.json'), JSON.stringify({ permissions: { allow: ['Bash(npm test)'] } }));
    const printed = spawnSync(process.execPath, [CLI, 'guard', 'install', '--agent', 'codex'], { cwd: project, encoding: 'utf8' });
    expect(printed.status).toBe(0);
    expect(JSON.parse(printed.stdout)).toEqual({ hooks: { PreToolUse: [{ matcher: '^Bash$', hooks: [{ type: 'command', command: `node ${CLI} guard --agent codex`, timeout: 120 }] }] } });
    expect(existsSync(join(project, '.codex'))).toBe(false);
    for (let i = 0; i < 2; i++) expect(spawnSync(process.execPath, [CLI, 'guard', 'install', '--agent', 'claude', '--write'], { cwd: project, encoding: 'utf8' }).status).toBe(0);
    expect(JSON.parse(readFileSync(join(project, '.claude', 'settings.json'), 'utf8'))).toEqual({
      permissions: { allow: ['Bash(npm test)'] },
      hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: `node ${CLI} guard --agent claude`, timeout: 120 }] }] },
    });
    expect(spawnSync(process.execPath, [CLI, 'guard', 'install'], { cwd: project, encoding: 'utf8' }).status).toBe(2);
  });
});
