/**
 * Links that open a page scrolled to a quote, with the quote marked: URL text fragments
 * (`#:~:text=start,end`), which Chromium and recent Firefox follow; other browsers just open
 * the page. Long quotes are linked by their first and last words.
 */
const WORDS_AT_EACH_END = 6;

/** A UTF-16 surrogate without its other half: page text has them, and percent-encoding cannot take them. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Percent-encodes what text fragments reserve (`-`, `,`, `&`) on top of the usual; a lone surrogate as U+FFFD. */
function encodePart(text: string): string {
  return encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD'))
    .replace(/-/g, '%2D')
    .replace(/,/g, '%2C')
    .replace(/&/g, '%26');
}

export function textFragmentUrl(url: string, quote: string): string {
  const words = quote.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  if (words.length === 0) return url;
  const base = url.replace(/#.*$/, '');
  const directive =
    words.length <= WORDS_AT_EACH_END * 2
      ? encodePart(words.join(' '))
      : `${encodePart(words.slice(0, WORDS_AT_EACH_END).join(' '))},${encodePart(words.slice(-WORDS_AT_EACH_END).join(' '))}`;
  return `${base}#:~:text=${directive}`;
}
