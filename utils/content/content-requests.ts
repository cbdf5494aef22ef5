/**
 * What a content script answers, one handler per request type (checked by the compiler
 * against the protocol's declared answers). The always-loaded part answers what it knows; the
 * rest is asked of the highlighting session or the reader, which load on first need; the probes
 * (test-probes.ts) answer from what has loaded.
 */
import { t } from '@/utils/i18n/words';
import type { PageInfo, Settings } from '../shared/model';
import type { ContentApi, Handlers } from '../shared/protocol';
import { fail, ok } from '../shared/result';
import type { HighlightsSession } from './highlights-session';
import type { ReaderModule } from './reader-controller';
import { anchoredProbe, closedReaderProbe, uiProbe } from './test-probes';

export interface ContentRuntime {
  doc: Document;
  /** Whether this script runs in a frame: the page's own requests (reader, save) are sent to the top document alone. */
  inFrame: boolean;
  pageInfo(): PageInfo;
  /** The article element (detection alone), or null when the page is not an article. */
  articleRoot(): Element | null;
  settings(): Settings | null;
  /** The highlighting session, started (and its file loaded) if it was not yet. */
  session(): Promise<HighlightsSession>;
  /** The session if it has started, else null. */
  startedSession(): HighlightsSession | null;
  reader(): Promise<ReaderModule>;
}

const noProbes = () => fail('rejected', t('noTestProbes'));
/** What the page's document is, and a highlight shown: asked of the tab's top document, or of one frame by its id. */
const pageInfo = (_request: unknown, runtime: ContentRuntime) => ok(runtime.pageInfo());
const reveal = async ({ id }: { id: string }, runtime: ContentRuntime) => (await runtime.session()).reveal(id);

export const contentHandlers: Handlers<ContentApi, ContentRuntime> = {
  'page:info': pageInfo,
  // Asked of one frame by its id (the popup lists a frame's highlights under the frame's own address).
  'frame:info': pageInfo,
  'frame:reveal': reveal,
  'article:get': async (_request, runtime) => {
    const reader = await runtime.reader();
    return ok({
      ...reader.summarize(runtime.doc, runtime.pageInfo().siteName),
      readerOpen: runtime.startedSession()?.readerOpen ?? false,
    });
  },
  'article:save': async (_request, runtime) => (await runtime.session()).saveArticle(),
  'article:state': (_request, runtime) =>
    ok({ isArticle: runtime.articleRoot() !== null, readerOpen: runtime.startedSession()?.readerOpen ?? false }),
  // A browser command reaches every frame of the tab: a frame answers only when it has the focus.
  'selection:highlight': async ({ color }, runtime) =>
    runtime.inFrame && !runtime.doc.hasFocus()
      ? ok(null)
      : ((await (await runtime.session()).highlightSelection(color)) ?? ok(null)),
  'highlight:reveal': reveal,
  'reader:toggle': async ({ open }, runtime) => {
    const session = await runtime.session();
    if (open === undefined) return session.toggleReader();
    if (open) return session.openReader();
    session.closeReader();
    return ok(false);
  },
  'highlights:anchored': (_request, runtime) => ok(anchoredProbe(runtime.startedSession())),
  // Probes answer only in the test build; in what users install their code is not there.
  'ui:get': (_request, runtime) => (__TEST_BUILD__ ? ok(uiProbe(runtime.startedSession())) : noProbes()),
  'reader:get': async (_request, runtime) => {
    if (!__TEST_BUILD__) return noProbes();
    const shown = runtime.startedSession()?.shownReader() ?? null;
    // An open view's code is loaded, and its probe with it; before a view is shown, nothing is.
    if (!shown) return ok(closedReaderProbe(runtime.settings()));
    const { probe } = await runtime.reader();
    return probe ? ok(probe(shown)) : noProbes();
  },
};
