/**
 * What an import does to the library, decided before anything is written: a pure function of what
 * the library holds near the file's records and of the file. The library reads that context in the
 * import's transaction and writes the plan in the same one (or, for a preview, only counts it).
 *
 * Each highlight is matched with what is stored:
 * - the same id: kept, unless the incoming copy was changed later;
 * - the same passage under another id (../../engines/highlight-merge.ts): merged into the stored
 *   one, both notes kept and tags united;
 * - neither: added.
 * So importing the same file twice adds nothing. Pages fill in what the library's copies lack; a
 * saved copy comes in when there is none here or the one here is older, a reading-list entry only
 * where nothing is saved under its address; pictures come with copies; settings are the file's.
 */
import { mergeHighlight, PassageIndex } from '../../engines/highlight-merge';
import type { BackupPicture, HighlightRecord, PageRecord, SavedArticle, SettingsPatch } from '../../shared/model';
import { hostOf } from '../../shared/urls';
import { countsOf, type PageCounts } from './page-counts';

/** Records checked and ready to import (a backup, another tool's export, a reading list). */
export interface ImportRecords {
  pages: PageRecord[];
  highlights: HighlightRecord[];
  settings: SettingsPatch;
  articles?: SavedArticle[];
  pictures?: BackupPicture[];
}

/** What the library holds that an import can meet. */
export interface ImportContext {
  /** Stored highlights near the file's: every one of the pages it brings highlights to, and any under an id it brings. */
  highlights: readonly HighlightRecord[];
  /** Every stored page, by address. */
  pages: ReadonlyMap<string, PageRecord>;
  /** When each saved article here under an address the file names (its copies' and pictures') was last taken. */
  articles: ReadonlyMap<string, { updatedAt: number }>;
  /** Ids earlier steps of this import wrote (an import written in steps): matched by id only, as the file's own records are. */
  sameImport: ReadonlySet<string>;
}

/** What an import did (or, in a preview, would do). */
export interface ImportCounts {
  added: number;
  /** Stored highlights the file changed: a later edit of the same one, or another note or tags for the same passage. */
  merged: number;
  /** Highlights the file holds that are here already, unchanged. */
  skipped: number;
  /** Saved articles (copies, or reading-list entries) new here or newer than the one here. */
  articles: number;
  /** Pages whose highlights changed. */
  urls: string[];
}

/** The writes an import makes, in order, each of which leaves the record for sync to send. */
export interface ImportPlan {
  counts: ImportCounts;
  /** Page records new or changed: sync sends them. Each is among `touched`, where it is written. */
  pages: PageRecord[];
  /** Highlights to write, with their place in the file (1-based), for progress. */
  highlights: { record: HighlightRecord; at: number }[];
  articles: SavedArticle[];
  pictures: BackupPicture[];
  /** The settings change the file brings, or null. */
  settings: SettingsPatch | null;
  /**
   * Every page the import touched, as it will be stored, with its highlight counts after the
   * import where the plan knows every highlight the page will have (null: count what is stored
   * once the highlights are written).
   */
  touched: { page: PageRecord; counts: PageCounts | null }[];
}

export function planImport(context: ImportContext, incoming: ImportRecords): ImportPlan {
  const counts: ImportCounts = { added: 0, merged: 0, skipped: 0, articles: 0, urls: [] };
  const stored = new PassageIndex([...context.highlights], context.sameImport);
  const knownPages = new Map(context.pages);
  const pages = new Map<string, PageRecord>();
  for (const page of incoming.pages) {
    const current = knownPages.get(page.url);
    const merged: PageRecord = current
      ? {
          ...current,
          title: current.title || page.title,
          siteName: current.siteName || page.siteName,
          author: current.author || page.author || '',
          publishedAt: current.publishedAt || page.publishedAt || '',
          createdAt: Math.min(current.createdAt, page.createdAt),
          updatedAt: Math.max(current.updatedAt, page.updatedAt),
        }
      : page;
    knownPages.set(page.url, merged);
    if (!current || JSON.stringify(current) !== JSON.stringify(merged)) pages.set(merged.url, merged);
  }
  const highlights: ImportPlan['highlights'] = [];
  const urls = new Set<string>();
  // Each highlight as it will be stored, by id: what is stored near the file's, then what the plan writes.
  const after = new Map(context.highlights.map((h) => [h.id, h]));
  // Pages a highlight leaves for another address: their counts fall.
  const left = new Set<string>();
  incoming.highlights.forEach((h, i) => {
    const sameId = stored.byIdOf(h.id);
    let next: HighlightRecord | null;
    if (sameId) {
      next = sameId.updatedAt < h.updatedAt ? h : null;
      if (next) counts.merged++;
    } else {
      const passage = stored.samePassageAs(h);
      next = passage ? mergeHighlight(passage, h) : h;
      if (!passage) counts.added++;
      else if (next) counts.merged++;
    }
    if (!next) {
      counts.skipped++;
      return;
    }
    stored.put(next);
    const before = after.get(next.id);
    if (before && before.url !== next.url) left.add(before.url);
    after.set(next.id, next);
    urls.add(next.url);
    highlights.push({ record: next, at: i + 1 });
    if (!knownPages.has(next.url)) {
      const page: PageRecord = {
        url: next.url,
        title: '',
        siteName: hostOf(next.url),
        author: '',
        publishedAt: '',
        createdAt: next.createdAt,
        updatedAt: next.updatedAt,
      };
      knownPages.set(next.url, page);
      pages.set(page.url, page);
    }
  });
  const articles = (incoming.articles ?? []).filter((article) => {
    const here = context.articles.get(article.url);
    return !(here && (article.pending || here.updatedAt >= article.updatedAt));
  });
  counts.articles = articles.length;
  // A picture of no copy here, nor in the file, is left out.
  const copies = new Set([...(incoming.articles ?? []).map((a) => a.url), ...context.articles.keys()]);
  const pictures = (incoming.pictures ?? []).filter((p) => copies.has(p.article));
  counts.urls = [...urls];
  const touched = countsAfter(
    [...new Set([...urls, ...left, ...incoming.pages.map((p) => p.url)])].flatMap((url) => {
      const page = knownPages.get(url);
      return page ? [page] : [];
    }),
    after.values(),
    // The context holds every stored highlight of these pages (the file's highlights' own).
    new Set(incoming.highlights.map((h) => h.url)),
  );
  return {
    counts,
    pages: [...pages.values()],
    highlights,
    articles,
    pictures,
    settings: Object.keys(incoming.settings).length ? incoming.settings : null,
    touched,
  };
}

/** Each page's counts after the import, for the pages whose every highlight is `after`'s (the others are counted from storage). */
function countsAfter(
  pages: PageRecord[],
  after: Iterable<HighlightRecord>,
  known: ReadonlySet<string>,
): ImportPlan['touched'] {
  const own = new Map<string, HighlightRecord[]>();
  for (const page of pages) if (known.has(page.url)) own.set(page.url, []);
  for (const h of after) own.get(h.url)?.push(h);
  return pages.map((page) => {
    const highlights = own.get(page.url);
    return { page, counts: highlights ? countsOf(highlights) : null };
  });
}
