/**
 * Reading lists in: what Pocket, Instapaper and browsers export of the articles someone meant to
 * read, each entry becoming an article saved for later (its address, title, date, tags, and
 * whether it was read or archived; the copy is fetched when it is opened). The formats, as their
 * tools document them:
 *
 * - Pocket's export zip: `part_000000.csv`, … with the header `title,url,time_added,cursor,tags,status`
 *   (times in Unix seconds, tags joined by `|`, status `unread` or `archive`); older files lack
 *   `cursor`, so columns are read by name. Pocket's older `ril_export.html`: links under an
 *   "Unread" and a "Read Archive" heading, with `time_added` and `tags` (comma-joined) attributes.
 * - Instapaper's CSV: `URL,Title,Selection,Folder,Timestamp` (folder `Unread`, `Archive`,
 *   `Starred` or one of the user's own, kept as a tag).
 * - A browser's bookmarks file (the Netscape format every browser writes: `<DT><A HREF ADD_DATE TAGS>`).
 * - A plain list of links, one address a line.
 *
 * Rows that cannot be used are listed with their line; nothing is written until the whole file
 * has been read (import-batch.ts). No DOM: the background has none.
 */
import { fail, type Result } from '../../shared/result';
import type { ReadingState } from '../../shared/model';
import { csvRows, type CsvRow } from './csv-rows';
import { BatchBuilder, parseTime, textOfHtml, type ImportBatch } from './import-batch';
import { zipDirectory, zipTexts } from './zip-entries';
import { say } from '../engine-words';

/** Pocket's CSV parts, wherever they sit in the zip. */
export const POCKET_PART = /^(?:.*\/)?part_\d+\.csv$/i;

const headerOf = (text: string): string[] =>
  (
    text
      .replace(/^\uFEFF/, '')
      .slice(0, 2_000)
      .split(/\r?\n/, 1)[0] ?? ''
  )
    .split(',')
    .map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());

/** A CSV whose header names Pocket's columns (title, url, time_added). */
export function isPocketCsv(text: string): boolean {
  const header = headerOf(text);
  return ['url', 'time_added'].every((c) => header.includes(c));
}

/** A CSV whose header names Instapaper's columns (URL, Title, Folder, Timestamp). */
export function isInstapaperCsv(text: string): boolean {
  const header = headerOf(text);
  return ['url', 'title', 'folder', 'timestamp'].every((c) => header.includes(c));
}

/** A Unix time in seconds, or milliseconds, or a date as text: milliseconds, or undefined. */
function timeOf(value: string | undefined): number | undefined {
  const text = (value ?? '').trim();
  if (/^\d{9,11}$/.test(text)) return Number(text) * 1000;
  return parseTime(text);
}

/** Reads one CSV file's rows by header name; `where` names a row's place for a problem. */
function rowsByName(
  text: string,
  file: string | null,
): { rows: { where: string; cell: (name: string) => string | undefined }[] } | string {
  const parsed = csvRows(text.replace(/^\uFEFF/, ''));
  if (!parsed.ok) return parsed.error;
  const [header, ...rows] = parsed.value;
  if (!header) return say('csvEmpty');
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const where = (row: CsvRow) =>
    file ? say('whereFileLine', { name: file, n: row.line }) : say('whereLine', { n: row.line });
  return {
    rows: rows.map((row) => ({
      where: where(row),
      cell: (name: string) => {
        const at = names.indexOf(name);
        return at >= 0 ? row.cells[at] : undefined;
      },
    })),
  };
}

function readPocketRows(text: string, file: string | null, batch: BatchBuilder): string | null {
  const read = rowsByName(text, file);
  if (typeof read === 'string') return read;
  for (const row of read.rows) {
    const status = (row.cell('status') ?? '').trim().toLowerCase();
    batch.article(row.where, {
      url: row.cell('url') ?? '',
      title: row.cell('title'),
      savedAt: timeOf(row.cell('time_added')),
      tags: (row.cell('tags') ?? '').split('|'),
      state: status === 'archive' || status === 'archived' ? 'archived' : 'unread',
    });
  }
  return null;
}

export function readPocketCsv(text: string, now: number): Result<ImportBatch> {
  const batch = new BatchBuilder('pocket', now);
  const problem = readPocketRows(text, null, batch);
  return problem ? fail('invalid-file', problem) : batch.done();
}

/** Pocket's export zip: every `part_NNNNNN.csv` in it, in order. */
export function readPocketZip(bytes: Uint8Array, now: number): Result<ImportBatch> {
  const directory = zipDirectory(bytes);
  if (!directory.ok) return directory;
  const parts = directory.value
    .map((e) => e.name)
    .filter((n) => POCKET_PART.test(n))
    .sort();
  const texts = zipTexts(bytes, new Set(parts));
  if (!texts.ok) return texts;
  const batch = new BatchBuilder('pocket', now);
  for (const name of parts) {
    const text = texts.value.get(name) ?? '';
    if (!isPocketCsv(text)) return fail('invalid-file', say('pocketPartNotCsv', { name }));
    const problem = readPocketRows(text, name, batch);
    if (problem) return fail('invalid-file', problem);
  }
  return batch.done();
}

