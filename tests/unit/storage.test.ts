import { openDB, type IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import v1Fixture from '../fixtures/db/v1.json';
import v2Fixture from '../fixtures/db/v2.json';
import v3Fixture from '../fixtures/db/v3.json';
import { DEFAULT_SETTINGS, type HighlightRecord, type PageInfo, type PageRecord } from '@/utils/shared/model';
import { DB_VERSION, Library, openDatabase, type V1Highlight } from '@/utils/background/storage';

let dbCount = 0;
const freshName = () => `clearmark-test-${++dbCount}`;
const page: PageInfo = { url: 'https://news.example/a', title: 'A story', siteName: 'News' };
const target = (exact: string, start: number) => ({
  quote: { type: 'TextQuoteSelector' as const, exact, prefix: '', suffix: '' },
  position: { type: 'TextPositionSelector' as const, start, end: start + exact.length },
});

describe('Library', () => {
  it('creates highlights with their page, lists them in document order, updates and deletes them', async () => {
    let clock = 1000;
    const library = await Library.open(freshName(), () => clock++);
    const later = await library.create({ page, color: 'blue', note: '', target: target('second', 50) });
    const first = await library.create({ page, color: 'yellow', note: 'why', target: target('first', 10) });

    const listed = await library.page(page.url);
    expect(listed.page).toMatchObject({ url: page.url, title: 'A story', siteName: 'News', createdAt: 1000 });
    expect(listed.highlights.map((h) => h.id)).toEqual([first.id, later.id]);

    const updated = await library.update(first.id, { color: 'green', note: 'edited' });
    expect(updated).toMatchObject({ color: 'green', note: 'edited', createdAt: first.createdAt });
    expect(updated.updatedAt).toBeGreaterThan(first.updatedAt);

    const deleted = await library.delete(later.id);
    expect(deleted).toEqual(later);
    expect((await library.page(page.url)).highlights).toHaveLength(1);
    await library.restore(deleted);
    expect((await library.page(page.url)).highlights.map((h) => h.id)).toEqual([first.id, later.id]);
    library.close();
  });

  it('undoing a delete whose id an import has since given to another page takes it back from there, and both counts stay true', async () => {
    const library = await Library.open(freshName());
    const other = 'https://news.example/b';
    const made = await library.create({ page, color: 'yellow', note: '', target: target('first', 10) });
    const deleted = await library.delete(made.id);
    // An import brings the same id back, on another page.
    await library.importRecords({ pages: [], highlights: [{ ...deleted, url: other }], settings: {} });
    expect((await library.page(other)).page?.highlightCount).toBe(1);
    // The undo puts the record back where it was.
    await library.restore(deleted);
    expect((await library.page(page.url)).page?.highlightCount).toBe(1);
    expect((await library.page(other)).page?.highlightCount).toBe(0);
    expect((await library.page(other)).highlights).toEqual([]);
    library.close();
  });

  it('a view reads every highlight in batches, and gets the same as one snapshot, across batch borders', async () => {
    const library = await Library.open(freshName());
    for (let i = 0; i < 7; i++) {
      const other = { ...page, url: `https://news.example/${i % 3}` };
      await library.create({ page: other, color: 'yellow', note: '', target: target(`passage ${i}`, i * 20) });
    }
    const whole = await library.everything();
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    for (const batch of [1, 2, 3, 7, 8]) {
      const read = await library.everythingInBatches(batch);
      expect(read.pages).toEqual(whole.pages);
      expect(read.highlights.sort(byId)).toEqual([...whole.highlights].sort(byId));
    }
    library.close();
  });

  it('lists pages read in batches newest first, as the index orders them, equal times and batch borders included', async () => {
    // Times repeat (three pages share each), so the order between equals matters.
    let clock = 0;
    const name = freshName();
    const library = await Library.open(name, () => 1000 + Math.floor(clock++ / 3));
    for (const i of [4, 0, 7, 2, 9, 5, 1, 8, 3, 6])
      await library.create({
        page: { ...page, url: `https://news.example/${i}` },
        color: 'yellow',
        note: '',
        target: target(`passage ${i}`, 0),
      });
    await library.delete((await library.page('https://news.example/5')).highlights[0]!.id);
    const db = await openDB(name);
    const byIndex = (await db.getAllFromIndex('pages', 'byUpdated')) as PageRecord[];
    db.close();
    const expected = byIndex
      .reverse()
      .filter((p) => (p.highlightCount ?? 0) > 0)
      .map((p) => p.url);
    expect(expected).toHaveLength(9);
    for (const batch of [1, 2, 3, 9, 10, 11])
      expect((await library.pageList(batch)).map((p) => p.url)).toEqual(expected);
    library.close();
  });

  it('counts each tag once per highlight that carries it, many highlights and tags sharing names', async () => {
    const library = await Library.open(freshName());
    const expected = new Map<string, number>();
    for (let i = 0; i < 60; i++) {
      // Tags 0–9, one to three a highlight; names differing only in case are different tags.
      const tags = [`t${i % 10}`, ...(i % 3 ? [`t${(i * 7) % 10}`] : []), ...(i % 4 ? [] : ['T1'])];
      const made = await library.create({
        page: { ...page, url: `https://news.example/${i % 7}` },
        color: 'yellow',
        note: '',
        target: target(`passage ${i}`, i * 20),
        tags,
      });
      for (const tag of new Set(made.tags)) expected.set(tag, (expected.get(tag) ?? 0) + 1);
    }
    const listed = await library.tags();
    expect(new Map(listed.map((t) => [t.tag, t.count]))).toEqual(expected);
    expect(listed.map((t) => t.count)).toEqual([...listed.map((t) => t.count)].sort((a, b) => b - a));
    library.close();
  });

  it('answers an unknown page with no page and no highlights', async () => {
    const library = await Library.open(freshName());
    expect(await library.page('https://nowhere.example/')).toEqual({ page: null, highlights: [] });
    library.close();
  });

  it('says clearly when a highlight to change is gone, and changes nothing', async () => {
    const library = await Library.open(freshName());
    await expect(library.update('missing', { note: 'x' })).rejects.toThrow('That highlight no longer exists');
    await expect(library.delete('missing')).rejects.toThrow('That highlight no longer exists');
    library.close();
  });
});

describe('schema upgrades', () => {
  it('opens a database written by schema version 1 with every record intact', async () => {
    const name = freshName();
    const v1 = await openDatabase(name, 1);
    const written = v1Fixture.highlights as V1Highlight[];
    for (const record of written) await (v1 as unknown as IDBPDatabase).put('highlights', record);
    v1.close();

    const library = await Library.open(name);
    for (const old of written) {
      const { page: pageRecord, highlights } = await library.page(old.url);
      const migrated = highlights.find((h) => h.id === old.id);
      expect(migrated).toEqual({
        id: old.id,
        url: old.url,
        color: old.color,
        note: old.note ?? '',
        target: {
          quote: { type: 'TextQuoteSelector', exact: old.exact, prefix: old.prefix, suffix: old.suffix },
          position: { type: 'TextPositionSelector', start: old.start, end: old.end },
        },
        createdAt: old.createdAt,
        updatedAt: old.createdAt,
      });
      expect(pageRecord).toMatchObject({ url: old.url, siteName: new URL(old.url).hostname });
    }
    // The page's last change is its newest highlight; schema 3 counts them.
    expect((await library.page(written[0]!.url)).page).toMatchObject({
      updatedAt: 1741420100000,
      highlightCount: 2,
      lastHighlightAt: 1741420100000,
    });
    library.close();

    const raw = await openDB(name, DB_VERSION);
    expect([...raw.objectStoreNames].sort()).toEqual([
      'articleBodies',
      'articleImages',
      'articleTexts',
      'articles',
      'highlights',
      'outbox',
      'pages',
      'searchIndex',
      'settings',
      'sync',
      'syncDocs',
    ]);
    expect([...raw.transaction('highlights').store.indexNames].sort()).toEqual([
      'byCreated',
      'byTag',
      'byUpdated',
      'byUrl',
    ]);
    expect([...raw.transaction('pages').store.indexNames]).toEqual(['byUpdated']);
    raw.close();
  });
});

/** A fresh database as an older schema wrote it, holding a fixture's records; answers its name. */
async function writtenBySchema(
  version: number,
  fixture: { pages: object[]; highlights: object[]; settings: object[] },
): Promise<string> {
  const name = freshName();
  const db = (await openDatabase(name, version)) as unknown as IDBPDatabase;
  for (const page of fixture.pages) await db.put('pages', page);
  for (const highlight of fixture.highlights) await db.put('highlights', highlight);
  for (const setting of fixture.settings) await db.put('settings', setting);
  db.close();
  return name;
}

describe('schema 2 to 3', () => {
  it('opens a database written by schema version 2 with every record intact, and counts each page’s highlights', async () => {
    const name = await writtenBySchema(2, v2Fixture);

    const library = await Library.open(name);
    const { pages, highlights } = await library.everything();
    expect(highlights.sort((a, b) => a.id.localeCompare(b.id))).toEqual(v2Fixture.highlights as HighlightRecord[]);
    for (const old of v2Fixture.pages as PageRecord[]) {
      const own = v2Fixture.highlights.filter((h) => h.url === old.url);
      expect(pages.find((p) => p.url === old.url)).toEqual({
        ...old,
        highlightCount: own.length,
        lastHighlightAt: own.reduce((last, h) => Math.max(last, h.createdAt), 0),
      });
    }
    // Stored choices intact; settings added since (the backup reminder) take their defaults.
    expect(await library.settings()).toEqual({ ...DEFAULT_SETTINGS, ...v2Fixture.settings[0]!.value });
    // The emptied page is kept but not listed.
    expect((await library.pageList()).map((p) => p.url)).toEqual([v2Fixture.pages[1]!.url, v2Fixture.pages[0]!.url]);
    library.close();
  });

  it('keeps counts true through any sequence of creates, deletes, restores and imports', async () => {
    const fc = (await import('fast-check')).default;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom('create', 'delete', 'restore', 'import'), fc.nat(3), fc.nat(20)), {
          maxLength: 25,
        }),
        async (steps) => {
          const library = await Library.open(freshName());
          const deleted: HighlightRecord[] = [];
          for (const [op, p, n] of steps) {
            const url = `https://news.example/${p}`;
            // A file of highlights: some new, some under ids already here (moved to this page, or edited later).
            if (op === 'import') {
              const { highlights: here } = await library.everything();
              const same = here[n % Math.max(1, here.length)];
              await library.importRecords({
                pages: [],
                highlights: [
                  {
                    id: `imported-${n}`,
                    url,
                    color: 'green',
                    note: '',
                    target: target(`imported ${n}`, n),
                    createdAt: 100 + n,
                    updatedAt: 100 + n,
                  },
                  ...(same ? [{ ...same, url, updatedAt: same.updatedAt + 1_000 }] : []),
                ],
                settings: {},
              });
            }
            if (op === 'create')
              await library.create({
                page: { url, title: '', siteName: '' },
                color: 'yellow',
                note: '',
                target: target(`quote ${n}`, n),
              });
            const { highlights } = await library.everything();
            if (op === 'delete' && highlights.length)
              deleted.push(await library.delete(highlights[n % highlights.length]!.id));
            if (op === 'restore' && deleted.length) await library.restore(deleted.pop()!);
          }
          const { pages, highlights } = await library.everything();
          for (const page of pages) {
            const own = highlights.filter((h) => h.url === page.url);
            expect(page.highlightCount).toBe(own.length);
            expect(page.lastHighlightAt).toBe(own.reduce((last, h) => Math.max(last, h.createdAt), 0));
          }
          library.close();
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('saving safely', () => {
  it('a create retried with the same id stores one record and answers it', async () => {
    const library = await Library.open(freshName());
    const id = '0a1b2c3d-0000-4000-8000-000000000001';
    const first = await library.create({ page, color: 'yellow', note: '', target: target('kept once', 0) }, id);
    const again = await library.create({ page, color: 'yellow', note: '', target: target('kept once', 0) }, id);
    expect(again).toEqual(first);
    expect((await library.everything()).highlights).toHaveLength(1);
    await expect(
      library.create({ page, color: 'yellow', note: '', target: target('other text', 0) }, id),
    ).rejects.toThrow('A different highlight already has this id');
    library.close();
  });

  it('a full disk gives a clear message and writes nothing half-way', async () => {
    const { handleBackgroundRequest } = await import('@/utils/background/requests');
    const library = await Library.open(freshName());
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be put back as it was, not called
    const add = IDBObjectStore.prototype.add;
    IDBObjectStore.prototype.add = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      const answer = await handleBackgroundRequest(library, {
        type: 'highlight:create',
        page,
        color: 'blue',
        note: '',
        target: target('no room', 0),
      });
      expect(answer.result).toEqual({
        ok: false,
        code: 'storage',
        error:
          'The disk is full, so Clearmark could not save this. Nothing already saved was lost: free some disk space and it will work again.',
      });
    } finally {
      IDBObjectStore.prototype.add = add;
    }
    expect(await library.everything()).toEqual({ pages: [], highlights: [] });
    library.close();
  });
});

describe('a page’s highlights are one index lookup', () => {
  it('reads only that page’s records, never scanning the store, however many are kept', async () => {
    const library = await Library.open(freshName());
    for (let p = 0; p < 50; p++) {
      for (let h = 0; h < 20; h++)
        await library.create({
          page: { url: `https://other.example/${p}`, title: '', siteName: '' },
          color: 'yellow',
          note: '',
          target: target(`words ${p} ${h}`, h),
        });
    }
    const calls: string[] = [];
    const spies = [
      [IDBObjectStore.prototype, 'getAll'],
      [IDBObjectStore.prototype, 'openCursor'],
      [IDBObjectStore.prototype, 'count'],
      [IDBIndex.prototype, 'openCursor'],
      [IDBIndex.prototype, 'getAll'],
    ] as const;
    const originals = spies.map(([proto, method]) => {
      // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the store's own `this`
      const original = proto[method] as (...args: unknown[]) => unknown;
      (proto as unknown as Record<string, unknown>)[method] = function (
        this: IDBObjectStore | IDBIndex,
        ...args: unknown[]
      ) {
        calls.push(
          `${'objectStore' in this ? `index ${this.name}` : `store ${this.name}`}.${method}(${args.map((a) => JSON.stringify(a)).join(', ')})`,
        );
        return original.apply(this, args);
      };
      return original;
    });
    try {
      expect(await library.page('https://quiet.example/')).toEqual({ page: null, highlights: [] });
    } finally {
      spies.forEach(([proto, method], i) => ((proto as unknown as Record<string, unknown>)[method] = originals[i]));
    }
    expect(calls).toEqual(['index byUrl.getAll("https://quiet.example/")']);
    library.close();
  });
});

describe('schema 3 to 4: tags', () => {
  it('opens a database written by schema version 3 with every record intact, and indexes tags from then on', async () => {
    const name = await writtenBySchema(3, v3Fixture);

    let clock = 2_000_000_000_000;
    const library = await Library.open(name, () => clock++);
    const { pages, highlights } = await library.everything();
    expect(highlights.sort((a, b) => a.id.localeCompare(b.id))).toEqual(v3Fixture.highlights as HighlightRecord[]);
    expect(pages.sort((a, b) => a.url.localeCompare(b.url))).toEqual(
      (v3Fixture.pages as PageRecord[]).sort((a, b) => a.url.localeCompare(b.url)),
    );
    expect(await library.tags()).toEqual([]);

    // Tags are normalized as they are stored, listed with their counts, and renamed or merged in one step.
    const [first, second] = highlights;
    const tagged = await library.update(first!.id, { tags: ['  AI  policy ', '#markets', 'ai policy', ''] });
    expect(tagged.tags).toEqual(['AI policy', 'markets']);
    await library.update(second!.id, { tags: ['Markets', 'china'] });
    expect(await library.tags()).toEqual([
      { tag: 'AI policy', count: 1 },
      { tag: 'china', count: 1 },
      { tag: 'markets', count: 1 },
      { tag: 'Markets', count: 1 },
    ]);
    const renamed = await library.renameTag('Markets', 'markets');
    expect(renamed.map((h) => h.id)).toEqual([second!.id]);
    expect(await library.tags()).toEqual([
      { tag: 'markets', count: 2 },
      { tag: 'AI policy', count: 1 },
      { tag: 'china', count: 1 },
    ]);
    // Renaming onto a tag a highlight already has merges them.
    await library.renameTag('china', 'markets');
    expect((await library.page(second!.url)).highlights.find((h) => h.id === second!.id)!.tags).toEqual(['markets']);
    await expect(library.renameTag('markets', '   ')).rejects.toThrow('A tag needs a name.');
    library.close();
  });
});

describe('schema 8 to 9: a saved copy’s text apart from its HTML', () => {
  it('moves each copy’s text to its own store, keeping every copy whole, and search reads text without HTML', async () => {
    const name = freshName();
    const old = (await openDatabase(name, 8)) as unknown as IDBPDatabase;
    const facts = (url: string, title: string) => ({
      url,
      title,
      byline: 'Ana Ruiz',
      published: '2025-03-01',
      site: 'River News',
      lang: 'en',
      dir: 'ltr',
      words: 4,
      readingMinutes: 1,
      leadImage: '',
      savedAt: 1_700_000_000_000,
      updatedAt: 1_700_000_000_000,
      state: 'unread',
      progress: 0.25,
    });
    await old.put('articles', facts('https://river.example/a', 'Alder'));
    await old.put('articleBodies', {
      url: 'https://river.example/a',
      html: '<p>Alder by the ford.</p>',
      text: 'Alder by the ford.',
    });
    await old.put('articles', facts('https://river.example/b', 'Birch'));
    await old.put('articleBodies', { url: 'https://river.example/b', html: '<p>Birch</p>', text: 'Birch' });
    old.close();

    const library = await Library.open(name);
    expect(await library.savedArticle('https://river.example/a')).toEqual({
      ...facts('https://river.example/a', 'Alder'),
      html: '<p>Alder by the ford.</p>',
      text: 'Alder by the ford.',
    });
    expect((await library.savedArticles()).map((a) => [a.url, a.html, a.text]).sort()).toEqual([
      ['https://river.example/a', '<p>Alder by the ford.</p>', 'Alder by the ford.'],
      ['https://river.example/b', '<p>Birch</p>', 'Birch'],
    ]);
    const texts = await library.savedTextsAt(['https://river.example/b', 'https://river.example/gone']);
    expect(texts).toEqual([{ ...facts('https://river.example/b', 'Birch'), text: 'Birch' }]);
    expect(texts[0]).not.toHaveProperty('html');
    expect(await library.storageUse()).toMatchObject({
      copies: 2,
      copyBytes: '<p>Alder by the ford.</p>Alder by the ford.<p>Birch</p>Birch'.length,
    });
    library.close();

    // The HTML's record no longer carries the text: it is kept once.
    const raw = await openDB(name, DB_VERSION);
    expect(await raw.get('articleBodies', 'https://river.example/a')).toEqual({
      url: 'https://river.example/a',
      html: '<p>Alder by the ford.</p>',
    });
    expect(await raw.get('articleTexts', 'https://river.example/a')).toEqual({
      url: 'https://river.example/a',
      text: 'Alder by the ford.',
    });
    raw.close();
  });

  it('a deleted copy leaves neither its HTML nor its text', async () => {
    const library = await Library.open(freshName());
    await library.saveArticle({
      url: 'https://river.example/c',
      title: 'Cedar',
      byline: '',
      published: '',
      site: 'River News',
      lang: 'en',
      dir: 'ltr',
      html: '<p>Cedar wood.</p>',
      text: 'Cedar wood.',
      words: 2,
      readingMinutes: 1,
      leadImage: '',
    });
    expect(await library.savedTextsAt(['https://river.example/c'])).toHaveLength(1);
    expect(await library.deleteSaved('https://river.example/c')).toBe(true);
    expect(await library.savedTextsAt(['https://river.example/c'])).toEqual([]);
    expect(await library.storageUse()).toMatchObject({ copies: 0, copyBytes: 0 });
    library.close();
  });
});

describe('the newest pages, the library’s first screen', () => {
  it('are the first pages of the whole list, whether the browser reads an index backwards in one request or by cursor', async () => {
    let clock = 1000;
    const library = await Library.open(freshName(), () => clock++);
    const ids: string[] = [];
    for (let p = 0; p < 30; p++)
      ids.push(
        (
          await library.create({
            page: { url: `https://news.example/${p}`, title: `Story ${p}`, siteName: 'News' },
            color: 'yellow',
            note: '',
            target: target(`words ${p}`, p),
          })
        ).id,
      );
    // Pages whose only highlight went stay stored, unlisted: some among the newest, some older.
    for (const p of [29, 27, 12, 3]) await library.delete(ids[p]!);
    const listed = (await library.pageList()).map((p) => p.url);
    expect(listed).toHaveLength(26);
    const index = IDBIndex.prototype as unknown as Record<string, unknown>;
    const oneRequest = index.getAllRecords;
    expect(typeof oneRequest).toBe('function');
    const cursorCalls = { count: 0 };
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the index's own `this`
    const openCursor = IDBIndex.prototype.openCursor;
    IDBIndex.prototype.openCursor = function (this: IDBIndex, ...args: Parameters<IDBIndex['openCursor']>) {
      cursorCalls.count++;
      return openCursor.apply(this, args);
    };
    try {
      for (const withOneRequest of [true, false]) {
        if (!withOneRequest) delete index.getAllRecords;
        for (const limit of [1, 2, 5, 20, 26, 40]) {
          cursorCalls.count = 0;
          expect((await library.newestPages(limit)).map((p) => p.url)).toEqual(listed.slice(0, limit));
          // One request answers when it reads every stored page (the emptied ones among the newest send the rest to the cursor).
          if (withOneRequest && limit > 30) expect(cursorCalls.count).toBe(0);
        }
      }
      // With the newest pages all listed, the one request answers alone.
      index.getAllRecords = oneRequest;
      await library.create({
        page: { url: 'https://news.example/newest', title: 'Newest', siteName: 'News' },
        color: 'green',
        note: '',
        target: target('newest', 0),
      });
      cursorCalls.count = 0;
      expect((await library.newestPages(1)).map((p) => p.url)).toEqual(['https://news.example/newest']);
      expect(cursorCalls.count).toBe(0);
    } finally {
      index.getAllRecords = oneRequest;
      IDBIndex.prototype.openCursor = openCursor;
    }
    library.close();
  });
});
