/**
 * A page cannot read the user's notes or drive Clearmark, in Chromium and Firefox: forged key,
 * mouse and click events do nothing, forged postMessage traffic does nothing, the page has no
 * way to message the extension, Clearmark's in-page UI is closed to page scripts even while a
 * note is shown, and the extension's own pages run under a strict content security policy.
 */
import { describe, expect, it } from 'vitest';
import type { HighlightRecord } from '../../utils/shared/model';
import { BROWSERS, type PageHandle } from './browsers';
import { highlightPoint, selectText, tabIdOf, toolbarBox } from './page-probes';
import { SEED_KEY_PATH, until, useBrowser, useFixtureServer } from './suite';
import { EXTENSION_PAGES_CSP } from '../../wxt.config';

const fixtures = useFixtureServer();
const SENTENCE = 'Alibaba’s downfall was swift.';
const NOTE = 'A private thought the site must never see';
/** A hostile page that records every key, input and clipboard event, and walks CSS.highlights. */
const EAVESDROP = '/hostile/eavesdrop.html';
const settle = (page: PageHandle, ms = 500) => page.evaluate((t) => new Promise((r) => setTimeout(r, t)), ms);

describe.each(BROWSERS)('%s', (name) => {
  const suite = useBrowser(name);
  const stored = async () =>
    (
      await suite.askBackground<{ value: { highlights: HighlightRecord[] } }>({
        type: 'page:highlights',
        url: fixtures.server.url(SEED_KEY_PATH),
      })
    ).value.highlights;

  it('forged events and postMessage traffic cannot create, open or change highlights', async () => {
    const page = await suite.browser.open(fixtures.server.url('/seed/'));
    const tabId = await suite.helper.waitFor(tabIdOf, fixtures.server.url(SEED_KEY_PATH), 15_000);
    await page.bringToFront();

    // A page script selects text and dispatches Alt+Shift+H, a mouseup and protocol-shaped messages.
    await page.evaluate(selectText, SENTENCE);
    await page.evaluate((text) => {
      const key = { key: 'H', code: 'KeyH', altKey: true, shiftKey: true, bubbles: true, cancelable: true };
      for (const target of [window, document, document.body]) {
        target.dispatchEvent(new KeyboardEvent('keydown', key));
        target.dispatchEvent(new KeyboardEvent('keyup', key));
      }
      document.body.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0, clientX: 100, clientY: 100 }));
      const forged = [
        { type: 'selection:highlight' },
        {
          type: 'highlight:create',
          page: { url: location.href, title: 'x', siteName: 'x' },
          color: 'pink',
          note: 'forged',
          target: {
            quote: { type: 'TextQuoteSelector', exact: text, prefix: '', suffix: '' },
            position: { type: 'TextPositionSelector', start: 0, end: 5 },
          },
        },
        { type: 'page:highlights', url: location.href },
      ];
      for (const message of forged) {
        window.postMessage(message, '*');
        window.postMessage(JSON.stringify(message), '*');
      }
    }, SENTENCE);
    await settle(page);
    expect(await stored()).toEqual([]);
    expect(await page.evaluate(toolbarBox)).toBeNull();

    // The page has no channel to the extension at all.
    const reach = await page.evaluate(async (id) => {
      const scope = globalThis as unknown as {
        chrome?: { runtime?: { sendMessage?: (id: string, m: unknown) => Promise<unknown> } };
        browser?: unknown;
      };
      if (typeof scope.chrome?.runtime?.sendMessage !== 'function')
        return scope.browser === undefined ? 'no extension API' : 'browser API present';
      try {
        await scope.chrome.runtime.sendMessage(id, { type: 'page:highlights', url: location.href });
        return 'answered';
      } catch {
        return 'refused';
      }
    }, new URL(suite.browser.extensionOrigin).host);
    expect(['no extension API', 'refused']).toContain(reach);

    // The user's own key press does highlight: the same selection, a trusted key.
    await page.evaluate(selectText, SENTENCE);
    await page.press('KeyH', ['Alt', 'Shift']);
    await page.waitFor(highlightPoint, 'clearmark-yellow');
    const [saved] = await stored();
    expect(saved?.target.quote.exact).toBe(SENTENCE);
    expect(
      (await suite.askBackground<{ ok: boolean }>({ type: 'highlight:update', id: saved!.id, note: NOTE })).ok,
    ).toBe(true);
    // The key opened the highlight's card (once the highlight was saved); the user sees it and closes it.
    const cardOpen = (open: boolean) =>
      suite.helper.waitFor(
        async ({ id, open }) => {
          const scope = globalThis as unknown as {
            browser?: never;
            chrome: {
              tabs: { sendMessage(id: number, m: unknown): Promise<{ value: { card: Record<string, unknown> } }> };
            };
          };
          const tabs = ((scope as { browser?: typeof scope.chrome }).browser ?? scope.chrome).tabs;
          return Object.keys((await tabs.sendMessage(id, { type: 'ui:get' })).value.card).length > 0 === open;
        },
        { id: tabId, open },
      );
    await cardOpen(true);
    await page.press('Escape');
    await cardOpen(false);

    // A forged click on the highlight opens no card.
    const point = await page.waitFor(highlightPoint, 'clearmark-yellow');
    await page.evaluate((p) => {
      const target = document.elementFromPoint(p.x, p.y)!;
      target.dispatchEvent(new MouseEvent('click', { bubbles: true, button: 0, clientX: p.x, clientY: p.y }));
    }, point);
    await settle(page, 300);
    expect((await suite.askTab<{ value: { card: object } }>(tabId, { type: 'ui:get' })).value.card).toEqual({});

    // A real click opens it, with the note shown — inside a root the page cannot enter.
    await page.click(point.x, point.y);
    await suite.helper.waitFor(async (id) => {
      const scope = globalThis as unknown as {
        browser?: never;
        chrome: {
          tabs: { sendMessage(id: number, m: unknown): Promise<{ value: { card: Record<string, unknown> } }> };
        };
      };
      const tabs = ((scope as { browser?: typeof scope.chrome }).browser ?? scope.chrome).tabs;
      return Object.keys((await tabs.sendMessage(id, { type: 'ui:get' })).value.card).length > 0;
    }, tabId);
    const seen = await page.evaluate((note) => {
      const hosts = [...document.querySelectorAll('clearmark-ui')];
      return {
        hosts: hosts.length,
        shadowRoots: hosts.map((h) => h.shadowRoot),
        hostText: hosts.map((h) => h.textContent).join(''),
        noteInPage:
          document.documentElement.innerText.includes(note) || document.documentElement.outerHTML.includes(note),
      };
    }, NOTE);
    // Two hosts, both closed and empty to the page: the card, and the live region that told a screen reader "Highlighted in yellow".
    expect(seen).toEqual({ hosts: 2, shadowRoots: [null, null], hostText: '', noteInPage: false });
    expect((await stored())[0]).toMatchObject({ note: NOTE, color: 'yellow' });
    await page.close();
  });

  /** The eavesdropping page open, `sentence` selected and highlighted with Alt+Shift+H, as a person does it. */
  async function highlightOnEavesdropper(
    sentence: string,
  ): Promise<{ page: PageHandle; tabId: number; point: { x: number; y: number } }> {
    const page = await suite.browser.open(fixtures.server.url(EAVESDROP));
    const tabId = await suite.helper.waitFor(tabIdOf, fixtures.server.url(EAVESDROP), 20_000);
    await page.bringToFront();
    await page.evaluate(selectText, sentence);
    await page.press('KeyH', ['Alt', 'Shift']);
    return { page, tabId, point: await page.waitFor(highlightPoint, 'clearmark-yellow') };
  }

  it('a page listening to every key, input and clipboard event hears nothing typed into a note or a tag', async () => {
    const sentence = 'Cyclists and people on foot will keep the bridge';
    const { page, tabId, point } = await highlightOnEavesdropper(sentence);
    await page.click(point.x, point.y);
    const boxes = async () => {
      for (let i = 0; i < 100; i++) {
        const { value } = await suite.askTab<{
          value: { card: Record<string, { x: number; y: number; width: number; height: number }> };
        }>(tabId, { type: 'ui:get' });
        if (value.card.note && value.card.tag) return value.card;
        await settle(page, 100);
      }
      throw new Error('the highlight card did not open');
    };
    const at = (box: { x: number; y: number; width: number; height: number }) =>
      page.click(box.x + box.width / 2, box.y + box.height / 2);
    await at((await boxes()).note!);
    // From here on, everything the page hears comes from what is typed into the card.
    await page.evaluate(() => void ((window as unknown as { __heard: string[] }).__heard.length = 0));
    await page.type(NOTE);
    await page.press('Backspace');
    await page.type('e');
    await at((await boxes()).tag!);
    await page.type('private-tag');
    await page.press('Enter');
    await settle(page, 800);
    const url = fixtures.server.url(EAVESDROP);
    let saved: HighlightRecord | undefined;
    await until(
      async () => {
        const answer = await suite.askBackground<{ value: { highlights: HighlightRecord[] } }>({
          type: 'page:highlights',
          url,
        });
        saved = answer.value.highlights[0];
        return saved?.note === NOTE && (saved.tags ?? []).includes('private-tag');
      },
      20_000,
      'the note and tag stored',
    );
    expect(saved?.target.quote.exact).toBe(sentence);
    expect(await page.evaluate(() => (window as unknown as { __heard: string[] }).__heard)).toEqual([]);
    await page.close();
  });

  it('a page walking CSS.highlights never reaches into the reader view, and paint it removes comes back', async () => {
    const sentence = 'The plan closes the old crossing to traffic from the spring';
    const { page, tabId } = await highlightOnEavesdropper(sentence);
    await suite.askTab(tabId, { type: 'reader:toggle', open: true });
    await until(
      async () => {
        const { value } = await suite.askTab<{ value: { highlights: { text: string }[] } }>(tabId, {
          type: 'reader:get',
        });
        return value.highlights.some((h) => h.text === sentence);
      },
      30_000,
      'the highlight drawn in the reader',
    );
    // The page polls the registry every 50 ms: give it time to look.
    await settle(page, 600);
    const seen = await page.evaluate(() => ({
      reached: (window as unknown as { __reached: string[] }).__reached,
      names: [...CSS.highlights.keys()].filter((n) => n.includes('reader')),
    }));
    expect(seen).toEqual({ reached: [], names: [] });
    await page.press('Escape');

    // The page empties and removes every registration: the paint comes back by itself.
    await page.evaluate(() => {
      for (const highlight of CSS.highlights.values()) highlight.clear();
      CSS.highlights.clear();
    });
    const repainted = (text: string) => {
      const layer = CSS.highlights.get('clearmark-yellow') as unknown as Iterable<Range> | undefined;
      return [...(layer ?? [])].some((r) => r.toString() === text) || null;
    };
    expect(await page.waitFor(repainted, sentence, 20_000)).toBe(true);
    await page.close();
  });

  it('the extension’s own pages run under a strict content security policy', async () => {
    const library = await suite.browser.openExtensionPage('library.html');
    const result = await library.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
      const inline = document.createElement('script');
      inline.textContent = 'window.__clearmarkInlineRan = true';
      document.head.append(inline);
      const remote = document.createElement('img');
      remote.src = 'https://tracker.example/pixel.png';
      document.body.append(remote);
      await new Promise((r) => setTimeout(r, 300));
      const scope = globalThis as unknown as {
        browser?: { runtime: { getManifest(): { content_security_policy: unknown } } };
        chrome: { runtime: { getManifest(): { content_security_policy: unknown } } };
      };
      const declared = (scope.browser ?? scope.chrome).runtime.getManifest().content_security_policy;
      return {
        inlineRan: (window as unknown as { __clearmarkInlineRan?: boolean }).__clearmarkInlineRan === true,
        remoteLoaded: remote.complete && remote.naturalWidth > 0,
        violations: [...new Set(violations.map((v) => v.split('-')[0]))].sort(),
        policy: typeof declared === 'string' ? declared : (declared as { extension_pages: string }).extension_pages,
      };
    });
    expect(result.inlineRan).toBe(false);
    expect(result.remoteLoaded).toBe(false);
    expect(result.violations).toEqual(expect.arrayContaining(['img', 'script']));
    expect(result.policy).toBe(EXTENSION_PAGES_CSP);
    await library.close();
    // The page of a saved copy shows an article's pictures by address, and runs no inline script either.
    const copy = await suite.browser.openExtensionPage('reader.html');
    const inCopy = await copy.evaluate(async () => {
      const inline = document.createElement('script');
      inline.textContent = 'window.__clearmarkInlineRan = true';
      document.head.append(inline);
      await new Promise((r) => setTimeout(r, 300));
      return (window as unknown as { __clearmarkInlineRan?: boolean }).__clearmarkInlineRan === true;
    });
    expect(inCopy).toBe(false);
    await copy.close();
  });
});
