/**
 * The fixed tune and check halves of every development corpus. Extraction is tuned on the tune
 * half; a change is kept only when the check half improves too, because gains that fit the pages
 * looked at carry over to unseen pages only in part. Pages are ordered by a seeded FNV-1a hash of
 * their key and the lower half (the middle page too, in an odd count) is the tune half: the same on
 * every machine and in every run, balanced, and a page added to a corpus moves at most one other
 * page across. Changing SEED makes a new split: a decision to write down in docs/extraction.md.
 */

/** The split's seed. */
export const SEED = 'clearmark-halves-2026';

export type Half = 'tune' | 'check';

/** FNV-1a, 32 bits, of the seed and the key. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The keys of each half, each in the given order. */
export function halves(keys: readonly string[]): Record<Half, string[]> {
  const byHash = [...keys].sort((a, b) => hash(`${SEED}:${a}`) - hash(`${SEED}:${b}`) || (a < b ? -1 : 1));
  const tune = new Set(byHash.slice(0, Math.ceil(byHash.length / 2)));
  return { tune: keys.filter((k) => tune.has(k)), check: keys.filter((k) => !tune.has(k)) };
}
