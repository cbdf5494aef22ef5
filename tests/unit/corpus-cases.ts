/**
 * Corpus-driven cases, each a folder of saved pages and what Clearmark should make of them:
 * - `tests/fixtures/extraction/<slug>/`: `source.html` (with `url.txt` when the page's address
 *   matters), `expected.txt` (the article text) and `expected-metadata.json`;
 * - `tests/fixtures/anchoring/<slug>/`: `page.html`, `edited.html` (the same page after edits),
 *   `highlights.json` (targets described on `page.html`) and `expected.json` (for each, the text
 *   it lands on in `edited.html`, or null for an orphan).
 * The test compares; `npm run fixtures:update` rewrites the expectations for review, and
 * `npm run fixtures:add` makes a new case from saved pages.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PageText } from '../../utils/engines/anchoring/page-text';
import { extractArticle } from '../../utils/engines/extraction';
import type { HighlightTarget } from '../../utils/shared/model';
import { openHtml } from './fixture-window';

export const CASES_DIR = resolve(import.meta.dirname, '../fixtures');

export function caseSlugs(kind: 'extraction' | 'anchoring'): string[] {
  const dir = join(CASES_DIR, kind);
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => !name.startsWith('.') && !name.endsWith('.md'))
        .sort()
    : [];
}

export function extractionCase(slug: string): { text: string; metadata: string } {
  const dir = join(CASES_DIR, 'extraction', slug);
  const urlFile = join(dir, 'url.txt');
  const url = existsSync(urlFile) ? readFileSync(urlFile, 'utf8').trim() : `http://127.0.0.1/${slug}/`;
  const article = extractArticle(openHtml(readFileSync(join(dir, 'source.html'), 'utf8'), url));
  const { isArticle, title, byline, publishedAt, siteName, lang } = article;
  return {
    text: `${article.text}\n`,
    metadata: `${JSON.stringify({ isArticle, title, byline, publishedAt, siteName, lang }, null, 2)}\n`,
  };
}

const bodyOf = (html: string) => openHtml(html).body;

/** Describes each quote where it first stands on the page (as a selection of it would be). */
export function describeQuotes(pageHtml: string, quotes: string[]): { id: string; target: HighlightTarget }[] {
  const body = bodyOf(pageHtml);
  const text = new PageText(body);
  const index = text.index();
  return quotes.map((quote, i) => {
    const at = index.text.indexOf(quote);
    if (at < 0) throw new Error(`"${quote}" is not in the page's text`);
    const target = text.describe(index.rangeOf(at, at + quote.length));
    if (!target) throw new Error(`"${quote}" could not be described`);
    return { id: `h${i + 1}`, target };
  });
}

/** Where each highlight lands on the edited page: its text, or null for an orphan. */
export function anchoringCase(slug: string): { highlights: { id: string; target: HighlightTarget }[]; landed: string } {
  const dir = join(CASES_DIR, 'anchoring', slug);
  const highlights = JSON.parse(readFileSync(join(dir, 'highlights.json'), 'utf8')) as {
    id: string;
    target: HighlightTarget;
  }[];
  const text = new PageText(bodyOf(readFileSync(join(dir, 'edited.html'), 'utf8')));
  const landed = highlights.map(({ id, target }) => {
    const found = text.anchor(target);
    return { id, text: found ? found.index.text.slice(found.span.start, found.span.end) : null };
  });
  return { highlights, landed: `${JSON.stringify(landed, null, 2)}\n` };
}