export function readInstapaperCsv(text: string, now: number): Result<ImportBatch> {
  const batch = new BatchBuilder('instapaper', now);
  const read = rowsByName(text, null);
  if (typeof read === 'string') return fail('invalid-file', read);
  for (const row of read.rows) {
    const folder = (row.cell('folder') ?? '').trim();
    const state: ReadingState = /^archive$/i.test(folder) ? 'archived' : 'unread';
    const tags = /^(unread|archive|)$/i.test(folder) ? [] : [folder.toLowerCase() === 'starred' ? 'starred' : folder];
    batch.article(row.where, {
      url: row.cell('url') ?? '',
      title: row.cell('title'),
      savedAt: timeOf(row.cell('timestamp')),
      tags,
      state,
    });
  }
  return batch.done();
}

/** An HTML file of links: a bookmarks file, or Pocket's `ril_export.html`. */
export function isLinkPage(text: string): boolean {
  const head = text.slice(0, 4_000);
  return (
    /<a\s[^>]*href\s*=/i.test(text.slice(0, 200_000)) &&
    (/NETSCAPE-Bookmark-file/i.test(head) || /<(html|!doctype html|title|h1|ul|dl)\b/i.test(head))
  );
}

const ATTRIBUTE = /([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g;

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of tag.matchAll(ATTRIBUTE))
    found.set((m[1] ?? '').toLowerCase(), textOfHtml(m[2] ?? m[3] ?? m[4] ?? ''));
  return found;
}

/**
 * Every link of a bookmarks file or Pocket's HTML export. Pocket's links follow an "Unread" or a
 * "Read Archive" heading; a bookmark's `TAGS` are its tags. Only web addresses are kept; the rest
 * (a browser's `place:` queries, `javascript:` bookmarklets) are listed with their line.
 */
export function readLinkPage(text: string, now: number): Result<ImportBatch> {
  const pocket =
    /<title>\s*Pocket Export\s*<\/title>/i.test(text.slice(0, 4_000)) ||
    /\btime_added\s*=/i.test(text.slice(0, 200_000));
  const batch = new BatchBuilder(pocket ? 'pocket' : 'bookmarks', now);
  let state: ReadingState = 'unread';
  let line = 1;
  let counted = 0;
  const lineAt = (index: number) => {
    for (let i = counted; i < index; i++) if (text.charCodeAt(i) === 10) line++;
    counted = index;
    return line;
  };
  for (const m of text.matchAll(/<(h[1-6])\b[^>]*>([\s\S]*?)<\/\1\s*>|<a\b([^>]*)>([\s\S]*?)<\/a\s*>/gi)) {
    if (m[1]) {
      // Pocket's sections: what follows "Read Archive" was read and put away.
      if (pocket) state = /archive/i.test(textOfHtml(m[2] ?? '')) ? 'archived' : 'unread';
      continue;
    }
    const attrs = attributes(m[3] ?? '');
    const href = attrs.get('href') ?? '';
    const where = say('whereLine', { n: lineAt(m.index) });
    if (!/^https?:\/\//i.test(href.trim())) {
      batch.skip(
        where,
        href.trim() ? say('skipNotWebAddress', { address: href.trim().slice(0, 80) }) : say('skipNoAddress'),
      );
      continue;
    }
    const tags = (attrs.get('tags') ?? '').split(',');
    batch.article(where, {
      url: href,
      title: textOfHtml(m[4] ?? ''),
      savedAt: timeOf(attrs.get('time_added') ?? attrs.get('add_date')),
      tags,
      state,
    });
  }
  return batch.done();
}

const WEB_ADDRESS = /^https?:\/\/\S+$/i;

/** A plain list of links: the first line with anything on it is a web address, as are most of the others. */
export function isLinkList(text: string): boolean {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const startsWithAddress = (line: string) => WEB_ADDRESS.test(line.split(/\s+/)[0] ?? '');
  const [first] = lines;
  if (first === undefined || !startsWithAddress(first)) return false;
  return lines.filter(startsWithAddress).length * 2 >= lines.length;
}

/** One address a line; words after it (separated by white space) are its title; `#` lines are comments. */
export function readLinkList(text: string, now: number): Result<ImportBatch> {
  const batch = new BatchBuilder('links', now);
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = raw.trim();
      if (!line || line.startsWith('#')) return;
      const [address = '', ...title] = line.split(/\s+/);
      const where = say('whereLine', { n: i + 1 });
      if (!WEB_ADDRESS.test(address)) {
        batch.skip(where, say('skipNotWebAddress', { address: address.slice(0, 80) }));
        return;
      }
      batch.article(where, { url: address, title: title.join(' ') });
    });
  return batch.done();
}

/** Which reading-list reader a text file needs, if any. */
export function readingListOf(text: string): ((text: string, now: number) => Result<ImportBatch>) | null {
  if (isPocketCsv(text)) return readPocketCsv;
  if (isInstapaperCsv(text)) return readInstapaperCsv;
  if (isLinkPage(text)) return readLinkPage;
  if (isLinkList(text)) return readLinkList;
  return null;
}
