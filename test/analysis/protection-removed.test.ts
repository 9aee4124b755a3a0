import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPlans } from '../../src/check.js';
import { readPreventDestroy, removedPreventDestroy } from '../../src/plan/terraform-source.js';
import { defaultRuleSet, parseConfig } from '../../src/rules/config.js';
import { REPO_ROOT } from '../corpus-path.js';

const weakening = (name: string) => join(REPO_ROOT, 'fixtures/weakening', name);

describe('a guard switched off is a protection-removed finding under the recommended pack', () => {
  it.each([
    ['rds-deletion-protection-off.json', 'deletion_protection', 'true', 'false'],
    ['s3-force-destroy-on.json', 'force_destroy', 'false', 'true'],
    ['dynamodb-deletion-protection-off.json', 'deletion_protection_enabled', 'true', 'false'],
    ['instance-api-termination-on.json', 'disable_api_termination', 'true', 'false'],
    ['lb-deletion-protection-off.json', 'enable_deletion_protection', 'true', 'false'],
    ['skip-final-snapshot-on.json', 'skip_final_snapshot', 'false', 'true'],
    ['google-sql-deletion-protection-off.json', 'deletion_protection', 'true', 'false'],
    ['cfn-dbcluster-deletion-protection-off.json', 'DeletionProtection', 'true', 'false'],
  ])('%s: %s %s → %s', async (file, guard, from, to) => {
    const analysis = await checkPlans([weakening(file)], defaultRuleSet());
    expect(analysis.decision).toBe('blocked');
    const findings = analysis.findings.filter((f) => f.action === 'protection-removed');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.flatMap((f) => f.weakenings ?? []).some((w) => w.guard === guard && w.from === from && w.to === to)).toBe(true);
  });

  it('a CloudFormation DeletionPolicy moved off Retain, as the change set details show it', async () => {
    const changeSet = {
      ChangeSetId: 'arn:aws:cloudformation:eu-west-1:123456789012:changeSet/policy/1',
      ChangeSetName: 'policy',
      StackName: 'shop-prod',
      Status: 'CREATE_COMPLETE',
      ExecutionStatus: 'AVAILABLE',
      Changes: [
        {
          Type: 'Resource',
          ResourceChange: {
            Action: 'Modify',
            LogicalResourceId: 'OrdersDb',
            PhysicalResourceId: 'orders-prod',
            ResourceType: 'AWS::RDS::DBInstance',
            Replacement: 'False',
            Scope: ['DeletionPolicy'],
            Details: [{ Target: { Attribute: 'DeletionPolicy', AttributeChangeType: 'Modify', BeforeValue: 'Retain', AfterValue: 'Delete', RequiresRecreation: 'Never' }, Evaluation: 'Static', ChangeSource: 'DirectModification' }],
          },
        },
      ],
    };
    const dir = mkdtempSync(join(tmpdir(), 'plangate-policy-'));
    const file = join(dir, 'policy.json');
    writeFileSync(file, JSON.stringify(changeSet));
    const analysis = await checkPlans([file], defaultRuleSet());
    rmSync(dir, { recursive: true });
    expect(analysis.decision).toBe('blocked');
    expect(analysis.findings.map((f) => [f.action, f.address, f.weakenings?.map((w) => `${w.guard} ${w.from} → ${w.to}`)])).toEqual([
      ['protection-removed', 'OrdersDb', ['DeletionPolicy Retain → Delete']],
    ]);
  });

  it('a rule that leaves protection-removed out of its actions does not see the weakening', async () => {
    const ruleSet = await parseConfig('extends: []\nrules:\n  - { name: dbs, match: { types: [aws_db_instance], actions: [delete, replace] } }\n', 'test.yml');
    expect((await checkPlans([weakening('rds-deletion-protection-off.json')], ruleSet)).decision).toBe('pass');
  });
});

describe('lifecycle prevent_destroy removed, seen only in the Terraform sources', () => {
  it('is a finding even when the plan does not touch the resource', async () => {
    const sources = removedPreventDestroy(await readPreventDestroy(weakening('base')), await readPreventDestroy(weakening('head')));
    const analysis = await checkPlans([join(REPO_ROOT, 'fixtures/terraform/safe-update.json')], defaultRuleSet(), { sourceWeakenings: sources });
    expect(analysis.decision).toBe('blocked');
    expect(analysis.findings.map((f) => [f.action, f.address, f.weakenings?.map((w) => w.guard)])).toEqual([
      ['protection-removed', 'aws_db_instance.orders', ['lifecycle.prevent_destroy']],
    ]);
    expect(analysis.findings[0]?.file).toMatch(/fixtures\/weakening\/base\/main\.tf$/);
  });

  it('joins the delete of the same resource instead of a second finding', async () => {
    const sources = [{ address: 'aws_db_instance.production', type: 'aws_db_instance', file: 'main.tf', weakening: { guard: 'lifecycle.prevent_destroy', from: 'true', to: '(removed)', description: 'x' } }];
    const analysis = await checkPlans([join(REPO_ROOT, 'fixtures/terraform/example-destroy.json')], defaultRuleSet(), { sourceWeakenings: sources });
    const db = analysis.findings.filter((f) => f.address === 'aws_db_instance.production');
    expect(db.map((f) => [f.action, f.weakenings?.map((w) => w.guard)])).toEqual([['delete', ['lifecycle.prevent_destroy']]]);
  });

  it('through the bundled CLI: --tf-base/--tf-head give exit 1 and name the guard; one without the other is exit 2', () => {
    const cli = join(REPO_ROOT, 'dist/cli.js');
    const plan = join(REPO_ROOT, 'fixtures/terraform/safe-update.json');
    const both = spawnSync(process.execPath, [cli, 'check', '--format', 'json', '--tf-base', weakening('base'), '--tf-head', weakening('head'), plan], { encoding: 'utf8' });
    expect(both.status).toBe(1);
    const report = JSON.parse(both.stdout) as { findings: Array<{ action: string; address: string }> };
    expect(report.findings.map((f) => `${f.action} ${f.address}`)).toEqual(['protection-removed aws_db_instance.orders']);
    const plain = spawnSync(process.execPath, [cli, 'check', plan], { encoding: 'utf8' });
    expect(plain.status).toBe(0);
    const one = spawnSync(process.execPath, [cli, 'check', '--tf-base', weakening('base'), plan], { encoding: 'utf8' });
    expect(one.status).toBe(2);
    expect(one.stderr).toBe('plangate: --tf-head: give both --tf-base DIR and --tf-head DIR: the Terraform sources before and after the change\n');
  });
});
