// Issue 8, end to end: each way an author with write access could walk a
// destructive change around the gate, tried against the GitHub-shaped server
// as the bundled action meets it. Each test failed against the bundle before
// the fix it names; none of them may end in a success status. The same
// classes are tested without a server in test/github/.
import { describe, expect, it } from 'vitest';
import { BASE_SHA, fakeSha, makeCommit, renameLabel, timeAt, type GitHubState } from '../../github-server/server.js';
import {
  addLabel,
  addUser,
  commentText,
  describeRun,
  fakeGitHub,
  issueEvent,
  latestStatus,
  mainConfig,
  pr,
  push,
  removeLabel,
  review,
  runAction,
  SAFE_PLAN,
  statuses,
  type ActionRun,
} from '../harness.js';

const head = (state: GitHubState) => pr(state).head.sha;

/** Not green: the decision does not pass and no success is the head's latest status. */
function expectNoSuccess(run: ActionRun, state: GitHubState): void {
  expect(['blocked', 'error'], describeRun(run)).toContain(run.decision);
  expect(run.exitCode).toBe(1);
  expect(latestStatus(state, head(state))).not.toBe('success');
}

/** A base branch of the author's own, with a config that lets everything through. */
function agentBase(s: GitHubState): void {
  const sha = fakeSha('agent base');
  s.branches['agent-base'] = sha;
  s.contents[sha] = { ...s.contents[BASE_SHA], '.github/plangate.yml': 'ignore: ["**"]\n' };
  pr(s).base = { sha, ref: 'agent-base' };
}

describe.concurrent('1. the rules and the status do not depend on a base the author picks (threat 17)', () => {
  it('a destructive PR into a base with a loose config is judged by the default branch\'s rules', async () => {
    const gh = await fakeGitHub(agentBase);
    const run = await runAction(gh);
    expectNoSuccess(run, gh.state);
    expect(run.decision).toBe('blocked');
    expect(commentText(gh.state)).toMatch(/Rules: the built-in `recommended` pack \(no `\.github\/plangate\.yml` or `\.github\/plangate\.yaml` on `main` at `[0-9a-f]{7}`\)/);
  });

  it('a pass into an unprotected base is no success; retargeted to main, `edited` re-decides and the status follows', async () => {
    const gh = await fakeGitHub(agentBase);
    const into = await runAction(gh, { inputs: { plans: SAFE_PLAN } });
    expect(into.decision, describeRun(into)).toBe('pass');
    expect(latestStatus(gh.state, head(gh.state))).toBe('pending');
    expect(statuses(gh.state, head(gh.state))[0]?.description).toBe('pass into agent-base, not a protected base: no success');
    expect(commentText(gh.state)).toMatch(/The base `agent-base` is not a protected base, so plangate posts no success/);
    // The author retargets the destructive PR to main.
    pr(gh.state).base = { sha: BASE_SHA, ref: 'main' };
    issueEvent(gh.state, 'base_ref_changed', 'dev-alice', 40);
    const retargeted = await runAction(gh, { action: 'edited' });
    expect(retargeted.decision, describeRun(retargeted)).toBe('blocked');
    expect(latestStatus(gh.state, head(gh.state))).toBe('failure');
  });

  it('protected-bases on the default branch\'s config lets a PR into a release branch pass', async () => {
    const gh = await fakeGitHub((s) => {
      mainConfig(s, 'protected-bases: ["release/*"]\n');
      s.branches['release/1'] = BASE_SHA;
      pr(s).base = { sha: BASE_SHA, ref: 'release/1' };
    });
    const run = await runAction(gh, { inputs: { plans: SAFE_PLAN } });
    expect(run.decision, describeRun(run)).toBe('pass');
    expect(latestStatus(gh.state, head(gh.state))).toBe('success');
  });
});

