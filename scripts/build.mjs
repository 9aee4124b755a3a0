// Bundles the CLI (and the action) into dist/: self-contained ESM that runs
// on plain Node 20+ with no install. The output is deterministic, so CI can
// check that the committed dist/ matches a fresh build.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { hclWasm } from './hcl-wasm.mjs';
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

const result = await build({
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
  // hclWasm: the Terraform HCL parser's WebAssembly ships as dist/chunks/hcl2json.wasm.gz.
  plugins: [yamlData, hclWasm],
  banner: { js: "import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);" },
  // `plangate --version` and the SARIF log's tool version.
  define: { PLANGATE_VERSION: JSON.stringify(JSON.parse(await readFile('package.json', 'utf8')).version) },
  logLevel: 'warning',
  metafile: true,
  // A git worktree's node_modules is often a symlink to the main checkout's: paths through the link
  // keep the bundle (and its chunk names) byte-identical to a build in the main checkout.
  preserveSymlinks: true,
});

// dist/ runs on its own (copied without the repository, it is still ESM).
await writeFile('dist/package.json', '{\n  "type": "module"\n}\n');
await writeFile('dist/THIRD-PARTY-LICENSES.txt', await thirdPartyLicenses(result.metafile));

/** The licence of every package bundled into dist/, from its package.json and LICENSE file. */
async function thirdPartyLicenses(metafile) {
  const packages = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) packages.add(match[1]);
  }
  const sections = [];
  for (const dir of [...packages].sort()) {
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    const files = (await readdir(dir)).filter((f) => /^(licen[sc]e|copying|notice)/i.test(f)).sort();
    const texts = await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')));
    sections.push([`${pkg.name}@${pkg.version} (${pkg.license ?? 'see below'})`, ...texts.map((t) => t.trim())].join('\n\n'));
  }
  // The HCL parser's WebAssembly is compiled Go: hashicorp/hcl (MPL-2.0), tmccombs/hcl2json (Apache-2.0), Go's runtime (BSD-3-Clause).
  sections.push('dist/chunks/hcl2json.wasm.gz: built by @cdktf/hcl2json from github.com/hashicorp/hcl (MPL-2.0), github.com/tmccombs/hcl2json (Apache-2.0) and the Go standard library (BSD-3-Clause)');
  return `Third-party software bundled into dist/\n\n${sections.join(`\n\n${'-'.repeat(72)}\n\n`)}\n`;
}
