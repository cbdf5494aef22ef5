/**
 * The library's IndexedDB schema and its upgrades. The schema is versioned; each version has one
 * upgrade step, and the steps run in order, so a database written by any released version opens
 * in the current one with every record intact. It runs in the extension's own contexts, never in
 * a content script: there `indexedDB` would belong to the web site.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type {
  HighlightColor,
  HighlightRecord,
  PageRecord,
  SavedArticle,
  Settings,
  StoredImage,
} from '../../shared/model';
import { hostOf } from '../../shared/urls';
import { withCounts } from './page-counts';

export const DB_NAME = 'clearmark';
export const DB_VERSION = 9;

export interface ClearmarkSchema extends DBSchema {
  pages: { key: string; value: PageRecord; indexes: { byUpdated: number } };
  highlights: {
    key: string;
    value: HighlightRecord;
    indexes: { byUrl: string; byCreated: number; byUpdated: number; byTag: string };
  };
  /** The user's settings under `preferences` (those of an older version may lack fields added since). */
  settings: { key: string; value: { key: string; value: Partial<Settings> } };
  /** What changed since sync last sent it: one entry per record key, written in the change's own transaction. */
  outbox: { key: string; value: OutboxEntry };
  /** Per synced record: its server document and the copy both sides last agreed on (sync-ledger.ts). */
  syncDocs: { key: string; value: SyncDocState; indexes: { byDocId: string } };
  /** The sync server, its keys and how far its changes have been read. */
  sync: { key: string; value: { key: string; value: unknown } };
  /** Saved articles as lists show them (no body): the Saved view reads these alone. */
  articles: { key: string; value: SavedArticleMeta; indexes: { bySaved: number } };
  /** Each saved article's HTML, read when the copy is opened (or carried whole: backup, sync). */
  articleBodies: { key: string; value: { url: string; html: string } };
  /** Each saved article's plain text, apart from its HTML: search's snippets and index read the text alone. */
  articleTexts: { key: string; value: { url: string; text: string } };
  /** The full-text index (search-service.ts), saved as MiniSearch's JSON with how many records it holds. */
  searchIndex: { key: string; value: { key: string; json: string; size: number } };
  /** Pictures of saved copies kept offline, under their article's address and their own. */
  articleImages: { key: string; value: StoredImage & { key: string; bytes: number }; indexes: { byArticle: string } };
}

/** A picture's key: its article's address and its own. */
export const imageKey = (article: string, src: string): string => `${article}\n${src}`;

/** A saved article without its body, as the `articles` store keeps it. */
export type SavedArticleMeta = Omit<SavedArticle, 'html' | 'text'>;

/** A saved article with its text and without its HTML (search reads these). */
export type SavedArticleText = SavedArticleMeta & { text: string };

/** A record changed locally and not yet sent. `token` tells a newer change from the one being sent. */
export interface OutboxEntry {
  key: string;
  token: string;
  /** For a deleted highlight: what its tombstone says. */
  tombstone?: { id: string; url: string; deletedAt: number };
}

export interface SyncDocState {
  key: string;
  docId: string;
  rev: string;
  /** The value at `rev`, as both this library and the server last had it (JSON of a SyncValue). */
  base: unknown;
}

export type Db = IDBPDatabase<ClearmarkSchema>;
type UpgradeTx = IDBPTransaction<ClearmarkSchema, StoreNames<ClearmarkSchema>[], 'versionchange'>;

/**
 * Upgrade steps, index i taking the database from version i to i + 1.
 * Version 1: highlights only, flat quote and offsets, indexed by page URL.
 * Version 2: a page store, selectors grouped as a W3C target, time indexes, settings.
 * Version 3: each page record counts its highlights and knows its newest one, so the library
 * lists a thousand pages without reading ten thousand highlights.
 * Version 4: highlights carry tags, indexed one entry per tag, so a tag is listed, filtered and
 * renamed without reading every highlight. Records from before keep no `tags` field (no tags).
 * Version 5: sync's stores (an outbox every change writes to in its own transaction, the state of
 * each synced document, the sync settings). Existing records are put in the outbox when sync is
 * first set up, not here.
 * Version 6: saved articles, their facts apart from their bodies, so that the Saved list reads
 * no article's text.
 * Version 7: the full-text index, kept so that a background that starts again need not rebuild it.
 * Version 8: saved copies' pictures kept offline (blobs), by article.
 * Version 9: a saved copy's text apart from its HTML, so that a search reads twenty articles' text
 * for its snippets without their HTML (half the bytes or less).
 */
