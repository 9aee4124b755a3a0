import { InputError } from '../errors.js';
import { isObject, type JsonObject } from '../json.js';
import { repositoryPathProblem } from './repository-path.js';
import { MATCH_ACTIONS, SEVERITIES, type Approvers, type Rule, type RuleMatch } from './types.js';

/** A rule pack as written in rules/*.yml: a description, packs it extends, and rules. */
export interface PackFile {
  description: string;
  extends: string[];
  rules: Rule[];
}

/**
 * Validates a parsed rule pack. Every error names the file, the key path and
 * what was expected, so a typo never silently drops a protection.
 */
export function validatePack(raw: unknown, source: string): PackFile {
  const v = new Validator(source);
  const doc = v.object(raw, '');
  v.onlyKeys(doc, '', ['description', 'extends', 'rules']);
  return v.pack(doc);
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

export function validateConfig(raw: unknown, source: string): ConfigFile {
  const v = new Validator(source);
  // An empty file is a config with every default.
  const doc = raw === null || raw === undefined ? {} : v.object(raw, '');
  v.onlyKeys(doc, '', ['description', 'extends', 'rules', 'ignore', 'override-label', 'gate-approvers', 'gate-files', 'protected-bases', 'guard']);
  const pack = v.pack(doc);
  const config: ConfigFile = {
    description: pack.description,
    rules: pack.rules,
    ignore: doc.ignore === undefined ? [] : v.strings(doc.ignore, 'ignore'),
    protectedBases: doc['protected-bases'] === undefined ? [] : v.strings(doc['protected-bases'], 'protected-bases'),
    gateFiles: doc['gate-files'] === undefined ? [] : v.paths(doc['gate-files'], 'gate-files'),
  };
  if (doc['gate-approvers'] !== undefined) {
    config.gateApprovers = v.approvers(doc['gate-approvers'], 'gate-approvers');
    if (config.gateApprovers.teams.length + config.gateApprovers.users.length === 0) v.fail('gate-approvers', 'at least one team or user (leave the key out to use the strictest rule\'s approvers)');
  }
  if (doc.extends !== undefined) config.extends = pack.extends;
  if (doc.guard !== undefined) config.guard = doc.guard;
  const label = doc['override-label'];
  if (label !== undefined) {
    config.overrideLabel = v.string(label, 'override-label');
    if (config.overrideLabel.length > 50 || /[,\n]/.test(config.overrideLabel)) v.fail('override-label', 'a GitHub label name: at most 50 characters, no commas or newlines', label);
  }
  return config;
}

/** Checks values and fails with the file, the key path and what was expected. */
export class Validator {
  constructor(private readonly source: string) {}

  /** The keys a pack and a config share: description, extends, rules (names unique). */
  pack(doc: JsonObject): PackFile {
    const rules = this.list(doc.rules ?? [], 'rules').map((r, i) => this.rule(r, `rules[${i}]`));
    const seen = new Set<string>();
    for (const [i, rule] of rules.entries()) {
      if (seen.has(rule.name)) this.fail(`rules[${i}].name`, `a unique rule name (${JSON.stringify(rule.name)} is used twice)`);
      seen.add(rule.name);
    }
    return {
      description: doc.description === undefined ? '' : this.string(doc.description, 'description'),
      extends: this.strings(doc.extends ?? [], 'extends'),
      rules,
    };
  }

  fail(path: string, expected: string, ...got: [unknown] | []): never {
    const what = got.length === 0 ? '' : `, got ${describe(got[0])}`;
    throw new InputError(this.source, `${path || '(top level)'}: expected ${expected}${what}`);
  }

  object(value: unknown, path: string): JsonObject {
    if (!isObject(value)) this.fail(path, 'a mapping', value);
    return value;
  }

  onlyKeys(value: JsonObject, path: string, allowed: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        const at = path ? `${path}.${key}` : key;
        throw new InputError(this.source, `${at}: unknown key ${JSON.stringify(key)}; expected one of ${allowed.join(', ')}`);
      }
    }
  }

  list(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) this.fail(path, 'a list', value);
    return value as unknown[];
  }

  string(value: unknown, path: string): string {
    if (typeof value !== 'string' || value.trim() === '') this.fail(path, 'a non-empty string', value);
    return value;
  }

  strings(value: unknown, path: string): string[] {
    return this.list(value, path).map((item, i) => this.string(item, `${path}[${i}]`));
  }

  /** Repository path globs, as GitHub names changed files. */
  paths(value: unknown, path: string): string[] {
    return this.strings(value, path).map((glob, i) => {
      const problem = repositoryPathProblem(glob);
      if (problem) this.fail(`${path}[${i}]`, problem, glob);
      return glob;
    });
  }

  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
    if (typeof value !== 'string' || !allowed.includes(value as T)) this.fail(path, `one of ${allowed.join(', ')}`, value);
    return value as T;
  }

  rule(raw: unknown, path: string): Rule {
    const doc = this.object(raw, path);
    this.onlyKeys(doc, path, ['name', 'reason', 'severity', 'approvals', 'approvers', 'match']);
    const rule: Rule = {
      name: this.string(doc.name, `${path}.name`),
      severity: doc.severity === undefined ? 'high' : this.oneOf(doc.severity, `${path}.severity`, SEVERITIES),
      approvals: doc.approvals === undefined ? 1 : this.count(doc.approvals, `${path}.approvals`),
      approvers: doc.approvers === undefined ? { teams: [], users: [] } : this.approvers(doc.approvers, `${path}.approvers`),
      match: this.match(doc.match, `${path}.match`),
    };
    if (doc.reason !== undefined) rule.reason = this.string(doc.reason, `${path}.reason`);
    return rule;
  }

  count(value: unknown, path: string): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 20) this.fail(path, 'a whole number from 1 to 20', value);
    return value;
  }

  approvers(raw: unknown, path: string): Approvers {
    const doc = this.object(raw, path);
    this.onlyKeys(doc, path, ['teams', 'users']);
    return { teams: this.strings(doc.teams ?? [], `${path}.teams`), users: this.strings(doc.users ?? [], `${path}.users`) };
  }

  match(raw: unknown, path: string): RuleMatch {
    const doc = this.object(raw, path);
    this.onlyKeys(doc, path, ['types', 'addresses', 'modules', 'providers', 'tags', 'actions']);
    const match: RuleMatch = {
      actions: doc.actions === undefined ? [...MATCH_ACTIONS] : this.list(doc.actions, `${path}.actions`).map((a, i) => this.oneOf(a, `${path}.actions[${i}]`, MATCH_ACTIONS)),
    };
    for (const key of ['types', 'addresses', 'modules', 'providers'] as const) {
      if (doc[key] !== undefined) match[key] = this.globs(doc[key], `${path}.${key}`);
    }
    if (doc.tags !== undefined) match.tags = this.tags(doc.tags, `${path}.tags`);
    if (!match.types && !match.addresses && !match.modules && !match.providers && !match.tags) {
      this.fail(path, 'at least one of types, addresses, modules, providers, tags (a rule for everything says types: ["*"])');
    }
    return match;
  }

  globs(value: unknown, path: string): string[] {
    const globs = this.strings(value, path);
    if (globs.length === 0) this.fail(path, 'a non-empty list (leave the key out to match any)');
    return globs;
  }

  tags(raw: unknown, path: string): Record<string, string> {
    const doc = this.object(raw, path);
    const tags: Record<string, string> = {};
    for (const [key, value] of Object.entries(doc)) {
      // YAML reads `env: 1` or `on: true` as a number or boolean; a tag value is text.
      if (typeof value === 'number' || typeof value === 'boolean') tags[key] = String(value);
      else tags[key] = this.string(value, `${path}.${key}`);
    }
    if (Object.keys(tags).length === 0) this.fail(path, 'at least one tag (leave the key out to match any)');
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
