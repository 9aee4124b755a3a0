import { Minimatch } from 'minimatch';
import { knownTypes } from '../analysis/resources/index.js';
import { loadPacks, PACK_NAMES } from './packs.js';
import type { RuleSet } from './types.js';
import { showPath, type ConfigFile } from './validate.js';

/** Types a config may name without a warning: those plangate has entries for, and those the built-in packs name. */
let known: string[] | undefined;
function typesKnown(): string[] {
  known ??= [...new Set([...knownTypes(), ...loadPacks(PACK_NAMES).rules.flatMap((r) => r.match.types ?? [])])];
  return known;
}

/**
 * What in a valid config is most likely a mistake, each a line to show
 * (not an error: a provider plangate has no entry for is still matched).
 */
export function configWarnings(config: ConfigFile, ruleSet: RuleSet): string[] {
  const warnings: string[] = [];
  if (ruleSet.rules.length === 0) {
    warnings.push("protects nothing: it has `extends: []` and no rules, so only changes to the gate's own files need approval; add rules or extend a built-in pack");
  }
  const everything = config.ignore.findIndex((glob) => /^(\*\*[./]?)+$/.test(glob));
  if (everything !== -1) warnings.push(`${showPath(['ignore', everything])}: ${JSON.stringify(config.ignore[everything])} ignores every resource, so the config protects nothing but the gate's own files`);
  for (const [i, rule] of config.rules.entries()) {
    const types = rule.match.types;
    if (types === undefined) continue;
    const globs = types.map((glob) => new Minimatch(glob, { nocomment: true, noext: true, nonegate: true, dot: true }));
    if (typesKnown().some((type) => globs.some((glob) => glob.match(type)))) continue;
    warnings.push(
      `${showPath(['rules', i, 'match', 'types'])}: no resource type plangate knows matches ${types.map((t) => JSON.stringify(t)).join(', ')}: check the spelling (rule ${JSON.stringify(rule.name)} still matches these types if a plan has them)`,
    );
  }
  return warnings;
}
