import { openDB, type IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import v1Fixture from '../fixtures/db/v1.json';
import type { PageInfo } from '@/utils/model';
import { DB_VERSION, Library, openDatabase, type V1Highlight } from '@/utils/storage';

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
    // The page's last change is its newest highlight.
    expect((await library.page(written[0]!.url)).page?.updatedAt).toBe(1741420100000);
    library.close();

    const raw = await openDB(name, DB_VERSION);
    expect([...raw.objectStoreNames].sort()).toEqual(['highlights', 'pages', 'settings']);
    expect([...raw.transaction('highlights').store.indexNames].sort()).toEqual(['byCreated', 'byUpdated', 'byUrl']);
    expect([...raw.transaction('pages').store.indexNames]).toEqual(['byUpdated']);
    raw.close();
  });
});
