/**
 * Blocks an article shows twice in a row: a gallery's caption and credit repeated for its
 * thumbnail and its slide, a caption duplicated for a lightbox. The reader keeps the first and
 * leaves the repeat out. Repeats further apart are the article's own (a meal plan that serves the
 * same breakfast every day) and stay.
 */
import type { ArticleDetection } from './detect-article';
import { BLOCK_TAGS } from './element-kinds';

/** Shorter texts ("Photo: AP", "Close") repeat by nature; they are not judged here. */
const MIN_REPEATED_CHARS = 30;

export function repeatedBlocks(detection: ArticleDetection): Element[] {
  const root = detection.root;
  if (!root) return [];
  let previous = '';
  let beforeThat = '';
  const repeats: Element[] = [];
  const walk = (el: Element) => {
    for (const child of Array.from(el.children)) {
      if (detection.excluded.has(child)) continue;
      const block = BLOCK_TAGS.has(child.tagName.toUpperCase());
      if (block && !Array.from(child.children).some((c) => BLOCK_TAGS.has(c.tagName.toUpperCase()))) {
        const text = (child.textContent ?? '').replace(/\s+/g, ' ').trim();
        if (!text) continue;
        // The block just before, or the one before it (a caption, its credit, then both again).
        if (text.length >= MIN_REPEATED_CHARS && (text === previous || text === beforeThat)) repeats.push(child);
        beforeThat = previous;
        previous = text;
        continue;
      }
      walk(child);
    }
  };
  walk(root);
  return repeats;
}
