// Issue 9, root cause 1: every resource_changes entry is checked before it is
// used or left out; an entry of an unknown mode, a malformed entry of either
// mode, or fields that contradict each other is an error naming the file, the
// entry's index and its address. Documents are real plans from the shared
// corpus, changed in the test.
import { expect, it } from 'vitest';
import { describeCorpus } from '../corpus-path.js';
import { corpusJson, parseDoc, refusal, summary } from './fixtures.js';

type Doc = Record<string, unknown>;
type Entry = Doc & { change: Doc };

/** A corpus plan and one of its entries, to change before parsing. */
function withEntry(path: string, index: number): { doc: Doc; entry: Entry } {
  const doc = corpusJson(path);
  return { doc, entry: (doc.resource_changes as Entry[])[index] as Entry };
}

const BASIC_DELETE = 'terraform/terraform__hashicorp-terraform__show-json-basic-delete.json';
// resource_changes[0] is data.azuredevops_project.example (read), [1] a managed delete.
const DATA_AND_DELETE = 'terraform/terraform__tfplan2md__azuredevops-replace-delete.json';

describeCorpus('entries of any mode but "managed" and "data"', () => {
  it.each([['Managed'], ['managed '], [''], ['ephemeral'], ['\u0000'], ['MANAGED'], [null], [1], [['managed']]])('mode %j is an error naming the entry', (mode) => {
    const { doc, entry } = withEntry(BASIC_DELETE, 1);
    entry.mode = mode;
    const message = refusal(doc, 'basic-delete.json');
    expect(message).toMatch(/^basic-delete\.json: resource_changes\[1\] "test_instance\.test-delete" has mode .*"managed" and "data"/);
  });

  it('a missing mode is an error too, not a guess from the address', () => {
    const { doc, entry } = withEntry(BASIC_DELETE, 1);
    delete entry.mode;
    expect(refusal(doc)).toMatch(/resource_changes\[1\] "test_instance\.test-delete" has no "mode"/);
  });

  it('quotes a mode holding control characters, so the line stays one line', () => {
    const { doc, entry } = withEntry(BASIC_DELETE, 1);
    entry.mode = 'managed\n\u001b[31mplangate: all clear';
    expect(refusal(doc)).toContain('has mode "managed\\n\\u001b[31mplangate: all clear"');
  });
});

describeCorpus('modes that contradict the address', () => {
  it('"data" on a managed address', () => {
    const { doc, entry } = withEntry(DATA_AND_DELETE, 1);
    entry.mode = 'data';
    expect(refusal(doc)).toMatch(/resource_changes\[1\] "azuredevops_build_definition\.example" has mode "data", but its address is not a data source/);
  });

  it('"managed" on a data source address', () => {
    const { doc, entry } = withEntry(DATA_AND_DELETE, 0);
    entry.mode = 'managed';
    expect(refusal(doc)).toMatch(/resource_changes\[0\] "data\.azuredevops_project\.example" has mode "managed", but its address is a data source/);
  });
});

