/**
 * What the page says about the article: title, byline, date, site, language and direction, from
 * structured data (JSON-LD), Open Graph and meta tags, then the page itself (looked up only when
 * the declared data is missing).
 */
import { BLOCK_TAGS } from './element-kinds';
import { bylineInText, dateInText, headerLines, nameBeforeDate, spacedText } from './header-lines';
import { first, pageSignals, type Json, type PageSignals } from './page-signals';
import { bodyOf } from '../../shared/document-parts';

export interface ArticleMetadata {
  title: string;
  byline: string;
  /** ISO 8601 when the page states it, else ''. */
  publishedAt: string;
  siteName: string;
  lang: string;
  /** The text direction the page declares (`rtl`, `ltr`), or that its language implies; '' when neither. */
  dir: string;
}

function names(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(names).filter(Boolean).join(', ');
  if (value && typeof value === 'object' && typeof (value as Json).name === 'string')
    return (value as Json).name as string;
  return '';
}

export const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** Where an author line or heading is never the article's: forms (a comment form's "Name" label), comments, asides, navigation. */
const OUTSIDE_TAGS = new Set(['FORM', 'LABEL', 'ASIDE', 'NAV', 'FOOTER']);
/** Class names and ids of comment threads, related links and sidebars (whole names: "has-sidebar" layouts hold the article). */
const OUTSIDE_NAMES =
  /^(?:comments?(?:[-_]\w+)?|commentlist|respond|related(?:[-_]\w+)?|sidebar(?:[-_]\w+)?|widget-area|secondary)$/i;
const namedOutside = (names: string | null) => !!names && names.split(/\s+/).some((n) => OUTSIDE_NAMES.test(n));

/** Whether an element sits in a form, comments, an aside or navigation (an ancestor walk: cheaper than `closest` with a selector list). */
function outsideTheArticle(el: Element): boolean {
  // <body> and <html> carry layout classes ("has-sidebar", "comments-open"): they say nothing of a heading.
  for (
    let e: Element | null = el;
    e && e !== el.ownerDocument.body && e !== el.ownerDocument.documentElement;
    e = e.parentElement
  ) {
    if (OUTSIDE_TAGS.has(e.tagName.toUpperCase()) || e.getAttribute('role') === 'complementary') return true;
    if (namedOutside(e.getAttribute('class')) || namedOutside(e.id)) return true;
  }
  return false;
}
/** Languages written right to left by default (Hausa and Kurmanji Kurdish are written in Latin script today; Sorani is `ckb`). */
const RTL_LANGS = /^(ar|arc|ckb|dv|fa|he|ks|ps|sd|ug|ur|yi)\b/i;

const words = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

/** How many of the shorter text's words the other holds (0–1), and how many they share. */
export function overlap(a: string, b: string): { share: number; shared: number } {
  const wa = words(a);
  const wb = words(b);
  if (!wa.size || !wb.size) return { share: 0, shared: 0 };
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return { share: shared / Math.min(wa.size, wb.size), shared };
}

/** What sets a site's name or a title's parts apart in a page's title: "|", a dash, a colon, guillemets, "·". */
const SEPARATOR = '[|–—\\-:»«›‹·]';
const PARTS = new RegExp(`\\s+${SEPARATOR}\\s+`);
const AFTER_SITE = new RegExp(`^\\s*${SEPARATOR}\\s+`);
const BEFORE_SITE = new RegExp(`\\s+${SEPARATOR}\\s*$`);
/** A separator with a space on at least one side ("Blog: Title" as well as "Title | Site"). */
const ANY_SEPARATOR = new RegExp(`\\s*${SEPARATOR}\\s+|\\s+${SEPARATOR}\\s*`);

/**
 * A title without the site's name, before or after it and set off by a separator ("Site: Title",
 * "Title « Site"); with `shortTail` (the document's <title>), any trailing part of four words or
 * fewer ("… – Tech News").
 */
function withoutSiteName(title: string, siteName: string, shortTail = false): string {
  // Compared with dashes folded (a masthead's "–" is often the title's "-"), at the same lengths.
  const fold = (text: string) => text.toLowerCase().replace(/[–—]/g, '-');
  const lower = fold(title);
  const site = fold(siteName);
  if (site && lower.length === title.length && title.length > site.length) {
    const after = lower.startsWith(site) ? AFTER_SITE.exec(title.slice(site.length)) : null;
    if (after) return title.slice(site.length + after[0].length).trim();
    const before = lower.endsWith(site) ? BEFORE_SITE.exec(title.slice(0, -site.length)) : null;
    if (before) return title.slice(0, before.index).trim();
  }
  const parts = title.split(PARTS);
  const last = parts.at(-1) ?? '';
  return shortTail && parts.length > 1 && last.split(' ').length <= 4 ? parts.slice(0, -1).join(' – ') : title;
}

