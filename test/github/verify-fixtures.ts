// Shared by the apply-time verify and merge-queue tests: plans derived from the
// destroy fixture, and a fake GitHub holding plangate's recorded decisions.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decisionRecord, encodeRecord, type ProtectedChange } from '../../src/approval/record.js';
import type { GateDecision } from '../../src/approval/types.js';
import { planLabel } from '../../src/plan/label.js';
import { commentMarker } from '../../src/report/gate.js';
import { afterEach, expect } from 'vitest';
import { BASE_SHA, fakeSha, HEAD_SHA, makeCommit, newState, startGitHubServer, type FakePull, type GitHubServer, type GitHubState, type Login } from '../github-server/server.js';
import { DESTROY } from './run-gate.js';

export const MERGE_SHA = fakeSha('merge commit of #7');
export const DB = 'aws_db_instance.production';
export const BUCKET = 'aws_s3_bucket.uploads';
export const REPLICA = 'aws_db_instance.replica';

type Plan = { resource_changes: Array<{ address: string; name: string }> };

export type Variant = 'matching' | 'fewer' | 'extra';

/**
 * One plan file in a temporary directory, named as the gate named it; `at`
 * writes a variant there: the destroy fixture (db + bucket), the same without
 * the bucket, or with a replica deleted too.
 */
export function planFile(): { path: string; at: (variant: Variant) => string } {
  const path = join(mkdtempSync(join(tmpdir(), 'plangate-verify-')), 'plan.json');
  const plan = JSON.parse(readFileSync(DESTROY, 'utf8')) as Plan;
  const db = plan.resource_changes.find((r) => r.address === DB) as Plan['resource_changes'][number];
  const variants: Record<Variant, Plan> = {
    matching: plan,
    fewer: { ...plan, resource_changes: plan.resource_changes.filter((r) => r.address !== BUCKET) },
    extra: { ...plan, resource_changes: [...plan.resource_changes, { ...db, address: REPLICA, name: 'replica' }] },
  };
  return {
    path,
    at: (variant) => {
      writeFileSync(path, JSON.stringify(variants[variant]));
      return path;
    },
  };
}

/** The body plangate writes: its marker, the record on the next line, then the report. */
export function decisionComment(options: { head: string; decision: GateDecision; plan: string; addresses: string[]; base?: string; statusContext?: string }): string {
  const changes = options.addresses.map((address): ProtectedChange => [planLabel(options.plan), address, 'delete']);
  const record = decisionRecord({
    headSha: options.head,
    base: { ref: options.base ?? 'main', sha: BASE_SHA, protected: true },
    outcome: { decision: options.decision, approvedBy: options.decision === 'approved' ? [{ login: 'ops-bob', id: 1002 }] : [] },
    findings: changes.map(([file, address, action]) => ({ file, address, action: action as 'delete' })),
  });
  return `${commentMarker(options.statusContext ?? 'plangate')}\n${encodeRecord(record)}\n## plangate: ${options.decision}\n`;
}

let commentId = 500_000;

export function addComment(pull: FakePull, user: Login, body: string): void {
  pull.comments.push({ id: ++commentId, user, body, created_at: '2024-05-01T12:30:00Z' });
}

/** Pull request #7 merged as MERGE_SHA into main, with no comments yet; the token is GITHUB_TOKEN (github-actions[bot]). */
export function mergedState(): GitHubState {
  const state = newState();
  const pull = state.pulls[7] as FakePull;
  Object.assign(pull, { state: 'closed', merged: true, mergeCommitSha: MERGE_SHA });
  state.commitsBySha[MERGE_SHA] = makeCommit({ sha: MERGE_SHA, message: 'Merge pull request #7', parents: [BASE_SHA, HEAD_SHA], minutes: 30 });
  state.branches.main = MERGE_SHA;
  state.contents[MERGE_SHA] = { ...state.contents[HEAD_SHA] };
  return state;
}

/** One fake per test, started by `start` and closed after the test, which fails on any exchange GitHub's description rejects. */
export function fakePerTest(): { start: (state: GitHubState) => Promise<GitHubServer>; current: () => GitHubServer | undefined } {
  let gh: GitHubServer | undefined;
  afterEach(async () => {
    const server = gh;
    gh = undefined;
    if (!server) return;
    await server.close();
    expect(server.violations, "exchanges that depart from GitHub's OpenAPI description").toEqual([]);
  });
  return {
    start: async (state) => (gh = await startGitHubServer(state)),
    current: () => gh,
  };
}
