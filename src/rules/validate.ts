import { InputError } from '../errors.js';
import { isObject, type JsonObject } from '../json.js';
import { globProblem, type GlobKind } from './glob-problem.js';
import { repositoryPathProblem } from './repository-path.js';
import { MATCH_ACTIONS, SEVERITIES, type Approvers, type Rule, type RuleMatch } from './types.js';

/** A rule pack as written in rules/*.yml: a description, packs it extends, and rules. */
export interface PackFile {
  description: string;
  extends: string[];
  rules: Rule[];
}

/** Where in a document: keys and list indexes from its root. */
export type KeyPath = ReadonlyArray<string | number>;

/** One thing wrong with a document, at a key path; `text` starts with that path as a reader writes it. */
export interface Problem {
  path: KeyPath;
  text: string;
}

/** `rules[0].match.types` */
export function showPath(path: KeyPath): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('') || '(top level)';
}

export function problemAt(path: KeyPath, text: string): Problem {
  return { path, text: `${showPath(path)}: ${text}` };
}

/**
 * Every problem of a document in one error, in the order `offset` gives
 * (where each path is in the file), so one run lists all a writer must fix.
 */
export function throwProblems(source: string, problems: readonly Problem[], offset: (path: KeyPath) => number = () => 0): void {
  if (problems.length === 0) return;
  const ordered = problems.map((p, i) => ({ p, at: offset(p.path), i })).sort((a, b) => a.at - b.at || a.i - b.i);
  const [first, ...more] = ordered.map(({ p }) => p.text);
  throw new InputError(source, first as string, more);
}

/**
 * Validates a parsed rule pack. Every error names the file, the key path and
 * what was expected, so a typo never silently drops a protection.
 */
export function validatePack(raw: unknown, source: string): PackFile {
  const v = new Validator();
  const doc = v.check(() => v.object(raw, [])) ?? {};
  v.onlyKeys(doc, [], ['description', 'extends', 'rules']);
  const pack = v.pack(doc);
  throwProblems(source, v.problems);
  return pack;
}

/** A plangate.yml: a pack's keys plus `ignore`, `override-label`, `gate-approvers`, `gate-files` and `protected-bases`; `extends` is absent when not written. */
export interface ConfigFile extends Omit<PackFile, 'extends'> {
  extends?: string[];
  ignore: string[];
  overrideLabel?: string;
  gateApprovers?: Approvers;
  protectedBases: string[];
  gateFiles: string[];
  /** The `guard:` section, as written: `plangate guard` validates it (src/guard/config.ts). */
  guard?: unknown;
}

/** Keys of a plangate.yml, in the order the README lists them. */
export const CONFIG_KEYS = ['description', 'extends', 'rules', 'ignore', 'override-label', 'gate-approvers', 'gate-files', 'protected-bases', 'guard'] as const;

/** The config and every problem found in it; the config is only meaningful when there are none. */
export function validateConfig(raw: unknown): { config: ConfigFile; problems: Problem[] } {
  const v = new Validator();
  // An empty file is a config with every default.
  const doc = raw === null || raw === undefined ? {} : (v.check(() => v.object(raw, [])) ?? {});
  v.onlyKeys(doc, [], CONFIG_KEYS);
  const pack = v.pack(doc);
  const config: ConfigFile = {
    description: pack.description,
    rules: pack.rules,
    ignore: doc.ignore === undefined ? [] : v.globs(doc.ignore, ['ignore'], 'address', true),
    protectedBases: doc['protected-bases'] === undefined ? [] : v.globs(doc['protected-bases'], ['protected-bases'], 'name', true),
    gateFiles: doc['gate-files'] === undefined ? [] : v.globs(doc['gate-files'], ['gate-files'], 'path', true),
  };
  if (doc['gate-approvers'] !== undefined) {
    v.check(() => {
      const approvers = v.approvers(doc['gate-approvers'], ['gate-approvers']);
      if (approvers.teams.length + approvers.users.length === 0) v.fail(['gate-approvers'], "at least one team or user (leave the key out to use the strictest rule's approvers)");
      config.gateApprovers = approvers;
    });
  }
  if (doc.extends !== undefined) config.extends = pack.extends;
  if (doc.guard !== undefined) config.guard = doc.guard;
  const label = doc['override-label'];
  if (label !== undefined) {
    v.check(() => {
      const name = v.string(label, ['override-label']);
      if (name.length > 50 || /[,\n]/.test(name)) v.fail(['override-label'], 'a GitHub label name: at most 50 characters, no commas or newlines', label);
      config.overrideLabel = name;
    });
  }
  return { config, problems: v.problems };
}

