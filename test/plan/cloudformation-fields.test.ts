// Every field of a real change set (the shared corpus), mutated: plangate reads
// it as the describe-change-set API reference defines it, or refuses the file.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import type { Change } from '../../src/plan/types.js';
import { corpusFile, describeCorpus, HAS_CORPUS } from '../corpus-path.js';
import { parseDoc } from './fixtures.js';

type Doc = Record<string, unknown>;
// Every test here starts from a corpus change set: the whole file runs only with the corpus.
const corpus = HAS_CORPUS ? corpusFile('cloudformation') : '';

function corpusSet(name: string): Doc {
  return JSON.parse(readFileSync(join(corpus, `cloudformation__${name}.json`), 'utf8')) as Doc;
}

// Foo: Modify, Replacement True, PolicyAction ReplaceAndDelete, TopicName RequiresRecreation Always.
const REPLACED = 'localstack__dynamic-update-replace';
// Foo: Modify, Replacement True, caused by a parameter (ParameterReference).
const BY_PARAMETER = 'localstack__parameter-default-replace';

/** The corpus change set with `path` (inside Changes[0].ResourceChange, or from the top with `/`) set, or deleted when undefined. */
function mutated(name: string, path: string, value: unknown): Doc {
  const doc = corpusSet(name);
  const keys = path.startsWith('/') ? path.slice(1).split('.') : ['Changes', '0', 'ResourceChange', ...path.split('.')];
  let parent = doc as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  const last = keys.at(-1) as string;
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return doc;
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

function changeOf(doc: unknown, address: string): Change | undefined {
  return parseDoc(doc, 'cs.json').changes.find((c) => c.address === address);
}

describeCorpus('Replacement', () => {
  it.each(['true', true, 'Always', '', 'TRUE', 1, ['True']])('%j is an error naming the file and the change', (value) => {
    expect(problem(mutated(REPLACED, 'Replacement', value))).toMatch(/^cs\.json: Changes\[0\] \("Foo"\): Replacement is .*(not one of True, False, Conditional|not a string)/);
  });

  it.each([undefined, null])('%j on a Modify is an error: a replace cannot be ruled out', (value) => {
    expect(problem(mutated(REPLACED, 'Replacement', value))).toMatch(/^cs\.json: Changes\[0\] \("Foo"\) has Action Modify but no Replacement/);
  });

  it('False while a Details target says RequiresRecreation Always contradicts the API reference', () => {
    expect(problem(mutated(REPLACED, 'Replacement', 'False'))).toMatch(/^cs\.json: Changes\[0\] \("Foo"\) has Replacement False, yet its Details say RequiresRecreation Always: the change set contradicts itself/);
  });

  it('False with a ReplaceAnd* PolicyAction contradicts it too', () => {
    const doc = mutated(REPLACED, 'Replacement', 'False');
    const rc = (doc.Changes as { ResourceChange: { Details: { Target: Doc }[] } }[])[0]?.ResourceChange;
    for (const detail of rc?.Details ?? []) detail.Target.RequiresRecreation = 'Never';
    expect(problem(doc)).toMatch(/Changes\[0\] \("Foo"\) has Replacement False, yet PolicyAction ReplaceAndDelete/);
  });
});

describeCorpus('Action SyncWithActual', () => {
  it('with Replacement True contradicts "the resource will not be changed"', () => {
    expect(problem(mutated(REPLACED, 'Action', 'SyncWithActual'))).toMatch(/^cs\.json: Changes\[0\] \("Foo"\) has Action SyncWithActual \(the resource is not changed\) and Replacement True/);
  });
});

describeCorpus('Action Dynamic', () => {
  it.each(['True', 'Conditional'])('with Replacement %s is a conditional replace (a resource replaced when a parameter resolves)', (replacement) => {
    const doc = mutated(BY_PARAMETER, 'Action', 'Dynamic');
    ((doc.Changes as { ResourceChange: Doc }[])[0] as { ResourceChange: Doc }).ResourceChange.Replacement = replacement;
    expect(changeOf(doc, 'Foo')).toMatchObject({ action: 'replace', conditional: true });
  });

  it('whose Details say RequiresRecreation Conditionally is a conditional replace', () => {
    const doc = mutated(BY_PARAMETER, 'Action', 'Dynamic');
    const rc = ((doc.Changes as { ResourceChange: Doc }[])[0] as { ResourceChange: { Details: { Target: Doc }[]; Replacement?: string } }).ResourceChange;
    delete rc.Replacement;
    for (const detail of rc.Details) detail.Target.RequiresRecreation = 'Conditionally';
    expect(changeOf(doc, 'Foo')).toMatchObject({ action: 'replace', conditional: true });
  });

  it('without Replacement while its Details say RequiresRecreation Always is a contradiction', () => {
    const doc = mutated(REPLACED, 'Action', 'Dynamic');
    delete ((doc.Changes as { ResourceChange: Doc }[])[0] as { ResourceChange: Doc }).ResourceChange.Replacement;
    expect(problem(doc)).toMatch(/Changes\[0\] \("Foo"\) has no Replacement, yet its Details say RequiresRecreation Always/);
  });
});

describeCorpus('fields outside their documented type or values', () => {
  it.each([
    ['ResourceType', undefined, /ResourceType is missing, not a non-empty string: the file is damaged/],
    ['ResourceType', '', /ResourceType is "", not a non-empty string/],
    ['ResourceType', 42, /ResourceType is 42, not a non-empty string/],
    ['ResourceType', null, /ResourceType is null, not a non-empty string/],
    ['PolicyAction', 'Destroy', /PolicyAction is "Destroy", not one of Delete, Retain, Snapshot, .*which the describe-change-set API reference does not list: upgrade plangate/],
    ['Scope', ['Props'], /Scope\[0\] is "Props", not one of Properties, Metadata/],
    ['Scope', 'Properties', /Scope is "Properties", not a list/],
    ['Details', 'TopicName', /Details is "TopicName", not a list/],
    ['Details.0', null, /Details\[0\] is null, not an object/],
    ['Details.0.Evaluation', 'static', /Details\[0\]: Evaluation is "static", not one of Static, Dynamic/],
    ['Details.0.ChangeSource', 'Magic', /Details\[0\]: ChangeSource is "Magic", not one of ResourceReference/],
    ['Details.0.CausingEntity', 42, /Details\[0\]: CausingEntity is 42, not a string/],
    ['Details.0.Target', 'TopicName', /Details\[0\]: Target is "TopicName", not an object/],
    ['Details.0.Target.Attribute', 'Props', /Details\[0\]: Target\.Attribute is "Props", not one of Properties/],
    ['Details.0.Target.RequiresRecreation', 'Sometimes', /Target\.RequiresRecreation is "Sometimes", not one of Never, Conditionally, Always/],
    ['Details.0.Target.Name', 7, /Target\.Name is 7, not a string/],
    ['Details.0.Target.BeforeValue', { a: 1 }, /Target\.BeforeValue is an object, not a string/],
    ['PhysicalResourceId', 5, /PhysicalResourceId is 5, not a string/],
    ['ChangeSetId', ['arn'], /ChangeSetId is a list, not a string/],
    ['ChangeSetId', 'pr-143-AppStack; rm -rf ~', /ChangeSetId is "pr-143-AppStack; rm -rf ~", not a change set ARN/],
    ['BeforeContext', 7, /BeforeContext is 7, not an encoded JSON object/],
    ['BeforeContext', '{"Properties": {"TopicName": "t"}', /BeforeContext is not valid JSON/],
    ['BeforeContext', '[1]', /BeforeContext holds a list, not a JSON object/],
    ['AfterContext', '{"Properties": "t"}', /AfterContext: Properties is "t", not an object/],
  ])('%s set to %j is an error naming the file and the change', (path, value, pattern) => {
    const message = problem(mutated(REPLACED, path, value));
    expect(message).toMatch(/^cs\.json: Changes\[0\] \("Foo"\)/);
    expect(message).toMatch(pattern);
  });

  it('a change without Type is an error', () => {
    expect(problem(mutated(REPLACED, '/Changes.0.Type', undefined))).toMatch(/^cs\.json: Changes\[0\]: Type is missing, not a string/);
  });

  it.each([
    ['Status', 'DONE', /^cs\.json: Status is "DONE", not one of CREATE_PENDING/],
    ['ExecutionStatus', 'READY', /^cs\.json: ExecutionStatus is "READY", not one of UNAVAILABLE/],
    ['ChangeSetName', 5, /^cs\.json: ChangeSetName is 5, not a string/],
    ['NextToken', { page: 2 }, /^cs\.json: NextToken is an object, not a string/],
    ['ChangeSetId', 5, /^cs\.json: ChangeSetId is 5, not a string/],
  ])('the change set’s %s set to %j is an error', (key, value, pattern) => {
    expect(problem(mutated(REPLACED, `/${key}`, value))).toMatch(pattern);
  });

  it('a context nested past any real resource’s properties is an error, not a stack overflow', () => {
    const deep = `{"Properties":${'{"a":'.repeat(20000)}1${'}'.repeat(20001)}`;
    expect(problem(mutated(REPLACED, 'BeforeContext', deep))).toMatch(/BeforeContext\.Properties\.a\.a.*nests|nests lists and objects deeper than 512 levels \(at .*BeforeContext/);
  });
});

describeCorpus('any mutation of a real change set', () => {
  const files = (HAS_CORPUS ? readdirSync(corpus) : []).filter((f) => f.endsWith('.json'));
  const docs = files.map((f) => JSON.parse(readFileSync(join(corpus, f), 'utf8')) as unknown);
  // Paths of the string fields plangate reads in each ResourceChange.
  const READ = [
    'Action',
    'LogicalResourceId',
    'ResourceType',
    'Replacement',
    'PolicyAction',
    'PhysicalResourceId',
    'ChangeSetId',
    'Details.0.Evaluation',
    'Details.0.ChangeSource',
    'Details.0.CausingEntity',
    'Details.0.Target.Attribute',
    'Details.0.Target.Name',
    'Details.0.Target.RequiresRecreation',
  ];

  /** Every [container, key] in the document, so a mutation can land anywhere. */
  function slots(value: unknown, out: [Record<string, unknown> | unknown[], string | number][] = []): typeof out {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) {
        out.push([value, i]);
        slots(v, out);
      }
    } else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        out.push([value as Record<string, unknown>, k]);
        slots(v, out);
      }
    }
    return out;
  }

  function outcome(doc: unknown): 'read' | 'refused' {
    try {
      parseDoc(doc, 'cs.json');
      return 'read';
    } catch (error) {
      // Never a TypeError or any other internal error.
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toMatch(/^cs\.json: /);
      return 'refused';
    }
  }

  it('is read or refused, never an internal error; a read field of the wrong type is always refused', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.jsonValue({ maxDepth: 2 }), fc.boolean(), (d, s, value, remove) => {
        const doc = structuredClone(docs[d % docs.length]);
        const all = slots(doc);
        const [container, key] = all[s % all.length] as [Record<string, unknown>, string];
        if (remove && !Array.isArray(container)) delete container[key];
        else container[key] = value;
        outcome(doc);
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom(...READ), fc.oneof(fc.integer(), fc.boolean(), fc.constant({}), fc.constant(['x'])), (d, path, value) => {
        const doc = structuredClone(docs[d % docs.length]) as Doc | Doc[];
        const set = (Array.isArray(doc) ? doc[0] : doc) as { Changes: { ResourceChange: Doc }[] };
        const rc = set.Changes[0]?.ResourceChange;
        const keys = path.split('.');
        let parent = rc;
        for (const key of keys.slice(0, -1)) parent = parent?.[key] as Record<string, unknown> | undefined;
        if (parent === undefined || typeof parent !== 'object') return;
        parent[keys.at(-1) as string] = value;
        expect(outcome(doc)).toBe('refused');
      }),
      { numRuns: 1000 },
    );
  });
});
