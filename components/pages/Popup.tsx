/**
 * The toolbar popup: the current page and its highlights in document order (those the page no
 * longer shows listed apart, never lost), a search over every highlight kept, and the page's
 * actions — reader view, export, the library. It follows changes made elsewhere while open.
 */
import { t, tn } from '@/utils/i18n/words';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { backupReminder, reminderText } from '@/utils/pages/backup-reminder';
import { searchEntries, typingSearch, type SearchEntry } from '@/utils/pages/library-search';
import type { HighlightRecord, Settings } from '@/utils/shared/model';
import {
  askBackground,
  askFrame,
  askTab,
  extensionPageUrl,
  openTab,
  pageOpenUrl,
  pdfViewerUrl,
  savedCopyUrl,
  showInTab,
} from '@/utils/pages/extension-client';
import { withoutOriginalMark } from '@/utils/shared/pdf-address';
import { useAccessSetting } from '@/utils/pages/use-access-setting';
import { EmptyState } from './EmptyState';
import { ExportControls } from './ExportControls';
import { HighlightList } from './HighlightList';
import { readLibrary } from '@/utils/pages/library-data';
import { readPopupState, type ArticleState, type PopupState } from '@/utils/pages/popup-state';
import type { PageEvents } from '@/utils/pages/page-events';
import { syncStatusText } from '@/utils/pages/sync-status-text';
import { useSyncStatus } from './SyncPanel';
import { applyChange } from '@/utils/pages/change-reducer';
import { useFullTextSearch } from '@/utils/pages/use-full-text-search';
import { afterEdit, done, problem, type Notice } from '@/utils/pages/notice';
import { sendToObsidian } from '@/utils/pages/send-to-obsidian';
import { readFrameHighlights, type FrameHighlights } from '@/utils/pages/frame-highlights';
import { hostOf } from '@/utils/shared/urls';

/** Search results shown at once; the count says how many there are in all. */
const RESULTS_SHOWN = 50;
/** Saved articles the popup's search lists; the library lists more. */
const ARTICLES_SHOWN = 5;

