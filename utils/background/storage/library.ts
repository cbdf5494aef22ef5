/**
 * The library: highlights, pages, saved articles, their pictures, settings and the search index
 * as the rest of Clearmark sees them. Every change is one transaction, and writes its outbox entry
 * in that same transaction (./outbox.ts). Runs in the background (and reads in extension pages),
 * never in a content script: there `indexedDB` would belong to the web site. The schema and its
 * upgrades are in ./schema.ts; what an import does is planned by ./import-plan.ts.
 */
import { t } from '@/utils/i18n/words';
import { unwrap, wrap, type IDBPObjectStore, type IDBPTransaction } from 'idb';
import { CodedError } from '../../shared/result';
import { newId } from '../../shared/new-id';
import {
  type ArticleCapture,
  type ReadingState,
  type SaveOutcome,
  type SavedArticle,
  type SavedListItem,
  type StorageUse,
  type BackupPicture,
  type HighlightColor,
  type HighlightRecord,
  type HighlightTarget,
  type PageInfo,
  type PageRecord,
  type Settings,
  type SettingsPatch,
  inDocumentOrder,
  normalizeTags,
} from '../../shared/model';
import { hostOf } from '../../shared/urls';
import { replacesCopy } from '../../engines/reader/keep-copy';
import { articleKey, readingKey, SETTINGS_KEY } from '../../engines/sync/sync-values';
import { base64ToBytes, bytesToBase64 } from '../../shared/base64';
import {
  DB_NAME,
  DB_VERSION,
  imageKey,
  openDatabase,
  type ClearmarkSchema,
  type Db,
  type SavedArticleMeta,
  type SavedArticleText,
} from './schema';
import { highlightKey, markUnsent, outboxInUse, pageKey } from './outbox';
import { withCounts, withNewHighlight } from './page-counts';
import { deleteCopy, putCopy, wholeCopy } from './copy-records';
import { withDefaults, withPatch } from './stored-settings';
import { planImport, type ImportContext, type ImportCounts, type ImportRecords } from './import-plan';
import { syncStorage, type SyncStorage } from './sync-storage';

/** Highlights read per transaction when a view reads them all (`everythingInBatches`): a few tens of milliseconds each. */
const READ_BATCH = 5_000;
/** Pages read per transaction when a view lists them all (`pageList`): about 20 ms each in Chromium. */
const PAGE_BATCH = 1_000;
/** Up to this many pages' counts are asked one by one (`highlightCounts`); more are read with every page. */
const FEW_PAGES = 100;

/**
 * Every record of a store in key order, `batch` per transaction: between batches, whatever else
 * asks the database (a tab saving a highlight, the popup opening) goes first.
 */
async function inBatches<Name extends 'pages' | 'highlights'>(
  db: Db,
  store: Name,
  batch: number,
  keyOf: (record: ClearmarkSchema[Name]['value']) => string,
): Promise<ClearmarkSchema[Name]['value'][]> {
  const all: ClearmarkSchema[Name]['value'][] = [];
  for (let after: string | null = null; ;) {
    const read = await db.getAll(store, after === null ? null : IDBKeyRange.lowerBound(after, true), batch);
    for (const record of read) all.push(record);
    const last = read.at(-1);
    if (read.length < batch || !last) return all;
    after = keyOf(last);
  }
}

/** Newest first, as the `byUpdated` index read backwards orders them (equal times: by address, backwards). */
function newestFirst(a: PageRecord, b: PageRecord): number {
  return b.updatedAt - a.updatedAt || (a.url < b.url ? 1 : a.url > b.url ? -1 : 0);
}

export interface NewHighlight {
  page: PageInfo;
  color: HighlightColor;
  note: string;
  target: HighlightTarget;
  tags?: string[] | undefined;
}

/** Each page's highlight count, a request each of `pages` (a store of a transaction the caller holds). */
async function countsAsked(
  pages: { get(url: string): Promise<PageRecord | undefined> },
  urls: readonly string[],
): Promise<number[]> {
  return Promise.all(urls.map(async (url) => (await pages.get(url))?.highlightCount ?? 0));
}

/** A saved article as the Saved list shows it. */
function listItem(m: SavedArticleMeta, highlights: number): SavedListItem {
  const { url, title, site, byline, published, words, readingMinutes, savedAt, state, progress, pending, tags } = m;
  return {
    url,
    title,
    site,
    byline,
    published,
    words,
    readingMinutes,
    savedAt,
    state,
    progress,
    highlights,
    ...(pending ? { pending } : {}),
    ...(tags?.length ? { tags } : {}),
  };
}

/**
 * The stored highlights an import can meet: those of the pages it brings highlights to, and any
 * stored elsewhere under an id it brings. Read so rather than whole, so that a step of a large
 * restore costs the same however much is already stored.
 */
