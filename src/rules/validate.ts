import { InputError } from '../errors.js';
import { MATCH_ACTIONS, SEVERITIES, type Approvers, type Rule, type RuleMatch } from './types.js';

type Json = Record<string, unknown>;
const NOT_GIVEN = Symbol('not given');

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
  const rules = v.list(doc.rules ?? [], 'rules').map((r, i) => v.rule(r, `rules[${i}]`));
  const seen = new Set<string>();
  for (const [i, rule] of rules.entries()) {
    if (seen.has(rule.name)) v.fail(`rules[${i}].name`, `a unique rule name (${JSON.stringify(rule.name)} is used twice)`);
    seen.add(rule.name);
  }
  return {
    description: doc.description === undefined ? '' : v.string(doc.description, 'description'),
    extends: v.strings(doc.extends ?? [], 'extends'),
    rules,
  };
}

class Validator {
  constructor(private readonly source: string) {}

  fail(path: string, expected: string, got: unknown = NOT_GIVEN): never {
    const what = got === NOT_GIVEN ? '' : `, got ${describe(got)}`;
    throw new InputError(this.source, `${path || '(top level)'}: expected ${expected}${what}`);
  }

  object(value: unknown, path: string): Json {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path, 'a mapping', value);
    return value as Json;
  }

  onlyKeys(value: Json, path: string, allowed: readonly string[]): void {
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
    this.onlyKeys(doc, path, ['types', 'providers', 'actions']);
    const match: RuleMatch = {
      actions: doc.actions === undefined ? [...MATCH_ACTIONS] : this.list(doc.actions, `${path}.actions`).map((a, i) => this.oneOf(a, `${path}.actions[${i}]`, MATCH_ACTIONS)),
    };
    if (doc.types !== undefined) match.types = this.strings(doc.types, `${path}.types`);
    if (doc.providers !== undefined) match.providers = this.strings(doc.providers, `${path}.providers`);
    if (!match.types && !match.providers) this.fail(path, 'at least one of types, providers (a rule that matches everything must say so with types: ["*"])');
    return match;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}
