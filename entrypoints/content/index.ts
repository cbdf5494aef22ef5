/**
 * Content script wiring. It runs on every page, so start-up does the least it can: at
 * document_start the browser has already applied the consent stylesheet (no JS needed); once the
 * DOM is ready, one message learns this page's highlights, a bounded look finds unknown consent
 * banners, and a few passive listeners wait for a selection. Article detection runs only when
 * asked for. Performance measures `clearmark:init` (at document_start) and `clearmark:setup` (once
 * the DOM is ready) time the start-up's own work; `npm run bench:startup` reports them.
 */
import './consent.css';
import './highlights.css';
import { browser, type Browser } from 'wxt/browser';
import { installSelectionToolbar, selectedRange } from '@/components/selection-toolbar-host';
import { setBannersShown } from '@/utils/consent/consent-stripper';
import { watchConsentBanners } from '@/utils/consent/consent-watch';
import { extractArticle } from '@/utils/extraction';
import { canPaint } from '@/utils/highlight-painter';
import type { ArticleSummary, HighlightColor, PageInfo, Settings } from '@/utils/model';
import { PageHighlights, type Send } from '@/utils/page-highlights';
import { pageUrlOf } from '@/utils/page-url';
import { classifySender, isChangeNotice, parseContentMessage } from '@/utils/protocol';
import { fail, ok, type Result } from '@/utils/result';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  cssInjectionMode: 'manifest',
  main(ctx) {
    if (!/^https?:$/.test(location.protocol)) return;
    performance.mark('clearmark:start');
    const send: Send = (message) => browser.runtime.sendMessage(message) as never;
    const settings: Promise<Settings | null> = send({ type: 'settings:get' }).then((r) => (r.ok ? r.value : null), () => null);

    void domReady().then(async () => {
      if (!ctx.isValid) return;
      const startUrl = pageUrlOf(document);
      if (!startUrl) return;
      const pageInfo = (): PageInfo => ({
        url: pageUrlOf(document) ?? startUrl,
        title: document.title.trim(),
        siteName:
          document.querySelector<HTMLMetaElement>('meta[property="og:site_name"]')?.content.trim() || location.hostname,
      });
      const article = () => extractArticle(document);

      const chosen = await settings;
      performance.mark('clearmark:setup-start');
      if (chosen?.stripConsentBanners === false) setBannersShown(document, true);
      else watchConsentBanners(document, () => article().detection.root, ctx.signal);

      if (canPaint()) startHighlighting(pageInfo, send, ctx.signal, (listener) => ctx.onInvalidated(listener));
      listen(pageInfo, article, ctx);
      performance.measure('clearmark:setup', 'clearmark:setup-start');
    });
    performance.measure('clearmark:init', 'clearmark:start');
  },
});

let highlights: PageHighlights | null = null;
let toolbarHide: (() => void) | null = null;
let color: HighlightColor = 'yellow';

function domReady(): Promise<void> {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((done) => document.addEventListener('DOMContentLoaded', () => done(), { once: true }));
}

async function highlightSelection(chosen: HighlightColor = color, note = '') {
  if (!highlights) return null;
  color = chosen;
  return highlights.highlightSelection(chosen, note);
}

function startHighlighting(pageInfo: () => PageInfo, send: Send, signal: AbortSignal, onInvalidated: (listener: () => void) => void) {
  highlights = new PageHighlights(document, pageInfo, send);
  const toolbar = installSelectionToolbar(
    document,
    { color: () => color, highlight: (chosen, note) => void highlightSelection(chosen, note) },
    signal,
  );
  toolbarHide = toolbar.hide;
  window.addEventListener(
    'keydown',
    (event) => {
      if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey || event.code !== 'KeyH') return;
      if (!selectedRange(document)) return;
      event.preventDefault();
      event.stopPropagation();
      toolbar.hide();
      void highlightSelection();
    },
    { capture: true, signal },
  );
  onInvalidated(() => highlights?.destroy());
  void highlights.load().then(() => performance.mark('clearmark:highlights-painted'));
}

function listen(pageInfo: () => PageInfo, article: () => ReturnType<typeof extractArticle>, ctx: { onInvalidated(l: () => void): void }) {
  const answer = async (message: unknown, sender: Browser.runtime.MessageSender): Promise<Result<unknown>> => {
    const parsed = parseContentMessage(message, classifySender(sender, browser.runtime.id, browser.runtime.getURL('/')));
    if (!parsed.ok) return parsed;
    const request = parsed.value;
    switch (request.type) {
      case 'page:info':
        return ok(pageInfo());
      case 'article:get': {
        const found = article();
        const summary: ArticleSummary = {
          isArticle: found.isArticle,
          title: found.title,
          byline: found.byline,
          siteName: found.siteName || pageInfo().siteName,
          publishedAt: found.publishedAt,
          lang: found.lang,
          text: found.isArticle ? found.text : '',
          readerOpen: false,
        };
        return ok(summary);
      }
      case 'selection:highlight': {
        if (!selectedRange(document)) return ok(null);
        toolbarHide?.();
        return (await highlightSelection(request.color)) ?? ok(null);
      }
      case 'highlight:reveal': {
        const range = highlights?.rangeOf(request.id);
        if (!range) return fail('That highlight is not on this page right now');
        range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'smooth' });
        return ok(true);
      }
    }
  };
  const onMessage = (message: unknown, sender: Browser.runtime.MessageSender) => {
    if (isChangeNotice(message)) {
      if (message.url === pageInfo().url) void highlights?.load();
      return undefined;
    }
    return answer(message, sender);
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
}
