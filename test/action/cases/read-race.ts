// Red team 4: the pull request is read once, early (src/github/pull-read.ts),
// and everything after that first page, and the decision itself, comes
// later. The author controls push timing: each case moves the pull request
// while plangate reads it (a `happening` of the fake, right after a request
// is answered), then, where that helps the author, moves it back before the
// end. A control run without the move shows what the setup decides.
import { describe, expect, it } from 'vitest';
import { fakeSha, makeCommit, makeCommits, recordPush, timeAt, type FakeCommit, type FakeFile, type GitHubServer, type GitHubState, type Happening } from '../../github-server/server.js';
import { commentText, describeRun, fakeGitHub, issueEvent, latestStatus, pr, push, review, runAction, SAFE_PLAN, type ActionRun } from '../harness.js';

/** Right after GitHub answers a GraphQL document containing `text` (and, with `paged`, asking for a page after the first). */
function onQuery(text: string, then: (state: GitHubState) => void, paged = false): Happening {
  return {
    method: 'POST',
    path: '/graphql',
    bodyMatches: (body) => {
      const query = (body as { query?: unknown } | null)?.query;
      return typeof query === 'string' && query.includes(text) && query.includes('after: $after') === paged;
    },
    then,
  };
}

/** The one query that reads the pull request. */
const pullRead = (then: (state: GitHubState) => void) => onQuery('defaultBranchRef', then);

/** A force-push by the author that makes the branch `commits` (and the pull request's diff `files`). */
function forcePush(state: GitHubState, change: { commits: FakeCommit[]; files?: FakeFile[] }, minutes: number): void {
  const pull = pr(state);
  const head = (change.commits.at(-1) as FakeCommit).sha;
  state.contents[head] ??= { ...state.contents[pull.head.sha] };
  recordPush(state, { ref: pull.head.ref, before: pull.head.sha, after: head, at: timeAt(minutes), actor: pull.user, type: 'force_push' });
  issueEvent(state, 'head_ref_force_pushed', pull.user, minutes);
  pull.commits = change.commits;
  if (change.files) pull.files = change.files;
  pull.head.sha = head;
  state.branches[pull.head.ref] = head;
}

/** The same pull request twice: as it is (the control), and moved by `race` while plangate reads it. */
async function withAndWithout(setup: (state: GitHubState) => void, race: (gh: GitHubServer) => void, plans?: string): Promise<{ control: ActionRun; raced: ActionRun; gh: GitHubServer; head: string }> {
  const options = plans ? { inputs: { plans } } : {};
  const control = await runAction(await fakeGitHub(setup), options);
  const gh = await fakeGitHub(setup);
  const head = pr(gh.state).head.sha;
  race(gh);
  return { control, raced: await runAction(gh, options), gh, head };
}

/** The secure outcome: an error on the head the run was for, said in one line, and no success on it. */
function expectMoved(run: ActionRun, gh: GitHubServer, head: string, message: RegExp): void {
  expect(run.decision, describeRun(run)).toBe('error');
  expect(latestStatus(gh.state, head)).not.toBe('success');
  const said = run.errors.find((e) => message.test(e));
  expect(said, run.errors.join('\n')).toBeDefined();
  expect(said).not.toContain('\n');
}

