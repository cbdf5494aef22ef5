/**
 * Requests a content script answers, sent only from the extension's own contexts (the popup, the
 * background on a keyboard command or a menu click), and the probes a test build adds.
 */
import * as v from 'valibot';
import type { Box } from '../box';
import { flag, nonEmptyText } from '../checks';
import type { ArticleSummary, HighlightRecord, PageInfo, SaveOutcome, Settings } from '../model';
import { highlightColorSchema } from '../records';
import { FROM_PAGES, rule, type ApiOf } from './messaging';

export const contentRules = {
  'page:info': rule({}, FROM_PAGES),
  /** Sent to one frame by its id: the frame's own document (the top document keeps silent). */
  'frame:info': rule({}, FROM_PAGES),
  /** Sent to one frame by its id: scroll one of its highlights into view and flash it. */
  'frame:reveal': rule({ id: nonEmptyText(100) }, FROM_PAGES),
  /** Highlight the current selection (keyboard command, context menu). Null when nothing is selected. */
  'selection:highlight': rule({ color: v.optional(highlightColorSchema) }, FROM_PAGES),
  /** Scroll a highlight into view and flash it. */
  'highlight:reveal': rule({ id: nonEmptyText(100) }, FROM_PAGES),
  /** The article in the page, as the reader view shows it. */
  'article:get': rule({}, FROM_PAGES),
  /** Saves the page's article for later (the `save-article` command, the popup, the context menu). */
  'article:save': rule({}, FROM_PAGES),
  /** Whether the page holds an article (detection alone, nothing loaded) and whether the reader view is open. */
  'article:state': rule({}, FROM_PAGES),
  /** Opens (true), closes (false) or toggles (absent) the reader view; answers whether it is open. */
  'reader:toggle': rule({ open: v.optional(flag) }, FROM_PAGES),
  /**
   * Probes: what a person sees, for checks that act like one. Clearmark's UI lives in closed
   * shadow roots no test driver can enter, so these answer where its controls are and what they
   * show. Only a test build answers them (utils/content/test-probes.ts; an open reader's, reader-probe.ts).
   */
  'highlights:anchored': rule({}, FROM_PAGES),
  'ui:get': rule({}, FROM_PAGES),
  'reader:get': rule({}, FROM_PAGES),
};

/** Where the in-page controls are, by name (empty while hidden), and Clearmark's notice ('' when none). */
export interface UiState {
  toolbar: Record<string, Box>;
  card: Record<string, Box>;
  notice: string;
  /** What was last said to screen readers ('' when nothing yet). */
  announced: string;
}

/** What the last paint found: which highlights are drawn on the page and which are orphans. */
export interface AnchorState {
  painted: string[];
  orphaned: string[];
}

export interface ReaderState {
  open: boolean;
  text: string;
  /** The header's lines above the body: site, title, standfirst, byline · date · reading time. */
  header: string[];
  /** The standfirst shown under the title ('' when none). */
  standfirst: string;
  settings: Settings['reader'];
  /** Where the reader's controls are, by name, for checks that click like a person. */
  controls: Record<string, Box>;
  /** Boxes of the body's first paragraphs, likewise. */
  paragraphs: Box[];
  /** The text the user has selected in the reader, if any. */
  selectedText: string;
  /** What the shown article links to and loads, and any attribute it should never carry. */
  links: string[];
  images: string[];
  /** The pictures that take room on the screen, by address ('held' for one a lazy loader names, not yet shown). */
  imagesTakingRoom: string[];
  /** The figures shown: each one's image address and caption. */
  figures: { src: string; caption: string }[];
  /** Tables shown, and how far the body reaches past its column on the right (0: nothing clipped). */
  tables: number;
  overflowRight: number;
  unsafeAttributes: string[];
  /** The measure: characters in a full line of the body's paragraphs (median; 0 when too short to tell). */
  charactersPerLine: number;
  /** Each theme swatch's text and background colors as shown (computed), for a contrast check. */
  swatches: Record<string, { color: string; background: string }>;
  /** The highlights drawn in the view (never in the page's registry): color, text, first line's box. */
  highlights: { color: string; text: string; box: Box | null }[];
}

export interface ContentAnswers {
  'page:info': PageInfo;
  'frame:info': PageInfo;
  'frame:reveal': boolean;
  'selection:highlight': HighlightRecord | null;
  'highlight:reveal': boolean;
  'article:get': ArticleSummary;
  'article:save': SaveOutcome;
  'article:state': { isArticle: boolean; readerOpen: boolean };
  'reader:toggle': boolean;
  /** Which of the page's highlights are painted, and which could not be placed (orphans). */
  'highlights:anchored': AnchorState;
  /** Where the in-page toolbar's and highlight card's controls are, by name (empty when hidden). */
  'ui:get': UiState;
  /** The reader view's state: whether open, its text, its settings and where its controls are. */
  'reader:get': ReaderState;
}

export type ContentApi = ApiOf<typeof contentRules, ContentAnswers>;
