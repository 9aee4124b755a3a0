import { InputError } from '../errors.js';
import { FieldErrors, readResourceChange, shown, type ChangeSetFields, type DetailFields, type Recreation as RecreationValue, type ResourceChangeFields } from './cloudformation-fields.js';
import { ChangeSets, type NeededChangeSet } from './cloudformation-nested.js';
import type { Dependencies } from './dependencies.js';
import { checkDepth } from './depth.js';
import { isObject, type JsonObject } from '../json.js';
import { SENSITIVE, type Change, type Plan, type PolicyChange, type Recreation } from './types.js';

const NESTED_STACK = 'AWS::CloudFormation::Stack';

/**
 * Normalises `describe-change-set` output: one change set, a list of change
 * sets (a root and its nested children, linked by ChangeSetId), or a
 * `NestedChanges` tree. Nested resources are named `Parent/Child`. Every field
 * read is checked first (cloudformation-fields.ts): anything else is an error.
 */
export function normaliseChangeSets(doc: unknown, file: string): Plan {
  const errors = new FieldErrors(file);
  const sets = new ChangeSets(doc, errors);
  const walker = new Walker(file, errors, sets);
  // A child on its own (its parent in another file, or none) is named from its stack.
  for (const set of sets.top) {
    if (!sets.isRoot(set) || walker.visited.has(set)) continue;
    const fields = sets.fields.get(set) as ChangeSetFields;
    walker.walk(set, fields.parentId !== undefined ? `${stackName(fields)}/` : '');
  }
  // Children whose parent's stack change did not point at them; a cycle ends in an error here.
  for (const set of sets.top) {
    if (!walker.visited.has(set)) walker.walk(set, `${stackName(sets.fields.get(set) as ChangeSetFields)}/`);
  }
  const plan: Plan = {
    file,
    format: 'cloudformation',
    changes: walker.changes,
    dependencies: causeDependencies(walker.changes),
    changeSets: { held: [...sets.byId.keys()], needed: walker.needed },
  };
  if (walker.stacks.length > 0) plan.stacks = walker.stacks;
  const incomplete = [...sets.fields.values()].map(incompleteReason).find((reason) => reason !== undefined);
  if (incomplete) plan.incomplete = incomplete;
  return plan;
}

/** A nested change set's stack: StackName, else the name inside its StackId ARN. */
function stackName(set: ChangeSetFields): string {
  return knownStackName(set) ?? 'nested-stack';
}

function knownStackName(set: ChangeSetFields): string | undefined {
  return set.stackName ?? (set.stackId !== undefined ? /:stack\/([^/]+)/.exec(set.stackId)?.[1] : undefined);
}

class Walker {
  readonly changes: Change[] = [];
  readonly visited = new Set<JsonObject>();
  readonly needed: NeededChangeSet[] = [];
  readonly stacks: { name: string; prefix: string }[] = [];

  constructor(
    private readonly file: string,
    private readonly errors: FieldErrors,
    private readonly sets: ChangeSets,
  ) {}

  walk(set: JsonObject, prefix: string): void {
    this.visited.add(set);
    const fields = this.sets.fields.get(set) as ChangeSetFields;
    const inline = new Map(fields.nested.map((item) => [item.logicalId, item.changeSet]));
    const stack = knownStackName(fields);
    if (stack !== undefined) this.stacks.push({ name: stack, prefix });
    for (const [i, entry] of fields.changes.entries()) {
      const rc = readResourceChange(entry, `${where(prefix)}Changes[${i}]`, this.errors);
      const name = `${where(prefix)}Changes[${i}] (${shown(rc.logicalId)})`;
      const change = toChange(rc, prefix, name, this.file, this.errors);
      if (stack !== undefined) change.stack = stack;
      this.changes.push(change);
      this.follow(rc, name, `${change.address}/`, inline);
    }
    for (const item of fields.nested) {
      if (!this.visited.has(item.changeSet)) this.walk(item.changeSet, `${prefix}${item.logicalId}/`);
    }
  }

  /** Reads the nested stack's own change set, or notes that another file must hold it. */
  private follow(rc: ResourceChangeFields, name: string, prefix: string, inline: ReadonlyMap<string, JsonObject>): void {
    // Inline under NestedChanges, without an id of its own: walked after this set's changes.
    const inlineSet = inline.get(rc.logicalId);
    const inlineOnly = inlineSet !== undefined && this.sets.fields.get(inlineSet)?.id === undefined;
    if (rc.changeSetId === undefined) {
      // Without --include-nested-stacks CloudFormation names the stack but not what changes inside it.
      if (rc.resourceType === NESTED_STACK && (rc.action === 'Modify' || rc.action === 'Dynamic') && !inlineOnly) {
        throw new InputError(
          this.file,
          `${name} updates a nested stack, but the change set does not hold that stack's changes (no ChangeSetId), so deletes inside it would go unseen: ` +
            'create the change set with --include-nested-stacks and describe every nested change set',
        );
      }
      return;
    }
    const child = this.sets.byId.get(rc.changeSetId);
    if (child === undefined) {
      if (!inlineOnly) this.needed.push({ id: rc.changeSetId, entry: name });
      return;
    }
    if (this.visited.has(child)) throw this.errors.damaged(`${name}: its ChangeSetId ${shown(rc.changeSetId)} is a change set already read (referenced twice, or in a cycle)`);
    this.walk(child, prefix);
  }
}

