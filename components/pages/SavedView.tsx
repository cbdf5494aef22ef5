/**
 * The library's Saved view: every article kept to read later, with what a reading list shows
 * (title, site, byline, reading time, when saved, how far read, how many highlights), filters by
 * state and site, sorting by saved or published date, and the actions a list needs (open the
 * copy, archive, delete the copy — never its highlights). It reads the list from storage directly
 * (as the library reads its pages) and changes it through the background.
 */
import { t, tn, type WordKey } from '@/utils/i18n/words';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { askBackground, savedCopyUrl } from '@/utils/pages/extension-client';
import { readLibrary } from '@/utils/pages/library-data';
import { FIRST_SAVED_ROWS, takeNewestSaved } from '@/utils/pages/first-screen';
import { useFullTextSearch } from '@/utils/pages/use-full-text-search';
import { useAccessSetting } from '@/utils/pages/use-access-setting';
import type { PageEvents } from '@/utils/pages/page-events';
import { relativeTime } from '@/utils/pages/relative-time';
import type { ReadingState, SavedListItem } from '@/utils/shared/model';
import { EmptyState } from './EmptyState';
import { SavedStorage } from './SavedStorage';
import { ObsidianSettings } from './ObsidianSettings';
import { sendToObsidian } from '@/utils/pages/send-to-obsidian';
import type { SearchAnswer } from '@/utils/shared/protocol';
import { textFragmentUrl } from '@/utils/engines/text-fragment';

const SHOWN = {
  reading: 'shownReading',
  unread: 'unread',
  read: 'read',
  archived: 'archived',
  all: 'shownAll',
} as const satisfies Record<string, WordKey>;
type Shown = keyof typeof SHOWN;
const SORTS = { saved: 'sortSaved', published: 'sortPublished' } as const satisfies Record<string, WordKey>;
/** Rows drawn at first, and added each time the reader asks for more: a long list opens at once. */
const PAGE_ROWS = 50;
type Sort = keyof typeof SORTS;

