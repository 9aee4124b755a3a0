import { describe, expect, it } from 'vitest';
import { analyse, type Analysis } from '../../src/analysis/analyse.js';
import { parsePlan } from '../../src/plan/read-plan.js';
import { loadPacks } from '../../src/rules/packs.js';
import type { Rule, RuleSet } from '../../src/rules/types.js';

const ruleSet: RuleSet = { ...loadPacks(['recommended']), ignore: [], overrideLabel: 'plangate-override', protectedBases: [] };
const CLOUD_PACKS = ['aws', 'google', 'azure', 'kubernetes', 'cloudformation'];
const PREFIX: Record<string, string> = { aws: 'aws-', google: 'google-', azure: 'azure-', kubernetes: 'k8s-', cloudformation: 'cfn-' };
// Terraform provider each pack's types come from (registry.terraform.io/hashicorp/<name>).
const PROVIDER: Record<string, string> = { aws: 'aws', google: 'google', azure: 'azurerm', kubernetes: 'kubernetes' };

/** The cloud packs' rules; recommended adds one rule of its own, for guards switched off. */
const cloudRules = ruleSet.rules.filter((rule) => rule.pack !== 'recommended');
/** Every (rule, type) pair the packs list: each one must be caught on its own. */
const entries = cloudRules.flatMap((rule) => (rule.match.types ?? []).map((type) => ({ rule, type })));

type TerraformActions = ['delete'] | ['delete', 'create'] | ['create', 'delete'] | ['update'];

/** A `terraform show -json` document with one managed resource change. */
function terraformPlan(type: string, provider: string, actions: TerraformActions): unknown {
  const providerName = `registry.terraform.io/hashicorp/${provider}`;
  const deleting = actions.length === 1 && actions[0] === 'delete';
  return {
    format_version: '1.2',
    terraform_version: '1.9.5',
    planned_values: { root_module: deleting ? {} : { resources: [{ address: `${type}.this`, mode: 'managed', type, name: 'this', provider_name: providerName, schema_version: 0, values: { id: 'x' }, sensitive_values: {} }] } },
    resource_changes: [
      {
        address: `${type}.this`,
        mode: 'managed',
        type,
        name: 'this',
        provider_name: providerName,
        change: {
          actions,
          before: { id: 'x' },
          after: deleting ? null : { id: 'x' },
          after_unknown: {},
          before_sensitive: {},
          after_sensitive: deleting ? false : {},
        },
        ...(actions.length === 2 ? { action_reason: 'replace_because_cannot_update' } : {}),
      },
    ],
    configuration: {
      provider_config: { [provider]: { name: provider, full_name: providerName } },
      root_module: deleting ? {} : { resources: [{ address: `${type}.this`, mode: 'managed', type, name: 'this', provider_config_key: provider, schema_version: 0 }] },
    },
    timestamp: '2025-01-01T00:00:00Z',
    applyable: true,
    complete: true,
    errored: false,
  };
}

type CfnChange = { Action: 'Remove' } | { Action: 'Modify'; Replacement: 'True' | 'False' };

/** An `aws cloudformation describe-change-set` document with one resource change. */
function changeSet(type: string, change: CfnChange): unknown {
  const modify = change.Action === 'Modify';
  return {
    ChangeSetId: 'arn:aws:cloudformation:us-east-1:123456789012:changeSet/pr-1/0a1b2c3d-0000-0000-0000-000000000000',
    ChangeSetName: 'pr-1',
    StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/app/0a1b2c3d-0000-0000-0000-000000000001',
    StackName: 'app',
    Status: 'CREATE_COMPLETE',
    ExecutionStatus: 'AVAILABLE',
    Changes: [
      {
        Type: 'Resource',
        ResourceChange: {
          Action: change.Action,
          LogicalResourceId: 'Res',
          PhysicalResourceId: 'phys',
          ResourceType: type,
          ...(modify ? { Replacement: change.Replacement } : {}),
          // A nested stack's update names its own change set (--include-nested-stacks); without one it is an error.
          ...(modify && type === 'AWS::CloudFormation::Stack' ? { ChangeSetId: 'arn:aws:cloudformation:us-east-1:123456789012:changeSet/pr-1-Res/0a1b2c3d-0000-0000-0000-000000000002' } : {}),
          Scope: modify ? ['Properties'] : [],
          Details: modify
            ? [
                {
                  Target: { Attribute: 'Properties', Name: 'Name', RequiresRecreation: change.Replacement === 'True' ? 'Always' : 'Never' },
                  Evaluation: 'Static',
                  ChangeSource: 'DirectModification',
                },
              ]
            : [],
        },
      },
    ],
  };
}

function run(doc: unknown): Analysis {
  const plan = parsePlan(Buffer.from(JSON.stringify(doc)), 'generated.json');
  return analyse({ plans: [plan], readErrors: [], ruleSet });
}

function isCloudFormation(rule: Rule): boolean {
  return rule.pack === 'cloudformation';
}

