/**
 * A page record keeps how many highlights it has and when the newest was made, so the library
 * lists and sorts pages without reading every highlight. Storage keeps the two in step with the
 * highlights store: counted from what is stored, or, for an import, from what it knows it writes.
 */
import type { HighlightRecord, PageRecord } from '../../shared/model';

/** What a page record says of its highlights. */
export type PageCounts = Required<Pick<PageRecord, 'highlightCount' | 'lastHighlightAt'>>;

interface HighlightsByUrl {
  index(name: 'byUrl'): { getAll(url: string): Promise<HighlightRecord[]>; count(url: string): Promise<number> };
}

/** The counts of a page with these highlights. */
export function countsOf(own: Iterable<HighlightRecord>): PageCounts {
  let highlightCount = 0;
  let lastHighlightAt = 0;
  for (const h of own) {
    highlightCount++;
    lastHighlightAt = Math.max(lastHighlightAt, h.createdAt);
  }
  return { highlightCount, lastHighlightAt };
}

/** A page record with its highlight count and newest highlight's time, read from the highlights store. */
export async function withCounts(highlights: HighlightsByUrl, page: PageRecord): Promise<PageRecord> {
  return { ...page, ...countsOf(await highlights.index('byUrl').getAll(page.url)) };
}

/**
 * A page record's counts once a highlight made at `createdAt` is stored: counted by the index
 * rather than read (a page with a thousand highlights costs its next one no more than its first).
 */
export async function withNewHighlight(
  highlights: HighlightsByUrl,
  page: PageRecord,
  createdAt: number,
): Promise<PageRecord> {
  return {
    ...page,
    highlightCount: await highlights.index('byUrl').count(page.url),
    lastHighlightAt: Math.max(page.lastHighlightAt ?? 0, createdAt),
  };
}
