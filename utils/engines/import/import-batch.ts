/**
 * What every importer produces: the pages and highlights a file holds, already in Clearmark's
 * own model and checked as storage checks its own records, plus what the file held that could
 * not be used and why. Importers read another tool's format; this module makes the records, so
 * every format is normalized the same way (addresses, tags, colors, times, ids).
 */
import {
  HIGHLIGHT_COLORS,
  isHighlightColor,
  normalizeTags,
  type HighlightColor,
  type HighlightRecord,
  type PageRecord,
  type ReadingState,
  type SavedArticle,
  type BackupPicture,
  type SettingsPatch,
} from '../../shared/model';
import { describeFailure, MAX_TEXT, MAX_URL, PDF_URN } from '../../shared/checks';
import { highlightRecordSchema } from '../../shared/records';
import { fail, ok, type Result } from '../../shared/result';
import { hostOf } from '../../shared/urls';
import { normalizeUrl } from '../page-url';
import { say, sayCount } from '../engine-words';

export const IMPORT_FORMATS = [
  'clearmark-backup',
  'hypothesis',
  'readwise-csv',
  'omnivore',
  'obsidian-web-clipper',
  'web-annotation',
  'pocket',
  'instapaper',
  'bookmarks',
  'links',
] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** How the preview names where a file came from (tools by their names). */
export function sourceLabel(format: ImportFormat): string {
  const names: Record<Exclude<ImportFormat, 'clearmark-backup'>, string> = {
    hypothesis: 'Hypothesis',
    'readwise-csv': 'Readwise',
    omnivore: 'Omnivore',
    'obsidian-web-clipper': 'Obsidian Web Clipper',
    'web-annotation': 'W3C Web Annotations',
    pocket: 'Pocket',
    instapaper: 'Instapaper',
    bookmarks: say('sourceBookmarks'),
    links: say('sourceLinks'),
  };
  return format === 'clearmark-backup' ? say('sourceBackup') : names[format];
}

/** What a file of each format is, as a sentence names it ("This is …"). */
const FORMAT_FILES = {
  'clearmark-backup': 'noHighlightInBackup',
  hypothesis: 'noHighlightInHypothesis',
  'readwise-csv': 'noHighlightInReadwise',
  omnivore: 'noHighlightInOmnivore',
  'obsidian-web-clipper': 'noHighlightInClipper',
  'web-annotation': 'noHighlightInAnnotations',
  pocket: 'noArticleInPocket',
  instapaper: 'noArticleInInstapaper',
  bookmarks: 'noArticleInBookmarks',
  links: 'noArticleInLinks',
} as const;

/** Where a problem is when it is the file itself, and the line summing up those not listed. */
export const whereTheFile = () => say('theFile');
const whereMore = () => say('whereMore');

/** Something in the file that was not imported: where it is (line, entry, file) and why. */
export interface ImportProblem {
  where: string;
  reason: string;
}

export interface ImportBatch {
  format: ImportFormat;
  pages: PageRecord[];
  highlights: HighlightRecord[];
  /** Only a Clearmark backup carries settings; a backup carries saved articles, a reading list articles to read later (`pending`). */
  settings: SettingsPatch;
  articles?: SavedArticle[];
  /** Saved copies' pictures kept offline (a Clearmark backup). */
  pictures?: BackupPicture[];
  /** What was not imported, listed (at most a few hundred, then a count). */
  skipped: ImportProblem[];
  /** How many entries were not imported in all. */
  skippedCount: number;
}

/** The most highlights one file may bring: far above years of reading. */
export const MAX_IMPORT_HIGHLIGHTS = 1_000_000;
/** The largest text file read at once. */
/** The largest file read (a JavaScript string holds at most about 512 M characters); larger ones travel in vain. */
export const MAX_IMPORT_CHARS = 400 * 1024 * 1024;
/** Problems listed one by one; beyond this they are counted. */
const MAX_LISTED_PROBLEMS = 200;

/** What an importer knows of one highlight; everything but the page and the quote may be missing. */
export interface HighlightDraft {
  /** The highlight's id in its own tool (made stable here, so a second import finds the same record). */
  sourceId?: string | undefined;
  /** A Clearmark id, kept as it is (Clearmark's own exports). */
  id?: string | undefined;
  url: string;
  exact: string;
  prefix?: string | undefined;
  suffix?: string | undefined;
  /** Offsets in UTF-16 units, into `scope` when there is one, else the body's text. */
  position?: { start: number; end: number } | undefined;
  /** Offsets in code points into the body's text (W3C). */
  documentPosition?: { start: number; end: number } | undefined;
  /** In a PDF, the page (from 1) the highlight begins on. */
  page?: number | undefined;
  scope?: string | undefined;
  note?: string | undefined;
  tags?: readonly string[] | undefined;
  color?: string | undefined;
  createdAt?: number | undefined;
  updatedAt?: number | undefined;
}