async function storedNear<Mode extends IDBTransactionMode>(
  store: IDBPObjectStore<ClearmarkSchema, ImportStore[], 'highlights', Mode>,
  incoming: readonly HighlightRecord[],
): Promise<HighlightRecord[]> {
  const byUrl = store.index('byUrl');
  const found = (await Promise.all([...new Set(incoming.map((h) => h.url))].map((url) => byUrl.getAll(url)))).flat();
  const loaded = new Set(found.map((r) => r.id));
  const keys = new Set(await store.getAllKeys());
  const elsewhere = [...new Set(incoming.map((h) => h.id))].filter((id) => keys.has(id) && !loaded.has(id));
  const more = await Promise.all(elsewhere.map((id) => store.get(id)));
  return [...found, ...more.filter((r): r is HighlightRecord => !!r)];
}

/** The stores an import reads and writes. */
const IMPORT_STORES = [
  'pages',
  'highlights',
  'settings',
  'outbox',
  'sync',
  'articles',
  'articleBodies',
  'articleTexts',
  'articleImages',
] as const;
type ImportStore = (typeof IMPORT_STORES)[number];

/** What an import meets in the library, read in the import's own transaction. */
async function importContext<Mode extends IDBTransactionMode>(
  tx: IDBPTransaction<ClearmarkSchema, ImportStore[], Mode>,
  incoming: ImportRecords,
  sameImport: ReadonlySet<string>,
): Promise<ImportContext> {
  const named = [
    ...new Set([...(incoming.articles ?? []).map((a) => a.url), ...(incoming.pictures ?? []).map((p) => p.article)]),
  ];
  const [highlights, pages, articles] = await Promise.all([
    storedNear(tx.objectStore('highlights'), incoming.highlights),
    tx.objectStore('pages').getAll(),
    Promise.all(named.map((url) => tx.objectStore('articles').get(url))),
  ]);
  return {
    highlights,
    pages: new Map(pages.map((p) => [p.url, p])),
    articles: new Map(articles.flatMap((a) => (a ? [[a.url, { updatedAt: a.updatedAt }] as const] : []))),
    sameImport,
  };
}

/** An index that may have IndexedDB 3's read of its records in one request, in either direction. */
type OneRequestIndex<T> = IDBIndex & {
  getAllRecords?: (options: { direction: IDBCursorDirection; count: number }) => IDBRequest<{ value: T }[]>;
};

/**
 * The `count` last records of an index, newest first, in one request where the browser has it
 * (Chromium; Firefox ESR not yet): null elsewhere, where a cursor asks once per record.
 */
async function newestValues<T>(index: OneRequestIndex<T>, count: number): Promise<T[] | null> {
  if (typeof index.getAllRecords !== 'function') return null;
  return (await wrap(index.getAllRecords({ direction: 'prev', count }))).map((r) => r.value);
}

/** Highlights and pages as the rest of Clearmark sees them; every change is one transaction. */
export class Library {
  private unsentListener: (() => void) | null = null;
  private db!: Db;
  /** Set when the browser closed the connection under us (see `recover`). */
  private lost = false;
  private reopening: Promise<void> | null = null;

  private constructor(
    private readonly name: string,
    private readonly now: () => number,
  ) {}

  /** Hears of every committed change that left something for sync to send (sync sends it soon). */
  onUnsent(listener: () => void): void {
    this.unsentListener = listener;
  }

  private noteUnsent(): void {
    this.unsentListener?.();
  }

  static async open(name = DB_NAME, now: () => number = Date.now): Promise<Library> {
    const library = new Library(name, now);
    await library.connect();
    return library;
  }

  private async connect(): Promise<void> {
    const db = await openDatabase(this.name, DB_VERSION, () => (this.lost = true));
    this.db = db;
    this.lost = false;
  }

  /**
   * After a request failed: when the failure was the connection itself (the browser closes it
   * when a write hits a full disk, and every later transaction then throws "the database
   * connection is closing"), opens the database again and answers true, so the request can be
   * tried once more. Nothing stored is lost: a transaction that failed wrote nothing.
   */
  async recover(error: unknown): Promise<boolean> {
    if (!this.lost && !isClosedConnection(error)) return false;
    this.reopening ??= (async () => {
      try {
        this.db.close();
      } catch {
        /* already closed */
      }
      await this.connect();
    })().finally(() => (this.reopening = null));
    await this.reopening;
    return true;
  }

  close(): void {
    this.db.close();
  }

  /** A page and its highlights in document order: one index lookup, no scan. */
  async page(url: string): Promise<{ page: PageRecord | null; highlights: HighlightRecord[] }> {
    const tx = this.db.transaction(['pages', 'highlights']);
    const [page, highlights] = await Promise.all([
      tx.objectStore('pages').get(url),
      tx.objectStore('highlights').index('byUrl').getAll(url),
    ]);
    return { page: page ?? null, highlights: inDocumentOrder(highlights) };
  }

