/**
 * Screenshots of the popup, the library and the highlight card in German, Japanese and Arabic,
 * in real Chromium set to each language, into docs/screenshots/ (looked at for issue #29's check
 * that nothing is cut, left in English or laid out the wrong way round).
 * Run: npm run screenshots:languages (needs fonts for Japanese and Arabic: fonts-noto-cjk, fonts-noto-core)
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launch } from './browsers';
import { startFixtureServer } from './fixture-server';
import { centerOf, highlightPoint, selectText, sendToBackground, tabIdOf } from './page-probes';

const OUT = resolve(import.meta.dirname, '../../docs/screenshots');
const SEED_KEY_PATH = '/2025/03/alibaba-100-billion-stock-rally-fueled-by-ai-jack-ma-return/';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const server = await startFixtureServer();
  try {
    // Any languages on the command line (`npm run screenshots:languages -- ru fr`); German, Japanese and Arabic by default.
    const asked = process.argv.slice(2).filter((a) => /^[a-z]{2}(-[A-Z]{2})?$/.test(a));
    for (const locale of asked.length ? asked : ['de', 'ja', 'ar']) {
      const browser = await launch('chromium', { locale });
      try {
        const page = await browser.open(server.url('/seed/'));
        const helper = await browser.openExtensionPage('popup.html');
        const tabId = await helper.waitFor(tabIdOf, server.url(SEED_KEY_PATH), 15_000);
        await helper.evaluate(sendToBackground, {
          type: 'import',
          text: readFileSync(resolve(import.meta.dirname, '../fixtures/library/sample-backup.json'), 'utf8'),
        });
        await page.bringToFront();
        for (const text of [
          'Alibaba’s share price was near record lows',
          'Alibaba’s U.S.-listed shares have quietly risen nearly 60% this year',
        ]) {
          await page.evaluate(selectText, text);
          await page.press('KeyH', ['Alt', 'Shift']);
          await page.waitFor(highlightPoint, 'clearmark-yellow');
          await pause(300);
          await page.press('Escape');
        }
        // The card a click on a highlight opens, with a note and a tag on it.
        const stored = (await helper.evaluate(sendToBackground, {
          type: 'page:highlights',
          url: server.url(SEED_KEY_PATH),
        })) as { value: { highlights: { id: string }[] } };
        await helper.evaluate(sendToBackground, {
          type: 'highlight:update',
          id: stored.value.highlights[1]!.id,
          note: 'Up 60% in a year.',
          tags: ['markets'],
        });
        await pause(300);
        const point = (await page.evaluate(highlightPoint, 'clearmark-yellow'))!;
        await page.click(point.x, point.y);
        await pause(400);
        await page.screenshot(`${OUT}/${locale}-card.png`);
        await page.press('Escape');
        await helper.close();

        const popup = await browser.openExtensionPage(`popup.html?tab=${tabId}`);
        await popup.setViewport(400, 560);
        await popup.waitFor(() => document.querySelectorAll('.highlight').length >= 2);
        const at = (await popup.evaluate(centerOf, '.highlight:nth-child(2) .quote'))!;
        await popup.mouseMove(at.x, at.y);
        await pause(250);
        await popup.screenshot(`${OUT}/${locale}-popup.png`);
        await popup.close();

        const library = await browser.openExtensionPage('library.html');
        await library.setViewport(1280, 760);
        await library.waitFor(
          () =>
            document.querySelectorAll('.row').length >= 5 && document.querySelectorAll('.detail .highlight').length > 0,
        );
        await library.evaluate(() => document.querySelector<HTMLButtonElement>('[data-action="menu"]')?.click());
        await pause(400);
        await library.screenshot(`${OUT}/${locale}-library.png`);
        await library.close();
      } finally {
        await browser.close();
      }
    }
    console.log(`screenshots written to ${OUT}`);
  } finally {
    await server.close();
  }
}

await main();
