// Where the shared corpus of real plans is, and whether the corpus tests run.
// Only PLANGATE_CORPUS enables them: a fresh clone skips them (test/corpus-setup.ts
// prints one line saying how to enable them); PLANGATE_CORPUS naming a
// directory without expected.json fails the run instead of skipping.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const configured = process.env.PLANGATE_CORPUS?.trim() ? resolve(process.env.PLANGATE_CORPUS) : undefined;

/** The corpus directory, or undefined when PLANGATE_CORPUS is not set. */
export const CORPUS_DIR: string | undefined = configured;

/** True when the corpus tests run. */
export const HAS_CORPUS = configured !== undefined;

/** The one-line reason the run cannot go on, or undefined: PLANGATE_CORPUS set to a directory without expected.json. */
export function corpusProblem(): string | undefined {
  if (configured === undefined || existsSync(join(configured, 'expected.json'))) return undefined;
  return `PLANGATE_CORPUS=${process.env.PLANGATE_CORPUS} has no expected.json: point it at the corpus directory, or unset it to skip the corpus tests`;
}

export const SKIP_LINE = 'corpus tests skipped: PLANGATE_CORPUS is not set; run them with PLANGATE_CORPUS=/path/to/corpus npm test';

/** The corpus directory; throws when the corpus tests are off (a test that needs it must be marked with describeCorpus or itCorpus). */
export function requireCorpus(): string {
  if (configured === undefined) throw new Error('this test reads the corpus but is not marked describeCorpus/itCorpus: it would fail without PLANGATE_CORPUS');
  const problem = corpusProblem();
  if (problem) throw new Error(problem);
  return configured;
}

/** A path inside the corpus (see requireCorpus). */
export function corpusFile(relative: string): string {
  return join(requireCorpus(), relative);
}

/** describe / it that run only with the corpus. */
export const describeCorpus = describe.skipIf(!HAS_CORPUS);
export const itCorpus = it.skipIf(!HAS_CORPUS);
