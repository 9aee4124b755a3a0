// Issue 11: the config under either name, every config error at once, its warnings, and the
// findings as a SARIF log beside the JSON report.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeRun, DESTROY_PLAN, fakeGitHub, mainConfig, made, pr, runAction, SAFE_PLAN } from '../harness.js';

const BUCKETS_ONLY = 'extends: []\nrules:\n  - name: buckets\n    match: { types: ["aws_s3_*"] }\n';

describe.concurrent('the config under either name (issue 11)', () => {
  it('.github/plangate.yaml on the default branch is read when the `config` input is not set', async () => {
    const gh = await fakeGitHub((s) => mainConfig(s, BUCKETS_ONLY, '.github/plangate.yaml'));
    const run = await runAction(gh);
    expect(run.decision, describeRun(run)).toBe('blocked');
    expect(run.report?.findings?.map((f) => f.rule)).toEqual(['buckets']);
    expect(run.summary).toContain('Rules: `.github/plangate.yaml` on');
  });

  it('both names on the default branch: an error naming both, never one of them picked', async () => {
    const gh = await fakeGitHub((s) => {
      mainConfig(s, BUCKETS_ONLY, '.github/plangate.yml');
      mainConfig(s, 'extends: []\n', '.github/plangate.yaml');
    });
    const run = await runAction(gh, { inputs: { plans: SAFE_PLAN } });
    expect(run.decision, describeRun(run)).toBe('error');
    expect(run.errors.join('\n')).toMatch(/\.github\/plangate\.yml: \.github\/plangate\.yaml exists too on main \([0-9a-f]{7}\): plangate reads only one config; delete one of them/);
  });

  it('a pull request that adds .github/plangate.yaml changes the gate: it needs approval', async () => {
    const gh = await fakeGitHub((s) => {
      const head = pr(s).head.sha;
      s.contents[head] = { ...s.contents[head], '.github/plangate.yaml': 'ignore: ["**"]\n' };
      pr(s).files = [{ filename: '.github/plangate.yaml', status: 'added', additions: 1, deletions: 0 }];
    });
    const run = await runAction(gh, { inputs: { plans: SAFE_PLAN } });
    expect(run.decision, describeRun(run)).toBe('blocked');
    expect(run.report?.findings?.map((f) => [f.address, f.rule])).toEqual([['.github/plangate.yaml', 'gate-files-changed']]);
  });

  it('no config: the summary says neither name exists', async () => {
    const run = await runAction(await fakeGitHub(), { inputs: { plans: SAFE_PLAN } });
    expect(run.summary).toContain('no `.github/plangate.yml` or `.github/plangate.yaml` on');
  });
});

describe.concurrent('config errors and warnings (issue 11)', () => {
  it('every error of the config, one annotation each, in file order', async () => {
    const gh = await fakeGitHub((s) => mainConfig(s, 'colour: red\nrules:\n  - name: x\n    approvals: 0\n    match: { types: ["aws_{db"] }\n'));
    const run = await runAction(gh);
    expect(run.decision, describeRun(run)).toBe('error');
    // One line per problem, each once: the step's failure message (`plangate: …`) names the first, annotations the rest.
    const errors = run.errors.filter((e) => e.includes('.github/plangate.yml (on main') && !e.startsWith('plangate: '));
    expect(run.errors.find((e) => e.startsWith('plangate: '))).toMatch(/^plangate: \.github\/plangate\.yml \(on main \([0-9a-f]{7}\)\): colour: unknown key "colour"/);
    expect(errors.map((e) => /: (colour|rules\[0\]\.[\w.[\]]+):/.exec(e)?.[1])).toEqual(['rules[0].approvals', 'rules[0].match.types[0]']);
  });

  it('a warning reaches the log and the comment; the decision is unchanged', async () => {
    const gh = await fakeGitHub((s) => mainConfig(s, 'rules:\n  - name: typo\n    match: { types: [aws_db_instanse] }\n'));
    const run = await runAction(gh);
    expect(run.decision, describeRun(run)).toBe('blocked');
    expect(run.warnings.join('\n')).toContain('rules[0].match.types: no resource type plangate knows matches "aws_db_instanse"');
    expect(run.summary).toContain('no resource type plangate knows matches');
  });
});

describe.concurrent('the sarif output (issue 11)', () => {
  it('a SARIF 2.1.0 log beside the JSON report: one result per finding, at its plan file', async () => {
    const gh = await fakeGitHub();
    const run = await runAction(gh, { inputs: { plans: DESTROY_PLAN } });
    expect(run.decision, describeRun(run)).toBe('blocked');
    expect(run.outputs.sarif).toMatch(/plangate\.sarif$/);
    const log = JSON.parse(readFileSync(run.outputs.sarif ?? '', 'utf8')) as { version: string; runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
    expect(log.version).toBe('2.1.0');
    const results = log.runs[0]?.results ?? [];
    expect(results.map((r) => r.ruleId)).toEqual(run.report?.findings?.map((f) => f.rule));
    expect(new Set(results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri))).toEqual(new Set([DESTROY_PLAN]));
    // Both config names are looked for in the default branch's listing; neither is there.
    expect(made(run, 'GET', /\/contents$/).filter((r) => r.query.ref === gh.state.branches.main)).toHaveLength(1);
  });

  it('an error before any plan is read still leaves a SARIF log, with the run marked unsuccessful', async () => {
    const run = await runAction(await fakeGitHub(), { inputs: { plans: 'fixtures/bad/truncated.json' } });
    expect(run.decision).toBe('error');
    const log = JSON.parse(readFileSync(run.outputs.sarif ?? '', 'utf8')) as { runs: Array<{ invocations: Array<{ executionSuccessful: boolean }> }> };
    expect(log.runs[0]?.invocations[0]?.executionSuccessful).toBe(false);
  });
});
