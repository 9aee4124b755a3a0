// Every report of the check of a plan's bytes, read whole or in parts: what the streamed reader's tests compare.
import { analyse } from '../../src/analysis/analyse.js';
import { isInputError } from '../../src/errors.js';
import { parsePlan } from '../../src/plan/read-plan.js';
import { streamTerraform } from '../../src/plan/stream-terraform.js';
import { defaultRuleSet } from '../../src/rules/config.js';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';

// Built once: analyse reads a rule set and never changes it, and the mutation loops check thousands of plans.
const ruleSet = defaultRuleSet();

/**
 * Every report of the check of `bytes`, or the refusal; streamed when `streamAbove` is below its size,
 * `window` bytes at a time when given (what the scanner does at the edges of its reads).
 */
export function reportOf(bytes: Buffer, file: string, streamAbove = Infinity, window?: number): string {
  try {
    const read = (into: Buffer, offset: number, length: number, position: number) => bytes.copy(into, offset, position, Math.min(bytes.length, position + length));
    const plan = (window === undefined ? undefined : streamTerraform(read, bytes.length, file, { window })) ?? parsePlan(bytes, file, streamAbove);
    const analysis = analyse({ plans: [plan], readErrors: [], ruleSet });
    return [analysis.decision, renderJson(analysis), renderMarkdown(analysis), renderText(analysis, { color: false })].join('\n----\n');
  } catch (error) {
    if (!isInputError(error)) throw error;
    return `refused: ${error.message}`;
  }
}

/** A small plan that deletes a protected database, as text with `extra` members appended to the top object. */
export function plan(extra = '', changes = DELETE_DB): string {
  return `{"format_version":"1.2","terraform_version":"1.9.8","planned_values":{"root_module":{}},"resource_changes":[${changes}]${extra}}`;
}
export const DELETE_DB = '{"address":"aws_db_instance.main","mode":"managed","type":"aws_db_instance","name":"main","provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["delete"],"before":{"id":"db-1","deletion_protection":false},"after":null,"before_sensitive":{},"after_sensitive":false}}';
