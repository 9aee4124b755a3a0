import { InputError } from '../errors.js';
import { loadYaml, yamlProblem } from '../load-yaml.js';
import { GATE_RULE } from './gate.js';
import { loadPacks } from './packs.js';
import { DEFAULT_OVERRIDE_LABEL, type RuleSet } from './types.js';
import { validateConfig } from './validate.js';

export { DEFAULT_CONFIG_PATH } from './config-path.js';

/** The rule set when no configuration file exists: the recommended pack. */
export function defaultRuleSet(): RuleSet {
  return { ...loadPacks(['recommended']), ignore: [], overrideLabel: DEFAULT_OVERRIDE_LABEL, protectedBases: [] };
}

/**
 * Parses a plangate.yml: `extends` (built-in packs, default [recommended],
 * [] for none), `rules`, `ignore`, `override-label`, `gate-approvers`,
 * `gate-files` and `protected-bases`. Errors name the file, the key path and
 * what was expected.
 */
export async function parseConfig(text: string, source: string, defaults: { overrideLabel?: string } = {}): Promise<RuleSet> {
  const { parseDocument } = await loadYaml();
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const problem = yamlProblem(doc);
  if (problem) throw new InputError(source, problem);
  const config = validateConfig(doc.toJS(), source);
  const base = loadPacks(config.extends ?? ['recommended'], `${source}: extends`);
  const names = new Set(base.rules.map((r) => r.name));
  for (const [i, rule] of config.rules.entries()) {
    if (rule.name === GATE_RULE) throw new InputError(source, `rules[${i}].name: ${JSON.stringify(rule.name)} is the rule for changes to the gate's own files; choose another name`);
    if (names.has(rule.name)) {
      throw new InputError(source, `rules[${i}].name: ${JSON.stringify(rule.name)} is already a rule of a built-in pack; choose another name`);
    }
  }
  const ruleSet: RuleSet = {
    rules: [...base.rules, ...config.rules],
    packs: base.packs,
    ignore: config.ignore,
    overrideLabel: config.overrideLabel ?? defaults.overrideLabel ?? DEFAULT_OVERRIDE_LABEL,
    protectedBases: config.protectedBases,
  };
  if (config.gateApprovers) ruleSet.gateApprovers = config.gateApprovers;
  if (config.gateFiles.length > 0) ruleSet.gateFiles = config.gateFiles;
  return ruleSet;
}