  async create(input: NewHighlight, id: string = newId()): Promise<HighlightRecord> {
    const at = this.now();
    const tx = this.db.transaction(['pages', 'highlights', 'outbox'], 'readwrite');
    const pages = tx.objectStore('pages');
    const highlights = tx.objectStore('highlights');
    const [existing, already] = await Promise.all([pages.get(input.page.url), highlights.get(id)]);
    // The same save arriving twice (a retry after a lost answer) answers what the first stored;
    // nothing was written yet, so returning or throwing leaves the transaction to commit empty.
    if (already) {
      if (already.url === input.page.url && already.target.quote.exact === input.target.quote.exact) return already;
      throw new DOMException('A different highlight already has this id', 'ConstraintError');
    }
    const record: HighlightRecord = {
      id,
      url: input.page.url,
      color: input.color,
      note: input.note,
      target: input.target,
      ...(input.tags && normalizeTags(input.tags).length ? { tags: normalizeTags(input.tags) } : {}),
      createdAt: at,
      updatedAt: at,
    };
    await highlights.add(record);
    const page: PageRecord = {
      url: input.page.url,
      title: input.page.title || existing?.title || '',
      siteName: input.page.siteName || existing?.siteName || '',
      author: input.page.author || existing?.author || '',
      publishedAt: input.page.publishedAt || existing?.publishedAt || '',
      ...((input.page.source ?? existing?.source) ? { source: input.page.source ?? existing?.source } : {}),
      ...(existing?.lastHighlightAt !== undefined ? { lastHighlightAt: existing.lastHighlightAt } : {}),
      createdAt: existing?.createdAt ?? at,
      updatedAt: at,
    };
    const outbox = tx.objectStore('outbox');
    await Promise.all([
      pages.put(await withNewHighlight(highlights, page, at)),
      markUnsent(outbox, highlightKey(id)),
      markUnsent(outbox, pageKey(page.url)),
      tx.done,
    ]);
    this.noteUnsent();
    return record;
  }

  async update(
    id: string,
    patch: { color?: HighlightColor | undefined; note?: string | undefined; tags?: string[] | undefined },
  ): Promise<HighlightRecord> {
    const tx = this.db.transaction(['pages', 'highlights', 'outbox'], 'readwrite');
    const highlights = tx.objectStore('highlights');
    const current = await highlights.get(id);
    // Nothing was written yet, so throwing leaves the transaction to commit empty.
    if (!current) throw new CodedError('not-found', t('highlightGone'));
    const at = this.now();
    const next: HighlightRecord = {
      ...current,
      color: patch.color ?? current.color,
      note: patch.note ?? current.note,
      ...(patch.tags ? { tags: normalizeTags(patch.tags) } : {}),
      updatedAt: at,
    };
    await Promise.all([
      highlights.put(next),
      markUnsent(tx.objectStore('outbox'), highlightKey(id)),
      this.touchPage(tx, current.url, at),
      tx.done,
    ]);
    this.noteUnsent();
    return next;
  }

  async delete(id: string): Promise<HighlightRecord> {
    const tx = this.db.transaction(['pages', 'highlights', 'outbox'], 'readwrite');
    const highlights = tx.objectStore('highlights');
    const current = await highlights.get(id);
    // Nothing was written yet, so throwing leaves the transaction to commit empty.
    if (!current) throw new CodedError('not-found', t('highlightGone'));
    await highlights.delete(id);
    const page = await tx.objectStore('pages').get(current.url);
    await Promise.all([
      page ? tx.objectStore('pages').put(await withCounts(highlights, page)) : undefined,
      markUnsent(tx.objectStore('outbox'), highlightKey(id), { id, url: current.url, deletedAt: this.now() }),
      tx.done,
    ]);
    this.noteUnsent();
    return current;
  }

  /**
   * Puts a record back exactly as it was; used to undo a delete. Answers it, with the page it was
   * taken from when an import had since given its id to another page (null otherwise).
   */
  async restore(record: HighlightRecord): Promise<{ record: HighlightRecord; left: string | null }> {
    const tx = this.db.transaction(['pages', 'highlights', 'outbox'], 'readwrite');
    const pages = tx.objectStore('pages');
    const highlights = tx.objectStore('highlights');
    const page = (await pages.get(record.url)) ?? {
      url: record.url,
      title: '',
      siteName: hostOf(record.url),
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
    };
    // The id may be in use again on another page (an import since the delete): that page loses it.
    const before = await highlights.get(record.id);
    const left = before && before.url !== record.url ? await pages.get(before.url) : undefined;
    await highlights.put(record);
    const outbox = tx.objectStore('outbox');
    await Promise.all([
      pages.put(await withCounts(highlights, page)),
      ...(left ? [pages.put(await withCounts(highlights, left)), markUnsent(outbox, pageKey(left.url))] : []),
      markUnsent(outbox, highlightKey(record.id)),
      markUnsent(outbox, pageKey(page.url)),
      tx.done,
    ]);
    this.noteUnsent();
    return { record, left: left?.url ?? null };
  }

