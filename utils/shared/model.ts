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

/** W3C Web Annotation CssSelector: names the element a highlight's offsets count from. */
export interface CssSelector {
  type: 'CssSelector';
  value: string;
}

/** Where a highlight lives in a page, described so it can be found again after the page changes. */
export interface HighlightTarget {
  quote: TextQuoteSelector;
  /** Offsets into the text of `scope`, or of the body when there is no scope. */
  position: TextPositionSelector;
  /** A structural hint: the article element the selection was made in, when there was one. */
  scope?: CssSelector;
  /**
   * Where the quote is in the whole body's text counted in Unicode code points, as the W3C
   * TextPositionSelector counts (`position` counts UTF-16 units, as DOM offsets do). Exports use it.
   */
  documentPosition?: { start: number; end: number };
  /**
   * The selection as the page showed it when it was made: whitespace collapsed within a paragraph,
   * paragraphs (blocks, line breaks) separated by a blank line. Exports show it; anchoring never reads it.
   */
  display?: string;
}

export interface HighlightRecord {
  /** A random UUID: unique across devices, so backups merge without collisions. */
  id: string;
  /** The normalized page URL (see utils/page-url.ts). */
  url: string;
  color: HighlightColor;
  note: string;
  target: HighlightTarget;
  /** The user's tags, normalized (see `normalizeTags`); absent on records made before tags. */
  tags?: string[];
  createdAt: number;
  updatedAt: number;
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

/** What we know of a page that has highlights. */
export interface PageRecord {
  url: string;
  title: string;
  siteName: string;
  /** The article's byline, when known (added after schema 2's first records: may be absent). */
  author?: string;
  /** When the article was published, as the page says it (ISO 8601 where it can be read). */
  publishedAt?: string;
  /** How many highlights the page has, and when the newest was made: kept by storage (schema 3), not in backups. */
  highlightCount?: number;
  lastHighlightAt?: number;
  createdAt: number;
  updatedAt: number;
}

/** What the content script reports about the page it runs in. */
export interface PageInfo {
  url: string;
  title: string;
  siteName: string;
  author?: string;
  publishedAt?: string;
}

export const READER_THEMES = ['auto', 'light', 'sepia', 'dark'] as const;
export type ReaderTheme = (typeof READER_THEMES)[number];
export const READER_FONTS = ['serif', 'sans'] as const;
export type ReaderFont = (typeof READER_FONTS)[number];
/** Body text sizes in px, the reader's size steps. */
export const READER_SIZES = [17, 19, 20, 22, 24] as const;
export const READER_WIDTHS = ['narrow', 'medium', 'wide'] as const;
export type ReaderWidth = (typeof READER_WIDTHS)[number];
export const READER_SPACINGS = ['tight', 'normal', 'loose'] as const;
export type ReaderSpacing = (typeof READER_SPACINGS)[number];

export interface ReaderSettings {
  theme: ReaderTheme;
  font: ReaderFont;
  /** Index into READER_SIZES. */
  size: number;
  width: ReaderWidth;
  spacing: ReaderSpacing;
  /** Sites (host names) whose articles open in the reader view by themselves. */
  alwaysOpenSites: string[];
}

/** The user's choices. */
export interface Settings {
  /** Hide cookie and consent banners and give scrolling back (on by default). */
  stripConsentBanners: boolean;
  reader: ReaderSettings;
  /** Remind the user, in the library and the popup, when a week has passed since the last backup. */
  backupReminder: boolean;
  /** When everything was last backed up (ms; 0 for never). Kept by Clearmark, not in backups. */
  lastBackupAt: number;
  /** Keep a copy of an article, with the first highlight made on its page (on by default). */
  saveWithFirstHighlight: boolean;
  /**
   * Pictures in saved copies: loaded from the web by address (the default), kept offline in
   * storage (asks for access to all sites, to fetch them), or not shown. Kept per browser: the
   * access is granted per browser.
   */
  savedImages: SavedImages;
  /** The color last highlighted in: the toolbar, Alt+Shift+H and saved copies start with it. Kept per browser. */
  lastColor: HighlightColor;
  /**
   * Fetch the copies of articles saved for later from a reading list in the background (off by
   * default; asks for access to all sites). Kept per browser: the access is granted per browser.
   */
  fetchReadingList: boolean;
  /** Where "Send to Obsidian" puts an article, and how its highlights are marked. Kept per browser: each computer has its own vaults. */
  obsidian: ObsidianSettings;
}

/** How highlights are marked in an article's Markdown: Obsidian's `==…==`, or `<mark>` with the color. */
export const HIGHLIGHT_STYLES = ['equals', 'mark'] as const;
export type HighlightStyle = (typeof HIGHLIGHT_STYLES)[number];

export interface ObsidianSettings {
  /** The vault's name ('' for the vault Obsidian has open). */
  vault: string;
  /** The folder in the vault ('' for its top). */
  folder: string;
  /** The note's name: `{{title}}`, `{{site}}`, `{{date}}` (saved, YYYY-MM-DD) and `{{published}}` are filled in. */
  fileName: string;
  highlightStyle: HighlightStyle;
}

export const SAVED_IMAGES = ['address', 'offline', 'none'] as const;
export type SavedImages = (typeof SAVED_IMAGES)[number];

/** A picture kept offline, as a backup carries it: its article, its address in the copy, its type and bytes (base64). */
export interface BackupPicture {
  article: string;
  src: string;
  type: string;
  data: string;
}

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
  obsidian: { vault: '', folder: 'Clippings', fileName: '{{title}}', highlightStyle: 'equals' },
};

/** Where the reader of a saved article is: not yet opened, read, or put away. */
export type ReadingState = 'unread' | 'read' | 'archived';

/** An article as a page shows it in the reader view, taken to be kept (before storage adds its own fields). */
export interface ArticleCapture {
  url: string;
  title: string;
  byline: string;
  /** When the article was published, as the page says it. */
  published: string;
  site: string;
  lang: string;
  dir: '' | 'ltr' | 'rtl';
  /** The reader view's HTML, sanitized as the reader sanitizes it. */
  html: string;
  text: string;
  words: number;
  readingMinutes: number;
  /** The address of its first picture, or ''. */
  leadImage: string;
}

/** A saved article: the copy kept to read later and offline. */
export interface SavedArticle extends ArticleCapture {
  savedAt: number;
  /** When the copy was last taken again (equal to savedAt until then). */
  updatedAt: number;
  state: ReadingState;
  /** How far it was read, 0 to 1. */
  progress: number;
  /**
   * Taken in from a reading list (Pocket, Instapaper, Omnivore, bookmarks): the address is kept,
   * the copy is not fetched yet (html and text empty) — it is when the article is first opened.
   */
  pending?: boolean;
  /** Tags the reading list gave it. */
  tags?: string[];
}

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

/** A change to settings: every field optional, the reader's fields too. */
export type SettingsPatch = Partial<Omit<Settings, 'reader' | 'obsidian' | 'lastBackupAt'>> & { reader?: Partial<Settings['reader']>; obsidian?: Partial<ObsidianSettings> };

/** Orders a page's highlights as they stand in its text (earlier made first where two start together). */
export function byDocumentOrder(a: HighlightRecord, b: HighlightRecord): number {
  return a.target.position.start - b.target.position.start || a.createdAt - b.createdAt;
}
