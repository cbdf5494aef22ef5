/**
 * The one message protocol between Clearmark's contexts: content script, background, and
 * extension pages (popup, library). Every request type is declared here with its payload, its
 * answer and who may send it; every payload is checked before a handler sees it, and answers
 * cross contexts as `Result`s, never as thrown errors.
 */
import type { ArticleCapture, ArticleSummary, ReadingState, SaveOutcome, SavedArticle, SavedListItem, StorageUse, HighlightColor, HighlightRecord, HighlightTarget, PageInfo, PageRecord, Settings, SettingsPatch, ExportFile } from './model';
import { EXPORT_FORMATS, type ExportFormat, HIGHLIGHT_COLORS, isHighlightColor, SAVED_IMAGES, HIGHLIGHT_STYLES, READER_FONTS, READER_SIZES, READER_SPACINGS, READER_THEMES, READER_WIDTHS } from './model';
import type { Box } from './box';
import { UUID_PATTERN } from './new-id';
import { errorMessage, fail, type Result } from './result';

/** Who sent a message, as far as the receiver can tell. */
export type SenderKind = 'content' | 'extension';

// --- requests the background answers --------------------------------------------------------

/**
 * `origin` names the view that asks for a change (a content script, a popup, the library), and
 * comes back in the change notice, so that view can ignore the notice of its own change.
 */
interface Origin {
  origin?: string;
}

export interface BackgroundApi {
  /** A page's record and its highlights in document order. */
  'page:highlights': { req: { url: string }; res: { page: PageRecord | null; highlights: HighlightRecord[] } };
  /**
   * `id` is made by the caller, so a retried save after a lost answer stores the same record
   * once; a create whose id is already stored for the same text answers the stored record.
   */
  'highlight:create': {
    req: { id?: string; page: PageInfo; color: HighlightColor; note: string; target: HighlightTarget; tags?: string[] } & Origin;
    res: HighlightRecord;
  };
  /** `tags` replaces the highlight's tags (normalized: trimmed, each once). */
  'highlight:update': { req: { id: string; color?: HighlightColor; note?: string; tags?: string[] } & Origin; res: HighlightRecord };
  /** Answers the deleted record, so the caller can offer undo by re-adding it. */
  'highlight:delete': { req: { id: string } & Origin; res: HighlightRecord };
  /** Puts back a record exactly as it was (undo of a delete). */
  'highlight:restore': { req: { highlight: HighlightRecord } & Origin; res: HighlightRecord };
  /** Every tag in use, with how many highlights carry it (for completion and filters). */
  'tags:list': { req: object; res: { tag: string; count: number }[] };
  /** Renames a tag everywhere; to a tag already in use, merges the two. Answers how many highlights changed. */
  'tags:rename': { req: { from: string; to: string }; res: { updated: number } };
  'settings:get': { req: object; res: Settings };
  'settings:set': { req: { settings: SettingsPatch }; res: Settings };
  /** A file of highlights (or the backup) for one page, a selection of pages, or everything. */
  export: { req: { format: ExportFormat; scope: ExportScope }; res: ExportFile };
  /**
   * Imports a file of notes — a Clearmark backup or another tool's export, told apart by its
   * content: checked whole first, then written in one transaction, or nothing changes. A file of
   * more highlights than one step writes (utils/background/import-steps.ts) answers with `next`:
   * the page asks `import:next` for the rest, step by step, and adds the counts up.
   */
  import: { req: ImportFileRequest; res: ImportSummary };
  /** Keeps (or takes again) the article a page shows; sent by the content script that captured it. */
  'saved:put': { req: { article: ArticleCapture }; res: SaveOutcome };
  /** Gives an article saved for later from a reading list (`pending`) the copy its page fetched; refused for any other address. */
  'saved:fill': { req: { article: ArticleCapture }; res: SaveOutcome };
  /** Saved articles, newest saved first (docs/saved-articles.md). */
  'saved:list': { req: object; res: SavedListItem[] };
  /** One saved article, whole; fails with `not-found` when there is no copy. */
  'saved:get': { req: { url: string }; res: SavedArticle };
  /** Deletes an article's copy (its highlights stay); answers whether there was one. */
  'saved:delete': { req: { url: string }; res: boolean };
  /** Marks a saved article read, unread or archived, or records how far it was read. */
  'saved:update': { req: { url: string; state?: ReadingState; progress?: number }; res: SavedListItem };
  /** How much room saved copies and their pictures take in this browser. */
  'storage:use': { req: object; res: StorageUse };
  /**
   * Frees room: the pictures kept offline of copies saved more than `olderThanDays` days ago, or
   * the archived copies saved that long ago (their highlights stay). Answers what went.
   */
  'saved:prune': { req: { what: 'images' | 'archived'; olderThanDays: number }; res: { copies: number; images: number } };
  /**
   * Finds words in highlights, notes, tags, titles and saved articles' bodies (docs/adr/0012):
   * highlights and articles apart, best first, each article with a snippet around the match.
   */
  search: { req: { query: string; limit?: number }; res: SearchAnswer };
  /** The next step of an import written in steps; its counts are that step's. */
  'import:next': { req: { job: string }; res: ImportSummary };
  /** What `import` would do with the file, without writing anything. */
  'import:preview': { req: ImportFileRequest; res: ImportPreview };
  /** One part of an export too big for one message (`ExportFile.transfer`): text, or base64 for a binary file. */
  'transfer:part': { req: { transfer: string; index: number }; res: { text: string } };
  /** One part of a file too big for one message, on its way to `import` (which then names `upload`). */
  'upload:part': { req: { upload: string; index: number; text: string; binary: boolean }; res: { received: number } };
  /**
   * Sets up sync with a CouchDB database (`url` names it: https://host/db). Checks the account
   * and, for an encrypted library, the passphrase before saving anything; fails with the reason.
   */
  'sync:configure': { req: { url: string; username: string; password: string; passphrase?: string }; res: SyncStatus };
  /** One complete two-way pass: how many records were sent and how many changed here. */
  'sync:now': { req: object; res: { pushed: number; pulled: number } };
  'sync:status': { req: object; res: SyncStatus };
  /** Stops syncing; the library and the setup stay. */
  'sync:off': { req: object; res: SyncStatus };
  'sync:on': { req: object; res: SyncStatus };
  /** Forgets the server (address, account, keys); the library stays. */
  'sync:forget': { req: object; res: SyncStatus };
}

