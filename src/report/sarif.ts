import { createHash } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Analysis, Finding } from '../analysis/types.js';
import type { Severity } from '../rules/types.js';
import { VERSION } from '../version.js';
import { clip, describeAction, ruleRequirements, sanitize } from './summary.js';

/** SARIF levels and GitHub code scanning's `security-severity` scores (critical is 9.0 and above, high 7.0 to 8.9, ...). */
const LEVEL: Record<Severity, { level: 'error' | 'warning' | 'note'; score: string }> = {
  critical: { level: 'error', score: '9.5' },
  high: { level: 'error', score: '8.0' },
  medium: { level: 'warning', score: '5.5' },
  low: { level: 'note', score: '3.0' },
};

/**
 * The findings as a SARIF 2.1.0 log, for GitHub code scanning: one result per
 * finding, located at its plan file (a gate file at its own path), its rule's
 * reason as the message, and each rule in tool.driver.rules. Plan errors are
 * tool notifications, and the run is then not successful. Written a result at
 * a time, like the JSON report: a log of a million findings is longer than
 * one string may be.
 */
export function* sarifChunks(analysis: Analysis): Generator<string> {
  const rules = ruleRequirements(analysis.findings).map((req) => {
    const severity = (analysis.findings.find((f) => f.rule === req.rule) as Finding).severity;
    const text = sanitize(req.reason ?? `Protected by the plangate rule ${req.rule}.`);
    return {
      id: req.rule,
      shortDescription: { text: clip(text, 200) },
      fullDescription: { text },
      defaultConfiguration: { level: LEVEL[severity].level },
      properties: { tags: ['security', 'infrastructure'], 'security-severity': LEVEL[severity].score, severity },
    };
  });
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const notifications = analysis.errors.map((error) => ({ level: 'error', message: { text: sanitize(error) } }));
  const head = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'plangate', version: VERSION, semanticVersion: VERSION, rules } }, invocations: [{ executionSuccessful: analysis.decision !== 'error', toolExecutionNotifications: notifications }] }],
  };
  // Everything but the results, then the results spliced in as the run's last key (before the closing `}]}`), one by one.
  const [before, after] = JSON.stringify(head).split(/(?=\}\]\}$)/) as [string, string];
  yield `${before},"results":[`;
  for (const [i, finding] of analysis.findings.entries()) yield `${i === 0 ? '' : ','}${JSON.stringify(result(finding, index.get(finding.rule) as number))}`;
  yield `]${after}\n`;
}

function result(finding: Finding, ruleIndex: number) {
  const reason = finding.reason ?? `protected by the rule ${finding.rule}`;
  return {
    ruleId: finding.rule,
    ruleIndex,
    level: LEVEL[finding.severity].level,
    message: { text: sanitize(`${finding.address}: ${describeAction(finding)}. ${reason}`) },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: fileUri(finding.file) }, region: { startLine: 1 } },
        logicalLocations: [{ fullyQualifiedName: finding.address, kind: 'resource' }],
      },
    ],
    // The same resource, action and rule is the same alert from one run to the next.
    partialFingerprints: { 'plangateFinding/v1': createHash('sha256').update(JSON.stringify([finding.rule, finding.action, finding.address])).digest('hex') },
    properties: { type: finding.type, action: finding.action, approvals: finding.approvals, rules: finding.rules },
  };
}

/** A relative path as a relative URI (code scanning resolves it from the repository root); an absolute one as a file: URI. */
export function fileUri(file: string): string {
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');
}
