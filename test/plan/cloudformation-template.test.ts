import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPlans } from '../../src/check.js';
import { InputError } from '../../src/errors.js';
import { templateDependencies } from '../../src/plan/cloudformation-template.js';
import { defaultRuleSet } from '../../src/rules/config.js';
import { REPO_ROOT } from '../corpus-path.js';

const fixture = (name: string) => join(REPO_ROOT, 'fixtures/cloudformation', name);
const asObject = (deps: Map<string, Set<string>>) => Object.fromEntries([...deps].map(([k, v]) => [k, [...v].sort()]));

describe('templateDependencies', () => {
  it('reads YAML short forms: !Ref, !GetAtt (both forms), !Sub with variables, DependsOn', async () => {
    const deps = await templateDependencies(readFileSync(fixture('orders-template.yaml'), 'utf8'), 'orders-template.yaml');
    expect(asObject(deps)).toEqual({ Processor: ['Orders'], Alarm: ['Orders', 'Processor'] });
  });

  it('reads the JSON form, ignores pseudo parameters, parameters and ${!literals}', async () => {
    const template = {
      Parameters: { Env: { Type: 'String' } },
      Resources: {
        Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Sub': '${AWS::StackName}-${Env}-${!NotARef}' } } },
        Policy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'Bucket' }, PolicyDocument: { 'Fn::GetAtt': ['Bucket', 'Arn'] } } },
        Queue: { Type: 'AWS::SQS::Queue', DependsOn: ['Policy', 'Missing'], Properties: { QueueName: { 'Fn::Sub': ['${B}-q', { B: { Ref: 'Bucket' } }] } } },
      },
    };
    const deps = await templateDependencies(JSON.stringify(template), 'template.json');
    expect(asObject(deps)).toEqual({ Policy: ['Bucket'], Queue: ['Bucket', 'Policy'] });
  });

  it.each([
    ['{"hello": 1}', /template\.json: not a CloudFormation template \(no "Resources" mapping\)/],
    ['{"Resources": ', /template\.json: invalid JSON template/],
    ['Resources:\n  A: [\n', /template\.json: invalid YAML template at line \d+ column \d+/],
  ])('refuses %j naming the file', async (text, message) => {
    const error = await templateDependencies(text, 'template.json').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(message);
  });
});

describe('--cfn-template adds the template references to the dependents of a finding', () => {
  it('without the template only CausingEntity is known; with it, DependsOn and GetAtt chains too', async () => {
    const files = [fixture('remove-orders-table.json')];
    const without = await checkPlans(files, defaultRuleSet());
    expect(without.findings.map((f) => [f.address, f.dependents])).toEqual([['Orders', ['Processor']]]);
    const deps = await templateDependencies(readFileSync(fixture('orders-template.yaml'), 'utf8'), 'orders-template.yaml');
    const withTemplate = await checkPlans(files, defaultRuleSet(), { templates: [{ file: 'orders-template.yaml', dependencies: deps }] });
    expect(withTemplate.findings.map((f) => [f.address, f.dependents])).toEqual([['Orders', ['Alarm', 'Processor']]]);
  });
});

describe('templates nested thousands of levels deep (issue 9, root cause 6)', () => {
  const deep = (levels: number, open: string, close: string) => `${open.repeat(levels)}1${close.repeat(levels)}`;

  it.each([
    ['JSON', 'template.json', `{"Resources": {"Bucket": {"Type": "AWS::S3::Bucket", "Properties": ${deep(20000, '{"a":', '}')}}}}`],
    ['YAML', 'template.yaml', `Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties: ${deep(20000, '[', ']')}\n`],
  ])('a %s template is refused naming the file, not a stack overflow', async (_what, name, text) => {
    const error: unknown = await templateDependencies(text, name).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(new RegExp(`^${name.replace('.', '\\.')}: nests lists and (objects|mappings) deeper than 512 levels`));
  });
});
