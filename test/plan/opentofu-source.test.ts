// OpenTofu reads .tofu and .tofu.json too, and x.tofu hides x.tf: a pull
// request can drop prevent_destroy through a file Terraform never reads.
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { preventDestroyFromFiles, preventDestroyFromLoader, readPreventDestroy, removedPreventDestroy, removedUnderEitherTool, type SourceFile } from '../../src/plan/terraform-source.js';
import { fixturePath } from './fixtures.js';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

async function onDisk(tree: Record<string, string>): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'plangate-tofu-'));
  temps.push(root);
  for (const [path, contents] of Object.entries(tree)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), contents);
  }
  return root;
}

const files = (tree: Record<string, string>): SourceFile[] => Object.entries(tree).map(([path, contents]) => ({ path, contents }));

/** What a loader over the GitHub API gives: every file directly in the directory, Terraform or not. */
const loaderOf = (tree: Record<string, string>) => (dir: string) => Promise.resolve(files(tree).filter((f) => posix.dirname(f.path) === dir));

const db = (name: string, lifecycle = '') =>
  `resource "aws_db_instance" "${name}" {\n  identifier     = "${name}"\n  engine         = "postgres"\n  instance_class = "db.r6g.large"\n${lifecycle ? `\n  lifecycle {\n    ${lifecycle}\n  }\n` : ''}}\n`;
const guarded = (name: string) => db(name, 'prevent_destroy = true');
const encryption = 'terraform {\n  encryption {\n    key_provider "pbkdf2" "state" {\n      passphrase = var.state_passphrase\n    }\n  }\n}\n\n';
const lifecycleJson = (preventDestroy: boolean) => JSON.stringify({ resource: { aws_db_instance: { orders: { identifier: 'orders', engine: 'postgres', lifecycle: { prevent_destroy: preventDestroy } } } } }, null, 2);

type Tree = Record<string, string>;

/** [address, to, base file] for each guard the head drops, read each way plangate reads sources. */
async function removedEachWay(base: Tree, head: Tree, root = '.') {
  const fromFiles = removedPreventDestroy(await preventDestroyFromFiles(files(base), root), await preventDestroyFromFiles(files(head), root));
  const fromLoader = removedPreventDestroy(await preventDestroyFromLoader(root, loaderOf(base)), await preventDestroyFromLoader(root, loaderOf(head)));
  const [baseDir, headDir] = [await onDisk(base), await onDisk(head)];
  const fromDisk = removedPreventDestroy(await readPreventDestroy(join(baseDir, root)), await readPreventDestroy(join(headDir, root)));
  const shape = (removed: typeof fromFiles, prefix = '') => removed.map((r) => [r.address, r.weakening.to, r.file.slice(prefix.length)]);
  expect(shape(fromLoader)).toEqual(shape(fromFiles));
  expect(shape(fromDisk, `${baseDir}/`)).toEqual(shape(fromFiles));
  return shape(fromFiles);
}

describe('a .tofu file shadows the .tf file of the same name', () => {
  const base = { 'main.tf': `${guarded('orders')}\n${guarded('billing')}` };

  it('finds the guard dropped in main.tofu while main.tf keeps it', async () => {
    const head = { 'main.tf': base['main.tf'], 'main.tofu': `${encryption}${db('orders')}\n${guarded('billing')}` };
    expect(await removedEachWay(base, head)).toEqual([['aws_db_instance.orders', '(removed)', 'main.tf']]);
  });

  it('finds nothing when main.tofu keeps the guard that main.tf drops: OpenTofu never reads main.tf', async () => {
    const head = { 'main.tf': `${db('orders')}\n${db('billing', 'prevent_destroy = false')}`, 'main.tofu': `${encryption}${base['main.tf']}` };
    expect(await removedEachWay(base, head)).toEqual([]);
    const map = await preventDestroyFromFiles(files(head));
    expect([...map].map(([address, where]) => [address, where.file])).toEqual([
      ['aws_db_instance.billing', 'main.tofu'],
      ['aws_db_instance.orders', 'main.tofu'],
    ]);
  });

  it('finds a guard dropped when main.tofu replaces main.tf in the base', async () => {
    const tofuBase = { 'main.tf': db('orders'), 'main.tofu': guarded('orders') };
    expect(await removedEachWay(tofuBase, { 'main.tf': db('orders') })).toEqual([['aws_db_instance.orders', '(removed)', 'main.tofu']]);
  });

  it('reads a directory of .tofu files only, and a .tofu file beside other .tf files', async () => {
    const head = { 'main.tofu': db('orders'), 'billing.tofu': guarded('billing') };
    expect(await removedEachWay(base, head)).toEqual([['aws_db_instance.orders', '(removed)', 'main.tf']]);
    const split = { 'orders.tf': guarded('orders'), 'billing.tofu': db('billing', 'prevent_destroy = false') };
    expect(await removedEachWay(base, split)).toEqual([['aws_db_instance.billing', 'false', 'main.tf']]);
  });
});

