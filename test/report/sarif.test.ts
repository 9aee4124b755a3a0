// --format sarif and the action's `sarif` output: a SARIF 2.1.0 log that GitHub code scanning
// takes, checked against the OASIS schema (shipped by @microsoft/jest-sarif), one result per
// finding at its plan file, with the rule's reason as its message.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ajvDraft04 from 'ajv-draft-04';
import * as formats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/analysis/types.js';
import { fileUri, sarifChunks } from '../../src/report/sarif.js';
import { VERSION } from '../../src/version.js';
import { runDist } from '../cli/run-dist.js';
import { ROOT } from '../plan/fixtures.js';
import { analyseNamed, analysisOf, finding } from './inputs.js';

const SCHEMA = JSON.parse(readFileSync(join(ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
// The schema's language pattern has a stray ] that only a non-unicode RegExp accepts.
// Both are CommonJS: under NodeNext their default exports sit one level down.
const ajv = new ajvDraft04.default.default({ allErrors: true, strict: false, unicodeRegExp: false });
formats.default.default(ajv);
const validSarif = ajv.compile(SCHEMA);

interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; rules: Array<{ id: string; fullDescription: { text: string }; defaultConfiguration: { level: string }; properties: Record<string, unknown> }> } };
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ level: string; message: { text: string } }> }>;
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string } }; logicalLocations: Array<{ fullyQualifiedName: string }> }>;
      partialFingerprints: Record<string, string>;
    }>;
  }>;
}

function sarif(analysis: Analysis): SarifLog {
  const text = [...sarifChunks(analysis)].join('');
  const log = JSON.parse(text) as SarifLog;
  expect(validSarif(log), JSON.stringify(validSarif.errors)).toBe(true);
  return log;
}

const PLANS = ['terraform', 'cloudformation', 'data-at-risk', 'weakening'].flatMap((dir) =>
  readdirSync(join(ROOT, 'fixtures', dir))
    .filter((name) => name.endsWith('.json'))
    .map((name) => `fixtures/${dir}/${name}`),
);

describe('SARIF 2.1.0', () => {
  it('the schema check can fail: a log without its version, or with a result missing its message, is refused', () => {
    const log = JSON.parse([...sarifChunks(analysisOf([finding({ address: 'aws_db_instance.main' })]))].join('')) as SarifLog & { version?: string };
    expect(validSarif(log)).toBe(true);
    expect(validSarif({ ...log, version: '2.0.0' })).toBe(false);
    const run = log.runs[0] as SarifLog['runs'][number];
    expect(validSarif({ ...log, runs: [{ ...run, results: [{ ...run.results[0], message: undefined }] }] })).toBe(false);
  });

  it.each(PLANS)('%s: valid, one result per finding', async (name) => {
    const analysis = await analyseNamed([name]);
    const log = sarif(analysis);
    const run = log.runs[0] as SarifLog['runs'][number];
    expect(run.results).toHaveLength(analysis.findings.length);
    expect(run.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri)).toEqual(analysis.findings.map((f) => f.file));
    expect(run.invocations[0]?.executionSuccessful).toBe(analysis.decision !== 'error');
    expect(run.invocations[0]?.toolExecutionNotifications.map((n) => n.message.text)).toEqual(analysis.errors);
  });

  it("the README example: each finding at its plan file, its rule's reason as the message, rules with levels", async () => {
    const analysis = await analyseNamed(['fixtures/terraform/example-destroy.json']);
    const run = sarif(analysis).runs[0] as SarifLog['runs'][number];
    expect(run.tool.driver).toMatchObject({ name: 'plangate', version: VERSION });
    for (const [i, result] of run.results.entries()) {
      const f = analysis.findings[i]!;
      const rule = run.tool.driver.rules[result.ruleIndex]!;
      expect(rule.id).toBe(f.rule);
      expect(result.ruleId).toBe(f.rule);
      expect(result.message.text).toContain(f.reason);
      expect(result.message.text.startsWith(`${f.address}: `)).toBe(true);
      expect(result.locations[0]?.logicalLocations[0]?.fullyQualifiedName).toBe(f.address);
      expect(rule.fullDescription.text).toBe(f.reason);
      expect(rule.properties.severity).toBe(f.severity);
    }
    // One rule entry per rule, however many findings it has.
    expect(new Set(run.tool.driver.rules.map((r) => r.id)).size).toBe(run.tool.driver.rules.length);
  });

  it('severity maps to level: critical and high are errors, medium a warning, low a note', () => {
    const findings = (['critical', 'high', 'medium', 'low'] as const).map((severity) => finding({ address: `aws_s3_bucket.${severity}`, rule: severity, rules: [severity], severity }));
    const run = sarif(analysisOf(findings)).runs[0] as SarifLog['runs'][number];
    expect(run.results.map((r) => r.level)).toEqual(['error', 'error', 'warning', 'note']);
    expect(run.tool.driver.rules.map((r) => [r.defaultConfiguration.level, r.properties['security-severity']])).toEqual([
      ['error', '9.5'],
      ['error', '8.0'],
      ['warning', '5.5'],
      ['note', '3.0'],
    ]);
  });

  it('a gate file is located at its own path; the fingerprint tells resources, actions and rules apart', () => {
    const findings = [
      finding({ file: '.github/workflows/plan.yml', address: '.github/workflows/plan.yml', type: 'plangate gate file', action: 'protection-removed', rule: 'gate-files-changed', rules: ['gate-files-changed'] }),
      finding({ address: 'aws_db_instance.main' }),
      finding({ address: 'aws_db_instance.main', action: 'replace' }),
    ];
    const run = sarif(analysisOf(findings)).runs[0] as SarifLog['runs'][number];
    expect(run.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('.github/workflows/plan.yml');
    expect(new Set(run.results.map((r) => r.partialFingerprints['plangateFinding/v1'])).size).toBe(3);
  });

  it('an address holding control and bidi characters reaches no message as it is', () => {
    const run = sarif(analysisOf([finding({ address: 'aws_db_instance.x\u001b[31m\u202e\n' })])).runs[0] as SarifLog['runs'][number];
    expect(run.results[0]?.message.text).not.toMatch(/[\u001b\u202e\n]/);
  });

  it('file URIs: relative paths stay relative, with each part escaped; absolute paths are file: URIs', () => {
    expect(fileUri('plans/prod plan#1.json')).toBe('plans/prod%20plan%231.json');
    expect(fileUri('/tmp/plan.json')).toBe('file:///tmp/plan.json');
  });

  it('an analysis that could not decide: the run is not successful and says why', () => {
    const analysis = { ...analysisOf([], { errors: ['plan.json: invalid JSON'] }), decision: 'error' as const };
    const run = sarif(analysis).runs[0] as SarifLog['runs'][number];
    expect(run.results).toEqual([]);
    expect(run.invocations).toEqual([{ executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: 'plan.json: invalid JSON' } }] }]);
  });

  it('--format sarif through the built CLI: exit code of the decision, the same log', () => {
    const result = runDist(ROOT, ['check', '--format', 'sarif', 'fixtures/terraform/example-destroy.json']);
    expect([result.status, result.stderr]).toEqual([1, '']);
    const log = JSON.parse(result.stdout) as SarifLog;
    expect(validSarif(log)).toBe(true);
    expect(log.runs[0]?.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri)).toEqual(['fixtures/terraform/example-destroy.json', 'fixtures/terraform/example-destroy.json']);
  });
});
