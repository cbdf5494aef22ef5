/**
 * Content script wiring. It runs on every page, so start-up does the least it can: one
 * message to learn whether this page has highlights, and a few passive listeners. Everything
 * else happens when the user selects text or the extension asks.
 */
import './highlights.css';
import { browser, type Browser } from 'wxt/browser';
import { installSelectionToolbar, selectedRange } from '@/components/selection-toolbar-host';
import { canPaint } from '@/utils/highlight-painter';
import type { HighlightColor, PageInfo } from '@/utils/model';
import { PageHighlights, type Send } from '@/utils/page-highlights';
import { pageUrlOf } from '@/utils/page-url';
import { classifySender, isChangeNotice, parseContentMessage, type ContentApi } from '@/utils/protocol';
import { fail, ok, type Result } from '@/utils/result';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  cssInjectionMode: 'manifest',
  main(ctx) {
    const startUrl = pageUrlOf(document);
    if (!startUrl || !canPaint()) return;

    const pageInfo = (): PageInfo => ({
      url: pageUrlOf(document) ?? startUrl,
      title: document.title.trim(),
      siteName:
        document.querySelector<HTMLMetaElement>('meta[property="og:site_name"]')?.content.trim() || location.hostname,
    });
    const send: Send = (message) => browser.runtime.sendMessage(message) as never;
    const highlights = new PageHighlights(document, pageInfo, send);
    let color: HighlightColor = 'yellow';

    const highlightSelection = async (chosen: HighlightColor = color, note = '') => {
      color = chosen;
      return highlights.highlightSelection(chosen, note);
    };

    const toolbar = installSelectionToolbar(
      document,
      { color: () => color, highlight: (chosen, note) => void highlightSelection(chosen, note) },
      ctx.signal,
    );

    ctx.addEventListener(
      window,
      'keydown',
      (event) => {
        if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey || event.code !== 'KeyH') return;
        if (!selectedRange(document)) return;
        event.preventDefault();
        event.stopPropagation();
        toolbar.hide();
        void highlightSelection();
      },
      { capture: true },
    );

    const answer = async (message: unknown, sender: Browser.runtime.MessageSender): Promise<Result<unknown>> => {
      const parsed = parseContentMessage(message, classifySender(sender, browser.runtime.id, browser.runtime.getURL('/')));
      if (!parsed.ok) return parsed;
      const request = parsed.value;
      switch (request.type) {
        case 'page:info':
          return ok<ContentApi['page:info']['res']>(pageInfo());
        case 'selection:highlight': {
          if (!selectedRange(document)) return ok(null);
          toolbar.hide();
          return (await highlightSelection(request.color)) ?? ok(null);
        }
        case 'highlight:reveal': {
          const range = highlights.rangeOf(request.id);
          if (!range) return fail('That highlight is not on this page right now');
          range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'smooth' });
          return ok(true);
        }
      }
    };
    const onMessage = (message: unknown, sender: Browser.runtime.MessageSender) => {
      if (isChangeNotice(message)) {
        if (message.url === pageInfo().url) void highlights.load();
        return undefined;
      }
      return answer(message, sender);
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(onMessage);
      highlights.destroy();
    });

    void highlights.load();
  },
});