describeCorpus('data source entries are checked like any other', () => {
  const broken: [string, (entry: Entry) => void, RegExp][] = [
    ['no change', (e) => delete (e as Doc).change, /has no "change"/],
    ['a change that is a string', (e) => ((e as Doc).change = 'read'), /has "change" "read", not an object/],
    ['no actions', (e) => delete e.change.actions, /has no "change\.actions" list/],
    ['actions that are a string', (e) => (e.change.actions = 'read'), /has "change\.actions" "read", not a list of actions/],
    ['an empty action list', (e) => (e.change.actions = []), /has "change\.actions" \[\], not a list of actions/],
    ['actions holding a number', (e) => (e.change.actions = [1]), /has "change\.actions" \[1\]/],
    ['a delete, which Terraform never writes for a data source', (e) => (e.change.actions = ['delete']), /is a data source with actions \["delete"\]/],
    ['a replace', (e) => (e.change.actions = ['delete', 'create']), /is a data source with actions \["delete","create"\]/],
    ['a deposed object', (e) => ((e as Doc).deposed = 'abcd1234'), /is a data source with a "deposed" object/],
    ['a wrong type', (e) => ((e as Doc).type = 'azuredevops_projects'), /has type "azuredevops_projects", but its address says "azuredevops_project"/],
    ['no name', (e) => delete (e as Doc).name, /has no "name"/],
  ];
  it.each(broken)('%s', (_what, breakIt, pattern) => {
    const { doc, entry } = withEntry(DATA_AND_DELETE, 0);
    breakIt(entry);
    const message = refusal(doc);
    expect(message).toMatch(/^test\.json: resource_changes\[0\] "data\.azuredevops_project\.example" /);
    expect(message).toMatch(pattern);
  });

  it('a well-formed read is left out, a malformed one is not', () => {
    const { doc, entry } = withEntry(DATA_AND_DELETE, 0);
    expect(summary(parseDoc(doc)).map(([address]) => address)).not.toContain('data.azuredevops_project.example');
    entry.change.actions = 'read';
    expect(refusal(doc)).toMatch(/resource_changes\[0\] "data\.azuredevops_project\.example" has "change\.actions" "read"/);
  });
});

describeCorpus('every format version, 0.1 to 1.x', () => {
  // A real plan of each version, and the index of one managed entry in it.
  const plans: [string, string, number][] = [
    ['0.1', 'terraform/terraform__snyk-cli__destroy.json', 6],
    ['0.1', 'terraform/terraform__hashicorp-terraform-json__basic-0.12.json', 4],
    ['0.2', 'terraform/terraform__regula__format-0.2.json', 1],
    ['1.0', BASIC_DELETE, 1],
    ['1.1', 'terraform/terraform__tfplan-validator__count-index-delete-module.json', 1],
    ['1.2', DATA_AND_DELETE, 6],
  ];

  it.each(plans)('format %s (%s): a mode, a type or an action list out of place is an error', (version, path, index) => {
    const original = withEntry(path, index);
    expect(original.doc.format_version).toBe(version);
    expect(() => parseDoc(original.doc)).not.toThrow();
    const address = original.entry.address as string;
    const label = `resource_changes[${index}] ${JSON.stringify(address)}`;
    const mutations: [(entry: Entry) => void, string][] = [
      [(e) => ((e as Doc).mode = 'Managed'), 'has mode "Managed"'],
      [(e) => ((e as Doc).type = String(e.type).toUpperCase()), `has type "${String(original.entry.type).toUpperCase()}"`],
      [(e) => (e.change.actions = ['delete', 'delete']), 'has actions ["delete","delete"]'],
      [(e) => ((e as Doc).change = null), 'has "change" null'],
    ];
    for (const [mutate, says] of mutations) {
      const { doc, entry } = withEntry(path, index);
      mutate(entry);
      expect(refusal(doc)).toContain(`${label} ${says}`);
    }
  });

  it('format 0.1: a data source read of Terraform 0.12 is checked too', () => {
    const { doc, entry } = withEntry('terraform/terraform__hashicorp-terraform-json__basic-0.12.json', 0);
    expect(entry.address).toBe('data.null_data_source.baz');
    entry.change.actions = ['delete'];
    expect(refusal(doc)).toMatch(/resource_changes\[0\] "data\.null_data_source\.baz" is a data source with actions \["delete"\]/);
  });
});

