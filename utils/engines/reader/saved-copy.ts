/**
 * A saved copy of an article: what the reader view shows of a page, taken whole (sanitized HTML,
 * text and the facts a list shows), and the rule for saving again. Kept apart from the reader's
 * view so that saving needs no view open, and pure: it takes a Document.
 */
import { extractArticle } from '../extraction';
import type { ArticleCapture } from '../../shared/model';
import { articleFragment, articleHtml } from './article-html';
import { readingMinutes, wordCount } from './reading-time';

/**
 * The page's article as a saved copy keeps it; null when the page holds no article. `view` is the
 * window whose sanitizer makes the HTML: the page's own, or (for a parsed document, which has none)
 * the window that parsed it.
 */
export function captureArticle(
  doc: Document,
  url: string,
  siteName: string,
  view: (Window & typeof globalThis) | null = doc.defaultView,
): ArticleCapture | null {
  const found = extractArticle(doc);
  if (!found.isArticle || !view || !found.text.trim()) return null;
  const fragment = articleFragment(found.detection, found.title, view);
  const lead = fragment.querySelector('img[src]')?.getAttribute('src') ?? '';
  return {
    url,
    title: found.title,
    byline: found.byline,
    published: found.publishedAt,
    site: found.siteName || siteName,
    lang: found.lang,
    dir: found.dir === 'rtl' || found.dir === 'ltr' ? found.dir : '',
    html: articleHtml(fragment, view),
    text: found.text,
    words: wordCount(found.text),
    readingMinutes: readingMinutes(found.text),
    leadImage: /^https?:/i.test(lead) ? lead : '',
  };
}
