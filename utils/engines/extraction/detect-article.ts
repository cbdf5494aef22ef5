/**
 * Finds the article in a live page without changing it: the element that holds it, the blocks
 * inside that are not article (share bars, teasers, newsletter boxes, related links…), and
 * whether the page is an article at all.
 *
 * Two passes over the elements, no DOM mutation and no repeated `textContent`: a forward pass
 * marks subtrees that are never content or are named as boilerplate; a reverse pass adds up text,
 * link text and paragraph scores from the leaves to the root. Paragraph scoring follows the
 * method of Readability (commas and length, shared with ancestors, discounted by link density),
 * on counts instead of a rewritten DOM.
 */
import {
  BLOCK_TAGS,
  elementKind,
  headingRank,
  linkShare,
  namesDiscussion,
  NEVER_KIND,
  type ElementKind,
} from './element-kinds';
import { pageSignals, type PageSignals } from './page-signals';
import * as D from './tuning';
import { readableRoot } from '../shadow-roots';
import { isRevealedText, isTeaserText, MAX_TEASER_CHARS } from './read-more';
import { bodyOf } from '../../shared/document-parts';

/**
 * Why a block inside the article's element is not the article: the rule that left it out, one
 * name per rule (`npm run bench:extract -- --explain PAGE` prints them per block).
 */
export type RemovalRule =
  /** A sibling of the best candidate the article was widened over that scored as neither article nor prose. */
  | 'beside-the-article'
  /** Never text (forms, navigation, hidden, media) though its parent is. */
  | 'never-content'
  /** Readers' comments by name (`comments`, `disqus`, `respond`…). */
  | 'comments'
  /** Named as boilerplate in class or id (share, related, newsletter, ad…), or a page header, footer, aside or form. */
  | 'named-boilerplate'
  /** A block that is mostly links and short beside the article: a list of headlines or tags. */
  | 'link-list'
  /** A teaser line ("Read more: …", "Continue reading"). */
  | 'teaser'
  /** The header's lines again in the body: the title, byline, date, section label. */
  | 'header-line'
  /** The author's closing bio. */
  | 'author-bio'
  /** A block repeated right after itself (a gallery's captions). */
  | 'repeated'
  /** The page's furniture as text ("Advertisement", "Image caption"). */
  | 'ui-label';

/** Elements inside an article's element that are not part of it, each with the rule that left it out. */
export type Exclusions = Map<Element, RemovalRule>;

export interface ArticleDetection {
  isArticle: boolean;
  /** The element holding the article, or null when the page is not an article. */
  root: Element | null;
  /** Elements inside `root` that are not part of the article, each with the rule that left it out. */
  excluded: Exclusions;
  /** Elements of the page marked as an author, in document order (found while detecting, for the byline). */
  authorMarkup?: Element[];
  /** Whether a web component in the body draws text from an open shadow root (then the page is read as drawn). */
  hasComponentText?: boolean;
}

const NEVER = 1;
const BOILERPLATE = 2;

/** The elements under body in document order, each with its parent's index and its subtree's last index. */
interface Elements {
  all: Element[];
  parent: Int32Array;
  end: Int32Array;
  kinds: ElementKind[];
  /** Whether one of them hosts a shadow root that is read (shadow-roots.ts). */
  hosts: boolean;
}

interface Tally extends Elements {
  flags: Uint8Array;
  ugcLinks: Uint16Array;
  text: Float64Array;
  inline: Float64Array;
  links: Float64Array;
  score: Float64Array;
  scored: Uint8Array;
}

