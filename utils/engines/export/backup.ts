/**
 * The lossless backup: every page, highlight, saved article and setting, with the schema version, as JSON.
 * Export is canonical (records sorted, keys in a fixed order, no timestamp inside), so
 * export → import → export gives the same bytes. Import checks the whole file before anything
 * is written and says exactly what is wrong and where.
 */
import {
  normalizeTags,
  type BackupPicture,
  type HighlightRecord,
  type PageRecord,
  type SavedArticle,
  type Settings,
  type SettingsPatch,
} from '../../shared/model';
import * as v from 'valibot';
import { checked, listOf, shape } from '../../shared/checks';
import {
  backupPictureSchema,
  highlightRecordSchema,
  pageRecordSchema,
  savedArticleSchema,
  settingsPatchSchema,
} from '../../shared/records';
import { fail, ok, type Result } from '../../shared/result';
import { MAX_IMPORT_CHARS } from '../import/import-batch';
import { say } from '../engine-words';

export const BACKUP_FORMAT = 'clearmark-backup';
/** The schema version backups are written in, and the newest this version reads. */
export const BACKUP_SCHEMA_VERSION = 2;
/** The oldest schema version a backup can be in (backups began with schema 2). */
export const OLDEST_BACKUP_SCHEMA = 2;
/** The largest backup read at once: far above years of reading, far below what would stall a browser. */
export const MAX_BACKUP_CHARS = MAX_IMPORT_CHARS;
export const MAX_BACKUP_RECORDS = 1_000_000;

export interface Backup {
  format: typeof BACKUP_FORMAT;
  schemaVersion: number;
  pages: PageRecord[];
  highlights: HighlightRecord[];
  /** Saved copies of articles; absent from backups of libraries that keep none (and from older backups). */
  articles: SavedArticle[];
  /** Saved copies' pictures kept offline; absent when none are. */
  pictures: BackupPicture[];
  settings: SettingsPatch;
}

