/**
 * A page record keeps how many highlights it has and when the newest was made, so the library
 * lists and sorts pages without reading every highlight. Storage keeps the two in step with the
 * highlights store: counted from what is stored, or, for an import, from what it knows it writes.
 */
import type { HighlightRecord, PageRecord } from '../../shared/model';

/** What a page record says of its highlights. */
export type PageCounts = Required<Pick<PageRecord, 'highlightCount' | 'lastHighlightAt'>>;

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
