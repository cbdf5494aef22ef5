/**
 * Requests about the library itself: a page's highlights, making, changing and deleting them,
 * tags, and settings. Content scripts and Clearmark's pages both send them.
 */
import * as v from 'valibot';
import { count, MAX_TEXT, nonEmptyText, pageUrl, text } from '../checks';
import type { HighlightRecord, PageRecord, Settings } from '../model';
import { UUID_PATTERN } from '../new-id';
import {
  highlightColorSchema,
  highlightRecordSchema,
  highlightTargetSchema,
  pageInfoSchema,
  settingsPatchSchema,
  tagsSchema,
} from '../records';
import { FROM_BOTH, FROM_PAGES, rule, type ApiOf } from './messaging';

/**
 * `origin` names the view that asks for a change (a content script, a popup, the library), and
 * comes back in the change notice, so that view can ignore the notice of its own change.
 */
const origin = /*#__PURE__*/ v.optional(nonEmptyText(100));
const id = /*#__PURE__*/ nonEmptyText(100);
const tag = /*#__PURE__*/ nonEmptyText(100);

export const libraryRules = {
  /** A page's record and its highlights in document order. */
  'page:highlights': rule({ url: pageUrl }, FROM_BOTH),
  /**
   * `id` is made by the caller, so a retried save after a lost answer stores the same record
   * once; a create whose id is already stored for the same text answers the stored record.
   */
  'highlight:create': rule(
    {
      origin,
      tags: v.optional(tagsSchema),
      id: v.optional(v.pipe(v.string('must be a lower-case UUID'), v.regex(UUID_PATTERN, 'must be a lower-case UUID'))),
      page: pageInfoSchema,
      color: highlightColorSchema,
      note: text(MAX_TEXT),
      target: highlightTargetSchema,
    },
    FROM_BOTH,
  ),
  /** `tags` replaces the highlight's tags (normalized: trimmed, each once). */
  'highlight:update': rule(
    {
      origin,
      id,
      color: v.optional(highlightColorSchema),
      note: v.optional(text(MAX_TEXT)),
      tags: v.optional(tagsSchema),
    },
    FROM_BOTH,
  ),
  /** Answers the deleted record, so the caller can offer undo by re-adding it. */
  'highlight:delete': rule({ origin, id }, FROM_BOTH),
  /** Puts back a record exactly as it was (undo of a delete). */
  'highlight:restore': rule({ origin, highlight: highlightRecordSchema }, FROM_BOTH),
  /** Every tag in use, with how many highlights carry it (for completion and filters). */
  'tags:list': rule({}, FROM_BOTH),
  /** Renames a tag everywhere; to a tag already in use, merges the two. Answers how many highlights changed. */
  'tags:rename': rule({ from: tag, to: tag }, FROM_PAGES),
  'settings:get': rule({}, FROM_BOTH),
  'settings:set': rule({ settings: settingsPatchSchema }, FROM_BOTH),
  // What a page reads straight from IndexedDB, asked of the background by a page that cannot:
  // in a Firefox private window an extension page has an empty database of its own (library-data.ts).
  /** Every page with highlights, newest first. */
  'library:pages': rule({}, FROM_PAGES),
  /** Every page and every highlight. */
  'library:everything': rule({}, FROM_PAGES),
  /** The pages holding a highlight with this tag. */
  'tags:pages': rule({ tag }, FROM_PAGES),
  /** The frames of a tab whose documents hold text (they looked their highlights up), by frame id; some may be gone. */
  'tab:frames': rule({ tabId: count }, FROM_PAGES),
};

export interface LibraryAnswers {
  'page:highlights': { page: PageRecord | null; highlights: HighlightRecord[] };
  'highlight:create': HighlightRecord;
  'highlight:update': HighlightRecord;
  'highlight:delete': HighlightRecord;
  'highlight:restore': HighlightRecord;
  'tags:list': { tag: string; count: number }[];
  'tags:rename': { updated: number };
  'settings:get': Settings;
  'settings:set': Settings;
  'library:pages': PageRecord[];
  'library:everything': { pages: PageRecord[]; highlights: HighlightRecord[] };
  'tags:pages': string[];
  'tab:frames': number[];
}

export type LibraryApi = ApiOf<typeof libraryRules, LibraryAnswers>;