/** A page record with exactly the fields a backup holds, in a fixed order (derived counts left out). */
export function canonicalPage(p: PageRecord): PageRecord {
  return {
    url: p.url,
    title: p.title,
    siteName: p.siteName,
    author: p.author ?? '',
    publishedAt: p.publishedAt ?? '',
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

/** A highlight with exactly the fields a backup holds, in a fixed order (anything else left out). */
export function canonicalHighlight(h: HighlightRecord): HighlightRecord {
  const { quote, position, scope, documentPosition, display } = h.target;
  return {
    id: h.id,
    url: h.url,
    color: h.color,
    note: h.note,
    ...(h.tags && normalizeTags(h.tags).length ? { tags: normalizeTags(h.tags) } : {}),
    target: {
      quote: { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
      position: { type: 'TextPositionSelector', start: position.start, end: position.end },
      ...(scope ? { scope: { type: 'CssSelector' as const, value: scope.value } } : {}),
      ...(documentPosition ? { documentPosition: { start: documentPosition.start, end: documentPosition.end } } : {}),
      ...(display !== undefined ? { display } : {}),
    },
    createdAt: h.createdAt,
    updatedAt: h.updatedAt,
  };
}

/** A picture with exactly the fields a backup holds, in a fixed order. */
export function canonicalPicture(p: BackupPicture): BackupPicture {
  return { article: p.article, src: p.src, type: p.type, data: p.data };
}

/** A saved article with exactly the fields a backup holds, in a fixed order. */
export function canonicalArticle(a: SavedArticle): SavedArticle {
  const {
    url,
    title,
    byline,
    published,
    site,
    lang,
    dir,
    html,
    text,
    words,
    readingMinutes,
    leadImage,
    savedAt,
    updatedAt,
    state,
    progress,
    pending,
    tags,
  } = a;
  return {
    url,
    title,
    byline,
    published,
    site,
    lang,
    dir,
    html,
    text,
    words,
    readingMinutes,
    leadImage,
    savedAt,
    updatedAt,
    state,
    progress,
    ...(pending ? { pending } : {}),
    ...(tags?.length ? { tags } : {}),
  };
}

export function toBackup(
  pages: PageRecord[],
  highlights: HighlightRecord[],
  settings: Settings,
  articles: SavedArticle[] = [],
  pictures: BackupPicture[] = [],
): string {
  return toBackupParts(pages, highlights, settings, articles, pictures).join('');
}

/** Records written per piece of a backup. */
const RECORDS_PER_PIECE = 1_000;

/**
 * The backup as pieces of text that join to exactly `JSON.stringify(backup, null, 2)` and a line
 * break: a library of a million highlights makes a file longer than one JavaScript string may be,
 * so it is written, sent and saved in pieces, never as one string.
 */
export function toBackupParts(
  pages: PageRecord[],
  highlights: HighlightRecord[],
  settings: Settings,
  articles: SavedArticle[] = [],
  pictures: BackupPicture[] = [],
): string[] {
  const sortedPages = [...pages].sort((a, b) => compare(a.url, b.url));
  const sortedHighlights = [...highlights].sort(
    (a, b) => compare(a.url, b.url) || a.target.position.start - b.target.position.start || compare(a.id, b.id),
  );
  const kept: SettingsPatch = {
    stripConsentBanners: settings.stripConsentBanners,
    backupReminder: settings.backupReminder,
    saveWithFirstHighlight: settings.saveWithFirstHighlight,
    reader: { ...settings.reader },
    obsidian: { ...settings.obsidian },
  };
  return [
    `{\n  "format": ${JSON.stringify(BACKUP_FORMAT)},\n  "schemaVersion": ${BACKUP_SCHEMA_VERSION},\n`,
    ...arrayPieces('pages', sortedPages, canonicalPage),
    ',\n',
    ...arrayPieces('highlights', sortedHighlights, canonicalHighlight),
    // Only a library that keeps copies writes them: a backup of highlights alone stays as it always was.
    ...(articles.length
      ? [
          ',\n',
          ...arrayPieces(
            'articles',
            [...articles].sort((a, b) => compare(a.url, b.url)),
            canonicalArticle,
          ),
        ]
      : []),
    ...(pictures.length
      ? [
          ',\n',
          ...arrayPieces(
            'pictures',
            [...pictures].sort((a, b) => compare(a.article, b.article) || compare(a.src, b.src)),
            canonicalPicture,
          ),
        ]
      : []),
    `,\n  "settings": ${JSON.stringify(kept, null, 2).replace(/\n/g, '\n  ')}\n}\n`,
  ];
}

/** `"key": [ … ]` as JSON.stringify indents it one level in, a piece per thousand records. */
function arrayPieces<T>(key: string, records: T[], canonical: (record: T) => T): string[] {
  if (!records.length) return [`  "${key}": []`];
  const pieces = [`  "${key}": [\n`];
  for (let i = 0; i < records.length; i += RECORDS_PER_PIECE) {
    const piece = records
      .slice(i, i + RECORDS_PER_PIECE)
      .map((r) => `    ${JSON.stringify(canonical(r), null, 2).replace(/\n/g, '\n    ')}`);
    pieces.push((i ? ',\n' : '') + piece.join(',\n'));
  }
  pieces.push('\n  ]');
  return pieces;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Reads and checks a backup file completely; nothing about it is trusted before this says yes. */
export function parseBackup(text: string): Result<Backup> {
  if (typeof text !== 'string') return fail('invalid-file', say('fileNotText'));
  if (text.length > MAX_BACKUP_CHARS) {
    return fail(
      'invalid-file',
      say('backupTooLarge', { size: Math.round(text.length / 1024 / 1024), max: MAX_BACKUP_CHARS / 1024 / 1024 }),
    );
  }
  if (text.trim() === '') return fail('invalid-file', say('importEmpty', { file: say('theFileCapital') }));
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return notJson(error);
  }
  return checkBackup(data);
}

function notJson(error: unknown): Result<never> {
  const detail = error instanceof Error ? error.message : String(error);
  return fail('invalid-file', say('importNotJson', { file: say('theFileCapital'), error: detail }));
}

/** The largest backup read in pieces (a library of a million highlights is about 600 MB). */
export const MAX_STREAMED_BACKUP_CHARS = 1536 * 1024 * 1024;

/**
 * Reads a backup given as pieces of text too long to join into one string: the `pages` and
 * `highlights` arrays are read element by element as the pieces go by, the rest (a few small
 * fields) as one small document; then it is checked exactly as `parseBackup` checks a file.
 * JSON written any way (another tool's indentation, keys in any order) reads the same.
 */
export function parseBackupPieces(pieces: readonly string[]): Result<Backup> {
  const size = pieces.reduce((n, p) => n + p.length, 0);
  if (size > MAX_STREAMED_BACKUP_CHARS) {
    return fail(
      'invalid-file',
      say('backupTooLarge', { size: Math.round(size / 1024 / 1024), max: MAX_STREAMED_BACKUP_CHARS / 1024 / 1024 }),
    );
  }
  const arrays: Record<'pages' | 'highlights' | 'articles' | 'pictures', unknown[]> = {
    pages: [],
    highlights: [],
    articles: [],
    pictures: [],
  };
  const skeleton: string[] = [];
  let element: string[] = [];
  let into: unknown[] | null = null; // the array whose elements are being read, if any
  let depth = 0;
  let inString = false;
  let escaped = false;
  let stringAtTop: string[] | null = null;
  let lastTopString = '';
  let elementStarted = false;
  try {
    for (const piece of pieces) {
      let run = 0; // where the current run of characters for the skeleton or the element began
      const flush = (end: number) => {
        if (end > run) (into ? element : skeleton).push(piece.slice(run, end));
        if (stringAtTop && end > run && !into) stringAtTop.push(piece.slice(run, end));
        run = end;
      };
      for (let i = 0; i < piece.length; i++) {
        const c = piece.charCodeAt(i);
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 92 /* \ */) escaped = true;
          else if (c === 34 /* " */) {
            inString = false;
            if (stringAtTop) {
              flush(i);
              lastTopString = JSON.parse(`"${stringAtTop.join('')}"`) as string;
              stringAtTop = null;
            }
          }
          continue;
        }
        if (into && depth === 2 && !elementStarted) {
          if (c === 32 || c === 10 || c === 13 || c === 9) {
            run = i + 1;
            continue;
          }
          if (c !== 93 /* ] */) {
            elementStarted = true;
            run = i;
          }
        }
        if (c === 34) {
          inString = true;
          if (depth === 1 && !into) {
            flush(i + 1);
            stringAtTop = [];
          }
        } else if (c === 123 /* { */ || c === 91 /* [ */) {
          depth++;
          if (
            depth === 2 &&
            c === 91 &&
            (lastTopString === 'pages' ||
              lastTopString === 'highlights' ||
              lastTopString === 'articles' ||
              lastTopString === 'pictures')
          ) {
            flush(i + 1);
            into = arrays[lastTopString];
            element = [];
            elementStarted = false;
          }
        } else if (c === 125 /* } */ || c === 93 /* ] */) {
          if (into && depth === 2) {
            flush(i);
            if (elementStarted) into.push(JSON.parse(element.join('')));
            if (into.length > MAX_BACKUP_RECORDS)
              return fail('invalid-file', say('backupTooManyRecords', { max: String(MAX_BACKUP_RECORDS) }));
            into = null;
            element = [];
          }
          depth--;
        } else if (c === 44 /* , */ && into && depth === 2) {
          flush(i);
          into.push(JSON.parse(element.join('')));
          if (into.length > MAX_BACKUP_RECORDS)
            return fail('invalid-file', say('backupTooManyRecords', { max: String(MAX_BACKUP_RECORDS) }));
          element = [];
          elementStarted = false;
          run = i + 1;
        }
      }
      flush(piece.length);
    }
    if (inString || depth !== 0)
      return fail('invalid-file', say('importNotJson', { file: say('theFileCapital'), error: say('endsInsideValue') }));
    const data: unknown = JSON.parse(skeleton.join(''));
    if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
      const fields = data as Record<string, unknown>;
      for (const key of ['pages', 'highlights', 'articles', 'pictures'] as const)
        if (Array.isArray(fields[key])) fields[key] = arrays[key];
    }
    return checkBackup(data);
  } catch (error) {
    return notJson(error);
  }
}

