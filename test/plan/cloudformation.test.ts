import { describe, expect, it } from 'vitest';
import { SENSITIVE, type Plan } from '../../src/plan/types.js';
import { changeAt, fixtureJson, parseDoc, parseFixture, summary } from './fixtures.js';

type Doc = Record<string, unknown>;
type ChangeSet = Doc & { Changes: { Type: string; ResourceChange: Doc }[] };

function changeSet(name: string): ChangeSet {
  return fixtureJson(name) as ChangeSet;
}

/** A change set holding one resource change, for the action table. */
function oneChange(resourceChange: Doc, top: Doc = {}): Plan {
  return parseDoc({
    StackName: 'app',
    ChangeSetName: 'cs',
    Status: 'CREATE_COMPLETE',
    ExecutionStatus: 'AVAILABLE',
    Changes: [{ Type: 'Resource', ResourceChange: { LogicalResourceId: 'Res', ResourceType: 'AWS::S3::Bucket', Scope: [], Details: [], ...resourceChange } }],
    ...top,
  });
}

const sorted = (plan: Plan) => summary(plan).sort(([a], [b]) => a.localeCompare(b));

describe('CloudFormation actions', () => {
  it.each([
    [{ Action: 'Remove' }, 'delete', undefined],
    [{ Action: 'Modify', Replacement: 'True' }, 'replace', false],
    [{ Action: 'Modify', Replacement: 'Conditional' }, 'replace', true],
    [{ Action: 'Modify', Replacement: 'False' }, 'update', undefined],
    [{ Action: 'Add' }, 'create', undefined],
    [{ Action: 'Add', Replacement: 'True' }, 'create', undefined],
    [{ Action: 'Import', Replacement: 'True' }, 'create', undefined],
    [{ Action: 'Dynamic', Replacement: 'False' }, 'update', undefined],
    [{ Action: 'Dynamic' }, 'update', undefined],
  ])('%j is %s', (rc, action, conditional) => {
    const [change] = oneChange(rc).changes;
    expect(change?.action).toBe(action);
    expect(change?.conditional).toBe(conditional);
  });

  it('marks an import as importing', () => {
    expect(oneChange({ Action: 'Import', PhysicalResourceId: 'b' }).changes[0]).toMatchObject({ action: 'create', importing: true, physicalId: 'b' });
  });

  it('refuses an Action it does not know, naming the resource', () => {
    expect(() => oneChange({ Action: 'Explode' })).toThrow(/Res.*"Explode".*upgrade plangate/);
  });
});

