/** One change notice applied to what the popup and the library hold (utils/pages/change-reducer.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChange, touchesTags, withChange, type Shown } from '@/utils/pages/change-reducer';
import type { HighlightRecord, PageRecord } from '@/utils/shared/model';
import type { HighlightsChanged } from '@/utils/shared/protocol';

const A = 'https://a.example/one';
const B = 'https://b.example/two';
const h = (id: string, url: string, start: number, over: Partial<HighlightRecord> = {}): HighlightRecord => ({
  id,
  url,
  color: 'yellow',
  note: '',
  target: {
    quote: { type: 'TextQuoteSelector', exact: `passage ${id}`, prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start, end: start + 9 },
  },
  createdAt: 100 + start,
  updatedAt: 100 + start,
  ...over,
});
const page = (url: string, count: number, updatedAt: number): PageRecord => ({
  url,
  title: url,
  siteName: '',
  createdAt: 1,
  updatedAt,
  highlightCount: count,
  lastHighlightAt: updatedAt,
});
const notice = (url: string, upserted: HighlightRecord[], removed: string[] = []): HighlightsChanged => ({
  type: 'highlights:changed',
  url,
  upserted,
  removed,
});

const a1 = h('a1', A, 10);
const a2 = h('a2', A, 50);
const b1 = h('b1', B, 5);
const library = (): Shown => ({
  pages: [page(B, 1, 900), page(A, 2, 500)],
  all: { pages: [page(B, 1, 900), page(A, 2, 500)], highlights: [a1, a2, b1] },
  page: { url: A, highlights: [a1, a2] },
});

describe('a change applied to what a view holds', () => {
  it('an edit replaces the record where it stands; the page moves up the list by its new time', () => {
    const edited = { ...a2, note: 'new note', updatedAt: 1_000 };
    const next = applyChange(library(), notice(A, [edited]))!;
    expect(next.page!.highlights.map((x) => x.note)).toEqual(['', 'new note']);
    expect(next.all!.highlights.map((x) => x.id)).toEqual(['a1', 'a2', 'b1']);
    expect(next.all!.highlights[1]!.note).toBe('new note');
    expect(next.pages!.map((p) => [p.url, p.highlightCount, p.updatedAt])).toEqual([
      [A, 2, 1_000],
      [B, 1, 900],
    ]);
    expect(next.all!.pages.find((p) => p.url === A)!.updatedAt).toBe(1_000);
  });

  it('a new highlight joins its page in document order and counts; a removal drops it; the last removal drops the page from the list', () => {
    const between = h('a3', A, 30, { createdAt: 2_000, updatedAt: 2_000 });
    const added = applyChange(library(), notice(A, [between]))!;
    expect(added.page!.highlights.map((x) => x.id)).toEqual(['a1', 'a3', 'a2']);
    expect(added.pages![0]).toMatchObject({ url: A, highlightCount: 3, lastHighlightAt: 2_000 });
    const removed = applyChange(added, notice(A, [], ['a1']))!;
    expect(removed.page!.highlights.map((x) => x.id)).toEqual(['a3', 'a2']);
    expect(removed.pages!.find((p) => p.url === A)!.highlightCount).toBe(2);
    const gone = applyChange(library(), notice(B, [], ['b1']))!;
    expect(gone.pages!.map((p) => p.url)).toEqual([A]);
    expect(gone.all!.highlights.map((x) => x.id)).toEqual(['a1', 'a2']);
    // The chosen page is another: it stays as it was.
    expect(gone.page).toEqual(library().page);
  });

  it('the popup holds one page: a change elsewhere leaves it as it is', () => {
    const popup: Shown = { pages: null, all: null, page: { url: A, highlights: [a1, a2] } };
    expect(applyChange(popup, notice(B, [h('b2', B, 1)]))).toEqual(popup);
    expect(applyChange(popup, notice(A, [], ['a1']))!.page!.highlights).toEqual([a2]);
  });

  it('reads again when the change cannot be applied from what is held', () => {
    expect(applyChange(library(), notice('*', []))).toBeNull();
    // A saved copy came or went: nothing of the highlights, the page's views read again.
    expect(applyChange(library(), notice(A, []))).toBeNull();
    // A page the list does not hold yet (its first highlight): its record is to be read.
    expect(applyChange(library(), notice('https://c.example/new', [h('c1', 'https://c.example/new', 1)]))).toBeNull();
    // The list without every highlight or the page's own: its count cannot be told.
    expect(
      applyChange({ pages: library().pages, all: null, page: null }, notice(A, [{ ...a1, note: 'x' }])),
    ).toBeNull();
  });

  it('withChange keeps the order of what it holds and adds what is new at the end, once', () => {
    const out = withChange([a1, a2, b1], notice(A, [{ ...a1, note: 'x' }, h('a9', A, 99), h('a9', A, 99)], ['b1']));
    expect(out.map((x) => x.id)).toEqual(['a1', 'a2', 'a9']);
  });

  it('withChange gives what a plain pass over the list gives, for few changed records or many, removals, repeats and newcomers', () => {
    /** The list as a pass over every record makes it: the reference withChange is held to. */
    const model = (list: HighlightRecord[], change: HighlightsChanged) => {
      const changed = new Map(change.upserted.map((x) => [x.id, x]));
      const gone = new Set(change.removed);
      const kept = list.filter((x) => !gone.has(x.id)).map((x) => changed.get(x.id) ?? x);
      const held = new Set(list.map((x) => x.id));
      return [...kept, ...[...changed.values()].filter((x) => !held.has(x.id) && !gone.has(x.id))];
    };
    const id = fc.integer({ min: 0, max: 40 }).map((n) => `h${n}`);
    fc.assert(
      fc.property(
        fc.uniqueArray(id, { maxLength: 30 }),
        fc.array(fc.tuple(id, fc.string({ maxLength: 3 })), { maxLength: 14 }),
        fc.array(id, { maxLength: 12 }),
        (ids, upserts, removed) => {
          const list = ids.map((x, i) => h(x, A, i));
          const change = notice(
            A,
            upserts.map(([x, note], i) => h(x, A, 100 + i, { note })),
            removed,
          );
          const before = [...list];
          expect(withChange(list, change)).toEqual(model(list, change));
          expect(list).toEqual(before);
        },
      ),
      { numRuns: 400, seed: 20_261_206 },
    );
  });

  it('tells a change that may change the tags in use from one that cannot (so 100,000 highlights are not counted again for a note)', () => {
    const tagged = h('t1', A, 70, { tags: ['birds'] });
    const shown: Shown = { ...library(), all: { ...library().all!, highlights: [a1, a2, b1, tagged] } };
    expect(touchesTags(shown, notice(A, [{ ...a1, note: 'only a note' }]))).toBe(false);
    expect(touchesTags(shown, notice(A, [{ ...tagged, note: 'same tags' }]))).toBe(false);
    expect(touchesTags(shown, notice(A, [{ ...a1, tags: ['new'] }]))).toBe(true);
    expect(touchesTags(shown, notice(A, [{ ...tagged, tags: [] }]))).toBe(true);
    expect(touchesTags(shown, notice(A, [], ['t1']))).toBe(true);
    expect(touchesTags(shown, notice(A, [], ['a1']))).toBe(false);
    expect(touchesTags(shown, notice(A, [h('n1', A, 90, { tags: ['x'] })]))).toBe(true);
    // Many records at once (looked for in one pass): the same answers.
    const many = Array.from({ length: 12 }, (_, i) => h(`m${i}`, A, 200 + i));
    expect(touchesTags(shown, notice(A, [...many, { ...a1, note: 'a note' }]))).toBe(false);
    expect(touchesTags(shown, notice(A, [...many, { ...tagged, tags: ['other'] }]))).toBe(true);
    expect(touchesTags(shown, notice(A, many, ['a1', 't1', ...many.map((m) => m.id)]))).toBe(true);
  });
});
