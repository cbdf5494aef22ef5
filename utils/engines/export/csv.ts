/**
 * CSV in the columns Readwise's CSV import reads (Highlight, Title, Author, URL, Note, Color,
 * Tags, Location, Date), quoted per RFC 4180. A cell a spreadsheet would run as a formula
 * (starting with =, +, -, @, a tab or a carriage return) is neutralized with a leading quote. A
 * highlight shows as the page showed it: paragraphs separated by a blank line inside the cell.
 */
import { displayParagraphs, shownText, type PageHighlightsExport } from './export-input';

export const CSV_COLUMNS = ['Highlight', 'Title', 'Author', 'URL', 'Note', 'Color', 'Tags', 'Location', 'Date'] as const;

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
      rows.push([displayParagraphs(shownText(h)).join('\n\n'), page.title || page.url, page.author ?? '', page.url, h.note, h.color, '', i + 1, readwiseDate(h.createdAt)]);
    });
  }
  return `${rows.map((row, r) => row.map((cell) => (r === 0 ? String(cell) : csvCell(cell))).join(',')).join('\r\n')}\r\n`;
}