function toChange(rc: ResourceChangeFields, prefix: string, name: string, file: string, errors: FieldErrors): Change {
  const namespace = rc.resourceType.split('::')[0] ?? '';
  const change: Change = {
    file,
    format: 'cloudformation',
    address: prefix + rc.logicalId,
    resourceAddress: prefix + rc.logicalId,
    type: rc.resourceType,
    name: rc.logicalId,
    provider: namespace.toLowerCase(),
    providerSource: namespace,
    module: prefix.replace(/\/$/, ''),
    ...classify(rc, name, errors),
  };
  if (rc.physicalId !== undefined) change.physicalId = rc.physicalId;
  if (rc.policyAction !== undefined) change.policyAction = rc.policyAction;
  const reason = change.action === 'replace' ? replacementReason(rc.details) : undefined;
  if (reason) change.reason = reason;
  const recreation = change.action === 'replace' ? recreations(rc.details) : [];
  if (recreation.length > 0) change.recreation = recreation;
  const policyChanges = rc.details.flatMap(({ target }): PolicyChange[] => {
    if (target?.attribute !== 'DeletionPolicy' && target?.attribute !== 'UpdateReplacePolicy') return [];
    const policy: PolicyChange = { attribute: target.attribute };
    if (target.before !== undefined) policy.before = target.before;
    if (target.after !== undefined) policy.after = target.after;
    return [policy];
  });
  if (policyChanges.length > 0) change.policyChanges = policyChanges;
  // Only resources cause resources; a ParameterReference names a parameter, not a dependency.
  const causes = [
    ...new Set(
      rc.details
        .filter((d) => d.changeSource === 'ResourceReference' || d.changeSource === 'ResourceAttribute')
        .flatMap((d) => (d.causingEntity !== undefined && d.causingEntity !== '' ? [d.causingEntity] : [])),
    ),
  ];
  if (causes.length > 0) change.causedBy = causes.map((c) => prefix + c);
  const before = contextProperties(rc.beforeContext, `${name}: BeforeContext`, errors);
  const after = contextProperties(rc.afterContext, `${name}: AfterContext`, errors);
  if (before !== undefined) change.before = before;
  if (after !== undefined) change.after = after;
  return change;
}

type Classified = Pick<Change, 'action' | 'conditional' | 'importing' | 'reason'>;

/** Action and Replacement as the API reference defines them; a combination it rules out is an error. */
function classify(rc: ResourceChangeFields, name: string, errors: FieldErrors): Classified {
  const replaces = rc.replacement === 'True' || rc.replacement === 'Conditional';
  const replacePolicy = rc.policyAction?.startsWith('Replace') === true;
  // Delete and Snapshot say a removed resource is deleted: on anything else they contradict the action.
  if ((rc.policyAction === 'Delete' || rc.policyAction === 'Snapshot') && rc.action !== 'Remove') {
    throw errors.contradiction(`${name} has Action ${rc.action}, yet PolicyAction ${rc.policyAction}, which deletes a removed resource`);
  }
  switch (rc.action) {
    // Replacement on Add and Import means nothing: IncludePropertyValues sets it on Adds.
    case 'Add':
      return { action: 'create' };
    case 'Import':
      return { action: 'create', importing: true };
    case 'Remove':
      // DeletionPolicy Retain keeps the resource: it leaves the stack, like a Terraform forget.
      return rc.policyAction === 'Retain' ? { action: 'forget', reason: 'DeletionPolicy Retain: removed from the stack, not deleted' } : { action: 'delete' };
    case 'SyncWithActual':
      // "Resource will not be changed, only CloudFormation metadata will change."
      if (replaces) throw errors.contradiction(`${name} has Action SyncWithActual (the resource is not changed) and Replacement ${rc.replacement}`);
      return { action: 'no-op' };
    case 'Modify':
      // Replacement is documented "for the Modify action": without it, a replace cannot be ruled out.
      if (rc.replacement === undefined) throw errors.damaged(`${name} has Action Modify but no Replacement, so plangate cannot tell whether it is replaced`);
      checkAlways(rc, name, errors, true);
      // A ReplaceAnd* PolicyAction acts on a replaced resource.
      if (!replaces && replacePolicy) throw errors.contradiction(`${name} has Replacement ${rc.replacement}, yet PolicyAction ${rc.policyAction}`);
      return replaces ? { action: 'replace', conditional: rc.replacement === 'Conditional' } : { action: 'update' };
    case 'Dynamic':
      // The action is settled only when the change set runs: a possible replacement is a conditional one.
      checkAlways(rc, name, errors);
      if (replaces || replacePolicy || strongestRecreation(rc) === 'Conditionally') {
        return { action: 'replace', conditional: true, reason: 'CloudFormation settles whether it replaces the resource only when the change set runs (Dynamic)' };
      }
      return { action: 'update', reason: 'CloudFormation cannot tell the action until the change set runs (Dynamic)' };
  }
}

