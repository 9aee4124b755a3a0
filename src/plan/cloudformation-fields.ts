import { InputError } from '../errors.js';
import { isObject, type JsonObject } from '../json.js';
import { quote } from '../quote.js';

// The documented values of every change-set field plangate reads, from the
// AWS CloudFormation API Reference (API Version 2010-05-15):
// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeChangeSet.html
// .../API_Change.html, API_ResourceChange.html, API_ResourceChangeDetail.html, API_ResourceTargetDefinition.html
// A value outside them may be new or damaged; either way plangate cannot say what it means.
const CHANGE_TYPES = ['Resource'] as const;
const ACTIONS = ['Add', 'Modify', 'Remove', 'Import', 'Dynamic', 'SyncWithActual'] as const;
const REPLACEMENTS = ['True', 'False', 'Conditional'] as const;
const POLICY_ACTIONS = ['Delete', 'Retain', 'Snapshot', 'ReplaceAndDelete', 'ReplaceAndRetain', 'ReplaceAndSnapshot'] as const;
const ATTRIBUTES = ['Properties', 'Metadata', 'CreationPolicy', 'UpdatePolicy', 'DeletionPolicy', 'UpdateReplacePolicy', 'Tags'] as const;
const EVALUATIONS = ['Static', 'Dynamic'] as const;
const CHANGE_SOURCES = ['ResourceReference', 'ParameterReference', 'ResourceAttribute', 'DirectModification', 'Automatic', 'NoModification'] as const;
const RECREATIONS = ['Never', 'Conditionally', 'Always'] as const;
const STATUSES = ['CREATE_PENDING', 'CREATE_IN_PROGRESS', 'CREATE_COMPLETE', 'DELETE_PENDING', 'DELETE_IN_PROGRESS', 'DELETE_COMPLETE', 'DELETE_FAILED', 'FAILED'] as const;
const EXECUTION_STATUSES = ['UNAVAILABLE', 'AVAILABLE', 'EXECUTE_IN_PROGRESS', 'EXECUTE_COMPLETE', 'EXECUTE_FAILED', 'OBSOLETE'] as const;

export type Action = (typeof ACTIONS)[number];
export type Replacement = (typeof REPLACEMENTS)[number];
export type Recreation = (typeof RECREATIONS)[number];

export interface TargetFields {
  attribute?: string;
  name?: string;
  requiresRecreation?: Recreation;
  before?: string;
  after?: string;
}

export interface DetailFields {
  changeSource?: string;
  causingEntity?: string;
  target?: TargetFields;
}

/** A `ResourceChange` whose every field plangate reads has its documented type and value. */
export interface ResourceChangeFields {
  logicalId: string;
  resourceType: string;
  action: Action;
  replacement?: Replacement;
  policyAction?: string;
  physicalId?: string;
  /** The nested stack's own change set (created with --include-nested-stacks). */
  changeSetId?: string;
  details: DetailFields[];
  beforeContext?: string | JsonObject;
  afterContext?: string | JsonObject;
}

/** The change-set fields plangate reads; `changes` still unchecked entries. */
export interface ChangeSetFields {
  changes: unknown[];
  id?: string;
  parentId?: string;
  name?: string;
  stackName?: string;
  stackId?: string;
  nextToken?: string;
  status?: string;
  statusReason?: string;
  executionStatus?: string;
  nested: { logicalId: string; changeSet: JsonObject; at: string }[];
}

const DESCRIBE = '`aws cloudformation describe-change-set --output json`';

/** Builds the errors for one file: a field of the wrong type, or a value outside the documented set. */
export class FieldErrors {
  constructor(readonly file: string) {}

  damaged(problem: string): InputError {
    return new InputError(this.file, `${problem}: the file is damaged; regenerate it with ${DESCRIBE}`);
  }

  undocumented(problem: string): InputError {
    return new InputError(this.file, `${problem}, which the describe-change-set API reference does not list: upgrade plangate if AWS added it, else regenerate the file with ${DESCRIBE}`);
  }

  contradiction(problem: string): InputError {
    return new InputError(this.file, `${problem}: the change set contradicts itself, so plangate cannot tell what happens; regenerate it with ${DESCRIBE}`);
  }
}

/** An input value for a message: scalars as JSON, containers by kind, so a message stays one line of bounded length. */
export function shown(value: unknown, max = 200): string {
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return 'a list';
  if (isObject(value)) return 'an object';
  return quote(value, max);
}

