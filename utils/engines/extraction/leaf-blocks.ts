/**
 * The article's innermost blocks — paragraphs, headings, captions, the divs that hold only text —
 * with their text, in reading order, found in one walk. The rules that tidy the body after
 * detection (header lines, the author's bio, repeats, page furniture) all read this one list.
 */
import type { ArticleDetection } from './detect-article';
import { BLOCK_TAGS } from './element-kinds';

export interface LeafBlock {
  el: Element;
  /** Its text, whitespace collapsed (never empty). */
  text: string;
}

/** The blocks of the article holding no other block, leaving out what the detection left out. */
export function leafBlocks(detection: ArticleDetection): LeafBlock[] {
  const root = detection.root;
  if (!root) return [];
  const out: LeafBlock[] = [];
  // Answers whether `el` holds a block, collecting the leaf blocks below it in order on the way.
  const visit = (el: Element): boolean => {
    let holdsBlock = false;
    for (const child of Array.from(el.children)) {
      if (detection.excluded.has(child)) {
        holdsBlock ||= BLOCK_TAGS.has(child.tagName.toUpperCase());
        continue;
      }
      const block = BLOCK_TAGS.has(child.tagName.toUpperCase());
      const inner = visit(child);
      if (block && !inner) {
        const text = child.textContent.replace(/\s+/g, ' ').trim();
        if (text) out.push({ el: child, text });
      }
      holdsBlock ||= block || inner;
    }
    return holdsBlock;
  };
  visit(root);
  return out;
}
