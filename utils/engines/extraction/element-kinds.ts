/**
 * What kind of thing an element is, for extraction: never content (scripts, forms, navigation,
 * hidden things), named as boilerplate (share bars, related links, newsletter boxes, comments,
 * ads…), a block that breaks text into paragraphs, or plain. Names are matched as whole words
 * of class and id (`sd-sharing-enabled` → sd, sharing, enabled), so `adorable` is not an ad.
 */

import { UI_HOST_TAG } from '../../shared/ui-host-tag';

/** Elements whose content is never article text. */
const NEVER_CONTENT = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'CANVAS',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'BUTTON',
  'INPUT',
  'SELECT',
  'TEXTAREA',
  'OPTION',
  'LABEL',
  'NAV',
  'DIALOG',
  'MENU',
  'AUDIO',
  'VIDEO',
  'MAP',
  'HEAD',
  'TITLE',
  'META',
  'LINK',
  UI_HOST_TAG.toUpperCase(),
]);

const NEVER_CONTENT_ROLES = new Set([
  'navigation',
  'banner',
  'contentinfo',
  'complementary',
  'dialog',
  'alertdialog',
  'menu',
  'menubar',
  'search',
  'toolbar',
  'form',
]);

/**
 * Words in class or id that name something other than the article, in groups, each with the reason
 * its words are there (as comments: the content script carries the words, not the reasons).
 */
const BOILERPLATE_GROUPS: readonly (readonly string[])[] = [
  // Share bars and buttons.
  [
    'share',
    'shares',
    'sharing',
    'sharebar',
    'social',
    'socials',
    'sociallinks',
    'sharedaddy',
    'addthis',
    'shareaholic',
  ],
  // Links to other stories of the site.
  [
    'related',
    'relatedposts',
    'recommended',
    'recommendations',
    'recirc',
    'recirculation',
    'more',
    'moreon',
    'morestories',
    'trending',
    'popular',
    'mostread',
    'mostpopular',
    'readnext',
    'upnext',
    'nextprev',
    'prevnext',
    'alsoread',
    'readmore',
    'readalso',
  ],
  // Newsletter and subscription boxes.
  ['newsletter', 'newsletters', 'subscribe', 'subscription', 'signup', 'optin', 'mailchimp'],
  // Adverts and sponsored blocks, and the ad networks that name their slots.
  [
    'promo',
    'promos',
    'promoted',
    'sponsor',
    'sponsored',
    'advert',
    'advertisement',
    'advertising',
    'ad',
    'ads',
    'adslot',
    'adunit',
    'dfp',
    'gpt',
    'outbrain',
    'taboola',
    'zergnet',
  ],
  // Readers' comments and the reply form.
  ['comment', 'comments', 'commentlist', 'disqus', 'respond', 'replies'],
  // The page around the article: sidebars, navigation, footers.
  [
    'sidebar',
    'widget',
    'widgets',
    'rail',
    'breadcrumb',
    'breadcrumbs',
    'pagination',
    'pager',
    'footer',
    'masthead',
    'navbar',
    'navigation',
    'menu',
    'toolbar',
    'skip',
  ],
  // Consent, paywall and pop-up layers.
  ['consent', 'gdpr', 'popup', 'modal', 'overlay', 'paywall', 'meter', 'regwall'],
  // Tag and topic lists.
  ['tags', 'tagcloud', 'taglist', 'topics', 'keywords'],
  // The header's lines, which the reader shows apart (byline, date, author box).
  ['byline', 'dateline', 'timestamp', 'author', 'authors', 'bio', 'authorbio'],
  // Text for printers or screen readers only.
  ['print', 'visually', 'sronly', 'screenreader', 'offscreen'],
];
const BOILERPLATE_WORDS = new Set(BOILERPLATE_GROUPS.flat());

/** Words that mark the article itself; an element is boilerplate only when its boilerplate words outnumber these. */
const ARTICLE_WORDS = new Set([
  'article',
  'articlebody',
  'body',
  'content',
  'entry',
  'entrycontent',
  'main',
  'post',
  'postcontent',
  'story',
  'storybody',
  'text',
  'blog',
  'prose',
  'richtext',
  'page',
]);

/** Words that mark a post embedded in the article (a tweet quoted by the story): its words, not a share bar. */
const EMBED_WORDS = new Set(['embed', 'embeds', 'embedded', 'twittertweet', 'instagrammedia', 'tiktokembed']);

