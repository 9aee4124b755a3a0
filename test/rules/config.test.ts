import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { configPaths, oneConfig, parseConfig } from '../../src/rules/config.js';

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
    ['extends: [recomended]\n', /extends\[0\]: unknown rule pack "recomended"; built-in packs are recommended, aws, google, azure, cloudformation, kubernetes/],
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

describe('every problem of a config in one run', () => {
  it('lists them in file order, each naming its key path, whatever order plangate checks keys in', async () => {
    const text = [
      'ignore: ["module..x"]', // line 1
      'colour: red',
      'rules:',
      '  - name: a',
      '    severity: urgent',
      '    approvals: 0',
      '    match: { types: [" aws_db_instance"], actions: [destroy] }',
      '  - name: a',
      '    match: { addresses: ["aws_instance.web[0"] }',
      '  - name: aws-relational-databases',
      '    match: { types: [aws_db_instance] }',
      'extends: [recommended, recomended]',
      'override-label: "a,b"',
      '',
    ].join('\n');
    const error = await configError(text);
    expect(error.lines()).toEqual([
      `${SOURCE}: ignore[0]: expected an address glob without empty parts (no leading, trailing or doubled . or /), got "module..x"`,
      `${SOURCE}: colour: unknown key "colour"; expected one of description, extends, rules, ignore, override-label, gate-approvers, gate-files, protected-bases, guard`,
      `${SOURCE}: rules[0].severity: expected one of critical, high, medium, low, got "urgent"`,
      `${SOURCE}: rules[0].approvals: expected a whole number from 1 to 20, got 0`,
      `${SOURCE}: rules[0].match.types[0]: expected a glob without spaces at its ends (they would have to be in the name), got " aws_db_instance"`,
      `${SOURCE}: rules[0].match.actions[0]: expected one of delete, replace, forget, protection-removed, got "destroy"`,
      `${SOURCE}: rules[1].match.addresses[0]: expected an address glob whose [ and ] pair up, as in aws_instance.web[0], got "aws_instance.web[0"`,
      `${SOURCE}: rules[2].name: "aws-relational-databases" is already a rule of a built-in pack; choose another name`,
      `${SOURCE}: extends[1]: unknown rule pack "recomended"; built-in packs are recommended, aws, google, azure, cloudformation, kubernetes`,
      `${SOURCE}: override-label: expected a GitHub label name: at most 50 characters, no commas or newlines, got "a,b"`,
    ]);
    // The message alone stays one line and says more follow.
    expect(error.message).toBe(`${error.lines()[0]} (and 9 more problems in ${SOURCE})`);
  });

  it('a duplicate name is named where it is, after the rules that failed before it', async () => {
    const error = await configError('rules:\n  - { name: x, match: {} }\n  - { name: y, match: { types: [a] } }\n  - { name: y, match: { types: [b] } }\n');
    expect(error.lines()).toEqual([
      `${SOURCE}: rules[0].match: expected at least one of types, addresses, modules, providers, tags (a rule for everything says types: ["*"])`,
      `${SOURCE}: rules[2].name: expected a unique rule name ("y" is used twice)`,
    ]);
  });

  it('every YAML error, not only the first', async () => {
    const error = await configError('a: 1\na: 2\nb: 1\nb: 2\n');
    expect(error.lines()).toEqual([`${SOURCE}: invalid YAML at line 2 column 1: Map keys must be unique`, `${SOURCE}: invalid YAML at line 4 column 1: Map keys must be unique`]);
  });
});