export type SyncState = 'off' | 'idle' | 'syncing' | 'offline' | 'error';

export interface SyncStatus {
  state: SyncState;
  /** When the last complete pass ended (ms), or null. */
  lastSyncedAt: number | null;
  /** Changes made here and not yet on the server. */
  pending: number;
  /** What went wrong, in words, while sync is on. */
  error?: string;
  /** The server sync is set up with (never its password), when there is one. */
  server?: { url: string; username: string; encrypted: boolean };
}

/** A file to import: `{ text }` for text files, `{ dataBase64, fileName }` for binary ones (a zip). */
/** A file to import: its text, its bytes in base64, or the id of an upload sent in parts (`upload:part`). */
export type ImportFileRequest = { text?: string; dataBase64?: string; upload?: string; fileName?: string };

export type ExportScope = 'all' | { url: string } | { urls: string[] };

/** What `search` finds. */
export interface SearchAnswer {
  highlights: { id: string; url: string; text: string; note: string; color: string }[];
  articles: { url: string; title: string; site: string; snippet: string }[];
}

export interface ImportSummary {
  /** Highlights new to this library. */
  added: number;
  /** Highlights here that the file changed: a later edit of the same one, or another note or tags for the same passage. */
  merged: number;
  /** Highlights already here and unchanged, and entries of the file that could not be imported. */
  skipped: number;
  /** Articles saved for later (a reading list) or saved copies (a backup) new here. */
  articles?: number;
  /** What the file was (`clearmark-backup`, `hypothesis`, `readwise-csv`, `omnivore`, `obsidian-web-clipper`, `web-annotation`, `pocket`, `instapaper`, `bookmarks`, `links`). */
  format: string;
  /** Present while more of the file is to be written: the job `import:next` names. */
  next?: string;
  /** Highlights written so far, and how many the file holds (an import written in steps). */
  done?: number | undefined;
  total?: number | undefined;
}

