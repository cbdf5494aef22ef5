/**
 * Clearmark's PDF viewer, in Chromium and Firefox, with PDFs made by the test (pdf-lib): the PDF
 * opens at `pdf.html?url=…`; a sentence selected with the mouse is highlighted with Alt+Shift+H,
 * given a note in the card, painted over its words (each drawn page the size of its text, at
 * any zoom), kept under the file's fingerprint (`urn:x-pdf:…`), back after
 * a reload and at another address of the same file; a drag across two pages makes one highlight,
 * which the popup over the viewer lists with its page and shows on a click, even on a page zoomed
 * but not drawn again; on a thousand-page PDF, a highlight made before its whole text is read is
 * kept, and shown from the popup after reading to the end; find, zoom and the outline answer the toolbar; Japanese set in a font the file does not embed
 * is read through PDF.js's character maps and highlighted; a site that does not share the file
 * makes the viewer ask for access first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HighlightRecord } from '../../utils/shared/model';
import { BROWSERS, type PageHandle } from './browsers';
import { startFixtureServer, type FixtureServer } from './fixture-server';
import { ownPageTabId, paintedHighlights, spanDragPoints } from './page-probes';
import { JAPANESE_SENTENCE, LONG_PDF_TITLE, PDF_TITLE, writePdfFixtures } from './pdf-fixtures';
import { clickOn, until, useBrowser } from './suite';

const pdfs = {} as { server: FixtureServer; dir: string };
beforeAll(async () => {
  pdfs.dir = mkdtempSync(join(tmpdir(), 'clearmark-pdfs-'));
  await writePdfFixtures(pdfs.dir);
  pdfs.server = await startFixtureServer(pdfs.dir);
});
afterAll(async () => {
  await pdfs.server.close();
  rmSync(pdfs.dir, { recursive: true, force: true });
});

const SENTENCE = 'Fishermen learn the tables before they learn to row a boat.';
const viewerPath = (path: string) => `pdf.html?url=${encodeURIComponent(pdfs.server.url(path))}`;

/** Whether a drawn text layer holds `text` (PDF.js draws a page's layer when the page comes into view). */
function layerHas(text: string): boolean {
  return [...document.querySelectorAll('.textLayer')].some((layer) => layer.textContent.includes(text));
}

async function drag(view: PageHandle, start: string, end: string): Promise<void> {
  const { from, to } = await view.evaluate(spanDragPoints, { start, end });
  await view.mouseMove(from.x, from.y);
  await view.mouseDown();
  await view.mouseMove(to.x, to.y, 8);
  await view.mouseUp();
}

/** Whether the tides sentence is painted and on the screen. */
function sentenceInView(): boolean {
  for (const [name, highlight] of CSS.highlights) {
    if (!name.startsWith('clearmark-')) continue;
    for (const range of highlight) {
      if (!(range instanceof Range) || !range.toString().startsWith('Fishermen learn')) continue;
      const box = range.getBoundingClientRect();
      if (box.height > 0 && box.top >= 0 && box.bottom <= innerHeight) return true;
    }
  }
  return false;
}

/**
 * How far each drawn page's picture and its text layer differ in size, in CSS pixels (the largest
 * difference of width or height; null until a page is drawn). A highlight is painted over the text
 * layer: a picture drawn smaller than it leaves a highlight beside its words, more so down and
 * across the page.
 */
function drawnPageMismatch(): number | null {
  const pages = [...document.querySelectorAll('.page')].flatMap((page) => {
    const canvas = page.querySelector('canvas');
    const layer = page.querySelector('.textLayer');
    return canvas && layer ? [[canvas.getBoundingClientRect(), layer.getBoundingClientRect()] as const] : [];
  });
  if (!pages.length) return null;
  return Math.max(
    ...pages.map(([drawn, text]) =>
      Math.max(
        Math.abs(drawn.width - text.width),
        Math.abs(drawn.height - text.height),
        Math.abs(drawn.left - text.left),
      ),
    ),
  );
}

