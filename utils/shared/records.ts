/**
 * The records Clearmark keeps, each declared once, as a schema: the check that a backup, a sync
 * server or a message is held to, and (inferred from it) the TypeScript type storage, messages, UI
 * and exports share. The model (./model.ts) re-exports the types beside its defaults and helpers.
 */
import * as v from 'valibot';
import {
  count,
  flag,
  httpUrl,
  listOf,
  literal,
  MAX_TEXT,
  MAX_URL,
  nonEmptyText,
  oneOf,
  pageUrl,
  shape,
  text,
} from './checks';

/** Highlight colors, named so the names mean something in exports. */
export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export const READER_THEMES = ['auto', 'light', 'sepia', 'dark'] as const;
export const READER_FONTS = ['serif', 'sans'] as const;
/** Body text sizes in px, the reader's size steps. */
export const READER_SIZES = [17, 19, 20, 22, 24] as const;
export const READER_WIDTHS = ['narrow', 'medium', 'wide'] as const;
export const READER_SPACINGS = ['tight', 'normal', 'loose'] as const;
/** How highlights are marked in an article's Markdown: Obsidian's `==…==`, or `<mark>` with the color. */
export const HIGHLIGHT_STYLES = ['equals', 'mark'] as const;
export const SAVED_IMAGES = ['address', 'offline', 'none'] as const;
export const READING_STATES = ['unread', 'read', 'archived'] as const;

/**
 * Entries joined, as a call free of side effects: a bundle drops it with the schemas it builds
 * when it uses none (a spread at the top level would be kept).
 */
const withFields = /*#__NO_SIDE_EFFECTS__*/ <A extends v.ObjectEntries, B extends v.ObjectEntries>(
  a: A,
  b: B,
): Omit<A, keyof B> & B => ({ ...a, ...b });

export const highlightColorSchema = /*#__PURE__*/ oneOf(HIGHLIGHT_COLORS);
const tag = /*#__PURE__*/ nonEmptyText(100);
/** A highlight's tags: at most 100, none empty. */
export const tagsSchema = /*#__PURE__*/ listOf(tag, 100);

/** Where a highlight lives in a page, described so it can be found again after the page changes. */
export const highlightTargetSchema = /*#__PURE__*/ shape({
  /** W3C Web Annotation TextQuoteSelector: the quoted text and a little context either side. */
  quote: shape({
    type: literal('TextQuoteSelector'),
    exact: nonEmptyText(MAX_TEXT),
    prefix: text(MAX_TEXT),
    suffix: text(MAX_TEXT),
  }),
  /** W3C TextPositionSelector: UTF-16 offsets into the text of `scope`, or of the body when there is no scope. */
  position: shape({ type: literal('TextPositionSelector'), start: count, end: count }),
  /** A structural hint (W3C CssSelector): the article element the selection was made in, when there was one. */
  scope: v.optional(shape({ type: literal('CssSelector'), value: nonEmptyText(2_000) })),
  /**
   * Where the quote is in the whole body's text counted in Unicode code points, as the W3C
   * TextPositionSelector counts (`position` counts UTF-16 units, as DOM offsets do). Exports use it.
   */
  documentPosition: v.optional(shape({ start: count, end: count })),
  /**
   * The selection as the page showed it when it was made: whitespace collapsed within a paragraph,
   * paragraphs (blocks, line breaks) separated by a blank line. Exports show it; anchoring never reads it.
   */
  display: v.optional(text(MAX_TEXT)),
  /**
   * In a PDF, the page (counted from 1) the highlight begins on, as it was when it was made:
   * exports name it (a W3C FragmentSelector, `page=N`) and lists show it. Web pages have none.
   */
  page: v.optional(v.pipe(count, v.minValue(1, 'must be a page number from 1'))),
});

export const highlightRecordSchema = /*#__PURE__*/ shape({
  /** A random UUID: unique across devices, so backups merge without collisions. */
  id: nonEmptyText(100),
  /** The normalized page URL (see utils/engines/page-url.ts), or a PDF's `urn:x-pdf:` name. */
  url: pageUrl,
  color: highlightColorSchema,
  note: text(MAX_TEXT),
  target: highlightTargetSchema,
  /** The user's tags, normalized (see `normalizeTags`); absent on records made before tags. */
  tags: v.optional(tagsSchema),
  createdAt: count,
  updatedAt: count,
});

