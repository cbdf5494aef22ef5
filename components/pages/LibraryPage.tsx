/**
 * The library, an extension page in a tab: every page with highlights (newest first, with
 * counts) on the left, the chosen page's highlights on the right; one search over quotes,
 * notes and titles; filters by color, site and date; export, back up and restore in one menu
 * (LibraryMenu.tsx); the storage used. Built for large collections: the page list comes from
 * the page records alone (they count their highlights), every highlight is read once in idle
 * time and searched in memory, and only the rows on screen are rendered.
 */
import { colorName, formatBytes, formatDay as formatDayIn, t, tn, type WordKey } from '@/utils/i18n/words';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { searchEntries, siteOf, typingSearch, type SearchEntry } from '@/utils/pages/library-search';
import { whenIdle } from '@/utils/shared/when-idle';
import {
  HIGHLIGHT_COLORS,
  type HighlightColor,
  type HighlightRecord,
  type PageRecord,
  type Settings,
  byDocumentOrder,
} from '@/utils/shared/model';
import { relativeTime } from '@/utils/pages/relative-time';
import { askBackground, pageOpenUrl, savedCopyUrl } from '@/utils/pages/extension-client';
import { EmptyState } from './EmptyState';
import { BackupBanner, LibraryMenu } from './LibraryMenu';
import { SyncMenu } from './SyncPanel';
import type { PageEvents } from '@/utils/pages/page-events';
import { HighlightList } from './HighlightList';
import { readLibrary } from '@/utils/pages/library-data';
import { applyChange, touchesTags, type Shown } from '@/utils/pages/change-reducer';
import { hasPositions, indexPositions } from '@/utils/pages/highlight-positions';
import { takeFirstPage, takePageList } from '@/utils/pages/first-screen';
import { VirtualList } from './VirtualList';
import { SavedView } from './SavedView';
import { afterEdit, done, problem, type Notice } from '@/utils/pages/notice';

const PERIODS = {
  any: 'periodAny',
  week: 'periodWeek',
  month: 'periodMonth',
  year: 'periodYear',
} as const satisfies Record<string, WordKey>;
type Period = keyof typeof PERIODS;
const PERIOD_MS: Record<Period, number> = { any: 0, week: 7 * 864e5, month: 31 * 864e5, year: 366 * 864e5 };
const ROW_HEIGHT = 68;

interface PageRow {
  page: PageRecord;
  site: string;
  count: number;
  last: number;
}

interface Data {
  pages: PageRecord[];
  highlights: HighlightRecord[];
}

type View = 'highlights' | 'saved';
/** The view an address asks for: `library.html?view=saved` opens the Saved view. */
export const viewIn = (search: string): View =>
  new URLSearchParams(search).get('view') === 'saved' ? 'saved' : 'highlights';

