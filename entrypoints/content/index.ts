/**
 * Content script wiring. It runs on every page from document_start, so it holds only what every
 * page needs: the consent stylesheet (applied by the browser before paint, no JS), a look for
 * unknown banners in idle time, one lookup of the page's highlights, and passive listeners for
 * a selection, Clearmark's keys and messages. Highlighting and the reader view load the first
 * time they are needed (utils/content/lazy-modules.ts): when the page has highlights, when the
 * user starts selecting, or when asked. Performance measures `clearmark:init` (at
 * document_start) and `clearmark:setup` (once the DOM is ready) time the start-up's own work;
 * `npm run bench:startup` reports them.
 */
import { BACKGROUND_UNREACHABLE } from '@/utils/i18n/words';
import './consent.css';
import '@/assets/highlights.css';
import { browser, type Browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { contentHandlers, type ContentRuntime } from '@/utils/content/content-requests';
import type { HighlightsSession } from '@/utils/content/highlights-session';
import { installPrivateInputGuard } from '@/components/in-page/private-input-guard';
import { installKeyboardShortcuts } from '@/utils/content/keyboard-shortcuts';
import { loadModule } from '@/utils/content/lazy-modules';
import { watchNavigation } from '@/utils/content/navigation-watch';
import { PageContext } from '@/utils/content/page-context';
import { lightSelectedRange, selectedRange, selectsInShadowRoot } from '@/utils/content/selection';
import { setBannersShown } from '@/utils/engines/consent/consent-stripper';
import { watchConsentBanners } from '@/utils/engines/consent/consent-watch';
import { canPaint } from '@/utils/engines/highlight-painter';
import { normalizeUrl } from '@/utils/engines/page-url';
import type { HighlightRecord, Settings } from '@/utils/shared/model';
import { newId } from '@/utils/shared/new-id';
import {
  classifySender,
  createAsk,
  dispatch,
  isChangeNotice,
  parseContentMessage,
  type BackgroundApi,
  type HighlightsChanged,
} from '@/utils/shared/protocol';
import { bodyOf } from '@/utils/shared/document-parts';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  // Frames too: text in an embedded article or newsletter is highlighted under the frame's own
  // address. Frames without an address of their own (about:blank, srcdoc) are left alone: there
  // is no address to keep their highlights under.
  allFrames: true,
  cssInjectionMode: 'manifest',
  main(ctx) {
    if (!/^https?:$/.test(location.protocol)) return;
    performance.mark('clearmark:start');
    // First, before any page script: what is typed into Clearmark's fields never reaches the page.
    installPrivateInputGuard(window, document);
    const ask = createAsk<BackgroundApi>((message) => browser.runtime.sendMessage(message), BACKGROUND_UNREACHABLE);
    // In a frame (an embedded article, a newsletter; an advert, a player), nothing is asked until
    // the frame is known to hold text: most frames never do, and cost nothing more.
    const inFrame = window !== window.top;
    const settingsAnswer = inFrame ? null : ask({ type: 'settings:get' });
    const origin = newId();
    // Look the page up while it loads, under its own address (usually its canonical one too): a page
    // with highlights has its highlighting file loaded by the time the DOM is ready.
    const earlyUrl = inFrame ? '' : normalizeUrl(location.href);
    const early = earlyUrl ? ask({ type: 'page:highlights', url: earlyUrl }) : null;
    void early?.then((answer) => {
      if (answer.ok && answer.value.highlights.length > 0) loadModule('highlights').catch(() => undefined);
    });

    void domReady().then(async () => {
      if (!ctx.isValid || (inFrame && !(await frameHasText(document)))) return;
      const context = new PageContext(document);
      if (!context.usable || !canPaint()) return;
      const answer = await (settingsAnswer ?? ask({ type: 'settings:get' }));
      const settings: Settings | null = answer.ok ? answer.value : null;
      performance.mark('clearmark:setup-start');
      // Banners and the reader view are the top page's; a frame offers highlighting.
      if (settings?.stripConsentBanners === false) setBannersShown(document, true);
      else if (!inFrame) watchConsentBanners(document, () => context.articleRoot(), ctx.signal);

      // Highlighting starts once, on first need, with everything known so far handed down.
      let session: Promise<HighlightsSession> | null = null;
      let started: HighlightsSession | null = null;
      let mouseUpWhileLoading = false;
      const startSession = (highlights?: HighlightRecord[]) =>
        (session ??= loadModule('highlights').then((module) => {
          started = module.start({
            doc: document,
            ask,
            tell: (notice) => void browser.runtime.sendMessage(notice).catch(() => undefined),
            context,
            settings,
            highlights,
            loadReader: () => loadModule('reader'),
            origin,
            signal: ctx.signal,
          });
          if (mouseUpWhileLoading) started.selectionSettled();
          return started;
        }));

      const runtime: ContentRuntime = {
        doc: document,
        inFrame,
        pageInfo: () => context.info(),
        articleRoot: () => context.articleRoot(),
        settings: () => settings,
        session: () => startSession(),
        startedSession: () => started,
        reader: () => loadModule('reader'),
      };

      // Starting to select text is the moment to load highlighting: it is ready by the mouse's release.
      const hasSelection = () => selectedRange(document) !== null || selectsInShadowRoot(document);
      document.addEventListener('selectionchange', () => void (!session && hasSelection() && startSession()), {
        signal: ctx.signal,
      });
      document.addEventListener(
        'mouseup',
        (event) => {
          if (event.isTrusted && session && !started) mouseUpWhileLoading = true;
        },
        { signal: ctx.signal, capture: true },
      );
      installKeyboardShortcuts(
        window,
        {
          hasSelection: () => (started ? started.currentRange() !== null : hasSelection()),
          highlight: () => {
            if (started) return void started.highlightSelection();
            // Take the selection now: the user may select the next sentence before highlighting has loaded.
            const range = lightSelectedRange(document)?.cloneRange();
            if (range) void startSession().then((s) => s.highlightRange(range));
            // A selection in or across a web component is read by highlighting itself, once loaded.
            else if (hasSelection()) void startSession().then((s) => s.highlightSelection());
          },
          toggleReader: () => {
            if (inFrame) return;
            // From the key to the view on screen (loading what it needs the first time): `npm run bench:startup`.
            performance.mark('clearmark:reader-asked');
            void startSession()
              .then((s) => s.toggleReader())
              .then((open) => {
                if (open.ok && open.value) performance.measure('clearmark:reader-open', 'clearmark:reader-asked');
              });
          },
          saveArticle: () => void (!inFrame && startSession().then((s) => s.saveArticle())),
          escape: () => started?.escape() ?? false,
        },
        ctx.signal,
      );

      // The page's stored highlights: one lookup, and highlighting loads only if there are some.
      const showPage = async (first = false) => {
        const url = context.url;
        const stored = await (first && early && url === earlyUrl ? early : ask({ type: 'page:highlights', url }));
        if (stored.ok && stored.value.highlights.length > 0) await (await startSession(stored.value.highlights)).loaded;
        performance.mark('clearmark:highlights-painted');
      };
      // A change to stored highlights: the session applies it (once it has started, if it is starting);
      // a page without one looks itself up again only when the change may concern it.
      const onChange = (notice: HighlightsChanged) => {
        if (session) void session.then((s) => s.applyChange(notice));
        else if (notice.url === '*' || (notice.url === context.url && notice.upserted.length > 0)) void showPage();
      };
      listen(runtime, onChange, ctx);
      void showPage(true);
      if (!inFrame && settings?.reader.alwaysOpenSites.includes(location.hostname))
        void startSession().then((s) => s.openReader());
      // A single-page app moved to another article: show that one's highlights.
      let shownUrl = context.url;
      watchNavigation(
        window,
        () => {
          if (context.url === shownUrl) return;
          shownUrl = context.url;
          if (started) started.pageChanged();
          else if (!session) void showPage();
        },
        ctx.signal,
      );
      performance.measure('clearmark:setup', 'clearmark:setup-start');
    });
    performance.measure('clearmark:init', 'clearmark:start');
  },
});

