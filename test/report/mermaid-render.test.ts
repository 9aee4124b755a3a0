// The blast-radius graph drawn by mermaid in headless Chromium, each node's
// text read back: what a reviewer sees must be exactly the address, whatever it
// holds, and nothing in it may become markup. mermaid.parse() (mermaid.test.ts)
// checks the syntax in plain Node; only drawing runs mermaid's pre-render text
// rewriting, so this is the test of the labels' meaning. Skipped where there is
// no Chromium (apt-get install chromium; CHROMIUM=/path overrides).
import fc from 'fast-check';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blastRadiusGraph } from '../../src/report/mermaid.js';
import { clip, sanitize } from '../../src/report/summary.js';
import { finding, HOSTILE_ADDRESSES, richAnalysis } from './inputs.js';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const MAX_LABEL = 60;
const require = createRequire(import.meta.url);

/** Characters mermaid, HTML and markdown labels give meaning to. */
const MERMAID_SYNTAX = fc.constantFrom('"', '#', ';', ':', '%', '&', '<', '>', '/', '`', '|', '[', ']', '(', ')', '{', '}', '-', '>', '=', '*', '_', '$', '\\', ' ', 'a', '1', 'style', 'classDef', 'click', 'end', 'br', '\n');

let browser: Browser;
let page: Page;
const dialogs: string[] = [];

interface Drawn {
  /** Node id (`n0`, `more`) → the text shown. */
  labels: Record<string, string>;
  /** Tags inside the drawn labels. */
  tags: string[];
}

async function draw(source: string): Promise<Drawn> {
  return page.evaluate(async (src) => {
    const { mermaid } = globalThis as unknown as { mermaid: { render: (id: string, text: string) => Promise<{ svg: string }> } };
    const host = document.getElementById('host') as HTMLElement;
    const { svg } = await mermaid.render(`g${Math.random().toString(36).slice(2)}`, src);
    host.innerHTML = svg;
    const labels: Record<string, string> = {};
    for (const node of host.querySelectorAll('g.node')) {
      const id = /flowchart-(n\d+|more)-/.exec(node.id)?.[1];
      if (id) labels[id] = node.querySelector('.nodeLabel')?.textContent ?? '';
    }
    const tags = [...host.querySelectorAll('.nodeLabel *')].map((e) => e.tagName.toLowerCase());
    return { labels, tags };
  }, source);
}

/** What each label in the source says, decoding mermaid's entity codes. */
function intended(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [, id, label] of source.matchAll(/^\s+(n\d+|more)\["([^"]*)"\]$/gm)) {
    out[id as string] = (label as string).replace(/<br\/>/g, '').replace(/#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)));
  }
  return out;
}

describe.skipIf(!existsSync(CHROMIUM))('the graph drawn by mermaid in Chromium', () => {
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage();
    await page.route('**/*', (route) => route.abort());
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.setContent('<!doctype html><meta charset="utf-8"><div id="host"></div>');
    await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
    await page.evaluate(() => {
      (globalThis as unknown as { mermaid: { initialize: (c: object) => void } }).mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the review graph as written', async () => {
    const graph = blastRadiusGraph(richAnalysis().findings);
    const drawn = await draw(graph?.source ?? '');
    expect(drawn.labels).toEqual(intended(graph?.source ?? ''));
    expect(drawn.labels.n0).toBe('module.db.aws_db_instance.maindelete · critical');
  });

  it('shows every hostile address exactly, as a lost resource and as a dependent, with no markup', async () => {
    for (const address of HOSTILE_ADDRESSES) {
      // n0: the address lost, n1: what depends on it; n2: another lost resource (another plan), n3: the address as its dependent.
      const graph = blastRadiusGraph([
        finding({ address, file: 'a.json', dependents: [`output.${address}`] }),
        finding({ address: 'aws_db_instance.root', file: 'b.json', dependents: [address] }),
      ]);
      const drawn = await draw(graph?.source ?? '');
      const expected = sanitize(clip(address, MAX_LABEL));
      expect(drawn.labels, address).toEqual(intended(graph?.source ?? ''));
      expect(drawn.labels.n0, address).toBe(`${expected}delete · critical`);
      expect(drawn.labels.n1, address).toBe(sanitize(clip(`output.${address}`, MAX_LABEL)));
      expect(drawn.labels.n3, address).toBe(expected);
      expect(drawn.tags.filter((t) => t !== 'br' && t !== 'p')).toEqual([]);
    }
    expect(dialogs).toEqual([]);
  }, 60_000);

  it('shows any address exactly (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', maxLength: 50 }), fc.string({ unit: MERMAID_SYNTAX, maxLength: 40 })), async (raw) => {
        fc.pre(raw.trim() !== '');
        const graph = blastRadiusGraph([finding({ address: 'aws_db_instance.root', dependents: [raw] })]);
        const drawn = await draw(graph?.source ?? '');
        expect(drawn.labels.n1).toBe(sanitize(clip(raw, MAX_LABEL)));
        expect(drawn.tags.filter((t) => t !== 'br' && t !== 'p')).toEqual([]);
      }),
      { numRuns: 150 },
    );
    expect(dialogs).toEqual([]);
  }, 120_000);
});
