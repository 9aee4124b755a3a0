import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
// @ts-expect-error: plain JS build helper without types
import { yamlModule } from './scripts/yaml-data.mjs';

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
    globalSetup: ['test/corpus-setup.ts', 'test/cli/build-dist.ts'],
    // .ci/run asks for a JSON report to print its one-line tally.
    reporters: process.env.PLANGATE_TEST_JSON ? ['default', ['json', { outputFile: process.env.PLANGATE_TEST_JSON }]] : ['default'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
