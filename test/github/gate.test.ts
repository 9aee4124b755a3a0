// runGate through the RepositoryApi seam (test/github/stub-api.ts): each class
// of issue 8 as the adversary would try it, without a server or a bundle.
// The same classes run end to end against the GitHub-shaped server in
// test/action/cases/bypass.ts.
import { describe, expect, it } from 'vitest';
import { CONFIG, gate, onMain, SAFE } from './run-gate.js';
import { ALICE, approve, AT, BASE, BOB, CAROL, HEAD, label, MAIN, type StubState } from './stub-api.js';


const LOOSE = 'ignore: ["**"]\n';

describe('the rules come from the default branch, never from a base the author picks (threat 17)', () => {
  it('a loose config on the base is not read; the default branch has none, so the recommended pack blocks', async () => {
    const { result, api } = await gate((s) => {
      s.pull.baseRef = 'agent-base';
      s.branches['agent-base'] = s.pull.baseSha;
      s.contents[s.pull.baseSha] = { [CONFIG]: LOOSE };
    });
    expect(result.outcome.decision).toBe('blocked');
    expect(result.rules).toEqual({ path: CONFIG, searched: [CONFIG, '.github/plangate.yaml'], branch: 'main', sha: MAIN, found: false });
    // The config is looked for by listing the default branch's root (no .github there), never at the base.
    expect(api.calls).toContain(`entriesAt("", ${JSON.stringify(MAIN)})`);
    expect(api.calls.filter((c) => c.includes(CONFIG) || (c.startsWith('entriesAt(') && c.includes(BASE)))).toEqual([]);
  });

  it('the config on the default branch applies whatever the base holds', async () => {
    const { result } = await gate((s) => onMain(s, LOOSE));
    expect(result.outcome.decision).toBe('pass');
    expect(result.rules?.found).toBe(true);
  });

  it.each([
    ['main', [], true],
    ['agent-base', [], false],
    ['release/2026', ['release/*'], true],
    ['release-candidate', ['release/*'], false],
  ])('a pull request into %s (protected-bases %j) is protected: %s', async (base, globs, expected) => {
    const { result } = await gate(
      (s) => {
        s.pull.baseRef = base;
        if (globs.length) onMain(s, `protected-bases: ${JSON.stringify(globs)}\n`);
      },
      { plans: [SAFE] },
    );
    expect(result.outcome.decision).toBe('pass');
    expect(result.base).toMatchObject({ ref: base, protected: expected });
  });

  it('config-ref names the branch to read, and pull requests into it are protected; a missing branch is an input error', async () => {
    const { result, api } = await gate(
      (s) => {
        s.branches.release = 'd'.repeat(40);
        s.contents['d'.repeat(40)] = { [CONFIG]: LOOSE };
        s.pull.baseRef = 'release';
      },
      { inputs: { configRef: 'release' } },
    );
    expect(result.rules).toMatchObject({ branch: 'release', found: true });
    expect(result.base).toMatchObject({ ref: 'release', protected: true });
    expect(api.calls).toContain('branchSha("release")');
    await expect(gate(() => undefined, { inputs: { configRef: 'nope' } })).rejects.toThrow(/config-ref: no branch "nope" in acme\/infra/);
  });
});

