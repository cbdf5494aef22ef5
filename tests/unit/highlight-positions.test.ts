/** Where each highlight stands in a list, by an index handed from list to list (utils/pages/highlight-positions.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withChange } from '@/utils/pages/change-reducer';
import { hasPositions, indexPositions, placesOf } from '@/utils/pages/highlight-positions';
import type { HighlightRecord } from '@/utils/shared/model';
import type { HighlightsChanged } from '@/utils/shared/protocol';

const URL = 'https://a.example/one';
const h = (id: string, at: number, note = ''): HighlightRecord => ({
  id,
  url: URL,
  color: 'yellow',
  note,
  target: {
    quote: { type: 'TextQuoteSelector', exact: `passage ${id}`, prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start: at, end: at + 9 },
  },
  createdAt: 100 + at,
  updatedAt: 100 + at,
});
const notice = (upserted: HighlightRecord[], removed: string[]): HighlightsChanged => ({
  type: 'highlights:changed',
  url: URL,
  upserted,
  removed,
});
/** Where each id stands, by a plain scan: the reference. */
const scanned = (list: readonly HighlightRecord[], ids: readonly string[]) =>
  new Map(ids.flatMap((id) => (list.some((x) => x.id === id) ? [[id, list.findIndex((x) => x.id === id)]] : [])));
/** The list as a pass over every record makes it (as in change-reducer.test.ts). */
const model = (list: readonly HighlightRecord[], change: HighlightsChanged) => {
  const changed = new Map(change.upserted.map((x) => [x.id, x]));
  const gone = new Set(change.removed);
  const kept = list.filter((x) => !gone.has(x.id)).map((x) => changed.get(x.id) ?? x);
  const held = new Set(list.map((x) => x.id));
  return [...kept, ...[...changed.values()].filter((x) => !held.has(x.id) && !gone.has(x.id))];
};

describe('where each highlight stands', () => {
  it('an indexed list answers by its index; a change that moves nothing hands the index on; a removal does not', () => {
    const list = [h('a', 1), h('b', 2), h('c', 3)];
    indexPositions(list);
    expect(placesOf(list, ['c', 'x', 'a'])).toEqual(
      new Map([
        ['c', 2],
        ['a', 0],
      ]),
    );
    const edited = withChange(list, notice([h('b', 2, 'note'), h('d', 4)], []));
    expect(hasPositions(edited)).toBe(true);
    expect(placesOf(edited, ['d', 'b'])).toEqual(
      new Map([
        ['d', 3],
        ['b', 1],
      ]),
    );
    // The list before the change shares the index, and still answers for itself.
    expect(placesOf(list, ['d', 'b'])).toEqual(new Map([['b', 1]]));
    const removed = withChange(edited, notice([], ['a']));
    expect(hasPositions(removed)).toBe(false);
    expect(placesOf(removed, ['d', 'b'])).toEqual(
      new Map([
        ['d', 2],
        ['b', 0],
      ]),
    );
  });

  it('answers as a scan does, over any history of changes, lists indexed at any step, and older lists changed again', () => {
    const id = fc.integer({ min: 0, max: 30 }).map((n) => `h${n}`);
    const step = fc.record({
      // Which list of the history the change is made to: the newest mostly, an older one sometimes.
      base: fc.nat({ max: 7 }),
      upserts: fc.array(fc.tuple(id, fc.string({ maxLength: 2 })), { maxLength: 4 }),
      removed: fc.array(id, { maxLength: 2 }),
      index: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(id, { maxLength: 20 }),
        fc.array(step, { maxLength: 12 }),
        fc.boolean(),
        (ids, steps, first) => {
          const history: HighlightRecord[][] = [ids.map((x, i) => h(x, i))];
          if (first) indexPositions(history[0]!);
          for (const [n, s] of steps.entries()) {
            const base = history[Math.max(0, history.length - 1 - (s.base > 5 ? s.base : 0))]!;
            const change = notice(
              s.upserts.map(([x, note], i) => h(x, 100 + n * 10 + i, note)),
              s.removed,
            );
            const next = withChange(base, change);
            expect(next).toEqual(model(base, change));
            if (s.index) indexPositions(next);
            history.push(next);
          }
          const asked = Array.from({ length: 31 }, (_, n) => `h${n}`);
          for (const list of history) expect(placesOf(list, asked)).toEqual(scanned(list, asked));
        },
      ),
      { numRuns: 400, seed: 20_261_206 },
    );
  });
});
