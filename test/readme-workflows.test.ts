// The README's recommended set-up, read as GitHub would read it: in every job
// that holds a write permission, no step checks out or runs anything of the
// pull request; the plan workflow holds no write permission; the trigger
// holds none at all; the names tie together (the gate listens to the plan
// and trigger workflows by name, looks the plan workflow up by file name, and
// the artifact the plan uploads is the one the action looks for by default).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from './corpus-path.js';

type Json = Record<string, unknown>;
interface Step {
  uses?: string;
  run?: string;
  with?: Json;
}
interface Job {
  permissions?: Json | string;
  steps?: Step[];
  uses?: string;
}
interface Workflow {
  name: string;
  on: Json;
  permissions?: Json | string;
  jobs: Record<string, Job>;
}

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

/** The YAML blocks of the README whose first line names a workflow file, by that file. */
function workflows(): Map<string, Workflow> {
  const found = new Map<string, Workflow>();
  for (const m of README.matchAll(/```yaml\n(# \.github\/workflows\/([\w.-]+)\n[\s\S]*?)```/g)) {
    const file = m[2] as string;
    if (found.has(file)) throw new Error(`the README has two ${file} blocks`);
    found.set(file, parse(m[1] as string) as Workflow);
  }
  return found;
}

function mustGet(file: string): Workflow {
  const workflow = workflows().get(file);
  if (!workflow) throw new Error(`the README has no ${file} block`);
  return workflow;
}

/** Each job's effective permissions: its own, else the workflow's; a string form (write-all) as is. */
function permissionsOf(workflow: Workflow, job: Job): Json | string {
  return job.permissions ?? workflow.permissions ?? 'default (may be write)';
}

function writes(permissions: Json | string): boolean {
  return typeof permissions === 'string' ? permissions !== 'read-all' : Object.values(permissions).some((level) => level === 'write');
}

/**
 * Why a step of a job holding a write token could read or run pull request
 * content: a checkout (of any ref: on workflow_run the default is the base,
 * but `ref` is one edit away from the head), a run step (it executes files of
 * the workspace or data it was handed), a local or unknown action, or an
 * artifact download (files the pull request's plan job wrote).
 */
function unsafeSteps(workflow: Workflow): string[] {
  const problems: string[] = [];
  for (const [name, job] of Object.entries(workflow.jobs)) {
    if (!writes(permissionsOf(workflow, job))) continue;
    if (job.uses) problems.push(`${name}: calls the reusable workflow ${job.uses} with a write token`);
    for (const [i, step] of (job.steps ?? []).entries()) {
      const where = `${name}, step ${i + 1}`;
      if (step.run !== undefined) problems.push(`${where}: a run step in a job with a write token`);
      if (step.uses === undefined) continue;
      if (/^actions\/checkout@/.test(step.uses)) problems.push(`${where}: checks out ${typeof step.with?.ref === 'string' ? step.with.ref : 'the default ref'}`);
      else if (/^actions\/download-artifact@/.test(step.uses)) problems.push(`${where}: downloads an artifact into the workspace`);
      else if (!/^plangate\/plangate@v\d+$/.test(step.uses)) problems.push(`${where}: runs ${step.uses}, which is not plangate`);
    }
  }
  return problems;
}

describe("the README's recommended set-up", () => {
  const gate = mustGet('plangate-gate.yml');
  const plan = mustGet('plan.yml');
  const trigger = mustGet('plangate-trigger.yml');

  it('the gate runs only on workflow_run of the plan and trigger workflows, and only once they complete', () => {
    expect(Object.keys(gate.on)).toEqual(['workflow_run']);
    expect(gate.on.workflow_run).toEqual({ workflows: [plan.name, trigger.name], types: ['completed'] });
  });

  it('no step of a job with a write token checks out or runs pull request content', () => {
    expect(Object.values(gate.jobs).some((job) => writes(permissionsOf(gate, job)))).toBe(true);
    expect(unsafeSteps(gate)).toEqual([]);
  });

  it('the gate decides from the plan workflow\'s artifact, by its file name', () => {
    const steps = Object.values(gate.jobs).flatMap((job) => job.steps ?? []);
    expect(steps.map((s) => s.with)).toEqual([{ 'plans-from': 'artifact', 'plan-workflow': 'plan.yml' }]);
  });

  it('the check catches what would make the gate unsafe', () => {
    const variants: Array<[string, Step]> = [
      ['checkout of the head', { uses: 'actions/checkout@v4', with: { ref: '${{ github.event.workflow_run.head_sha }}' } }],
      ['checkout of the default ref', { uses: 'actions/checkout@v4' }],
      ['a script of the workspace', { run: './scripts/decide.sh' }],
      ['the plan job\'s files', { uses: 'actions/download-artifact@v4' }],
      ['a local action', { uses: './.github/actions/gate' }],
    ];
    for (const [what, step] of variants) {
      const unsafe = structuredClone(gate);
      for (const job of Object.values(unsafe.jobs)) job.steps = [step, ...(job.steps ?? [])];
      expect(unsafeSteps(unsafe), what).toHaveLength(1);
    }
    const withoutPermissions = structuredClone(gate);
    delete withoutPermissions.permissions;
    for (const job of Object.values(withoutPermissions.jobs)) job.steps = [{ run: 'make' }];
    expect(unsafeSteps(withoutPermissions)).toHaveLength(1);
  });

  it('the plan workflow runs once per commit with no write permission, and uploads the artifact the action looks for', () => {
    expect(plan.on).toEqual({ pull_request: { types: ['opened', 'synchronize', 'reopened', 'edited'] } });
    for (const job of Object.values(plan.jobs)) expect(writes(permissionsOf(plan, job))).toBe(false);
    const upload = Object.values(plan.jobs).flatMap((j) => j.steps ?? []).find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
    const pattern = action.inputs['plan-artifact']?.default ?? '';
    expect(upload?.with?.name).toBe(pattern.replace('{number}', '${{ github.event.pull_request.number }}').replace('{head-sha}', '${{ github.event.pull_request.head.sha }}'));
    expect(upload?.with?.['if-no-files-found']).toBe('error');
    expect(String(upload?.with?.path)).toMatch(/^\$\{\{ runner\.temp \}\}\//);
  });

  it('the trigger workflow has no permission and runs nothing but a no-op', () => {
    expect(trigger.permissions).toEqual({});
    expect(trigger.on).toEqual({ pull_request_review: { types: ['submitted', 'dismissed'] }, pull_request: { types: ['labeled', 'unlabeled'] } });
    const steps = Object.values(trigger.jobs).flatMap((j) => j.steps ?? []);
    expect(steps).toEqual([{ run: 'true' }]);
  });
});
