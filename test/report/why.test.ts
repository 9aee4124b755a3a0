// Issue 11, item 4: every report says why each protected resource goes and what
// happens to what depends on it, in words a reviewer reads without the plan.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Analysis, Finding } from '../../src/analysis/types.js';
import { checkPlans } from '../../src/check.js';
import { parseConfig } from '../../src/rules/config.js';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';
import { corpusFile, describeCorpus } from '../corpus-path.js';
import { ROOT } from '../plan/fixtures.js';
import { analysisOf, finding } from './inputs.js';

const FIXTURE = join(ROOT, 'fixtures/terraform/why-replaced.json');

/** Every managed resource protected, so the corpus's null and Azure DevOps resources are findings too. */
async function protectEverything(): Promise<Awaited<ReturnType<typeof parseConfig>>> {
  return parseConfig('extends: []\nrules:\n  - name: everything\n    match: { types: ["*"] }\n', 'test.yml');
}

function byAddress(analysis: Analysis, address: string): Finding {
  const f = analysis.findings.find((x) => x.address === address);
  if (!f) throw new Error(`no finding ${address}`);
  return f;
}

/** The markdown bullet block of one finding: its name line and the indented lines under it. */
function bulletOf(markdown: string, address: string): string {
  const start = markdown.indexOf(`\n- \`${address}\`\n`);
  expect(start).toBeGreaterThan(0);
  const end = markdown.indexOf('\n\n', start + 1);
  return markdown.slice(start, end);
}

describe('a plan with a tainted replacement, a replace_paths replacement and a dependent that survives (fixture)', () => {
  it('the markdown report says each in words', async () => {
    const analysis = await checkPlans([FIXTURE], await protectEverything());
    const markdown = renderMarkdown(analysis);

    const db = bulletOf(markdown, 'aws_db_instance.orders');
    expect(db).toContain('why: It is tainted (a failed create, or terraform taint), so Terraform destroys it and creates it anew');
    expect(db).toContain('the old one is destroyed before the new one is created, so it is gone in between');
    expect(db).toContain('`aws_cloudwatch_metric_alarm.orders_cpu` (survives unchanged: it must work with the new object)');

    const bucket = bulletOf(markdown, 'aws_s3_bucket.assets');
    expect(bucket).toContain('why: Changing "bucket" forces replacement: the provider cannot update it in place');
    expect(bucket).toContain('the new one is created before the old one is destroyed (create\\_before\\_destroy)');
    expect(bucket).toContain('`aws_iam_role_policy.assets` (survives, updated in this plan: it must work with the new object)');
    expect(markdown).toContain('| replace (create first) | `aws_s3_bucket.assets` |');

    const queue = bulletOf(markdown, 'aws_sqs_queue.legacy');
    expect(queue).toContain('why: Its resource block was removed from the configuration.');
    expect(queue).toContain('`aws_lambda_function.legacy_worker` (survives unchanged and will break: it references a resource this plan destroys)');
  });

  it('the text and JSON reports carry the same', async () => {
    const analysis = await checkPlans([FIXTURE], await protectEverything());
    const text = renderText(analysis, { color: false });
    expect(text).toContain('why: It is tainted');
    expect(text).toContain('depended on by: aws_lambda_function.legacy_worker (survives unchanged and will break');
    const json = JSON.parse(renderJson(analysis)) as { findings: Finding[]; changes: { address: string; replacePaths?: string[] }[] };
    const bucket = json.findings.find((f) => f.address === 'aws_s3_bucket.assets');
    expect(bucket).toMatchObject({ actionReason: 'replace_because_cannot_update', replacePaths: ['bucket'], createBeforeDestroy: true, dependentFates: { 'aws_iam_role_policy.assets': 'updated' } });
    expect(json.findings.find((f) => f.address === 'aws_db_instance.orders')).toMatchObject({ actionReason: 'replace_because_tainted', dependentFates: { 'aws_cloudwatch_metric_alarm.orders_cpu': 'unchanged' } });
    expect(json.findings.find((f) => f.address === 'aws_db_instance.orders')).not.toHaveProperty('createBeforeDestroy');
    expect(json.changes.find((c) => c.address === 'aws_s3_bucket.assets')?.replacePaths).toEqual(['bucket']);
  });

  it('a dependent destroyed with it says so, and one with some instances destroyed is not taken for destroyed whole', () => {
    const f = finding({ address: 'aws_db_instance.a', dependents: ['aws_instance.gone', 'aws_instance.some'], dependentFates: { 'aws_instance.gone': 'destroyed', 'aws_instance.some': 'partly destroyed' } });
    const markdown = renderMarkdown(analysisOf([f]));
    expect(markdown).toContain('`aws_instance.gone` (destroyed in this plan too)');
    expect(markdown).toContain('`aws_instance.some` (some instances destroyed in this plan and the rest surviving)');
  });
});

describeCorpus('corpus plans', () => {
  const corpus = (name: string) => corpusFile(join('terraform', name));

  it('a tainted replacement (terraform-json action-reason-tainted)', async () => {
    const analysis = await checkPlans([corpus('terraform__hashicorp-terraform-json__action-reason-tainted.json')], await protectEverything());
    expect(byAddress(analysis, 'null_resource.example').why).toMatch(/^It is tainted \(a failed create, or terraform taint\)/);
    expect(renderMarkdown(analysis)).toContain('why: It is tainted');
  });

  it('a replace_paths replacement (terraform show-json-requires-replace)', async () => {
    const analysis = await checkPlans([corpus('terraform__hashicorp-terraform__show-json-requires-replace.json')], await protectEverything());
    expect(byAddress(analysis, 'test_instance.test')).toMatchObject({ replacePaths: ['ami'], actionReason: 'replace_because_cannot_update' });
    expect(renderMarkdown(analysis)).toContain('why: Changing "ami" forces replacement: the provider cannot update it in place');
  });

  it('dependents of a replace_paths replacement: one destroyed in the plan too, one created in it (tfplan2md azuredevops)', async () => {
    const analysis = await checkPlans([corpus('terraform__tfplan2md__azuredevops-replace-delete.json')], await protectEverything());
    const group = byAddress(analysis, 'azuredevops_variable_group.example');
    expect(group.replacePaths).toEqual(['project_id']);
    expect(group.dependentFates).toMatchObject({ 'azuredevops_build_definition.example': 'destroyed', 'azuredevops_build_definition.example2': 'created' });
    const markdown = renderMarkdown(analysis);
    expect(markdown).toContain('`azuredevops_build_definition.example` (destroyed in this plan too)');
    expect(markdown).toContain('`azuredevops_build_definition.example2` (survives, created in this plan: it must work with the new object)');
  });
});