export function detectArticle(doc: Document, signals: PageSignals = pageSignals(doc)): ArticleDetection {
  const body = bodyOf(doc);
  if (!body) return { isArticle: false, root: null, excluded: new Map() };
  const elements = collect(body);
  const { all } = elements;
  const hasComponentText = elements.hosts;
  const authorMarkup = all.filter((_, i) => elements.kinds[i]!.author);
  const measures = measure(elements);
  const strict = tally(elements, measures, true);
  let chosen = chooseRoot(strict, body);
  let used = strict;
  // Retried without names when the first attempt found little: too little text, or only weak
  // prose (the whole site wrapped in `<div class="ad-wallpaper">` leaves only the header's lines).
  if (
    chosen === null ||
    strict.text[chosen]! - strict.links[chosen]! < D.articleMinChars ||
    bestScoreWithin(strict, chosen) < D.weakScore
  ) {
    const lenient = tally(elements, measures, false);
    const again = chooseRoot(lenient, body);
    if (
      again !== null &&
      (chosen === null ||
        lenient.text[again]! > strict.text[chosen]! * D.retryTextGain ||
        bestScoreWithin(lenient, again) > bestScoreWithin(strict, chosen) * D.retryScoreGain)
    ) {
      chosen = again;
      used = lenient;
    }
  }
  if (chosen === null) return { isArticle: false, root: null, excluded: new Map(), authorMarkup, hasComponentText };
  const { root: rootIndex, leftOut } = widenToSiblings(used, chosen, body);
  const root = all[rootIndex]!;
  chosen = rootIndex;
  const within = excludedWithin(used, chosen, new Set(leftOut));
  const excluded: [number, RemovalRule][] = [
    ...leftOut.map((i): [number, RemovalRule] => [i, 'beside-the-article']),
    ...within,
  ];
  return {
    isArticle: looksLikeArticle(
      signals.declaredArticle,
      used,
      chosen,
      excluded.map(([i]) => i),
    ),
    root,
    excluded: new Map(excluded.map(([i, rule]) => [all[i]!, rule])),
    authorMarkup,
    hasComponentText,
  };
}

/** One iterative walk (deep pages must not overflow the stack), no live collections. */
function collect(body: Element): Elements {
  const all: Element[] = [];
  const parents: number[] = [];
  const ends: number[] = [];
  const stack: number[] = [];
  let hosts = false;
  let current = body.firstElementChild;
  while (current) {
    const i = all.length;
    all.push(current);
    if (!hosts && readableRoot(current)) hosts = true;
    parents.push(stack.length ? stack[stack.length - 1]! : -1);
    ends.push(i);
    if (current.firstElementChild) {
      stack.push(i);
      current = current.firstElementChild;
      continue;
    }
    while (!current.nextElementSibling) {
      const up = stack.pop();
      if (up === undefined) {
        current = null;
        break;
      }
      ends[up] = all.length - 1;
      current = all[up]!;
    }
    if (current) current = current.nextElementSibling;
  }
  return { all, parent: Int32Array.from(parents), end: Int32Array.from(ends), kinds: all.map(elementKind), hosts };
}

function collapsedLength(text: string): number {
  let length = 0;
  let space = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const isSpace = c === 32 || c === 10 || c === 9 || c === 13 || c === 160 || c === 12;
    if (isSpace) {
      if (!space) length++;
      space = true;
    } else {
      length++;
      space = false;
    }
  }
  return length;
}

function countCommas(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 0xff0c || c === 0x3001 || c === 0x060c) n++;
  }
  return n;
}

/** Text, link text and paragraph-level text of every element: the same for both passes. */
interface Measures {
  tags: string[];
  text: Float64Array;
  links: Float64Array;
  /** Text at the element's own level (its text nodes and inline children), and its commas. */
  inline: Float64Array;
  inlineCommas: Float64Array;
  /** Line breaks at the element's own level: prose written as text and `<br><br>`, not in `<p>`s. */
  inlineBreaks: Float64Array;
  isBlock: Uint8Array;
  /** Links inside the element that the site marks as its users' (`rel="ugc"`): comments' authors and links. */
  ugcLinks: Uint16Array;
}

