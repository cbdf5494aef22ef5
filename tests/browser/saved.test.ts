/**
 * Saved articles as a person uses them, in Chromium and Firefox: Alt+Shift+S on an article, the
 * popup's Save for later, and the first highlight on a page each keep a copy; the library's Saved
 * view lists it and opens it; the copy reads with the site's server gone (text and highlights
 * from storage alone); a highlight made in the copy shows on the live page; a passage the live
 * page lost is shown in the copy, and the popup says so and links there.
 */
import { describe, expect, it } from 'vitest';
import type { HighlightRecord, SavedListItem } from '../../utils/shared/model';
import { BROWSERS, type PageHandle } from './browsers';
import { startFixtureServer } from './fixture-server';
import {
  copyDragPoints,
  markCenter,
  ownPageTabId,
  paintedHighlights,
  panelControl,
  selectText,
  tabIdOf,
  textsOf,
} from './page-probes';
import { SEED_KEY_PATH, clickOn, until, useBrowser, useFixtureServer } from './suite';

const fixtures = useFixtureServer();
const ARTICLE_KEY = '/coast/lighthouse-logbooks/';

/** What the saved copy page shows: its title, text, the highlights drawn in it, its pictures. */
function copyShown(): {
  title: string;
  text: string;
  marks: number;
  images: string[];
  styled: boolean;
  loaded: boolean;
} | null {
  const root = document.querySelector('clearmark-ui')?.shadowRoot;
  const body = root?.querySelector('.body');
  if (!root || !body || !body.textContent) return null;
  return {
    title: root.querySelector('.title')?.textContent ?? '',
    text: body.textContent,
    marks: root.querySelectorAll('.marks .mark').length,
    images: [...body.querySelectorAll('img')].map((img) => img.getAttribute('src') ?? ''),
    // The reader's own stylesheet applies (the page's CSP allows no inline style), and pictures load by address.
    styled: getComputedStyle(root.querySelector('.reader')!).position === 'fixed',
    loaded: [...body.querySelectorAll('img')].every((img) => img.complete && img.naturalWidth > 0),
  };
}

