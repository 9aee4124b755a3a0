import { posix } from 'node:path';
import type { Analysis, Finding } from '../analysis/types.js';
import { decideApproval } from '../approval/decide.js';
import type { ApprovalOutcome, Identity, Permission, PullRequestFacts } from '../approval/types.js';
import { checkPlans } from '../check.js';
import type { RemovedPreventDestroy, SourceFile } from '../plan/terraform-source.js';
import { defaultRuleSet, parseConfig } from '../rules/config.js';
import type { RuleSet } from '../rules/types.js';
import type { RepositoryApi } from './api.js';
import type { RunContext } from './context.js';
import type { Inputs } from './inputs.js';

export interface GateResult {
  analysis: Analysis;
  outcome: ApprovalOutcome;
  /** The head SHA the status goes on: the run's own. */
  headSha: string;
  ruleSet?: RuleSet;
}

/** Files that change the gate itself: its config (the input's path), workflows and CODEOWNERS. */
export function isGateFile(filename: string, configPath: string): boolean {
  const file = filename.replace(/^\.\//, '');
  return (
    file === configPath.replace(/^\.\//, '') ||
    file.startsWith('.github/workflows/') ||
    file === 'CODEOWNERS' ||
    file === '.github/CODEOWNERS' ||
    file === 'docs/CODEOWNERS'
  );
}

/**
 * Decides one pull request afresh: the plans, the config at the base commit,
 * the changed files, and the reviews and labels as they are now.
 */
export async function runGate(inputs: Inputs, context: RunContext, api: RepositoryApi, planFiles: readonly string[]): Promise<GateResult> {
  const pr = await api.pull(context.number);
  if (pr.headSha !== context.headSha) {
    return errorResult(
      context.headSha,
      `this run is for ${context.headSha.slice(0, 7)}, but the pull request's head is now ${pr.headSha.slice(0, 7)}: the run for the new head decides; a re-run of an old run never does`,
    );
  }
  if (pr.state !== 'open') return errorResult(context.headSha, `pull request #${pr.number} is ${pr.state}: plangate gates open pull requests`);

  // The gate's rules come from the base commit, never from the pull request's own tree.
  const configText = await api.fileAt(inputs.config, pr.baseSha);
  if (configText === undefined) await confirmNoConfig(api, inputs.config, pr.baseSha);
  const ruleSet = configText === undefined ? { ...defaultRuleSet(), overrideLabel: inputs.overrideLabel } : await parseConfig(configText, `${inputs.config} (at base ${pr.baseSha.slice(0, 7)})`, { overrideLabel: inputs.overrideLabel });

  const files = await api.changedFiles(context.number);
  const sourceWeakenings = await preventDestroyRemoved(api, files, pr.baseSha, pr.headSha);
  const analysis = await checkPlans(planFiles, ruleSet, { sourceWeakenings });
  addGateFileFindings(analysis, files, inputs.config, ruleSet);

  if (analysis.decision === 'error') return { analysis, outcome: { ...emptyOutcome(), decision: 'error', errors: analysis.errors }, headSha: context.headSha, ruleSet };
  if (analysis.findings.length === 0) return siblingCheck(api, { analysis, outcome: { ...emptyOutcome(), decision: 'pass' }, headSha: context.headSha, ruleSet }, pr.number);

  const facts = await gatherFacts(api, pr, analysis.findings, ruleSet);
  const outcome = decideApproval({ findings: analysis.findings, rules: ruleSet.rules, facts, overrideLabel: ruleSet.overrideLabel, agentIdentities: inputs.agentIdentities });
  return siblingCheck(api, { analysis, outcome, headSha: context.headSha, ruleSet }, pr.number);
}

/**
 * A status belongs to a commit, not to a pull request: a success for this pull
 * request would also pass every other open pull request with the same head.
 */
async function siblingCheck(api: RepositoryApi, result: GateResult, number: number): Promise<GateResult> {
  if (result.outcome.decision !== 'pass' && result.outcome.decision !== 'approved' && result.outcome.decision !== 'overridden') return result;
  const siblings = await api.openPullsWithHead(result.headSha, number);
  if (siblings.length === 0) return result;
  const message = `pull request${siblings.length === 1 ? '' : 's'} ${siblings.map((n) => `#${n}`).join(', ')} ha${siblings.length === 1 ? 's' : 've'} the same head commit ${result.headSha.slice(0, 7)}, and a commit status cannot tell them apart, so plangate does not pass either; push a distinct commit to one of them`;
  return { ...result, outcome: { ...result.outcome, decision: 'error', errors: [...result.outcome.errors, message] } };
}

/**
 * GitHub answers 404 both for a missing file and for a token that may not
 * read contents: the default rules apply only when the base commit is
 * readable and its listing agrees that the config is not there.
 */
async function confirmNoConfig(api: RepositoryApi, path: string, ref: string): Promise<void> {
  const file = path.replace(/^\.\//, '');
  const dir = posix.dirname(file) === '.' ? '' : posix.dirname(file);
  const listed = (await api.entriesAt(dir, ref))?.map((e) => e.path);
  if (listed?.includes(file)) throw new Error(`GitHub answered 404 for ${file} at the base commit ${ref.slice(0, 7)} yet lists it there: plangate cannot read its config; run again, and check that the token has contents: read`);
  if (listed === undefined && (dir === '' || (await api.entriesAt('', ref)) === undefined)) {
    throw new Error(`GitHub answered 404 for the files of the base commit ${ref.slice(0, 7)}, so plangate cannot tell whether ${file} exists: the token needs contents: read`);
  }
}

export function emptyOutcome(): ApprovalOutcome {
  return { decision: 'error', approvedBy: [], missing: [], ignored: [], errors: [] };
}

export function errorResult(headSha: string, message: string): GateResult {
  return {
    analysis: { files: [], changes: [], findings: [], errors: [message], decision: 'error' },
    outcome: { ...emptyOutcome(), errors: [message] },
    headSha,
  };
}

/** A pull request that edits the gate needs the same human approval as the strictest rule. */
function addGateFileFindings(analysis: Analysis, files: ReadonlyArray<{ filename: string; previous?: string }>, configPath: string, ruleSet: RuleSet): void {
  const approvals = Math.max(1, ...ruleSet.rules.map((r) => r.approvals));
  for (const file of files) {
    const name = [file.filename, file.previous].find((f) => f !== undefined && isGateFile(f, configPath));
    if (!name) continue;
    analysis.findings.push({
      file: name,
      address: name,
      type: 'plangate gate file',
      action: 'protection-removed',
      rule: 'gate-files-changed',
      rules: ['gate-files-changed'],
      severity: 'critical',
      reason: "A change to plangate's config, the workflows or CODEOWNERS can loosen the gate itself, so it needs the same human approval.",
      approvals,
      approvers: { teams: [], users: [] },
      dependents: [],
      dataAtRisk: [],
    });
  }
  if (analysis.decision === 'pass' && analysis.findings.length > 0) analysis.decision = 'blocked';
}

/**
 * `lifecycle { prevent_destroy }` removed in the changed Terraform directories,
 * read at the base and head commits through the API (never from the workspace).
 */
async function preventDestroyRemoved(
  api: RepositoryApi,
  files: ReadonlyArray<{ filename: string; previous?: string }>,
  baseSha: string,
  headSha: string,
): Promise<RemovedPreventDestroy[]> {
  const dirs = new Set<string>();
  for (const file of files) for (const name of [file.filename, file.previous]) if (name && TERRAFORM_FILE.test(name)) dirs.add(posix.dirname(name));
  if (dirs.size === 0) return [];
  const { preventDestroyFromLoader, removedPreventDestroy } = await import('../plan/terraform-source.js');
  // Several changed directories can call the same local module: read each directory once per commit.
  const read = new Map<string, Promise<SourceFile[]>>();
  const loader = (ref: string) => (dir: string) => {
    const key = `${ref}\0${dir}`;
    let files = read.get(key);
    if (!files) read.set(key, (files = readTerraformDir(api, dir, ref)));
    return files;
  };
  const removed: RemovedPreventDestroy[] = [];
  for (const dir of [...dirs].sort()) {
    removed.push(...removedPreventDestroy(await preventDestroyFromLoader(dir, loader(baseSha)), await preventDestroyFromLoader(dir, loader(headSha))));
  }
  return removed;
}

const TERRAFORM_FILE = /\.tf(\.json)?$/;

async function readTerraformDir(api: RepositoryApi, dir: string, ref: string): Promise<SourceFile[]> {
  const entries = (await api.entriesAt(dir === '.' ? '' : dir, ref)) ?? [];
  const sources: SourceFile[] = [];
  for (const entry of entries) {
    if (entry.type !== 'file' || !TERRAFORM_FILE.test(entry.path)) continue;
    const contents = await api.fileAt(entry.path, ref);
    // Listed but unreadable is not "no guard": reading it as empty would drop its prevent_destroy.
    if (contents === undefined) throw new Error(`GitHub lists ${entry.path} at ${ref.slice(0, 7)} but answers 404 for it: plangate cannot read its lifecycle; run again, and check the token has contents: read`);
    sources.push({ path: entry.path, contents });
  }
  return sources;
}

/** Everything decideApproval weighs, read through the API; lists to their last page. */
async function gatherFacts(api: RepositoryApi, pr: Awaited<ReturnType<RepositoryApi['pull']>>, findings: readonly Finding[], ruleSet: RuleSet): Promise<PullRequestFacts> {
  const [commits, reviews] = [await api.commitPeople(pr.number), await api.reviews(pr.number)];
  const overrideOn = pr.labels.includes(ruleSet.overrideLabel);
  const labelEvents = overrideOn ? await api.labelEvents(pr.number) : [];
  const headPushedAt = overrideOn ? await api.pushedAt(pr.headSha) : undefined;
  if (overrideOn && headPushedAt === undefined) {
    throw new Error(`GitHub lists no check suite for ${pr.headSha.slice(0, 7)}, so plangate cannot tell when it was pushed and cannot weigh the ${ruleSet.overrideLabel} label`);
  }

  // Only people whose approval or label could count are looked up.
  const people = new Map<string, Identity>();
  for (const review of reviews) if (review.state === 'APPROVED' && review.commitId === pr.headSha) people.set(review.reviewer.login, review.reviewer);
  const lastLabel = labelEvents.filter((e) => e.event === 'labeled' && e.label === ruleSet.overrideLabel).pop();
  if (lastLabel) people.set(lastLabel.actor.login, lastLabel.actor);
  const humans = [...people.values()].filter((p) => p.type === 'User');

  const permissions = new Map<string, Permission>();
  for (const who of humans) permissions.set(who.login, await api.permission(who.login));

  const byName = new Map(ruleSet.rules.map((r) => [r.name, r]));
  const teams = new Set(findings.flatMap((f) => f.rules.flatMap((name) => byName.get(name)?.approvers.teams ?? [])));
  const teamMembers = new Map<string, Set<string>>();
  for (const team of teams) teamMembers.set(team, await api.teamMembers(team, humans.map((h) => h.login)));

  return {
    number: pr.number,
    author: pr.author,
    headSha: pr.headSha,
    headPushedAt: headPushedAt ?? '',
    labels: pr.labels,
    commitCount: Math.max(pr.commitCount, commits.total),
    commitsListed: commits.listed,
    people: commits.people,
    reviews,
    permissions,
    teamMembers,
    labelEvents,
  };
}
