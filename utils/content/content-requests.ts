/**
 * What a content script answers, one handler per request type (checked by the compiler
 * against the protocol's declared answers). The always-loaded part answers what it knows; the
 * rest is asked of the highlighting session or the reader, which load on first need — and a
 * probe about UI that never loaded answers that nothing is shown, without loading it.
 */
import { DEFAULT_SETTINGS, type PageInfo, type Settings } from '../shared/model';
import type { ContentApi, Handlers, ReaderState } from '../shared/protocol';
import { ok } from '../shared/result';
import type { HighlightsSession } from './highlights-session';
import type { ReaderModule } from './reader-controller';

export interface ContentRuntime {
  doc: Document;
  pageInfo(): PageInfo;
  settings(): Settings | null;
  /** The highlighting session, started (and its file loaded) if it was not yet. */
  session(): Promise<HighlightsSession>;
  /** The session if it has started, else null. */
  startedSession(): HighlightsSession | null;
  reader(): Promise<ReaderModule>;
}

const closedReader = (settings: Settings | null): ReaderState => ({
  open: false,
  text: '',
  settings: settings?.reader ?? DEFAULT_SETTINGS.reader,
  controls: {},
  paragraphs: [],
  selectedText: '',
  links: [],
  images: [],
  unsafeAttributes: [],
});

export const contentHandlers: Handlers<ContentApi, ContentRuntime> = {
  'page:info': (_request, runtime) => ok(runtime.pageInfo()),
  'article:get': async (_request, runtime) => {
    const reader = await runtime.reader();
    return ok({ ...reader.summarize(runtime.doc, runtime.pageInfo().siteName), readerOpen: runtime.startedSession()?.readerOpen ?? false });
  },
  'selection:highlight': async ({ color }, runtime) => (await (await runtime.session()).highlightSelection(color)) ?? ok(null),
  'highlight:reveal': async ({ id }, runtime) => (await runtime.session()).reveal(id),
  'reader:toggle': async ({ open }, runtime) => {
    const session = await runtime.session();
    if (open === undefined) return session.toggleReader();
    if (open) return session.openReader();
    session.closeReader();
    return ok(false);
  },
  'highlights:anchored': (_request, runtime) => ok(runtime.startedSession()?.anchorState() ?? { painted: [], orphaned: [] }),
  'ui:get': (_request, runtime) => ok(runtime.startedSession()?.uiControls() ?? { toolbar: {}, card: {}, notice: '' }),
  'reader:get': (_request, runtime) => ok(runtime.startedSession()?.readerState() ?? closedReader(runtime.settings())),
};
