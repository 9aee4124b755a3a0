import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dependentsOf } from '../../src/analysis/dependents.js';
import { configAddress, terraformDependencies } from '../../src/plan/dependencies.js';
import { parsePlan } from '../../src/plan/read-plan.js';
import { corpusFile, itCorpus } from '../corpus-path.js';

const corpusPlan = (name: string) => parsePlan(readFileSync(corpusFile(name)), name);

describe('configAddress', () => {
  it('drops count and for_each keys, even keys holding dots, slashes, quotes and brackets', () => {
    expect(configAddress('aws_instance.web[0]')).toBe('aws_instance.web');
    expect(configAddress('module.a["x.y/z"].module.b[3].aws_s3_bucket.logs["k]\\"q"]')).toBe('module.a.module.b.aws_s3_bucket.logs');
    expect(configAddress('data.aws_ami.ubuntu')).toBe('data.aws_ami.ubuntu');
  });
});

describe('terraform dependencies', () => {
  itCorpus('follows prior_state depends_on for resources already gone from the configuration (snyk destroy plan)', () => {
    const plan = corpusPlan('terraform/terraform__snyk-cli__destroy.json');
    expect(dependentsOf('aws_s3_bucket.terra_ci', plan.dependencies)).toEqual([
      'aws_codebuild_project.terra_ci',
      'aws_iam_role_policy.terra_ci_job',
      'aws_iam_role_policy.terra_ci_runner',
      'aws_sfn_state_machine.terra_ci_runner',
    ]);
  });

  itCorpus('lists resources and root outputs that reference a replaced resource (tfplan2md azuredevops plan)', () => {
    const plan = corpusPlan('terraform/terraform__tfplan2md__azuredevops-replace-delete.json');
    expect(dependentsOf('azuredevops_variable_group.example', plan.dependencies)).toEqual([
      'azuredevops_build_definition.example',
      'azuredevops_build_definition.example2',
      'output.pipeline_id',
      'output.variable_group_id',
    ]);
  });

  it('crosses module inputs, module outputs, count and depends_on, transitively', () => {
    const module = (resources: unknown[], outputs = {}, calls = {}) => ({ resources, outputs, module_calls: calls });
    const res = (address: string, refs: string[] = [], extra = {}) => ({
      address,
      mode: 'managed',
      type: address.split('.')[0],
      name: address.split('.')[1],
      expressions: { value: { references: refs }, nested: [{ inner: { constant_value: 1 } }] },
      ...extra,
    });
    const doc = {
      configuration: {
        root_module: module(
          [res('aws_db_instance.main'), res('aws_route53_record.db', ['module.app.endpoint', 'module.app'])],
          { db_host: { expression: { references: ['aws_db_instance.main.address', 'aws_db_instance.main'] } } },
          {
            app: {
              source: './app',
              expressions: { db_host: { references: ['aws_db_instance.main.address', 'aws_db_instance.main'] } },
              module: module([res('aws_instance.web', ['var.db_host']), res('aws_lb.front', [], { depends_on: ['aws_instance.web'] })], {
                endpoint: { expression: { references: ['aws_lb.front.dns_name', 'aws_lb.front'] } },
              }),
            },
            workers: {
              source: './workers',
              count_expression: { references: ['aws_db_instance.main.id', 'aws_db_instance.main'] },
              module: module([res('aws_sqs_queue.jobs', ['each.key', 'path.module', 'local.x'])]),
            },
          },
        ),
      },
    };
    const deps = terraformDependencies(doc);
    expect(dependentsOf('aws_db_instance.main', deps)).toEqual([
      'aws_route53_record.db',
      'module.app.aws_instance.web',
      'module.app.aws_lb.front',
      'module.workers.aws_sqs_queue.jobs',
      'output.db_host',
    ]);
    expect(dependentsOf('module.app.aws_lb.front', deps)).toEqual(['aws_route53_record.db']);
    expect(dependentsOf('aws_route53_record.db', deps)).toEqual([]);
  });
});

describe('terraform dependencies of very wide configurations', () => {
  it('a module of 150,000 resources, one referencing all the others, does not overflow the stack', () => {
    const n = 150_000;
    const resources = Array.from({ length: n }, (_, i) => ({
      address: `aws_instance.a${i}`,
      expressions: i === 0 ? { x: { references: Array.from({ length: n - 1 }, (_, j) => `aws_instance.a${j + 1}`) } } : {},
    }));
    const deps = terraformDependencies({ configuration: { root_module: { module_calls: { m: { source: './m', module: { resources } } } } } });
    expect(deps.get('module.m.aws_instance.a0')?.size).toBe(n);
    expect(dependentsOf('module.m.aws_instance.a1', deps)).toEqual(['module.m.aws_instance.a0']);
  });
});

describe('cloudformation dependencies', () => {
  itCorpus('follows Details[].CausingEntity from the causing resource to the changes it causes', () => {
    const plan = corpusPlan('cloudformation/cloudformation__localstack__dynamic-update-replace-prop-values.json');
    expect(dependentsOf('Foo', plan.dependencies)).toEqual(['Parameter']);
  });
});

describe('cloudformation causing-entity chains', () => {
  it('follows CausingEntity transitively, inside a nested stack too', () => {
    const change = (id: string, action: string, causes: string[] = [], replacement = 'False') => ({
      Type: 'Resource',
      ResourceChange: {
        Action: action,
        LogicalResourceId: id,
        ResourceType: 'AWS::Lambda::Function',
        Replacement: action === 'Modify' ? replacement : undefined,
        Scope: ['Properties'],
        Details: causes.map((cause) => ({
          Target: { Attribute: 'Properties', Name: 'X', RequiresRecreation: 'Never' },
          Evaluation: 'Static',
          ChangeSource: cause.includes('.') ? 'ResourceAttribute' : 'ResourceReference',
          CausingEntity: cause,
        })),
      },
    });
    const root = {
      ChangeSetId: 'arn:aws:cloudformation:eu-west-1:1:changeSet/root/1',
      StackName: 'app',
      Status: 'CREATE_COMPLETE',
      Changes: [change('Table', 'Remove'), change('Function', 'Modify', ['Table.Arn']), change('Alias', 'Modify', ['Function.Version']), change('Unrelated', 'Modify')],
    };
    const plan = parsePlan(Buffer.from(JSON.stringify(root)), 'chain.json');
    expect(dependentsOf('Table', plan.dependencies)).toEqual(['Alias', 'Function']);
    expect(dependentsOf('Function', plan.dependencies)).toEqual(['Alias']);

    const nested = { ...root, ChangeSetId: 'arn:child', ParentChangeSetId: 'arn:missing-parent', StackName: 'data' };
    const child = parsePlan(Buffer.from(JSON.stringify(nested)), 'nested.json');
    expect(dependentsOf('data/Table', child.dependencies)).toEqual(['data/Alias', 'data/Function']);
  });
});
