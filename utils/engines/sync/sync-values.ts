/**
 * What sync carries, and how two copies of one thing become one. Every record a backup holds
 * travels as one value: a highlight, a deleted highlight (a tombstone), a page, the reader's
 * settings, a saved article's copy, a deleted copy, or how far a saved article was read (apart
 * from its copy, so reading sends a few bytes, not the article again). Copies and reading states
 * travel only to an encrypted library (docs/adr/0013). Two devices that changed the same value while apart are merged three ways, against
 * the copy both last agreed on (the base), so nothing either wrote is lost:
 * - a field only one side changed takes that side's value;
 * - both changed a highlight's note: both texts are kept;
 * - both changed its tags: each side's additions and removals are applied;
 * - both changed its color (or a page's title, …): the later edit wins;
 * - deleted on one side, edited on the other: the edit comes back; deleted and unchanged: deleted.
 * Pure: the background's replicator calls it while pushing (the server had a newer copy) and
 * pulling (this device had unsent changes). The server decides the order of writes, so every
 * device ends with the server's copy: the merge need only keep everything, and it does.
 */
import { mergeNotes } from '../highlight-merge';
import {
  normalizeTags,
  type HighlightRecord,
  type PageRecord,
  type ReadingState,
  type SavedArticle,
  type Settings,
} from '../../shared/model';
import * as v from 'valibot';
import { count, describeFailure, httpUrl, nonEmptyText, text } from '../../shared/checks';
import {
  articleCopySchema,
  highlightRecordSchema,
  pageRecordSchema,
  readingProgressSchema,
  readingStateSchema,
  syncedSettingsSchema,
} from '../../shared/records';

const kind = /*#__NO_SIDE_EFFECTS__*/ <K extends string>(name: K) => v.literal(name);
/** What sync carries, one value per thing synced; a value from the server is held to it before anything reads it. */
const syncValueSchema = /*#__PURE__*/ v.variant(
  'kind',
  [
    v.object({ kind: kind('highlight'), record: highlightRecordSchema }),
    v.object({ kind: kind('tombstone'), id: nonEmptyText(1_000), url: text(8_192), deletedAt: count }),
    v.object({ kind: kind('page'), record: pageRecordSchema }),
    v.object({ kind: kind('settings'), settings: syncedSettingsSchema }),
    v.object({ kind: kind('article'), article: articleCopySchema }),
    v.object({ kind: kind('article-deleted'), url: nonEmptyText(8_192), deletedAt: count }),
    v.object({ kind: kind('reading'), url: httpUrl, state: readingStateSchema, progress: readingProgressSchema }),
  ],
  'is of no kind Clearmark knows',
);

export type SyncValue = v.InferOutput<typeof syncValueSchema>;
/** The settings that follow the user between browsers (the backup reminder's date stays per browser). */
export type SyncedSettings = v.InferOutput<typeof syncedSettingsSchema>;
/** A saved article as sync carries it: the copy, without how far it was read. */
export type ArticleCopy = v.InferOutput<typeof articleCopySchema>;

export const SETTINGS_KEY = 's:settings';
/** The key of an article's saved copy (and of its deletion). */
export const articleKey = (url: string): string => `a:${url}`;
/** The key of how far a saved article was read. */
export const readingKey = (url: string): string => `r:${url}`;
/** Whether a key names a saved copy or its reading state: those travel only to an encrypted library. */
export const isArticleKey = (key: string): boolean => key.startsWith('a:') || key.startsWith('r:');

/** A saved article's copy and its reading state, apart. */
export function articleValues(article: SavedArticle): [SyncValue, SyncValue] {
  const { state, progress, ...copy } = article;
  return [
    { kind: 'article', article: copy },
    { kind: 'reading', url: article.url, state, progress },
  ];
}

/** One key per thing synced, the same on every device: a highlight and its tombstone share one. */
export function syncKeyOf(value: SyncValue): string {
  switch (value.kind) {
    case 'highlight':
      return `h:${value.record.id}`;
    case 'tombstone':
      return `h:${value.id}`;
    case 'page':
      return `p:${value.record.url}`;
    case 'settings':
      return SETTINGS_KEY;
    case 'article':
      return articleKey(value.article.url);
    case 'article-deleted':
      return articleKey(value.url);
    case 'reading':
      return readingKey(value.url);
  }
}

/** A page as it syncs: its counts are worked out by each library from its own highlights. */
export function syncedPage(page: PageRecord): PageRecord {
  const rest: PageRecord = { ...page };
  delete rest.highlightCount;
  delete rest.lastHighlightAt;
  return rest;
}

