// Issue 9, root cause 3: a document that fits both formats, or one only in
// part, is refused with one line naming the file and both readings; read as
// one format, the other's destructive half would vanish.
import { describe, expect, it } from 'vitest';
import { describeCorpus, itCorpus } from '../corpus-path.js';
import { corpusJson, parseDoc, refusal } from './fixtures.js';

type Doc = Record<string, unknown>;

// A real change set that removes a resource, and a real Terraform plan that deletes one.
const REMOVE = 'cloudformation/cloudformation__awsdocs__add-remove.json';
const TF_DELETE = 'terraform/terraform__tfplan-validator__delete.json';

describeCorpus('documents that fit both formats', () => {
  it('a change set that also carries a Terraform plan (each alone reads as its own format)', () => {
    expect(parseDoc(corpusJson(REMOVE)).changes.some((c) => c.action === 'delete')).toBe(true);
    expect(parseDoc(corpusJson(TF_DELETE)).changes.some((c) => c.action === 'delete')).toBe(true);
    const { format_version, resource_changes } = corpusJson(TF_DELETE);
    const message = refusal({ ...corpusJson(REMOVE), format_version, resource_changes }, 'changes.json');
    expect(message).toMatch(/^changes\.json: fits two formats: as a Terraform plan \(it has "format_version", "resource_changes"\) and as a CloudFormation change set \(it has "Changes", "ChangeSetId", "ChangeSetName"\)/);
  });

  it.each([
    ['Changes', 'Changes'],
    ['NestedChanges', 'NestedChanges'],
  ])('a Terraform plan with a %s key', (key) => {
    const message = refusal({ ...corpusJson(TF_DELETE), [key]: corpusJson(REMOVE).Changes }, 'plan.json');
    expect(message).toMatch(new RegExp(`^plan\\.json: fits two formats: as a Terraform plan \\(it has "format_version", .*"resource_changes".*\\) and as a CloudFormation change set \\(it has "${key}"\\)`));
  });

  it('resource_changes beside an empty Changes list', () => {
    const message = refusal({ resource_changes: corpusJson(TF_DELETE).resource_changes, Changes: [] });
    expect(message).toMatch(/fits two formats: as a Terraform plan \(it has "resource_changes"\) and as a CloudFormation change set \(it has "Changes"\)/);
  });

  it('a list of change sets with a Terraform plan mixed into one of them', () => {
    const child = { ...corpusJson(REMOVE), terraform_version: '1.9.8' };
    expect(refusal([corpusJson(REMOVE), child])).toMatch(/^test\.json: \[1\] fits two formats/);
  });
});

describe('documents that fit a format only in part', () => {
  it.each([
    ['change set keys without Changes', { ChangeSetId: 'arn:aws:cloudformation:us-east-1:1:changeSet/x/y', Status: 'CREATE_COMPLETE' }, /has change set keys \("ChangeSetId"\) but no "Changes" list/],
    ['Changes that is not a list', { ChangeSetName: 'x', Changes: { Type: 'Resource' } }, /has change set keys \("Changes", "ChangeSetName"\) but no "Changes" list/],
    ['NestedChanges that is not a list', { Changes: [], NestedChanges: 'none' }, /is a change set whose "NestedChanges" is not a list/],
  ])('%s', (_what, doc, pattern) => {
    expect(refusal(doc)).toMatch(pattern);
  });

  itCorpus('a change set whose Changes is not a list, with all its other keys', () => {
    const doc: Doc = { ...corpusJson(REMOVE), Changes: 'see the console' };
    expect(refusal(doc)).toMatch(/but no "Changes" list, so it is only part of a change set/);
  });
});
