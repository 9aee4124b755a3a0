import { InputError } from '../errors.js';
import { isObject, type JsonObject } from '../json.js';
import type { PlanFormat } from './types.js';

const SHOW_JSON = '`terraform show -json PLANFILE`';
const DESCRIBE = '`aws cloudformation describe-change-set --change-set-name ARN --output json`';

export function isChangeSet(value: unknown): boolean {
  return isObject(value) && Array.isArray(value.Changes);
}

/** Format from content, never from the file name; anything else is refused with what it looks like. */
export function detectFormat(doc: unknown, source: string): PlanFormat {
  if (isObject(doc)) {
    if ('format_version' in doc && ('resource_changes' in doc || 'planned_values' in doc)) return 'terraform';
    if (isChangeSet(doc) || Array.isArray(doc.NestedChanges)) return 'cloudformation';
    throw new InputError(source, describeObject(doc));
  }
  if (Array.isArray(doc)) {
    if (doc.length > 0 && doc.every(isChangeSet)) return 'cloudformation';
    if (doc.length === 0) throw new InputError(source, `an empty JSON array: no change sets; write ${DESCRIBE} output, or ${SHOW_JSON} output for Terraform`);
    throw new InputError(source, `a JSON array that is not a list of CloudFormation change sets (each needs a "Changes" list); pass ${DESCRIBE} output, or ${SHOW_JSON} output for Terraform`);
  }
  throw new InputError(source, `a bare JSON ${doc === null ? 'null' : typeof doc}, not a plan: pass ${SHOW_JSON} or ${DESCRIBE} output`);
}

function describeObject(doc: JsonObject): string {
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
  const keys = Object.keys(doc).slice(0, 5).map((k) => JSON.stringify(k)).join(', ');
  return `JSON that is neither a Terraform plan (no "format_version" with "resource_changes") nor a CloudFormation change set (no "Changes")${keys ? `; its keys are ${keys}` : ''}: pass ${SHOW_JSON} or ${DESCRIBE} output`;
}
