/**
 * The records Clearmark keeps. One place defines them so storage, messages, UI and exports
 * agree on every field.
 */

/** Highlight colors, named so the names mean something in exports. */
export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number];

export function isHighlightColor(value: unknown): value is HighlightColor {
  return typeof value === 'string' && (HIGHLIGHT_COLORS as readonly string[]).includes(value);
}

/** W3C Web Annotation TextQuoteSelector: the quoted text and a little context either side. */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

/** W3C Web Annotation TextPositionSelector: UTF-16 offsets into the anchoring root's text. */
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

/** Where a highlight lives in a page, described so it can be found again after the page changes. */
export interface HighlightTarget {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

export interface HighlightRecord {
  /** A random UUID: unique across devices, so backups merge without collisions. */
  id: string;
  /** The normalized page URL (see utils/page-url.ts). */
  url: string;
  color: HighlightColor;
  note: string;
  target: HighlightTarget;
  createdAt: number;
  updatedAt: number;
}

/** What we know of a page that has highlights. */
export interface PageRecord {
  url: string;
  title: string;
  siteName: string;
  createdAt: number;
  updatedAt: number;
}

/** What the content script reports about the page it runs in. */
export interface PageInfo {
  url: string;
  title: string;
  siteName: string;
}

/** The user's choices. */
export interface Settings {
  /** Hide cookie and consent banners and give scrolling back (on by default). */
  stripConsentBanners: boolean;
}

export const DEFAULT_SETTINGS: Settings = { stripConsentBanners: true };

/** What the content script tells about the article in its page (the `article:get` answer). */
export interface ArticleSummary {
  isArticle: boolean;
  title: string;
  byline: string;
  siteName: string;
  publishedAt: string;
  lang: string;
  text: string;
  readerOpen: boolean;
}
