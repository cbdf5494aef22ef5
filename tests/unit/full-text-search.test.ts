// The full-text index (docs/adr/0012): what it finds and how, and the background's keeping of it —
// built once, updated from changes, saved, reloaded rather than rebuilt, rebuilt when stale.
import { describe, expect, it } from 'vitest';
import { handleBackgroundRequest } from '@/utils/background/requests';
import { SearchService } from '@/utils/background/search-service';
import { Library } from '@/utils/background/storage';
import { FullTextIndex, searchWords, snippet } from '@/utils/engines/search/full-text';
import type { ArticleCapture, HighlightRecord } from '@/utils/shared/model';

const highlight = (id: string, exact: string, note = '', tags: string[] = []): HighlightRecord => ({
  id,
  url: `https://news.example/${id}`,
  color: 'yellow',
  note,
  tags,
  target: {
    quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start: 0, end: exact.length },
  },
  createdAt: 1,
  updatedAt: 1,
});
const article = (url: string, text: string, title = 'A title'): ArticleCapture => ({
  url,
  title,
  byline: 'A. Writer',
  published: '',
  site: 'News',
  lang: 'en',
  dir: 'ltr',
  html: `<p>${text}</p>`,
  text,
  words: text.split(' ').length,
  readingMinutes: 1,
  leadImage: '',
});

describe('FullTextIndex', () => {
  it('finds words in quotes, notes, tags, page titles and article bodies; by prefix; with a typo; every word must match', () => {
    const index = FullTextIndex.empty();
    index.putHighlight(highlight('h1', 'The lighthouse keepers kept logbooks', 'remember the fog'), 'Coast stories');
    index.putHighlight(highlight('h2', 'Markets rallied on Friday', '', ['finance']));
    index.putArticle({
      ...article('https://coast.example/a', 'Historians find a cold winter in which the oil thickened.'),
      title: 'What the logbooks kept',
    });
    expect(index.search('lighthouse').highlights).toEqual(['h1']);
    expect(index.search('fog').highlights).toEqual(['h1']);
    expect(index.search('coast').highlights).toEqual(['h1']);
    expect(index.search('finance').highlights).toEqual(['h2']);
    expect(index.search('thickened').articles).toEqual(['https://coast.example/a']);
    expect(index.search('thick').articles).toEqual(['https://coast.example/a']);
    expect(index.search('thickenad').articles).toEqual(['https://coast.example/a']);
    expect(index.search('logbooks')).toEqual({ highlights: ['h1'], articles: ['https://coast.example/a'] });
    expect(index.search('logbooks winter')).toEqual({ highlights: [], articles: ['https://coast.example/a'] });
    expect(index.search('   ')).toEqual({ highlights: [], articles: [] });
  });

  it('splits Chinese, Japanese and Thai into words, so a word inside a run of characters is found', () => {
    expect(searchWords('阿里巴巴的股价上涨')).toContain('股价');
    const index = FullTextIndex.empty();
    index.putArticle(article('https://zh.example/a', '阿里巴巴的股价今年上涨了百分之六十。'));
    index.putArticle(article('https://th.example/a', 'ประเทศไทยมีชายหาดที่สวยงาม'));
    expect(index.search('股价').articles).toEqual(['https://zh.example/a']);
    expect(index.search('ชายหาด').articles).toEqual(['https://th.example/a']);
  });

  it('changes in place, and round-trips through its JSON', () => {
    const index = FullTextIndex.empty();
    index.putHighlight(highlight('h1', 'first words'));
    index.putHighlight({ ...highlight('h1', 'other words'), note: 'new note' });
    expect(index.search('first').highlights).toEqual([]);
    expect(index.search('note').highlights).toEqual(['h1']);
    index.removeHighlight('h1');
    index.removeHighlight('never-there');
    expect(index.size).toBe(0);
    index.putArticle(article('https://a.example/', 'kept words'));
    const again = FullTextIndex.load(index.toJSON());
    expect(again.search('kept').articles).toEqual(['https://a.example/']);
  });

  it('a snippet shows the words around the first match', () => {
    const text = `${'Opening words that go on. '.repeat(20)}Here the oil thickened in a cold winter. ${'Closing words. '.repeat(20)}`;
    const s = snippet(text, 'thickened');
    expect(s).toContain('the oil thickened in a cold winter');
    expect(s.startsWith('…')).toBe(true);
    expect(s.length).toBeLessThan(200);
  });
});

describe('the background keeps the index', () => {
  it('answers `search` with highlights and articles apart; follows changes; saves it, and a new background reloads it; a stale one is rebuilt', async () => {
    const library = await Library.open('search-service');
    const search = new SearchService(() => Promise.resolve(library));
    const page = { url: 'https://coast.example/a', title: 'Lighthouses', siteName: 'Coast' };
    const target = {
      quote: { type: 'TextQuoteSelector' as const, exact: 'the fog came in at dusk', prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector' as const, start: 0, end: 23 },
    };
    const made = await handleBackgroundRequest(
      library,
      { type: 'highlight:create', page, color: 'blue', note: 'three days', target },
      { search },
    );
    await handleBackgroundRequest(
      library,
      {
        type: 'saved:put',
        article: article('https://coast.example/a', 'A volunteer catalogued the logbooks over six patient years.'),
      },
      { search },
    );
    const first = await handleBackgroundRequest(library, { type: 'search', query: 'patient' }, { search });
    expect(first.result).toEqual({
      ok: true,
      value: {
        highlights: [],
        articles: [
          {
            url: 'https://coast.example/a',
            title: 'A title',
            site: 'News',
            snippet: 'A volunteer catalogued the logbooks over six patient years.',
          },
        ],
      },
    });
    const id = made.result.ok ? (made.result.value as HighlightRecord).id : '';
    expect((await search.search('dusk')).highlights).toEqual([
      { id, url: 'https://coast.example/a', text: 'the fog came in at dusk', note: 'three days', color: 'blue' },
    ]);

    // A change, told as views are told: found at once.
    const updated = await handleBackgroundRequest(
      library,
      { type: 'highlight:update', id, note: 'the keeper’s words' },
      { search },
    );
    search.highlightsChanged(updated.notice!);
    await search.settled();
    expect((await search.search('keeper')).highlights.map((h) => h.id)).toEqual([id]);
    await handleBackgroundRequest(library, { type: 'saved:delete', url: 'https://coast.example/a' }, { search });
    await search.settled();
    expect((await search.search('patient')).articles).toEqual([]);

    // Saved, then a background that starts again reloads it (no rebuild: a record added behind its back is not seen until the count differs).
    await search.save();
    const stored = await library.searchIndex();
    expect(stored?.size).toBe(1);
    const restarted = new SearchService(() => Promise.resolve(library));
    expect((await restarted.search('keeper')).highlights.map((h) => h.id)).toEqual([id]);
    // A highlight made while no index was loaded: the count differs, so the next background rebuilds.
    await library.create({
      page,
      color: 'pink',
      note: '',
      target: { ...target, quote: { ...target.quote, exact: 'a single line from 1911' } },
    });
    const third = new SearchService(() => Promise.resolve(library));
    expect((await third.search('1911')).highlights).toHaveLength(1);
    // Where no index is kept, `search` says so.
    expect((await handleBackgroundRequest(library, { type: 'search', query: 'x' })).result).toMatchObject({
      ok: false,
      code: 'rejected',
    });
    library.close();
  });
});
