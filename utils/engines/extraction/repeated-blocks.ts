/**
 * Blocks an article shows twice in a row: a gallery's caption and credit repeated for its
 * thumbnail and its slide, a caption duplicated for a lightbox. The reader keeps the first and
 * leaves the repeat out. Short repeats further apart are the article's own (a meal plan that
 * serves the same breakfast every day) and stay; a long caption said twice is a copy wherever it is.
 */
import type { LeafBlock } from './leaf-blocks';

/** Shorter texts ("Photo: AP", "Close") repeat by nature; they are not judged here. */
const MIN_REPEATED_CHARS = 30;

/** A caption this long said twice word for word is a copy (a slide's caption again), wherever it is. */
const MIN_REPEATED_ANYWHERE = 100;
const CAPTION = 'figure, figcaption, [class*="caption" i]';

export function repeatedBlocks(blocks: LeafBlock[]): Element[] {
  const repeats: Element[] = [];
  const seen = new Set<string>();
  // The block just before, or the one before it (a caption, its credit, then both again).
  blocks.forEach(({ el, text }, i) => {
    if (
      text.length >= MIN_REPEATED_CHARS &&
      (text === blocks[i - 1]?.text ||
        text === blocks[i - 2]?.text ||
        (text.length >= MIN_REPEATED_ANYWHERE && seen.has(text) && el.closest(CAPTION) !== null))
    )
      repeats.push(el);
    seen.add(text);
  });
  return repeats;
}
