/**
 * Whether a copy taken again replaces the saved one. Apart from the capture (saved-copy.ts) so
 * that storage, which decides, loads no extraction or sanitizer.
 */

/**
 * A new copy with less than this share of the old copy's words is not taken over it: a paywall,
 * an error page or a login wall shows a stub where the article was.
 */
export const SHRUNK_SHARE = 0.5;

/** Whether a new copy replaces the one kept: yes, unless it holds much less text. */
export function replacesCopy(kept: { words: number } | undefined, next: { words: number }): boolean {
  return !kept || next.words >= kept.words * SHRUNK_SHARE;
}
