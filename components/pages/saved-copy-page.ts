/**
 * A saved article, read in Clearmark's own page (`reader.html?url=…`): the copy kept in storage,
 * sanitized again, shown in the same reader view as on the live page (typography, themes,
 * settings), with the page's highlights painted in it — those the live page can no longer place
 * too — and reading progress kept. Everything comes from storage: it reads the same offline;
 * pictures kept offline come from storage too, and the others load by address unless the user
 * turned pictures off.
 * Highlighting works as on the live page — the selection toolbar, Alt+Shift+H, the card a click
 * on a highlight opens (color, note, tags, copy, delete with undo) — and makes the same records,
 * for the live page's address.
 */
import { answerAsContentScript } from '@/utils/pages/own-page-answers';
import { ok } from '@/utils/shared/result';
import { t } from '@/utils/i18n/words';
import { openReader, type ReaderHandle } from '@/components/shared/reader-host';
import { PageText } from '@/utils/engines/anchoring/page-text';
import { OverlayPainter } from '@/utils/engines/overlay-painter';
import { savedArticleFragment } from '@/utils/engines/reader/article-html';
import { DEFAULT_SETTINGS, type HighlightRecord, type SavedArticle } from '@/utils/shared/model';
import { hostOf } from '@/utils/shared/urls';
import type { PageEvents } from '@/utils/pages/page-events';
import { askBackground, askForAllSites, extensionPageUrl } from '@/utils/pages/extension-client';
import { fetchArticle } from '@/utils/pages/fetch-article';
import { ALL_SITES } from '@/utils/shared/permissions';
import { browser } from 'wxt/browser';
import { readLibrary } from '@/utils/pages/library-data';
import { placePictures } from '@/utils/pages/saved-pictures';
import type { CardHighlights } from '@/components/shared/highlight-card-host';
import { installOwnPageHighlighting } from './own-page-highlighting';
import type { Box } from '@/utils/shared/box';
import type { HighlightColor, HighlightTarget } from '@/utils/shared/model';

/** How long scrolling rests before the progress is kept. */
const PROGRESS_REST_MS = 800;
/** Read this far, an article counts as read. */
const READ_AT = 0.95;

export interface SavedCopyView {
  handle: ReaderHandle;
  /** Ids of the highlights painted in the copy. */
  painted(): string[];
  /** Boxes of the toolbar's and the card's controls, for checks that click like a person. */
  controls(): Record<string, Box>;
}

/** The highlight made on the live page is made here the same way: this origin tells views it came from the copy. */
const ORIGIN = 'saved-copy';