/** What a backup holds, each record as storage keeps it (the format and version are checked first). */
const backupRecords = /*#__PURE__*/ shape({
  pages: listOf(pageRecordSchema, MAX_BACKUP_RECORDS),
  highlights: listOf(highlightRecordSchema, MAX_BACKUP_RECORDS),
  articles: v.optional(listOf(savedArticleSchema, MAX_BACKUP_RECORDS)),
  pictures: v.optional(listOf(backupPictureSchema, MAX_BACKUP_RECORDS)),
  settings: settingsPatchSchema,
});

/** A damaged backup's message: the frame in the user's words, the field and the check that failed as the file names them. */
const damaged = (detail: string) => say('backupDamaged', { detail });

/** Checks a parsed backup whole and keeps only what Clearmark knows; nothing about it is trusted before this says yes. */
function checkBackup(data: unknown): Result<Backup> {
  if (
    typeof data !== 'object' ||
    data === null ||
    Array.isArray(data) ||
    (data as { format?: unknown }).format !== BACKUP_FORMAT
  ) {
    return fail('invalid-file', say('notABackup'));
  }
  const backup = data as Record<string, unknown>;
  const version = backup.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version)) return fail('invalid-file', say('backupNoVersion'));
  if (version > BACKUP_SCHEMA_VERSION) {
    return fail(
      'invalid-file',
      say('backupNewer', {
        version: String(version),
        oldest: String(OLDEST_BACKUP_SCHEMA),
        newest: String(BACKUP_SCHEMA_VERSION),
      }),
    );
  }
  if (version < OLDEST_BACKUP_SCHEMA) return fail('invalid-file', say('backupOlder', { version: String(version) }));
  const records = checked(backupRecords, { ...backup, settings: backup.settings ?? {} });
  if (!records.ok) return fail('invalid-file', damaged(records.error));
  const { pages, highlights, articles = [], pictures = [], settings } = records.value;
  const ids = new Set<string>();
  for (const [i, h] of highlights.entries()) {
    if (ids.has(h.id)) return fail('invalid-file', damaged(`highlights[${i}] repeats the id ${h.id}`));
    ids.add(h.id);
    if (h.target.position.end < h.target.position.start)
      return fail('invalid-file', damaged(`highlights[${i}].target.position ends before it starts`));
  }
  // Only the known fields go any further: anything else a hand-edited file carries is dropped.
  const known = settings;
  return ok({
    format: BACKUP_FORMAT,
    schemaVersion: version,
    pages: pages.map(canonicalPage),
    highlights: highlights.map(canonicalHighlight),
    articles: articles.map(canonicalArticle),
    pictures: pictures.map(canonicalPicture),
    settings: {
      ...(known.stripConsentBanners === undefined ? {} : { stripConsentBanners: known.stripConsentBanners }),
      ...(known.backupReminder === undefined ? {} : { backupReminder: known.backupReminder }),
      ...(known.saveWithFirstHighlight === undefined ? {} : { saveWithFirstHighlight: known.saveWithFirstHighlight }),
      ...(known.reader ? { reader: pickReader(known.reader) } : {}),
      ...(known.obsidian ? { obsidian: pickObsidian(known.obsidian) } : {}),
    },
  });
}

function pickObsidian(obsidian: NonNullable<SettingsPatch['obsidian']>): NonNullable<SettingsPatch['obsidian']> {
  const { vault, folder, fileName, highlightStyle } = obsidian;
  return Object.fromEntries(
    Object.entries({ vault, folder, fileName, highlightStyle }).filter(([, v]) => v !== undefined),
  );
}

function pickReader(reader: NonNullable<SettingsPatch['reader']>): NonNullable<SettingsPatch['reader']> {
  const { theme, font, size, width, spacing, alwaysOpenSites } = reader;
  return Object.fromEntries(
    Object.entries({ theme, font, size, width, spacing, alwaysOpenSites }).filter(([, v]) => v !== undefined),
  );
}
