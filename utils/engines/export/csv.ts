/**
 * CSV in the columns Readwise's CSV import reads (Highlight, Title, Author, URL, Note, Location,
 * Date), quoted per RFC 4180; the color travels as a Readwise inline tag in the note. A cell a spreadsheet would run as a formula
 * (starting with =, +, -, @, a tab or a carriage return) is neutralized with a leading quote. A
 * highlight shows as the page showed it: paragraphs separated by a blank line inside the cell.
 */
import { displayParagraphs, shownText, type PageHighlightsExport } from './export-input';

/** Readwise's documented import columns. */
export const CSV_COLUMNS = ['Highlight', 'Title', 'Author', 'URL', 'Note', 'Location', 'Date'] as const;

/**
 * The note as Readwise's import reads it: tags (the color among them) written with its inline
 * tagging, `.tag` words on the note's first line, then the note itself.
 */
function readwiseNote(note: string, tags: string[]): string {
  const line = tags.map((t) => `.${t.replace(/\s+/g, '-')}`).join(' ');
  return note.trim() ? `${line}\n${note}` : line;
}

export function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** `2026-11-25 06:10:00` (UTC), the date form Readwise reads. */
const readwiseDate = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

export function toCsv(entries: PageHighlightsExport[]): string {
  const rows: (string | number)[][] = [[...CSV_COLUMNS]];
  for (const { page, highlights } of entries) {
    highlights.forEach((h, i) => {
      rows.push([
        displayParagraphs(shownText(h)).join('\n\n'),
        page.title || page.url,
        page.author ?? '',
        page.url,
        readwiseNote(h.note, [h.color, ...(h.tags ?? [])]),
        i + 1,
        readwiseDate(h.createdAt),
      ]);
    });
  }
  return `${rows.map((row, r) => row.map((cell) => (r === 0 ? String(cell) : csvCell(cell))).join(',')).join('\r\n')}\r\n`;
}