/** Also marks hover cards as never content in `elements.kinds`, so both passes leave them out. */
function measure(elements: Elements): Measures {
  const { all, parent, kinds } = elements;
  const n = all.length;
  const tags = all.map((el) => el.tagName.toUpperCase());
  const text = new Float64Array(n);
  const links = new Float64Array(n);
  const inline = new Float64Array(n);
  const inlineCommas = new Float64Array(n);
  const inlineBreaks = new Float64Array(n);
  const isBlock = new Uint8Array(n);
  const ugcLinks = new Uint16Array(n);
  const never = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const p = parent[i]!;
    never[i] = kinds[i]!.never || (p >= 0 && never[p]) ? 1 : 0;
  }
  for (let i = n - 1; i >= 0; i--) {
    if (never[i]) continue;
    let ownText = text[i]!;
    let ownInline = inline[i]!;
    let ownCommas = inlineCommas[i]!;
    for (let child = all[i]!.firstChild; child; child = child.nextSibling) {
      if (child.nodeType !== 3) continue;
      const data = (child as Text).data;
      const len = collapsedLength(data);
      ownText += len;
      ownInline += len;
      ownCommas += countCommas(data);
    }
    const tag = tags[i]!;
    const ownLinks = tag === 'A' ? ownText : links[i]!;
    const block = BLOCK_TAGS.has(tag);
    // A hover card inside a sentence (a name's popup of its latest articles): an inline element of
    // nothing but links, several of them, a paragraph's worth. Hidden by the site's style sheet, it is
    // never the article's, and its links must not make the paragraph around it read as a link list.
    if (
      !block &&
      tag !== 'A' &&
      ownText >= D.hoverCardMinChars &&
      ownLinks >= ownText * D.hoverCardMinLinkShare &&
      all[i]!.getElementsByTagName('a').length > D.hoverCardMinLinks
    ) {
      kinds[i] = NEVER_KIND;
      continue;
    }
    text[i] = ownText;
    links[i] = ownLinks;
    inline[i] = ownInline;
    inlineCommas[i] = ownCommas;
    if (tag === 'BR') inlineBreaks[i] = 1;
    isBlock[i] = block ? 1 : 0;
    if (kinds[i]!.ugc) ugcLinks[i] = ugcLinks[i]! + 1;
    const p = parent[i]!;
    if (p >= 0) {
      ugcLinks[p] = Math.min(65535, ugcLinks[p]! + ugcLinks[i]!);
      text[p] = text[p]! + ownText;
      links[p] = links[p]! + ownLinks;
      if (!block) {
        inline[p] = inline[p]! + ownInline;
        inlineCommas[p] = inlineCommas[p]! + ownCommas;
        inlineBreaks[p] = inlineBreaks[p]! + inlineBreaks[i]!;
      }
    }
  }
  return { tags, text, links, inline, inlineCommas, inlineBreaks, isBlock, ugcLinks };
}

/** Paragraph scores shared with ancestors; in the strict pass, boilerplate subtrees score nothing. */
function tally(elements: Elements, m: Measures, strict: boolean): Tally {
  const { all, parent, kinds } = elements;
  const n = all.length;
  const flags = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const p = parent[i]!;
    const kind = kinds[i]!;
    let f = p >= 0 ? flags[p]! : 0;
    if (kind.never) f |= NEVER;
    else if ((strict && (kind.named < 0 || kind.semantic)) || kind.discussion) f |= BOILERPLATE;
    flags[i] = f;
  }
  const score = new Float64Array(n);
  const scored = new Uint8Array(n);
  for (let i = n - 1; i >= 0; i--) {
    if (flags[i]! || !m.isBlock[i]) continue;
    const own = m.inline[i]!;
    if (own < D.paragraphMinChars || m.links[i]! >= m.text[i]! * D.paragraphMaxLinkShare) continue;
    // A paragraph: share its score with up to five ancestors, less with each step. Text broken
    // by blank lines (`<br><br>`) is as many paragraphs as it has, each scored as one would be.
    const lengthPoints = Math.floor(own / D.paragraphCharsPerPoint);
    const paragraphs = Math.max(1, Math.min(1 + Math.floor(m.inlineBreaks[i]! / 2), lengthPoints));
    const s = paragraphs + m.inlineCommas[i]! + Math.min(D.paragraphMaxLengthPoints * paragraphs, lengthPoints);
    let a = parent[i]!;
    for (let level = 0; level < D.scoreLevels && a >= 0; level++, a = parent[a]!) {
      if (!scored[a]) {
        scored[a] = 1;
        score[a] = initialScore(m.tags[a]!, all[a]!, kinds[a]!.named);
      }
      score[a] = score[a]! + s / (level === 0 ? 1 : level === 1 ? 2 : level * 3);
    }
  }
  return { ...elements, flags, text: m.text, inline: m.inline, links: m.links, ugcLinks: m.ugcLinks, score, scored };
}

