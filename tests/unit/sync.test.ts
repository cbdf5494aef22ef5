// @vitest-environment node
/**
 * Sync against a real CouchDB-compatible server (pouchdb-server, in memory, with an admin and
 * a members-only database), libraries in fake-indexeddb: the merge rules, the ledger, encryption,
 * the server's failures, and a property over random edits on three replicas.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Library } from '@/utils/background/storage';
import { arrivalNotices, SyncLedger } from '@/utils/background/sync/sync-ledger';
import { SyncService, type SyncHooks } from '@/utils/background/sync/sync-service';
import { mergeValues, type SyncValue } from '@/utils/engines/sync/sync-values';
import { deriveKeys, newSalt, seal, unseal } from '@/utils/background/sync/sync-crypto';
import type { ArticleCapture, HighlightRecord, PageInfo } from '@/utils/shared/model';
import { MEMBER, startSyncServer, type SyncServer } from '../sync-server';

let server: SyncServer;
beforeAll(async () => {
  server = await startSyncServer();
}, 120_000);
afterAll(async () => {
  await (server as SyncServer | undefined)?.close(); // unset when starting it failed
});

let count = 0;
const page: PageInfo = {
  url: 'https://news.example/story',
  title: 'Private title of the story',
  siteName: 'News Example',
};
const target = (exact: string, start: number) => ({
  quote: { type: 'TextQuoteSelector' as const, exact, prefix: 'before ', suffix: ' after' },
  position: { type: 'TextPositionSelector' as const, start, end: start + exact.length },
});

interface Replica {
  library: Library;
  sync: SyncService;
}

async function replica(hooks: SyncHooks = {}): Promise<Replica> {
  const library = await Library.open(`sync-test-${++count}`);
  return { library, sync: new SyncService(new SyncLedger(library.forSync()), { listen: false, ...hooks }) };
}

async function database(): Promise<string> {
  return server.database(`db-${++count}`);
}

const configure = (r: Replica, url: string, extra: { passphrase?: string; password?: string } = {}) =>
  r.sync.configure({
    url,
    username: MEMBER.username,
    password: extra.password ?? MEMBER.password,
    ...(extra.passphrase ? { passphrase: extra.passphrase } : {}),
  });

const record = (over: Partial<HighlightRecord>): HighlightRecord => ({
  id: 'h1',
  url: page.url,
  color: 'yellow',
  note: '',
  target: target('quoted words', 10),
  createdAt: 1,
  updatedAt: 1,
  ...over,
});
const h = (over: Partial<HighlightRecord>): SyncValue => ({ kind: 'highlight', record: record(over) });
const essay = { url: 'https://birds.example/pelicans', title: 'Pelican essay' };
const article = (text: string): ArticleCapture => ({
  ...essay,
  byline: 'A. Birder',
  published: '2026-01-02',
  site: 'Birds',
  lang: 'en',
  dir: 'ltr',
  html: `<p>${text}</p>`,
  text,
  words: text.split(' ').length,
  readingMinutes: 1,
  leadImage: '',
});

describe('merging two copies of one record', () => {
  it('takes each side’s change to a different field', () => {
    const base = h({ note: 'n' });
    const merged = mergeValues(
      base,
      h({ color: 'blue', note: 'n', updatedAt: 2 }),
      h({ note: 'n', tags: ['x'], updatedAt: 3 }),
    );
    expect(merged).toMatchObject({
      kind: 'highlight',
      record: { color: 'blue', note: 'n', tags: ['x'], updatedAt: 3 },
    });
  });

  it('keeps both texts when both sides wrote a note', () => {
    const merged = mergeValues(
      h({ note: 'first' }),
      h({ note: 'first, from the laptop', updatedAt: 2 }),
      h({ note: 'first, from the desktop', updatedAt: 3 }),
    );
    expect(merged.kind === 'highlight' && merged.record.note).toBe('first, from the desktop\n\nfirst, from the laptop');
  });

  it('applies both sides’ tag additions and removals', () => {
    const merged = mergeValues(
      h({ tags: ['a', 'b'] }),
      h({ tags: ['a', 'c'], updatedAt: 2 }),
      h({ tags: ['b', 'd'], updatedAt: 3 }),
    );
    expect(merged.kind === 'highlight' && merged.record.tags).toEqual(['d', 'c']);
  });

  it('brings back a highlight deleted on one side and edited on the other; deleted and unchanged stays deleted', () => {
    const base = h({});
    const tombstone: SyncValue = { kind: 'tombstone', id: 'h1', url: page.url, deletedAt: 5 };
    expect(mergeValues(base, tombstone, h({ note: 'edited', updatedAt: 3 }))).toMatchObject({
      kind: 'highlight',
      record: { note: 'edited' },
    });
    expect(mergeValues(base, h({ note: 'edited', updatedAt: 3 }), tombstone)).toMatchObject({
      kind: 'highlight',
      record: { note: 'edited' },
    });
    expect(mergeValues(base, tombstone, base)).toEqual(tombstone);
  });
});

describe('telling views, and hearing of changes', () => {
  it('turns what a pass brought into one notice per page, or one for everything after a large first sync', () => {
    const none = { changed: 1, upserted: [], removed: [], pagesChanged: false, settingsChanged: false, articles: [] };
    const one = record({ id: 'a' });
    expect(
      arrivalNotices([{ ...none, upserted: [one], removed: [{ id: 'b', url: 'https://other.example/' }] }]),
    ).toEqual([
      { type: 'highlights:changed', url: page.url, upserted: [one], removed: [] },
      { type: 'highlights:changed', url: 'https://other.example/', upserted: [], removed: ['b'] },
    ]);
    const many = Array.from({ length: 21 }, (_, i) => record({ id: `h${i}`, url: `https://news.example/${i}` }));
    expect(arrivalNotices([{ ...none, upserted: many }])).toEqual([
      { type: 'highlights:changed', url: '*', upserted: [], removed: [] },
    ]);
    expect(arrivalNotices([{ ...none, settingsChanged: true }])).toEqual([
      { type: 'highlights:changed', url: '*', upserted: [], removed: [] },
    ]);
    expect(arrivalNotices([{ ...none, changed: 0 }])).toEqual([]);
    // A saved copy that came: its page's views read again, with no highlight changed.
    expect(arrivalNotices([{ ...none, articles: [page.url] }])).toEqual([
      { type: 'highlights:changed', url: page.url, upserted: [], removed: [] },
    ]);
  });

  it('the library tells sync of every committed change it must send, and not of the backup date', async () => {
    const library = await Library.open(`sync-test-${++count}`);
    let heard = 0;
    library.onUnsent(() => heard++);
    const made = await library.create({ page, color: 'yellow', note: '', target: target('heard words', 1) });
    await library.update(made.id, { note: 'n', tags: ['t'] });
    await library.renameTag('t', 'u');
    await library.updateSettings({ reader: { theme: 'dark' } });
    await library.delete(made.id);
    await library.restore(made);
    expect(heard).toBe(6);
    await library.markBackedUp();
    expect(heard).toBe(6);
  });
});

describe('sync with a CouchDB server', () => {
  it('sends a library to the server and a fresh profile gets all of it: pages, highlights, tags, deletions, settings', async () => {
    const url = await database();
    const laptop = await replica();
    const kept = await laptop.library.create({
      page,
      color: 'green',
      note: 'my note',
      target: target('kept words', 5),
      tags: ['research'],
    });
    const gone = await laptop.library.create({ page, color: 'blue', note: '', target: target('gone words', 40) });
    await laptop.library.updateSettings({ reader: { theme: 'sepia', size: 4 } });
    await configure(laptop, url);
    expect(await laptop.sync.syncNow()).toMatchObject({ pulled: 0 });
    expect((await laptop.sync.status()).pending).toBe(0);

    const desktop = await replica();
    await configure(desktop, url);
    // Setting up starts a pass by itself; this one ends after it, with everything here.
    await desktop.sync.syncNow();
    expect((await desktop.library.page(page.url)).highlights.map((x) => x.id).sort()).toEqual(
      [kept.id, gone.id].sort(),
    );
    expect((await desktop.library.page(page.url)).page).toMatchObject({ title: page.title, highlightCount: 2 });
    expect((await desktop.library.settings()).reader).toMatchObject({ theme: 'sepia', size: 4 });
    expect(await desktop.library.tags()).toEqual([{ tag: 'research', count: 1 }]);

    // A deletion travels as a tombstone; undo (restore) travels too.
    await laptop.library.delete(gone.id);
    await laptop.sync.syncNow();
    await desktop.sync.syncNow();
    expect((await desktop.library.page(page.url)).highlights.map((x) => x.id)).toEqual([kept.id]);
    await laptop.library.restore(gone);
    await laptop.sync.syncNow();
    await desktop.sync.syncNow();
    expect((await desktop.library.page(page.url)).highlights.map((x) => x.id).sort()).toEqual(
      [kept.id, gone.id].sort(),
    );
    expect((await desktop.library.page(page.url)).page?.highlightCount).toBe(2);
  }, 60_000);

  it('an import made before sync is set up waits in no outbox, and the first pass sends it all; one made after is sent by the next', async () => {
    const url = await database();
    const laptop = await replica();
    const file = (ids: string[], at: number) => ({
      pages: [{ ...page, createdAt: at, updatedAt: at }],
      highlights: ids.map((id, i) => record({ id, target: target(`imported words ${id}`, 20 * i), createdAt: at })),
      settings: {},
    });
    await laptop.library.importRecords(file(['i1', 'i2', 'i3'], 5));
    expect(await new SyncLedger(laptop.library.forSync()).pendingCount()).toBe(0);
    expect((await laptop.library.page(page.url)).page).toMatchObject({ highlightCount: 3, lastHighlightAt: 5 });
    await configure(laptop, url);
    await laptop.sync.syncNow();
    await laptop.library.importRecords(file(['i4', 'i5'], 9));
    // Page and two highlights.
    expect((await laptop.sync.status()).pending).toBe(3);
    await laptop.sync.syncNow();

    const desktop = await replica();
    await configure(desktop, url);
    await desktop.sync.syncNow();
    expect((await desktop.library.page(page.url)).highlights.map((x) => x.id).sort()).toEqual([
      'i1',
      'i2',
      'i3',
      'i4',
      'i5',
    ]);
    expect((await desktop.library.page(page.url)).page).toMatchObject({ highlightCount: 5, lastHighlightAt: 9 });
  }, 60_000);

  it('a PDF’s highlights travel under its fingerprint, with their page and the address the file was read from, encrypted', async () => {
    const url = await database();
    const laptop = await replica();
    const pdf = {
      url: 'urn:x-pdf:6b1f0c5e2a9d4c3b8e7f6a5d4c3b2a19',
      title: 'Private report on the tides',
      siteName: 'Tides Example',
      source: 'https://tides.example/reports/tides.pdf',
    };
    const made = await laptop.library.create({
      page: pdf,
      color: 'blue',
      note: 'my private reading note',
      target: { ...target('the spring tide rises', 4_210), page: 3 },
    });
    await configure(laptop, url, { passphrase: 'correct horse battery staple' });
    await laptop.sync.syncNow();
    const raw = JSON.stringify(await server.rawDocs(url.split('/').pop()));
    for (const secret of ['spring tide', 'private reading note', 'Private report', 'tides.example'])
      expect(raw).not.toContain(secret);

    const desktop = await replica();
    await configure(desktop, url, { passphrase: 'correct horse battery staple' });
    await desktop.sync.syncNow();
    const there = await desktop.library.page(pdf.url);
    expect(there.page).toMatchObject({ ...pdf, highlightCount: 1 });
    expect(there.highlights).toEqual([made]);
    expect(there.highlights[0]!.target.page).toBe(3);
  }, 60_000);

  it('merges edits made on two devices while apart: different fields, both notes, an edit over a deletion', async () => {
    const url = await database();
    const a = await replica();
    const b = await replica();
    const one = await a.library.create({ page, color: 'yellow', note: 'start', target: target('first words', 1) });
    const two = await a.library.create({ page, color: 'yellow', note: '', target: target('second words', 30) });
    await configure(a, url);
    await a.sync.syncNow();
    await configure(b, url);
    await b.sync.syncNow();

    // Apart: a changes one's color and note, b changes one's note and deletes... no: b edits two, a deletes two.
    await a.library.update(one.id, { color: 'pink', note: 'start — laptop' });
    await b.library.update(one.id, { note: 'start — desktop', tags: ['b-tag'] });
    await a.library.delete(two.id);
    await b.library.update(two.id, { note: 'still wanted' });
    await a.sync.syncNow();
    await b.sync.syncNow();
    await a.sync.syncNow();

    for (const r of [a, b]) {
      const { highlights } = await r.library.page(page.url);
      const merged = highlights.find((x) => x.id === one.id)!;
      expect(merged.color).toBe('pink');
      expect(merged.note).toContain('start — laptop');
      expect(merged.note).toContain('start — desktop');
      expect(merged.tags).toEqual(['b-tag']);
      expect(highlights.find((x) => x.id === two.id)?.note).toBe('still wanted');
    }
    expect(await a.library.page(page.url)).toEqual(await b.library.page(page.url));
  }, 60_000);

  it('stores only ciphertext with a passphrase, and refuses a wrong passphrase without writing anything', async () => {
    const url = await database();
    const a = await replica();
    await a.library.create({
      page,
      color: 'yellow',
      note: 'a secret note',
      target: target('a quoted sentence', 3),
      tags: ['secret-tag'],
    });
    await configure(a, url, { passphrase: 'correct horse battery staple' });
    await a.sync.syncNow();

    const raw = JSON.stringify(await server.rawDocs(url.split('/').pop()));
    for (const secret of ['a secret note', 'a quoted sentence', 'secret-tag', page.title, 'news.example', 'story'])
      expect(raw).not.toContain(secret);
    expect(raw).toContain('"iterations":600000');

    const b = await replica();
    const before = await b.library.everything();
    await expect(configure(b, url, { passphrase: 'wrong passphrase' })).rejects.toThrow(
      'That passphrase does not open the library on this server.',
    );
    await expect(configure(b, url)).rejects.toThrow('The library on this server is encrypted: enter its passphrase.');
    expect(await b.library.everything()).toEqual(before);
    expect((await b.sync.status()).state).toBe('off');

    await configure(b, url, { passphrase: 'correct horse battery staple' });
    await b.sync.syncNow();
    expect((await b.library.page(page.url)).highlights[0]).toMatchObject({
      note: 'a secret note',
      tags: ['secret-tag'],
    });
  }, 120_000);

  it('carries saved copies and how far they were read to an encrypted library — never the article words in the clear', async () => {
    const url = await database();
    const a = await replica();
    await a.library.saveArticle(article('A body sentence nobody else wrote, about pelicans.'));
    await configure(a, url, { passphrase: 'correct horse battery staple' });
    await a.sync.syncNow();
    const raw = JSON.stringify(await server.rawDocs(url.split('/').pop()));
    for (const secret of ['pelicans', 'Pelican essay', 'birds.example']) expect(raw).not.toContain(secret);

    const b = await replica();
    await configure(b, url, { passphrase: 'correct horse battery staple' });
    await b.sync.syncNow();
    expect(await b.library.savedArticle(essay.url)).toMatchObject({
      title: 'Pelican essay',
      text: 'A body sentence nobody else wrote, about pelicans.',
      state: 'unread',
    });

    // Reading on one side, archiving on the other while apart: both kept, and the further state wins.
    await b.library.updateSaved(essay.url, { progress: 0.6 });
    await a.library.updateSaved(essay.url, { state: 'archived' });
    await b.sync.syncNow();
    await a.sync.syncNow();
    await b.sync.syncNow();
    for (const r of [a, b])
      expect(await r.library.savedArticle(essay.url)).toMatchObject({ state: 'archived', progress: 0.6 });

    // Taken again on one side: the newer copy everywhere. Deleted: gone everywhere, its highlights untouched.
    await a.library.saveArticle({
      ...article('A longer body sentence nobody else wrote, about pelicans and their pouches.'),
      url: essay.url,
    });
    await a.sync.syncNow();
    await b.sync.syncNow();
    expect((await b.library.savedArticle(essay.url)).text).toContain('pouches');
    await b.library.create({
      page: { url: essay.url, title: 'Pelican essay', siteName: 'Birds' },
      color: 'yellow',
      note: '',
      target: target('pelicans', 40),
    });
    // Its pictures kept offline on one side (they are not synced) go with the copy deleted on the other.
    await a.library.putArticleImages(essay.url, [
      { src: 'https://birds.example/pelican.png', blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }) },
    ]);
    expect((await a.library.articleImages(essay.url)).size).toBe(1);
    await b.library.deleteSaved(essay.url);
    await b.sync.syncNow();
    await a.sync.syncNow();
    expect(await a.library.isSaved(essay.url)).toBe(false);
    expect((await a.library.page(essay.url)).highlights).toHaveLength(1);
    expect((await a.library.articleImages(essay.url)).size).toBe(0);
    expect(await a.library.storageUse()).toMatchObject({ copies: 0, images: 0, imageBytes: 0 });
  }, 120_000);

  it('reads a server holding more saved copies than one answer may carry in parts, and sends them in batches', async () => {
    const url = await database();
    const a = await replica();
    const words = (i: number) => Array.from({ length: 4_000 }, (_, w) => `word${(w * 7 + i) % 997}`).join(' ');
    for (let i = 0; i < 12; i++)
      await a.library.saveArticle({
        ...article(`Copy ${i}: ${words(i)}`),
        url: `https://birds.example/${i}`,
        title: `Copy ${i}`,
      });
    await configure(a, url, { passphrase: 'correct horse battery staple' });
    await a.sync.syncNow();
    expect(await a.sync.status()).toMatchObject({ pending: 0 });
    // Each copy's document is about 90 KB sealed: a reader of 200 KB at a time must ask in parts.
    const b = await replica({ maxAnswerBytes: 200_000 });
    await configure(b, url, { passphrase: 'correct horse battery staple' });
    await b.sync.syncNow();
    expect((await b.library.savedUrls()).length).toBe(12);
    expect((await b.library.savedArticle('https://birds.example/7')).text).toBe(`Copy 7: ${words(7)}`);
  }, 120_000);

  it('a server that refuses a copy as too large (413) takes the rest; the copy stays here and the status says so', async () => {
    const url = await database();
    const limit = 150_000;
    // A proxy's or CouchDB's size limit: any _bulk_docs request bigger than `limit` is refused whole.
    const strict: typeof fetch = async (input, init) =>
      (input instanceof Request ? input.url : input.toString()).endsWith('/_bulk_docs') &&
      typeof init?.body === 'string' &&
      init.body.length > limit
        ? new Response('{"error":"too_large"}', { status: 413 })
        : fetch(input, init);
    const a = await replica({ fetch: strict });
    await a.library.saveArticle({
      ...article(`A very long read about ospreys. ${'osprey '.repeat(30_000)}`),
      url: 'https://birds.example/long',
      title: 'Long',
    });
    for (let i = 0; i < 3; i++)
      await a.library.saveArticle({
        ...article(`Short piece ${i} about terns.`),
        url: `https://birds.example/short-${i}`,
      });
    await a.library.create({ page, color: 'yellow', note: '', target: target('quoted words', 10) });
    await configure(a, url, { passphrase: 'correct horse battery staple' });
    await a.sync.syncNow();
    expect(await a.sync.status()).toMatchObject({
      pending: 0,
      error: '1 saved article is larger than this server takes and stays on this device.',
    });
    expect(await a.library.isSaved('https://birds.example/long')).toBe(true);
    const b = await replica();
    await configure(b, url, { passphrase: 'correct horse battery staple' });
    await b.sync.syncNow();
    expect((await b.library.savedUrls()).sort()).toEqual([
      'https://birds.example/short-0',
      'https://birds.example/short-1',
      'https://birds.example/short-2',
    ]);
    expect((await b.library.page(page.url)).highlights).toHaveLength(1);
  }, 120_000);

  it('keeps saved copies on the device when the library on the server is not encrypted', async () => {
    const url = await database();
    const a = await replica();
    await a.library.saveArticle(article('A body sentence about herons.'));
    await a.library.create({ page, color: 'yellow', note: '', target: target('quoted words', 10) });
    await configure(a, url);
    await a.sync.syncNow();
    expect(await a.sync.status()).toMatchObject({ pending: 0 });
    const raw = JSON.stringify(await server.rawDocs(url.split('/').pop()));
    expect(raw).toContain('quoted words');
    expect(raw).not.toContain('herons');
    const b = await replica();
    await configure(b, url);
    await b.sync.syncNow();
    expect(await b.library.isSaved(essay.url)).toBe(false);
    expect(await a.library.isSaved(essay.url)).toBe(true);
  }, 120_000);

  it('says when the server refuses the password, and keeps nothing of that setup', async () => {
    const a = await replica();
    await expect(configure(a, await database(), { password: 'not the password' })).rejects.toThrow(
      'The server refused the password',
    );
    expect((await a.sync.status()).state).toBe('off');
  }, 30_000);

  it('leaves local data untouched when the server is down, answers 500 or garbage, and sends it all when the server is back', async () => {
    const url = await database();
    let mode: 'real' | 'down' | '500' | 'garbage' = 'real';
    const fetchFn: typeof fetch = async (input, init) => {
      if (mode === 'down') throw new TypeError('Failed to fetch');
      if (mode === '500') return new Response('{"error":"internal"}', { status: 500 });
      if (mode === 'garbage') return new Response('<html>Welcome to nginx</html>', { status: 200 });
      return fetch(input, init);
    };
    const library = await Library.open(`sync-test-${++count}`);
    const sync = new SyncService(new SyncLedger(library.forSync()), { listen: false, fetch: fetchFn });
    await configure({ library, sync }, url);
    await sync.syncNow();
    const made = await library.create({
      page,
      color: 'yellow',
      note: 'written offline',
      target: target('offline words', 2),
    });
    for (const [m, words] of [
      ['down', "Can't reach 127.0.0.1"],
      ['500', 'had a problem (error 500)'],
      ['garbage', 'answered something that is not CouchDB'],
    ] as const) {
      mode = m;
      await expect(sync.syncNow()).rejects.toThrow(words);
      const status = await sync.status();
      expect(status).toMatchObject({ state: 'offline', pending: 2 });
      expect(status.error).toContain('will retry');
      expect((await library.page(page.url)).highlights.map((x) => x.id)).toEqual([made.id]);
    }
    mode = 'real';
    expect((await sync.syncNow()).pushed).toBe(2);
    expect(await sync.status()).toMatchObject({ state: 'idle', pending: 0 });
    const fresh = await replica();
    await configure(fresh, url);
    await fresh.sync.syncNow();
    expect((await fresh.library.page(page.url)).highlights[0]?.note).toBe('written offline');
    await sync.turnOff();
  }, 60_000);

  it('turned off or forgotten in the middle of a pass: once it answers, nothing more is sent to the server', async () => {
    const url = await database();
    let bulkDocs = 0;
    let release: () => void = () => undefined;
    const held = new Promise<void>((done) => (release = done));
    let heard: () => void = () => undefined;
    const firstBatch = new Promise<void>((done) => (heard = done));
    const fetchFn: typeof fetch = async (input, init) => {
      // Batches of records (not the library document the setup writes): the first one is held.
      const body = typeof init?.body === 'string' ? init.body : '';
      if (
        (input instanceof Request ? input.url : input.toString()).includes('/_bulk_docs') &&
        body.length > 20_000 &&
        ++bulkDocs === 1
      ) {
        heard();
        await held;
      }
      return fetch(input, init);
    };
    const library = await Library.open(`sync-test-${++count}`);
    for (let i = 0; i < 600; i++)
      await library.create({ page, color: 'yellow', note: '', target: target(`words number ${i}`, i * 20) });
    const sync = new SyncService(new SyncLedger(library.forSync()), { listen: false, fetch: fetchFn });
    await configure({ library, sync }, url);
    await firstBatch; // the first of two batches is on its way
    const forgotten = sync.forget();
    release();
    await forgotten;
    const after = (await server.rawDocs(url.split('/').pop())).length;
    await new Promise((r) => setTimeout(r, 500));
    expect(bulkDocs).toBe(1);
    expect((await server.rawDocs(url.split('/').pop())).length).toBe(after);
    expect((await sync.status()).state).toBe('off');
    expect((await library.page(page.url)).highlights).toHaveLength(600);
  }, 120_000);

  it('a slow server times out as unreachable, a password changed on the server or a 403 is an error that waits for the user, and a server back up gets the change by itself (backoff)', async () => {
    const url = await database();
    let mode: 'real' | 'slow' | '401' | '403' | 'down' = 'real';
    const fetchFn: typeof fetch = async (input, init) => {
      if (mode === 'slow') {
        // Never answers: only the request's own time limit ends it.
        return new Promise((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(new DOMException('timed out', 'TimeoutError'))),
        );
      }
      if (mode === '401')
        return new Response('{"error":"unauthorized","reason":"Name or password is incorrect."}', { status: 401 });
      if (mode === '403') return new Response('{"error":"forbidden","reason":"not a member"}', { status: 403 });
      if (mode === 'down') throw new TypeError('Failed to fetch');
      return fetch(input, init);
    };
    const library = await Library.open(`sync-test-${++count}`);
    const sync = new SyncService(new SyncLedger(library.forSync()), {
      listen: false,
      fetch: fetchFn,
      requestTimeoutMs: 500,
    });
    await configure({ library, sync }, url);
    await sync.syncNow();
    await library.create({ page, color: 'yellow', note: 'while it was slow', target: target('slow words', 2) });
    mode = 'slow';
    await expect(sync.syncNow()).rejects.toThrow('did not answer in time — will retry');
    expect(await sync.status()).toMatchObject({ state: 'offline', pending: 2 });
    mode = '401';
    await expect(sync.syncNow()).rejects.toThrow('The server refused the password');
    expect(await sync.status()).toMatchObject({ state: 'error', pending: 2 });
    mode = '403';
    await expect(sync.syncNow()).rejects.toThrow('does not let this account use the database');
    expect(await sync.status()).toMatchObject({ state: 'error', pending: 2 });
    expect((await library.page(page.url)).highlights).toHaveLength(1);
    // Fixed on the server (the account let in again): the slow retry gets through by itself.
    mode = 'real';
    const fixedBy = Date.now() + 60_000;
    while ((await sync.status()).state !== 'idle' && Date.now() < fixedBy) await new Promise((r) => setTimeout(r, 100));
    expect(await sync.status()).toMatchObject({ state: 'idle', pending: 0 });
    // Down, then back: the retry after the backoff (2 s after a first failure) sends it without anyone asking.
    await library.create({ page, color: 'blue', note: 'while it was down', target: target('down words', 30) });
    mode = 'down';
    await expect(sync.syncNow()).rejects.toThrow("Can't reach");
    expect(await sync.status()).toMatchObject({ state: 'offline', pending: 2 });
    mode = 'real';
    const deadline = Date.now() + 60_000;
    const settled = async () => {
      const s = await sync.status();
      return s.state === 'idle' && s.pending === 0;
    };
    while (!(await settled()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await sync.status()).toMatchObject({ state: 'idle', pending: 0 });
    await sync.turnOff();
  }, 90_000);

  it('puts the library back on a server that lost it (a wiped database), and refuses one that now holds another library', async () => {
    const name = `db-${++count}`;
    const url = await server.database(name);
    const a = await replica();
    await a.library.create({ page, color: 'green', note: 'survives the wipe', target: target('wiped words', 4) });
    await configure(a, url, { passphrase: 'pass phrase' });
    await a.sync.syncNow();
    const before = (await server.rawDocs(name)).length;
    // The database is deleted and made again, empty.
    await server.recreate(name);
    expect(await server.rawDocs(name)).toHaveLength(0);
    await a.sync.syncNow();
    expect((await server.rawDocs(name)).length).toBe(before);
    const b = await replica();
    await configure(b, url, { passphrase: 'pass phrase' });
    await b.sync.syncNow();
    expect((await b.library.page(page.url)).highlights[0]?.note).toBe('survives the wipe');

    // Another library in its place: a's pass is refused, in words, and writes nothing.
    await server.recreate(name);
    const c = await replica();
    await configure(c, url);
    await expect(a.sync.syncNow()).rejects.toThrow('The sync database now holds another library');
    expect(await a.sync.status()).toMatchObject({ state: 'error' });
  }, 60_000);

  it('moves through its states by the table: a pass, a wiped server put back, a full disk here (offline, tried again, idle once there is room)', async () => {
    const name = `db-${++count}`;
    const url = await server.database(name);
    const states: string[] = [];
    class DiskThatFills extends SyncLedger {
      full = false;
      override async write(key: string, value: unknown): Promise<void> {
        if (this.full) throw new DOMException('The disk is full', 'QuotaExceededError');
        return super.write(key, value);
      }
    }
    const library = await Library.open(`sync-test-${++count}`);
    const ledger = new DiskThatFills(library.forSync());
    const sync = new SyncService(ledger, { listen: false, statusChanged: (status) => states.push(status.state) });
    // The status is told to open views as it changes, a moment after (it counts what is unsent): wait for the last word.
    const told = async (state: string) => {
      for (let waited = 0; states.at(-1) !== state && waited < 120_000; waited += 100)
        await new Promise((r) => setTimeout(r, 100));
      return states.at(-1);
    };
    await library.create({ page, color: 'green', note: 'through every state', target: target('state words', 4) });
    await sync.configure({ url, username: MEMBER.username, password: MEMBER.password });
    await sync.syncNow();
    expect((await sync.status()).state).toBe('idle');
    expect(states).toContain('syncing');

    // The server's database is wiped: the next pass puts the library back, and ends idle.
    await server.recreate(name);
    states.length = 0;
    await sync.syncNow();
    expect((await sync.status()).state).toBe('idle');
    expect(states[0]).toBe('syncing');
    expect(await told('idle')).toBe('idle');
    expect(JSON.stringify(await server.rawDocs(name))).toContain('through every state');

    // The disk fills during a pass: offline, in words, and tried again by itself.
    await library.create({
      page,
      color: 'pink',
      note: 'written before the disk filled',
      target: target('full words', 40),
    });
    ledger.full = true;
    states.length = 0;
    await expect(sync.syncNow()).rejects.toThrow('The disk is full');
    expect(await sync.status()).toMatchObject({ state: 'offline', error: 'The disk is full' });
    ledger.full = false;
    expect(await told('idle')).toBe('idle');
    expect(await sync.status()).toMatchObject({ state: 'idle' });
    expect(states).toEqual(expect.arrayContaining(['syncing', 'offline', 'idle']));
    expect(states.indexOf('offline')).toBeLessThan(states.lastIndexOf('idle'));
    expect(JSON.stringify(await server.rawDocs(name))).toContain('written before the disk filled');
    await sync.turnOff();
    expect((await sync.status()).state).toBe('off');
    library.close();
  }, 180_000);

  it('a database wiped and made again while two devices sync: both end with every record (the feed starting over is noticed)', async () => {
    const name = `db-${++count}`;
    const url = await server.database(name);
    const [a, b] = [await replica(), await replica()];
    for (let i = 0; i < 20; i++)
      await a.library.create({ page, color: 'green', note: `a ${i}`, target: target(`words of a ${i}`, i * 40) });
    await configure(a, url, { passphrase: 'pass phrase' });
    await a.sync.syncNow();
    await configure(b, url, { passphrase: 'pass phrase' });
    for (let i = 0; i < 20; i++)
      await b.library.create({ page, color: 'blue', note: `b ${i}`, target: target(`words of b ${i}`, 2000 + i * 40) });
    await b.sync.syncNow();
    await a.sync.syncNow();
    // b's last ten reach the server but not a.
    for (let i = 20; i < 30; i++)
      await b.library.create({ page, color: 'blue', note: `b ${i}`, target: target(`words of b ${i}`, 2000 + i * 40) });
    await b.sync.syncNow();
    const notes = async (r: Replica) => (await r.library.page(page.url)).highlights.map((h) => h.note).sort();
    expect((await notes(b)).length).toBe(50);
    expect((await notes(a)).length).toBe(40);

    await server.recreate(name);
    await a.sync.syncNow(); // a puts the library back with what it has
    await b.sync.syncNow(); // b must notice that this is not the database it knew
    await a.sync.syncNow();
    expect(await notes(a)).toEqual(await notes(b));
    expect((await notes(a)).length).toBe(50);
    const docs = (await server.rawDocs(name)).filter((d) => d._id !== 'clearmark-library');
    // 50 highlights and one page document (and the settings); nothing doubled.
    expect(docs.length).toBe(52);
    expect(await a.sync.status()).toMatchObject({ state: 'idle', pending: 0 });
    expect(await b.sync.status()).toMatchObject({ state: 'idle', pending: 0 });
  }, 120_000);

  it('a database put back from an older copy (its changes feed starts over, the library document the same): the device notices and sends what the server lacks', async () => {
    const name = `db-${++count}`;
    const url = await server.database(name);
    const a = await replica();
    await a.library.create({ page, color: 'green', note: 'before the copy', target: target('first words', 4) });
    await configure(a, url);
    await a.sync.syncNow();
    const copy = (await server.rawDocs(name)).map(({ _rev: _r, ...doc }) => doc);
    for (let i = 0; i < 30; i++)
      await a.library.create({
        page,
        color: 'green',
        note: `after the copy ${i}`,
        target: target(`later words ${i}`, 100 + i * 40),
      });
    await a.sync.syncNow();
    // The server is restored from the older copy: fewer changes than a has read.
    await server.recreate(name);
    await server.putRaw(name, copy);
    await a.sync.syncNow();
    const onServer = (await server.rawDocs(name)).filter((d) => d._id !== 'clearmark-library');
    expect(onServer.length).toBe(33);
    const b = await replica();
    await configure(b, url);
    await b.sync.syncNow();
    expect((await b.library.page(page.url)).highlights.length).toBe(31);
  }, 120_000);

  it('leaves alone what it cannot read on the server — garbage, a ciphertext moved to another id, a malformed record — and syncs the rest', async () => {
    const name = `db-${++count}`;
    const url = await server.database(name);
    const a = await replica();
    await a.library.create({ page, color: 'yellow', note: 'good one', target: target('good words', 1) });
    await configure(a, url, { passphrase: 'pass phrase' });
    await a.sync.syncNow();
    const sealed = (await server.rawDocs(name)).find(
      (d) => typeof d._id === 'string' && d._id.startsWith('x') && d.sealed,
    ) as { _id: string; sealed: unknown };
    await server.putRaw(name, [
      { _id: 'xjunk', clearmark: 1, sealed: { iv: 'AAAAAAAAAAAAAAAA', data: 'not ciphertext' } },
      { _id: 'xmoved', clearmark: 1, sealed: sealed.sealed },
      { _id: 'plain-garbage', hello: 'world' },
      { _id: '_design/app', views: {} },
    ]);
    const b = await replica();
    await configure(b, url, { passphrase: 'pass phrase' });
    await b.sync.syncNow();
    expect((await b.library.everything()).highlights.map((h) => h.note)).toEqual(['good one']);
    expect((await b.sync.status()).error).toBe('3 documents on the server could not be read and were left alone.');
    expect((await server.rawDocs(name)).some((d) => d._id === 'xjunk')).toBe(true);
  }, 60_000);

  it('merges a document that other CouchDB replication left in conflict, and removes the losing revisions', async () => {
    const name = `db-${++count}`;
    const url = await server.database(name);
    const a = await replica();
    const made = await a.library.create({
      page,
      color: 'yellow',
      note: 'first',
      target: target('conflicted words', 3),
    });
    await configure(a, url);
    await a.sync.syncNow();
    const id = `h:${made.id}`;
    const current = await server.rawDoc(name, id);
    const parent = String(current._rev).split('-')[1];
    const sibling = (hash: string, note: string, color: string) => ({
      _id: id,
      _rev: `2-${hash}`,
      _revisions: { start: 2, ids: [hash, parent] },
      clearmark: 1,
      value: { kind: 'highlight', record: { ...made, note, color, updatedAt: made.updatedAt + 1 } },
    });
    // Two servers replicated into this one, each with its own edit of the same revision.
    await server.putRaw(
      name,
      [
        sibling('a'.repeat(32), 'first, edited on server one', 'pink'),
        sibling('b'.repeat(32), 'first, edited on server two', 'pink'),
      ],
      { newEdits: false },
    );
    expect((await server.rawDoc(name, id))._conflicts).toHaveLength(1);
    await a.sync.syncNow();
    const note = (await a.library.page(page.url)).highlights[0]!.note;
    expect(note).toContain('edited on server one');
    expect(note).toContain('edited on server two');
    expect((await server.rawDoc(name, id))._conflicts ?? []).toHaveLength(0);
    const b = await replica();
    await configure(b, url);
    await b.sync.syncNow();
    expect((await b.library.page(page.url)).highlights[0]).toMatchObject({ note, color: 'pink' });
  }, 60_000);

  it('keeps the keys as non-extractable CryptoKeys: usable, never readable', async () => {
    const keys = await deriveKeys('a passphrase', newSalt());
    expect(keys.contents.extractable).toBe(false);
    expect(keys.names.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', keys.contents)).rejects.toThrow();
    const sealed = await seal(keys, 'x1', { secret: 'words' });
    expect(await unseal(keys, 'x1', sealed)).toEqual({ secret: 'words' });
    // Moved to another id, it does not open.
    await expect(unseal(keys, 'x2', sealed)).rejects.toThrow();
  });
});

describe('three replicas, random edits, deletes, offline periods and syncs (property, real server)', () => {
  type Op =
    | { kind: 'create'; r: number }
    | { kind: 'note'; r: number; pick: number }
    | { kind: 'tag'; r: number; pick: number }
    | { kind: 'color'; r: number; pick: number; color: 'blue' | 'pink' }
    | { kind: 'delete'; r: number; pick: number }
    | { kind: 'sync'; r: number };
  const r = fc.integer({ min: 0, max: 2 });
  const pick = fc.nat(20);
  const op: fc.Arbitrary<Op> = fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant('create' as const), r }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('note' as const), r, pick }), weight: 4 },
    { arbitrary: fc.record({ kind: fc.constant('tag' as const), r, pick }), weight: 2 },
    {
      arbitrary: fc.record({
        kind: fc.constant('color' as const),
        r,
        pick,
        color: fc.constantFrom('blue' as const, 'pink' as const),
      }),
      weight: 1,
    },
    { arbitrary: fc.record({ kind: fc.constant('delete' as const), r, pick }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('sync' as const), r }), weight: 3 },
  );

  it('converges on every replica, and loses no word written nor tag added to a highlight nobody deleted', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 30 }), async (ops) => {
        const url = await database();
        const replicas = await Promise.all([0, 1, 2].map(() => replica()));
        const written = new Map<string, { words: Set<string>; tags: Set<string> }>();
        const deleted = new Set<string>();
        let n = 0;
        // Two highlights every replica has, so that edits made apart meet often.
        for (let i = 0; i < 2; i++) {
          const made = await replicas[0]!.library.create({
            page,
            color: 'yellow',
            note: '',
            target: target(`words ${++n}`, n * 20),
          });
          written.set(made.id, { words: new Set(), tags: new Set() });
        }
        for (const x of replicas) {
          await configure(x, url);
          await x.sync.syncNow();
        }
        for (const o of ops) {
          const { library, sync } = replicas[o.r]!;
          if (o.kind === 'sync') {
            await sync.syncNow();
            continue;
          }
          if (o.kind === 'create') {
            const made = await library.create({
              page,
              color: 'yellow',
              note: '',
              target: target(`words ${++n}`, n * 20),
            });
            written.set(made.id, { words: new Set(), tags: new Set() });
            continue;
          }
          const { highlights } = await library.page(page.url);
          const chosen = highlights[o.pick % Math.max(1, highlights.length)];
          if (!chosen) continue;
          const token = `w${++n}`;
          if (o.kind === 'note') {
            // People mostly add to a note; every word written must survive.
            await library.update(chosen.id, { note: `${chosen.note} ${token}`.trim() });
            written.get(chosen.id)!.words.add(token);
          } else if (o.kind === 'tag') {
            await library.update(chosen.id, { tags: [...(chosen.tags ?? []), token] });
            written.get(chosen.id)!.tags.add(token);
          } else if (o.kind === 'color') {
            await library.update(chosen.id, { color: o.color });
          } else {
            await library.delete(chosen.id);
            deleted.add(chosen.id);
          }
        }
        // Everyone back online: two rounds reach a fixed point.
        for (let round = 0; round < 2; round++) for (const x of replicas) await x.sync.syncNow();
        const states = await Promise.all(replicas.map(async (x) => (await x.library.page(page.url)).highlights));
        expect(states[1]).toEqual(states[0]);
        expect(states[2]).toEqual(states[0]);
        for (const [id, { words, tags }] of written) {
          if (deleted.has(id)) continue;
          const final = states[0]!.find((x) => x.id === id);
          expect(final, `highlight ${id} was never deleted`).toBeDefined();
          for (const word of words) expect(final!.note.split(/\s+/)).toContain(word);
          for (const tag of tags) expect(final!.tags ?? []).toContain(tag);
        }
        for (const x of replicas) expect((await x.sync.status()).pending).toBe(0);
      }),
      { numRuns: Number(process.env.SYNC_RUNS ?? 12) },
    );
  }, 600_000);
});
