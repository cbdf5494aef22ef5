/**
 * The standfirst: the sentence a page sets under its headline to say what the article is about
 * ("Two-year-old bug exposes thousands of servers to crippling attack."). Pages often keep it in
 * the header, beside the title and outside the article's body, so the body alone loses it; the
 * reader shows it under the title, as the page does, and a saved copy opens with it. It is the
 * block right after the title's heading (a date line or a label may stand between), named so
 * (`dek`, `standfirst`, `subtitle`, `itemprop="description"`…) or, outside the body, reading what
 * the page declares as its description. Found by the reader, not by the extraction engine: it is
 * how the reader's header shows the article, and the engine loads with less.
 */
import type { Article } from '../extraction';
import { BLOCK_TAGS } from '../extraction/element-kinds';
import { dateInText } from '../extraction/header-lines';
import { clean, linksAbove, overlap } from '../extraction/metadata';
import * as D from '../extraction/tuning';

/** Names a standfirst goes by, as whole words of its class, id or itemprop. */
const NAMED =
  /(?:^|[-_\s])(?:dek|deck|standfirst|sub-?(?:title|head\w*)|strapline|description|summary|excerpt|lede|intro)(?:$|[-_\s])/i;
/** The page's banner, where a site's name and motto stand. */
const BANNER = '[role=banner], #banner, #masthead, .masthead, #branding';

/**
 * The article's standfirst, or ''. One the article's element holds leaves the body (it is marked
 * as a header line in the article's detection), so that the reader shows it once, under the title.
 */
export function takeStandfirst(doc: Document, article: Article): string {
  const root = article.detection.root;
  const description =
    doc.querySelector('meta[property="og:description"], meta[name="description"]')?.getAttribute('content') ?? '';
  const found = standfirstBlock(doc, root, article.title, description);
  if (!found) return '';
  if (root?.contains(found)) article.detection.excluded.set(found, 'header-line');
  return clean(found.textContent);
}

function standfirstBlock(doc: Document, root: Element | null, title: string, description: string): Element | null {
  const wanted = title.toLowerCase();
  let heading = Array.from(doc.querySelectorAll('h1, h2, h3'))
    .slice(0, 40)
    .find((h) => clean(h.textContent).toLowerCase() === wanted);
  // A blog's name in the page's banner, or linking to its front page, is its masthead, and the line
  // under it the blog's motto.
  if (!root || !title || !heading || linksAbove(heading) || heading.closest(BANNER)) return null;
  const lang = doc.documentElement.getAttribute('lang') ?? '';
  // A heading wrapped alone (`<div class="title"><h1>…</h1></div>`): what follows is after its wrapper.
  while (heading.parentElement && !heading.nextElementSibling && clean(heading.parentElement.textContent) === title)
    heading = heading.parentElement;
  let steps = 0;
  for (let next = heading.nextElementSibling; next && steps < D.standfirstMaxSteps; next = next.nextElementSibling) {
    if (next === root || next.contains(root) || !BLOCK_TAGS.has(next.tagName.toUpperCase())) return null;
    const text = clean(next.textContent);
    if (!text) continue;
    steps++;
    if (text.length < D.standfirstMinChars || (text.length <= D.dateLineMaxChars && dateInText(text, lang))) continue;
    if (text.length > D.standfirstMaxChars || next.querySelector('a, time, h1, [itemprop~="author"], [rel~="author"]'))
      return null;
    const { share, shared } = overlap(text, description);
    // Inside the article's element, only a block named so: an unnamed one reading the description
    // is as likely the body's first paragraph (many pages declare it as their description).
    return NAMED.test(`${next.getAttribute('class') ?? ''} ${next.id} ${next.getAttribute('itemprop') ?? ''}`) ||
      (!root.contains(next) && share >= D.standfirstMinShare && shared >= D.standfirstMinSharedWords)
      ? next
      : null;
  }
  return null;
}