/** A heading that names the site (its logo, a masthead), not the article. */
const SITE_HEADING = /(?:^|[-_\s])(?:site|logo|brand|masthead)(?:$|[-_\s])/i;

/**
 * Whether a heading is a link to the site's front page or to a section above this page (a blog's
 * home under its host): the masthead of a blog or a forum ("Silicon Exposed", "Archive of Our Own"),
 * which names the site, not the article. A headline linking to its own page is not one.
 */
export function linksAbove(h: Element): boolean {
  const text = clean(h.textContent);
  const link =
    h.closest('a') ??
    Array.from(h.getElementsByTagName('a')).find((a) => clean(a.textContent).length * 2 >= text.length);
  const href = link?.getAttribute('href');
  if (!href) return false;
  let target: URL;
  let page: URL;
  try {
    target = new URL(href, h.ownerDocument.baseURI);
    page = new URL(h.ownerDocument.URL);
  } catch {
    return false;
  }
  if (!/^https?:$/.test(target.protocol) || target.search || target.pathname === page.pathname) return false;
  if (target.pathname === '/') return true;
  const section = target.pathname.endsWith('/') ? target.pathname : `${target.pathname}/`;
  return target.host === page.host && page.pathname.startsWith(section);
}

/** A heading's words without its permalink mark (a "¶" or "#" link to itself, as documentation generators add). */
function headingText(h: Element): string {
  const text = clean(h.textContent);
  const links = h.getElementsByTagName('a');
  const last = links[links.length - 1];
  const mark = last && last.getAttribute('href')?.startsWith('#') ? clean(last.textContent) : '';
  return mark && mark.length <= 2 && !/[\p{L}\p{N}]/u.test(mark) && text.endsWith(mark)
    ? text.slice(0, -mark.length).trim()
    : text;
}

/** The site's name as its masthead says it: the text of an early h1 that links to the front page, or ''. */
function mastheadName(doc: Document): string {
  const masthead = Array.from(doc.getElementsByTagName('h1')).slice(0, 4).find(linksAbove);
  return masthead ? headingText(masthead) : '';
}

