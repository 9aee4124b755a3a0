// Issue 11, item 6: plans with names. `prod=plans/prod.json`, one per line or
// comma-separated, brace globs kept whole, every pattern problem named once, and
// labels that can only name a plan, never hide one.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { getInputs } from '../../src/github/inputs.js';
import { expandPlanPatterns } from '../../src/github/plan-files.js';
import { checkLabels, expandBraces, parsePlanSpec, splitPlanList } from '../../src/plan-spec.js';

const dir = mkdtempSync(join(tmpdir(), 'plangate-plans-'));
for (const name of ['prod.json', 'staging.json', 'dev.json']) writeFileSync(join(dir, name), '{}');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const shown = (name: string) => relative(process.cwd(), join(dir, name));

describe('the plans list', () => {
  it('splits lines, and commas outside braces only', () => {
    expect(splitPlanList('a.json, b.json\nplans/{prod,staging}.json\n\n  prod=p/{x,y}.json , c.json ')).toEqual(['a.json', 'b.json', 'plans/{prod,staging}.json', 'prod=p/{x,y}.json', 'c.json']);
  });

  it('reads LABEL=PATH; a path with = past its first directory, or after ./, is a path', () => {
    expect(parsePlanSpec('prod=plans/prod.json')).toEqual({ label: 'prod', pattern: 'plans/prod.json' });
    expect(parsePlanSpec('plans/env=prod/plan.json')).toEqual({ pattern: 'plans/env=prod/plan.json' });
    expect(parsePlanSpec('./a=b.json')).toEqual({ pattern: './a=b.json' });
    // A label is a name: not a path, no spaces, dots or look-alike characters.
    expect(parsePlanSpec('prod.json=x.json')).toEqual({ pattern: 'prod.json=x.json' });
    expect(parsePlanSpec('pr\u0430d=x.json')).toEqual({ pattern: 'pr\u0430d=x.json' });
  });

  it.each([
    [['prod=a.json', 'prod=b.json'], /label "prod" is given to two plans/],
    [['prod=a.json', 'staging=a.json'], /"a\.json" is labelled both "prod" and "staging"/],
    [['prod='], /label "prod" names no plan/],
    [['b=x.json', 'b'], /label "b" is also the path of a plan/],
  ])('refuses labels that could confuse which file is which: %j', (items, message) => {
    expect(() => checkLabels(items.map(parsePlanSpec), 'plans')).toThrow(message);
  });

  it('expands braces, and refuses a pattern that stands for too many paths before expanding it', () => {
    expect(expandBraces('plans/{prod,staging}.json', 'plans')).toEqual(['plans/prod.json', 'plans/staging.json']);
    expect(() => expandBraces('p/{1..1000000}.json', 'plans')).toThrow(/stands for more than 256 paths/);
    expect(() => expandBraces(`p/${'{a,b}'.repeat(30)}.json`, 'plans')).toThrow(/stands for more than 256 paths/);
  });
});

describe('expandPlanPatterns', () => {
  it('a brace glob matches each file; a label goes with its one file', async () => {
    const result = await expandPlanPatterns([{ pattern: join(dir, '{prod,staging}.json') }, { pattern: join(dir, 'dev.json'), label: 'dev' }]);
    expect(result).toEqual({ files: [shown('prod.json'), shown('staging.json'), shown('dev.json')], labels: { [shown('dev.json')]: 'dev' } });
  });

  it('names every pattern that matches nothing in one message, each once', async () => {
    const missing = join(dir, 'missing.json');
    const error = await expandPlanPatterns([{ pattern: missing }, { pattern: join(dir, 'prod.json') }, { pattern: missing }, { pattern: join(dir, 'gone-*.json') }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    const message = (error as InputError).message;
    expect(message.split('missing.json').length - 1).toBe(1);
    expect(message).toContain('gone-*.json');
    expect(message).toMatch(/plangate never passes without a plan$/);
  });

  it('a label on a glob that matches several files is an error: a label names one plan', async () => {
    const error = await expandPlanPatterns([{ pattern: join(dir, '*.json'), label: 'all' }]).catch((e: unknown) => e);
    expect((error as InputError).message).toMatch(/labels 3 files, but a label names one plan/);
  });
});

describe('the plans input', () => {
  const env = { ...process.env };
  afterEach(() => {
    process.env = { ...env };
  });

  it('reads labels, one per line or comma-separated, and keeps brace globs whole', () => {
    process.env.INPUT_PLANS = 'prod=plans/prod.json\nplans/{a,b}.json, staging=plans/staging.json';
    const inputs = getInputs({ token: 't', statusContext: 'plangate', mode: 'decide' });
    expect(inputs.plans).toEqual([{ label: 'prod', pattern: 'plans/prod.json' }, { pattern: 'plans/{a,b}.json' }, { label: 'staging', pattern: 'plans/staging.json' }]);
  });

  it('refuses a label given twice', () => {
    process.env.INPUT_PLANS = 'prod=a.json\nprod=b.json';
    expect(() => getInputs({ token: 't', statusContext: 'plangate', mode: 'decide' })).toThrow(/^plans: label "prod" is given to two plans/);
  });
});
