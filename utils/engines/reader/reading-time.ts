/**
 * The reader's "N min read": how long the article's text takes to read. A matter of how the
 * reader presents an article, not of finding it, so it lives beside the reader's HTML.
 *
 * Scripts are read at different rates and split into words differently: Chinese and Japanese are
 * read character by character and written without spaces, so they are counted in characters;
 * Thai, Lao, Khmer and Burmese are written without spaces between words, so their words come from
 * `Intl.Segmenter`; every other script is counted in words between spaces and punctuation.
 */

/** Silent reading of non-fiction in languages written with spaces (Brysbaert 2019, 238 words a minute; rounded down). */
export const WORDS_PER_MINUTE = 230;
/** Silent reading of Chinese and Japanese: about 400 characters a minute (Japanese 400–600, Chinese 300–500). */
export const CJK_CHARACTERS_PER_MINUTE = 400;

/** Characters of the scripts read one character at a time: Han (with its marks), Hiragana, Katakana. */
const CJK_CHARACTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3005\u30fc]/gu;
/** A run of a script written without spaces between words. */
const UNSPACED_RUN = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]+/gu;
/** A word in a script written with spaces ("don't" is one). */
const SPACED_WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

const segmenters = new Map<string, Intl.Segmenter | null>();

function segmenterFor(language: string): Intl.Segmenter | null {
  let segmenter = segmenters.get(language);
  if (segmenter === undefined) {
    segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(language, { granularity: 'word' }) : null;
    segmenters.set(language, segmenter);
  }
  return segmenter;
}

/** Words in a run of Thai, Lao, Khmer or Burmese; without a segmenter, about one per six characters. */
function unspacedWords(run: string): number {
  const segmenter = segmenterFor(/\p{Script=Thai}/u.test(run) ? 'th' : 'und');
  if (!segmenter) return Math.max(1, Math.round(run.length / 6));
  let words = 0;
  for (const segment of segmenter.segment(run)) if (segment.isWordLike) words++;
  return words;
}

/** What a text holds to be read: CJK characters, and words in every other script. */
export function readingUnits(text: string): { characters: number; words: number } {
  const characters = text.match(CJK_CHARACTER)?.length ?? 0;
  let words = 0;
  const rest = (characters ? text.replace(CJK_CHARACTER, ' ') : text).replace(UNSPACED_RUN, (run) => {
    words += unspacedWords(run);
    return ' ';
  });
  words += rest.match(SPACED_WORD)?.length ?? 0;
  return { characters, words };
}

/** Words in a text, a CJK character counting as one (the saved copy's word count). */
export function wordCount(text: string): number {
  const { characters, words } = readingUnits(text);
  return characters + words;
}

/** Minutes to read a text, each script at its own rate, at least one. */
export function readingMinutes(text: string): number {
  const { characters, words } = readingUnits(text);
  return Math.max(1, Math.round(characters / CJK_CHARACTERS_PER_MINUTE + words / WORDS_PER_MINUTE));
}
