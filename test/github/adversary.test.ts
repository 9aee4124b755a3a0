// Bypasses found by attacking the gate (a red-team session on issue 8), kept
// as regression tests, through the RepositoryApi seam (test/github/stub-api.ts).
// Each test sets up a way an agent with write access gets a destructive plan
// (fixtures/terraform/example-destroy.json) to a passing decision without a
// qualifying human's approval or label, and asserts the secure outcome: each
// failed while the bypass it describes was open. The last block drives
// OctokitRepositoryApi with a fake client, for answers that pass its shape checks
// (or GitHub behaviour it relies on) but read as something safer than they are.
import { describe, expect, it } from 'vitest';
import type { GitHubClient } from '../../src/github/client.js';
import { OctokitRepositoryApi } from '../../src/github/octokit-api.js';
import { expectNotGreen, gate } from './run-gate.js';
import { ALICE, approve, AT, BASE, BOB, CAROL, HEAD, label, type StubState } from './stub-api.js';





describe('adversary: the override label', () => {
  it('a label a qualifying human added for another purpose, renamed by the agent to the override name, is not an override', async () => {
    // Carol labels the PR "do-not-merge" (or "ready-for-review", anything) after the head arrived.
    // The agent (write access may edit repository labels) deletes or renames any existing
    // "plangate-override" label, renames Carol's label to "plangate-override" and edits the PR
    // title to get an `edited` run (a rename triggers nothing). The label keeps its node id through
    // the rename, so its whole history is Carol's labeled event, and GraphQL reports the label's
    // current name on it. decide.ts overrideBy trusts the id alone.
    const run = await gate((s) => {
      label(s, CAROL, 30, { name: 'ready-for-review', id: 'LA_ready' });
      s.pull.labels = [{ id: 'LA_ready', name: 'plangate-override' }];
      for (const event of s.labelTimeline) event.labelName = 'plangate-override';
    });
    expectNotGreen(run);
  });

  it('a removal and re-add the REST events list but a late GraphQL timeline does not is not read as the human\'s label', async () => {
    // Carol adds the override at 30 and takes it back at 35; the agent puts it back at 36. The
    // GraphQL timeline (late, totalCount consistent with what it lists) still shows only Carol's
    // event; REST lists all three. withApps only looks up REST twins of GraphQL events, never the
    // other way, so the REST-only unlabeled/labeled pair is ignored and Carol "last added" it.
    const run = await gate((s) => {
      label(s, CAROL, 30);
      s.issueEvents.push({ nodeId: 'LE_2', event: 'unlabeled', actor: CAROL, createdAt: AT(35), viaApp: false });
      s.issueEvents.push({ nodeId: 'LE_3', event: 'labeled', actor: ALICE, createdAt: AT(36), viaApp: false });
    });
    expectNotGreen(run);
  });
});

describe('adversary: approvals', () => {
  it('an approval given while the pull request targeted another base does not survive a retarget (the label does not either)', async () => {
    // The agent opens the PR into agent-base (a branch it created from main plus a workflow
    // change), so the diff Bob reviews and approves does not show the workflow. It then retargets
    // to main: the workflow change is now in the diff and the plan is for main, yet Bob's approval
    // on the unchanged head still counts. GitHub itself dismisses approvals on a base change
    // ("The base branch was changed"), and plangate resets the override label on base_ref_changed.
    const run = await gate((s) => {
      approve(s, BOB, 20);
      s.timeline.push({ id: 'BRC_1', event: 'base_ref_changed', actor: ALICE, createdAt: AT(25) });
      s.files.push({ filename: '.github/workflows/plangate.yml', status: 'modified' });
      s.pull.changedFiles = 2;
    });
    expectNotGreen(run);
  });

  it('an approval given before GitHub retargeted the pull request itself (its base merged and deleted) does not count either (red team 4)', async () => {
    // A stacked pull request into agent-base is retargeted to main by GitHub when agent-base is
    // merged and deleted: the timeline says automatic_base_change_succeeded, never base_ref_changed.
    const run = await gate((s) => {
      approve(s, BOB, 20);
      s.timeline.push({ id: 'ABCSE_1', event: 'automatic_base_change_succeeded', actor: ALICE, createdAt: AT(25) });
    });
    expectNotGreen(run);
    expect(run.result.outcome.ignored.join('\n')).toMatch(/approval by @ops-bob does not count: it was given before the pull request was retargeted/);
  });

  it('a later change request with a time in another offset does not sort before the approval it withdraws', async () => {
    // localeCompare on the raw strings: 09:10-00:30 is 09:40Z, after the approval at 09:20Z.
    // Answer.time accepts any ISO 8601 time Date.parse reads, so the shape check lets it through.
    const run = await gate((s) => {
      s.reviews.push({ id: 100, reviewer: BOB, state: 'APPROVED', commitId: HEAD, submittedAt: '2026-11-24T09:20:00Z' });
      s.reviews.push({ id: 101, reviewer: BOB, state: 'CHANGES_REQUESTED', commitId: HEAD, submittedAt: '2026-11-24T09:10:00-00:30' });
    });
    expectNotGreen(run);
  });

  it('a later change request with fractional seconds does not sort before the approval it withdraws', async () => {
    const run = await gate((s) => {
      s.reviews.push({ id: 100, reviewer: BOB, state: 'APPROVED', commitId: HEAD, submittedAt: '2026-11-24T09:20:00Z' });
      s.reviews.push({ id: 101, reviewer: BOB, state: 'CHANGES_REQUESTED', commitId: HEAD, submittedAt: '2026-11-24T09:20:00.500Z' });
    });
    expectNotGreen(run);
  });

  it('an unreadable later review whose reviewer cannot be read may be the approver\'s own change request: it voids the approval', async () => {
    // OctokitRepositoryApi.reviews sets the reviewer to null when user is malformed (no type, an
    // empty login), so voidedBy matches it to nobody and Bob's earlier approval stands.
    const run = await gate((s) => {
      approve(s, BOB, 20);
      s.unreadable.push({ id: 101, reviewer: null, submittedAt: AT(40), problem: "GitHub's answer is malformed: [1].user.type should be a non-empty string" });
    });
    expectNotGreen(run);
  });
});

