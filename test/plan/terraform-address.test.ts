// Issue 9, root cause 2: "type", "name", "module_address" and "index" are
// checked against the parsed address, and "previous_address" must parse. With
// address aws_db_instance.production, a "type" of null_resource would make a
// protected delete unprotected.
import { describe, expect, it } from 'vitest';
import { parseResourceAddress } from '../../src/plan/terraform-address.js';
import { describeCorpus } from '../corpus-path.js';
import { changeAt, corpusJson, fixtureJson, parseDoc, refusal } from './fixtures.js';

type Doc = Record<string, unknown>;

/** fixtures/terraform/example-destroy.json with its database delete changed. */
function databaseDelete(change: Doc): Doc {
  const doc = fixtureJson('terraform/example-destroy.json') as { resource_changes: Doc[] };
  const entry = doc.resource_changes.find((rc) => rc.address === 'aws_db_instance.production') as Doc;
  Object.assign(entry, change);
  for (const [key, value] of Object.entries(change)) if (value === undefined) delete entry[key];
  return doc;
}

describe('a type or name that is not the address’s', () => {
  it.each([['null_resource'], ['AWS_DB_INSTANCE'], ['aws_db_instance '], ['aws_db_instance\u200b'], [''], [7]])('type %j is an error, not an unprotected delete', (type) => {
    expect(refusal(databaseDelete({ type }), 'plan.json')).toMatch(/^plan\.json: resource_changes\[\d+\] "aws_db_instance\.production" has type .*, but its address says "aws_db_instance"/);
  });

  it('a missing type is an error, not a guess', () => {
    expect(refusal(databaseDelete({ type: undefined }))).toMatch(/"aws_db_instance\.production" has no "type"/);
  });

  it.each([['primary'], ['Production'], [null]])('name %j is an error', (name) => {
    expect(refusal(databaseDelete({ name }))).toMatch(/"aws_db_instance\.production" has name .*, but its address says "production"/);
  });
});

describe('module_address and index against the address', () => {
  // fixtures/terraform/modules-destroy.json: modules, for_each keys with dots, slashes and escaped quotes.
  const modules = () => fixtureJson('terraform/modules-destroy.json') as { resource_changes: Doc[] };
  const at = (doc: { resource_changes: Doc[] }, address: string) => doc.resource_changes.find((rc) => rc.address === address) as Doc;
  const TENANT_DB = 'module.tenant["acme \\"prod\\""].aws_db_instance.main';
  const LOGS = 'aws_s3_bucket.logs["team.a/eu"]';

  it.each([
    ['a module_address of another module', TENANT_DB, { module_address: 'module.tenant["acme"]' }, /has module_address "module\.tenant\[\\"acme\\"\]", but its address is in module "module\.tenant\[\\"acme \\\\\\"prod\\\\\\"\\"\]"/],
    ['no module_address inside a module', TENANT_DB, { module_address: undefined }, /has no "module_address", but its address is in module/],
    ['a module_address in the root module', LOGS, { module_address: 'module.logs' }, /has module_address "module\.logs", but its address is in the root module/],
    ['an index of another key', LOGS, { index: 'team.a/us' }, /has index "team\.a\/us", but its address has the key \["team\.a\/eu"\]/],
    ['a number index for a string key', 'aws_instance.web[2]', { index: '2' }, /"aws_instance\.web\[2\]" has index "2", but its address has the key \[2\]/],
    ['no index for a keyed address', 'aws_instance.web[2]', { index: undefined }, /has no "index", but its address has an instance key/],
    ['an index without a key', 'random_password.legacy', { index: 0 }, /has index 0, but its address has no instance key/],
  ])('%s is an error', (_what, address, change, pattern) => {
    const plan = parseDoc(modules());
    expect(changeAt(plan, TENANT_DB)).toMatchObject({ module: 'module.tenant["acme \\"prod\\""]', type: 'aws_db_instance', name: 'main' });
    expect(changeAt(plan, LOGS).index).toBe('team.a/eu');
    const doc = modules();
    const entry = at(doc, address);
    for (const [key, value] of Object.entries(change)) {
      if (value === undefined) delete entry[key];
      else entry[key] = value;
    }
    expect(refusal(doc)).toMatch(pattern);
  });
});

