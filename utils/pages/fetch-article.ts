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
import { fetchPageHtml } from '@/utils/shared/fetch-page';

export async function fetchArticle(
  url: string,
  win: Window & typeof globalThis = window,
): Promise<Result<ArticleCapture>> {
  const fetched = await fetchPageHtml((input, init) => win.fetch(input, init), url);
  if (!fetched.ok)
    return fetched.why === 'unreachable'
      ? fail('unreachable', t('fetchFailed', { error: fetched.error }))
      : fail('no-article', t('fetchNoArticle'));
  // An inert document: parsing runs no script and loads nothing; <base> makes its addresses absolute.
  const doc = new win.DOMParser().parseFromString(fetched.html, 'text/html');
  const base = doc.createElement('base');
  base.href = url;
  doc.head.prepend(base);
  const article = captureArticle(doc, url, hostOf(url), win);
  return article ? ok(article) : fail('no-article', t('fetchNoArticle'));
}
