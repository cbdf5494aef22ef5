/**
 * Hypothesis: the client's export file (`{export_date, export_userid, client_version,
 * annotations}`) and rows of its API search (`{total, rows}`, or the rows alone). An annotation's
 * TextQuoteSelector gives the quote and its context, its TextPositionSelector the offsets into
 * the page's text; `text` is the note, `tags` the tags, `document.title` the page's title. A PDF
 * annotation is kept under the PDF's fingerprint (`urn:x-pdf:…`, its `uri` or one of its
 * `document.link`s), as Clearmark's viewer keeps its highlights, with its PageSelector's page.
 * Replies and page notes highlight nothing: they are reported, not imported.
 */
import { isRecord } from '../../shared/protocol';
import { type Result } from '../../shared/result';
import { BatchBuilder, parseTime, type ImportBatch } from './import-batch';
import { say } from '../engine-words';

/** Whether parsed JSON is a Hypothesis export or API search answer. */
export function isHypothesis(data: unknown): boolean {
  if (isRecord(data)) {
    if (
      Array.isArray(data.annotations) &&
      ('export_date' in data || 'client_version' in data || 'export_userid' in data)
    )
      return true;
    if (Array.isArray(data.rows) && (data.rows.length === 0 ? 'total' in data : looksLikeRow(data.rows[0])))
      return true;
    return false;
  }
  return Array.isArray(data) && data.length > 0 && looksLikeRow(data[0]);
}

function looksLikeRow(row: unknown): boolean {
  return (
    isRecord(row) &&
    typeof row.uri === 'string' &&
    Array.isArray(row.target) &&
    ('user' in row || 'permissions' in row || 'group' in row)
  );
}

export function readHypothesis(data: unknown, now: number): Result<ImportBatch> {
  const rows: unknown[] = isRecord(data) ? ((data.annotations ?? data.rows) as unknown[]) : (data as unknown[]);
  const batch = new BatchBuilder('hypothesis', now);
  rows.forEach((row, i) => {
    const where = say('whereAnnotation', { n: i + 1 });
    if (!isRecord(row)) {
      batch.skip(where, say('skipNotAnnotation'));
      return;
    }
    if (Array.isArray(row.references) && row.references.length) {
      batch.skip(where, say('skipReply'));
      return;
    }
    const target = Array.isArray(row.target) ? row.target.find(isRecord) : undefined;
    const selectors = target && Array.isArray(target.selector) ? target.selector.filter(isRecord) : [];
    const quote = selectors.find((s) => s.type === 'TextQuoteSelector' && typeof s.exact === 'string');
    if (!quote) {
      batch.skip(where, say('skipPageNote'));
      return;
    }
    const position = selectors.find(
      (s) => s.type === 'TextPositionSelector' && Number.isInteger(s.start) && Number.isInteger(s.end),
    );
    const address = typeof row.uri === 'string' ? row.uri : typeof target?.source === 'string' ? target.source : '';
    const document = isRecord(row.document) ? row.document : {};
    // A PDF is named by its fingerprint, as Clearmark's viewer names it: the address it was read at
    // is where it opens again.
    const pdfName = [address, ...linksOf(document)].find((href) => href.startsWith('urn:x-pdf:'));
    const url = pdfName ?? address;
    const title = Array.isArray(document.title) ? document.title.find((t) => typeof t === 'string') : document.title;
    const createdAt = parseTime(row.created);
    batch.page(url, {
      title: typeof title === 'string' ? title : '',
      createdAt,
      source: pdfName && address !== pdfName ? address : undefined,
    });
    const page = selectors.find((s) => s.type === 'PageSelector' && Number.isSafeInteger(s.index));
    batch.highlight(where, {
      sourceId: typeof row.id === 'string' ? row.id : undefined,
      url,
      exact: quote.exact as string,
      prefix: typeof quote.prefix === 'string' ? quote.prefix : '',
      suffix: typeof quote.suffix === 'string' ? quote.suffix : '',
      position: position ? { start: position.start as number, end: position.end as number } : undefined,
      page: page ? (page.index as number) + 1 : undefined,
      note: typeof row.text === 'string' ? row.text : '',
      tags: Array.isArray(row.tags) ? row.tags.filter((t): t is string => typeof t === 'string') : [],
      createdAt,
      updatedAt: parseTime(row.updated),
    });
  });
  return batch.done();
}

/** The addresses a Hypothesis document lists as its own (`document.link[].href`). */
function linksOf(document: Record<string, unknown>): string[] {
  return Array.isArray(document.link)
    ? document.link.flatMap((link) => (isRecord(link) && typeof link.href === 'string' ? [link.href.trim()] : []))
    : [];
}
