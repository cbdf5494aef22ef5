// A page that cannot read the library's database (a Firefox private window) reads through the
// background (utils/pages/background-reads.ts): every read answers what the database answers.
import { describe, expect, it } from 'vitest';
import { Library } from '@/utils/background/storage';
import { handleBackgroundRequest } from '@/utils/background/requests';
import { backgroundReads } from '@/utils/pages/background-reads';
import type { Ask, BackgroundApi } from '@/utils/shared/protocol';

const target = (exact: string, start: number) => ({
  quote: { type: 'TextQuoteSelector' as const, exact, prefix: '', suffix: '' },
  position: { type: 'TextPositionSelector' as const, start, end: start + exact.length },
});

describe('reading the library through the background', () => {
  it('answers every read a page makes as the database does', async () => {
    let clock = 1_000;
    const library = await Library.open('background-reads-1', () => (clock += 1_000));
    const pages = ['https://a.example/1', 'https://b.example/2', 'https://c.example/3'];
    for (const [i, url] of pages.entries())
      await library.create({
        page: { url, title: `Story ${i}`, siteName: 'News' },
        color: 'yellow',
        note: i === 1 ? 'a note' : '',
        target: target(`passage ${i}`, 10),
        tags: i === 2 ? ['birds'] : [],
      });
    await library.saveArticle({
      url: pages[0]!,
      title: 'Story 0',
      byline: '',
      published: '',
      site: 'News',
      lang: 'en',
      dir: 'ltr',
      html: '<p>Words <img src="https://a.example/p.png"></p>',
      text: 'Words',
      words: 1,
      readingMinutes: 1,
      leadImage: '',
    });
    const ask = (async (message: never) =>
      (await handleBackgroundRequest(library, message)).result) as Ask<BackgroundApi>;
    const reads = backgroundReads(ask);

    expect(await reads.page(pages[1]!)).toEqual(await library.page(pages[1]!));
    expect(await reads.pageList()).toEqual(await library.pageList());
    expect(await reads.newestPages(2)).toEqual(await library.newestPages(2));
    expect(await reads.everythingInBatches()).toEqual(await library.everything());
    expect(await reads.savedList()).toEqual(await library.savedList());
    expect(await reads.newestSaved(1)).toEqual(await library.newestSaved(1));
    expect(await reads.savedUrls()).toEqual(await library.savedUrls());
    expect([await reads.isSaved(pages[0]!), await reads.isSaved(pages[1]!)]).toEqual([true, false]);
    expect(await reads.tags()).toEqual(await library.tags());
    expect(await reads.urlsTagged('birds')).toEqual(await library.urlsTagged('birds'));
    expect(await reads.settings()).toEqual(await library.settings());
    library.close();
  });

  it('brings an article’s pictures kept offline whole: type and bytes', async () => {
    // fake-indexeddb does not clone Blobs, so the library here is a stand-in holding one picture.
    const bytes = new Uint8Array([137, 80, 78, 71, 0, 255]);
    const library = {
      articleImages: async () => new Map([['https://a.example/p.png', new Blob([bytes], { type: 'image/png' })]]),
    } as unknown as Library;
    const ask = (async (message: never) =>
      (await handleBackgroundRequest(library, message)).result) as Ask<BackgroundApi>;
    const picture = (await backgroundReads(ask).articleImages('https://a.example/1')).get('https://a.example/p.png')!;
    expect(picture.type).toBe('image/png');
    expect([...new Uint8Array(await picture.arrayBuffer())]).toEqual([...bytes]);
  });

  it('a read the background refuses fails with its words, as a read of the database would throw', async () => {
    const ask = (async () => ({
      ok: false,
      code: 'unreachable',
      error: 'The background did not answer.',
    })) as Ask<BackgroundApi>;
    await expect(backgroundReads(ask).pageList()).rejects.toThrow('The background did not answer.');
  });
});
