import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, parse as parsePath, relative } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { PreventDestroyMap, preventDestroyFromFiles, readPreventDestroy, removedPreventDestroy, type SourceFile } from '../../src/plan/terraform-source.js';
// @ts-expect-error: plain JS build helper without types
import * as hclWasmHelper from '../../scripts/hcl-wasm.mjs';
import { fixturePath, ROOT } from './fixtures.js';

const { hclWasm, WASM_FILE } = hclWasmHelper as { hclWasm: Plugin; WASM_FILE: string };

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plangate-tf-'));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, contents] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), contents);
  }
}

const files = (tree: Record<string, string>): SourceFile[] => Object.entries(tree).map(([path, contents]) => ({ path, contents }));

const bucket = (name: string, lifecycle = '') => `resource "aws_s3_bucket" "${name}" {\n  bucket = "${name}"\n${lifecycle ? `  lifecycle {\n    ${lifecycle}\n  }\n` : ''}}\n`;

describe('fixtures/weakening base → head', () => {
  const base = fixturePath('weakening/base');
  const head = fixturePath('weakening/head');

  it('reads prevent_destroy from the root module and a local module', async () => {
    const protectedInBase = await readPreventDestroy(base);
    expect([...protectedInBase]).toEqual([
      ['aws_db_instance.orders', { type: 'aws_db_instance', file: join(base, 'main.tf') }],
      ['aws_s3_bucket.uploads', { type: 'aws_s3_bucket', file: join(base, 'main.tf') }],
      ['module.audit_logs.aws_cloudwatch_log_group.this', { type: 'aws_cloudwatch_log_group', file: join(base, 'modules/audit-logs/main.tf') }],
    ]);
    expect([...(await readPreventDestroy(head)).keys()]).toEqual(['aws_s3_bucket.uploads', 'module.audit_logs.aws_cloudwatch_log_group.this']);
  });

  it('finds exactly the removed prevent_destroy', async () => {
    const removed = removedPreventDestroy(await readPreventDestroy(base), await readPreventDestroy(head));
    expect(removed).toEqual([
      {
        address: 'aws_db_instance.orders',
        type: 'aws_db_instance',
        file: join(base, 'main.tf'),
        weakening: {
          guard: 'lifecycle.prevent_destroy',
          from: 'true',
          to: '(removed)',
          description: 'lifecycle.prevent_destroy removed (true → (removed)): Terraform will no longer refuse to destroy it',
        },
      },
    ]);
  });

  it('finds nothing when the configuration is unchanged', async () => {
    expect(removedPreventDestroy(await readPreventDestroy(base), await readPreventDestroy(base))).toEqual([]);
  });
});

