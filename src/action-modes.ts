import * as core from '@actions/core';
import { getErrorMessage, InputError } from './errors.js';
import { createOctokit } from './github/client.js';
import { RestDecisionApi } from './github/decision-api.js';
import { emptyOutcome, errorResult, type GateResult } from './github/gate.js';
import { getInputs, getStatusInputs, type StatusInputs } from './github/inputs.js';
import { decideMergeGroup, readMergeGroup } from './github/merge-group.js';
import { expandPlanPatterns } from './github/plan-files.js';
import { approversByLogin, Refusal, verifyCommit } from './github/verify.js';
import { isPassing } from './report/gate.js';

type Finish = (result: GateResult, status: StatusInputs | undefined, warnings: readonly string[]) => Promise<void>;

/** `mode: verify`, or a merge_group event: decided from recorded decisions, not from a pull request's reviews. */
export function isDecisionMode(env: NodeJS.ProcessEnv = process.env): boolean {
  return core.getInput('mode') === 'verify' || env.GITHUB_EVENT_NAME === 'merge_group';
}

/**
 * Wiring only, like main.ts: the verdicts are verify.ts's and merge-group.ts's.
 * `finish` (main.ts) writes the outputs, the report and the summary, and fails
 * the step unless the result passed.
 */
export async function runDecisionMode(finish: Finish, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let status: StatusInputs | undefined;
  let api: RestDecisionApi;
  try {
    status = getStatusInputs();
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
    if (!owner || !repo) throw new InputError('GITHUB_REPOSITORY', `expected owner/name, got ${JSON.stringify(env.GITHUB_REPOSITORY ?? '')}`);
    const retryBaseMs = Number(env.PLANGATE_RETRY_BASE_MS) || undefined;
    api = new RestDecisionApi(createOctokit({ token: status.token, baseUrl: env.GITHUB_API_URL || 'https://api.github.com', ...(retryBaseMs ? { retryBaseMs } : {}) }), owner, repo);
  } catch (error) {
    return finish(errorResult('', getErrorMessage(error)), status, []);
  }
  if (status.mode === 'verify') return finish(await verifyMode(api, status, env), status, []);
  return finish(await mergeGroupMode(api, status, env), status, []);
}

async function verifyMode(api: RestDecisionApi, status: StatusInputs, env: NodeJS.ProcessEnv): Promise<GateResult> {
  const commit = env.GITHUB_SHA ?? '';
  try {
    const inputs = getInputs(status);
    const sha = inputs.commit ?? commit;
    if (!/^[0-9a-f]{40}$/.test(sha)) throw new InputError('commit', `expected the merge commit being deployed, got ${JSON.stringify(sha)}`);
    const poster = inputs.poster ?? (await api.tokenLogin());
    if (!poster) throw new InputError('poster', 'the token is an app installation token, which GitHub does not name: set `poster` to the account the gate posts as, e.g. github-actions[bot]');
    const check = { plans: (await expandPlanPatterns(inputs.plans)).files, config: inputs.config, overrideLabel: inputs.overrideLabel };
    const verified = await verifyCommit(api, sha, { poster, statusContext: status.statusContext }, check);
    if (verified.analysis.decision === 'error') return { headSha: sha, analysis: verified.analysis, outcome: { ...emptyOutcome(), errors: verified.analysis.errors } };
    core.info(`plangate verify: ${verified.message}`);
    return { headSha: sha, analysis: verified.analysis, outcome: { ...emptyOutcome(), ...(verified.changes.length === 0 ? { decision: 'pass' as const } : { decision: 'approved' as const, approvedBy: approversByLogin(verified.by) }) } };
  } catch (error) {
    if (error instanceof Refusal) return { ...errorResult(commit, error.message), outcome: { ...emptyOutcome(), decision: 'blocked', missing: [error.message] } };
    return errorResult(commit, getErrorMessage(error));
  }
}

/** The group's head gets plangate's status: pending at once, then success only for a passing decision. */
async function mergeGroupMode(api: RestDecisionApi, status: StatusInputs, env: NodeJS.ProcessEnv): Promise<GateResult> {
  let headSha = '';
  let result: GateResult;
  try {
    const group = readMergeGroup(env.GITHUB_EVENT_PATH);
    headSha = group.headSha;
    // Who posts this status is who posts the comments plangate trusts, unless the poster input says otherwise.
    const me = await api.setStatus(headSha, { state: 'pending', context: status.statusContext, description: 'plangate is deciding the merge group' });
    const inputs = getInputs(status);
    const poster = inputs.poster ?? me?.login;
    if (!poster) throw new InputError('poster', 'GitHub did not say who posted the pending status: set `poster` to the account the gate posts as');
    const check = { plans: (await expandPlanPatterns(inputs.plans)).files, config: inputs.config, overrideLabel: inputs.overrideLabel };
    result = await decideMergeGroup(api, group, { poster, statusContext: status.statusContext }, check);
  } catch (error) {
    result = errorResult(headSha, getErrorMessage(error));
  }
  if (headSha === '') return result;
  const passed = isPassing(result.outcome.decision);
  const said = passed ? `merge group ${result.outcome.decision}: every pull request's decision covers its plan` : (result.outcome.missing[0] ?? result.outcome.errors[0] ?? 'cannot decide');
  const description = [...said].length <= 140 ? said : `${[...said].slice(0, 139).join('')}…`;
  try {
    await api.setStatus(headSha, { state: passed ? 'success' : 'failure', context: status.statusContext, description });
    return result;
  } catch (error) {
    return { ...result, outcome: { ...result.outcome, decision: 'error', errors: [...result.outcome.errors, getErrorMessage(error)] } };
  }
}
