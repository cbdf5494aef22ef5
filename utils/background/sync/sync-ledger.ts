/**
 * Sync's side of the library's database: what is waiting to be sent (the outbox the library
 * writes in each change's own transaction), what each synced record's server document is, and
 * the sync settings. Applying what the server sent happens here, in one transaction with the
 * library's records and with how far the server's changes have been read — so a worker killed at
 * any point resumes from a state where nothing is lost and nothing is applied twice.
 */
import type { HighlightRecord, PageRecord } from '../../shared/model';
import type { HighlightsChanged } from '../../shared/protocol';
import {
  articleKey,
  articleValues,
  isArticleKey,
  mergeValues,
  readingKey,
  sameValue,
  SETTINGS_KEY,
  syncedPage,
  syncedSettings,
  syncKeyOf,
  type SyncValue,
} from '../../engines/sync/sync-values';
import { hostOf } from '../../shared/urls';
import type { IDBPTransaction, StoreNames } from 'idb';
import {
  deleteCopy,
  putCopy,
  wholeCopy,
  type ClearmarkSchema,
  type Db,
  type OutboxEntry,
  type SyncDocState,
  type SyncStorage,
  SYNC_SETUP_KEY,
} from '../storage';

const ALL_STORES: StoreNames<ClearmarkSchema>[] = [
  'pages',
  'highlights',
  'settings',
  'outbox',
  'syncDocs',
  'sync',
  'articles',
  'articleBodies',
  'articleTexts',
  'articleImages',
];
type LedgerTx = IDBPTransaction<ClearmarkSchema, StoreNames<ClearmarkSchema>[], 'readwrite'>;

/** A record waiting to be sent: its value now (null when there is nothing to send) and its server document, if any. */
export interface Unsent {
  entry: OutboxEntry;
  value: SyncValue | null;
  state: SyncDocState | undefined;
}

/** A change with a value the server does not hold yet. */
export type ToSend = Unsent & { value: SyncValue };

/** A document the server holds, opened. */
export interface Arrived {
  docId: string;
  rev: string;
  value: SyncValue;
}

/** What applying the server's documents changed here, for open views. */
export interface Applied {
  /** Records whose local copy changed. */
  changed: number;
  upserted: HighlightRecord[];
  removed: { id: string; url: string }[];
  pagesChanged: boolean;
  settingsChanged: boolean;
  /** Pages whose saved copy (or its reading state) changed. */
  articles: string[];
}

/**
 * What passes brought, as the change notices open views already follow: one per page, or one
 * for everything (`*`: views reload) after a first sync of many pages or a change of page details
 * or settings alone.
 */
export function arrivalNotices(applied: Applied[]): HighlightsChanged[] {
  const byUrl = new Map<string, HighlightsChanged>();
  const of = (url: string) => {
    let notice = byUrl.get(url);
    if (!notice) byUrl.set(url, (notice = { type: 'highlights:changed', url, upserted: [], removed: [] }));
    return notice;
  };
  for (const a of applied) {
    for (const record of a.upserted) of(record.url).upserted.push(record);
    for (const { id, url } of a.removed) of(url).removed.push(id);
    // A saved copy that came or went: its page's views read again (nothing changed in its highlights).
    for (const url of a.articles) of(url);
  }
  if (byUrl.size > 20 || (byUrl.size === 0 && applied.some((a) => a.pagesChanged || a.settingsChanged))) {
    return [{ type: 'highlights:changed', url: '*', upserted: [], removed: [] }];
  }
  return [...byUrl.values()];
}

export class SyncLedger {
  /** `storage` is what the library lets sync use (Library.forSync): its current connection and its rules. */
  constructor(
    private readonly storage: SyncStorage,
    private readonly now: () => number = Date.now,
  ) {}

  private get db(): Db {
    return this.storage.connection();
  }

  async pendingCount(): Promise<number> {
    return this.db.count('outbox');
  }

  async read<T>(name: string): Promise<T | undefined> {
    return (await this.db.get('sync', name))?.value as T | undefined;
  }

  async write(name: string, value: unknown): Promise<void> {
    await this.db.put('sync', { key: name, value });
  }

