import { describe, expect, it } from 'vitest';
import { fold, searchEntries, searchLibrary } from '@/utils/pages/library-search';
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
