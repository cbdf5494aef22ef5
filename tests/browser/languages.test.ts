/**
 * Clearmark in the browser's language, as a person whose browser speaks German or Arabic meets it,
 * in Chromium and Firefox: highlight with the keyboard and hear it said in that language; the
 * popup and the library show no English word the language has its own for; in Arabic the pages
 * and the card read right to left, mirrored.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launch, type BrowserName, type ExtensionBrowser, type PageHandle } from './browsers';
import { highlightPoint, selectText, tabIdOf } from './page-probes';
import { SEED_KEY_PATH, useFixtureServer } from './suite';

const fixtures = useFixtureServer();
const LOCALES = join(import.meta.dirname, '../../assets/public/_locales');
type Catalog = Record<string, { message: string }>;
const catalog = (lang: string) => JSON.parse(readFileSync(join(LOCALES, lang, 'messages.json'), 'utf8')) as Catalog;
const SENTENCE = 'Alibaba’s share price was near record lows';
type Box = { x: number; y: number; width: number; height: number };

/**
 * Every word a person sees or hears on a page: text, names, placeholders and titles, in Clearmark's
 * open roots too (the test build opens the in-page panels' roots for an audited page). `onlyPanels`
 * keeps to Clearmark's own panels, on a live page whose own words are the site's.
 */
function shownWords(onlyPanels = false): string[] {
  const words = new Set<string>();
  const panels = [...document.querySelectorAll('clearmark-ui')].flatMap((h) => (h.shadowRoot ? [h.shadowRoot] : []));
  for (const root of onlyPanels ? panels : [document.body, ...panels]) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      if (text && node.parentElement?.closest('style') === null) words.add(text);
    }
    for (const el of root.querySelectorAll('*')) {
      for (const attribute of ['aria-label', 'placeholder', 'title', 'aria-description']) {
        const value = el.getAttribute(attribute)?.trim();
        if (value) words.add(value);
      }
    }
  }
  return [...words];
}

/** Buttons and links whose words do not fit them, or that stand past the page's right edge. */
function overflowing(): string[] {
  return (
    [...document.querySelectorAll<HTMLElement>('button, a, .link')]
      // An inline element has no client width (Firefox still gives it a scroll width): only its edge is checked.
      .filter(
        (el) =>
          el.offsetParent !== null &&
          ((el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) ||
            el.getBoundingClientRect().right > document.documentElement.clientWidth + 1),
      )
      .map((el) => el.textContent.trim() || el.getAttribute('aria-label') || el.tagName)
  );
}

/** English messages (with no placeholder) that the language says otherwise: none of them may show. */
function englishLeftIn(lang: string, shown: string[]): string[] {
  const en = catalog('en');
  const theirs = catalog(lang);
  const english = new Set(
    Object.entries(en)
      .filter(([key, { message }]) => !message.includes('{') && theirs[key]?.message !== message)
      .map(([, { message }]) => message),
  );
  return shown.filter((words) => english.has(words));
}

async function highlightOnSeed(
  browser: ExtensionBrowser,
  helper: PageHandle,
  audited = false,
): Promise<{ page: PageHandle; tabId: number }> {
  const page = await browser.open(fixtures.server.url('/seed/'));
  if (audited) await page.evaluate(() => document.documentElement.setAttribute('data-clearmark-audit', ''));
  const tabId = await helper.waitFor(tabIdOf, fixtures.server.url(SEED_KEY_PATH), 15_000);
  await page.bringToFront();
  await page.evaluate(selectText, SENTENCE);
  await page.press('KeyH', ['Alt', 'Shift']);
  await page.waitFor(highlightPoint, 'clearmark-yellow');
  return { page, tabId };
}

function askTab(
  helper: PageHandle,
  tabId: number,
  message: object,
): Promise<{ value: { announced: string; card: Record<string, Box> } }> {
  return helper.evaluate(
    ({ tabId, message }) => {
      const scope = globalThis as unknown as {
        browser?: { tabs: { sendMessage(id: number, m: unknown): Promise<unknown> } };
        chrome: { tabs: { sendMessage(id: number, m: unknown): Promise<unknown> } };
      };
      return (scope.browser ?? scope.chrome).tabs.sendMessage(tabId, message) as Promise<never>;
    },
    { tabId, message },
  );
}

