import type { Analysis } from '../analysis/types.js';
import type { Approver } from '../approval/types.js';
import { describeChange, protectedChanges, recordProblem, unapproved, type DecisionRecord, type ProtectedChange } from '../approval/record.js';
import { checkPlans } from '../check.js';
import { commentMarker, commentRecord } from '../report/gate.js';
import type { DecisionApi } from './decision-api.js';
import { readRules } from './rules-source.js';

/** A plan, a decision or a commit that approves nothing: exit 1, one line saying what was not approved. */
export class Refusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Refusal';
  }
}

export interface DecisionSource {
  /** The login whose comments are plangate's: the token's own, or the account the gate posts as. */
  poster: string;
  statusContext: string;
}

export interface PlanCheck {
  /** Plan files, named as the gate named them (their path relative to the working directory). */
  plans: readonly string[];
  /** The rules file in the repository, read from the default branch; absent: either default name. */
  config?: string | undefined;
  overrideLabel: string;
}

export interface Verified {
  analysis: Analysis;
  /** The protected changes of the plan, every one approved. */
  changes: ProtectedChange[];
  /** Who approved or overrode in the decision that covers them (logins: the record keeps no ids). */
  by: string[];
  message: string;
}

/**
 * The last decision plangate recorded on a pull request, read only from the
 * first comment by the poster that carries plangate's marker (the one it
 * keeps editing): a marker in anyone else's comment is ignored.
 */
export async function recordedDecision(api: DecisionApi, number: number, source: DecisionSource): Promise<DecisionRecord> {
  const marker = commentMarker(source.statusContext);
  const comments = await api.editedComments(number);
  const isPoster = (login: string | null) => login !== null && login.toLowerCase() === source.poster.toLowerCase();
  const ours = comments.find((c) => isPoster(c.author) && c.body.includes(marker));
  if (!ours) {
    const others = comments.filter((c) => c.body.includes(marker)).length;
    throw new Refusal(
      `pull request #${number} has no decision recorded by ${source.poster}${others > 0 ? ` (${others} comment${others === 1 ? '' : 's'} by others carry plangate's marker and are ignored)` : ''}: run the gate with \`comment: always\` so every decision is recorded, and give verify the account the gate posts as`,
    );
  }
  // Anyone with write access may edit anyone's comment: one last edited by another account holds their words.
  // An edit GitHub attributes to no one (the account was deleted since) could be anyone's.
  if (ours.edited && ours.editor === null) {
    throw new Refusal(`plangate's comment on pull request #${number} was last edited by an account GitHub no longer names, not ${source.poster}, so its record is not plangate's: re-run the gate on the pull request's head`);
  }
  if (ours.editor !== null && !isPoster(ours.editor)) {
    throw new Refusal(`plangate's comment on pull request #${number} was last edited by ${ours.editor}, not ${source.poster}, so its record is not plangate's: re-run the gate on the pull request's head`);
  }
  const record = commentRecord(ours.body, source.statusContext);
  if (!record) throw new Refusal(`plangate's comment on pull request #${number} holds no readable decision record: re-run the gate on its head with this version of plangate`);
  return record;
}

/** The plans' protected changes under the default branch's rules; a plan that cannot be read is an error, not a pass. */
export async function protectedChangesOf(api: DecisionApi, check: PlanCheck): Promise<{ analysis: Analysis; changes: ProtectedChange[] }> {
  const { ruleSet } = await readRules(api, { ...(check.config ? { path: check.config } : {}), overrideLabel: check.overrideLabel });
  const analysis = await checkPlans(check.plans, ruleSet);
  return { analysis, changes: protectedChanges(analysis.findings) };
}

/**
 * `plangate verify`: the plan about to be applied for `commit` destroys
 * nothing protected that the merged pull request's last decision did not
 * approve. Throws a Refusal when it does, or when there is no such pull
 * request or decision; GitHubApiError and InputError are left to the caller.
 */
export async function verifyCommit(api: DecisionApi, commit: string, source: DecisionSource, check: PlanCheck): Promise<Verified> {
  const short = commit.slice(0, 7);
  const merged = (await api.commitPulls(commit)).filter((p) => p.mergedAt !== null && p.mergeCommitSha === commit);
  if (merged.length === 0) throw new Refusal(`no merged pull request has ${short} as its merge commit, so no human approved what it applies: deploy commits that a pull request merged`);
  if (merged.length > 1) throw new Refusal(`pull requests ${merged.map((p) => `#${p.number}`).join(', ')} all name ${short} as their merge commit: plangate cannot tell whose decision applies`);
  const pr = merged[0] as (typeof merged)[number];
  const record = await recordedDecision(api, pr.number, source);
  const problem = recordProblem(record, pr.headSha);
  if (problem) throw new Refusal(`pull request #${pr.number} (merged as ${short}) approved nothing: ${problem}`);
  if (record.base?.ref !== pr.baseRef) throw new Refusal(`pull request #${pr.number} was decided for the base ${record.base?.ref ?? '?'} but merged into ${pr.baseRef}: its decision does not cover this merge`);

  const { analysis, changes } = await protectedChangesOf(api, check);
  if (analysis.decision === 'error') return { analysis, changes, by: [], message: '' };
  const missing = unapproved(changes, [record]);
  if (missing.length > 0) throw new Refusal(notApproved(missing, `pull request #${pr.number}'s ${describeRecord(record)}`));
  const what = changes.length === 0 ? 'nothing protected is lost' : `${changes.length} protected change${changes.length === 1 ? '' : 's'}, each approved`;
  return { analysis, changes, by: record.by, message: `${what}: pull request #${pr.number} merged as ${short}, ${describeRecord(record)}` };
}

/** One line: the first change not approved, how many more, and which decision did not cover them. */
/** The approvers a report shows for a verify or merge-group decision, by login as records hold them. */
export function approversByLogin(logins: readonly string[]): Approver[] {
  // id 0: a record names people by login only; these are shown, never compared by id.
  return [...new Set(logins)].map((login) => ({ login, id: 0 }));
}

export function notApproved(missing: readonly ProtectedChange[], decided: string): string {
  const [first] = missing as [ProtectedChange];
  const more = missing.length > 1 ? ` and ${missing.length - 1} more` : '';
  return `not approved: ${describeChange(first)}${more}: ${decided} did not cover ${missing.length === 1 ? 'it' : 'them'}`;
}

export function describeRecord(record: DecisionRecord): string {
  const who = record.by.length > 0 ? ` by ${record.by.join(', ')}` : '';
  const listed = record.changes === undefined ? ` (${record.count} changes, recorded by digest only: only the same set verifies)` : '';
  return `decision ${record.decision}${who} on ${record.head.slice(0, 7)}${listed}`;
}
