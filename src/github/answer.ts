import { isTime } from '../approval/time.js';
import type { Identity } from '../approval/types.js';
import { isObject, type JsonObject } from '../json.js';
import { GitHubApiError } from './api.js';

/**
 * Reads one answer of GitHub's: every field plangate uses is checked for its
 * documented type, so a malformed or truncated answer fails the call instead
 * of turning into a default (an empty list, a missing reviewer, a NaN time).
 */
export class Answer {
  constructor(
    /** The call, as the error names it: `GET /repos/acme/infra/pulls/7`. */
    private readonly call: string,
  ) {}

  fail(field: string, expected: string, got: unknown): never {
    throw new GitHubApiError(`GitHub's answer to ${this.call} is malformed: ${field} should be ${expected}, got ${describe(got)}; run again, and check GITHUB_API_URL if it persists`);
  }

  object(value: unknown, field: string): JsonObject {
    if (!isObject(value)) this.fail(field, 'an object', value);
    return value;
  }

  list(value: unknown, field: string): unknown[] {
    if (!Array.isArray(value)) this.fail(field, 'a list', value);
    return value;
  }

  string(value: unknown, field: string): string {
    if (typeof value !== 'string') this.fail(field, 'a string', value);
    return value;
  }

  text(value: unknown, field: string): string {
    if (typeof value !== 'string' || value === '') this.fail(field, 'a non-empty string', value);
    return value;
  }

  count(value: unknown, field: string): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) this.fail(field, 'a whole number', value);
    return value;
  }

  boolean(value: unknown, field: string): boolean {
    if (typeof value !== 'boolean') this.fail(field, 'true or false', value);
    return value;
  }

  sha(value: unknown, field: string): string {
    if (typeof value !== 'string' || !/^[0-9a-f]{40}$/.test(value)) this.fail(field, 'a 40-hex commit SHA', value);
    return value;
  }

  time(value: unknown, field: string): string {
    if (typeof value !== 'string' || !isTime(value)) this.fail(field, 'an ISO 8601 time', value);
    return value;
  }

  identity(value: unknown, field: string): Identity {
    const user = this.object(value, field);
    return { login: this.text(user.login, `${field}.login`), id: this.count(user.id, `${field}.id`), type: this.text(user.type, `${field}.type`) };
  }

  /** A user field GitHub documents as nullable (a deleted account is null). */
  maybeIdentity(value: unknown, field: string): Identity | null {
    return value === null ? null : this.identity(value, field);
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  // Strings, numbers and booleans; a function or symbol cannot come out of JSON.
  const text = JSON.stringify(value) ?? typeof value;
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