describe('preventDestroyFromFiles', () => {
  const removedBetween = async (before: Record<string, string>, after: Record<string, string>, root?: string) =>
    removedPreventDestroy(await preventDestroyFromFiles(files(before), root), await preventDestroyFromFiles(files(after), root)).map((r) => [r.address, r.weakening.to, r.file]);

  it('tells prevent_destroy = false from a removed lifecycle and a removed resource', async () => {
    const before = { 'main.tf': bucket('a', 'prevent_destroy = true') + bucket('b', 'prevent_destroy = true') + bucket('c', 'prevent_destroy = true') };
    const after = { 'main.tf': bucket('a', 'prevent_destroy = false') + bucket('b', 'create_before_destroy = true') };
    expect(await removedBetween(before, after)).toEqual([
      ['aws_s3_bucket.a', 'false', 'main.tf'],
      ['aws_s3_bucket.b', '(removed)', 'main.tf'],
      ['aws_s3_bucket.c', '(removed)', 'main.tf'],
    ]);
    const [, , gone] = removedPreventDestroy(await preventDestroyFromFiles(files(before)), await preventDestroyFromFiles(files(after)));
    expect(gone?.weakening.description).toBe(
      'lifecycle.prevent_destroy removed with the resource itself (true → (removed)): nothing stops Terraform destroying it unless a removed block sets destroy = false',
    );
  });

  it('counts an expression as true, and "false" as false', async () => {
    const map = await preventDestroyFromFiles(files({ 'main.tf': bucket('expr', 'prevent_destroy = var.protect') + bucket('str', 'prevent_destroy = "false"') + bucket('lit', 'prevent_destroy = true') }));
    expect([...map.keys()]).toEqual(['aws_s3_bucket.expr', 'aws_s3_bucket.lit']);
    expect(map.unguarded.get('aws_s3_bucket.str')).toEqual({ type: 'aws_s3_bucket', file: 'main.tf', preventDestroy: 'false' });
  });

  it('an expression keeps the guard only when the base had the same one: Terraform evaluates it, plangate cannot', async () => {
    const same = { 'main.tf': bucket('b', 'prevent_destroy = var.protect') };
    expect(await removedBetween(same, same)).toEqual([]);
    const removed = await removedBetween({ 'main.tf': bucket('b', 'prevent_destroy = true') }, { 'main.tf': bucket('b', 'prevent_destroy = 1 == 2') });
    expect(removed).toHaveLength(1);
    const [gone] = removedPreventDestroy(await preventDestroyFromFiles(files({ 'main.tf': bucket('b', 'prevent_destroy = true') })), await preventDestroyFromFiles(files({ 'main.tf': bucket('b', 'prevent_destroy = "0"') })));
    expect(gone?.weakening).toMatchObject({ from: 'true', to: 'false' });
  });

  it('follows moved blocks in the head', async () => {
    const before = { 'main.tf': bucket('old', 'prevent_destroy = true') };
    const after = { 'main.tf': `${bucket('new', 'prevent_destroy = true')}moved {\n  from = aws_s3_bucket.old\n  to   = aws_s3_bucket.new\n}\n` };
    expect(await removedBetween(before, after)).toEqual([]);
    const intoModule = {
      'main.tf': 'module "store" {\n  source = "./store"\n}\nmoved {\n  from = aws_s3_bucket.old\n  to   = module.store.aws_s3_bucket.old\n}\n',
      'store/main.tf': bucket('old', 'prevent_destroy = true'),
    };
    expect(await removedBetween(before, intoModule)).toEqual([]);
    const unguardedAfterMove = { 'main.tf': `${bucket('new')}moved {\n  from = aws_s3_bucket.old\n  to   = aws_s3_bucket.new\n}\n` };
    expect(await removedBetween(before, unguardedAfterMove)).toEqual([['aws_s3_bucket.old', '(removed)', 'main.tf']]);
  });

  it('reads nested local modules under a root, keyed module.A.module.B.TYPE.NAME', async () => {
    const tree = {
      'infra/main.tf': 'module "data" {\n  source = "./modules/data"\n}\nmodule "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "5.8.1"\n}\n',
      'infra/modules/data/main.tf': `${bucket('lake', 'prevent_destroy = true')}module "archive" {\n  source = "../archive"\n}\n`,
      'infra/modules/archive/main.tf': bucket('cold', 'prevent_destroy = true'),
      'other/main.tf': bucket('elsewhere', 'prevent_destroy = true'),
    };
    const map = await preventDestroyFromFiles(files(tree), 'infra/');
    expect([...map]).toEqual([
      ['module.data.aws_s3_bucket.lake', { type: 'aws_s3_bucket', file: 'infra/modules/data/main.tf' }],
      ['module.data.module.archive.aws_s3_bucket.cold', { type: 'aws_s3_bucket', file: 'infra/modules/archive/main.tf' }],
    ]);
  });

  it('merges override files last, as Terraform does', async () => {
    const map = await preventDestroyFromFiles(
      files({
        'main.tf': bucket('a', 'prevent_destroy = true') + bucket('b'),
        'a_override.tf': 'resource "aws_s3_bucket" "a" {\n  lifecycle {\n    prevent_destroy = false\n  }\n}\n',
        'override.tf': 'resource "aws_s3_bucket" "b" {\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n',
      }),
    );
    expect([...map]).toEqual([['aws_s3_bucket.b', { type: 'aws_s3_bucket', file: 'override.tf' }]]);
  });

  it('reads .tf.json, with blocks as objects or lists', async () => {
    const map = await preventDestroyFromFiles(
      files({
        'main.tf.json': JSON.stringify({
          resource: {
            aws_s3_bucket: { a: { bucket: 'a', lifecycle: { prevent_destroy: true } } },
            aws_db_instance: { b: [{ lifecycle: [{ prevent_destroy: '${var.protect}' }] }], c: { lifecycle: { prevent_destroy: false } } },
          },
        }),
      }),
    );
    expect([...map.keys()]).toEqual(['aws_s3_bucket.a', 'aws_db_instance.b']);
  });

  it('gives an empty map for a root without files, and an InputError for a module without them', async () => {
    expect((await preventDestroyFromFiles(files({ 'other/main.tf': bucket('a', 'prevent_destroy = true') }))).size).toBe(0);
    const call = { 'main.tf': 'module "gone" {\n  source = "./gone"\n}\n' };
    await expect(preventDestroyFromFiles(files(call))).rejects.toThrow(InputError);
    await expect(preventDestroyFromFiles(files(call))).rejects.toThrow('module.gone (source "./gone", in main.tf): its directory gone holds no .tf or .tofu files');
  });

  it('refuses a module that calls itself', async () => {
    const tree = { 'main.tf': 'module "a" {\n  source = "./a"\n}\n', 'a/main.tf': 'module "back" {\n  source = "../"\n}\n' };
    await expect(preventDestroyFromFiles(files(tree))).rejects.toThrow(/module\.a\.module\.back .*calls itself/);
  });

  it('names the file and the line of bad HCL', async () => {
    const tree = { 'main.tf': bucket('a', 'prevent_destroy = true'), 'broken.tf': 'resource "aws_s3_bucket" "b" {\n  lifecycle {\n    prevent_destroy =\n  }\n}\n' };
    const error = await preventDestroyFromFiles(files(tree)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).source).toBe('broken.tf');
    expect((error as Error).message).toMatch(/^broken\.tf: is not valid HCL \(line 3, column \d+: Invalid expression; .*\): fix it so `terraform validate` passes$/);
  });

  it('a plain Map head reports every missing guard as removed', () => {
    const base = new Map([['aws_s3_bucket.a', { type: 'aws_s3_bucket', file: 'main.tf' }]]);
    expect(removedPreventDestroy(base, new Map()).map((r) => r.weakening.to)).toEqual(['(removed)']);
    expect(removedPreventDestroy(base, base)).toEqual([]);
    expect(new PreventDestroyMap()).toBeInstanceOf(Map);
  });
});