/** Absent and null (AWS's own examples print null) mean the same: not given. */
function given(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function optionalString(obj: JsonObject, key: string, at: string, errors: FieldErrors): string | undefined {
  const value = obj[key];
  if (!given(value)) return undefined;
  if (typeof value !== 'string') throw errors.damaged(`${at}${key} is ${shown(value)}, not a string`);
  return value;
}

const RESOURCE_TYPE = /^(?:[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}(?:::MODULE)?|Custom::[A-Za-z0-9_@-]{1,60})$/;

function requiredName(obj: JsonObject, key: string, at: string, errors: FieldErrors): string {
  const value = obj[key];
  if (typeof value !== 'string' || value === '') throw errors.damaged(`${at}${key} is ${shown(value)}, not a non-empty string`);
  return value;
}

function oneOf<T extends string>(obj: JsonObject, key: string, allowed: readonly T[], at: string, errors: FieldErrors): T | undefined {
  return given(obj[key]) ? valueOf(obj[key], `${at}${key}`, allowed, errors) : undefined;
}

function valueOf<T extends string>(value: unknown, label: string, allowed: readonly T[], errors: FieldErrors): T {
  if (typeof value !== 'string') throw errors.damaged(`${label} is ${shown(value)}, not a string`);
  if (!(allowed as readonly string[]).includes(value)) throw errors.undocumented(`${label} is ${shown(value)}, not one of ${allowed.join(', ')}`);
  return value as T;
}

function optionalList(obj: JsonObject, key: string, at: string, errors: FieldErrors): unknown[] {
  const value = obj[key];
  if (!given(value)) return [];
  if (!Array.isArray(value)) throw errors.damaged(`${at}${key} is ${shown(value)}, not a list`);
  return value;
}

/**
 * Checks one `Changes[i]` entry. `at` names it (`Changes[3]`); once its logical
 * id is known, messages name that too.
 */
export function readResourceChange(entry: unknown, at: string, errors: FieldErrors): ResourceChangeFields {
  if (!isObject(entry)) throw errors.damaged(`${at} is ${shown(entry)}, not an object`);
  const rc = entry.ResourceChange;
  // Type first: a change of another type has no ResourceChange, and needs a newer plangate.
  const type = entry.Type;
  if (typeof type !== 'string') throw errors.damaged(`${at}: Type is ${shown(type)}, not a string`);
  if (!(CHANGE_TYPES as readonly string[]).includes(type)) throw errors.undocumented(`${at}: Type is ${shown(type)}, not Resource`);
  if (!isObject(rc)) throw errors.damaged(`${at}: ResourceChange is ${shown(rc)}, not an object`);
  const logicalId = requiredName(rc, 'LogicalResourceId', `${at}: `, errors);
  const where = `${at} (${shown(logicalId)}): `;
  const resourceType = requiredName(rc, 'ResourceType', where, errors);
  // The CloudFormation resource type grammar (Organization::Service::Resource, or Custom::Name):
  // a space, an invisible character or a look-alike letter would match no rule.
  if (!RESOURCE_TYPE.test(resourceType) || (/^(aws|custom|alexa)::/i.test(resourceType) && !/^(AWS|Custom|Alexa)::/.test(resourceType))) {
    throw errors.damaged(`${where}ResourceType ${shown(resourceType)} is not a CloudFormation resource type (Organization::Service::Resource)`);
  }
  if (!given(rc.Action)) throw errors.damaged(`${where}Action is missing`);
  const action = oneOf(rc, 'Action', ACTIONS, where, errors) as Action;
  for (const [i, scope] of optionalList(rc, 'Scope', where, errors).entries()) valueOf(scope, `${where}Scope[${i}]`, ATTRIBUTES, errors);
  const fields: ResourceChangeFields = {
    logicalId,
    resourceType,
    action,
    details: optionalList(rc, 'Details', where, errors).map((d, i) => readDetail(d, `${where}Details[${i}]`, errors)),
  };
  const replacement = oneOf(rc, 'Replacement', REPLACEMENTS, where, errors);
  if (replacement) fields.replacement = replacement;
  const policyAction = oneOf(rc, 'PolicyAction', POLICY_ACTIONS, where, errors);
  if (policyAction) fields.policyAction = policyAction;
  const physicalId = optionalString(rc, 'PhysicalResourceId', where, errors);
  if (physicalId) fields.physicalId = physicalId;
  const changeSetId = optionalString(rc, 'ChangeSetId', where, errors);
  // Documented pattern arn:[-a-zA-Z0-9:/]*; DescribeChangeSet takes at most 1600 characters. It goes into a suggested command.
  if (changeSetId !== undefined && !/^arn:[-a-zA-Z0-9:/]{1,1596}$/.test(changeSetId)) throw errors.undocumented(`${where}ChangeSetId is ${shown(changeSetId)}, not a change set ARN`);
  if (changeSetId) fields.changeSetId = changeSetId;
  for (const key of ['BeforeContext', 'AfterContext'] as const) {
    const context = rc[key];
    if (!given(context)) continue;
    // The API sends an encoded JSON string; some recordings hold it decoded.
    if (typeof context !== 'string' && !isObject(context)) throw errors.damaged(`${where}${key} is ${shown(context)}, not an encoded JSON object`);
    fields[key === 'BeforeContext' ? 'beforeContext' : 'afterContext'] = context;
  }
  return fields;
}

function readDetail(detail: unknown, at: string, errors: FieldErrors): DetailFields {
  if (!isObject(detail)) throw errors.damaged(`${at} is ${shown(detail)}, not an object`);
  const where = `${at}: `;
  oneOf(detail, 'Evaluation', EVALUATIONS, where, errors);
  const fields: DetailFields = {};
  const changeSource = oneOf(detail, 'ChangeSource', CHANGE_SOURCES, where, errors);
  if (changeSource) fields.changeSource = changeSource;
  const causingEntity = optionalString(detail, 'CausingEntity', where, errors);
  if (causingEntity) fields.causingEntity = causingEntity;
  const target = detail.Target;
  if (!given(target)) return fields;
  if (!isObject(target)) throw errors.damaged(`${where}Target is ${shown(target)}, not an object`);
  const t: TargetFields = {};
  const attribute = oneOf(target, 'Attribute', ATTRIBUTES, `${where}Target.`, errors);
  if (attribute) t.attribute = attribute;
  const recreation = oneOf(target, 'RequiresRecreation', RECREATIONS, `${where}Target.`, errors);
  if (recreation) t.requiresRecreation = recreation;
  const name = optionalString(target, 'Name', `${where}Target.`, errors);
  if (name !== undefined) t.name = name;
  const before = optionalString(target, 'BeforeValue', `${where}Target.`, errors);
  if (before !== undefined) t.before = before;
  const after = optionalString(target, 'AfterValue', `${where}Target.`, errors);
  if (after !== undefined) t.after = after;
  fields.target = t;
  return fields;
}

/** Checks a change set's own fields; `at` names it within the file (`[1]`, `NestedChanges[0].ChangeSet`), or is empty. */
export function readChangeSet(set: unknown, at: string, errors: FieldErrors): ChangeSetFields {
  const where = at === '' ? '' : `${at}: `;
  if (!isObject(set)) throw errors.damaged(`${at || 'the document'} is ${shown(set)}, not a change set object`);
  const changes = set.Changes;
  if (!Array.isArray(changes)) throw errors.damaged(`${where}Changes is ${shown(changes)}, not a list`);
  const fields: ChangeSetFields = { changes, nested: [] };
  const strings = { id: 'ChangeSetId', parentId: 'ParentChangeSetId', name: 'ChangeSetName', stackName: 'StackName', stackId: 'StackId', nextToken: 'NextToken', statusReason: 'StatusReason' } as const;
  for (const [field, key] of Object.entries(strings) as [keyof typeof strings, string][]) {
    const value = optionalString(set, key, where, errors);
    if (value !== undefined && value !== '') fields[field] = value;
  }
  const status = oneOf(set, 'Status', STATUSES, where, errors);
  if (status) fields.status = status;
  const executionStatus = oneOf(set, 'ExecutionStatus', EXECUTION_STATUSES, where, errors);
  if (executionStatus) fields.executionStatus = executionStatus;
  // NestedChanges is not in the API: some tools write the children inline, as { LogicalResourceId, ChangeSet }.
  for (const [i, item] of optionalList(set, 'NestedChanges', where, errors).entries()) {
    const itemAt = `${where}NestedChanges[${i}]`;
    if (!isObject(item)) throw errors.damaged(`${itemAt} is ${shown(item)}, not an object with LogicalResourceId and ChangeSet`);
    if (!('ChangeSet' in item) && 'Changes' in item) throw errors.damaged(`${itemAt} is a change set without its { LogicalResourceId, ChangeSet } wrapper`);
    const logicalId = requiredName(item, 'LogicalResourceId', `${itemAt}: `, errors);
    if (!isObject(item.ChangeSet)) throw errors.damaged(`${itemAt} (${shown(logicalId)}): ChangeSet is ${shown(item.ChangeSet)}, not a change set object`);
    fields.nested.push({ logicalId, changeSet: item.ChangeSet, at: `${at === '' ? '' : at + '.'}NestedChanges[${i}].ChangeSet` });
  }
  return fields;
}
