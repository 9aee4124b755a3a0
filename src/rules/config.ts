import type * as YamlModule from 'yaml';
import { InputError } from '../errors.js';
import { loadPacks } from './packs.js';
import type { RuleSet } from './types.js';
import { validatePack } from './validate.js';

export const DEFAULT_CONFIG_PATH = '.github/plangate.yml';

/** The rule set when no configuration file exists: the recommended pack. */
export function defaultRuleSet(): RuleSet {
  return loadPacks(['recommended']);
}

/**
 * Parses a plangate.yml: `extends` (built-in packs, default [recommended],
 * [] for none) and `rules`. Errors name the file, the key path and what was
 * expected.
 */
export async function parseConfig(text: string, source: string): Promise<RuleSet> {
  const { parseDocument } = await loadYaml();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) {
    const at = problem.linePos?.[0];
    throw new InputError(source, `invalid YAML${at ? ` at line ${at.line} column ${at.col}` : ''}: ${problem.message.split('\n')[0]}`);
  }
  const raw: unknown = doc.toJS() ?? {};
  const config = validatePack(raw, source);
  const base = loadPacks('extends' in (raw as object) ? config.extends : ['recommended'], `${source}: extends`);
  const names = new Set(base.rules.map((r) => r.name));
  for (const [i, rule] of config.rules.entries()) {
    if (names.has(rule.name)) {
      throw new InputError(source, `rules[${i}].name: ${JSON.stringify(rule.name)} is already a rule of a built-in pack; choose another name`);
    }
  }
  return { rules: [...base.rules, ...config.rules], packs: base.packs };
}

type Yaml = typeof YamlModule;

/**
 * The YAML parser, loaded only when a config exists: it is over half of the
 * bundle. Its bundled chunk exposes the CommonJS module as `default`.
 */
async function loadYaml(): Promise<Yaml> {
  const mod = (await import('yaml')) as Yaml & { default?: Yaml };
  return mod.default ?? mod;
}
