import { minimatch } from 'minimatch';
import type { Change } from '../plan/types.js';
import type { MatchAction, Rule } from './types.js';

const GLOB = { nocomment: true, noext: true, nonegate: true } as const;

/** The rules whose every match key holds for this change under this action. */
export function matchingRules(change: Change, action: MatchAction, rules: readonly Rule[]): Rule[] {
  return rules.filter((rule) => ruleMatches(rule, change, action));
}

function ruleMatches(rule: Rule, change: Change, action: MatchAction): boolean {
  const { match } = rule;
  if (!match.actions.includes(action)) return false;
  if (match.types && !match.types.some((glob) => minimatch(change.type, glob, GLOB))) return false;
  if (match.providers && !match.providers.some((glob) => minimatch(change.provider, glob, GLOB))) return false;
  return true;
}