describe('readPreventDestroy fails closed', () => {
  it('on bad HCL, naming the file', async () => {
    const dir = tempDir();
    await writeTree(dir, { 'main.tf': bucket('a', 'prevent_destroy = true'), 'bad.tf': 'resource "aws_s3_bucket" "b" {\n' });
    const error = await readPreventDestroy(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(new RegExp(`^${escape(join(dir, 'bad.tf'))}: is not valid HCL \\(line 1, column \\d+: Unclosed configuration block; .*\\): fix it`));
    expect((error as Error).message).not.toMatch(/\n/);
  });

  it('on bad .tf.json, naming the file', async () => {
    const dir = tempDir();
    await writeTree(dir, { 'main.tf.json': '{"resource": ' });
    await expect(readPreventDestroy(dir)).rejects.toThrow(new RegExp(`^${escape(join(dir, 'main.tf.json'))}: is not valid JSON`));
  });

  it('on a missing directory, a file, or a directory without .tf files', async () => {
    const dir = tempDir();
    await writeTree(dir, { 'README.md': '# nothing\n', 'main.tf': bucket('a') });
    await expect(readPreventDestroy(join(dir, 'nope'))).rejects.toThrow(`${join(dir, 'nope')}: no such directory: pass the directory holding the Terraform configuration`);
    await expect(readPreventDestroy(join(dir, 'main.tf'))).rejects.toThrow(`${join(dir, 'main.tf')}: is not a directory`);
    const empty = tempDir();
    await writeTree(empty, { 'README.md': '# nothing\n' });
    await expect(readPreventDestroy(empty)).rejects.toThrow(`${empty}: holds no .tf, .tf.json, .tofu or .tofu.json files: pass the directory of the root module`);
  });

  it('on a module source that is not there', async () => {
    const dir = tempDir();
    await writeTree(dir, { 'main.tf': 'module "db" {\n  source = "./modules/db"\n}\n' });
    await expect(readPreventDestroy(dir)).rejects.toThrow(`module.db (source "./modules/db", in ${join(dir, 'main.tf')}): its directory ${join(dir, 'modules/db')} cannot be read (ENOENT): fix the module source`);
  });
});

describe('bundled with scripts/hcl-wasm.mjs', () => {
  it('parses a .tf file with plain node and no node_modules', async () => {
    const dir = tempDir();
    const out = join(dir, 'dist');
    // The same esbuild settings as scripts/build.mjs, without its `require` banner: the parser's chunk must not need it.
    await build({
      entryPoints: { 'terraform-source': join(ROOT, 'src/plan/terraform-source.ts') },
      outdir: out,
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      legalComments: 'none',
      charset: 'utf8',
      plugins: [hclWasm],
      logLevel: 'silent',
      absWorkingDir: ROOT,
    });
    const outputs = listFiles(out);
    expect(outputs.filter((f) => f.endsWith(WASM_FILE))).toEqual([`chunks/${WASM_FILE}`]);
    expect(readFileSync(join(out, 'chunks', WASM_FILE))).toEqual(readFileSync(join(ROOT, 'node_modules/@cdktf/hcl2json/main.wasm.gz')));
    // Only relative chunks and node: built-ins are imported (`__require` included); the one bare require is Node < 16's "performance", never reached.
    for (const file of outputs.filter((f) => f.endsWith('.js'))) {
      const text = readFileSync(join(out, file), 'utf8');
      const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|require\s*\(\s*)["']([^"']+)["']/g)].map((m) => m[1] as string);
      expect(specifiers.filter((s) => !s.startsWith('./') && !s.startsWith('../') && !s.startsWith('node:') && s !== 'performance')).toEqual([]);
    }
    expect(ancestorsWithNodeModules(dir)).toEqual([]);

    await writeTree(dir, { 'tf/main.tf': bucket('kept', 'prevent_destroy = true') + bucket('plain') });
    writeFileSync(
      join(dir, 'run.mjs'),
      "import { readPreventDestroy } from './dist/terraform-source.js';\nconst map = await readPreventDestroy('tf');\nconsole.log(JSON.stringify([...map.keys()]));\n",
    );
    const stdout = execFileSync(process.execPath, ['run.mjs'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(JSON.parse(stdout)).toEqual(['aws_s3_bucket.kept']);
  });
});

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

function ancestorsWithNodeModules(dir: string): string[] {
  const found: string[] = [];
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, 'node_modules'))) found.push(current);
    if (current === parsePath(current).root) return found;
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('sources nested thousands of levels deep (issue 9, root cause 6)', () => {
  it('a .tf.json whose prevent_destroy nests 20,000 levels is refused naming the file, not a stack overflow', async () => {
    const value = `${'{"a":'.repeat(20000)}true${'}'.repeat(20000)}`;
    const contents = `{"resource": {"aws_db_instance": {"main": {"lifecycle": {"prevent_destroy": ${value}}}}}}`;
    const error: unknown = await preventDestroyFromFiles([{ path: 'main.tf.json', contents }]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/^main\.tf\.json: nests lists and objects deeper than 512 levels \(at \$\.resource\.aws_db_instance\.main\.lifecycle\.prevent_destroy\.a/);
  });
});