describe.each(BROWSERS)('%s', (name) => {
  const suite = useBrowser(name);
  const savedList = async () =>
    (await suite.askBackground<{ ok: true; value: SavedListItem[] }>({ type: 'saved:list' })).value;
  const savedOf = async (path: string) => (await savedList()).find((i) => i.url === fixtures.server.url(path));

  async function open(path: string, key = path): Promise<{ page: PageHandle; tabId: number }> {
    const page = await suite.browser.open(fixtures.server.url(path));
    const tabId = await suite.helper.waitFor(tabIdOf, fixtures.server.url(key), 15_000);
    await page.bringToFront();
    return { page, tabId };
  }

  const highlightsOf = async (url: string) =>
    (await suite.askBackground<{ value: { highlights: HighlightRecord[] } }>({ type: 'page:highlights', url })).value
      .highlights;
  /**
   * The test article saved with Alt+Shift+S, its copy open, and `passage` in it highlighted with the
   * selection toolbar's green swatch, as a person does it.
   */
  async function highlightInCopy(
    passage: string,
  ): Promise<{ copy: PageHandle; url: string; made: HighlightRecord; at: { x: number; y: number } }> {
    const { page } = await open('/saved-article/', ARTICLE_KEY);
    await page.press('KeyS', ['Alt', 'Shift']);
    const url = fixtures.server.url(ARTICLE_KEY);
    await until(async () => !!(await savedList()).find((i) => i.url === url), 30_000, 'the saved copy');
    await page.close();
    const copy = await suite.browser.openExtensionPage(`reader.html?url=${encodeURIComponent(url)}`);
    // Ready once it answers as a page does (utils/pages/own-page-answers.ts): its highlights read and
    // the place it was last left restored, so the passage stays where it is scrolled to.
    await copy.waitFor(() => '__clearmarkPageAnswers' in window, undefined, 30_000);
    const before = (await highlightsOf(url)).length;
    const points = await copy.waitFor(copyDragPoints, passage, 30_000);
    await copy.mouseMove(points.from.x, points.from.y);
    await copy.mouseDown();
    await copy.mouseMove(points.to.x, points.to.y, 12);
    await copy.mouseUp();
    // The toolbar beside the selection: its green swatch, clicked.
    const green = await copy.waitFor(panelControl, '[aria-label="Highlight green"]', 15_000);
    await copy.click(green.x, green.y);
    let made: HighlightRecord | undefined;
    await until(
      async () => !!(made = (await highlightsOf(url)).find((h) => h.target.quote.exact === passage)),
      30_000,
      'the highlight made with the toolbar',
    );
    expect((await highlightsOf(url)).length).toBe(before + 1);
    return { copy, url, made: made!, at: { x: points.from.x + 4, y: points.from.y } };
  }

  it('Alt+Shift+S saves the seed article, and says so; the Saved view lists it; its title opens the copy, with the article’s text and pictures and none of the clutter', async () => {
    const { page, tabId } = await open('/seed/', SEED_KEY_PATH);
    await page.press('KeyS', ['Alt', 'Shift']);
    await until(async () => !!(await savedOf(SEED_KEY_PATH)), 30_000, 'the saved copy');
    await until(
      async () =>
        /Saved for later/.test(
          (await suite.askTab<{ value: { notice: string } }>(tabId, { type: 'ui:get' })).value.notice,
        ),
      15_000,
      'the notice',
    );
    const item = (await savedOf(SEED_KEY_PATH))!;
    expect(item).toMatchObject({ state: 'unread', progress: 0, site: expect.any(String) });
    expect(item.words).toBeGreaterThan(300);
    expect(item.title).toMatch(/Alibaba/);

    const library = await suite.browser.openExtensionPage('library.html');
    await clickOn(library, '[data-view="saved"]');
    await library.waitFor(textsOf, '.saved-title');
    expect((await library.evaluate(textsOf, '.saved-title'))!.some((t) => /Alibaba/.test(t))).toBe(true);
    await clickOn(library, `.saved-item[data-url="${fixtures.server.url(SEED_KEY_PATH)}"] .saved-title`);
    const shown = await library
      .waitFor(
        () => {
          const root = document.querySelector('clearmark-ui')?.shadowRoot;
          const images = [...(root?.querySelectorAll<HTMLImageElement>('.body img') ?? [])];
          return images.length > 0 && images.every((img) => img.complete) ? true : null;
        },
        undefined,
        30_000,
      )
      .then(() => library.evaluate(copyShown))
      .then((s) => s!);
    expect(shown.title).toMatch(/Alibaba/);
    expect(shown.styled).toBe(true);
    expect(shown.loaded).toBe(true);
    expect(shown.text).toContain('Alibaba’s downfall was swift.');
    for (const clutter of ['This website uses cookies', 'Read More', 'Share this', 'Related Posts'])
      expect(shown.text).not.toContain(clutter);
    expect(shown.images.map((src) => src.split('/').pop())).toEqual(['figure-nanjing.svg', 'figure-jack-ma.svg']);
    expect(await library.evaluate(() => location.pathname + location.search)).toBe(
      `/reader.html?url=${encodeURIComponent(fixtures.server.url(SEED_KEY_PATH))}`,
    );
    await library.close();
    await page.close();
  });

  it('the first highlight on a page saves its article; the popup then offers the copy instead of Save for later; with the setting off, it does not', async () => {
    const { page, tabId } = await open('/rich-article/');
    const { url } = (await suite.askTab<{ value: { url: string } }>(tabId, { type: 'page:info' })).value;
    expect(await savedOf(new URL(url).pathname)).toBeUndefined();
    const first = await page.evaluate(
      () =>
        document
          .querySelector('article p')
          ?.textContent.trim()
          .split(/(?<=\.)\s/)[0] ?? '',
    );
    await page.evaluate(selectText, first);
    await page.press('KeyH', ['Alt', 'Shift']);
    await page.waitFor(paintedHighlights);
    await until(
      async () => (await savedList()).some((i) => i.url === url && i.highlights === 1),
      30_000,
      'the article saved with its first highlight',
    );
    const popup = await suite.browser.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.waitFor(() => !!document.querySelector('[data-action="open-saved"]'));
    expect(await popup.evaluate(() => document.querySelector('[data-action="save"]'))).toBeNull();
    await popup.close();
    await page.close();

    // Turned off in the Saved view, a first highlight keeps the highlight alone.
    const library = await suite.browser.openExtensionPage('library.html?view=saved');
    const setting = async (on: boolean) => {
      await clickOn(library, 'input[name="save-with-first-highlight"]');
      await until(
        async () =>
          (await suite.askBackground<{ value: { saveWithFirstHighlight: boolean } }>({ type: 'settings:get' })).value
            .saveWithFirstHighlight === on,
        15_000,
        `the setting ${on ? 'on' : 'off'}`,
      );
    };
    await setting(false);
    try {
      const other = await open('/cookie-article/');
      const otherUrl = (await suite.askTab<{ value: { url: string } }>(other.tabId, { type: 'page:info' })).value.url;
      await other.page.evaluate(selectText, 'Browning the butter takes five minutes and changes everything.');
      await other.page.press('KeyH', ['Alt', 'Shift']);
      await until(
        async () =>
          (await suite.askBackground<{ value: { highlights: unknown[] } }>({ type: 'page:highlights', url: otherUrl }))
            .value.highlights.length === 1,
        30_000,
        'the highlight stored',
      );
      const otherPopup = await suite.browser.openExtensionPage(`popup.html?tab=${other.tabId}`);
      expect(await otherPopup.waitFor(() => !!document.querySelector('[data-action="save"]'))).toBe(true);
      expect((await savedList()).some((i) => i.url === otherUrl)).toBe(false);
      await otherPopup.close();
      await other.page.close();
    } finally {
      // On again, as the other tests expect.
      await setting(true);
      await library.close();
    }
  });

  it('the popup’s Save for later keeps the article; the copy reads with the site’s server gone, its highlight drawn; a highlight made in the copy shows on the live page', async () => {
    // A server of its own, stopped once the article is saved: the copy must need nothing from it.
    const own = await startFixtureServer();
    const page = await suite.browser.open(own.url('/saved-article/'));
    const tabId = await suite.helper.waitFor(tabIdOf, own.url(ARTICLE_KEY), 15_000);
    await page.bringToFront();
    const popup = await suite.browser.openExtensionPage(`popup.html?tab=${tabId}`);
    await clickOn(popup, '[data-action="save"]');
    await popup.waitFor(() => !!document.querySelector('[data-action="open-saved"]'));
    await popup.close();
    const url = own.url(ARTICLE_KEY);
    await page.evaluate(selectText, 'the fog came in at dusk and did not lift for three days');
    await page.press('KeyH', ['Alt', 'Shift']);
    await page.waitFor(paintedHighlights);
    await until(
      async () => ((await savedList()).find((i) => i.url === url)?.highlights ?? 0) === 1,
      30_000,
      'the highlight counted',
    );
    await page.close();
    await own.close();

    const copy = await suite.browser.openExtensionPage(`reader.html?url=${encodeURIComponent(url)}`);
    const shown = await copy.waitFor(
      () => {
        const s = (function probe() {
          const root = document.querySelector('clearmark-ui')?.shadowRoot;
          const body = root?.querySelector('.body');
          return body?.textContent
            ? { text: body.textContent, marks: root!.querySelectorAll('.marks .mark').length }
            : null;
        })();
        return s && s.marks > 0 ? s : null;
      },
      undefined,
      30_000,
    );
    expect(shown.text).toContain('The quietest passage in the whole archive');
    expect(shown.text).toContain('photographed page by page');

    // Select a sentence in the copy by dragging across it, as a person does, and press the key.
    const points = await copy.waitFor(copyDragPoints, 'a volunteer over six patient years');
    await copy.mouseMove(points.from.x, points.from.y);
    await copy.mouseDown();
    await copy.mouseMove(points.to.x, points.to.y, 12);
    await copy.mouseUp();
    await copy.press('KeyH', ['Alt', 'Shift']);
    await until(
      async () =>
        (await suite.askBackground<{ value: { highlights: unknown[] } }>({ type: 'page:highlights', url })).value
          .highlights.length === 2,
      30_000,
      'the highlight made in the copy',
    );
    await copy.waitFor(
      () => (document.querySelector('clearmark-ui')?.shadowRoot?.querySelectorAll('.marks .mark').length ?? 0) >= 2,
    );
    await copy.close();

    // The live page, served again from the same origin: both highlights painted there.
    const again = await startFixtureServer(undefined, Number(new URL(url).port));
    try {
      const live = await suite.browser.open(again.url('/saved-article/'));
      const painted = await live.waitFor(
        () => {
          const texts = [
            ...((CSS.highlights.get('clearmark-yellow') as unknown as Iterable<Range> | undefined) ?? []),
          ].map((r) => r.toString());
          return texts.length >= 2 ? texts : null;
        },
        undefined,
        30_000,
      );
      expect(painted.join(' | ')).toContain('a volunteer over six patient years');
      await live.close();
    } finally {
      await again.close();
    }
  });

  it('a passage the live page lost: the popup says it is in the saved copy and links there; the copy shows it in place; the library offers the copy beside the page', async () => {
    const { page } = await open('/saved-article/', ARTICLE_KEY);
    await page.evaluate(selectText, 'The quietest passage in the whole archive');
    await page.press('KeyH', ['Alt', 'Shift']);
    await page.waitFor(paintedHighlights);
    const url = fixtures.server.url(ARTICLE_KEY);
    await until(
      async () => !!(await savedList()).find((i) => i.url === url),
      30_000,
      'the copy saved with the first highlight',
    );

    // The page changes: that paragraph is gone.
    await page.goto(fixtures.server.url('/saved-article-changed/'));
    const tabId = await suite.helper.waitFor(tabIdOf, url, 15_000);
    const popup = await suite.browser.openExtensionPage(`popup.html?tab=${tabId}`);
    const link = await popup.waitFor(
      () => document.querySelector<HTMLAnchorElement>('[data-action="orphans-in-copy"]')?.textContent ?? null,
      undefined,
      30_000,
    );
    expect(link).toMatch(/in the saved copy/);
    expect(
      await popup.evaluate(() =>
        document.querySelector<HTMLAnchorElement>('[data-action="orphans-in-copy"]')!.getAttribute('href'),
      ),
    ).toContain(`reader.html?url=${encodeURIComponent(url)}`);
    await popup.close();

    const copy = await suite.browser.openExtensionPage(`reader.html?url=${encodeURIComponent(url)}`);
    const drawn = await copy.waitFor(
      () => {
        const root = document.querySelector('clearmark-ui')?.shadowRoot;
        return root && root.querySelectorAll('.marks .mark').length > 0
          ? root.querySelector('.body')!.textContent
          : null;
      },
      undefined,
      30_000,
    );
    expect(drawn).toContain('The quietest passage in the whole archive');
    await copy.close();

    // The library offers the copy beside the page's highlights.
    const library = await suite.browser.openExtensionPage('library.html');
    const row = await library.waitFor(
      () => {
        const el = [...document.querySelectorAll('.page-row')].find((r) =>
          r.textContent.includes('What the lighthouse logbooks kept'),
        );
        const box = el?.getBoundingClientRect();
        return box ? { x: box.x + box.width / 2, y: box.y + box.height / 2 } : null;
      },
      undefined,
      30_000,
    );
    await library.click(row.x, row.y);
    const href = await library.waitFor(
      () => document.querySelector('[data-action="show-in-copy"]')?.getAttribute('href') ?? null,
      undefined,
      30_000,
    );
    // (Another test saved the same article from another origin: either page's row leads to its own copy.)
    expect(href).toContain('/reader.html?url=');
    expect(decodeURIComponent(href)).toMatch(
      /^.*\/reader\.html\?url=http:\/\/127\.0\.0\.1:\d+\/coast\/lighthouse-logbooks\/$/,
    );
    await library.close();
    await page.close();
  });

  it('in the copy, the selection toolbar highlights in a color, and a click on the highlight opens the card: a note and a tag typed there are kept, for the live page’s address', async () => {
    const { copy, url, made } = await highlightInCopy('a season when no ship came for eleven weeks');
    expect(made).toMatchObject({ color: 'green', url });

    // A click on the highlight opens its card; a note and a tag typed there are kept.
    const mark = await copy.waitFor(markCenter, undefined, 15_000);
    await copy.click(mark.x, mark.y);
    const note = await copy.waitFor(panelControl, '[data-control="note"]', 15_000);
    await copy.click(note.x, note.y);
    await copy.type('Eleven weeks alone');
    const tag = await copy.waitFor(panelControl, '[data-control="tag"]', 15_000);
    await copy.click(tag.x, tag.y);
    await copy.type('keepers');
    await copy.press('Enter');
    await until(
      async () => {
        const now = (await highlightsOf(url)).find((h) => h.id === made.id);
        return now?.note === 'Eleven weeks alone' && (now.tags ?? []).includes('keepers');
      },
      30_000,
      'the note and tag typed in the copy’s card',
    );

    // The popup over the copy lists the page's highlights, the one made here with its note.
    await copy.press('Escape');
    const tabId = await suite.helper.waitFor(ownPageTabId, `/reader.html?url=${encodeURIComponent(url)}`, 15_000);
    const popup = await suite.browser.openExtensionPage(`popup.html?tab=${tabId}`);
    expect(
      await popup.waitFor(
        (id) => document.querySelector(`.highlight[data-id="${id}"] .note`)?.textContent ?? null,
        made.id,
        30_000,
      ),
    ).toBe('Eleven weeks alone');
    expect(popup.consoleErrors()).toEqual([]);
    await popup.close();
    await copy.close();

    // The Saved view's tag filter: only the article with a highlight tagged so.
    const library = await suite.browser.openExtensionPage('library.html?view=saved');
    await library.waitFor(
      () =>
        document.querySelectorAll('.saved-item').length > 1 && !!document.querySelector('select[data-filter="tag"]'),
      undefined,
      30_000,
    );
    await library.evaluate(() => document.querySelector<HTMLSelectElement>('select[data-filter="tag"]')!.focus());
    await library.press('ArrowDown');
    expect(
      await library.waitFor(
        () =>
          document.querySelectorAll('.saved-item').length === 1
            ? document.querySelector('.saved-item')!.getAttribute('data-url')
            : null,
        undefined,
        15_000,
      ),
    ).toBe(url);
    await library.close();
  });

  it('in the copy, a note typed after its highlight was deleted elsewhere is not lost: the copy says so, with the note', async () => {
    const { copy, made, at } = await highlightInCopy('the fog came in at dusk and did not lift for three days');
    // Its card open, the highlight is deleted from another tab; then a note is typed and the card closed.
    await copy.click(at.x, at.y);
    const note = await copy.waitFor(panelControl, '[data-control="note"]', 15_000);
    await suite.askBackground({ type: 'highlight:delete', id: made.id });
    await copy.click(note.x, note.y);
    await copy.type('Three days of fog');
    await copy.press('Escape');
    const notice = await copy.waitFor(
      () => {
        for (const host of document.querySelectorAll('clearmark-ui')) {
          const text = host.shadowRoot?.querySelector('.notice span')?.textContent;
          if (text) return text;
        }
        return null;
      },
      undefined,
      30_000,
    );
    expect(notice).toMatch(/^Clearmark could not save your note: .+ Your note, to copy: Three days of fog$/);
    expect(copy.consoleErrors()).toEqual([]);
    await copy.close();
  });

  it('the library’s search finds a word only an article’s body holds, with the words around it marked, and opens the copy', async () => {
    const { page } = await open('/saved-article/', ARTICLE_KEY);
    await page.press('KeyS', ['Alt', 'Shift']);
    const url = fixtures.server.url(ARTICLE_KEY);
    await until(async () => !!(await savedList()).find((i) => i.url === url), 30_000, 'the saved copy');
    await page.close();
    const library = await suite.browser.openExtensionPage('library.html?view=saved');
    await clickOn(library, '.saved-search');
    await library.type('thickened');
    // (Another test saved the same article from another origin: both copies are found.)
    const found = await library.waitFor(
      (wanted) => {
        const item = [...document.querySelectorAll('.found-article')].find(
          (i) => i.getAttribute('data-url') === wanted,
        );
        return item
          ? {
              marked: [...item.querySelectorAll('mark')].map((m) => m.textContent),
              snippet: item.querySelector('.found-snippet')?.textContent ?? '',
            }
          : null;
      },
      url,
      30_000,
    );
    expect(found.marked).toEqual(['thickened']);
    expect(found.snippet).toContain('a cold winter in which the oil thickened');
    // No highlight holds the word: none listed.
    expect(await library.evaluate(() => document.querySelectorAll('.found-highlight').length)).toBe(0);
    await clickOn(library, `.found-article[data-url="${url}"] .saved-title`);
    const shown = await library.waitFor(copyShown, undefined, 30_000);
    expect(shown.text).toContain('the oil thickened');
    await library.close();

    // The popup's search box finds it too, listed apart from highlights.
    const { page: seed, tabId } = await open('/seed/', SEED_KEY_PATH);
    const popup = await suite.browser.openExtensionPage(`popup.html?tab=${tabId}`);
    await clickOn(popup, 'input[type="search"]');
    await popup.type('thickened');
    const inPopup = await popup.waitFor(
      (wanted) => [...document.querySelectorAll('.found-article')].some((i) => i.getAttribute('data-url') === wanted),
      url,
      30_000,
    );
    expect(inPopup).toBe(true);
    await popup.close();
    await seed.close();
  });
});