describe('adversary: authoring identity', () => {
  it('a commit AUTHORED as GitHub <noreply@github.com> is an unlinked author, not GitHub\'s web-flow committer', async () => {
    // Bob writes the destructive commit with author email noreply@github.com (git accepts any
    // email; GitHub links it to no account), then approves. KNOWN_AGENT_EMAILS exempts the address
    // in every role, so the unlinked-author check (threat 6) never fires and Bob's approval counts.
    const run = await gate((s) => {
      s.pull.author = ALICE;
      s.people = [
        { sha: HEAD, role: 'author', name: 'Ops Bob', email: 'noreply@github.com' },
        { sha: HEAD, role: 'committer', name: 'Ops Bob', email: 'noreply@github.com' },
      ];
      approve(s, BOB, 20);
    });
    expectNotGreen(run);
  });
});

describe('adversary: the plan', () => {
  it('a plan file that is part of the pull request\'s own tree is not the plan job\'s output', async () => {
    // README set-up: checkout, terraform init/plan, `terraform show -json tfplan > plan.json`, then
    // plangate with `if: ${{ !cancelled() }}` and `plans: plan.json`. The agent commits a harmless
    // plan at the plans path and makes `terraform plan` (or init) fail in the PR job only (e.g. a
    // data source that fails under the plan job's read-only role). `terraform show` is skipped,
    // plangate reads the committed file, and the real plan (example-destroy.json) is never seen.
    // Here the committed file is a safe plan at a path the PR adds.
    const committed = 'fixtures/terraform/safe-update.json';
    const run = await gate(
      (s) => {
        s.files = [
          { filename: 'main.tf', status: 'modified' },
          { filename: committed, status: 'added' },
        ];
        s.contents[BASE] = { ...s.contents[BASE], 'main.tf': 'resource "aws_db_instance" "main" {}\n' };
        s.pull.changedFiles = 2;
        s.contents[HEAD] = { ...s.contents[HEAD], 'main.tf': 'resource "aws_db_instance" "main" {}\n', [committed]: '{"format_version":"1.2","resource_changes":[]}' };
      },
      { plans: [committed] },
    );
    expectNotGreen(run);
  });

  it('a committed plan the pull request does not change is found in the tree: by the root listing, and by a read where the listing is cut', async () => {
    // The plan sits at the head from an earlier commit: only the head's tree tells.
    const committed = 'fixtures/terraform/safe-update.json';
    const inTree = (s: StubState) => {
      s.contents[HEAD] = { ...s.contents[HEAD], [committed]: '{"format_version":"1.2","resource_changes":[]}' };
    };
    const listed = await gate(inTree, { plans: [committed] });
    expectNotGreen(listed);
    expect(listed.api.calls).toContain(`entriesAt("fixtures/terraform", ${JSON.stringify(HEAD)})`);
    // 1,000 root entries may be a cut listing: plangate reads the candidate paths instead.
    const full = Array.from({ length: 1000 }, (_, i) => ({ path: `file-${i}`, type: 'file' as const }));
    const cut = await gate(
      (s) => {
        inTree(s);
        s.listings[HEAD] = { '': full };
      },
      { plans: [committed] },
    );
    expectNotGreen(cut);
    expect(cut.api.calls).toContain(`fileAt(${JSON.stringify(committed)}, ${JSON.stringify(HEAD)})`);
  });
});

