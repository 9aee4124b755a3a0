import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/report/text.js';
import { itCorpus } from '../corpus-path.js';
import { analyseNamed, analysisOf, finding, HOSTILE_ADDRESSES, richAnalysis, splitCases } from './inputs.js';

const ESC = '\u001b';

const CASES: Record<string, string[]> = {
  'example-destroy': ['fixtures/terraform/example-destroy.json'],
  'modules-destroy': ['fixtures/terraform/modules-destroy.json'],
  'cloudformation-nested-stacks': ['fixtures/cloudformation/nested-stacks.json'],
  'guards-removed': [
    'fixtures/weakening/rds-deletion-protection-off.json',
    'fixtures/weakening/cfn-dbcluster-deletion-protection-off.json',
    'fixtures/weakening/s3-force-destroy-on.json',
  ],
  'corpus-snyk-destroy': ['corpus/terraform/terraform__snyk-cli__destroy.json'],
  'corpus-cloudformation-replacement': ['corpus/cloudformation/cloudformation__localstack__unrelated-changes-requires-replacement.json'],
  'error-truncated-and-errored': [
    'fixtures/terraform/example-destroy.json',
    'fixtures/bad/truncated.json',
    'corpus/terraform/terraform__opentofu__show-json-plan-error.json',
  ],
};

describe('renderText snapshots', () => {
  const snapshot = async (name: string) => {
    const text = renderText(await analyseNamed(CASES[name] as string[]), { color: false });
    await expect(text).toMatchFileSnapshot(`./__snapshots__/${name}.txt`);
  };
  const { fixtures, corpus } = splitCases(CASES);
  it.each(fixtures)('%s', snapshot);
  itCorpus.each(corpus)('%s', snapshot);

  it('a review with data at risk, a removed guard, a move and approvers', async () => {
    await expect(renderText(richAnalysis(), { color: false })).toMatchFileSnapshot('./__snapshots__/rich-review.txt');
  });
});

describe('renderText', () => {
  it('starts with the same headline as the markdown report', () => {
    const text = renderText(richAnalysis(), { color: false });
    expect(text.split('\n')[0]).toBe(
      'BLOCKED: 5 protected resources at risk: 2 destroyed, 1 may be replaced, 1 forgotten, 1 with a deletion guard removed (highest severity: critical); needs 2 approvals from different people who did not author the change',
    );
  });

  it('gives each finding its severity, rule, reason, data at risk, guards, move, dependents and approvals', () => {
    const text = renderText(richAnalysis(), { color: false });
    expect(text).toContain(
      [
        '  delete                module.db.aws_db_instance.main  (aws_db_instance)',
        '      critical · rule aws-relational-databases · 2 approvals from team acme/dba, @alice',
        '      protected because: Relational database: deleting it destroys its data unless a final snapshot is taken.',
        '      data at risk: no final snapshot (skip_final_snapshot = true): the data is gone',
        '      data at risk: automated backups are deleted with the instance (delete_automated_backups = true)',
        '      depended on by: module.app.aws_ecs_service.api, module.app.aws_lambda_function.worker, output.database_url',
      ].join('\n'),
    );
    expect(text).toContain('      moved from: aws_s3_bucket.uploads\n');
    expect(text).toContain('      guard removed: deletion_protection turned off (true → false): the cluster can now be deleted\n');
    expect(text).toContain('Who must approve: 2 different people with write access who did not author the change\n');
    expect(text).toMatch(/ {2}aws-relational-databases +2 resources +2 approvals from team acme\/dba, @alice\n/);
  });

  it('names at most 20 dependents per resource', () => {
    const dependents = Array.from({ length: 45 }, (_, i) => `aws_instance.app${i}`);
    const text = renderText(analysisOf([finding({ address: 'aws_db_instance.db', dependents })]), { color: false });
    expect(text).toContain('aws_instance.app19 and 25 more\n');
    expect(text).not.toContain('aws_instance.app20');
  });

  it('colours only when asked', () => {
    expect(renderText(richAnalysis(), { color: false })).not.toContain(ESC);
    const coloured = renderText(richAnalysis(), { color: true });
    expect(coloured).toContain(`${ESC}[1m${ESC}[31mBLOCKED:`);
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(renderText(richAnalysis(), { color: false }));
  });

  itCorpus('lists problems only when asked (the CLI prints them on stderr)', async () => {
    const analysis = await analyseNamed(CASES['error-truncated-and-errored'] as string[]);
    expect(renderText(analysis, { color: false, listErrors: false })).not.toContain('invalid JSON');
    const listed = renderText(analysis, { color: false });
    expect(listed).toContain('Problems (each one fails the check):\n  fixtures/bad/truncated.json: invalid JSON');
    expect(listed.indexOf('Problems')).toBeLessThan(listed.indexOf('protected resources in'));
  });

  it.each(HOSTILE_ADDRESSES)('address %j cannot write escapes, line breaks or bidi overrides to the terminal', (address) => {
    const make = (a: string) => analysisOf([finding({ address: a, dependents: [a], dataAtRisk: [a], previousAddress: a, rule: a, file: a })]);
    const analysis = make(address);
    const lines = renderText(make('aws_s3_bucket.plain'), { color: false }).split('\n').length;
    for (const color of [false, true]) {
      const text = renderText(analysis, { color });
      // Every escape is one of the report's own colour codes.
      expect(text.replace(/\u001b\[\d+m/g, '')).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
      // Each finding is its fixed number of lines, whatever the address holds.
      expect(text.split('\n')).toHaveLength(lines);
    }
  });
});

describe('renderText: dependents counted but not named', () => {
  const db = (dependentsTotal: number, more: Partial<Parameters<typeof finding>[0]> = {}) =>
    renderText(analysisOf([finding({ address: 'aws_db_instance.db', dependents: ['aws_instance.a', 'aws_instance.b'], dependentsTotal, ...more })]), { color: false });

  it('counts the rest, exactly or as a lower bound', () => {
    expect(db(4_952)).toContain('depended on by: aws_instance.a, aws_instance.b and 4,950 more');
    expect(db(4_952, { dependentsTotalIsMinimum: true })).toContain('depended on by: aws_instance.a, aws_instance.b and at least 4,950 more');
    expect(db(2, { dependentsTotalIsMinimum: true })).toContain('depended on by: aws_instance.a, aws_instance.b and possibly more');
    expect(db(7, { dependents: [] })).toContain('depended on by: 7 resources and outputs');
  });
});