export interface ImportPreview {
  format: string;
  /** The tool's name as a person says it ("Hypothesis", "a Clearmark backup"). */
  source: string;
  /** Highlights the file holds that Clearmark can import, and on how many pages. */
  highlights: number;
  pages: number;
  added: number;
  merged: number;
  /** Of the file's highlights, those here already and unchanged. */
  alreadyHere: number;
  /** Articles the file brings to read later (or saved copies, from a backup) that are not here yet. */
  articles: number;
  /** Articles the file lists in all (a reading list), new or not. */
  listed: number;
  /** Entries that will not be imported, with where they are and why (the first few hundred), and how many in all. */
  problems: { where: string; reason: string }[];
  skipped: number;
}

// --- requests a content script answers (sent only from the extension's own contexts) ---------

export interface ContentRequests {
  'page:info': { req: object; res: PageInfo };
  /** Highlight the current selection (keyboard command, context menu). Null when nothing is selected. */
  'selection:highlight': { req: { color?: HighlightColor }; res: HighlightRecord | null };
  /** Scroll a highlight into view and flash it. */
  'highlight:reveal': { req: { id: string }; res: boolean };
  /** The article in the page, as the reader view shows it. */
  'article:get': { req: object; res: ArticleSummary };
  /** Saves the page's article for later (the `save-article` command, the popup, the context menu). */
  'article:save': { req: object; res: SaveOutcome };
  /** Whether the page holds an article (detection alone, nothing loaded) and whether the reader view is open. */
  'article:state': { req: object; res: { isArticle: boolean; readerOpen: boolean } };
  /** Opens (true), closes (false) or toggles (absent) the reader view; answers whether it is open. */
  'reader:toggle': { req: { open?: boolean }; res: boolean };
}

/**
 * Probes: what a person sees, for checks that act like one. Clearmark's UI lives in closed
 * shadow roots no test driver can enter, so these answer where its controls are and what they show.
 */
export interface ContentProbes {
  /** Which of the page's highlights are painted, and which could not be placed (orphans). */
  'highlights:anchored': { req: object; res: AnchorState };
  /** Where the in-page toolbar's and highlight card's controls are, by name (empty when hidden). */
  'ui:get': { req: object; res: UiState };
  /** The reader view's state: whether open, its text, its settings and where its controls are. */
  'reader:get': { req: object; res: ReaderState };
}

export type ContentApi = ContentRequests & ContentProbes;

/** Where the in-page controls are, by name (empty while hidden), and Clearmark's notice ('' when none). */
export interface UiState {
  toolbar: Record<string, Box>;
  card: Record<string, Box>;
  notice: string;
  /** What was last said to screen readers ('' when nothing yet). */
  announced: string;
}

/** What the last paint found: which highlights are drawn on the page and which are orphans. */
export interface AnchorState {
  painted: string[];
  orphaned: string[];
}

export interface ReaderState {
  open: boolean;
  text: string;
  settings: Settings['reader'];
  /** Where the reader's controls are, by name, for checks that click like a person. */
  controls: Record<string, Box>;
  /** Boxes of the body's first paragraphs, likewise. */
  paragraphs: Box[];
  /** The text the user has selected in the reader, if any. */
  selectedText: string;
  /** What the shown article links to and loads, and any attribute it should never carry. */
  links: string[];
  images: string[];
  unsafeAttributes: string[];
  /** The measure: characters in a full line of the body's paragraphs (median; 0 when too short to tell). */
  charactersPerLine: number;
  /** Each theme swatch's text and background colors as shown (computed), for a contrast check. */
  swatches: Record<string, { color: string; background: string }>;
  /** The highlights drawn in the view (never in the page's registry): color, text, first line's box. */
  highlights: { color: string; text: string; box: Box | null }[];
}

// --- notices: told, never answered ----------------------------------------------------------

/**
 * Broadcast by the background to every tab and extension page when stored highlights change.
 * It carries the change itself, so a view applies it without asking again.
 */
