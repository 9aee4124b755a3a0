import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
// @ts-expect-error: plain JS build helper without types
import { yamlModule } from './scripts/yaml-data.mjs';

/**
 * Vitest's order (longest last time first; without a last time, as in CI's
 * fresh clone, largest file first), but the end-to-end action tests first:
 * they spend most of their time waiting on their child processes, so started
 * first they overlap the CPU-bound unit tests instead of running alone at the end.
 */
class ActionTestsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const action = (file: TestSpecification) => file.moduleId.includes('/test/action/');
    return [...sorted.filter(action), ...sorted.filter((file) => !action(file))];
  }
}

export default defineConfig({
  // As scripts/build.mjs puts it into the bundle.
  define: { PLANGATE_VERSION: JSON.stringify((JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version) },
  plugins: [
    {
      name: 'yaml-data',
      transform(code: string, id: string) {
        return id.endsWith('.yml') ? { code: (yamlModule as (t: string, f: string) => string)(code, id), map: null } : undefined;
      },
    },
  ],
  test: {
    include: ['test/**/*.test.ts'],
    // Tests run the bundled CLI; build it once, before any test file starts.
    // The corpus setup says once whether the corpus tests run (PLANGATE_CORPUS).
    // The action tests' runs share one compile cache of the bundle.
    globalSetup: ['test/corpus-setup.ts', 'test/cli/build-dist.ts', 'test/action/compile-cache.ts'],
    // .ci/run asks for a JSON report to print its one-line tally.
    reporters: process.env.PLANGATE_TEST_JSON ? ['default', ['json', { outputFile: process.env.PLANGATE_TEST_JSON }]] : ['default'],
    testTimeout: 30_000,
    // Only the action tests run concurrently (each mostly waits on its child process).
    // Set here, not by vi.setConfig in a file: a worker that runs several files
    // keeps the limit it had when its first file ran.
    maxConcurrency: 32,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: a single worker on a
    // two-core machine, which leaves a core idle while the action tests wait on
    // their child processes and the unit tests wait for them.
    maxWorkers: Math.max(2, availableParallelism()),
    // A worker runs file after file, evaluating src/ and the fake GitHub's
    // schemas once instead of once per file (about a quarter of the CPU of the
    // files other than the action tests).
    // No test depends on a fresh module: the suite passes with its files in
    // random order (sequence: { shuffle: { files: true } } instead of the sequencer).
    isolate: false,
    sequence: { sequencer: ActionTestsFirst },
  },
});
