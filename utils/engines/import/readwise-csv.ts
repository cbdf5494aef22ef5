/**
 * Readwise CSV: the columns of its CSV import (Highlight, Title, Author, URL, Note, Location,
 * Date; Clearmark's own CSV export writes these) and of its export (Highlight, Book Title, Book
 * Author, Note, Color, Tags, Highlighted at, …), matched by header name. Notes may begin with
 * Readwise's inline tags (`.tag` words on the first line); a tag that names a color sets it.
 * Rows without a page address (books, PDFs) are reported as skipped, never stored under a
 * made-up address. Readwise keeps quotes only: these highlights anchor by their text.
 */
import { HIGHLIGHT_COLORS } from '../../shared/model';
import { fail, type Result } from '../../shared/result';
import { csvRows } from './csv-rows';
import { BatchBuilder, parseTime, whereTheFile, type ImportBatch } from './import-batch';
import { say } from '../engine-words';

/** Header names each field is read from, in order of preference (compared lower-case). */
const COLUMNS = {
  highlight: ['highlight', 'text', 'highlight text'],
  title: ['title', 'book title', 'document title'],
  author: ['author', 'book author', 'document author'],
  url: ['url', 'source url', 'highlight url', 'document url', 'link'],
  note: ['note', 'notes', 'highlight note'],
  color: ['color', 'highlight color'],
  tags: ['tags', 'highlight tags'],
  documentTags: ['document tags', 'book tags'],
  date: ['date', 'highlighted at', 'created at', 'created'],
} as const;

/** Whether a CSV's first line names a Highlight column. */
export function looksLikeReadwiseCsv(text: string): boolean {
  const firstLine = text.slice(0, 2_000).split(/\r?\n/, 1)[0] ?? '';
  return /(^|,)\s*"?(highlight|text)"?\s*(,|$)/i.test(firstLine) && firstLine.includes(',');
}

export function readReadwiseCsv(text: string, now: number): Result<ImportBatch> {
  const parsed = csvRows(text);
  if (!parsed.ok) return parsed;
  const [header, ...rows] = parsed.value;
  if (!header) return fail('invalid-file', say('csvEmpty'));
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const column = (field: keyof typeof COLUMNS): number => {
    for (const name of COLUMNS[field]) {
      const at = names.indexOf(name);
      if (at !== -1) return at;
    }
    return -1;
  };
  const at = Object.fromEntries(Object.keys(COLUMNS).map((f) => [f, column(f as keyof typeof COLUMNS)])) as Record<
    keyof typeof COLUMNS,
    number
  >;
  if (at.highlight === -1) return fail('invalid-file', say('csvNoHighlightColumn'));
  const batch = new BatchBuilder('readwise-csv', now);
  if (at.url === -1 && rows.length) {
    batch.skip(whereTheFile(), say('csvNoUrlColumn'));
    return batch.done();
  }
  for (const row of rows) {
    const cell = (field: keyof typeof COLUMNS): string =>
      at[field] === -1 ? '' : unguard(row.cells[at[field]] ?? '').trim();
    const where = say('whereLine', { n: row.line });
    if (row.cells.length < 2 && !cell('highlight')) {
      batch.skip(where, say('csvRowEmpty'));
      continue;
    }
    const url = cell('url');
    if (!url) {
      batch.skip(where, say('csvRowNoAddress'));
      continue;
    }
    const { note, inlineTags } = splitInlineTags(cell('note'));
    const tags = [...inlineTags, ...splitList(cell('tags')), ...splitList(cell('documentTags'))];
    const colorTag = tags.find((t) => (HIGHLIGHT_COLORS as readonly string[]).includes(t.toLowerCase()));
    const date = parseTime(cell('date'));
    batch.page(url, { title: cell('title'), author: cell('author'), createdAt: date });
    batch.highlight(where, {
      url,
      exact: cell('highlight'),
      note,
      color: cell('color') || colorTag,
      tags: tags.filter((t) => t !== colorTag),
      createdAt: date,
      updatedAt: date,
    });
  }
  return batch.done();
}

/** A cell Clearmark's export guarded against spreadsheet formulas (a leading `'`) reads as written. */
const unguard = (cell: string): string => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

const splitList = (cell: string): string[] =>
  cell
    .split(/[,;]/)
    .map((t) => t.trim())
    .filter(Boolean);

/** Readwise's inline tagging: a first line of `.tag` words holds tags, the rest is the note. */
export function splitInlineTags(note: string): { note: string; inlineTags: string[] } {
  const [first = '', ...rest] = note.split('\n');
  const words = first.trim().split(/\s+/);
  if (!first.trim() || !words.every((w) => /^\.[^\s.][^\s]*$/.test(w))) return { note, inlineTags: [] };
  return { note: rest.join('\n').trim(), inlineTags: words.map((w) => w.slice(1)) };
}
