// Who may approve (issue 5, point 4), end to end: the bundled action against
// the fake GitHub, one pull request state per test. Threats 4, 5, 6, 7, 10, 11
// of ../shared/threats.md.
import { describe, expect, it } from 'vitest';
import { makeCommit, pullAnswerFault, type GitHubState } from '../../github-server/server.js';
import { addUser, mainConfig, commentText, describeRun, fakeGitHub, latestStatus, pr, push, review, runAction, type ActionRun } from '../harness.js';

/** Runs the action on the default PR #7 (dev-alice deletes a database and a bucket) after `edit`. */
async function decide(edit: (state: GitHubState) => void, inputs: Record<string, string> = {}): Promise<{ run: ActionRun; state: GitHubState }> {
  const gh = await fakeGitHub(edit);
  const run = await runAction(gh, { inputs });
  return { run, state: gh.state };
}

function expectApproved(run: ActionRun, state: GitHubState, by: string[]): void {
  expect(run.decision, describeRun(run)).toBe('approved');
  expect(run.exitCode).toBe(0);
  expect(latestStatus(state, pr(state).head.sha)).toBe('success');
  expect(commentText(state)).toContain(`approved by ${by.map((l) => `@${l}`).join(', ')}`);
}

/** Blocked: the step fails, the head carries a failure, and the comment says why `reason` did not count. */
function expectBlocked(run: ActionRun, state: GitHubState, reason?: RegExp): void {
  expect(run.decision, describeRun(run)).toBe('blocked');
  expect(run.exitCode).toBe(1);
  expect(latestStatus(state, pr(state).head.sha)).toBe('failure');
  if (reason) expect(commentText(state)).toMatch(reason);
}

function expectError(run: ActionRun, state: GitHubState, message: RegExp): void {
  expect(run.decision, describeRun(run)).toBe('error');
  expect(run.exitCode).toBe(1);
  expect(latestStatus(state, pr(state).head.sha)).toBe('failure');
  expect(run.errors.join('\n')).toMatch(message);
}

describe.concurrent('review state: the latest non-COMMENTED review on the current head (threat 7)', () => {
  it('an approval by a maintainer on the head approves; a later COMMENTED review does not withdraw it', async () => {
    const { run, state } = await decide((s) => {
      review(s, 'ops-bob', { minutes: 20 });
      review(s, 'ops-bob', { state: 'COMMENTED', minutes: 25 });
    });
    expectApproved(run, state, ['ops-bob']);
  });

  it('a later CHANGES_REQUESTED by the same person withdraws the approval', async () => {
    const { run, state } = await decide((s) => {
      review(s, 'ops-bob', { minutes: 20 });
      review(s, 'ops-bob', { state: 'CHANGES_REQUESTED', minutes: 25 });
    });
    expectBlocked(run, state);
  });

  it('a later DISMISSED review by the same person withdraws the approval', async () => {
    const { run, state } = await decide((s) => {
      review(s, 'ops-bob', { minutes: 20 });
      review(s, 'ops-bob', { state: 'DISMISSED', minutes: 25 });
    });
    expectBlocked(run, state);
  });

  it('an approval given on an earlier head does not count after a push', async () => {
    const { run, state } = await decide((s) => {
      const old = pr(s).head.sha;
      push(s, { minutes: 30 });
      review(s, 'ops-bob', { sha: old, minutes: 20 });
    });
    expectBlocked(run, state, /approval by @ops-bob does not count: it was given on [0-9a-f]{7}, not on the current head/);
  });
});

describe.concurrent('the reviewer must be a person (threat 4)', () => {
  it('github-actions[bot] never qualifies, even as a collaborator with write access', async () => {
    const { run, state } = await decide((s) => {
      s.collaborators['github-actions[bot]'] = 'write';
      review(s, 'github-actions[bot]');
    });
    expectBlocked(run, state, /approval by @github-actions\[bot\] does not count: github-actions\[bot\] is a Bot, not a person/);
  });

  it('a Bot whose login lacks [bot] and is no known agent never qualifies: the type decides', async () => {
    const { run, state } = await decide((s) => {
      addUser(s, { login: 'release-helper', id: 88001, type: 'Bot' }, 'admin');
      review(s, 'release-helper');
    });
    // GraphQL names a bot without `[bot]`; plangate spells it as REST does.
    expectBlocked(run, state, /release-helper(\[bot\])? is a Bot, not a person/);
  });

  it('a known coding agent never qualifies, even as a User account with write access', async () => {
    const { run, state } = await decide((s) => {
      addUser(s, { login: 'claude', id: 88002, type: 'User', email: 'claude@acme.test' }, 'write');
      review(s, 'claude');
    });
    expectBlocked(run, state, /claude is a coding agent/);
  });

  it('an account in the agent-identities input never qualifies', async () => {
    const { run, state } = await decide((s) => review(s, 'ops-bob'), { 'agent-identities': 'some-agent\nops-bob' });
    expectBlocked(run, state, /ops-bob is a coding agent/);
  });
});