// Headless Chromium never answers a permission request (TESTING.md): the choice that asks for
// access to all sites is made in Firefox, whose test profile grants it as a person would.
describe('firefox', () => {
  const suite = useBrowser('firefox');
  it('pictures kept offline: chosen in the Saved view, fetched when an article is saved, scaled to 1600 px, shown from storage with the site gone, and back whole from a backup', async () => {
    const library = await suite.browser.openExtensionPage('library.html?view=saved');
    await clickOn(library, '.saved-storage summary');
    await library.evaluate(() => document.querySelector<HTMLSelectElement>('select[name="saved-images"]')!.focus());
    await library.press('ArrowDown');
    expect(
      await library.waitFor(
        () => document.querySelector('.saved-storage .storage-message')?.textContent || null,
        undefined,
        30_000,
      ),
    ).toBe('Pictures of articles saved from now on are kept offline.');
    await library.close();

    const own = await startFixtureServer();
    const page = await suite.browser.open(own.url('/saved-pictures/'));
    const url = own.url('/coast/harbour-in-winter-light/');
    await suite.helper.waitFor(tabIdOf, url, 15_000);
    await page.bringToFront();
    await page.press('KeyS', ['Alt', 'Shift']);
    await until(
      async () => (await suite.askBackground<{ value: { images: number } }>({ type: 'storage:use' })).value.images >= 2,
      30_000,
      'both pictures kept',
    );
    await page.close();
    await own.close();

    // The site is gone: the copy shows both pictures, from storage, the large one scaled.
    const copy = await suite.browser.openExtensionPage(`reader.html?url=${encodeURIComponent(url)}`);
    const pictures = await copy.waitFor(
      () => {
        const imgs = [
          ...(document.querySelector('clearmark-ui')?.shadowRoot?.querySelectorAll('.body img') ?? []),
        ] as HTMLImageElement[];
        return imgs.length === 2 && imgs.every((i) => i.complete && i.naturalWidth > 0)
          ? imgs.map((i) => ({ src: i.src.slice(0, 5), width: i.naturalWidth, height: i.naturalHeight }))
          : null;
      },
      undefined,
      30_000,
    );
    expect(pictures).toEqual([
      { src: 'blob:', width: 1600, height: 900 },
      { src: 'blob:', width: expect.any(Number), height: expect.any(Number) },
    ]);

    await copy.close();

    // Backup → delete → restore: the copy and its pictures, the same bytes.
    const backup = (
      await suite.askBackground<{ value: { text: string } }>({ type: 'export', format: 'backup', scope: 'all' })
    ).value.text;
    const pictured = (
      JSON.parse(backup) as { pictures: { article: string; type: string; data: string }[] }
    ).pictures.filter((p) => p.article === url);
    expect(pictured.map((p) => p.type).sort()).toEqual(['image/svg+xml', 'image/webp']);
    await suite.askBackground({ type: 'saved:delete', url });
    expect((await suite.askBackground<{ value: { images: number } }>({ type: 'storage:use' })).value.images).toBe(0);
    await suite.askBackground({ type: 'import', text: backup });
    const restored = (
      await suite.askBackground<{ value: { text: string } }>({ type: 'export', format: 'backup', scope: 'all' })
    ).value.text;
    expect(restored).toBe(backup);
    const reopened = await suite.browser.openExtensionPage(`reader.html?url=${encodeURIComponent(url)}`);
    expect(
      await reopened.waitFor(
        () => {
          const imgs = [
            ...(document.querySelector('clearmark-ui')?.shadowRoot?.querySelectorAll('.body img') ?? []),
          ] as HTMLImageElement[];
          return imgs.length === 2 && imgs.every((i) => i.complete && i.naturalWidth > 0 && i.src.startsWith('blob:'))
            ? imgs.map((i) => i.naturalWidth)
            : null;
        },
        undefined,
        30_000,
      ),
    ).toContain(1600);
    await reopened.close();

    // The Saved view says how much room they take.
    const again = await suite.browser.openExtensionPage('library.html?view=saved');
    await clickOn(again, '.saved-storage summary');
    expect(
      await again.waitFor(
        () => document.querySelector('[data-role="storage-use"]')?.textContent ?? null,
        undefined,
        15_000,
      ),
    ).toMatch(/\d+ pictures kept offline use \d+ kB/);
    await again.close();
  });
});