  /** Every tag in use with how many highlights carry it, most used first (then by name). */
  async tags(): Promise<{ tag: string; count: number }[]> {
    // A step per tag, not per tagged highlight: the cursor visits each name once, and each count
    // is the database's own (12,000 tags on 10,000 highlights: ~270 → ~90 ms in Chromium).
    const byTag = this.db.transaction('highlights').store.index('byTag');
    const counted: Promise<{ tag: string; count: number }>[] = [];
    for (let cursor = await byTag.openKeyCursor(null, 'nextunique'); cursor; cursor = await cursor.continue()) {
      const tag = cursor.key;
      counted.push(byTag.count(tag).then((count) => ({ tag, count })));
    }
    return (await Promise.all(counted)).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
  }

  /**
   * Renames a tag across the library in one transaction; renaming to a tag already used merges
   * the two (a highlight that had both keeps one). Answers the highlights changed.
   */
  async renameTag(from: string, to: string): Promise<HighlightRecord[]> {
    const [target] = normalizeTags([to]);
    if (!target) throw new CodedError('rejected', t('tagNeedsName'));
    const tx = this.db.transaction(['pages', 'highlights', 'outbox'], 'readwrite');
    const highlights = tx.objectStore('highlights');
    const carrying = await highlights.index('byTag').getAll(from);
    const at = this.now();
    const changed = carrying.map((h) => ({
      ...h,
      tags: normalizeTags((h.tags ?? []).map((t) => (t === from ? target : t))),
      updatedAt: at,
    }));
    const outbox = tx.objectStore('outbox');
    await Promise.all([
      ...changed.flatMap((h) => [highlights.put(h), markUnsent(outbox, highlightKey(h.id))]),
      ...[...new Set(changed.map((h) => h.url))].map((url) => this.touchPage(tx, url, at)),
      tx.done,
    ]);
    if (changed.length) this.noteUnsent();
    return changed;
  }

  /** Every page record (newest first) and every highlight, as one snapshot: what exports, backups and the search index read. */
  async everything(): Promise<{ pages: PageRecord[]; highlights: HighlightRecord[] }> {
    const tx = this.db.transaction(['pages', 'highlights']);
    const [pages, highlights] = await Promise.all([
      tx.objectStore('pages').index('byUpdated').getAll(),
      tx.objectStore('highlights').getAll(),
    ]);
    return { pages: pages.reverse(), highlights };
  }

  /**
   * Every page record (newest first) and every highlight, read a batch per transaction: what a
   * view holds in memory. One read of 100,000 highlights holds the database for seconds, and a
   * highlight saved in a tab, or the popup opened meanwhile, waited behind it; between batches
   * they go first. Not one snapshot: a view follows the change notices for what changes meanwhile.
   */
  async everythingInBatches(batch = READ_BATCH): Promise<{ pages: PageRecord[]; highlights: HighlightRecord[] }> {
    const pages = await this.allPagesInBatches();
    const highlights = await inBatches(this.db, 'highlights', batch, (h) => h.id);
    return { pages, highlights };
  }

  /**
   * Keeps an article's copy, or takes it again: a new copy with much less text than the one kept
   * (a paywall, an error page) leaves the kept one, and says so. Reading state and progress stay.
   */
  async saveArticle(capture: ArticleCapture): Promise<SaveOutcome> {
    const tx = this.db.transaction(['articles', 'articleBodies', 'articleTexts', 'outbox'], 'readwrite');
    const articles = tx.objectStore('articles');
    const kept = await articles.get(capture.url);
    const said = { url: capture.url, title: capture.title, words: capture.words };
    if (kept && !replacesCopy(kept, capture)) {
      await tx.done;
      return { outcome: 'kept-older', ...said, title: kept.title, words: kept.words };
    }
    const at = this.now();
    const { html, text, ...facts } = capture;
    // A reading-list entry fetched at last keeps when it was saved, its state and its tags.
    const meta: SavedArticleMeta = {
      ...facts,
      savedAt: kept?.savedAt ?? at,
      updatedAt: at,
      state: kept?.state ?? 'unread',
      progress: kept?.progress ?? 0,
      ...(kept?.tags?.length ? { tags: kept.tags } : {}),
    };
    await Promise.all([
      putCopy(tx, meta, html, text),
      markUnsent(tx.objectStore('outbox'), articleKey(capture.url)),
      tx.done,
    ]);
    this.noteUnsent();
    return { outcome: kept ? 'updated' : 'saved', ...said };
  }

  /** Whether an article is saved for later from a reading list, its copy not fetched yet. */
  async isPending(url: string): Promise<boolean> {
    return (await this.db.get('articles', url))?.pending === true;
  }

  /** The pages holding a highlight tagged `tag` (the Saved view's tag filter). */
  async urlsTagged(tag: string): Promise<Set<string>> {
    // One request, where a cursor asked once per tagged highlight.
    return new Set((await this.db.getAllFromIndex('highlights', 'byTag', tag)).map((h) => h.url));
  }