describe('adversary: answers that slip past the shape checks (OctokitRepositoryApi)', () => {
  /** A client that answers every REST list with `page` and every request with `data`. */
  const client = (page: unknown[], data: unknown = {}): GitHubClient =>
    ({
      request: () => Promise.resolve({ data, status: 200 }),
      paginate: {
        iterator: () => [{ data: page, status: 200 }][Symbol.iterator](),
      },
      graphql: () => Promise.resolve({}),
    }) as unknown as GitHubClient;

  it('a labeled event without performed_via_github_app (a field GitHub documents as required) is malformed, never "not through an app"', async () => {
    // An agent's GitHub App acting with a user-to-server token labels as Carol; the REST event
    // names Carol as actor, and only performed_via_github_app tells it came through the app.
    // Missing, it reads as false and the label counts as Carol's own.
    const event = { id: 1, node_id: 'LE_1', url: 'u', event: 'labeled', actor: { login: 'sec-carol', id: 3, type: 'User' }, commit_id: null, commit_url: null, created_at: AT(30), label: { name: 'plangate-override', color: 'ff0000' } };
    const api = new OctokitRepositoryApi(client([event]), 'acme', 'infra');
    const read = await api.issueEvents(7).then(
      (events) => events[0]?.viaApp,
      () => 'refused',
    );
    expect(read).not.toBe(false);
  });

  it('sibling pull requests are found even when their shared head is a commit of the default branch', async () => {
    // GET /commits/{sha}/pulls: "Lists the merged pull request that introduced the commit to the
    // repository. If the commit is not present in the default branch, it will return merged and
    // open pull requests..." (GitHub's OpenAPI description). A head that is a commit of main (a
    // promotion PR from main's history into release/a, another into release/b, both protected
    // bases) gets only the merged PR back, so PR #7's success on that SHA also passes PR #8.
    const sha = 'd'.repeat(40);
    const merged = { number: 3, state: 'closed', merged_at: AT(-100), head: { sha: 'e'.repeat(40) } };
    const open = (number: number, base: string) => ({ number, state: 'open', head: { sha, ref: `promote-${number}` }, base: { ref: base } });
    const routes: Record<string, unknown[]> = {
      'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls': [merged],
      'GET /repos/{owner}/{repo}/pulls': [open(7, 'release/a'), open(8, 'release/b')],
    };
    const github = {
      request: () => Promise.reject(new Error('not used')),
      paginate: { iterator: (route: string) => [{ data: routes[route] ?? [], status: 200 }][Symbol.iterator]() },
      graphql: () => Promise.reject(new Error('not used')),
    } as unknown as GitHubClient;
    const api = new OctokitRepositoryApi(github, 'acme', 'infra');
    expect(await api.openPullsWithHead(sha)).toEqual([
      { number: 7, baseRef: 'release/a' },
      { number: 8, baseRef: 'release/b' },
    ]);
  });

  it('a renamed file without previous_filename is malformed: the gate file it was renamed from would go unseen', async () => {
    // GraphQL names no file a rename was made from, so a rename is read again from REST.
    const files = { totalCount: 1, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [{ path: 'ci/deploy.yml', changeType: 'RENAMED' }] };
    const github = { ...client([{ filename: 'ci/deploy.yml', status: 'renamed' }]), graphql: () => Promise.resolve({ repository: { pullRequest: { number: 7, headRefOid: HEAD, files } } }) } as unknown as GitHubClient;
    await expect(new OctokitRepositoryApi(github, 'acme', 'infra').changedFiles(7)).rejects.toThrow(/malformed: \[0\]\.previous_filename/);
  });

  it.each([
    ['names no commit', 'https://api.github.com/repos/acme/infra/contents/ci/deploy.yml'],
    ['is not a URL', 'ci/deploy.yml'],
    // The path GitHub did not encode cannot stand in for the ref it appends.
    ['names the head only inside the path', `https://api.github.com/repos/acme/infra/contents/ci/x?ref=${HEAD}&y?ref=${'f'.repeat(40)}`],
  ])("REST's renamed file whose contents_url %s is refused: the list may be of another head (red team 4)", async (_, url) => {
    const files = { totalCount: 1, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [{ path: 'ci/deploy.yml', changeType: 'RENAMED' }] };
    const rest = [{ filename: 'ci/deploy.yml', status: 'renamed', previous_filename: 'ci/old.yml', contents_url: url }];
    const github = { ...client(rest), graphql: () => Promise.resolve({ repository: { pullRequest: { number: 7, headRefOid: HEAD, files } } }) } as unknown as GitHubClient;
    await expect(new OctokitRepositoryApi(github, 'acme', 'infra').changedFiles(7)).rejects.toThrow(/contents_url ref should be a 40-hex commit SHA|not at its head/);
  });
});
