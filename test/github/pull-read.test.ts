// The pull request's one GraphQL read (src/github/pull-read.ts) through
// OctokitRepositoryApi against the local GitHub: the readers of the pull
// request's reviews, commits, files and timeline start from that read's first
// pages, and only for that pull request. End to end (counts, pages, malformed
// answers) in test/action/cases/budget.ts.
import { describe, expect, it } from 'vitest';
import { createFetchClient } from '../../src/github/fetch-client.js';
import { OctokitRepositoryApi } from '../../src/github/octokit-api.js';
import { BASE_SHA, newState, pullAnswerFault, type FakePull } from '../github-server/server.js';
import { fakePerTest } from './verify-fixtures.js';

const fake = fakePerTest();

async function api(edit: (pulls: Record<number, FakePull>) => void) {
  const state = newState();
  edit(state.pulls);
  const gh = await fake.start(state);
  return { gh, api: new OctokitRepositoryApi(createFetchClient({ token: state.token, baseUrl: gh.url, retryBaseMs: 1 }), 'acme', 'infra') };
}

describe("the pull request's one read", () => {
  it('answers the default branch, files, commits, reviews and timeline of that pull request without another call', async () => {
    const { gh, api: github } = await api(() => undefined);
    const pull = await github.pull(7);
    await Promise.all([github.defaultBranchHead(), github.changedFiles(7), github.commitPeople(7), github.reviews(7), github.timeline(7)]);
    expect(gh.requests).toHaveLength(1);
    expect(pull).toMatchObject({ number: 7, state: 'open', author: { login: 'dev-alice', type: 'User' } });
  });

  it("is never another pull request's: #8's reviews are read for #8, not taken from #7's read", async () => {
    const { gh, api: github } = await api((pulls) => {
      const seven = pulls[7] as FakePull;
      seven.reviews.push({ id: 901, user: 'ops-bob', state: 'APPROVED', commit_id: seven.head.sha, submitted_at: '2026-11-24T09:20:00Z' });
      pulls[8] = { ...structuredClone(seven), number: 8, base: { sha: BASE_SHA, ref: 'release' }, reviews: [], comments: [] };
    });
    await github.pull(7);
    expect((await github.reviews(8)).reviews).toEqual([]);
    expect((await github.reviews(7)).reviews.map((r) => r.reviewer.login)).toEqual(['ops-bob']);
    expect(gh.requests.map((r) => r.graphql?.variables.number)).toEqual([7, 8]);
  });

  it('a next page GitHub names by a cursor it gave before: an error at once, not a thousand reads of the same page', async () => {
    const { gh, api: github } = await api((pulls) => {
      const seven = pulls[7] as FakePull;
      for (let i = 0; i < 150; i++) seven.reviews.push({ id: 1000 + i, user: 'outside-dave', state: 'COMMENTED', commit_id: seven.head.sha, submitted_at: '2026-11-24T09:20:00Z' });
    });
    // Every later page answers as if it were the second: the same cursor, and more to come.
    gh.faults.push(pullAnswerFault('reviews(first: 100, after: $after', (pull) => void ((pull.reviews as { pageInfo: Record<string, unknown> }).pageInfo = { hasNextPage: true, endCursor: 'MTAw' }), { times: 1000 }));
    await github.pull(7);
    await expect(github.reviews(7)).rejects.toThrow(/GitHub gave the cursor "MTAw" for the next page of the reviews of pull request #7 twice, so the list may never end: run again/);
    expect(gh.requests.length).toBeLessThanOrEqual(3);
    gh.faults.length = 0;
  });

  it("a page of another pull request's: an error, never its reviews taken for this one's", async () => {
    const { gh, api: github } = await api((pulls) => {
      const seven = pulls[7] as FakePull;
      for (let i = 0; i < 150; i++) seven.reviews.push({ id: 1000 + i, user: 'outside-dave', state: 'COMMENTED', commit_id: seven.head.sha, submitted_at: '2026-11-24T09:20:00Z' });
    });
    gh.faults.push(pullAnswerFault('reviews(first: 100, after: $after', (pull) => void (pull.number = 8)));
    await github.pull(7);
    await expect(github.reviews(7)).rejects.toThrow(/pullRequest\.number should be 7, got 8/);
  });
});
