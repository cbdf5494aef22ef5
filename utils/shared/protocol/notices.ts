/**
 * Notices: told, never answered. The background tells every tab and extension page what changed,
 * so a view applies the change without asking again; a content script tells the pages where its
 * highlights landed. Each is a schema, checked shallowly where it is heard: its sender was
 * checked first, and the records it carries were checked when they were stored.
 */
import * as v from 'valibot';
import type { HighlightRecord } from '../model';
import type { SyncStatus } from './sync';

const list = /*#__NO_SIDE_EFFECTS__*/ <T>() => v.custom<T[]>(Array.isArray);
const strings = /*#__PURE__*/ list<string>();

/** Stored highlights changed: the records as they are stored now, and the ids no longer stored. */
const highlightsChanged = /*#__PURE__*/ v.object({
  type: v.literal('highlights:changed'),
  /** The page whose highlights changed, or `*` when many may have (an import): those views reload. */
  url: v.string(),
  upserted: list<HighlightRecord>(),
  removed: strings,
  /** The view that asked for the change: it has applied it already. */
  origin: v.optional(v.string()),
});

/** A content script placed its highlights (or failed to). */
const anchoringChanged = /*#__PURE__*/ v.object({
  type: v.literal('anchoring:changed'),
  url: v.string(),
  painted: strings,
  orphaned: strings,
});

/** A large import is being written. */
const importProgress = /*#__PURE__*/ v.object({
  type: v.literal('import:progress'),
  done: v.number(),
  total: v.number(),
});

/** Sync's status changed. */
const syncChanged = /*#__PURE__*/ v.object({
  type: v.literal('sync:changed'),
  status: v.custom<SyncStatus>(
    (s) => typeof s === 'object' && s !== null && typeof (s as { state?: unknown }).state === 'string',
  ),
});

/**
 * The person asked to highlight the selection in this tab: Alt+Shift+H (a browser keeps its
 * extensions' shortcut keys from the page) or the context menu's Highlight. One of Clearmark's own
 * pages in a tab (a saved copy, the PDF viewer) has no content script to hear the request: it
 * hears this, and acts when the tab is its own.
 */
const highlightAsked = /*#__PURE__*/ v.object({
  type: v.literal('tab:highlight-selection'),
  tabId: v.number(),
});

export type HighlightsChanged = v.InferOutput<typeof highlightsChanged>;
export type AnchoringChanged = v.InferOutput<typeof anchoringChanged>;
export type ImportProgress = v.InferOutput<typeof importProgress>;
export type SyncChanged = v.InferOutput<typeof syncChanged>;
export type HighlightAsked = v.InferOutput<typeof highlightAsked>;
export type Notice = HighlightsChanged | AnchoringChanged | ImportProgress | SyncChanged | HighlightAsked;

const NOTICE_TYPES: ReadonlySet<unknown> = new Set<Notice['type']>([
  'highlights:changed',
  'anchoring:changed',
  'import:progress',
  'sync:changed',
  'tab:highlight-selection',
]);

/** Whether a message is one of the notices (which need no answer). */
export const isNotice = (message: unknown): message is Notice =>
  typeof message === 'object' && message !== null && NOTICE_TYPES.has((message as { type?: unknown }).type);

export const isChangeNotice = (message: unknown): message is HighlightsChanged => v.is(highlightsChanged, message);
export const isAnchoringNotice = (message: unknown): message is AnchoringChanged => v.is(anchoringChanged, message);
export const isImportProgress = (message: unknown): message is ImportProgress => v.is(importProgress, message);
export const isSyncNotice = (message: unknown): message is SyncChanged => v.is(syncChanged, message);
export const isHighlightAsked = (message: unknown): message is HighlightAsked => v.is(highlightAsked, message);
