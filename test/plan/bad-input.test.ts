import { mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parsePlan, planSizeLimit, readPlanFile } from '../../src/plan/read-plan.js';
import { fixtureBytes, fixturePath, terraformPlanfile } from './fixtures.js';

let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'plangate-bad-input-'));
  writeFileSync(join(tmp, 'plan.tfplan'), terraformPlanfile());
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** The InputError readPlanFile rejects with; fails when it resolves or throws anything else. */
async function refusal(path: string, options?: { maxBytes?: number }): Promise<InputError> {
  const error: unknown = await readPlanFile(path, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  const inputError = error as InputError;
  expect(inputError.source).toBe(path);
  expect(inputError.message.startsWith(`${path}: `)).toBe(true);
  expect(inputError.message).not.toContain('\n');
  return inputError;
}

/** The message parsePlan throws for these bytes. */
function problem(bytes: Buffer | string, file = 'in.json'): string {
  try {
    parsePlan(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes), file);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).not.toContain('\n');
    return (error as InputError).message;
  }
  throw new Error('expected parsePlan to refuse the input');
}

describe('bad plan files', () => {
  it.each([
    ['bad/empty.json', [/the file is empty/, /terraform show -json/]],
    ['bad/whitespace.json', [/only whitespace/, /produced nothing/]],
    ['bad/truncated.json', [/ends early at line \d+ column \d+/, /truncated/]],
    ['bad/array-of-numbers.json', [/JSON array that is not a list of CloudFormation change sets/, /terraform show -json/]],
    ['bad/hello.json', [/neither a Terraform plan .* nor a CloudFormation change set/, /"hello"/]],
    ['bad/main.tf', [/HCL/, /terraform show -json/]],
    ['bad/text-plan.txt', [/human-readable plan output/, /terraform show -json/]],
    ['bad/state.json', [/Terraform state file, not a plan/, /terraform show -json tfplan/]],
    ['bad/template.json', [/CloudFormation template, not a change set/, /create-change-set/, /describe-change-set/]],
    ['terraform/format-2.0.json', [/format_version 2\.0/, /upgrade plangate/]],
  ])('%s', async (name, patterns) => {
    const error = await refusal(fixturePath(name));
    for (const pattern of patterns) expect(error.problem).toMatch(pattern);
  });

  it('a binary Terraform planfile (a real zip)', async () => {
    const error = await refusal(join(tmp, 'plan.tfplan'));
    expect(error.problem).toMatch(/binary Terraform planfile/);
    expect(error.problem).toMatch(/terraform show -json/);
  });

  it('a directory', async () => {
    const error = await refusal(fixturePath('bad'));
    expect(error.problem).toMatch(/is a directory/);
  });

  it('a file that does not exist', async () => {
    const error = await refusal(join(tmp, 'missing.json'));
    expect(error.problem).toMatch(/no such file/);
  });

  it('a 2 GiB file that is not a Terraform plan in UTF-8, refused by its size without being read whole', async () => {
    const big = join(tmp, 'huge.json');
    // "[" then NULs: UTF-16 by its first bytes, which only the whole-file path reads.
    writeFileSync(big, '[');
    truncateSync(big, 2 * 1024 ** 3);
    expect(statSync(big).size).toBe(2 * 1024 ** 3);
    const error = await refusal(big);
    // "the file is N MB" (a stat) rather than "more than N MB" (what a streamed read would say).
    expect(error.problem).toMatch(/^the file is 2,?147 MB, more than this process can hold \(limit [\d,]+ MB\) and it is not a Terraform plan in UTF-8, the only kind read in parts/);
    // Past V8's longest string only splitting helps; below it, a bigger heap does too.
    expect(error.problem).toMatch(/split the configuration into smaller plans$/);
  });

  it('a Terraform plan over maxBytes is read in parts, to the same plan; a change set over it is refused', async () => {
    const path = fixturePath('terraform/example-destroy.json');
    const size = statSync(path).size;
    await expect(readPlanFile(path, { maxBytes: size - 1 })).resolves.toEqual(await readPlanFile(path));
    const changeSet = fixturePath('cloudformation/remove-orders-table.json');
    const error = await refusal(changeSet, { maxBytes: statSync(changeSet).size - 1 });
    expect(error.problem).toMatch(/more than this process can hold .* not a Terraform plan in UTF-8/);
    await expect(readPlanFile(changeSet, { maxBytes: statSync(changeSet).size })).resolves.toMatchObject({ format: 'cloudformation' });
  });

  it('planSizeLimit is positive and below the longest string V8 can hold', () => {
    expect(planSizeLimit()).toBeGreaterThan(1e6);
    expect(planSizeLimit()).toBeLessThanOrEqual(0x1fffffe8);
  });
});

