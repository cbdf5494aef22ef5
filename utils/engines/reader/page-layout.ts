/**
 * Markup a page uses for layout, not for meaning, that the reader must not copy as it is: a table
 * that lays out columns (an old site's whole article in one cell) is not a data table, and copied
 * as one it is clipped at the reader's right edge. Tables are judged as Readability judges them
 * (its `_isDataTable` signals), on structure, never on site names.
 */

/** Tags inside a cell that make it a page region, not a datum. */
const REGION_TAGS = new Set([
  'P',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'BLOCKQUOTE',
  'UL',
  'OL',
  'FIGURE',
  'TABLE',
  'PRE',
]);
/** A table with this many rows or columns holding no region is data, whatever it lacks. */
const DATA_ROWS = 10;
const DATA_COLUMNS = 4;
/** A cell holding more text than this, in a narrow table, is a column of prose. */
const PROSE_CELL = 400;
/** A cell holding paragraphs or headings with this much text is a region of the page. */
const REGION_CELL = 200;

/** Whether a table lays out the page rather than holding data. */
export function isLayoutTable(table: Element): boolean {
  const role = table.getAttribute('role');
  if (role === 'presentation' || role === 'none' || table.getAttribute('datatable') === '0') return true;
  if (table.getAttribute('summary') || table.querySelector(':scope > caption, thead, tfoot, colgroup, th'))
    return false;
  if (table.querySelector('table')) return true; // tables in tables: a page's grid
  const rows = Array.from(table.querySelectorAll(':scope > tr, :scope > tbody > tr'));
  const cells = rows.map((row) => Array.from(row.children).filter((c) => c.tagName.toUpperCase() === 'TD'));
  const columns = Math.max(0, ...cells.map((row) => row.length));
  if (rows.length >= DATA_ROWS || columns > DATA_COLUMNS) return false;
  return cells.flat().some((cell) => {
    const length = cell.textContent.replace(/\s+/g, ' ').length;
    const regions = Array.from(cell.querySelectorAll('*')).filter((el) => REGION_TAGS.has(el.tagName.toUpperCase()));
    // Paragraphs and headings of prose in a cell, or a long column of text in a table of one or two columns.
    return (regions.length >= 2 && length > REGION_CELL) || (length > PROSE_CELL && columns <= 2);
  });
}
