/**
 * What the background does for each request of the protocol, over the Library alone (no
 * browser APIs), so it can be tested with an in-memory IndexedDB. One handler per request type,
 * each checked by the compiler against its declared answer; a change comes back with the
 * notice that tells open views what changed. The background entrypoint only checks senders,
 * dispatches here, and broadcasts those notices.
 */
import { t } from '@/utils/i18n/words';
import { exportPieces } from '../engines/export';
import { articlesZip, attachmentPaths, noteNames } from '../engines/export/article-files';
import type { ArticleMarkdown, ArticleMarkdownInput } from '../engines/export/article-markdown';
import { isoDay } from '../engines/export/export-input';
import { bytesToBase64 } from '../shared/base64';
import { parseBackupPieces } from '../engines/export/backup';
import { isClosedConnection } from './storage';
import type { Transfers } from './transfers';
import type { ImportJob, ImportSteps } from './import-steps';
import { backupBatch, sourceLabel, importInputOf, readImport, type ImportBatch } from '../engines/import';
import type { ExportFile, HighlightRecord } from '../shared/model';
import {
  dispatch,
  PART_CHARS,
  type Answer,
  type BackgroundApi,
  type BackgroundMessage,
  type Handlers,
  type HighlightsChanged,
  type ImportFileRequest,
  type ImportSummary,
  type ExportScope,
} from '../shared/protocol';
import { CodedError, errorMessage, fail, ok, type Failure, type Result } from '../shared/result';
import type { Library } from './storage';
import type { SyncService } from './sync/sync-service';
import type { OfflineImages } from './offline-images';
import type { SearchService } from './search-service';
import type { TabFrames } from './tab-frames';

export interface Handled {
  result: Result<Answer<BackgroundApi, keyof BackgroundApi>>;
  /** What changed, for open views; absent for reads and failures. */
  notice?: HighlightsChanged;
}