export function SavedView({ events }: { events: PageEvents }) {
  // The newest articles, read before the page was drawn (first-screen.ts), then all of them.
  const [items, setItems] = useState<SavedListItem[] | null>(takeNewestSaved);
  const [error, setError] = useState('');
  const [shown, setShown] = useState<Shown>('reading');
  const [site, setSite] = useState('');
  const [sort, setSort] = useState<Sort>('saved');
  const [version, setVersion] = useState(0);
  const [query, setQuery] = useState('');
  const [shownRows, setShownRows] = useState(PAGE_ROWS);
  const searched = useFullTextSearch(query, version);
  const found = query.trim() ? searched.found : null;
  // Whether `items` holds every saved article yet, or only the newest (the first screen).
  const [whole, setWhole] = useState(() => items !== null && items.length < FIRST_SAVED_ROWS);
  useEffect(() => {
    // Read straight from storage, as the library's page list is (same origin, read only): no wait
    // for the background. The newest first, shown at once; then all of them, for filters and sorts.
    let current = true;
    const failed = (e: unknown) => current && setError(t('savedUnreadable', { error: String(e) }));
    void readLibrary()
      .then(async (library) => {
        if (version === 0 && whole) return;
        if (version === 0 && !items) {
          const newest = await library.newestSaved(FIRST_SAVED_ROWS);
          if (!current) return;
          setItems(newest);
          if (newest.length < FIRST_SAVED_ROWS) {
            setWhole(true);
            return;
          }
        }
        const list = await library.savedList();
        if (!current) return;
        setItems(list);
        setWhole(true);
        setError('');
      })
      .catch(failed);
    return () => void (current = false);
  }, [version]);
  // Saved elsewhere (a page, another tab) while this view was away: read again when it is looked at.
  // A burst of changes (a sync pass, an import, highlights made quickly) is read once, after it.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const again = () => (clearTimeout(timer), (timer = setTimeout(() => setVersion((v) => v + 1), 100)));
    const off = events.subscribe(again);
    window.addEventListener('focus', again);
    return () => {
      clearTimeout(timer);
      off();
      window.removeEventListener('focus', again);
    };
  }, [events]);
  const sites = useMemo(() => [...new Set((items ?? []).map((i) => i.site).filter(Boolean))].sort(), [items]);
  // The tag filter: articles with a highlight carrying the tag, or tagged so by their reading list.
  const [tag, setTag] = useState('');
  // The highlights' tags are read once a version; the reading lists' tags come with the articles.
  const [highlightTags, setHighlightTags] = useState<string[]>([]);
  const [tagged, setTagged] = useState<ReadonlySet<string> | null>(null);
  useEffect(() => {
    void readLibrary()
      .then((library) => library.tags())
      .then(
        (list) => setHighlightTags(list.map((t) => t.tag)),
        () => undefined,
      );
  }, [version]);
  const tags = useMemo(() => {
    const seen = new Set(highlightTags.map((t) => t.toLowerCase()));
    const fromLists = [...new Set((items ?? []).flatMap((i) => i.tags ?? []))]
      .filter((t) => !seen.has(t.toLowerCase()))
      .sort((a, b) => a.localeCompare(b));
    return [...highlightTags, ...fromLists];
  }, [highlightTags, items]);
  useEffect(() => {
    if (!tag) {
      setTagged(null);
      return;
    }
    let current = true;
    void readLibrary()
      .then((library) => library.urlsTagged(tag))
      .then(
        (urls) => current && setTagged(urls),
        () => undefined,
      );
    return () => void (current = false);
  }, [tag, version]);
  useEffect(() => {
    if (items) performance.mark('clearmark:saved-rendered');
  }, [items]);
  const rows = useMemo(() => {
    const chosen = (items ?? []).filter(
      (i) =>
        (shown === 'all' ? true : shown === 'reading' ? i.state !== 'archived' : i.state === shown) &&
        (!site || i.site === site) &&
        (!tag || (tagged?.has(i.url) ?? false) || (i.tags ?? []).some((t) => t.toLowerCase() === tag.toLowerCase())),
    );
    return sort === 'saved' ? chosen : [...chosen].sort((a, b) => (b.published || '').localeCompare(a.published || ''));
  }, [items, shown, site, sort, tag, tagged]);

  const update = async (item: SavedListItem, state: ReadingState) => {
    const answer = await askBackground({ type: 'saved:update', url: item.url, state });
    if (answer.ok) setItems((list) => list && list.map((i) => (i.url === item.url ? answer.value : i)));
  };
  // What the last "Send to Obsidian" did.
  const [sent, setSent] = useState('');
  const remove = async (item: SavedListItem) => {
    const answer = await askBackground({ type: 'saved:delete', url: item.url });
    if (answer.ok) setItems((list) => list && list.filter((i) => i.url !== item.url));
  };

  if (error || searched.error) return <EmptyState title={t('savedUnreadableTitle')} text={error || searched.error} />;
  if (!items)
    return (
      <p class="status" aria-busy="true">
        {t('loadingSaved')}
      </p>
    );
  if (items.length === 0) {
    return (
      <section class="saved" aria-label={t('savedArticles')}>
        <EmptyState title={t('nothingSaved')} text={t('nothingSavedHowTo')} />
        <AutoSave />
        <SavedStorage onChanged={() => setVersion((v) => v + 1)} />
        <ObsidianSettings />
      </section>
    );
  }
  return (
    <section class="saved" aria-label={t('savedArticles')}>
      <div class="filters" role="group" aria-label={t('filters')}>
        <input
          type="search"
          name="saved-search"
          class="saved-search"
          placeholder={t('savedSearchPlaceholder')}
          aria-label={t('savedSearch')}
          autocomplete="off"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        <select
          aria-label={t('whichArticles')}
          data-filter="state"
          value={shown}
          onChange={(e) => setShown(e.currentTarget.value as Shown)}
        >
          {Object.entries(SHOWN).map(([value, label]) => (
            <option value={value}>{t(label)}</option>
          ))}
        </select>
        <select aria-label={t('site')} data-filter="site" value={site} onChange={(e) => setSite(e.currentTarget.value)}>
          <option value="">{t('allSites')}</option>
          {sites.map((s) => (
            <option value={s}>{s}</option>
          ))}
        </select>
        {tags.length > 0 && (
          <select aria-label={t('tag')} data-filter="tag" value={tag} onChange={(e) => setTag(e.currentTarget.value)}>
            <option value="">{t('allTags')}</option>
            {tags.map((name) => (
              <option value={name}>#{name}</option>
            ))}
          </select>
        )}
        <select
          aria-label={t('sort')}
          data-filter="sort"
          value={sort}
          onChange={(e) => setSort(e.currentTarget.value as Sort)}
        >
          {Object.entries(SORTS).map(([value, label]) => (
            <option value={value}>{t(label)}</option>
          ))}
        </select>
        <span class="saved-count">{tn('articleCount', rows.length)}</span>
        <AutoSave />
        {items.some((i) => i.pending) && <FetchInBackground />}
      </div>
      {found ? (
        <SearchResults found={found} query={query} />
      ) : rows.length === 0 ? (
        <EmptyState title={t('noArticlesHere')} text={t('noArticlesMatch')} />
      ) : (
        <ol class="saved-list" aria-busy={!whole}>
          {rows.slice(0, shownRows).map((item) => (
            <li
              class="saved-item"
              data-url={item.url}
              data-state={item.state}
              data-pending={item.pending ? '' : undefined}
            >
              <a class="saved-title" dir="auto" href={savedCopyUrl(item.url)}>
                {item.title || item.url}
              </a>
              <p class="saved-meta">
                {[
                  item.site,
                  item.byline,
                  item.pending ? t('notFetchedYet') : t('minutesRead', { count: item.readingMinutes }),
                  t('savedWhen', { when: relativeTime(item.savedAt) }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
                {item.highlights > 0 && ` · ${tn('highlightCount', item.highlights)}`}
              </p>
              <div class="saved-foot">
                <span
                  class="progress-track"
                  role="progressbar"
                  aria-label={t('read')}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={Math.round(item.progress * 100)}
                >
                  <span class="progress-fill" style={{ width: `${Math.round(item.progress * 100)}%` }} />
                </span>
                <span class="saved-state">
                  {item.state === 'read'
                    ? t('read')
                    : item.state === 'archived'
                      ? t('archived')
                      : item.progress > 0
                        ? t('percentRead', { percent: Math.round(item.progress * 100) })
                        : t('unread')}
                </span>
                <span class="saved-actions">
                  {item.state === 'archived' ? (
                    <button
                      type="button"
                      class="link"
                      data-action="unarchive"
                      onClick={() => void update(item, 'unread')}
                    >
                      {t('moveBack')}
                    </button>
                  ) : (
                    <button
                      type="button"
                      class="link"
                      data-action="archive"
                      onClick={() => void update(item, 'archived')}
                    >
                      {t('archive')}
                    </button>
                  )}
                  {!item.pending && (
                    <button
                      type="button"
                      class="link"
                      data-action="send-to-obsidian"
                      title={t('sendToObsidianTitle')}
                      onClick={() => void sendToObsidian(item.url).then((r) => setSent(r.message))}
                    >
                      {t('sendToObsidian')}
                    </button>
                  )}
                  <button
                    type="button"
                    class="link"
                    data-action="delete-copy"
                    title={t('deleteCopyTitle')}
                    onClick={() => void remove(item)}
                  >
                    {t('deleteCopy')}
                  </button>
                </span>
              </div>
            </li>
          ))}
          {rows.length > shownRows && (
            <li class="saved-more">
              <button
                type="button"
                class="action"
                data-action="more-saved"
                onClick={() => setShownRows(shownRows + PAGE_ROWS * 4)}
              >
                {t('showMore', {
                  count: Math.min(PAGE_ROWS * 4, rows.length - shownRows),
                  total: rows.length - shownRows,
                })}
              </button>
            </li>
          )}
        </ol>
      )}
      <SavedStorage onChanged={() => setVersion((v) => v + 1)} />
      <ObsidianSettings />
      <p class="status-line" role="status" aria-live="polite">
        {sent}
      </p>
    </section>
  );
}

/** The setting that saves an article with the first highlight made on it (on by default). */
function AutoSave() {
  const [on, setOn] = useState<boolean | null>(null);
  useEffect(() => {
    // Unless a click already chose: its own answer is newer.
    void askBackground({ type: 'settings:get' }).then(
      (r) => r.ok && setOn((chosen) => chosen ?? r.value.saveWithFirstHighlight),
    );
  }, []);
  // Drawn at once (shown as the default, on, until the setting is read), so nothing below it moves.
  return (
    <label class="check auto-save">
      <input
        type="checkbox"
        name="save-with-first-highlight"
        checked={on !== false}
        onChange={(e) => {
          const saveWithFirstHighlight = e.currentTarget.checked;
          void askBackground({ type: 'settings:set', settings: { saveWithFirstHighlight } }).then(
            (r) => r.ok && setOn(r.value.saveWithFirstHighlight),
          );
        }}
      />
      {t('autoSave')}
    </label>
  );
}

/**
 * The setting that fetches reading lists' copies in the background (off by default): turning it on
 * asks the browser for access to sites, which fetching needs.
 */
function FetchInBackground() {
  const { on, refused, choose, known } = useAccessSetting('fetchReadingList', null);
  useEffect(() => {
    void askBackground({ type: 'settings:get' }).then((r) => r.ok && known(r.value.fetchReadingList));
  }, []);
  const note = refused ? t('fetchNeedsAccessRefused') : '';
  // Drawn at once, with the list (shown off until the setting is read): appearing later, it would
  // push the list down under the pointer of someone about to click a title.
  return (
    <>
      <label class="check fetch-reading-list">
        <input
          type="checkbox"
          name="fetch-reading-list"
          checked={on === true}
          onChange={(e) => void choose(e.currentTarget.checked)}
        />
        {t('fetchInBackground')}
      </label>
      {note && (
        <p class="status-line" role="status">
          {note}
        </p>
      )}
    </>
  );
}

/** Search results, articles first (each with the words around the match, marked), then highlights. */
function SearchResults({ found, query }: { found: SearchAnswer; query: string }) {
  if (!found.articles.length && !found.highlights.length)
    return <EmptyState title={t('noMatches')} text={t('noMatchesSaved', { query: query.trim() })} />;
  return (
    <div class="saved-list search-results" aria-label={t('searchResults')}>
      {found.articles.length > 0 && (
        <section aria-labelledby="found-articles">
          <h2 id="found-articles" class="found-heading">
            {t('articlesFound', { count: found.articles.length })}
          </h2>
          <ol class="found-list">
            {found.articles.map((a) => (
              <li class="saved-item found-article" data-url={a.url}>
                <a class="saved-title" dir="auto" href={savedCopyUrl(a.url)}>
                  {a.title || a.url}
                </a>
                <p class="saved-meta">{a.site}</p>
                <p class="found-snippet" dir="auto">
                  <Marked text={a.snippet} query={query} />
                </p>
              </li>
            ))}
          </ol>
        </section>
      )}
      {found.highlights.length > 0 && (
        <section aria-labelledby="found-highlights">
          <h2 id="found-highlights" class="found-heading">
            {t('highlightsFound', { count: found.highlights.length })}
          </h2>
          <ol class="found-list">
            {found.highlights.map((h) => (
              <li class="saved-item found-highlight" data-id={h.id}>
                <a
                  class="found-quote"
                  dir="auto"
                  href={textFragmentUrl(h.url, h.text)}
                  target="_blank"
                  rel="noopener noreferrer"
                  data-color={h.color}
                >
                  <Marked text={h.text} query={query} />
                </a>
                {h.note && (
                  <p class="saved-meta">
                    <Marked text={h.note} query={query} />
                  </p>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}

/** A text with the query's words (and the words they begin) marked. */
function Marked({ text, query }: { text: string; query: string }) {
  const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (!words.length) return <>{text}</>;
  const pattern = new RegExp(`(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'giu');
  return <>{text.split(pattern).map((part, i) => (i % 2 === 1 ? <mark>{part}</mark> : part))}</>;
}