describe('fixtures/cloudformation/change-set.json', () => {
  const plan = parseFixture('cloudformation/change-set.json');

  it('reads every change with the right action', () => {
    expect(plan).toMatchObject({ file: 'fixtures/cloudformation/change-set.json', format: 'cloudformation' });
    expect(plan.incomplete).toBeUndefined();
    expect(summary(plan)).toEqual([
      ['Database', 'delete'],
      ['UploadsBucket', 'replace'],
      ['OrdersTable', 'replace'],
      ['AppFunction', 'update'],
      ['NotificationTopic', 'create'],
      ['DeadLetterQueue', 'create'],
      ['LegacyLogGroup', 'create'],
    ]);
  });

  it('fills in type, provider, module, physical id and policy', () => {
    expect(changeAt(plan, 'Database')).toMatchObject({
      address: 'Database',
      resourceAddress: 'Database',
      name: 'Database',
      type: 'AWS::RDS::DBInstance',
      provider: 'aws',
      providerSource: 'AWS',
      module: '',
      physicalId: 'shop-prod',
      policyAction: 'Snapshot',
    });
    expect(changeAt(plan, 'UploadsBucket')).toMatchObject({ conditional: false, policyAction: 'ReplaceAndDelete', reason: 'requires replacement: BucketName' });
    expect(changeAt(plan, 'OrdersTable')).toMatchObject({ conditional: true, reason: 'requires replacement: TableName (conditionally)' });
    expect(changeAt(plan, 'OrdersTable').causedBy).toBeUndefined();
    expect(changeAt(plan, 'AppFunction')).toMatchObject({ causedBy: ['UploadsBucket'] });
    expect(changeAt(plan, 'AppFunction').conditional).toBeUndefined();
    expect(changeAt(plan, 'DeadLetterQueue').conditional).toBeUndefined();
    expect(changeAt(plan, 'LegacyLogGroup')).toMatchObject({ importing: true, physicalId: '/shop/legacy' });
  });

  it('decodes Before/AfterContext strings into the Properties, masking NoEcho values', () => {
    expect(changeAt(plan, 'Database').before).toEqual({
      DBInstanceIdentifier: 'shop-prod',
      DBInstanceClass: 'db.r6g.large',
      Engine: 'postgres',
      MasterUsername: 'app',
      MasterUserPassword: SENSITIVE,
      AllocatedStorage: '100',
      DeletionProtection: 'false',
    });
    expect(changeAt(plan, 'Database').after).toBeUndefined();
    expect(changeAt(plan, 'UploadsBucket').after).toEqual({ BucketName: 'shop-prod-uploads-v2', VersioningConfiguration: { Status: 'Enabled' } });
    expect(changeAt(plan, 'AppFunction').before).toMatchObject({ Environment: { Variables: { BUCKET: 'shop-prod-uploads', API_KEY: SENSITIVE } } });
    expect(JSON.stringify(plan)).not.toContain('****');
  });

  it('reads Before/AfterContext given as objects the same as encoded strings', () => {
    const doc = changeSet('cloudformation/change-set.json');
    for (const { ResourceChange: rc } of doc.Changes) {
      for (const key of ['BeforeContext', 'AfterContext']) {
        if (typeof rc[key] === 'string') rc[key] = JSON.parse(rc[key]) as unknown;
      }
    }
    expect(JSON.stringify(doc)).not.toContain('"BeforeContext":"');
    expect(parseDoc(doc, 'fixtures/cloudformation/change-set.json')).toEqual(plan);
  });

  it('reads a context without a Properties wrapper', () => {
    expect(oneChange({ Action: 'Remove', BeforeContext: { BucketName: 'b' } }).changes[0]?.before).toEqual({ BucketName: 'b' });
    expect(oneChange({ Action: 'Remove', BeforeContext: '{"Properties":null}' }).changes[0]?.before).toBeUndefined();
  });

  it('treats a Remove whose DeletionPolicy is Retain as a forget', () => {
    expect(oneChange({ Action: 'Remove', PolicyAction: 'Retain' }).changes[0]?.action).toBe('forget');
  });
});

