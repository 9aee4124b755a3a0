// Issue 11, items 4 and 5: a shortened report's counts are the true totals, and a
// loss a rule would protect but `ignore` excludes is shown as ignored, never as unprotected.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';
import { parseConfig } from '../../src/rules/config.js';
import type { Plan } from '../../src/plan/types.js';
import { analysisOf, change, finding } from './inputs.js';

describe('a shortened table', () => {
  it('counts every protected resource, and says how many rows it lists', () => {
    const findings = Array.from({ length: 3_000 }, (_, i) => finding({ address: `aws_db_instance.db[${i}]`, dataAtRisk: ['no final snapshot: the data is gone'] }));
    const markdown = renderMarkdown(analysisOf(findings));
    expect(markdown).toContain('#### Protected resources in `plan.json` (3,000)');
    const summary = /<details><summary>([\d,]+) more protected resources in this plan \(([\d,]+) listed here; the rest are left out, see the note at the end\)<\/summary>/.exec(markdown);
    expect(summary?.[1]).toBe('2,980');
    const listed = Number(summary?.[2]?.replace(/,/g, ''));
    const rows = markdown.match(/^\| delete \| `aws_db_instance\.db\[/gm)?.length ?? 0;
    expect(rows).toBe(20 + listed);
    expect(markdown).toContain(`${(3_000 - rows).toLocaleString('en-US')} of the 3,000 protected resources (the ${rows.toLocaleString('en-US')} listed are the most severe)`);
    // Who must approve counts every resource of the rule, not the rows kept.
    expect(markdown).toMatch(/^\| aws-relational-databases \| [^|]* \| 3,000 \| 1 \| anyone qualifying \|$/m);
  });
});

describe('ignored is not unprotected', () => {
  const plan: Plan = {
    file: 'plan.json',
    format: 'terraform',
    changes: [
      change({ address: 'module.sandbox.aws_db_instance.scratch', resourceAddress: 'module.sandbox.aws_db_instance.scratch', module: 'module.sandbox', type: 'aws_db_instance', action: 'delete' }),
      change({ address: 'module.sandbox.aws_instance.box', resourceAddress: 'module.sandbox.aws_instance.box', module: 'module.sandbox', type: 'aws_instance', action: 'delete' }),
      change({ address: 'aws_instance.web', type: 'aws_instance', action: 'delete' }),
    ],
    dependencies: new Map(),
  };

  async function analysed() {
    const ruleSet = await parseConfig('ignore: ["module.sandbox.**"]\n', 'plangate.yml');
    return analyse({ plans: [plan], readErrors: [], ruleSet });
  }

  it('the analysis names the glob and the rules it overrides; a loss no rule protects stays unprotected', async () => {
    const analysis = await analysed();
    expect(analysis.decision).toBe('pass');
    expect(analysis.ignored).toEqual([
      { file: 'plan.json', address: 'module.sandbox.aws_db_instance.scratch', type: 'aws_db_instance', action: 'delete', ignoredBy: 'module.sandbox.**', rules: ['aws-relational-databases'] },
    ]);
  });

  it('markdown: in its own section, with the glob, and not among the unprotected', async () => {
    const markdown = renderMarkdown(await analysed());
    expect(markdown).toContain('1 resource a rule would protect, ignored by the config\'s <code>ignore</code>');
    expect(markdown).toContain('| delete | `module.sandbox.aws_db_instance.scratch` | `aws_db_instance` | ignored by `ignore: module.sandbox.**` | aws-relational-databases | `plan.json` |');
    const start = markdown.indexOf('not protected by any rule');
    const unprotected = markdown.slice(start, markdown.indexOf('</details>', start));
    expect(unprotected).toContain('aws_instance.web');
    expect(unprotected).not.toContain('scratch');
    expect(markdown).toMatch(/^### ✅ plangate: PASS: no protected resource is lost \(2 unprotected resources deleted, replaced or forgotten; 1 resource a rule would protect ignored by the config's ignore globs\)/);
  });

  it('text and JSON: the same', async () => {
    const analysis = await analysed();
    const text = renderText(analysis, { color: false });
    expect(text).toContain('Other resources lost (no rule protects them): 2');
    expect(text).toContain('ignored by `ignore: module.sandbox.**`; rules it would match: aws-relational-databases');
    const json = JSON.parse(renderJson(analysis)) as { summary: { ignored: number }; ignored: unknown[] };
    expect(json.summary.ignored).toBe(1);
    expect(json.ignored).toEqual(analysis.ignored);
  });
});
