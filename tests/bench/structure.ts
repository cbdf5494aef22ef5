/**
 * npm run bench:structure [-- --corpus DIR] [--list N]
 *
 * The structure of Clearmark's reader HTML beside Readability's, on Readability's own test pages
 * (../shared/corpus/readability-test-pages: <page>/source.html.gz and expected.html.gz, its output).
 * For each kind of structure — paragraphs, headings, list items, tables, code blocks, block quotes,
 * figures and captions, images — and for inline elements inside paragraphs (links, sup/sub, code,
 * abbr, emphasis) it counts both outputs and reports the totals and the pages that differ most.
 * Readability's output is a peer's, not the truth: the differences are there to be reviewed.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { JSDOM, VirtualConsole } from 'jsdom';
import { extractArticle } from '../../utils/engines/extraction';
import { articleFragment } from '../../utils/engines/reader/article-html';

const ROOT = resolve(import.meta.dirname, '../..');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const corpus = resolve(arg('corpus', resolve(ROOT, '../shared/corpus/readability-test-pages')));
const list = Number(arg('list', '12'));

const KINDS: Record<string, string> = {
  paragraphs: 'p',
  headings: 'h2, h3, h4, h5, h6',
  'list items': 'li',
  tables: 'table',
  'code blocks': 'pre',
  'block quotes': 'blockquote',
  figures: 'figure',
  captions: 'figcaption',
  images: 'img',
  'inline in paragraphs': 'p a, p sup, p sub, p code, p abbr, p em, p strong, p i, p b',
};

function counts(root: ParentNode): Record<string, number> {
  return Object.fromEntries(Object.entries(KINDS).map(([k, sel]) => [k, root.querySelectorAll(sel).length]));
}

const pages = readdirSync(corpus).filter(
  (d) => existsSync(join(corpus, d, 'source.html.gz')) && existsSync(join(corpus, d, 'expected.html.gz')),
);
const totals = {
  ours: Object.fromEntries(Object.keys(KINDS).map((k) => [k, 0])),
  theirs: Object.fromEntries(Object.keys(KINDS).map((k) => [k, 0])),
};
const rows: { page: string; diff: number; detail: string }[] = [];
const virtualConsole = new VirtualConsole();
for (const page of pages) {
  const source = gunzipSync(readFileSync(join(corpus, page, 'source.html.gz'))).toString('utf8');
  const expected = gunzipSync(readFileSync(join(corpus, page, 'expected.html.gz'))).toString('utf8');
  const dom = new JSDOM(source, { url: 'http://fakehost/test/page.html', virtualConsole });
  const article = extractArticle(dom.window.document);
  const host = dom.window.document.createElement('div');
  if (article.isArticle)
    host.append(articleFragment(article.detection, article.title, dom.window as unknown as Window & typeof globalThis));
  const ours = counts(host);
  const theirsDom = new JSDOM(`<body>${expected}</body>`, { virtualConsole });
  const theirs = counts(theirsDom.window.document.body);
  let diff = 0;
  const parts: string[] = [];
  for (const k of Object.keys(KINDS)) {
    totals.ours[k]! += ours[k]!;
    totals.theirs[k]! += theirs[k]!;
    if (ours[k] !== theirs[k]) {
      diff += Math.abs(ours[k]! - theirs[k]!) / Math.max(1, theirs[k]!);
      parts.push(`${k} ${ours[k]}/${theirs[k]}`);
    }
  }
  rows.push({ page, diff, detail: article.isArticle ? parts.join(', ') : 'not an article for Clearmark' });
  dom.window.close();
  theirsDom.window.close();
}
console.log(
  `Structure of the reader HTML, Clearmark beside Readability, on ${pages.length} of Readability's test pages`,
);
console.log('kind                      Clearmark  Readability  ratio');
for (const k of Object.keys(KINDS))
  console.log(
    `${k.padEnd(26)}${String(totals.ours[k]).padStart(9)}  ${String(totals.theirs[k]).padStart(11)}  ${(totals.ours[k]! / Math.max(1, totals.theirs[k]!)).toFixed(2)}×`,
  );
console.log(`\nThe ${list} pages that differ most (Clearmark/Readability):`);
for (const r of rows.sort((a, b) => b.diff - a.diff).slice(0, list)) console.log(`${r.page.padEnd(40)} ${r.detail}`);
