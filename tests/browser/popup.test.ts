/**
 * The popup as a person uses it, in Chromium and Firefox: recolor a highlight, write a note,
 * delete and undo — the open page follows each change without a reload; search every page's
 * highlights; see the ones the page lost listed apart; export the page to a file on disk.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HighlightRecord } from '../../utils/shared/model';
import { BROWSERS, launch, type ExtensionBrowser, type PageHandle } from './browsers';
import { selectText, sendToBackground, tabIdOf, textsAre, textsOf } from './page-probes';
import { clickOn, SEED_KEY_PATH, useFixtureServer } from './suite';
import { waitForFile } from './downloads';

const fixtures = useFixtureServer();
const FIRST = 'Alibaba’s share price was near record lows';
const SECOND = 'Alibaba’s U.S.-listed shares have quietly risen nearly 60% this year';

describe.each(BROWSERS)('%s', (name) => {
  let browser: ExtensionBrowser;
  beforeEach(async () => {
    browser = await launch(name);
  });
  afterEach(() => browser.close());

  const paintedIn = (page: PageHandle, color: string) =>
    page.evaluate(
      (c) =>
        [...((CSS.highlights.get(`clearmark-${c}`) as unknown as Iterable<Range> | undefined) ?? [])].map((r) =>
          r.toString(),
        ),
      color,
    );

  async function seedWithTwo(): Promise<{ page: PageHandle; popup: PageHandle; tabId: number }> {
    const page = await browser.open(fixtures.server.url('/seed/'));
    const helper = await browser.openExtensionPage('popup.html');
    const tabId = await helper.waitFor(tabIdOf, fixtures.server.url(SEED_KEY_PATH), 15_000);
    await helper.close();
    await page.bringToFront();
    for (const text of [FIRST, SECOND]) {
      await page.evaluate(selectText, text);
      await page.press('KeyH', ['Alt', 'Shift']);
      await page.waitFor(
        (t) =>
          [...((CSS.highlights.get('clearmark-yellow') as unknown as Iterable<Range> | undefined) ?? [])].some(
            (r) => r.toString() === t,
          ),
        text,
      );
    }
    const popup = await browser.openExtensionPage(`popup.html?tab=${tabId}`);
    expect(await popup.waitFor(textsOf, '.highlight .quote')).toEqual([FIRST, SECOND]);
    return { page, popup, tabId };
  }

  it('recolor, note, delete and undo from the popup; the page follows without a reload', async () => {
    const { page, popup } = await seedWithTwo();

    await clickOn(popup, '.highlight:nth-child(2) .swatch[aria-label="green"]');
    expect(await page.waitFor(() => CSS.highlights.get('clearmark-green')?.size === 1)).toBe(true);
    expect(await paintedIn(page, 'green')).toEqual([SECOND]);
    expect(
      await popup.waitFor(() =>
        document.querySelector('.highlight:nth-child(2) .swatch[aria-pressed="true"]')?.getAttribute('aria-label'),
      ),
    ).toBe('green');
    // Each stored change is said to screen readers in the list's polite live region.
    expect(
      await popup.waitFor(
        () => document.querySelector('[data-role="said"][aria-live="polite"]')?.textContent === 'Color: green' || null,
      ),
    ).toBe(true);

    await clickOn(popup, '.highlight:nth-child(1) [data-action="note"]');
    await popup.waitFor(() => document.activeElement?.classList.contains('note-editor'));
    await popup.type('The low point, early 2024');
    await popup.press('Enter', ['Control']);
    expect(await popup.waitFor(textsOf, '.highlight .note')).toEqual(['The low point, early 2024']);
    expect(
      await popup.waitFor(() => document.querySelector('[data-role="said"]')?.textContent === 'Note saved' || null),
    ).toBe(true);
    const helper = await browser.openExtensionPage('popup.html');
    const stored = async () =>
      (
        (await helper.evaluate(sendToBackground, {
          type: 'page:highlights',
          url: fixtures.server.url(SEED_KEY_PATH),
        })) as { value: { highlights: HighlightRecord[] } }
      ).value.highlights;
    expect((await stored()).map((h) => [h.color, h.note])).toEqual([
      ['yellow', 'The low point, early 2024'],
      ['green', ''],
    ]);

    await clickOn(popup, '.highlight:nth-child(1) [data-action="delete"]');
    expect(
      await popup.waitFor(
        () => document.querySelector('.toast') && document.querySelectorAll('.highlight').length === 1,
      ),
    ).toBe(true);
    expect(await page.waitFor(() => (CSS.highlights.get('clearmark-yellow')?.size ?? 0) === 0)).toBe(true);
    expect(await popup.evaluate(() => document.querySelector('.count')?.textContent)).toBe('1 highlight');

    await clickOn(popup, '.toast [data-action="undo"]');
    expect(await popup.waitFor(textsAre, { selector: '.highlight .quote', expected: [FIRST, SECOND] })).toBe(true);
    expect(await page.waitFor(() => CSS.highlights.get('clearmark-yellow')?.size === 1)).toBe(true);
    expect((await stored()).map((h) => h.note)).toEqual(['The low point, early 2024', '']);
  });

  it('every label fits its button on one line, the reader open and a highlight without a note included', async () => {
    const { page, tabId } = await seedWithTwo();
    await page.bringToFront();
    // The card Alt+Shift+H opened on the last highlight has the focus: Escape closes it first.
    await page.press('Escape');
    await page.press('KeyR', ['Alt', 'Shift']);
    const popup = await browser.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.setViewport(400, 600);
    expect(
      await popup.waitFor(
        () => document.querySelector('[data-action="reader"]')?.textContent === 'Close reader view' || null,
        undefined,
        15_000,
      ),
    ).toBe(true);
    // A highlight's actions show when it is hovered or focused. (Its quote is a button too, and wraps as text does.)
    await clickOn(popup, '.highlight:nth-child(1) .quote');
    const { seen, misfits } = await popup.evaluate(() => {
      const shown = [...document.querySelectorAll<HTMLElement>('button:not(.quote-button), a.button, .action')].filter(
        (b) => b.offsetParent !== null && b.textContent.trim(),
      );
      return {
        seen: shown.map((b) => b.textContent.trim()),
        misfits: shown.flatMap((b) => {
          const range = document.createRange();
          range.selectNodeContents(b);
          const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)))
            .size;
          const problems = [
            b.scrollWidth > b.clientWidth + 1 ? 'clipped' : '',
            lines > 1 ? `${lines} lines` : '',
          ].filter(Boolean);
          return problems.length ? [`${b.textContent.trim()}: ${problems.join(', ')}`] : [];
        }),
      };
    });
    expect(seen).toEqual(expect.arrayContaining(['Close reader view', 'Add note', 'Library']));
    expect(misfits).toEqual([]);
  });

  it('search finds highlights on every page; lost ones are listed apart; export saves a file', async () => {
    const { popup, tabId } = await seedWithTwo();
    const helper = await browser.openExtensionPage('popup.html');
    const send = (message: object) => helper.evaluate(sendToBackground, message);
    // A highlight on another page, and one on this page whose text the site has since removed.
    const target = (exact: string) => ({
      quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 5, end: 5 + exact.length },
    });
    await send({
      type: 'highlight:create',
      page: { url: 'https://elsewhere.example/story', title: 'A story elsewhere', siteName: 'Elsewhere' },
      color: 'blue',
      note: 'shares, again',
      target: target('Other shares fell sharply on Tuesday'),
    });
    await send({
      type: 'highlight:create',
      page: { url: fixtures.server.url(SEED_KEY_PATH), title: '', siteName: '' },
      color: 'pink',
      note: '',
      target: target('A sentence the site deleted after we read it'),
    });
    // The open popup follows the new highlight on its page.
    expect(await popup.waitFor(textsOf, '.orphans .quote')).toEqual(['A sentence the site deleted after we read it']);
    expect(await popup.evaluate(textsOf, '.orphans h2')).toEqual(['Not found on the page (1)']);
    expect(await popup.evaluate(textsOf, '.highlights:not([aria-label*="not found"]) > .highlight .quote')).toEqual([
      FIRST,
      SECOND,
    ]);

    await clickOn(popup, 'input[type="search"]');
    await popup.type('shares');
    expect((await popup.waitFor(textsOf, '.results .quote')).sort()).toEqual(
      [SECOND, 'Other shares fell sharply on Tuesday'].sort(),
    );
    expect(await popup.evaluate(textsOf, '.results .from')).toContain('A story elsewhere · Elsewhere');
    for (let i = 0; i < 'shares'.length; i++) await popup.press('Backspace');
    expect(
      await popup.waitFor(textsAre, { selector: '.page + .search + .highlights .quote', expected: [FIRST, SECOND] }),
    ).toBe(true);

    await clickOn(popup, '[data-action="export"]');
    await clickOn(popup, '[data-action="download"]');
    const file = await popup.waitFor(
      () => document.querySelector('.status-line')?.textContent.match(/^Saved (.+)$/)?.[1],
    );
    const saved = await waitForFile(join(browser.downloads, file));
    expect(file).toMatch(/^clearmark-alibaba-100-billion-stock-rally.*\.md$/);
    expect(saved).toContain(`source: "${fixtures.server.url(SEED_KEY_PATH)}"`);
    expect(saved).toContain(`> ${FIRST}`);
    expect(saved).toContain('> A sentence the site deleted after we read it');

    // The format chosen is offered first the next time, in a popup opened afresh.
    await popup.evaluate(() => {
      const select = document.querySelector<HTMLSelectElement>('select[name="format"]')!;
      select.focus();
    });
    await popup.press('ArrowDown');
    const chosen = await popup.evaluate(
      () => document.querySelector<HTMLSelectElement>('select[name="format"]')!.value,
    );
    expect(chosen).toBe('csv');
    await popup.close();
    const again = await browser.openExtensionPage(`popup.html?tab=${tabId}`);
    await clickOn(again, '[data-action="export"]');
    expect(await again.waitFor(() => document.querySelector<HTMLSelectElement>('select[name="format"]')?.value)).toBe(
      'csv',
    );
  });

  it('keyboard only: every control has a name, the list is one tab stop with arrows inside, Enter shows a highlight on the page', async () => {
    const { page, popup } = await seedWithTwo();
    await page.evaluate(() => window.scrollTo(0, 0));
    const unnamed = await popup.evaluate(() =>
      [...document.querySelectorAll('button, input, select, textarea, a[href]')]
        .filter(
          (el) =>
            !(
              el.getAttribute('aria-label') ||
              el.textContent.trim() ||
              (el as HTMLInputElement).labels?.[0]?.textContent.trim() ||
              el.getAttribute('placeholder')
            ),
        )
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(unnamed).toEqual([]);
    // The popup opens with the search box focused; Tab goes on to the first highlight, its colors and actions, and on.
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Search highlights and saved articles',
    );
    const reached: string[] = [];
    // Stop on the last button: tabbing past the page's end would hand focus to the browser itself.
    for (let i = 0; i < 30 && reached.at(-1) !== 'library'; i++) {
      await popup.press('Tab');
      reached.push(
        await popup.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          return el
            ? (el.getAttribute('data-action') ?? el.getAttribute('aria-label') ?? el.getAttribute('name') ?? el.tagName)
            : '';
        }),
      );
    }
    // The list is one tab stop (the first highlight), whatever it holds; Tab then goes on past it.
    expect(reached[0]).toBe(`yellow highlight: ${FIRST}`);
    expect(
      reached.filter((r) => r.includes('highlight:') || ['green', 'note', 'tags', 'copy', 'delete'].includes(r)),
    ).toEqual([`yellow highlight: ${FIRST}`]);
    expect(reached).toEqual(expect.arrayContaining(['reader', 'export', 'library']));
    // Inside the list, arrows: Right along the first highlight's colors and actions, Down to the next highlight, Up back.
    await popup.evaluate(() => (document.querySelector('.highlight .quote-button') as HTMLElement).focus());
    const focused = () =>
      popup.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el ? (el.getAttribute('data-action') ?? el.getAttribute('aria-label') ?? el.tagName) : '';
      });
    const along: string[] = [];
    for (let i = 0; i < 9; i++) {
      await popup.press('ArrowRight');
      along.push(await focused());
    }
    expect(along).toEqual(['yellow', 'green', 'blue', 'pink', 'purple', 'note', 'tags', 'copy', 'delete']);
    await popup.press('ArrowRight'); // the row's last control: focus stays
    expect(await focused()).toBe('delete');
    await popup.press('ArrowLeft');
    expect(await focused()).toBe('copy');
    await popup.press('ArrowRight');
    await popup.press('Enter');
    expect(
      await popup.waitFor(
        () => (!!document.querySelector('.toast') && document.querySelectorAll('.highlight').length === 1) || null,
      ),
    ).toBe(true);
    // Focus stays in the list, on the highlight now in the deleted one's place.
    expect(await focused()).toBe(`yellow highlight: ${SECOND}`);
    await clickOn(popup, '.toast [data-action="undo"]');
    expect(await popup.waitFor(textsAre, { selector: '.highlight .quote', expected: [FIRST, SECOND] })).toBe(true);
    await popup.evaluate(() => (document.querySelector('.highlight .quote-button') as HTMLElement).focus());
    await popup.press('ArrowDown');
    expect(await focused()).toBe(`yellow highlight: ${SECOND}`);
    // Tab from inside the list leaves it; Shift+Tab comes back to the highlight last used.
    await popup.press('Tab');
    expect(await focused()).not.toContain('highlight:');
    await popup.press('Tab', ['Shift']);
    expect(await focused()).toBe(`yellow highlight: ${SECOND}`);
    // Back to the first highlight, and Enter: the page scrolls to it and flashes it.
    await popup.evaluate(() => (document.querySelector('.highlight .quote-button') as HTMLElement).focus());
    await popup.press('Enter');
    // A real popup sits over its visible tab; here it is a tab of its own, so show the page again.
    await page.bringToFront();
    expect(
      await page.waitFor(
        () =>
          [...((CSS.highlights.get('clearmark-flash') as unknown as Iterable<Range> | undefined) ?? [])].map((r) =>
            r.toString(),
          )[0],
      ),
    ).toBe(FIRST);
  });
});