/** What the content script reports about the page it runs in. */
const pageInfoEntries = {
  url: pageUrl,
  /** A PDF's address where it was last opened, to open it again from the library (its `url` is its fingerprint). */
  source: v.optional(v.pipe(text(MAX_URL), v.regex(/^(https?|file):\/\//i, 'must be an http(s) or file URL'))),
  title: text(2_000),
  siteName: text(500),
  /** The article's byline, when known (added after schema 2's first records: may be absent). */
  author: v.optional(text(500)),
  /** When the article was published, as the page says it (ISO 8601 where it can be read). */
  publishedAt: v.optional(text(100)),
};
export const pageInfoSchema = /*#__PURE__*/ shape(pageInfoEntries);

/** What we know of a page that has highlights. */
export const pageRecordSchema = /*#__PURE__*/ shape(
  withFields(pageInfoEntries, {
    /** How many highlights the page has, and when the newest was made: kept by storage (schema 3), not in backups. */
    highlightCount: v.optional(count),
    lastHighlightAt: v.optional(count),
    createdAt: count,
    updatedAt: count,
  }),
);

const readerSize = /*#__PURE__*/ v.pipe(
  v.number(`must be a whole number from 0 to ${READER_SIZES.length - 1}`),
  v.integer(`must be a whole number from 0 to ${READER_SIZES.length - 1}`),
  v.minValue(0, `must be a whole number from 0 to ${READER_SIZES.length - 1}`),
  v.maxValue(READER_SIZES.length - 1, `must be a whole number from 0 to ${READER_SIZES.length - 1}`),
);
const readerEntries = {
  theme: oneOf(READER_THEMES),
  font: oneOf(READER_FONTS),
  /** Index into READER_SIZES. */
  size: readerSize,
  width: oneOf(READER_WIDTHS),
  spacing: oneOf(READER_SPACINGS),
  /** Sites (host names) whose articles open in the reader view by themselves. */
  alwaysOpenSites: v.pipe(
    v.array(v.pipe(v.string(), v.maxLength(255)), 'must be a list of host names'),
    v.maxLength(10_000, 'must be a list of host names'),
  ),
};
const obsidianEntries = {
  /** The vault's name ('' for the vault Obsidian has open). */
  vault: text(200),
  /** The folder in the vault ('' for its top). */
  folder: text(500),
  /** The note's name: `{{title}}`, `{{site}}`, `{{date}}` (saved, YYYY-MM-DD) and `{{published}}` are filled in. */
  fileName: text(200),
  highlightStyle: oneOf(HIGHLIGHT_STYLES),
};
/** The user's choices that travel (in backups, and in sync for some): everything but what Clearmark keeps for itself. */
const settingsEntries = {
  /** Hide cookie and consent banners and give scrolling back (on by default). */
  stripConsentBanners: flag,
  /** Remind the user, in the library and the popup, when a week has passed since the last backup. */
  backupReminder: flag,
  /** Keep a copy of an article, with the first highlight made on its page (on by default). */
  saveWithFirstHighlight: flag,
  /**
   * Pictures in saved copies: loaded from the web by address (the default), kept offline in
   * storage (asks for access to all sites, to fetch them), or not shown. Kept per browser: the
   * access is granted per browser.
   */
  savedImages: oneOf(SAVED_IMAGES),
  /**
   * Fetch the copies of articles saved for later from a reading list in the background (off by
   * default; asks for access to all sites). Kept per browser: the access is granted per browser.
   */
  fetchReadingList: flag,
  /**
   * Open a web address naming a PDF in Clearmark's viewer instead of the browser's (off by
   * default; asks for access to all sites, to see where tabs go and fetch the file). Kept per
   * browser: the access is granted per browser.
   */
  openPdfsInViewer: flag,
  /** The color last highlighted in: the toolbar, Alt+Shift+H and saved copies start with it. Kept per browser. */
  lastColor: highlightColorSchema,
  reader: shape(readerEntries),
  /** Where "Send to Obsidian" puts an article, and how its highlights are marked. Kept per browser: each computer has its own vaults. */
  obsidian: shape(obsidianEntries),
};
/** The user's choices, as stored. */
export const settingsSchema = /*#__PURE__*/ shape(
  withFields(settingsEntries, {
    /** When everything was last backed up (ms; 0 for never). Kept by Clearmark, not in backups. */
    lastBackupAt: count,
  }),
);
/** A change to settings, as `settings:set` sends it and backups keep it: every field optional, the reader's and Obsidian's too. */
export const settingsPatchSchema = /*#__PURE__*/ v.partial(
  shape(
    withFields(settingsEntries, {
      reader: v.partial(shape(readerEntries)),
      obsidian: v.partial(shape(obsidianEntries)),
    }),
  ),
);
/** The settings that follow the user between browsers, as sync carries them (the rest are kept per browser). */
export const syncedSettingsSchema = /*#__PURE__*/ v.object(
  {
    stripConsentBanners: flag,
    backupReminder: flag,
    reader: shape(readerEntries),
    saveWithFirstHighlight: v.exactOptional(flag),
  },
  'is not complete settings',
);

/** The most a saved copy's HTML and text may hold (a long article is a few hundred thousand characters). */
const MAX_ARTICLE_CHARS = 16 * 1024 * 1024;
/** An article as a page shows it in the reader view, taken to be kept (before storage adds its own fields). */
const captureEntries = {
  url: httpUrl,
  title: text(2_000),
  byline: text(2_000),
  /** When the article was published, as the page says it. */
  published: text(100),
  site: text(500),
  lang: text(100),
  dir: oneOf(['', 'ltr', 'rtl']),
  /** The reader view's HTML, sanitized as the reader sanitizes it. */
  html: text(MAX_ARTICLE_CHARS),
  text: text(MAX_ARTICLE_CHARS),
  words: count,
  readingMinutes: count,
  /** The address of its first picture, or ''. */
  leadImage: text(MAX_URL),
};
export const articleCaptureSchema = /*#__PURE__*/ shape(captureEntries);
/** An article a page captured: it has text. */
export const capturedArticleSchema = /*#__PURE__*/ shape(
  withFields(captureEntries, { text: nonEmptyText(MAX_ARTICLE_CHARS) }),
);

const progressSchema = /*#__PURE__*/ v.pipe(
  v.number('must be a number from 0 to 1'),
  v.minValue(0, 'must be a number from 0 to 1'),
  v.maxValue(1, 'must be a number from 0 to 1'),
);
export const readingStateSchema = /*#__PURE__*/ oneOf(READING_STATES);
export const readingProgressSchema = progressSchema;

/** A copy's own fields, beside what the page showed. */
const copyEntries = /*#__PURE__*/ withFields(captureEntries, {
  /**
   * Taken in from a reading list (Pocket, Instapaper, Omnivore, bookmarks): the address is kept,
   * the copy is not fetched yet (html and text empty) — it is when the article is first opened.
   */
  pending: v.optional(flag),
  /** Tags the reading list gave it. */
  tags: v.optional(tagsSchema),
  savedAt: count,
  /** When the copy was last taken again (equal to savedAt until then). */
  updatedAt: count,
});
/** A copy has text; only a reading-list entry, its copy not fetched yet, has none. */
const hasText = (a: { pending?: boolean | undefined; text: string }): boolean =>
  a.pending === true || a.text.trim() !== '';
const copyShape = /*#__PURE__*/ shape(copyEntries);
const savedShape = /*#__PURE__*/ shape(
  withFields(copyEntries, {
    state: readingStateSchema,
    /** How far it was read, 0 to 1. */
    progress: progressSchema,
  }),
);
type CopyFields = v.InferOutput<typeof copyShape>;
type SavedFields = v.InferOutput<typeof savedShape>;
/** A saved article without its reading state (as sync carries it). */
export const articleCopySchema = /*#__PURE__*/ v.pipe(
  copyShape,
  v.forward(v.check<CopyFields, 'must not be empty'>(hasText, 'must not be empty'), ['text']),
);
/** A saved article: the copy kept to read later and offline (as backups carry it). */
export const savedArticleSchema = /*#__PURE__*/ v.pipe(
  savedShape,
  v.forward(v.check<SavedFields, 'must not be empty'>(hasText, 'must not be empty'), ['text']),
);
/** How far a saved article was read (as sync carries it). */
export const readingSchema = /*#__PURE__*/ shape({ url: httpUrl, state: readingStateSchema, progress: progressSchema });

/** The largest picture a backup may carry, in base64 characters (kept pictures are scaled, far smaller). */
const MAX_PICTURE_CHARS = 48 * 1024 * 1024;
/** A picture kept offline, as a backup carries it: its article, its address in the copy, its type and bytes (base64). */
export const backupPictureSchema = /*#__PURE__*/ shape({
  article: httpUrl,
  src: httpUrl,
  type: v.pipe(
    v.string('must be a picture type such as image/webp'),
    v.regex(/^image\/[\w.+-]+$/, 'must be a picture type such as image/webp'),
  ),
  data: v.pipe(
    v.string('must be base64'),
    v.maxLength(MAX_PICTURE_CHARS, 'must be base64'),
    v.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
  ),
});

export type HighlightColor = v.InferOutput<typeof highlightColorSchema>;
export type HighlightTarget = v.InferOutput<typeof highlightTargetSchema>;
export type TextQuoteSelector = HighlightTarget['quote'];
export type TextPositionSelector = HighlightTarget['position'];
export type CssSelector = NonNullable<HighlightTarget['scope']>;
export type HighlightRecord = v.InferOutput<typeof highlightRecordSchema>;
export type PageInfo = v.InferOutput<typeof pageInfoSchema>;
export type PageRecord = v.InferOutput<typeof pageRecordSchema>;
export type Settings = v.InferOutput<typeof settingsSchema>;
export type ReaderSettings = Settings['reader'];
export type ObsidianSettings = Settings['obsidian'];
export type SettingsPatch = v.InferOutput<typeof settingsPatchSchema>;
export type ArticleCapture = v.InferOutput<typeof articleCaptureSchema>;
export type SavedArticle = v.InferOutput<typeof savedArticleSchema>;
export type ReadingState = v.InferOutput<typeof readingStateSchema>;
export type BackupPicture = v.InferOutput<typeof backupPictureSchema>;
