/**
 * The content script loads highlighting and the reader view on first need, and a page cannot
 * tell: in Chromium and Firefox, starting cold, a selection gets the toolbar at the mouse's
 * release and Alt+Shift+R opens the reader; afterwards the page's own scripts can neither fetch
 * the lazily loaded files from the extension's address nor find them in their resource timing.
 */
import { describe, expect, it } from 'vitest';
import { LAZY_FILES } from '../../utils/content/lazy-registry';
import type { ReaderState } from '../../utils/shared/protocol';
import { BROWSERS } from './browsers';
import { dragPoints, tabIdOf, toolbarBox } from './page-probes';
import { SEED_KEY_PATH, until, useBrowser, useFixtureServer } from './suite';

const fixtures = useFixtureServer();
const SENTENCE = 'Alibaba’s downfall was swift.';

describe.each(BROWSERS)('%s', (name) => {
  const suite = useBrowser(name);

  it('loads highlighting and the reader when first needed, where no page can probe for them', async () => {
    const page = await suite.browser.open(fixtures.server.url('/seed/'));
    const tabId = await suite.helper.waitFor(tabIdOf, fixtures.server.url(SEED_KEY_PATH), 15_000);
    await page.bringToFront();

    // Cold: nothing of highlighting is shown yet; a drag across a sentence gets the toolbar.
    expect((await suite.askTab<{ value: { toolbar: object } }>(tabId, { type: 'ui:get' })).value.toolbar).toEqual({});
    const { from, to } = await page.evaluate(dragPoints, SENTENCE);
    await page.mouseMove(from.x, from.y);
    await page.mouseDown();
    await page.mouseMove(to.x, to.y, 8);
    await page.mouseUp();
    expect(await page.waitFor(toolbarBox, undefined, 30_000)).toBeTruthy();

    // Alt+Shift+R opens the reader view, loading it the first time.
    await page.press('Escape');
    await page.press('KeyR', ['Alt', 'Shift']);
    await until(
      async () => (await suite.askTab<{ value: ReaderState }>(tabId, { type: 'reader:get' })).value.open,
      30_000,
      'the reader view',
    );

    // The page cannot fetch the files at the extension's address, nor see that they were loaded.
    const probed = await page.evaluate(
      async ({ origin, files }) => {
        const results: string[] = [];
        for (const file of files) {
          try {
            const answer = await fetch(origin + file);
            results.push(`${file}: ${answer.status}`);
          } catch {
            results.push(`${file}: refused`);
          }
        }
        const seen = performance
          .getEntriesByType('resource')
          .map((e) => e.name)
          .filter((n) => !/^https?:/.test(n));
        return { results, seen };
      },
      { origin: suite.browser.extensionOrigin, files: Object.values(LAZY_FILES) },
    );
    expect(probed.results).toEqual(Object.values(LAZY_FILES).map((file) => `${file}: refused`));
    expect(probed.seen).toEqual([]);
    await page.close();
  });
});
