/**
 * The highlights of the page a content script runs in, as records: what the background last
 * answered, what change notices said since, and what was made here and is not stored yet. It
 * knows nothing of painting; it settles load races (an answer to an older load never overwrites
 * a newer one) and keeps unsaved records across reloads.
 */
import type { HighlightRecord } from '../shared/model';

export class HighlightStore {
  private readonly records = new Map<string, HighlightRecord>();
  /** Counts loads, so an answer to an older load never overwrites a newer one. */
  private loads = 0;

  /** Starts a load; pass the token to `finishLoad` with its answer. */
  beginLoad(): number {
    return ++this.loads;
  }

  /**
   * Takes a load's answer, unless a newer load was begun meanwhile (answers false). Records
   * `keep` names (made here, not stored yet) stay even when the answer does not hold them.
   */
  finishLoad(token: number, stored: HighlightRecord[], keep: (id: string) => boolean): boolean {
    if (token !== this.loads) return false;
    const kept = [...this.records.values()].filter((r) => keep(r.id) && !stored.some((s) => s.id === r.id));
    this.records.clear();
    for (const record of [...stored, ...kept]) this.records.set(record.id, record);
    return true;
  }

  get(id: string): HighlightRecord | undefined {
    return this.records.get(id);
  }

  has(id: string): boolean {
    return this.records.has(id);
  }

  /** Adds a record, or replaces the one with its id (keeping its place in the order). */
  upsert(record: HighlightRecord): void {
    this.records.set(record.id, record);
  }

  remove(id: string): boolean {
    return this.records.delete(id);
  }

  /** Forgets everything (another page is shown now); an older load's answer is then ignored too. */
  clear(): void {
    this.loads++;
    this.records.clear();
  }

  all(): HighlightRecord[] {
    return [...this.records.values()];
  }

  get size(): number {
    return this.records.size;
  }
}
