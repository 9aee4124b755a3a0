import { describe, expect, it } from 'vitest';
import {
  canonicalChanges,
  changesDigest,
  decisionRecord,
  decodeRecord,
  encodeRecord,
  MAX_RECORD_LENGTH,
  recordProblem,
  unapproved,
  type DecisionRecord,
  type ProtectedChange,
} from '../../src/approval/record.js';
import { commentMarker, renderGateComment } from '../../src/report/gate.js';

const HEAD = 'a'.repeat(40);
const BASE = { ref: 'main', sha: 'b'.repeat(40), protected: true };
const DB: ProtectedChange = ['plan.json', 'aws_db_instance.production', 'delete'];
const BUCKET: ProtectedChange = ['plan.json', 'aws_s3_bucket.uploads', 'delete'];

function finding([file, address, action]: ProtectedChange) {
  return { file, address, action: action as 'delete' };
}

function approved(changes: ProtectedChange[], over: Partial<DecisionRecord> = {}): DecisionRecord {
  return {
    ...decisionRecord({ headSha: HEAD, base: BASE, outcome: { decision: 'approved', approvedBy: [{ login: 'ops-bob', id: 1002 }] }, findings: changes.map(finding) }),
    ...over,
  };
}

describe('the recorded set of protected changes', () => {
  it('is canonical: order and duplicates do not change it or its digest', () => {
    expect(canonicalChanges([BUCKET, DB, BUCKET])).toEqual(canonicalChanges([DB, BUCKET]));
    expect(changesDigest([BUCKET, DB])).toBe(changesDigest([DB, BUCKET, DB]));
    expect(changesDigest([DB])).not.toBe(changesDigest([BUCKET]));
    // The file label and the action are part of what was approved.
    expect(changesDigest([DB])).not.toBe(changesDigest([['other.json', DB[1], DB[2]]]));
    expect(changesDigest([DB])).not.toBe(changesDigest([[DB[0], DB[1], 'replace']]));
  });

  it('records the head, the base, the decision, who approved or overrode, and the changes', () => {
    const record = approved([DB, BUCKET]);
    expect(record).toMatchObject({ version: 1, head: HEAD, base: BASE, decision: 'approved', by: ['ops-bob'], count: 2, digest: changesDigest([DB, BUCKET]) });
    expect(record.changes).toEqual(canonicalChanges([DB, BUCKET]));
    const overridden = decisionRecord({ headSha: HEAD, base: BASE, outcome: { decision: 'overridden', approvedBy: [], overriddenBy: { login: 'sec-carol', at: 'x' } }, findings: [finding(DB)] });
    expect(overridden.by).toEqual(['sec-carol']);
    const blocked = decisionRecord({ headSha: HEAD, base: BASE, outcome: { decision: 'blocked', approvedBy: [{ login: 'ops-bob', id: 1 }] }, findings: [finding(DB)] });
    expect(blocked.by).toEqual([]);
  });
});

describe('encoding', () => {
  it('reads back what it wrote, and an address holding --> cannot end the hidden comment early', () => {
    const tricky: ProtectedChange = ['plan.json', 'aws_s3_bucket.x["--> <!-- plangate-record:v1 e30 -->"]', 'delete'];
    const record = approved([DB, tricky]);
    const text = encodeRecord(record);
    expect(text.indexOf('-->')).toBe(text.length - 3);
    expect(decodeRecord(text)).toEqual(record);
  });

  it('refuses anything plangate did not write: garbage, another version, a list that is not the digest’s', () => {
    const record = approved([DB]);
    const encode = (value: unknown) => `<!-- plangate-record:v1 ${Buffer.from(JSON.stringify(value)).toString('base64url')} -->`;
    expect(decodeRecord(encode(record))).toEqual(record);
    expect(decodeRecord('<!-- plangate-record:v1 !!! -->')).toBeUndefined();
    expect(decodeRecord(encode({ ...record, version: 2 }))).toBeUndefined();
    expect(decodeRecord(encode({ ...record, decision: 'fine' }))).toBeUndefined();
    // An approval of one delete, its list swapped for another: the digest gives it away.
    expect(decodeRecord(encode({ ...record, changes: [BUCKET] }))).toBeUndefined();
    expect(decodeRecord(encode({ ...record, changes: [DB, BUCKET] }))).toBeUndefined();
    expect(decodeRecord(` ${encodeRecord(record)}`)).toBeUndefined();
  });

  it('leaves out a list too long to fit, never cuts it: the digest still names the whole set', () => {
    const many = Array.from({ length: 2_000 }, (_, i): ProtectedChange => ['plan.json', `aws_s3_bucket.b${i}`, 'delete']);
    const text = encodeRecord(approved(many));
    expect(text.length).toBeLessThanOrEqual(MAX_RECORD_LENGTH);
    const read = decodeRecord(text) as DecisionRecord;
    expect(read.changes).toBeUndefined();
    expect(read.count).toBe(2_000);
    expect(unapproved(many, [read])).toEqual([]);
    // Fewer cannot be checked against a digest: each is refused.
    expect(unapproved(many.slice(1), [read])).toHaveLength(1_999);
  });

  it('rides on the line after the comment marker, where no finding can put text', () => {
    const analysis = { files: ['plan.json'], changes: [], findings: [], ignored: [], errors: [], decision: 'pass' as const };
    const outcome = { decision: 'pass' as const, approvedBy: [], missing: [], ignored: [], errors: [] };
    const record = approved([]);
    const body = renderGateComment({ analysis, outcome, statusContext: 'plangate', record });
    const [marker, line] = body.split('\n');
    expect(marker).toBe(commentMarker('plangate'));
    expect(decodeRecord(line ?? '')).toEqual(record);
  });
});

describe('what a record approves', () => {
  it('each approved change, and any fewer; never one more, another action or another file', () => {
    const record = approved([DB, BUCKET]);
    expect(unapproved([DB, BUCKET], [record])).toEqual([]);
    expect(unapproved([DB], [record])).toEqual([]);
    expect(unapproved([], [record])).toEqual([]);
    const replica: ProtectedChange = ['plan.json', 'aws_db_instance.replica', 'delete'];
    expect(unapproved([DB, replica], [record])).toEqual([replica]);
    expect(unapproved([[DB[0], DB[1], 'forget']], [record])).toEqual([[DB[0], DB[1], 'forget']]);
    expect(unapproved([['staging.json', DB[1], DB[2]]], [record])).toHaveLength(1);
    expect(unapproved([DB], [])).toEqual([DB]);
  });

  it('several records approve their union (a merge group)', () => {
    expect(unapproved([DB, BUCKET], [approved([DB]), approved([BUCKET])])).toEqual([]);
  });

  it('approves nothing unless it is a passing decision for that very head into a protected base', () => {
    expect(recordProblem(approved([DB]), HEAD)).toBeUndefined();
    expect(recordProblem(approved([DB]), 'c'.repeat(40))).toMatch(/not the head ccccccc/);
    expect(recordProblem(approved([DB], { decision: 'blocked' }), HEAD)).toMatch(/blocked/);
    expect(recordProblem(approved([DB], { decision: 'error' }), HEAD)).toMatch(/error/);
    expect(recordProblem(approved([DB], { base: { ...BASE, protected: false } }), HEAD)).toMatch(/not a protected base/);
    const { base: _base, ...noBase } = approved([DB]);
    expect(recordProblem(noBase, HEAD)).toMatch(/which base/);
  });
});