export async function showSavedCopy(doc: Document, url: string, events: PageEvents): Promise<SavedCopyView | null> {
  const win = doc.defaultView as Window & typeof globalThis;
  const [saved, settings, kept] = await Promise.all([
    url ? askBackground({ type: 'saved:get', url }) : null,
    askBackground({ type: 'settings:get' }),
    // Pictures kept offline, read straight from storage (or through the background, in a Firefox private window).
    url
      ? readLibrary().then(
          (library) => library.articleImages(url),
          () => new Map<string, Blob>(),
        )
      : new Map<string, Blob>(),
  ]);
  if (!saved?.ok) {
    showProblem(doc, saved ? saved.error : t('noArticleNamed'));
    return null;
  }
  if (saved.value.pending) {
    showFetch(doc, saved.value);
    return null;
  }
  const article: SavedArticle = saved.value;
  doc.title = `${article.title || article.url} · Clearmark`;
  const pictures = savedArticleFragment(article.html, win);
  const made = placePictures(pictures, kept, settings.ok ? settings.value.savedImages : 'address', win);
  win.addEventListener('pagehide', () => made.forEach((u) => win.URL.revokeObjectURL(u)));
  const handle = openReader(
    doc,
    {
      title: article.title,
      byline: article.byline,
      siteName: article.site,
      publishedAt: article.published,
      lang: article.lang,
      dir: article.dir,
      readingMinutes: article.readingMinutes,
      host: hostOf(article.url),
    },
    pictures,
    settings.ok ? settings.value.reader : DEFAULT_SETTINGS.reader,
    {
      settings: (patch) =>
        void askBackground({ type: 'settings:set', settings: { reader: patch } }).then(
          (r) => r.ok && handle.update(r.value.reader),
        ),
      close: () => win.location.assign(extensionPageUrl('/library.html')),
    },
    'open',
  );
  handle.body.setAttribute('data-saved-url', article.url);
  const painter = new OverlayPainter(handle.body);
  const text = new PageText(handle.body, false);
  const paint = (highlights: HighlightRecord[]) => {
    painter.clear();
    for (const h of highlights) {
      const range = text.rangeOf(h.target);
      if (range) painter.paint(h.id, h.color, range);
    }
  };
  let highlights: HighlightRecord[] = [];
  // The answer to the last asking is shown: an earlier answer that comes later is not.
  let asked = 0;
  const load = async () => {
    const mine = ++asked;
    const answer = await askBackground({ type: 'page:highlights', url: article.url });
    if (mine !== asked) return;
    highlights = answer.ok ? answer.value.highlights : [];
    paint(highlights);
  };
  const loaded = load();
  events.subscribe((change) => {
    if (change.url === '*' || change.url === article.url) void load();
  });

  keepProgress(handle, article);
  const page = {
    url: article.url,
    title: article.title,
    siteName: article.site,
    author: article.byline,
    publishedAt: article.published,
  };
  // The popup asks this page what it asks the live page's content script, once its highlights are shown.
  void loaded.then(() =>
    answerAsContentScript(doc.defaultView ?? window, {
      'page:info': () => ok(page),
      'article:state': () => ok({ isArticle: false, readerOpen: false }),
      'highlights:anchored': () => {
        const painted = painter.ids();
        return ok({ painted, orphaned: highlights.map((h) => h.id).filter((id) => !painted.includes(id)) });
      },
      'highlight:reveal': ({ id }) => {
        const range = painter.rangeOf(id);
        range?.startContainer.parentElement?.scrollIntoView({ block: 'center' });
        return ok(range !== undefined);
      },
    }),
  );
  let color: HighlightColor = settings.ok ? settings.value.lastColor : DEFAULT_SETTINGS.lastColor;
  const create = async (target: HighlightTarget, chosen: HighlightColor, note = '') => {
    if (chosen !== color) void askBackground({ type: 'settings:set', settings: { lastColor: chosen } });
    color = chosen;
    const made = await askBackground({ type: 'highlight:create', page, color: chosen, note, target, origin: ORIGIN });
    if (made.ok) highlights = [...highlights.filter((h) => h.id !== made.value.id), made.value];
    paint(highlights);
    return made;
  };
  const replace = (record: HighlightRecord) => {
    highlights = highlights.map((h) => (h.id === record.id ? record : h));
    paint(highlights);
  };
  const cardHighlights: CardHighlights = {
    record: (id) => highlights.find((h) => h.id === id),
    hitTest: (x, y) => {
      const id = painter.hitTest(x, y, doc);
      return (id && highlights.find((h) => h.id === id)) || null;
    },
    visibleRange: (id) => painter.rangeOf(id),
    update: async (id, patch) => {
      const answer = await askBackground({ type: 'highlight:update', id, origin: ORIGIN, ...patch });
      if (answer.ok) replace(answer.value);
      return answer;
    },
    remove: async (id) => {
      const answer = await askBackground({ type: 'highlight:delete', id, origin: ORIGIN });
      if (answer.ok) {
        highlights = highlights.filter((h) => h.id !== id);
        paint(highlights);
      }
      return answer;
    },
    restore: async (record) => {
      const answer = await askBackground({ type: 'highlight:restore', highlight: record, origin: ORIGIN });
      if (answer.ok) {
        highlights = [...highlights.filter((h) => h.id !== record.id), answer.value];
        paint(highlights);
      }
      return answer;
    },
  };
  // The toolbar, Alt+Shift+H and the card, as on a web page; a highlight asked for while the copy's
  // highlights are still coming is made once they are shown.
  const highlighting = installOwnPageHighlighting(
    doc,
    {
      ready: loaded,
      selectedRange: () => handle.selectedRange(),
      describe: (range) => text.describe(range),
      color: () => color,
      create,
      card: cardHighlights,
    },
    (listener) => events.onHighlightAsked(listener),
  );
  return { handle, painted: () => painter.ids(), controls: () => highlighting.controls() };
}

