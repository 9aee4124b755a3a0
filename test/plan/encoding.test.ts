import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/plan/read-plan.js';
import { encodings, fixtureBytes, parseFixture } from './fixtures.js';

describe.each(['terraform/modules-destroy.json', 'cloudformation/change-set.json', 'cloudformation/nested-stacks.json'])('%s', (name) => {
  const expected = parseFixture(name);
  const file = `fixtures/${name}`;

  it.each(Object.entries(encodings(fixtureBytes(name))))('reads %s as the UTF-8 file', (_encoding, bytes) => {
    expect(parsePlan(bytes, file)).toEqual(expected);
  });

  it('reads UTF-16 LE without a BOM', () => {
    const bytes = Buffer.from(fixtureBytes(name).toString('utf8'), 'utf16le');
    expect(parsePlan(bytes, file)).toEqual(expected);
  });
});

describe('non-ASCII text', () => {
  it('keeps characters outside ASCII and the BMP intact in every encoding', () => {
    const doc = `{"format_version":"1.2","resource_changes":[{"address":"aws_s3_bucket.b[\\"équipe-🚀\\"]","mode":"managed","type":"aws_s3_bucket","name":"b","index":"équipe-🚀","change":{"actions":["delete"],"before":{"bucket":"ü"},"after":null}}]}`;
    for (const bytes of Object.values(encodings(Buffer.from(doc)))) {
      const [change] = parsePlan(bytes, 'x.json').changes;
      expect(change).toMatchObject({ address: 'aws_s3_bucket.b["équipe-🚀"]', index: 'équipe-🚀', before: { bucket: 'ü' } });
    }
  });
});
