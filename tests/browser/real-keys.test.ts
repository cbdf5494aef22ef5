/**
 * Clearmark's keys pressed as a person presses them, in Chromium and Firefox showing their windows
 * on a screen of their own (Xvfb), the keys typed through the X server (xdotool). A browser keeps
 * its extensions' shortcut keys from the page; the keys the other tests simulate (DevTools,
 * WebDriver) are handed to the page directly, so only here do Alt+Shift+S and Alt+Shift+H reach
 * Clearmark as the browser's commands alone: an article is read in the reader view (Alt+Shift+R,
 * Escape), highlighted and saved on its page, and the saved copy and the PDF viewer, Clearmark's own pages, which have no content script,
 * highlight with the key too.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HighlightRecord, SavedListItem } from '../../utils/shared/model';
import { BROWSERS, type PageHandle } from './browsers';
import { startFixtureServer, type FixtureServer } from './fixture-server';
import { copyDragPoints, dragPoints, spanDragPoints, tabIdOf } from './page-probes';
import { makePdf } from './pdf-fixtures';
import { until, useBrowser, useFixtureServer } from './suite';
import { startXDisplay, type XDisplay } from './x-display';

const fixtures = useFixtureServer();
const ARTICLE_KEY = '/coast/lighthouse-logbooks/';
const ON_PAGE = 'a season when no ship came for eleven weeks';
const IN_COPY = 'the fog came in at dusk and did not lift for three days';
const IN_PDF = 'Fishermen learn the tables before they learn to row a boat.';

// The browsers below show their windows on this file's own screen.
const screen = {} as { x: XDisplay; display: string | undefined };
const pdfs = {} as { server: FixtureServer; dir: string };
beforeAll(async () => {
  screen.x = await startXDisplay();
  screen.display = process.env.DISPLAY;
  process.env.DISPLAY = screen.x.name;
  pdfs.dir = mkdtempSync(join(tmpdir(), 'clearmark-pdfs-'));
  mkdirSync(join(pdfs.dir, 'shared'));
  writeFileSync(join(pdfs.dir, 'shared/tides.pdf'), await makePdf());
  pdfs.server = await startFixtureServer(pdfs.dir);
});
afterAll(async () => {
  if (screen.display === undefined) delete process.env.DISPLAY;
  else process.env.DISPLAY = screen.display;
  await screen.x.stop();
  await pdfs.server.close();
  rmSync(pdfs.dir, { recursive: true, force: true });
});

/** Drags the mouse from one point to another, selecting what lies between. */
async function drag(page: PageHandle, points: { from: { x: number; y: number }; to: { x: number; y: number } }) {
  await page.mouseMove(points.from.x, points.from.y);
  await page.mouseDown();
  await page.mouseMove(points.to.x, points.to.y, 10);
  await page.mouseUp();
}

describe.each(BROWSERS)('%s', (name) => {
  const suite = useBrowser(name, { headless: false });
  const highlightsOf = async (url: string) =>
    (await suite.askBackground<{ value: { highlights: HighlightRecord[] } }>({ type: 'page:highlights', url })).value
      .highlights;
  const kept = (url: string, quote: string) =>
    until(
      async () => (await highlightsOf(url)).some((h) => h.target.quote.exact === quote),
      30_000,
      `“${quote}” to be kept`,
    );

  /**
   * The page's tab in front, and its window given the keys: clicked near its left edge, half way
   * down (the page's margin, below the browser's toolbars), before any text is selected.
   */
  async function inFront(page: PageHandle): Promise<void> {
    await page.bringToFront();
    await screen.x.click(6, 450);
  }

  it('from the keyboard: an article read in the reader, highlighted and saved, then its copy and a PDF highlighted', async () => {
    const url = fixtures.server.url(ARTICLE_KEY);
    const page = await suite.browser.open(fixtures.server.url('/saved-article/'));
    const tabId = await suite.helper.waitFor(tabIdOf, url, 15_000);
    await inFront(page);
    // Alt+Shift+R opens the reader view, and Escape closes it.
    const readerOpen = async () =>
      (await suite.askTab<{ value: { open: boolean } }>(tabId, { type: 'reader:get' })).value.open;
    await screen.x.key('alt+shift+r');
    await until(readerOpen, 30_000, 'the reader view');
    await screen.x.key('Escape');
    await until(async () => !(await readerOpen()), 30_000, 'the reader view to close');

    await drag(page, await page.evaluate(dragPoints, ON_PAGE));
    await screen.x.key('alt+shift+h');
    await kept(url, ON_PAGE);
    await screen.x.key('alt+shift+s');
    await until(
      async () =>
        (await suite.askBackground<{ value: SavedListItem[] }>({ type: 'saved:list' })).value.some(
          (item) => item.url === url,
        ),
      30_000,
      'the article to be saved',
    );
    await page.close();

    // The saved copy: one of Clearmark's own pages, which the browser's command cannot reach as a content script.
    const copy = await suite.browser.openExtensionPage(`reader.html?url=${encodeURIComponent(url)}`);
    await inFront(copy);
    await drag(copy, await copy.waitFor(copyDragPoints, IN_COPY, 30_000));
    await screen.x.key('alt+shift+h');
    await kept(url, IN_COPY);
    expect(copy.consoleErrors()).toEqual([]);
    await copy.close();

    // The PDF viewer, another of them.
    const viewer = await suite.browser.openExtensionPage(
      `pdf.html?url=${encodeURIComponent(pdfs.server.url('/shared/tides.pdf'))}`,
    );
    await viewer.waitFor(
      (text) => [...document.querySelectorAll('.textLayer')].some((layer) => layer.textContent.includes(text)),
      IN_PDF,
      60_000,
    );
    const urn = (await viewer.evaluate(() => document.body.dataset.pdfUrn))!;
    await inFront(viewer);
    await drag(viewer, await viewer.evaluate(spanDragPoints, { start: 'Fishermen learn', end: 'row a boat.' }));
    await screen.x.key('alt+shift+h');
    await kept(urn, IN_PDF);
    expect(viewer.consoleErrors()).toEqual([]);
    await viewer.close();
  });
});
