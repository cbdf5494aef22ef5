/**
 * The highlight card as a person uses it, in Chromium and Firefox: click a highlight, change its
 * color, write a note, delete it and undo, on the page and in the reader view.
 */
import { describe, expect, it } from 'vitest';
import type { HighlightRecord } from '../../utils/shared/model';
import { BROWSERS, type PageHandle } from './browsers';
import { highlightPoint, paintedHighlights, selectText, tabIdOf } from './page-probes';
import { SEED_KEY_PATH, useBrowser, useFixtureServer } from './suite';

const fixtures = useFixtureServer();
type Box = { x: number; y: number; width: number; height: number };

describe.each(BROWSERS)('%s', (name) => {
  const suite = useBrowser(name);
  const stored = async () =>
    (
      await suite.askBackground<{ value: { highlights: HighlightRecord[] } }>({
        type: 'page:highlights',
        url: fixtures.server.url(SEED_KEY_PATH),
      })
    ).value.highlights;

  /**
   * Waits until `done` answers true or 30 s have passed: by time, never by a count of asks, since a
   * busy machine answers each ask more slowly.
   */
  async function settle(done: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (!(await done()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  }
  async function card(tabId: number): Promise<Record<string, Box>> {
    let shown: Record<string, Box> = {};
    await settle(async () => {
      const { value } = await suite.askTab<{ value: { card: Record<string, Box> } }>(tabId, { type: 'ui:get' });
      shown = value.card;
      return Object.keys(shown).length > 0;
    });
    if (!Object.keys(shown).length) throw new Error('the highlight card did not open');
    return shown;
  }
  type Drawn = { color: string; text: string; box: Box | null };
  /** The reader's drawn highlights (its own layer, never the page's registry), once `ready` accepts them. */
  async function readerDrawn(tabId: number, ready: (drawn: Drawn[]) => boolean): Promise<Drawn[]> {
    let drawn: Drawn[] = [];
    await settle(async () => {
      const { value } = await suite.askTab<{ value: { highlights: Drawn[] } }>(tabId, { type: 'reader:get' });
      drawn = value.highlights;
      return ready(drawn);
    });
    if (!ready(drawn)) throw new Error('the reader did not draw the highlights expected');
    return drawn;
  }
  /** The seed page open, `sentence` highlighted with Alt+Shift+H and its card opened with a click, as a person does it. */
  async function cardOn(sentence: string): Promise<{ page: PageHandle; tabId: number; text: string }> {
    const page = await suite.browser.open(fixtures.server.url('/seed/'));
    const tabId = await suite.helper.waitFor(tabIdOf, fixtures.server.url(SEED_KEY_PATH), 15_000);
    await page.bringToFront();
    const text = await page.evaluate(selectText, sentence);
    await page.press('KeyH', ['Alt', 'Shift']);
    const point = await page.waitFor(highlightPoint, 'clearmark-yellow');
    await page.click(point.x, point.y);
    return { page, tabId, text };
  }
  const cardIsOpen = async (tabId: number) =>
    Object.keys((await suite.askTab<{ value: { card: Record<string, Box> } }>(tabId, { type: 'ui:get' })).value.card)
      .length > 0;
  /** Waits (a busy machine may need a while) until the card is closed; answers whether it is. */
  async function cardClosed(tabId: number): Promise<boolean> {
    await settle(async () => !(await cardIsOpen(tabId)));
    return !(await cardIsOpen(tabId));
  }
  /** The stored highlight of `text` once its note reads `note` (or as it is after a while). */
  async function storedWithNote(text: string, note: string): Promise<HighlightRecord | undefined> {
    let mine: HighlightRecord | undefined;
    await settle(async () => {
      mine = (await stored()).find((h) => h.target.quote.exact === text);
      return mine?.note === note;
    });
    return mine;
  }
  const clickBox = (page: PageHandle, box: Box | undefined) => {
    if (!box) throw new Error('no such control');
    return page.click(box.x + box.width / 2, box.y + box.height / 2);
  };

  it('click a highlight: change its color, write a note, delete and undo — it all survives a reload', async () => {
    const page = await suite.browser.open(fixtures.server.url('/seed/'));
    const tabId = await suite.helper.waitFor(tabIdOf, fixtures.server.url(SEED_KEY_PATH), 15_000);
    await page.bringToFront();
    const text = await page.evaluate(selectText, 'Alibaba’s downfall was swift.');
    await page.press('KeyH', ['Alt', 'Shift']);
    const point = await page.waitFor(highlightPoint, 'clearmark-yellow');
    await page.click(point.x, point.y);

    await clickBox(page, (await card(tabId))['color-green']);
    expect(
      await page.waitFor(
        () =>
          CSS.highlights.get('clearmark-green')?.size === 1 &&
          (CSS.highlights.get('clearmark-yellow')?.size ?? 0) === 0,
      ),
    ).toBe(true);

    await clickBox(page, (await card(tabId)).note);
    await page.type('Where the decline began');
    await page.evaluate(() => new Promise((r) => setTimeout(r, 700)));
    expect((await stored())[0]).toMatchObject({
      color: 'green',
      note: 'Where the decline began',
      target: { quote: { exact: text } },
    });

    await clickBox(page, (await card(tabId)).delete);
    expect(await page.waitFor(() => (CSS.highlights.get('clearmark-green')?.size ?? 0) === 0)).toBe(true);
    expect(await stored()).toEqual([]);
    await clickBox(page, (await card(tabId)).undo);
    expect(await page.waitFor(() => CSS.highlights.get('clearmark-green')?.size === 1)).toBe(true);

    await page.reload();
    expect(await page.waitFor(paintedHighlights)).toEqual([{ name: 'clearmark-green', text }]);
    expect((await stored())[0]).toMatchObject({ color: 'green', note: 'Where the decline began' });
    await page.close();
  });

  it('in the reader view: click a highlight there, recolor it, write a note, delete it; the page no longer shows it', async () => {
    const page = await suite.browser.open(fixtures.server.url('/seed/'));
    const tabId = await suite.helper.waitFor(tabIdOf, fixtures.server.url(SEED_KEY_PATH), 15_000);
    await page.bringToFront();
    await page.evaluate(selectText, 'Ant Group, which was also founded by Ma');
    await page.press('KeyH', ['Alt', 'Shift']);
    await page.waitFor(() => (CSS.highlights.get('clearmark-yellow')?.size ?? 0) >= 1);
    const before = (await stored()).length;

    await suite.askTab(tabId, { type: 'reader:toggle', open: true });
    await readerDrawn(tabId, (d) => d.some((h) => h.color === 'yellow' && h.text.startsWith('Ant Group')));
    const mine = (await stored()).find((h) => h.target.quote.exact.startsWith('Ant Group'))!;
    await suite.askTab(tabId, { type: 'highlight:reveal', id: mine.id });
    await new Promise((r) => setTimeout(r, 800));
    const inView = (h: Drawn) => h.text.startsWith('Ant Group') && h.box !== null && h.box.y > 60 && h.box.y < 700;
    const shown = (await readerDrawn(tabId, (d) => d.some(inView))).find(inView);
    await page.click(shown!.box!.x + Math.min(shown!.box!.width / 2, 60), shown!.box!.y + shown!.box!.height / 2);
    await clickBox(page, (await card(tabId))['color-blue']);
    await readerDrawn(tabId, (d) => d.some((h) => h.text.startsWith('Ant Group') && h.color === 'blue'));
    // Nothing of the reader ever enters the page's registry.
    expect(await page.evaluate(() => [...CSS.highlights.keys()].filter((n) => n.includes('reader')))).toEqual([]);
    await clickBox(page, (await card(tabId)).note);
    await page.type('Noted in the reader');
    await page.evaluate(() => new Promise((r) => setTimeout(r, 700)));
    expect((await stored()).find((h) => h.target.quote.exact.startsWith('Ant Group'))).toMatchObject({
      color: 'blue',
      note: 'Noted in the reader',
    });
    await clickBox(page, (await card(tabId)).delete);
    await readerDrawn(tabId, (d) => !d.some((h) => h.text.startsWith('Ant Group')));
    expect((await stored()).length).toBe(before - 1);
    await page.press('Escape');
    await page.press('Escape');
    expect(await page.waitFor(() => (CSS.highlights.get('clearmark-yellow')?.size ?? 0) === 0)).toBe(true);
    await page.close();
  });
  it('Alt+Shift+H opens the card with focus in the note: the next keys write it, Tab stays in the card, Escape closes it', async () => {
    const page = await suite.browser.open(fixtures.server.url('/seed/'));
    const tabId = await suite.helper.waitFor(tabIdOf, fixtures.server.url(SEED_KEY_PATH), 15_000);
    await page.bringToFront();
    const text = await page.evaluate(selectText, 'The comments weren’t widely picked up on.');
    await page.press('KeyH', ['Alt', 'Shift']);
    // No click: the card is open and the note has focus; a screen reader was told.
    expect(Object.keys(await card(tabId))).toContain('note');
    const announced = async (words: string) => {
      await settle(
        async () =>
          (await suite.askTab<{ value: { announced: string } }>(tabId, { type: 'ui:get' })).value.announced === words,
      );
      return (await suite.askTab<{ value: { announced: string } }>(tabId, { type: 'ui:get' })).value.announced;
    };
    expect(await announced('Highlighted in yellow')).toBe('Highlighted in yellow');
    const focused = () => page.evaluate(() => document.activeElement?.tagName.toLowerCase() ?? '');
    expect(await page.waitFor(() => document.activeElement?.tagName.toLowerCase() === 'clearmark-ui' || null)).toBe(
      true,
    );
    // Tab moves within the card (to the tag field), not to the page's next link; Shift+Tab comes back.
    await page.press('Tab');
    expect(await focused()).toBe('clearmark-ui');
    await page.press('Tab', ['Shift']);
    await page.type('Typed without a click');
    // The colors and actions are one tab stop before the note, entered at the current color; arrows move along.
    await page.press('Tab', ['Shift']);
    expect(await announced('Note saved')).toBe('Note saved');
    await page.press('ArrowRight');
    await page.press('Enter');
    expect(await announced('Color: green')).toBe('Color: green');
    await page.press('Escape');
    expect(await cardClosed(tabId)).toBe(true);
    const mine = await storedWithNote(text, 'Typed without a click');
    expect(mine?.note).toBe('Typed without a click');
    await settle(async () => (await stored()).find((h) => h.id === mine!.id)?.color === 'green');
    expect((await stored()).find((h) => h.id === mine!.id)?.color).toBe('green');
    await suite.askBackground({ type: 'highlight:delete', id: mine!.id });
    await page.close();
  });

  it('a click in the blank space beside a highlighted line opens no card; a click on its text does', async () => {
    const page = await suite.browser.open(fixtures.server.url('/seed/'));
    const tabId = await suite.helper.waitFor(tabIdOf, fixtures.server.url(SEED_KEY_PATH), 15_000);
    await page.setViewport(700, 800);
    await page.bringToFront();
    // A passage over several lines, highlighted with the toolbar's key, its card closed.
    const text = await page.evaluate(
      selectText,
      'Alibaba was riding wave of successes that had seen it grow into the biggest e-commerce player in China',
    );
    await page.press('KeyH', ['Alt', 'Shift']);
    await page.waitFor(highlightPoint, 'clearmark-yellow');
    // The key opens the card once the highlight is saved; seen open, it is closed with Escape.
    await card(tabId);
    await page.press('Escape');
    expect(await cardClosed(tabId)).toBe(true);
    // Past the end of a line that wraps: inside the paragraph, beside the highlight, on no text.
    const blank = await page.waitFor(() => {
      const range = [...((CSS.highlights.get('clearmark-yellow') as unknown as Iterable<Range> | undefined) ?? [])][0];
      if (!range) return null;
      const lines = [...range.getClientRects()];
      const paragraph = range.startContainer.parentElement!.closest('p')!.getBoundingClientRect();
      const line = lines.slice(0, -1).find((r) => paragraph.right - r.right > 24);
      return line
        ? {
            x: (line.right + paragraph.right) / 2,
            y: line.top + line.height / 2,
            onText: { x: line.left + 10, y: line.top + line.height / 2 },
          }
        : null;
    });
    await page.click(blank.x, blank.y);
    await new Promise((r) => setTimeout(r, 500));
    expect(await cardIsOpen(tabId)).toBe(false);
    await page.click(blank.onText.x, blank.onText.y);
    expect(Object.keys(await card(tabId))).toContain('note');
    expect(text).toContain('Alibaba was riding');
    const mine = (await stored()).find((h) => h.target.quote.exact === text);
    await suite.askBackground({ type: 'highlight:delete', id: mine!.id });
    await page.setViewport(1280, 800);
    await page.close();
  });

  it('a drag from the page that ends where the card was selects only what it crossed', async () => {
    const { page, tabId, text } = await cardOn('Ma himself was barely in the public view');
    const box = (await card(tabId)).note!;
    // From the start of the highlight's paragraph to the middle of the card, open below it.
    const from = await page.evaluate(() => {
      const p = [...document.querySelectorAll('article p')].find((el) =>
        el.textContent.includes('Ma himself was barely in the public view'),
      )!;
      const r = p.getBoundingClientRect();
      return { x: r.left + 2, y: r.top + 8, words: p.textContent.trim().slice(0, 12) };
    });
    await page.mouseMove(from.x, from.y);
    await page.mouseDown();
    await page.mouseMove(box.x + box.width / 2, box.y + box.height / 2, 8);
    await page.mouseUp();
    const selected = await page.evaluate(() => String(document.getSelection()));
    const last = await page.evaluate(
      () => [...document.querySelectorAll('article p')].at(-1)?.textContent.trim().slice(-40) ?? '',
    );
    expect(selected.trim().startsWith(from.words)).toBe(true);
    expect(selected).not.toContain(last);
    const mine = (await stored()).find((h) => h.target.quote.exact === text);
    await suite.askBackground({ type: 'highlight:delete', id: mine!.id });
    await page.close();
  });

  it('Escape in the note field closes the card at once, keeping the note typed just before', async () => {
    const { page, tabId, text } = await cardOn('Beijing was still closely scrutinizing the company');
    await clickBox(page, (await card(tabId)).note);
    await page.type('Closed before the pause');
    await page.press('Escape');
    expect(await cardClosed(tabId)).toBe(true);
    const mine = await storedWithNote(text, 'Closed before the pause');
    expect(mine?.note).toBe('Closed before the pause');
    await suite.askBackground({ type: 'highlight:delete', id: mine!.id });
    await page.close();
  });

  it('a tag and a note typed after their highlight was deleted elsewhere are not lost in silence: the page says so, the note with its words', async () => {
    const { page, tabId, text } = await cardOn('The comments weren’t widely picked up on.');
    let mine: HighlightRecord | undefined;
    await settle(async () => !!(mine = (await stored()).find((h) => h.target.quote.exact === text)));
    // Deleted from another tab (the library, another window) while this card is open.
    await suite.askBackground({ type: 'highlight:delete', id: mine!.id });
    const notice = async () =>
      (await suite.askTab<{ value: { notice: string } }>(tabId, { type: 'ui:get' })).value.notice;
    // A tag: said not saved, and not shown as if it were.
    await clickBox(page, (await card(tabId)).tag);
    await page.type('fog,');
    await settle(async () => (await notice()) !== '');
    expect(await notice()).toMatch(/^Clearmark could not save this change: .+/);
    await settle(async () => !(await card(tabId))['remove-tag-fog']);
    expect(Object.keys(await card(tabId))).not.toContain('remove-tag-fog');
    // A note: said with its words, once the card is closed.
    await clickBox(page, (await card(tabId)).note);
    await page.type('Words worth keeping');
    await page.press('Escape');
    await settle(async () => (await notice()).includes('note'));
    expect(await notice()).toMatch(/^Clearmark could not save your note: .+ Your note, to copy: Words worth keeping$/);
    expect((await stored()).some((h) => h.target.quote.exact === text)).toBe(false);
    await page.close();
  });

  it('tags from the card: typed and added with Enter, removed with its button, kept after a reload', async () => {
    const { page, tabId, text } = await cardOn('Ma himself was barely in the public view');
    await clickBox(page, (await card(tabId)).tag);
    await page.type('China tech');
    await page.press('Enter');
    await page.type('markets,');
    const mine = async () => (await stored()).find((h) => h.target.quote.exact === text);
    const tagged = async () => (await mine())?.tags ?? [];
    await settle(async () => (await tagged()).length >= 2);
    expect(await tagged()).toEqual(['China tech', 'markets']);
    // Remove one with its button (the card shows the tags it has).
    let boxes = await card(tabId);
    await settle(async () => !!(boxes = await card(tabId))['remove-tag-markets']);
    await clickBox(page, boxes['remove-tag-markets']);
    await settle(async () => (await tagged()).length === 1);
    expect(await tagged()).toEqual(['China tech']);
    await page.reload();
    expect(await tagged()).toEqual(['China tech']);
    // Leave the page as it was found.
    await suite.askBackground({ type: 'highlight:delete', id: (await mine())!.id });
    await page.close();
  });
});