describe.concurrent('the reviewer must not be part of the authoring identity (threat 5)', () => {
  it('the PR author cannot approve', async () => {
    const { run, state } = await decide((s) => review(s, 'dev-alice'));
    expectBlocked(run, state, /dev-alice is part of the authoring identity/);
  });

  it('the author of any commit cannot approve, linked by commit email', async () => {
    const { run, state } = await decide((s) => {
      pr(s).commits.unshift(makeCommit({ message: 'First part', by: { name: 'Ops Bob', email: 'bob@acme.test' }, minutes: -5 }));
      review(s, 'ops-bob');
    });
    expectBlocked(run, state, /ops-bob is part of the authoring identity/);
  });

  it('the committer of any commit cannot approve', async () => {
    const { run, state } = await decide((s) => {
      const commit = pr(s).commits[0];
      if (commit) {
        commit.committer = { name: 'Ops Bob', email: 'bob@acme.test', date: commit.author.date };
        commit.committerLogin = 'ops-bob';
      }
      review(s, 'ops-bob');
    });
    expectBlocked(run, state, /ops-bob is part of the authoring identity/);
  });

  it('a renamed author is still the author: identities compare by numeric id', async () => {
    const { run, state } = await decide((s) => {
      // The commit links to bob's account under its old login; GitHub keeps the id.
      addUser(s, { login: 'bob-old-login', id: 1002, type: 'User', email: 'bob.old@acme.test' });
      pr(s).commits.unshift(makeCommit({ message: 'Earlier', by: { name: 'Bob', email: 'bob.old@acme.test' }, minutes: -5 }));
      review(s, 'ops-bob');
    });
    expectBlocked(run, state, /ops-bob is part of the authoring identity/);
  });

  it('the person who asked Copilot (Co-authored-by on its commits) cannot approve; someone else can', async () => {
    const copilotPr = (s: GitHubState) => {
      addUser(s, { login: 'Copilot', id: 198982749, type: 'Bot' });
      const pull = pr(s);
      pull.user = 'Copilot';
      pull.assignees = ['ops-bob'];
      pull.commits = [
        makeCommit({
          sha: pull.head.sha,
          message: 'Remove the legacy bucket\n\nCo-authored-by: Ops Bob <bob@acme.test>',
          by: { name: 'copilot-swe-agent[bot]', email: '198982749+Copilot@users.noreply.github.com' },
          committer: { name: 'GitHub', email: 'noreply@github.com', date: '2024-05-01T12:00:00Z' },
        }),
      ];
    };
    const [requester, other] = await Promise.all([
      decide((s) => {
        copilotPr(s);
        review(s, 'ops-bob');
      }),
      decide((s) => {
        copilotPr(s);
        review(s, 'sec-carol');
      }),
    ]);
    expectBlocked(requester.run, requester.state, /ops-bob is part of the authoring identity/);
    expectApproved(other.run, other.state, ['sec-carol']);
  });

  it('a Co-authored-by noreply address GitHub links to no account still excludes that person (by login and id)', async () => {
    const { run, state } = await decide((s) => {
      const commit = pr(s).commits[0];
      if (commit) commit.coAuthors = [{ name: 'Bob', email: '1002+ops-bob@users.noreply.github.com', login: null }];
      review(s, 'ops-bob');
    });
    expectBlocked(run, state, /ops-bob is part of the authoring identity/);
  });
});

