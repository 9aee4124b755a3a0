import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { parsePlan } from '../../src/plan/read-plan.js';
import type { Change } from '../../src/plan/types.js';
import { parseConfig } from '../../src/rules/config.js';
import { resourceTags } from '../../src/rules/match.js';
import { REPO_ROOT } from '../corpus-path.js';

const plan = (name: string) => parsePlan(readFileSync(join(REPO_ROOT, 'fixtures', name)), name);
const modules = plan('terraform/modules-destroy.json');
const nested = plan('cloudformation/nested-stacks.json');

/** Addresses (and actions) of the findings one rule gives on a plan, with no built-in pack. */
async function selected(match: string, plans = [modules], extra = ''): Promise<string[]> {
  const ruleSet = await parseConfig(`extends: []\nrules:\n  - name: r\n    match: ${match}\n${extra}`, 'test.yml');
  return analyse({ plans, readErrors: [], ruleSet }).findings.map((f) => `${f.action} ${f.address}`);
}

describe('a rule selects exactly the changes its keys describe', () => {
  it('types: globs on the resource type, over delete, replace and forget', async () => {
    expect(await selected('{ types: ["aws_db_*"] }')).toEqual(['delete module.app.module.db.aws_db_instance.main', 'replace module.tenant["acme \\"prod\\""].aws_db_instance.main']);
    expect(await selected('{ types: [aws_instance] }')).toEqual(['replace aws_instance.web[0]', 'delete aws_instance.web[1] (deposed abcd1234)', 'delete aws_instance.web[2]']);
    expect(await selected('{ types: ["aws_dynamodb_table", "aws_iam_role"] }')).toEqual(['forget aws_dynamodb_table.sessions', 'forget aws_iam_role.deploy']);
  });

  it('actions: only the listed ones', async () => {
    expect(await selected('{ types: ["*"], actions: [forget] }')).toEqual(['forget aws_dynamodb_table.sessions', 'forget aws_iam_role.deploy']);
    expect(await selected('{ types: ["aws_instance"], actions: [replace] }')).toEqual(['replace aws_instance.web[0]']);
  });

  it('addresses: ** crosses modules, index keys with dots and slashes, and the address before a move', async () => {
    expect(await selected('{ addresses: ["module.app.**"] }')).toEqual(['delete module.app.aws_sqs_queue.jobs', 'delete module.app.module.db.aws_db_instance.main']);
    expect(await selected('{ addresses: ["**.aws_db_instance.main"] }')).toEqual(['delete module.app.module.db.aws_db_instance.main', 'replace module.tenant["acme \\"prod\\""].aws_db_instance.main']);
    expect(await selected('{ addresses: [\'aws_s3_bucket.logs["team.a/eu"]\'] }')).toEqual(['delete aws_s3_bucket.logs["team.a/eu"]']);
    // module.app.aws_sqs_queue.jobs was moved from aws_sqs_queue.jobs: either name selects it.
    expect(await selected('{ addresses: ["aws_sqs_queue.jobs"] }')).toEqual(['delete module.app.aws_sqs_queue.jobs']);
    expect(await selected('{ addresses: ["aws_instance.web"] }')).toEqual(['replace aws_instance.web[0]', 'delete aws_instance.web[1] (deposed abcd1234)', 'delete aws_instance.web[2]']);
  });

  it('modules: a module covers the modules inside it; for_each instances of a module count', async () => {
    expect(await selected('{ modules: ["module.app"] }')).toEqual(['delete module.app.aws_sqs_queue.jobs', 'delete module.app.module.db.aws_db_instance.main']);
    expect(await selected('{ modules: ["module.tenant"] }')).toEqual(['replace module.tenant["acme \\"prod\\""].aws_db_instance.main']);
    expect(await selected('{ modules: ["module.legacy", "module.app.module.db"] }')).toEqual([
      'delete module.app.module.db.aws_db_instance.main',
      'delete module.legacy.aws_sns_topic.alerts',
    ]);
  });

  it('providers and tags (from the values before the change)', async () => {
    expect(await selected('{ providers: [random] }')).toEqual(['delete random_password.legacy']);
    // random_password.legacy's values are all sensitive: its tags are unknown, so the rule applies.
    expect(await selected('{ tags: { env: prod } }')).toEqual(['delete module.app.module.db.aws_db_instance.main', 'delete random_password.legacy']);
    expect(await selected('{ types: ["aws_*"], tags: { team: "team.*/eu" } }')).toEqual(['delete aws_s3_bucket.logs["team.a/eu"]']);
    expect(await selected('{ types: ["aws_*"], tags: { owner: acme } }')).toEqual(['replace module.tenant["acme \\"prod\\""].aws_db_instance.main']);
  });

  it('several keys must all hold', async () => {
    expect(await selected('{ types: ["aws_db_instance"], tags: { env: prod }, modules: ["module.app"] }')).toEqual(['delete module.app.module.db.aws_db_instance.main']);
    expect(await selected('{ types: ["aws_db_instance"], tags: { env: staging } }')).toEqual([]);
    expect(await selected('{ types: ["aws_db_instance"], providers: [google] }')).toEqual([]);
  });

  it('ignore: an ignored change is never a finding, but stays in the changes', async () => {
    const ruleSet = await parseConfig('extends: []\nrules:\n  - { name: r, match: { types: ["*"] } }\nignore: ["module.app.**", "random_password.*"]\n', 'test.yml');
    const analysis = analyse({ plans: [modules], readErrors: [], ruleSet });
    expect(analysis.findings.map((f) => f.address)).not.toContain('module.app.module.db.aws_db_instance.main');
    expect(analysis.findings.map((f) => f.address)).not.toContain('random_password.legacy');
    expect(analysis.findings.map((f) => f.address)).toContain('aws_instance.web[2]');
    expect(analysis.changes.map((c) => c.address)).toContain('module.app.module.db.aws_db_instance.main');
  });

  it('CloudFormation: logical id paths of nested stacks, types and tags', async () => {
    const all = await selected('{ types: ["AWS::*"] }', [nested]);
    const inStack = await selected('{ addresses: ["AppStack/**"] }', [nested]);
    expect(inStack.length).toBeGreaterThan(0);
    expect(inStack.every((f) => f.split(' ')[1]?.startsWith('AppStack/'))).toBe(true);
    expect(all.length).toBeGreaterThan(inStack.length);
    expect(await selected('{ modules: ["AppStack"] }', [nested])).toEqual(inStack);
  });

  it('the strictest of several matching rules: most approvals, highest severity, every approver set', async () => {
    const ruleSet = await parseConfig(
      `extends: []
rules:
  - { name: dbs, match: { types: [aws_db_instance] }, approvals: 1, severity: high, approvers: { users: [alice] } }
  - { name: prod, match: { tags: { env: prod } }, approvals: 2, severity: medium, approvers: { teams: [platform] } }
  - { name: anything, match: { types: ["*"] }, severity: critical }
`,
      'test.yml',
    );
    const finding = analyse({ plans: [modules], readErrors: [], ruleSet }).findings.find((f) => f.address === 'module.app.module.db.aws_db_instance.main');
    expect(finding).toMatchObject({ rule: 'prod', rules: ['dbs', 'prod', 'anything'], approvals: 2, severity: 'critical', approvers: { teams: ['platform'], users: ['alice'] } });
  });
});

