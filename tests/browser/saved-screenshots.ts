/**
 * Takes the pictures of saved articles in real Chromium with the built extension: the library's
 * Saved view, its pictures and storage panel, a saved copy with a highlight, and the card opened
 * on that highlight in the copy, in light and dark.
 * Run: npm run screenshots:saved
 */
import { resolve } from 'node:path';
import { launch } from './browsers';
import { startFixtureServer } from './fixture-server';
import { paintedHighlights, selectText, sendToBackground, tabIdOf } from './page-probes';

const OUT = resolve(import.meta.dirname, '../../assets/screenshots');
const SEED_KEY_PATH = '/2025/03/alibaba-100-billion-stock-rally-fueled-by-ai-jack-ma-return/';

async function main() {
  const server = await startFixtureServer();
  const browser = await launch('chromium');
  try {
    const helper = await browser.openExtensionPage('popup.html');
    // Three articles saved: one by key, two with a first highlight.
    for (const [path, key, sentence] of [
      ['/rich-article/', '/rich-article/', ''],
      ['/saved-article/', '/coast/lighthouse-logbooks/', 'the fog came in at dusk and did not lift for three days'],
      ['/seed/', SEED_KEY_PATH, 'Alibaba’s downfall was swift.'],
    ] as const) {
      const page = await browser.open(server.url(path));
      await helper.waitFor(tabIdOf, server.url(key), 15_000);
      await page.bringToFront();
      if (sentence) {
        await page.evaluate(selectText, sentence);
        await page.press('KeyH', ['Alt', 'Shift']);
        await page.waitFor(paintedHighlights);
      } else await page.press('KeyS', ['Alt', 'Shift']);
      await helper.waitFor(
        async (url) =>
          (
            await (
              globalThis as unknown as {
                chrome: { runtime: { sendMessage(m: unknown): Promise<{ value: { url: string }[] }> } };
              }
            ).chrome.runtime.sendMessage({ type: 'saved:list' })
          ).value.some((i) => i.url === url),
        server.url(key),
        30_000,
      );
      await page.close();
    }
    // One read half-way, for the progress bar.
    await helper.evaluate(sendToBackground, {
      type: 'saved:update',
      url: server.url('/coast/lighthouse-logbooks/'),
      progress: 0.45,
    });

    for (const scheme of ['light', 'dark'] as const) {
      const library = await browser.openExtensionPage('library.html?view=saved');
      await library.setViewport(1100, 640);
      await library.emulateColorScheme(scheme);
      await library.waitFor(() => document.querySelectorAll('.saved-item').length === 3);
      await library.screenshot(`${OUT}/saved-view-${scheme}.png`);
      // The pictures and storage panel, opened at the foot of the list.
      await library.evaluate(() => {
        const panel = document.querySelector<HTMLDetailsElement>('.saved-storage')!;
        panel.open = true;
        panel.scrollIntoView({ block: 'end' });
      });
      await library.waitFor(() => document.querySelector('[data-role="storage-use"]')?.textContent || null);
      await library.screenshot(`${OUT}/saved-storage-${scheme}.png`);
      await library.close();

      const copy = await browser.openExtensionPage(
        `reader.html?url=${encodeURIComponent(server.url('/coast/lighthouse-logbooks/'))}`,
      );
      await copy.setViewport(1100, 760);
      await copy.emulateColorScheme(scheme);
      await copy.waitFor(
        () => (document.querySelector('clearmark-ui')?.shadowRoot?.querySelectorAll('.marks .mark').length ?? 0) > 0,
      );
      await copy.evaluate(() => {
        const reader = document.querySelector('clearmark-ui')!.shadowRoot!.querySelector<HTMLElement>('.reader')!;
        const mark = reader.querySelector<HTMLElement>('.marks .mark')!;
        reader.scrollTop = Math.max(0, mark.getBoundingClientRect().top + reader.scrollTop - 300);
      });
      await copy.evaluate(() => new Promise((r) => setTimeout(r, 300)));
      await copy.screenshot(`${OUT}/saved-copy-${scheme}.png`);
      // A click on the highlight: its card, as on the live page.
      const mark = await copy.evaluate(() => {
        const box = document
          .querySelector('clearmark-ui')!
          .shadowRoot!.querySelector('.marks .mark')!
          .getBoundingClientRect();
        return { x: box.x + 10, y: box.y + box.height / 2 };
      });
      await copy.click(mark.x, mark.y);
      await copy.waitFor(() =>
        [...document.querySelectorAll('clearmark-ui')].some((h) =>
          h.shadowRoot?.querySelector('[data-control="note"]'),
        ),
      );
      await copy.evaluate(() => new Promise((r) => setTimeout(r, 300)));
      await copy.screenshot(`${OUT}/saved-copy-card-${scheme}.png`);
      await copy.close();
    }
    console.log(`Saved-article screenshots written to ${OUT}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
