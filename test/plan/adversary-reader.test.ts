/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- plans are built as loose JSON */
// Attacks found against the hardened reader (issue 9, second red-team pass). A plan
// a reviewer reads as destroying a protected resource is never a pass (blocked or
// error both hold), no input multiplies the reader's work, and one problem is one
// line. Read speed on these shapes is measured in `npm run bench`, not here.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { isInputError } from '../../src/errors.js';
import { missingNestedChangeSets } from '../../src/plan/cloudformation-nested.js';
import { configAddress, terraformDependencies } from '../../src/plan/dependencies.js';
import { parsePlan } from '../../src/plan/read-plan.js';
import { defaultRuleSet } from '../../src/rules/config.js';
import { fixtureJson } from './fixtures.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** A Terraform plan that deletes aws_db_instance.production and nothing else protected. */
function tfPlan(): Json {
  const doc = clone(fixtureJson('terraform/example-destroy.json')) as Json;
  doc.resource_changes = (doc.resource_changes as Json[]).filter((rc) => rc.type !== 'aws_s3_bucket' && rc.type !== 'aws_instance');
  return doc;
}
const dbEntry = (doc: Json): Json => (doc.resource_changes as Json[]).find((rc) => rc.address === 'aws_db_instance.production') as Json;
/** The same plan with no protected change at all (what a pass looks like). */
function tfSafe(): Json {
  const doc = tfPlan();
  doc.resource_changes = (doc.resource_changes as Json[]).filter((rc) => rc.type !== 'aws_db_instance');
  return doc;
}

/** A change set that removes the DynamoDB table Orders (PolicyAction Delete). */
function cfnPlan(): Json {
  return clone(fixtureJson('cloudformation/remove-orders-table.json')) as Json;
}
const orders = (doc: Json): Json => ((doc.Changes as Json[])[0] as Json).ResourceChange as Json;

/** pass / blocked / error, as `plangate check` would decide for this one file. */
function decide(text: string): 'pass' | 'blocked' | 'error' {
  let plan;
  try {
    plan = parsePlan(Buffer.from(text, 'utf8'), 'adversary.json');
  } catch (error) {
    if (isInputError(error)) return 'error';
    throw error;
  }
  return analyse({ plans: [plan], readErrors: missingNestedChangeSets([plan]), ruleSet: defaultRuleSet() }).decision;
}
const decideDoc = (doc: unknown): string => decide(JSON.stringify(doc, null, 1));

describe('sanity: the base documents', () => {
  it('are blocked as they are, and pass without the protected change', () => {
    expect(decideDoc(tfPlan())).toBe('blocked');
    expect(decideDoc(cfnPlan())).toBe('blocked');
    expect(decideDoc(tfSafe())).toBe('pass');
  });
});

describe('Terraform resource types that look like a protected one are refused', () => {
  // terraform-address.ts IDENTIFIER excludes \p{Cf}, but not the other invisible (Default_Ignorable)
  // characters, nor homoglyphs; the type then matches no rule and the delete passes.
  it.each([
    ['VARIATION SELECTOR-16 (invisible)', 'aws_db_instance\ufe0f'],
    ['COMBINING GRAPHEME JOINER (invisible)', 'aws_db_instance\u034f'],
    ['MONGOLIAN FREE VARIATION SELECTOR ONE (invisible)', 'aws_db_instance\u180b'],
    ['HANGUL FILLER (blank)', 'aws_db_instance\u3164'],
    ['Cyrillic а homoglyph', '\u0430ws_db_instance'],
  ])('a delete of %s is not a pass', (_, type) => {
    const doc = tfPlan();
    const rc = dbEntry(doc);
    rc.type = type;
    rc.address = `${type}.production`;
    expect(decideDoc(doc)).not.toBe('pass');
  });
});

