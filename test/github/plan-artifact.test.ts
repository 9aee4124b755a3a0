// plans-from: artifact, against the local fake of GitHub: the plan
// workflow's run for the head commit, its artifact and its zip, through the
// real client (OctokitActionsApi) and GitHub's real shapes. Each way a plan
// other than the head commit's own could reach the gate ends in a problem
// that names the run and artifact looked for, never in plans.
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionsApi } from '../../src/github/actions-api.js';
import { createOctokit } from '../../src/github/client.js';
import { OctokitActionsApi } from '../../src/github/octokit-actions.js';
import { readPlanArtifact, type ArtifactSource } from '../../src/github/plan-artifact.js';
import { addPlanRun, fakeSha, HEAD_SHA, newState, PLAN_WORKFLOW, startGitHubServer, timeAt, type FakePull, type GitHubServer, type GitHubState } from '../github-server/server.js';

const PLAN = '{"format_version":"1.2","resource_changes":[]}';
const servers: GitHubServer[] = [];

afterEach(async () => {
  for (const gh of servers.splice(0)) {
    await gh.close();
    expect(gh.violations, "exchanges that depart from GitHub's description").toEqual([]);
  }
});

async function fake(edit: (state: GitHubState) => void): Promise<{ gh: GitHubServer; api: ActionsApi }> {
  const state = newState();
  state.tokenPermissions.actions = 'read';
  edit(state);
  const gh = await startGitHubServer(state);
  servers.push(gh);
  return { gh, api: new OctokitActionsApi(createOctokit({ token: state.token, baseUrl: gh.url, retryBaseMs: 1 }), 'acme', 'infra') };
}

const SOURCE: ArtifactSource = { workflow: 'plan.yml', artifact: 'plangate-plan-{number}-{head-sha}', number: 7, headSha: HEAD_SHA, headRef: 'feature/cleanup', headRepo: 'acme/infra', patterns: [] };

async function read(edit: (state: GitHubState) => void, source: Partial<ArtifactSource> = {}) {
  const { gh, api } = await fake(edit);
  return { gh, answer: await readPlanArtifact(api, { ...SOURCE, ...source }) };
}

function problemOf(answer: Awaited<ReturnType<typeof readPlanArtifact>>): string {
  if (!('problem' in answer)) throw new Error(`expected a problem, got plans ${answer.plans.map((p) => p.name).join(', ')}`);
  return answer.problem;
}

describe('the plan artifact of the head commit', () => {
  it('is found through the latest successful run, downloaded through the redirect and unzipped', async () => {
    const { gh, answer } = await read((s) => addPlanRun(s, { files: [{ name: 'plan.json', data: PLAN }] }));
    // When it was uploaded, which approvals are weighed against (threat 66).
    expect(answer).toEqual({ plans: [{ name: 'plan.json', bytes: Buffer.from(PLAN) }], madeAt: timeAt(8) });
    const asked = gh.requests.map((r) => `${r.route}${r.query.head_sha ? `?head_sha=${r.query.head_sha}&event=${r.query.event}` : ''}`);
    expect(gh.requests.find((r) => r.route.endsWith('/pulls'))?.query).toMatchObject({ state: 'all', head: 'acme:feature/cleanup' });
    expect(asked).toEqual([
      '/repos/acme/infra/actions/workflows/plan.yml',
      `/repos/acme/infra/actions/workflows/${PLAN_WORKFLOW.id}/runs?head_sha=${HEAD_SHA}&event=pull_request`,
      '/repos/acme/infra/pulls',
      '/repos/acme/infra/actions/runs/7000000001/artifacts',
      '/repos/acme/infra/actions/artifacts/8000001/zip',
      '/_blob/artifacts/8000001.zip',
    ]);
  });

  it('reads every page of runs and takes the newest', async () => {
    const { answer } = await read((s) => {
      for (let i = 0; i < 120; i++) addPlanRun(s, { minutes: i, conclusion: 'failure' });
      addPlanRun(s, { minutes: 200, files: [{ name: 'plan.json', data: PLAN }] });
    });
    expect('plans' in answer).toBe(true);
  });

  it('chooses the files the plans patterns name inside it, and refuses a pattern that matches none', async () => {
    const files = [{ name: 'stacks/a.json', data: PLAN }, { name: 'stacks/b.json', data: PLAN }, { name: 'notes.txt', data: 'x' }];
    const { answer } = await read((s) => addPlanRun(s, { files }), { patterns: ['stacks/*.json'] });
    expect('plans' in answer && answer.plans.map((p) => p.name)).toEqual(['stacks/a.json', 'stacks/b.json']);
    const none = await read((s) => addPlanRun(s, { files }), { patterns: ['plan.json'] });
    expect(problemOf(none.answer)).toMatch(/"plan.json" matches none of its files \(stacks\/a.json, stacks\/b.json, notes.txt\)/);
  });
});

