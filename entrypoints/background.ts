/**
 * Background wiring: owns the Library (IndexedDB) and sync, answers the protocol, relays the
 * keyboard commands and context-menu items to the page, and tells open views what changed —
 * here or, through sync, in another browser.
 */
import { t } from '@/utils/i18n/words';
import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { handleBackgroundRequest } from '@/utils/background/requests';
import { diskFull, Library } from '@/utils/background/storage';
import { Transfers } from '@/utils/background/transfers';
import { TabFrames, type SessionArea } from '@/utils/background/tab-frames';
import { ImportSteps } from '@/utils/background/import-steps';
import { SearchService } from '@/utils/background/search-service';
import { OfflineImages } from '@/utils/background/offline-images';
import { articleConverter } from '@/utils/background/article-converter';
import { ReadingListFetcher } from '@/utils/background/reading-list-fetcher';
import { ALL_SITES } from '@/utils/shared/permissions';
import { keepStorage } from '@/utils/shared/persist-storage';
import { arrivalNotices, SyncLedger } from '@/utils/background/sync/sync-ledger';
import { SyncService } from '@/utils/background/sync/sync-service';
import {
  classifySender,
  isNotice,
  parseBackgroundMessage,
  type ContentMessage,
  type HighlightsChanged,
  type ImportProgress,
  type SyncChanged,
} from '@/utils/shared/protocol';
import { errorMessage, fail } from '@/utils/shared/result';
import { opensInViewer, PDF_LINK_PATTERNS, pdfViewerPath } from '@/utils/shared/pdf-address';

const HIGHLIGHT_MENU_ID = 'clearmark-highlight-selection';
const READER_MENU_ID = 'clearmark-reader-view';
const SAVE_MENU_ID = 'clearmark-save-article';
const PDF_LINK_MENU_ID = 'clearmark-open-pdf-link';
/** Wakes a sleeping worker once a minute while sync is on, to pass and to listen again. */
const SYNC_ALARM = 'clearmark-sync';