  /** The `limit` newest saved articles, with their pages' highlight counts (what a list shows first, read at once however many are saved). */
  async newestSaved(limit: number): Promise<SavedListItem[]> {
    const tx = this.db.transaction(['articles', 'pages']);
    const bySaved = tx.objectStore('articles').index('bySaved');
    let metas = await newestValues<SavedArticleMeta>(unwrap(bySaved), limit);
    if (!metas) {
      metas = [];
      for (
        let cursor = await bySaved.openCursor(null, 'prev');
        cursor && metas.length < limit;
        cursor = await cursor.continue()
      )
        metas.push(cursor.value);
    }
    const counts = await countsAsked(
      tx.objectStore('pages'),
      metas.map((m) => m.url),
    );
    return metas.map((m, i) => listItem(m, counts[i] ?? 0));
  }

  /** Saved articles, newest saved first, with their pages' highlight counts. */
  async savedList(): Promise<SavedListItem[]> {
    const metas = (await this.db.getAllFromIndex('articles', 'bySaved')).reverse();
    const counts = await this.highlightCounts(metas.map((m) => m.url));
    return metas.map((m) => listItem(m, counts.get(m.url) ?? 0));
  }

  /**
   * The highlight counts of these pages: a request each for a few; for many, every page record in
   * batches. Making a thousand requests at once held the page's thread for 51–66 ms in Chromium
   * (their setup is synchronous), and the Saved view stopped answering meanwhile. Not one snapshot
   * with what the caller read before: a view reads again on every change notice.
   */
  private async highlightCounts(urls: readonly string[]): Promise<Map<string, number>> {
    if (urls.length <= FEW_PAGES) {
      const counts = await countsAsked(this.db.transaction('pages').store, urls);
      return new Map(urls.map((url, i) => [url, counts[i] ?? 0]));
    }
    const wanted = new Set(urls);
    const counts = new Map<string, number>();
    for (const page of await inBatches(this.db, 'pages', PAGE_BATCH, (p) => p.url))
      if (wanted.has(page.url)) counts.set(page.url, page.highlightCount ?? 0);
    return counts;
  }

  /** One saved article, whole. */
  async savedArticle(url: string): Promise<SavedArticle> {
    const tx = this.db.transaction(['articles', 'articleBodies', 'articleTexts']);
    const [meta, body, text] = await Promise.all([
      tx.objectStore('articles').get(url),
      tx.objectStore('articleBodies').get(url),
      tx.objectStore('articleTexts').get(url),
    ]);
    if (!meta || !body) throw new CodedError('not-found', t('noSavedCopy'));
    return wholeCopy(meta, body, text);
  }

  /** The saved copies at these addresses with their text and without their HTML (search's snippets), in their order, those not saved left out: one transaction. */
  async savedTextsAt(urls: readonly string[]): Promise<SavedArticleText[]> {
    const tx = this.db.transaction(['articles', 'articleTexts']);
    const found = await Promise.all(
      urls.map((url) => Promise.all([tx.objectStore('articles').get(url), tx.objectStore('articleTexts').get(url)])),
    );
    return found.flatMap(([meta, text]) => (meta && text ? [{ ...meta, text: text.text }] : []));
  }

  /** Every saved copy's facts and text, without its HTML: what the full-text index is built from. */
  async savedTexts(): Promise<SavedArticleText[]> {
    const tx = this.db.transaction(['articles', 'articleTexts']);
    const [metas, texts] = await Promise.all([
      tx.objectStore('articles').getAll(),
      tx.objectStore('articleTexts').getAll(),
    ]);
    const byUrl = new Map(texts.map((x) => [x.url, x.text]));
    return metas.flatMap((m) => {
      const text = byUrl.get(m.url);
      return text === undefined ? [] : [{ ...m, text }];
    });
  }

  /** Deletes an article's copy; its highlights stay. */
  async deleteSaved(url: string): Promise<boolean> {
    const tx = this.db.transaction(
      ['articles', 'articleBodies', 'articleTexts', 'outbox', 'articleImages'],
      'readwrite',
    );
    const had = (await tx.objectStore('articles').count(url)) > 0;
    if (!had) {
      await tx.done;
      return false;
    }
    await Promise.all([
      deleteCopy(tx, url),
      markUnsent(tx.objectStore('outbox'), articleKey(url), { id: url, url, deletedAt: this.now() }),
      tx.done,
    ]);
    this.noteUnsent();
    return true;
  }

  /** Marks a saved article read, unread or archived, or records how far it was read. */
  async updateSaved(url: string, change: { state?: ReadingState; progress?: number }): Promise<SavedListItem> {
    const tx = this.db.transaction(['articles', 'outbox'], 'readwrite');
    const articles = tx.objectStore('articles');
    const meta = await articles.get(url);
    if (!meta) throw new CodedError('not-found', t('noSavedCopy'));
    const next: SavedArticleMeta = {
      ...meta,
      ...(change.state ? { state: change.state } : {}),
      ...(change.progress !== undefined ? { progress: Math.min(1, Math.max(0, change.progress)) } : {}),
    };
    const changes = next.state !== meta.state || next.progress !== meta.progress;
    await Promise.all([
      articles.put(next),
      changes ? markUnsent(tx.objectStore('outbox'), readingKey(url)) : undefined,
      tx.done,
    ]);
    if (changes) this.noteUnsent();
    return listItem(next, (await this.db.get('pages', url))?.highlightCount ?? 0);
  }