function initialScore(tag: string, el: Element, named: number): number {
  return (
    named * D.namedWeight +
    (D.TAG_SCORES[tag] ?? 0) +
    (el.getAttribute('itemprop')?.includes('articleBody') ? D.articleBodyWeight : 0)
  );
}

function linkDensity(t: Tally, i: number): number {
  return t.text[i]! > 0 ? t.links[i]! / t.text[i]! : 0;
}

/** The best-scoring element, widened to a common ancestor when the article is split. */
function chooseRoot(t: Tally, body: Element): number | null {
  let best = -1;
  let bestScore = 0;
  const finals: [number, number][] = [];
  for (let i = 0; i < t.all.length; i++) {
    if (!t.scored[i] || t.flags[i]! & NEVER) continue;
    const s = finalScore(t, i);
    finals.push([i, s]);
    if (s > bestScore) {
      bestScore = s;
      best = i;
    }
  }
  if (best < 0) return null;

  // When several strong candidates share an ancestor, the article spans them.
  const strong = finals.filter(([i, s]) => i !== best && s >= bestScore * D.strongCandidateShare).map(([i]) => i);
  if (strong.length >= 2) {
    for (let a = t.parent[best]!; a >= 0 && t.all[a] !== body; a = t.parent[a]!) {
      const inside = strong.filter((i) => i > a && i <= t.end[a]!).length;
      if (inside >= 2) {
        best = a;
        break;
      }
    }
  }
  // A lone child holds nothing its parent does not: prefer the parent when it adds no text.
  for (let p = t.parent[best]!; p >= 0 && t.all[p] !== body; p = t.parent[p]!) {
    if (t.text[p]! > t.text[best]! * D.loneChildTextGain || t.flags[p]! & NEVER) break;
    best = p;
  }
  return best;
}

/** The best score of a candidate root or anything inside it (a root widened to a wrapper is not scored itself). */
function bestScoreWithin(t: Tally, root: number): number {
  let best = 0;
  for (let i = root; i <= t.end[root]!; i++) best = Math.max(best, finalScore(t, i));
  return best;
}

function finalScore(t: Tally, i: number): number {
  return t.scored[i] ? t.score[i]! * (1 - linkDensity(t, i)) : 0;
}

/**
 * Articles split into sibling blocks (chunks between ads, a lead and a body): take the parent,
 * and leave out the siblings that are not article. Siblings are kept when they score well, hold
 * prose, or sit between kept ones (headings between chunks).
 */
