import { createHash } from 'node:crypto';
import type { Finding } from '../analysis/types.js';
import { isObject } from '../json.js';
import type { ApprovalOutcome, GateDecision } from './types.js';

/**
 * What apply time checks against: each decision is recorded with the head it
 * was made for and the protected changes it covered. Only the protected
 * changes (file label, address, action), not the whole plan, which changes
 * after merge for reasons nobody needs to approve.
 */

/** One protected change: the plan's file label (its path as the gate read it), the address, the action. */
export type ProtectedChange = readonly [file: string, address: string, action: string];

export interface DecisionRecord {
  version: 1;
  /** The head commit the decision was made for. */
  head: string;
  /** The pull request's base when decided; absent when the run never learnt it. */
  base?: { ref: string; sha: string; protected: boolean };
  decision: GateDecision;
  /** Who approved, or who overrode. */
  by: string[];
  /** sha256 of the canonical list of protected changes. */
  digest: string;
  count: number;
  /** The canonical list itself, when it fits (see MAX_RECORD_LENGTH); absent, only the same set can be verified. */
  changes?: ProtectedChange[];
}

/** The record's encoded length at most: it rides in a comment of at most 65,536 characters, beside the report. */
export const MAX_RECORD_LENGTH = 24_000;

const PREFIX = '<!-- plangate-record:v1 ';
const SUFFIX = ' -->';

/** Sorted by code units (never locale), duplicates dropped: the same set always reads the same. */
export function canonicalChanges(changes: Iterable<ProtectedChange>): ProtectedChange[] {
  const byKey = new Map<string, ProtectedChange>();
  for (const change of changes) byKey.set(JSON.stringify(change), [change[0], change[1], change[2]]);
  return [...byKey.keys()].sort(compare).map((key) => byKey.get(key) as ProtectedChange);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function protectedChanges(findings: readonly Pick<Finding, 'file' | 'address' | 'action'>[]): ProtectedChange[] {
  return canonicalChanges(findings.map((f) => [f.file, f.address, f.action] as const));
}

export function changesDigest(changes: Iterable<ProtectedChange>): string {
  return createHash('sha256').update(JSON.stringify(canonicalChanges(changes))).digest('hex');
}

export interface RecordedResult {
  headSha: string;
  base?: { ref: string; sha?: string; protected: boolean };
  outcome: Pick<ApprovalOutcome, 'decision' | 'approvedBy' | 'overriddenBy'>;
  findings: readonly Pick<Finding, 'file' | 'address' | 'action'>[];
}

export function decisionRecord(result: RecordedResult): DecisionRecord {
  const changes = protectedChanges(result.findings);
  const { outcome } = result;
  const by = outcome.decision === 'overridden' ? [outcome.overriddenBy?.login ?? ''] : outcome.decision === 'approved' ? outcome.approvedBy.map((a) => a.login) : [];
  const record: DecisionRecord = { version: 1, head: result.headSha, decision: outcome.decision, by, digest: changesDigest(changes), count: changes.length, changes };
  if (result.base?.sha) record.base = { ref: result.base.ref, sha: result.base.sha, protected: result.base.protected };
  return record;
}

/**
 * The record as one hidden HTML comment. Base64url holds no `-->`, whatever
 * the addresses hold. A list too long to fit is left out, never cut: the
 * digest still names the whole set.
 */
export function encodeRecord(record: DecisionRecord): string {
  const full = `${PREFIX}${Buffer.from(JSON.stringify(record)).toString('base64url')}${SUFFIX}`;
  if (full.length <= MAX_RECORD_LENGTH || record.changes === undefined) return full;
  const { changes: _left, ...digestOnly } = record;
  return encodeRecord(digestOnly);
}

/** The record at the very start of `text` (after nothing but its own line); undefined when there is none or it is malformed. */
export function decodeRecord(text: string): DecisionRecord | undefined {
  if (!text.startsWith(PREFIX)) return undefined;
  const end = text.indexOf(SUFFIX, PREFIX.length);
  if (end < 0 || end > MAX_RECORD_LENGTH) return undefined;
  const encoded = text.slice(PREFIX.length, end);
  if (!/^[A-Za-z0-9_-]*$/.test(encoded)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  return readRecord(value);
}

const DECISIONS: readonly GateDecision[] = ['pass', 'approved', 'overridden', 'blocked', 'error'];

function readRecord(value: unknown): DecisionRecord | undefined {
  if (!isObject(value) || value.version !== 1) return undefined;
  const { head, base, decision, by, digest, count, changes } = value;
  if (typeof head !== 'string' || typeof digest !== 'string' || !/^[0-9a-f]{64}$/.test(digest)) return undefined;
  if (!DECISIONS.includes(decision as GateDecision) || !Array.isArray(by) || !by.every((b) => typeof b === 'string')) return undefined;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) return undefined;
  const record: DecisionRecord = { version: 1, head, decision: decision as GateDecision, by, digest, count };
  if (base !== undefined) {
    if (!isObject(base) || typeof base.ref !== 'string' || typeof base.sha !== 'string' || typeof base.protected !== 'boolean') return undefined;
    record.base = { ref: base.ref, sha: base.sha, protected: base.protected };
  }
  if (changes !== undefined) {
    if (!Array.isArray(changes) || !changes.every((c) => Array.isArray(c) && c.length === 3 && c.every((part) => typeof part === 'string'))) return undefined;
    const list = canonicalChanges(changes as ProtectedChange[]);
    // A list that is not the one the digest names was not written by plangate.
    if (list.length !== count || changesDigest(list) !== digest) return undefined;
    record.changes = list;
  }
  return record;
}

/** Why this record approves nothing for `head`, or undefined when it is a passing decision for that head into a protected base. */
export function recordProblem(record: DecisionRecord, head: string): string | undefined {
  if (record.head !== head) return `its decision is for ${record.head.slice(0, 7)}, not the head ${head.slice(0, 7)} that was merged: the last head was never decided`;
  if (record.decision === 'blocked' || record.decision === 'error') return `its last decision was ${record.decision}`;
  if (!record.base) return 'its decision does not say which base it was made for';
  if (!record.base.protected) return `its decision was made for the base ${record.base.ref}, which is not a protected base`;
  return undefined;
}

/**
 * The protected changes that no record approves. A record with the list
 * approves each change on it (fewer is fine); a record with only the digest
 * approves exactly that set and nothing less or more, since a subset of a
 * set known only by its digest cannot be checked.
 */
export function unapproved(applied: Iterable<ProtectedChange>, records: readonly DecisionRecord[]): ProtectedChange[] {
  const changes = canonicalChanges(applied);
  if (changes.length === 0) return [];
  const digest = changesDigest(changes);
  if (records.some((r) => r.changes === undefined && r.digest === digest)) return [];
  const approved = new Set(records.flatMap((r) => (r.changes ?? []).map((c) => JSON.stringify(c))));
  return changes.filter((c) => !approved.has(JSON.stringify(c)));
}

/** `file: address (action)`, for the one line that says what was not approved. */
export function describeChange([file, address, action]: ProtectedChange): string {
  return `${file}: ${address} (${action})`;
}
