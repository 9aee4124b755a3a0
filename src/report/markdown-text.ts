/** Plan text made safe inside markdown: code spans and escaped prose that GitHub shows exactly as the plan wrote them. */

import { sanitize } from './summary.js';

/**
 * A code span that shows `text` exactly, whatever it holds: a fence longer than
 * any backtick run inside, padding when it starts or ends with a backtick or
 * space, line breaks and invisible characters made visible. In a table cell
 * (`where` = 'table') pipes are escaped; a backslash right before a pipe cannot
 * be written in a GFM table cell's code span, so that case is an HTML `<code>`.
 */
export function code(text: string, where: 'table' | 'prose' = 'table'): string {
  const body = sanitize(text);
  if (body === '') return '(empty)';
  if (where === 'table' && body.includes('\\|')) return `<code>${htmlEntities(body)}</code>`;
  const inner = where === 'table' ? body.replace(/\|/g, '\\|') : body;
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(inner) ? ' ' : '';
  return `${fence}${pad}${inner}${pad}${fence}`;
}

/**
 * Plain text that markdown and HTML must not interpret, safe in a table cell
 * and at the start of a list item too: markdown punctuation is backslash-escaped
 * (and a leading list marker), leading spaces dropped, line breaks become spaces,
 * and `@name`, `#123`, `https://` and `www.` get a zero-width space so plan
 * text cannot mention people, link issues or make links.
 */
export function escapeText(text: string): string {
  return sanitize(text)
    .trimStart()
    .replace(/[\\`*_[\]<>&|~#$!]/g, (c) => `\\${c}`)
    // At the start of a list item or cell, `- x`, `+ x` and `1. x` would open a list.
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/@(?=[\p{L}\p{N}_])/gu, '@\u200B')
    .replace(/#(?=\d)/g, '#\u200B')
    .replace(/:(?=\/\/)/g, ':\u200B')
    .replace(/\b(www)\./gi, '$1\u200B.');
}

/** Text inside an HTML element (a `<summary>`, a `<code>`): every character markdown or HTML could read is an entity. */
export function htmlEntities(text: string): string {
  return sanitize(text).replace(/[&<>"'`|\\*_[\]~#$!@]/g, (c) => `&#${c.charCodeAt(0)};`);
}
