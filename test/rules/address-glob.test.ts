import { describe, expect, it } from 'vitest';
import { AddressGlob, splitAddress } from '../../src/rules/address-glob.js';

const tf = (pattern: string, address: string) => new AddressGlob(pattern, 'terraform').matches(address, 'terraform');
const cfn = (pattern: string, address: string) => new AddressGlob(pattern, 'cloudformation').matches(address, 'cloudformation');

describe('splitAddress', () => {
  it('splits at dots outside index keys, keeping keys that hold dots, slashes, quotes and brackets', () => {
    expect(splitAddress('module.tenant["acme \\"prod\\""].aws_s3_bucket.exports["2024.q1/raw"]', 'terraform')).toEqual([
      'module',
      'tenant["acme \\"prod\\""]',
      'aws_s3_bucket',
      'exports["2024.q1/raw"]',
    ]);
    expect(splitAddress('a.b["x]y"].c', 'terraform')).toEqual(['a', 'b["x]y"]', 'c']);
    expect(splitAddress('App/Data/Table.Name', 'cloudformation')).toEqual(['App', 'Data', 'Table.Name']);
  });
});

describe('AddressGlob', () => {
  it.each([
    ['aws_db_instance.main', 'aws_db_instance.main', true],
    ['aws_db_instance.main', 'aws_db_instance.main[0]', true],
    ['aws_db_instance.main', 'aws_db_instance.main_replica', false],
    ['aws_db_instance.*', 'aws_db_instance.main', true],
    ['aws_db_instance.*', 'module.a.aws_db_instance.main', false],
    ['**.aws_db_instance.*', 'module.a.module.b.aws_db_instance.main', true],
    ['**.aws_db_instance.*', 'aws_db_instance.main', true],
    ['module.prod.**', 'module.prod.aws_s3_bucket.x', true],
    ['module.prod.**', 'module.prod["eu"].module.db.aws_db_instance.main', true],
    ['module.prod.**', 'module.production.aws_s3_bucket.x', false],
    ['module.prod*.**', 'module.production.aws_s3_bucket.x', true],
    ['module.prod["eu"].**', 'module.prod["eu"].aws_s3_bucket.x', true],
    ['module.prod["eu"].**', 'module.prod["us"].aws_s3_bucket.x', false],
    ['module.prod["*"].**', 'module.prod["us"].aws_s3_bucket.x', true],
    ['aws_s3_bucket.logs["team.a/eu"]', 'aws_s3_bucket.logs["team.a/eu"]', true],
    ['aws_s3_bucket.logs["team.a/eu"]', 'aws_s3_bucket.logs["team.b/us"]', false],
    ['aws_s3_bucket.{logs,data}', 'aws_s3_bucket.data', true],
    ['aws_s3_bucket.?ogs', 'aws_s3_bucket.logs', true],
  ])('terraform %s ~ %s → %s', (pattern, address, expected) => {
    expect(tf(pattern, address)).toBe(expected);
  });

  it.each([
    ['Database', 'Database', true],
    ['Database', 'App/Database', false],
    ['App/**', 'App/Data/Table', true],
    ['**/Table', 'App/Data/Table', true],
    ['*Table', 'OrdersTable', true],
  ])('cloudformation %s ~ %s → %s', (pattern, address, expected) => {
    expect(cfn(pattern, address)).toBe(expected);
  });

  it('matches a module and everything inside it by prefix', () => {
    const glob = new AddressGlob('module.app', 'terraform');
    expect(glob.matchesPrefix('module.app.module.db', 'terraform')).toBe(true);
    expect(glob.matchesPrefix('module.app', 'terraform')).toBe(true);
    expect(glob.matchesPrefix('module.application', 'terraform')).toBe(false);
    expect(glob.matchesPrefix('module.legacy', 'terraform')).toBe(false);
  });
});