  /**
   * Starts over with a server: forgets every document state and puts every record in the
   * outbox, so the first pass sends the whole library (and merges with what the server has).
   */
  async beginWith(config: unknown): Promise<void> {
    const tx = this.db.transaction(ALL_STORES, 'readwrite');
    const outbox = tx.objectStore('outbox');
    await Promise.all([outbox.clear(), tx.objectStore('syncDocs').clear(), tx.objectStore('sync').clear()]);
    const [highlights, pages, articles] = await Promise.all([
      tx.objectStore('highlights').getAllKeys(),
      tx.objectStore('pages').getAllKeys(),
      tx.objectStore('articles').getAllKeys(),
    ]);
    const { markUnsent, highlightKey, pageKey } = this.storage;
    await Promise.all([
      ...highlights.map((id) => markUnsent(outbox, highlightKey(id))),
      ...pages.map((url) => markUnsent(outbox, pageKey(url))),
      // Saved copies go only to an encrypted library (`unsent` drops them for another).
      ...articles.flatMap((url) => [markUnsent(outbox, articleKey(url)), markUnsent(outbox, readingKey(url))]),
      markUnsent(outbox, SETTINGS_KEY),
      tx.objectStore('sync').put({ key: SYNC_SETUP_KEY, value: config }),
      tx.done,
    ]);
  }

  /** Forgets the server: its settings, keys and document states. The library itself stays. */
  async forget(): Promise<void> {
    const tx = this.db.transaction(['outbox', 'syncDocs', 'sync'], 'readwrite');
    await Promise.all([
      tx.objectStore('outbox').clear(),
      tx.objectStore('syncDocs').clear(),
      tx.objectStore('sync').clear(),
      tx.done,
    ]);
  }

  /**
   * Up to `limit` unsent records with their values now, and no more than about `maxChars` of them
   * (at least one); those that are as the server has them leave the outbox here.
   */
  async unsent(limit: number, maxChars = Infinity): Promise<ToSend[]> {
    const tx = this.db.transaction(ALL_STORES, 'readwrite');
    const [entries, config] = await Promise.all([
      tx.objectStore('outbox').getAll(undefined, limit),
      tx.objectStore('sync').get(SYNC_SETUP_KEY),
    ]);
    // Article text never reaches a server that could read it: a library in the clear keeps its copies here.
    const sealed = (config?.value as { encrypted?: boolean } | undefined)?.encrypted === true;
    const valueOf = async (entry: OutboxEntry): Promise<Unsent> => {
      if (!sealed && isArticleKey(entry.key)) return { entry, state: undefined, value: null };
      const state = await tx.objectStore('syncDocs').get(entry.key);
      return { entry, state, value: await localValue(tx, entry, state, this.storage) };
    };
    // Read in groups, and no further than a batch can carry: values are small, but for saved copies.
    const toSend: ToSend[] = [];
    const nothingToSend: Unsent[] = [];
    let chars = 0;
    for (let at = 0; at < entries.length && (chars <= maxChars || !toSend.length); at += 50) {
      for (const u of await Promise.all(entries.slice(at, at + 50).map(valueOf))) {
        const { value } = u;
        if (!value || (u.state && sameValue(u.state.base as SyncValue, value))) nothingToSend.push(u);
        else if (chars <= maxChars || !toSend.length) {
          chars += u.entry.key.startsWith('a:') ? JSON.stringify(value).length : 1_000;
          toSend.push({ ...u, value });
        }
      }
    }
    await Promise.all([...nothingToSend.map((u) => tx.objectStore('outbox').delete(u.entry.key)), tx.done]);
    return toSend;
  }

  /** The server took these: each is its document's new state; its outbox entry goes unless a newer change came meanwhile. */
  async sent(items: { entry: OutboxEntry; docId: string; rev: string; value: SyncValue }[]): Promise<void> {
    const tx = this.db.transaction(['outbox', 'syncDocs'], 'readwrite');
    const outbox = tx.objectStore('outbox');
    await Promise.all([
      ...items.map(async ({ entry, docId, rev, value }) => {
        await tx.objectStore('syncDocs').put({ key: entry.key, docId, rev, base: value });
        const now = await outbox.get(entry.key);
        if (now?.token === entry.token) await outbox.delete(entry.key);
      }),
      tx.done,
    ]);
  }

  /** Takes these records out of the outbox unless a newer change came meanwhile (they are not to be sent as they are). */
  async dropUnsent(entries: OutboxEntry[]): Promise<void> {
    if (!entries.length) return;
    const tx = this.db.transaction('outbox', 'readwrite');
    await Promise.all([
      ...entries.map(async (entry) =>
        (await tx.store.get(entry.key))?.token === entry.token ? tx.store.delete(entry.key) : undefined,
      ),
      tx.done,
    ]);
  }

