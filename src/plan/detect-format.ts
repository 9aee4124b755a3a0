import { InputError } from '../errors.js';
import { isObject, type JsonObject } from '../json.js';
import { quote } from '../quote.js';
import { isLogMessage, LOG_STREAM } from './parse-json.js';
import type { PlanFormat } from './types.js';

const SHOW_JSON = '`terraform show -json PLANFILE`';
const DESCRIBE = '`aws cloudformation describe-change-set --change-set-name ARN --output json`';

export function isChangeSet(value: unknown): boolean {
  return isObject(value) && Array.isArray(value.Changes);
}

// Top-level keys only `terraform show -json` writes, and only `describe-change-set` writes.
const TERRAFORM_KEYS = ['format_version', 'terraform_version', 'resource_changes', 'planned_values', 'resource_drift', 'deferred_changes', 'output_changes', 'prior_state', 'configuration'];
export const CHANGE_SET_KEYS = ['Changes', 'NestedChanges', 'ChangeSetId', 'ChangeSetName', 'ParentChangeSetId', 'RootChangeSetId'];

const has = (doc: JsonObject, key: string): boolean => Object.hasOwn(doc, key);

/**
 * Format from content, never from the file name. A document that could be
 * read as both formats, or that has a format's keys without its shape, is
 * refused: reading it as one would silently drop what the other says.
 */
export function detectFormat(doc: unknown, source: string): PlanFormat {
  if (isObject(doc)) return readingOf(doc, source, '') ?? refuse(source, describeObject(doc));
  if (Array.isArray(doc)) {
    if (doc.length === 0) throw new InputError(source, `an empty JSON array: no change sets; write ${DESCRIBE} output, or ${SHOW_JSON} output for Terraform`);
    for (const [i, item] of doc.entries()) {
      if (!isObject(item) || readingOf(item, source, `[${i}] `) !== 'cloudformation') {
        throw new InputError(source, `a JSON array that is not a list of CloudFormation change sets (each needs a "Changes" list; [${i}] has none); pass ${DESCRIBE} output, or ${SHOW_JSON} output for Terraform`);
      }
    }
    return 'cloudformation';
  }
  if (doc === null) {
    throw new InputError(source, `the JSON document is null, not a plan: the step that wrote it had nothing to write (a \`jq\` filter that matched nothing, or an output that was never set?); pass ${SHOW_JSON} or ${DESCRIBE} output`);
  }
  throw new InputError(source, `a bare JSON ${typeof doc}, not a plan: pass ${SHOW_JSON} or ${DESCRIBE} output`);
}

function refuse(source: string, problem: string): never {
  throw new InputError(source, problem);
}

/** A key as a reader might see it: case, spaces and invisible characters folded away. */
const folded = (key: string): string => key.normalize('NFKC').replace(/[\s\p{Default_Ignorable_Code_Point}]/gu, '').toLowerCase();
const KNOWN = new Map([...TERRAFORM_KEYS, ...CHANGE_SET_KEYS].map((key) => [folded(key), key]));

/** The one format `doc` reads as, undefined when neither; throws when both or only partly one. */
function readingOf(doc: JsonObject, source: string, at: string): PlanFormat | undefined {
  // "resource_changes " beside (or instead of) "resource_changes": a reader sees one list, plangate would read the other.
  for (const key of Object.keys(doc)) {
    const known = KNOWN.get(folded(key));
    if (known !== undefined && known !== key) {
      throw new InputError(source, `${at}has the key ${quote(key)}, which reads as ${quote(known)} but is not it: the file was edited; write ${SHOW_JSON} or ${DESCRIBE} output as written`);
    }
  }
  const terraform = TERRAFORM_KEYS.filter((key) => has(doc, key));
  const changeSet = CHANGE_SET_KEYS.filter((key) => has(doc, key));
  const list = (keys: string[]) => keys.map((k) => `"${k}"`).join(', ');
  if (terraform.length > 0 && changeSet.length > 0) {
    throw new InputError(
      source,
      `${at}fits two formats: as a Terraform plan (it has ${list(terraform)}) and as a CloudFormation change set (it has ${list(changeSet)}); plangate will not pick one and miss what the other says: pass ${SHOW_JSON} or ${DESCRIBE} output as written`,
    );
  }
  if (has(doc, 'format_version') && (has(doc, 'resource_changes') || has(doc, 'planned_values'))) return 'terraform';
  if (changeSet.length === 0) return undefined;
  if (Array.isArray(doc.Changes) || (!has(doc, 'Changes') && Array.isArray(doc.NestedChanges))) {
    if (has(doc, 'NestedChanges') && !Array.isArray(doc.NestedChanges)) throw new InputError(source, `${at}is a change set whose "NestedChanges" is not a list: the file is damaged; regenerate it with ${DESCRIBE}`);
    return 'cloudformation';
  }
  throw new InputError(source, `${at}has change set keys (${list(changeSet)}) but no "Changes" list, so it is only part of a change set: write the whole ${DESCRIBE} output`);
}

function describeObject(doc: JsonObject): string {
  if (isLogMessage(doc)) return LOG_STREAM;
  if ('lineage' in doc && 'serial' in doc) {
    return `this is a Terraform state file, not a plan: run \`terraform plan -out=tfplan\` then ${SHOW_JSON.replace('PLANFILE', 'tfplan')}`;
  }
  if ('format_version' in doc && 'values' in doc) {
    return `this is \`terraform show -json\` of the current state, not of a plan: pass the planfile, ${SHOW_JSON.replace('PLANFILE', 'tfplan')}`;
  }
  if ('resource_changes' in doc) {
    return 'this has "resource_changes" but no "format_version", so it is not `terraform show -json` output (an HCP Terraform redacted plan?): write the plan with `terraform show -json`';
  }
  if ('Resources' in doc || 'AWSTemplateFormatVersion' in doc) {
    return `this is a CloudFormation template, not a change set: create a change set with \`aws cloudformation create-change-set\`, then write ${DESCRIBE}`;
  }
  if (typeof doc.Id === 'string' && doc.Id.includes(':changeSet/')) {
    return `this is \`create-change-set\` output (just the id): write ${DESCRIBE}`;
  }
  if (Array.isArray(doc.Summaries)) {
    return `this is \`list-change-sets\` output: write ${DESCRIBE} for the change set`;
  }
  if (Array.isArray(doc.Stacks)) {
    return `this is \`describe-stacks\` output, not a change set: write ${DESCRIBE}`;
  }
  const keys = Object.keys(doc).slice(0, 5).map((k) => quote(k, 40)).join(', ');
  return `JSON that is neither a Terraform plan (no "format_version" with "resource_changes") nor a CloudFormation change set (no "Changes")${keys ? `; its keys are ${keys}` : ''}: pass ${SHOW_JSON} or ${DESCRIBE} output`;
}
