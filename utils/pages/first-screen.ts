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
/** Pages read and drawn before the rest of the page list is read: more than a screen holds. */
export const FIRST_PAGE_ROWS = 40;

/**
 * The newest pages with highlights, and whether they are all of them. No count of every
 * highlight: counting is a pass over them all (150 ms at 100,000), and the whole list read next has it.
 */
export interface FirstPages {
  pages: PageRecord[];
  complete: boolean;
}

let newestSaved: SavedListItem[] | null = null;
let pageList: FirstPages | null = null;
let firstPage: { url: string; highlights: HighlightRecord[] } | null = null;

/**
 * Reads what the view opened first shows: the newest saved articles, or the newest pages and the
 * newest page's highlights (the rest of a long list is read once the page is drawn). Settles once they are read, and never fails: a view that finds
 * nothing taken reads for itself, and reports a failure then.
 */
export async function readFirstScreen(view: 'saved' | 'highlights'): Promise<void> {
  try {
    const library = await readLibrary();
    if (view === 'saved') {
      newestSaved = await library.newestSaved(FIRST_SAVED_ROWS);
      return;
    }
    const newest = await library.newestPages(FIRST_PAGE_ROWS);
    const url = newest[0]?.url;
    const highlights = url ? (await library.page(url)).highlights : [];
    pageList = { pages: newest, complete: newest.length < FIRST_PAGE_ROWS };
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

/** The newest pages with highlights (all of them, or the first screen's), if they were read first, once. */
export function takePageList(): FirstPages | null {
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