describe.concurrent('2. lists GitHub caps are never read as complete (threat 18)', () => {
  it('a workflow edit past the 3,000 files GitHub lists: an error that says to split the PR', async () => {
    const gh = await fakeGitHub((s) => {
      pr(s).files = Array.from({ length: 3000 }, (_, i) => ({ filename: `.aaa/padding-${String(i).padStart(4, '0')}.md`, status: 'added' as const }));
      pr(s).files.push({ filename: '.github/workflows/deploy.yml', status: 'modified' });
    });
    const run = await runAction(gh, { inputs: { plans: SAFE_PLAN } });
    expectNoSuccess(run, gh.state);
    expect(run.errors.join('\n')).toMatch(/changes 3,001 files but GitHub lists only 3,000 .*split it/);
  });

  it("the 101st co-author of a commit is excluded like the first: GitHub's nested list is read to its end", async () => {
    const gh = await fakeGitHub((s) => {
      const commit = pr(s).commits[0];
      if (commit) {
        commit.coAuthors = [
          ...Array.from({ length: 100 }, (_, i) => ({ name: `Pad ${i}`, email: `pad-${i}@example.test`, login: null })),
          { name: 'Ops Bob', email: 'bob@acme.test', login: 'ops-bob' },
        ];
      }
      review(s, 'ops-bob');
    });
    const run = await runAction(gh);
    expectNoSuccess(run, gh.state);
    expect(commentText(gh.state)).toMatch(/ops-bob is part of the authoring identity \(a co-author of commit/);
  });
});

describe.concurrent('3. the override label is timed against the head arriving on this PR (threat 19)', () => {
  it('force-pushing back to a commit pushed before the label does not revive the label', async () => {
    const gh = await fakeGitHub((s) => {
      addLabel(s, 'sec-carol', { minutes: 30 });
      const original = pr(s).head.sha;
      push(s, { minutes: 40 });
      push(s, { minutes: 45, sha: original });
    });
    const run = await runAction(gh);
    expectNoSuccess(run, gh.state);
    expect(commentText(gh.state)).toMatch(/label added by @sec-carol does not count: it was added before the current head [0-9a-f]{7} arrived on the pull request \(2024-05-01T12:45:00Z\)/);
  });

  it('a push GitHub answers without a time is an error, never a label that counts', async () => {
    const gh = await fakeGitHub((s) => addLabel(s, 'sec-carol', { minutes: 30 }));
    // A malformed answer (the time GitHub documents as date-time is null), as a fault: the fake never sends one itself.
    const push = { id: 1, node_id: 'A_1', before: fakeSha('x'), after: head(gh.state), ref: 'refs/heads/feature/cleanup', timestamp: null, activity_type: 'push', actor: null };
    gh.faults.push({ method: 'GET', path: /\/activity$/, status: 200, body: [push], times: 10 });
    const run = await runAction(gh);
    expectNoSuccess(run, gh.state);
    expect(run.decision).toBe('error');
    expect(run.errors.join('\n')).toMatch(/activity is malformed: \[0\].timestamp should be a string, got null/);
  });
});

describe.concurrent('4. the label\'s whole history is read, by label id (threat 20)', () => {
  it('removed and put back by a deleted account: the qualifying older label does not count', async () => {
    const gh = await fakeGitHub((s) => {
      addLabel(s, 'sec-carol', { minutes: 30 });
      removeLabel(s, null, { minutes: 31 });
      addLabel(s, null, { minutes: 32 });
    });
    const run = await runAction(gh);
    expectNoSuccess(run, gh.state);
    expect(commentText(gh.state)).toMatch(/does not count: GitHub does not say who added it last/);
  });

  it('another label renamed to the override name after the real one was removed is not the override', async () => {
    const gh = await fakeGitHub((s) => {
      addLabel(s, 'sec-carol', { minutes: 30 });
      removeLabel(s, 'dev-alice', { minutes: 31 });
      addLabel(s, 'dev-alice', { minutes: 32, label: 'harmless' });
      renameLabel(s, 'plangate-override', 'retired', 33);
      renameLabel(s, 'harmless', 'plangate-override', 34);
    });
    const run = await runAction(gh, { action: 'edited' });
    expectNoSuccess(run, gh.state);
    expect(commentText(gh.state)).toMatch(/label added by @dev-alice does not count/);
  });
});

describe.concurrent('5. an agent named by email is every account GitHub links to it (threat 5)', () => {
  it.each([
    ['its public profile email', (s: GitHubState) => addUser(s, { login: 'acme-agent', id: 1077, type: 'User', publicEmail: 'agent@acme.example' }, 'write')],
    [
      'its commits on the default branch',
      (s: GitHubState) => {
        addUser(s, { login: 'acme-agent', id: 1077, type: 'User', email: 'agent@acme.example' }, 'write');
        s.history.unshift(makeCommit({ sha: fakeSha('agent on main'), by: s.users['acme-agent'], minutes: -30 }));
      },
    ],
  ])('an account linked through %s does not approve', async (_, link) => {
    const gh = await fakeGitHub((s) => {
      link(s);
      review(s, 'acme-agent');
    });
    const run = await runAction(gh, { inputs: { 'agent-identities': 'agent@acme.example' } });
    expectNoSuccess(run, gh.state);
    expect(commentText(gh.state)).toMatch(/acme-agent is a coding agent/);
  });
});

describe.concurrent("6. a change to the gate's files needs the strictest rule's approvers (threat 21)", () => {
  it('a writer outside the approvers cannot approve a workflow edit', async () => {
    const gh = await fakeGitHub((s) => {
      mainConfig(s, 'rules:\n  - name: security-databases\n    approvers: { teams: [security] }\n    match: { types: [aws_db_instance] }\n');
      pr(s).files.push({ filename: '.github/workflows/deploy.yml', status: 'modified' });
      review(s, 'ops-bob');
    });
    const run = await runAction(gh, { inputs: { plans: SAFE_PLAN } });
    expectNoSuccess(run, gh.state);
    expect(commentText(gh.state)).toMatch(/from team security, for \.github\/workflows\/deploy\.yml/);
  });
});

describe.concurrent('7. OpenTofu sources are read', () => {
  it('prevent_destroy dropped in a main.tofu that shadows the guarded main.tf is a finding', async () => {
    const guarded = 'resource "aws_db_instance" "orders" {\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n';
    const gh = await fakeGitHub((s) => {
      s.contents[BASE_SHA] = { ...s.contents[BASE_SHA], 'main.tf': guarded };
      s.contents[head(s)] = { ...s.contents[head(s)], 'main.tf': guarded, 'main.tofu': 'resource "aws_db_instance" "orders" {}\n' };
      pr(s).files = [{ filename: 'main.tofu', status: 'added' }];
    });
    const run = await runAction(gh, { inputs: { plans: SAFE_PLAN } });
    expectNoSuccess(run, gh.state);
    expect(run.report?.findings?.map((f) => f.address)).toEqual(['aws_db_instance.orders']);
  });
});

describe.concurrent('8. only GitHub\'s own link makes a commit author known (threat 6)', () => {
  it('a noreply address GitHub links to no account is an unknown author: an error, the approval notwithstanding', async () => {
    const gh = await fakeGitHub((s) => {
      const commit = pr(s).commits[0];
      if (commit) {
        commit.author = { ...commit.author, name: 'Nobody', email: '424242+nobody@users.noreply.github.com' };
        commit.authorLogin = null;
      }
      review(s, 'ops-bob');
    });
    const run = await runAction(gh);
    expectNoSuccess(run, gh.state);
    expect(run.errors.join('\n')).toMatch(/424242\+nobody@users\.noreply\.github\.com>, an email linked to no GitHub account/);
  });
});

describe.concurrent('9. an earlier success never outlives a run (threat 22)', () => {
  const earlierSuccess = (s: GitHubState) => {
    s.statuses[head(s)] = [{ id: 61, state: 'success', context: 'plangate', description: 'approved', created_at: timeAt(25), creator: 'github-actions[bot]' }];
  };

  it('a run that cannot publish its decision leaves the pending it posted first, not the older success', async () => {
    const gh = await fakeGitHub(earlierSuccess);
    // Every status write but a pending one fails: the decision cannot be recorded.
    const decisive = (body: unknown) => (body as { state?: string } | undefined)?.state !== 'pending';
    gh.faults.push({ method: 'POST', path: /\/statuses\/[0-9a-f]{40}$/, status: 500, times: 1000, bodyMatches: decisive });
    const run = await runAction(gh);
    expectNoSuccess(run, gh.state);
    expect(statuses(gh.state, head(gh.state)).map((s) => s.state)).toEqual(['pending', 'success']);
  });

  it('mode: mark-pending, the first step of the job, turns the older success pending at once', async () => {
    const gh = await fakeGitHub(earlierSuccess);
    const run = await runAction(gh, { inputs: { mode: 'mark-pending', plans: undefined } });
    expect(run.exitCode, describeRun(run)).toBe(0);
    expect(latestStatus(gh.state, head(gh.state))).toBe('pending');
    expect(run.requests.map((r) => `${r.method} ${r.route.replace(/[0-9a-f]{40}/, 'SHA')}`)).toEqual(['POST /repos/acme/infra/statuses/SHA']);
  });
});

describe.concurrent('10. answers that disagree are errors, never the default rules', () => {
  it('404 for the config and for .github while the root lists .github', async () => {
    const gh = await fakeGitHub((s) => {
      mainConfig(s, 'rules:\n  - name: two-people\n    approvals: 2\n    match: { types: [aws_db_instance] }\n');
      review(s, 'ops-bob');
    });
    gh.faults.push({ method: 'GET', path: /\/contents\/\.github(\/plangate\.yml)?$/, status: 404, times: 1000 });
    const run = await runAction(gh);
    expectNoSuccess(run, gh.state);
    expect(run.decision).toBe('error');
    expect(run.errors.join('\n')).toMatch(/GitHub answered 404 for \.github at main \([0-9a-f]{7}\) although its parent lists it/);
  });
});

describe.concurrent('11. one review GitHub cannot read spoils nothing else', () => {
  it('a review without a commit (garbage-collected) does not count; another qualifying approval still does', async () => {
    const gh = await fakeGitHub((s) => {
      const broken = review(s, 'sec-carol', { minutes: 10 });
      (broken as { commit_id: string | null }).commit_id = null;
      review(s, 'ops-bob', { minutes: 20 });
    });
    const run = await runAction(gh);
    expect(run.decision, describeRun(run)).toBe('approved');
    expect(commentText(gh.state)).toMatch(/a review \(id \d+\) by @sec-carol does not count/);
  });

  it("a later unreadable review by the approver voids that approval: it may be a change request", async () => {
    const gh = await fakeGitHub((s) => {
      review(s, 'ops-bob', { minutes: 20 });
      const later = review(s, 'ops-bob', { minutes: 25, state: 'CHANGES_REQUESTED' });
      (later as { commit_id: string | null }).commit_id = null;
    });
    const run = await runAction(gh);
    expectNoSuccess(run, gh.state);
    expect(commentText(gh.state)).toMatch(/approval by @ops-bob does not count: a later or undated review by ops-bob could not be read/);
  });
});