export const BLOCK_TAGS = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'HEADER',
  'FOOTER',
  'ASIDE',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'UL',
  'OL',
  'LI',
  'DL',
  'DT',
  'DD',
  'BLOCKQUOTE',
  'PRE',
  'FIGURE',
  'FIGCAPTION',
  'TABLE',
  'TR',
  'TD',
  'TH',
  'CAPTION',
  'HR',
  'ADDRESS',
  'CENTER',
  'DETAILS',
  'SUMMARY',
  'BODY',
  'HTML',
]);

function wordsOf(classAndId: string): string[] {
  const name = classAndId.toLowerCase();
  if (!name.trim()) return [];
  // Whole class names without separators count too ("sharedaddy", "relatedposts").
  const words = name.split(/[^a-z0-9]+/).filter(Boolean);
  for (const token of name.split(/\s+/)) {
    const joined = token.replace(/[^a-z0-9]/g, '');
    if (joined && !words.includes(joined)) words.push(joined);
  }
  return words;
}

export interface ElementKind {
  /** Never article text, nor anything inside it. */
  never: boolean;
  /** Named as article (+1), as boilerplate (−1: more of its words say so than say article), or neither (0). */
  named: -1 | 0 | 1;
  semantic: boolean;
  /** Named as readers' comments (a comment, a comment list, a reply form): never the article, however long. */
  discussion?: boolean;
  /** Marked as an author (rel/itemprop author, a byline or author class or id): where metadata looks for the byline. */
  author?: boolean;
  /** A link the site marks as written by its users (`rel="ugc"`): a comment's author or link. */
  ugc?: boolean;
}

const PLAIN: ElementKind = { never: false, named: 0, semantic: false };
/** Never article text; detection also gives it to what it finds so while measuring (a hover card of links). */
export const NEVER_KIND: ElementKind = { never: true, named: 0, semantic: false };
/**
 * Class names and ids of comment threads, as blog engines and comment systems name them
 * (`comment`, `comments`, `commentlist`, `comment-body`, `jc_commentsDiv`, `disqus_thread`, `respond`…,
 * and the other blogs' links back to the post that blogs list with them: `trackbacks`, `pinglist`),
 * but not the state classes themes put on wrappers (`comments-open`, `comment-count`, `comments-link`).
 */
const DISCUSSION_NAME =
  /(?:^|[-_])(?:comments?|commentlist|replies|respond|discussion|disqus|trackbacks?|pingbacks?|pinglist)(?:$|[-_]|div|list|box|area|block|section|container|wrap|thread|body|text|content)/i;
const DISCUSSION_STATE = /comments?[-_]?(?:open|closed|status|count|number|link|meta|icon|off|on)(?:$|[-_])/i;
/** An accessible name that says "comments", in the languages Clearmark's users read most. */
const DISCUSSION_LABEL =
  /\b(?:comments?|discussion|responses|replies|kommentare|diskussion|commentaires|réactions|comentarios|commenti|comentários|reacties|komentarze|комментарии)\b/i;
/**
 * A heading that opens readers' comments ("Comments", "12 Comments", "Comments (3)", "Readers’
 * comments", "1 Kommentar", "Leave a Reply", "3 Responses to …", "One thought on …",
 * "Trackbacks/Pingbacks") in the languages Clearmark's users read most; the text is read with its
 * spaces collapsed. Its words repeat DISCUSSION_LABEL's, which costs the content script almost
 * nothing gzipped. "Discussion" and "Responses" alone are not among them: papers and reports have
 * sections so named.
 */