export interface HighlightsChanged {
  type: 'highlights:changed';
  /** The page whose highlights changed, or `*` when many may have (an import): those views reload. */
  url: string;
  /** The records as they are stored now (new or changed). */
  upserted: HighlightRecord[];
  /** Ids no longer stored. */
  removed: string[];
  /** The view that asked for the change: it has applied it already. */
  origin?: string;
}

/** Sent by a content script to extension pages when it has placed its highlights (or failed to). */
export interface AnchoringChanged extends AnchorState {
  type: 'anchoring:changed';
  url: string;
}

/** Sent by the background to extension pages while a large import is being written. */
export interface ImportProgress {
  type: 'import:progress';
  done: number;
  total: number;
}

/** Sent by the background to extension pages when sync's status changes. */
export interface SyncChanged {
  type: 'sync:changed';
  status: SyncStatus;
}

export type Notice = HighlightsChanged | AnchoringChanged | ImportProgress | SyncChanged;

// --- typing requests, answers and handlers --------------------------------------------------

type Requests<Api> = { [K in keyof Api]: { type: K } & (Api[K] extends { req: infer R } ? R : never) };
/** Any request of an API. */
export type Message<Api> = Requests<Api>[keyof Api];
/** The request of one type. */
export type RequestOf<Api, K extends keyof Api> = Requests<Api>[K];
/** The answer one request type is declared to give. */
export type Answer<Api, K extends keyof Api> = Api[K] extends { res: infer R } ? R : never;

export type BackgroundMessage = Message<BackgroundApi>;
export type ContentMessage = Message<ContentApi>;

/**
 * One handler per request type, each checked by the compiler against its declared answer: a
 * handler that answers the wrong shape, or a request type without a handler, does not compile.
 */
export type Handlers<Api, Context = void> = {
  [K in keyof Api]: (request: RequestOf<Api, K>, context: Context) => Result<Answer<Api, K>> | Promise<Result<Answer<Api, K>>>;
};

/** Calls the handler for a checked request. */
export function dispatch<Api, Context>(handlers: Handlers<Api, Context>, request: Message<Api>, context: Context) {
  return handle(handlers, request.type as keyof Api, request, context);
}
function handle<Api, K extends keyof Api, Context>(handlers: Handlers<Api, Context>, _type: K, request: RequestOf<Api, K>, context: Context) {
  return handlers[_type](request, context);
}

/** Sends one request and awaits its typed answer; never throws. */
export type Ask<Api> = <K extends keyof Api>(request: Extract<Message<Api>, { type: K }>) => Promise<Result<Answer<Api, K>>>;

/**
 * The one way Clearmark's contexts ask each other: `transport` is `runtime.sendMessage` (to the
 * background) or `tabs.sendMessage` bound to a tab. An answer that never comes, or a side that
 * cannot be reached, is an `unreachable` failure in words for people (the caller's, in the
 * user's language), never a throw.
 */
export interface UnreachableWords {
  silent: () => string;
  unreachable: (reason: string) => string;
}
export function createAsk<Api>(transport: (message: unknown) => Promise<unknown>, words: UnreachableWords): Ask<Api> {
  return async <K extends keyof Api>(request: Extract<Message<Api>, { type: K }>): Promise<Result<Answer<Api, K>>> => {
    try {
      const answer = await transport(request);
      // Answers cross contexts as plain data; their shape was fixed by the handler's type on the other side.
      if (isRecord(answer) && typeof answer.ok === 'boolean') return answer as Result<Answer<Api, K>>;
      return fail('unreachable', words.silent());
    } catch (error) {
      return fail('unreachable', words.unreachable(errorMessage(error)));
    }
  };
}

// --- payload checks -------------------------------------------------------------------------

export type Check = (value: unknown) => string | null;
type Shape = Record<string, Check>;

/** A plain object (not null, not a list): the shape of any JSON object. */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

// The check builders below are marked free of side effects, so the checks only the background uses
// (export, import, tags…) are left out of the content script that loads in every page.
export const MAX_TEXT = 100_000;
const MAX_URL = 8_192;