describeCorpus('deferred changes', () => {
  const deferred = (resourceChange: unknown): Doc => {
    const doc = corpusJson(BASIC_DELETE);
    doc.deferred_changes = [{ reason: 'instance_count_unknown', resource_change: resourceChange }];
    return doc;
  };
  const instances = { address: 'module.app[*].aws_instance.web[*]', module_address: 'module.app[*]', mode: 'managed', type: 'aws_instance', name: 'web', index_unknown: true, provider_name: 'registry.terraform.io/hashicorp/aws', change: { actions: ['create'], before: null, after: {} } };

  it('are checked (an unknown mode is an error), then not reported: this plan does not apply them', () => {
    expect(summary(parseDoc(deferred(instances)))).toEqual(summary(parseDoc(corpusJson(BASIC_DELETE))));
    expect(refusal(deferred({ ...instances, mode: 'Managed' }))).toMatch(/deferred_changes\[0\]\.resource_change "module\.app\[\*\]\.aws_instance\.web\[\*\]" has mode "Managed"/);
    expect(refusal(deferred({ ...instances, type: 'null_resource' }))).toMatch(/deferred_changes\[0\]\.resource_change .* has type "null_resource"/);
    expect(refusal(deferred({ ...instances, index_unknown: false }))).toMatch(/"index_unknown" false/);
    expect(refusal(deferred('aws_instance.web'))).toMatch(/deferred_changes\[0\]\.resource_change is not an object/);
    const doc = corpusJson(BASIC_DELETE);
    doc.deferred_changes = [42];
    expect(refusal(doc)).toMatch(/deferred_changes\[0\] is not a deferred change/);
    doc.deferred_changes = {};
    expect(refusal(doc)).toMatch(/"deferred_changes" is not a list/);
  });

  it('are the only entries that may have [*] keys', () => {
    const { doc, entry } = withEntry(BASIC_DELETE, 1);
    entry.address = 'test_instance.test-delete[*]';
    expect(refusal(doc)).toMatch(/has an address Terraform does not write \(an instance key at character \d+ that is neither a number nor a quoted string\)/);
  });
});

describeCorpus('other fields that must be what Terraform writes', () => {
  it.each([
    ['two entries for the same object', (doc: Doc) => (doc.resource_changes as Doc[]).push(structuredClone((doc.resource_changes as Doc[])[1] as Doc)), /resource_changes\[2\] "test_instance\.test-delete" repeats resource_changes\[1\]/],
    ['"errored" as a string', (doc: Doc) => (doc.errored = 'true'), /"errored" is "true", not true or false/],
    ['"terraform_version" as a number', (doc: Doc) => (doc.terraform_version = 1.5), /"terraform_version" is 1\.5, not a version/],
    ['a sensitivity mask that is a string', (doc: Doc) => ((doc.resource_changes as Entry[])[1]!.change.before_sensitive = 'yes'), /"change\.before_sensitive" that is not a sensitivity mask/],
    ['a mask with a non-boolean leaf', (doc: Doc) => ((doc.resource_changes as Entry[])[1]!.change.before_sensitive = { ami: 'true' }), /"change\.before_sensitive" that is not a sensitivity mask/],
    ['"importing" as a string', (doc: Doc) => ((doc.resource_changes as Entry[])[1]!.change.importing = 'i-123'), /"change\.importing" "i-123", not an object/],
    ['a deposed key that is not one', (doc: Doc) => ((doc.resource_changes as Doc[])[1]!.deposed = 'x\ny'), /has "deposed" "x\\ny", not a deposed key/],
    ['a provider_name with a newline', (doc: Doc) => ((doc.resource_changes as Doc[])[1]!.provider_name = 'aws\nplangate: ok'), /has "provider_name" "aws\\nplangate: ok"/],
    ['an action list Terraform does not write', (doc: Doc) => ((doc.resource_changes as Entry[])[1]!.change.actions = ['forget', 'create']), /has actions \["forget","create"\], which plangate does not know: if a newer Terraform wrote them, upgrade plangate/],
    ['an action_reason that is a number', (doc: Doc) => ((doc.resource_changes as Doc[])[1]!.action_reason = 3), /has "action_reason" 3/],
  ])('%s is an error', (_what, mutate, pattern) => {
    const doc = corpusJson(BASIC_DELETE);
    mutate(doc);
    expect(refusal(doc)).toMatch(pattern);
  });
});
