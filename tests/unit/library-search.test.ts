import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fold, searchEntries, searchLibrary, typingSearch } from '@/utils/pages/library-search';
import { HIGHLIGHT_COLORS, type HighlightColor, type HighlightRecord } from '@/utils/shared/model';
import { textFragmentUrl } from '@/utils/engines/text-fragment';
import { SAMPLE_HIGHLIGHTS, SAMPLE_PAGES } from './export-sample';

describe('searchLibrary', () => {
  const entries = searchEntries(SAMPLE_PAGES, SAMPLE_HIGHLIGHTS);
  const ids = (found: { highlight: { id: string } }[]) => found.map((e) => e.highlight.id.slice(-1));

  it('finds by quote, note, title and site, every word, any case or accent', () => {
    expect(ids(searchLibrary(entries, { query: 'shares LOT' }))).toEqual(['2']);
    expect(ids(searchLibrary(entries, { query: 'calc' }))).toEqual(['2']);
    expect(ids(searchLibrary(entries, { query: 'markets' }))).toEqual(['2', '1']);
    expect(ids(searchLibrary(entries, { query: 'rtl example' }))).toEqual(['3']);
    expect(ids(searchLibrary(entries, { query: 'الأسهم' }))).toEqual(['3']);
    expect(fold('Écrivain Straße')).toBe('ecrivain straße');
    expect(ids(searchLibrary(entries, { query: 'nothing like this' }))).toEqual([]);
  });

  it('filters by color, site and age', () => {
    expect(ids(searchLibrary(entries, { query: '', colors: ['green', 'purple'] }))).toEqual(['2', '3']);
    expect(ids(searchLibrary(entries, { query: '', site: 'News Example' }))).toEqual(['2', '1']);
    expect(ids(searchLibrary(entries, { query: '', since: Date.UTC(2026, 0, 3) }))).toEqual(['2', '3']);
  });
});

describe('textFragmentUrl', () => {
  it('links a short quote whole, a long one by its ends, with reserved characters encoded', () => {
    expect(textFragmentUrl('https://a.example/x#top', 'Co-founder, says A&B')).toBe(
      'https://a.example/x#:~:text=Co%2Dfounder%2C%20says%20A%26B',
    );
    const long = 'one two three four five six seven eight nine ten eleven twelve thirteen';
    expect(textFragmentUrl('https://a.example/x', long)).toBe(
      'https://a.example/x#:~:text=one%20two%20three%20four%20five%20six,eight%20nine%20ten%20eleven%20twelve%20thirteen',
    );
    expect(textFragmentUrl('https://a.example/x', '   ')).toBe('https://a.example/x');
  });
});

describe('typingSearch', () => {
  const words = [
    'harbour',
    'Harbor',
    'école',
    'ecole',
    'energy',
    'prices',
    'straße',
    '#ferry',
    'الأسهم',
    'ﬁle',
    'İstanbul',
  ];
  const text = fc.array(fc.constantFrom(...words, 'a', 'e', ' '), { maxLength: 6 }).map((w) => w.join(' '));
  const record = (i: number, quote: string, note: string, color: HighlightColor): HighlightRecord => ({
    id: `h${i}`,
    url: `https://site${i % 3}.example/${i}`,
    color,
    note,
    target: {
      quote: { type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 0, end: quote.length },
    },
    createdAt: i,
    updatedAt: i,
  });

  it('answers every query as a fresh search would, whatever was typed before', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(text, text, fc.constantFrom(...HIGHLIGHT_COLORS)), { maxLength: 30 }),
        // What a person does: type on, erase, type something else; now and then a filter.
        fc.array(fc.tuple(text, fc.constantFrom<HighlightColor[]>([], ['yellow'], ['green', 'blue'])), {
          minLength: 1,
          maxLength: 12,
        }),
        (records, typed) => {
          const entries = searchEntries(
            [],
            records.map(([quote, note, color], i) => record(i, quote, note, color)),
          );
          const search = typingSearch();
          for (const [query, colors] of typed)
            for (let end = 0; end <= query.length; end++) {
              const filters = { query: query.slice(0, end), colors };
              expect(search(entries, filters)).toEqual(searchLibrary(entries, filters));
            }
        },
      ),
    );
  });

  it('searches only the last matches when the query grows, and forgets them when the entries change', () => {
    const entries = searchEntries(SAMPLE_PAGES, SAMPLE_HIGHLIGHTS);
    const search = typingSearch();
    const first = search(entries, { query: 'mark' });
    expect(search(entries, { query: 'mark' })).toBe(first);
    expect(search(entries, { query: 'markets' }).every((e) => first.includes(e))).toBe(true);
    const changed = searchEntries(SAMPLE_PAGES, SAMPLE_HIGHLIGHTS.slice(1));
    expect(search(changed, { query: 'mark' })).toEqual(searchLibrary(changed, { query: 'mark' }));
  });
});
