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
  const words =
    title
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  const joined = words.join('-').slice(0, 60).replace(/-+$/, '');
  return joined || fallback;
}

/**
 * Where a reader opens the page: its address, or for a PDF (kept under its fingerprint) the
 * address it was read at, when known.
 */
export const readableAddress = (page: PageRecord): string => (isPdf(page) ? (page.source ?? page.url) : page.url);

/** Whether the page is a PDF, kept under its fingerprint (`urn:x-pdf:`). */
export const isPdf = (page: PageRecord): boolean => page.url.startsWith('urn:x-pdf:');

/** The title to show for a page: its own, else its address. */
export const pageTitle = (page: PageRecord): string => page.title.trim() || page.url;

/** The highlight's position in the whole page in code points (W3C), or its UTF-16 offsets for older records. */
export function documentPosition(highlight: HighlightRecord): { start: number; end: number } {
  return (
    highlight.target.documentPosition ?? { start: highlight.target.position.start, end: highlight.target.position.end }
  );
}

/** Whitespace that a page collapses (CSS `white-space: normal`): not the no-break space. */
const COLLAPSIBLE = /[ \t\n\r\f\v\u0085\u2028\u2029]+/g;

/**
 * A text as paragraphs, as a page shows it: a highlight's display text (paragraph breaks kept as
 * blank lines when it was made), else its quote, where a line break followed by indentation or a
 * blank line stands for a paragraph break. Whitespace collapses within a paragraph; NUL, which no
 * Markdown keeps, shows as U+FFFD.
 */
export function displayParagraphs(text: string): string[] {
  return (
    text
      // eslint-disable-next-line no-control-regex -- control characters are exactly what this must find
      .replace(/\u0000/g, '\uFFFD')
      .replace(/\r\n?/g, '\n')
      .replace(/\u2029/g, '\n\n')
      .split(/\n[ \t\f\v]*\n|\n[ \t\f\v]+/)
      .map((p) => p.replace(COLLAPSIBLE, ' ').trim())
      .filter(Boolean)
  );
}

/** What to show of a highlight: its display text when it was recorded, else its quote. */
export const shownText = (highlight: HighlightRecord): string =>
  highlight.target.display ?? highlight.target.quote.exact;

/** A lone surrogate: half of a UTF-16 pair without the other half (not text: no encoding can hold it). */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The text with each lone surrogate replaced by U+FFFD. */
export const withoutLoneSurrogates = (text: string): string =>
  text.replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD');
