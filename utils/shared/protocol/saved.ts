/**
 * Requests about saved articles (docs/saved-articles.md): keeping a copy, the Saved list, one
 * copy whole, reading state, room taken, and the search over everything.
 */
import * as v from 'valibot';
import { count, httpUrl, oneOf, text } from '../checks';
import type { SaveOutcome, SavedArticle, SavedListItem, StorageUse } from '../model';
import { capturedArticleSchema, readingProgressSchema, readingStateSchema } from '../records';
import { FROM_CONTENT, FROM_PAGES, rule, type ApiOf } from './messaging';

const LIMIT = 'must be a whole number from 1 to 1000';

export const savedRules = {
  /** Keeps (or takes again) the article a page shows; sent by the content script that captured it. */
  'saved:put': rule({ article: capturedArticleSchema }, FROM_CONTENT),
  /** Gives an article saved for later from a reading list (`pending`) the copy its page fetched; refused for any other address. */
  'saved:fill': rule({ article: capturedArticleSchema }, FROM_PAGES),
  /** Saved articles, newest saved first. */
  'saved:list': rule({}, FROM_PAGES),
  /** One saved article, whole; fails with `not-found` when there is no copy. */
  'saved:get': rule({ url: httpUrl }, FROM_PAGES),
  /** Deletes an article's copy (its highlights stay); answers whether there was one. */
  'saved:delete': rule({ url: httpUrl }, FROM_PAGES),
  /** Marks a saved article read, unread or archived, or records how far it was read. */
  'saved:update': rule(
    { url: httpUrl, state: v.optional(readingStateSchema), progress: v.optional(readingProgressSchema) },
    FROM_PAGES,
  ),
  /** An article's pictures kept offline, their bytes in base64 (for a page that cannot read them itself, as `library:pages`). */
  'saved:images': rule({ url: httpUrl }, FROM_PAGES),
  /** How much room saved copies and their pictures take in this browser. */
  'storage:use': rule({}, FROM_PAGES),
  /**
   * Frees room: the pictures kept offline of copies saved more than `olderThanDays` days ago, or
   * the archived copies saved that long ago (their highlights stay). Answers what went.
   */
  'saved:prune': rule({ what: oneOf(['images', 'archived']), olderThanDays: count }, FROM_PAGES),
  /**
   * Finds words in highlights, notes, tags, titles and saved articles' bodies (docs/adr/0012):
   * highlights and articles apart, best first, each article with a snippet around the match.
   */
  search: rule(
    {
      query: text(1_000),
      limit: v.optional(v.pipe(v.number(LIMIT), v.integer(LIMIT), v.minValue(1, LIMIT), v.maxValue(1_000, LIMIT))),
    },
    FROM_PAGES,
  ),
};

/** What `search` finds. */
export interface SearchAnswer {
  highlights: { id: string; url: string; text: string; note: string; color: string }[];
  articles: { url: string; title: string; site: string; snippet: string }[];
}

export interface SavedAnswers {
  'saved:put': SaveOutcome;
  'saved:fill': SaveOutcome;
  'saved:list': SavedListItem[];
  'saved:get': SavedArticle;
  'saved:delete': boolean;
  'saved:update': SavedListItem;
  'saved:images': { src: string; type: string; data: string }[];
  'storage:use': StorageUse;
  'saved:prune': { copies: number; images: number };
  search: SearchAnswer;
}

export type SavedApi = ApiOf<typeof savedRules, SavedAnswers>;
