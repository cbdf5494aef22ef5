/**
 * Lines in an article that are the page's controls and placeholders, not its words: "Advert",
 * "Advertisement", "Sharing is caring!", "comments", "Loading…" — a few words, every one of them
 * the vocabulary of page furniture (in the languages Clearmark's users read most). A line with a
 * single word outside that vocabulary is the article's, and stays.
 */
import type { LeafBlock } from './leaf-blocks';

/** The words furniture is made of (plurals and accents folded into one pattern). */
const FURNITURE = /^(?:adverts?|advertisements?|ads?|sponsored|promoted|anzeige|werbung|publicit[ée]|publicidad|pubblicit[àa]|reklama|comments?|shar(?:e|es|ing)|caring|tweet|email|print|loading|caption|close|expand|enlarge|is|this|the|on|via|story|article|continue|below|scroll|to|and|or|subscribe|follow|us)$/;
const MAX_WORDS = 4;

export function uiLabels(blocks: LeafBlock[]): Element[] {
  const found: Element[] = [];
  for (const { el, text } of blocks) {
    if (/^H[1-6]$/i.test(el.tagName)) continue;
    const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    if (words.length === 0 || words.length > MAX_WORDS) continue;
    // At least one word that says "furniture" outright, not only the small words.
    if (words.every((w) => FURNITURE.test(w)) && words.some((w) => w.length > 3 || w === 'ad' || w === 'ads')) found.push(el);
  }
  return found;
}
