/**
 * The reader's "N min read": how long the article's text takes to read. A matter of how the
 * reader presents an article, not of finding it, so it lives beside the reader's HTML.
 */

/** Words in a text (runs of letters and digits, with an apostrophe's tail: "don't" is one). */
export function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)?.length ?? 0;
}

/** Minutes to read a text, at 230 words a minute, at least one. */
export function readingMinutes(text: string): number {
  return Math.max(1, Math.round(wordCount(text) / 230));
}