function deleteDoc(rule: Rule, type: string): unknown {
  return isCloudFormation(rule) ? changeSet(type, { Action: 'Remove' }) : terraformPlan(type, PROVIDER[rule.pack ?? ''] ?? '', ['delete']);
}

function replaceDoc(rule: Rule, type: string): unknown {
  return isCloudFormation(rule)
    ? changeSet(type, { Action: 'Modify', Replacement: 'True' })
    : terraformPlan(type, PROVIDER[rule.pack ?? ''] ?? '', ['delete', 'create']);
}

function updateDoc(rule: Rule, type: string): unknown {
  return isCloudFormation(rule)
    ? changeSet(type, { Action: 'Modify', Replacement: 'False' })
    : terraformPlan(type, PROVIDER[rule.pack ?? ''] ?? '', ['update']);
}

describe('built-in rule packs', () => {
  it('load and validate through recommended, in order', () => {
    expect(ruleSet.packs).toEqual([...CLOUD_PACKS, 'recommended']);
    for (const pack of CLOUD_PACKS) expect(loadPacks([pack]).rules.length).toBeGreaterThan(0);
  });

  it('recommended adds one rule: any deletion guard switched off, on any type', () => {
    expect(ruleSet.rules.filter((rule) => rule.pack === 'recommended')).toEqual([
      expect.objectContaining({ name: 'deletion-guard-removed', severity: 'high', match: { types: ['*'], actions: ['protection-removed'] } }),
    ]);
  });

  it('give every rule a one-line reason, a pack-prefixed kebab-case name and an explicit type list', () => {
    for (const rule of cloudRules) {
      expect(rule.reason, rule.name).toMatch(/\S/);
      expect(rule.reason, rule.name).not.toMatch(/\n/);
      expect(rule.name, rule.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.name.startsWith(PREFIX[rule.pack ?? ''] ?? '?'), `${rule.name} in ${rule.pack}`).toBe(true);
      expect(rule.match.types?.length ?? 0, rule.name).toBeGreaterThan(0);
      expect(rule.match.providers, rule.name).toBeUndefined();
      // Packs use the default actions and approvals; a project's config tightens them.
      expect(rule.match.actions, rule.name).toEqual(['delete', 'replace', 'forget', 'protection-removed']);
      expect(rule.approvals, rule.name).toBe(1);
      expect(rule.approvers, rule.name).toEqual({ teams: [], users: [] });
      expect(['critical', 'high', 'medium'], rule.name).toContain(rule.severity);
    }
  });

  it('use each rule name once across all packs', () => {
    const names = ruleSet.rules.map((r) => r.name);
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names).size).toBe(names.length);
  });

  it('list each type once, as an exact name of its platform', () => {
    const types = entries.map((e) => e.type);
    expect(new Set(types).size).toBe(types.length);
    for (const { rule, type } of entries) {
      const shape = isCloudFormation(rule)
        ? /^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/
        : new RegExp(`^${PROVIDER[rule.pack ?? ''] ?? '?'}_[a-z0-9_]+$`);
      expect(type, rule.name).toMatch(shape);
    }
  });
});

describe.each(entries.map(({ rule, type }) => [type, rule.name, rule] as const))('%s (%s)', (type, name, rule) => {
  it('is a finding when deleted', () => {
    const analysis = run(deleteDoc(rule, type));
    expect(analysis.errors).toEqual([]);
    expect(analysis.decision).toBe('blocked');
    expect(analysis.findings).toHaveLength(1);
    expect(analysis.findings[0]).toMatchObject({ type, action: 'delete', rule: name, rules: [name], severity: rule.severity, reason: rule.reason });
  });

  it('is a finding when replaced', () => {
    const analysis = run(replaceDoc(rule, type));
    expect(analysis.errors).toEqual([]);
    expect(analysis.findings).toHaveLength(1);
    expect(analysis.findings[0]).toMatchObject({ type, action: 'replace', rule: name });
  });

  it('is not a finding when updated in place', () => {
    const analysis = run(updateDoc(rule, type));
    expect(analysis.errors).toEqual([]);
    expect(analysis.changes).toHaveLength(1);
    expect(analysis.changes[0]?.action).toBe('update');
    expect(analysis.findings).toEqual([]);
    expect(analysis.decision).toBe('pass');
  });
});

describe('stateless resources', () => {
  it.each([
    ['aws_iam_role_policy_attachment', 'aws'],
    ['aws_security_group_rule', 'aws'],
    ['google_project_iam_member', 'google'],
    ['azurerm_role_assignment', 'azurerm'],
  ])('%s is not protected', (type, provider) => {
    const analysis = run(terraformPlan(type, provider, ['delete']));
    expect(analysis.changes).toHaveLength(1);
    expect(analysis.findings).toEqual([]);
    expect(analysis.decision).toBe('pass');
  });

  it.each(['AWS::IAM::Policy', 'AWS::Lambda::Permission'])('%s is not protected', (type) => {
    const analysis = run(changeSet(type, { Action: 'Remove' }));
    expect(analysis.changes).toHaveLength(1);
    expect(analysis.findings).toEqual([]);
    expect(analysis.decision).toBe('pass');
  });
});