const string = /*#__NO_SIDE_EFFECTS__*/ (max: number): Check => (v) =>
  typeof v !== 'string' ? 'must be a string' : v.length > max ? `is longer than ${max} characters` : null;
const nonEmpty = /*#__NO_SIDE_EFFECTS__*/ (max: number): Check => (v) => string(max)(v) ?? ((v as string).length === 0 ? 'must not be empty' : null);
const httpUrl: Check = (v) => {
  const bad = nonEmpty(MAX_URL)(v);
  if (bad) return bad;
  return /^https?:\/\//i.test(v as string) ? null : 'must be an http(s) URL';
};
const count: Check = (v) =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? null : 'must be a whole number ≥ 0';
const color: Check = (v) => (isHighlightColor(v) ? null : 'must be one of yellow, green, blue, pink, purple');
const oneOf = /*#__NO_SIDE_EFFECTS__*/ (values: readonly string[]): Check => (v) => (typeof v === 'string' && values.includes(v) ? null : `must be one of ${values.join(', ')}`);
const boolean: Check = (v) => (typeof v === 'boolean' ? null : 'must be true or false');
const optional = /*#__NO_SIDE_EFFECTS__*/ (check: Check): Check => {
  const wrapped: Check = (v) => (v === undefined ? null : check(v));
  if (nested.has(check)) nested.add(wrapped);
  return wrapped;
};
/** Checks whose messages start with a field path, so a parent joins its key with a dot. */
const nested = new WeakSet<Check>();
const shape = /*#__NO_SIDE_EFFECTS__*/ (fields: Shape): Check => {
  const check: Check = (v) => {
    if (!isRecord(v)) return 'must be an object';
    for (const [key, field] of Object.entries(fields)) {
      const bad = field(v[key]);
      if (bad) return nested.has(field) && !bad.startsWith('must') && !bad.startsWith('has') ? `${key}${bad.startsWith('[') ? '' : '.'}${bad}` : `${key} ${bad}`;
    }
    return null;
  };
  nested.add(check);
  return check;
};
/** A list of at most `max` items, each checked; errors name the item as `[i]`. */
export const listOf = /*#__NO_SIDE_EFFECTS__*/ (item: Check, max: number): Check => {
  const check: Check = (v) => {
    if (!Array.isArray(v)) return 'must be a list';
    if (v.length > max) return `has more than ${max} items`;
    for (let i = 0; i < v.length; i++) {
      const bad = item(v[i]);
      if (bad) return nested.has(item) && !bad.startsWith('must') && !bad.startsWith('has') ? `[${i}]${bad.startsWith('[') ? '' : '.'}${bad}` : `[${i}] ${bad}`;
    }
    return null;
  };
  nested.add(check);
  return check;
};
const literal = /*#__NO_SIDE_EFFECTS__*/ (expected: string): Check => (v) => (v === expected ? null : `must be "${expected}"`);

const target = shape({
  quote: shape({
    type: literal('TextQuoteSelector'),
    exact: nonEmpty(MAX_TEXT),
    prefix: string(MAX_TEXT),
    suffix: string(MAX_TEXT),
  }),
  position: shape({ type: literal('TextPositionSelector'), start: count, end: count }),
  scope: optional(shape({ type: literal('CssSelector'), value: nonEmpty(2_000) })),
  documentPosition: optional(shape({ start: count, end: count })),
  display: optional(string(MAX_TEXT)),
});
const pageInfo = shape({ url: httpUrl, title: string(2_000), siteName: string(500), author: optional(string(500)), publishedAt: optional(string(100)) });
const id = nonEmpty(100);
const origin = optional(nonEmpty(100));
const tag = nonEmpty(100);
const tags = listOf(tag, 100);

/** Checks a complete stored highlight (used by undo now, and by backup import). */
export const checkHighlightRecord: Check = shape({
  id,
  url: httpUrl,
  color,
  note: string(MAX_TEXT),
  target,
  tags: optional(tags),
  createdAt: count,
  updatedAt: count,
});

