/**
 * RFC 4180 CSV read into rows, each with the line it starts on (a quoted cell may hold line
 * breaks, so rows and lines differ). A quote left open is an error that names its line: a cut
 * file must be refused, not half read.
 */
import { fail, ok, type Result } from '../../shared/result';
import { say } from '../engine-words';

export interface CsvRow {
  line: number;
  cells: string[];
}

export function csvRows(text: string): Result<CsvRow[]> {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let quoteLine = 0;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== '') rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      continue;
    }
    if (c === '"' && cell === '') {
      quoted = true;
      quoteLine = line;
    } else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += c;
  }
  if (quoted) return fail('invalid-file', say('csvUnclosedQuote', { line: quoteLine }));
  if (cell !== '' || cells.length) endRow();
  return ok(rows);
}
