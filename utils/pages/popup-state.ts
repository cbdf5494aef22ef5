/**
 * What the popup shows about its tab, read in one go: the page (as its content script names it),
 * the page's highlights, which of them the page could not place, whether it is an article with
 * its reader open, and whether it has a saved copy. The popup's wiring starts this read before
 * the popup is drawn, so the popup opens drawn once, with its data; the popup reads it again
 * when the library changes.
 */
import { t } from '@/utils/i18n/words';
import type { HighlightRecord, PageInfo } from '@/utils/shared/model';
import { errorMessage } from '@/utils/shared/result';
import { askTab, tabAddress } from './extension-client';
import { looksLikePdf } from '../shared/pdf-address';
import { readLibrary } from './library-data';

export interface ArticleState {
  isArticle: boolean;
  readerOpen: boolean;
}

export type PopupState =
  | { kind: 'loading' }
  /** `pdf`: the tab shows a PDF (in the browser's own viewer), at this address. */
  | { kind: 'unavailable'; reason: string; pdf?: string }
  | {
      kind: 'ready';
      page: PageInfo;
      highlights: HighlightRecord[];
      /** Ids the page could not place; null when the page did not say. */
      orphaned: Set<string> | null;
      article: ArticleState;
      /** Whether the page's article has a saved copy. */
      saved: boolean;
    }
  | { kind: 'error'; message: string };

/** Reads the tab's state; `article`, when known, is not asked again (it does not change when highlights do). */
export async function readPopupState(tabId: number | null, article: ArticleState | null = null): Promise<PopupState> {
  if (tabId === null) return { kind: 'unavailable', reason: t('noPageOpen') };
  // The library opens while the tab answers: both are round trips, neither waits for the other.
  const opened = readLibrary();
  opened.catch(() => undefined);
  // Asked of the tab at once, all three: none needs another's answer, so the tab answers them in one wait.
  const articleAsked =
    article ??
    askTab(tabId, { type: 'article:state' }).then((a) => (a.ok ? a.value : { isArticle: false, readerOpen: false }));
  const anchoredAsked = askTab(tabId, { type: 'highlights:anchored' });
  const info = await askTab(tabId, { type: 'page:info' });
  if (!info.ok) {
    // No content script answers in the browser's own PDF viewer: the popup offers Clearmark's.
    const address = await tabAddress(tabId);
    return { kind: 'unavailable', reason: t('browserPage'), ...(looksLikePdf(address) ? { pdf: address } : {}) };
  }
  const url = info.value.url;
  const [answer, articleNow, anchored, saved] = await Promise.all([
    // Read where it is kept, as the library page reads: no wait for a background that may be asleep.
    opened
      .then((library) => library.page(url))
      .then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error: errorMessage(error) }),
      ),
    articleAsked,
    anchoredAsked,
    opened.then(
      (library) => library.isSaved(url),
      () => false,
    ),
  ]);
  if (!answer.ok) return { kind: 'error', message: answer.error };
  // A highlight the page has not placed yet is not an orphan: the page's anchoring notice will say.
  const known = anchored.ok ? new Set([...anchored.value.painted, ...anchored.value.orphaned]) : null;
  return {
    kind: 'ready',
    page: { ...info.value, title: answer.value.page?.title || info.value.title },
    highlights: answer.value.highlights,
    orphaned: anchored.ok && known ? new Set(anchored.value.orphaned.filter((id) => known.has(id))) : null,
    article: articleNow,
    saved,
  };
}