/** A title's letters and digits alone: what stays when punctuation a page's <title> lost is set aside. */
const lettersOf = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * Whether a heading reads exactly a stretch of a title between its separators ("More Powerful +1s
 * on Google News" in "Google News Blog: More Powerful +1s on Google News"), punctuation aside.
 */
function readsPartOf(heading: string, title: string): boolean {
  const wanted = lettersOf(heading);
  if (wanted.length < 8) return false;
  const parts = title.split(ANY_SEPARATOR).map(lettersOf);
  for (let from = 0; from < parts.length; from++) {
    let run = '';
    for (const part of parts.slice(from)) {
      run += part;
      if (run === wanted) return true;
      if (run.length >= wanted.length) break;
    }
  }
  return false;
}

/** The text when a heading of the page (h1–h3, the first few dozen) reads exactly it, else ''. */
function readsExactly(doc: Document, text: string): string {
  const folded = text.toLowerCase();
  const headings = Array.from(doc.querySelectorAll('h1, h2, h3')).slice(0, 40);
  return headings.some((h) => headingText(h).toLowerCase() === folded) ? text : '';
}

/**
 * The visible headline: the article's own h1 when it has one; else a page h1 that agrees with
 * what the page declares (og:title, JSON-LD headline, <title>) — the declared title may be written
 * for search or social media, the h1 is what a reader sees; else the declared title.
 */
function visibleTitle(
  doc: Document,
  root: Element | null,
  declared: string,
  documentTitle: string,
  siteName: string,
): string {
  const usable = (h: Element) => {
    const text = headingText(h);
    // Its own names, and a logo link's around it ("site-content" wrappers hold real headlines).
    const link = h.closest('a');
    const names = `${h.id} ${h.getAttribute('class') ?? ''} ${link?.id ?? ''} ${link?.getAttribute('class') ?? ''}`;
    return text.length >= 3 &&
      text.length <= 300 &&
      !(siteName && text.toLowerCase() === siteName.toLowerCase()) &&
      !SITE_HEADING.test(names) &&
      !outsideTheArticle(h) &&
      !linksAbove(h)
      ? text
      : '';
  };
  // The article's own h1: in the article, or named as the entry's title (a theme's `entry-title`).
  const own = [
    ...(root ? Array.from(root.getElementsByTagName('h1')).slice(0, 4) : []),
    ...Array.from(doc.getElementsByTagName('h1'))
      .filter((h) => /title|headline/i.test(h.className))
      .slice(0, 4),
  ];
  const references = [declared, documentTitle].filter(Boolean);
  const agrees = (text: string) =>
    references.some((r) => {
      const { share, shared } = overlap(text, r);
      return share >= 0.6 && shared >= Math.min(2, words(text).size);
    });
  const ownTitles = own.map(usable).filter(Boolean);
  const pageTitles = Array.from(doc.getElementsByTagName('h1')).slice(0, 12).map(usable).filter(Boolean);
  if (!references.length) return ownTitles[0] || pageTitles[0] || '';
  // The article's own h1 that agrees with what the page declares; else any h1 of the page that
  // does (a teaser's or a card's h1 in the article's element does not); else the article's own
  // first h1, whose words the declared title may not share (written for search or social media).
  return (
    ownTitles.find(agrees) ||
    pageTitles.find(agrees) ||
    // A heading that reads exactly what the page declares (a blog post's h3 under the blog's h1).
    (declared && readsExactly(doc, declared)) ||
    ownTitles[0] ||
    // With no h1 of its own, a lesser heading that reads the title, or its part between separators
    // (a blog post's h3, which keeps the punctuation a page's <title> may have lost).
    Array.from(doc.querySelectorAll('h2, h3'))
      .slice(0, 20)
      .map(usable)
      .find((text) => references.some((r) => readsPartOf(text, r))) ||
    declared ||
    documentTitle ||
    clean(doc.getElementsByTagName('h1')[0]?.textContent)
  );
}

/** An author line as a name: "By", "Written by" and the date, time or reading time after it taken away. */
function bylineText(text: string): string {
  return (
    clean(text)
      .replace(/^(?:(?:written|posted|published|reviewed)\s+)?(?:by|von|par|por|di|door|av)\s*:?\s+/i, '')
      .split(
        /\s+(?:[|•·]|on|updated|published)\s+|\s+\d{1,2}[./]\d{1,2}[./]\d{2,4}|\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\s+@\w/i,
      )[0] ?? ''
  )
    .replace(/[,;:–—-]+$/, '')
    .trim();
}

/**
 * The article's own author line: of the page's author markup (found by the detection), the one
 * nearest the article (inside it, then in the containers around it, then anywhere), never in
 * forms, comments, asides or navigation.
 */
function bylineFromPage(root: Element | null, marked: Element[], lang: string): string {
  const ancestors: Element[] = [];
  for (let el = root; el && ancestors.length < 6; el = el.parentElement) ancestors.push(el);
  const distance = (el: Element) => {
    const at = ancestors.findIndex((a) => a.contains(el));
    return at === -1 ? ancestors.length : at;
  };
  const candidates = marked
    .slice(0, 200)
    .filter((el) => !el.matches('input, textarea, select, button, a[href^="mailto:"]') && !outsideTheArticle(el))
    .map((el, order) => ({ el, order, near: distance(el) }))
    .sort((a, b) => a.near - b.near || a.order - b.order);
  for (const { el } of candidates) {
    const named = el.querySelector('[itemprop~="name"]');
    // Spaced, so a name and the date beside it do not run together ("Jeff FoustMonday").
    const text = bylineText(nameBeforeDate(spacedText(named ?? el), lang));
    const count = text.split(/\s+/).length;
    if (
      text.length >= 3 &&
      text.length <= 100 &&
      count <= 10 &&
      !/^https?:/.test(text) &&
      /\p{L}/u.test(text) &&
      !/\d{3,}/.test(text)
    )
      return text;
  }
  return '';
}

const notAnAddress = (value: string) => (/^https?:\/\//.test(value.trim()) ? '' : value);

/** Whether an element inside the article's root is inside a block the detection left out. */
function insideLeftOut(el: Element, root: Element, leftOut: Pick<ReadonlyMap<Element, unknown>, 'has'>): boolean {
  for (let e: Element | null = el; e && e !== root; e = e.parentElement) if (leftOut.has(e)) return true;
  return false;
}

/** Where the header's lines are: the nearest container around the article that holds its h1, else the article's parent. */
function headerScope(root: Element): Element {
  let scope: Element = root;
  for (let level = 0; level < 3 && scope.parentElement && scope !== root.ownerDocument.body; level++) {
    if (scope.getElementsByTagName('h1').length) return scope;
    scope = scope.parentElement;
  }
  return root.parentElement ?? root;
}

export function articleMetadata(
  doc: Document,
  root: Element | null,
  signals: PageSignals = pageSignals(doc),
  authorMarkup: Element[] = [],
  leftOut: Pick<ReadonlyMap<Element, unknown>, 'has'> = new Map(),
): ArticleMetadata {
  const ld = signals.jsonLd;
  const meta = (...keys: string[]) => first(signals.meta, ...keys);
  const siteName = clean(meta('og:site_name', 'application-name') || names(ld?.publisher));
  // Without a declared site name, the masthead's: a blog's titles name it around the post's ("Seth's Blog: …").
  const titleSite = siteName || mastheadName(doc);
  const declared = withoutSiteName(
    clean(meta('og:title', 'twitter:title') || (typeof ld?.headline === 'string' ? ld.headline : '')),
    titleSite,
  );
  // A separator the site's name leaves at either end goes with it ("» Post title :site").
  const documentTitle = withoutSiteName(clean(doc.title), titleSite, true).replace(
    /^[|–—:»«›‹·]\s+|\s+[|–—:»«›‹·]$/g,
    '',
  );
  const title = visibleTitle(doc, root, declared, documentTitle, siteName);
  const lang = doc.documentElement.getAttribute('lang') ?? '';
  // The lines around the headline, read only when what the page declares and marks up says nothing.
  let lines: string[] | null = null;
  const linesOfHeader = () =>
    (lines ??= root ? headerLines(headerScope(root), (tag) => BLOCK_TAGS.has(tag), outsideTheArticle) : []);
  const byline = bylineText(
    names(ld?.author) ||
      notAnAddress(meta('author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'byl')) ||
      bylineFromPage(root, authorMarkup, lang) ||
      linesOfHeader()
        .map((line) => bylineInText(line, lang))
        .find((name) => name.length >= 3 && name.split(' ').length <= 10) ||
      '',
  );
  const datedInPage = () => {
    const scope = root?.parentElement ?? bodyOf(doc);
    if (!scope) return '';
    const marked = scope.querySelector('[itemprop="datePublished"]');
    // The article's own time is in its header or its body, never after it (related stories) nor in
    // what the detection left out (a comment's time).
    const ownTime = (t: Element) =>
      !root ||
      (root.contains(t)
        ? !insideLeftOut(t, root, leftOut)
        : !!(root.compareDocumentPosition(t) & 2 /* Node.DOCUMENT_POSITION_PRECEDING */));
    const time = Array.from(scope.getElementsByTagName('time')).find((t) => t.hasAttribute('datetime') && ownTime(t));
    for (const el of [marked, time]) {
      const value = el && !outsideTheArticle(el) ? (el.getAttribute('datetime') ?? el.getAttribute('content')) : null;
      if (value) return value;
    }
    return '';
  };
  const publishedAt = clean(
    (typeof ld?.datePublished === 'string' ? ld.datePublished : '') ||
      meta(
        'article:published_time',
        'datePublished',
        'pubdate',
        'publish-date',
        'publishdate',
        'date',
        'dc.date',
        'dc.date.issued',
        'dcterms.created',
        'sailthru.date',
        'parsely-pub-date',
      ) ||
      datedInPage() ||
      linesOfHeader()
        .map((line) => dateInText(line, lang))
        .find(Boolean) ||
      '',
  );
  const declaredDir = (doc.documentElement.getAttribute('dir') || bodyOf(doc)?.getAttribute('dir') || '').toLowerCase();
  return {
    title: title.length > 300 ? documentTitle : title,
    byline: byline.length > 120 ? '' : byline,
    publishedAt,
    siteName,
    lang,
    dir: declaredDir === 'rtl' || declaredDir === 'ltr' ? declaredDir : RTL_LANGS.test(lang) ? 'rtl' : '',
  };
}