/** An article on a reading list: its address, and whatever else the list says of it. */
export interface ReadLaterDraft {
  url: string;
  title?: string | undefined;
  savedAt?: number | undefined;
  tags?: readonly string[] | undefined;
  state?: ReadingState | undefined;
}

export interface PageDraft {
  title?: string | undefined;
  author?: string | undefined;
  publishedAt?: string | undefined;
  siteName?: string | undefined;
  createdAt?: number | undefined;
  /** For a PDF named by its fingerprint: the web address it was read at. */
  source?: string | undefined;
}

/**
 * Collects an importer's drafts into checked records. `now` stands in for times a format does
 * not give, so the same file always gives the same records in a test.
 */
export class BatchBuilder {
  private readonly pages = new Map<string, PageRecord>();
  private readonly highlights = new Map<string, HighlightRecord>();
  private readonly readLater = new Map<string, SavedArticle>();
  private readonly problems: ImportProblem[] = [];
  private problemCount = 0;

  constructor(
    readonly format: ImportFormat,
    private readonly now: number,
  ) {}

  /** Notes something that was not imported. */
  skip(where: string, reason: string): void {
    this.problemCount++;
    if (this.problems.length < MAX_LISTED_PROBLEMS) this.problems.push({ where, reason });
  }

  /**
   * The page key Clearmark uses for an address (tracking parameters and fragment gone), or a PDF's
   * own name (`urn:x-pdf:` and its fingerprint, lower-cased as PDF.js writes it), or null.
   */
  pageKey(address: unknown): string | null {
    if (typeof address !== 'string') return null;
    const trimmed = address.trim();
    return PDF_URN.test(trimmed) ? trimmed.toLowerCase() : normalizeUrl(trimmed);
  }

  /** Describes a page (first description wins for each field). */
  page(url: string, draft: PageDraft): void {
    const key = this.pageKey(url);
    if (!key) return;
    const current = this.pages.get(key);
    // Unknown times are filled in from the page's highlights when the batch is done.
    const createdAt = draft.createdAt ?? Infinity;
    // A PDF's address where it can be opened again (its key is its fingerprint).
    const source =
      current?.source ??
      (key.startsWith('urn:x-pdf:') &&
      draft.source !== undefined &&
      /^(https?|file):\/\/\S+$/i.test(draft.source) &&
      draft.source.length <= MAX_URL
        ? draft.source
        : undefined);
    const next: PageRecord = {
      url: key,
      title: current?.title || clip(draft.title, 2_000),
      siteName: current?.siteName || clip(draft.siteName, 500) || hostOf(source?.startsWith('http') ? source : key),
      author: current?.author || clip(draft.author, 500),
      publishedAt: current?.publishedAt || clip(draft.publishedAt, 100),
      ...(source ? { source } : {}),
      createdAt: Math.min(current?.createdAt ?? createdAt, createdAt),
      updatedAt: Math.max(current?.updatedAt ?? -Infinity, draft.createdAt ?? -Infinity),
    };
    this.pages.set(key, next);
  }

