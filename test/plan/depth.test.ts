// Issue 9, root cause 6: values, sensitivity masks, NoEcho contexts, modules
// and state were walked recursively, so a few thousand levels of nesting
// overflowed the stack with a message that did not name the file. One check
// of the whole document now refuses anything deeper than MAX_DEPTH, naming the
// file, the limit and where; every walker recurses at most that deep.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { checkDepth, MAX_DEPTH } from '../../src/plan/depth.js';
import { describeCorpus, itCorpus } from '../corpus-path.js';
import { corpusJson, parseDoc, refusal } from './fixtures.js';

type Doc = Record<string, unknown>;

/** JSON text of `levels` objects nested under "a", with `leaf` innermost. */
function nested(levels: number, leaf = '1'): string {
  return `${'{"a":'.repeat(levels - 1)}{"a":${leaf}}${'}'.repeat(levels - 1)}`;
}

/** A document's JSON with each "@@NAME@@" string replaced by raw JSON text (too deep for JSON.stringify to build). */
function withRaw(doc: unknown, raw: Record<string, string>): string {
  let text = JSON.stringify(doc);
  for (const [name, json] of Object.entries(raw)) text = text.replace(`"@@${name}@@"`, () => json);
  return text;
}

const BASIC_DELETE = 'terraform/terraform__hashicorp-terraform__show-json-basic-delete.json';
const NESTED_MODULES = 'terraform/terraform__checkov__nested-child-modules.json';

/** The corpus plan whose delete has a `deep` attribute in its before value, marked sensitive all the way down. */
function deepBefore(levels: number): string {
  const doc = corpusJson(BASIC_DELETE);
  const change = ((doc.resource_changes as Doc[])[1] as { change: Doc }).change;
  change.before = { ...(change.before as Doc), deep: '@@VALUE@@' };
  change.before_sensitive = { deep: '@@MASK@@' };
  return withRaw(doc, { VALUE: nested(levels), MASK: nested(levels, 'true') });
}

/** The corpus plan with a chain of `count` child modules in prior_state (two levels each: object and list). */
function deepModules(count: number): string {
  const doc = corpusJson(NESTED_MODULES);
  const root = ((doc.prior_state as Doc).values as Doc).root_module as { child_modules: Doc[] };
  const module = root.child_modules[0] as Doc;
  const open = JSON.stringify({ ...module, child_modules: ['@@'] }).replace(/"@@"\]\}$/, '');
  root.child_modules = ['@@CHAIN@@' as unknown as Doc];
  return withRaw(doc, { CHAIN: `${open.repeat(count)}{}${']}'.repeat(count)}` });
}