describe('a malformed glob is an error, never a glob that matches nothing', () => {
  it.each([
    ['types', 'aws_{db,rds_instance', 'a glob whose { and } pair up'],
    ['types', 'aws_db_instance}', 'a glob whose { and } pair up'],
    ['providers', 'aws[0-9', 'a glob whose [ and ] pair up'],
    ['types', '!aws_s3_bucket', 'a glob without a leading !'],
    ['addresses', 'module.app["eu].*', 'an address glob whose quoted index keys end'],
    ['addresses', 'aws_instance.web]', 'an address glob whose [ and ] pair up'],
    ['modules', 'module.prod.', 'an address glob without empty parts'],
    ['addresses', 'Stack//Db', 'an address glob without empty parts'],
  ])('match.%s: %j', async (key, glob, expected) => {
    const error = await configError(`rules:\n  - name: x\n    match: { ${key}: [${JSON.stringify(glob)}] }\n`);
    expect(error.message).toContain(`rules[0].match.${key}[0]: expected ${expected}`);
  });

  it.each([
    ['tags value', 'rules:\n  - name: x\n    match: { tags: { env: "prod{" } }\n', 'rules[0].match.tags.env: expected a glob whose { and } pair up'],
    ['ignore', 'ignore: ["module.{a,b"]\n', 'ignore[0]: expected a glob whose { and } pair up'],
    // A negated base would let every other branch's pull requests pass.
    ['protected-bases', 'protected-bases: ["!main"]\n', 'protected-bases[0]: expected a glob without a leading !'],
    ['gate-files', 'gate-files: ["scripts/{a,b.sh"]\n', 'gate-files[0]: expected a glob whose { and } pair up'],
  ])('%s', async (_what, text, expected) => {
    expect((await configError(text)).message).toContain(expected);
  });

  it('globs that are well formed pass: classes, braces, index keys with dots and braces inside quotes', async () => {
    const set = await parseConfig(
      'rules:\n  - name: x\n    match:\n      types: ["aws_{db,rds}_*", "db[0-9]"]\n      addresses: [\'module.app["eu.west/1"].*\', "aws_instance.web[0]", "Stack/Db*"]\n',
      SOURCE,
    );
    expect(set.rules.at(-1)?.match.addresses).toHaveLength(3);
  });
});

describe('warnings: a config that is valid but most likely not what was meant', () => {
  it('a rule whose types match no type plangate knows', async () => {
    const set = await parseConfig('rules:\n  - name: typo\n    match: { types: [aws_db_instanse, "aws_rds_clster*"] }\n  - name: fine\n    match: { types: [aws_db_instance, my_own_type] }\n', SOURCE);
    expect(set.warnings).toEqual([
      `${SOURCE}: rules[0].match.types: no resource type plangate knows matches "aws_db_instanse", "aws_rds_clster*": check the spelling (rule "typo" still matches these types if a plan has them)`,
    ]);
    // Still a rule: plangate matches what it was told.
    expect(set.rules.map((r) => r.name)).toContain('typo');
  });

  it('types the built-in packs name count as known (kubernetes has no entry of its own)', async () => {
    const set = await parseConfig('rules:\n  - name: volumes\n    match: { types: ["kubernetes_persistent_volume*"] }\n', SOURCE);
    expect(set.warnings).toBeUndefined();
  });

  it('a config that protects nothing', async () => {
    expect((await parseConfig('extends: []\n', SOURCE)).warnings).toEqual([
      `${SOURCE}: protects nothing: it has \`extends: []\` and no rules, so only changes to the gate's own files need approval; add rules or extend a built-in pack`,
    ]);
    expect((await parseConfig('ignore: ["**"]\n', SOURCE)).warnings).toEqual([`${SOURCE}: ignore[0]: "**" ignores every resource, so the config protects nothing but the gate's own files`]);
  });

  it('the default config and the README example have none', async () => {
    expect((await parseConfig('', SOURCE)).warnings).toBeUndefined();
    expect((await parseConfig('rules:\n  - name: db\n    match: { types: ["aws_db_*", "AWS::RDS::*"], tags: { env: prod } }\n', SOURCE)).warnings).toBeUndefined();
  });
});

describe('where the config is', () => {
  it('the named path, else both default names, .yml first', () => {
    expect(configPaths(undefined)).toEqual(['.github/plangate.yml', '.github/plangate.yaml']);
    expect(configPaths('ci/plangate.yml')).toEqual(['ci/plangate.yml']);
  });

  it('two configs at once is an error: which one applies would be a guess', () => {
    expect(oneConfig(['.github/plangate.yaml'])).toBe('.github/plangate.yaml');
    expect(oneConfig([])).toBeUndefined();
    expect(() => oneConfig(['.github/plangate.yml', '.github/plangate.yaml'], ' on main (abc1234)')).toThrow(
      '.github/plangate.yml: .github/plangate.yaml exists too on main (abc1234): plangate reads only one config; delete one of them',
    );
  });
});
