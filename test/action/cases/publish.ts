// What plangate leaves on GitHub and how it treats the run it is in (issue 5,
// points 6 and 7), end to end: the sticky comment, the commit status, API
// faults, fork tokens, the config on the default branch, re-runs, sibling pull
// requests and look-alike statuses. Threats 1, 2, 8, 12, 13, 15.
import { describe, expect, it } from 'vitest';
import {
  BASE_SHA,
  fakeSha,
  graphqlRateLimitFault,
  makeCommit,
  primaryRateLimitFault,
  READ_ONLY_TOKEN_PERMISSIONS,
  secondaryRateLimitFault,
  serverErrorFault,
  timeAt,
  tooManyRequestsFault,
  type Fault,
  type FakeComment,
  type GitHubState,
} from '../../github-server/server.js';
import {
  addLabel,
  mainConfig,
  commentText,
  describeRun,
  fakeGitHub,
  gateComments,
  latestStatus,
  made,
  plain,
  pr,
  push,
  review,
  runAction,
  SAFE_PLAN,
  statuses,
  type ActionRun,
} from '../harness.js';

const head = (state: GitHubState, number = 7) => pr(state, number).head.sha;

describe.concurrent('the sticky comment (threat 13)', () => {
  it('is found by its marker on page 2 of more than 100 comments and edited, never duplicated; a quoted marker is not plangate\'s', async () => {
    const others: FakeComment[] = Array.from({ length: 130 }, (_, i) => ({ id: 2000 + i, user: 'ops-bob', body: `comment ${i + 1}`, created_at: timeAt(i % 50) }));
    // A person quoting plangate's marker: not plangate's comment, never edited.
    others[3] = { id: 2003, user: 'dev-alice', body: '> <!-- plangate:plangate -->\n> quoting the bot', created_at: timeAt(3) };
    const ours: FakeComment = { id: 2130, user: 'github-actions[bot]', body: '<!-- plangate:plangate -->\nan earlier decision', created_at: timeAt(60) };
    const gh = await fakeGitHub((s) => {
      pr(s).comments = [...others, ours];
    });
    const run = await runAction(gh);
    expect(run.decision, describeRun(run)).toBe('blocked');
    expect(made(run, 'GET', /\/issues\/7\/comments$/).map((r) => r.query.page ?? '1')).toEqual(['1', '2']);
    expect(made(run, 'POST', /\/issues\/7\/comments$/)).toHaveLength(0);
    expect(made(run, 'PATCH', /\/issues\/comments\/2130$/)).toHaveLength(1);
    expect(pr(gh.state).comments).toHaveLength(131);
    expect(plain(pr(gh.state).comments.find((c) => c.id === 2130)?.body)).toMatch(/plangate: blocked/);
    expect(pr(gh.state).comments.find((c) => c.id === 2003)?.body).toBe('> <!-- plangate:plangate -->\n> quoting the bot');
  });

  it('two runs leave one comment, edited to the latest decision', async () => {
    const gh = await fakeGitHub();
    const blocked = await runAction(gh);
    expect(blocked.decision, describeRun(blocked)).toBe('blocked');
    review(gh.state, 'ops-bob');
    const approved = await runAction(gh, { event: 'pull_request_review' });
    expect(approved.decision, describeRun(approved)).toBe('approved');
    expect(gateComments(gh.state)).toHaveLength(1);
    expect(commentText(gh.state)).toContain('approved by @ops-bob');
    expect(made(approved, 'PATCH', /\/issues\/comments\/\d+$/)).toHaveLength(1);
  });

  it('comment: never posts and reads no comment; the status is still set', async () => {
    const gh = await fakeGitHub();
    const run = await runAction(gh, { inputs: { comment: 'never' } });
    expect(run.decision).toBe('blocked');
    expect(run.requests.filter((r) => /\/issues\/(\d+\/)?comments/.test(r.route))).toHaveLength(0);
    expect(pr(gh.state).comments).toHaveLength(0);
    expect(latestStatus(gh.state, head(gh.state))).toBe('failure');
  });

  it('comment: on-findings posts nothing on a pass; always does', async () => {
    const [quiet, always] = await Promise.all([fakeGitHub(), fakeGitHub()]);
    const [q, a] = await Promise.all([
      runAction(quiet, { inputs: { plans: SAFE_PLAN, comment: 'on-findings' } }),
      runAction(always, { inputs: { plans: SAFE_PLAN, comment: 'always' } }),
    ]);
    expect(q.decision, describeRun(q)).toBe('pass');
    expect(pr(quiet.state).comments).toHaveLength(0);
    expect(a.decision).toBe('pass');
    expect(commentText(always.state)).toContain('plangate: pass');
  });
});

