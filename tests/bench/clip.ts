/**
 * npm run bench:clip -- [--corpus DIR] [--pages N] [--json FILE]   (DIR in the extraction benchmark's layout or Readability's test pages')
 *
 * Which library writes an article as Markdown best: Turndown (with its GFM plugin, set up as
 * Clearmark's article export sets it up) against unified (hast-util-from-dom, rehype-remark,
 * remark-gfm, remark-stringify), on the reader's HTML of a corpus's pages (the first N, 150 by
 * default), with Defuddle's converter (the one behind Obsidian Web Clipper) on the same HTML beside them.
 *
 * Fidelity is a CommonMark round trip: the Markdown rendered by markdown-it, compared with the
 * HTML it came from — its words (F1 over the word multiset) and its structure (headings, list
 * items, quotes, table cells, code blocks, images, links: matched counts over the larger count).
 * Speed is each converter's median time
 * per page (fastest of three runs), size its minified, gzipped bundle. Quality and speed are
 * printed side by side as ratios to Turndown's; nothing here is a timed test.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { JSDOM, VirtualConsole } from 'jsdom';
import MarkdownIt from 'markdown-it';
import DefuddleFull from 'defuddle/full';
import { unified } from 'unified';
import { fromDom } from 'hast-util-from-dom';
import rehypeRemark from 'rehype-remark';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import type { Root as HastRoot } from 'hast';
import TurndownService from 'turndown';
import { strikethrough, tables } from '@joplin/turndown-plugin-gfm';
import { captureArticle } from '../../utils/engines/reader/saved-copy';
import { articleMarkdown } from '../../utils/engines/export/article-markdown';

const ROOT = resolve(import.meta.dirname, '../..');
const argument = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const corpus = resolve(argument('corpus', resolve(ROOT, '../shared/corpus/extraction-dev'))!);
const pageLimit = Number(argument('pages', '150'));
const jsonOut = argument('json');
const RUNS = 3;

/** Defuddle's own HTML-to-Markdown step, the one Obsidian Web Clipper writes notes with. */
const defuddleMarkdown = (DefuddleFull as unknown as { createMarkdownContent: (html: string, url: string) => string })
  .createMarkdownContent;
const markdownIt = new MarkdownIt({ html: true });

/**
 * What structure is counted. Pictures a lazy loader held back (`data-held-src`) are the article's
 * pictures too; links within the page (`#…`: footnote references, tables of contents) are not
 * links a note keeps.
 */
const STRUCTURE: Record<string, string> = {
  headings: 'h1,h2,h3,h4,h5,h6',
  items: 'li',
  quotes: 'blockquote',
  cells: 'td,th',
  code: 'pre',
  images: 'img[src], img[data-held-src]',
  links: 'a[href]:not([href^="#"])',
};

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
function wordF1(expected: string[], got: string[]): number {
  if (!expected.length && !got.length) return 1;
  const counts = new Map<string, number>();
  for (const w of expected) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of got) {
    const n = counts.get(w) ?? 0;
    if (n > 0) {
      common++;
      counts.set(w, n - 1);
    }
  }
  if (!common) return 0;
  const precision = common / got.length;
  const recall = common / expected.length;
  return (2 * precision * recall) / (precision + recall);
}

function structureOf(container: ParentNode): Record<string, number> {
  return Object.fromEntries(
    Object.entries(STRUCTURE).map(([name, selector]) => [name, container.querySelectorAll(selector).length]),
  );
}
function structureScore(expected: Record<string, number>, got: Record<string, number>): number {
  let matched = 0;
  let total = 0;
  for (const name of Object.keys(STRUCTURE)) {
    matched += Math.min(expected[name]!, got[name]!);
    total += Math.max(expected[name]!, got[name]!);
  }
  return total ? matched / total : 1;
}

/** The rendered Markdown's words and structure against the HTML it was made from. */
function fidelity(doc: Document, html: string, markdown: string): { words: number; structure: number } {
  const source = doc.createElement('div');
  source.innerHTML = html;
  const rendered = doc.createElement('div');
  rendered.innerHTML = markdownIt.render(markdown.replace(/^---\n[\s\S]*?\n---\n/, ''));
  // The title heading and the front matter are the export's own: compare the body.
  rendered.querySelector('h1')?.remove();
  return {
    words: wordF1(words(source.textContent), words(rendered.textContent)),
    structure: structureScore(structureOf(source), structureOf(rendered)),
  };
}

const toUnified = unified()
  .use(rehypeRemark)
  .use(remarkGfm)
  .use(remarkStringify, { bullet: '-', fence: '`', fences: true, rule: '-' });
function unifiedMarkdown(doc: Document, html: string): string {
  const root = doc.createElement('article');
  root.innerHTML = html;
  const hast = fromDom(root) as unknown as HastRoot;
  return toUnified.stringify(toUnified.runSync({ type: 'root', children: [hast as never] }));
}