describe('inconsistent answers are errors, never the default rules (issue 8, item 10)', () => {
  it('a 404 for the config and for .github while the root lists .github', async () => {
    await expect(
      gate((s) => {
        s.contents[MAIN] = { ...s.contents[MAIN], '.github/workflows/ci.yml': 'on: push\n' };
        s.listings[MAIN] = { '.github': undefined };
      }),
    ).rejects.toThrow(/GitHub answered 404 for \.github at main \(ccccccc\) although its parent lists it/);
  });

  it('a 404 for the config while .github lists it', async () => {
    await expect(gate((s) => (s.listings[MAIN] = { '.github': [{ path: CONFIG, type: 'file' }], '': [{ path: '.github', type: 'dir' }] }))).rejects.toThrow(
      /GitHub lists \.github\/plangate\.yml at main \(ccccccc\) but answers 404 for it/,
    );
  });

  it('a root that cannot be listed, a listing that may be cut, a symlinked .github', async () => {
    await expect(gate((s) => (s.listings[MAIN] = { '': undefined }))).rejects.toThrow(/answered 404 for the files of main/);
    const full = Array.from({ length: 1000 }, (_, i) => ({ path: `file-${i}`, type: 'file' }));
    await expect(gate((s) => (s.listings[MAIN] = { '': full }))).rejects.toThrow(/stops at 1,000/);
    await expect(gate((s) => (s.listings[MAIN] = { '': [{ path: '.github', type: 'symlink' }] }))).rejects.toThrow(/\.github at main \(ccccccc\) is a symlink/);
  });
});

describe('capped lists fail closed (threat 18)', () => {
  it('3,001 changed files of which GitHub lists 3,000: an error that says to split the pull request', async () => {
    const { result } = await gate(
      (s) => {
        s.files = Array.from({ length: 3000 }, (_, i) => ({ filename: `aaa/padding-${i}.md`, status: 'added' }));
        s.pull.changedFiles = 3001;
      },
      { plans: [SAFE] },
    );
    expect(result.outcome.decision).toBe('error');
    expect(result.outcome.errors[0]).toMatch(/changes 3,001 files but GitHub lists only 3,000 .*split it into pull requests of at most 3,000 files/);
  });

  it('more files listed than counted is an error too', async () => {
    const { result } = await gate((s) => (s.pull.changedFiles = 0), { plans: [SAFE] });
    expect(result.outcome.decision).toBe('error');
  });
});

describe('the override label is timed against the head arriving on this pull request (threat 19)', () => {
  const forcePushedBack = (s: StubState) => {
    // HEAD was first pushed at 0, labelled at 30, replaced at 40, force-pushed back at 45.
    s.activity['acme/infra:feature'] = [
      { before: 'e'.repeat(40), after: HEAD, timestamp: AT(45), type: 'force_push', actor: ALICE },
      { before: HEAD, after: 'e'.repeat(40), timestamp: AT(40), type: 'push', actor: ALICE },
      { before: '0'.repeat(40), after: HEAD, timestamp: AT(0), type: 'branch_creation', actor: ALICE },
    ];
    label(s, CAROL, 30);
  };

  it('a label added after the push counts', async () => {
    const { result } = await gate((s) => label(s, CAROL, 30));
    expect(result.outcome).toMatchObject({ decision: 'overridden', overriddenBy: { login: 'sec-carol', at: AT(30) } });
  });

  it('force-pushing back to a commit that was pushed before the label does not revive it', async () => {
    const { result, text } = await gate(forcePushedBack);
    expect(result.outcome.decision).toBe('blocked');
    expect(text).toMatch(/added before the current head aaaaaaa arrived on the pull request \(2026-11-24T09:45:00Z\)/);
  });

  it.each([
    ['no activity for the branch', (s: StubState) => (s.activity = {}), /GitHub lists no push to acme\/infra:feature/],
    ['the branch moved on', (s: StubState) => (s.activity['acme/infra:feature'] = [{ before: HEAD, after: 'f'.repeat(40), timestamp: AT(50), type: 'push', actor: ALICE }]), /the branch moved/],
    ['a push without a time', (s: StubState) => (s.activity['acme/infra:feature'] = [{ before: '0'.repeat(40), after: HEAD, timestamp: 'null', type: 'push', actor: ALICE }]), /without a valid time/],
    ['a deleted fork', (s: StubState) => (s.pull.headRepo = null), /head repository was deleted/],
    ['a reopening without a time', (s: StubState) => s.timeline.push({ id: 'RE_1', event: 'reopened', actor: CAROL, createdAt: '' }), /reopened event without a valid time/],
  ])('%s: an error, never a pass', async (_, edit, message) => {
    const { result } = await gate((s) => {
      label(s, CAROL, 30);
      edit(s);
    });
    expect(result.outcome.decision).toBe('error');
    expect(result.outcome.errors.join('\n')).toMatch(message);
  });

  it('a reopening or a retarget after the label resets it', async () => {
    for (const event of ['reopened', 'base_ref_changed', 'automatic_base_change_succeeded']) {
      const { result } = await gate((s) => {
        label(s, CAROL, 30);
        s.timeline.push({ id: 'E_1', event, actor: ALICE, createdAt: AT(35) });
      });
      expect(result.outcome.decision, event).toBe('blocked');
    }
  });

  it("a fork's head is timed by the fork's activity", async () => {
    const { result, api } = await gate((s) => {
      s.pull.headRepo = 'dev-alice/infra';
      s.activity = { 'dev-alice/infra:feature': [{ before: '0'.repeat(40), after: HEAD, timestamp: AT(5), type: 'push', actor: ALICE }] };
      label(s, CAROL, 30);
    });
    expect(result.outcome.decision).toBe('overridden');
    expect(api.calls).toContain('refActivity("dev-alice/infra", "feature")');
  });
});