/**
 * Whether a frame holds words to read: a letter in its text, scripts and styles aside. Asked when
 * its DOM is ready and, if not yet, once more when it has loaded (frames often fill by script).
 */
async function frameHasText(doc: Document): Promise<boolean> {
  const hasLetter = () => {
    const started = performance.now();
    const walker = doc.createTreeWalker(bodyOf(doc) ?? doc, 0x4 /* SHOW_TEXT */);
    let found = false;
    for (let node = walker.nextNode(); node && !found; node = walker.nextNode()) {
      const parent = node.parentElement?.localName;
      found = parent !== 'script' && parent !== 'style' && /\p{L}/u.test((node as Text).data);
    }
    // Each look is measured: `npm run bench:startup` reports what a frame costs.
    performance.measure('clearmark:frame-check', { start: started });
    return found;
  };
  if (hasLetter()) return true;
  if (doc.readyState !== 'complete') await new Promise((done) => addEventListener('load', done, { once: true }));
  return hasLetter();
}

function domReady(): Promise<void> {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((done) => document.addEventListener('DOMContentLoaded', () => done(), { once: true }));
}

/** Answers the extension's requests, and hands change notices on. */
function listen(
  runtime: ContentRuntime,
  onChange: (notice: HighlightsChanged) => void,
  ctx: { onInvalidated(listener: () => void): void },
) {
  const onMessage = (message: unknown, sender: Browser.runtime.MessageSender) => {
    if (isChangeNotice(message)) {
      onChange(message);
      return undefined;
    }
    const parsed = parseContentMessage(
      message,
      classifySender(sender, browser.runtime.id, browser.runtime.getURL('/')),
    );
    // A request sent to the whole tab is the page's: a frame keeps silent, so the top document
    // answers; a frame acts only on the highlight command, when it has the focus, and on what is
    // asked of it alone (`frame:`), on which the top document keeps silent.
    const type = parsed.ok ? parsed.value.type : '';
    const forFrames = type === 'selection:highlight' || type.startsWith('frame:');
    if (runtime.inFrame ? !forFrames : type.startsWith('frame:')) return undefined;
    if (!parsed.ok) return Promise.resolve(parsed);
    return Promise.resolve(dispatch(contentHandlers, parsed.value, runtime));
  };
  // A listener answers by returning a promise (webextension-polyfill's contract), which the browser's types call void.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  browser.runtime.onMessage.addListener(onMessage);
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
}
