import type * as YamlModule from 'yaml';
import { InputError } from '../errors.js';
import { isObject } from '../json.js';
import { loadYaml, yamlProblems } from '../load-yaml.js';
import { displayName } from '../quote.js';
import { configWarnings } from './config-warnings.js';
import { DEFAULT_CONFIG_PATHS } from './config-path.js';
import { GATE_RULE } from './gate.js';
import { loadPacks, PACK_NAMES } from './packs.js';
import { DEFAULT_OVERRIDE_LABEL, type RuleSet } from './types.js';
import { problemAt, throwProblems, validateConfig, type KeyPath } from './validate.js';

export { DEFAULT_CONFIG_PATHS } from './config-path.js';

/** The paths to look for the config at: the one named, else every default name. */
export function configPaths(named: string | undefined): string[] {
  return named === undefined ? [...DEFAULT_CONFIG_PATHS] : [named];
}

/** The config among the paths that exist; two at once is an error, since which one applies would be a guess. */
export function oneConfig(existing: readonly string[], where = ''): string | undefined {
  if (existing.length > 1) {
    throw new InputError(existing[0] as string, `${existing.slice(1).join(' and ')} exists too${where}: plangate reads only one config; delete one of them`);
  }
  return existing[0];
}

/** The rule set when no configuration file exists: the recommended pack. */
export function defaultRuleSet(): RuleSet {
  return { ...loadPacks(['recommended']), ignore: [], overrideLabel: DEFAULT_OVERRIDE_LABEL, protectedBases: [] };
}

/**
 * Parses a plangate.yml: `extends` (built-in packs, default [recommended],
 * [] for none), `rules`, `ignore`, `override-label`, `gate-approvers`,
 * `gate-files` and `protected-bases`. Every error is reported in one
 * InputError, in file order, each naming the key path and what was expected;
 * likely mistakes come back as the rule set's warnings.
 */
export async function parseConfig(text: string, source: string, defaults: { overrideLabel?: string } = {}): Promise<RuleSet> {
  const { parseDocument } = await loadYaml();
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const [yaml, ...moreYaml] = yamlProblems(doc);
  if (yaml !== undefined) throw new InputError(source, yaml, moreYaml);
  const raw: unknown = doc.toJS();
  const { config, problems } = validateConfig(raw);
  const packs = config.extends ?? ['recommended'];
  for (const [i, name] of packs.entries()) {
    if (!PACK_NAMES.includes(name)) problems.push(problemAt(['extends', i], `unknown rule pack ${JSON.stringify(name)}; built-in packs are ${PACK_NAMES.join(', ')}`));
  }
  const base = loadPacks(packs.filter((name) => PACK_NAMES.includes(name)));
  const names = new Set(base.rules.map((r) => r.name));
  // A rule that failed is left out of config.rules: each is named by its place in the file.
  const written = isObject(raw) && Array.isArray(raw.rules) ? (raw.rules as unknown[]) : [];
  for (const rule of config.rules) {
    const at = ['rules', written.findIndex((r) => isObject(r) && r.name === rule.name), 'name'];
    if (rule.name === GATE_RULE) problems.push(problemAt(at, `${JSON.stringify(rule.name)} is the rule for changes to the gate's own files; choose another name`));
    else if (names.has(rule.name)) problems.push(problemAt(at, `${JSON.stringify(rule.name)} is already a rule of a built-in pack; choose another name`));
  }
  throwProblems(source, problems, (path) => offsetIn(doc, path));
  const ruleSet: RuleSet = {
    rules: [...base.rules, ...config.rules],
    packs: base.packs,
    ignore: config.ignore,
    overrideLabel: config.overrideLabel ?? defaults.overrideLabel ?? DEFAULT_OVERRIDE_LABEL,
    protectedBases: config.protectedBases,
  };
  if (config.gateApprovers) ruleSet.gateApprovers = config.gateApprovers;
  if (config.gateFiles.length > 0) ruleSet.gateFiles = config.gateFiles;
  const warnings = configWarnings(config, ruleSet);
  if (warnings.length > 0) ruleSet.warnings = warnings.map((warning) => `${displayName(source)}: ${warning}`);
  return ruleSet;
}

/** Where in the file a key path is: its node, or the nearest enclosing one when the key is missing. */
function offsetIn(doc: YamlModule.Document, path: KeyPath): number {
  for (let n = path.length; n > 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | null | undefined;
    if (node && typeof node === 'object' && Array.isArray(node.range)) return node.range[0];
  }
  return 0;
}
