import { getErrorMessage } from '../errors.js';
import { decisionRecord, type DecisionRecord } from '../approval/record.js';
import type { Identity } from '../approval/types.js';
import { commentMarker, commentRecord, earnsSuccess, isPassing, renderGateComment, statusDescription, type GateReport } from '../report/gate.js';
import { GitHubApiError, type CommitStatus, type RepositoryApi, type StatusInput } from './api.js';
import type { GateResult } from './gate.js';
import type { CommentMode } from './inputs.js';

export interface PublishOptions {
  statusContext: string;
  comment: CommentMode;
  number: number;
  headSha: string;
  runUrl?: string;
  /** Which gate this run is (RunContext.gateKey): carried in the status's target URL. */
  gateKey?: string;
}

/**
 * First thing in every run that will decide, before any input is read: a
 * pending status on the head commit. Whatever happens next — a crash, a
 * cancellation, a bad input, a refused write — no older success outlives
 * this run.
 */
export async function markPending(api: RepositoryApi, options: Pick<PublishOptions, 'headSha' | 'statusContext' | 'runUrl'>): Promise<void> {
  await api.setStatus(options.headSha, status(options, 'pending', 'plangate is deciding'));
}

/**
 * Leaves the decision on GitHub: the commit status, then the sticky comment.
 * When GitHub refuses either, the decision becomes an error (a pass that could
 * not be recorded must not stay green anywhere) and a failure status is tried.
 */
export async function publishDecision(api: RepositoryApi, decided: GateResult, options: PublishOptions): Promise<{ result: GateResult; warnings: string[] }> {
  const warnings: string[] = [...(decided.warnings ?? [])];
  let result = decided;
  try {
    // Read once before the post: the other gate's and the look-alikes' statuses come from the same list.
    let listed: CommitStatus[] | undefined;
    if (earnsSuccess(result) && options.gateKey) {
      listed = await api.statuses(options.headSha);
      const other = otherGate(listed, options);
      if (other) result = withError(result, other);
    }
    const report = { analysis: result.analysis, outcome: result.outcome, ...(result.base ? { base: result.base } : {}) };
    const state = earnsSuccess(report) ? 'success' : isPassing(result.outcome.decision) ? 'pending' : 'failure';
    const poster = await api.setStatus(options.headSha, status({ ...options, keyed: true }, state, statusDescription(report)));
    warnings.push(...lookAlikes(listed ?? (await api.statuses(options.headSha)), options, poster));
    // A review or label after merge, or an old head's run, must not overwrite the decision apply time reads back.
    if (!result.keepRecord) await publishComment(api, { ...gateReport(result, options.statusContext), warnings, ...(options.runUrl ? { runUrl: options.runUrl } : {}) }, options, poster);
    return { result, warnings };
  } catch (error) {
    const failed = withError(result, `${getErrorMessage(error)}${refusalHint(error)}`);
    await api.setStatus(options.headSha, status(options, 'failure', 'plangate could not publish its decision')).catch(() => undefined);
    return { result: failed, warnings };
  }
}

/** The result with one more error; any decision but blocked becomes an error. */
export function withError(result: GateResult, message: string): GateResult {
  const decision = result.outcome.decision === 'blocked' ? 'blocked' : 'error';
  return { ...result, outcome: { ...result.outcome, decision, errors: [...result.outcome.errors, message] } };
}

/** The report the comment and the job summary render, from a result. */
export function gateReport(result: Pick<GateResult, 'analysis' | 'outcome' | 'rules' | 'base' | 'headSha'>, statusContext: string): GateReport {
  const report: GateReport = { analysis: result.analysis, outcome: result.outcome, statusContext, record: recordOf(result) };
  if (result.rules) report.rules = result.rules;
  if (result.base) report.base = result.base;
  return report;
}

/** The decision as `plangate verify` reads it back from the comment and the JSON report. */
export function recordOf(result: Pick<GateResult, 'analysis' | 'outcome' | 'base' | 'headSha'>): DecisionRecord {
  return decisionRecord({ headSha: result.headSha, outcome: result.outcome, findings: result.analysis.findings, ...(result.base ? { base: result.base } : {}) });
}

