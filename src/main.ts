import { closeSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { isDecisionMode, runDecisionMode } from './action-modes.js';
import { errorLines, getErrorMessage, isInputError } from './errors.js';
import type { RepositoryApi } from './github/api.js';
import { createOctokit } from './github/client.js';
import { readRunContext, type RunContext } from './github/context.js';
import { errorResult, runGate, type GateResult } from './github/gate.js';
import { getInputs, getStatusInputs, type Inputs, type StatusInputs } from './github/inputs.js';
import { OctokitActionsApi } from './github/octokit-actions.js';
import { OctokitRepositoryApi } from './github/octokit-api.js';
import { expandPlanPatterns } from './github/plan-files.js';
import { gateReport, markPending, publishDecision, recordOf, withError } from './github/publish.js';
import { pullForWorkflowRun } from './github/workflow-run.js';
import { renderGateComment } from './report/gate.js';
import { batched } from './report/chunks.js';
import { jsonChunks } from './report/json.js';
import { sarifChunks } from './report/sarif.js';

/**
 * The action: mark the head pending, decide, leave the decision on GitHub,
 * fail the step unless it passed. Wiring only: the decision is runGate's, the
 * publishing policy publish.ts's. Every path that does not reach a decision
 * ends in `error`.
 */
export async function run(): Promise<void> {
  // Apply-time verification and merge queue groups decide from recorded decisions (action-modes.ts).
  if (isDecisionMode()) return runDecisionMode(finish);
  let status: StatusInputs;
  let context: RunContext;
  let api: RepositoryApi;
  let actions: OctokitActionsApi;
  try {
    status = getStatusInputs();
    context = readRunContext();
    const retryBaseMs = Number(process.env.PLANGATE_RETRY_BASE_MS) || undefined;
    const client = createOctokit({ token: status.token, baseUrl: context.apiUrl, ...(retryBaseMs ? { retryBaseMs } : {}) });
    api = new OctokitRepositoryApi(client, context.owner, context.repo);
    actions = new OctokitActionsApi(client, context.owner, context.repo);
  } catch (error) {
    // Without a token or a run context there is nothing to post a status on.
    debugStack(error);
    return finish(errorResult('', getErrorMessage(error)), undefined, []);
  }
  const publish = { statusContext: status.statusContext, number: context.number, headSha: context.headSha, gateKey: context.gateKey, ...(context.runUrl ? { runUrl: context.runUrl } : {}) };
  const warnings: string[] = [];
  // A pending that cannot be posted is no reason not to decide: the decision still
  // reaches the job summary, and publishing it meets the same refusal and fails.
  const pending = await markPending(api, publish).then(
    () => undefined,
    (error: unknown) => `plangate could not mark ${context.headSha.slice(0, 7)} pending: ${getErrorMessage(error)}`,
  );
  if (status.mode === 'mark-pending') {
    // The job's first step: a success on this commit from an earlier run stops counting now, not once the plan is done.
    if (pending) core.setFailed(pending);
    else core.info(`plangate: ${context.headSha.slice(0, 7)} marked pending; a later step decides`);
    return;
  }
  if (pending) warnings.push(pending);
  let inputs: Inputs | undefined;
  let result: GateResult;
  try {
    inputs = getInputs(status);
    // workflow_run: the pull request comes from the API, by the run's head SHA; the status is already pending on it.
    context = await pullForWorkflowRun(api, context);
    publish.number = context.number;
    // Nothing of the workspace is looked at unless the plans are its files (runGate refuses them on workflow_run).
    const { files, labels } = inputs.plansFrom === 'artifact' || context.eventName === 'workflow_run' ? { files: [], labels: {} } : await expandPlanPatterns(inputs.plans);
    result = await runGate(inputs, context, api, files, actions, labels);
  } catch (error) {
    result = errorResult(context.headSha, ...errorLines(error));
    debugStack(error);
  }
  // Without a pull request (a workflow_run that matched none or several) there is no comment to write, only the status.
  const published = await publishDecision(api, result, { ...publish, comment: publish.number === 0 ? 'never' : (inputs?.comment ?? 'always') }).catch((error: unknown) => ({
    result: withError(result, getErrorMessage(error)),
    warnings: result.warnings ?? [],
  }));
  await finish(published.result, status, [...warnings, ...published.warnings]);
}

function debugStack(error: unknown): void {
  if (!isInputError(error) && error instanceof Error && error.stack) core.debug(error.stack);
}

/** Outputs, report, job summary and annotations; the step fails unless the decision passed. */
async function finish(result: GateResult, status: StatusInputs | undefined, warnings: readonly string[]): Promise<void> {
  const decision = result.outcome.decision;
  const reportPath = writeReport('plangate-report.json', jsonChunks(result.analysis, result.outcome, recordOf(result)));
  // For github/codeql-action/upload-sarif: the findings as code scanning alerts.
  const sarifPath = writeReport('plangate.sarif', sarifChunks(result.analysis));
  core.setOutput('decision', decision);
  core.setOutput('findings', String(result.analysis.findings.length));
  core.setOutput('report', reportPath);
  core.setOutput('sarif', sarifPath);
  try {
    // The job summary takes up to 1 MiB and is written even with a read-only token.
    const report = { ...gateReport(result, status?.statusContext ?? 'plangate'), warnings, maxLength: 1_000_000, fullReportHint: 'the JSON report (the step output `report`)' };
    await core.summary.addRaw(renderGateComment(report)).write();
  } catch (error) {
    core.warning(`plangate could not write the job summary: ${getErrorMessage(error)}`);
  }
  // Annotations: errors while the findings block the pull request, notices once approved.
  const annotate = decision === 'blocked' || decision === 'error' ? core.error : core.notice;
  for (const finding of result.analysis.findings) {
    annotate(`${finding.address}: ${finding.action} (${finding.rule}, ${finding.severity})`, { title: 'plangate: protected resource', file: finding.file });
  }
  // The first problem is the failure's own message (setFailed annotates it): each is shown once.
  const [first, ...rest] = result.outcome.errors;
  for (const message of decision === 'error' ? rest : result.outcome.errors) core.error(message, { title: 'plangate: cannot decide' });
  for (const warning of warnings) core.warning(warning);
  if (decision === 'blocked') core.setFailed(`plangate: blocked: ${result.outcome.missing[0] ?? 'needs approval by someone who did not author the change'}`);
  else if (decision === 'error') core.setFailed(`plangate: ${first ?? 'could not decide'}`);
  else core.info(`plangate: ${decision}`);
}

/** Writes a report into the runner's temporary directory, a chunk at a time; returns its path. */
function writeReport(name: string, chunks: Iterable<string>): string {
  const path = join(process.env.RUNNER_TEMP || tmpdir(), name);
  const fd = openSync(path, 'w');
  try {
    for (const chunk of batched(chunks)) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return path;
}
