import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../corpus-path.js';

const cli = (...args: string[]) => spawnSync(process.execPath, [join(REPO_ROOT, 'dist/cli.js'), 'check', ...args], { cwd: REPO_ROOT, encoding: 'utf8' });

// One Terraform plan and one CloudFormation change set, each with a dependent and data at risk.
const cases = [
  { file: 'fixtures/terraform/example-destroy.json', address: 'aws_db_instance.production', dependent: 'aws_instance.app', data: 'no final snapshot: the data is gone' },
  { file: 'fixtures/cloudformation/remove-orders-table.json', address: 'Orders', dependent: 'Processor', data: 'point-in-time recovery' },
];

describe.each(cases)('blast radius of $address in every report format', ({ file, address, dependent, data }) => {
  it('JSON: dependents, dataAtRisk, approvals and approvers on the finding', () => {
    const run = cli('--format', 'json', file);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: Array<{ address: string; dependents: string[]; dataAtRisk: string[]; approvals: number; approvers: object }> };
    const finding = report.findings.find((f) => f.address === address);
    expect(finding?.dependents).toContain(dependent);
    expect(finding?.dataAtRisk.join('\n')).toContain(data);
    expect(finding).toMatchObject({ approvals: 1, approvers: { teams: [], users: [] } });
  });

  it.each(['markdown', 'text'])('%s: names the dependent and the data at risk', (format) => {
    const run = cli('--format', format, file);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(dependent);
    expect(run.stdout).toContain(data);
  });
});
