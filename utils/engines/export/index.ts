/**
 * Exports by name: what the `export` message and the UI's buttons produce, for one page, a
 * selection of pages or everything. Pure: records in, a named file out.
 */
import { bytesToBase64 } from '../../shared/base64';
import {
  byDocumentOrder,
  type ExportFormat,
  type HighlightRecord,
  type PageRecord,
  type SavedArticle,
  type BackupPicture,
  type Settings,
} from '../../shared/model';
import { toBackup, toBackupParts } from './backup';
import { toCsv } from './csv';
import { isoDay, slug, type ExportFile, type PageHighlightsExport } from './export-input';
import { toHtml } from './html';
import { toMarkdown } from './markdown';
import { toNotesZip } from './notes-zip';
import { toWebAnnotations } from './web-annotation';
import { hostOf } from '../../shared/urls';

const FILE_TYPES: Record<ExportFormat, { extension: string; mime: string }> = {
  markdown: { extension: 'md', mime: 'text/markdown' },
  notes: { extension: 'zip', mime: 'application/zip' },
  jsonld: { extension: 'jsonld', mime: 'application/ld+json' },
  csv: { extension: 'csv', mime: 'text/csv' },
  html: { extension: 'html', mime: 'text/html' },
  backup: { extension: 'json', mime: 'application/json' },
  article: { extension: 'md', mime: 'text/markdown' },
};

export interface ExportSource {
  pages: PageRecord[];
  highlights: HighlightRecord[];
  settings: Settings;
  /** True when the source is everything Clearmark holds (names the file accordingly). */
  everything: boolean;
  /** Saved copies of articles: a backup of everything carries them. */
  articles?: SavedArticle[];
  /** Their pictures kept offline. */
  pictures?: BackupPicture[];
}

/** Groups highlights under their pages: pages newest first, highlights in document order. */
export function groupByPage(pages: PageRecord[], highlights: HighlightRecord[]): PageHighlightsExport[] {
  const byUrl = new Map<string, HighlightRecord[]>();
  for (const h of highlights) {
    let list = byUrl.get(h.url);
    if (!list) byUrl.set(h.url, (list = []));
    list.push(h);
  }
  return [...pages]
    .sort((a, b) => b.updatedAt - a.updatedAt || (a.url < b.url ? -1 : 1))
    .map((page) => ({
      page,
      highlights: (byUrl.get(page.url) ?? []).sort(byDocumentOrder),
    }))
    .filter((entry) => entry.highlights.length > 0);
}

/**
 * An export as pieces of text (base64 for a binary file) that join to the file: a backup of a
 * large library is longer than one string may be, and travels in parts (see ExportFile.transfer).
 */
export function exportPieces(
  format: ExportFormat,
  source: ExportSource,
  now: number,
): { filename: string; mime: string; pieces: string[]; binary: boolean } {
  if (format === 'backup') {
    return {
      filename: `clearmark-backup-${isoDay(now)}.${FILE_TYPES.backup.extension}`,
      mime: FILE_TYPES.backup.mime,
      pieces: toBackupParts(source.pages, source.highlights, source.settings, source.articles, source.pictures),
      binary: false,
    };
  }
  const file = exportAs(format, source, now);
  return {
    filename: file.filename,
    mime: file.mime,
    pieces: [file.base64 ?? file.text],
    binary: file.base64 !== undefined,
  };
}

export function exportAs(format: ExportFormat, source: ExportSource, now: number): ExportFile {
  // A saved article is written on a DOM (article-markdown.ts), by the background's converter.
  if (format === 'article')
    throw new Error('The article format is written from saved copies, not from highlights alone.');
  const { extension, mime } = FILE_TYPES[format];
  const day = isoDay(now);
  if (format === 'backup') {
    return {
      filename: `clearmark-backup-${day}.${extension}`,
      mime,
      text: toBackup(source.pages, source.highlights, source.settings, source.articles, source.pictures),
    };
  }
  const entries = groupByPage(source.pages, source.highlights);
  // One note per page: a single page is one note, several a zip of notes.
  if (format === 'notes' && entries.length === 1) return exportAs('markdown', source, now);
  if (format === 'notes') {
    const bytes = toNotesZip(entries, now);
    return { filename: `clearmark-notes-${day}.zip`, mime, text: '', base64: bytesToBase64(bytes) };
  }
  const only = entries.length === 1 ? entries[0] : undefined;
  const name = source.everything
    ? 'highlights'
    : only
      ? slug(only.page.title || hostOf(only.page.url))
      : `${entries.length}-pages`;
  const text =
    format === 'markdown'
      ? toMarkdown(entries, now)
      : format === 'jsonld'
        ? toWebAnnotations(entries, now)
        : format === 'csv'
          ? toCsv(entries)
          : toHtml(entries, now);
  return { filename: `clearmark-${name}-${day}.${extension}`, mime, text };
}

/** Bytes as base64, in chunks (a large zip would overflow the arguments of one call). */