function widenToSiblings(t: Tally, best: number, body: Element): { root: number; leftOut: number[] } {
  const p = t.parent[best]!;
  if (p < 0 || t.all[p] === body) return { root: best, leftOut: [] };
  const bestScore = finalScore(t, best);
  const threshold = Math.max(D.siblingScoreFloor, bestScore * D.siblingScoreShare);
  const bestClass = t.all[best]!.getAttribute('class');
  const siblings: number[] = [];
  for (let i = p + 1; i <= t.end[p]!; i = t.end[i]! + 1) siblings.push(i);
  const bestAt = siblings.indexOf(best);
  const kept = siblings.map((i, k) => {
    if (i === best) return true;
    if (t.flags[i]! & NEVER) return false;
    // Text a "Read more" control shows in place is the article's, whatever its name says.
    if (t.flags[i]! & BOILERPLATE)
      return (
        t.text[i]! > D.siblingProseMinChars &&
        linkDensity(t, i) < D.siblingProseMaxLinkShare &&
        isRevealedText(t.all[i]!)
      );
    const bonus = bestClass && t.all[i]!.getAttribute('class') === bestClass ? bestScore * D.siblingSameClassBonus : 0;
    if (finalScore(t, i) + bonus >= threshold) return true;
    const text = t.text[i]!;
    if (text <= D.siblingProseMinChars || linkDensity(t, i) >= D.siblingProseMaxLinkShare) return false;
    // A paragraph of prose; or, just before the body, its lead (a summary or standfirst in a plain block).
    const el = t.all[i]!;
    return (
      el.tagName.toUpperCase() === 'P' ||
      (k === bestAt - 1 && !Array.from(el.children).some((c) => BLOCK_TAGS.has(c.tagName.toUpperCase())))
    );
  });
  const first = kept.indexOf(true);
  const last = kept.lastIndexOf(true);
  if (first === last) return { root: best, leftOut: [] };
  const leftOut: number[] = [];
  siblings.forEach((i, k) => {
    const between =
      k > first && k < last && !(t.flags[i]! & (NEVER | BOILERPLATE)) && linkDensity(t, i) < D.betweenMaxLinkShare;
    if (!kept[k] && !between) leftOut.push(i);
  });
  return { root: p, leftOut };
}

/** Indices of blocks inside the root that are not article: boilerplate, link lists, teasers. */
function excludedWithin(t: Tally, rootIndex: number, already: Set<number>): [number, RemovalRule][] {
  const excluded: [number, RemovalRule][] = [];
  const rootText = t.text[rootIndex]!;
  const end = t.end[rootIndex]!;
  // What follows a heading that names readers' comments, beside it ("12 Comments", then the thread).
  const thread = new Set<number>();
  for (let i = rootIndex + 1; i <= end; i++) {
    if (already.has(i)) {
      i = t.end[i]!;
      continue;
    }
    const el = t.all[i]!;
    let drop: RemovalRule | null = null;
    // A heading that names comments, with the section it opens (which goes with it).
    const opened = thread.has(i) ? null : threadAfter(t, i, end, rootText);
    opened?.forEach((j) => thread.add(j));
    if (opened || thread.has(i)) drop = 'comments';
    else if (t.flags[i]! & NEVER && !(t.flags[t.parent[i]!]! & NEVER)) drop = 'never-content';
    else if (!(t.flags[i]! & NEVER)) {
      const tag = el.tagName.toUpperCase();
      const text = t.text[i]!;
      const kind = t.kinds[i]!;
      // A name says "boilerplate" for a block, or for an element standing alone; a link or span in
      // the middle of a sentence (`<a class="keywords">neuroscience</a>`) is the sentence's.
      // A short line of its own (a timestamp between a heading and the share bar: no words beside
      // it, no block inside it, a line's length at most) is not in a sentence.
      const alone = t.inline[t.parent[i]!] === text && t.inline[i] === text && text <= D.aloneLineMaxChars;
      const inSentence = !BLOCK_TAGS.has(tag) && t.text[t.parent[i]!]! > text && !alone;
      // A long stretch of prose is the article's whatever it is called (documentation pages name
      // sections after their headings: id="sharing-with-a-single-developer").
      const prose = text >= D.proseMinChars && linkDensity(t, i) < D.proseMaxLinkShare;
      // Readers' comments go, however long, when the root holds an article besides them: named as
      // comments, labelled so, or holding several links the site marks as its users' (rel="ugc").
      const discussion = kind.discussion || t.ugcLinks[i]! >= D.discussionMinUgcLinks;
      if (discussion && commentsGo(text, rootText)) drop = 'comments';
      else if (
        (kind.named < 0 || kind.semantic) &&
        text < rootText * D.namedMaxShare &&
        !inSentence &&
        !prose &&
        !isRevealedText(el)
      )
        drop = 'named-boilerplate';
      // Link lists go; a block that is one link among the prose ("Get it on Amazon for $39.99") is
      // the article's, unless it is a teaser (below).
      else if (
        BLOCK_TAGS.has(tag) &&
        text > 0 &&
        linkDensity(t, i) > D.linkListMinLinkShare &&
        text < Math.max(D.linkListMaxChars, rootText * D.linkListMaxShare) &&
        !isLoneLink(t, i, el) &&
        !linksInSentences(el)
      )
        drop = 'link-list';
      else if (BLOCK_TAGS.has(tag) && text < MAX_TEASER_CHARS && isTeaserText(el)) drop = 'teaser';
    }
    if (drop) {
      excluded.push([i, drop]);
      i = t.end[i]!; // skip the subtree
    }
  }
  return excluded;
}

