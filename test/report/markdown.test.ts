import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/analysis/types.js';
import { code, DEFAULT_FULL_REPORT_HINT, escapeText, GITHUB_COMMENT_LIMIT, renderMarkdown } from '../../src/report/markdown.js';
import { clip, MAX_SHOWN, sanitize, thousands } from '../../src/report/summary.js';
import { itCorpus } from '../corpus-path.js';
import { analyseNamed, analysisOf, change, finding, HOSTILE_ADDRESSES, richAnalysis, splitCases } from './inputs.js';
import { ENGINES, tableRows, tagNames, textOf, toHtml } from './markdown-structure.js';

// The real plans the snapshots are rendered from, named as the snapshot shows them.
const CASES: Record<string, string[]> = {
  'example-destroy': ['fixtures/terraform/example-destroy.json'],
  'modules-destroy': ['fixtures/terraform/modules-destroy.json'],
  'cloudformation-nested-stacks': ['fixtures/cloudformation/nested-stacks.json'],
  'guards-removed': [
    'fixtures/weakening/rds-deletion-protection-off.json',
    'fixtures/weakening/cfn-dbcluster-deletion-protection-off.json',
    'fixtures/weakening/s3-force-destroy-on.json',
  ],
  'corpus-snyk-destroy': ['corpus/terraform/terraform__snyk-cli__destroy.json'],
  'corpus-cloudformation-replacement': ['corpus/cloudformation/cloudformation__localstack__unrelated-changes-requires-replacement.json'],
  'corpus-cloudformation-remove-ssm': ['corpus/cloudformation/cloudformation__localstack__remove-three-ssm.json'],
  'error-truncated-and-errored': [
    'fixtures/terraform/example-destroy.json',
    'fixtures/bad/truncated.json',
    'corpus/terraform/terraform__opentofu__show-json-plan-error.json',
  ],
  pass: ['fixtures/terraform/safe-update.json'],
};

/** Characters markdown, GFM tables and HTML give meaning to. */
const MARKDOWN_SYNTAX = fc.constantFrom('`', '|', '\\', '<', '>', '"', "'", '\n', '\r', '*', '_', '[', ']', '(', ')', '#', '&', ';', ' ', '!', '~', '$', '@', 'a', '1', '-', ':');

const OWN_TAGS = ['br', 'code', 'details', 'summary', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'p', 'h3', 'h4', 'ul', 'li', 'strong', 'pre'];

/** Text a reviewer sees in a code span or escaped text: what `sanitize` shows. */
const shown = (text: string) => sanitize(text);
/** escapeText adds zero-width spaces after `@` and `#` to stop mentions and issue links. */
const withoutZwsp = (text: string) => text.replace(/\u200B/g, '');

describe('renderMarkdown snapshots', () => {
  const snapshot = async (name: string) => {
    const markdown = renderMarkdown(await analyseNamed(CASES[name] as string[]));
    await expect(markdown).toMatchFileSnapshot(`./__snapshots__/${name}.md`);
  };
  const { fixtures, corpus } = splitCases(CASES);
  it.each(fixtures)('%s', snapshot);
  itCorpus.each(corpus)('%s', snapshot);

  it('a review with data at risk, a removed guard, a move, approvers and a graph', async () => {
    await expect(renderMarkdown(richAnalysis())).toMatchFileSnapshot('./__snapshots__/rich-review.md');
  });
});

