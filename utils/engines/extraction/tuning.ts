/**
 * Every number article detection decides by, in one table, each with the reason it has its value.
 * They are separate constants, imported as one namespace (`import * as D from './tuning'`), so the
 * minifier shortens them and the content script carries no names.
 *
 * A value changes only by the rule in docs/extraction.md: tuned on the tune half of the
 * development corpora, kept when the check half improves too. Word lists live beside the code
 * that reads them, grouped, each group with its reason (element-kinds.ts, read-more.ts,
 * ui-labels.ts, header-lines.ts).
 */
/** Text at a block's own level that makes it a paragraph: a short sentence (Readability's 25). */
export const paragraphMinChars = 25;
/** A paragraph whose text is half links or more is a list of links, not prose (Readability's rule). */
export const paragraphMaxLinkShare = 0.5;
/** Characters per extra point of a paragraph's score, and the most such points (Readability: 1 a 100, at most 3). */
export const paragraphCharsPerPoint = 100;
export const paragraphMaxLengthPoints = 3;
/** Ancestors a paragraph's score is shared with (Readability shares with 2; 5 reaches articles split into nested chunks). */
export const scoreLevels = 5;
/** What an element's class or id naming it as article (+) or boilerplate (−) adds to its score (Readability's 25). */
export const namedWeight = 25;
/** What `itemprop="articleBody"` adds: the page says this is the article. */
export const articleBodyWeight = 25;

/** Below this much text (links aside) the first attempt is retried without trusting names. */
export const articleMinChars = 500;
/** A best score below this holds about one short paragraph: worth a second look without names. */
export const weakScore = 10;
/** The retry's root wins when it holds this many times the text, or this many times the best score. */
export const retryTextGain = 1.5;
export const retryScoreGain = 3;
/** Candidates scoring within this share of the best are parts of one article split into chunks. */
export const strongCandidateShare = 0.75;
/** A parent adding no more than this share of text (2 %) holds nothing its lone child does not. */
export const loneChildTextGain = 1.02;

/** A sibling of the best candidate is kept when it scores this share of the best, and at least the floor. */
export const siblingScoreShare = 0.2;
export const siblingScoreFloor = 10;
/** A sibling with the best candidate's very class gets this share of the best as a bonus (Readability's). */
export const siblingSameClassBonus = 0.2;
/** A sibling of prose holds more than this much text, and less than this share of links. */
export const siblingProseMinChars = 80;
export const siblingProseMaxLinkShare = 0.25;
/** Between kept siblings, a block is kept when less than half of it is links (headings between chunks). */
export const betweenMaxLinkShare = 0.5;

/** A line standing alone (a timestamp beside the headline) is at most this long. */
export const aloneLineMaxChars = 200;
/** A stretch of prose this long, with less than this share of links, is the article's whatever its name. */
export const proseMinChars = 1000;
export const proseMaxLinkShare = 0.2;
/** A block named as boilerplate goes only when it holds less than this share of the article's text. */
export const namedMaxShare = 0.5;
/** Comments go when they hold less than this share of the root, or the root holds this much besides them. */
export const discussionMaxShare = 0.8;
/** Links a site marks as its users' (`rel="ugc"`) that make a block a discussion: one is a commenter's link. */
export const discussionMinUgcLinks = 2;
/** A block of more than this share of links, and shorter than the larger of these two, is a link list. */
export const linkListMinLinkShare = 0.6;
export const linkListMaxChars = 300;
export const linkListMaxShare = 0.2;
/** A block with more than this share of its links inside its sentences is prose citing sources, not a link list. */
export const sentenceLinksMinShare = 0.5;
/** One link among prose stays when the text around it is less than half links and its neighbours are not link lists. */
export const loneLinkAroundMaxLinkShare = 0.5;

/** A hover card of links inside a sentence: this much text, this share of it links, more than this many links. */
export const hoverCardMinChars = 100;
export const hoverCardMinLinkShare = 0.9;
export const hoverCardMinLinks = 2;

/** A page is an article when its root holds this much text (links aside), or less when it says it is one. */
export const articleChars = 500;
export const declaredArticleChars = 250;
/** A root of more than half links is a list of links, not an article. */
export const articleMaxLinkShare = 0.5;

/** What an element's tag says before its paragraphs are counted (Readability's weights). */
export const TAG_SCORES: Readonly<Record<string, number>> = {
  // Containers articles are written in.
  DIV: 5,
  ARTICLE: 5,
  SECTION: 5,
  MAIN: 5,
  // Blocks that hold text of their own, often the article's.
  PRE: 3,
  TD: 3,
  BLOCKQUOTE: 3,
  // Lists, forms and addresses: navigation, menus and contact boxes more often than articles.
  ADDRESS: -3,
  OL: -3,
  UL: -3,
  DL: -3,
  DD: -3,
  DT: -3,
  LI: -3,
  FORM: -3,
  // Headings and table headers name text; they are not the text.
  H1: -5,
  H2: -5,
  H3: -5,
  H4: -5,
  H5: -5,
  H6: -5,
  TH: -5,
};

/** A standfirst (the line under the headline) is a sentence or two: this long at least, and at most this. */
export const standfirstMinChars = 25;
export const standfirstMaxChars = 400;
/** A line this short that holds a date, between headline and standfirst, is the header's date line, stepped over. */
export const dateLineMaxChars = 60;
/** Lines stepped over between the headline and its standfirst (a date line, a label), at most. */
export const standfirstMaxSteps = 3;
/** An unnamed standfirst reads the declared description: this share of the fewer words, and this many at least. */
export const standfirstMinShare = 0.8;
export const standfirstMinSharedWords = 4;