/** The painted highlights' texts, once `count` ranges are painted. */
async function painted(view: PageHandle, count: number): Promise<string[]> {
  await view.waitFor(
    (n) => {
      let ranges = 0;
      for (const [name, highlight] of CSS.highlights) if (name.startsWith('clearmark-')) ranges += highlight.size;
      return ranges === n;
    },
    count,
    30_000,
  );
  return ((await view.evaluate(paintedHighlights)) ?? []).map((p) => p.text);
}

describe.each(BROWSERS)('%s', (name) => {
  const suite = useBrowser(name);
  const stored = async (urn: string) =>
    (await suite.askBackground<{ value: { highlights: HighlightRecord[] } }>({ type: 'page:highlights', url: urn }))
      .value.highlights;
  /**
   * Opens the PDF at `path` in the viewer, drags from `start` to `end` as soon as `sentence` shows, and
   * presses Alt+Shift+H; answers the viewer and the PDF's name once `sentence` is painted.
   */
  async function highlightedInViewer(path: string, sentence: string, start: string, end: string) {
    const view = await suite.browser.openExtensionPage(viewerPath(path));
    await view.waitFor(layerHas, sentence, 60_000);
    await drag(view, start, end);
    await view.press('KeyH', ['Alt', 'Shift']);
    expect(await painted(view, 1)).toEqual([sentence]);
    return { view, urn: (await view.evaluate(() => document.body.dataset.pdfUrn))! };
  }

  it('a sentence in a PDF is highlighted with the mouse and the key, noted, and back after a reload and at another address', async () => {
    const view = await suite.browser.openExtensionPage(viewerPath('/shared/tides.pdf'));
    await view.waitFor(layerHas, SENTENCE, 60_000);
    expect(await view.evaluate(() => document.querySelector('.pdf-title')?.textContent)).toBe(PDF_TITLE);
    const urn = (await view.evaluate(() => document.body.dataset.pdfUrn))!;
    expect(urn).toMatch(/^urn:x-pdf:[0-9a-f]+$/);

    await drag(view, 'Fishermen learn', 'row a boat.');
    await view.press('KeyH', ['Alt', 'Shift']);
    expect(await painted(view, 1)).toEqual([SENTENCE]);
    // Painted over its words: the drawn page is the size of the text the highlight lies on.
    expect(await view.evaluate(drawnPageMismatch)).toBeLessThan(1);
    // The card opens with the caret in its note, as on a web page.
    await view.waitFor(() => document.querySelector('clearmark-ui') !== null, undefined, 30_000);
    await view.type('Learn the tables first');
    await until(async () => (await stored(urn))[0]?.note === 'Learn the tables first', 30_000, 'the note to be kept');
    await view.press('Escape');

    const [record] = await stored(urn);
    expect(record).toMatchObject({ url: urn, color: 'yellow', target: { quote: { exact: SENTENCE } } });
    const pages = (
      await suite.askBackground<{ value: { url: string; title: string; source?: string }[] }>({
        type: 'library:pages',
      })
    ).value;
    expect(pages.find((p) => p.url === urn)).toMatchObject({
      title: PDF_TITLE,
      source: pdfs.server.url('/shared/tides.pdf'),
    });

    // Reloaded from the page (Puppeteer's own reload never settles on a moz-extension page).
    await view.evaluate(() => {
      document.body.classList.add('before-reload');
      setTimeout(() => location.reload(), 0);
    });
    await view.waitFor(
      (text) =>
        !document.body.classList.contains('before-reload') &&
        [...document.querySelectorAll('.textLayer')].some((layer) => layer.textContent.includes(text)),
      SENTENCE,
      60_000,
    );
    expect(await painted(view, 1)).toEqual([SENTENCE]);

    // The library's search finds it by a word of its note, with its page; its quote opens the file in the viewer.
    const library = await suite.browser.openExtensionPage('library.html');
    await clickOn(library, 'input[type="search"]');
    await library.type('tables');
    await library.waitFor(
      (title) => [...document.querySelectorAll('.row .page-title')].map((e) => e.textContent).join('|') === title,
      PDF_TITLE,
      30_000,
    );
    expect(await library.evaluate(() => document.querySelector('.detail .quote')?.textContent)).toBe(SENTENCE);
    expect(await library.evaluate(() => document.querySelector('.detail .pdf-page')?.textContent)).toBe('p. 1');
    expect(await library.evaluate(() => document.querySelector('.detail a.quote-button')?.getAttribute('href'))).toBe(
      `${suite.browser.extensionOrigin}${viewerPath('/shared/tides.pdf')}`,
    );
    expect(library.consoleErrors()).toEqual([]);
    await library.close();

    // The same file at another address: the same fingerprint, the same highlight.
    const mirror = await suite.browser.openExtensionPage(viewerPath('/shared/mirror/copy-of-tides.pdf'));
    await mirror.waitFor(layerHas, SENTENCE, 60_000);
    expect(await mirror.evaluate(() => document.body.dataset.pdfUrn)).toBe(urn);
    expect(await painted(mirror, 1)).toEqual([SENTENCE]);
    // A change made elsewhere (the background asked as the library asks it) reaches the open viewer.
    await suite.askBackground({ type: 'highlight:update', id: record!.id, color: 'green' });
    await mirror.waitFor(() => (CSS.highlights.get('clearmark-green')?.size ?? 0) === 1, undefined, 30_000);
    expect(await mirror.evaluate(() => CSS.highlights.get('clearmark-yellow')?.size ?? 0)).toBe(0);
    expect(view.consoleErrors()).toEqual([]);
    await mirror.close();
    await view.close();
  });

  it('a drag from one page onto the next makes one highlight across both, painted on each', async () => {
    const view = await suite.browser.openExtensionPage(viewerPath('/shared/tides.pdf'));
    await view.waitFor(layerHas, 'pull together', 60_000);
    const urn = (await view.evaluate(() => document.body.dataset.pdfUrn))!;
    const before = (await stored(urn)).length;
    await drag(view, 'spring tide rises', 'moon pull together');
    await view.press('KeyH', ['Alt', 'Shift']);
    await until(async () => (await stored(urn)).length === before + 1, 30_000, 'the highlight to be kept');
    await view.press('Escape');
    const made = (await stored(urn)).find((h) => h.target.quote.exact.startsWith('spring'))!;
    expect(made.target.quote.exact).toMatch(
      /^spring tide rises higher than\s+any other tide, because the sun and the moon pull together$/,
    );
    // One highlight, painted as two ranges: the end of page 1 and the start of page 2.
    const texts = await painted(view, before + 2);
    expect(texts).toContain('spring tide rises higher than');
    expect(texts).toContain('any other tide, because the sun and the moon pull together');

    // The popup over the viewer lists the PDF's highlights, each with its page; a click shows it in the PDF.
    // Zoomed in and scrolled to the last page, the highlight is out of sight. Zoomed in once more
    // there, PDF.js leaves the first page undrawn at the new size, its text hidden until it is drawn.
    for (let i = 0; i < 4; i++) await clickOn(view, '[data-action="zoom-in"]');
    await view.evaluate(() => {
      const c = document.querySelector('.pdf-container')!;
      c.scrollTo(0, c.scrollHeight);
    });
    await clickOn(view, '[data-action="zoom-in"]');
    const tabId = await suite.helper.waitFor(ownPageTabId, `/${viewerPath('/shared/tides.pdf')}`, 15_000);
    const popup = await suite.browser.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.waitFor(
      (quote) => [...document.querySelectorAll('.highlight .quote')].some((q) => q.textContent.startsWith(quote)),
      'spring tide rises',
      30_000,
    );
    const item = `.highlight[data-id="${made.id}"]`;
    expect(await popup.evaluate((at) => document.querySelector(`${at} .pdf-page`)?.textContent, item)).toBe('p. 1');
    expect(await popup.evaluate(() => document.querySelectorAll('[data-action="open-pdf"]').length)).toBe(0);
    const inView = () => {
      for (const range of CSS.highlights.get('clearmark-yellow') ?? []) {
        if (!(range instanceof Range) || !range.toString().startsWith('spring tide')) continue;
        const box = range.getBoundingClientRect();
        if (box.height > 0 && box.top >= 0 && box.bottom <= innerHeight) return true;
      }
      return false;
    };
    expect(await view.evaluate(inView)).toBe(false);
    await clickOn(popup, `${item} .quote-button`);
    await view.waitFor(inView, undefined, 30_000);
    expect(popup.consoleErrors()).toEqual([]);
    await popup.close();
    await view.close();
  });

  it('a long PDF opened for the first time: a sentence highlighted as soon as its page shows is kept', async () => {
    // Its thousand pages' text is still being read when the first page shows: the key must not wait for it.
    const { view, urn } = await highlightedInViewer(
      '/shared/tide-tables.pdf',
      SENTENCE,
      'Fishermen learn',
      'row a boat.',
    );
    await until(async () => (await stored(urn)).length === 1, 30_000, 'the highlight to be kept');
    expect((await stored(urn))[0]).toMatchObject({ target: { quote: { exact: SENTENCE } } });
    expect(await view.evaluate(() => document.querySelector('.pdf-title')?.textContent)).toBe(LONG_PDF_TITLE);
    await view.press('Escape');

    // Read on to the last page, far from the first (PDF.js has let go of the first page's text by then),
    // a click on the highlight in the popup brings the reader back to it.
    await view.evaluate(() => {
      const c = document.querySelector('.pdf-container')!;
      c.scrollTo(0, c.scrollHeight);
    });
    await view.waitFor(layerHas, 'Week 999, day 4', 60_000);
    expect(await view.evaluate(sentenceInView)).toBe(false);
    const tabId = await suite.helper.waitFor(ownPageTabId, `/${viewerPath('/shared/tide-tables.pdf')}`, 15_000);
    const popup = await suite.browser.openExtensionPage(`popup.html?tab=${tabId}`);
    await clickOn(popup, '.highlight .quote-button');
    await view.waitFor(sentenceInView, undefined, 30_000);
    expect(popup.consoleErrors()).toEqual([]);
    await popup.close();
    expect(view.consoleErrors()).toEqual([]);
    await view.close();
  });

  it('find, zoom and the outline answer the toolbar', async () => {
    const view = await suite.browser.openExtensionPage(viewerPath('/shared/tides.pdf'));
    await view.waitFor(layerHas, SENTENCE, 60_000);
    expect(await view.evaluate(() => document.querySelector('.pdf-page-number span')?.textContent)).toBe('of 3');

    await clickOn(view, 'input[name="find"]');
    await view.type('tide');
    // “tide” five times: “Tides”, “tides” and “spring tide” on page 1, two on page 2.
    await view.waitFor(() => document.querySelector('.pdf-find-result')?.textContent === '1 of 5', undefined, 30_000);
    await view.press('Enter');
    await view.waitFor(
      () => document.querySelector('.pdf-find-result')?.textContent.startsWith('2 of'),
      undefined,
      30_000,
    );

    const width = () => document.querySelector('.page')!.getBoundingClientRect().width;
    const first = await view.evaluate(width);
    await clickOn(view, '[data-action="zoom-out"]');
    await view.waitFor((w) => document.querySelector('.page')!.getBoundingClientRect().width < w - 10, first, 30_000);
    await clickOn(view, '[data-action="zoom-in"]');
    await clickOn(view, '[data-action="zoom-in"]');
    await view.waitFor((w) => document.querySelector('.page')!.getBoundingClientRect().width > w + 10, first, 30_000);
    // Fit width: the page as wide as the viewer, less its margins.
    await clickOn(view, '[data-action="fit-width"]');
    await view.waitFor(
      () =>
        document.querySelector('.page')!.getBoundingClientRect().width >
        document.querySelector('.pdf-container')!.clientWidth * 0.9,
      undefined,
      30_000,
    );
    // Drawn again at the new size, the page is still the size of its text.
    await view.waitFor(
      () => {
        const page = document.querySelector('.page')!;
        const canvas = page.querySelector('canvas');
        return canvas && Math.abs(canvas.width / devicePixelRatio - page.getBoundingClientRect().width) < 40;
      },
      undefined,
      30_000,
    );
    expect(await view.evaluate(drawnPageMismatch)).toBeLessThan(1);

    await clickOn(view, '[data-action="outline"]');
    expect(
      await view.waitFor(() => document.querySelector('.pdf-outline:not([hidden]) p')?.textContent, undefined, 30_000),
    ).toBe('This PDF has no outline.');
    await view.close();
  });

  it('a Japanese PDF whose font is not embedded has its text to select and highlight', async () => {
    const { view, urn } = await highlightedInViewer('/shared/tides-ja.pdf', JAPANESE_SENTENCE, '潮の満ち', '決める。');
    expect((await stored(urn)).map((h) => h.target.quote.exact)).toEqual([JAPANESE_SENTENCE]);
    await view.close();
  });

  it('a PDF its site does not share asks for access first, and opens once given', async () => {
    const view = await suite.browser.openExtensionPage(viewerPath('/private/tides.pdf'));
    if (name === 'firefox') {
      expect(
        await view.waitFor(() => document.querySelector('[data-action="allow-pdf"]')?.textContent, undefined, 30_000),
      ).toBe('Allow and open');
      // Firefox grants the optional permission in tests without the prompt a person answers.
      await clickOn(view, '[data-action="allow-pdf"]');
    }
    // Chromium lets an extension page read from this computer's own server without asking (the
    // loopback): the file opens at once.
    await view.waitFor(layerHas, SENTENCE, 60_000);
    await view.close();
  });

  // Headless Chromium never answers a permission request (TESTING.md): turning this on asks for
  // access to sites, so it is used in Firefox, whose test profile grants it as a person would.
  it.runIf(name === 'firefox')(
    'with “Open PDFs in Clearmark” on, a web PDF opens in the viewer; its ↗ link opens the file itself, left alone',
    async () => {
      const view = await suite.browser.openExtensionPage(viewerPath('/shared/tides.pdf'));
      await view.waitFor(layerHas, SENTENCE, 60_000);
      const viewerTab = await suite.helper.waitFor(ownPageTabId, `/${viewerPath('/shared/tides.pdf')}`, 15_000);
      const popup = await suite.browser.openExtensionPage(`popup.html?tab=${viewerTab}`);
      await clickOn(popup, 'input[name="always-open-pdfs"]');
      await popup.waitFor(
        () => document.querySelector<HTMLInputElement>('input[name="always-open-pdfs"]')?.checked === true,
        undefined,
        15_000,
      );
      const settings = await suite.askBackground<{ value: { openPdfsInViewer: boolean } }>({ type: 'settings:get' });
      expect(settings.value.openPdfsInViewer).toBe(true);
      await popup.close();
      await view.close();

      // A PDF's web address, opened in a tab, lands in the viewer.
      const file = pdfs.server.url('/shared/mirror/copy-of-tides.pdf');
      const tab = await suite.browser.openWithoutWaiting(file);
      const viewerUrl = `${suite.browser.extensionOrigin}${viewerPath('/shared/mirror/copy-of-tides.pdf')}`;
      await tab.waitFor((url) => location.href === url, viewerUrl, 30_000);
      await tab.waitFor(layerHas, SENTENCE, 60_000);

      // Its ↗ link: the file itself, in the browser's own viewer, not sent back to Clearmark's.
      const original = await tab.evaluate(
        () => document.querySelector<HTMLAnchorElement>('a[data-action="original"]')!.href,
      );
      expect(original).toBe(`${file}#clearmark-original`);
      await clickOn(tab, 'a[data-action="original"]');
      await tab.waitFor((url) => location.href === url && document.readyState === 'complete', original, 30_000);
      // A round trip through the background after the file loaded: a redirect would have been asked for by now.
      await suite.askBackground({ type: 'settings:get' });
      expect(await tab.evaluate(() => location.href)).toBe(original);

      // The popup over the file in the browser's viewer offers Clearmark's, in the same tab.
      const fileTab = await suite.helper.waitFor(
        async (url) => {
          type Tab = { id?: number; url?: string };
          const api = (globalThis as unknown as { browser: { tabs: { query(q: object): Promise<Tab[]> } } }).browser;
          return (await api.tabs.query({})).find((t) => t.url === url)?.id ?? null;
        },
        original,
        15_000,
      );
      const offer = await suite.browser.openExtensionPage(`popup.html?tab=${fileTab}`);
      await clickOn(offer, '[data-action="open-pdf"]');
      await tab.waitFor((url) => location.href === url, viewerUrl, 30_000);
      await tab.waitFor(layerHas, SENTENCE, 60_000);
      await tab.close();
      await suite.askBackground({ type: 'settings:set', settings: { openPdfsInViewer: false } });
    },
  );
});
