/**
 * Where each highlight stands in a list, by its id. The library holds every highlight in one list
 * (100,000 of them in a big library), and each change notice touches a record or two of it: found
 * by a scan, that is a pass over the whole list per lookup, several per change. An index made once,
 * while the page is idle, and handed on to the list each change makes, answers in a lookup.
 *
 * Every answer is checked against the list itself, so an index never gives a wrong place: a list
 * without one (before the page was idle, or after a removal moved the records behind it) is
 * scanned, as before.
 */
import type { HighlightRecord } from '../shared/model';

type List = readonly HighlightRecord[];

/** Each indexed list's index: every id in it, at its first place. */
const indexes = new WeakMap<List, Map<string, number>>();

/** Up to this many ids are looked for one by one in a scan; more, in one pass with a set. */
const FEW_IDS = 8;

/** Makes the list's index (a pass over it), unless it has one. */
export function indexPositions(list: List): void {
  if (indexes.has(list)) return;
  const index = new Map<string, number>();
  list.forEach((h, i) => {
    if (!index.has(h.id)) index.set(h.id, i);
  });
  indexes.set(list, index);
}

export function hasPositions(list: List): boolean {
  return indexes.has(list);
}

/**
 * Gives `next` the index of `list`, when `next` is `list` with records replaced where they stand
 * and `added` ids appended at the given places (nothing removed, nothing moved). The index is
 * shared: the places added lie beyond the end of `list`, where checking them against it rejects them.
 */
export function handOnPositions(list: List, next: List, added: ReadonlyMap<string, number>): void {
  const index = indexes.get(list);
  if (!index) return;
  for (const [id, i] of added) if (!index.has(id)) index.set(id, i);
  indexes.set(next, index);
}

/** Where each id stands in the list (ids not there are left out). */
export function placesOf(list: List, ids: readonly string[]): Map<string, number> {
  const at = new Map<string, number>();
  const index = indexes.get(list);
  const unsure: string[] = [];
  for (const id of ids) {
    const i = index?.get(id);
    if (index && i === undefined) continue; // every id of an indexed list is in its index
    if (i !== undefined && list[i]?.id === id) at.set(id, i);
    else unsure.push(id);
  }
  if (unsure.length === 0) return at;
  if (unsure.length <= FEW_IDS) {
    for (const id of unsure) {
      const i = list.findIndex((h) => h.id === id);
      if (i !== -1) at.set(id, i);
    }
    return at;
  }
  const wanted = new Set(unsure);
  list.forEach((h, i) => {
    if (wanted.has(h.id) && !at.has(h.id)) at.set(h.id, i);
  });
  return at;
}
