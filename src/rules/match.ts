import { Minimatch } from 'minimatch';
import type { Change } from '../plan/types.js';
import type { MatchAction, Rule } from './types.js';

const GLOB = { nocomment: true, noext: true, nonegate: true } as const;

/** A set of globs compiled once: exact names in a Set, patterns as Minimatch objects. */
class GlobSet {
  private readonly exact = new Set<string>();
  private readonly patterns: Minimatch[] = [];

  constructor(globs: readonly string[]) {
    for (const glob of globs) {
      // Most globs are plain type names: a Set lookup, without compiling a pattern.
      if (/[*?[\]{}()!+@\\]/.test(glob)) this.patterns.push(new Minimatch(glob, GLOB));
      else this.exact.add(glob);
    }
  }

  matches(value: string): boolean {
    return this.exact.has(value) || this.patterns.some((mm) => mm.match(value));
  }
}

interface CompiledRule {
  rule: Rule;
  actions: ReadonlySet<MatchAction>;
  types?: GlobSet;
  providers?: GlobSet;
}

/** Rules compiled for matching many changes; compile once per run. */
export class RuleMatcher {
  private readonly compiled: CompiledRule[];

  constructor(rules: readonly Rule[]) {
    this.compiled = rules.map((rule) => {
      const c: CompiledRule = { rule, actions: new Set(rule.match.actions) };
      if (rule.match.types) c.types = new GlobSet(rule.match.types);
      if (rule.match.providers) c.providers = new GlobSet(rule.match.providers);
      return c;
    });
  }

  /** The rules whose every match key holds for this change under this action. */
  matching(change: Change, action: MatchAction): Rule[] {
    const out: Rule[] = [];
    for (const c of this.compiled) {
      if (!c.actions.has(action)) continue;
      if (c.types && !c.types.matches(change.type)) continue;
      if (c.providers && !c.providers.matches(change.provider)) continue;
      out.push(c.rule);
    }
    return out;
  }
}
