// The `guard:` section of .github/plangate.yml: every mistake names the key and what was expected.
import { describe, expect, it } from 'vitest';
import { defaultGuardConfig, validateGuardConfig } from '../../src/guard/config.js';
import { parseConfig } from '../../src/rules/config.js';

describe('guard config', () => {
  it('defaults: ask for every kind, nothing extra, no allow-listed workspace, no log', () => {
    expect(validateGuardConfig(undefined, 'x.yml')).toEqual(defaultGuardConfig());
    expect(Object.values(defaultGuardConfig().decisions)).toEqual(['ask', 'ask', 'ask', 'ask', 'ask', 'ask', 'ask']);
  });

  it('reads decisions (a default, then per kind), extra commands, workspaces and the log', () => {
    const config = validateGuardConfig(
      { decisions: { default: 'deny', apply: 'ask' }, 'extra-commands': ['make destroy', "./nuke.sh --all"], 'allow-workspaces': ['sandbox-*'], 'audit-log': 'log.jsonl' },
      'x.yml',
    );
    expect(config.decisions).toMatchObject({ apply: 'ask', destroy: 'deny', unreadable: 'deny', planfile: 'deny' });
    expect(config.extraCommands).toEqual([['make', 'destroy'], ['./nuke.sh', '--all']]);
    expect(config).toMatchObject({ allowWorkspaces: ['sandbox-*'], auditLog: 'log.jsonl' });
  });

  it.each([
    [{ decision: {} }, 'x.yml: guard.decision: unknown key "decision"; expected one of decisions, extra-commands, allow-workspaces, audit-log'],
    [{ decisions: { destroy: 'block' } }, 'x.yml: guard.decisions.destroy: expected one of ask, deny, got "block"'],
    [{ decisions: { nuke: 'deny' } }, 'x.yml: guard.decisions.nuke: unknown key "nuke"; expected one of default, apply, destroy, state, delete, unreadable, command, planfile'],
    [{ 'extra-commands': 'make destroy' }, 'x.yml: guard.extra-commands: expected a list, got "make destroy"'],
    [{ 'extra-commands': ['make $T'] }, 'x.yml: guard.extra-commands[0]: expected one plain command'],
    [{ 'extra-commands': ['a; b'] }, 'x.yml: guard.extra-commands[0]: expected one plain command'],
    [{ 'allow-workspaces': [''] }, 'x.yml: guard.allow-workspaces[0]: expected a non-empty string'],
    [{ 'audit-log': 3 }, 'x.yml: guard.audit-log: expected a non-empty string, got 3'],
    ['deny', 'x.yml: guard: expected a mapping, got "deny"'],
  ])('refuses %j', (raw, message) => {
    expect(() => validateGuardConfig(raw, 'x.yml')).toThrow(message);
  });

  it('the rest of plangate reads a config that has a guard section', async () => {
    const ruleSet = await parseConfig('extends: [aws]\nguard:\n  decisions: { default: deny }\n', '.github/plangate.yml');
    expect(ruleSet.packs).toEqual(['aws']);
  });
});
