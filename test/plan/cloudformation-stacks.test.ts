// Issue 11, item 6: `--cfn-template STACK=FILE` gives each stack its own template;
// one template is never applied to the change sets of other stacks.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPlans } from '../../src/check.js';
import { InputError } from '../../src/errors.js';
import { parseTemplateOption } from '../../src/plan/cloudformation-stacks.js';
import { templateDependencies } from '../../src/plan/cloudformation-template.js';
import { defaultRuleSet } from '../../src/rules/config.js';
import { REPO_ROOT } from '../corpus-path.js';

const fixture = (name: string) => join(REPO_ROOT, 'fixtures/cloudformation', name);
const dir = mkdtempSync(join(tmpdir(), 'plangate-stacks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const prod = fixture('remove-orders-table.json');
/** The same change set, for another stack. */
const staging = join(dir, 'staging.json');
writeFileSync(staging, readFileSync(prod, 'utf8').replace(/"shop-prod"/g, '"shop-staging"'));

const orders = async () => templateDependencies(readFileSync(fixture('orders-template.yaml'), 'utf8'), 'orders-template.yaml');
const dependentsOf = (analysis: Awaited<ReturnType<typeof checkPlans>>) => analysis.findings.map((f) => [f.file, f.address, f.dependents]);

describe('--cfn-template STACK=FILE', () => {
  it('parses STACK=FILE, and takes a value without a stack name for a file', () => {
    expect(parseTemplateOption('shop-prod=templates/app.yaml')).toEqual({ stack: 'shop-prod', file: 'templates/app.yaml' });
    expect(parseTemplateOption('templates/app.yaml')).toEqual({ file: 'templates/app.yaml' });
    expect(parseTemplateOption('./a=b.yaml')).toEqual({ file: './a=b.yaml' });
  });

  it("adds a stack's template to that stack's change set only", async () => {
    const analysis = await checkPlans([prod, staging], defaultRuleSet(), { templates: [{ stack: 'shop-prod', file: 'orders-template.yaml', dependencies: await orders() }] });
    expect(analysis.errors).toEqual([]);
    expect(dependentsOf(analysis)).toEqual([
      [prod, 'Orders', ['Alarm', 'Processor']],
      [staging, 'Orders', ['Processor']],
    ]);
    expect(analysis.findings.map((f) => f.stack)).toEqual(['shop-prod', 'shop-staging']);
  });

  it('one template for the change sets of two stacks is an error naming both, not applied to either', async () => {
    const analysis = await checkPlans([prod, staging], defaultRuleSet(), { templates: [{ file: 'orders-template.yaml', dependencies: await orders() }] });
    expect(analysis.decision).toBe('error');
    expect(analysis.errors).toEqual([
      '--cfn-template orders-template.yaml: the change sets are for 2 stacks ("shop-prod", "shop-staging"), and one template cannot be all of them: give each its own as --cfn-template STACK=FILE',
    ]);
  });

  it('a template for a stack no change set is for is an error', async () => {
    const analysis = await checkPlans([prod], defaultRuleSet(), { templates: [{ stack: 'shop-dev', file: 'dev.yaml', dependencies: await orders() }] });
    expect(analysis.errors).toEqual(['--cfn-template "shop-dev"=dev.yaml: no change set is for stack "shop-dev" (the change sets are for "shop-prod"): check the stack name']);
  });

  it('a bare template beside STACK=FILE ones is refused', async () => {
    const deps = await orders();
    const error = await checkPlans([prod], defaultRuleSet(), { templates: [{ file: 'a.yaml', dependencies: deps }, { stack: 'shop-prod', file: 'b.yaml', dependencies: deps }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
  });

  it("a nested stack's template names its resources under the nested stack's path", async () => {
    const template = JSON.stringify({ Resources: { SessionsTable: { Type: 'AWS::DynamoDB::Table' }, Reader: { Type: 'AWS::Lambda::Function', Properties: { Table: { Ref: 'SessionsTable' } } } } });
    const deps = await templateDependencies(template, 'data.json');
    const analysis = await checkPlans([fixture('nested-stacks.json')], defaultRuleSet(), {
      templates: [{ stack: 'shop-prod-AppStack-1QWERTYUIOP-DataStack-2ASDFGHJKL', file: 'data.json', dependencies: deps }],
    });
    expect(analysis.errors).toEqual([]);
    expect(analysis.findings.find((f) => f.address === 'AppStack/DataStack/SessionsTable')?.dependents).toContain('AppStack/DataStack/Reader');
  });
});
