import { InputError } from '../errors.js';
import type { Dependencies } from './dependencies.js';
import { checkDepth } from './depth.js';
import { isObject, type JsonObject } from './detect-format.js';
import { SENSITIVE, type Change, type Plan, type PolicyChange } from './types.js';

const DESCRIBE = '`aws cloudformation describe-change-set --output json`';

/**
 * Normalises `describe-change-set` output: one change set, a list of change
 * sets (a root and its nested children, linked by ChangeSetId), or a
 * `NestedChanges` tree. Nested resources are named `Parent/Child`.
 */
export function normaliseChangeSets(doc: unknown, file: string): Plan {
  const sets = (Array.isArray(doc) ? doc : [doc]).filter(isObject);
  const byId = new Map<string, JsonObject>();
  for (const set of sets) {
    if (typeof set.ChangeSetId === 'string') byId.set(set.ChangeSetId, set);
  }
  const walker = new Walker(file, byId);
  // Roots are sets whose parent is not in this file; a child on its own is named from its stack.
  for (const set of sets) {
    const parent = set.ParentChangeSetId;
    if (typeof parent === 'string' && byId.has(parent)) continue;
    walker.walk(set, typeof parent === 'string' && parent !== '' ? `${stackName(set)}/` : '');
  }
  // Children whose parent's stack change did not point at them.
  for (const set of sets) {
    if (!walker.visited.has(set)) walker.walk(set, `${stackName(set)}/`);
  }
  const plan: Plan = { file, format: 'cloudformation', changes: walker.changes, dependencies: causeDependencies(walker.changes) };
  const incomplete = sets.map((set) => incompleteReason(set)).find((reason) => reason !== undefined);
  if (incomplete) plan.incomplete = incomplete;
  return plan;
}

/** A nested change set's stack: StackName, else the name inside its StackId ARN. */
function stackName(set: JsonObject): string {
  if (typeof set.StackName === 'string' && set.StackName !== '') return set.StackName;
  const fromArn = typeof set.StackId === 'string' ? /:stack\/([^/]+)/.exec(set.StackId)?.[1] : undefined;
  return fromArn ?? 'nested-stack';
}

class Walker {
  readonly changes: Change[] = [];
  readonly visited = new Set<JsonObject>();

  constructor(
    private readonly file: string,
    private readonly byId: ReadonlyMap<string, JsonObject>,
  ) {}

  walk(set: JsonObject, prefix: string): void {
    if (this.visited.has(set)) return;
    this.visited.add(set);
    const changes = set.Changes ?? [];
    if (!Array.isArray(changes)) throw this.damaged(`${where(prefix)}"Changes" is not a list`);
    for (const [i, entry] of changes.entries()) {
      const at = `${where(prefix)}Changes[${i}]`;
      if (!isObject(entry)) throw this.damaged(`${at} is not an object`);
      if (entry.Type !== undefined && entry.Type !== 'Resource') {
        throw new InputError(this.file, `${at} has Type ${JSON.stringify(entry.Type)}, which plangate does not know: upgrade plangate`);
      }
      const rc = entry.ResourceChange;
      if (!isObject(rc)) throw this.damaged(`${at} has no "ResourceChange"`);
      const change = this.normalise(rc, prefix, at);
      this.changes.push(change);
      const child = typeof rc.ChangeSetId === 'string' ? this.byId.get(rc.ChangeSetId) : undefined;
      if (child && child !== set) this.walk(child, `${change.address}/`);
    }
    const nested = set.NestedChanges ?? [];
    if (!Array.isArray(nested)) throw this.damaged(`${where(prefix)}"NestedChanges" is not a list`);
    for (const item of nested) {
      if (isObject(item) && isObject(item.ChangeSet)) this.walk(item.ChangeSet, `${prefix}${String(item.LogicalResourceId)}/`);
    }
  }

