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
      'related:',
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

/** Whether a phrase opens like a teaser or continuation link ("Read More: …"). */
export function opensLikeTeaser(text: string): boolean {
  return TEASER_OPENING.test(text.trim().slice(0, 80));
}

/** Whether a block is a teaser: a teaser opening, and at least 60% of its text inside links. */
export function isTeaserText(block: Element): boolean {
  return opensLikeTeaser((block.textContent ?? '').replace(/\s+/g, ' ')) && linkShare(block) >= 0.6;
}