describe('.tofu.json shadows .tf.json', () => {
  it('finds prevent_destroy turned off in main.tofu.json while main.tf.json keeps it', async () => {
    const base = { 'main.tf.json': lifecycleJson(true) };
    const head = { 'main.tf.json': lifecycleJson(true), 'main.tofu.json': lifecycleJson(false) };
    expect(await removedEachWay(base, head)).toEqual([['aws_db_instance.orders', 'false', 'main.tf.json']]);
    expect(await removedEachWay(head, base)).toEqual([]);
  });

  it('and nothing else: main.tofu does not hide main.tf.json, nor main.tofu.json main.tf', async () => {
    const logs = JSON.stringify({ resource: { aws_s3_bucket: { logs: { lifecycle: { prevent_destroy: true } } } } });
    const keys = async (tree: Tree) => [...(await preventDestroyFromFiles(files(tree))).keys()].sort();
    expect(await keys({ 'main.tf.json': lifecycleJson(true), 'main.tofu': guarded('billing') })).toEqual(['aws_db_instance.billing', 'aws_db_instance.orders']);
    expect(await keys({ 'main.tf': guarded('ledger'), 'main.tofu.json': logs })).toEqual(['aws_db_instance.ledger', 'aws_s3_bucket.logs']);
  });
});

describe('override files in .tofu', () => {
  const base = { 'main.tf': guarded('orders'), 'orders_override.tf': 'resource "aws_db_instance" "orders" {\n  instance_class = "db.r6g.xlarge"\n}\n' };

  it('an override.tofu turning prevent_destroy off is merged last, as override.tf is', async () => {
    const head = { ...base, 'override.tofu': 'resource "aws_db_instance" "orders" {\n  lifecycle {\n    prevent_destroy = false\n  }\n}\n' };
    expect(await removedEachWay(base, head)).toEqual([['aws_db_instance.orders', 'false', 'main.tf']]);
  });

  it('orders_override.tofu shadows orders_override.tf', async () => {
    const keeps = { ...base, 'orders_override.tf': 'resource "aws_db_instance" "orders" {\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n' };
    const head = { ...keeps, 'orders_override.tofu': 'resource "aws_db_instance" "orders" {\n  lifecycle {\n    prevent_destroy = false\n  }\n}\n' };
    expect(await removedEachWay(keeps, head)).toEqual([['aws_db_instance.orders', 'false', 'orders_override.tf']]);
  });

  it('override.tofu.json shadows override.tf.json', async () => {
    const off = JSON.stringify({ resource: { aws_db_instance: { orders: { lifecycle: { prevent_destroy: false } } } } });
    const on = JSON.stringify({ resource: { aws_db_instance: { orders: { lifecycle: { prevent_destroy: true } } } } });
    const start = { 'main.tf': db('orders', 'prevent_destroy = false'), 'override.tf.json': on };
    expect(await removedEachWay(start, { ...start, 'override.tofu.json': off })).toEqual([['aws_db_instance.orders', 'false', 'override.tf.json']]);
  });
});

describe('modules called with a local source', () => {
  const root = 'module "orders_db" {\n  source = "./modules/db"\n}\n';

  it('read .tofu files with the same precedence', async () => {
    const base = { 'infra/main.tf': root, 'infra/modules/db/main.tf': guarded('this') };
    const head = { ...base, 'infra/modules/db/main.tofu': db('this') };
    expect(await removedEachWay(base, head, 'infra')).toEqual([['module.orders_db.aws_db_instance.this', '(removed)', 'infra/modules/db/main.tf']]);
    expect(await removedEachWay(head, base, 'infra')).toEqual([]);
  });

  it('may hold only .tofu files, and may be called from a .tofu file', async () => {
    const base = { 'main.tf': root, 'modules/db/main.tf': guarded('this') };
    const head = { 'main.tofu': root, 'modules/db/main.tofu': guarded('this'), 'modules/db/replica.tofu': db('replica') };
    expect(await removedEachWay(base, head)).toEqual([]);
    expect([...(await preventDestroyFromFiles(files(head))).keys()]).toEqual(['module.orders_db.aws_db_instance.this']);
  });

  it('without any configuration file is an InputError naming .tofu too', async () => {
    const tree = { 'main.tofu': root, 'modules/db/README.md': '# db\n' };
    await expect(preventDestroyFromFiles(files(tree))).rejects.toThrow(InputError);
    await expect(preventDestroyFromFiles(files(tree))).rejects.toThrow('module.orders_db (source "./modules/db", in main.tofu): its directory modules/db holds no .tf or .tofu files');
  });
});

