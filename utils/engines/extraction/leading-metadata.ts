/**
 * The lines at the top of an article that repeat what the reader's header already shows: the
 * title again, the author line ("Written by … on …"), the date, a category label ("Nutrition"),
 * a stray one-word label ("Review"). Found before the first real paragraph only, so nothing in
 * the body is touched; figures and their captions are never taken.
 */
import { linkShare } from './element-kinds';
import type { LeafBlock } from './leaf-blocks';
import type { ArticleMetadata } from './metadata';

/** A paragraph this long is the article's own text: the search stops there. */
const FIRST_PARAGRAPH_WORDS = 16;
const LOOKED_AT = 14;
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
const DATE_LIKE = new RegExp(
  `\\b${MONTH}\\s+\\d{1,2}\\b|\\b\\d{1,2}\\.?\\s+${MONTH}\\b|\\b\\d{4}-\\d{2}-\\d{2}\\b|\\b\\d{1,2}[./]\\d{1,2}[./]\\d{2,4}\\b|\\b(?:updated|published|min read)\\b`,
  'i',
);

/** Words a date line is made of: months, numbers, times, and the words that introduce them. */
const DATE_WORD = new RegExp(
  `^(?:${MONTH.replace('\\.?', '')}|\\d+|am|pm|[ap]\\.m|et|gmt|utc|updated|posted|published|on|at|last|modified|mon|tue|wed|thu|fri|sat|sun)[a-z]*$`,
  'i',
);

const normalize = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
const countWords = (text: string) => (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;

export function leadingMetadata(blocks: LeafBlock[], meta: Pick<ArticleMetadata, 'title' | 'byline'>): Element[] {
  const title = normalize(meta.title).toLowerCase();
  const byline = normalize(meta.byline).toLowerCase();
  const found: Element[] = [];
  let looked = 0;
  /** Labels (a category, a one-word tag) count only above everything else; after a line of text, they are the text's. */
  let keptAny = false;
  /** Short lines kept above the title line: when it comes, they were the page's masthead and tagline. */
  const aboveTitle: Element[] = [];
  for (const { el, text } of blocks) {
    if (el.closest('figure, figcaption, [class*="caption" i], li, table, pre, blockquote')) continue;
    const words = countWords(text);
    const lower = text.toLowerCase();
    const heading = /^H[1-6]$/.test(el.tagName.toUpperCase());
    if (title && lower === title) {
      found.push(...aboveTitle.splice(0), el);
      continue;
    }
    // A long heading is not the article's first paragraph: the search goes on past it.
    if ((words >= FIRST_PARAGRAPH_WORDS && !heading) || ++looked > LOOKED_AT) break;
    const isMetadata =
      (byline.length >= 3 && lower.includes(byline) && words <= FIRST_PARAGRAPH_WORDS) ||
      (DATE_LIKE.test(text) && (words <= 8 || dateShare(text) >= 0.7)) ||
      (!keptAny && words <= 4 && linkShare(el) >= 0.9) ||
      (!keptAny && words <= 2 && !heading);
    if (isMetadata) found.push(el);
    else {
      keptAny = true;
      aboveTitle.push(el);
    }
  }
  return found;
}

/** The share of a line's words that are date words ("Updated: 18 Nov 2019 9:38 pm Posted: …"). */
function dateShare(text: string): number {
  const all = text.match(/[\p{L}\p{N}.]+/gu) ?? [];
  return all.length ? all.filter((w) => DATE_WORD.test(w.replace(/\.$/, ''))).length / all.length : 0;
}

/**
 * The author's bio at the end ("Regan is a Connecticut native…"): one of the article's last
 * blocks, short, opening with the byline's name. The header already names the author.
 */
export function trailingAuthorBio(blocks: LeafBlock[], byline: string): Element[] {
  const name = normalize(byline);
  if (name.length < 3 || name.split(' ').length > 5) return [];
  const first = (name.split(' ')[0] ?? '').toLowerCase();
  const paragraphs = blocks.filter(({ el }) => el.tagName === 'P' || el.tagName === 'DIV');
  return paragraphs
    .slice(-3)
    .filter(({ text }) => {
      const lower = text.toLowerCase();
      return (
        text.length < 500 &&
        (lower.startsWith(`${name.toLowerCase()} `) ||
          lower.startsWith(`${first} is `) ||
          lower.startsWith(`${first} has `))
      );
    })
    .map(({ el }) => el);
}

/** How a blog's post footer begins: "Posted by … on …", "Filed under …", "Published …". */
const POST_INFO = /^(?:posted|filed|published|written)\b/i;

/**
 * The post's footer line at the end ("Posted by Seth Godin on July 09, 2012 | Permalink"): one of
 * the article's last short blocks, saying who posted it, and when or where its own page is. The
 * header already says who and when.
 */
export function trailingPostInfo(blocks: LeafBlock[], byline: string): Element[] {
  const name = normalize(byline).toLowerCase();
  const found: Element[] = [];
  for (const { el, text } of blocks.slice(-3).reverse()) {
    const words = countWords(text);
    if (words >= FIRST_PARAGRAPH_WORDS) break;
    const lower = text.toLowerCase();
    const dated = DATE_LIKE.test(text) || /\bpermalink\b/i.test(text);
    if (dated && (POST_INFO.test(text) || (name.length >= 3 && lower.includes(name)))) found.push(el);
  }
  return found;
}
