// The library's first screen read before the page is drawn (utils/pages/first-screen.ts): what
// each view's wiring reads, that each answer is taken once, and that a failed read loses nothing.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Library } from '@/utils/background/storage';
import type * as FirstScreen from '@/utils/pages/first-screen';

const quote = (exact: string, start: number) => ({
  quote: { type: 'TextQuoteSelector' as const, exact, prefix: '', suffix: '' },
  position: { type: 'TextPositionSelector' as const, start, end: start + exact.length },
});
const article = (i: number) => ({
  url: `https://news.example/${i}`,
  title: `Story ${i}`,
  byline: '',
  published: '',
  site: 'News Example',
  lang: 'en',
  dir: 'ltr' as const,
  html: '<p>Words.</p>',
  text: 'Words.',
  words: 900,
  readingMinutes: 4,
  leadImage: '',
});

// Each test with the pages' modules fresh, as a page starts: the library is opened anew.
let screen: typeof FirstScreen;
beforeEach(async () => {
  vi.resetModules();
  screen = await import('@/utils/pages/first-screen');
});

describe('the first screen', () => {
  it('reads the newest saved articles for the Saved view, and the page list with the newest page for the highlights view, each taken once', async () => {
    const { FIRST_SAVED_ROWS, readFirstScreen, takeFirstPage, takeNewestSaved, takePageList } = screen;
    let clock = 1_000;
    // The pages read the library under its own name, as the extension's pages do.
    const library = await Library.open(undefined, () => (clock += 1_000));
    for (let i = 0; i < FIRST_SAVED_ROWS + 5; i++) await library.saveArticle(article(i));
    await library.create({
      page: { url: 'https://news.example/12', title: 'Story 12', siteName: 'News Example' },
      color: 'yellow',
      note: '',
      target: quote('Words', 0),
    });
    await library.create({
      page: { url: 'https://news.example/7', title: 'Story 7', siteName: 'News Example' },
      color: 'green',
      note: 'later',
      target: quote('ords', 1),
    });

    await readFirstScreen('saved');
    const newest = takeNewestSaved();
    expect(newest?.map((a) => a.url)).toEqual((await library.savedList()).slice(0, FIRST_SAVED_ROWS).map((a) => a.url));
    expect(newest?.find((a) => a.url === 'https://news.example/12')?.highlights).toBe(1);
    expect(takeNewestSaved()).toBeNull();
    expect(takePageList()).toBeNull();

    await readFirstScreen('highlights');
    expect(takePageList()).toEqual({
      pages: [
        expect.objectContaining({ url: 'https://news.example/7' }),
        expect.objectContaining({ url: 'https://news.example/12' }),
      ],
      complete: true,
    });
    const first = takeFirstPage();
    expect(first?.url).toBe('https://news.example/7');
    expect(first?.highlights.map((h) => h.note)).toEqual(['later']);
    expect(takeFirstPage()).toBeNull();
    library.close();
  });

  it('reads only the newest pages of a long list, and counts nothing (a pass over every highlight), so a large library opens as fast as a small one', async () => {
    const { FIRST_PAGE_ROWS, readFirstScreen, takePageList } = screen;
    let clock = 1_000;
    const library = await Library.open(undefined, () => (clock += 1_000));
    const pages = FIRST_PAGE_ROWS + 10;
    for (let i = 0; i < pages; i++)
      await library.create({
        page: { url: `https://news.example/p${i}`, title: `Page ${i}`, siteName: 'News' },
        color: 'yellow',
        note: '',
        target: quote('Words', 0),
      });
    // A page whose only highlight went is not listed.
    const gone = await library.create({
      page: { url: 'https://news.example/emptied', title: 'Emptied', siteName: 'News' },
      color: 'yellow',
      note: '',
      target: quote('Words', 0),
    });
    await library.delete(gone.id);
    await readFirstScreen('highlights');
    const first = takePageList()!;
    expect(first.complete).toBe(false);
    expect(first).not.toHaveProperty('highlights');
    expect(first.pages.map((p) => p.url)).toEqual(
      (await library.pageList()).slice(0, FIRST_PAGE_ROWS).map((p) => p.url),
    );
    library.close();
  });

  it('never fails: a read that cannot be made leaves nothing to take, and the view reads for itself', async () => {
    const { readFirstScreen, takeNewestSaved } = screen;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be put back as it was, not called
    const open = indexedDB.open;
    indexedDB.open = () => {
      throw new Error('storage is unavailable');
    };
    try {
      await expect(readFirstScreen('saved')).resolves.toBeUndefined();
    } finally {
      indexedDB.open = open;
    }
    expect(takeNewestSaved()).toBeNull();
  });
});
