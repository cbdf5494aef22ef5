/**
 * Obsidian Web Clipper's highlights export: a list of pages, `{url, highlights}`. Earlier
 * versions wrote each highlight as stored (`{id, xpath, content, type, startOffset, endOffset}`,
 * content as HTML, id the creation time in ms); later ones write `{text, timestamp, notes}`,
 * where a group of highlights is one entry joined by blank lines (split here, as the Clipper's own
 * import splits it). The `highlights` object of its storage (`{url: {url, highlights}}`) reads too.
 * An xpath becomes the highlight's scope and its offsets count from it; the quote decides.
 */
import { isRecord } from '../../shared/protocol';
import { type Result } from '../../shared/result';
import { BatchBuilder, parseTime, textOfHtml, type ImportBatch } from './import-batch';
import { say } from '../engine-words';

type Json = Record<string, unknown>;

const isClipperPage = (v: unknown): boolean => isRecord(v) && typeof v.url === 'string' && Array.isArray(v.highlights);

function pagesOf(data: unknown): Json[] | null {
  if (Array.isArray(data)) return data.length > 0 && data.every(isClipperPage) ? (data as Json[]) : null;
  if (!isRecord(data)) return null;
  const inner = isRecord(data.highlights) && !Array.isArray(data.highlights) ? data.highlights : data;
  const values = Object.values(inner);
  return values.length > 0 && values.every(isClipperPage) ? (values as Json[]) : null;
}

export const isObsidianClipper = (data: unknown): boolean => pagesOf(data) !== null;

export function readObsidianClipper(data: unknown, now: number): Result<ImportBatch> {
  const batch = new BatchBuilder('obsidian-web-clipper', now);
  (pagesOf(data) ?? []).forEach((page, p) => {
    const url = page.url as string;
    batch.page(url, { title: typeof page.title === 'string' ? page.title : '' });
    (page.highlights as unknown[]).forEach((entry, h) => {
      const where = say('wherePageHighlight', { page: p + 1, n: h + 1 });
      if (!isRecord(entry)) {
        batch.skip(where, say('skipNotHighlight'));
        return;
      }
      const raw = typeof entry.text === 'string' ? entry.text : typeof entry.content === 'string' ? entry.content : '';
      const notes = Array.isArray(entry.notes) ? entry.notes.filter((n): n is string => typeof n === 'string') : [];
      const note = notes.length ? notes.join('\n\n') : typeof entry.comment === 'string' ? entry.comment : '';
      const time =
        parseTime(entry.timestamp) ??
        parseTime(entry.createdAt) ??
        (typeof entry.id === 'string' ? parseTime(entry.id) : undefined);
      const stored = typeof entry.xpath === 'string' && entry.xpath !== '';
      // An entry as stored is one highlight; an exported entry may be a group joined by blank lines.
      const parts = stored
        ? [textOfHtml(raw)]
        : raw
            .split('\n\n')
            .map((part) => textOfHtml(part))
            .filter(Boolean);
      if (!parts.length) {
        batch.skip(where, say('skipNoText'));
        return;
      }
      const offsets =
        stored && entry.type === 'text' && Number.isInteger(entry.startOffset) && Number.isInteger(entry.endOffset)
          ? { start: entry.startOffset as number, end: entry.endOffset as number }
          : undefined;
      parts.forEach((exact, i) => {
        batch.highlight(parts.length > 1 ? `${where} (part ${i + 1})` : where, {
          sourceId: `${url}\u0000${typeof entry.id === 'string' ? entry.id : ''}\u0000${exact}`,
          url,
          exact,
          ...(offsets ? { position: offsets, scope: cssOfXPath(entry.xpath as string) ?? undefined } : {}),
          note: i === 0 ? note : '',
          color: typeof entry.color === 'string' ? entry.color : undefined,
          createdAt: time === undefined ? undefined : time + i,
        });
      });
    });
  });
  return batch.done();
}

/**
 * The Clipper's element xpath (`/html/body/div[2]/p[3]`, or from an id: `//*[@id="main"]/p[1]`)
 * as the CSS selector Clearmark keeps for a scope, relative to the body; null for any other xpath.
 */
export function cssOfXPath(xpath: string): string | null {
  let rest = xpath.trim();
  let head = ':scope';
  const byId = /^\/\/\*\[@id=(["'])([^"']+)\1\]/.exec(rest);
  if (byId) {
    head = `[id="${(byId[2] ?? '').replace(/["\\]/g, '\\$&')}"]`;
    rest = rest.slice(byId[0].length);
  } else {
    const fromBody = /^\/html(?:\[1\])?\/body(?:\[1\])?/i.exec(rest);
    if (!fromBody) return null;
    rest = rest.slice(fromBody[0].length);
  }
  const steps: string[] = [head];
  for (const step of rest.split('/').slice(1)) {
    const m = /^([a-z][a-z0-9-]*)(?:\[(\d+)\])?$/i.exec(step);
    if (!m) return null;
    steps.push(`${(m[1] ?? '').toLowerCase()}:nth-of-type(${m[2] ?? 1})`);
  }
  return steps.join(' > ');
}
