/**
 * Text in frames, in Chromium and Firefox: a sentence in a same-origin frame and one in a
 * cross-origin frame are selected with the mouse and highlighted with Alt+Shift+H; each is kept
 * under its frame document's own address, painted again after a reload, and shown when that
 * document is opened on its own. The top page keeps its own requests: its address answers the
 * popup, and a frame without words never hears from Clearmark.
 */
import { describe, expect, it } from 'vitest';
import type { HighlightRecord } from '../../utils/shared/model';
import { BROWSERS, type PageHandle } from './browsers';
import { dragPoints, paintedHighlights, sendToTab, tabIdOf } from './page-probes';
import { clickOn, useBrowser, useFixtureServer } from './suite';

const fixtures = useFixtureServer();
const IN_LETTER = 'the north mooring buoys will be lifted for painting';
const IN_TIDES = 'Spring tides on Thursday uncover the sandbar';

describe.each(BROWSERS)('%s', (name) => {
  const suite = useBrowser(name);
  const top = () => fixtures.server.url('/frames/');
  const letter = () => fixtures.server.url('/frames/letter.html');
  // Another origin: the same server under another host name.
  const tides = () => fixtures.server.url('/frames/tides.html').replace('127.0.0.1', 'localhost');
  const stored = async (url: string) =>
    (await suite.askBackground<{ value: { highlights: HighlightRecord[] } }>({ type: 'page:highlights', url })).value
      .highlights;

  /** Drags across `text` in the frame showing `address` (the frame `frameId` in the top page), as a person does. */
  async function dragInFrame(page: PageHandle, frameId: string, address: string, text: string): Promise<void> {
    const inFrame = await page.waitInFrame(address, dragPoints, text);
    // Scrolling the text into view inside a cross-origin frame scrolls the top page a moment
    // later (Chromium): the frame's place is read once it has stayed the same for two frames.
    const frame = await page.waitFor(async (id) => {
      const place = () => {
        const element = document.getElementById(id)!;
        const box = element.getBoundingClientRect();
        return { x: box.left + element.clientLeft, y: box.top + element.clientTop };
      };
      const nextFrame = () => new Promise((done) => requestAnimationFrame(done));
      const before = place();
      await nextFrame();
      await nextFrame();
      const after = place();
      return before.x === after.x && before.y === after.y ? after : null;
    }, frameId);
    await page.mouseMove(frame.x + inFrame.from.x, frame.y + inFrame.from.y);
    await page.mouseDown();
    await page.mouseMove(frame.x + inFrame.to.x, frame.y + inFrame.to.y, 8);
    await page.mouseUp();
  }

  it('a sentence in a same-origin and one in a cross-origin frame are highlighted, kept under the frame’s address and painted again', async () => {
    const page = await suite.browser.open(top());
    const tabId = await suite.helper.waitFor(tabIdOf, top(), 15_000);
    await page.bringToFront();
    await page.evaluate(() => document.getElementById('letter')!.scrollIntoView({ block: 'start' }));

    await dragInFrame(page, 'letter', '/frames/letter.html', IN_LETTER);
    await page.press('KeyH', ['Alt', 'Shift']);
    expect(await page.waitInFrame('/frames/letter.html', paintedHighlights)).toEqual([
      { name: 'clearmark-yellow', text: IN_LETTER },
    ]);
    await page.press('Escape');
    await dragInFrame(page, 'tides', 'localhost', IN_TIDES);
    await page.press('KeyH', ['Alt', 'Shift']);
    expect(await page.waitInFrame('localhost', paintedHighlights)).toEqual([
      { name: 'clearmark-yellow', text: IN_TIDES },
    ]);

    // Each under its frame document's address; the top page has none of them.
    expect((await stored(letter())).map((h) => h.target.quote.exact)).toEqual([IN_LETTER]);
    expect((await stored(tides())).map((h) => h.target.quote.exact)).toEqual([IN_TIDES]);
    expect(await stored(top())).toEqual([]);
    // Requests to the tab are the top page's: its address answers, whichever frame is quicker.
    expect(await suite.helper.evaluate(sendToTab, { tabId, message: { type: 'page:info' } })).toMatchObject({
      ok: true,
      value: { url: top() },
    });

    await page.reload();
    expect(await page.waitInFrame('/frames/letter.html', paintedHighlights)).toEqual([
      { name: 'clearmark-yellow', text: IN_LETTER },
    ]);
    expect(await page.waitInFrame('localhost', paintedHighlights)).toEqual([
      { name: 'clearmark-yellow', text: IN_TIDES },
    ]);
    // The popup lists each frame's highlights under the frame's own title, below the page's (none
    // here); a click shows the highlight in its frame, as a click on one of the page's does.
    const popup = await suite.browser.openExtensionPage(`popup.html?tab=${tabId}`);
    expect(
      await popup.waitFor(() => {
        const sections = [...document.querySelectorAll('.frame-highlights')].map((s) => ({
          title: s.querySelector('h2')?.textContent ?? '',
          quotes: [...s.querySelectorAll('.quote')].map((q) => q.textContent.trim()),
        }));
        // In the order the frames were made, which the test does not fix: sorted here.
        return sections.length === 2 ? sections.sort((a, b) => a.title.localeCompare(b.title)) : null;
      }),
    ).toEqual([
      { title: 'In a frame: A letter from the harbour master', quotes: [IN_LETTER] },
      { title: 'In a frame: Tide table for the week', quotes: [IN_TIDES] },
    ]);
    // The tab's count is the page's and its frames' together.
    expect(await popup.evaluate(() => document.querySelector('.count')?.textContent)).toBe('2 highlights');
    await clickOn(popup, '.frame-highlights[data-frame$="/frames/letter.html"] .quote-button');
    await page.bringToFront();
    expect(
      await page.waitInFrame('/frames/letter.html', () => {
        const flashed = CSS.highlights.get('clearmark-flash') as unknown as Iterable<Range> | undefined;
        return [...(flashed ?? [])].map((r) => r.toString()).join('') || null;
      }),
    ).toBe(IN_LETTER);
    await popup.close();

    // The advert's frame, with no words, was never set up: no highlighting, no lookup.
    expect(await page.waitInFrame('/frames/advert.html', () => document.readyState === 'complete')).toBe(true);
    expect(await page.waitInFrame('/frames/advert.html', () => String(CSS.highlights.size + 1))).toBe('1');

    // The frame's document opened on its own shows the highlight made inside the frame.
    await page.goto(tides());
    expect(await page.waitFor(paintedHighlights)).toEqual([{ name: 'clearmark-yellow', text: IN_TIDES }]);
    await page.close();
  });

  it('in a frame too short for the card, the card stays inside the frame and scrolls to its last field', async () => {
    const page = await suite.browser.open(fixtures.server.url('/frames/short.html'));
    await page.bringToFront();
    await dragInFrame(page, 'letter', '/frames/letter.html', IN_LETTER);
    await page.press('KeyH', ['Alt', 'Shift']);
    // Clearmark's panels are its elements in the frame's document (their insides are closed to pages).
    const panels = await page.waitInFrame('/frames/letter.html', () => {
      const shown = [...document.querySelectorAll('clearmark-ui')]
        .map((host) => ({ box: host.getBoundingClientRect(), host }))
        .filter(({ box }) => box.height > 60);
      return shown.length
        ? shown.map(({ box, host }) => ({
            inside: box.top >= 0 && box.bottom <= innerHeight && box.left >= 0 && box.right <= innerWidth,
            scrolls: host.scrollHeight > host.clientHeight,
          }))
        : null;
    });
    expect(panels).toEqual([{ inside: true, scrolls: true }]);
    // The tag field, below the window's edge, is reached by typing on: Tab moves into it, and it shows.
    await page.type('Kept for the painting crew');
    await page.press('Tab');
    expect(
      await page.waitInFrame('/frames/letter.html', () => {
        const host = [...document.querySelectorAll('clearmark-ui')].find((h) => h.scrollHeight > h.clientHeight);
        return host && host.scrollTop > 0 ? true : null;
      }),
    ).toBe(true);
    await page.close();
  });
});