describe('addresses', () => {
  it.each([
    ['aws_db_instance.main', { module: '', mode: 'managed', type: 'aws_db_instance', name: 'main' }],
    ['data.aws_ami.ubuntu[0]', { mode: 'data', type: 'aws_ami', name: 'ubuntu', key: { kind: 'int', value: 0 } }],
    ['module.a["x.y"].module.b[3].aws_s3_bucket.c["k]"]', { module: 'module.a["x.y"].module.b[3]', type: 'aws_s3_bucket', name: 'c', key: { kind: 'string', raw: '"k]"' } }],
    ['module.a["a.b\\"].c[d]"].data.x_y.z-1', { module: 'module.a["a.b\\"].c[d]"]', mode: 'data', type: 'x_y', name: 'z-1' }],
    ['aws_s3_bucket.b["tab\\there \\u00a0 \\U0001f600 \\x07 $${x}"]', { name: 'b' }],
    ['module.módulo.tipo.nombre_ñ', { module: 'module.módulo', type: 'tipo', name: 'nombre_ñ' }],
  ])('parses %s', (address, parts) => {
    expect(parseResourceAddress(address)).toMatchObject(parts);
  });

  it.each([
    ['', /no resource type/],
    ['módulo_tipo.nombre', /a resource type with a character outside ASCII/],
    ['aws_db_instance\ufe0f.main', /no "\." after the resource type/],
    ['aws_db_instance', /no "\." after the resource type/],
    ['aws_db_instance.', /no resource name/],
    ['aws_db_instance.main.extra', /unexpected text/],
    ['module.a', /no "\." after the module step/],
    ['module..aws_x.y', /no module name/],
    ['module.a["k"]aws_x.y', /no "\." after the module step/],
    ['aws_x.y[01]', /instance key/],
    ['aws_x.y[-1]', /instance key/],
    ['aws_x.y["open]', /instance key/],
    ['aws_x.y["a"b"]', /instance key/],
    ['aws_x.y["\\q"]', /instance key/],
    ['aws_x.y["raw\nnewline"]', /instance key/],
    ['aws_x.y["bidi\u202eoverride"]', /instance key/],
    ['aws_x.y["nbsp\u00a0"]', /instance key/],
    ['aws_x.y[*]', /instance key/],
    ['aws_x.y ', /unexpected text/],
    ['1aws.y', /no resource type/],
    ['aws_db_instance.ma\u200din', /unexpected text/],
  ])('refuses %j', (address, pattern) => {
    expect(parseResourceAddress(address)).toMatch(pattern);
  });

  it('takes [*] keys only where asked (deferred changes)', () => {
    expect(parseResourceAddress('module.a[*].aws_x.y[*]', true)).toMatchObject({ module: 'module.a[*]', key: { kind: 'wildcard' } });
  });
});

describeCorpus('string keys under both quotings Terraform has used', () => {
  const keyed = (address: string, index: unknown): Doc => {
    const doc = corpusJson('terraform/terraform__checkov__for-each-modules-1.9.json');
    const entry = (doc.resource_changes as Doc[])[0] as Doc;
    expect(entry.address).toBe('aws_route53_zone.example["example.com"]');
    Object.assign(entry, { address, index });
    return doc;
  };

  it.each([
    ['HCL (Terraform 1.x, OpenTofu)', 'aws_route53_zone.example["a\\\\b \\"c\\" $${x} %%{y} \\u00a0 \\U000f0000 😀"]', 'a\\b "c" ${x} %{y} \u00a0 \u{f0000} 😀'],
    ["Go's %q (Terraform 0.12)", 'aws_route53_zone.example["a\\\\b \\"c\\" ${x} \\a \\x01 \\u00a0"]', 'a\\b "c" ${x} \u0007 \u0001 \u00a0'],
    ['plain dots, slashes and brackets', 'aws_route53_zone.example["a.b/c[0]"]', 'a.b/c[0]'],
  ])('%s: the key read, and any other index refused', (_what, address, index) => {
    expect(parseDoc(keyed(address, index)).changes[0]).toMatchObject({ address, index });
    expect(refusal(keyed(address, `${index}.`))).toMatch(/has index .*, but its address has the key \[/);
  });

  it('an escape that decodes to another key is an error', () => {
    expect(refusal(keyed('aws_route53_zone.example["a\\u0062"]', 'ab'))).toMatch(/has index "ab", but its address has the key \["a\\u0062"\]/);
    // `$${x}` is `${x}` in HCL's quoting and itself in Go's: either index agrees, no other does.
    expect(parseDoc(keyed('aws_route53_zone.example["$${x}"]', '${x}')).changes).toHaveLength(5);
    expect(parseDoc(keyed('aws_route53_zone.example["$${x}"]', '$${x}')).changes).toHaveLength(5);
    expect(refusal(keyed('aws_route53_zone.example["$${x}"]', '{x}'))).toMatch(/has index "\{x\}"/);
  });
});

describe('previous_address', () => {
  it.each([
    ['not an address', 'aws_db_instance', /has "previous_address" "aws_db_instance", which is not an address/],
    ['a number', 5, /has "previous_address" 5, which is not an address \(not a string\)/],
    ['an address with a newline', 'aws_db_instance.old\nplangate: ok', /has "previous_address" "aws_db_instance\.old\\nplangate: ok", which is not an address/],
    ['a data source', 'data.aws_db_instance.old', /was moved from "data\.aws_db_instance\.old", a data source/],
  ])('%s is an error', (_what, previous, pattern) => {
    expect(refusal(databaseDelete({ previous_address: previous }))).toMatch(pattern);
  });

  it('a real move parses and is kept; the same with a key Terraform would have escaped is not', () => {
    const plan = parseDoc(databaseDelete({ previous_address: 'module.old["a.b"].aws_db_instance.production' }));
    expect(changeAt(plan, 'aws_db_instance.production')).toMatchObject({ action: 'delete', previousAddress: 'module.old["a.b"].aws_db_instance.production' });
    expect(refusal(databaseDelete({ previous_address: 'module.old["a\tb"].aws_db_instance.production' }))).toMatch(/"previous_address" "module\.old\[\\"a\\tb\\"\]\.aws_db_instance\.production", which is not an address/);
  });
});
