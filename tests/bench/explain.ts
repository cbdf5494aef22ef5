/**
 * `npm run bench:extract -- --explain URL-or-file`: what extraction kept and left out of one
 * page, and why. Prints the article's element, then, in reading order, every block left out with
 * the rule that removed it (detect-article.ts's RemovalRule), and the largest blocks outside the
 * article's element. A file may be .html or .html.gz; a corpus page may be named by its key.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { JSDOM, VirtualConsole } from 'jsdom';
import { extractArticle } from '../../utils/engines/extraction';
import { elementKind } from '../../utils/engines/extraction/element-kinds';

/** The page's HTML and address: from the web, a file, or a page of the corpus by key. */
async function load(what: string, corpus: string): Promise<{ html: string; url: string }> {
  if (/^https?:\/\//.test(what)) {
    const response = await fetch(what);
    if (!response.ok) throw new Error(`${what}: HTTP ${response.status}`);
    return { html: await response.text(), url: response.url };
  }
  const truthFile = resolve(corpus, 'ground-truth.json');
  const truth = existsSync(truthFile)
    ? (JSON.parse(readFileSync(truthFile, 'utf8')) as Record<string, { url?: string }>)
    : {};
  const asKey = resolve(corpus, 'html', `${what}.html.gz`);
  const file = existsSync(what) ? what : existsSync(asKey) ? asKey : null;
  if (!file) throw new Error(`${what}: not an address, a file, or a page of ${corpus}`);
  const bytes = readFileSync(file);
  const key = file.replace(/^.*\//, '').replace(/\.html(\.gz)?$/, '');
  return {
    html: (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'),
    url: truth[key]?.url || 'https://example.com/',
  };
}

/** Never text and never shown: not worth a line. */
const CODE_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);

function describe(el: Element): string {
  const id = el.id ? `#${el.id}` : '';
  const classes = (el.getAttribute('class') ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 3);
  return `<${el.tagName.toLowerCase()}${id}${classes.map((c) => `.${c}`).join('')}>`;
}

function snippet(el: Element, length = 90): string {
  const text = el.textContent.replace(/\s+/g, ' ').trim();
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

function path(el: Element): string {
  const parts: string[] = [];
  for (let e: Element | null = el; e && e.tagName !== 'HTML'; e = e.parentElement) parts.unshift(describe(e));
  return parts.join(' > ');
}

export async function explain(what: string, corpus: string): Promise<void> {
  const { html, url } = await load(what, corpus);
  const dom = new JSDOM(html, { url, virtualConsole: new VirtualConsole() });
  const doc = dom.window.document;
  const article = extractArticle(doc);
  const { root, excluded } = article.detection;
  console.log(`${url}\ntitle: ${article.title}\nbyline: ${article.byline}\npublished: ${article.publishedAt}`);
  console.log(`an article: ${article.isArticle}; ${article.text.length} characters kept`);
  if (!root) {
    console.log('no element holds an article');
    return;
  }
  console.log(`the article's element: ${path(root)}\n\nleft out inside it, in reading order (rule, block, text):`);
  const visit = (parent: Element) => {
    for (const el of Array.from(parent.children)) {
      if (CODE_TAGS.has(el.tagName)) continue;
      const never = elementKind(el).never && snippet(el) !== '';
      const rule = excluded.get(el) ?? (never ? 'never-content' : null);
      // Nothing inside a block left out is printed again.
      if (rule) console.log(`  ${rule.padEnd(19)} ${describe(el).padEnd(40)} ${snippet(el) || '(no text)'}`);
      else if (!elementKind(el).never) visit(el);
    }
  };
  visit(root);
  console.log(`\noutside the article's element, its largest blocks (chosen against: ${describe(root)}):`);
  const outside: Element[] = [];
  for (let at: Element | null = root; at && at !== doc.body; at = at.parentElement)
    for (const sibling of Array.from(at.parentElement?.children ?? []))
      if (sibling !== at && !elementKind(sibling).never) outside.push(sibling);
  const size = (el: Element) => el.textContent.replace(/\s+/g, ' ').length;
  for (const el of outside
    .sort((a, b) => size(b) - size(a))
    .slice(0, 8)
    .filter((el) => size(el) > 40))
    console.log(`  ${String(size(el)).padStart(6)} chars ${describe(el).padEnd(40)} ${snippet(el)}`);
  dom.window.close();
}
