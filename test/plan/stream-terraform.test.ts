// The streamed reader (src/plan/stream-terraform.ts) against the whole-file
// reader: the same report, byte for byte, for every corpus file and for
// generated plans of both bench styles; and for every file the whole-file
// path refuses, a refusal too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/plan/read-plan.js';
import { streamTerraform } from '../../src/plan/stream-terraform.js';
import { planChunks } from '../../scripts/bench-plan.mjs';
import { random } from '../fuzz/mutate.js';
import { describeCorpus, itCorpus, requireCorpus } from '../corpus-path.js';
import { DELETE_DB, plan, reportOf } from './stream-report.js';

function expectSame(bytes: Buffer, file: string): string {
  const whole = reportOf(bytes, file);
  const streamed = reportOf(bytes, file, 0);
  if (whole.startsWith('refused: ')) expect(streamed.startsWith('refused: '), `${file}: streamed read passed what the whole read refuses (${whole})`).toBe(true);
  else expect(streamed, file).toBe(whole);
  return whole;
}

describeCorpus('the streamed reader gives the whole-file reader\'s reports on the corpus', () => {
  it('on every corpus file', () => {
    const corpus = requireCorpus();
    const files = Object.keys(JSON.parse(readFileSync(join(corpus, 'expected.json'), 'utf8')) as object).sort();
    expect(files).toHaveLength(146);
    for (const file of files) expectSame(readFileSync(join(corpus, file)), file);
  });
});

describe('the streamed reader gives the whole-file reader\'s reports', () => {
  it.each(['pretty', 'compact'] as const)('on a generated %s plan with modules and long depends_on chains', (style) => {
    const bytes = Buffer.from([...planChunks({ style, resources: 3000 })].join(''));
    const report = expectSame(bytes, `${style}.json`);
    expect(report.startsWith('blocked')).toBe(true);
  });
});

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

describe('the streamed reader on hostile files: a refusal wherever the whole-file reader refuses', () => {
  it.each([
    ['a syntax error in planned_values, which no reader uses', plan().replace('"root_module":{}', '"root_module":{,}')],
    ['a control character in a skipped string', plan(',"variables":{"a":{"value":"x\u0001y"}}').replace('\\u0001', '\u0001')],
    ['a bad escape in a skipped string', plan(',"variables":{"a":{"value":"x\\qy"}}')],
    ['a short unicode escape in a skipped string', plan(',"variables":{"a":{"value":"\\u12"}}')],
    ...['01', '1.', '-', '1e', '.5', '+1', '1e+', 'tru', 'nul', 'NaN', '0x1'].map((n) => [`the number or word ${n} in a skipped value`, plan(`,"variables":{"a":{"value":${n}}}`)]),
    ['a missing comma in a skipped list', plan(',"checks":[1 2]')],
    ['a trailing comma in a skipped object', plan(',"checks":{"a":1,}')],
    ['a list closed as an object', plan(',"checks":[1}')],
    ['text after the document', `${plan()} x`],
    ['a second document', `${plan()}{}`],
    ['a file cut short', plan().slice(0, -40)],
    ['a file cut short inside a string', plan().slice(0, plan().indexOf('aws_db_instance.main') + 5)],
    ['a look-alike key', plan(',"resource_changes ":[]')],
    ['a look-alike key spelt with an escape', plan(',"resource\\u005Fchanges\\u00a0":[]')],
    ['nesting past the limit in resource_drift', plan(`,"resource_drift":${deep(600)}`)],
    ['nesting past the limit in a change', plan('', DELETE_DB.replace('"deletion_protection":false', `"deletion_protection":${deep(600)}`))],
    ['nesting past the limit in prior_state', plan(`,"prior_state":{"values":{"root_module":{"resources":[{"address":"a.b","values":${deep(600)}}]}}}`)],
    ['nesting past the limit in the configuration', plan(`,"configuration":{"root_module":${deep(600)}}`)],
    ['child modules nested past the limit', plan(`,"prior_state":{"values":{"root_module":${'{"child_modules":['.repeat(300)}${']}'.repeat(300)}}}`)],
    ['a damaged entry', plan('', DELETE_DB.replace('"mode":"managed"', '"mode":"managedx"'))],
    ['a repeated entry', plan('', `${DELETE_DB},${DELETE_DB}`)],
    ['a change set key beside the plan', plan(',"Changes":[]')],
    ['a NUL byte in the middle', `${plan()}\u0000`],
  ])('%s', (_what, text) => {
    const bytes = Buffer.from(text, 'utf8');
    const whole = reportOf(bytes, 'hostile.json');
    expect(whole).toMatch(/^refused: /);
    expect(reportOf(bytes, 'hostile.json', 0)).toMatch(/^refused: hostile\.json: /);
  });

  it.each([
    ['nesting past the limit in planned_values, which no reader walks', plan().replace('"root_module":{}', `"root_module":{"a":${deep(2000)}}`)],
    ['a key spelt with escapes', plan().replace('"resource_changes"', '"resource\\u005fchanges"')],
    ['a repeated resource_changes: the last one counts, as with JSON.parse', plan(`,"resource_changes":[${DELETE_DB.replace(/main/g, 'other')}]`)],
    ['a repeated prior_state', plan(',"prior_state":{"values":{"root_module":{"resources":[{"address":"aws_instance.a","depends_on":["aws_db_instance.main"]}]}}},"prior_state":{"values":{"root_module":{"resources":[{"address":"aws_instance.b","depends_on":["aws_db_instance.main"]}]}}}')],
    ['prior-state keys repeated inside a resource', plan(',"prior_state":{"values":{"root_module":{"resources":[{"address":"aws_instance.a","depends_on":["x.y"],"address":"aws_instance.b","depends_on":["aws_db_instance.main"]}]}}}')],
    ['a byte order mark', `\ufeff${plan()}`],
    ['invalid UTF-8 inside strings', plan(',"variables":{"a":{"value":"\u00ff"}}')],
    ['a __proto__ key', plan(',"__proto__":{"resource_changes":[]}')],
    ['no resource_changes', plan().replace(/,"resource_changes":\[.*\]/, '')],
    ['resource_changes null', plan().replace(/"resource_changes":\[.*\]/, '"resource_changes":null')],
    ['resource_changes an object', plan().replace(/"resource_changes":\[.*\]/, '"resource_changes":{}')],
    ['format_version in a list', plan().replace('"format_version":"1.2"', '"format_version":["1.2"]')],
    ['errored as a string', plan(',"errored":"no"')],
  ])('%s: the same report', (_what, text) => {
    const bytes = Buffer.from(text, 'utf8');
    expect(reportOf(bytes, 'odd.json', 0)).toBe(reportOf(bytes, 'odd.json'));
  });

  it('invalid UTF-8 inside a string: the same report as read whole', () => {
    const text = plan(',"variables":{"a":{"value":"@@"}}');
    const bytes = Buffer.from(text, 'utf8');
    bytes.set([0xc3, 0x28], text.indexOf('@@'));
    expect(reportOf(bytes, 'odd.json', 0)).toBe(reportOf(bytes, 'odd.json'));
  });

  itCorpus('every corpus plan, read with windows of a few bytes (each value straddles reads), gives the plan read whole', () => {
    const corpus = requireCorpus();
    const files = Object.keys(JSON.parse(readFileSync(join(corpus, 'expected.json'), 'utf8')) as object).sort();
    let streamed = 0;
    for (const file of files) {
      const bytes = readFileSync(join(corpus, file));
      const whole = (() => {
        try {
          return parsePlan(bytes, file);
        } catch (error) {
          return (error as Error).message;
        }
      })();
      for (const window of [1, 7, 4096]) {
        let got;
        try {
          got = streamTerraform((into, offset, length, position) => bytes.copy(into, offset, position, Math.min(bytes.length, position + length)), bytes.length, file, { window });
        } catch (error) {
          got = (error as Error).message;
        }
        if (got === undefined) continue;
        streamed++;
        expect(got, `${file}, window ${window}`).toEqual(whole);
      }
    }
    // Only change sets and the UTF-16 plan are left to the whole-file path.
    expect(streamed).toBeGreaterThan(300);
  });
});

