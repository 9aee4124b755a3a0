import { readFileSync } from 'node:fs';
import { recordProblem, unapproved, type DecisionRecord } from '../approval/record.js';
import { getErrorMessage, InputError } from '../errors.js';
import { isObject } from '../json.js';
import { GitHubApiError } from './api.js';
import type { DecisionApi } from './decision-api.js';
import { emptyOutcome, type GateResult } from './gate.js';
import { approversByLogin, notApproved, protectedChangesOf, recordedDecision, Refusal, type DecisionSource, type PlanCheck } from './verify.js';

/** A merge_group event's group, from its payload. */
export interface MergeGroup {
  headSha: string;
  /** refs/heads/gh-readonly-queue/<base>/pr-<N>-<sha>. */
  headRef: string;
  baseSha: string;
  /** refs/heads/<base>. */
  baseRef: string;
}

/** The group from a merge_group event's payload; anything missing or malformed is an input error. */
export function readMergeGroup(path: string | undefined): MergeGroup {
  if (!path) throw new InputError('GITHUB_EVENT_PATH', 'unset: plangate must run as a step of a GitHub Actions job');
  let group: unknown;
  try {
    group = (JSON.parse(readFileSync(path, 'utf8')) as { merge_group?: unknown }).merge_group;
  } catch (error) {
    throw new InputError('GITHUB_EVENT_PATH', `the event payload ${path} cannot be read as JSON (${getErrorMessage(error).split('\n')[0]})`);
  }
  const g = (isObject(group) ? group : {}) as Record<string, unknown>;
  const sha = (v: unknown) => typeof v === 'string' && /^[0-9a-f]{40}$/.test(v);
  if (!sha(g.head_sha) || !sha(g.base_sha) || typeof g.head_ref !== 'string' || typeof g.base_ref !== 'string') {
    throw new InputError('GITHUB_EVENT_PATH', 'the merge_group payload has no head_sha, head_ref, base_sha and base_ref: it is malformed');
  }
  return { headSha: g.head_sha as string, headRef: g.head_ref, baseSha: g.base_sha as string, baseRef: g.base_ref };
}

const QUEUE_REF = /^refs\/heads\/gh-readonly-queue\/(.+)\/pr-(\d+)-([0-9a-f]{40})$/;

/**
 * Decides a merge group's head: it passes only when every pull request in
 * the group has a current passing decision recorded by plangate, and the
 * group's plan loses nothing protected beyond what those decisions approved.
 * The pull requests are the queue's own branches (gh-readonly-queue/…, which
 * only GitHub writes) that point into base..head; anything that cannot be
 * pinned down is an error.
 */
export async function decideMergeGroup(api: DecisionApi, group: MergeGroup, source: DecisionSource, check: PlanCheck): Promise<GateResult> {
  const headSha = group.headSha;
  const own = QUEUE_REF.exec(group.headRef);
  const base = own?.[1];
  if (!own || !base || group.baseRef !== `refs/heads/${base}`) {
    throw new GitHubApiError(`the merge_group event's head_ref ${JSON.stringify(group.headRef)} is not a merge queue branch of its base ${JSON.stringify(group.baseRef)}: plangate cannot tell which pull requests the group holds`);
  }
  const inRange = new Set(await api.commitsBetween(group.baseSha, headSha));
  const entries = (await api.matchingRefs(`refs/heads/gh-readonly-queue/${base}/`)).filter((r) => inRange.has(r.sha));
  const pulls = new Map<number, string>();
  for (const entry of entries) {
    const m = QUEUE_REF.exec(entry.ref);
    if (!m || m[1] !== base) throw new GitHubApiError(`the merge queue branch ${entry.ref} points into the group but does not name a pull request of ${base}: plangate cannot tell which pull requests the group holds`);
    pulls.set(Number(m[2]), m[3] as string);
  }
  if (!entries.some((e) => e.ref === group.headRef && e.sha === headSha)) {
    throw new GitHubApiError(`GitHub lists no merge queue branch ${group.headRef} at ${headSha.slice(0, 7)}: the group changed while plangate read it; the queue runs it again`);
  }

  const records: DecisionRecord[] = [];
  const refused: string[] = [];
  for (const [number, queuedHead] of [...pulls].sort(([a], [b]) => a - b)) {
    const pr = await api.pull(number);
    // Queue branches are ordinary branches to anyone with write access: one naming a closed pull request would bring in its old decision.
    if (pr.state !== 'open') {
      refused.push(`pull request #${number} is ${pr.state}, so the merge queue cannot hold it: the branch naming it was not made by the queue`);
      continue;
    }
    if (pr.headSha !== queuedHead || pr.baseRef !== base) {
      refused.push(`pull request #${number} is now at ${pr.headSha.slice(0, 7)} into ${pr.baseRef}, not the ${queuedHead.slice(0, 7)} into ${base} that was queued`);
      continue;
    }
    try {
      const record = await recordedDecision(api, number, source);
      const problem = recordProblem(record, pr.headSha);
      if (problem) refused.push(`pull request #${number} approved nothing: ${problem}`);
      else if (record.base?.ref !== base) refused.push(`pull request #${number} was decided for the base ${record.base?.ref ?? '?'}, not ${base}`);
      else records.push(record);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      refused.push(error.message);
    }
  }

  const { analysis, changes } = await protectedChangesOf(api, check);
  const result: GateResult = { headSha, analysis, outcome: emptyOutcome() };
  if (analysis.decision === 'error') return { ...result, outcome: { ...emptyOutcome(), errors: analysis.errors } };
  const missing = unapproved(changes, records);
  if (missing.length > 0) refused.push(notApproved(missing, `the decisions of the group's pull requests (${[...pulls.keys()].map((n) => `#${n}`).join(', ')})`));
  if (refused.length > 0) return { ...result, outcome: { ...emptyOutcome(), decision: 'blocked', missing: refused } };
  return { ...result, outcome: { ...emptyOutcome(), ...(changes.length === 0 ? { decision: 'pass' as const } : { decision: 'approved' as const, approvedBy: approversByLogin(records.flatMap((record) => record.by)) }) } };
}
