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
import { BLOCK_TAGS, isNeverContent, isSemanticBoilerplate, nameClass } from './element-kinds';
import { isTeaserText } from './read-more';

export interface ArticleDetection {
  isArticle: boolean;
  /** The element holding the article, or null when the page is not an article. */
  root: Element | null;
  /** Elements inside `root` that are not part of the article. */
  excluded: Set<Element>;
}

const NEVER = 1;
const BOILERPLATE = 2;
/** A block must hold this many characters of its own text to count as a paragraph. */
const MIN_PARAGRAPH = 25;
/** Below this much text the first attempt is retried without name-based boilerplate. */
const MIN_ARTICLE_CHARS = 500;

interface Tally {
  all: Element[];
  parent: Int32Array;
  end: Int32Array;
  flags: Uint8Array;
  text: Float64Array;
  links: Float64Array;
  score: Float64Array;
  scored: Uint8Array;
}

export function detectArticle(doc: Document): ArticleDetection {
  const body = doc.body;
  if (!body) return { isArticle: false, root: null, excluded: new Set() };
  const all = Array.from(body.getElementsByTagName('*'));
  const strict = tally(all, true);
  let chosen = chooseRoot(strict, body);
  let used = strict;
  if (chosen === null || strict.text[chosen] - strict.links[chosen] < MIN_ARTICLE_CHARS) {
    const lenient = tally(all, false);
    const again = chooseRoot(lenient, body);
    if (again !== null && (chosen === null || lenient.text[again] > strict.text[chosen] * 1.5)) {
      chosen = again;
      used = lenient;
    }
  }
  if (chosen === null) return { isArticle: false, root: null, excluded: new Set() };
  const root = all[chosen]!;
  const excluded = excludedWithin(used, chosen);
  return { isArticle: looksLikeArticle(doc, used, chosen, excluded), root, excluded };
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

function tally(all: Element[], strict: boolean): Tally {
  const n = all.length;
  const index = new Map<Element, number>();
  for (let i = 0; i < n; i++) index.set(all[i]!, i);
  const parent = new Int32Array(n);
  const end = new Int32Array(n);
  const flags = new Uint8Array(n);
  const nameScore = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const el = all[i]!;
    const p = el.parentElement ? (index.get(el.parentElement) ?? -1) : -1;
    parent[i] = p;
    end[i] = i;
    let f = p >= 0 ? flags[p]! : 0;
    if (isNeverContent(el)) f |= NEVER;
    else {
      const named = nameClass(el);
      nameScore[i] = named;
      if (strict && (named < 0 || isSemanticBoilerplate(el))) f |= BOILERPLATE;
    }
    flags[i] = f;
  }

  const text = new Float64Array(n);
  const links = new Float64Array(n);
  const inline = new Float64Array(n);
  const inlineCommas = new Float64Array(n);
  const score = new Float64Array(n);
  const scored = new Uint8Array(n);

  for (let i = n - 1; i >= 0; i--) {
    const el = all[i]!;
    const f = flags[i]!;
    if (!(f & NEVER)) {
      for (let child = el.firstChild; child; child = child.nextSibling) {
        if (child.nodeType !== 3) continue;
        const data = (child as Text).data;
        const len = collapsedLength(data);
        text[i] += len;
        inline[i] += len;
        inlineCommas[i] += countCommas(data);
      }
      const tag = el.tagName.toUpperCase();
      if (tag === 'A') links[i] = text[i];
      const isBlock = BLOCK_TAGS.has(tag);
      if (isBlock && !(f & BOILERPLATE) && inline[i] >= MIN_PARAGRAPH && links[i] < text[i] * 0.5) {
        // A paragraph: share its score with up to five ancestors, less with each step.
        const s = 1 + inlineCommas[i] + Math.min(3, Math.floor(inline[i] / 100));
        let a = parent[i]!;
        for (let level = 0; level < 5 && a >= 0; level++, a = parent[a]!) {
          if (!scored[a]) {
            scored[a] = 1;
            score[a] += initialScore(all[a]!, nameScore[a]!);
          }
          score[a] += s / (level === 0 ? 1 : level === 1 ? 2 : level * 3);
        }
      }
      const p = parent[i]!;
      if (p >= 0) {
        text[p] += text[i];
        links[p] += links[i];
        if (!isBlock) {
          inline[p] += inline[i];
          inlineCommas[p] += inlineCommas[i];
        }
      }
    }
    const p = parent[i]!;
    if (p >= 0 && end[i]! > end[p]!) end[p] = end[i]!;
  }
  return { all, parent, end, flags, text, links, score, scored };
}