  /**
   * Puts records on the server's current revision of their document (`rev`), or, where the server
   * no longer has it (null), forgets the revision so the next push writes the document anew.
   */
  async rebase(items: { key: string; docId: string; rev: string | null }[]): Promise<void> {
    const tx = this.db.transaction('syncDocs', 'readwrite');
    await Promise.all([
      ...items.map(async ({ key, docId, rev }) => {
        const state = await tx.store.get(key);
        await tx.store.put({ key, docId, rev: rev ?? '', base: state?.base ?? null });
      }),
      tx.done,
    ]);
  }

  /** The revision this library has of each of these documents, where it has one. */
  async knownRevisions(docIds: string[]): Promise<Map<string, string>> {
    const index = this.db.transaction('syncDocs').store.index('byDocId');
    const states = await Promise.all(docIds.map((id) => index.get(id)));
    return new Map(states.flatMap((s) => (s?.rev ? [[s.docId, s.rev] as [string, string]] : [])));
  }

  /**
   * Applies documents from the server, and notes how far its changes feed has been read, in one
   * transaction. A record with unsent changes here is merged with the server's copy (and stays
   * in the outbox, now based on the server's revision); any other takes the server's copy.
   */
  async apply(arrived: Arrived[], since?: { name: string; seq: unknown }): Promise<Applied> {
    const tx = this.db.transaction(ALL_STORES, 'readwrite');
    const applied: Applied = {
      changed: 0,
      upserted: [],
      removed: [],
      pagesChanged: false,
      settingsChanged: false,
      articles: [],
    };
    const touchedUrls = new Set<string>();
    // One value per record (the latest given), read, decided and written in three waves: IndexedDB
    // runs a transaction's requests in the order they are made, so each wave sees the one before.
    const byKey = new Map(arrived.map((a) => [syncKeyOf(a.value), a]));
    const decided = await Promise.all(
      [...byKey].map(async ([key, { docId, rev, value: remote }]) => {
        const [state, unsent] = await Promise.all([
          tx.objectStore('syncDocs').get(key),
          tx.objectStore('outbox').get(key),
        ]);
        if (state?.rev === rev) return null; // our own write, coming back
        const [local, before] = await Promise.all([
          unsent ? localValue(tx, unsent, state, this.storage) : null,
          localValue(tx, { key, token: '' }, state, this.storage),
        ]);
        const next = local ? mergeValues((state?.base as SyncValue | undefined) ?? null, local, remote) : remote;
        const changes = !(sameValue(before, next) || (!before && next.kind === 'tombstone'));
        return { state: { key, docId, rev, base: remote }, next, changes };
      }),
    );
    // Document states first: a copy arriving with its reading state finds that state written.
    await Promise.all(decided.flatMap((d) => (d ? [tx.objectStore('syncDocs').put(d.state)] : [])));
    await Promise.all(
      decided.flatMap((d) => {
        if (!d?.changes) return [];
        applied.changed++;
        return [writeLocal(tx, d.next, applied, touchedUrls, this.storage)];
      }),
    );
    await Promise.all(
      [...touchedUrls].map(async (url) => {
        const page = await tx.objectStore('pages').get(url);
        const fallback: PageRecord = {
          url,
          title: '',
          siteName: hostOf(url),
          author: '',
          publishedAt: '',
          createdAt: this.now(),
          updatedAt: this.now(),
        };
        await tx
          .objectStore('pages')
          .put(await this.storage.withCounts(tx.objectStore('highlights'), page ?? fallback));
      }),
    );
    if (since) await tx.objectStore('sync').put({ key: since.name, value: since.seq });
    await tx.done;
    return applied;
  }
}

