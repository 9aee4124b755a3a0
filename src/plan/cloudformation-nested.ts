import { isObject, type JsonObject } from '../json.js';
import { readChangeSet, shown, type ChangeSetFields, type FieldErrors } from './cloudformation-fields.js';
import type { Plan } from './types.js';

/**
 * Every change set of one document, checked: the top-level ones (one, or an
 * array of a root and its children) and those inline under `NestedChanges`.
 */
export class ChangeSets {
  readonly fields = new Map<JsonObject, ChangeSetFields>();
  readonly byId = new Map<string, JsonObject>();
  /** Top-level sets, in file order. */
  readonly top: JsonObject[] = [];
  /** ChangeSetIds some resource change points at: those sets are children, never roots. */
  readonly referenced = new Set<string>();

  constructor(doc: unknown, errors: FieldErrors) {
    const list = Array.isArray(doc) ? doc : [doc];
    for (const [i, set] of list.entries()) {
      this.add(set, Array.isArray(doc) ? `[${i}]` : '', errors);
      this.top.push(set as JsonObject);
    }
  }

  private add(set: unknown, at: string, errors: FieldErrors): void {
    const fields = readChangeSet(set, at, errors);
    const object = set as JsonObject;
    this.fields.set(object, fields);
    if (fields.id !== undefined) {
      // Two sets under one id would leave one of them unread, or read twice under two names.
      if (this.byId.has(fields.id)) throw errors.damaged(`${at || 'the document'} has ChangeSetId ${shown(fields.id)}, which another change set in the file has too`);
      this.byId.set(fields.id, object);
    }
    for (const entry of fields.changes) {
      const id = isObject(entry) && isObject(entry.ResourceChange) ? entry.ResourceChange.ChangeSetId : undefined;
      if (typeof id === 'string' && id !== '') this.referenced.add(id);
    }
    for (const item of fields.nested) this.add(item.changeSet, item.at, errors);
  }

  /** A set is a root when nothing in the file points at it, by reference or as its parent. */
  isRoot(set: JsonObject): boolean {
    const fields = this.fields.get(set) as ChangeSetFields;
    if (fields.id !== undefined && this.referenced.has(fields.id)) return false;
    return fields.parentId === undefined || !this.byId.has(fields.parentId);
  }
}

/** A nested stack's change set that a file references but does not hold. */
export interface NeededChangeSet {
  id: string;
  /** The resource change that references it: `Changes[0] ("AppStack")`. */
  entry: string;
}

/**
 * Nested change sets referenced but given in no file: the changes inside them
 * would go unseen. One message per missing change set, naming how to get it.
 */
export function missingNestedChangeSets(plans: readonly Plan[]): string[] {
  const held = new Set(plans.flatMap((plan) => plan.changeSets?.held ?? []));
  // Once per id: many entries naming one missing change set need one fetch, not one line each.
  const reported = new Set<string>();
  return plans.flatMap((plan) =>
    (plan.changeSets?.needed ?? [])
      .filter((need) => !held.has(need.id) && !reported.has(need.id) && reported.add(need.id))
      .map((need) => {
        // Whole, even when long: the user pastes it into the command.
        const id = shown(need.id, Infinity);
        return (
          `${plan.file}: ${need.entry} is a nested stack whose change set ${id} is in none of the given files, so the changes inside it are unseen: ` +
          `describe it with \`aws cloudformation describe-change-set --change-set-name ${id} --include-property-values --output json\` ` +
          'and pass it too, in a JSON array with its root or as another file'
        );
      }),
  );
}
