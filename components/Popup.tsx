/**
 * The toolbar popup: the current page, its highlights in document order, and what to do when
 * there are none. It follows changes made elsewhere while it is open.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { HighlightRecord, PageInfo } from '@/utils/model';
import { askBackground, askTab } from './extension-client';
import { HighlightList } from './HighlightList';

type State =
  | { kind: 'loading' }
  | { kind: 'unavailable'; reason: string }
  | { kind: 'ready'; page: PageInfo; highlights: HighlightRecord[]; article: { isArticle: boolean; readerOpen: boolean } }
  | { kind: 'error'; message: string };

export function Popup({ tabId, subscribe }: { tabId: number | null; subscribe: (onChange: (url: string) => void) => () => void }) {
  const [state, setState] = useState<State>({ kind: 'loading' });

  const load = useCallback(async () => {
    if (tabId === null) return setState({ kind: 'unavailable', reason: 'There is no page open in this window.' });
    const info = await askTab(tabId, { type: 'page:info' });
    if (!info.ok) {
      return setState({ kind: 'unavailable', reason: 'Clearmark works on web pages. This page is one the browser keeps to itself.' });
    }
    const [answer, article] = await Promise.all([
      askBackground({ type: 'page:highlights', url: info.value.url }),
      askTab(tabId, { type: 'article:get' }),
    ]);
    if (!answer.ok) return setState({ kind: 'error', message: answer.error });
    setState({
      kind: 'ready',
      page: info.value,
      highlights: answer.value.highlights,
      article: article.ok ? { isArticle: article.value.isArticle, readerOpen: article.value.readerOpen } : { isArticle: false, readerOpen: false },
    });
  }, [tabId]);

  useEffect(() => void load(), [load]);
  useEffect(
    () => subscribe((url) => { if (state.kind === 'ready' && url === state.page.url) void load(); }),
    [subscribe, load, state],
  );

  return (
    <main class="popup">
      {state.kind === 'loading' && <p class="status" aria-busy="true">Loading…</p>}
      {state.kind === 'unavailable' && <Empty title="Nothing to show here" text={state.reason} />}
      {state.kind === 'error' && <Empty title="Something went wrong" text={state.message} />}
      {state.kind === 'ready' && (
        <>
          <header class="page">
            <h1 class="title">{state.page.title || state.page.url}</h1>
            <p class="meta">
              <span class="site">{state.page.siteName}</span>
              <span class="count" aria-label={`${state.highlights.length} highlights`}>
                {state.highlights.length} {state.highlights.length === 1 ? 'highlight' : 'highlights'}
              </span>
            </p>
          </header>
          {state.highlights.length === 0 ? (
            <Empty
              title="No highlights yet"
              text={
                state.article.isArticle
                  ? 'Select text on the page, then click Highlight or press Alt+Shift+H.'
                  : 'This page doesn’t look like an article, but you can still highlight any text on it.'
              }
            />
          ) : (
            <HighlightList
              highlights={state.highlights}
              onOpen={(h) => tabId !== null && void askTab(tabId, { type: 'highlight:reveal', id: h.id })}
            />
          )}
        </>
      )}
      <footer class="popup-footer">
        {state.kind === 'ready' && (
          <div class="actions">
            <button
              type="button"
              class="action primary"
              data-action="reader"
              disabled={!state.article.isArticle}
              title={state.article.isArticle ? 'Alt+Shift+R' : 'Clearmark found no article on this page'}
              onClick={() => {
                if (tabId === null) return;
                void askTab(tabId, { type: 'reader:toggle' }).then(() => window.close());
              }}
            >
              {state.article.readerOpen ? 'Close reader view' : 'Reader view'}
            </button>
          </div>
        )}
        <BannerSwitch />
      </footer>
    </main>
  );
}

/** The page-cleaning preference: consent banners hidden (the default) or kept. */
function BannerSwitch() {
  const [on, setOn] = useState<boolean | null>(null);
  useEffect(() => {
    void askBackground({ type: 'settings:get' }).then((r) => r.ok && setOn(r.value.stripConsentBanners));
  }, []);
  if (on === null) return null;
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
      <span>Hide cookie banners</span>
      <small>{on ? 'Takes effect as pages load' : 'Banners stay on new pages'}</small>
    </label>
  );
}

function Empty({ title, text }: { title: string; text: string }) {
  return (
    <section class="empty">
      <h2>{title}</h2>
      <p>{text}</p>
    </section>
  );
}
