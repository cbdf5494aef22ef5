/**
 * A single-page app, used as a person uses it, in Chromium and Firefox: highlight in one story,
 * follow a link that only pushes a new address and re-renders, highlight there, go back — each
 * story shows its own highlights, with no reload.
 */
import { describe, expect, it } from 'vitest';
import { BROWSERS } from './browsers';
import { paintedHighlights, selectText, tabIdOf } from './page-probes';
import { useBrowser, useFixtureServer } from './suite';

const fixtures = useFixtureServer();
const IN_A = 'the first fishing boats were back at their moorings by noon';
const IN_B = 'is expected to carry ten thousand people a day';

/** Viewport centre of the nav link to a story. */
function linkPoint(story: string): { x: number; y: number } {
  const r = document.querySelector(`a[data-story="${story}"]`)!.getBoundingClientRect();
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
}

describe.each(BROWSERS)('%s', (name) => {
  const suite = useBrowser(name);

  it('follows history navigation: each story keeps its own highlights', async () => {
    const page = await suite.browser.open(fixtures.server.url('/spa/?story=a'));
    const tabId = await suite.helper.waitFor(tabIdOf, fixtures.server.url('/spa/?story=a'), 15_000);
    await page.bringToFront();

    await page.evaluate(selectText, IN_A);
    await page.press('KeyH', ['Alt', 'Shift']);
    expect(await page.waitFor(paintedHighlights)).toEqual([{ name: 'clearmark-yellow', text: IN_A }]);

    const toB = await page.evaluate(linkPoint, 'b');
    await page.click(toB.x, toB.y);
    expect(
      await page.waitFor(
        () => location.search === '?story=b' && document.querySelector('h1')?.textContent.includes('bridge'),
      ),
    ).toBe(true);
    // A's highlight is gone with A's text; the content script now answers for B's address.
    expect(await suite.helper.waitFor(tabIdOf, fixtures.server.url('/spa/?story=b'), 10_000)).toBe(tabId);
    expect(await page.evaluate(paintedHighlights)).toBeNull();

    await page.evaluate(selectText, IN_B);
    await page.press('KeyH', ['Alt', 'Shift']);
    expect(await page.waitFor(paintedHighlights)).toEqual([{ name: 'clearmark-yellow', text: IN_B }]);

    await page.evaluate(() => history.back());
    expect(
      await page.waitFor(
        () => {
          const painted = [
            ...((CSS.highlights.get('clearmark-yellow') as unknown as Iterable<Range> | undefined) ?? []),
          ].map((r) => r.toString());
          return location.search === '?story=a' && painted.length === 1 && painted[0] !== '' ? painted : null;
        },
        undefined,
        10_000,
      ),
    ).toEqual([IN_A]);

    const stored = await suite.askBackground<{
      ok: boolean;
      value: { highlights: { target: { quote: { exact: string } } }[] };
    }>({ type: 'page:highlights', url: fixtures.server.url('/spa/?story=b') });
    expect(stored.value.highlights.map((h) => h.target.quote.exact)).toEqual([IN_B]);
    await page.close();
  });
});
