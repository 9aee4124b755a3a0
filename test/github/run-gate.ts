// runGate and publishDecision over the in-memory RepositoryApi: one run of the
// gate as the action makes it, for the tests in test/github/.
import { join } from 'node:path';
import { expect } from 'vitest';
import type { RunContext } from '../../src/github/context.js';
import { runGate } from '../../src/github/gate.js';
import type { Inputs } from '../../src/github/inputs.js';
import { publishDecision } from '../../src/github/publish.js';
import { REPO_ROOT } from '../corpus-path.js';
import { HEAD, MAIN, StubRepositoryApi, stubState, type StubState } from './stub-api.js';

export const DESTROY = join(REPO_ROOT, 'fixtures/terraform/example-destroy.json');
export const SAFE = join(REPO_ROOT, 'fixtures/terraform/safe-update.json');
export const CONFIG = '.github/plangate.yml';
const PASSING = ['pass', 'approved', 'overridden'];

export function gateInputs(over: Partial<Inputs> = {}): Inputs {
  return { token: 't', statusContext: 'plangate', mode: 'decide', plans: [], plansFrom: 'workspace', planArtifact: 'plangate-plan-{number}-{head-sha}', overrideLabel: 'plangate-override', agentIdentities: [], comment: 'on-findings', ...over };
}

export function gateContext(workspace = REPO_ROOT): RunContext {
  return { eventName: 'pull_request', action: 'synchronize', owner: 'acme', repo: 'infra', number: 7, headSha: HEAD, apiUrl: 'http://127.0.0.1:9', workspace, gateKey: 'gate-under-test' };
}

/** Writes the config on the default branch, where the gate reads it. */
export function onMain(state: StubState, yaml: string): void {
  state.contents[MAIN] = { ...state.contents[MAIN], [CONFIG]: yaml };
}

/**
 * One run: the state `edit` makes, runGate on `plans` (the destroy plan by default), then
 * publishDecision. The result, the decision published, the head's last status, and the
 * errors, ignored approvals and what is missing as one text.
 */
export async function gate(edit: (s: StubState) => void, options: { plans?: string[]; inputs?: Partial<Inputs>; workspace?: string } = {}) {
  const state = stubState();
  edit(state);
  const api = new StubRepositoryApi(state);
  const result = await runGate(gateInputs(options.inputs), gateContext(options.workspace), api, options.plans ?? [DESTROY]);
  const published = await publishDecision(api, result, { statusContext: 'plangate', comment: 'on-findings', number: 7, headSha: HEAD });
  const text = [...result.outcome.errors, ...result.outcome.ignored, ...result.outcome.missing].join('\n');
  return { result, decision: published.result.outcome.decision, status: state.statuses.at(-1)?.state, api, state, text };
}

/** The secure outcome: not passing, and no success on the head. */
export function expectNotGreen(run: { decision: string; status: string | undefined; text: string }): void {
  expect(PASSING, `decision ${run.decision}; ${run.text}`).not.toContain(run.decision);
  expect(run.status).not.toBe('success');
}
