/**
 * One change notice applied to what a page shows. The background's notice carries the change
 * itself (ADR 0007), so the popup and the library update what they hold in place, through this
 * one function, instead of reading the library again. Pure: no storage, no rendering; what it
 * keeps, an index of where each highlight stands (./highlight-positions.ts), only makes lookups faster.
 */
import { inDocumentOrder, type HighlightRecord, type PageRecord } from '../shared/model';
import type { HighlightsChanged } from '../shared/protocol';
import { handOnPositions, placesOf } from './highlight-positions';

/** What a view holds: any part it has not read is null. */
export interface Shown {
  /** Pages with highlights, newest change first (the library's list). */
  pages: PageRecord[] | null;
  /** Every page and highlight, once read (the library's search, filters and tags). */
  all: { pages: PageRecord[]; highlights: HighlightRecord[] } | null;
  /** One page's highlights in document order (the popup's page, the library's chosen page). */
  page: { url: string; highlights: HighlightRecord[] } | null;
}

/**
 * `shown` with the change applied, or null when the change cannot be applied from what is held
 * and the view must read again: a change to many pages (`*`, an import or a sync), a saved copy
 * that came or went (a notice with no records), or a page the view holds nothing of.
 */
export function applyChange(shown: Shown, change: HighlightsChanged): Shown | null {
  if (change.url === '*' || (change.upserted.length === 0 && change.removed.length === 0)) return null;
  const url = change.url;
  const all = shown.all ? { ...shown.all, highlights: withChange(shown.all.highlights, change) } : null;
  const page =
    shown.page?.url === url
      ? { url, highlights: inDocumentOrder(withChange(shown.page.highlights, change)) }
      : shown.page;
  // The page's highlights after the change, from whichever list holds all of them.
  const own = page?.url === url ? page.highlights : all ? all.highlights.filter((h) => h.url === url) : null;
  if (shown.pages === null && all === null) return { ...shown, page };
  if (own === null) return null;
  const known = shown.pages?.find((p) => p.url === url) ?? all?.pages.find((p) => p.url === url);
  if (!known) return null;
  const latest = change.upserted.reduce((at, h) => Math.max(at, h.updatedAt), known.updatedAt);
  const record: PageRecord = {
    ...known,
    updatedAt: latest,
    highlightCount: own.length,
    lastHighlightAt: own.reduce((at, h) => Math.max(at, h.createdAt), 0),
  };
  return {
    pages: shown.pages && withPage(shown.pages, record),
    all: all && { ...all, pages: all.pages.map((p) => (p.url === url ? record : p)) },
    page,
  };
}

/** Whether a change may change the tags in use: a record whose tags differ from the one held, or one removed or new that has tags. */
export function touchesTags(shown: Shown, change: HighlightsChanged): boolean {
  const held = shown.all?.highlights ?? shown.page?.highlights ?? [];
  const at = placesOf(held, [...change.upserted.map((h) => h.id), ...change.removed]);
  const before = (id: string) => {
    const i = at.get(id);
    return i === undefined ? undefined : held[i];
  };
  const tagsOf = (h: HighlightRecord | undefined) => (h?.tags ?? []).join('\n');
  return (
    change.removed.some((id) => tagsOf(before(id)) !== '') ||
    change.upserted.some((h) => tagsOf(before(h.id)) !== tagsOf(h))
  );
}

/** A list of highlights with a change applied: changed records replaced where they stand, new ones added at the end, removed ones gone. */
export function withChange(highlights: readonly HighlightRecord[], change: HighlightsChanged): HighlightRecord[] {
  const changed = new Map(change.upserted.map((h) => [h.id, h]));
  const gone = new Set(change.removed);
  const at = placesOf(highlights, [...changed.keys(), ...gone]);
  // The list copied whole (one copy of references), then the few changed places written.
  const out = highlights.slice();
  for (const [id, h] of changed) {
    const i = at.get(id);
    if (i !== undefined) out[i] = h;
  }
  const removed = [...gone].flatMap((id) => at.get(id) ?? []).sort((a, b) => b - a);
  for (const i of removed) out.splice(i, 1);
  const added = new Map<string, number>();
  for (const [id, h] of changed) if (!at.has(id) && !gone.has(id)) added.set(id, out.push(h) - 1);
  // Nothing moved: the list's index of places holds for the new list too (highlight-positions.ts).
  if (removed.length === 0) handOnPositions(highlights, out, added);
  return out;
}

/** The page list with one page's record as it is now: newest change first, and pages left without highlights out. */
function withPage(pages: readonly PageRecord[], record: PageRecord): PageRecord[] {
  const rest = pages.filter((p) => p.url !== record.url);
  if (!record.highlightCount) return rest;
  const at = rest.findIndex((p) => p.updatedAt <= record.updatedAt);
  return at === -1 ? [...rest, record] : [...rest.slice(0, at), record, ...rest.slice(at)];
}