describe.concurrent('the reviewer needs write, maintain or admin by role_name (threat 10)', () => {
  it('maintain (legacy permission "write") and admin qualify', async () => {
    const [maintain, admin] = await Promise.all([decide((s) => review(s, 'ops-bob')), decide((s) => review(s, 'sec-carol'))]);
    expectApproved(maintain.run, maintain.state, ['ops-bob']);
    expectApproved(admin.run, admin.state, ['sec-carol']);
  });

  it('triage (legacy "read"), read and a non-collaborator do not; the comment names the role_name', async () => {
    const [triage, read, none] = await Promise.all([
      decide((s) => {
        s.collaborators['outside-dave'] = 'triage';
        review(s, 'outside-dave');
      }),
      decide((s) => {
        s.collaborators['outside-dave'] = 'read';
        review(s, 'outside-dave');
      }),
      decide((s) => review(s, 'outside-dave')),
    ]);
    expectBlocked(triage.run, triage.state, /outside-dave's role is triage, not write, maintain or admin/);
    expectBlocked(read.run, read.state, /outside-dave's role is read, not write/);
    expectBlocked(none.run, none.state, /outside-dave's role is none, not write/);
  });

  it('a custom role counts when it includes write, not when it extends triage', async () => {
    const [deployer, helper] = await Promise.all([
      decide((s) => {
        s.customRoles.deployer = 'write';
        s.collaborators['outside-dave'] = 'deployer';
        review(s, 'outside-dave');
      }),
      decide((s) => {
        s.customRoles['triage-plus'] = 'triage';
        s.collaborators['outside-dave'] = 'triage-plus';
        review(s, 'outside-dave');
      }),
    ]);
    expectApproved(deployer.run, deployer.state, ['outside-dave']);
    expectBlocked(helper.run, helper.state, /outside-dave's role is triage-plus/);
  });

  it('404 from the permission endpoint means "not a collaborator": blocked, not an error', async () => {
    const gh = await fakeGitHub((s) => review(s, 'ops-bob'));
    gh.faults.push({ method: 'GET', path: '/repos/acme/infra/collaborators/ops-bob/permission', status: 404, times: 10 });
    const run = await runAction(gh);
    expectBlocked(run, gh.state, /ops-bob is not a collaborator of the repository/);
  });

  it('a 5xx from the permission endpoint is an error, never a "no"', async () => {
    const gh = await fakeGitHub((s) => review(s, 'ops-bob'));
    gh.faults.push({ method: 'GET', path: '/repos/acme/infra/collaborators/ops-bob/permission', status: 503, times: 50, body: { message: 'Service Unavailable' } });
    const run = await runAction(gh);
    expectError(run, gh.state, /collaborators\/ops-bob\/permission answered 503/);
    // Retried before giving up.
    expect(run.requests.filter((r) => r.route.endsWith('/collaborators/ops-bob/permission')).length).toBeGreaterThan(1);
  });
});

const TEAM_CONFIG = `rules:
  - name: platform-databases
    reason: Production databases need the platform team.
    severity: critical
    approvers: { teams: [platform] }
    match: { types: [aws_db_instance] }
`;

const TWO_PERSON_CONFIG = `rules:
  - name: two-person-databases
    severity: critical
    approvals: 2
    match: { types: [aws_db_instance] }
`;

describe.concurrent('approvers and approvals from the config on the default branch (threat 11)', () => {
  it('team approvers: a writer outside the team does not satisfy the rule; a member does', async () => {
    const [outsider, member] = await Promise.all([
      decide((s) => {
        mainConfig(s, TEAM_CONFIG);
        addUser(s, { login: 'dev-erin', id: 1005, type: 'User', email: 'erin@acme.test' }, 'write');
        review(s, 'dev-erin');
      }),
      decide((s) => {
        mainConfig(s, TEAM_CONFIG);
        review(s, 'ops-bob');
      }),
    ]);
    expectBlocked(outsider.run, outsider.state, /1 more approval \(0 of 1\) from team platform, for aws_db_instance\.production/);
    expect(outsider.run.requests.some((r) => r.route === '/orgs/acme/teams/platform/memberships/dev-erin')).toBe(true);
    expectApproved(member.run, member.state, ['ops-bob']);
  });

  it('a token that cannot see the team (404) is an error that names the permission needed', async () => {
    const { run, state } = await decide((s) => {
      mainConfig(s, TEAM_CONFIG);
      (s.teams.platform as { visible: boolean }).visible = false;
      review(s, 'ops-bob');
    });
    expectError(run, state, /cannot read team acme\/platform.*(read:org|Members: read)/);
    expect(commentText(state)).toMatch(/read:org/);
  });

  it('approvals: 2 needs two distinct qualifying people', async () => {
    const [one, two] = await Promise.all([
      decide((s) => {
        mainConfig(s, TWO_PERSON_CONFIG);
        review(s, 'ops-bob');
        review(s, 'ops-bob', { minutes: 22 });
      }),
      decide((s) => {
        mainConfig(s, TWO_PERSON_CONFIG);
        review(s, 'ops-bob');
        review(s, 'sec-carol');
      }),
    ]);
    expectBlocked(one.run, one.state, /1 more approval \(1 of 2\) from anyone with write access who did not author the change, for aws_db_instance\.production/);
    expectApproved(two.run, two.state, ['ops-bob', 'sec-carol']);
  });
});

describe.concurrent('identities plangate cannot see fail closed (threat 6)', () => {
  it('a commit author no account is linked to makes the decision an error, approvals notwithstanding', async () => {
    const { run, state } = await decide((s) => {
      pr(s).commits.unshift(makeCommit({ message: 'From a laptop', by: { name: 'Mystery Dev', email: 'mystery@nowhere.test' }, minutes: -5 }));
      review(s, 'ops-bob');
    });
    expectError(run, state, /Mystery Dev <mystery@nowhere\.test>, an email linked to no GitHub account/);
  });

  it('more commits than the API lists makes the decision an error', async () => {
    const gh = await fakeGitHub((s) => review(s, 'ops-bob'));
    // GitHub says 251 commits and lists one.
    gh.faults.push(pullAnswerFault('commits(', (pull) => void ((pull.commits as { totalCount: number }).totalCount = 251), { times: 10 }));
    const run = await runAction(gh);
    expectError(run, gh.state, /has 251 commits but GitHub lists only 1/);
  });
});