/** What this library holds now under a record key, as a sync value. */
async function localValue(
  tx: LedgerTx,
  entry: OutboxEntry,
  state: SyncDocState | undefined,
  storage: SyncStorage,
): Promise<SyncValue | null> {
  const { key } = entry;
  if (key === SETTINGS_KEY) {
    const stored = await tx.objectStore('settings').get('preferences');
    return { kind: 'settings', settings: syncedSettings(storage.withDefaults(stored?.value)) };
  }
  if (key.startsWith('p:')) {
    const page = await tx.objectStore('pages').get(key.slice(2));
    return page ? { kind: 'page', record: syncedPage(page) } : null;
  }
  if (isArticleKey(key)) return localArticleValue(tx, entry, state);
  const id = key.slice(2);
  const record = await tx.objectStore('highlights').get(id);
  if (record) return { kind: 'highlight', record };
  if (entry.tombstone) return { kind: 'tombstone', ...entry.tombstone };
  const base = state?.base as SyncValue | undefined;
  if (base?.kind === 'highlight') return { kind: 'tombstone', id, url: base.record.url, deletedAt: 0 };
  return base?.kind === 'tombstone' ? base : null;
}

/** A saved copy (or its deletion) or its reading state, as this library holds it now. */
async function localArticleValue(
  tx: LedgerTx,
  entry: OutboxEntry,
  state: SyncDocState | undefined,
): Promise<SyncValue | null> {
  const url = entry.key.slice(2);
  const meta = await tx.objectStore('articles').get(url);
  if (entry.key.startsWith('r:'))
    return meta ? { kind: 'reading', url, state: meta.state, progress: meta.progress } : null;
  const [body, text] = meta
    ? await Promise.all([tx.objectStore('articleBodies').get(url), tx.objectStore('articleTexts').get(url)])
    : [];
  if (meta && body) return articleValues(wholeCopy(meta, body, text))[0];
  if (entry.tombstone) return { kind: 'article-deleted', url, deletedAt: entry.tombstone.deletedAt };
  const base = state?.base as SyncValue | undefined;
  if (base?.kind === 'article') return { kind: 'article-deleted', url, deletedAt: 0 };
  return base?.kind === 'article-deleted' ? base : null;
}

async function writeLocal(
  tx: LedgerTx,
  value: SyncValue,
  applied: Applied,
  touchedUrls: Set<string>,
  storage: SyncStorage,
): Promise<void> {
  switch (value.kind) {
    case 'article': {
      const { html, text, ...facts } = value.article;
      const articles = tx.objectStore('articles');
      // Its reading state: as kept here, or as the server last sent it (it may have come first).
      const [here, reading] = await Promise.all([
        articles.get(facts.url),
        tx.objectStore('syncDocs').get(readingKey(facts.url)),
      ]);
      const sent = reading?.base as SyncValue | undefined;
      const read = here ?? (sent?.kind === 'reading' ? sent : { state: 'unread' as const, progress: 0 });
      await putCopy(tx, { ...facts, state: read.state, progress: read.progress }, html, text);
      applied.articles.push(facts.url);
      return;
    }
    case 'article-deleted': {
      const articles = tx.objectStore('articles');
      if (!(await articles.count(value.url))) return;
      // Its pictures kept offline here go with it (pictures are not synced: only this side has them).
      await deleteCopy(tx, value.url);
      applied.articles.push(value.url);
      return;
    }
    case 'reading': {
      const articles = tx.objectStore('articles');
      const here = await articles.get(value.url);
      // No copy here yet: the state waits in the document states until the copy comes.
      if (!here) return;
      await articles.put({ ...here, state: value.state, progress: value.progress });
      applied.articles.push(value.url);
      return;
    }
    case 'highlight': {
      await tx.objectStore('highlights').put(value.record);
      applied.upserted.push(value.record);
      touchedUrls.add(value.record.url);
      return;
    }
    case 'tombstone': {
      const stored = await tx.objectStore('highlights').get(value.id);
      if (!stored) return;
      await tx.objectStore('highlights').delete(value.id);
      applied.removed.push({ id: value.id, url: stored.url });
      touchedUrls.add(stored.url);
      return;
    }
    case 'page': {
      const current = await tx.objectStore('pages').get(value.record.url);
      await tx.objectStore('pages').put({
        ...value.record,
        highlightCount: current?.highlightCount ?? 0,
        lastHighlightAt: current?.lastHighlightAt ?? 0,
      });
      touchedUrls.add(value.record.url);
      applied.pagesChanged = true;
      return;
    }
    case 'settings': {
      const stored = await tx.objectStore('settings').get('preferences');
      const current = storage.withDefaults(stored?.value);
      await tx.objectStore('settings').put({ key: 'preferences', value: { ...current, ...value.settings } });
      applied.settingsChanged = true;
      return;
    }
  }
}
