// The gate on workflow_run: every workflow_run payload of
// @octokit/webhooks-examples read as GitHub delivers it (a completed run is
// decided for its head SHA with no pull request yet; any other action is
// refused), and the pull request found by head SHA through the API: exactly
// one open pull request, never none or several.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunContext, type RunContext } from '../../src/github/context.js';
import { pullForWorkflowRun } from '../../src/github/workflow-run.js';
import { HEAD, StubRepositoryApi, stubState } from './stub-api.js';

interface RunPayload {
  action: string;
  workflow_run: { id: number; name: string; event: string; head_sha: string; conclusion: string | null; pull_requests: unknown[] };
}

const catalogue = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@octokit/webhooks-examples'), 'utf8')) as Array<{ name: string; examples: RunPayload[] }>;
const examples = catalogue.find((c) => c.name === 'workflow_run')?.examples ?? [];
const dir = mkdtempSync(join(tmpdir(), 'plangate-workflow-run-'));

function contextOf(payload: unknown): RunContext {
  const path = join(dir, `event-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(payload));
  return readRunContext({ GITHUB_EVENT_NAME: 'workflow_run', GITHUB_EVENT_PATH: path, GITHUB_REPOSITORY: 'acme/infra', GITHUB_API_URL: 'http://127.0.0.1:9' });
}

describe('workflow_run payloads (@octokit/webhooks-examples)', () => {
  it('the package has completed and requested examples', () => {
    expect(examples.filter((e) => e.action === 'completed').length).toBeGreaterThan(0);
    expect(examples.filter((e) => e.action !== 'completed').length).toBeGreaterThan(0);
  });

  it.each(examples.map((e, i) => ({ label: `${e.action} #${i + 1} (${e.workflow_run.event}, ${e.workflow_run.pull_requests.length} pull requests)`, example: e })))('$label', ({ example }) => {
    if (example.action !== 'completed') {
      expect(() => contextOf(example)).toThrow(/run the gate on `workflow_run: types: \[completed\]`/);
      return;
    }
    // The examples' runs are of dispatch events, which no pull request has: refused as they are.
    expect(() => contextOf(example)).toThrow(new RegExp(`ran on ${example.workflow_run.event}, not on a pull request event`));
    const context = contextOf({ ...example, workflow_run: { ...example.workflow_run, event: 'pull_request' } });
    // The pull request comes from the API by head SHA, never from the payload's list.
    expect(context).toMatchObject({ eventName: 'workflow_run', number: 0, headSha: example.workflow_run.head_sha });
    expect(context.workflowRun).toEqual({ id: example.workflow_run.id, name: example.workflow_run.name, event: 'pull_request', conclusion: example.workflow_run.conclusion });
  });

  it.each([
    ['no workflow_run', { action: 'completed' }],
    ['a head SHA that is not one', { action: 'completed', workflow_run: { ...examples[1]?.workflow_run, event: 'pull_request', head_sha: 'main' } }],
    ['no id', { action: 'completed', workflow_run: { ...examples[1]?.workflow_run, event: 'pull_request', id: '1' } }],
  ])('a malformed payload is an error: %s', (_, payload) => {
    expect(() => contextOf(payload)).toThrow(/GITHUB_EVENT_PATH: .*malformed/);
  });
});

describe('the pull request of a workflow_run', () => {
  const context = (): RunContext => ({ eventName: 'workflow_run', action: 'completed', owner: 'acme', repo: 'infra', number: 0, headSha: HEAD, apiUrl: 'x', workspace: '/', gateKey: 'k', workflowRun: { id: 1, name: 'plan', event: 'pull_request', conclusion: 'success' } });

  it('is the one open pull request with the head SHA', async () => {
    expect((await pullForWorkflowRun(new StubRepositoryApi(stubState()), context())).number).toBe(7);
  });

  it('none, or several a status cannot tell apart, is an error', async () => {
    const closed = stubState();
    closed.pull.state = 'closed';
    await expect(pullForWorkflowRun(new StubRepositoryApi(closed), context())).rejects.toThrow(/no open pull request has that head/);
    await expect(pullForWorkflowRun(new StubRepositoryApi(stubState({ siblings: [9] })), context())).rejects.toThrow(/the head of pull requests #7, #9, and a commit status cannot tell them apart/);
  });

  it('other events keep the payload\'s pull request and ask nothing', async () => {
    const api = new StubRepositoryApi(stubState());
    const { workflowRun: _, ...rest } = context();
    expect(await pullForWorkflowRun(api, { ...rest, eventName: 'pull_request', number: 7 })).toMatchObject({ number: 7 });
    expect(api.calls).toEqual([]);
  });
});