describe.concurrent('every page of every list is read (threat 13)', () => {
  it('reviews, issue events, timeline, changed files and commits: what matters is on the last page', async () => {
    const [reviews, events, timeline, files, commits] = await Promise.all([
      fakeGitHub((s) => {
        for (let i = 0; i < 130; i++) review(s, 'outside-dave', { state: 'COMMENTED', minutes: 10 });
        review(s, 'ops-bob', { minutes: 20 });
      }),
      fakeGitHub((s) => {
        pr(s).events = Array.from({ length: 130 }, (_, i) => ({ id: 800 + i, event: 'mentioned', actor: 'dev-alice', created_at: timeAt(5) }));
        addLabel(s, 'sec-carol', { minutes: 30 });
      }),
      fakeGitHub((s) => {
        // 130 assignments of a person, then ops-bob assigns a bot (an agent): he asked for the change.
        pr(s).events = Array.from({ length: 131 }, (_, i) => ({ id: 800 + i, event: 'assigned', actor: i < 130 ? 'dev-alice' : 'ops-bob', created_at: timeAt(2), extra: { assignee: { login: i < 130 ? 'sec-carol' : 'dependabot[bot]' } } }));
        review(s, 'ops-bob', { minutes: 20 });
      }),
      fakeGitHub((s) => {
        pr(s).files = Array.from({ length: 130 }, (_, i) => ({ filename: `docs/page-${i}.md`, status: 'modified' as const }));
        pr(s).files.push({ filename: '.github/workflows/deploy.yml', status: 'modified' });
      }),
      fakeGitHub((s) => {
        // 101 commits: the last one, on the second GraphQL page, is ops-bob's.
        const pull = pr(s);
        const bob = s.users['ops-bob'];
        pull.commits = [
          ...Array.from({ length: 100 }, (_, i) => makeCommit({ sha: fakeSha(`page commit ${i}`), message: `Change ${i}`, by: s.users['dev-alice'], minutes: -100 + i })),
          makeCommit({ sha: pull.head.sha, message: 'The last one', by: bob, minutes: 0 }),
        ];
        review(s, 'ops-bob');
      }),
    ]);
    const [r, e, t, f, c] = await Promise.all([runAction(reviews), runAction(events), runAction(timeline), runAction(files, { inputs: { plans: SAFE_PLAN } }), runAction(commits)]);
    // The first page of each comes with the pull request; the next ones from the connection's own query.
    const pages = (run: ActionRun, field: string) => made(run, 'POST', /^\/graphql$/).filter((q) => q.graphql?.query.includes(`${field}(`)).map((q) => (q.graphql?.variables.after ? 'next' : 'first'));
    expect(r.decision, describeRun(r)).toBe('approved');
    expect(pages(r, 'reviews')).toEqual(['first', 'next']);
    expect(e.decision, describeRun(e)).toBe('overridden');
    expect(made(e, 'GET', /\/issues\/7\/events$/)).toHaveLength(2);
    expect(t.decision, describeRun(t)).toBe('blocked');
    expect(commentText(timeline.state)).toMatch(/ops-bob is part of the authoring identity \(who assigned dependabot\[bot\] to it\)/);
    expect(pages(t, 'timelineItems')).toEqual(['first', 'next']);
    expect(f.decision, describeRun(f)).toBe('blocked');
    expect(f.report?.findings?.[0]).toMatchObject({ address: '.github/workflows/deploy.yml' });
    expect(pages(f, 'files')).toEqual(['first', 'next']);
    expect(c.decision, describeRun(c)).toBe('blocked');
    expect(commentText(commits.state)).toMatch(/ops-bob is part of the authoring identity/);
    expect(made(c, 'POST', /^\/graphql$/).filter((q) => q.graphql?.query.includes('commits('))).toHaveLength(2);
  });
});