/** A 403 on a write is most often a fork's read-only token: say what to do about it. */
function refusalHint(error: unknown): string {
  if (!(error instanceof GitHubApiError) || error.status !== 403) return '';
  return ' (a fork pull request gets a read-only token: use pull_request_target, which is safe only when no pull request code is checked out, or a token with these permissions)';
}

function status(options: Pick<PublishOptions, 'statusContext' | 'runUrl' | 'gateKey'> & { keyed?: boolean }, state: StatusInput['state'], description: string): StatusInput {
  const input: StatusInput = { state, context: options.statusContext, description };
  if (options.runUrl) input.target_url = options.keyed && options.gateKey ? `${options.runUrl}#${GATE_KEY}${options.gateKey}` : options.runUrl;
  return input;
}

const GATE_KEY = 'plangate-';

/**
 * Another gate (another workflow, job or plans input) that posted a decision
 * under the same status context on this commit: whichever posts last would
 * overwrite the other's decision, so neither may pass.
 */
function otherGate(statuses: readonly CommitStatus[], options: PublishOptions): string | undefined {
  if (!options.gateKey) return undefined;
  const keyOf = (url: string | null) => (url?.includes(`#${GATE_KEY}`) ? url.slice(url.lastIndexOf(`#${GATE_KEY}`) + GATE_KEY.length + 1) : undefined);
  const other = statuses.find((s) => s.context === options.statusContext && keyOf(s.targetUrl) !== undefined && keyOf(s.targetUrl) !== options.gateKey);
  if (!other) return undefined;
  return `another plangate run (${other.targetUrl ?? ''}) posts the "${options.statusContext}" status on ${options.headSha.slice(0, 7)} for other plans, and whichever posts last would overwrite the other's decision: give each gate its own status-context input`;
}

/**
 * Anyone with write access can post a status of any name. A success under
 * plangate's context that plangate did not post is worth saying out loud
 * (a warning only: the list read before plangate's own post will do).
 */
function lookAlikes(statuses: readonly CommitStatus[], options: PublishOptions, poster: Identity | undefined): string[] {
  const foreign = statuses.filter((s) => s.context === options.statusContext && s.state === 'success' && s.creator !== null && (poster === undefined || s.creator.id !== poster.id));
  return [...new Set(foreign.map((s) => s.creator?.login ?? '?'))].map(
    (login) =>
      `a "${options.statusContext}" success status on ${options.headSha.slice(0, 7)} was posted by ${login}, not by plangate. Require the status from plangate's own source in the ruleset (see the README) so such a status cannot satisfy it.`,
  );
}

/**
 * A status belongs to a commit and outlives its decision: after a push, the
 * old head keeps its success, and a force-push back to it would be mergeable
 * at once, before any run decides it again (a label or an approval that has
 * since been withdrawn included). The head the last decision was for gets a
 * failure when another head is decided.
 */
async function supersede(api: RepositoryApi, previous: DecisionRecord | undefined, options: PublishOptions): Promise<void> {
  if (!previous || previous.head === options.headSha || !/^[0-9a-f]{40}$/.test(previous.head)) return;
  const description = `superseded: #${options.number} moved on to ${options.headSha.slice(0, 7)}; this commit needs a new decision`;
  await api.setStatus(previous.head, status(options, 'failure', description));
}

/** Creates or edits the one comment marked as plangate's, found through every page of comments. */
async function publishComment(api: RepositoryApi, report: GateReport, options: PublishOptions, poster: Identity | undefined): Promise<void> {
  if (options.comment === 'never') return;
  const marker = commentMarker(options.statusContext);
  const ours = (await api.comments(options.number)).filter((c) => c.body.includes(marker) && c.user !== null && (poster ? c.user.id === poster.id : c.user.type === 'Bot'));
  const existing = ours[0];
  await supersede(api, existing ? commentRecord(existing.body, options.statusContext) : undefined, options);
  const worthSaying = report.analysis.findings.length > 0 || report.outcome.decision === 'error' || report.base?.protected === false;
  // on-findings still edits an earlier comment, so a stale "blocked" never lingers.
  if (!existing && options.comment === 'on-findings' && !worthSaying) return;
  const body = renderGateComment(report);
  if (existing) await api.updateComment(existing.id, body);
  else await api.createComment(options.number, body);
}