const DISCUSSION_HEADING =
  /^(?:\d+ )?(?:(?:reader|user)s?['’]? )?(?:comments?|kommentare?|commentaires?|comentarios?|commenti|comentários?|reacties|komentarze|комментарии|コメント|评论|댓글)(?: ?\(\d+\))?:?$|^(?:track|ping)backs?(?: ?\/ ?(?:track|ping)backs?)?$|^leave a (?:reply|comment)$|^(?:\d+|one) (?:respon|repl|thought)\S* (?:to|on)\b/i;

/** A heading's level (1–6; a `role="heading"` without `aria-level` is 2), or 0 for anything else. */
export function headingRank(el: Element): number {
  const level = /^H([1-6])$/i.exec(el.tagName)?.[1];
  if (level) return Number(level);
  return el.getAttribute('role') === 'heading' ? Number(el.getAttribute('aria-level')) || 2 : 0;
}

/** Whether an element is a heading that names readers' comments ("12 Comments", "Leave a Reply"…). */
export function namesDiscussion(el: Element): boolean {
  if (!headingRank(el)) return false;
  const text = el.textContent.replace(/\s+/g, ' ').trim();
  return text.length <= 80 && DISCUSSION_HEADING.test(text);
}

/**
 * Class names of text kept for screen readers and hidden from sight ("Image caption", "Image copyright"
 * before a caption): a reader shows what a reader sees, and the figure already says which line is the caption.
 */
const SCREEN_READER_ONLY =
  /(?:^|\s)(?:sr-only|visually-?hidden|off-?screen|screen-?reader-?(?:text|only)|a11y-hidden|hidden-visually|u-hidden-visually)(?:\s|$)/i;

/** Everything extraction needs to know of one element, reading its attributes once. */
export function elementKind(element: Element): ElementKind {
  const tag = element.tagName.toUpperCase();
  if (NEVER_CONTENT.has(tag)) return NEVER_KIND;
  const semantic = tag === 'FOOTER' || tag === 'ASIDE' || tag === 'HEADER' || tag === 'FORM';
  const attributes = element.getAttributeNames();
  if (attributes.length === 0) return semantic ? { never: false, named: 0, semantic } : PLAIN;
  let classAndId = '';
  let author = false;
  let ugc = false;
  let labelledDiscussion = false;
  for (const name of attributes) {
    switch (name) {
      case 'rel':
      case 'itemprop': {
        const value = element.getAttribute(name) ?? '';
        if (/(?:^|\s)author(?:\s|$)/i.test(value)) author = true;
        if (name === 'rel' && /(?:^|\s)ugc(?:\s|$)/i.test(value)) ugc = true;
        break;
      }
      case 'aria-label':
        if (DISCUSSION_LABEL.test(element.getAttribute(name) ?? '')) labelledDiscussion = true;
        break;
      case 'hidden':
        return NEVER_KIND;
      case 'aria-hidden':
        if (element.getAttribute(name) === 'true') return NEVER_KIND;
        break;
      case 'role': {
        const role = element.getAttribute(name);
        if (role && NEVER_CONTENT_ROLES.has(role)) return NEVER_KIND;
        break;
      }
      case 'style':
        if (/display\s*:\s*none|visibility\s*:\s*hidden/i.test(element.getAttribute(name) ?? '')) return NEVER_KIND;
        break;
      case 'class':
      case 'id':
        classAndId += ` ${element.getAttribute(name) ?? ''}`;
        break;
    }
  }
  if (classAndId && SCREEN_READER_ONLY.test(classAndId)) return NEVER_KIND;
  return {
    never: false,
    named: 0,
    semantic,
    ...(classAndId ? namesOf(classAndId) : {}),
    ...(author ? { author } : {}),
    ...(ugc ? { ugc } : {}),
    ...(labelledDiscussion ? { discussion: true } : {}),
  };
}

/** The share of a block's text (whitespace aside) that is link text; 0 for no block. */
export function linkShare(block: Element | null): number {
  const length = (el: Element) => el.textContent.replace(/\s+/g, '').length;
  const text = block ? length(block) : 0;
  if (!block || !text) return 0;
  let linked = block.tagName.toUpperCase() === 'A' ? text : 0;
  for (const a of Array.from(block.getElementsByTagName('a'))) linked += length(a);
  return linked / text;
}

/** What an element's class and id say: article or boilerplate, a comment thread, an author line. */
type Names = Pick<ElementKind, 'named' | 'discussion' | 'author'>;

const namesCache = new Map<string, Names>();

/** What a "class id" string says; pages repeat the same names a lot (and extraction reads them more than once), so answers are cached. */
function namesOf(classAndId: string): Names {
  let answer = namesCache.get(classAndId);
  if (answer === undefined) {
    answer = {
      named: computeNameClass(wordsOf(classAndId)),
      discussion: classAndId
        .trim()
        .split(/\s+/)
        .some((name) => DISCUSSION_NAME.test(name) && !DISCUSSION_STATE.test(name)),
      author: /byline|author/i.test(classAndId),
    };
    if (namesCache.size > 5000) namesCache.clear();
    namesCache.set(classAndId, answer);
  }
  return answer;
}

function computeNameClass(words: string[]): -1 | 0 | 1 {
  let article = 0;
  let boilerplate = 0;
  for (const word of words) {
    if (EMBED_WORDS.has(word)) return 0;
    if (ARTICLE_WORDS.has(word)) article++;
    else if (BOILERPLATE_WORDS.has(word)) boilerplate++;
  }
  return boilerplate > article ? -1 : article ? 1 : 0;
}
