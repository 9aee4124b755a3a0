// The GitHub Action end to end (issue 5): the bundled dist/index.js run
// exactly as the Actions runner runs it — inputs as INPUT_* variables with
// their dashes, the event payload in a file at GITHUB_EVENT_PATH, outputs and
// the job summary as files — against a local fake of GitHub's REST and
// GraphQL APIs (test/github-server/server.ts) on 127.0.0.1, one fake per test.
// The harness is ./harness.ts; the cases are in ./cases/:
//
//   contract.ts  outputs, exit codes, report, annotations; bad inputs and payloads (threats 3, 16)
//   approval.ts  who may approve (threats 4, 5, 6, 7, 10, 11)
//   override.ts  the override label (threat 9)
//   publish.ts   comment, status, faults, forks, base config, re-runs, siblings (threats 1, 2, 8, 12, 13, 15)
//   faults.ts    a fault on every endpoint, every fault kind: a blocked PR is never green (threat 12)
//   bypass.ts    issue 8: each way around the gate an author could try (threats 17-22)
//   adversary.ts bypasses a second attack on the gate found, kept as regression tests
//   webhooks.ts  real payloads from @octokit/webhooks-examples, one run each
//   verify.ts    issue 10: the recorded decision, mode verify after merge, merge_group events
//   config.ts    issue 11: the config under either name, its errors and warnings, the sarif output
//   artifact.ts  issue 10: plans-from: artifact, and the gate on workflow_run (real payloads)
//   budget.ts    issue 12: the API calls of one decision, counted
//   many-plans.ts issue 12: 200 plans in one run, one comment within the limit
//   read-race.ts red team 4: the pull request moved while plangate reads it
//
// They run from this one file so that all of them run concurrently in one
// worker (maxConcurrency in vitest.config.ts): each case spends most of its
// time waiting (the action's client spaces its writes a second apart). The
// file starts first (the sequencer in vitest.config.ts) and its runs are
// niced (harness.ts), so the other worker's CPU-bound files keep their pace
// beside it.
//
// Threats of ../shared/threats.md that are not behaviour of a run:
// - 14 (a swapped plan): with plans-from: artifact the action itself finds the
//   plan workflow's artifact for the head SHA and refuses any other (artifact.ts,
//   test/github/plan-artifact.test.ts); in the older hardened mode the
//   workflow hands it the plan job's artifact (README, "Events and forks"). What the action itself
//   guarantees is tested in contract.ts: a missing, empty or unreadable plan,
//   or a glob matching nothing, is an error, never a pass; and in
//   test/github/adversary.test.ts: a plan file in the pull request's own tree
//   is refused.
// - 16 (pwn requests): plangate never checks out or runs pull request code.
//   It reads its config and the changed .tf sources through the contents API
//   at commits and parses them as data. contract.ts runs it in a workspace
//   holding a hostile config and a .tf with a local-exec provisioner: the
//   workspace config is ignored, the config is read on the default branch
//   only, nothing at the head is read but the changed Terraform files and
//   where the plan file would be, and nothing is executed.
import { afterAll, vi } from 'vitest';
import { cleanUp } from './harness.js';
import './cases/contract.js';
import './cases/approval.js';
import './cases/override.js';
import './cases/publish.js';
import './cases/faults.js';
import './cases/bypass.js';
import './cases/adversary.js';
import './cases/webhooks.js';
import './cases/verify.js';
import './cases/config.js';
import './cases/artifact.js';
import './cases/budget.js';
import './cases/many-plans.js';
import './cases/read-race.js';

// Under full load a run waits for the CPU; a case of several runs in a row needs more than the default 30 s.
vi.setConfig({ testTimeout: 120_000 });
afterAll(cleanUp);
