// schema/config.schema.json is what editors check .github/plangate.yml with; plangate checks it
// with its own validator, whose messages name key paths. The two must agree: a config plangate
// takes is never red in an editor, and what the schema refuses plangate refuses too. A few checks
// no JSON Schema can state (unique names, the packs' own rule names, brackets that pair up) are
// plangate's alone, and listed here as such.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { isInputError } from '../../src/errors.js';
import { parseConfig } from '../../src/rules/config.js';
import { PACK_NAMES } from '../../src/rules/packs.js';
import { MATCH_ACTIONS, SEVERITIES } from '../../src/rules/types.js';
import { CONFIG_KEYS } from '../../src/rules/validate.js';
import { ROOT } from '../plan/fixtures.js';

interface Enum {
  enum: string[];
}
interface ConfigSchema {
  properties: Record<string, unknown> & { extends: { items: Enum } };
  definitions: { rule: { properties: { severity: Enum } }; match: { properties: { actions: { items: Enum } } } };
}
const SCHEMA = JSON.parse(readFileSync(join(ROOT, 'schema/config.schema.json'), 'utf8')) as ConfigSchema;
const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(SCHEMA);

async function plangateAccepts(text: string): Promise<boolean> {
  try {
    await parseConfig(text, 'plangate.yml');
    return true;
  } catch (error) {
    if (!isInputError(error)) throw error;
    return false;
  }
}

function schemaAccepts(text: string): boolean {
  return validate(parse(text, { uniqueKeys: true }) ?? null);
}

const FIXTURES = readdirSync(join(ROOT, 'fixtures/config')).map((name) => [name, readFileSync(join(ROOT, 'fixtures/config', name), 'utf8')] as const);
const README_CONFIG = /## Configuration[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readFileSync(join(ROOT, 'README.md'), 'utf8'))?.[1] ?? '';

