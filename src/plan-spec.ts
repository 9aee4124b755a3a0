/**
 * Plans as the user names them: `plans/prod.json`, a glob, or `prod=plans/prod.json`
 * with a label that reports show in place of the path. A label is display only:
 * it never decides which file is read, it is unique, and the path stays in every
 * report's heading and in the JSON report, so a label cannot hide a file.
 */

import { braceExpand } from 'minimatch';
import { InputError } from './errors.js';
import { quote } from './quote.js';

export interface PlanSpec {
  /** A path or glob. */
  pattern: string;
  label?: string;
}

/** A label: a name, not a path (no `/` or `.`), so it cannot pass for a file; no spaces, controls or look-alikes. */
const LABEL = /^([A-Za-z0-9][A-Za-z0-9_-]{0,63})=(.*)$/s;

/** `prod=plans/prod.json` → { label: prod, pattern: plans/prod.json }; anything else is a plain pattern. */
export function parsePlanSpec(item: string): PlanSpec {
  const match = LABEL.exec(item);
  if (!match) return { pattern: item };
  const [, label, pattern] = match as unknown as [string, string, string];
  return { label, pattern };
}

/**
 * The `plans` input: one plan per line, or several on a line separated by
 * commas outside braces (`plans/{prod,staging}.json` is one glob). Blanks are dropped.
 */
export function splitPlanList(text: string): string[] {
  const items: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    let depth = 0;
    let start = 0;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (c === '\\') i++;
      else if (c === '{') depth++;
      else if (c === '}' && depth > 0) depth--;
      else if (c === ',' && depth === 0) {
        items.push(line.slice(start, i));
        start = i + 1;
      }
    }
    items.push(line.slice(start));
  }
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

/** Checks the labels of a list of specs: each once, and never another plan's path. */
export function checkLabels(specs: readonly PlanSpec[], source: string): void {
  const seen = new Set<string>();
  const patterns = new Set(specs.map((s) => s.pattern));
  const labelOf = new Map<string, string>();
  for (const { label, pattern } of specs) {
    if (label === undefined) continue;
    const other = labelOf.get(pattern);
    if (other !== undefined && other !== label) throw new InputError(source, `${quote(pattern)} is labelled both ${quote(other)} and ${quote(label)}: give each plan one label`);
    labelOf.set(pattern, label);
    if (pattern === '') throw new InputError(source, `label ${quote(label)} names no plan: write LABEL=PATH, for example prod=plans/prod.json`);
    if (seen.has(label)) throw new InputError(source, `label ${quote(label)} is given to two plans: give each plan its own label`);
    if (patterns.has(label)) throw new InputError(source, `label ${quote(label)} is also the path of a plan: pick a label that is not a file name`);
    seen.add(label);
  }
}

/** Most paths one brace pattern may stand for: `{a,b}{c,d}…` multiplies. */
const MAX_BRACE_EXPANSION = 256;

/**
 * `plans/{prod,staging}.json` → both paths (@actions/glob does not expand braces).
 * A pattern that would stand for more than MAX_BRACE_EXPANSION paths is an error,
 * checked before expanding: `{1..1000000}` or twenty `{a,b}` must not exhaust memory.
 */
export function expandBraces(pattern: string, source: string): string[] {
  if (!pattern.includes('{')) return [pattern];
  const bound = braceBound(pattern);
  const tooMany = new InputError(source, `${quote(pattern)} stands for more than ${MAX_BRACE_EXPANSION} paths: list the plans, or use a glob such as plans/*.json`);
  if (bound > MAX_BRACE_EXPANSION) throw tooMany;
  const expanded = [...new Set(braceExpand(pattern))];
  if (expanded.length > MAX_BRACE_EXPANSION) throw tooMany;
  return expanded;
}

/** An upper bound on the paths a brace pattern expands to: the product over its groups of their alternatives. */
function braceBound(pattern: string): number {
  let bound = 1;
  const stack: number[] = [];
  for (let i = 0; i < pattern.length && bound <= MAX_BRACE_EXPANSION; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '{') stack.push(1);
    else if (c === ',' && stack.length > 0) stack[stack.length - 1]!++;
    else if (c === '}' && stack.length > 0) {
      const open = pattern.lastIndexOf('{', i);
      bound *= Math.max(stack.pop() as number, sequenceLength(pattern.slice(open + 1, i)));
    }
  }
  return bound;
}

/** `1..100` or `a..z` (with an optional step): how many items the sequence holds; 1 for anything else. */
function sequenceLength(body: string): number {
  const numeric = /^(-?\d+)\.\.(-?\d+)(?:\.\.-?\d+)?$/.exec(body);
  if (numeric) return Math.abs(Number(numeric[2]) - Number(numeric[1])) + 1;
  return /^[A-Za-z]\.\.[A-Za-z](?:\.\.-?\d+)?$/.test(body) ? 58 : 1;
}