/** Checks settings as sent by `settings:set` and kept in backups: every field optional. */
export const checkSettingsPatch: Check = shape({
  stripConsentBanners: optional(boolean),
  backupReminder: optional(boolean),
  saveWithFirstHighlight: optional(boolean),
  savedImages: optional(oneOf(SAVED_IMAGES)),
  fetchReadingList: optional(boolean),
  lastColor: optional(oneOf(HIGHLIGHT_COLORS)),
  reader: optional(
    shape({
      theme: optional(oneOf(READER_THEMES)),
      font: optional(oneOf(READER_FONTS)),
      size: optional((v) => (Number.isInteger(v) && (v as number) >= 0 && (v as number) < READER_SIZES.length ? null : `must be a whole number from 0 to ${READER_SIZES.length - 1}`)),
      width: optional(oneOf(READER_WIDTHS)),
      spacing: optional(oneOf(READER_SPACINGS)),
      alwaysOpenSites: optional((v) => (Array.isArray(v) && v.length <= 10_000 && v.every((h) => typeof h === 'string' && h.length <= 255) ? null : 'must be a list of host names')),
    }),
  ),
  obsidian: optional(
    shape({
      vault: optional(string(200)),
      folder: optional(string(500)),
      fileName: optional(string(200)),
      highlightStyle: optional(oneOf(HIGHLIGHT_STYLES)),
    }),
  ),
});

/** The most a saved copy's HTML and text may hold (a long article is a few hundred thousand characters). */
const MAX_ARTICLE_CHARS = 16 * 1024 * 1024;
const articleCapture = shape({
  url: httpUrl,
  title: string(2_000),
  byline: string(2_000),
  published: string(100),
  site: string(500),
  lang: string(100),
  dir: oneOf(['', 'ltr', 'rtl']),
  html: string(MAX_ARTICLE_CHARS),
  text: string(MAX_ARTICLE_CHARS),
  words: count,
  readingMinutes: count,
  leadImage: string(MAX_URL),
});
/** An article a page captured: it has text. */
const capturedArticle: Check = (v) => articleCapture(v) ?? shape({ text: nonEmpty(MAX_ARTICLE_CHARS) })(v);
const progress: Check = (v) => (typeof v === 'number' && v >= 0 && v <= 1 ? null : 'must be a number from 0 to 1');
const readingState = oneOf(['unread', 'read', 'archived']);
/** A copy has text; only a reading-list entry, its copy not fetched yet, has none. */
const copyOrEntry = shape({ pending: optional(boolean), tags: optional(tags) });
const textUnlessPending: Check = (v) => (isRecord(v) && v.pending !== true && typeof v.text === 'string' && !v.text.trim() ? 'text must not be empty' : null);
/** Checks a whole saved article (kept in backups). */
export const checkSavedArticle: Check = (v) =>
  articleCapture(v) ?? copyOrEntry(v) ?? textUnlessPending(v) ?? shape({ savedAt: count, updatedAt: count, state: readingState, progress })(v);
/** The largest picture a backup may carry, in base64 characters (kept pictures are scaled, far smaller). */
const MAX_PICTURE_CHARS = 48 * 1024 * 1024;
/** Checks a picture kept offline, as a backup carries it. */
export const checkBackupPicture: Check = shape({
  article: httpUrl,
  src: httpUrl,
  type: (v) => (typeof v === 'string' && /^image\/[\w.+-]+$/.test(v) ? null : 'must be a picture type such as image/webp'),
  data: (v) => (typeof v === 'string' && v.length <= MAX_PICTURE_CHARS && /^[A-Za-z0-9+/]*={0,2}$/.test(v) ? null : 'must be base64'),
});
/** Checks a saved copy without its reading state (as sync carries it). */
export const checkArticleCopy: Check = (v) => articleCapture(v) ?? copyOrEntry(v) ?? textUnlessPending(v) ?? shape({ savedAt: count, updatedAt: count })(v);
/** Checks how far a saved article was read (as sync carries it). */
export const checkReadingState: Check = shape({ url: httpUrl, state: readingState, progress });

const exportScope: Check = (v) => {
  if (v === 'all') return null;
  if (isRecord(v) && 'url' in v) return shape({ url: httpUrl })(v);
  if (isRecord(v) && 'urls' in v) return shape({ urls: listOf(httpUrl, 100_000) })(v);
  return 'must be "all", { url } or { urls }';
};