function initialScore(el: Element, named: number): number {
  let s = named * 25;
  switch (el.tagName.toUpperCase()) {
    case 'DIV': case 'ARTICLE': case 'SECTION': case 'MAIN': s += 5; break;
    case 'PRE': case 'TD': case 'BLOCKQUOTE': s += 3; break;
    case 'ADDRESS': case 'OL': case 'UL': case 'DL': case 'DD': case 'DT': case 'LI': case 'FORM': s -= 3; break;
    case 'H1': case 'H2': case 'H3': case 'H4': case 'H5': case 'H6': case 'TH': s -= 5; break;
  }
  if (el.getAttribute('itemprop')?.includes('articleBody')) s += 25;
  return s;
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
    const s = t.score[i]! * (1 - linkDensity(t, i));
    finals.push([i, s]);
    if (s > bestScore) {
      bestScore = s;
      best = i;
    }
  }
  if (best < 0) return null;

  // When several strong candidates share an ancestor, the article spans them.
  const strong = finals.filter(([i, s]) => i !== best && s >= bestScore * 0.75).map(([i]) => i);
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
    if (t.text[p]! > t.text[best]! * 1.02 || t.flags[p]! & NEVER) break;
    best = p;
  }
  return best;
}

/** Blocks inside the root that are not article: boilerplate, link lists, teasers. */
function excludedWithin(t: Tally, rootIndex: number): Set<Element> {
  const excluded = new Set<Element>();
  const rootText = t.text[rootIndex]!;
  const end = t.end[rootIndex]!;
  for (let i = rootIndex + 1; i <= end; i++) {
    const el = t.all[i]!;
    let drop = false;
    if (t.flags[i]! & NEVER && !(t.flags[t.parent[i]!]! & NEVER)) drop = true;
    else if (!(t.flags[i]! & NEVER)) {
      const tag = el.tagName.toUpperCase();
      const text = t.text[i]!;
      const named = nameClass(el);
      if ((named < 0 || isSemanticBoilerplate(el)) && text < rootText * 0.5) drop = true;
      else if (BLOCK_TAGS.has(tag) && text > 0 && linkDensity(t, i) > 0.6 && text < Math.max(300, rootText * 0.2)) drop = true;
      else if (BLOCK_TAGS.has(tag) && text < 300 && isTeaserText(el)) drop = true;
    }
    if (drop) {
      excluded.add(el);
      i = t.end[i]!; // skip the subtree
    }
  }
  return excluded;
}

function looksLikeArticle(doc: Document, t: Tally, rootIndex: number, excluded: Set<Element>): boolean {
  let text = t.text[rootIndex]! - t.links[rootIndex]!;
  for (const el of excluded) {
    const i = t.all.indexOf(el);
    if (i >= 0 && !(t.flags[i]! & NEVER)) text -= t.text[i]! - t.links[i]!;
  }
  if (linkDensity(t, rootIndex) > 0.5) return false;
  const declared =
    doc.querySelector('meta[property="og:type" i][content="article" i]') !== null ||
    doc.querySelector('article') !== null ||
    /"@type"\s*:\s*"(News|Blog|Scholarly|Tech)?Article"|"@type"\s*:\s*"(Report|BlogPosting|Review)"/.test(
      Array.from(doc.querySelectorAll('script[type="application/ld+json"]'), (s) => s.textContent ?? '').join(''),
    );
  return text >= (declared ? 250 : 500);
}
