/**
 * A saved copy of an article: what the reader view shows of a page, taken whole (sanitized HTML,
 * text and the facts a list shows), and the rule for saving again. Kept apart from the reader's
 * view so that saving needs no view open, and pure: it takes a Document.
 */
import { extractArticle } from '../extraction';
import type { ArticleCapture } from '../../shared/model';
import { articleFragment, articleHtml } from './article-html';
import { readingMinutes, wordCount } from './reading-time';
import { takeStandfirst } from './standfirst';

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
  // A copy keeps no header of its own: the standfirst the reader shows under the title opens its body.
  const standfirst = takeStandfirst(doc, found);
  const fragment = articleFragment(found.detection, found.title, view);
  if (standfirst) {
    const line = view.document.createElement('p');
    line.textContent = standfirst;
    fragment.prepend(line);
  }
  // The body's text holds the standfirst already when the article's element does.
  const text = !standfirst || found.text.includes(standfirst) ? found.text : `${standfirst}\n\n${found.text}`;
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
    text,
    words: wordCount(text),
    readingMinutes: readingMinutes(text),
    leadImage: /^https?:/i.test(lead) ? lead : '',
  };
}