export interface RequestContext {
  library: Library;
  /** Sync with the user's server; absent where sync does not run (tests of the library alone). */
  sync?: SyncService;
  now: () => number;
  /** Hears how far a large import has got. */
  progress: (done: number, total: number) => void;
  /** Collects the change a handler made, to be told to open views. */
  changed: (notice: HighlightsChanged) => void;
  /** Files too big for one message, on their way in or out; absent where files stay small (tests of the library alone). */
  transfers?: Transfers;
  /** Imports written in steps; absent where an import is written at once (tests of the library alone). */
  steps?: ImportSteps;
  /** The full-text index; absent where nothing searches (tests of the library alone). */
  search?: SearchService;
  /** Keeps saved copies' pictures offline; absent where nothing is fetched (tests of the library alone). */
  images?: OfflineImages;
  /** Writes a saved article as Markdown (it needs a DOM: see article-converter.ts); absent where no article is exported. */
  articleMarkdown?: (input: ArticleMarkdownInput) => Promise<ArticleMarkdown>;
  /** Which frames of each tab hold text; absent where there are no tabs (tests of the library alone). */
  frames?: TabFrames;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** An export as the page receives it: whole, or (too big for one message) in parts it reads one by one. */
function fileAnswer(
  { filename, mime, pieces, binary }: { filename: string; mime: string; pieces: string[]; binary: boolean },
  transfers: Transfers | undefined,
): ExportFile {
  const size = pieces.reduce((n, p) => n + p.length, 0);
  if (size <= PART_CHARS || !transfers) {
    const whole = pieces.join('');
    return binary ? { filename, mime, text: '', base64: whole } : { filename, mime, text: whole };
  }
  const { id, parts } = transfers.offer(pieces, binary);
  return { filename, mime, text: '', transfer: { id, parts, binary } };
}

/**
 * Saved articles whole, as Markdown with their highlights in place: one article is one `.md`
 * note (pictures by address); several are a zip of notes, with the pictures kept offline under
 * `attachments/`. Only saved articles can be exported so: the copy is what is written.
 */
async function exportArticles(
  scope: ExportScope,
  { library, now, articleMarkdown }: RequestContext,
): Promise<{ filename: string; mime: string; pieces: string[]; binary: boolean }> {
  if (!articleMarkdown) throw new CodedError('unreachable', t('articleExportUnavailable'));
  const settings = await library.settings();
  const urls = scope === 'all' ? await library.savedUrls() : 'url' in scope ? [scope.url] : scope.urls;
  const single = scope !== 'all' && 'url' in scope;
  // Pages without a saved copy (or whose reading-list copy is not fetched yet) are left out; with none at all there is nothing to write.
  const saved = await Promise.all(
    urls.map(async (url) => (await library.isSaved(url)) && !(await library.isPending(url))),
  );
  const kept = urls.filter((_, i) => saved[i]);
  if (!kept.length) throw new CodedError('not-found', single ? t('articleNoCopy') : t('noArticlesSaved'));
  const articles = await Promise.all(kept.map((url) => library.savedArticle(url)));
  const names = noteNames(settings.obsidian.fileName, articles);
  const at = now();
  const notes = [];
  for (const [i, article] of articles.entries()) {
    const name = names[i] ?? String(i + 1);
    const { highlights } = await library.page(article.url);
    const pictures =
      single || settings.savedImages !== 'offline' ? new Map<string, Blob>() : await library.articleImages(article.url);
    const paths = attachmentPaths(
      name,
      [...pictures].map(([src, blob]) => ({ src, type: blob.type })),
    );
    const { markdown } = await articleMarkdown({
      article,
      highlights,
      style: settings.obsidian.highlightStyle,
      attachments: paths,
      now: at,
    });
    const attachments: Record<string, Uint8Array> = {};
    for (const [src, blob] of pictures) {
      const path = paths[src];
      if (path) attachments[path] = new Uint8Array(await blob.arrayBuffer());
    }
    notes.push({ name, markdown, attachments });
  }
  const [only] = notes;
  if (single && only)
    return { filename: `${only.name}.md`, mime: 'text/markdown', pieces: [only.markdown], binary: false };
  return {
    filename: `clearmark-articles-${isoDay(at)}.zip`,
    mime: 'application/zip',
    pieces: [bytesToBase64(articlesZip(notes, at))],
    binary: true,
  };
}

/** The notice for one stored or removed record. */
function changeOf(record: HighlightRecord, how: 'upserted' | 'removed', origin: string | undefined): HighlightsChanged {
  return {
    type: 'highlights:changed',
    url: record.url,
    upserted: how === 'upserted' ? [record] : [],
    removed: how === 'removed' ? [record.id] : [],
    ...(origin ? { origin } : {}),
  };
}

const handlers: Handlers<BackgroundApi, RequestContext> = {
  'page:highlights': async ({ url }, { library }) => ok(await library.page(url)),
  'highlight:create': async ({ id, page, color, note, target, tags, origin }, { library, changed }) => {
    const created = await library.create({ page, color, note, target, tags }, id);
    changed(changeOf(created, 'upserted', origin));
    return ok(created);
  },
  'highlight:update': async ({ id, color, note, tags, origin }, { library, changed }) => {
    const updated = await library.update(id, { color, note, tags });
    changed(changeOf(updated, 'upserted', origin));
    return ok(updated);
  },
  'highlight:delete': async ({ id, origin }, { library, changed }) => {
    const deleted = await library.delete(id);
    changed(changeOf(deleted, 'removed', origin));
    return ok(deleted);
  },
  'highlight:restore': async ({ highlight, origin }, { library, changed }) => {
    const { record, left } = await library.restore(highlight);
    // Taken back from another page (an import gave its id there since the delete): every view reads again.
    changed(
      left ? { type: 'highlights:changed', url: '*', upserted: [], removed: [] } : changeOf(record, 'upserted', origin),
    );
    return ok(record);
  },
  'tags:list': async (_request, { library }) => ok(await library.tags()),
  'tags:pages': async ({ tag }, { library }) => ok([...(await library.urlsTagged(tag))]),
  'library:pages': async (_request, { library }) => ok(await library.pageList()),
  'library:everything': async (_request, { library }) => ok(await library.everything()),
  'tags:rename': async ({ from, to }, { library, changed }) => {
    const updated = await library.renameTag(from, to);
    // Many pages may have changed: their views reload.
    if (updated.length) changed({ type: 'highlights:changed', url: '*', upserted: [], removed: [] });
    return ok({ updated: updated.length });
  },
  'settings:get': async (_request, { library }) => ok(await library.settings()),
  'settings:set': async ({ settings }, { library }) => ok(await library.updateSettings(settings)),
  export: async ({ format, scope }, context) => {
    const { library, now, transfers } = context;
    if (format === 'article') return ok(fileAnswer(await exportArticles(scope, context), transfers));
    const chosen =
      scope === 'all' ? await library.everything() : await library.pages('url' in scope ? [scope.url] : scope.urls);
    const settings = await library.settings();
    // A backup of everything carries the saved copies too.
    const whole = format === 'backup' && scope === 'all';
    const [articles, pictures] = whole
      ? await Promise.all([library.savedArticles(), library.backupPictures()])
      : [[], []];
    const file = fileAnswer(
      exportPieces(format, { ...chosen, settings, everything: scope === 'all', articles, pictures }, now()),
      transfers,
    );
    // A backup of everything resets the weekly reminder.
    if (format === 'backup' && scope === 'all') await library.markBackedUp(now());
    return ok(file);
  },
  'transfer:part': ({ transfer, index }, { transfers }) => ok({ text: transfersOf(transfers).part(transfer, index) }),
  'tab:frames': async ({ tabId }, { frames }) => ok(frames ? await frames.of(tabId) : []),
  'upload:part': ({ upload, index, text, binary }, { transfers }) =>
    ok({ received: transfersOf(transfers).receive(upload, index, text, binary) }),
  import: async (request, context) => {
    const { library, progress, changed, now, transfers, steps } = context;
    const batch = readImportRequest(request, transfers, now());
    if (request.upload) transfers?.drop(request.upload);
    if (!batch.ok) return batch;
    if (steps && batch.value.highlights.length > steps.stepSize)
      return ok(await writeStep(steps.start(batch.value), { ...context, steps }));
    const { added, merged, skipped, articles, urls } = await library.importRecords(batch.value, { progress });
    // Many pages may have changed: their views reload.
    if (urls.length || articles) changed({ type: 'highlights:changed', url: '*', upserted: [], removed: [] });
    if (articles) for (const article of batch.value.articles ?? []) context.search?.articleChanged(article.url);
    return ok({
      added,
      merged,
      skipped: skipped + batch.value.skippedCount,
      ...(articles ? { articles } : {}),
      format: batch.value.format,
    });
  },
  'saved:fill': async ({ article }, context) => {
    if (!(await context.library.isPending(article.url))) throw new CodedError('not-found', t('noSavedCopy'));
    return handlers['saved:put']({ type: 'saved:put', article }, context);
  },
  'saved:put': async ({ article }, { library, search, images }) => {
    const saved = await library.saveArticle(article);
    if (saved.outcome !== 'kept-older') {
      search?.articleChanged(article.url);
      // Pictures are fetched after the answer: saving never waits on the web.
      if (images && (await library.settings()).savedImages === 'offline')
        void images.keep(article.url).catch(() => undefined);
    }
    return ok(saved);
  },
  'saved:images': async ({ url }, { library }) =>
    ok(
      await Promise.all(
        [...(await library.articleImages(url))].map(async ([src, blob]) => ({
          src,
          type: blob.type,
          data: bytesToBase64(new Uint8Array(await blob.arrayBuffer())),
        })),
      ),
    ),
  'storage:use': async (_request, { library }) => ok(await library.storageUse()),
  'saved:prune': async ({ what, olderThanDays }, { library, search, now }) => {
    const before = now() - olderThanDays * DAY_MS;
    if (what === 'images') return ok({ copies: 0, images: await library.dropImages(before) });
    const urls = await library.archivedBefore(before);
    for (const url of urls) {
      await library.deleteSaved(url);
      search?.articleChanged(url);
    }
    return ok({ copies: urls.length, images: 0 });
  },
  search: async ({ query, limit }, { search }) => {
    if (!search) throw new CodedError('rejected', t('serviceMissing'));
    return ok(await search.search(query, limit));
  },
  'saved:list': async (_request, { library }) => ok(await library.savedList()),
  'saved:get': async ({ url }, { library }) => ok(await library.savedArticle(url)),
  'saved:delete': async ({ url }, { library, search }) => {
    const had = await library.deleteSaved(url);
    search?.articleChanged(url);
    return ok(had);
  },
  'saved:update': async ({ url, state, progress }, { library }) =>
    ok(
      await library.updateSaved(url, { ...(state ? { state } : {}), ...(progress !== undefined ? { progress } : {}) }),
    ),
  'import:next': async ({ job }, context) => {
    const { steps } = context;
    if (!steps) throw new CodedError('rejected', t('serviceMissing'));
    return ok(await writeStep(steps.take(job), { ...context, steps }));
  },
  'import:preview': async (request, { library, now, transfers }) => {
    const batch = readImportRequest(request, transfers, now());
    if (!batch.ok) return batch;
    const { added, merged, skipped, articles } = await library.importRecords(batch.value, { dryRun: true });
    const { format, highlights, skipped: problems, skippedCount } = batch.value;
    const listed = batch.value.articles?.length ?? 0;
    return ok({
      format,
      source: sourceLabel(format),
      highlights: highlights.length,
      pages: new Set(highlights.map((h) => h.url)).size,
      added,
      merged,
      alreadyHere: skipped,
      articles,
      listed,
      problems,
      skipped: skippedCount,
    });
  },
  'sync:configure': async ({ url, username, password, passphrase }, context) =>
    ok(await syncOf(context).configure({ url, username, password, passphrase })),
  'sync:now': async (_request, context) => ok(await syncOf(context).syncNow()),
  'sync:status': async (_request, context) => ok(await syncOf(context).status()),
  'sync:off': async (_request, context) => ok(await syncOf(context).turnOff()),
  'sync:on': async (_request, context) => ok(await syncOf(context).turnOn()),
  'sync:forget': async (_request, context) => ok(await syncOf(context).forget()),
};

/** Writes the next step of a large import, in a transaction of its own; the answer names the step after it, if any. */
async function writeStep(
  job: ImportJob,
  { library, progress, changed, steps }: RequestContext & { steps: ImportSteps },
): Promise<ImportSummary> {
  const { batch, next } = job;
  const total = batch.highlights.length;
  const end = Math.min(total, next + steps.stepSize);
  const slice = batch.highlights.slice(next, end);
  const first = next === 0;
  const { added, merged, skipped, urls } = await library.importRecords(
    {
      pages: first ? batch.pages : [],
      highlights: slice,
      settings: first ? batch.settings : {},
      articles: first ? (batch.articles ?? []) : [],
      pictures: first ? (batch.pictures ?? []) : [],
    },
    { progress: (done) => progress(next + done, total), sameImport: job.written },
  );
  for (const h of slice) job.written.add(h.id);
  job.next = end;
  if (urls.length) changed({ type: 'highlights:changed', url: '*', upserted: [], removed: [] });
  const more = end < total;
  if (!more) steps.finish(job.id);
  return {
    added,
    merged,
    skipped: skipped + (first ? batch.skippedCount : 0),
    format: batch.format,
    done: end,
    total,
    ...(more ? { next: job.id } : {}),
  };
}

function transfersOf(transfers: Transfers | undefined): Transfers {
  if (!transfers) throw new CodedError('rejected', t('serviceMissing'));
  return transfers;
}

function syncOf({ sync }: RequestContext): SyncService {
  if (!sync) throw new CodedError('rejected', t('serviceMissing'));
  return sync;
}

/** The request's file (given whole, or the parts of an upload joined) read and checked whole: nothing is written before this says yes. */
function readImportRequest(
  request: ImportFileRequest,
  transfers: Transfers | undefined,
  now: number,
): Result<ImportBatch> {
  if (request.upload) {
    const file = transfersOf(transfers).take(request.upload);
    if ('pieces' in file) {
      // Longer than one string may be: only a Clearmark backup is read so, element by element.
      const backup = parseBackupPieces(file.pieces.map((p, i) => (i === 0 ? p.replace(/^\uFEFF/, '') : p)));
      if (!backup.ok) return fail('invalid-file', `${t('largeFileBackupOnly')} ${backup.error}`);
      return ok(backupBatch(backup.value));
    }
    return readImport({ ...file, fileName: request.fileName }, now);
  }
  const input = importInputOf(request);
  return input.ok ? readImport(input.value, now) : input;
}

export async function handleBackgroundRequest(
  library: Library,
  message: BackgroundMessage,
  context: {
    now?: () => number;
    progress?: (done: number, total: number) => void;
    sync?: SyncService;
    transfers?: Transfers;
    steps?: ImportSteps;
    search?: SearchService;
    images?: OfflineImages;
    articleMarkdown?: (input: ArticleMarkdownInput) => Promise<ArticleMarkdown>;
    frames?: TabFrames;
    /** Whether the disk has no room left: asked when storage fails, to say so in words (the browser's own errors rarely do). */
    diskFull?: () => Promise<boolean>;
  } = {},
): Promise<Handled> {
  let notice: HighlightsChanged | undefined;
  const run = async () => {
    const result = await dispatch(handlers, message, {
      library,
      ...(context.sync ? { sync: context.sync } : {}),
      ...(context.transfers ? { transfers: context.transfers } : {}),
      ...(context.steps ? { steps: context.steps } : {}),
      ...(context.images ? { images: context.images } : {}),
      ...(context.search ? { search: context.search } : {}),
      ...(context.articleMarkdown ? { articleMarkdown: context.articleMarkdown } : {}),
      ...(context.frames ? { frames: context.frames } : {}),
      now: context.now ?? Date.now,
      progress: context.progress ?? (() => undefined),
      changed: (n) => (notice = n),
    });
    return result.ok && notice ? { result, notice } : { result };
  };
  try {
    return await run();
  } catch (error) {
    // The browser closed the database (after a full disk): open it again and try once more.
    let last = error;
    if (await library.recover(error).catch(() => false)) {
      try {
        return await run();
      } catch (again) {
        last = again;
      }
    }
    const full =
      context.diskFull && !(last instanceof CodedError) ? await context.diskFull().catch(() => false) : false;
    return { result: full ? fail('storage', diskFull()) : storageFailure(last) };
  }
}

const diskFull = () => t('diskFull');

/** Words a person can act on, for the ways IndexedDB fails. */
export function storageFailure(error: unknown): Failure {
  if (error instanceof CodedError) return fail(error.code, error.message);
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'QuotaExceededError') return fail('storage', diskFull());
  if (name === 'AbortError' || isClosedConnection(error)) {
    return fail('storage', t('storageBusy'));
  }
  if (name === 'ConstraintError') return fail('rejected', t('alreadySaved'));
  return fail('storage', errorMessage(error));
}