  /** Adds a highlight; answers why not when it cannot be one. */
  highlight(where: string, draft: HighlightDraft): boolean {
    const url = this.pageKey(draft.url);
    if (!url) {
      this.skip(
        where,
        draft.url ? say('skipNotWebAddress', { address: draft.url.slice(0, 80) }) : say('skipNoAddress'),
      );
      return false;
    }
    const exact = draft.exact.replace(/\r\n?/g, '\n');
    if (!exact.trim()) {
      this.skip(where, say('skipNoText'));
      return false;
    }
    if (exact.length > MAX_TEXT) {
      this.skip(where, say('skipTextTooLong', { max: MAX_TEXT }));
      return false;
    }
    if (this.highlights.size >= MAX_IMPORT_HIGHLIGHTS) {
      this.skip(where, say('skipTooMany', { max: MAX_IMPORT_HIGHLIGHTS }));
      return false;
    }
    const createdAt = validTime(draft.createdAt) ?? validTime(draft.updatedAt) ?? this.now;
    const updatedAt = Math.max(createdAt, validTime(draft.updatedAt) ?? createdAt);
    const position =
      draft.position && draft.position.end > draft.position.start && draft.position.start >= 0 ? draft.position : null;
    const documentPosition =
      draft.documentPosition &&
      draft.documentPosition.end > draft.documentPosition.start &&
      draft.documentPosition.start >= 0
        ? draft.documentPosition
        : null;
    const id =
      draft.id ??
      stableId(
        this.format,
        draft.sourceId ?? `${url}\u0000${exact}\u0000${position?.start ?? documentPosition?.start ?? ''}`,
      );
    const tags = normalizeTags(
      (draft.tags ?? []).filter((t) => typeof t === 'string').map((t) => t.slice(0, 100)),
    ).slice(0, 100);
    const record: HighlightRecord = {
      id,
      url,
      color: colorOf(draft.color),
      note: clip(draft.note, MAX_TEXT),
      ...(tags.length ? { tags } : {}),
      target: {
        quote: {
          type: 'TextQuoteSelector',
          exact,
          prefix: clip(draft.prefix, MAX_TEXT),
          suffix: clip(draft.suffix, MAX_TEXT),
        },
        // A quote without a place gets 0–0: anchoring then searches the whole page for the quote,
        // and exports leave the position out (see `hasPosition`).
        position: {
          type: 'TextPositionSelector',
          start: (position ?? documentPosition)?.start ?? 0,
          end: (position ?? documentPosition)?.end ?? 0,
        },
        ...(draft.scope && position
          ? { scope: { type: 'CssSelector' as const, value: draft.scope.slice(0, 2_000) } }
          : {}),
        ...(documentPosition ? { documentPosition } : {}),
        ...(url.startsWith('urn:x-pdf:') &&
        draft.page !== undefined &&
        Number.isSafeInteger(draft.page) &&
        draft.page >= 1
          ? { page: draft.page }
          : {}),
      },
      createdAt,
      updatedAt,
    };
    const bad = describeFailure(highlightRecordSchema, record);
    if (bad) {
      this.skip(where, say('skipUnkeepable', { why: bad }));
      return false;
    }
    if (this.highlights.has(id)) {
      this.skip(where, say('skipRepeat'));
      return false;
    }
    if (!this.pages.has(url)) this.page(url, {});
    const page = this.pages.get(url);
    if (!page) {
      this.skip(where, say('skipNotWebAddress', { address: url.slice(0, 80) }));
      return false;
    }
    this.highlights.set(id, record);
    this.pages.set(url, {
      ...page,
      createdAt: Math.min(page.createdAt, createdAt),
      updatedAt: Math.max(page.updatedAt, updatedAt),
    });
    return true;
  }

  /**
   * Adds an article to read later: saved with its address alone, its copy fetched when it is
   * first opened. The same address twice is one entry (its tags joined); answers whether it was taken.
   */
  article(where: string, draft: ReadLaterDraft): boolean {
    const url = this.pageKey(draft.url);
    if (!url) {
      this.skip(
        where,
        draft.url.trim() ? say('skipNotWebAddress', { address: draft.url.trim().slice(0, 80) }) : say('skipNoAddress'),
      );
      return false;
    }
    const tags = normalizeTags((draft.tags ?? []).map((t) => t.slice(0, 100))).slice(0, 100);
    const known = this.readLater.get(url);
    if (known) {
      known.tags = normalizeTags([...(known.tags ?? []), ...tags]);
      return true;
    }
    if (this.readLater.size >= MAX_IMPORT_HIGHLIGHTS) {
      this.skip(where, say('skipTooMany', { max: MAX_IMPORT_HIGHLIGHTS }));
      return false;
    }
    const savedAt = validTime(draft.savedAt) ?? this.now;
    const state = draft.state ?? 'unread';
    this.readLater.set(url, {
      url,
      title: clip(draft.title?.replace(/\s+/g, ' ').trim(), 2_000),
      byline: '',
      published: '',
      site: hostOf(url),
      lang: '',
      dir: '',
      html: '',
      text: '',
      words: 0,
      readingMinutes: 0,
      leadImage: '',
      savedAt,
      updatedAt: savedAt,
      state,
      progress: state === 'read' ? 1 : 0,
      pending: true,
      ...(tags.length ? { tags } : {}),
    });
    return true;
  }