/**
 * The API reference: RequiresRecreation Always makes Replacement True (Conditional
 * when evaluated dynamically), Conditionally makes it at least Conditional, and
 * the most impactful detail decides; so Always (and, on a Modify, Conditionally)
 * with Replacement False, or none, contradicts it. A Dynamic action is settled
 * later: there Conditionally reads as a conditional replace.
 */
function checkAlways(rc: ResourceChangeFields, name: string, errors: FieldErrors, conditionallyToo = false): void {
  const strongest = strongestRecreation(rc);
  if (rc.replacement === 'True' || rc.replacement === 'Conditional' || (strongest !== 'Always' && !(conditionallyToo && strongest === 'Conditionally'))) return;
  const said = rc.replacement === undefined ? 'no Replacement' : `Replacement ${rc.replacement}`;
  throw errors.contradiction(`${name} has ${said}, yet its Details say RequiresRecreation ${strongest}`);
}

function strongestRecreation(rc: ResourceChangeFields): RecreationValue | undefined {
  const seen = new Set(rc.details.map((d) => d.target?.requiresRecreation));
  return (['Always', 'Conditionally', 'Never'] as const).find((r) => seen.has(r));
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
  return prefix === '' ? '' : `nested stack ${shown(prefix.replace(/\/$/, ''))}: `;
}

/** The properties whose change recreates the resource, each once, at its strongest. */
function recreations(details: readonly DetailFields[]): Recreation[] {
  const byProperty = new Map<string, Recreation['requires']>();
  for (const { target } of details) {
    const property = target?.name ?? target?.attribute ?? '';
    const requires = target?.requiresRecreation;
    if (property === '' || (requires !== 'Always' && requires !== 'Conditionally')) continue;
    if (byProperty.get(property) !== 'Always') byProperty.set(property, requires);
  }
  return [...byProperty].map(([property, requires]) => ({ property, requires }));
}

/** "requires replacement: TopicName, BucketName (conditionally)" from the Details that force it. */
function replacementReason(details: readonly DetailFields[]): string | undefined {
  const names: string[] = [];
  for (const { target } of details) {
    const name = target?.name ?? target?.attribute ?? '';
    if (target?.requiresRecreation === 'Always') names.push(name);
    else if (target?.requiresRecreation === 'Conditionally') names.push(`${name} (conditionally)`);
  }
  const unique = [...new Set(names)].filter((n) => n !== '');
  return unique.length > 0 ? `requires replacement: ${unique.join(', ')}` : undefined;
}

/** Status of the change set itself: one still being built, or failed, does not say what will happen. */
function incompleteReason(set: ChangeSetFields): string | undefined {
  const name = set.name !== undefined ? `change set ${shown(set.name)}` : 'the change set';
  if (set.nextToken !== undefined) {
    return `${name} holds only the first page of its changes (NextToken is set): write all pages, without --max-items or --no-paginate`;
  }
  const status = set.status;
  if (status === 'CREATE_PENDING' || status === 'CREATE_IN_PROGRESS') {
    return `${name} is ${status}, so its changes are not known yet: run \`aws cloudformation wait change-set-create-complete\` before describing it`;
  }
  if (status === 'FAILED') {
    const reason = set.statusReason ?? '';
    if (/didn't contain changes|No updates are to be performed/i.test(reason)) return undefined;
    return `${name} FAILED${reason ? ` (${shown(reason)})` : ''}: fix the template or parameters and create the change set again`;
  }
  if (status?.startsWith('DELETE_')) return `${name} is ${status}: describe a current change set`;
  if (set.executionStatus === 'OBSOLETE') {
    return `${name} is OBSOLETE (the stack changed after it was created), so it no longer says what will happen: create a new change set`;
  }
  return undefined;
}

/** Before/AfterContext is an encoded JSON string in the API (an object in some recordings); its values feed tags and guards. */
function contextProperties(context: string | JsonObject | undefined, at: string, errors: FieldErrors): unknown {
  if (context === undefined) return undefined;
  let value: unknown = context;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      throw errors.damaged(`${at} is not valid JSON`);
    }
    // Parsed apart from the document, so its depth is checked apart: maskNoEcho recurses once per level.
    checkDepth(value, errors.file, at);
  }
  if (!isObject(value)) throw errors.damaged(`${at} holds ${shown(value)}, not a JSON object`);
  // No Properties wrapper: the object is the properties; a null one means none.
  const properties = 'Properties' in value ? value.Properties : value;
  if (properties === null) return undefined;
  if (!isObject(properties)) throw errors.damaged(`${at}: Properties is ${shown(properties)}, not an object`);
  return maskNoEcho(properties);
}

/** CloudFormation shows NoEcho values as "****"; keep them out of reports all the same. */
function maskNoEcho(value: unknown): unknown {
  if (value === '****') return SENSITIVE;
  if (Array.isArray(value)) return value.map((v) => maskNoEcho(v));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskNoEcho(v)]));
  return value;
}