  /** Every saved article, whole (what a backup of everything carries). */
  async savedArticles(): Promise<SavedArticle[]> {
    const tx = this.db.transaction(['articles', 'articleBodies', 'articleTexts']);
    const [metas, bodies, texts] = await Promise.all([
      tx.objectStore('articles').getAll(),
      tx.objectStore('articleBodies').getAll(),
      tx.objectStore('articleTexts').getAll(),
    ]);
    const byUrl = new Map(bodies.map((b) => [b.url, b]));
    const textByUrl = new Map(texts.map((x) => [x.url, x]));
    return metas.flatMap((m) => {
      const body = byUrl.get(m.url);
      return body ? [wholeCopy(m, body, textByUrl.get(m.url))] : [];
    });
  }

  /** Keeps an article's pictures offline (replacing any kept before); nothing when the copy is gone meanwhile. */
  async putArticleImages(article: string, images: { src: string; blob: Blob }[]): Promise<number> {
    const tx = this.db.transaction(['articles', 'articleImages'], 'readwrite');
    const store = tx.objectStore('articleImages');
    if (!(await tx.objectStore('articles').count(article))) {
      await tx.done;
      return 0;
    }
    const before = await store.index('byArticle').getAllKeys(article);
    await Promise.all(before.map((key) => store.delete(key)));
    await Promise.all([
      ...images.map(({ src, blob }) =>
        store.put({ key: imageKey(article, src), article, src, blob, bytes: blob.size }),
      ),
      tx.done,
    ]);
    return images.length;
  }

  /** Every picture kept offline, as a backup carries it (bytes in base64). */
  async backupPictures(): Promise<BackupPicture[]> {
    const kept = await this.db.getAll('articleImages');
    return Promise.all(
      kept.map(async (i) => ({
        article: i.article,
        src: i.src,
        type: i.blob.type || 'image/png',
        data: bytesToBase64(new Uint8Array(await i.blob.arrayBuffer())),
      })),
    );
  }

  /** An article's pictures kept offline, by their address in the copy. */
  async articleImages(article: string): Promise<Map<string, Blob>> {
    const kept = await this.db.getAllFromIndex('articleImages', 'byArticle', article);
    return new Map(kept.map((i) => [i.src, i.blob]));
  }

  /** How much room copies and their pictures take. */
  async storageUse(): Promise<StorageUse> {
    const tx = this.db.transaction(['articleBodies', 'articleTexts', 'articleImages']);
    const use: StorageUse = { copies: 0, copyBytes: 0, images: 0, imageBytes: 0 };
    for (let c = await tx.objectStore('articleBodies').openCursor(); c; c = await c.continue()) {
      use.copies++;
      use.copyBytes += c.value.html.length;
    }
    for (let c = await tx.objectStore('articleTexts').openCursor(); c; c = await c.continue())
      use.copyBytes += c.value.text.length;
    for (let c = await tx.objectStore('articleImages').openCursor(); c; c = await c.continue()) {
      use.images++;
      use.imageBytes += c.value.bytes;
    }
    return use;
  }

  /** Drops the pictures kept offline of copies saved before `before` (ms); the copies keep their addresses. */
  async dropImages(before: number): Promise<number> {
    const tx = this.db.transaction(['articles', 'articleImages'], 'readwrite');
    const old = await tx.objectStore('articles').index('bySaved').getAllKeys(IDBKeyRange.upperBound(before, true));
    const byArticle = tx.objectStore('articleImages').index('byArticle');
    const keys = (await Promise.all(old.map((url) => byArticle.getAllKeys(url)))).flat();
    await Promise.all([...keys.map((key) => tx.objectStore('articleImages').delete(key)), tx.done]);
    return keys.length;
  }

  /** The addresses of archived copies saved before `before` (ms). */
  async archivedBefore(before: number): Promise<string[]> {
    const old = await this.db.getAllFromIndex('articles', 'bySaved', IDBKeyRange.upperBound(before, true));
    return old.filter((m) => m.state === 'archived').map((m) => m.url);
  }

  /** The saved full-text index, if any. */
  async searchIndex(): Promise<{ json: string; size: number } | null> {
    const stored = await this.db.get('searchIndex', 'index');
    return stored ? { json: stored.json, size: stored.size } : null;
  }

  /** Whether a full-text index is saved (without reading it). */
  async hasSearchIndex(): Promise<boolean> {
    return (await this.db.count('searchIndex', 'index')) > 0;
  }