describe.concurrent('red team 4: the pull request moves while plangate reads it', () => {
  it("commits past the first page are the read head's: a force-push between the pages, and back, cannot hide a commit by the approver", async () => {
    // 150 commits; ops-bob wrote the 121st, so his approval must not count.
    const original = (s: GitHubState) => {
      const commits = makeCommits(150, s.users['dev-alice'], pr(s).head.sha);
      commits[120] = makeCommit({ sha: fakeSha('ops-bob wrote this'), message: 'A fix by Bob', by: s.users['ops-bob'], minutes: 120 });
      return commits;
    };
    const { control, raced, gh, head } = await withAndWithout(
      (s) => {
        pr(s).commits = original(s);
        review(s, 'ops-bob');
      },
      (gh) => {
        const first = original(gh.state);
        // After the first page (commits 1-100 of the head), 200 commits by the author; after the second, the head again.
        gh.happenings.push(pullRead((s) => forcePush(s, { commits: makeCommits(200, s.users['dev-alice']) }, 60)));
        gh.happenings.push(onQuery('commits(first: 100', (s) => forcePush(s, { commits: first }, 61), true));
      },
    );
    expect(control.decision, describeRun(control)).toBe('blocked');
    expect(pr(gh.state).head.sha).toBe(head);
    expectMoved(raced, gh, head, /pull request #7 moved from [0-9a-f]{7} to [0-9a-f]{7} while plangate read its commits/);
  });

  it("changed files past the first page are the read head's: a gate file on page 2 cannot be swapped for another head's page", async () => {
    const files = (gate: boolean): FakeFile[] =>
      Array.from({ length: 150 }, (_, i) => ({ filename: gate && i === 120 ? '.github/workflows/deploy.yml' : `docs/page-${String(i).padStart(3, '0')}.md`, status: 'modified' as const }));
    const { control, raced, gh, head } = await withAndWithout(
      (s) => void (pr(s).files = files(true)),
      (gh) => {
        const commits = pr(gh.state).commits;
        gh.happenings.push(pullRead((s) => forcePush(s, { commits: [makeCommit({ sha: fakeSha('no gate file'), by: s.users['dev-alice'], minutes: 60 })], files: files(false) }, 60)));
        gh.happenings.push(onQuery('files(first: 100', (s) => forcePush(s, { commits, files: files(true) }, 61), true));
      },
      SAFE_PLAN,
    );
    expect(control.decision, describeRun(control)).toBe('blocked');
    expectMoved(raced, gh, head, /pull request #7 moved from [0-9a-f]{7} to [0-9a-f]{7} while plangate read its changed files/);
  });

  // At the head, docs/deploy.md was renamed from a workflow: a gate file, by its old name.
  const fromWorkflow: FakeFile[] = [{ filename: 'docs/deploy.md', status: 'renamed', previous_filename: '.github/workflows/deploy.yml' }];
  it.each<[string, FakeFile[], RegExp]>([
    ['renamed from another file', [{ filename: 'docs/deploy.md', status: 'renamed', previous_filename: 'docs/old.md' }], /GitHub's REST API lists the changed files of pull request #7 at [0-9a-f]{7}, not at its head [0-9a-f]{7}/],
    ['removed', [{ filename: 'docs/deploy.md', status: 'removed' }], /GitHub's REST and GraphQL APIs list different changed files of pull request #7/],
  ])("REST's changed files (read when one was renamed) are the read head's: another head's, where the file was %s, is refused", async (_, other, message) => {
    const { control, raced, gh, head } = await withAndWithout(
      (s) => void (pr(s).files = fromWorkflow),
      (gh) => {
        const commits = pr(gh.state).commits;
        gh.happenings.push(pullRead((s) => forcePush(s, { commits: [makeCommit({ sha: fakeSha('no workflow renamed'), by: s.users['dev-alice'], minutes: 60 })], files: other }, 60)));
        gh.happenings.push({ method: 'GET', path: '/repos/acme/infra/pulls/7/files', then: (s) => forcePush(s, { commits, files: fromWorkflow }, 61) });
      },
      SAFE_PLAN,
    );
    expect(control.decision, describeRun(control)).toBe('blocked');
    expectMoved(raced, gh, head, message);
  });

  it('a push after the read: no success is posted for the head the pull request has left', async () => {
    const { control, raced, gh, head } = await withAndWithout(
      (s) => review(s, 'ops-bob'),
      (gh) => gh.happenings.push(pullRead((s) => void push(s, { minutes: 60 }))),
    );
    expect(control.decision, describeRun(control)).toBe('approved');
    expect(pr(gh.state).head.sha).not.toBe(head);
    expectMoved(raced, gh, head, /pull request #7 is no longer open at [0-9a-f]{7} into main: it changed while plangate decided/);
    // The decision recorded for the pull request is left to the run for its new head.
    expect(commentText(gh.state)).not.toMatch(/approved/);
  });

  it('a retarget after the read: the approval of the old base is not posted as a success on the head', async () => {
    const { control, raced, gh, head } = await withAndWithout(
      (s) => review(s, 'ops-bob'),
      (gh) =>
        gh.happenings.push(
          pullRead((s) => {
            pr(s).base = { sha: s.branches.main as string, ref: 'release' };
            issueEvent(s, 'base_ref_changed', 'dev-alice', 60);
          }),
        ),
    );
    expect(control.decision, describeRun(control)).toBe('approved');
    expectMoved(raced, gh, head, /pull request #7 is no longer open at [0-9a-f]{7} into main: it changed while plangate decided/);
  });
});

describe.concurrent('red team 4: a retarget GitHub made itself', () => {
  it('an approval given before GitHub retargeted the pull request itself (its base merged and deleted) does not count', async () => {
    // A stacked pull request into agent-base: when agent-base is merged and deleted, GitHub moves
    // it to main and its timeline says automatic_base_change_succeeded, not base_ref_changed.
    const gh = await fakeGitHub((s) => {
      review(s, 'ops-bob', { minutes: 20 });
      issueEvent(s, 'automatic_base_change_succeeded', 'dev-alice', 25);
    });
    const run = await runAction(gh);
    expect(run.decision, describeRun(run)).toBe('blocked');
    expect(commentText(gh.state)).toMatch(/approval by @ops-bob does not count: it was given before the pull request was retargeted to its base at 2024-05-01T12:25:00Z/);
  });
});