  done(settings: SettingsPatch = {}): Result<ImportBatch> {
    const highlights = [...this.highlights.values()];
    const articles = [...this.readLater.values()];
    if (this.problemCount > this.problems.length) {
      this.problems.push({
        where: whereMore(),
        reason: sayCount('furtherEntries', this.problemCount - this.problems.length),
      });
    }
    if (!highlights.length && !articles.length && !Object.keys(settings).length) {
      return fail('invalid-file', `${say(FORMAT_FILES[this.format])}${reasons(this.problems.slice(0, 3))}`);
    }
    const used = new Set(highlights.map((h) => h.url));
    return ok({
      format: this.format,
      pages: [...this.pages.values()]
        .filter((p) => used.has(p.url))
        .map((p) => ({
          ...p,
          createdAt: Number.isFinite(p.createdAt) ? p.createdAt : this.now,
          updatedAt: Number.isFinite(p.updatedAt) ? Math.max(p.updatedAt, p.createdAt) : this.now,
        })),
      highlights,
      settings,
      ...(articles.length ? { articles } : {}),
      skipped: this.problems,
      skippedCount: this.problemCount,
    });
  }
}

function clip(value: unknown, max: number): string {
  return typeof value === 'string' ? value.slice(0, max) : '';
}

function validTime(ms: number | undefined): number | null {
  return typeof ms === 'number' && Number.isFinite(ms) && ms > 0 && ms < 8.64e15 ? Math.round(ms) : null;
}

/** A time as a format writes it (ISO 8601, `2024-05-01 10:20:00` meaning UTC, or milliseconds), else undefined. */
export function parseTime(value: unknown): number | undefined {
  if (typeof value === 'number') return validTime(value) ?? undefined;
  if (typeof value !== 'string' || !value.trim()) return undefined;
  const text = value.trim();
  if (/^\d{10,16}$/.test(text)) return validTime(Number(text)) ?? undefined;
  // A date and time without a zone, as Readwise writes them: UTC.
  const bare = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/.exec(text);
  const ms = Date.parse(bare ? `${bare[1]}T${bare[2]}Z` : text);
  return validTime(ms) ?? undefined;
}

/** The color a format names, when it is one of Clearmark's (any case); yellow otherwise. */
export function colorOf(name: unknown): HighlightColor {
  const lower = typeof name === 'string' ? name.trim().toLowerCase() : '';
  return isHighlightColor(lower) ? lower : HIGHLIGHT_COLORS[0];
}

/**
 * A UUID made from a format and its own id, the same every time: importing the same file twice
 * finds the records of the first time. Two rounds of 64-bit FNV-1a over the UTF-16 units, shaped
 * as a version-8 (custom) UUID.
 */
export function stableId(format: string, key: string): string {
  const text = `${format}\u0000${key}`;
  const hash = (seed: bigint): bigint => {
    let h = 0xcbf29ce484222325n ^ seed;
    for (let i = 0; i < text.length; i++) {
      h ^= BigInt(text.charCodeAt(i));
      h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
    }
    return h;
  };
  const hex = (
    hash(0n).toString(16).padStart(16, '0') + hash(0x9e3779b97f4a7c15n).toString(16).padStart(16, '0')
  ).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const BLOCK =
  /^(?:p|div|li|ul|ol|h[1-6]|blockquote|pre|section|article|tr|table|figure|figcaption|dd|dt|header|footer)$/i;

/**
 * The text of an HTML fragment as a page shows it, without a DOM (the background has none):
 * tags dropped, a block boundary a blank line, `<br>` a line break, entities decoded.
 */
export function textOfHtml(html: string): string {
  if (!/[<&]/.test(html)) return html;
  const withBreaks = html
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?([a-z][a-z0-9-]*)\b[^>]*>/gi, (_tag, name: string) => (BLOCK.test(name) ? '\n\n' : ''));
  const decoded = withBreaks.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
    }
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
  return decoded
    .split(/\n{2,}/)
    .map((p) =>
      p
        .replace(/[ \t\r\f\v]*\n[ \t\r\f\v]*/g, '\n')
        .replace(/[ \t\r\f\v]+/g, ' ')
        .trim(),
    )
    .filter(Boolean)
    .join('\n\n');
}

/** Problems as sentences: "Line 4: it has no address." ("the file" is the subject itself). */
function reasons(problems: readonly ImportProblem[]): string {
  const sentence = (text: string) =>
    ` ${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;
  return problems
    .map((p) =>
      sentence(p.where === whereTheFile() ? p.reason : say('problemAt', { where: p.where, reason: p.reason })),
    )
    .join('');
}