const UPGRADES: ((db: Db, tx: UpgradeTx) => Promise<void> | void)[] = [
  (db) => {
    const highlights = db.createObjectStore('highlights', { keyPath: 'id' });
    highlights.createIndex('byUrl', 'url');
  },
  async (db, tx) => {
    const pages = db.createObjectStore('pages', { keyPath: 'url' });
    pages.createIndex('byUpdated', 'updatedAt');
    db.createObjectStore('settings', { keyPath: 'key' });
    const highlights = tx.objectStore('highlights');
    highlights.createIndex('byCreated', 'createdAt');
    highlights.createIndex('byUpdated', 'updatedAt');
    for (let cursor = await highlights.openCursor(); cursor; cursor = await cursor.continue()) {
      const v1 = cursor.value as unknown as V1Highlight;
      const record: HighlightRecord = {
        id: v1.id,
        url: v1.url,
        color: v1.color,
        note: v1.note ?? '',
        target: {
          quote: { type: 'TextQuoteSelector', exact: v1.exact, prefix: v1.prefix, suffix: v1.suffix },
          position: { type: 'TextPositionSelector', start: v1.start, end: v1.end },
        },
        createdAt: v1.createdAt,
        updatedAt: v1.createdAt,
      };
      await cursor.update(record);
      const page = await pages.get(v1.url);
      if (!page) {
        await pages.put({
          url: v1.url,
          title: '',
          siteName: hostOf(v1.url),
          createdAt: v1.createdAt,
          updatedAt: v1.createdAt,
        });
      } else if (v1.createdAt > page.updatedAt) {
        await pages.put({ ...page, updatedAt: v1.createdAt });
      }
    }
  },
  async (_db, tx) => {
    const pages = tx.objectStore('pages');
    for (let cursor = await pages.openCursor(); cursor; cursor = await cursor.continue()) {
      await cursor.update(await withCounts(tx.objectStore('highlights'), cursor.value));
    }
  },
  (_db, tx) => {
    tx.objectStore('highlights').createIndex('byTag', 'tags', { multiEntry: true });
  },
  (db) => {
    db.createObjectStore('outbox', { keyPath: 'key' });
    db.createObjectStore('syncDocs', { keyPath: 'key' }).createIndex('byDocId', 'docId');
    db.createObjectStore('sync', { keyPath: 'key' });
  },
  (db) => {
    db.createObjectStore('articles', { keyPath: 'url' }).createIndex('bySaved', 'savedAt');
    db.createObjectStore('articleBodies', { keyPath: 'url' });
  },
  (db) => {
    db.createObjectStore('searchIndex', { keyPath: 'key' });
  },
  (db) => {
    db.createObjectStore('articleImages', { keyPath: 'key' }).createIndex('byArticle', 'article');
  },
  async (db, tx) => {
    db.createObjectStore('articleTexts', { keyPath: 'url' });
    const bodies = tx.objectStore('articleBodies');
    const texts = tx.objectStore('articleTexts');
    for (let cursor = await bodies.openCursor(); cursor; cursor = await cursor.continue()) {
      const { url, html, text } = cursor.value as { url: string; html: string; text?: string };
      await Promise.all([texts.put({ url, text: text ?? '' }), cursor.update({ url, html })]);
    }
  },
];

/** A highlight as schema version 1 stored it. */
export interface V1Highlight {
  id: string;
  url: string;
  color: HighlightColor;
  note?: string;
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
  createdAt: number;
}

/** Opens (creating or upgrading) the database. `version` exists for migration tests. */
/** `terminated` hears of the browser closing the connection itself (a full disk, storage cleared). */
export function openDatabase(name = DB_NAME, version = DB_VERSION, terminated?: () => void): Promise<Db> {
  return openDB<ClearmarkSchema>(name, version, {
    ...(terminated ? { terminated } : {}),
    // idb waits for the upgrade's own requests; each step awaits only those of the upgrade transaction.
    // eslint-disable-next-line @typescript-eslint/no-misused-promises
    async upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) {
        const step = UPGRADES[v];
        if (!step) throw new Error(`No upgrade from version ${v} of the database`);
        await step(db, tx);
      }
    },
    blocking(_current, _next, event) {
      // A newer version wants to open: step aside rather than block it.
      (event.target as IDBDatabase).close();
    },
  });
}