  async saveSearchIndex(json: string, size: number): Promise<void> {
    await this.db.put('searchIndex', { key: 'index', json, size });
  }

  async dropSearchIndex(): Promise<void> {
    await this.db.delete('searchIndex', 'index');
  }

  /** How many records the full-text index should hold: every highlight and every saved article. */
  async searchableCount(): Promise<number> {
    const tx = this.db.transaction(['highlights', 'articles']);
    const [highlights, articles] = await Promise.all([
      tx.objectStore('highlights').count(),
      tx.objectStore('articles').count(),
    ]);
    return highlights + articles;
  }

  /** Highlights by id (those that still exist), in the order asked. */
  async highlightsById(ids: string[]): Promise<HighlightRecord[]> {
    const store = this.db.transaction('highlights').store;
    const found = await Promise.all(ids.map((id) => store.get(id)));
    return found.filter((h): h is HighlightRecord => !!h);
  }

  /** The addresses of every saved article (its keys alone: no record is read). */
  async savedUrls(): Promise<string[]> {
    return this.db.getAllKeys('articles');
  }

  /** Whether a page has a saved copy. */
  async isSaved(url: string): Promise<boolean> {
    return (await this.db.count('articles', url)) > 0;
  }

  /**
   * The `limit` newest pages that have highlights: the library's first screen, read at once
   * however large the library is (a cursor that stops, and no count: a count is a pass over all).
   */
  async newestPages(limit: number): Promise<PageRecord[]> {
    const tx = this.db.transaction('pages');
    // One request where the browser can read an index backwards in one go (IndexedDB 3); a cursor
    // asks once per record. Exact when the newest `limit` pages all have highlights, as they
    // nearly always do; otherwise the cursor below reads on.
    const newest = await newestValues<PageRecord>(unwrap(tx.store.index('byUpdated')), limit);
    if (newest) {
      const listed = newest.filter((p) => (p.highlightCount ?? 0) > 0);
      if (listed.length === limit || newest.length < limit) return listed;
    }
    const pages: PageRecord[] = [];
    for (
      let c = await tx.store.index('byUpdated').openCursor(null, 'prev');
      c && pages.length < limit;
      c = await c.continue()
    ) {
      if ((c.value.highlightCount ?? 0) > 0) pages.push(c.value);
    }
    return pages;
  }

  /** Pages that have highlights, newest first, with their counts: what the library lists. */
  async pageList(batch = PAGE_BATCH): Promise<PageRecord[]> {
    return (await this.allPagesInBatches(batch)).filter((p) => (p.highlightCount ?? 0) > 0);
  }

  /**
   * Every page record, newest first, read a batch per transaction in address order and sorted
   * here. One read of 10,000 pages holds the database for about 200 ms, and the popup opened
   * meanwhile (or just after the library closed: the read runs on) waited behind it; between
   * batches it goes first. Not one snapshot: a view follows the change notices meanwhile.
   */
  private async allPagesInBatches(batch = PAGE_BATCH): Promise<PageRecord[]> {
    return (await inBatches(this.db, 'pages', batch, (p) => p.url)).sort(newestFirst);
  }

  /** The given pages and their highlights: one index lookup per page. */
  async pages(urls: string[]): Promise<{ pages: PageRecord[]; highlights: HighlightRecord[] }> {
    const tx = this.db.transaction(['pages', 'highlights']);
    const found = await Promise.all(
      [...new Set(urls)].map((url) =>
        Promise.all([tx.objectStore('pages').get(url), tx.objectStore('highlights').index('byUrl').getAll(url)]),
      ),
    );
    return {
      pages: found.flatMap(([page]) => (page ? [page] : [])),
      highlights: found.flatMap(([, highlights]) => highlights),
    };
  }

