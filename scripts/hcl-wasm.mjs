// esbuild plugin that ships @cdktf/hcl2json (a Go program compiled to
// WebAssembly) in the bundle, so dist/ runs with no node_modules:
//  - the package reads ../main.wasm.gz next to its own lib/ (via __dirname);
//    the bundle reads hcl2json.wasm.gz next to the chunk holding the parser,
//    and the plugin copies the file there once the build is written;
//  - its `fs-extra` dependency is replaced by node:fs (fs-extra would bring
//    graceful-fs, which patches the process's fs), and `path`/`zlib` come from
//    node: imports, so the chunk needs no `require` from the banner;
//  - `require("performance")` (only for Node < 16) is left external.
// scripts/build.mjs and test/plan/terraform-source.test.ts both use it.
import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

export const WASM_FILE = 'hcl2json.wasm.gz';

const PACKAGE_DIR = dirname(createRequire(import.meta.url).resolve('@cdktf/hcl2json/package.json'));
const WASM_SOURCE = join(PACKAGE_DIR, 'main.wasm.gz');

const NAMESPACE = 'hcl-wasm';
const LOCATION = 'location';
// The package's own file, through which it is loaded.
const IN_PACKAGE = /[\\/]@cdktf[\\/]hcl2json[\\/]/;
const BRIDGE = /[\\/]@cdktf[\\/]hcl2json[\\/]lib[\\/]bridge\.js$/;
// Exactly what bridge.js 0.21 says; anything else fails the build rather than ship a parser that cannot start.
const WASM_PATH = '(0, path_1.join)(__dirname, "..", "main.wasm.gz")';

/** Node built-ins the package and its Go runtime require by bare name: ESM shims over node:NAME. */
const BUILTINS = ['fs', 'path', 'zlib', 'util', 'crypto'];

export const hclWasm = {
  name: 'hcl-wasm',
  setup(build) {
    // onEnd needs to know which output holds the parser.
    build.initialOptions.metafile = true;

    build.onResolve({ filter: /^fs-extra$/ }, (args) => (IN_PACKAGE.test(args.importer) ? { path: 'fs', namespace: NAMESPACE } : undefined));
    build.onResolve({ filter: new RegExp(`^(${BUILTINS.join('|')})$`) }, (args) => (IN_PACKAGE.test(args.importer) ? { path: args.path, namespace: NAMESPACE } : undefined));
    build.onResolve({ filter: /^performance$/ }, (args) => (IN_PACKAGE.test(args.importer) ? { path: 'performance', external: true } : undefined));
    build.onResolve({ filter: new RegExp(`^${NAMESPACE}:${LOCATION}$`) }, () => ({ path: LOCATION, namespace: NAMESPACE }));

    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
      if (args.path === LOCATION) {
        // Bundled into the same chunk as bridge.js: import.meta.url is that chunk.
        return {
          contents: `import { fileURLToPath } from 'node:url';\nexport const wasmPath = fileURLToPath(new URL('./${WASM_FILE}', import.meta.url));\n`,
          loader: 'js',
        };
      }
      // fs-extra's promise readFile is the one call bridge.js makes beyond node:fs.
      const extra = args.path === 'fs' ? `export const readFile = (path) => ns.promises.readFile(path);\n` : '';
      return { contents: `import * as ns from 'node:${args.path}';\nexport * from 'node:${args.path}';\n${extra}`, loader: 'js' };
    });

    build.onLoad({ filter: BRIDGE }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(args.path, 'utf8');
      if (source.split(WASM_PATH).length !== 2) {
        throw new Error(`${args.path}: does not load main.wasm.gz as scripts/hcl-wasm.mjs expects; update the plugin for this @cdktf/hcl2json version`);
      }
      return { contents: source.replace(WASM_PATH, `require("${NAMESPACE}:${LOCATION}").wasmPath`), loader: 'js' };
    });

    build.onEnd(async (result) => {
      if (result.errors.length > 0 || !result.metafile) return;
      const cwd = build.initialOptions.absWorkingDir ?? process.cwd();
      const holders = Object.entries(result.metafile.outputs)
        .filter(([, output]) => Object.keys(output.inputs).some((input) => input === `${NAMESPACE}:${LOCATION}`))
        .map(([path]) => path);
      for (const path of holders) {
        const dir = dirname(resolve(cwd, path));
        await mkdir(dir, { recursive: true });
        await copyFile(WASM_SOURCE, join(dir, WASM_FILE));
      }
    });
  },
};
