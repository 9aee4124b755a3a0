import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The shared corpus of real plans: PLANGATE_CORPUS, or ../shared/corpus beside the repository. */
export const CORPUS_DIR = process.env.PLANGATE_CORPUS || resolve(REPO_ROOT, '../shared/corpus');

export function requireCorpus(): string {
  if (!existsSync(resolve(CORPUS_DIR, 'expected.json'))) {
    throw new Error(`corpus not found at ${CORPUS_DIR}: set PLANGATE_CORPUS to the directory holding expected.json`);
  }
  return CORPUS_DIR;
}