export function syncedSettings(settings: Settings): SyncedSettings {
  return {
    stripConsentBanners: settings.stripConsentBanners,
    backupReminder: settings.backupReminder,
    saveWithFirstHighlight: settings.saveWithFirstHighlight,
    reader: settings.reader,
  };
}

/** Whether two values say the same (key order aside). */
export function sameValue(a: SyncValue | null, b: SyncValue | null): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}

/**
 * The one value `local` and `remote` become, given `base`, the value both last agreed on (null
 * when they never did: first sync of two libraries that each had it, from a backup or an import).
 */
export function mergeValues(base: SyncValue | null, local: SyncValue, remote: SyncValue): SyncValue {
  if (sameValue(local, remote)) return remote;
  if (base && sameValue(base, local)) return remote;
  if (base && sameValue(base, remote)) return local;
  if (local.kind === 'tombstone' || remote.kind === 'tombstone') return mergeDeletion(base, local, remote);
  if (local.kind === 'article-deleted' || remote.kind === 'article-deleted')
    return mergeCopyDeletion(base, local, remote);
  if (local.kind === 'article' && remote.kind === 'article') {
    const later = local.article.updatedAt > remote.article.updatedAt ? local.article : remote.article;
    // The copy taken later wins whole (text and facts); it was first saved when either side first saved it.
    return { kind: 'article', article: { ...later, savedAt: Math.min(local.article.savedAt, remote.article.savedAt) } };
  }
  if (local.kind === 'reading' && remote.kind === 'reading')
    return mergeReading(base?.kind === 'reading' ? base : null, local, remote);
  if (local.kind === 'highlight' && remote.kind === 'highlight') {
    return {
      kind: 'highlight',
      record: mergeHighlights(base?.kind === 'highlight' ? base.record : null, local.record, remote.record),
    };
  }
  if (local.kind === 'page' && remote.kind === 'page') {
    return {
      kind: 'page',
      record: mergePages(base?.kind === 'page' ? base.record : null, local.record, remote.record),
    };
  }
  if (local.kind === 'settings' && remote.kind === 'settings') {
    return {
      kind: 'settings',
      settings: mergeSettings(base?.kind === 'settings' ? base.settings : null, local.settings, remote.settings),
    };
  }
  // Two kinds under one key cannot come from Clearmark; keep what the server holds.
  return remote;
}

/** One side deleted. Both sides changed since the base (checked by the caller), so an edit wins. */
function mergeDeletion(base: SyncValue | null, local: SyncValue, remote: SyncValue): SyncValue {
  if (local.kind === 'tombstone' && remote.kind === 'tombstone')
    return local.deletedAt >= remote.deletedAt ? local : remote;
  const [tombstone, kept] = local.kind === 'tombstone' ? [local, remote] : [remote, local];
  if (tombstone.kind !== 'tombstone' || kept.kind !== 'highlight') return remote;
  // With a base, the kept side changed since the copy that was deleted: the edit comes back.
  // Without one, nobody can say what was deleted: an edit made after the deletion wins.
  if (base || kept.record.updatedAt > tombstone.deletedAt) return kept;
  return tombstone;
}

/** A copy deleted on one side: as for highlights, a copy changed on the other side since comes back. */
function mergeCopyDeletion(base: SyncValue | null, local: SyncValue, remote: SyncValue): SyncValue {
  if (local.kind === 'article-deleted' && remote.kind === 'article-deleted')
    return local.deletedAt >= remote.deletedAt ? local : remote;
  const [deletion, kept] = local.kind === 'article-deleted' ? [local, remote] : [remote, local];
  if (deletion.kind !== 'article-deleted' || kept.kind !== 'article') return remote;
  if (base || kept.article.updatedAt > deletion.deletedAt) return kept;
  return deletion;
}

/** How far along reading a state is: where two devices chose differently, the further one stays. */
const STATE_ORDER: Record<ReadingState, number> = { unread: 0, read: 1, archived: 2 };

type Reading = Extract<SyncValue, { kind: 'reading' }>;

/** How far an article was read, field by field: one side's change wins; both changed: the further along. */
function mergeReading(base: Reading | null, local: Reading, remote: Reading): Reading {
  return {
    kind: 'reading',
    url: remote.url,
    state: field(base?.state, local.state, remote.state, () =>
      STATE_ORDER[local.state] > STATE_ORDER[remote.state] ? local.state : remote.state,
    ),
    progress: field(base?.progress, local.progress, remote.progress, () => Math.max(local.progress, remote.progress)),
  };
}

