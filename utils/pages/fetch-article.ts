/**
 * The copy of an article that came from a reading list, fetched when it is first opened: the page
 * at its address, read as the reader reads a page (extraction, sanitizing: captureArticle), in a
 * document that runs nothing and loads nothing. Fetching another site's page needs the browser's
 * access to sites, asked for in answer to the user's click.
 */
import { t } from '@/utils/i18n/words';
import { captureArticle } from '@/utils/engines/reader/saved-copy';
import type { ArticleCapture } from '@/utils/shared/model';
import { fail, ok, type Result } from '@/utils/shared/result';
import { hostOf } from '@/utils/shared/urls';

/** Long enough for a slow site; a page that takes longer is opened instead. */
const FETCH_TIMEOUT_MS = 30_000;
/** The most of a page read: far above any article's markup. */
const MAX_PAGE_CHARS = 20 * 1024 * 1024;

export async function fetchArticle(
  url: string,
  win: Window & typeof globalThis = window,
): Promise<Result<ArticleCapture>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), FETCH_TIMEOUT_MS);
  let html: string;
  try {
    // As the user's own visit would: with the site's cookies, so an article they may read comes whole.
    const response = await win.fetch(url, { credentials: 'include', redirect: 'follow', signal: controller.signal });
    if (!response.ok) return fail('unreachable', t('fetchFailed', { error: `HTTP ${response.status}` }));
    const type = response.headers.get('content-type') ?? '';
    if (type && !/html|xml/i.test(type)) return fail('no-article', t('fetchNoArticle'));
    html = await response.text();
  } catch (error) {
    return fail('unreachable', t('fetchFailed', { error: error instanceof Error ? error.message : String(error) }));
  } finally {
    clearTimeout(timer);
  }
  if (html.length > MAX_PAGE_CHARS) return fail('no-article', t('fetchNoArticle'));
  // An inert document: parsing runs no script and loads nothing; <base> makes its addresses absolute.
  const doc = new win.DOMParser().parseFromString(html, 'text/html');
  const base = doc.createElement('base');
  base.href = url;
  doc.head.prepend(base);
  const article = captureArticle(doc, url, hostOf(url), win);
  return article ? ok(article) : fail('no-article', t('fetchNoArticle'));
}
