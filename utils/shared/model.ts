/**
 * The model every context shares: the records Clearmark keeps (declared once, as schemas, in
 * ./records.ts, and re-exported here), the default settings, and the small rules on them
 * (tags as stored, document order). One place, so storage, messages, UI and exports agree.
 */
import {
  HIGHLIGHT_COLORS,
  type READER_FONTS,
  type READER_SPACINGS,
  type READER_THEMES,
  type READER_WIDTHS,
  type HIGHLIGHT_STYLES,
  type SAVED_IMAGES,
  type HighlightColor,
  type HighlightRecord,
  type ReadingState,
  type Settings,
} from './records';

export {
  HIGHLIGHT_COLORS,
  READER_THEMES,
  READER_FONTS,
  READER_SIZES,
  READER_WIDTHS,
  READER_SPACINGS,
  HIGHLIGHT_STYLES,
  SAVED_IMAGES,
} from './records';
export type {
  HighlightColor,
  TextQuoteSelector,
  TextPositionSelector,
  CssSelector,
  HighlightTarget,
  HighlightRecord,
  PageInfo,
  PageRecord,
  Settings,
  ReaderSettings,
  ObsidianSettings,
  SettingsPatch,
  ArticleCapture,
  SavedArticle,
  ReadingState,
  BackupPicture,
} from './records';

export function isHighlightColor(value: unknown): value is HighlightColor {
  return typeof value === 'string' && (HIGHLIGHT_COLORS as readonly string[]).includes(value);
}

/**
 * Whether a highlight knows where it is in its page. One imported with its quote alone (Readwise,
 * Omnivore) is stored at 0–0: anchoring searches the whole page for it, exports leave the place out.
 */
export const hasPosition = (h: HighlightRecord): boolean => h.target.position.end > h.target.position.start;

/** Tags as stored: trimmed, inner whitespace collapsed, no empty ones, each once (case-insensitively), in the order given. */
export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.replace(/\s+/g, ' ').trim().replace(/^#+/, '');
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    out.push(tag);
  }
  return out;
}

export type ReaderTheme = (typeof READER_THEMES)[number];
export type ReaderFont = (typeof READER_FONTS)[number];
export type ReaderWidth = (typeof READER_WIDTHS)[number];
export type ReaderSpacing = (typeof READER_SPACINGS)[number];

export type HighlightStyle = (typeof HIGHLIGHT_STYLES)[number];

export type SavedImages = (typeof SAVED_IMAGES)[number];

/** How much room saved copies take in this browser (`storage:use`). */
export interface StorageUse {
  copies: number;
  /** Characters of their HTML and text (about the bytes they take). */
  copyBytes: number;
  images: number;
  imageBytes: number;
}

/** A picture of a saved copy, kept offline: its address in the copy, and the picture (scaled to at most 1600 px). */
export interface StoredImage {
  article: string;
  src: string;
  blob: Blob;
}

export const DEFAULT_SETTINGS: Settings = {
  stripConsentBanners: true,
  reader: { theme: 'auto', font: 'serif', size: 2, width: 'medium', spacing: 'normal', alwaysOpenSites: [] },
  backupReminder: false,
  lastBackupAt: 0,
  saveWithFirstHighlight: true,
  savedImages: 'address',
  lastColor: 'yellow',
  fetchReadingList: false,
  openPdfsInViewer: false,
  obsidian: { vault: '', folder: 'Clippings', fileName: '{{title}}', highlightStyle: 'equals' },
};

/** A saved article as the Saved list shows it (`saved:list`). */
export interface SavedListItem {
  url: string;
  title: string;
  site: string;
  byline: string;
  published: string;
  words: number;
  readingMinutes: number;
  savedAt: number;
  state: ReadingState;
  progress: number;
  highlights: number;
  /** From a reading list, its copy not fetched yet. */
  pending?: boolean;
  tags?: string[];
}

/** What saving did: a new copy, a newer copy, the older copy kept (the new one held much less text), or nothing to save. */
export interface SaveOutcome {
  outcome: 'saved' | 'updated' | 'kept-older';
  url: string;
  title: string;
  words: number;
}

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

/** The files Clearmark writes: notes formats, the lossless backup, and a saved article whole as Markdown (`article`). */
export const EXPORT_FORMATS = ['markdown', 'notes', 'jsonld', 'csv', 'html', 'backup', 'article'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** An exported file: its name, type and text (or, for a binary file such as a zip, '' and its bytes in base64). */
export interface ExportFile {
  filename: string;
  mime: string;
  text: string;
  base64?: string;
  /**
   * A file too big for one message: `text` (or `base64`) is empty, and the page reads its parts
   * with `transfer:part` (utils/background/transfers.ts).
   */
  transfer?: { id: string; parts: number; binary: boolean };
}

/** Orders a page's highlights as they stand in its text (earlier made first where two start together). */
export function byDocumentOrder(a: HighlightRecord, b: HighlightRecord): number {
  return a.target.position.start - b.target.position.start || a.createdAt - b.createdAt;
}

/** Sorts a page's highlights (in place) as they stand in its text. */
export function inDocumentOrder(highlights: HighlightRecord[]): HighlightRecord[] {
  return highlights.sort(byDocumentOrder);
}
