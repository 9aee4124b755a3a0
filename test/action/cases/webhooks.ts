// Real event payloads (@octokit/webhooks-examples, api.github.com): the action
// reads each one as GitHub delivers it. For every pull_request (opened,
// synchronize, reopened, labeled, unlabeled, edited) and pull_request_review
// (submitted, dismissed) example, a fake state matching the payload, one run
// with the payload file as it is, and: the run is about the payload's
// repository and pull request, reaches a decision, puts its status on the
// payload's head SHA, and sends nothing GitHub's description rejects. The
// action takes only the number, head SHA and action from a payload (the rest
// comes from the API, tested in the other cases), so each run uses the safe
// plan: the cheapest run that still reads the pull request and posts a status.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { makeCommit, timeAt, type FakeUser, type GitHubState, type ReviewState } from '../../github-server/server.js';
import { DECISIONS, describeRun, fakeGitHub, runAction, SAFE_PLAN } from '../harness.js';

interface Account {
  login: string;
  id: number;
  type: FakeUser['type'];
}

interface Example {
  action: string;
  number?: number;
  repository: { id: number; name: string; full_name: string; private: boolean; default_branch: string; owner: Account };
  pull_request: {
    number: number;
    state: 'open' | 'closed';
    draft?: boolean;
    title: string;
    body: string | null;
    user: Account;
    labels: Array<{ name: string }>;
    head: { sha: string; ref: string; repo: { full_name: string } | null };
    base: { sha: string; ref: string };
  };
  review?: { id: number; user: Account; state: string; commit_id: string; submitted_at: string | null };
  sender: Account;
}

const WANTED: Record<string, string[]> = {
  pull_request: ['opened', 'synchronize', 'reopened', 'labeled', 'unlabeled', 'edited'],
  pull_request_review: ['submitted', 'dismissed'],
};

const catalogue = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@octokit/webhooks-examples'), 'utf8')) as Array<{ name: string; examples: Example[] }>;
const payloads = catalogue.flatMap(({ name, examples }) =>
  examples.filter((e) => WANTED[name]?.includes(e.action)).map((example, i, all) => ({ event: name, example, label: `${name}.${example.action} #${all.slice(0, i + 1).filter((e) => e.action === example.action).length}` })),
);
const counts = Object.fromEntries(Object.entries(WANTED).flatMap(([event, actions]) => actions.map((a) => [`${event}.${a}`, payloads.filter((p) => p.event === event && p.example.action === a).length])));
console.info(`webhooks: ${payloads.length} example payloads run (${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')})`);

/** The fake's state for the payload: its repository, pull request, author, labels and review. */
function stateFor(state: GitHubState, payload: Example): void {
  const { repository: repo, pull_request: pull } = payload;
  const accounts = [repo.owner, pull.user, payload.sender, ...(payload.review ? [payload.review.user] : [])];
  for (const a of accounts) state.users[a.login] = { login: a.login, id: a.id, type: a.type, name: a.login };
  state.repo = { owner: repo.owner.login, name: repo.name, private: repo.private, defaultBranch: repo.default_branch, id: repo.id };
  state.org = repo.owner.login;
  state.collaborators = { [repo.owner.login]: 'admin' };
  state.teams = {};
  const review = payload.review;
  state.pulls = {
    [pull.number]: {
      number: pull.number,
      state: pull.state,
      draft: pull.draft ?? false,
      title: pull.title,
      body: pull.body,
      user: pull.user.login,
      head: { sha: pull.head.sha, ref: pull.head.ref, repoFullName: pull.head.repo?.full_name ?? null },
      base: { sha: pull.base.sha, ref: pull.base.ref },
      labels: pull.labels.map((l) => l.name),
      commits: [makeCommit({ sha: pull.head.sha, message: pull.title, by: state.users[pull.user.login], minutes: 0 })],
      reviews: review ? [{ id: review.id, user: review.user.login, state: review.state.toUpperCase() as ReviewState, commit_id: review.commit_id, submitted_at: review.submitted_at ?? timeAt(20) }] : [],
      files: [{ filename: 'README.md', status: 'modified', additions: 1, deletions: 1 }],
      events: [],
      comments: [],
      assignees: [],
    },
  };
  state.branches = { [pull.base.ref]: pull.base.sha, [pull.head.ref]: pull.head.sha };
  state.history = [makeCommit({ sha: pull.base.sha, by: state.users[repo.owner.login], minutes: -60 })];
  state.contents = { [pull.base.sha]: { 'README.md': '# Hello-World\n' }, [pull.head.sha]: { 'README.md': '# Hello-World, changed\n' } };
  state.checkSuites = { [pull.head.sha]: [{ id: 9100, created_at: timeAt(1), app_slug: 'github-actions' }] };
}

describe.concurrent('real webhook payloads (@octokit/webhooks-examples)', () => {
  it('the package has examples of every event action the action handles but pull_request.edited', () => {
    expect(Object.keys(counts).filter((key) => counts[key] === 0)).toEqual(['pull_request.edited']);
  });

  it.each(payloads)('$label: a decision about its pull request, the status on its head SHA, nothing the description rejects', async ({ event, example }) => {
    const gh = await fakeGitHub((s) => stateFor(s, example));
    const run = await runAction(gh, { event, payload: example, number: example.pull_request.number, inputs: { plans: SAFE_PLAN } });
    const { number, head } = example.pull_request;
    expect(DECISIONS, describeRun(run)).toContain(run.decision);
    expect(run.errors.join('\n')).not.toMatch(/payload|GITHUB_EVENT/i);
    expect(run.violations).toEqual([]);
    const repoPrefix = `/repos/${example.repository.full_name}/`.toLowerCase();
    for (const r of run.requests) if (r.route.startsWith('/repos/')) expect(`${r.route}/`.toLowerCase().startsWith(repoPrefix), r.route).toBe(true);
    const numbered = run.requests.flatMap((r) => /\/(?:pulls|issues)\/(\d+)(?:\/|$)/.exec(r.route)?.[1] ?? []);
    expect(numbered.length).toBeGreaterThan(0);
    expect(new Set(numbered)).toEqual(new Set([String(number)]));
    for (const r of run.requests.filter((q) => q.graphql)) {
      const vars = r.graphql?.variables ?? {};
      expect(vars).toMatchObject({ owner: example.repository.owner.login, name: example.repository.name });
      if ('number' in vars) expect(vars.number).toBe(number);
    }
    expect(Object.keys(gh.state.statuses)).toEqual([head.sha]);
    // Pending first, then the decision: both on the payload's head.
    expect(run.requests.filter((r) => r.method === 'POST' && r.route.includes('/statuses/')).map((r) => r.route.split('/').pop())).toEqual([head.sha, head.sha]);
  });
});
