/**
 * Omnivore's export zip: `metadata_<from>_to_<to>.json` files listing the saved items (slug,
 * title, author, url, labels, savedAt, publishedAt, …), `highlights/<slug>.md` with each item's
 * highlights as Omnivore's exporter writes them — `> quote`, then a line of `#label`s and the
 * note, highlights separated by blank lines — and `content/<slug>.html`, which is not needed and
 * never unpacked. Item labels and highlight labels become tags. Omnivore's Markdown keeps quotes
 * only: these highlights anchor by their text. An item without highlights was saved to read: it
 * comes in as an article saved for later (archived when Omnivore archived it, read at 100 %).
 */
import { isRecord } from '../../shared/protocol';
import { fail, type Result } from '../../shared/result';
import { BatchBuilder, parseTime, type ImportBatch } from './import-batch';
import { zipDirectory, zipTexts } from './zip-entries';
import { say, sayCount } from '../engine-words';

type Json = Record<string, unknown>;
const METADATA = /^(?:[^/]*\/)?metadata_[^/]*\.json$/;
const HIGHLIGHTS = /^(?:[^/]*\/)?highlights\/([^/]+)\.md$/;

export function readOmnivoreZip(bytes: Uint8Array, now: number): Result<ImportBatch> {
  const directory = zipDirectory(bytes);
  if (!directory.ok) return directory;
  const wanted = directory.value.filter((e) => METADATA.test(e.name) || HIGHLIGHTS.test(e.name)).map((e) => e.name);
  if (!wanted.some((n) => METADATA.test(n))) {
    return fail('invalid-file', say('omnivoreNoMetadata'));
  }
  const texts = zipTexts(bytes, new Set(wanted));
  if (!texts.ok) return texts;
  const batch = new BatchBuilder('omnivore', now);
  const items = new Map<string, Json>();
  const placeOf = new Map<string, string>();
  for (const [name, text] of [...texts.value].filter(([n]) => METADATA.test(n)).sort(([a], [b]) => (a < b ? -1 : 1))) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      return fail(
        'invalid-file',
        say('omnivoreNotJson', { name, error: error instanceof Error ? error.message : String(error) }),
      );
    }
    if (!Array.isArray(data)) return fail('invalid-file', say('omnivoreNotList', { name }));
    data.forEach((item, i) => {
      if (isRecord(item) && typeof item.slug === 'string') {
        items.set(item.slug, item);
        placeOf.set(item.slug, say('whereItem', { name, n: i + 1 }));
      } else batch.skip(say('whereItem', { name, n: i + 1 }), say('omnivoreNoSlug'));
    });
  }
  const withHighlights = new Set<string>();
  for (const [name, markdown] of [...texts.value]
    .filter(([n]) => HIGHLIGHTS.test(n))
    .sort(([a], [b]) => (a < b ? -1 : 1))) {
    const slug = HIGHLIGHTS.exec(name)?.[1] ?? '';
    const item = items.get(slug);
    if (!item) {
      batch.skip(name, say('omnivoreUnknownSlug'));
      continue;
    }
    const url = typeof item.url === 'string' ? item.url : '';
    const labels = Array.isArray(item.labels)
      ? item.labels.map((l): unknown => (isRecord(l) ? l.name : l)).filter((l): l is string => typeof l === 'string')
      : [];
    const savedAt = parseTime(item.savedAt);
    batch.page(url, {
      title: typeof item.title === 'string' ? item.title : '',
      author: typeof item.author === 'string' ? item.author : '',
      publishedAt: typeof item.publishedAt === 'string' ? item.publishedAt : '',
      createdAt: savedAt,
    });
    const { highlights, pageNotes } = omnivoreHighlights(markdown);
    if (highlights.length) withHighlights.add(slug);
    if (pageNotes) batch.skip(name, sayCount('omnivorePageNotes', pageNotes));
    highlights.forEach((h, i) => {
      batch.highlight(`${name}, highlight ${i + 1}`, {
        sourceId: `${slug}\u0000${i}\u0000${h.quote}`,
        url,
        exact: h.quote,
        note: h.note,
        tags: [...h.labels, ...labels],
        createdAt: savedAt === undefined ? undefined : savedAt + i,
        updatedAt: parseTime(item.updatedAt),
      });
    });
  }
  // Items without highlights were saved to read: they come in as articles to read later.
  for (const [slug, item] of items) {
    if (withHighlights.has(slug)) continue;
    const labels = Array.isArray(item.labels)
      ? item.labels.map((l): unknown => (isRecord(l) ? l.name : l)).filter((l): l is string => typeof l === 'string')
      : [];
    const progress = typeof item.readingProgressPercent === 'number' ? item.readingProgressPercent : 0;
    batch.article(placeOf.get(slug) ?? slug, {
      url: typeof item.url === 'string' ? item.url : '',
      title: typeof item.title === 'string' ? item.title : '',
      savedAt: parseTime(item.savedAt),
      tags: labels,
      state: item.state === 'Archived' || item.isArchived === true ? 'archived' : progress >= 100 ? 'read' : 'unread',
    });
  }
  return batch.done();
}

export interface OmnivoreHighlight {
  quote: string;
  labels: string[];
  note: string;
}

/**
 * Omnivore's highlights Markdown read back. Its exporter writes `> ${quote} `, where the quote's
 * empty lines became `> ` lines and its other lines stay as they are, then (each after a blank
 * line) a line of `#labels` and the note; highlights are joined by blank lines. A note written
 * before any quote belongs to the page, not to a passage.
 */
export function omnivoreHighlights(markdown: string): { highlights: OmnivoreHighlight[]; pageNotes: number } {
  const highlights: OmnivoreHighlight[] = [];
  let pageNotes = 0;
  const blocks = markdown.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/);
  for (const block of blocks) {
    if (!block.trim()) continue;
    if (block.startsWith('> ') || block === '>') {
      const lines = block
        .split('\n')
        .map((line, i) => (i === 0 ? line.slice(2) : line === '> ' || line === '>' ? '' : line));
      const quote = lines.join('\n').replace(/[ \t]+$/, '');
      highlights.push({ quote: quote.replace(/\n{3,}/g, '\n\n'), labels: [], note: '' });
      continue;
    }
    const last = highlights[highlights.length - 1];
    if (!last) {
      pageNotes++;
      continue;
    }
    const words = block.trim().split(/\s+/);
    if (!last.note && !last.labels.length && words.every((w) => /^#\S+$/.test(w)))
      last.labels = words.map((w) => w.slice(1));
    else last.note = last.note ? `${last.note}\n\n${block.trim()}` : block.trim();
  }
  return { highlights, pageNotes };
}
