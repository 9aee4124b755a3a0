import type { Analysis, Finding } from '../analysis/types.js';
import { decideApproval } from '../approval/decide.js';
import type { ApprovalOutcome } from '../approval/types.js';
import { checkPlans } from '../check.js';
import { isPassing } from '../report/gate.js';
import { gateRule, isGateFile, isProtectedBase } from '../rules/gate.js';
import type { Rule, RulesSource } from '../rules/types.js';
import { RETARGETS, type ChangedFile, type PullRequest, type RepositoryApi } from './api.js';
import type { ActionsApi } from './actions-api.js';
import type { RunContext } from './context.js';
import { gatherFacts } from './facts.js';
import type { Inputs } from './inputs.js';
import { readPlanArtifact } from './plan-artifact.js';
import { planInTree } from './plan-origin.js';
import { readRules } from './rules-source.js';
import { preventDestroyRemoved } from './terraform-sources.js';

export interface GateResult {
  analysis: Analysis;
  outcome: ApprovalOutcome;
  /** The head SHA the status goes on: the run's own. */
  headSha: string;
  /** Where the rules came from, once read. */
  rules?: RulesSource;
  /** Lines about likely mistakes in the config (rules/config-warnings.ts). */
  warnings?: string[];
  /** The pull request's base, and whether a success may be posted for it. */
  base?: { ref: string; protected: boolean; sha?: string };
  /**
   * A run on a closed pull request, or for a head it has moved on from (a late
   * or re-run old run): the last decision recorded in the comment, which
   * `plangate verify` reads, is another run's and must stay.
   */
  keepRecord?: true;
}

/**
 * Decides one pull request afresh: the plans, the config on the default
 * branch, the changed files, and the reviews and labels as they are now.
 * With plans-from `artifact` the plans are the plan workflow's artifact for
 * the head commit (`actions`), and `planFiles` is not read.
 */
export async function runGate(inputs: Inputs, context: RunContext, api: RepositoryApi, planFiles: readonly string[], actions?: ActionsApi, labels: Record<string, string> = {}): Promise<GateResult> {
  if (context.eventName === 'workflow_run' && inputs.plansFrom !== 'artifact') {
    // Such a run holds a write token and the default branch's workflow: it must not read plans from its own workspace.
    return errorResult(context.headSha, 'plans-from: a gate on workflow_run must decide from the plan workflow\'s artifact, never from its own workspace: set `plans-from: artifact` and `plan-workflow` (see the README\'s recommended set-up)');
  }
  const pr = await api.pull(context.number);
  if (pr.headSha !== context.headSha) {
    const moved = `this run is for ${context.headSha.slice(0, 7)}, but the pull request's head is now ${pr.headSha.slice(0, 7)}: the run for the new head decides; a re-run of an old run never does`;
    return { ...errorResult(context.headSha, moved), keepRecord: true };
  }
  if (pr.state !== 'open') return { ...errorResult(context.headSha, `pull request #${pr.number} is ${pr.state}: plangate gates open pull requests`), keepRecord: true };

  const rules = await readRules(api, { path: inputs.config, overrideLabel: inputs.overrideLabel, ...(inputs.configRef ? { ref: inputs.configRef } : {}) });
  const { ruleSet } = rules;
  const protectedBranches = [rules.defaultBranch, rules.source.branch];
  const known = { headSha: context.headSha, rules: rules.source, ...(ruleSet.warnings ? { warnings: ruleSet.warnings } : {}), base: { ref: pr.baseRef, sha: pr.baseSha, protected: isProtectedBase(pr.baseRef, protectedBranches, ruleSet.protectedBases) } };

  const files = await api.changedFiles(context.number);
  const fromArtifact = inputs.plansFrom === 'artifact';
  const unlisted = listProblem(pr, files) ?? (fromArtifact ? undefined : await planInTree(api, context.workspace, planFiles, files, pr.headSha));
  if (unlisted) return { ...errorResult(context.headSha, unlisted), ...known };
  const plans = fromArtifact ? await artifactPlans(inputs, pr, api, actions) : { plans: planFiles };
  if ('problem' in plans) return { ...errorResult(context.headSha, plans.problem), ...known };
  const sourceWeakenings = await preventDestroyRemoved(api, files, pr.baseSha, pr.headSha);
  const analysis = await checkPlans(plans.plans, ruleSet, { sourceWeakenings, labels });
  const gate = gateRule(ruleSet, rules.source.searched ?? [rules.source.path]);
  analysis.findings.push(...gateFileFindings(files, gate));
  if (analysis.decision === 'pass' && analysis.findings.length > 0) analysis.decision = 'blocked';

  if (analysis.decision === 'error') return { ...known, analysis, outcome: { ...emptyOutcome(), decision: 'error', errors: analysis.errors } };
  if (analysis.findings.length === 0) return siblingCheck(api, { ...known, analysis, outcome: { ...emptyOutcome(), decision: 'pass' } }, pr);

  const allRules = [...ruleSet.rules, gate];
  const planMade = 'madeAt' in plans ? plans.madeAt : undefined;
  const facts = await gatherFacts(api, pr, analysis.findings, { rules: allRules, overrideLabel: ruleSet.overrideLabel, agentIdentities: inputs.agentIdentities, ...(planMade ? { planMade } : {}) });
  const outcome = decideApproval({ findings: analysis.findings, rules: allRules, facts, overrideLabel: ruleSet.overrideLabel, agentIdentities: inputs.agentIdentities });
  return siblingCheck(api, { ...known, analysis, outcome }, pr);
}

