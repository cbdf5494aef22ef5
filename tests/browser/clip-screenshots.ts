/**
 * Takes the pictures of the article in Obsidian and of reading lists in real Chromium with the
 * test build: the popup after "Send to Obsidian" on the seed article (saved, one highlight with a
 * note), and the Saved view after a list of links came in — entries not fetched yet, the setting
 * that fetches them in the background, and the Obsidian settings opened.
 * Run: npm run screenshots:clip
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launch } from './browsers';
import { startFixtureServer } from './fixture-server';
import { paintedHighlights, selectText, sendToBackground, tabIdOf } from './page-probes';
import { SEED_KEY_PATH, clickOn, importThroughMenu } from './suite';

const OUT = resolve(import.meta.dirname, '../../assets/screenshots');

async function main() {
  const [server, browser] = await Promise.all([startFixtureServer(), launch('chromium')]);
  try {
    const page = await browser.open(server.url('/seed/'));
    const helper = await browser.openExtensionPage('popup.html');
    const tabId = await helper.waitFor(tabIdOf, server.url(SEED_KEY_PATH), 15_000);
    await page.bringToFront();
    await page.evaluate(selectText, 'Alibaba’s downfall was swift.');
    await page.press('KeyH', ['Alt', 'Shift']);
    await page.waitFor(paintedHighlights);
    const stored = await helper.waitFor(
      async (url) =>
        (
          await (
            globalThis as unknown as {
              chrome: { runtime: { sendMessage(m: unknown): Promise<{ value: { highlights: { id: string }[] } }> } };
            }
          ).chrome.runtime.sendMessage({ type: 'page:highlights', url })
        ).value.highlights[0] ?? null,
      server.url(SEED_KEY_PATH),
      30_000,
    );
    await helper.evaluate(sendToBackground, {
      type: 'highlight:update',
      id: stored.id,
      note: 'Why so fast? Ask the regulators.',
      tags: ['china'],
    });

    const popup = await browser.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.setViewport(400, 560);
    await clickOn(popup, '[data-action="send-to-obsidian"]');
    await popup.waitFor(() => document.querySelector('.notice')?.textContent || null, undefined, 30_000);
    await popup.screenshot(`${OUT}/popup-obsidian.png`);
    // The note itself, as Obsidian receives it.
    const note = await popup.evaluate(
      () =>
        new URLSearchParams(
          (document.documentElement.dataset.clearmarkObsidianUri ?? '').slice('obsidian://new?'.length),
        ).get('content') ?? '',
    );
    writeFileSync(join(OUT, '../../docs/screenshots/article-note.md'), note);
    await popup.close();

    const dir = mkdtempSync(join(tmpdir(), 'clearmark-shots-'));
    const list = join(dir, 'to-read.txt');
    writeFileSync(
      list,
      [
        '# To read',
        `${server.url('/rich-article/')} The Night Ferry`,
        `${server.url('/cookie-article/')} Brown butter cookies`,
        `${server.url('/rtl-article/')} مقالة`,
      ].join('\n'),
    );
    const library = await browser.openExtensionPage('library.html');
    await importThroughMenu(library, list, '3 articles to read later from a list of links.', /^Imported: 3 articles/);
    await library.close();
    const saved = await browser.openExtensionPage('library.html?view=saved');
    await saved.setViewport(1100, 760);
    await saved.waitFor(() => document.querySelectorAll('.saved-item').length === 4);
    await saved.waitFor(() => !!document.querySelector('.obsidian-settings'));
    await saved.evaluate(() => {
      const panel = document.querySelector<HTMLDetailsElement>('.obsidian-settings')!;
      panel.open = true;
      panel.scrollIntoView({ block: 'end' });
    });
    await saved.screenshot(`${OUT}/saved-reading-list.png`);
    await saved.close();
    // An entry opened before its copy is fetched (headless Chromium is never given access to sites).
    const entry = await browser.openExtensionPage(
      `reader.html?url=${encodeURIComponent(server.url('/rich-article/'))}`,
    );
    await entry.setViewport(900, 420);
    await entry.waitFor(() => !!document.querySelector('[data-action="fetch-copy"]'));
    await entry.screenshot(`${OUT}/reading-list-entry.png`);
    await entry.close();
    await page.close();
  } finally {
    await browser.close();
    await server.close();
  }
}

void main();