/** Checks a stored page record (backup import). */
export const checkPageRecord: Check = shape({
  url: httpUrl,
  title: string(2_000),
  siteName: string(500),
  author: optional(string(500)),
  publishedAt: optional(string(100)),
  createdAt: count,
  updatedAt: count,
});

const importFile: Shape = {
  text: optional((v) => (typeof v === 'string' ? null : 'must be the file’s text')),
  dataBase64: optional((v) => (typeof v === 'string' ? null : 'must be the file’s bytes in base64')),
  upload: optional(nonEmpty(100)),
  fileName: optional(string(1_000)),
};
/**
 * Files too big for one extension message travel in parts of at most this many characters
 * (utils/background/transfers.ts): far below Chrome's 64 MiB message limit.
 */
export const PART_CHARS = 8 * 1024 * 1024;
const MAX_PART = PART_CHARS + 16;

interface Rule {
  payload: Shape;
  from: readonly SenderKind[];
}
const BOTH = ['content', 'extension'] as const;

const backgroundRules: { [K in keyof BackgroundApi]: Rule } = {
  'page:highlights': { payload: { url: httpUrl }, from: BOTH },
  'highlight:create': {
    payload: { origin, tags: optional(tags), id: optional((v) => (typeof v === 'string' && UUID_PATTERN.test(v) ? null : 'must be a lower-case UUID')), page: pageInfo, color, note: string(MAX_TEXT), target },
    from: BOTH,
  },
  'highlight:update': { payload: { origin, id, color: optional(color), note: optional(string(MAX_TEXT)), tags: optional(tags) }, from: BOTH },
  'tags:list': { payload: {}, from: BOTH },
  'tags:rename': { payload: { from: tag, to: tag }, from: ['extension'] },
  'highlight:delete': { payload: { origin, id }, from: BOTH },
  'highlight:restore': { payload: { origin, highlight: checkHighlightRecord }, from: BOTH },
  'settings:get': { payload: {}, from: BOTH },
  'settings:set': {
    payload: {
      settings: checkSettingsPatch,
    },
    from: BOTH,
  },
  // Reading or replacing the whole library is for Clearmark's own pages, never a content script.
  export: { payload: { format: oneOf(EXPORT_FORMATS), scope: exportScope }, from: ['extension'] },
  import: { payload: importFile, from: ['extension'] },
  'import:preview': { payload: importFile, from: ['extension'] },
  'import:next': { payload: { job: nonEmpty(100) }, from: ['extension'] },
  'saved:put': { payload: { article: capturedArticle }, from: ['content'] },
  'saved:fill': { payload: { article: capturedArticle }, from: ['extension'] },
  search: { payload: { query: string(1_000), limit: optional((v) => (Number.isInteger(v) && (v as number) > 0 && (v as number) <= 1_000 ? null : 'must be a whole number from 1 to 1000')) }, from: ['extension'] },
  'saved:list': { payload: {}, from: ['extension'] },
  'saved:get': { payload: { url: httpUrl }, from: ['extension'] },
  'saved:delete': { payload: { url: httpUrl }, from: ['extension'] },
  'saved:update': { payload: { url: httpUrl, state: optional(readingState), progress: optional(progress) }, from: ['extension'] },
  'storage:use': { payload: {}, from: ['extension'] },
  'saved:prune': { payload: { what: oneOf(['images', 'archived']), olderThanDays: count }, from: ['extension'] },
  'transfer:part': { payload: { transfer: nonEmpty(100), index: count }, from: ['extension'] },
  'upload:part': { payload: { upload: nonEmpty(100), index: count, text: string(MAX_PART), binary: boolean }, from: ['extension'] },
  // Sync is set up and watched from Clearmark's own pages only: no web page may learn of the server.
  'sync:configure': { payload: { url: nonEmpty(MAX_URL), username: nonEmpty(500), password: string(10_000), passphrase: optional(string(10_000)) }, from: ['extension'] },
  'sync:now': { payload: {}, from: ['extension'] },
  'sync:status': { payload: {}, from: ['extension'] },
  'sync:off': { payload: {}, from: ['extension'] },
  'sync:on': { payload: {}, from: ['extension'] },
  'sync:forget': { payload: {}, from: ['extension'] },
};