describe('schema/config.schema.json', () => {
  it('names what plangate knows: the keys, the packs, the severities and the actions', () => {
    expect(Object.keys(SCHEMA.properties)).toEqual([...CONFIG_KEYS]);
    expect(SCHEMA.properties.extends.items.enum).toEqual(PACK_NAMES);
    expect(SCHEMA.definitions.rule.properties.severity.enum).toEqual([...SEVERITIES]);
    expect(SCHEMA.definitions.match.properties.actions.items.enum).toEqual([...MATCH_ACTIONS]);
    // The README's example was found: an empty text would pass both below without saying anything.
    expect(README_CONFIG).toMatch(/^extends: .*\nrules:\n/);
  });

  it.each([...FIXTURES, ['the README example', README_CONFIG] as const])('both take %s', async (_name, text) => {
    expect(await plangateAccepts(text)).toBe(true);
    expect(schemaAccepts(text), JSON.stringify(validate.errors)).toBe(true);
  });

  const rule = (match: string, more = '') => `rules:\n  - name: r\n    match: ${match}\n${more}`;
  it.each([
    'colour: red\n',
    '- a list\n',
    'extends: recommended\n',
    // `extends:` with nothing after it once read as `extends: []`, dropping every built-in rule.
    'extends:\n',
    'ignore:\n',
    'extends: [recomended]\n',
    'description: "  "\n',
    rule('{ types: [aws_db_instance] }', '    approval: 2\n'),
    rule('{ types: [aws_db_instance] }', '    approvals: 0\n'),
    rule('{ types: [aws_db_instance] }', '    approvals: 21\n'),
    rule('{ types: [aws_db_instance] }', '    approvals: 1.5\n'),
    rule('{ types: [aws_db_instance] }', '    severity: urgent\n'),
    rule('{ types: [aws_db_instance] }', '    reason: ""\n'),
    rule('{ types: [aws_db_instance] }', '    approvers: { team: [a] }\n'),
    rule('{ types: [aws_db_instance] }', '    approvers: { teams: [""] }\n'),
    rule('{}'),
    rule('{ types: [] }'),
    rule('{ types: aws_db_instance }'),
    rule('{ type: [aws_db_instance] }'),
    rule('{ types: [" aws_db_instance"] }'),
    rule('{ types: ["!aws_db_instance"] }'),
    rule('{ addresses: [".aws_db_instance.main"] }'),
    rule('{ modules: ["module.prod."] }'),
    rule('{ types: [a], actions: [destroy] }'),
    rule('{ tags: {} }'),
    rule('{ tags: { env: [prod] } }'),
    rule('{ tags: { env: null } }'),
    'rules:\n  - match: { types: [a] }\n',
    'rules:\n  - name: gate-files-changed\n    match: { types: [a] }\n',
    'ignore: module.sandbox.**\n',
    'ignore: ["module.sandbox.** "]\n',
    'override-label: "a,b"\n',
    `override-label: "${'x'.repeat(51)}"\n`,
    'gate-approvers: {}\n',
    'gate-approvers: { teams: [] }\n',
    'gate-files: ["/scripts/plan.sh"]\n',
    'gate-files: ["./scripts/plan.sh"]\n',
    'gate-files: ["scripts/"]\n',
    'gate-files: ["scripts//plan.sh"]\n',
    'gate-files: ["scripts\\\\plan.sh"]\n',
    'protected-bases: ["!main"]\n',
  ])('both refuse %j', async (text) => {
    expect(await plangateAccepts(text)).toBe(false);
    expect(schemaAccepts(text)).toBe(false);
  });

  it.each([
    ['a rule name used twice', 'rules:\n  - { name: x, match: { types: [a] } }\n  - { name: x, match: { types: [b] } }\n'],
    ["a built-in pack's rule name, when that pack is extended", 'rules:\n  - { name: aws-relational-databases, match: { types: [b] } }\n'],
    ['an unclosed brace', rule('{ types: ["aws_{db,rds_instance"] }')],
    ['an unclosed character class', rule('{ providers: ["aws[0-9"] }')],
    ['an unclosed index key', rule('{ addresses: ["aws_instance.web[0"] }')],
    ['an unterminated quoted key', rule('{ addresses: [\'module.app["eu]\'] }')],
    ['a doubled dot', rule('{ addresses: ["module..app"] }')],
  ])('only plangate refuses %s (no JSON Schema can say it)', async (_what, text) => {
    expect(await plangateAccepts(text)).toBe(false);
    expect(schemaAccepts(text)).toBe(true);
  });


  it('agree on generated configs: mostly good values, now and then a bad one, for every key', async () => {
    // Good values 80 times in 81: a config has some 40 values, so most carry no mistake or one, and each check is met alone.
    const mostly = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) => fc.oneof({ weight: 80, arbitrary: good }, { weight: 1, arbitrary: bad });
    const junk = fc.oneof(fc.constantFrom('', ' ', null, 1.5, true, -1, 0, 21), fc.array(fc.constant('a'), { maxLength: 1 }), fc.constant({}));
    const text = mostly(fc.constantFrom('a', 'production data', 'acme/platform', 'a,b', 'x'.repeat(51), 'Ünï'), junk);
    const name = mostly(fc.constantFrom('aws_db_instance', 'aws_*', 'AWS::RDS::*', '*', 'google*', 'db[0-9]', '{a,b}', 'release/*', 'x.', '.x'), fc.oneof(junk, fc.constantFrom(' aws', 'aws ', '!aws', '!')));
    const address = mostly(fc.constantFrom('module.prod.**', 'aws_instance.web[0]', 'module.app["eu.1"].*', 'Stack/Db', '**', 'a.{b,c}'), fc.oneof(junk, fc.constantFrom('.x', 'x.', 'x/', '/x', ' x', '!x')));
    const path = mostly(fc.constantFrom('scripts/plan.sh', 'ci/**', '.github/scripts/*.sh'), fc.oneof(junk, fc.constantFrom('/x', 'x/', './x', 'a//b', 'a/../b', 'a\\b', '!x')));
    const list = <T>(item: fc.Arbitrary<T>, minLength = 0) => mostly(fc.array(item, { minLength, maxLength: 3 }), fc.oneof(junk, fc.constant([])));
    const tagValue = mostly(fc.oneof(name, fc.integer({ min: -1, max: 3 }), fc.boolean()), junk);
    const match = mostly(
      fc.record(
        {
          types: list(name, 1),
          addresses: list(address, 1),
          modules: list(address, 1),
          providers: list(name, 1),
          tags: mostly(fc.dictionary(fc.constantFrom('env', 'tier', 'a.b'), tagValue, { minKeys: 1, maxKeys: 2 }), junk),
          actions: list(mostly(fc.constantFrom(...MATCH_ACTIONS), fc.constantFrom('destroy', 'Delete'))),
        },
        { requiredKeys: [] },
      ),
      junk,
    );
    const approvers = mostly(fc.record({ teams: list(text), users: list(text) }, { requiredKeys: [] }), fc.oneof(junk, fc.constant({ team: ['a'] })));
    const count = mostly(fc.integer({ min: 1, max: 20 }), fc.oneof(junk, fc.constantFrom(0, 21, 2.5, '2')));
    const severity = mostly(fc.constantFrom(...SEVERITIES), fc.oneof(junk, fc.constant('urgent')));
    const extra = mostly(fc.constant({}), fc.record({ note: junk }));
    // Names are unique by construction: uniqueness is plangate's alone (see above).
    const rule = fc.tuple(fc.record({ reason: text, severity, approvals: count, approvers, match }, { requiredKeys: ['match'] }), extra).map(([r, x]) => ({ ...r, ...x }));
    const config = fc.tuple(
      fc.record(
        {
          description: text,
          extends: list(mostly(fc.constantFrom(...PACK_NAMES), fc.constant('recomended'))),
          rules: mostly(fc.array(fc.tuple(mostly(fc.constant(true), fc.constant(false)), rule), { maxLength: 3 }), junk),
          ignore: list(address),
          'override-label': text,
          'gate-approvers': approvers,
          'gate-files': list(path),
          'protected-bases': list(name),
        },
        { requiredKeys: [] },
      ),
      mostly(fc.constant({}), fc.record({ colour: junk })),
    );
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(config, async ([raw, unknown]) => {
        const doc: Record<string, unknown> = { ...raw, ...unknown };
        // A junk list of rules stays as it is; a generated rule gets its name when `named`.
        const named = (item: unknown, i: number): unknown => (Array.isArray(item) && typeof item[1] === 'object' ? (item[0] === true ? { name: `rule ${i}`, ...item[1] } : item[1]) : item);
        if (Array.isArray(raw.rules)) doc.rules = (raw.rules as unknown[]).map(named);
        const yaml = JSON.stringify(doc);
        const plangate = await plangateAccepts(yaml);
        if (plangate) accepted++;
        expect(schemaAccepts(yaml), yaml).toBe(plangate);
      }),
      { numRuns: 2000 },
    );
    // Both answers are met often enough for the property to mean something.
    expect(accepted).toBeGreaterThan(200);
    expect(accepted).toBeLessThan(1800);
  });
});
