// Bundles the CLI (and the action) into dist/: self-contained ESM that runs
// on plain Node 20+ with no install. The output is deterministic, so CI can
// check that the committed dist/ matches a fresh build.
import { readFile, rm } from 'node:fs/promises';
import { build } from 'esbuild';
import { yamlModule } from './yaml-data.mjs';

const yamlData = {
  name: 'yaml-data',
  setup(b) {
    b.onLoad({ filter: /\.yml$/ }, async (args) => ({
      contents: yamlModule(await readFile(args.path, 'utf8'), args.path),
      loader: 'js',
    }));
  },
};

// Start clean: chunk names carry content hashes, and a stale chunk must not linger.
await rm('dist', { recursive: true, force: true });

await build({
  entryPoints: { cli: 'src/cli.ts', index: 'src/index.ts' },
  outdir: 'dist',
  // Code loaded on demand (the YAML parser) goes to dist/chunks/.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  charset: 'utf8',
  plugins: [yamlData],
  banner: { js: "import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);" },
  logLevel: 'warning',
});