describe('resourceTags', () => {
  const change = (values: unknown): Change => ({ file: 'f', format: 'terraform', address: 'a.b', resourceAddress: 'a.b', type: 'a', name: 'b', provider: 'a', module: '', action: 'delete', before: values });

  it('reads tags_all, tags, labels and CloudFormation Tags lists; unknown without values', () => {
    expect(resourceTags(change({ tags: { env: 'prod' }, tags_all: { env: 'prod', owner: 'x' } }))).toEqual(new Map([['env', 'prod'], ['owner', 'x']]));
    expect(resourceTags(change({ labels: { env: 'prod' } }))).toEqual(new Map([['env', 'prod']]));
    expect(resourceTags(change({ Tags: [{ Key: 'env', Value: 'prod' }] }))).toEqual(new Map([['env', 'prod']]));
    expect(resourceTags(change(undefined))).toBeUndefined();
    expect(resourceTags(change({ tags: '(sensitive)' }))).toBeUndefined();
  });

  it('a rule with tags applies when the plan shows no values at all (it cannot rule the resource out)', async () => {
    const bare = { ...change(undefined), file: 'bare.json' };
    const ruleSet = await parseConfig('extends: []\nrules:\n  - { name: r, match: { tags: { env: prod } } }\n', 'test.yml');
    const findings = analyse({ plans: [{ file: 'bare.json', format: 'terraform', changes: [bare], dependencies: new Map() }], readErrors: [], ruleSet }).findings;
    expect(findings.map((f) => f.address)).toEqual(['a.b']);
  });
});
