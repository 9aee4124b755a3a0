import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import type { GateDecision } from './approval/types.js';
import { getErrorMessage, isInputError } from './errors.js';
import { RepositoryApi } from './github/api.js';
import { createOctokit } from './github/client.js';
import { readRunContext, type RunContext } from './github/context.js';
import { errorResult, runGate, type GateResult } from './github/gate.js';
import { getInputs, type Inputs } from './github/inputs.js';
import { expandPlanPatterns } from './github/plan-files.js';
import { publishComment, publishStatus, type PublishOptions } from './github/publish.js';
import { renderGateComment } from './report/gate.js';
import { renderJson } from './report/json.js';

/**
 * The action: decide the pull request, leave the decision on GitHub, fail the
 * step unless it passed. Every path that does not reach a decision ends in
 * `error`, and an error overwrites an earlier success on the head commit.
 */
export async function run(): Promise<void> {
  let decision: GateDecision = 'error';
  let inputs: Inputs | undefined;
  let context: RunContext | undefined;
  let api: RepositoryApi | undefined;
  let result: GateResult | undefined;
  const warnings: string[] = [];
  try {
    inputs = getInputs();
    context = readRunContext();
    const retryBaseMs = Number(process.env.PLANGATE_RETRY_BASE_MS) || undefined;
    api = new RepositoryApi(createOctokit({ token: inputs.token, baseUrl: context.apiUrl, ...(retryBaseMs ? { retryBaseMs } : {}) }), context.owner, context.repo);
    let files: string[] = [];
    try {
      files = await expandPlanPatterns(inputs.plans);
    } catch (error) {
      if (!isInputError(error)) throw error;
      result = errorResult(context.headSha, error.message);
    }
    result ??= await runGate(inputs, context, api, files);
  } catch (error) {
    result = errorResult(context?.headSha ?? '', getErrorMessage(error));
    if (!isInputError(error) && error instanceof Error && error.stack) core.debug(error.stack);
  }

  // Publish; a refusal by GitHub turns any decision into an error.
  if (inputs && context && api && result.headSha) {
    const options: PublishOptions = { statusContext: inputs.statusContext, comment: inputs.comment, number: context.number, headSha: result.headSha };
    if (context.runUrl) options.runUrl = context.runUrl;
    try {
      const published = await publishStatus(api, result, options);
      warnings.push(...published.warnings);
      await publishComment(api, { ...result, statusContext: inputs.statusContext, warnings, ...(context.runUrl ? { runUrl: context.runUrl } : {}) }, options, published.poster);
    } catch (error) {
      const message = `${getErrorMessage(error)}${/answered 403/.test(getErrorMessage(error)) ? ' (a fork pull request gets a read-only token: use pull_request_target, which is safe only when no pull request code is checked out, or a token with these permissions)' : ''}`;
      if (result.outcome.decision !== 'error' && result.outcome.decision !== 'blocked') result.outcome = { ...result.outcome, decision: 'error' };
      result.outcome.errors.push(message);
      // A pass that could not be recorded must not stay green anywhere.
      await api.setStatus(result.headSha, { state: 'failure', context: inputs.statusContext, description: 'plangate could not publish its decision' }).catch(() => undefined);
    }
  }

  decision = result.outcome.decision;
  const reportPath = join(process.env.RUNNER_TEMP || tmpdir(), 'plangate-report.json');
  writeFileSync(reportPath, renderJson(result.analysis));
  core.setOutput('decision', decision);
  core.setOutput('findings', String(result.analysis.findings.length));
  core.setOutput('report', reportPath);
  try {
    // The job summary takes up to 1 MiB and is written even with a read-only token.
    const summary = renderGateComment({
      ...result,
      statusContext: inputs?.statusContext ?? 'plangate',
      warnings,
      maxLength: 1_000_000,
      fullReportHint: 'the JSON report (the step output `report`)',
    });
    await core.summary.addRaw(summary).write();
  } catch (error) {
    core.warning(`plangate could not write the job summary: ${getErrorMessage(error)}`);
  }
  // Annotations: errors while the findings block the pull request, notices once approved.
  const annotate = decision === 'blocked' || decision === 'error' ? core.error : core.notice;
  for (const finding of result.analysis.findings) {
    annotate(`${finding.address}: ${finding.action} (${finding.rule}, ${finding.severity})`, { title: 'plangate: protected resource', file: finding.file });
  }
  for (const message of result.outcome.errors) core.error(message, { title: 'plangate: cannot decide' });
  for (const warning of warnings) core.warning(warning);
  if (decision === 'blocked') core.setFailed(`plangate: blocked: ${result.outcome.missing[0] ?? 'needs approval by someone who did not author the change'}`);
  else if (decision === 'error') core.setFailed(`plangate: ${result.outcome.errors[0] ?? 'could not decide'}`);
  else core.info(`plangate: ${decision}`);
}