/** `first`, `firstSettings`: what the popup shows, when its wiring read it before drawing it (popup-state.ts): drawn at once, nothing moves after. */
export function Popup({
  tabId,
  events,
  first,
  firstSettings,
}: {
  tabId: number | null;
  events: PageEvents;
  first?: PopupState | undefined;
  firstSettings?: Settings | undefined;
}) {
  const [state, setState] = useState<PopupState>(first ?? { kind: 'loading' });
  const [query, setQuery] = useState('');
  const [panel, setPanel] = useState<'none' | 'export'>('none');
  const [notice, setNotice] = useState<Notice | null>(null);
  const [settings, setSettings] = useState<Settings | null>(firstSettings ?? null);
  useEffect(() => {
    if (!firstSettings) void askBackground({ type: 'settings:get' }).then((r) => r.ok && setSettings(r.value));
  }, [firstSettings]);

  // Whether the page is an article (and its reader open) does not change when highlights do: ask once.
  const articleState = useRef<ArticleState | null>(first?.kind === 'ready' ? first.article : null);
  const load = useCallback(async (): Promise<void> => {
    const next = await readPopupState(tabId, articleState.current);
    if (next.kind === 'ready') articleState.current = next.article;
    setState(next);
  }, [tabId]);
  // Read once before the popup was drawn, or now.
  const readFirst = useRef(!first);
  useEffect(() => {
    if (readFirst.current) void load();
    readFirst.current = true;
  }, [load]);
  // The popup opens ready to search: the first key typed goes into the search box.
  const searchField = useRef<HTMLInputElement>(null);
  const searchShown = state.kind !== 'loading';
  useEffect(() => {
    if (searchShown) searchField.current?.focus();
  }, [searchShown]);
  const marked = useRef(false);
  useEffect(() => {
    if (state.kind !== 'ready' || marked.current) return;
    marked.current = true;
    performance.mark('clearmark:popup-rendered');
  }, [state]);
  const pageUrl = state.kind === 'ready' ? state.page.url : null;
  const [libraryVersion, setLibraryVersion] = useState(0);
  // Changes arrive with the records themselves: the page's list is updated in place, never reloaded.
  useEffect(
    () =>
      events.subscribe((change) => {
        setLibraryVersion((v) => v + 1);
        if (change.url !== pageUrl && change.url !== '*') return;
        setState((current) => {
          if (current.kind !== 'ready') return current;
          // The shared reducer applies the change to the page's list; what it cannot apply (many pages, a saved copy) is read again.
          const next = applyChange(
            { pages: null, all: null, page: { url: current.page.url, highlights: current.highlights } },
            change,
          );
          if (!next?.page) {
            void load();
            return current;
          }
          return { ...current, highlights: next.page.highlights };
        });
      }),
    [events, load, pageUrl],
  );
  useEffect(
    () =>
      events.onAnchoring((anchoring) => {
        if (anchoring.url !== pageUrl) return;
        setState((current) =>
          current.kind === 'ready' ? { ...current, orphaned: new Set(anchoring.orphaned) } : current,
        );
      }),
    [events, pageUrl],
  );

  const reveal = (h: HighlightRecord) => tabId !== null && void askTab(tabId, { type: 'highlight:reveal', id: h.id });
  // The tab's frames' highlights, under their own addresses: read after the page's, and again on any change.
  const [frames, setFrames] = useState<FrameHighlights[]>([]);
  useEffect(() => {
    if (tabId === null) return;
    let current = true;
    void readFrameHighlights(tabId)
      .catch(() => [])
      .then((found) => current && setFrames(found));
    return () => {
      current = false;
    };
  }, [tabId, libraryVersion]);
  const revealInFrame = (frameId: number, h: HighlightRecord) =>
    tabId !== null && void askFrame(tabId, frameId, { type: 'frame:reveal', id: h.id });
  const searching = query.trim() !== '';

  return (
    <main class="popup">
      {state.kind === 'loading' && (
        <p class="status" aria-busy="true">
          {t('loading')}
        </p>
      )}
      {state.kind === 'unavailable' && !state.pdf && <EmptyState title={t('popupNothingHere')} text={state.reason} />}
      {state.kind === 'unavailable' && state.pdf && (
        <div class="pdf-offer">
          <button
            type="button"
            class="action primary"
            data-action="open-pdf"
            onClick={() => {
              // In this tab, as a reader view opens: Back returns to the browser's own viewer.
              const viewer = pdfViewerUrl(withoutOriginalMark(state.pdf as string));
              void (tabId === null ? openTab(viewer) : showInTab(tabId, viewer)).then(() => window.close());
            }}
          >
            {t('openInPdfViewer')}
          </button>
        </div>
      )}
      {state.kind === 'error' && <EmptyState title={t('somethingWentWrong')} text={state.message} />}
      {state.kind === 'ready' && (
        <header class="page">
          <h1 class="title" dir="auto">
            {state.page.title || state.page.url}
          </h1>
          <p class="meta">
            <span class="site">{state.page.siteName}</span>
            {/* The tab's: the page's own and its frames'. */}
            <span class="count">
              {tn(
                'highlightCount',
                frames.reduce((n, f) => n + f.highlights.length, state.highlights.length),
              )}
            </span>
          </p>
        </header>
      )}
      {state.kind !== 'loading' && (
        <div class="search">
          <input
            ref={searchField}
            type="search"
            name="search"
            placeholder={t('popupSearch')}
            aria-label={t('popupSearch')}
            autocomplete="off"
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
        </div>
      )}
      {searching ? (
        <SearchResults
          query={query}
          version={libraryVersion}
          onOpen={(entry) => {
            if (entry.highlight.url === pageUrl) return reveal(entry.highlight);
            void openTab(pageOpenUrl(entry.page, entry.highlight.target.quote.exact)).then(() => window.close());
          }}
        />
      ) : (
        state.kind === 'ready' && (
          <PageHighlights
            state={state}
            frames={frames}
            onOpen={reveal}
            onOpenInFrame={revealInFrame}
            onChanged={(error) => setNotice((shown) => afterEdit(shown, error))}
          />
        )
      )}
      {notice && (
        <p class={`notice ${notice.tone}`} role={notice.tone === 'problem' ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      {settings && <BackupHint settings={settings} />}
      <footer class="popup-footer">
        {panel === 'export' && state.kind === 'ready' && (
          <ExportControls scopes={[{ label: t('scopeThisPage'), scope: { url: state.page.url } }]} />
        )}
        <div class="actions">
          {state.kind === 'ready' && (
            <button
              type="button"
              class="action primary"
              data-action="reader"
              disabled={!state.article.isArticle}
              title={state.article.isArticle ? 'Alt+Shift+R' : t('popupNoArticle')}
              onClick={() => {
                if (tabId === null) return;
                void askTab(tabId, { type: 'reader:toggle' }).then(() => window.close());
              }}
            >
              {state.article.readerOpen ? t('closeReader') : t('readerView')}
            </button>
          )}
          {state.kind === 'ready' && state.article.isArticle && !state.saved && (
            <button
              type="button"
              class="action"
              data-action="save"
              title="Alt+Shift+S"
              onClick={() => {
                if (tabId === null) return;
                void askTab(tabId, { type: 'article:save' }).then((saved) => {
                  if (!saved.ok) {
                    setNotice(problem(saved.error));
                    return;
                  }
                  setNotice(saved.value.outcome === 'kept-older' ? problem(t('keptOlderCopy')) : null);
                  setState((current) => (current.kind === 'ready' ? { ...current, saved: true } : current));
                });
              }}
            >
              {t('saveForLater')}
            </button>
          )}
          {state.kind === 'ready' && state.saved && (
            <button
              type="button"
              class="action"
              data-action="open-saved"
              title={t('savedCopyTitle')}
              onClick={() => void openTab(savedCopyUrl(state.page.url)).then(() => window.close())}
            >
              {t('savedCopy')}
            </button>
          )}
          {state.kind === 'ready' && (state.saved || state.article.isArticle) && (
            <button
              type="button"
              class="action"
              data-action="send-to-obsidian"
              title={t('sendToObsidianTitle')}
              onClick={() => {
                const url = state.page.url;
                // The note is written from the saved copy: an article on screen is saved (again) first, so the
                // note holds what the page shows now — and one from a reading list, not fetched yet, gets its copy.
                const saved =
                  !state.article.isArticle || tabId === null
                    ? Promise.resolve(null)
                    : askTab(tabId, { type: 'article:save' });
                void saved
                  .then((answer) => {
                    if (answer && !answer.ok) throw new Error(answer.error);
                    if (answer)
                      setState((current) => (current.kind === 'ready' ? { ...current, saved: true } : current));
                    return sendToObsidian(url);
                  })
                  .then(
                    (sent) => setNotice(sent.ok ? done(sent.message) : problem(sent.message)),
                    (error: unknown) => setNotice(problem(error instanceof Error ? error.message : String(error))),
                  );
              }}
            >
              {t('sendToObsidian')}
            </button>
          )}
          {state.kind === 'ready' && (
            <button
              type="button"
              class="action"
              data-action="export"
              aria-expanded={panel === 'export'}
              disabled={state.highlights.length === 0}
              onClick={() => setPanel(panel === 'export' ? 'none' : 'export')}
            >
              {t('export')}
            </button>
          )}
          <button
            type="button"
            class="action"
            data-action="library"
            onClick={() => void openTab(extensionPageUrl('/library.html')).then(() => window.close())}
          >
            {t('library')}
          </button>
        </div>
        {settings &&
          (isPdfTab(state) ? (
            <PdfSwitch initial={settings.openPdfsInViewer} />
          ) : (
            <BannerSwitch initial={settings.stripConsentBanners} />
          ))}
        <SyncLine events={events} />
      </footer>
    </main>
  );
}

function PageHighlights({
  state,
  frames,
  onOpen,
  onOpenInFrame,
  onChanged,
}: {
  state: Extract<PopupState, { kind: 'ready' }>;
  frames: FrameHighlights[];
  onOpen: (h: HighlightRecord) => void;
  onOpenInFrame: (frameId: number, h: HighlightRecord) => void;
  onChanged: (error?: string) => void;
}) {
  const { orphaned } = state;
  const orphans = orphaned ? state.highlights.filter((h) => orphaned.has(h.id)) : [];
  const placed = orphaned ? state.highlights.filter((h) => !orphaned.has(h.id)) : state.highlights;
  if (state.highlights.length === 0 && frames.length === 0) {
    return (
      <EmptyState
        title={t('noHighlightsYet')}
        text={state.article.isArticle ? t('noHighlightsHowTo') : t('noHighlightsNotArticle')}
      />
    );
  }
  return (
    <>
      {placed.length > 0 && <HighlightList highlights={placed} onOpen={onOpen} onChanged={onChanged} />}
      {orphans.length > 0 && (
        <section class="orphans" aria-labelledby="orphans-title">
          <h2 id="orphans-title">{t('orphansTitle', { count: orphans.length })}</h2>
          <p class="hint">
            {t('orphansHint')}
            {state.saved && (
              <>
                {' '}
                <a
                  class="link"
                  data-action="orphans-in-copy"
                  href={savedCopyUrl(state.page.url)}
                  target="_blank"
                  rel="noopener"
                >
                  {tn('orphansInCopy', orphans.length)}
                </a>
              </>
            )}
          </p>
          <HighlightList highlights={orphans} label={t('orphansListLabel')} onChanged={onChanged} />
        </section>
      )}
      {frames.map(({ frameId, page, highlights }) => {
        const title = page.title || hostOf(page.url);
        return (
          <section key={frameId} class="frame-highlights" aria-labelledby={`frame-${frameId}`} data-frame={page.url}>
            <h2 id={`frame-${frameId}`} dir="auto">
              {t('frameHighlightsTitle', { title })}
            </h2>
            <HighlightList
              highlights={highlights}
              label={t('frameHighlightsLabel', { title })}
              onOpen={(h) => onOpenInFrame(frameId, h)}
              onChanged={onChanged}
            />
          </section>
        );
      })}
    </>
  );
}

/** Every highlight kept, searched as the user types; the library is read once, then on changes. */
function SearchResults({
  query,
  version,
  onOpen,
}: {
  query: string;
  version: number;
  onOpen: (entry: SearchEntry) => void;
}) {
  const [entries, setEntries] = useState<SearchEntry[] | null>(null);
  const [error, setError] = useState('');
  const loadedVersion = useRef(-1);
  useEffect(() => {
    if (loadedVersion.current === version) return;
    loadedVersion.current = version;
    void readLibrary()
      .then((library) => library.everythingInBatches())
      .then(({ pages, highlights }) =>
        setEntries(
          searchEntries(
            pages,
            highlights.sort((a, b) => b.createdAt - a.createdAt),
          ),
        ),
      )
      .catch((e: unknown) => setError(t('libraryUnreadable', { error: String(e) })));
  }, [version]);
  const search = useRef(typingSearch()).current;
  const found = useMemo(() => (entries ? search(entries, { query }) : []), [entries, query]);
  const byId = useMemo(() => new Map(found.map((e) => [e.highlight.id, e])), [found]);
  // Saved articles whose body holds the words (the background's full-text index), a moment after the last key.
  const articles = useFullTextSearch(query, version, ARTICLES_SHOWN).found?.articles ?? [];
  if (error) return <EmptyState title={t('searchUnavailable')} text={error} />;
  if (!entries)
    return (
      <p class="status" aria-busy="true">
        {t('searching')}
      </p>
    );
  if (found.length === 0 && articles.length === 0)
    return <EmptyState title={t('noMatches')} text={t('noMatchesText', { query: query.trim() })} />;
  return (
    <section class="results" aria-label={t('searchResults')}>
      {articles.length > 0 && (
        <div class="found-articles" aria-label={t('savedArticles')}>
          <p class="result-count">{tn('savedArticleCount', articles.length)}</p>
          <ul class="found-list">
            {articles.map((a) => (
              <li class="found-article" data-url={a.url}>
                <button
                  type="button"
                  class="link found-title"
                  dir="auto"
                  onClick={() => void openTab(savedCopyUrl(a.url)).then(() => window.close())}
                >
                  {a.title || a.url}
                </button>
                <p class="found-snippet" dir="auto">
                  {a.snippet}
                </p>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p class="result-count" role="status">
        {tn('highlightCount', found.length)}
        {found.length > RESULTS_SHOWN ? t('firstShown', { count: RESULTS_SHOWN }) : ''}
      </p>
      <HighlightList
        label={t('searchResults')}
        highlights={found.slice(0, RESULTS_SHOWN).map((e) => e.highlight)}
        pageLabelFor={(h) => {
          const entry = byId.get(h.id);
          return entry ? `${entry.page.title || entry.page.url} · ${entry.site}` : '';
        }}
        onOpen={(h) => {
          const entry = byId.get(h.id);
          if (entry) onOpen(entry);
        }}
      />
    </section>
  );
}

/** The weekly backup reminder, when the user turned it on and a backup is due: one click to the library. */
/** Sync's status in one line, once a server is set up: last synced, changes waiting, or what is wrong. */
function SyncLine({ events }: { events: PageEvents }) {
  const status = useSyncStatus(events);
  if (!status?.server) return null;
  const problem = status.state === 'error' || status.state === 'offline';
  return (
    <p
      class={problem ? 'popup-sync problem' : 'popup-sync'}
      role="status"
      data-role="sync-status"
      data-state={status.state}
    >
      <span class="sync-dot" data-state={status.state} aria-hidden="true" />
      {syncStatusText(status)}
    </p>
  );
}

function BackupHint({ settings }: { settings: Settings }) {
  const [text, setText] = useState('');
  useEffect(() => {
    // Only those who asked for the reminder pay for counting their highlights.
    if (!settings.backupReminder) return;
    void readLibrary()
      .then((l) => l.pageList())
      .then(
        (pages) => {
          const count = pages.reduce((n, p) => n + (p.highlightCount ?? 0), 0);
          const reminder = backupReminder(settings, count, Date.now());
          if (reminder.due) setText(reminderText(reminder, count));
        },
        () => undefined,
      );
  }, [settings]);
  if (!text) return null;
  return (
    <div class="reminder" role="status">
      <span>{text}</span>
      <button
        type="button"
        class="link"
        data-action="backup-library"
        onClick={() => void openTab(extensionPageUrl('/library.html')).then(() => window.close())}
      >
        {t('backUp')}
      </button>
    </div>
  );
}

/** Whether the tab shows a PDF: in the browser's viewer, or in Clearmark's. */
function isPdfTab(state: PopupState): boolean {
  return (
    (state.kind === 'unavailable' && state.pdf !== undefined) ||
    (state.kind === 'ready' && state.page.url.startsWith('urn:x-pdf:'))
  );
}

/**
 * PDFs always in Clearmark's viewer (off by default): turning it on asks the browser for access to
 * sites, which seeing where a tab goes and fetching the file need. Asked at once, in the click.
 */
function PdfSwitch({ initial }: { initial: boolean }) {
  const { on, refused, choose } = useAccessSetting('openPdfsInViewer', initial);
  return (
    <label class="switch">
      <input
        type="checkbox"
        role="switch"
        name="always-open-pdfs"
        checked={on === true}
        onChange={(e) => {
          const next = e.currentTarget.checked;
          // Shown as it was until the choice is kept (or refused).
          e.currentTarget.checked = on === true;
          void choose(next);
        }}
      />
      <span>{t('alwaysOpenPdfs')}</span>
      <small role="status">
        {refused ? t('alwaysOpenPdfsRefused') : on ? t('alwaysOpenPdfsOn') : t('alwaysOpenPdfsOff')}
      </small>
    </label>
  );
}

/** The page-cleaning preference: consent banners hidden (the default) or kept. */
function BannerSwitch({ initial }: { initial: boolean }) {
  const [on, setOn] = useState(initial);
  return (
    <label class="switch">
      <input
        type="checkbox"
        role="switch"
        checked={on}
        onChange={(e) => {
          const next = e.currentTarget.checked;
          setOn(next);
          void askBackground({ type: 'settings:set', settings: { stripConsentBanners: next } });
        }}
      />
      <span>{t('hideBanners')}</span>
      <small>{on ? t('hideBannersOn') : t('hideBannersOff')}</small>
    </label>
  );
}