/** Puts the reader where it was last left, and keeps how far it is read. */
function keepProgress(handle: ReaderHandle, article: SavedArticle): void {
  const scroller = handle.body.closest<HTMLElement>('.reader');
  if (!scroller) return;
  const room = () => scroller.scrollHeight - scroller.clientHeight;
  if (article.progress > 0) scroller.scrollTop = article.progress * room();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let state = article.state;
  scroller.addEventListener('scroll', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const progress = room() > 0 ? Math.min(1, scroller.scrollTop / room()) : 1;
      const read = state === 'unread' && progress >= READ_AT;
      if (read) state = 'read';
      void askBackground({
        type: 'saved:update',
        url: article.url,
        progress,
        ...(read ? { state: 'read' as const } : {}),
      });
    }, PROGRESS_REST_MS);
  });
}

/**
 * An article from a reading list, its copy not fetched yet: fetched now (at once when the browser
 * already gives access to sites, else when the user clicks, which asks for it), kept, and shown.
 * Where it cannot be fetched, the page itself is a click away.
 */
function showFetch(doc: Document, entry: SavedArticle): void {
  const win = doc.defaultView as Window & typeof globalThis;
  doc.title = `${entry.title || entry.url} · Clearmark`;
  const main = doc.getElementById('app') ?? doc.body;
  const panel = doc.createElement('section');
  panel.className = 'fetch-copy';
  const title = doc.createElement('h1');
  title.dir = 'auto';
  title.textContent = entry.title || entry.url;
  const text = doc.createElement('p');
  text.textContent = t('fetchNeedsAccess');
  const status = doc.createElement('p');
  status.setAttribute('role', 'status');
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'action primary';
  button.dataset.action = 'fetch-copy';
  button.textContent = t('fetchArticle');
  const live = doc.createElement('a');
  live.href = entry.url;
  live.textContent = t('openLivePage');
  main.append(panel);
  panel.append(title, text, button, status, live);
  const fetchNow = async () => {
    button.disabled = true;
    status.textContent = t('fetchingArticle');
    const fetched = await fetchArticle(entry.url, win);
    const kept = fetched.ok ? await askBackground({ type: 'saved:fill', article: fetched.value }) : fetched;
    if (kept.ok) {
      win.location.reload();
      return;
    }
    status.textContent = kept.error;
    button.disabled = false;
  };
  button.addEventListener('click', () => {
    void askForAllSites().then((granted) => {
      if (granted) return fetchNow();
      status.textContent = t('fetchNeedsAccessRefused');
    });
  });
  void browser.permissions.contains({ origins: [ALL_SITES] }).then(
    (granted) => (granted ? fetchNow() : undefined),
    () => undefined,
  );
}

function showProblem(doc: Document, why: string): void {
  const main = doc.getElementById('app') ?? doc.body;
  const title = doc.createElement('h1');
  title.textContent = t('savedCannotShow');
  const text = doc.createElement('p');
  text.textContent = why;
  const back = doc.createElement('a');
  back.href = extensionPageUrl('/library.html');
  back.textContent = t('openLibrary');
  main.append(title, text, back);
}