/** Thrown to abandon one value once its problem is recorded; caught where the next value can still be checked. */
class Abandon extends Error {}

export class Validator {
  readonly problems: Problem[] = [];

  /** fn's value, or undefined when it found a problem (recorded) and gave up on its value. */
  check<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (error) {
      if (error instanceof Abandon) return undefined;
      throw error;
    }
  }

  /** Checks each item on its own, so one bad item does not hide the problems of the next. */
  each<T>(items: readonly unknown[], path: KeyPath, fn: (item: unknown, at: KeyPath) => T): T[] {
    return items.flatMap((item, i) => {
      const value = this.check(() => fn(item, [...path, i]));
      return value === undefined ? [] : [value];
    });
  }

  /** The keys a pack and a config share: description, extends, rules (names unique). */
  pack(doc: JsonObject): PackFile {
    const items = this.check(() => this.list(doc.rules === undefined ? [] : doc.rules, ['rules'])) ?? [];
    const rules: Rule[] = [];
    const seen = new Set<string>();
    for (const [i, item] of items.entries()) {
      const rule = this.check(() => this.rule(item, ['rules', i]));
      if (rule === undefined) continue;
      if (seen.has(rule.name)) this.record(['rules', i, 'name'], `expected a unique rule name (${JSON.stringify(rule.name)} is used twice)`);
      seen.add(rule.name);
      rules.push(rule);
    }
    return {
      description: doc.description === undefined ? '' : (this.check(() => this.string(doc.description, ['description'])) ?? ''),
      extends: this.check(() => this.strings(doc.extends === undefined ? [] : doc.extends, ['extends'])) ?? [],
      rules,
    };
  }

  record(path: KeyPath, text: string): void {
    this.problems.push(problemAt(path, text));
  }

  fail(path: KeyPath, expected: string, ...got: [unknown] | []): never {
    this.record(path, `expected ${expected}${got.length === 0 ? '' : `, got ${describe(got[0])}`}`);
    throw new Abandon();
  }

  object(value: unknown, path: KeyPath): JsonObject {
    if (!isObject(value)) this.fail(path, 'a mapping', value);
    return value;
  }

  /** Records every unknown key; the known ones are still checked. */
  onlyKeys(value: JsonObject, path: KeyPath, allowed: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) this.record([...path, key], `unknown key ${JSON.stringify(key)}; expected one of ${allowed.join(', ')}`);
    }
  }

  list(value: unknown, path: KeyPath): unknown[] {
    if (!Array.isArray(value)) this.fail(path, 'a list', value);
    return value as unknown[];
  }

  string(value: unknown, path: KeyPath): string {
    if (typeof value !== 'string' || value.trim() === '') this.fail(path, 'a non-empty string', value);
    return value;
  }

  /** A list of strings: every bad item is recorded, and then the list is given up. */
  strings(value: unknown, path: KeyPath, item: (text: string, at: KeyPath) => void = () => {}): string[] {
    const items = this.list(value, path);
    const strings = this.each(items, path, (raw, at) => {
      const text = this.string(raw, at);
      item(text, at);
      return text;
    });
    if (strings.length !== items.length) throw new Abandon();
    return strings;
  }

  /** Globs that must parse; `mayBeEmpty` for lists whose absence and emptiness mean the same. */
  globs(value: unknown, path: KeyPath, kind: GlobKind, mayBeEmpty = false): string[] {
    return (
      this.check(() => {
        const globs = this.strings(value, path, (glob, at) => {
          const problem = (kind === 'path' ? repositoryPathProblem(glob) : undefined) ?? globProblem(glob, kind);
          if (problem) this.fail(at, problem, glob);
        });
        if (globs.length === 0 && !mayBeEmpty) this.fail(path, 'a non-empty list (leave the key out to match any)');
        return globs;
      }) ?? []
    );
  }

  oneOf<T extends string>(value: unknown, path: KeyPath, allowed: readonly T[]): T {
    if (typeof value !== 'string' || !allowed.includes(value as T)) this.fail(path, `one of ${allowed.join(', ')}`, value);
    return value as T;
  }

  rule(raw: unknown, path: KeyPath): Rule {
    const doc = this.object(raw, path);
    this.onlyKeys(doc, path, ['name', 'reason', 'severity', 'approvals', 'approvers', 'match']);
    const before = this.problems.length;
    const at = (key: string): KeyPath => [...path, key];
    const name = this.check(() => this.string(doc.name, at('name')));
    const severity = doc.severity === undefined ? 'high' : this.check(() => this.oneOf(doc.severity, at('severity'), SEVERITIES));
    const approvals = doc.approvals === undefined ? 1 : this.check(() => this.count(doc.approvals, at('approvals')));
    const approvers = doc.approvers === undefined ? { teams: [], users: [] } : this.check(() => this.approvers(doc.approvers, at('approvers')));
    const match = this.check(() => this.match(doc.match, at('match')));
    const reason = doc.reason === undefined ? undefined : this.check(() => this.string(doc.reason, at('reason')));
    if (this.problems.length > before || name === undefined || severity === undefined || approvals === undefined || approvers === undefined || match === undefined) throw new Abandon();
    const rule: Rule = { name, severity, approvals, approvers, match };
    if (reason !== undefined) rule.reason = reason;
    return rule;
  }

  count(value: unknown, path: KeyPath): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 20) this.fail(path, 'a whole number from 1 to 20', value);
    return value;
  }

  approvers(raw: unknown, path: KeyPath): Approvers {
    const doc = this.object(raw, path);
    const before = this.problems.length;
    this.onlyKeys(doc, path, ['teams', 'users']);
    const teams = this.check(() => this.strings(doc.teams === undefined ? [] : doc.teams, [...path, 'teams']));
    const users = this.check(() => this.strings(doc.users === undefined ? [] : doc.users, [...path, 'users']));
    if (this.problems.length > before || !teams || !users) throw new Abandon();
    return { teams, users };
  }

  match(raw: unknown, path: KeyPath): RuleMatch {
    const doc = this.object(raw, path);
    const before = this.problems.length;
    this.onlyKeys(doc, path, ['types', 'addresses', 'modules', 'providers', 'tags', 'actions']);
    const actions = doc.actions === undefined ? [...MATCH_ACTIONS] : this.check(() => this.list(doc.actions, [...path, 'actions'])) ?? [];
    const match: RuleMatch = { actions: this.each(actions, [...path, 'actions'], (a, at) => this.oneOf(a, at, MATCH_ACTIONS)) };
    const kinds = { types: 'name', addresses: 'address', modules: 'address', providers: 'name' } as const;
    for (const [key, kind] of Object.entries(kinds) as Array<[keyof typeof kinds, GlobKind]>) {
      if (doc[key] !== undefined) match[key] = this.globs(doc[key], [...path, key], kind);
    }
    if (doc.tags !== undefined) this.check(() => (match.tags = this.tags(doc.tags, [...path, 'tags'])));
    if (this.problems.length > before) throw new Abandon();
    if (!match.types && !match.addresses && !match.modules && !match.providers && !match.tags) {
      this.fail(path, 'at least one of types, addresses, modules, providers, tags (a rule for everything says types: ["*"])');
    }
    return match;
  }

  tags(raw: unknown, path: KeyPath): Record<string, string> {
    const doc = this.object(raw, path);
    const tags: Record<string, string> = {};
    for (const [key, value] of Object.entries(doc)) {
      this.check(() => {
        // YAML reads `env: 1` or `on: true` as a number or boolean; a tag value is text.
        const text = typeof value === 'number' || typeof value === 'boolean' ? String(value) : this.string(value, [...path, key]);
        const problem = globProblem(text, 'name');
        if (problem) this.fail([...path, key], problem, text);
        tags[key] = text;
      });
    }
    if (Object.keys(doc).length === 0) this.fail(path, 'at least one tag (leave the key out to match any)');
    return tags;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}
