/**
 * The lossless backup: every page, highlight and setting, with the schema version, as JSON.
 * Export is canonical (records sorted, keys in a fixed order, no timestamp inside), so
 * export → import → export gives the same bytes. Import checks the whole file before anything
 * is written and says exactly what is wrong and where.
 */
import { normalizeTags, type HighlightRecord, type PageRecord, type Settings, type SettingsPatch } from '../../shared/model';
import { checkHighlightRecord, checkPageRecord, checkSettingsPatch, listOf } from '../../shared/protocol';
import { fail, ok, type Result } from '../../shared/result';
import { MAX_IMPORT_CHARS } from '../import/import-batch';

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

export function toBackup(pages: PageRecord[], highlights: HighlightRecord[], settings: Settings): string {
  return toBackupParts(pages, highlights, settings).join('');
}

/** Records written per piece of a backup. */
const RECORDS_PER_PIECE = 1_000;

/**
 * The backup as pieces of text that join to exactly `JSON.stringify(backup, null, 2)` and a line
 * break: a library of a million highlights makes a file longer than one JavaScript string may be,
 * so it is written, sent and saved in pieces, never as one string.
 */
export function toBackupParts(pages: PageRecord[], highlights: HighlightRecord[], settings: Settings): string[] {
  const sortedPages = [...pages].sort((a, b) => compare(a.url, b.url));
  const sortedHighlights = [...highlights].sort((a, b) => compare(a.url, b.url) || a.target.position.start - b.target.position.start || compare(a.id, b.id));
  const kept: SettingsPatch = { stripConsentBanners: settings.stripConsentBanners, backupReminder: settings.backupReminder, reader: { ...settings.reader } };
  return [
    `{\n  "format": ${JSON.stringify(BACKUP_FORMAT)},\n  "schemaVersion": ${BACKUP_SCHEMA_VERSION},\n`,
    ...arrayPieces('pages', sortedPages, canonicalPage),
    ',\n',
    ...arrayPieces('highlights', sortedHighlights, canonicalHighlight),
    `,\n  "settings": ${JSON.stringify(kept, null, 2).replace(/\n/g, '\n  ')}\n}\n`,
  ];
}

/** `"key": [ … ]` as JSON.stringify indents it one level in, a piece per thousand records. */
function arrayPieces<T>(key: string, records: T[], canonical: (record: T) => T): string[] {
  if (!records.length) return [`  "${key}": []`];
  const pieces = [`  "${key}": [\n`];
  for (let i = 0; i < records.length; i += RECORDS_PER_PIECE) {
    const piece = records.slice(i, i + RECORDS_PER_PIECE).map((r) => `    ${JSON.stringify(canonical(r), null, 2).replace(/\n/g, '\n    ')}`);
    pieces.push((i ? ',\n' : '') + piece.join(',\n'));
  }
  pieces.push('\n  ]');
  return pieces;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Reads and checks a backup file completely; nothing about it is trusted before this says yes. */
export function parseBackup(text: string): Result<Backup> {
  if (typeof text !== 'string') return fail('invalid-file', 'The file could not be read as text.');
  if (text.length > MAX_BACKUP_CHARS) {
    return fail('invalid-file', `The file is too large (${(text.length / 1024 / 1024).toFixed(0)} MB); Clearmark reads backups of up to ${MAX_BACKUP_CHARS / 1024 / 1024} MB.`);
  }
  if (text.trim() === '') return fail('invalid-file', 'The file is empty.');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail('invalid-file', `The file is not valid JSON, so it may be cut short or edited by hand (${detail}).`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || (data as { format?: unknown }).format !== BACKUP_FORMAT) {
    return fail('invalid-file', 'This is not a Clearmark backup: it has no "format": "clearmark-backup".');
  }
  const backup = data as Record<string, unknown>;
  const version = backup.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version)) return fail('invalid-file', 'The backup has no schema version.');
  if (version > BACKUP_SCHEMA_VERSION) {
    return fail('invalid-file', `This backup was made by a newer Clearmark (schema ${version}); this one reads schema ${OLDEST_BACKUP_SCHEMA} to ${BACKUP_SCHEMA_VERSION}. Update Clearmark, then import it again.`);
  }
  if (version < OLDEST_BACKUP_SCHEMA) return fail('invalid-file', `Schema ${version} is older than any Clearmark backup; the file is not one Clearmark wrote.`);
  for (const [field, check] of [
    ['pages', listOf(checkPageRecord, MAX_BACKUP_RECORDS)],
    ['highlights', listOf(checkHighlightRecord, MAX_BACKUP_RECORDS)],
  ] as const) {
    const bad = check(backup[field]);
    if (bad) return fail('invalid-file', `The backup is damaged: ${field}${bad.startsWith('[') ? '' : ' '}${bad}.`);
  }
  const settings = backup.settings ?? {};
  const badSettings = checkSettingsPatch(settings);
  if (badSettings) return fail('invalid-file', `The backup is damaged: settings${badSettings.startsWith('must') ? ' ' : '.'}${badSettings}.`);
  const highlights = backup.highlights as HighlightRecord[];
  const ids = new Set<string>();
  for (const [i, h] of highlights.entries()) {
    if (ids.has(h.id)) return fail('invalid-file', `The backup is damaged: highlights[${i}] repeats the id ${h.id}.`);
    ids.add(h.id);
    if (h.target.position.end < h.target.position.start) return fail('invalid-file', `The backup is damaged: highlights[${i}].target.position ends before it starts.`);
  }
  // Only the known fields go any further: anything else a hand-edited file carries is dropped.
  const known = checkSettingsPatch(settings) === null ? (settings as SettingsPatch) : {};
  return ok({
    format: BACKUP_FORMAT,
    schemaVersion: version,
    pages: (backup.pages as PageRecord[]).map(canonicalPage),
    highlights: highlights.map(canonicalHighlight),
    settings: {
      ...(known.stripConsentBanners === undefined ? {} : { stripConsentBanners: known.stripConsentBanners }),
      ...(known.backupReminder === undefined ? {} : { backupReminder: known.backupReminder }),
      ...(known.reader ? { reader: pickReader(known.reader) } : {}),
    },
  });
}

function pickReader(reader: NonNullable<SettingsPatch['reader']>): NonNullable<SettingsPatch['reader']> {
  const { theme, font, size, width, spacing, alwaysOpenSites } = reader;
  return Object.fromEntries(Object.entries({ theme, font, size, width, spacing, alwaysOpenSites }).filter(([, v]) => v !== undefined));
}