  /**
   * Writes checked records from a backup or another tool's export in one transaction, as
   * `planImport` decides: a failure anywhere leaves the library as it was. `dryRun` counts
   * without writing (the preview). `progress` hears of every few hundred highlights written.
   */
  async importRecords(
    incoming: ImportRecords,
    {
      dryRun = false,
      progress = () => undefined,
      sameImport = new Set(),
    }: {
      dryRun?: boolean;
      progress?: (done: number, total: number) => void;
      /** Ids earlier steps of this import wrote (an import written in steps): matched by id only, as the file's own records are. */
      sameImport?: ReadonlySet<string>;
    } = {},
  ): Promise<ImportCounts> {
    if (dryRun) {
      const tx = this.db.transaction([...IMPORT_STORES]);
      const plan = planImport(await importContext(tx, incoming, sameImport), incoming);
      await tx.done;
      return plan.counts;
    }
    const tx = this.db.transaction([...IMPORT_STORES], 'readwrite');
    const total = incoming.highlights.length;
    try {
      const [plan, tracked] = await Promise.all([
        importContext(tx, incoming, sameImport).then((context) => planImport(context, incoming)),
        outboxInUse(tx.objectStore('sync')),
      ]);
      const pages = tx.objectStore('pages');
      const highlights = tx.objectStore('highlights');
      const outbox = tx.objectStore('outbox');
      // Without sync set up, nothing waits to be sent: an import of many highlights writes half as much.
      const unsent = (key: string) => (tracked ? markUnsent(outbox, key) : undefined);
      const writes: unknown[] = [];
      // Pages new or changed are among the touched ones, written below with their counts.
      for (const page of plan.pages) writes.push(unsent(pageKey(page.url)));
      for (const { record, at } of plan.highlights) {
        writes.push(
          unsent(highlightKey(record.id)),
          highlights.put(record).then(() => (at % 500 === 0 || at === total) && progress(at, total)),
        );
      }
      // Touched pages with their counts after the import, where the plan knows them.
      for (const { page, counts } of plan.touched) if (counts) writes.push(pages.put({ ...page, ...counts }));
      for (const article of plan.articles) {
        const { html, text, ...meta } = article;
        writes.push(putCopy(tx, meta, html, text), unsent(articleKey(article.url)), unsent(readingKey(article.url)));
      }
      for (const picture of plan.pictures) {
        const blob = new Blob([base64ToBytes(picture.data)], { type: picture.type });
        writes.push(
          tx.objectStore('articleImages').put({
            key: imageKey(picture.article, picture.src),
            article: picture.article,
            src: picture.src,
            blob,
            bytes: blob.size,
          }),
        );
      }
      if (plan.settings) {
        const settings = tx.objectStore('settings');
        const next = withPatch(withDefaults((await settings.get('preferences'))?.value), plan.settings);
        writes.push(settings.put({ key: 'preferences', value: next }), unsent(SETTINGS_KEY));
      }
      await Promise.all(writes);
      // The other touched pages' counts, from what is now stored.
      await Promise.all(
        plan.touched.flatMap(({ page, counts }) =>
          counts ? [] : [withCounts(highlights, page).then((counted) => pages.put(counted))],
        ),
      );
      await tx.done;
      this.noteUnsent();
      progress(total, total);
      return plan.counts;
    } catch (error) {
      // Undo every write made so far; the caller reports the error.
      try {
        tx.abort();
      } catch {
        /* already finished */
      }
      await tx.done.catch(() => undefined);
      throw error;
    }
  }

  async settings(): Promise<Settings> {
    const stored = await this.db.get('settings', 'preferences');
    return withDefaults(stored?.value);
  }

  /** Notes that everything was just backed up (the weekly reminder counts from here). */
  async markBackedUp(at: number = this.now()): Promise<Settings> {
    // The backup date stays in this browser: nothing to sync.
    return this.writeSettings((current) => ({ ...current, lastBackupAt: at }), false);
  }

  async updateSettings(patch: SettingsPatch): Promise<Settings> {
    return this.writeSettings((current) => withPatch(current, patch), true);
  }

  private async writeSettings(change: (current: Settings) => Settings, synced: boolean): Promise<Settings> {
    const tx = this.db.transaction(['settings', 'outbox'], 'readwrite');
    const settings = tx.objectStore('settings');
    const current = withDefaults((await settings.get('preferences'))?.value);
    const next = change(current);
    await Promise.all([
      settings.put({ key: 'preferences', value: next }),
      synced ? markUnsent(tx.objectStore('outbox'), SETTINGS_KEY) : undefined,
      tx.done,
    ]);
    if (synced) this.noteUnsent();
    return next;
  }

  /** A page's newest change is now: it moves up the library, here and (through the outbox) everywhere. */
  private async touchPage(
    tx: IDBPTransaction<ClearmarkSchema, ('pages' | 'highlights' | 'outbox')[], 'readwrite'>,
    url: string,
    at: number,
  ) {
    const pages = tx.objectStore('pages');
    const page = await pages.get(url);
    if (page)
      await Promise.all([pages.put({ ...page, updatedAt: at }), markUnsent(tx.objectStore('outbox'), pageKey(url))]);
  }

  /** What sync's ledger may use of this storage: the connection (the current one, after `recover` too) and the library's rules. */
  forSync(): SyncStorage {
    return syncStorage(() => this.db);
  }
}

/**
 * Whether the disk has no room left for Clearmark: the browser's storage estimate leaves less
 * than a few megabytes (its quota follows the disk's free space). Asked when a write failed and
 * the browser's own error does not say why.
 */
export async function diskFull(): Promise<boolean> {
  const estimate = await Promise.race([
    navigator.storage.estimate(),
    new Promise<null>((r) => setTimeout(() => r(null), 2000)),
  ]);
  if (!estimate?.quota || estimate.usage === undefined) return false;
  return estimate.quota - estimate.usage < 8 * 1024 * 1024;
}

/** IndexedDB's words for a connection that is gone: closing or closed, or the backing store failed. */
export function isClosedConnection(error: unknown): boolean {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  return name === 'InvalidStateError' || name === 'UnknownError' || /connection is clos/i.test(message);
}