describe('CloudFormation ResourceType is checked against the type grammar', () => {
  // cloudformation-fields.ts readResourceChange: requiredName(rc, 'ResourceType') accepts any non-empty string.
  it.each([
    ['a trailing space', 'AWS::DynamoDB::Table '],
    ['a leading no-break space', '\u00a0AWS::DynamoDB::Table'],
    ['lower case', 'aws::dynamodb::table'],
    ['a zero-width space', 'AWS::DynamoDB::\u200bTable'],
    ['VARIATION SELECTOR-16', 'AWS::DynamoDB::Table\ufe0f'],
    ['a Cyrillic а', 'AWS::DynamoDB::T\u0430ble'],
  ])('a Remove of a table typed with %s is not a pass', (_, type) => {
    const doc = cfnPlan();
    orders(doc).ResourceType = type;
    expect(decideDoc(doc)).not.toBe('pass');
  });

  it('a nested stack typed "AWS::CloudFormation::Stack " updated without its change set is not a pass', () => {
    // cloudformation.ts Walker.follow compares the type exactly, so the "needs --include-nested-stacks" error is skipped.
    const doc = cfnPlan();
    doc.Changes = [
      { Type: 'Resource', ResourceChange: { Action: 'Modify', Replacement: 'False', LogicalResourceId: 'DataStack', ResourceType: 'AWS::CloudFormation::Stack ', Scope: ['Properties'], Details: [] } },
    ];
    expect(decideDoc(doc)).not.toBe('pass');
  });
});

describe('look-alike top-level keys are refused, not ignored', () => {
  // detect-format.ts: format_version + planned_values is enough for a Terraform plan; terraform.ts then reads no
  // resource_changes. Unknown keys are never looked at, so a look-alike key hides the whole list.
  const rename = (doc: Json, from: string, to: string): Json => Object.fromEntries(Object.entries(doc).map(([k, v]) => [k === from ? to : k, v]));

  it.each([['resource_changes '], ['resource_changes\u200b'], ['Resource_changes']])('Terraform %j holding the delete', (key) => {
    expect(decideDoc(rename(tfPlan(), 'resource_changes', key))).not.toBe('pass');
  });

  it('CloudFormation "Changes\\u200b" holding the Remove beside an empty "Changes"', () => {
    const doc = cfnPlan();
    doc['Changes\u200b'] = doc.Changes;
    doc.Changes = [];
    expect(decideDoc(doc)).not.toBe('pass');
  });
});

describe('CloudFormation contradictions are refused', () => {
  const modify = (recreation: string, policyAction?: string): Json => {
    const doc = cfnPlan();
    const rc = orders(doc);
    rc.Action = 'Modify';
    rc.Replacement = 'False';
    rc.Scope = ['Properties'];
    rc.Details = [{ Target: { Attribute: 'Properties', Name: 'TableName', RequiresRecreation: recreation }, Evaluation: 'Static', ChangeSource: 'DirectModification' }];
    if (policyAction === undefined) delete rc.PolicyAction;
    else rc.PolicyAction = policyAction;
    return doc;
  };

  it('Modify + Replacement False with a detail that RequiresRecreation Conditionally', () => {
    // cloudformation.ts checkAlways only treats Always as contradicting Replacement False; the API reference says
    // the most impactful detail decides, so Conditionally means Replacement Conditional (a replace, as for Dynamic).
    expect(decideDoc(modify('Conditionally'))).not.toBe('pass');
  });

  it.each([
    ['Modify', 'False'],
    ['Dynamic', 'False'],
    ['SyncWithActual', undefined],
    ['Add', undefined],
    ['Import', undefined],
  ])('PolicyAction Delete ("the resource will be deleted") on Action %s, Replacement %s', (action, replacement) => {
    // cloudformation.ts classify only rejects ReplaceAnd* policies without a replacement; Delete/Snapshot on a
    // non-Remove action is accepted and the table is reported as updated, created or unchanged.
    const doc = modify('Never', 'Delete');
    const rc = orders(doc);
    rc.Action = action;
    if (replacement === undefined) delete rc.Replacement;
    else rc.Replacement = replacement;
    if (action !== 'Modify' && action !== 'Dynamic') rc.Details = [];
    expect(decideDoc(doc)).not.toBe('pass');
  });
});