describe('renderMarkdown content', () => {
  it('starts with one headline: what is lost, the highest severity, the approvals needed', () => {
    const markdown = renderMarkdown(richAnalysis());
    const first = markdown.split('\n')[0];
    expect(first).toBe(
      '### ⛔ plangate: BLOCKED: 5 protected resources at risk: 2 destroyed, 1 may be replaced, 1 forgotten, 1 with a deletion guard removed (highest severity: critical); needs 2 approvals from different people who did not author the change',
    );
  });

  it('shows per row the guard change, the previous address, approvers; per finding data at risk and dependents', () => {
    const markdown = renderMarkdown(richAnalysis());
    const rows = tableRows(markdown);
    const guard = rows.find((r) => r[1] === 'aws_rds_cluster.analytics');
    expect(guard?.[0]).toBe('remove protection\ndeletion_protection: true → false');
    const moved = rows.find((r) => r[1]?.startsWith('aws_s3_bucket.uploads["eu"]'));
    expect(moved?.[1]).toBe('aws_s3_bucket.uploads["eu"]\nmoved from aws_s3_bucket.uploads');
    const db = rows.find((r) => r[1] === 'module.db.aws_db_instance.main');
    expect(db).toEqual(['delete', 'module.db.aws_db_instance.main', 'aws_db_instance', '🔴 critical', 'aws-relational-databases', '2 from team acme/dba, @alice']);
    expect(markdown).toContain('  - data at risk: no final snapshot (skip\\_final\\_snapshot = true): the data is gone');
    expect(markdown).toContain('  - depended on by `module.app.aws_ecs_service.api`, `module.app.aws_lambda_function.worker`, `output.database_url`');
    expect(markdown).toContain('  - guard removed: deletion\\_protection turned off (true → false): the cluster can now be deleted');
  });

  it('says who must approve: the strictest count, who does not qualify, and each rule with its approvers and reason', () => {
    const markdown = renderMarkdown(richAnalysis());
    expect(markdown).toContain('#### Who must approve');
    expect(markdown).toContain(
      '**2 approvals** from different people with write access who did not author the change: not the pull request author, not an author, committer or co-author of its commits, and not a bot or agent.',
    );
    const rules = tableRows(markdown).filter((r) => r.length === 5);
    expect(rules).toContainEqual([
      'aws-relational-databases',
      'Relational database: deleting it destroys its data unless a final snapshot is taken.',
      '2',
      '2',
      'team acme/dba, @alice',
    ]);
    expect(rules).toContainEqual(['cfn-nosql-databases', 'NoSQL table: deleting it destroys every item stored in it.', '1', '1', 'anyone qualifying']);
  });

  it('names approvers in code spans, so updating the comment does not notify them', () => {
    const html = toHtml(renderMarkdown(richAnalysis()));
    expect(html).toContain('<code>@alice</code>');
    expect(html).not.toMatch(/[^>]@alice/);
  });

  itCorpus('lists problems at the top when the decision is error', async () => {
    const markdown = renderMarkdown(await analyseNamed(CASES['error-truncated-and-errored'] as string[]));
    expect(markdown).toMatch(/^### ⚠️ plangate: ERROR: 2 plan problems/);
    const problems = markdown.indexOf('**Problems**');
    expect(problems).toBeGreaterThan(0);
    expect(problems).toBeLessThan(markdown.indexOf('#### Protected resources'));
    expect(markdown).toContain('- fixtures/bad/truncated.json: invalid JSON: the file ends early');
  });

  it('collapses unprotected losses, and table rows past twenty', () => {
    const findings = Array.from({ length: 25 }, (_, i) => finding({ address: `aws_db_instance.db[${i}]` }));
    const markdown = renderMarkdown(analysisOf(findings, { others: [change({ address: 'aws_instance.web', action: 'delete' })] }));
    expect(markdown).toContain('<details><summary>5 more protected resources in this plan</summary>');
    expect(markdown).toContain('<details><summary>1 other resource lost, not protected by any rule</summary>');
    const visible = markdown.slice(0, markdown.indexOf('<details>'));
    expect(visible.match(/aws_db_instance\.db\[/g)).toHaveLength(20);
    expect(tableRows(markdown).filter((r) => r[1]?.startsWith('aws_db_instance.db['))).toHaveLength(25);
  });

  it('draws the graph in a mermaid block only when a lost resource has dependents', async () => {
    expect(renderMarkdown(richAnalysis())).toMatch(/#### What depends on them\n\nRed: [^\n]*\n\n```mermaid\nflowchart LR\n[\s\S]*?\n```\n/);
    expect(renderMarkdown(await analyseNamed(CASES['modules-destroy'] as string[]))).not.toContain('```mermaid');
  });

  it('a pass with nothing destroyed is one line', async () => {
    expect(renderMarkdown(await analyseNamed(CASES.pass as string[]))).toMatch(/^### ✅ plangate: PASS: nothing is deleted, replaced or forgotten \([^)]*\)\n$/);
  });
});

describe('renderMarkdown length limit', () => {
  function manyFindings(n: number): Finding[] {
    return Array.from({ length: n }, (_, i) =>
      finding({
        file: `envs/tenant-${i % 7}/plan.json`,
        address: `module.tenant["customer-${i}"].aws_s3_bucket.data["primary"]`,
        type: 'aws_s3_bucket',
        rule: 'aws-object-storage',
        severity: i % 20 === 0 ? 'critical' : 'high',
        dependents: [`module.tenant.aws_cloudfront_distribution.cdn`, `module.tenant.output.bucket_${i}`],
        dataAtRisk: ['force_destroy = true: every object is deleted with the bucket'],
      }),
    );
  }

  it('5,000 protected deletes stay under 65,536 characters and say how many there are and what was left out', () => {
    const others = Array.from({ length: 300 }, (_, i) => change({ address: `aws_instance.web[${i}]`, action: 'delete' }));
    const markdown = renderMarkdown(analysisOf(manyFindings(5000), { others }));
    expect(markdown.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(markdown.split('\n')[0]).toContain('BLOCKED: 5,000 protected resources destroyed');
    const last = markdown.trimEnd().split('\n').at(-1) as string;
    expect(last).toMatch(
      /^> ✂️ \*\*Shortened to fit GitHub's 65,536-character comment limit\.\*\* Left out: the graph of what depends on them \(\d[\d,]* nodes\); the dependents of 5,000 protected resources; the data at risk and removed guards of 5,000 protected resources; ([\d,]+) of the 5,000 protected resources \(the ([\d,]+) listed are the most severe\); all 300 other lost resources\. Full report: run `plangate check --format json` for the full report\.$/,
    );
    const [, left, listed] = /([\d,]+) of the 5,000 protected resources \(the ([\d,]+) listed/.exec(last) as RegExpExecArray;
    const count = (s: string) => Number(s.replace(/,/g, ''));
    expect(count(left as string) + count(listed as string)).toBe(5000);
    expect(tableRows(markdown).filter((r) => r.length === 6)).toHaveLength(count(listed as string));
    // The most severe are the ones kept.
    expect(count(listed as string)).toBeGreaterThan(250);
    expect(tableRows(markdown).filter((r) => r[3] === '🔴 critical')).toHaveLength(250);
    expect(markdown).not.toContain('```mermaid');
    expect(markdown).not.toContain('depended on by');
    expect(markdown).not.toContain('data at risk:');
  });

  it('drops detail in order: the graph, then dependents, then data at risk, then rows', () => {
    const analysis = analysisOf(manyFindings(12));
    const full = renderMarkdown(analysis);
    expect(full).not.toContain('Shortened');
    const noGraph = renderMarkdown(analysis, { maxLength: full.length - 1 });
    expect(noGraph).not.toContain('```mermaid');
    expect(noGraph).toContain('depended on by');
    expect(noGraph.trimEnd().split('\n').at(-1)).toMatch(/Left out: the graph of what depends on them \(\d+ nodes\)\. Full report/);

    const noDependents = renderMarkdown(analysis, { maxLength: noGraph.length - 1 });
    expect(noDependents).not.toContain('depended on by');
    expect(noDependents).toContain('data at risk:');
    expect(noDependents).toMatch(/Left out: the graph of what depends on them \(\d+ nodes\); the dependents of 12 protected resources\. Full report/);

    const noData = renderMarkdown(analysis, { maxLength: noDependents.length - 1 });
    expect(noData).not.toContain('data at risk:');
    expect(tableRows(noData).filter((r) => r.length === 6)).toHaveLength(12);

    const fewer = renderMarkdown(analysis, { maxLength: noData.length - 1 });
    expect(fewer.length).toBeLessThanOrEqual(noData.length - 1);
    expect(fewer).toContain('1 of the 12 protected resources (the 11 listed are the most severe)');
  });

  it('points to the full report given by the caller', () => {
    const markdown = renderMarkdown(analysisOf(manyFindings(5000)), { fullReportHint: 'the JSON report artifact' });
    expect(markdown.trimEnd()).toMatch(/Full report: the JSON report artifact\.$/);
    expect(DEFAULT_FULL_REPORT_HINT).toBe('run `plangate check --format json` for the full report');
  });

  it('5,000 problems and 5,000 unprotected losses stay under the limit too', () => {
    const errors = Array.from({ length: 5000 }, (_, i) => `plans/p${i}.json: invalid JSON: the file ends early at line ${i}`);
    const others = Array.from({ length: 5000 }, (_, i) => change({ address: `aws_instance.web[${i}]`, action: 'delete' }));
    const markdown = renderMarkdown(analysisOf(manyFindings(5000), { errors, others }));
    expect(markdown.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(markdown).toMatch(/^### ⚠️ plangate: ERROR: 5,000 plan problems/);
    const problems = markdown.match(/^- plans\/p\d+\.json/gm) ?? [];
    expect(problems).toHaveLength(50);
    const rows = tableRows(markdown).filter((r) => r.length === 6).length;
    expect(rows).toBeGreaterThan(100);
    expect(markdown).toContain(
      `${thousands(5000 - rows)} of the 5,000 protected resources (the ${thousands(rows)} listed are the most severe); all 5,000 other lost resources; 4,950 of the 5,000 problems. Full report`,
    );
  });

  it('an address of 100,000 characters is shortened, not the report broken', () => {
    const address = `aws_s3_bucket.b["${'x'.repeat(100_000)}"]`;
    const markdown = renderMarkdown(analysisOf([finding({ address, dependents: [address] })]));
    expect(markdown.length).toBeLessThan(10_000);
    expect(markdown).toContain(`\`${clip(address, MAX_SHOWN.address)}\``);
  });

  it('a tiny limit still gives a headline and the note, within the limit', () => {
    const markdown = renderMarkdown(analysisOf(manyFindings(50)), { maxLength: 400 });
    expect(markdown.length).toBeLessThanOrEqual(400);
    expect(markdown).toMatch(/^### ⛔ plangate: BLOCKED: 50 protected resources/);
  });
});

describe('escaping', () => {
  it.each(ENGINES.flatMap((engine) => HOSTILE_ADDRESSES.map((address) => [engine, address] as const)))('%s: address %j stays one table cell, shown exactly, with no HTML or links', (engine, address) => {
    const analysis = analysisOf(
      [finding({ address, type: address, previousAddress: address, file: address, dependents: [address], dataAtRisk: [address], reason: address, rule: address })],
      { others: [change({ address: `other.${address}`, type: address, file: address, action: 'delete' })] },
    );
    const markdown = renderMarkdown(analysis);
    const rows = tableRows(markdown, engine);
    const expected = shown(clip(address, MAX_SHOWN.address));
    const protectedRow = rows.find((r) => r.length === 6);
    expect(protectedRow?.[1]).toBe(`${expected}\nmoved from ${expected}`);
    expect(protectedRow?.[2]).toBe(expected);
    expect(withoutZwsp(protectedRow?.[4] ?? '')).toBe(shown(clip(address, MAX_SHOWN.address)).trimStart());
    const ruleRow = rows.find((r) => r.length === 5);
    expect(withoutZwsp(ruleRow?.[0] ?? '')).toBe(shown(clip(address, MAX_SHOWN.address)).trimStart());
    expect(withoutZwsp(ruleRow?.[1] ?? '')).toBe(shown(address).trimStart());
    const otherRow = rows.find((r) => r.length === 4);
    expect(otherRow).toEqual(['delete', shown(clip(`other.${address}`, MAX_SHOWN.address)), expected, shown(clip(address, MAX_SHOWN.address, 'end'))]);
    // Only the tags the report writes itself: no links, images, emphasis or scripts.
    for (const tag of tagNames(markdown, engine)) expect(OWN_TAGS).toContain(tag);
    const html = toHtml(markdown, engine);
    expect(html.match(/<details>/g)?.length ?? 0).toBe(html.match(/<\/details>/g)?.length ?? 0);
    // The mermaid block is still the only fenced block, and intact.
    expect(markdown.match(/^```/gm)).toHaveLength(2);
  });

  it.each(ENGINES)('%s: any address stays one code span in one cell (property)', (engine) => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: MARKDOWN_SYNTAX, maxLength: 30 })), (raw) => {
        fc.pre(raw.trim() !== '');
        const address = raw.length % 2 ? `aws_s3_bucket.b["${raw}"]` : raw;
        const rows = tableRows(renderMarkdown(analysisOf([finding({ address })])), engine);
        const row = rows.find((r) => r.length === 6);
        expect(row?.[1]).toBe(shown(address));
      }),
      { numRuns: 300 },
    );
  });

  it('code() chooses a fence longer than any backtick run and pads edge backticks', () => {
    expect(code('plain')).toBe('`plain`');
    expect(code('a`b')).toBe('``a`b``');
    expect(code('a``b`')).toBe('``` a``b` ```');
    expect(code('`x')).toBe('`` `x ``');
    expect(code('a|b')).toBe('`a\\|b`');
    expect(code('a|b', 'prose')).toBe('`a|b`');
    expect(code('a\\|b')).toBe('<code>a&#92;&#124;b</code>');
    expect(code('a\nb')).toBe('`a b`');
    expect(code('')).toBe('(empty)');
    for (const engine of ENGINES) {
      for (const text of ['a``b`', '`x', ' y ', 'a\\b', '<b>x</b>']) expect(textOf(toHtml(code(text, 'prose'), engine)).trim()).toBe(text.trim());
    }
  });

  it.each(ENGINES)('%s: escapeText() leaves no markdown, HTML, link, mention or issue link', (engine) => {
    const text = '*bold* _em_ [link](https://example.com) www.example.com <img src=x onerror=alert(1)> ![i](x) `code` | ~~s~~ $x$ & @alice #12 \\ # heading\nnext';
    const html = toHtml(escapeText(text), engine);
    expect(html).not.toMatch(/<(em|strong|a|img|code|del|h\d)\b/);
    expect(withoutZwsp(textOf(html)).trim()).toBe(text.replace('\n', ' '));
    expect(escapeText('@alice #12')).toBe('@\u200Balice \\#\u200B12');
  });

  it.each(ENGINES)('%s: escapeText() at the start of a list item opens no list, code block or heading', (engine) => {
    for (const text of ['- x', '+ x', '1. x', '12) x', '    indented code', '= x', '> quote', '# heading', '---']) {
      const html = toHtml(`- ${escapeText(text)}\n`, engine);
      expect(html, text).toMatch(/^<ul>\n<li>[^<]*<\/li>\n<\/ul>\n?$/);
      expect(textOf(html).trim()).toBe(text.trim());
    }
  });

  it('shows control and bidi characters instead of passing them on', () => {
    expect(code('a\u202Eb\u001b[2Jc')).toBe('`a\\u202Eb\\u001B[2Jc`');
    expect(escapeText('x\u200By')).toBe('x\\\\u200By');
  });
});