describe('byte-level mutations: the scanner refuses exactly what JSON.parse refuses', () => {
  // Flipped, dropped and inserted bytes (JSON's own punctuation most of all), at random places in
  // small corpus plans: read whole and in parts, the same report, or a refusal on both.
  const BYTES = [...'{}[],:"\\ \n0-.eE+tfnu'].map((c) => c.charCodeAt(0)).concat([0x00, 0x1f, 0x7f, 0xc3, 0xff]);
  itCorpus('3,000 mutations of corpus plans from a fixed seed', () => {
    const corpus = requireCorpus();
    const files = Object.keys(JSON.parse(readFileSync(join(corpus, 'expected.json'), 'utf8')) as object)
      .filter((f) => f.startsWith('terraform/'))
      .sort()
      .map((f) => readFileSync(join(corpus, f)))
      .filter((b) => b.length < 20_000);
    expect(files.length).toBeGreaterThan(30);
    const next = random(20261127);
    const failures: string[] = [];
    for (let run = 0; run < 3000 && failures.length < 5; run++) {
      const original = files[Math.floor(next() * files.length)]!;
      const at = Math.floor(next() * original.length);
      const byte = BYTES[Math.floor(next() * BYTES.length)]!;
      const how = Math.floor(next() * 3);
      const bytes = how === 0 ? Buffer.concat([original.subarray(0, at), Buffer.from([byte]), original.subarray(at + 1)]) : how === 1 ? Buffer.concat([original.subarray(0, at), original.subarray(at + 1)]) : Buffer.concat([original.subarray(0, at), Buffer.from([byte]), original.subarray(at)]);
      const whole = reportOf(bytes, 'mutated.json');
      const streamed = reportOf(bytes, 'mutated.json', 0);
      const same = whole.startsWith('refused: ') ? streamed.startsWith('refused: ') : streamed === whole;
      if (!same) failures.push(`run ${run} (${['replace', 'drop', 'insert'][how]} byte ${byte} at ${at}): whole ${whole.slice(0, 200)} | in parts ${streamed.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