export default defineBackground(() => {
  // Files too big for one message, on their way in or out (held in memory while the worker lives).
  const transfers = new Transfers();
  // Frames with text, by tab, for the popup (tab-frames.ts); a closed tab's are forgotten.
  // The session area is Chrome 102's and Firefox 115's: an older browser keeps the frames in memory alone.
  const frames = new TabFrames((browser.storage as { session?: SessionArea }).session ?? null);
  browser.tabs.onRemoved.addListener((tabId) => void frames.forget(tabId));
  // Imports too large for one event, written step by step.
  const steps = new ImportSteps();
  let library: Promise<Library> | null = null;
  const openLibrary = () =>
    (library ??= Library.open().catch((error: unknown) => {
      library = null;
      throw error;
    }));
  // The full-text index: loaded (or built) on the first search, kept up to date from then on.
  const search = new SearchService(openLibrary);
  // Saved copies' pictures, kept offline when the user chose so and granted access to all sites.
  const images = new OfflineImages(openLibrary, {
    fetch: (...args) => fetch(...args),
    permitted: () => browser.permissions.contains({ origins: [ALL_SITES] }),
  });
  // Saved articles as Markdown, and fetched pages read as articles: the converter (it needs a DOM) loads on first use.
  const converter = articleConverter();
  // Reading lists' copies, fetched in the background when the user chose so.
  const readingList = new ReadingListFetcher(openLibrary, {
    fetch: (...args) => fetch(...args),
    permitted: () => browser.permissions.contains({ origins: [ALL_SITES] }),
    capture: converter.capture,
    kept: (url) => {
      search.articleChanged(url);
      void announce({ type: 'highlights:changed', url: '*', upserted: [], removed: [] });
    },
  });
  void readingList.run().catch(() => undefined);
  /** A change, told to open views and to the search index alike. */
  const changed = (notice: HighlightsChanged) => {
    search.highlightsChanged(notice);
    return announce(notice);
  };
  // Sync resumes as soon as the worker starts: a change made before it slept is sent, the feed is heard.
  let sync: Promise<SyncService> | null = null;
  const openSync = () =>
    (sync ??= openLibrary()
      .then(async (lib) => {
        const service = new SyncService(new SyncLedger(lib.forSync()), {
          // What other browsers changed, told as the notices open pages, popups and the library follow.
          arrived: (applied) => {
            for (const url of new Set(applied.flatMap((a) => a.articles))) search.articleChanged(url);
            void Promise.all(arrivalNotices(applied).map(changed));
          },
          statusChanged: (status) => {
            void browser.runtime
              .sendMessage({ type: 'sync:changed', status } satisfies SyncChanged)
              .catch(() => undefined);
            if (status.state === 'off') void browser.alarms.clear(SYNC_ALARM);
            else
              void browser.alarms
                .get(SYNC_ALARM)
                .then((alarm) => (alarm ? undefined : browser.alarms.create(SYNC_ALARM, { periodInMinutes: 1 })));
          },
        });
        // Every change the library commits for sync to send starts a pass soon.
        lib.onUnsent(() => service.localChanged());
        await service.start();
        return service;
      })
      .catch((error: unknown) => {
        sync = null;
        throw error;
      }));
  void openSync().catch(() => undefined);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== SYNC_ALARM) return;
    // A database the browser closed (a full disk) is opened again before sync reads it.
    void openLibrary()
      .then((lib) => lib.recover(null))
      .then(() => openSync())
      .then(
        (s) => s.wake(),
        () => undefined,
      );
  });

  // A listener answers by returning a promise (webextension-polyfill's contract), which the browser's types call void.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  browser.runtime.onMessage.addListener((message: unknown, sender: Browser.runtime.MessageSender) => {
    const from = classifySender(sender, browser.runtime.id, browser.runtime.getURL('/'));
    // Notices between our own contexts travel on the same channel; they need no answer.
    if (from && isNotice(message)) return undefined;
    const parsed = parseBackgroundMessage(message, from);
    if (!parsed.ok) return Promise.resolve(parsed);
    // A frame with text looks its highlights up as it starts: the popup will ask it for them.
    if (from === 'content' && parsed.value.type === 'page:highlights' && sender.tab?.id !== undefined && sender.frameId)
      void frames.note(sender.tab.id, sender.frameId);
    return Promise.all([openLibrary(), openSync()]).then(
      async ([lib, service]) => {
        const { result, notice } = await handleBackgroundRequest(lib, parsed.value, {
          sync: service,
          transfers,
          steps,
          search,
          images,
          articleMarkdown: converter.convert,
          diskFull,
          frames,
          progress: (done, total) =>
            void browser.runtime
              .sendMessage({ type: 'import:progress', done, total } satisfies ImportProgress)
              .catch(() => undefined),
        });
        if (notice) void changed(notice);
        // A reading list came in, or fetching its copies was turned on: fetch them (when the setting is on).
        if (result.ok && (parsed.value.type === 'import' || parsed.value.type === 'settings:set'))
          void readingList.run().catch(() => undefined);
        return result;
      },
      (error: unknown) => fail('storage', t('storageUnopened', { error: errorMessage(error) })),
    );
  });

  browser.commands.onCommand.addListener((command) => {
    // The selection may be in any frame: each frame is asked, and the one with the focus acts.
    if (command === 'highlight-selection')
      void sendToActiveTab({ type: 'selection:highlight' }, 'every-frame').then(async (tabId) => {
        if (tabId !== undefined) await highlightInOwnPage(tabId);
      });
    if (command === 'toggle-reader') void sendToActiveTab({ type: 'reader:toggle' });
    if (command === 'save-article') void sendToActiveTab({ type: 'article:save' });
  });

  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: HIGHLIGHT_MENU_ID, title: t('menuHighlight'), contexts: ['selection'] });
    browser.contextMenus.create({ id: READER_MENU_ID, title: t('menuReader'), contexts: ['page'] });
    browser.contextMenus.create({ id: SAVE_MENU_ID, title: t('menuSave'), contexts: ['page'] });
    browser.contextMenus.create({
      id: PDF_LINK_MENU_ID,
      title: t('openInPdfViewer'),
      contexts: ['link'],
      targetUrlPatterns: PDF_LINK_PATTERNS,
    });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    // A link to a PDF opens in Clearmark's viewer, in a tab beside this one.
    if (info.menuItemId === PDF_LINK_MENU_ID && info.linkUrl) {
      const url = browser.runtime.getURL(pdfViewerPath(info.linkUrl) as '/pdf.html');
      void browser.tabs.create({ url, ...(tab?.index !== undefined ? { index: tab.index + 1 } : {}) });
      return;
    }
    if (tab?.id === undefined) return;
    const message: ContentMessage | null =
      info.menuItemId === HIGHLIGHT_MENU_ID
        ? { type: 'selection:highlight' }
        : info.menuItemId === READER_MENU_ID
          ? { type: 'reader:toggle' }
          : info.menuItemId === SAVE_MENU_ID
            ? { type: 'article:save' }
            : null;
    // A highlight is made in the frame the selection is in; the reader and a save are the top page's.
    const frameId = info.menuItemId === HIGHLIGHT_MENU_ID ? (info.frameId ?? 0) : 0;
    if (message) void browser.tabs.sendMessage(tab.id, message, { frameId }).catch(() => undefined);
    if (info.menuItemId === HIGHLIGHT_MENU_ID) void highlightInOwnPage(tab.id);
  });

  // PDFs always in Clearmark's viewer, when the user chose so: a tab going to a web PDF goes to the viewer instead.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    const address = change.url;
    if (!address || !opensInViewer(address)) return;
    void openLibrary()
      .then((lib) => lib.settings())
      .then(async (settings) => {
        if (!settings.openPdfsInViewer) return;
        await browser.tabs.update(tabId, { url: browser.runtime.getURL(pdfViewerPath(address) as '/pdf.html') });
      })
      .catch(() => undefined);
  });

  keepStorage();
});

/**
 * Asks one of Clearmark's own pages in tab `tabId` (a saved copy, the PDF viewer) to highlight its
 * selection: it has no content script for `tabs.sendMessage` to reach, and the browser kept the key from it.
 */
async function highlightInOwnPage(tabId: number): Promise<void> {
  await browser.runtime.sendMessage({ type: 'tab:highlight-selection', tabId }).catch(() => undefined);
}

/**
 * Sends a request to the active tab's top document (or, for `every-frame`, to each of its frames);
 * answers the tab's id.
 */
async function sendToActiveTab(
  message: ContentMessage,
  to: 'top' | 'every-frame' = 'top',
): Promise<number | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return undefined;
  await browser.tabs.sendMessage(tab.id, message, to === 'top' ? { frameId: 0 } : {}).catch(() => undefined);
  return tab.id;
}

/** Tells content scripts and extension pages what changed, so each applies it without asking again. */
async function announce(notice: HighlightsChanged): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all([
    ...tabs.map((tab) =>
      tab.id === undefined ? undefined : browser.tabs.sendMessage(tab.id, notice).catch(() => undefined),
    ),
    browser.runtime.sendMessage(notice).catch(() => undefined),
  ]);
}
