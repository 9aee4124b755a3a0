import { getErrorMessage, InputError } from '../errors.js';
import { isObject } from '../json.js';
import { quote, safeLine } from '../quote.js';

const SHOW_JSON = 'run `terraform plan -out=tfplan && terraform show -json tfplan > plan.json`';

/** JSON.parse with a one-line error that says what the text is and how to get a plan. */
export function parsePlanJson(text: string, source: string): unknown {
  const start = firstNonSpace(text);
  if (start === -1) {
    throw new InputError(source, 'the file holds only whitespace: the step that writes the plan produced nothing; check it ran and succeeded');
  }
  const wrapper = wrapperProblem(text.slice(start, start + 4096));
  if (wrapper) throw new InputError(source, wrapper);
  const first = text[start];
  // A bare null, number or string is JSON, though not a plan: detectFormat says what it is.
  if (first !== '{' && first !== '[' && !/^(null|true|false|-?\d[\d.eE+-]*|"[^"\n]*")\s*$/.test(text.slice(start, start + 100))) {
    throw new InputError(source, describeNonJson(text.slice(start, start + 4096)));
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InputError(source, concatenatedProblem(text, error) ?? describeJsonError(text, error));
  }
}

const WRAPPER_FIX =
  'set `terraform_wrapper: false` on hashicorp/setup-terraform (its wrapper adds `[command]` and `::debug::` lines to what terraform writes), then write the plan with `terraform show -json tfplan > plan.json`';

/** hashicorp/setup-terraform's wrapper writes `[command]…` before terraform's output and `::debug::…` lines into it. */
function wrapperProblem(head: string): string | undefined {
  if (/^\[command\]/.test(head) || /^::debug::/m.test(head)) return `this is terraform's output through setup-terraform's wrapper, not plain plan JSON: ${WRAPPER_FIX}`;
  return undefined;
}

/**
 * JSON.parse stops at the end of the first document when more follow: the
 * `terraform plan -json` log stream (one message a line), Terragrunt
 * `run-all show -json` (one plan per module), or the wrapper's trailing
 * `::debug::` lines past the first 4 KiB.
 */
function concatenatedProblem(text: string, error: unknown): string | undefined {
  const at = /after JSON at position (\d+)/.exec(getErrorMessage(error));
  if (!at) return undefined;
  const end = Number(at[1]);
  let first: unknown;
  try {
    first = JSON.parse(text.slice(0, end));
  } catch {
    return undefined;
  }
  const rest = text.slice(end, end + 4096);
  if (/^\s*::debug::/.test(rest)) return `this is terraform's output through setup-terraform's wrapper, not plain plan JSON: ${WRAPPER_FIX}`;
  // A stray character after one document is a damaged file, not a second document.
  if (!/^\s*[{[]/.test(rest)) return undefined;
  if (isLogMessage(first)) return LOG_STREAM;
  const { line } = lineAndColumn(text, end + (rest.length - rest.trimStart().length));
  return `holds several JSON documents one after another (a second starts at line ${line}), as Terragrunt \`run-all show -json\` writes them: write each plan to its own file (one \`terraform show -json\` per module) and pass every file to plangate`;
}

/** A message of `terraform plan -json` / `apply -json`: `@level`, `@message` and a `type`. */
export function isLogMessage(doc: unknown): boolean {
  return isObject(doc) && '@level' in doc && '@message' in doc && typeof doc.type === 'string';
}

export const LOG_STREAM =
  'this is the `terraform plan -json` log stream (one JSON message a line, with "@level", "@message" and "type"), not a plan: run `terraform plan -out=tfplan`, then `terraform show -json tfplan > plan.json`';

function firstNonSpace(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
  }
  return -1;
}

/** Says what a file that does not start like JSON most likely is. */
function describeNonJson(head: string): string {
  const plain = head.replace(/\u001b\[[0-9;]*m/g, '');
  if (/(Terraform|OpenTofu) (will perform|used the selected providers)|^No changes\.|Plan: \d+ to add|^\S+: (Refreshing state|Reading|Read complete|Preparing import)\.\.\.|^Acquiring state lock/m.test(plain)) {
    return `this is the human-readable plan output, not JSON: ${SHOW_JSON}`;
  }
  if (/^\s*(#|\/\/|\/\*)|^\s*(terraform|resource|data|module|provider|variable|output|locals|moved|import|removed|check)\b[^\n]*\{/m.test(plain)) {
    return `this is Terraform HCL source, not a plan: ${SHOW_JSON}`;
  }
  if (/^\s*(---|AWSTemplateFormatVersion\s*:|Resources\s*:|Changes\s*:|[A-Za-z_][\w-]*\s*:(\s|$))/m.test(plain)) {
    if (/^\s*Changes\s*:/m.test(plain)) {
      return 'this is a change set in YAML: run `aws cloudformation describe-change-set --output json ...`';
    }
    return 'this looks like YAML, not plan JSON: for CloudFormation run `aws cloudformation describe-change-set --output json`, for Terraform `terraform show -json tfplan`';
  }
  const snippet = quote(plain.slice(0, 24));
  return `not JSON (it starts with ${snippet}): ${SHOW_JSON}, or for CloudFormation \`aws cloudformation describe-change-set --output json\``;
}

function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError) {
    return `too large to parse in this process (${message}); split the configuration into smaller plans`;
  }
  const position = /position (\d+)/.exec(message);
  const offset = position?.[1] !== undefined ? Number(position[1]) : unexpectedTokenOffset(text, message);
  const truncated = /end of JSON input|Unterminated string/i.test(message) || (offset !== undefined && offset >= text.trimEnd().length);
  if (truncated) {
    const end = lineAndColumn(text, offset ?? text.length);
    return `invalid JSON: the file ends early at line ${end.line} column ${end.column}, so it looks truncated; regenerate it and check the step that writes it completed`;
  }
  // V8 quotes the text around an unexpected token: it may span lines and hold a secret, so it never reaches the message.
  const detail = message.replace(/ in JSON at position \d+.*$/, '').replace(/, (\.\.\.)?"[\s\S]*"(\.\.\.)? is not valid JSON$/, '');
  const at = offset === undefined ? undefined : lineAndColumn(text, offset);
  return `invalid JSON${at ? ` at line ${at.line} column ${at.column}` : ''}: ${safeLine(detail, 200)}; regenerate it with \`terraform show -json\` or \`aws cloudformation describe-change-set --output json\``;
}

/**
 * V8 gives no position for "Unexpected token 'x', ...\"context\"... is not valid JSON"; its
 * context holds 10 characters before the token (or starts the text), which finds it.
 */
function unexpectedTokenOffset(text: string, message: string): number | undefined {
  const match = /^Unexpected token '([\s\S]+?)', (\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON$/.exec(message);
  if (!match) return undefined;
  const [, token = '', before, context = '', after] = match;
  if (!before && !after) return undefined;
  const start = before ? text.indexOf(context) : 0;
  if (start === -1) return undefined;
  const guess = before ? start + 10 : start + context.length - 10;
  return text.startsWith(token, guess + 1) && !text.startsWith(token, guess) ? guess + 1 : guess;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}
