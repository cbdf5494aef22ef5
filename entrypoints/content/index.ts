/**
 * Content script wiring. It runs on every page, so start-up does the least it can: at
 * document_start the browser has already applied the consent stylesheet (no JS needed); once the
 * DOM is ready, one message learns this page's highlights, a look for unknown consent banners
 * waits for idle time, and a few passive listeners wait for a selection or a key. Article
 * detection runs only when asked for. When a single-page app navigates, the new address's
 * highlights are loaded. Performance measures `clearmark:init` (at document_start)
 * and `clearmark:setup` (once the DOM is ready) time the start-up's own work; `npm run
 * bench:startup` reports them.
 */
import './consent.css';
import './highlights.css';
import { browser, type Browser } from 'wxt/browser';
import { setBannersShown } from '@/utils/consent/consent-stripper';
import { watchConsentBanners } from '@/utils/consent/consent-watch';
import { canPaint } from '@/utils/highlight-painter';
import type { PageInfo, Settings } from '@/utils/model';
import type { Send } from '@/utils/page-highlights';
import { watchNavigation } from '@/utils/navigation-watch';
import { followPageUrl } from '@/utils/page-url';
import { classifySender, isChangeNotice, parseContentMessage } from '@/utils/protocol';
import { errorMessage, fail, ok, type Result } from '@/utils/result';
import { PageSession } from './page-session';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  cssInjectionMode: 'manifest',
  main(ctx) {
    if (!/^https?:$/.test(location.protocol)) return;
    performance.mark('clearmark:start');
    // A background that cannot be reached (stopping, updating) is an answer too, never a throw.
    const send: Send = (message) =>
      (browser.runtime.sendMessage(message) as Promise<never>).then(
        (answer) => answer ?? fail('Clearmark’s background did not answer'),
        (error: unknown) => fail(`Clearmark’s background could not be reached (${errorMessage(error)})`),
      ) as never;
    const settings: Promise<Settings | null> = send({ type: 'settings:get' }).then((r) => (r.ok ? r.value : null), () => null);

    void domReady().then(async () => {
      if (!ctx.isValid) return;
      const pageUrl = followPageUrl(document);
      const startUrl = pageUrl();
      if (!startUrl || !canPaint()) return;
      const meta = (property: string) => document.querySelector<HTMLMetaElement>(`meta[property="${property}"]`)?.content.trim();
      const pageInfo = (): PageInfo => ({
        url: pageUrl() ?? startUrl,
        title: meta('og:title') || document.title.trim(),
        siteName: meta('og:site_name') || location.hostname,
      });
      const chosen = await settings;
      performance.mark('clearmark:setup-start');
      const session = new PageSession(pageInfo, send, chosen, ctx.signal);
      if (chosen?.stripConsentBanners === false) setBannersShown(document, true);
      else watchConsentBanners(document, () => session.articleElement(), ctx.signal);
      listen(session, pageInfo, ctx);
      void session.highlights.load().then(() => performance.mark('clearmark:highlights-painted'));
      if (chosen?.reader.alwaysOpenSites.includes(location.hostname)) session.openReader();
      // A single-page app moved to another article: show that one's highlights.
      let shownUrl = startUrl;
      watchNavigation(window, () => {
        const url = pageInfo().url;
        if (url === shownUrl) return;
        shownUrl = url;
        session.pageChanged();
      }, ctx.signal);
      performance.measure('clearmark:setup', 'clearmark:setup-start');
    });
    performance.measure('clearmark:init', 'clearmark:start');
  },
});

function domReady(): Promise<void> {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((done) => document.addEventListener('DOMContentLoaded', () => done(), { once: true }));
}

function listen(session: PageSession, pageInfo: () => PageInfo, ctx: { onInvalidated(listener: () => void): void }) {
  const answer = async (message: unknown, sender: Browser.runtime.MessageSender): Promise<Result<unknown>> => {
    const parsed = parseContentMessage(message, classifySender(sender, browser.runtime.id, browser.runtime.getURL('/')));
    if (!parsed.ok) return parsed;
    const request = parsed.value;
    switch (request.type) {
      case 'page:info':
        return ok(pageInfo());
      case 'article:get':
        return ok(session.summary());
      case 'selection:highlight':
        return (await session.highlightSelection(request.color)) ?? ok(null);
      case 'highlights:anchored':
        return ok(session.highlights.anchorState());
      case 'highlight:reveal':
        return session.reveal(request.id);
      case 'reader:toggle':
        return request.open === undefined ? session.toggleReader() : request.open ? session.openReader() : (session.closeReader(), ok(false));
      case 'reader:get':
        return ok(session.readerState());
      case 'ui:get':
        return ok(session.uiControls());
    }
  };
  const onMessage = (message: unknown, sender: Browser.runtime.MessageSender) => {
    if (isChangeNotice(message)) {
      if (message.url === '*' || message.url === pageInfo().url) void session.highlights.load();
      return undefined;
    }
    return answer(message, sender);
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
}