  private normalise(rc: JsonObject, prefix: string, at: string): Change {
    const logicalId = rc.LogicalResourceId;
    if (typeof logicalId !== 'string' || logicalId === '') throw this.damaged(`${at} has no "LogicalResourceId"`);
    const type = typeof rc.ResourceType === 'string' ? rc.ResourceType : '';
    const namespace = type.split('::')[0] ?? '';
    const change: Change = {
      file: this.file,
      format: 'cloudformation',
      address: prefix + logicalId,
      resourceAddress: prefix + logicalId,
      type,
      name: logicalId,
      provider: namespace.toLowerCase(),
      providerSource: namespace,
      module: prefix.replace(/\/$/, ''),
      action: 'update',
    };
    const replacement = rc.Replacement;
    switch (rc.Action) {
      case 'Add':
        change.action = 'create';
        break;
      case 'Import':
        change.action = 'create';
        change.importing = true;
        break;
      case 'Remove':
        // DeletionPolicy Retain keeps the resource: it leaves the stack, like a Terraform forget.
        change.action = rc.PolicyAction === 'Retain' ? 'forget' : 'delete';
        if (rc.PolicyAction === 'Retain') change.reason = 'DeletionPolicy Retain: removed from the stack, not deleted';
        break;
      case 'Modify':
        if (replacement === 'True' || replacement === 'Conditional') {
          change.action = 'replace';
          change.conditional = replacement === 'Conditional';
        }
        break;
      case 'Dynamic':
        change.reason = 'CloudFormation cannot tell the action until the change set runs (Dynamic)';
        break;
      case 'SyncWithActual':
        change.action = 'no-op';
        break;
      default:
        throw new InputError(this.file, `${at} (${change.address}) has Action ${JSON.stringify(rc.Action)}, which plangate does not know: upgrade plangate`);
    }
    if (typeof rc.PhysicalResourceId === 'string' && rc.PhysicalResourceId !== '') change.physicalId = rc.PhysicalResourceId;
    if (typeof rc.PolicyAction === 'string') change.policyAction = rc.PolicyAction;
    const details = Array.isArray(rc.Details) ? rc.Details.filter(isObject) : [];
    const reason = change.action === 'replace' ? replacementReason(details) : undefined;
    if (reason) change.reason = reason;
    // Only resources cause resources; a ParameterReference names a parameter, not a dependency.
    const policyChanges = details.flatMap((d): PolicyChange[] => {
      const target = d.Target;
      if (!isObject(target) || (target.Attribute !== 'DeletionPolicy' && target.Attribute !== 'UpdateReplacePolicy')) return [];
      const policy: PolicyChange = { attribute: target.Attribute };
      if (typeof target.BeforeValue === 'string') policy.before = target.BeforeValue;
      if (typeof target.AfterValue === 'string') policy.after = target.AfterValue;
      return [policy];
    });
    if (policyChanges.length > 0) change.policyChanges = policyChanges;
    const causes = [
      ...new Set(
        details
          .filter((d) => d.ChangeSource === 'ResourceReference' || d.ChangeSource === 'ResourceAttribute')
          .map((d) => d.CausingEntity)
          .filter((c): c is string => typeof c === 'string' && c !== ''),
      ),
    ];
    if (causes.length > 0) change.causedBy = causes.map((c) => prefix + c);
    const before = contextProperties(rc.BeforeContext, this.file, `${at}.ResourceChange.BeforeContext`);
    const after = contextProperties(rc.AfterContext, this.file, `${at}.ResourceChange.AfterContext`);
    if (before !== undefined) change.before = before;
    if (after !== undefined) change.after = after;
    return change;
  }

  private damaged(problem: string): InputError {
    return new InputError(this.file, `${problem}: the file is damaged; regenerate it with ${DESCRIBE}`);
  }
}

/** A change caused by `Foo.Attr` depends on `Foo` (Details[].CausingEntity). */
function causeDependencies(changes: readonly Change[]): Dependencies {
  const deps: Dependencies = new Map();
  for (const change of changes) {
    for (const cause of change.causedBy ?? []) {
      const target = cause.replace(/\.[^./]*$/, '');
      if (target === change.address) continue;
      let set = deps.get(change.address);
      if (!set) deps.set(change.address, (set = new Set()));
      set.add(target);
    }
  }
  return deps;
}

function where(prefix: string): string {
  return prefix === '' ? '' : `nested stack ${prefix.replace(/\/$/, '')}: `;
}

/** "requires replacement: TopicName, BucketName (conditionally)" from the Details that force it. */
function replacementReason(details: JsonObject[]): string | undefined {
  const names: string[] = [];
  for (const detail of details) {
    const target = detail.Target;
    if (!isObject(target)) continue;
    const name = typeof target.Name === 'string' ? target.Name : typeof target.Attribute === 'string' ? target.Attribute : '';
    if (target.RequiresRecreation === 'Always') names.push(name);
    else if (target.RequiresRecreation === 'Conditionally') names.push(`${name} (conditionally)`);
  }
  const unique = [...new Set(names)].filter((n) => n !== '');
  return unique.length > 0 ? `requires replacement: ${unique.join(', ')}` : undefined;
}

/** Status of the change set itself: one still being built, or failed, does not say what will happen. */
function incompleteReason(set: JsonObject): string | undefined {
  const name = typeof set.ChangeSetName === 'string' ? `change set ${set.ChangeSetName}` : 'the change set';
  if (typeof set.NextToken === 'string' && set.NextToken !== '') {
    return `${name} holds only the first page of its changes (NextToken is set): write all pages, without --max-items or --no-paginate`;
  }
  const status = set.Status;
  if (status === 'CREATE_PENDING' || status === 'CREATE_IN_PROGRESS') {
    return `${name} is ${status}, so its changes are not known yet: run \`aws cloudformation wait change-set-create-complete\` before describing it`;
  }
  if (status === 'FAILED') {
    const reason = typeof set.StatusReason === 'string' ? set.StatusReason : '';
    if (/didn't contain changes|No updates are to be performed/i.test(reason)) return undefined;
    return `${name} FAILED${reason ? ` (${reason})` : ''}: fix the template or parameters and create the change set again`;
  }
  if (typeof status === 'string' && status.startsWith('DELETE_')) {
    return `${name} is ${status}: describe a current change set`;
  }
  if (set.ExecutionStatus === 'OBSOLETE') {
    return `${name} is OBSOLETE (the stack changed after it was created), so it no longer says what will happen: create a new change set`;
  }
  return undefined;
}

/** Before/AfterContext is an encoded JSON string in the API (an object in some recordings). */
function contextProperties(context: unknown, file: string, at: string): unknown {
  let value = context;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
    // Parsed apart from the document, so checked apart: maskNoEcho recurses once per level.
    checkDepth(value, file, at);
  }
  if (!isObject(value)) return undefined;
  const properties = isObject(value.Properties) ? value.Properties : value;
  return maskNoEcho(properties);
}

/** CloudFormation shows NoEcho values as "****"; keep them out of reports all the same. */
function maskNoEcho(value: unknown): unknown {
  if (value === '****') return SENSITIVE;
  if (Array.isArray(value)) return value.map(maskNoEcho);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskNoEcho(v)]));
  return value;
}
