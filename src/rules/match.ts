import { Minimatch } from 'minimatch';
import type { Change, PlanFormat } from '../plan/types.js';
import { SENSITIVE } from '../plan/types.js';
import { AddressGlob } from './address-glob.js';
import type { MatchAction, Rule } from './types.js';

const GLOB = { nocomment: true, noext: true, nonegate: true, dot: true } as const;

/** Globs compiled once: plain names in a Set, patterns as Minimatch objects. */
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

/** Address globs, compiled per plan format on first use (the two formats split addresses differently). */
class AddressGlobs {
  private readonly compiled = new Map<PlanFormat, AddressGlob[]>();

  constructor(private readonly patterns: readonly string[]) {}

  private for(format: PlanFormat): AddressGlob[] {
    let globs = this.compiled.get(format);
    if (!globs) this.compiled.set(format, (globs = this.patterns.map((p) => new AddressGlob(p, format))));
    return globs;
  }

  /** The change's address, or its address before a `moved` block renamed it. */
  matchesChange(change: Change): boolean {
    return this.firstMatch(change) !== undefined;
  }

  /** The first pattern that matches the change's address (or its address before a move). */
  firstMatch(change: Change): string | undefined {
    const names = [change.resourceAddress, change.previousAddress].filter((a): a is string => a !== undefined);
    const i = this.for(change.format).findIndex((glob) => names.some((name) => glob.matches(name, change.format)));
    return i === -1 ? undefined : this.patterns[i];
  }

  /** The change's module, or any module around it. */
  matchesModule(change: Change): boolean {
    return change.module !== '' && this.for(change.format).some((glob) => glob.matchesPrefix(change.module, change.format));
  }
}

interface CompiledRule {
  rule: Rule;
  actions: ReadonlySet<MatchAction>;
  types?: GlobSet;
  addresses?: AddressGlobs;
  modules?: AddressGlobs;
  providers?: GlobSet;
  tags?: Array<[string, GlobSet]>;
}

/** Rules (and ignore globs) compiled for matching many changes; compile once per run. */
export class RuleMatcher {
  private readonly compiled: CompiledRule[];
  private readonly ignore: AddressGlobs;

  constructor(rules: readonly Rule[], ignore: readonly string[] = []) {
    this.ignore = new AddressGlobs(ignore);
    this.compiled = rules.map((rule) => {
      const { match } = rule;
      const c: CompiledRule = { rule, actions: new Set(match.actions) };
      if (match.types) c.types = new GlobSet(match.types);
      if (match.addresses) c.addresses = new AddressGlobs(match.addresses);
      if (match.modules) c.modules = new AddressGlobs(match.modules);
      if (match.providers) c.providers = new GlobSet(match.providers);
      if (match.tags) c.tags = Object.entries(match.tags).map(([key, value]) => [key, new GlobSet([value])]);
      return c;
    });
  }

  isIgnored(change: Change): boolean {
    return this.ignore.matchesChange(change);
  }

  /** The `ignore` glob that excludes this change, if any. */
  ignoredBy(change: Change): string | undefined {
    return this.ignore.firstMatch(change);
  }

  /**
   * The rules whose every match key holds for this change under this action.
   * `anyAddress`: the change's address is not known (a module directory read
   * on its own), so address and module keys, and ignore globs, cannot rule a
   * protection out. `applyIgnore: false` asks which rules would match but for the ignore globs.
   */
  matching(change: Change, action: MatchAction, { anyAddress = false, applyIgnore = true } = {}): Rule[] {
    if (!anyAddress && applyIgnore && this.isIgnored(change)) return [];
    const out: Rule[] = [];
    let tags: Map<string, string> | undefined | null = null;
    for (const c of this.compiled) {
      if (!c.actions.has(action)) continue;
      if (c.types && !c.types.matches(change.type)) continue;
      if (c.providers && !c.providers.matches(change.provider)) continue;
      if (!anyAddress && c.addresses && !c.addresses.matchesChange(change)) continue;
      if (!anyAddress && c.modules && !c.modules.matchesModule(change)) continue;
      if (c.tags) {
        if (tags === null) tags = resourceTags(change);
        const known = tags;
        // Tags the plan does not show (no values at all) cannot rule a protection out.
        if (known && !c.tags.every(([key, glob]) => tagHolds(known, key, glob))) continue;
      }
      out.push(c.rule);
    }
    return out;
  }
}

/** A sensitive tag value cannot rule a protection out either. */
function tagHolds(tags: ReadonlyMap<string, string>, key: string, glob: GlobSet): boolean {
  const value = tags.get(key);
  return value !== undefined && (value === SENSITIVE || glob.matches(value));
}

/**
 * The resource's tags (Terraform `tags`/`tags_all`, Google `labels`, CloudFormation `Tags`)
 * from its values before the change (after, for a resource being created);
 * undefined when the plan carries no values at all.
 */
export function resourceTags(change: Change): Map<string, string> | undefined {
  const values = change.before ?? change.after;
  if (typeof values !== 'object' || values === null) return undefined;
  const record = values as Record<string, unknown>;
  const tags = new Map<string, string>();
  for (const key of ['tags_all', 'tags', 'labels', 'effective_labels', 'Tags']) {
    const raw = record[key];
    if (raw === SENSITIVE) return undefined;
    if (Array.isArray(raw)) {
      // CloudFormation: [{ Key, Value }]
      for (const tag of raw) {
        if (typeof tag === 'object' && tag !== null && typeof (tag as { Key?: unknown }).Key === 'string') {
          const { Key, Value } = tag as { Key: string; Value?: unknown };
          tags.set(Key, typeof Value === 'string' ? Value : typeof Value === 'number' || typeof Value === 'boolean' ? String(Value) : '');
        }
      }
    } else if (typeof raw === 'object' && raw !== null) {
      for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') tags.set(k, v);
    }
  }
  return tags;
}