describe.concurrent('the commit status on the head SHA', () => {
  it('is success for pass and approved, failure for blocked and error, under the status-context input', async () => {
    const cases: Array<[string, (s: GitHubState) => void, Record<string, string>, string, string]> = [
      ['pass', () => undefined, { plans: SAFE_PLAN }, 'success', 'nothing protected is lost'],
      ['approved', (s) => review(s, 'ops-bob'), {}, 'success', '2 protected changes approved by ops-bob'],
      ['blocked', () => undefined, {}, 'failure', '2 protected changes: needs approval by someone who did not author it'],
      ['error', () => undefined, { plans: 'fixtures/bad/truncated.json' }, 'failure', 'invalid JSON'],
    ];
    await Promise.all(
      cases.map(async ([decision, edit, inputs, state, description]) => {
        const gh = await fakeGitHub(edit);
        const run = await runAction(gh, { inputs: { ...inputs, 'status-context': 'infra/plangate' } });
        expect(run.decision, describeRun(run)).toBe(decision);
        expect(run.exitCode).toBe(state === 'success' ? 0 : 1);
        // Newest first: the decision, then the pending mark posted before anything was read.
        const posted = statuses(gh.state, head(gh.state), 'infra/plangate');
        expect(posted.map((p) => p.state)).toEqual([state, 'pending']);
        // The run's URL, and which gate it is (workflow, job, plans) so another gate under this context is seen.
        expect(posted[0]).toMatchObject({ state, creator: 'github-actions[bot]' });
        expect(posted[0]?.target_url).toMatch(/^https:\/\/github\.com\/acme\/infra\/actions\/runs\/4242#plangate-[0-9a-f]{12}$/);
        expect(posted[0]?.description).toContain(description);
        expect(statuses(gh.state, head(gh.state), 'plangate')).toHaveLength(0);
        if (decision !== 'pass') expect(gateComments(gh.state, 7, 'infra/plangate')).toHaveLength(1);
      }),
    );
  });

  it('a review run after a blocked run turns the same status green; a dismissal turns it red again (threat 8)', async () => {
    const gh = await fakeGitHub();
    expect((await runAction(gh)).decision).toBe('blocked');
    expect(latestStatus(gh.state, head(gh.state))).toBe('failure');
    const approval = review(gh.state, 'ops-bob');
    const approved = await runAction(gh, { event: 'pull_request_review', action: 'submitted', review: approval });
    expect(approved.decision, describeRun(approved)).toBe('approved');
    expect(latestStatus(gh.state, head(gh.state))).toBe('success');
    approval.state = 'DISMISSED';
    const dismissed = await runAction(gh, { event: 'pull_request_review', action: 'dismissed', review: approval });
    expect(dismissed.decision, describeRun(dismissed)).toBe('blocked');
    expect(latestStatus(gh.state, head(gh.state))).toBe('failure');
    expect(statuses(gh.state, head(gh.state)).map((s) => s.state)).toEqual(['failure', 'pending', 'success', 'pending', 'failure', 'pending']);
  });

  it('an error overwrites an earlier success on the SHA (threat 12)', async () => {
    const gh = await fakeGitHub((s) => review(s, 'ops-bob'));
    expect((await runAction(gh)).decision).toBe('approved');
    expect(latestStatus(gh.state, head(gh.state))).toBe('success');
    gh.faults.push(serverErrorFault('/repos/acme/infra/activity', { times: 50 }));
    const failed = await runAction(gh);
    expect(failed.decision, describeRun(failed)).toBe('error');
    expect(failed.exitCode).toBe(1);
    expect(latestStatus(gh.state, head(gh.state))).toBe('failure');
    expect(failed.errors.join('\n')).toMatch(/activity answered 500.*GitHub failed after retries/);
  });

  it('a look-alike "plangate" success posted by someone else is called out (threat 2)', async () => {
    const gh = await fakeGitHub((s) => {
      s.statuses[head(s)] = [{ id: 60, state: 'success', context: 'plangate', description: 'all good', created_at: timeAt(5), creator: 'ops-bob' }];
    });
    const run = await runAction(gh);
    expect(run.decision).toBe('blocked');
    expect(commentText(gh.state)).toMatch(/a "plangate" success status on [0-9a-f]{7} was posted by ops-bob, not by plangate/);
    expect(run.warnings.join('\n')).toContain('was posted by ops-bob, not by plangate');
    expect(latestStatus(gh.state, head(gh.state))).toBe('failure');
  });
});

describe.concurrent('API faults: retried, then an error — never a default that passes (threat 12)', () => {
  const transient: Array<[string, Fault]> = [
    ['500 twice on the pull request (GraphQL)', serverErrorFault('/graphql', { times: 2 })],
    ['502 (an HTML page) on the pull request (GraphQL)', serverErrorFault('/graphql', { status: 502 })],
    ['403 secondary rate limit on the branch activity', secondaryRateLimitFault('/repos/acme/infra/activity')],
    ['primary rate limit on the permission', primaryRateLimitFault('/repos/acme/infra/collaborators/ops-bob/permission')],
    ['429 on the status', tooManyRequestsFault(/\/statuses\/[0-9a-f]{40}$/, { method: 'POST' })],
    ['the GraphQL rate limit', graphqlRateLimitFault()],
    ['a dropped connection on the comments', { method: 'GET', path: '/repos/acme/infra/issues/7/comments', status: 0, reset: true }],
  ];
  it.each(transient)('%s: retried, and the run decides as without it', async (_, fault) => {
    const gh = await fakeGitHub((s) => review(s, 'ops-bob'));
    gh.faults.push(fault);
    const run = await runAction(gh);
    expect(run.decision, describeRun(run)).toBe('approved');
    expect(gh.faults).toHaveLength(0);
    expect(latestStatus(gh.state, head(gh.state))).toBe('success');
  });

  it.each([
    ['500', serverErrorFault('/graphql', { times: 50 }), /GraphQL \(pull request #7\) failed/],
    ['403 secondary rate limit', secondaryRateLimitFault('/repos/acme/infra/activity', { times: 50 }), /answered 403.*rate limit/],
    ['429', tooManyRequestsFault('/repos/acme/infra/activity', { times: 50 }), /answered 429/],
    ['primary rate limit', primaryRateLimitFault('/repos/acme/infra/collaborators/ops-bob/permission', { times: 50 }), /answered 403.*rate limit/],
  ])('%s that persists: an error, and a failure status', async (_, fault, message) => {
    const gh = await fakeGitHub((s) => review(s, 'ops-bob'));
    gh.faults.push(fault);
    const run = await runAction(gh);
    expect(run.decision, describeRun(run)).toBe('error');
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toMatch(message);
    expect(latestStatus(gh.state, head(gh.state))).toBe('failure');
  });
});

describe.concurrent("a fork's read-only token", () => {
  const fork = (s: GitHubState) => {
    s.tokenPermissions = { ...READ_ONLY_TOKEN_PERMISSIONS };
    pr(s).head.repoFullName = 'dev-alice/infra';
  };

  it('blocked: the job still fails, the job summary carries the report, and no status is set', async () => {
    const gh = await fakeGitHub(fork);
    const run = await runAction(gh);
    expect(run.decision, describeRun(run)).toBe('blocked');
    expect(run.exitCode).toBe(1);
    expect(plain(run.summary)).toMatch(/plangate: blocked/);
    expect(plain(run.summary)).toContain('aws_db_instance.production');
    expect(run.errors.join('\n')).toMatch(/statuses: write.*read-only token/);
    expect(gh.state.statuses[head(gh.state)] ?? []).toHaveLength(0);
  });

  it('approved: it cannot record a success, so the run is an error, never green', async () => {
    const gh = await fakeGitHub((s) => {
      fork(s);
      review(s, 'ops-bob');
    });
    const run = await runAction(gh);
    expect(run.decision, describeRun(run)).toBe('error');
    expect(run.exitCode).toBe(1);
    expect(gh.state.statuses[head(gh.state)] ?? []).toHaveLength(0);
    expect(plain(run.summary)).toContain('plangate could not decide');
  });
});

const STRICT = `rules:
  - name: two-person-databases
    severity: critical
    approvals: 2
    match: { types: [aws_db_instance] }
`;
const LOOSE = `ignore: ["*"]
override-label: anything-goes
`;

describe.concurrent('the config comes from the default branch; changing the gate is a finding (threat 1)', () => {
  it("a PR that loosens .github/plangate.yml is judged by the default branch's config, and the change needs approval", async () => {
    const gh = await fakeGitHub((s) => {
      mainConfig(s, STRICT);
      const pull = pr(s);
      s.contents[pull.head.sha] = { ...s.contents[pull.head.sha], '.github/plangate.yml': LOOSE };
      pull.files.push({ filename: '.github/plangate.yml', status: 'modified', additions: 2, deletions: 5 });
      review(s, 'ops-bob');
    });
    const run = await runAction(gh);
    expect(run.decision, describeRun(run)).toBe('blocked');
    expect(run.outputs.findings).toBe('3');
    expect(run.report?.findings?.map((f) => [f.address, f.rule])).toEqual(
      expect.arrayContaining([
        ['aws_db_instance.production', 'two-person-databases'],
        ['.github/plangate.yml', 'gate-files-changed'],
      ]),
    );
    expect(commentText(gh.state)).toMatch(/1 more approval \(1 of 2\)/);
    const configReads = made(run, 'GET', /\/contents\/\.github\/plangate\.yml$/);
    expect(configReads.map((r) => r.query.ref)).toEqual([BASE_SHA]);
  });

  it.each(['.github/workflows/deploy.yml', 'CODEOWNERS', '.github/CODEOWNERS'])('a PR that changes %s needs approval even when the plan loses nothing', async (file) => {
    const gh = await fakeGitHub((s) => pr(s).files.push({ filename: file, status: 'modified' }));
    const run = await runAction(gh, { inputs: { plans: SAFE_PLAN } });
    expect(run.decision, describeRun(run)).toBe('blocked');
    expect(run.outputs.findings).toBe('1');
    expect(run.report?.findings?.[0]).toMatchObject({ address: file, rule: 'gate-files-changed' });
    expect(latestStatus(gh.state, head(gh.state))).toBe('failure');
  });

  it('a workflow moved out of .github/workflows is a gate change too, and a qualifying approval clears it', async () => {
    const gh = await fakeGitHub((s) => {
      pr(s).files.push({ filename: 'ci/deploy.yml', previous_filename: '.github/workflows/deploy.yml', status: 'renamed' });
      review(s, 'sec-carol');
    });
    const run = await runAction(gh, { inputs: { plans: SAFE_PLAN } });
    expect(run.decision, describeRun(run)).toBe('approved');
    expect(run.report?.findings?.[0]).toMatchObject({ address: '.github/workflows/deploy.yml', rule: 'gate-files-changed' });
  });
});

describe.concurrent('re-runs and sibling pull requests (threats 8 and 15)', () => {
  it('a re-run of an old run (its head is no longer the PR head) is an error and never turns the new head green', async () => {
    const gh = await fakeGitHub((s) => review(s, 'ops-bob'));
    const oldHead = head(gh.state);
    const newHead = push(gh.state, { minutes: 40 });
    const rerun = await runAction(gh, { headSha: oldHead, env: { GITHUB_RUN_ATTEMPT: '2' } });
    expect(rerun.decision, describeRun(rerun)).toBe('error');
    expect(rerun.exitCode).toBe(1);
    expect(rerun.errors.join('\n')).toMatch(/a re-run of an old run never does/);
    expect(gh.state.statuses[newHead] ?? []).toHaveLength(0);
    expect(latestStatus(gh.state, oldHead)).toBe('failure');
  });

  it('a decision for a new head takes the success off the head it replaces, so a force-push back to it merges nothing unseen (threat 70)', async () => {
    const gh = await fakeGitHub((s) => review(s, 'ops-bob'));
    const oldHead = head(gh.state);
    const first = await runAction(gh);
    expect(first.decision, describeRun(first)).toBe('approved');
    expect(latestStatus(gh.state, oldHead)).toBe('success');
    const newHead = push(gh.state, { minutes: 40 });
    const second = await runAction(gh);
    expect(second.decision, describeRun(second)).toBe('blocked');
    // Back to the old head (a force-push): GitHub would show its old success until the gate ran again.
    expect(latestStatus(gh.state, oldHead)).toBe('failure');
    expect(latestStatus(gh.state, newHead)).toBe('failure');
  });

  it('an approval on PR #8 does not count for PR #7 with the same head SHA', async () => {
    const gh = await fakeGitHub((s) => {
      const seven = pr(s);
      s.pulls[8] = { ...structuredClone(seven), number: 8, title: 'Same branch, other base', base: { sha: BASE_SHA, ref: 'release' }, comments: [], reviews: [] };
      review(s, 'ops-bob', { number: 8 });
    });
    const run = await runAction(gh, { number: 7 });
    expect(run.decision, describeRun(run)).toBe('blocked');
    expect(run.requests.filter((r) => r.graphql && r.graphql.variables.number !== 7)).toHaveLength(0);
  });

  it('PR #8 passing never turns the head SHA it shares with a blocked PR #7 green, in either order', async () => {
    const siblings = (s: GitHubState) => {
      s.pulls[8] = { ...structuredClone(pr(s)), number: 8, title: 'Same branch, other base', base: { sha: BASE_SHA, ref: 'release' }, comments: [], reviews: [] };
      review(s, 'ops-bob', { number: 8 });
    };
    await Promise.all(
      [
        [7, 8],
        [8, 7],
      ].map(async (order) => {
        const gh = await fakeGitHub(siblings);
        const sha = head(gh.state);
        for (const number of order) {
          const run = await runAction(gh, { number });
          if (number === 7) expect(run.decision, describeRun(run)).toBe('blocked');
          else {
            expect(run.decision, describeRun(run)).toBe('error');
            expect(run.errors.join('\n')).toMatch(/pull request #7 has the same head commit [0-9a-f]{7}, and a commit status cannot tell them apart/);
          }
        }
        expect(latestStatus(gh.state, sha)).toBe('failure');
        expect(statuses(gh.state, sha).some((s) => s.state === 'success')).toBe(false);
      }),
    );
  });
});
