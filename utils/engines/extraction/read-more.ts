/**
 * "Read More" boilerplate: teaser and continuation links that lead away from the article
 * ("Read More: <title>", "Continue reading →", "Weiterlesen …", "Lire la suite", "Leer más",
 * "Read the full story at …", "Lesen Sie auch: …"). A block is such a teaser when it opens with
 * one of these phrases and is mostly link text; a sentence that merely says "read more about X"
 * with a link inside is prose, and stays.
 */
import { linkShare } from './element-kinds';

const TEASER_OPENING = new RegExp(
  '^[\\s\\p{P}\\p{S}]*(' +
    [
      'read more',
      'read next',
      'read also',
      'also read',
      'read the full (story|article|report|post)',
      'continue reading',
      'keep reading',
      'more:',
      // "Related:", and a label of a word or two more ("Related post:", "Related articles:").
      'related(?: \\p{L}+){0,2}\\s*:',
      'see also',
      'recommended:',
      'further reading',
      'weiterlesen',
      'mehr lesen',
      'mehr zum thema',
      'lesen sie auch',
      'lesen sie mehr',
      'auch interessant',
      'lire la suite',
      'lire aussi',
      'à lire aussi',
      'en savoir plus',
      'leer más',
      'lee también',
      'seguir leyendo',
      'sigue leyendo',
      'te puede interesar',
      'leia mais',
      'leia também',
      'continue lendo',
      'saiba mais',
      'continua a leggere',
      'leggi anche',
      'leggi di più',
      'lees verder',
      'lees ook',
      'meer lezen',
    ].join('|') +
    ')',
  'iu',
);

/** The most text a teaser block holds: a label and a few headlines with their summaries. */
export const MAX_TEASER_CHARS = 600;

/** Whether a phrase opens like a teaser or continuation link ("Read More: …"). */
export function opensLikeTeaser(text: string): boolean {
  return TEASER_OPENING.test(text.trim().slice(0, 80));
}

/**
 * Whether a block is a teaser: a teaser opening, and at least 60% of its text inside links; or a
 * teaser opening as its label ("Leggi anche", "Read also") over a list whose every item opens with
 * a link (the headline), whatever summary follows it.
 */
export function isTeaserText(block: Element): boolean {
  if (!opensLikeTeaser(block.textContent.replace(/\s+/g, ' '))) return false;
  return linkShare(block) >= 0.6 || isLinkedList(block);
}

/** Items (at least two) that each open with a link: a list of headlines, with or without their summaries. */
function isLinkedList(block: Element): boolean {
  const items = Array.from(block.getElementsByTagName('li'));
  return items.length >= 2 && items.every(opensWithLink);
}

function opensWithLink(item: Element): boolean {
  for (let node = item.firstChild; node; node = node.firstChild ?? node.nextSibling) {
    if (node.nodeType === 3) {
      if ((node as Text).data.trim()) return false;
      continue;
    }
    if (node.nodeType !== 1) continue;
    if ((node as Element).tagName.toUpperCase() === 'A') return true;
  }
  return false;
}

/** Words of a control that shows the rest of the text in place ("Show more", "Mehr anzeigen", "Voir plus"). */
const EXPANDER =
  /^[\s\p{P}\p{S}]*(?:show|see|view|expand|mehr|voir|ver|mostra|toon|visa)\b.{0,20}$|^[\s\p{P}\p{S}]*(?:more|mehr|plus|más|altro|meer)[\s\p{P}\p{S}]*$/iu;

/** A control that reveals text in place: a button, or a link that goes nowhere, with a short "Read more" of its own. */
function isExpander(el: Element | null): boolean {
  let e = el;
  for (let level = 0; e && level < 4; level++, e = e.children.length === 1 ? e.firstElementChild : null) {
    const tag = e.tagName.toUpperCase();
    const href = e.getAttribute('href');
    const control =
      tag === 'BUTTON' ||
      tag === 'SUMMARY' ||
      e.getAttribute('role') === 'button' ||
      e.hasAttribute('aria-expanded') ||
      (tag === 'A' && (href === null || href === '' || href.startsWith('#') || href.startsWith('javascript:')));
    const text = e.textContent.replace(/\s+/g, ' ').trim();
    if (control && text.length > 0 && text.length <= 40 && (opensLikeTeaser(text) || EXPANDER.test(text))) return true;
  }
  return false;
}

/**
 * Whether a block is text a "Read more" control shows in place: the preview just before the
 * control, or the rest just after it. Named "read-more-container" or "more-content" as it may be,
 * it is the article's own text, not a teaser leading away.
 */
export function isRevealedText(block: Element): boolean {
  return isExpander(block.previousElementSibling) || isExpander(block.nextElementSibling);
}