export function LibraryPage({
  events,
  now = Date.now,
  view: opened = viewIn(location.search),
}: {
  events: PageEvents;
  now?: () => number;
  view?: View;
}) {
  // First the page list (page records carry their counts), then, once idle or asked for, every
  // highlight for search and filters.
  // The page list and the newest page's highlights may have been read before the page was drawn (first-screen.ts).
  const [first] = useState(() => ({ pages: takePageList(), page: takeFirstPage() }));
  const firstDetail = useRef(first.page);
  const [pages, setPages] = useState<PageRecord[] | null>(first.pages?.pages ?? null);
  // The first screen may hold only the newest pages of a long list: until the rest is read, the totals are not known.
  const [complete, setComplete] = useState(first.pages?.complete ?? true);
  const [all, setAll] = useState<Data | null>(null);
  // `all` as last read whole (changes are applied to `all` in place), and a count of changes that touched tags.
  const [allRead, setAllRead] = useState<Data | null>(null);
  const [tagsVersion, setTagsVersion] = useState(0);
  const [wantAll, setWantAll] = useState(false);
  const [detail, setDetail] = useState<{ url: string; highlights: HighlightRecord[] } | null>(first.page);
  const [error, setError] = useState('');
  const [query, setQuery] = useState('');
  const [colors, setColors] = useState<HighlightColor[]>([]);
  const [site, setSite] = useState('');
  const [tag, setTag] = useState('');
  const [renaming, setRenaming] = useState(false);
  // What the tag is being renamed to: a name already in use merges the two, and the field says so before Enter.
  const [renameTo, setRenameTo] = useState('');
  const [period, setPeriod] = useState<Period>('any');
  const [chosen, setChosen] = useState<string | null>(null);
  const [message, setMessage] = useState<Notice | null>(null);
  const [version, setVersion] = useState(0);
  const [settings, setSettings] = useState<Settings | null>(null);
  // Highlights, or the articles saved to read later (`library.html?view=saved`).
  const [view, setView] = useState<View>(opened);
  const showView = (next: View) => {
    setView(next);
    history.replaceState(null, '', next === 'saved' ? '?view=saved' : location.pathname);
  };
  const searchStarted = useRef<number | null>(null);
  useEffect(() => {
    void askBackground({ type: 'settings:get' }).then((r) => r.ok && setSettings(r.value));
  }, [version]);

  // Pages with a saved copy: their highlights can be read in it, those the live page lost included.
  const [savedUrls, setSavedUrls] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    if (view !== 'highlights') return;
    void readLibrary()
      .then((library) => library.savedUrls())
      .then(
        (urls) => setSavedUrls(new Set(urls)),
        () => undefined,
      );
  }, [version, view]);
  const fail = (e: unknown) => setError(t('libraryUnreadable', { error: String(e) }));
  // The page list is read for the highlights view (the Saved view opened first reads only its own list).
  const readPages = view === 'highlights' || pages !== null;
  useEffect(() => {
    if (!readPages || (version === 0 && first.pages?.complete)) return;
    void readLibrary()
      .then((library) => library.pageList())
      .then((list) => {
        setPages(list);
        setComplete(true);
      })
      .catch(fail);
  }, [version, readPages]);
  useEffect(() => {
    if (!wantAll) return;
    void readLibrary()
      .then((library) => library.everythingInBatches())
      .then((data) => {
        // When every highlight is in memory, and a search answers from it (bench:library reads it).
        if (!performance.getEntriesByName('clearmark:library-all-read').length)
          performance.mark('clearmark:library-all-read');
        setAll(data);
        setAllRead(data);
      })
      .catch(fail);
  }, [wantAll, version]);
  // Each change is applied to what the page holds (the shared reducer); only what it cannot apply is read again.
  const held = useRef<Shown>({ pages, all, page: detail });
  held.current = { pages, all, page: detail };
  const changeArrived = useRef<number | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = events.subscribe((change) => {
      const next = applyChange(held.current, change);
      if (!next) {
        clearTimeout(timer);
        timer = setTimeout(() => setVersion((v) => v + 1), 100);
        return;
      }
      changeArrived.current ??= performance.now();
      if (touchesTags(held.current, change)) setTagsVersion((v) => v + 1);
      held.current = next;
      setPages(next.pages);
      setAll(next.all);
      setDetail(next.page);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [events]);
  // Read everything in the background once the list is up, so the first keystroke is instant.
  useEffect(() => {
    if (!pages || wantAll || view !== 'highlights') return;
    return whenIdle(() => setWantAll(true), 1500, 300);
  }, [pages, wantAll, view]);

  const filtering = query.trim() !== '' || colors.length > 0 || site !== '' || tag !== '' || period !== 'any';
  useEffect(() => {
    if (filtering) setWantAll(true);
  }, [filtering]);
  // The search's entries cost a pass over every highlight (folding their texts): made while the
  // page is idle once everything is read, they are only looked up when the user starts a search.
  // The entries of what is held are kept while the search is cleared and typed again, so a new
  // query costs no new pass (and the queries answered before are still remembered).
  const madeEntries = useRef<{ of: Data; entries: SearchEntry[] } | null>(null);
  const entriesOf = (data: Data) => {
    if (madeEntries.current?.of !== data)
      madeEntries.current = { of: data, entries: searchEntries(data.pages, data.highlights) };
    return madeEntries.current.entries;
  };
  useEffect(() => {
    if (!allRead) return;
    return whenIdle(() => void entriesOf(allRead), 3000, 500);
  }, [allRead]);
  // Where each highlight stands, so a change notice finds its records by a lookup, not a pass over
  // them all (highlight-positions.ts): made while the page is idle, again after a removal.
  useEffect(() => {
    const list = all?.highlights;
    if (!list || hasPositions(list)) return;
    return whenIdle(() => indexPositions(list), 3000, 500);
  }, [all]);
  const entries = useMemo(() => (all && filtering ? entriesOf(all) : null), [all, filtering]);
  const search = useRef(typingSearch()).current;
  const matching = useMemo<SearchEntry[] | null>(
    () =>
      entries
        ? search(entries, {
            query,
            colors,
            site: site || undefined,
            tag: tag || undefined,
            since: period === 'any' ? undefined : now() - PERIOD_MS[period],
          })
        : null,
    [entries, query, colors, site, tag, period, now],
  );

  const rows = useMemo(
    () => (filtering ? (matching && all ? pageRows(all, matching) : []) : (pages ?? []).map(listedRow)),
    [filtering, matching, all, pages],
  );
  // Tags in use, most used first: from every highlight once they are in memory.
  // Counted again when everything is read, or a change touched tags (not on every change: 100,000 highlights are a pass).
  const tagsInUse = useMemo(() => {
    const counts = new Map<string, number>();
    for (const h of all?.highlights ?? []) for (const t of h.tags ?? []) counts.set(t, (counts.get(t) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);
  }, [allRead, tagsVersion]);
  const renameTag = async (to: string) => {
    setRenaming(false);
    const from = tag;
    if (!to.trim() || to.trim() === from) return;
    const merged = tagsInUse.includes(to.trim());
    const answer = await askBackground({ type: 'tags:rename', from, to });
    if (!answer.ok) {
      setMessage(problem(answer.error));
      return;
    }
    const count = tn('highlightCount', answer.value.updated);
    setMessage(done(t(merged ? 'tagMerged' : 'tagRenamed', { from, to: to.trim(), count })));
    setTag(to.trim());
    setVersion((v) => v + 1);
  };
  const sites = useMemo(
    () => [...new Set((pages ?? []).map(siteOf))].filter(Boolean).sort((a, b) => a.localeCompare(b)),
    [pages],
  );
  const selected = rows.find((r) => r.page.url === chosen) ?? rows[0] ?? null;
  const selectedUrl = selected?.page.url ?? null;
  // The chosen page's highlights: one index lookup, unless everything is in memory already.
  useEffect(() => {
    const early = firstDetail.current;
    firstDetail.current = null;
    if (!selectedUrl || filtering || (version === 0 && early?.url === selectedUrl)) return;
    void readLibrary()
      .then((library) => library.page(selectedUrl))
      .then(({ highlights }) => setDetail({ url: selectedUrl, highlights }))
      .catch(fail);
  }, [selectedUrl, filtering, version]);
  const shownHighlights = useMemo(() => {
    if (!selectedUrl) return [];
    const list = filtering
      ? (matching ?? []).filter((e) => e.highlight.url === selectedUrl).map((e) => e.highlight)
      : detail?.url === selectedUrl
        ? detail.highlights
        : [];
    return [...list].sort(byDocumentOrder);
  }, [selectedUrl, filtering, matching, detail]);
  // Null until the whole page list is read (the first screen holds the newest pages only).
  const total = complete ? (pages ?? []).reduce((n, p) => n + (p.highlightCount ?? 0), 0) : null;

  useLayoutEffect(() => {
    if (searchStarted.current === null || (filtering && !matching)) return;
    performance.measure('clearmark:search', { start: searchStarted.current });
    searchStarted.current = null;
  }, [rows]);
  useEffect(() => {
    if (pages && (pages.length === 0 || detail)) performance.mark('clearmark:library-rendered');
  }, [pages, detail]);
  // How long a change took from its notice to the page showing it (bench:library reads it).
  useLayoutEffect(() => {
    if (changeArrived.current === null) return;
    performance.measure('clearmark:change-applied', { start: changeArrived.current });
    changeArrived.current = null;
  }, [pages, all, detail]);

  // Latency counts from the oldest keystroke not yet shown.
  const markSearch = () => (searchStarted.current ??= performance.now());

  return (
    <div class="library">
      <header class="lib-header">
        <h1 class="brand">
          <img src="/icon/32.png" alt="" width="22" height="22" />
          {t('appName')}
        </h1>
        <div class="view-tabs" role="tablist" aria-label={t('library')}>
          <button
            type="button"
            role="tab"
            data-view="highlights"
            aria-selected={view === 'highlights'}
            onClick={() => showView('highlights')}
          >
            {t('highlights')}
          </button>
          <button
            type="button"
            role="tab"
            data-view="saved"
            aria-selected={view === 'saved'}
            onClick={() => showView('saved')}
          >
            {t('savedTab')}
          </button>
        </div>
        {view === 'highlights' ? (
          <input
            type="search"
            name="search"
            class="lib-search"
            placeholder={total === null ? t('librarySearch') : tn('librarySearchPlaceholder', total)}
            aria-label={t('librarySearch')}
            autocomplete="off"
            value={query}
            onFocus={() => setWantAll(true)}
            onInput={(e) => {
              markSearch();
              setQuery(e.currentTarget.value);
            }}
          />
        ) : (
          // The Saved view has its own search box, over article bodies too.
          <span class="lib-search-space" />
        )}
        <SyncMenu
          events={events}
          onMessage={(m) => {
            setMessage(m);
            setVersion((v) => v + 1);
          }}
        />
        <LibraryMenu
          chosenUrl={selectedUrl}
          shownUrls={rows.map((r) => r.page.url)}
          filtering={filtering}
          events={events}
          settings={settings}
          onSettings={setSettings}
          onMessage={(m) => {
            setMessage(m);
            setVersion((v) => v + 1);
          }}
        />
      </header>
      {view === 'saved' && <SavedView events={events} />}
      {view === 'highlights' && highlightsBody()}
    </div>
  );

  /** The highlights view: filters, the page list and the chosen page's highlights. */
  function highlightsBody() {
    return (
      <>
        <div class="filters" role="group" aria-label={t('filters')}>
          <div class="chips" role="group" aria-label={t('colors')}>
            {HIGHLIGHT_COLORS.map((color) => (
              <button
                type="button"
                class="filter-chip"
                data-color={color}
                aria-pressed={colors.includes(color)}
                onClick={() => {
                  markSearch();
                  setColors(colors.includes(color) ? colors.filter((c) => c !== color) : [...colors, color]);
                }}
              >
                <span class="dot" data-color={color} aria-hidden="true" />
                {colorName(color)}
              </button>
            ))}
          </div>
          <select
            name="site"
            aria-label={t('site')}
            value={site}
            onChange={(e) => {
              markSearch();
              setSite(e.currentTarget.value);
            }}
          >
            <option value="">{t('allSites')}</option>
            {sites.map((s) => (
              <option value={s}>{s}</option>
            ))}
          </select>
          {tagsInUse.length > 0 && (
            <select
              name="tag-filter"
              aria-label={t('tag')}
              value={tag}
              onChange={(e) => {
                markSearch();
                setRenaming(false);
                setTag(e.currentTarget.value);
              }}
            >
              <option value="">{t('allTags')}</option>
              {tagsInUse.map((t) => (
                <option value={t}>#{t}</option>
              ))}
            </select>
          )}
          {tag && !renaming && (
            <button
              type="button"
              class="link"
              data-action="rename-tag"
              onClick={() => {
                setRenameTo(tag);
                setRenaming(true);
              }}
            >
              {t('renameTag')}
            </button>
          )}
          {tag && renaming && (
            <input
              type="text"
              name="rename-tag"
              class="tag-input"
              dir="auto"
              aria-label={t('renameTagLabel', { tag })}
              defaultValue={tag}
              ref={(el) => el?.focus()}
              aria-describedby="rename-merge"
              onInput={(e) => setRenameTo(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') void renameTag(e.currentTarget.value);
                if (e.key === 'Escape') setRenaming(false);
              }}
              onBlur={() => setRenaming(false)}
            />
          )}
          {tag && renaming && (
            <span id="rename-merge" class="hint" role="status" data-role="rename-merge">
              {renameTo.trim() !== tag && tagsInUse.includes(renameTo.trim())
                ? t('tagMergeHint', { to: renameTo.trim(), from: tag })
                : ''}
            </span>
          )}
          <select
            name="period"
            aria-label={t('date')}
            value={period}
            onChange={(e) => {
              markSearch();
              setPeriod(e.currentTarget.value as Period);
            }}
          >
            {Object.entries(PERIODS).map(([value, label]) => (
              <option value={value}>{t(label)}</option>
            ))}
          </select>
          {filtering && (
            <button
              type="button"
              class="link"
              onClick={() => {
                markSearch();
                setQuery('');
                setColors([]);
                setSite('');
                setTag('');
                setPeriod('any');
              }}
            >
              {t('clearFilters')}
            </button>
          )}
          <StorageUsed version={version} />
        </div>
        {message && (
          <p class={`notice ${message.tone}`} role={message.tone === 'problem' ? 'alert' : 'status'}>
            {message.text}
          </p>
        )}
        {settings && total !== null && (
          <BackupBanner
            settings={settings}
            count={total}
            now={now}
            onDone={(m) => {
              setMessage(m);
              setVersion((v) => v + 1);
            }}
          />
        )}
        {error && <EmptyState title={t('libraryUnreadableTitle')} text={error} />}
        {!pages && !error && (
          <p class="status" aria-busy="true">
            {t('loadingLibrary')}
          </p>
        )}
        {pages && total === 0 && <EmptyState title={t('libraryEmpty')} text={t('libraryEmptyHowTo')} />}
        {pages && total !== 0 && (
          <div class="lib-body">
            <nav class="pages" aria-label={t('pages')}>
              <p class="pages-count">
                {total === null ? (
                  // Counted once the whole list is read, a moment later; the line keeps its place meanwhile.
                  '\u00a0'
                ) : (
                  <>
                    {tn('pageCount', rows.length)}
                    {' · '}
                    {filtering
                      ? matching
                        ? tn('matchingHighlights', matching.length)
                        : t('searching')
                      : tn('highlightCount', total)}
                  </>
                )}
              </p>
              {rows.length === 0 ? (
                filtering && !matching ? (
                  <p class="status" aria-busy="true">
                    {t('searching')}
                  </p>
                ) : (
                  <EmptyState title={t('noMatches')} text={t('noMatchesFilters')} />
                )
              ) : (
                <VirtualList
                  items={rows}
                  rowHeight={ROW_HEIGHT}
                  keyOf={(r) => r.page.url}
                  selected={selectedUrl}
                  onSelect={(r) => setChosen(r.page.url)}
                  label={t('pages')}
                  renderRow={(r) => (
                    <div class="page-row">
                      <span class="page-title" dir="auto">
                        {r.page.title || r.page.url}
                      </span>
                      <span class="page-meta">
                        <span>{r.site}</span>
                        <span>
                          {tn('highlightCount', r.count)} · {relativeTime(r.last)}
                        </span>
                      </span>
                    </div>
                  )}
                />
              )}
            </nav>
            <section class="detail" aria-label={t('chosenPageHighlights')}>
              {selected && (
                <>
                  <header class="detail-header">
                    <h2 dir="auto">
                      <a href={pageOpenUrl(selected.page)} target="_blank" rel="noopener noreferrer">
                        {selected.page.title || selected.page.url}
                      </a>
                    </h2>
                    <p class="meta-line">
                      {[selected.site, selected.page.author, formatDay(selected.page.publishedAt)]
                        .filter(Boolean)
                        .join(' · ')}
                      {savedUrls.has(selected.page.url) && (
                        <>
                          {' · '}
                          <a
                            class="link"
                            data-action="show-in-copy"
                            href={savedCopyUrl(selected.page.url)}
                            title={t('showInCopyTitle')}
                          >
                            {t('showInCopy')}
                          </a>
                        </>
                      )}
                    </p>
                  </header>
                  <HighlightList
                    highlights={shownHighlights}
                    hrefFor={(h) => pageOpenUrl(selected.page, h.target.quote.exact)}
                    onChanged={(e) => setMessage((shown) => afterEdit(shown, e))}
                  />
                </>
              )}
            </section>
          </div>
        )}
      </>
    );
  }
}

/** A listed page's row, from the counts its record keeps. */
const rowsOf = new WeakMap<PageRecord, PageRow>();
/** A page's row in the list, made once per record (a change replaces only its page's record). */
function listedRow(page: PageRecord): PageRow {
  let row = rowsOf.get(page);
  if (!row)
    rowsOf.set(
      page,
      (row = {
        page,
        site: siteOf(page),
        count: page.highlightCount ?? 0,
        last: page.lastHighlightAt ?? page.updatedAt,
      }),
    );
  return row;
}

/** Pages with (matching) highlights, newest first, with counts and the last highlight's time. */
function pageRows(data: Data, matching: SearchEntry[] | null): PageRow[] {
  const counts = new Map<string, { count: number; last: number }>();
  const add = (h: HighlightRecord) => {
    const c = counts.get(h.url);
    if (c) {
      c.count++;
      if (h.createdAt > c.last) c.last = h.createdAt;
    } else counts.set(h.url, { count: 1, last: h.createdAt });
  };
  if (matching) for (const e of matching) add(e.highlight);
  else for (const h of data.highlights) add(h);
  const rows: PageRow[] = [];
  const known = new Set<string>();
  for (const page of data.pages) {
    known.add(page.url);
    const c = counts.get(page.url);
    if (c) rows.push({ page, site: siteOf(page), ...c });
  }
  // Highlights whose page record is missing still show, under their address.
  for (const [url, c] of counts) {
    if (!known.has(url)) {
      const page = { url, title: '', siteName: '', createdAt: c.last, updatedAt: c.last };
      rows.push({ page, site: siteOf(page), ...c });
    }
  }
  return rows.sort((a, b) => b.page.updatedAt - a.page.updatedAt || b.last - a.last);
}

function formatDay(iso: string | undefined): string {
  if (!iso) return '';
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : formatDayIn(at);
}

/** How much the browser's storage for Clearmark holds. */
function StorageUsed({ version }: { version: number }) {
  const [used, setUsed] = useState<number | null>(null);
  useEffect(() => {
    // Unit tests' documents have no storage manager.
    void (navigator.storage as StorageManager | undefined)?.estimate().then(
      (e) => setUsed(e.usage ?? null),
      () => setUsed(null),
    );
  }, [version]);
  if (used === null) return null;
  return <span class="storage">{t('storageUsed', { size: formatBytes(used) })}</span>;
}
