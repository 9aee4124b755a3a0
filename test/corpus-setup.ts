// vitest globalSetup: says once, for the whole run, that the corpus tests are
// skipped and how to run them; fails the run when PLANGATE_CORPUS points nowhere.
import { corpusProblem, HAS_CORPUS, SKIP_LINE } from './corpus-path.js';

export default function corpusSetup(): void {
  const problem = corpusProblem();
  if (problem) {
    // One line, no stack: the fix is in the message.
    const error = new Error(problem);
    error.stack = problem;
    throw error;
  }
  if (!HAS_CORPUS) console.log(SKIP_LINE);
}