/** A field three ways: one side's change wins; both changed: `conflict` decides. */
function field<T>(base: T | undefined, local: T, remote: T, conflict: () => T): T {
  const same = (a: T | undefined, b: T | undefined) => canonical(a) === canonical(b);
  if (same(local, remote)) return remote;
  if (base !== undefined && same(base, local)) return remote;
  if (base !== undefined && same(base, remote)) return local;
  return conflict();
}

/** Tags three ways: what either side added is added, what either removed (and the other kept) is removed. */
export function mergeTagLists(
  base: readonly string[] | null,
  local: readonly string[],
  remote: readonly string[],
): string[] {
  const key = (t: string) => t.toLowerCase();
  const had = new Set((base ?? []).map(key));
  const inLocal = new Set(local.map(key));
  const inRemote = new Set(remote.map(key));
  const kept = (t: string) => (had.has(key(t)) ? inLocal.has(key(t)) && inRemote.has(key(t)) : true);
  return normalizeTags([...remote, ...local].filter(kept));
}

function mergeHighlights(
  base: HighlightRecord | null,
  local: HighlightRecord,
  remote: HighlightRecord,
): HighlightRecord {
  const later = local.updatedAt > remote.updatedAt ? local : remote;
  const tags = mergeTagLists(base ? (base.tags ?? []) : null, local.tags ?? [], remote.tags ?? []);
  return {
    ...later,
    color: field(base?.color, local.color, remote.color, () => later.color),
    // Both wrote a note: the one written later first, then the other; neither is lost.
    note: field(base?.note, local.note, remote.note, () =>
      mergeNotes(later.note, later === local ? remote.note : local.note),
    ),
    ...(tags.length || local.tags || remote.tags ? { tags } : {}),
    createdAt: Math.min(local.createdAt, remote.createdAt),
    updatedAt: Math.max(local.updatedAt, remote.updatedAt),
  };
}

function mergePages(base: PageRecord | null, local: PageRecord, remote: PageRecord): PageRecord {
  const later = local.updatedAt > remote.updatedAt ? local : remote;
  const text = (name: 'title' | 'siteName' | 'author' | 'publishedAt') =>
    field(
      base?.[name] ?? undefined,
      local[name] ?? '',
      remote[name] ?? '',
      () => later[name] || local[name] || remote[name] || '',
    );
  return {
    ...later,
    title: text('title'),
    siteName: text('siteName'),
    author: text('author'),
    publishedAt: text('publishedAt'),
    createdAt: Math.min(local.createdAt, remote.createdAt),
    updatedAt: Math.max(local.updatedAt, remote.updatedAt),
  };
}

/** Settings carry no times: where both sides chose differently, the server's choice (the one made first) stays. */
function mergeSettings(base: SyncedSettings | null, local: SyncedSettings, remote: SyncedSettings): SyncedSettings {
  const choose = <K extends keyof SyncedSettings['reader']>(name: K) =>
    field(base?.reader[name], local.reader[name], remote.reader[name], () => remote.reader[name]);
  const sites = mergeTagLists(
    base ? base.reader.alwaysOpenSites : null,
    local.reader.alwaysOpenSites,
    remote.reader.alwaysOpenSites,
  );
  return {
    stripConsentBanners: field(
      base?.stripConsentBanners,
      local.stripConsentBanners,
      remote.stripConsentBanners,
      () => remote.stripConsentBanners,
    ),
    backupReminder: field(
      base?.backupReminder,
      local.backupReminder,
      remote.backupReminder,
      () => remote.backupReminder,
    ),
    // Settings from a Clearmark that had no such choice count as its default (on).
    saveWithFirstHighlight: field(
      base ? (base.saveWithFirstHighlight ?? true) : undefined,
      local.saveWithFirstHighlight ?? true,
      remote.saveWithFirstHighlight ?? true,
      () => remote.saveWithFirstHighlight ?? true,
    ),
    reader: {
      theme: choose('theme'),
      font: choose('font'),
      size: choose('size'),
      width: choose('width'),
      spacing: choose('spacing'),
      alwaysOpenSites: sites,
    },
  };
}

/** Why a value from the server cannot be a Clearmark record, or null when it can. */
export function checkSyncValue(value: unknown): string | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? describeFailure(syncValueSchema, value)
    : 'is not an object';
}