describe('Terraform entries whose other fields say delete or replace are refused', () => {
  // terraform-entry.ts textProblem(rc.action_reason) only checks the text is printable.
  it.each([
    [['update'], 'delete_because_no_resource_config'],
    [['no-op'], 'replace_because_tainted'],
    [['update'], 'replace_because_cannot_update'],
  ])('actions %j with action_reason %s', (actions, reason) => {
    const doc = tfPlan();
    const rc = dbEntry(doc);
    rc.change.actions = actions;
    rc.action_reason = reason;
    expect(decideDoc(doc)).not.toBe('pass');
  });

  it('an "update" whose "after" is null (the object is gone afterwards)', () => {
    const doc = tfPlan();
    dbEntry(doc).change.actions = ['update'];
    expect(dbEntry(doc).change.after).toBeNull();
    expect(decideDoc(doc)).not.toBe('pass');
  });
});

describe('reading stays linear in the input', () => {
  it('a prior_state depends_on of 100,000 "[" is read as written, and resolves to itself', () => {
    // The instance-key pattern once let each "[" rescan the rest of the string: 80,000 took 9 s.
    const doc = tfPlan();
    const odd = '['.repeat(100_000);
    (doc.prior_state.values.root_module.resources as Json[]).push({ address: 'aws_instance.x', mode: 'managed', type: 'aws_instance', name: 'x', depends_on: [odd] });
    expect(decideDoc(doc)).toBe('blocked');
    expect(configAddress(odd)).toBe(odd);
    expect(configAddress('module.a["x]y"].aws_s3_bucket.b["k\\"]"][0]')).toBe('module.a.aws_s3_bucket.b');
  });

  it('bare references to a module reach its outputs through one node, not resources x outputs edges', () => {
    // Each bare `module.m` once copied all of m's outputs onto its referrer: 2,000 x 20,000 took 16 s.
    const doc = tfPlan();
    const outputs: Json = {};
    for (let i = 0; i < 300; i++) outputs[`o${i}`] = { expression: { constant_value: 1 } };
    doc.configuration.root_module.module_calls = { m: { source: './m', module: { outputs } } };
    for (let i = 0; i < 300; i++) {
      (doc.configuration.root_module.resources as Json[]).push({ address: `null_resource.r${i}`, mode: 'managed', type: 'null_resource', name: `r${i}`, expressions: { x: { references: ['module.m'] } } });
    }
    let edges = 0;
    for (const set of terraformDependencies(doc).values()) edges += set.size;
    expect(edges).toBeLessThan(300 + 300 + 100);
    expect(decideDoc(doc)).toBe('blocked');
  });

  it('a resource that references a whole module is a dependent of what its outputs reference', () => {
    const deps = terraformDependencies({
      configuration: {
        root_module: {
          resources: [
            { address: 'aws_db_instance.main', mode: 'managed', type: 'aws_db_instance', name: 'main' },
            { address: 'aws_lambda_function.app', mode: 'managed', type: 'aws_lambda_function', name: 'app', expressions: { env: { references: ['module.wiring'] } } },
          ],
          module_calls: { wiring: { source: './w', expressions: { db: { references: ['aws_db_instance.main'] } }, module: { outputs: { db: { expression: { references: ['var.db'] } } } } } },
        },
      },
    });
    const reach = (from: string, seen = new Set<string>()): Set<string> => {
      for (const next of deps.get(from) ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        reach(next, seen);
      }
      return seen;
    };
    expect(reach('aws_lambda_function.app')).toContain('aws_db_instance.main');
  });
});

describe('one missing nested change set is one line', () => {
  it('three entries referencing the same missing change set give one error, not three', () => {
    // One line per reference once made 100,000 references print ~50 MB of stderr.
    const doc = cfnPlan();
    const id = 'arn:aws:cloudformation:eu-west-1:123456789012:changeSet/child/1';
    for (let i = 0; i < 3; i++) {
      (doc.Changes as Json[]).push({ Type: 'Resource', ResourceChange: { Action: 'Modify', Replacement: 'False', LogicalResourceId: `Stack${i}`, ResourceType: 'AWS::CloudFormation::Stack', ChangeSetId: id, Details: [] } });
    }
    const plan = parsePlan(Buffer.from(JSON.stringify(doc)), 'cs.json');
    expect(missingNestedChangeSets([plan])).toHaveLength(1);
  });
});
