/**
 * The connection the extension pages' early script opens (utils/background/storage/early-connection.ts):
 * taken by the library when it opens, once; never creating or upgrading a database; and stepping
 * aside like any connection when a newer version wants to open.
 */
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DB_VERSION, Library, openDatabase } from '@/utils/background/storage';
import { openEarly, takeEarly } from '@/utils/background/storage/early-connection';

let count = 0;
const freshName = () => `clearmark-early-${++count}`;
const target = {
  quote: { type: 'TextQuoteSelector' as const, exact: 'Words', prefix: '', suffix: '' },
  position: { type: 'TextPositionSelector' as const, start: 0, end: 5 },
};
const highlight = {
  page: { url: 'https://news.example/a', title: 'A', siteName: 'News' },
  color: 'yellow' as const,
  note: '',
  target,
};

/** How often the page asks the browser to open a database, while `run` runs. */
async function opensDuring(run: () => Promise<void>): Promise<number> {
  const spy = vi.spyOn(indexedDB, 'open');
  try {
    await run();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

afterEach(async () => {
  // Nothing left for the next test to take.
  (await takeEarly('', 0))?.close();
});

describe('the early connection', () => {
  it('is the one the library uses: the database is opened once, and reads and writes work through it', async () => {
    const name = freshName();
    (await Library.open(name)).close();
    let library: Library | null = null;
    const opens = await opensDuring(async () => {
      openEarly(name, DB_VERSION);
      library = await Library.open(name);
    });
    expect(opens).toBe(1);
    const made = await library!.create(highlight);
    expect((await library!.page(highlight.page.url)).highlights.map((h) => h.id)).toEqual([made.id]);
    library!.close();
  });

  it('is taken once: a second library opens its own', async () => {
    const name = freshName();
    (await Library.open(name)).close();
    openEarly(name, DB_VERSION);
    const first = await Library.open(name);
    const opens = await opensDuring(async () => (await Library.open(name)).close());
    expect(opens).toBe(1);
    first.close();
  });

  it('creates nothing: with no database yet, the library creates it with every upgrade step, as without the early script', async () => {
    const name = freshName();
    openEarly(name, DB_VERSION);
    // The early open has ended (refused its upgrade) before the library looks.
    expect(await takeEarly(name, DB_VERSION)).toBeNull();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
    openEarly(name, DB_VERSION);
    const library = await Library.open(name);
    const made = await library.create(highlight);
    expect((await library.page(highlight.page.url)).highlights.map((h) => h.id)).toEqual([made.id]);
    library.close();
    const raw = await openDB(name, DB_VERSION);
    expect(raw.objectStoreNames.length).toBeGreaterThan(5);
    raw.close();
  });

  it('upgrades nothing: an older database is left to the library’s upgrade, and its records come through', async () => {
    const name = freshName();
    const old = await openDatabase(name, DB_VERSION - 1);
    await old.put('pages', {
      url: 'https://news.example/old',
      title: 'Old',
      siteName: 'News',
      createdAt: 1,
      updatedAt: 1,
    });
    old.close();
    openEarly(name, DB_VERSION);
    const library = await Library.open(name);
    expect((await library.page('https://news.example/old')).page).toMatchObject({ title: 'Old' });
    library.close();
  });

  it('steps aside, untaken, when a newer version wants to open, and is not taken afterwards', async () => {
    const name = freshName();
    (await Library.open(name)).close();
    openEarly(name, DB_VERSION);
    // Let it open, then a newer version asks.
    await new Promise((r) => setTimeout(r, 20));
    const newer = await openDB(name, DB_VERSION + 1);
    newer.close();
    expect(await takeEarly(name, DB_VERSION)).toBeNull();
  });
});
