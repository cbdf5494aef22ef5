/**
 * One full-text index over everything Clearmark keeps: highlights (quote, note, tags, their
 * page's title) and saved articles (title, byline, body). MiniSearch (docs/adr/0012) with words
 * split by Intl.Segmenter, so CJK and Thai text is searchable by word; prefix and typo tolerant.
 * Pure: it takes records and answers ids; the background keeps it and stores it.
 */
import MiniSearch from 'minisearch';
import type { HighlightRecord, SavedArticle } from '../../shared/model';

interface IndexedDoc {
  id: string;
  kind: 'highlight' | 'article';
  url: string;
  title: string;
  text: string;
  note: string;
  tags: string;
}

const segmenter =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('und', { granularity: 'word' }) : null;

/** The words of a text, lower-cased, as the index and queries split them. */
export function searchWords(text: string): string[] {
  const lower = text.toLowerCase();
  if (!segmenter) return lower.match(/[\p{L}\p{N}]+/gu) ?? [];
  const out: string[] = [];
  for (const s of segmenter.segment(lower)) if (s.isWordLike) out.push(s.segment);
  return out;
}

const OPTIONS = {
  fields: ['title', 'text', 'note', 'tags'],
  storeFields: ['kind', 'url'],
  idField: 'id',
  tokenize: (text: string) => searchWords(text),
  processTerm: (term: string) => term,
  searchOptions: { prefix: true, fuzzy: 0.2, boost: { title: 2, note: 1.5 }, combineWith: 'AND' as const },
};

const highlightId = (id: string) => `h:${id}`;
const articleId = (url: string) => `a:${url}`;

export interface FullTextHits {
  /** Ids of matching highlights, best first. */
  highlights: string[];
  /** Addresses of matching saved articles, best first. */
  articles: string[];
}

export class FullTextIndex {
  private constructor(private readonly index: MiniSearch<IndexedDoc>) {}

  static empty(): FullTextIndex {
    return new FullTextIndex(new MiniSearch<IndexedDoc>(OPTIONS));
  }

  /** An index saved by `toJSON`. */
  static load(json: string): FullTextIndex {
    return new FullTextIndex(MiniSearch.loadJSON<IndexedDoc>(json, OPTIONS));
  }

  /** How many records it holds (to tell a stale stored index from a current one). */
  get size(): number {
    return this.index.documentCount;
  }

  putHighlight(h: HighlightRecord, pageTitle = ''): void {
    this.put({
      id: highlightId(h.id),
      kind: 'highlight',
      url: h.url,
      title: pageTitle,
      text: h.target.quote.exact,
      note: h.note,
      tags: (h.tags ?? []).join(' '),
    });
  }

  removeHighlight(id: string): void {
    this.remove(highlightId(id));
  }

  putArticle(a: Pick<SavedArticle, 'url' | 'title' | 'byline' | 'text'>): void {
    this.put({
      id: articleId(a.url),
      kind: 'article',
      url: a.url,
      title: a.title,
      text: a.text,
      note: a.byline,
      tags: '',
    });
  }

  removeArticle(url: string): void {
    this.remove(articleId(url));
  }

  search(query: string, limit = 50): FullTextHits {
    const hits: FullTextHits = { highlights: [], articles: [] };
    if (!searchWords(query).length) return hits;
    for (const r of this.index.search(query)) {
      const list = r.kind === 'article' ? hits.articles : hits.highlights;
      if (list.length < limit) list.push(String(r.id).slice(2));
    }
    return hits;
  }

  toJSON(): string {
    return JSON.stringify(this.index);
  }

  private put(doc: IndexedDoc): void {
    if (this.index.has(doc.id)) this.index.discard(doc.id);
    this.index.add(doc);
  }

  private remove(id: string): void {
    if (this.index.has(id)) this.index.discard(id);
  }
}

/** About `width` characters of `text` around the first word of `query` found in it (its start when none is). */
export function snippet(text: string, query: string, width = 180): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const lower = flat.toLowerCase();
  let at = -1;
  for (const word of searchWords(query)) {
    const found = lower.indexOf(word.slice(0, Math.max(3, word.length - 1)));
    if (found !== -1 && (at === -1 || found < at)) at = found;
  }
  if (at === -1) return flat.length > width ? `${flat.slice(0, width).replace(/\s\S*$/, '')}…` : flat;
  let start = Math.max(0, at - Math.floor(width / 3));
  if (start > 0) start = flat.indexOf(' ', start) + 1 || start;
  const end = Math.min(flat.length, start + width);
  const cut = end < flat.length ? flat.slice(start, end).replace(/\s\S*$/, '') : flat.slice(start);
  return `${start > 0 ? '…' : ''}${cut}${end < flat.length ? '…' : ''}`;
}