/** Readers' comments of this much text go when the root holds less than this share of them, or an article besides. */
const commentsGo = (text: number, rootText: number): boolean =>
  text < rootText * D.discussionMaxShare || rootText - text >= D.articleMinChars;

/**
 * When `i` is a heading that names readers' comments, the blocks after it, beside it, up to the
 * next heading of its rank or higher (or the root's `end`): the thread it opens, if it may go
 * (`commentsGo`, heading and thread counted together). Else null.
 */
function threadAfter(t: Tally, i: number, end: number, rootText: number): number[] | null {
  if (!namesDiscussion(t.all[i]!)) return null;
  const rank = headingRank(t.all[i]!);
  const after: number[] = [];
  for (let j = t.end[i]! + 1; j <= end && t.parent[j] === t.parent[i]; j = t.end[j]! + 1) {
    const next = headingRank(t.all[j]!);
    if (next && next <= rank && !namesDiscussion(t.all[j]!)) break;
    after.push(j);
  }
  const text = after.reduce((sum, j) => sum + t.text[j]!, t.text[i]!);
  return commentsGo(text, rootText) ? after : null;
}

/**
 * One link standing among prose: the only link in its block, in surroundings that are not a list
 * of links, with no link-only block beside it (a run of them is a list of headlines).
 */
function isLoneLink(t: Tally, i: number, el: Element): boolean {
  if (el.getElementsByTagName('a').length !== 1) return false;
  let around = t.parent[i]!;
  while (around >= 0 && t.text[around] === t.text[i]) around = t.parent[around]!;
  if (around < 0 || linkDensity(t, around) >= D.loneLinkAroundMaxLinkShare) return false;
  return (
    linkShare(el.previousElementSibling) <= D.linkListMinLinkShare &&
    linkShare(el.nextElementSibling) <= D.linkListMinLinkShare
  );
}

/**
 * Whether most of a block's links sit inside its sentences ("Neil has patches up to <a>improve the
 * tab unloader</a>, and <a>show UI</a>"): prose that cites its sources, however much of it is
 * links. A list of links stands alone: each link opens its line, or follows a bullet, a number, a
 * date, punctuation or the link before it ("you may like <a>…</a>, <a>…</a>, <a>…</a>").
 */
function linksInSentences(el: Element): boolean {
  const links = el.getElementsByTagName('a');
  let inSentence = 0;
  for (const a of links) {
    const before = a.previousSibling;
    if (before?.nodeType === 3 && /\p{L}[,;]?\s*$/u.test((before as Text).data)) inSentence++;
  }
  return inSentence > links.length * D.sentenceLinksMinShare;
}

function looksLikeArticle(declared: boolean, t: Tally, rootIndex: number, excluded: number[]): boolean {
  let text = t.text[rootIndex]! - t.links[rootIndex]!;
  for (const i of excluded) if (!(t.flags[i]! & NEVER)) text -= t.text[i]! - t.links[i]!;
  if (linkDensity(t, rootIndex) > D.articleMaxLinkShare) return false;
  return text >= (declared ? D.declaredArticleChars : D.articleChars);
}