async function uiOnceSaid(helper: PageHandle, tabId: number, words: string) {
  for (let i = 0; i < 200; i++) {
    const { value } = await askTab(helper, tabId, { type: 'ui:get' });
    if (value.announced === words && Object.keys(value.card).length) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the page never said “${words}” with the card open`);
}

function inLanguage(
  name: BrowserName,
  locale: string,
  body: (get: () => { browser: ExtensionBrowser; helper: PageHandle }) => void,
) {
  describe(`${name} in ${locale}`, () => {
    let browser: ExtensionBrowser;
    let helper: PageHandle;
    beforeAll(async () => {
      browser = await launch(name, { locale });
      helper = await browser.openExtensionPage('popup.html');
    });
    afterAll(() => browser.close());
    body(() => ({ browser, helper }));
  });
}

describe.each(BROWSERS)('%s', (name) => {
  inLanguage(name, 'de', (get) => {
    it('says the highlight in German, and the popup and the library show no English', async () => {
      const { browser, helper } = get();
      const { tabId } = await highlightOnSeed(browser, helper);
      await uiOnceSaid(helper, tabId, 'In Gelb markiert');

      const popup = await browser.openExtensionPage(`popup.html?tab=${tabId}`);
      expect(await popup.waitFor(() => document.querySelector('.count')?.textContent === '1 Markierung' || null)).toBe(
        true,
      );
      expect(
        await popup.evaluate(() => [
          document.documentElement.lang,
          document.querySelector('[data-action="reader"]')?.textContent.trim(),
        ]),
      ).toEqual(['de', 'Leseansicht']);
      expect(englishLeftIn('de', await popup.evaluate(shownWords))).toEqual([]);
      // German's long words fit: no button's label overflows it, no action row runs past the popup.
      await popup.setViewport(400, 600);
      expect(await popup.evaluate(overflowing)).toEqual([]);

      const library = await browser.openExtensionPage('library.html');
      expect(
        await library.waitFor(
          () => document.querySelector('.pages-count')?.textContent === '1 Seite · 1 Markierung' || null,
        ),
      ).toBe(true);
      expect(await library.evaluate(() => document.title)).toBe('Clearmark-Bibliothek');
      expect(englishLeftIn('de', await library.evaluate(shownWords))).toEqual([]);
      expect(await library.evaluate(overflowing)).toEqual([]);
      await library.evaluate(() => document.querySelector<HTMLButtonElement>('[data-action="menu"]')?.click());
      expect(
        await library.waitFor(() => document.querySelector('.menu-panel h2')?.textContent === 'Exportieren' || null),
      ).toBe(true);
      expect(englishLeftIn('de', await library.evaluate(shownWords))).toEqual([]);
    });
  });

  inLanguage(name, 'ar', (get) => {
    it('mirrors the card, the popup and the library right to left, in Arabic', async () => {
      const { browser, helper } = get();
      const { page, tabId } = await highlightOnSeed(browser, helper, true);
      const ui = await uiOnceSaid(helper, tabId, 'ظُلّل باللون أصفر');
      // The card's own words (colour names included) are Arabic.
      expect(englishLeftIn('ar', await page.evaluate(shownWords, true))).toEqual([]);
      // The card's row starts at the right: the first colour stands right of the actions that follow it.
      expect(ui.card['color-yellow']!.x).toBeGreaterThan(ui.card['delete']!.x);

      const popup = await browser.openExtensionPage(`popup.html?tab=${tabId}`);
      expect(await popup.waitFor(() => document.querySelector('.count')?.textContent === 'تظليل واحد' || null)).toBe(
        true,
      );
      expect(await popup.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
        'ar',
        'rtl',
      ]);
      expect(englishLeftIn('ar', await popup.evaluate(shownWords))).toEqual([]);

      const library = await browser.openExtensionPage('library.html');
      await library.waitFor(() => document.querySelector('.detail .highlight') !== null || null);
      // The page list, first in reading order, stands at the right of the chosen page's highlights.
      const sides = await library.evaluate(() => {
        const box = (s: string) => document.querySelector(s)!.getBoundingClientRect();
        return {
          pages: box('nav.pages').left,
          detail: box('.detail').left,
          dir: getComputedStyle(document.body).direction,
        };
      });
      expect(sides.dir).toBe('rtl');
      expect(sides.pages).toBeGreaterThan(sides.detail);
      expect(englishLeftIn('ar', await library.evaluate(shownWords))).toEqual([]);
    });
  });
});
