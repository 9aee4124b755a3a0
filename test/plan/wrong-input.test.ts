// The wrong files people pass most often, each named for what it is, with the fix.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parsePlan } from '../../src/plan/read-plan.js';
import { fixtureBytes } from './fixtures.js';

const PLAN = fixtureBytes('terraform/example-destroy.json').toString('utf8');
const SAFE = fixtureBytes('terraform/safe-update.json').toString('utf8');
const COMPACT = JSON.stringify(JSON.parse(PLAN));

function problem(text: string): string {
  try {
    parsePlan(Buffer.from(text), 'plan.json');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).not.toContain('\n');
    return (error as InputError).problem;
  }
  throw new Error('expected parsePlan to refuse the input');
}

// What `terraform show -json tfplan > plan.json` writes under hashicorp/setup-terraform with its wrapper on.
const WRAPPED = [
  '[command]/home/runner/work/_temp/3f2a9c1e/terraform-bin show -json tfplan',
  COMPACT,
  '::debug::Terraform exited with code 0.',
  `::debug::stdout: ${COMPACT.slice(0, 200)}`,
  '::debug::stderr: ',
  '::debug::exitcode: 0',
  '',
].join('\n');

// `terraform plan -json`: one UI message a line.
const LOG = [
  { '@level': 'info', '@message': 'Terraform 1.9.8', '@module': 'terraform.ui', '@timestamp': '2026-11-26T10:00:00.000000Z', terraform: '1.9.8', type: 'version', ui: '1.2' },
  { '@level': 'info', '@message': 'aws_db_instance.main: Plan to delete', '@module': 'terraform.ui', change: { resource: { addr: 'aws_db_instance.main' }, action: 'delete' }, type: 'planned_change' },
  { '@level': 'info', '@message': 'Plan: 0 to add, 0 to change, 1 to destroy.', '@module': 'terraform.ui', changes: { add: 0, change: 0, remove: 1, operation: 'plan' }, type: 'change_summary' },
].map((message) => JSON.stringify(message));

describe('wrong inputs, named', () => {
  it("setup-terraform's wrapper output: says terraform_wrapper: false", () => {
    expect(problem(WRAPPED)).toMatch(/^this is terraform's output through setup-terraform's wrapper, not plain plan JSON: set `terraform_wrapper: false` on hashicorp\/setup-terraform/);
    // Without the [command] line, the ::debug:: lines still give it away, near the start or past a long plan.
    expect(problem(WRAPPED.slice(WRAPPED.indexOf('\n') + 1))).toMatch(/terraform_wrapper: false/);
    expect(problem(`${PLAN}\n::debug::Terraform exited with code 0.\n`)).toMatch(/terraform_wrapper: false/);
  });

  it('the `terraform plan -json` log stream, however many lines', () => {
    for (const text of [LOG.join('\n'), LOG[0] as string, `${LOG.join('\n')}\n`]) {
      expect(problem(text)).toMatch(/^this is the `terraform plan -json` log stream .* not a plan: run `terraform plan -out=tfplan`, then `terraform show -json tfplan > plan.json`$/);
    }
  });

  it('several plans one after another (Terragrunt run-all): names the line where the second starts', () => {
    const secondLine = PLAN.split('\n').length + 1;
    expect(problem(`${PLAN}\n${SAFE}`)).toBe(
      `holds several JSON documents one after another (a second starts at line ${secondLine}), as Terragrunt \`run-all show -json\` writes them: write each plan to its own file (one \`terraform show -json\` per module) and pass every file to plangate`,
    );
    expect(problem(`${COMPACT}${COMPACT}`)).toMatch(/^holds several JSON documents one after another \(a second starts at line 1\)/);
  });

  it('null, and other bare JSON values', () => {
    expect(problem('null\n')).toMatch(/^the JSON document is null, not a plan: the step that wrote it had nothing to write/);
    expect(problem('42')).toMatch(/^a bare JSON number, not a plan/);
    expect(problem('"plan.json"')).toMatch(/^a bare JSON string, not a plan/);
  });

  it('a plan is still a plan: none of these checks refuses one', () => {
    expect(parsePlan(Buffer.from(PLAN), 'plan.json').format).toBe('terraform');
    expect(parsePlan(Buffer.from(`\n  ${COMPACT}\n\n`), 'plan.json').format).toBe('terraform');
  });
});
