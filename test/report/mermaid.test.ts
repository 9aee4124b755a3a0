// The blast-radius graph, checked by mermaid's own parser. mermaid needs a DOM
// only for DOMPurify at import time; happy-dom's window is enough, so this runs
// in plain Node (no browser in CI).
import fc from 'fast-check';
import { Window } from 'happy-dom';
import type MermaidApi from 'mermaid';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/analysis/types.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { blastRadiusGraph, DEFAULT_MAX_NODES, mermaidLabel } from '../../src/report/mermaid.js';
import { itCorpus } from '../corpus-path.js';
import { analyseNamed, finding, HOSTILE_ADDRESSES, richAnalysis, splitCases } from './inputs.js';

let mermaid: typeof MermaidApi;

beforeAll(async () => {
  const window = new Window();
  Object.assign(globalThis, { window, document: window.document });
  mermaid = (await import('mermaid')).default;
  mermaid.initialize({ startOnLoad: false });
});

/** Parses with mermaid; throws mermaid's own error on invalid syntax. */
async function parse(source: string): Promise<void> {
  const result = await mermaid.parse(source);
  expect(result).toMatchObject({ diagramType: 'flowchart-v2' });
}

function graphOf(findings: Finding[], maxNodes?: number) {
  const graph = blastRadiusGraph(findings, maxNodes === undefined ? {} : { maxNodes });
  if (!graph) throw new Error('expected a graph');
  return graph;
}

