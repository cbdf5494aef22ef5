/**
 * When two highlights are one: the same passage of the same page, highlighted in two browsers,
 * in two tools, or brought back by a backup. Imports, restores (and sync, when it comes) use this
 * one rule, so the same passage shows once and nothing either copy held is lost: both notes are
 * kept, tags are united, the stored color stays.
 *
 * Same passage = same page, same quote (whitespace aside), and the same place: overlapping
 * offsets when both were counted the same way (Clearmark's code-point offsets into the page), else
 * agreeing context either side; a quote with no place or context of its own is the same passage as
 * the first stored highlight of that quote.
 */
import { hasPosition, normalizeTags, type HighlightRecord } from '../shared/model';

const squeeze = (text: string): string => text.replace(/\s+/g, '');
const CONTEXT = 12;

export function samePassage(a: HighlightRecord, b: HighlightRecord): boolean {
  if (a.url !== b.url || squeeze(a.target.quote.exact) !== squeeze(b.target.quote.exact)) return false;
  if (!hasPosition(a) || !hasPosition(b)) return true;
  const pa = a.target.documentPosition;
  const pb = b.target.documentPosition;
  if (pa && pb) return pa.start < pb.end && pb.start < pa.end;
  const before = (h: HighlightRecord) => squeeze(h.target.quote.prefix).slice(-CONTEXT);
  const after = (h: HighlightRecord) => squeeze(h.target.quote.suffix).slice(0, CONTEXT);
  const known = (h: HighlightRecord) => before(h) !== '' || after(h) !== '';
  if (!known(a) || !known(b)) return true;
  const agree = (x: string, y: string) =>
    x === '' || y === '' || x.endsWith(y) || y.endsWith(x) || x.startsWith(y) || y.startsWith(x);
  return agree(before(a), before(b)) && agree(after(a), after(b));
}

/** The note holding both texts: one already inside the other is not repeated. */
export function mergeNotes(kept: string, other: string): string {
  const a = kept.trim();
  const b = other.trim();
  if (!b || a.includes(b)) return kept;
  if (!a || b.includes(a)) return other;
  return `${kept.trimEnd()}\n\n${other.trim()}`;
}

/**
 * `stored` with what `incoming` adds (its note, its tags, a place when stored had only a quote),
 * or null when it adds nothing — so merging the same file twice changes nothing the second time.
 */
export function mergeHighlight(stored: HighlightRecord, incoming: HighlightRecord): HighlightRecord | null {
  const note = mergeNotes(stored.note, incoming.note);
  const tags = normalizeTags([...(stored.tags ?? []), ...(incoming.tags ?? [])]);
  const target = !hasPosition(stored) && hasPosition(incoming) ? incoming.target : stored.target;
  const createdAt = Math.min(stored.createdAt, incoming.createdAt);
  const same =
    note === stored.note &&
    tags.length === (stored.tags ?? []).length &&
    target === stored.target &&
    createdAt === stored.createdAt;
  if (same) return null;
  return {
    ...stored,
    note,
    ...(tags.length ? { tags } : {}),
    target,
    createdAt,
    updatedAt: Math.max(stored.updatedAt, incoming.updatedAt),
  };
}

/**
 * The library's highlights, with a way to find the stored record an incoming one is the same
 * passage as. Only what was stored before an import began is matched by passage: two highlights
 * of one file (or one backup) coexisted where they came from, and stay two.
 */
export class PassageIndex {
  private readonly byUrl = new Map<string, HighlightRecord[]>();
  private readonly byId = new Map<string, HighlightRecord>();

  /** `sameImport`: ids an earlier step of the same import wrote, found by id only (as the file's own records are). */
  constructor(stored: Iterable<HighlightRecord>, sameImport: ReadonlySet<string> = new Set()) {
    for (const r of stored) {
      this.byId.set(r.id, r);
      if (sameImport.has(r.id)) continue;
      const list = this.byUrl.get(r.url) ?? [];
      list.push(r);
      this.byUrl.set(r.url, list);
    }
  }

  byIdOf(id: string): HighlightRecord | undefined {
    return this.byId.get(id);
  }

  /** The stored highlight of the same passage (not the same id), if any. */
  samePassageAs(h: HighlightRecord): HighlightRecord | undefined {
    return this.byUrl.get(h.url)?.find((other) => other.id !== h.id && samePassage(other, h));
  }

  /** Records a write: a stored record keeps its place among the candidates; a new one is found by id only. */
  put(record: HighlightRecord): void {
    const previous = this.byId.get(record.id);
    this.byId.set(record.id, record);
    if (!previous) return;
    const list = this.byUrl.get(previous.url);
    const at = list?.indexOf(previous) ?? -1;
    if (list && at !== -1) {
      if (previous.url === record.url) list[at] = record;
      else {
        list.splice(at, 1);
        this.byUrl.set(record.url, [...(this.byUrl.get(record.url) ?? []), record]);
      }
    }
  }
}