describeCorpus('documents nested about 5,000 levels', () => {
  it('in a before value and its sensitivity mask: refused, naming the file, the limit and the path', () => {
    const message = refusal(deepBefore(5000), 'deep.json');
    expect(message).toMatch(new RegExp(`^deep\\.json: nests lists and objects deeper than ${MAX_DEPTH} levels \\(at \\$\\.resource_changes\\[1\\]\\.change\\.(before|before_sensitive)\\.deep\\.a\\.a\\.a\\.…\\.a\\.a\\.a\\)`));
    expect(message.length).toBeLessThan(400);
  });

  it('in prior_state modules: refused, not a stack overflow in the state walker', () => {
    const message = refusal(deepModules(5000), 'modules.json');
    expect(message).toMatch(/^modules\.json: nests lists and objects deeper than 512 levels \(at \$\.prior_state\.values\.root_module\.child_modules\[0\]\.child_modules\[0\]\.child_modules\.…/);
  });

  it('in configuration module calls', () => {
    const doc = corpusJson(NESTED_MODULES);
    const calls = (doc.configuration as { root_module: { module_calls: Record<string, Doc> } }).root_module.module_calls;
    const call = calls.s3_bucket as Doc;
    const open = JSON.stringify({ ...call, module: { module_calls: { inner: '@@' } } }).replace(/"@@"\}\}\}$/, '');
    calls.s3_bucket = '@@CHAIN@@' as unknown as Doc;
    const text = withRaw(doc, { CHAIN: `${open.repeat(2000)}{}${'}}}'.repeat(2000)}` });
    expect(refusal(text)).toMatch(/at \$\.configuration\.root_module\.module_calls\.s3_bucket\.module\.module_calls\.inner/);
  });

  it('in a change set, and in a BeforeContext that is JSON inside a string', () => {
    const doc = corpusJson('cloudformation/cloudformation__localstack__modify-noecho-parameter.json');
    const rc = ((doc.Changes as Doc[])[0] as { ResourceChange: Doc }).ResourceChange;
    rc.Details = '@@DEEP@@';
    expect(refusal(withRaw(doc, { DEEP: `[${nested(5000)}]` }))).toMatch(/at \$\.Changes\[0\]\.ResourceChange\.Details\[0\]\.a\.a/);
    rc.Details = [];
    rc.BeforeContext = JSON.stringify({ Properties: '@@DEEP@@' }).replace('"@@DEEP@@"', nested(20000, '"****"'));
    expect(refusal(doc)).toMatch(/nests lists and objects deeper than 512 levels \(at Changes\[0\] \("LocalBucket"\): BeforeContext\.Properties\.a\.a/);
  });

  it('a key of a megabyte on the path is cut short', () => {
    const key = 'k'.repeat(1 << 20);
    const text = deepBefore(5000).replace('"deep":{', `"${key}":{`).replace('"deep":{', `"${key}":{`);
    const message = refusal(text);
    expect(message).toContain('… (');
    expect(message.length).toBeLessThan(600);
  });
});

describe('the limit', () => {
  it(`is ${MAX_DEPTH} levels: one more is refused`, () => {
    expect(() => checkDepth(JSON.parse(nested(MAX_DEPTH)), 'x.json')).not.toThrow();
    expect(() => checkDepth(JSON.parse(nested(MAX_DEPTH + 1)), 'x.json')).toThrow(/x\.json: nests lists and objects deeper than 512 levels/);
    expect(() => checkDepth(JSON.parse(`[${nested(MAX_DEPTH)}]`), 'x.json')).toThrow(/\(at \$\[0\]\.a\.a/);
    // Checked before the format is known, so whatever the document is.
    expect(refusal(`[${nested(MAX_DEPTH)}]`, 'x.json')).toMatch(/^x\.json: nests lists and objects deeper than 512 levels \(at \$\[0\]\.a\.a\.a/);
  });

  itCorpus('lets every walker read a plan exactly that deep: values, masks, modules, state, the report', async () => {
    // $ → resource_changes → [1] → change → before → deep: the value's own levels start at 6.
    const plan = parseDoc(JSON.parse(deepBefore(MAX_DEPTH - 5)));
    // The mask marks the innermost leaf: redaction walked all the way down.
    expect(JSON.stringify(plan.changes.find((c) => c.action === 'delete')?.before)).toMatch(/\{"a":"\(sensitive\)"\}+$/);
    expect(() => parseDoc(JSON.parse(deepBefore(MAX_DEPTH - 4)))).toThrow(/deeper than 512 levels/);
    // prior_state → values → root_module → child_modules → [0]: 4 levels, then 2 per module.
    parseDoc(JSON.parse(deepModules((MAX_DEPTH - 5) / 2 - 1)));

    const out: string[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'plangate-depth-'));
    const unmasked = JSON.parse(deepBefore(MAX_DEPTH - 5)) as Doc;
    ((unmasked.resource_changes as Doc[])[1] as { change: Doc }).change.before_sensitive = {};
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(unmasked));
    writeFileSync(join(dir, 'modules.json'), deepModules((MAX_DEPTH - 5) / 2 - 1));
    for (const format of ['json', 'markdown', 'text']) {
      const code = await runCli(['check', '--format', format, join(dir, 'plan.json'), join(dir, 'modules.json')], { stdout: (t) => out.push(t), stderr: (t) => out.push(t), isTTY: false, env: {} });
      expect(code, out.join('')).not.toBe(2);
    }
    rmSync(dir, { recursive: true, force: true });
  });
});
