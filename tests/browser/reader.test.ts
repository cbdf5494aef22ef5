/**
 * The reader view as a person uses it, in Chromium and Firefox: opened by key and from the popup,
 * closed with Escape back where the reader was; the same text as the engine on the seed page and
 * ten real news pages; nothing from hostile markup runs or survives; themes switch and persist;
 * a highlight made in the reader shows on the page, and one made on the page shows in the reader.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReaderState } from '../../utils/shared/protocol';
import { BROWSERS, type PageHandle } from './browsers';
import { paintedHighlights, selectText, tabIdOf } from './page-probes';
import { SEED_KEY_PATH, until, useBrowser, useFixtureServer } from './suite';
const CORPUS = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../fixtures/corpus/ground-truth.json'), 'utf8'),
) as Record<string, { url: string }>;
const words = (text: string) => text.match(/[\p{L}\p{N}]+/gu)?.join(' ') ?? '';

const fixtures = useFixtureServer();

describe.each(BROWSERS)('%s', (name) => {
  const suite = useBrowser(name);
  // The answer's type is the caller's word for what the message answers, as with `askTab` itself.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
  const ask = <T>(tabId: number, message: object): Promise<{ ok: true; value: T }> => suite.askTab(tabId, message);
  const reader = async (tabId: number) => (await ask<ReaderState>(tabId, { type: 'reader:get' })).value;

  async function open(path: string, key = path): Promise<{ page: PageHandle; tabId: number }> {
    const page = await suite.browser.open(fixtures.server.url(path));
    const tabId = await suite.helper.waitFor(tabIdOf, fixtures.server.url(key), 15_000);
    await page.bringToFront();
    return { page, tabId };
  }

  it('Alt+Shift+R opens the seed article alone, with the engine’s text; Escape returns to the same place', async () => {
    const { page, tabId } = await open('/seed/', SEED_KEY_PATH);
    await page.evaluate(() => window.scrollTo(0, 700));
    const before = await page.evaluate(() => window.scrollY);
    await page.press('KeyR', ['Alt', 'Shift']);
    await suite.helper.waitFor(async () => true);
    // However busy the machine, the view comes: waited for by time, never by a count of asks.
    await until(async () => (await reader(tabId)).open, 15_000, 'the reader view');
    const state = await reader(tabId);
    const article = (await ask<{ text: string }>(tabId, { type: 'article:get' })).value;
    expect(words(state.text)).toBe(words(article.text));
    for (const clutter of [
      'This website uses cookies',
      'Read More',
      'Finance News',
      'Share this',
      'Related Posts',
      'All rights reserved',
    ])
      expect(state.text).not.toContain(clutter);
    expect(state.images.map((src) => src.split('/').pop())).toEqual(['figure-nanjing.svg', 'figure-jack-ma.svg']);

    await page.press('Escape');
    expect((await reader(tabId)).open).toBe(false);
    expect(await page.evaluate(() => window.scrollY)).toBe(before);
    await page.close();
  });

  it('the popup’s Reader view button opens it; it is offered only where there is an article', async () => {
    const { page, tabId } = await open('/seed/', SEED_KEY_PATH);
    const popup = await suite.browser.openExtensionPage(`popup.html?tab=${tabId}`);
    const button = await popup.waitFor(() => {
      const b = document.querySelector<HTMLButtonElement>('[data-action="reader"]');
      const r = b?.getBoundingClientRect();
      return b && r && r.width
        ? { x: r.x + r.width / 2, y: r.y + r.height / 2, disabled: b.disabled, label: b.textContent }
        : null;
    });
    expect(button).toMatchObject({ disabled: false, label: 'Reader view' });
    await popup.click(button.x, button.y);
    // The reader view loads on first use: wait for it as a person would, however busy the machine.
    await suite.helper.waitFor(async () => true);
    await until(async () => (await reader(tabId)).open, 30_000, 'the reader view to open');
    await page.close();

    const home = await open('/home/');
    const homePopup = await suite.browser.openExtensionPage(`popup.html?tab=${home.tabId}`);
    expect(
      await homePopup.waitFor(() => document.querySelector<HTMLButtonElement>('[data-action="reader"]')?.disabled),
    ).toBe(true);
    expect(await ask(home.tabId, { type: 'reader:toggle' })).toEqual({
      ok: false,
      code: 'no-article',
      error: 'Clearmark found no article on this page',
    });
    await homePopup.close();
    await home.page.close();
  });

  it('hostile markup: no script runs, no handler, form, frame, style or javascript: link survives', async () => {
    const { page, tabId } = await open('/hostile-article/');
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    const ranBefore = await page.evaluate(() => (window as unknown as { __ran: number }).__ran);
    expect((await ask<boolean>(tabId, { type: 'reader:toggle', open: true })).value).toBe(true);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
    const paths = (images: string[]) => images.map((src) => (src ? new URL(src).pathname : 'held'));
    // A picture that fails to load leaves no empty box: waited for by time, however busy the machine.
    await until(
      async () => !paths((await reader(tabId)).images).includes('/missing.png'),
      15_000,
      'the failed picture gone',
    );
    const state = await reader(tabId);
    expect(await page.evaluate(() => (window as unknown as { __ran: number }).__ran)).toBe(ranBefore);
    expect(state.unsafeAttributes).toEqual([]);
    expect(state.links).toEqual(['https://example.org/safe']);
    // The lazily loaded figure the page never loaded waits to be asked for (no request the page did not make).
    expect(paths(state.images)).toEqual(['held', '/seed/figure-nanjing.svg', '/seed/figure-nanjing.svg']);
    const show = state.controls['show-images']!;
    await page.click(show.x + show.width / 2, show.y + show.height / 2);
    await until(async () => !paths((await reader(tabId)).images).includes('held'), 15_000, 'the held figure shown');
    expect(paths((await reader(tabId)).images)).toEqual([
      '/seed/figure-jack-ma.svg',
      '/seed/figure-nanjing.svg',
      '/seed/figure-nanjing.svg',
    ]);
    expect(await page.evaluate(() => (window as unknown as { __ran: number }).__ran)).toBe(ranBefore);
    expect(state.text).toContain('The last paragraph ends the article normally');
    expect(state.text).toContain('Styled text tries to cover the screen');
    expect(state.text).not.toContain('secret');
    await page.close();
  });

  it('themes and type settings switch with clicks and persist', async () => {
    const { page, tabId } = await open('/seed/', SEED_KEY_PATH);
    await ask(tabId, { type: 'reader:toggle', open: true });
    const click = async (control: string) => {
      const box = (await reader(tabId)).controls[control];
      if (!box) throw new Error(`no control ${control}`);
      await page.click(box.x + box.width / 2, box.y + box.height / 2);
    };
    await click('settings');
    await click('theme-dark');
    await click('font-sans');
    await click('larger');
    const state = await reader(tabId);
    expect(state.settings).toMatchObject({ theme: 'dark', font: 'sans', size: 3 });
    await page.reload();
    const tabAgain = await suite.helper.waitFor(tabIdOf, fixtures.server.url(SEED_KEY_PATH), 15_000);
    await ask(tabAgain, { type: 'reader:toggle', open: true });
    expect((await reader(tabAgain)).settings).toMatchObject({ theme: 'dark', font: 'sans', size: 3 });

    // Printing shows the article alone: the page underneath is not printed. (Firefox's remote
    // protocol cannot emulate print media, so this is checked in Chromium.)
    if (name === 'chromium') {
      await page.emulateMediaType('print');
      expect(await page.evaluate(() => getComputedStyle(document.body).display)).toBe('none');
      await page.emulateMediaType('screen');
      expect(await page.evaluate(() => getComputedStyle(document.body).display)).not.toBe('none');
    }

    // "Always open articles on this site here": the next visit opens in the reader by itself.
    const again = async (control: string) => {
      const box = (await reader(tabAgain)).controls[control];
      if (!box) throw new Error(`no control ${control}`);
      await page.click(box.x + box.width / 2, box.y + box.height / 2);
    };
    try {
      await again('settings');
      await again('always-open');
      expect((await reader(tabAgain)).settings.alwaysOpenSites).toEqual(['127.0.0.1']);
      await page.reload();
      const third = await suite.helper.waitFor(tabIdOf, fixtures.server.url(SEED_KEY_PATH), 15_000);
      await until(async () => (await reader(third)).open, 15_000, 'the reader view opening by itself');
    } finally {
      await suite.askBackground({
        type: 'settings:set',
        settings: { reader: { alwaysOpenSites: [], theme: 'auto', font: 'serif', size: 2 } },
      });
      await page.close();
    }
  });

  it('the details: one layer closes at a time, an outside click closes the panel, one scrollbar, readable swatches, a steady measure', async () => {
    const { page, tabId } = await open('/seed/', SEED_KEY_PATH);
    await page.press('KeyR', ['Alt', 'Shift']);
    await until(async () => (await reader(tabId)).open, 15_000, 'the reader view');
    // One scrollbar: the page underneath does not scroll while the reader is open.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflowY)).toBe('hidden');
    const click = async (control: string) => {
      const box = (await reader(tabId)).controls[control];
      if (!box) throw new Error(`no control ${control}`);
      await page.click(box.x + box.width / 2, box.y + box.height / 2);
    };
    const panelOpen = async () => 'font-sans' in (await reader(tabId)).controls;

    // Escape closes the settings panel first, then the reader.
    await click('settings');
    expect(await panelOpen()).toBe(true);
    await page.press('Escape');
    expect(await panelOpen()).toBe(false);
    expect((await reader(tabId)).open).toBe(true);
    // A click outside the panel closes it, and leaves the reader open.
    await click('settings');
    // The margin beside the article, far from the panel.
    await page.click(30, 420);
    expect(await panelOpen()).toBe(false);
    expect((await reader(tabId)).open).toBe(true);

    // Every theme swatch's label passes WCAG AA (4.5:1) on its own background.
    await click('settings');
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const luminance = (c: string) => {
      const [r, g, b] = rgb(c).map((v) => {
        const x = v / 255;
        return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const contrast = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi! + 0.05) / (lo! + 0.05);
    };
    const swatches = (await reader(tabId)).swatches;
    expect(Object.keys(swatches).sort()).toEqual(['theme-auto', 'theme-dark', 'theme-light', 'theme-sepia']);
    for (const [swatch, { color, background }] of Object.entries(swatches))
      expect({ swatch, ok: contrast(color, background) >= 4.5 }).toEqual({ swatch, ok: true });

    // The measure stays between 60 and 72 characters a line in either typeface.
    const measures: Record<string, number> = {};
    for (const font of ['serif', 'sans'] as const) {
      await suite.askBackground({ type: 'settings:set', settings: { reader: { font } } });
      await click(`font-${font}`);
      await until(async () => (await reader(tabId)).settings.font === font, 10_000, `the ${font} typeface`);
      measures[font] = (await reader(tabId)).charactersPerLine;
    }
    console.log(`${name}: characters per line, serif ${measures.serif}, sans ${measures.sans}`);
    for (const [font, measure] of Object.entries(measures))
      expect({ font, within: measure >= 60 && measure <= 72 }).toEqual({ font, within: true });
    await suite.askBackground({ type: 'settings:set', settings: { reader: { font: 'serif' } } });
    await page.press('Escape');
    await page.press('Escape');
    expect((await reader(tabId)).open).toBe(false);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflowY)).not.toBe('hidden');
    await page.close();
  });

  it('a picture only a lazy loader names is not fetched by the reader until the reader is asked to show it', async () => {
    const held = '/lazy-images/never-asked.svg';
    const asked = fixtures.server.requests(held);
    const { page, tabId } = await open('/lazy-images/');
    await page.press('KeyR', ['Alt', 'Shift']);
    await until(async () => (await reader(tabId)).open, 15_000, 'the reader view');
    await until(
      async () => (await reader(tabId)).images.includes(fixtures.server.url('/lazy-images/shown.svg')),
      15_000,
      'the picture the page shows',
    );
    await page.evaluate(() => new Promise((r) => setTimeout(r, 1000)));
    expect(fixtures.server.requests(held)).toBe(asked);
    // Until then it takes no room: no broken box beside its description.
    expect((await reader(tabId)).imagesTakingRoom).toEqual([fixtures.server.url('/lazy-images/shown.svg')]);
    const show = (await reader(tabId)).controls['show-images'];
    expect(show).toBeTruthy();
    await page.click(show!.x + show!.width / 2, show!.y + show!.height / 2);
    await until(async () => fixtures.server.requests(held) > asked, 15_000, 'the held picture, once asked for');
    expect((await reader(tabId)).controls['show-images']).toBeUndefined();
    await until(
      async () => (await reader(tabId)).imagesTakingRoom.includes(fixtures.server.url(held)),
      15_000,
      'the held picture in its place',
    );
    await page.close();
  });

  it('an old page laid out in a table: the reader shows no table, a caption after its picture as a caption, no banner, and no box where a picture failed (its caption stays)', async () => {
    const { page, tabId } = await open('/reader-pictures/');
    await page.press('KeyR', ['Alt', 'Shift']);
    await until(async () => (await reader(tabId)).open, 15_000, 'the reader view');
    // The missing picture's request fails and its figure goes: waited for by time, however busy the machine.
    const missing = fixtures.server.url('/reader-pictures/missing.jpg');
    await until(
      async () => !(await reader(tabId)).figures.some((f) => f.src === missing),
      15_000,
      'the failed picture gone',
    );
    const state = await reader(tabId);
    const file = (src: string) => src.split('/').pop();
    expect(state.tables).toBe(0);
    expect(state.overflowRight).toBe(0);
    expect(state.images.map(file)).toEqual(['lead.svg', 'mill.svg']);
    expect(state.figures.map((f) => [file(f.src), f.caption])).toEqual([
      ['mill.svg', 'The mill from the footbridge, after the restoration.'],
      ['', 'The wheel before the restoration.'],
    ]);
    expect(state.text).toContain('The volunteers found the original drawings');
    // Its caption stays: the reader shows all of the article's text, as offline copies must.
    expect(state.text).toContain('The wheel before the restoration.');
    for (const navigation of ['Home', 'Events']) expect(state.text).not.toContain(navigation);
    await page.close();
  });

  it('the standfirst the page sets under its headline shows under the title, once, above the byline; the site’s motto does not', async () => {
    const { page, tabId } = await open('/standfirst-article/');
    await page.press('KeyR', ['Alt', 'Shift']);
    await until(async () => (await reader(tabId)).open, 15_000, 'the reader view');
    const state = await reader(tabId);
    const standfirst =
      'A harbour town has replaced its diesel ferry with one that charges from the tidal current under the pier.';
    const at = state.header.indexOf(standfirst);
    expect(state.header[at - 1]).toBe('The ferry that runs on the tide');
    expect(state.header[at + 1]).toContain('Ana Ribeiro');
    expect(state.text).not.toContain('A harbour town');
    expect(state.text).toContain('For forty years the ferry');
    expect([...state.header, state.text].join(' ')).not.toContain('every Thursday since 1921');
    await page.close();
  });

  it('asked for on a page that is not an article, the reader says so', async () => {
    const { page, tabId } = await open('/home/');
    await page.press('KeyR', ['Alt', 'Shift']);
    await until(
      async () => (await ask<{ notice: string }>(tabId, { type: 'ui:get' })).value.notice !== '',
      15_000,
      'a notice',
    );
    expect((await ask<{ notice: string }>(tabId, { type: 'ui:get' })).value.notice).toBe(
      'Clearmark found no article on this page.',
    );
    expect((await reader(tabId)).open).toBe(false);
    await page.close();
  });

  it('a highlight made in the reader shows on the page, and one made on the page shows in the reader', async () => {
    const { page, tabId } = await open('/seed/', SEED_KEY_PATH);
    await page.evaluate(selectText, 'Alibaba’s downfall was swift.');
    await page.press('KeyH', ['Alt', 'Shift']);
    await page.waitFor(paintedHighlights);

    await ask(tabId, { type: 'reader:toggle', open: true });
    let inReader: string[] = [];
    await until(
      async () => (inReader = (await reader(tabId)).highlights.map((h) => h.text)).length > 0,
      30_000,
      'the highlight in the reader',
    );
    expect(inReader).toContain('Alibaba’s downfall was swift.');

    // Select the reader's first paragraph as a person would: scroll to it, drag across it, press the
    // key. A drag, not a triple click: how many clicks a browser counts depends on the time between
    // them, which a busy machine stretches, while a drag's selection depends only on where it goes.
    // Scrolled with the wheel over the reader: arrow keys scroll only what has focus, and a window
    // the busy machine has not focused yet would take them nowhere.
    let first = (await reader(tabId)).paragraphs[0]!;
    // Where it rests: a wheel may scroll smoothly, and a busy machine draws the scroll late.
    const rest = () =>
      until(
        async () => {
          await page.evaluate(() => new Promise((r) => setTimeout(r, 150)));
          const now = (await reader(tabId)).paragraphs[0]!;
          const settled = now.x === first.x && now.y === first.y && now.height === first.height;
          first = now;
          return settled;
        },
        30_000,
        'the first paragraph to stop moving',
      );
    await page.mouseMove(640, 500);
    await until(
      async () => {
        await rest();
        if (first.y + first.height + 20 <= 800) return true;
        await page.wheel(60);
        return false;
      },
      60_000,
      'the first paragraph scrolled into view',
    );
    expect(first.y).toBeGreaterThan(80); // clear of the reader's sticky bar
    await page.mouseMove(first.x + 1, first.y + 10);
    await page.mouseDown();
    await page.mouseMove(first.x + first.width - 2, first.y + first.height - 6, 12);
    await page.mouseUp();
    let selected = '';
    await until(async () => (selected = (await reader(tabId)).selectedText) !== '', 15_000, 'the selection');
    expect(selected).toMatch(/^In November 2023/);
    await page.press('KeyH', ['Alt', 'Shift']);
    let readerHighlights: string[] = [];
    await until(
      async () =>
        (readerHighlights = (await reader(tabId)).highlights.filter((h) => h.color === 'yellow').map((h) => h.text))
          .length >= 2,
      30_000,
      'two highlights in the reader',
    );
    const made = readerHighlights.find((t) => t.startsWith('In November 2023'))!;
    expect(made).toBeTruthy();

    await page.press('Escape');
    const onPage = await page.waitFor(() => {
      const ranges = [
        ...((CSS.highlights.get('clearmark-yellow') as unknown as Iterable<Range> | undefined) ?? []),
      ].map((r) => r.toString());
      return ranges.length >= 2 ? ranges : null;
    });
    expect(onPage.map((t) => t.trim())).toContain(made.trim());
    await page.close();
  });

  it.each(Object.keys(CORPUS).map((key) => [key.slice(0, 8), key]))(
    'real page %s: the reader shows exactly the engine’s article text',
    async (_short, key) => {
      const path = `/corpus/${key}.html`;
      const page = await suite.browser.open(fixtures.server.url(path));
      const tabId = await suite.helper.waitFor(tabIdOf, fixtures.server.url(path), 15_000);
      const article = (await ask<{ isArticle: boolean; text: string }>(tabId, { type: 'article:get' })).value;
      expect(article.isArticle).toBe(true);
      await ask(tabId, { type: 'reader:toggle', open: true });
      const state = await reader(tabId);
      expect(state.open).toBe(true);
      // The standfirst the article's element holds shows under the title, once: the engine's text opens with it.
      const shown =
        state.standfirst && article.text.includes(state.standfirst) ? `${state.standfirst} ${state.text}` : state.text;
      expect(words(shown)).toBe(words(article.text));
      expect(state.unsafeAttributes).toEqual([]);
      await page.close();
    },
  );
});