/** Turndown with the GFM plugin and Obsidian's list and fence style, nothing of Clearmark's. */
function bareTurndown(doc: Document, html: string): string {
  const root = doc.createElement('article');
  root.innerHTML = html;
  const service = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-' });
  service.use([tables, strikethrough]);
  return service.turndown(root);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

async function bundleGzip(entry: string): Promise<number> {
  const result = await build({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  return gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length;
}

function fastest(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

async function main() {
  // Either layout: the extraction benchmark's (html/<key>.html.gz, ground-truth.json) or Readability's test pages (<key>/source.html.gz).
  const flat = existsSync(resolve(corpus, 'html'));
  const truth = (flat ? JSON.parse(readFileSync(resolve(corpus, 'ground-truth.json'), 'utf8')) : {}) as Record<
    string,
    { url?: string }
  >;
  const keys = (
    flat
      ? readdirSync(resolve(corpus, 'html'))
          .filter((f) => f.endsWith('.html.gz'))
          .map((f) => f.slice(0, -8))
      : readdirSync(corpus).filter((d) => existsSync(resolve(corpus, d, 'source.html.gz')))
  )
    .sort()
    .slice(0, pageLimit);
  const pathOf = (key: string) =>
    flat ? resolve(corpus, 'html', `${key}.html.gz`) : resolve(corpus, key, 'source.html.gz');
  const virtualConsole = new VirtualConsole();
  const results = {
    turndown: [] as { words: number; structure: number; ms: number }[],
    clearmark: [] as { words: number; structure: number; ms: number }[],
    unified: [] as { words: number; structure: number; ms: number }[],
    defuddle: [] as { words: number; structure: number; ms: number }[],
  };
  let skipped = 0;
  for (const key of keys) {
    const html = gunzipSync(readFileSync(pathOf(key))).toString('utf8');
    const url = truth[key]?.url || 'https://example.com/';
    const dom = new JSDOM(html, { url, virtualConsole });
    const doc = dom.window.document;
    const article = captureArticle(doc, url, '');
    if (!article) {
      skipped++;
      dom.window.close();
      continue;
    }
    const input = { article: { ...article, savedAt: 0 }, highlights: [], style: 'equals' as const, now: 0 };
    let bare = '';
    const turndownMs = fastest(() => (bare = bareTurndown(doc, article.html)));
    results.turndown.push({ ...fidelity(doc, article.html, bare), ms: turndownMs });
    let md = '';
    const exportMs = fastest(() => (md = articleMarkdown(doc, input).markdown));
    results.clearmark.push({ ...fidelity(doc, article.html, md), ms: exportMs });
    let umd = '';
    const unifiedMs = fastest(() => (umd = unifiedMarkdown(doc, article.html)));
    results.unified.push({ ...fidelity(doc, article.html, umd), ms: unifiedMs });
    let dmd = '';
    // Defuddle's converter parses with the global DOM, as in the browser.
    Object.assign(globalThis, {
      window: dom.window,
      document: doc,
      DOMParser: dom.window.DOMParser,
      Node: dom.window.Node,
    });
    try {
      const defuddleMs = fastest(() => (dmd = defuddleMarkdown(article.html, url)));
      results.defuddle.push({ ...fidelity(doc, article.html, dmd), ms: defuddleMs });
    } catch {
      /* Defuddle failed on this page: left out of its figures */
    }
    dom.window.close();
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  const sizes = {
    turndown: await bundleGzip(
      `import TurndownService from 'turndown'; import { tables, strikethrough } from '@joplin/turndown-plugin-gfm'; export { TurndownService, tables, strikethrough };`,
    ),
    unified: await bundleGzip(
      `export { unified } from 'unified'; export { fromDom } from 'hast-util-from-dom'; export { default as a } from 'rehype-remark'; export { default as b } from 'remark-gfm'; export { default as c } from 'remark-stringify';`,
    ),
    defuddle: 0,
    clearmark: 0,
  };
  const rows = (Object.keys(results) as (keyof typeof results)[]).map((name) => {
    const list = results[name];
    return {
      name,
      pages: list.length,
      words: mean(list.map((r) => r.words)),
      structure: mean(list.map((r) => r.structure)),
      medianMs: median(list.map((r) => r.ms)),
      bytes: sizes[name],
    };
  });
  const base = rows[0]!;
  console.log(`bench:clip — ${corpus} — ${keys.length} pages (${skipped} not articles to Clearmark)`);
  console.log('converter   pages  words F1  structure  median ms  × Turndown time  gzip KB');
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(10)}  ${String(r.pages).padStart(5)}  ${r.words.toFixed(3).padStart(8)}  ${r.structure.toFixed(3).padStart(9)}  ${r.medianMs.toFixed(2).padStart(9)}  ${(r.medianMs / base.medianMs).toFixed(2).padStart(15)}  ${r.bytes ? (r.bytes / 1024).toFixed(1).padStart(7) : '      –'}`,
    );
  }
  console.log(
    '(All convert the same reader HTML. turndown and unified: the libraries as they come (GFM on); clearmark: the whole article export,\n built on Turndown: sanitizing again, anchoring highlights, escaping page text, front matter; defuddle: its createMarkdownContent.)',
  );
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ corpus, pages: keys.length, rows }, null, 2));
}

void main();
