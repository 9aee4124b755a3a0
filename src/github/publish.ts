import type { GateDecision, Identity } from '../approval/types.js';
import { commentMarker, renderGateComment, statusDescription, type GateReport } from '../report/gate.js';
import type { RepositoryApi } from './api.js';
import type { CommentMode } from './inputs.js';

export interface PublishOptions {
  statusContext: string;
  comment: CommentMode;
  number: number;
  headSha: string;
  runUrl?: string;
}

const PASSING: ReadonlySet<GateDecision> = new Set(['pass', 'approved', 'overridden']);

/**
 * Leaves the decision on GitHub: a commit status on the head (success only
 * for pass, approved, overridden) and one sticky comment. Returns warnings
 * for the report; throws when GitHub refuses, so the run ends in an error.
 */
export async function publishStatus(api: RepositoryApi, report: Pick<GateReport, 'analysis' | 'outcome'>, options: PublishOptions): Promise<{ poster?: Identity; warnings: string[] }> {
  const state = PASSING.has(report.outcome.decision) ? 'success' : 'failure';
  const status: Parameters<RepositoryApi['setStatus']>[1] = { state, context: options.statusContext, description: statusDescription(report) };
  if (options.runUrl) status.target_url = options.runUrl;
  const poster = await api.setStatus(options.headSha, status);
  return { poster, warnings: await lookAlikes(api, options, poster) };
}

/**
 * Anyone with write access can post a status of any name. A success under
 * plangate's context that plangate did not post is worth saying out loud.
 */
async function lookAlikes(api: RepositoryApi, options: PublishOptions, poster: Identity | undefined): Promise<string[]> {
  const statuses = await api.statuses(options.headSha);
  const foreign = statuses.filter((s) => s.context === options.statusContext && s.state === 'success' && s.creator !== null && (poster === undefined || s.creator.id !== poster.id));
  return [...new Set(foreign.map((s) => s.creator?.login ?? '?'))].map(
    (login) =>
      `a "${options.statusContext}" success status on ${options.headSha.slice(0, 7)} was posted by ${login}, not by plangate. Require the status from plangate's own source in the ruleset (see the README) so such a status cannot satisfy it.`,
  );
}

/** Creates or edits the one comment marked as plangate's, found through every page of comments. */
export async function publishComment(api: RepositoryApi, report: GateReport, options: PublishOptions, poster: Identity | undefined): Promise<void> {
  if (options.comment === 'never') return;
  const marker = commentMarker(options.statusContext);
  const ours = (await api.comments(options.number)).filter((c) => c.body.includes(marker) && c.user !== null && (poster ? c.user.id === poster.id : c.user.type === 'Bot'));
  const existing = ours[0];
  const worthSaying = report.analysis.findings.length > 0 || report.outcome.decision === 'error';
  // on-findings still edits an earlier comment, so a stale "blocked" never lingers.
  if (!existing && options.comment === 'on-findings' && !worthSaying) return;
  const body = renderGateComment(report);
  if (existing) await api.updateComment(existing.id, body);
  else await api.createComment(options.number, body);
}