/** The plan workflow's artifact for the head; a plan made before the last retarget merged into another base. */
async function artifactPlans(inputs: Inputs, pr: PullRequest, api: RepositoryApi, actions: ActionsApi | undefined) {
  if (!actions || !inputs.planWorkflow) throw new Error('plans-from artifact needs the Actions API and plan-workflow');
  const retargets = (await api.timeline(pr.number)).filter((e) => RETARGETS.has(e.event)).map((e) => e.createdAt);
  // By time, not as text (offsets, fractions); an unreadable time is '', which no run is known to follow.
  const retargetedAt = retargets.some((t) => Number.isNaN(Date.parse(t))) ? '' : retargets.sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1);
  const source = { workflow: inputs.planWorkflow, artifact: inputs.planArtifact, number: pr.number, headSha: pr.headSha, headRef: pr.headRef, headRepo: pr.headRepo, patterns: inputs.plans.map((spec) => spec.pattern) };
  return readPlanArtifact(actions, retargetedAt === undefined ? source : { ...source, retargetedAt });
}

/**
 * GitHub lists at most 3,000 changed files of a pull request: a gate file or
 * a removed guard past the cut would go unseen, so a short list is an error.
 */
function listProblem(pr: PullRequest, files: readonly ChangedFile[]): string | undefined {
  const names = new Set(files.map((f) => f.filename));
  if (names.size !== files.length) return `GitHub lists a changed file of pull request #${pr.number} twice, so the list may leave another out: run again`;
  if (files.length === pr.changedFiles) return undefined;
  if (files.length < pr.changedFiles) {
    return `pull request #${pr.number} changes ${pr.changedFiles.toLocaleString('en-US')} files but GitHub lists only ${files.length.toLocaleString('en-US')} (it lists at most 3,000), so plangate cannot see whether a workflow, its config or a Terraform guard is among the rest: split it into pull requests of at most 3,000 files`;
  }
  return `GitHub lists ${files.length} changed files for pull request #${pr.number} but counts ${pr.changedFiles}: its answers disagree, so plangate cannot trust either; run again`;
}

/**
 * A status belongs to a commit, not to a pull request: a success for this pull
 * request would also pass every other open pull request with the same head.
 * The same list, the last read before the status, says whether this pull
 * request is still open at the head and base it was read at: the decision is
 * of the pull request as it was then, and a push or a retarget since is
 * another run's to decide.
 */
async function siblingCheck(api: RepositoryApi, result: GateResult, pr: PullRequest): Promise<GateResult> {
  if (!isPassing(result.outcome.decision)) return result;
  const open = await api.openPullsWithHead(result.headSha);
  if (!open.some((p) => p.number === pr.number && p.baseRef === pr.baseRef)) {
    const moved = `pull request #${pr.number} is no longer open at ${result.headSha.slice(0, 7)} into ${pr.baseRef}: it changed while plangate decided, and the run for that change decides`;
    return { ...result, keepRecord: true, outcome: { ...result.outcome, decision: 'error', errors: [...result.outcome.errors, moved] } };
  }
  const siblings = open.filter((p) => p.number !== pr.number).map((p) => p.number);
  if (siblings.length === 0) return result;
  const message = `pull request${siblings.length === 1 ? '' : 's'} ${siblings.map((n) => `#${n}`).join(', ')} ha${siblings.length === 1 ? 's' : 've'} the same head commit ${result.headSha.slice(0, 7)}, and a commit status cannot tell them apart, so plangate does not pass either; push a distinct commit to one of them`;
  return { ...result, outcome: { ...result.outcome, decision: 'error', errors: [...result.outcome.errors, message] } };
}

export function emptyOutcome(): ApprovalOutcome {
  return { decision: 'error', approvedBy: [], missing: [], ignored: [], errors: [] };
}

/** A run that ends before a decision: one error line per problem (a config with three mistakes gives three). */
export function errorResult(headSha: string, ...messages: string[]): GateResult {
  return {
    analysis: { files: [], changes: [], findings: [], ignored: [], errors: messages, decision: 'error' },
    outcome: { ...emptyOutcome(), errors: [...messages] },
    headSha,
  };
}

/** One finding per changed gate file (by its new or old name), under the gate rule, whose match names the gate files. */
function gateFileFindings(files: readonly ChangedFile[], rule: Rule): Finding[] {
  const globs = rule.match.addresses ?? [];
  return files.flatMap((file) => {
    const name = [file.filename, file.previous].find((f) => f !== undefined && isGateFile(f, globs));
    if (!name) return [];
    return [
      {
        file: name,
        address: name,
        type: 'plangate gate file',
        action: 'protection-removed' as const,
        rule: rule.name,
        rules: [rule.name],
        severity: rule.severity,
        ...(rule.reason ? { reason: rule.reason } : {}),
        approvals: rule.approvals,
        approvers: rule.approvers,
        dependents: [],
        dependentsTotal: 0,
        dataAtRisk: [],
      },
    ];
  });
}