const contentRules: { [K in keyof ContentApi]: Rule } = {
  'page:info': { payload: {}, from: ['extension'] },
  'selection:highlight': { payload: { color: optional(color) }, from: ['extension'] },
  'highlight:reveal': { payload: { id }, from: ['extension'] },
  'highlights:anchored': { payload: {}, from: ['extension'] },
  'article:get': { payload: {}, from: ['extension'] },
  'article:save': { payload: {}, from: ['extension'] },
  'article:state': { payload: {}, from: ['extension'] },
  'reader:toggle': { payload: { open: optional(boolean) }, from: ['extension'] },
  'reader:get': { payload: {}, from: ['extension'] },
  'ui:get': { payload: {}, from: ['extension'] },
};

function parseWith<M>(rules: Record<string, Rule>, message: unknown, sender: SenderKind | null): Result<M> {
  const rejected = (why: string) => fail('rejected', why);
  if (sender === null) return rejected('Rejected: the message did not come from Clearmark itself');
  if (!isRecord(message) || typeof message.type !== 'string') return rejected('Rejected: a message must be an object with a "type"');
  const rule = Object.hasOwn(rules, message.type) ? rules[message.type] : undefined;
  if (!rule) return rejected(`Rejected: unknown message type "${message.type}"`);
  if (!rule.from.includes(sender)) return rejected(`Rejected: "${message.type}" is not accepted from a ${sender} context`);
  const bad = shape(rule.payload)(message);
  if (bad) return rejected(`Rejected "${message.type}": ${bad}`);
  // Every field the declared type names was checked just above.
  return { ok: true, value: message as M };
}

/** Checks a message sent to the background: its type, its sender and every payload field. */
export function parseBackgroundMessage(message: unknown, sender: SenderKind | null): Result<BackgroundMessage> {
  return parseWith<BackgroundMessage>(backgroundRules, message, sender);
}

/** Checks a message sent to a content script. */
export function parseContentMessage(message: unknown, sender: SenderKind | null): Result<ContentMessage> {
  return parseWith<ContentMessage>(contentRules, message, sender);
}

const NOTICE_TYPES: ReadonlySet<string> = new Set<Notice['type']>(['highlights:changed', 'anchoring:changed', 'import:progress', 'sync:changed']);

/** Whether a message is one of the notices (which need no answer). */
export function isNotice(message: unknown): message is Notice {
  return isRecord(message) && typeof message.type === 'string' && NOTICE_TYPES.has(message.type);
}

export function isImportProgress(message: unknown): message is ImportProgress {
  return isRecord(message) && message.type === 'import:progress' && typeof message.done === 'number' && typeof message.total === 'number';
}

export function isChangeNotice(message: unknown): message is HighlightsChanged {
  return isRecord(message) && message.type === 'highlights:changed' && typeof message.url === 'string' && Array.isArray(message.upserted) && Array.isArray(message.removed);
}

export function isSyncNotice(message: unknown): message is SyncChanged {
  return isRecord(message) && message.type === 'sync:changed' && isRecord(message.status) && typeof message.status.state === 'string';
}

export function isAnchoringNotice(message: unknown): message is AnchoringChanged {
  return isRecord(message) && message.type === 'anchoring:changed' && typeof message.url === 'string' && Array.isArray(message.painted) && Array.isArray(message.orphaned);
}

/** The sender fields we look at (a subset of runtime.MessageSender, so tests need no browser). */
export interface SenderLike {
  id?: string;
  url?: string;
  tab?: unknown;
}

/**
 * Classifies a sender: our own extension pages and background, our content scripts, or
 * anyone else (null). `extensionOrigin` is `runtime.getURL('')`.
 */
export function classifySender(sender: SenderLike, extensionId: string, extensionOrigin: string): SenderKind | null {
  if (sender.id !== extensionId) return null;
  if (typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin)) return 'extension';
  if (sender.tab) return 'content';
  return null;
}
