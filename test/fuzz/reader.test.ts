// A bounded fuzz run of the whole check (issue 9): a few thousand mutations of
// real corpus plans and change sets, from a fixed seed, each read, analysed
// and rendered as the CLI does. Invariants: no internal error (only an
// InputError may be thrown, one bounded line), and never a pass while a
// protected resource the original plan destroyed is still visibly destroyed
// in the mutated file (a reviewer reading the JSON would see the delete).
// PLANGATE_FUZZ_RUNS and PLANGATE_FUZZ_SEED widen or move the run.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { isInputError } from '../../src/errors.js';
import { decodePlanBytes } from '../../src/plan/decode.js';
import { parsePlan } from '../../src/plan/read-plan.js';
import { defaultRuleSet } from '../../src/rules/config.js';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';
import { corpusFile, describeCorpus } from '../corpus-path.js';
import { mutate, random, visiblyDestroyed, type Json } from './mutate.js';

const RUNS = Number(process.env.PLANGATE_FUZZ_RUNS ?? 4000);
const SEED = Number(process.env.PLANGATE_FUZZ_SEED ?? 20261126);

interface Seed {
  file: string;
  doc: Json;
  /** Addresses (Terraform) or logical ids (CloudFormation) of what the original destroys under the rules, with their types. */
  protectedIds: Map<string, string>;
}

// Built once: analyse reads a rule set and never changes it, and building one (loading and validating the packs) costs as much as a small check.
const ruleSet = defaultRuleSet();

function seeds(): Seed[] {
  const expected = JSON.parse(readFileSync(corpusFile('expected.json'), 'utf8')) as Record<string, unknown>;
  const out: Seed[] = [];
  for (const file of Object.keys(expected).sort()) {
    const bytes = readFileSync(corpusFile(file));
    // Small files keep the run fast; the corpus has many of every shape.
    if (bytes.length > 150_000) continue;
    let analysis;
    try {
      analysis = analyse({ plans: [parsePlan(bytes, file)], readErrors: [], ruleSet });
    } catch {
      continue;
    }
    const ids = new Map(analysis.findings.filter((f) => f.action !== 'protection-removed').map((f) => [f.address.split('/').pop() ?? f.address, f.type] as const));
    out.push({ file, doc: JSON.parse(decodePlanBytes(bytes, file)) as Json, protectedIds: ids });
  }
  return out;
}

interface Checked {
  exit: number;
  message?: string;
  internal?: unknown;
  /** Every report, to compare the two reading paths. */
  reports?: string;
}

/** Exit status as the CLI gives it, or the internal error that broke the run; read whole, or in parts past `streamAbove` bytes. */
function check(text: string, file: string, streamAbove = Infinity): Checked {
  try {
    const analysis = analyse({ plans: [parsePlan(Buffer.from(text, 'utf8'), file, streamAbove)], readErrors: [], ruleSet });
    const reports = [renderJson(analysis), renderMarkdown(analysis), renderText(analysis, { color: false })].join('\n');
    const message = analysis.errors[0];
    return { exit: analysis.decision === 'pass' ? 0 : analysis.decision === 'blocked' ? 1 : 2, reports, ...(message ? { message } : {}) };
  } catch (error) {
    if (isInputError(error)) return { exit: 2, message: error.message };
    return { exit: -1, internal: error };
  }
}

describeCorpus('fuzzing the reader with mutations of the corpus', () => {
  it(`${RUNS} mutations from seed ${SEED}: no internal error, one bounded line per error, never a pass over a visible protected destroy, the same result read whole or in parts`, () => {
    const pool = seeds();
    expect(pool.length).toBeGreaterThan(50);
    const next = random(SEED);
    const failures: string[] = [];
    for (let run = 0; run < RUNS && failures.length < 10; run++) {
      const seed = pool[Math.floor(next() * pool.length)] as Seed;
      const doc = structuredClone(seed.doc);
      const applied = mutate(doc, next);
      const text = JSON.stringify(doc);
      const name = `fuzz-${run}-${seed.file.replace(/\//g, '__')}`;
      const got = check(text, name);
      // The same file read in parts (as plans past STREAM_ABOVE are) must give the same result, word for word.
      const streamed = check(text, name, 0);
      const where = `run ${run} (${seed.file}; ${applied.join('; ')})`;
      if (streamed.exit !== got.exit || streamed.message !== got.message || streamed.reports !== got.reports) {
        failures.push(`${where}: read in parts, exit ${streamed.exit} (${String(streamed.message ?? streamed.internal)}), read whole, exit ${got.exit} (${String(got.message ?? got.internal)})`);
      }
      if (got.exit === -1) failures.push(`${where}: internal error ${String((got.internal as Error)?.stack ?? got.internal).split('\n').slice(0, 3).join(' | ')}`);
      else if (got.message && (/[\n\r\u001b]/.test(got.message) || got.message.length > 2_000)) failures.push(`${where}: an error line that is not one bounded line: ${JSON.stringify(got.message.slice(0, 300))}`);
      else if (got.exit === 0 && visiblyDestroyed(doc, seed.protectedIds).length > 0) failures.push(`${where}: a pass, yet ${visiblyDestroyed(doc, seed.protectedIds).slice(0, 3).join(', ')} is visibly destroyed`);
    }
    expect(failures).toEqual([]);
    // Each mutation is read twice (whole and in parts): on a busy machine this passes the default 30 s.
  }, 180_000);
});