describe('the root directory', () => {
  it('on disk, without configuration files, is an InputError naming .tofu too', async () => {
    const empty = await onDisk({ 'README.md': '# nothing\n', 'terraform.tfvars': 'region = "eu-west-1"\n' });
    await expect(readPreventDestroy(empty)).rejects.toThrow(`${empty}: holds no .tf, .tf.json, .tofu or .tofu.json files: pass the directory of the root module`);
  });

  it('through a loader, with only .tofu files, is read rather than taken as created or deleted', async () => {
    const map = await preventDestroyFromLoader('stacks/orders', loaderOf({ 'stacks/orders/main.tofu': guarded('orders'), 'stacks/orders/README.md': '# orders\n' }));
    expect([...map.keys()]).toEqual(['aws_db_instance.orders']);
  });
});

describe('a .tofu file that does not parse', () => {
  it('fails closed, naming the file and tofu validate, even beside a good main.tf', async () => {
    const tree = { 'main.tf': guarded('orders'), 'main.tofu': 'resource "aws_db_instance" "orders" {\n  lifecycle {\n    prevent_destroy =\n  }\n}\n' };
    const error = await preventDestroyFromFiles(files(tree)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/^main\.tofu: is not valid HCL \(line 3, column \d+: .*\): fix it so `tofu validate` passes$/);
  });
});

describe('fixtures/weakening: an OpenTofu file added beside the Terraform one', () => {
  const base = fixturePath('weakening/base');

  it('tofu-head: main.tofu and modules/audit-logs/main.tofu drop the guards their .tf files keep', async () => {
    const removed = removedPreventDestroy(await readPreventDestroy(base), await readPreventDestroy(fixturePath('weakening/tofu-head')));
    expect(removed.map((r) => [r.address, r.weakening.to, r.file])).toEqual([
      ['aws_db_instance.orders', '(removed)', join(base, 'main.tf')],
      ['module.audit_logs.aws_cloudwatch_log_group.this', '(removed)', join(base, 'modules/audit-logs/main.tf')],
    ]);
  });

  it('tofu-kept: main.tf drops the guard, main.tofu keeps it, so nothing is removed', async () => {
    expect(removedPreventDestroy(await readPreventDestroy(base), await readPreventDestroy(fixturePath('weakening/tofu-kept')))).toEqual([]);
  });
});

describe('read as either tool: plangate cannot tell which one runs the repository', () => {
  const base = { 'main.tf': guarded('orders') };
  const either = (b: Tree, h: Tree) =>
    removedUnderEitherTool(async (tool) => [await preventDestroyFromFiles(files(b), '.', tool), await preventDestroyFromFiles(files(h), '.', tool)]).then((removed) =>
      removed.map((r) => [r.address, r.file]),
    );

  it('a guard kept in main.tofu but dropped in main.tf is removed for Terraform, which never reads main.tofu', async () => {
    expect(await either(base, { 'main.tf': db('orders'), 'main.tofu': guarded('orders') })).toEqual([['aws_db_instance.orders', 'main.tf']]);
  });

  it('a guard dropped in main.tofu is removed for OpenTofu; the same removal is reported once', async () => {
    expect(await either(base, { 'main.tf': guarded('orders'), 'main.tofu': db('orders') })).toEqual([['aws_db_instance.orders', 'main.tf']]);
    expect(await either({ 'main.tf': guarded('orders'), 'main.tofu': guarded('orders') }, { 'main.tf': db('orders'), 'main.tofu': db('orders') })).toHaveLength(1);
  });

  it('without a .tofu file, Terraform is not read twice', async () => {
    const tools: string[] = [];
    await removedUnderEitherTool(async (tool) => {
      tools.push(tool);
      return [await preventDestroyFromFiles(files(base), '.', tool), await preventDestroyFromFiles(files(base), '.', tool)];
    });
    expect(tools).toEqual(['opentofu']);
  });

  it.each(['.keep.tf', 'main.tf~', '#main.tf#'])('a guarded copy in %s, which neither tool reads, is no guard', async (name) => {
    expect(await either(base, { 'main.tf': db('orders'), [name]: guarded('orders') })).toEqual([['aws_db_instance.orders', 'main.tf']]);
    const headDir = await onDisk({ 'main.tf': db('orders'), [name]: guarded('orders') });
    expect([...(await readPreventDestroy(headDir))]).toEqual([]);
  });
});
