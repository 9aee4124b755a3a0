// Renders docs/example-comment.png, the README's picture of a plangate PR comment.
//
// What it shows is real: it builds the CLI (scripts/build.mjs), runs
//   node dist/cli.js check --format markdown fixtures/terraform/example-destroy.json
// and renders that markdown the way GitHub shows a comment: GFM through `marked`,
// GitHub-like CSS, and the ```mermaid block drawn by mermaid from
// node_modules/mermaid (no network: every request the page makes is refused).
// The page is opened in Debian's headless Chromium through playwright-core and
// the comment is screenshotted at 2x.
//
//   apt-get install -y chromium fonts-noto-color-emoji   # once
//   node scripts/render-example.mjs [--no-build] [--html out.html] [--out docs/example-comment.png]
//
// CHROMIUM (default /usr/bin/chromium) points at another Chromium binary.
// Look at the PNG after running it: the graph must be drawn and the table readable.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { marked } from 'marked';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PLAN = 'fixtures/terraform/example-destroy.json';
const require = createRequire(import.meta.url);

const { values } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    html: { type: 'string' },
    out: { type: 'string', default: 'docs/example-comment.png' },
  },
});

// 1. The real report, from the built CLI (exit 1 = blocked is the expected outcome).
if (!values['no-build']) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
let markdown;
try {
  markdown = execFileSync(process.execPath, ['dist/cli.js', 'check', '--format', 'markdown', PLAN], { cwd: ROOT, encoding: 'utf8' });
} catch (error) {
  if (error.status !== 1 || !error.stdout) throw error;
  markdown = error.stdout;
}

// 2. Markdown → HTML as GitHub does it; a mermaid block becomes a <pre class="mermaid"> for mermaid to draw.
const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
marked.use({
  gfm: true,
  renderer: {
    code({ text, lang }) {
      return lang === 'mermaid' ? `<pre class="mermaid">${escapeHtml(text)}</pre>\n` : false;
    },
  },
});
const body = marked.parse(markdown, { async: false });

const CSS = `
  * { box-sizing: border-box; }
  body { margin: 0; padding: 24px; background: #ffffff; color: #1f2328;
    font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", "Liberation Sans", "DejaVu Sans", Helvetica, Arial, sans-serif, "Noto Color Emoji"; }
  .comment { width: 880px; border: 1px solid #d1d9e0; border-radius: 6px; overflow: hidden; }
  .comment-header { display: flex; align-items: center; gap: 8px; padding: 8px 16px; background: #f6f8fa; border-bottom: 1px solid #d1d9e0; color: #59636e; }
  .avatar { width: 20px; height: 20px; border-radius: 4px; background: #24292f; color: #fff; font-size: 11px; font-weight: 600; display: grid; place-items: center; }
  .comment-header strong { color: #1f2328; }
  .label { border: 1px solid #d1d9e0; border-radius: 2em; padding: 0 7px; font-size: 12px; font-weight: 500; }
  .markdown-body { padding: 16px; }
  .markdown-body > *:first-child { margin-top: 0; }
  .markdown-body > *:last-child { margin-bottom: 0; }
  h3, h4 { margin: 24px 0 16px; font-weight: 600; line-height: 1.25; }
  h3 { font-size: 1.25em; }
  h4 { font-size: 1em; }
  p, ul, table, pre, details, blockquote { margin: 0 0 16px; }
  ul { padding-left: 2em; }
  li + li, li > ul { margin-top: 0.25em; }
  code { font: 85% ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
    padding: 0.2em 0.4em; background: rgba(129, 139, 152, 0.12); border-radius: 6px; white-space: break-spaces; }
  table { border-spacing: 0; border-collapse: collapse; display: block; width: max-content; max-width: 100%; overflow: auto; }
  th, td { padding: 6px 13px; border: 1px solid #d1d9e0; }
  th { font-weight: 600; }
  tr { background: #ffffff; border-top: 1px solid #d1d9e0b3; }
  tr:nth-child(2n) { background: #f6f8fa; }
  details summary { cursor: pointer; }
  blockquote { padding: 0 1em; color: #59636e; border-left: 0.25em solid #d1d9e0; }
  pre.mermaid { background: #f6f8fa; border-radius: 6px; padding: 16px; text-align: center; font-family: inherit; }
`;

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>plangate comment</title><style>${CSS}</style></head>
<body>
  <div class="comment">
    <div class="comment-header"><span class="avatar">pg</span><strong>plangate</strong><span class="label">bot</span> commented</div>
    <div class="markdown-body">${body}</div>
  </div>
</body></html>`;

if (values.html) writeFileSync(values.html, page);

// 3. Headless Chromium, no network; mermaid from node_modules; screenshot of the comment.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const context = await browser.newContext({ viewport: { width: 940, height: 800 }, deviceScaleFactor: 2 });
  await context.route('**/*', (route) => route.abort());
  const tab = await context.newPage();
  const problems = [];
  tab.on('pageerror', (error) => problems.push(error.message));
  await tab.setContent(page, { waitUntil: 'load' });
  await tab.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
  const drawn = await tab.evaluate(async () => {
    const mermaid = globalThis.mermaid;
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default', flowchart: { htmlLabels: true } });
    await mermaid.run({ querySelector: 'pre.mermaid' });
    return document.querySelectorAll('pre.mermaid svg').length;
  });
  if (drawn !== (markdown.match(/^```mermaid$/gm) ?? []).length) throw new Error(`mermaid drew ${drawn} graph(s)`);
  if (problems.length > 0) throw new Error(`the page reported errors: ${problems.join('; ')}`);
  const out = resolve(ROOT, values.out);
  mkdirSync(dirname(out), { recursive: true });
  await tab.locator('.comment').screenshot({ path: out });
  console.log(`wrote ${join(values.out)} (${drawn} mermaid graph${drawn === 1 ? '' : 's'} drawn)`);
} finally {
  await browser.close();
}
