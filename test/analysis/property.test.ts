import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { parsePlan } from '../../src/plan/read-plan.js';
import { toJsonReport } from '../../src/report/json.js';
import { MATCH_ACTIONS, SEVERITIES, type Rule, type RuleSet } from '../../src/rules/types.js';
import { corpusFile, HAS_CORPUS, REPO_ROOT } from '../corpus-path.js';

// The fixtures always; two corpus plans too when the corpus is there.
const plans = [
  parsePlan(readFileSync(join(REPO_ROOT, 'fixtures/terraform/modules-destroy.json')), 'modules-destroy.json'),
  parsePlan(readFileSync(join(REPO_ROOT, 'fixtures/cloudformation/nested-stacks.json')), 'nested-stacks.json'),
  parsePlan(readFileSync(join(REPO_ROOT, 'fixtures/terraform/example-destroy.json')), 'example-destroy.json'),
  ...(HAS_CORPUS
    ? [
        parsePlan(readFileSync(corpusFile('terraform/terraform__snyk-cli__destroy.json')), 'snyk.json'),
        parsePlan(readFileSync(corpusFile('cloudformation/cloudformation__localstack__remove-three-ssm.json')), 'ssm.json'),
      ]
    : []),
];
const destructive = plans.flatMap((p) => p.changes).filter((c) => c.action === 'delete' || c.action === 'replace' || c.action === 'forget');

// Globs built from the plans' own vocabulary, so generated rules often match.
const words = [...new Set(plans.flatMap((p) => p.changes.flatMap((c) => [c.type, c.name, c.provider, ...c.address.split(/[./]/)])))];
const glob = fc.oneof(fc.constantFrom(...words), fc.constantFrom('*', '**', '**.*', 'module.**', '*/**', 'aws_*', '{a,b}', '[', ']', '"', '\\', ''), fc.string());
const globs = fc.array(glob, { minLength: 1, maxLength: 4 });

const rule: fc.Arbitrary<Rule> = fc.record(
  {
    name: fc.uuid(),
    severity: fc.constantFrom(...SEVERITIES),
    approvals: fc.integer({ min: 1, max: 20 }),
    approvers: fc.record({ teams: fc.array(fc.string()), users: fc.array(fc.string()) }),
    match: fc.record(
      {
        types: globs,
        addresses: globs,
        modules: globs,
        providers: globs,
        tags: fc.dictionary(fc.string(), glob),
        actions: fc.subarray([...MATCH_ACTIONS]),
      },
      { requiredKeys: ['actions'] },
    ),
  },
  { requiredKeys: ['name', 'severity', 'approvals', 'approvers', 'match'] },
);
const ruleSet: fc.Arbitrary<RuleSet> = fc.record({
  rules: fc.array(rule, { maxLength: 6 }),
  packs: fc.constant([]),
  ignore: fc.array(glob, { maxLength: 4 }),
  overrideLabel: fc.constant('plangate-override'),
  protectedBases: fc.constant([]),
});

describe('no configuration can hide a destructive change', () => {
  it('every delete, replace and forget stays in `changes` of the analysis and the JSON report, whatever the rules and ignores', () => {
    expect(destructive.length).toBeGreaterThan(HAS_CORPUS ? 20 : 15);
    fc.assert(
      fc.property(ruleSet, (set) => {
        const analysis = analyse({ plans, readErrors: [], ruleSet: set });
        const report = toJsonReport(analysis);
        const listed = new Set(report.changes.map((c) => `${c.file}\0${c.address}\0${c.action}`));
        for (const change of destructive) expect(listed.has(`${change.file}\0${change.address}\0${change.action}`)).toBe(true);
        expect(report.summary.destructive).toBe(destructive.length);
        // Findings are only ever destructive changes, and a finding means the run is not a pass.
        for (const f of analysis.findings) expect(destructive.some((c) => c.file === f.file && c.address === f.address)).toBe(true);
        expect(analysis.decision).toBe(analysis.findings.length > 0 ? 'blocked' : 'pass');
      }),
      { numRuns: 300 },
    );
  });

  it('a rule for every type protects every destructive change that no ignore glob names', () => {
    fc.assert(
      fc.property(fc.array(glob, { maxLength: 3 }), (ignore) => {
        const set: RuleSet = {
          rules: [{ name: 'all', severity: 'high', approvals: 1, approvers: { teams: [], users: [] }, match: { types: ['*'], actions: [...MATCH_ACTIONS] } }],
          packs: [],
          protectedBases: [],
          ignore,
          overrideLabel: 'plangate-override',
        };
        const analysis = analyse({ plans, readErrors: [], ruleSet: set });
        if (ignore.length === 0) expect(analysis.findings).toHaveLength(destructive.length);
        expect(analysis.findings.length).toBeLessThanOrEqual(destructive.length);
      }),
      { numRuns: 200 },
    );
  });
});
