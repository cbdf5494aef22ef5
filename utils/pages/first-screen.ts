/**
 * The library's first screen, read the moment the page's code runs. A view's effects run only
 * after the first paint, so a read started there waits for the page to be parsed, laid out and
 * painted, and the page is painted twice: "Loading", then the list. Started from the page's
 * wiring instead, the read overlaps the page's start, the page is drawn once the answer is in,
 * and the view takes it as its first state. Each answer is taken once; later reads (after a
 * change) are made afresh.
 */
import type { HighlightRecord, PageRecord, SavedListItem } from '@/utils/shared/model';
import { readLibrary } from './library-data';

/** Saved articles read and drawn before the rest of the list is read: more than a screen holds. */
export const FIRST_SAVED_ROWS = 20;

let newestSaved: SavedListItem[] | null = null;
let pageList: PageRecord[] | null = null;
let firstPage: { url: string; highlights: HighlightRecord[] } | null = null;

/**
 * Reads what the view opened first shows: the newest saved articles, or the page list and the
 * newest page's highlights. Settles once they are read, and never fails: a view that finds
 * nothing taken reads for itself, and reports a failure then.
 */
export async function readFirstScreen(view: 'saved' | 'highlights'): Promise<void> {
  try {
    const library = await readLibrary();
    if (view === 'saved') {
      newestSaved = await library.newestSaved(FIRST_SAVED_ROWS);
      return;
    }
    const pages = await library.pageList();
    const url = pages[0]?.url;
    const highlights = url ? (await library.page(url)).highlights : [];
    pageList = pages;
    if (url) firstPage = { url, highlights };
  } catch {
    // Read again, and reported, by the view.
  }
}

/** The newest saved articles if they were read first, once. */
export function takeNewestSaved(): SavedListItem[] | null {
  const taken = newestSaved;
  newestSaved = null;
  return taken;
}

/** The pages with highlights, newest first, if they were read first, once. */
export function takePageList(): PageRecord[] | null {
  const taken = pageList;
  pageList = null;
  return taken;
}

/** The newest page's highlights if they were read first, once. */
export function takeFirstPage(): { url: string; highlights: HighlightRecord[] } | null {
  const taken = firstPage;
  firstPage = null;
  return taken;
}
