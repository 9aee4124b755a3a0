/** The one change model both plan formats are normalised into. */

import type { Dependencies } from './dependencies.js';

/** A CloudFormation policy attribute's value before and after; absent when added or removed. */
export interface PolicyChange {
  /** DeletionPolicy or UpdateReplacePolicy. */
  attribute: string;
  before?: string;
  after?: string;
}

export type PlanFormat = 'terraform' | 'cloudformation';

export type ChangeAction = 'create' | 'update' | 'delete' | 'replace' | 'forget' | 'read' | 'no-op';

/** Actions that lose a resource or plangate's hold on it. */
export const DESTRUCTIVE = ['delete', 'replace', 'forget'] as const satisfies readonly ChangeAction[];
export type DestructiveAction = (typeof DESTRUCTIVE)[number];
export const DESTRUCTIVE_ACTIONS: ReadonlySet<ChangeAction> = new Set(DESTRUCTIVE);

export function isDestructive(action: ChangeAction): action is DestructiveAction {
  return DESTRUCTIVE_ACTIONS.has(action);
}

export interface Change {
  /** Plan file this change came from, as given on the command line. */
  file: string;
  format: PlanFormat;
  /**
   * Unique name of the change within its file: the Terraform address (with
   * " (deposed KEY)" for a deposed object), or the CloudFormation logical id
   * path (`Parent/Child` for nested stacks).
   */
  address: string;
  /** The resource's own address, without the deposed suffix. */
  resourceAddress: string;
  type: string;
  /** Terraform: resource name; CloudFormation: logical id. */
  name: string;
  /** Short provider name: `aws`, `google`, `azurerm`, … */
  provider: string;
  /** Terraform: `registry.terraform.io/hashicorp/aws`; CloudFormation: the type's namespace. */
  providerSource?: string;
  /** Module or nested-stack address, `""` for the root. */
  module: string;
  /** count / for_each key. */
  index?: string | number;
  action: ChangeAction;
  createBeforeDestroy?: boolean;
  /** CloudFormation `Replacement: Conditional`: replaced only if a dynamic value changes. */
  conditional?: boolean;
  /** Terraform `action_reason`, or a summary of CloudFormation `Details`. */
  reason?: string;
  /** Terraform `replace_paths`: the attributes whose change forces the replacement, as `tags.env`, `disk[0].size`. */
  replacePaths?: string[];
  /** CloudFormation: the properties whose change requires recreating the resource (Details with RequiresRecreation). */
  recreation?: Recreation[];
  /** CloudFormation: the stack the change set is for (the nested stack's own name for a nested change). */
  stack?: string;
  /** Address before a `moved` block renamed it. */
  previousAddress?: string;
  importing?: boolean;
  deposed?: string;
  /** CloudFormation physical id of the existing resource. */
  physicalId?: string;
  /** CloudFormation PolicyAction (Delete, Retain, Snapshot, ReplaceAndDelete, …). */
  policyAction?: string;
  /** CloudFormation DeletionPolicy / UpdateReplacePolicy changes shown in Details (IncludePropertyValues). */
  policyChanges?: PolicyChange[];
  /** CloudFormation: `Resource.Attribute` entities whose change causes this one. */
  causedBy?: string[];
  /** Values with every sensitive leaf replaced by SENSITIVE; absent when the plan has none. */
  before?: unknown;
  after?: unknown;
}

/** A CloudFormation property whose change recreates the resource: `Always`, or `Conditionally` (depending on a value known only when the change set runs). */
export interface Recreation {
  property: string;
  requires: 'Always' | 'Conditionally';
}

/** A provider's own guard against deletion, switched off by a change. */
export interface Weakening {
  /** The guard: `deletion_protection`, `force_destroy`, `lifecycle.prevent_destroy`, `DeletionPolicy`, … */
  guard: string;
  /** Its value before and after, as written (`true`, `false`, `Retain`, `Delete`, `(removed)`). */
  from: string;
  to: string;
  /** One plain line: "deletion_protection turned off (true → false): the database can now be deleted". */
  description: string;
}

/** Placeholder for a value the plan marks sensitive (or CloudFormation NoEcho). */
export const SENSITIVE = '(sensitive)';

export interface Plan {
  file: string;
  format: PlanFormat;
  /** Terraform `format_version`; absent for CloudFormation. */
  formatVersion?: string;
  /** `terraform_version` (OpenTofu writes its own version here too). */
  toolVersion?: string;
  changes: Change[];
  /** Who references whom, for the blast radius of a destroyed resource. */
  dependencies: Dependencies;
  /**
   * Set when the plan parsed but cannot be trusted to be complete (it errored,
   * or a change set is still being created): the run must end in an error.
   */
  incomplete?: string;
  /**
   * CloudFormation: the ChangeSetIds this file holds, and the nested stacks'
   * change sets it references but does not hold: another file must (check.ts).
   */
  changeSets?: { held: string[]; needed: { id: string; entry: string }[] };
  /**
   * Terraform: configuration addresses with an instance the plan leaves alone
   * (a plain no-op, dropped from `changes`), so a dependent with one destroyed
   * instance of three is not taken for destroyed whole.
   */
  unchangedNodes?: Set<string>;
  /** CloudFormation: each stack the file's change sets are for, and the address prefix of its resources (`""` for a root). */
  stacks?: { name: string; prefix: string }[];
}
