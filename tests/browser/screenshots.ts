/**
 * Takes the README's screenshots in real Chromium with the built extension: the selection
 * toolbar and a highlight on the demo article, the reader view and the popup, in light and dark.
 * Run: npm run screenshots
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { importFixture } from '../fixtures/import/files';
import { launch } from './browsers';
import { startFixtureServer } from './fixture-server';
import { centerOf, dragPoints, highlightPoint, selectText, sendToBackground, tabIdOf, toolbarBox } from './page-probes';
import { MEMBER, startSyncServer } from '../sync-server';

const OUT = resolve(import.meta.dirname, '../../assets/screenshots');
const SEED_KEY_PATH = '/2025/03/alibaba-100-billion-stock-rally-fueled-by-ai-jack-ma-return/';

async function main() {
  const server = await startFixtureServer();
  const couch = await startSyncServer();
  const browser = await launch('chromium');
  try {
    const page = await browser.open(server.url('/seed/'));
    const helper = await browser.openExtensionPage('popup.html');
    const tabId = await helper.waitFor(tabIdOf, server.url(SEED_KEY_PATH), 15_000);
    // A small library of other pages, for the library's pictures.
    await helper.evaluate(sendToBackground, {
      type: 'import',
      text: readFileSync(resolve(import.meta.dirname, '../fixtures/library/sample-backup.json'), 'utf8'),
    });
    await page.bringToFront();

    for (const [text, key] of [
      ['Alibaba’s share price was near record lows', 'KeyH'],
      ['Alibaba’s U.S.-listed shares have quietly risen nearly 60% this year', 'KeyH'],
    ] as const) {
      await page.evaluate(selectText, text);
      await page.press(key, ['Alt', 'Shift']);
      // Alt+Shift+H opens the highlight's card with the note focused: Escape closes it, as a person
      // who wants no note does.
      await page.waitFor(
        (t) =>
          [...((CSS.highlights.get('clearmark-yellow') as unknown as Iterable<Range> | undefined) ?? [])].some(
            (r) => r.toString() === t,
          ),
        text,
      );
      await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
      await page.press('Escape');
    }
    const { from, to } = await page.evaluate(
      dragPoints,
      'Alibaba is in pole position to benefit from AI and cloud spend',
    );
    await page.mouseMove(from.x, from.y);
    await page.mouseDown();
    await page.mouseMove(to.x, to.y, 8);
    await page.mouseUp();
    await page.waitFor(toolbarBox);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 200))); // let the fade-in finish
    await page.screenshot(`${OUT}/toolbar.png`);
    await page.click((await page.evaluate(toolbarBox))!.x + 20, (await page.evaluate(toolbarBox))!.y + 15);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    await page.screenshot(`${OUT}/highlights.png`);

    // The card a click on a highlight opens.
    const point = (await page.evaluate(highlightPoint, 'clearmark-yellow'))!;
    await page.click(point.x, point.y);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 250)));
    await page.screenshot(`${OUT}/card.png`);
    await page.press('Escape');

    // The reader view, light and dark, scrolled a little into the article.
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateColorScheme(scheme);
      await page.press('KeyR', ['Alt', 'Shift']);
      await page.evaluate(() => new Promise((r) => setTimeout(r, 400)));
      await page.screenshot(`${OUT}/reader-${scheme}.png`);
      await page.press('Escape');
    }
    await page.emulateColorScheme('light');

    // A note on the second highlight, written as in the popup.
    const stored = (await helper.evaluate(sendToBackground, {
      type: 'page:highlights',
      url: server.url(SEED_KEY_PATH),
    })) as { value: { highlights: { id: string }[] } };
    await helper.evaluate(sendToBackground, {
      type: 'highlight:update',
      id: stored.value.highlights[1]!.id,
      note: 'Up 60% in a year: check what the analysts said in January.',
    });
    await helper.close();

    for (const scheme of ['light', 'dark'] as const) {
      const popup = await browser.openExtensionPage(`popup.html?tab=${tabId}`);
      await popup.setViewport(400, 560);
      await popup.emulateColorScheme(scheme);
      await popup.waitFor(() => document.querySelectorAll('.highlight').length >= 3);
      // Point at the second highlight, as a person about to act on it would.
      const at = (await popup.evaluate(centerOf, '.highlight:nth-child(2) .quote'))!;
      await popup.mouseMove(at.x, at.y);
      await popup.evaluate(() => new Promise((r) => setTimeout(r, 250)));
      await popup.screenshot(`${OUT}/popup-${scheme}.png`);
      await popup.close();
    }

    for (const scheme of ['light', 'dark'] as const) {
      const library = await browser.openExtensionPage('library.html');
      await library.setViewport(1280, 760);
      await library.emulateColorScheme(scheme);
      await library.waitFor(
        () =>
          document.querySelectorAll('.row').length >= 5 && document.querySelectorAll('.detail .highlight').length > 0,
      );
      // The harbour story, whose highlights carry notes.
      const row = (await library.evaluate(centerOf, '.row:nth-child(2)'))!;
      await library.click(row.x, row.y);
      await library.waitFor(() => document.querySelector('.detail-header h2')?.textContent.includes('harbour'));
      const at = await library.waitFor(centerOf, '.detail .highlight:nth-child(2) .quote');
      await library.mouseMove(at.x, at.y);
      await library.evaluate(() => new Promise((r) => setTimeout(r, 250)));
      await library.screenshot(`${OUT}/library-${scheme}.png`);
      await library.close();
    }

    // Import from…: the preview of a Hypothesis export, before anything is written.
    const library = await browser.openExtensionPage('library.html');
    await library.setViewport(1280, 760);
    await library.emulateColorScheme('light');
    await library.waitFor(() => document.querySelectorAll('.row').length >= 5);
    const dir = mkdtempSync(join(tmpdir(), 'clearmark-shots-'));
    const file = join(dir, 'hypothesis-export.json');
    writeFileSync(file, (importFixture('hypothesis/export.json', server.origin).request as { text: string }).text);
    const menu = (await library.evaluate(centerOf, '[data-action="menu"]'))!;
    await library.click(menu.x, menu.y);
    await library.waitFor(() => !!document.querySelector('[data-action="import-file"]'));
    await library.setInputFiles('[data-action="import-file"]', file);
    await library.waitFor(() => !!document.querySelector('.import-summary'));
    await library.evaluate(() => {
      document.querySelector<HTMLDetailsElement>('.import-problems')?.setAttribute('open', '');
      document.querySelector('.import-preview')?.scrollIntoView({ block: 'end' });
    });
    await library.evaluate(() => new Promise((r) => setTimeout(r, 250)));
    await library.screenshot(`${OUT}/library-import.png`);

    // Sync: the setup form as filled in, then the menu once sync is on.
    await library.reload();
    await library.waitFor(() => document.querySelectorAll('.row').length >= 5);
    const syncMenu = (await library.evaluate(centerOf, '[data-action="sync-menu"]'))!;
    await library.click(syncMenu.x, syncMenu.y);
    for (const [name, value] of [
      ['sync-url', await couch.database('clearmark')],
      ['sync-username', MEMBER.username],
      ['sync-password', MEMBER.password],
      ['sync-passphrase', 'correct horse battery staple'],
    ]) {
      const field = await library.waitFor(centerOf, `.sync-panel input[name="${name}"]`);
      await library.click(field.x, field.y);
      await library.type(value!);
    }
    await library.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await library.evaluate(() => new Promise((r) => setTimeout(r, 250)));
    await library.screenshot(`${OUT}/sync-setup.png`);
    const setup = (await library.evaluate(centerOf, '[data-action="sync-setup"]'))!;
    await library.click(setup.x, setup.y);
    await library.waitFor(
      () => document.querySelector('.sync-panel .sync-status')?.textContent.startsWith('Synced') || null,
      undefined,
      60_000,
    );
    await library.evaluate(() => new Promise((r) => setTimeout(r, 250)));
    await library.screenshot(`${OUT}/sync-on.png`);
    const popup = await browser.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.setViewport(400, 600);
    await popup.waitFor(
      () => document.querySelector('[data-role="sync-status"]')?.textContent.startsWith('Synced') || null,
      undefined,
      30_000,
    );
    await popup.screenshot(`${OUT}/popup-sync.png`);
    console.log(`screenshots written to ${OUT}`);
  } finally {
    await browser.close();
    await server.close();
    await couch.close();
  }
}

void main();
