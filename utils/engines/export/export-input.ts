/**
 * What every export format is made from: pages with their highlights in document order, and
 * the small helpers the formats share (dates, file names, labels). Plain data in, text out.
 */
import type { ExportFile, HighlightRecord, PageRecord } from '../../shared/model';
export type { ExportFile };

export interface PageHighlightsExport {
  page: PageRecord;
  /** In document order. */
  highlights: HighlightRecord[];
}


/** `2026-11-25T06:10:00.000Z` for a timestamp. */
export const isoTime = (ms: number): string => new Date(ms).toISOString();

/** `2026-11-25` for a timestamp (UTC), for file names. */
export const isoDay = (ms: number): string => isoTime(ms).slice(0, 10);

/** A file-name-safe short form of a title: letters and digits in any script, joined by dashes. */
export function slug(title: string, fallback = 'page'): string {
  const words = title.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const joined = words.join('-').slice(0, 60).replace(/-+$/, '');
  return joined || fallback;
}

/** The title to show for a page: its own, else its address. */
export const pageTitle = (page: PageRecord): string => page.title.trim() || page.url;

/** The highlight's position in the whole page in code points (W3C), or its UTF-16 offsets for older records. */
export function documentPosition(highlight: HighlightRecord): { start: number; end: number } {
  return highlight.target.documentPosition ?? { start: highlight.target.position.start, end: highlight.target.position.end };
}
