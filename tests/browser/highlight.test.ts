/**
 * The vertical slice, used as a person uses it, in Chromium and Firefox: select a sentence,
 * highlight it (keyboard or toolbar), reload, and find it in the popup.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BROWSERS, launch, type ExtensionBrowser, type PageHandle } from './browsers';
import { dragPoints, paintedHighlights, selectText, tabIdOf, toolbarBox } from './page-probes';
import { SEED_KEY_PATH, useFixtureServer } from './suite';

const SENTENCE = 'Alibaba’s downfall was swift.';
const DRAGGED = 'Ant Group, which was also founded by Ma, is a financial technology company';
const fixtures = useFixtureServer();

describe.each(BROWSERS)('%s', (name) => {
  let browser: ExtensionBrowser;
  beforeEach(async () => {
    browser = await launch(name);
  });
  afterEach(() => browser.close());

  /** Opens the seed page and waits until Clearmark's content script answers in it. */
  async function openSeed(): Promise<{ page: PageHandle; tabId: number }> {
    const page = await browser.open(fixtures.server.url('/seed/'));
    const helper = await browser.openExtensionPage('popup.html');
    const tabId = await helper.waitFor(tabIdOf, fixtures.server.url(SEED_KEY_PATH), 15_000);
    await helper.close();
    await page.bringToFront();
    return { page, tabId };
  }

  /** Selects `text` with the mouse, as a person drags across it. */
  async function dragAcross(
    page: PageHandle,
    text: string,
  ): Promise<{ from: { x: number; y: number }; to: { x: number; y: number } }> {
    const points = await page.evaluate(dragPoints, text);
    await page.mouseMove(points.from.x, points.from.y);
    await page.mouseDown();
    await page.mouseMove(points.to.x, points.to.y, 8);
    await page.mouseUp();
    return points;
  }

  it('Alt+Shift+H highlights exactly the selection, it comes back after a reload, and the popup lists it', async () => {
    const { page, tabId } = await openSeed();
    const selected = await page.evaluate(selectText, SENTENCE);
    await page.press('KeyH', ['Alt', 'Shift']);

    expect(await page.waitFor(paintedHighlights)).toEqual([{ name: 'clearmark-yellow', text: selected }]);
    expect(await page.evaluate(() => getSelection()?.isCollapsed)).toBe(true);

    await page.reload();
    expect(await page.waitFor(paintedHighlights)).toEqual([{ name: 'clearmark-yellow', text: selected }]);
    // Painting never rewrites the page: the sentence is still one plain text node in its paragraph.
    expect(
      await page.evaluate(
        (s) =>
          [...document.querySelectorAll('p')].some((p) => p.childNodes.length === 1 && p.textContent.startsWith(s)),
        SENTENCE,
      ),
    ).toBe(true);

    const popup = await browser.openExtensionPage(`popup.html?tab=${tabId}`);
    const listed = await popup.waitFor(() => {
      const quotes = [...document.querySelectorAll('.highlight .quote')].map((q) => q.textContent);
      return quotes.length
        ? {
            quotes,
            count: document.querySelector('.count')?.textContent,
            title: document.querySelector('.title')?.textContent,
          }
        : null;
    });
    expect(listed).toEqual({
      quotes: [SENTENCE],
      count: '1 highlight',
      title: 'Alibaba $100 billion stock rally fueled by AI, Jack Ma return',
    });

    // Clicking it in the popup scrolls the page to it and flashes it.
    await page.evaluate(() => window.scrollTo(0, 0));
    const item = await popup.evaluate(() => {
      const r = document.querySelector('.highlight .quote-button')!.getBoundingClientRect();
      return { x: r.x + 20, y: r.y + r.height / 2 };
    });
    await popup.click(item.x, item.y);
    // A real popup sits over its visible tab; here the popup is a tab of its own, so show the page
    // again (hidden tabs get no animation frames for the smooth scroll).
    await page.bringToFront();
    expect(
      await page.waitFor(
        () =>
          [...((CSS.highlights.get('clearmark-flash') as unknown as Iterable<Range> | undefined) ?? [])].map((r) =>
            r.toString(),
          )[0],
      ),
    ).toBe(SENTENCE);
    expect(await page.waitFor(() => window.scrollY > 200)).toBe(true);
  });

  it('the page edited between visits: a note added above, a word changed inside the highlight', async () => {
    const { page } = await openSeed();
    await page.evaluate(selectText, 'Alibaba’s downfall was swift. Many have credited its beginning');
    await page.press('KeyH', ['Alt', 'Shift']);
    await page.waitFor(paintedHighlights);
    // The edited copy shares the seed page's canonical URL, as the same article would.
    await page.goto(fixtures.server.url('/seed-edited/'));
    expect(await page.waitFor(paintedHighlights)).toEqual([
      { name: 'clearmark-yellow', text: 'Alibaba’s downfall was rapid. Many have credited its beginning' },
    ]);
  });

  it('two sentences highlighted back to back, without waiting, are both kept', async () => {
    const { page } = await openSeed();
    const first = await page.evaluate(selectText, 'Alibaba’s share price was near record lows');
    await page.press('KeyH', ['Alt', 'Shift']);
    const second = await page.evaluate(
      selectText,
      'Alibaba’s U.S.-listed shares have quietly risen nearly 60% this year',
    );
    await page.press('KeyH', ['Alt', 'Shift']);
    const painted = await page.waitFor(() => {
      const found = [...((CSS.highlights.get('clearmark-yellow') as unknown as Iterable<Range> | undefined) ?? [])].map(
        (r) => r.toString(),
      );
      return found.length >= 2 ? found.sort() : null;
    });
    expect(painted).toEqual([first, second].sort());
    await page.reload();
    expect((await page.waitFor(paintedHighlights)).map((h) => h.text).sort()).toEqual([first, second].sort());
  });

  it('the color last highlighted in is the one the toolbar and Alt+Shift+H use next, after a reload too', async () => {
    const { page, tabId } = await openSeed();
    await dragAcross(page, DRAGGED);
    await page.waitFor(toolbarBox);
    const helper = await browser.openExtensionPage('popup.html');
    const toolbar = async () => {
      const answer = (await helper.evaluate(
        ([id, message]) => {
          type Api = { tabs: { sendMessage(i: number, m: unknown): Promise<unknown> } };
          const scope = globalThis as unknown as { browser?: Api; chrome: Api };
          return (scope.browser ?? scope.chrome).tabs.sendMessage(id, message);
        },
        [tabId, { type: 'ui:get' }] as const,
      )) as { value: { toolbar: Record<string, { x: number; y: number; width: number; height: number }> } };
      return answer.value.toolbar;
    };
    const green = (await toolbar())['color-green']!;
    await page.bringToFront();
    await page.click(green.x + green.width / 2, green.y + green.height / 2);
    const selected = (await page.waitFor(paintedHighlights))[0]!.text;
    expect(await page.evaluate(paintedHighlights)).toEqual([{ name: 'clearmark-green', text: selected }]);

    // Another page load: the next highlight by key is green, and the toolbar's Highlight button says so.
    await page.reload();
    await page.waitFor(paintedHighlights);
    const next = await page.evaluate(selectText, SENTENCE);
    await page.press('KeyH', ['Alt', 'Shift']);
    const paintedIn = await page.waitFor((text) => {
      for (const [color, highlight] of CSS.highlights)
        for (const range of highlight as unknown as Iterable<Range>) if (range.toString() === text) return color;
      return null;
    }, next);
    expect(paintedIn).toBe('clearmark-green');
    await helper.close();
  });

  it('a mouse selection shows the toolbar beside it, and clicking Highlight highlights it', async () => {
    const { page, tabId } = await openSeed();
    const { to } = await dragAcross(page, DRAGGED);

    const box = await page.waitFor(toolbarBox);
    // Beside the selection, never over it: the toolbar's top is below the selected line.
    expect(box.y).toBeGreaterThan(to.y);
    const selected = await page.evaluate(() => getSelection()!.getRangeAt(0).toString());
    expect(selected.replace(/\s+/g, ' ')).toContain('which was also founded by Ma, is a financial technology');

    // The toolbar's first button, just inside its left padding, is "Highlight" (the shadow root is
    // closed to page scripts and to test drivers alike, so we click where a person would).
    await page.click(box.x + 20, box.y + box.height / 2);
    const painted = await page.waitFor(paintedHighlights);
    expect(painted).toEqual([{ name: 'clearmark-yellow', text: selected }]);
    expect(await page.evaluate(toolbarBox)).toBeNull();

    const popup = await browser.openExtensionPage(`popup.html?tab=${tabId}`);
    const quotes = await popup.waitFor(() => {
      const found = [...document.querySelectorAll('.highlight .quote')].map((q) => q.textContent);
      return found.length ? found : null;
    });
    expect(quotes).toEqual([selected.replace(/\s+/g, ' ').trim()]);
  });
});
