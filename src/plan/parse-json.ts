import { InputError } from '../errors.js';
import { quote, safeLine } from '../quote.js';

const SHOW_JSON = 'run `terraform plan -out=tfplan && terraform show -json tfplan > plan.json`';

/** JSON.parse with a one-line error that says what the text is and how to get a plan. */
export function parsePlanJson(text: string, source: string): unknown {
  const start = firstNonSpace(text);
  if (start === -1) {
    throw new InputError(source, 'the file holds only whitespace: the step that writes the plan produced nothing; check it ran and succeeded');
  }
  const first = text[start];
  if (first !== '{' && first !== '[') throw new InputError(source, describeNonJson(text.slice(start, start + 4096)));
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InputError(source, describeJsonError(text, error));
  }
}

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
