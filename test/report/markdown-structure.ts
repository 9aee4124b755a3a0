// Reads a markdown report back the way a GFM renderer does, so tests can check
// what a reviewer would see: tables, cells, HTML, links. Two renderers: micromark
// follows the GFM spec (and cmark-gfm, GitHub's renderer) to the letter; marked
// is what the README picture is rendered with.
import { marked } from 'marked';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';

export const ENGINES = ['micromark', 'marked'] as const;
export type Engine = (typeof ENGINES)[number];

/** The report as HTML (GFM, as GitHub renders a comment). */
export function toHtml(markdown: string, engine: Engine = 'micromark'): string {
  if (engine === 'marked') return marked.parse(markdown, { gfm: true, async: false });
  return micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: true });
}

/** Every table row (header rows left out) as the text of its cells. */
export function tableRows(markdown: string, engine: Engine = 'micromark'): string[][] {
  const html = toHtml(markdown, engine);
  const rows: string[][] = [];
  for (const body of html.match(/<tbody>[\s\S]*?<\/tbody>/g) ?? []) {
    for (const row of body.match(/<tr>[\s\S]*?<\/tr>/g) ?? []) {
      rows.push((row.match(/<td[^>]*>[\s\S]*?<\/td>/g) ?? []).map((cell) => textOf(cell)));
    }
  }
  return rows;
}

/** Text a browser shows for an HTML fragment: tags dropped, entities decoded, `<br>` as a newline. */
export function textOf(html: string): string {
  return decodeEntities(html.replace(/<br\s*\/?>/g, '\n').replace(/<[^>]+>/g, ''));
}

export function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&(lt|gt|quot|#39|apos|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", amp: '&' })[name] ?? '');
}

/** Element names of every HTML tag in the rendered report. */
export function tagNames(markdown: string, engine: Engine = 'micromark'): Set<string> {
  return new Set([...toHtml(markdown, engine).matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => (m[1] as string).toLowerCase()));
}
