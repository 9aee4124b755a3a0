import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseConfig } from '../../src/rules/config.js';

const SOURCE = '.github/plangate.yml';

async function configError(text: string): Promise<InputError> {
  try {
    await parseConfig(text, SOURCE);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected the config to be refused');
}

describe('parseConfig', () => {
  it('reads every key of the documented example', async () => {
    const set = await parseConfig(
      `
extends: [recommended]
rules:
  - name: production data
    match:
      types: ["aws_db_instance", "aws_rds_*", "AWS::RDS::*"]
      addresses: ["module.prod.**"]
      modules: ["module.prod"]
      providers: ["aws"]
      tags: { env: prod }
      actions: [delete, replace, forget, protection-removed]
    approvals: 2
    approvers: { teams: [platform], users: [alice] }
    severity: critical
ignore: ["module.sandbox.**"]
override-label: plangate-override
`,
      SOURCE,
    );
    const rule = set.rules.find((r) => r.name === 'production data');
    expect(rule).toEqual({
      name: 'production data',
      severity: 'critical',
      approvals: 2,
      approvers: { teams: ['platform'], users: ['alice'] },
      match: {
        types: ['aws_db_instance', 'aws_rds_*', 'AWS::RDS::*'],
        addresses: ['module.prod.**'],
        modules: ['module.prod'],
        providers: ['aws'],
        tags: { env: 'prod' },
        actions: ['delete', 'replace', 'forget', 'protection-removed'],
      },
    });
    expect(set.packs).toEqual(['aws', 'google', 'azure', 'kubernetes', 'cloudformation', 'recommended']);
    expect(set.ignore).toEqual(['module.sandbox.**']);
    expect(set.overrideLabel).toBe('plangate-override');
  });

  it('defaults: extends [recommended], no ignore, label plangate-override; an empty file is all defaults', async () => {
    const set = await parseConfig('', SOURCE);
    expect(set.packs).toContain('recommended');
    expect(set.rules.length).toBeGreaterThan(50);
    expect(set).toMatchObject({ ignore: [], overrideLabel: 'plangate-override' });
  });

  it('extends: [] keeps only the rules written in the file', async () => {
    const set = await parseConfig('extends: []\nrules:\n  - name: only\n    match: { types: [aws_db_instance] }\n', SOURCE);
    expect(set.rules.map((r) => r.name)).toEqual(['only']);
    expect(set.rules[0]).toMatchObject({ severity: 'high', approvals: 1, approvers: { teams: [], users: [] } });
  });

  it.each([
    ['colour: red\n', /^\.github\/plangate\.yml: colour: unknown key "colour"; expected one of description, extends, rules, ignore, override-label, gate-approvers, gate-files, protected-bases, guard$/],
    ['rules:\n  - name: x\n    match: { types: [a] }\n    approval: 2\n', /rules\[0\]\.approval: unknown key "approval"/],
    ['rules:\n  - name: x\n    match: { type: [a] }\n', /rules\[0\]\.match\.type: unknown key "type"; expected one of types, addresses, modules, providers, tags, actions/],
    ['rules:\n  - name: x\n    match: { types: aws_db_instance }\n', /rules\[0\]\.match\.types: expected a list, got "aws_db_instance"/],
    ['rules:\n  - name: x\n    match: { types: [] }\n', /rules\[0\]\.match\.types: expected a non-empty list/],
    ['rules:\n  - name: x\n    match: {}\n', /rules\[0\]\.match: expected at least one of types, addresses, modules, providers, tags/],
    ['rules:\n  - name: x\n    match: { types: [a], actions: [destroy] }\n', /rules\[0\]\.match\.actions\[0\]: expected one of delete, replace, forget, protection-removed, got "destroy"/],
    ['rules:\n  - name: x\n    match: { types: [a] }\n    approvals: 0\n', /rules\[0\]\.approvals: expected a whole number from 1 to 20, got 0/],
    ['rules:\n  - name: x\n    match: { types: [a] }\n    severity: urgent\n', /rules\[0\]\.severity: expected one of critical, high, medium, low, got "urgent"/],
    ['rules:\n  - name: x\n    match: { types: [a] }\n    approvers: { team: [x] }\n', /rules\[0\]\.approvers\.team: unknown key "team"/],
    ['rules:\n  - name: x\n    match: { types: [a], tags: { env: [prod] } }\n', /rules\[0\]\.match\.tags\.env: expected a non-empty string, got a list/],
    ['rules:\n  - match: { types: [a] }\n', /rules\[0\]\.name: expected a non-empty string, got nothing/],
    ['rules:\n  - { name: x, match: { types: [a] } }\n  - { name: x, match: { types: [b] } }\n', /rules\[1\]\.name: expected a unique rule name \("x" is used twice\)/],
    ['rules:\n  - { name: aws-relational-databases, match: { types: [b] } }\n', /rules\[0\]\.name: "aws-relational-databases" is already a rule of a built-in pack/],
    ['extends: [recomended]\n', /extends: unknown rule pack "recomended"; built-in packs are recommended, aws, google, azure, cloudformation, kubernetes/],
    ['ignore: module.sandbox.**\n', /ignore: expected a list, got "module\.sandbox\.\*\*"/],
    ['override-label: "a,b"\n', /override-label: expected a GitHub label name/],
    ['rules: [\n', /invalid YAML at line \d+ column \d+/],
    ['a: 1\na: 2\n', /invalid YAML at line 2 column 1: Map keys must be unique/],
    ['- just\n- a list\n', /\(top level\): expected a mapping, got a list/],
  ])('refuses %j naming the file, the key path and what was expected', async (text, message) => {
    const error = await configError(text);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(`${SOURCE}: `)).toBe(true);
    expect(error.message).not.toContain('\n');
  });
});

describe('the gate rule', () => {
  it('its name is reserved: a config rule of that name would stand in for it', async () => {
    const error = await parseConfig('rules:\n  - name: gate-files-changed\n    match: { types: ["*"] }\n', '.github/plangate.yml').catch((e: unknown) => e);
    expect((error as Error).message).toBe('.github/plangate.yml: rules[0].name: "gate-files-changed" is the rule for changes to the gate\'s own files; choose another name');
  });
});