/** Every label in the source: only safe characters, entity codes and our own `<br/>`. */
function expectSafeLabels(source: string): void {
  const labels = [...source.matchAll(/\["([^"]*)"\]/g)].map((m) => m[1] as string);
  expect(labels.length).toBeGreaterThan(0);
  for (const label of labels) {
    const rest = label.replace(/#\d+;/g, '').replace(/<br\/>/g, '');
    expect(rest).toMatch(/^[\p{L}\p{N}\p{M} _.,/=+@()[\]{}-]*$/u);
  }
  // Nothing but the statements the builder writes.
  for (const line of source.trimEnd().split('\n').slice(1)) {
    expect(line).toMatch(/^ {2}(classDef \w+ .*|subgraph f\d+\["[^"]*"\]|end|\s*n\d+\["[^"]*"\]|more\["[^"]*"\]|n\d+ --> n\d+|n\d+ -\.-> more|class [n\d,]+ \w+|class more more)$/);
  }
}

describe('blastRadiusGraph', () => {
  it('draws lost resources and their dependents, styled', async () => {
    const graph = graphOf(richAnalysis().findings);
    expect(graph.source).toMatch(/^flowchart LR\n/);
    expect(graph.source).toContain('  n0["module.db.aws_db_instance.main<br/>delete #183; critical"]');
    expect(graph.source).toContain('  n0 --> n1\n');
    expect(graph.source).toMatch(/ {2}class n0,n4,n6 lost\n/);
    expect(graph.source).toMatch(/ {2}class n1,n2,n3,n5,n7 dependent\n/);
    expect(graph).toMatchObject({ drawn: 8, omitted: 0 });
    expectSafeLabels(graph.source);
    await parse(graph.source);
  });

  it('leaves out findings without dependents, and guards that were only weakened', () => {
    expect(blastRadiusGraph([finding({ address: 'a.b' })])).toBeUndefined();
    expect(blastRadiusGraph([finding({ address: 'a.b', action: 'protection-removed', dependents: ['c.d'] })])).toBeUndefined();
  });

  const REPORTS: Record<string, string[]> = {
    'example-destroy': ['fixtures/terraform/example-destroy.json'],
    'corpus snyk destroy': ['corpus/terraform/terraform__snyk-cli__destroy.json'],
    'corpus CloudFormation replacement': ['corpus/cloudformation/cloudformation__localstack__unrelated-changes-requires-replacement.json'],
    'several plans (subgraphs)': ['fixtures/terraform/example-destroy.json', 'corpus/terraform/terraform__snyk-cli__destroy.json'],
  };
  const graphParses = async (name: string) => {
    const markdown = renderMarkdown(await analyseNamed(REPORTS[name] as string[]));
    const block = /```mermaid\n([\s\S]*?)```/.exec(markdown)?.[1];
    expect(block).toBeDefined();
    await parse(block as string);
  };
  const { fixtures, corpus } = splitCases(REPORTS);
  it.each(fixtures)('the graph in the markdown report for %s parses', graphParses);
  itCorpus.each(corpus)('the graph in the markdown report for %s parses', graphParses);

  it('hostile addresses, as lost resources, dependents and file names, parse and stay inside their labels', async () => {
    const findings = HOSTILE_ADDRESSES.map((address, i) =>
      finding({ address, file: i % 2 ? address : 'plan.json', dependents: [address, ...HOSTILE_ADDRESSES.slice(0, 3)] }),
    );
    const graph = graphOf(findings, 200);
    expect(graph.omitted).toBe(0);
    expectSafeLabels(graph.source);
    await parse(graph.source);
  });

  it.each(HOSTILE_ADDRESSES)('%j alone parses', async (address) => {
    const graph = graphOf([finding({ address, dependents: [`${address}.dep`, 'output.x'] })]);
    expectSafeLabels(graph.source);
    await parse(graph.source);
  });

  it('any address parses (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }), async (a, b) => {
        const graph = graphOf([finding({ address: a, file: b, dependents: [b, `${a}x`] }), finding({ address: b, file: a, dependents: [a] })]);
        expectSafeLabels(graph.source);
        await parse(graph.source);
      }),
      { numRuns: 150 },
    );
  });

  it(`caps the graph at ${DEFAULT_MAX_NODES} nodes with a "… N more" node`, async () => {
    const findings = Array.from({ length: 40 }, (_, i) =>
      finding({ address: `aws_db_instance.db${i}`, severity: i < 5 ? 'critical' : 'high', dependents: [`aws_instance.app${i}`, `aws_instance.app${i + 1}`, 'output.url'] }),
    );
    const graph = graphOf(findings);
    // 40 lost + 41 apps + 1 output.
    expect(graph.drawn + graph.omitted).toBe(82);
    expect(graph.drawn).toBe(DEFAULT_MAX_NODES - 1);
    expect(graph.source).toContain(`  more["#8230; ${graph.omitted} more not drawn"]`);
    expect(graph.source.match(/^\s+n\d+\[/gm)).toHaveLength(DEFAULT_MAX_NODES - 1);
    expect(graph.source).toContain('  class more more');
    await parse(graph.source);
    // The most severe come first.
    for (let i = 0; i < 5; i++) expect(graph.source).toContain(`["aws_db_instance.db${i}<br/>delete #183; critical"]`);
  });

  it('links a lost resource whose dependents did not fit to the "more" node', async () => {
    const graph = graphOf([finding({ address: 'aws_db_instance.db', dependents: Array.from({ length: 50 }, (_, i) => `aws_instance.app${i}`) })], 10);
    expect(graph).toMatchObject({ drawn: 9, omitted: 42 });
    expect(graph.source).toContain('  n0 -.-> more\n');
    await parse(graph.source);
  });

  it('counts the dependents findings count but do not name: exactly for one finding, at least for several', async () => {
    const named = Array.from({ length: 5 }, (_, i) => `aws_instance.app${i}`);
    const one = graphOf([finding({ address: 'aws_db_instance.db', dependents: named, dependentsTotal: 4_999 })]);
    // All five named are drawn, with the lost resource: 4,994 of its 5,000 nodes are left out.
    expect(one).toMatchObject({ drawn: 6, omitted: 4_994, omittedAtLeast: false });
    expect(one.source).toContain(`["${mermaidLabel('… 4,994 more not drawn')}"]`);
    expect(one.source).toContain('  n0 -.-> more\n');
    await parse(one.source);
    const two = graphOf([
      finding({ address: 'aws_db_instance.db', dependents: named, dependentsTotal: 4_999 }),
      finding({ address: 'aws_db_instance.other', dependents: named, dependentsTotal: 900, dependentsTotalIsMinimum: true }),
    ]);
    expect(two).toMatchObject({ drawn: 7, omitted: 4_993, omittedAtLeast: true });
    expect(two.source).toContain(`["${mermaidLabel('… at least 4,993 more not drawn')}"]`);
    await parse(two.source);
  });

  it('5,000 lost resources give a small graph', async () => {
    const findings = Array.from({ length: 5000 }, (_, i) => finding({ address: `aws_s3_bucket.b${i}`, dependents: [`aws_instance.x${i}`] }));
    const graph = graphOf(findings);
    expect(graph.source.length).toBeLessThan(5000);
    expect(graph.omitted).toBe(10_000 - (DEFAULT_MAX_NODES - 1));
    await parse(graph.source);
  });
});

describe('mermaidLabel', () => {
  it('turns syntax into entity codes and keeps letters of any script', () => {
    expect(mermaidLabel('aws_s3_bucket.b["x"]')).toBe('aws_s3_bucket.b[#34;x#34;]');
    expect(mermaidLabel('a#b;<c>&`d`|e')).toBe('a#35;b#59;#60;c#62;#38;#96;d#96;#124;e');
    expect(mermaidLabel('ñandú 日本語')).toBe('ñandú 日本語');
    expect(mermaidLabel('🚀')).toBe('#128640;');
    expect(mermaidLabel('a\nb\u202Ec')).toBe('a b#92;u202Ec');
  });
});