describe('no plan artifact of the head commit: a problem naming the run and artifact, never plans', () => {
  const sought = new RegExp(`^plans-from: artifact: the artifact "plangate-plan-7-${HEAD_SHA}" of the latest pull_request run of plan.yml for ${HEAD_SHA.slice(0, 7)}: `);

  it.each<[string, (s: GitHubState) => void, RegExp]>([
    ['no plan workflow', () => undefined, /has no workflow plan.yml: set plan-workflow/],
    ['no run for the commit', (s) => void addPlanRun(s, { headSha: fakeSha('older head'), files: [{ name: 'plan.json', data: PLAN }] }), /plan.yml has not run on pull_request for this commit/],
    [
      'a run of another workflow only',
      (s) => {
        s.workflows = [PLAN_WORKFLOW];
        addPlanRun(s, { workflow: { id: 61_000_002, name: 'ci', path: '.github/workflows/ci.yml' }, files: [{ name: 'plan.json', data: PLAN }] });
      },
      /plan.yml has not run on pull_request for this commit/,
    ],
    ['a run on another event only', (s) => void addPlanRun(s, { event: 'push', files: [{ name: 'plan.json', data: PLAN }] }), /has not run on pull_request/],
    ['a run without the artifact', (s) => void addPlanRun(s, {}), /run #1 \(https:\/\/github.com\/acme\/infra\/actions\/runs\/7000000001\) uploaded no artifact of that name/],
    [
      'the plan run of another pull request with the same head, newer than this one\'s (into another base, closed since)',
      (s) => {
        addPlanRun(s, { minutes: 5, files: [{ name: 'plan.json', data: PLAN }] });
        addPlanRun(s, { minutes: 9, artifactName: `plangate-plan-8-${HEAD_SHA}`, files: [{ name: 'plan.json', data: PLAN }] });
      },
      /run #2 .* uploaded no artifact of that name/,
    ],
    ['a run on another branch with the same commit', (s) => void addPlanRun(s, { headBranch: 'copy', files: [{ name: 'plan.json', data: PLAN }] }), /ran on the branch "copy", not on the pull request's head branch "feature\/cleanup"/],
    [
      'another pull request, closed, from the same branch with the same head (its base held other workflow files)',
      (s) => {
        s.pulls[8] = { ...structuredClone(s.pulls[7] as FakePull), number: 8, state: 'closed', base: { sha: HEAD_SHA, ref: 'sandbox' } };
        addPlanRun(s, { files: [{ name: 'plan.json', data: PLAN }] });
      },
      /pull request #8 \(open or closed\) has the same head commit, so run #1 .* may have planned its merge into another base/,
    ],
    ['an artifact of another name', (s) => void addPlanRun(s, { artifactName: 'plan', files: [{ name: 'plan.json', data: PLAN }] }), /uploaded no artifact of that name/],
    ['a failed run', (s) => void addPlanRun(s, { conclusion: 'failure', files: [{ name: 'plan.json', data: PLAN }] }), /run #1 .* ended failure/],
    ['a cancelled run', (s) => void addPlanRun(s, { conclusion: 'cancelled', files: [{ name: 'plan.json', data: PLAN }] }), /ended cancelled/],
    ['a run still in progress', (s) => void addPlanRun(s, { status: 'in_progress', files: [{ name: 'plan.json', data: PLAN }] }), /is in_progress: the gate decides again when it completes/],
    [
      'a success followed by a failed run of the same commit',
      (s) => {
        addPlanRun(s, { minutes: 5, files: [{ name: 'plan.json', data: PLAN }] });
        addPlanRun(s, { minutes: 9, conclusion: 'failure' });
      },
      /run #2 .* ended failure/,
    ],
    ['a run from a fork that is not the pull request\'s head repository', (s) => void addPlanRun(s, { headRepo: 'mallory/infra', files: [{ name: 'plan.json', data: PLAN }] }), /ran on mallory\/infra, not on the pull request's head repository acme\/infra/],
    ['an expired artifact', (s) => void addPlanRun(s, { files: [{ name: 'plan.json', data: PLAN }], artifact: { expired: true } }), /it expired: re-run run #1/],
    ['an artifact gone when downloaded', (s) => void addPlanRun(s, { files: [{ name: 'plan.json', data: PLAN }], artifact: { gone: true } }), /410 Gone/],
    ['an artifact listed for another commit', (s) => void addPlanRun(s, { files: [{ name: 'plan.json', data: PLAN }], artifact: { headSha: fakeSha('other') } }), /of another run, commit or name/],
    ['an empty artifact', (s) => void addPlanRun(s, { files: [{ name: 'plans/' }] }), /it holds no file/],
    ['an artifact too large to download', (s) => void addPlanRun(s, { files: [{ name: 'plan.json', data: PLAN }], artifact: { size: 300 * 2 ** 20 } }), /more than the 268,435,456 plangate downloads/],
    ['a zip whose entry climbs out of the archive', (s) => void addPlanRun(s, { files: [{ name: '../../plan.json', data: PLAN }] }), /refuses its zip: the entry name "..\/..\/plan.json" would escape the archive/],
    ['a zip with an absolute path', (s) => void addPlanRun(s, { files: [{ name: '/etc/plan.json', data: PLAN }] }), /would escape the archive/],
    ['a zip with a symlink', (s) => void addPlanRun(s, { files: [{ name: 'plan.json', data: '/etc/passwd', mode: 0o120777 }] }), /is a link or special file/],
    ['a zip that is not one', (s) => void addPlanRun(s, { zip: Buffer.from(PLAN) }), /not a zip archive/],
  ])('%s', async (_, edit, expected) => {
    const problem = problemOf((await read(edit)).answer);
    expect(problem).toMatch(sought);
    expect(problem).toMatch(expected);
    expect(problem).not.toContain('\n');
  });

  it('a run that started before the pull request changed its base planned the merge into the old base', async () => {
    const before = await read((s) => void addPlanRun(s, { minutes: 5, files: [{ name: 'plan.json', data: PLAN }] }), { retargetedAt: '2024-05-01T12:30:00Z' });
    expect(problemOf(before.answer)).toMatch(/run #1 .* started at 2024-05-01T12:05:00Z, before the pull request changed its base at 2024-05-01T12:30:00Z, so it planned the merge into the old base/);
    const unreadable = await read((s) => void addPlanRun(s, { minutes: 5, files: [{ name: 'plan.json', data: PLAN }] }), { retargetedAt: '' });
    expect(problemOf(unreadable.answer)).toMatch(/before the pull request changed its base at \(a time GitHub does not give\)/);
    const after = await read((s) => void addPlanRun(s, { minutes: 45, files: [{ name: 'plan.json', data: PLAN }] }), { retargetedAt: '2024-05-01T12:30:00+00:00' });
    expect('plans' in after.answer).toBe(true);
  });

  it('a pull request from a deleted fork', async () => {
    const { answer } = await read((s) => void addPlanRun(s, { files: [{ name: 'plan.json', data: PLAN }] }), { headRepo: null });
    expect(problemOf(answer)).toMatch(/head repository was deleted/);
  });
});

describe("GitHub's answers that contradict the question are refused, not filtered", () => {
  it('a listed run of another commit', async () => {
    const { gh, api } = await fake((s) => void addPlanRun(s, { headSha: fakeSha('other head'), files: [{ name: 'plan.json', data: PLAN }] }));
    // GitHub ignoring the head_sha filter: the fake answers every run of the workflow.
    gh.faults.push({ path: new RegExp(`/actions/workflows/${PLAN_WORKFLOW.id}/runs$`), status: 200, body: await (await fetch(`${gh.url}/repos/acme/infra/actions/workflows/${PLAN_WORKFLOW.id}/runs`, { headers: { authorization: `token ${gh.state.token}` } })).json() });
    expect(problemOf(await readPlanArtifact(api, SOURCE))).toMatch(/GitHub listed run 7000000001 \(.github\/workflows\/plan.yml, pull_request, [0-9a-f]{7}\), which is not one, so its answers cannot be trusted/);
  });

  it('a list that counts more runs than it lists (GitHub stops at 1,000)', async () => {
    const { gh, api } = await fake((s) => void addPlanRun(s, { files: [{ name: 'plan.json', data: PLAN }] }));
    gh.faults.push({ path: new RegExp(`/actions/workflows/${PLAN_WORKFLOW.id}/runs$`), status: 200, body: { total_count: 1500, workflow_runs: [] } });
    await expect(readPlanArtifact(api, SOURCE)).rejects.toThrow(/counts 1500 results but lists 0 \(it lists at most 1,000\)/);
  });

  it('an artifacts list that counts more than it lists', async () => {
    const { gh, api } = await fake((s) => void addPlanRun(s, { files: [{ name: 'plan.json', data: PLAN }] }));
    gh.faults.push({ path: /\/actions\/runs\/\d+\/artifacts$/, status: 200, body: { total_count: 2, artifacts: [] } });
    await expect(readPlanArtifact(api, SOURCE)).rejects.toThrow(/counts 2 results but lists 0/);
  });

  it('a token without actions: read is told which permission to add', async () => {
    const { gh, api } = await fake((s) => void addPlanRun(s, { files: [{ name: 'plan.json', data: PLAN }] }));
    delete gh.state.tokenPermissions.actions;
    await expect(readPlanArtifact(api, SOURCE)).rejects.toThrow(/answered 403 .*the token needs actions: read/);
  });

  it('a zip larger than the limit is not read past it', async () => {
    const { api } = await fake((s) => void addPlanRun(s, { files: [{ name: 'plan.json', data: PLAN.repeat(100) }] }));
    await expect(api.downloadArtifact(8000001, 64)).rejects.toThrow(/larger than 64 bytes/);
    expect(await api.downloadArtifact(8000001, 10_000)).toBeInstanceOf(Buffer);
  });
});