describe('nested stacks', () => {
  const expected = [
    ['AppStack', 'update'],
    ['AppStack/Database', 'delete'],
    ['AppStack/DataStack', 'update'],
    ['AppStack/DataStack/SessionsTable', 'delete'],
    ['AppStack/DataStack/CacheCluster', 'replace'],
    ['AppStack/Function', 'update'],
    ['LegacyTopic', 'delete'],
  ];

  it('names the resources of child change sets Parent/Child, two levels deep', () => {
    const plan = parseFixture('cloudformation/nested-stacks.json');
    expect(plan.incomplete).toBeUndefined();
    expect(summary(plan)).toEqual(expected);
    expect(changeAt(plan, 'AppStack')).toMatchObject({ module: '', type: 'AWS::CloudFormation::Stack' });
    expect(changeAt(plan, 'AppStack/Database')).toMatchObject({ module: 'AppStack', name: 'Database', resourceAddress: 'AppStack/Database', physicalId: 'shop-prod-db' });
    expect(changeAt(plan, 'AppStack/DataStack/SessionsTable')).toMatchObject({ module: 'AppStack/DataStack', name: 'SessionsTable', type: 'AWS::DynamoDB::Table' });
    expect(changeAt(plan, 'AppStack/DataStack/CacheCluster')).toMatchObject({ conditional: true });
    expect(changeAt(plan, 'AppStack/DataStack/CacheCluster').causedBy).toBeUndefined();
    expect(changeAt(plan, 'LegacyTopic').module).toBe('');
  });

  it('does not depend on the order of the change sets in the array', () => {
    const sets = fixtureJson('cloudformation/nested-stacks.json') as Doc[];
    const reversed = parseDoc([...sets].reverse());
    expect(sorted(reversed)).toEqual(sorted(parseFixture('cloudformation/nested-stacks.json')));
  });

  it('names a child change set alone in its file after its stack', () => {
    const [, child] = fixtureJson('cloudformation/nested-stacks.json') as Doc[];
    expect(child?.ParentChangeSetId).toMatch(/changeSet\/pr-143\//);
    const plan = parseDoc(child);
    expect(summary(plan)).toEqual([
      ['shop-prod-AppStack-1QWERTYUIOP/Database', 'delete'],
      ['shop-prod-AppStack-1QWERTYUIOP/DataStack', 'update'],
      ['shop-prod-AppStack-1QWERTYUIOP/Function', 'update'],
    ]);
    expect(changeAt(plan, 'shop-prod-AppStack-1QWERTYUIOP/Database')).toMatchObject({ module: 'shop-prod-AppStack-1QWERTYUIOP', name: 'Database' });
  });

  it('links a child and grandchild without their root', () => {
    const [, child, grandchild] = fixtureJson('cloudformation/nested-stacks.json') as Doc[];
    expect(summary(parseDoc([grandchild, child]))).toEqual([
      ['shop-prod-AppStack-1QWERTYUIOP/Database', 'delete'],
      ['shop-prod-AppStack-1QWERTYUIOP/DataStack', 'update'],
      ['shop-prod-AppStack-1QWERTYUIOP/DataStack/SessionsTable', 'delete'],
      ['shop-prod-AppStack-1QWERTYUIOP/DataStack/CacheCluster', 'replace'],
      ['shop-prod-AppStack-1QWERTYUIOP/Function', 'update'],
    ]);
  });

  it('follows NestedChanges recursively, with the same names as the array form', () => {
    const plan = parseFixture('cloudformation/nested-changes.json');
    expect(sorted(plan)).toEqual([...expected].sort(([a], [b]) => (a as string).localeCompare(b as string)));
    expect(changeAt(plan, 'AppStack/DataStack/SessionsTable').module).toBe('AppStack/DataStack');
    expect(changeAt(plan, 'AppStack/Database').module).toBe('AppStack');
  });
});

describe('change set status', () => {
  it('marks a change set still being created as incomplete', () => {
    expect(parseFixture('cloudformation/in-progress.json').incomplete).toMatch(/"pr-144" is CREATE_IN_PROGRESS/);
    const pending = { ...changeSet('cloudformation/in-progress.json'), Status: 'CREATE_PENDING' };
    expect(parseDoc(pending).incomplete).toMatch(/CREATE_PENDING/);
  });

  it('marks a change set holding only the first page as incomplete, and still reads that page', () => {
    const plan = parseFixture('cloudformation/next-token.json');
    expect(plan.incomplete).toMatch(/NextToken/);
    expect(summary(plan)).toEqual([
      ['Alarm1', 'create'],
      ['Alarm2', 'create'],
    ]);
  });

  it('accepts a change set that FAILED only because nothing changes', () => {
    const plan = parseFixture('cloudformation/no-changes.json');
    expect(plan.incomplete).toBeUndefined();
    expect(plan.changes).toEqual([]);
  });

  it('marks a change set that FAILED for another reason as incomplete, with the reason', () => {
    const failed = { ...changeSet('cloudformation/no-changes.json'), StatusReason: 'Template format error: Unresolved resource dependencies [Vpc]' };
    expect(parseDoc(failed).incomplete).toMatch(/FAILED \("Template format error: Unresolved resource dependencies \[Vpc\]"\)/);
    const { StatusReason: _, ...noReason } = failed;
    expect(parseDoc(noReason).incomplete).toMatch(/FAILED/);
  });

  it('marks an OBSOLETE change set as incomplete', () => {
    const obsolete = { ...changeSet('cloudformation/change-set.json'), ExecutionStatus: 'OBSOLETE' };
    expect(parseDoc(obsolete).incomplete).toMatch(/OBSOLETE/);
  });

  it('marks the whole file incomplete when one nested change set is', () => {
    const sets = fixtureJson('cloudformation/nested-stacks.json') as Doc[];
    sets[2] = { ...sets[2], Status: 'CREATE_IN_PROGRESS' };
    const plan = parseDoc(sets);
    expect(plan.incomplete).toMatch(/CREATE_IN_PROGRESS/);
  });
});