describe('bad plan content', () => {
  it('names the position of an unexpected token, on one line, without quoting the file', () => {
    const text = fixtureBytes('terraform/example-destroy.json').toString('utf8').replace('"password": "Pr0d-Passw0rd!"', '"password": Pr0d-Passw0rd!');
    const line = text.split('\n').findIndex((l) => l.includes('Pr0d-Passw0rd!')) + 1;
    const message = problem(text, 'plan.json');
    expect(message).toMatch(new RegExp(`^plan\\.json: invalid JSON at line ${line} column \\d+: Unexpected token 'P'; regenerate it`));
    expect(message).not.toContain('Pr0d');
  });

  it('names the position of other JSON errors', () => {
    expect(problem('{"format_version": "1.2",\n "resource_changes": [1,]}')).toMatch(/^in\.json: invalid JSON at line 2 column \d+: /);
    expect(problem('{"a": 1}}')).toMatch(/^in\.json: invalid JSON at line 1 column 9: Unexpected non-whitespace character after JSON/);
  });

  it.each([
    ['an unterminated string', '{"format_version": "1.2", "resource_changes": [{"address": "aws_s3'],
    ['a missing bracket', '{"format_version": "1.2", "resource_changes": []'],
  ])('says a file cut short by %s is truncated', (_what, text) => {
    expect(problem(text)).toMatch(/ends early .* truncated/);
  });

  it('recognises human-readable plan output that starts with a long refresh', () => {
    const refresh = Array.from({ length: 200 }, (_, i) => `aws_s3_bucket.b${i}: Refreshing state... [id=bucket-${i}]\n`).join('');
    expect(problem(`${refresh}\nTerraform used the selected providers to generate the following execution plan.\n`)).toMatch(/human-readable plan output/);
    expect(problem('\u001b[0m\u001b[1mdata.aws_ami.x: Reading...\u001b[0m\n')).toMatch(/human-readable plan output/);
    expect(problem('Acquiring state lock. This may take a few moments...\n')).toMatch(/human-readable plan output/);
    expect(problem('\nNo changes. Your infrastructure matches the configuration.\n')).toMatch(/human-readable plan output/);
  });

  it.each([
    ['gzip', gzipSync(Buffer.from('{}')), /gzip-compressed/],
    ['UTF-32', Buffer.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0]), /UTF-32/],
    ['a binary file', Buffer.from([0x7b, 0x01, 0x02, 0x00, 0x03, 0x04]), /binary file/],
    ['a YAML change set', 'Changes:\n- Type: Resource\n', /change set in YAML.*--output json/],
    ['other YAML', 'format_version: "1.2"\n', /looks like YAML/],
    ['an empty array', '[]', /empty JSON array/],
    ['a bare string', '"plan"', /not JSON|bare JSON/],
    ['null', ' null', /the JSON document is null, not a plan/],
    ['terraform show -json of the state', '{"format_version": "1.0", "values": {}}', /current state, not of a plan/],
    ['resource_changes without format_version', '{"resource_changes": []}', /no "format_version"/],
    ['describe-stacks output', '{"Stacks": []}', /describe-stacks/],
    ['list-change-sets output', '{"Summaries": []}', /list-change-sets/],
    ['create-change-set output', '{"Id": "arn:aws:cloudformation:eu-west-1:1:changeSet/x/y", "StackId": "s"}', /create-change-set/],
  ])('%s', (_what, bytes, pattern) => {
    expect(problem(bytes)).toMatch(pattern);
  });

  it.each([
    ['resource_changes that is not a list', { format_version: '1.2', resource_changes: {} }, /"resource_changes" is not a list/],
    ['an entry without an address', { format_version: '1.2', resource_changes: [{ change: { actions: ['delete'] } }] }, /resource_changes\[0\] has no "address"/],
    ['an entry without actions', { format_version: '1.2', resource_changes: [{ address: 'a.b', mode: 'managed', type: 'a', name: 'b', change: {} }] }, /resource_changes\[0\] "a\.b" has no "change\.actions"/],
    ['a format_version that is not a string', { format_version: 1.2, resource_changes: [] }, /"format_version" is 1\.2/],
    ['Changes that hold a non-object', { Changes: [42] }, /Changes\[0\] is 42, not an object/],
    ['a change without LogicalResourceId', { Changes: [{ Type: 'Resource', ResourceChange: { Action: 'Remove' } }] }, /Changes\[0\]: LogicalResourceId is missing, not a non-empty string/],
    ['a change of an unknown Type', { Changes: [{ Type: 'Hook', HookInvocationCount: 1 }] }, /Type is "Hook", not Resource/],
  ])('a damaged plan: %s', (_what, doc, pattern) => {
    expect(problem(JSON.stringify(doc))).toMatch(pattern);
  });
});