describe('label history (threat 20)', () => {
  it('an event REST does not list, or that REST and GraphQL attribute differently, has no actor', async () => {
    const missing = await gate((s) => {
      label(s, CAROL, 30);
      s.issueEvents = [];
    });
    expect(missing.result.outcome.decision).toBe('blocked');
    expect(missing.text).toMatch(/REST events do not list that event/);
    const disagree = await gate((s) => {
      label(s, CAROL, 30);
      (s.issueEvents[0] as { actor: unknown }).actor = BOB;
    });
    expect(disagree.result.outcome.decision).toBe('blocked');
    expect(disagree.text).toMatch(/GitHub's REST and GraphQL APIs attribute that event differently/);
  });

  it('a qualifying label on a label since renamed away, and another label renamed to the override name, is the other label', async () => {
    const { result, text } = await gate((s) => {
      label(s, CAROL, 30, { id: 'LA_original' });
      label(s, ALICE, 35, { id: 'LA_agents', name: 'harmless' });
      // The original renamed away, the agent's label renamed to the override name.
      s.pull.labels = [
        { id: 'LA_original', name: 'renamed-away' },
        { id: 'LA_agents', name: 'plangate-override' },
      ];
    });
    expect(result.outcome.decision).toBe('blocked');
    expect(text).toMatch(/label added by @dev-alice does not count/);
  });
});

describe('gate files need the strictest rule\'s approvers (threat 21)', () => {
  const TEAM_RULE = `rules:
  - name: security-databases
    approvals: 1
    approvers: { teams: [security] }
    match: { types: [aws_db_instance] }
`;
  const workflowEdit = (s: StubState) => {
    s.files.push({ filename: '.github/workflows/deploy.yml', status: 'modified' });
    s.pull.changedFiles = 2;
  };

  it('a writer outside the approvers cannot approve a workflow change; one of them can', async () => {
    const bob = await gate(
      (s) => {
        onMain(s, TEAM_RULE);
        workflowEdit(s);
        approve(s, BOB);
      },
      { plans: [SAFE] },
    );
    expect(bob.result.outcome.decision).toBe('blocked');
    expect(bob.result.analysis.findings[0]).toMatchObject({ address: '.github/workflows/deploy.yml', rule: 'gate-files-changed', approvers: { teams: ['security'] } });
    expect(bob.text).toMatch(/from team security, for \.github\/workflows\/deploy\.yml/);
    const carol = await gate(
      (s) => {
        onMain(s, TEAM_RULE);
        workflowEdit(s);
        approve(s, CAROL);
      },
      { plans: [SAFE] },
    );
    expect(carol.result.outcome.decision).toBe('approved');
  });

  it('gate-files adds the scripts the workflows run', async () => {
    const { result } = await gate(
      (s) => {
        onMain(s, 'gate-files: ["scripts/plan.sh"]\n');
        s.files.push({ filename: 'scripts/plan.sh', status: 'modified' });
        s.pull.changedFiles = 2;
      },
      { plans: [SAFE] },
    );
    expect(result.outcome.decision).toBe('blocked');
    expect(result.analysis.findings.map((f) => [f.address, f.rule])).toEqual([['scripts/plan.sh', 'gate-files-changed']]);
  });

  it('gate-approvers names them instead; a local action is a gate file too', async () => {
    const { result } = await gate(
      (s) => {
        onMain(s, `${TEAM_RULE}gate-approvers: { users: [ops-bob] }\n`);
        s.files.push({ filename: '.github/actions/plan/action.yml', status: 'modified' });
        s.pull.changedFiles = 2;
        approve(s, BOB);
      },
      { plans: [SAFE] },
    );
    expect(result.outcome.decision).toBe('approved');
    expect(result.analysis.findings.map((f) => f.address)).toEqual(['.github/actions/plan/action.yml']);
  });
});

describe('agents named by email (threat 5) and unreadable reviews', () => {
  it("an approver whose public email, or whose commits on the default branch, carry the agent's email does not count", async () => {
    for (const link of [(s: StubState) => (s.publicEmails['ops-bob'] = 'Agent@Acme.example'), (s: StubState) => (s.emailAccounts['agent@acme.example'] = [{ email: 'agent@acme.example', login: 'ops-bob', id: 2 }])]) {
      const { result, text } = await gate(
        (s) => {
          approve(s, BOB);
          link(s);
        },
        { inputs: { agentIdentities: ['agent@acme.example'] } },
      );
      expect(result.outcome.decision).toBe('blocked');
      expect(text).toMatch(/ops-bob is a coding agent/);
    }
  });

  it("one review GitHub could not read does not spoil another reviewer's approval", async () => {
    const { result, text } = await gate((s) => {
      approve(s, BOB);
      s.unreadable.push({ id: 9, reviewer: CAROL, problem: 'GitHub lists it without a commit_id' });
    });
    expect(result.outcome).toMatchObject({ decision: 'approved', approvedBy: [{ login: 'ops-bob', id: 2 }] });
    expect(text).toMatch(/a review \(id 9\) by @sec-carol does not count/);
  });
});

describe('whoever pushed to the branch or assigned an agent to the pull request is an author (threat 5)', () => {
  it('a pusher of the head branch cannot approve, even when the commits name someone else', async () => {
    const { result, text } = await gate((s) => {
      s.activity['acme/infra:feature']?.unshift({ before: 'e'.repeat(40), after: HEAD, timestamp: AT(5), type: 'push', actor: BOB });
      approve(s, BOB);
    });
    expect(result.outcome.decision).toBe('blocked');
    expect(text).toMatch(/ops-bob is part of the authoring identity \(a pusher to its branch\)/);
  });

  it('whoever assigned a coding agent cannot approve; assigning a person excludes nobody', async () => {
    const copilot = { login: 'Copilot', id: 198982749, type: 'Bot' };
    const asked = await gate((s) => {
      s.timeline.push({ id: 'AE_1', event: 'assigned', actor: BOB, assignee: copilot, createdAt: AT(-20) });
      approve(s, BOB);
    });
    expect(asked.result.outcome.decision).toBe('blocked');
    expect(asked.text).toMatch(/ops-bob is part of the authoring identity \(who assigned Copilot to it\)/);
    const person = await gate((s) => {
      s.timeline.push({ id: 'AE_1', event: 'assigned', actor: BOB, assignee: ALICE, createdAt: AT(-20) });
      approve(s, BOB);
    });
    expect(person.result.outcome.decision).toBe('approved');
  });
});
