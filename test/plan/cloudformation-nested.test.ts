// Nested stacks: every child change set a root references must be read, from
// the same file or another one given with it; otherwise the run is an error.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPlans } from '../../src/check.js';
import { InputError } from '../../src/errors.js';
import { defaultRuleSet } from '../../src/rules/config.js';
import { corpusFile, HAS_CORPUS, itCorpus } from '../corpus-path.js';
import { fixtureJson, fixturePath, parseDoc, summary } from './fixtures.js';

type Doc = Record<string, unknown> & { Changes: { ResourceChange: Record<string, unknown> }[]; NestedChanges?: unknown[] };

// The AWS documentation's example: a root change set created with --include-nested-stacks, and its child.
const ROOT = HAS_CORPUS ? corpusFile('cloudformation/cloudformation__awsdocs__nested-root-stack.json') : '';
const CHILD = HAS_CORPUS ? corpusFile('cloudformation/cloudformation__awsdocs__nested-child-stack.json') : '';
const CHILD_ID = 'arn:aws:cloudformation:us-west-2:123456789012:changeSet/my-nested-stack-change-set/4eca1a01-e285-xmpl-8026-9a1967bfb4b0';

const tmp = mkdtempSync(join(tmpdir(), 'plangate-nested-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function read(path: string): Doc {
  return JSON.parse(readFileSync(path, 'utf8')) as Doc;
}

function written(name: string, doc: unknown): string {
  const path = join(tmp, name);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

function problem(doc: unknown): string {
  try {
    parseDoc(doc, 'cs.json');
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('a nested change set the root references', () => {
  itCorpus('missing from every given file is an error naming it and how to describe it; given in any file, it is read', async () => {
    const alone = await checkPlans([ROOT], defaultRuleSet());
    expect(alone.decision).toBe('error');
    expect(alone.errors).toEqual([
      `${ROOT}: Changes[0] ("ChildStack") is a nested stack whose change set "${CHILD_ID}" is in none of the given files, so the changes inside it are unseen: ` +
        `describe it with \`aws cloudformation describe-change-set --change-set-name "${CHILD_ID}" --include-property-values --output json\` and pass it too, in a JSON array with its root or as another file`,
    ]);

    const twoFiles = await checkPlans([ROOT, CHILD], defaultRuleSet());
    expect(twoFiles.errors).toEqual([]);
    const oneArray = await checkPlans([written('root-and-child.json', [read(ROOT), read(CHILD)])], defaultRuleSet());
    expect(oneArray.errors).toEqual([]);
    expect(oneArray.changes.map((c) => [c.address, c.action])).toEqual([
      ['ChildStack', 'update'],
      ['ChildStack/function', 'update'],
    ]);
  });

  it('missing two levels down is an error, though the deletes above it are read', async () => {
    const file = fixturePath('cloudformation/nested-missing-child.json');
    const analysis = await checkPlans([file], defaultRuleSet());
    expect(analysis.decision).toBe('error');
    expect(analysis.errors).toHaveLength(1);
    expect(analysis.errors[0]).toMatch(/^\S+nested-missing-child\.json: nested stack "AppStack": Changes\[1\] \("DataStack"\) is a nested stack whose change set ".*DataStack-2ASDFGHJKL\/.*" is in none of the given files/);
    expect(analysis.changes.map((c) => c.address)).toContain('AppStack/Database');
  });

  itCorpus('absent from the change set (created without --include-nested-stacks) is an error for an updated nested stack', () => {
    const root = read(ROOT);
    delete root.Changes[0]?.ResourceChange.ChangeSetId;
    expect(problem(root)).toMatch(/^cs\.json: Changes\[0\] \("ChildStack"\) updates a nested stack, but the change set does not hold that stack's changes .*--include-nested-stacks/);
    // Added or removed nested stacks need none: an add deletes nothing, a remove is itself the finding.
    root.Changes[0] = { ...root.Changes[0], ResourceChange: { ...root.Changes[0]?.ResourceChange, Action: 'Remove', PolicyAction: 'Delete' } };
    expect(summary(parseDoc(root))).toEqual([['ChildStack', 'delete']]);
  });

  it('referenced twice, held twice, or in a cycle is an error', () => {
    const [root, child, grandchild] = fixtureJson('cloudformation/nested-stacks.json') as Doc[];
    expect(problem([root, child, grandchild, child])).toMatch(/^cs\.json: \[3\] has ChangeSetId ".*AppStack-1QWERTYUIOP\/.*", which another change set in the file has too/);
    const again = structuredClone(root) as Doc;
    again.Changes.push(structuredClone(again.Changes[0]) as Doc['Changes'][number]);
    expect(problem([again, child, grandchild])).toMatch(/Changes\[2\] \("AppStack"\): its ChangeSetId .* is a change set already read \(referenced twice, or in a cycle\)/);
    const looped = structuredClone(grandchild) as Doc;
    (looped.Changes[0] as Doc['Changes'][number]).ResourceChange.ChangeSetId = (child as Doc).ChangeSetId;
    expect(problem([root, child, looped])).toMatch(/referenced twice, or in a cycle/);
  });
});

describe('NestedChanges', () => {
  const tree = fixtureJson('cloudformation/nested-changes.json') as Doc;

  it.each([
    ['the change set without its { LogicalResourceId, ChangeSet } wrapper', (item: Doc) => item.ChangeSet, /NestedChanges\[0\] is a change set without its \{ LogicalResourceId, ChangeSet \} wrapper/],
    ['a string', () => 'AppStack', /NestedChanges\[0\] is "AppStack", not an object with LogicalResourceId and ChangeSet/],
    ['null', () => null, /NestedChanges\[0\] is null, not an object/],
    ['an item without LogicalResourceId', (item: Doc) => ({ ChangeSet: item.ChangeSet }), /NestedChanges\[0\]: LogicalResourceId is missing, not a non-empty string/],
    ['a ChangeSet that is a string', (item: Doc) => ({ ...item, ChangeSet: 'pr-143-AppStack' }), /NestedChanges\[0\] \("AppStack"\): ChangeSet is "pr-143-AppStack", not a change set object/],
    ['a ChangeSet without Changes', (item: Doc) => ({ ...item, ChangeSet: { ...(item.ChangeSet as Doc), Changes: undefined } }), /NestedChanges\[0\]\.ChangeSet: Changes is missing, not a list/],
  ])('holding %s is an error', (_what, edit, pattern) => {
    const doc = structuredClone(tree);
    (doc.NestedChanges as unknown[])[0] = edit((doc.NestedChanges as Doc[])[0] as Doc);
    expect(problem(doc)).toMatch(/^cs\.json: /);
    expect(problem(doc)).toMatch(pattern);
  });
});
