// Issue 12 item 3 end to end: 200 plans of a monorepo, some labelled, in one run. One
// comment within GitHub's limit names every plan with protected changes and its true
// count; the record line stays under the marker; the job summary and the JSON report
// hold every protected resource.
import { describe, expect, it } from 'vitest';
import { decodeRecord } from '../../../src/approval/record.js';
import { GITHUB_COMMENT_LIMIT } from '../../../src/report/markdown.js';
import { planLabelOf, planPath, protectedIn, writeManyPlans } from '../../report/many-plans-fixture.js';
import { describeRun, fakeGitHub, gateComments, pr, runAction, tempDir } from '../harness.js';

const PLANS = 200;

describe.concurrent('a run of 200 plans (issue 12)', () => {
  it('leaves one comment within the limit, every plan with protected changes named with its count; the summary and report have them all', async () => {
    const gh = await fakeGitHub();
    const cwd = tempDir();
    writeManyPlans(cwd, PLANS);
    const plans = Array.from({ length: PLANS }, (_, i) => (planLabelOf(i) === undefined ? planPath(i) : `${planLabelOf(i)}=${planPath(i)}`)).join('\n');
    const run = await runAction(gh, { cwd, inputs: { plans } });
    expect(run.decision, describeRun(run)).toBe('blocked');

    const total = Array.from({ length: PLANS }, (_, i) => protectedIn(i)).reduce((sum, n) => sum + n, 0);
    expect(run.outputs.findings).toBe(String(total));
    expect(run.report?.findings).toHaveLength(total);

    const comments = gateComments(gh.state);
    expect(comments).toHaveLength(1);
    const body = comments[0]?.body ?? '';
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(decodeRecord(body.split('\n')[1] ?? '')).toMatchObject({ head: pr(gh.state).head.sha, decision: 'blocked', count: total });
    for (let i = 0; i < PLANS; i++) {
      const n = protectedIn(i);
      const label = planLabelOf(i);
      const name = label === undefined ? `\`${planPath(i)}\`` : `\`${label}\` (\`${planPath(i)}\`)`;
      expect(body).toContain(n === 0 ? `\n- ${name}: nothing protected lost · ` : `\n- ${name}: ${n} protected resource${n === 1 ? '' : 's'} destroyed (${n} critical) · `);
    }
    expect(body).toContain('Full report: the job summary of this run.');
    // The job summary: every protected resource in its table.
    expect(run.summary).not.toContain('Shortened to fit');
    for (const f of run.report?.findings ?? []) expect(run.summary).toContain(`\`${f.address}\``);
  });
});
