import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import type { Decision } from './analysis/analyse.js';
import { checkPlans } from './check.js';
import { getErrorMessage, isInputError } from './errors.js';
import { getInputs } from './github/inputs.js';
import { expandPlanPatterns } from './github/plan-files.js';
import { renderJson } from './report/json.js';
import { renderMarkdown } from './report/markdown.js';
import { defaultRuleSet } from './rules/config.js';

/**
 * The action: check the plans, publish the report, fail unless the decision
 * is a pass. Every path that does not reach a decision ends in `error`.
 */
export async function run(): Promise<void> {
  let decision: Decision = 'error';
  try {
    const inputs = getInputs();
    const files = await expandPlanPatterns(inputs.plans);
    const analysis = await checkPlans(files, defaultRuleSet());
    decision = analysis.decision;
    const reportPath = join(process.env.RUNNER_TEMP ?? process.cwd(), 'plangate-report.json');
    writeFileSync(reportPath, renderJson(analysis));
    core.setOutput('report', reportPath);
    core.setOutput('findings', String(analysis.findings.length));
    // The job summary takes up to 1 MiB; the JSON report always has everything.
    await core.summary.addRaw(renderMarkdown(analysis, { fullReportHint: 'the JSON report (step output `report`)', maxLength: 250_000 })).write();
    for (const finding of analysis.findings) {
      core.error(`${finding.address} would be ${finding.action === 'forget' ? 'forgotten' : `${finding.action}d`} (${finding.rule}, ${finding.severity})`, {
        title: 'plangate: protected resource',
        file: finding.file,
      });
    }
    for (const error of analysis.errors) core.error(error, { title: 'plangate: cannot decide' });
    if (decision !== 'pass') core.setFailed(`plangate: ${decision === 'blocked' ? `${analysis.findings.length} protected resource(s) would be lost` : 'could not decide'}`);
  } catch (error) {
    decision = 'error';
    core.setFailed(`plangate: ${getErrorMessage(error)}`);
    if (!isInputError(error) && error instanceof Error && error.stack) core.debug(error.stack);
  } finally {
    core.setOutput('decision', decision);
  }
}
