/**
 * Reading lists in, as a person brings them, in Chromium and Firefox: the library's menu, "Import
 * from…", each tool's file (Pocket's zip and HTML, Instapaper's CSV, a bookmarks file, a list of
 * links; tests/fixtures/import with the served origin), the preview read ("3 articles to read
 * later from Pocket."), Import pressed; the Saved view then lists them, not fetched yet, with
 * their reading state and tags. One opened fetches its copy from the site (Firefox: its test
 * profile grants the access to sites a person would; headless Chromium never answers that prompt,
 * TESTING.md, so there the page offers the fetch and names the article); turned on in the Saved view,
 * the rest are fetched in the background.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SavedListItem } from '../../utils/shared/model';
import { BROWSERS, launch, type ExtensionBrowser } from './browsers';
import { sendToBackground as askBackground, textsOf } from './page-probes';
import { clickOn, importThroughMenu, until, useFixtureServer } from './suite';
import { fixtureFile } from '../fixtures/import/files';

const fixtures = useFixtureServer();

/** In this order, each list brings what the ones before did not (or nothing new at all). */
const LISTS = [
  { file: 'pocket', preview: '3 articles to read later from Pocket.', added: 3 },
  {
    file: 'instapaper/instapaper-export.csv',
    preview: '4 articles to read later from Instapaper; 3 already here.',
    added: 1,
  },
  {
    file: 'bookmarks/bookmarks.html',
    preview: '2 articles to read later from a bookmarks file; 1 already here.',
    added: 1,
  },
  { file: 'links/links.txt', preview: '3 articles to read later from a list of links; 3 already here.', added: 0 },
  { file: 'pocket-html/ril_export.html', preview: '3 articles to read later from Pocket; 3 already here.', added: 0 },
];

describe.each(BROWSERS)('%s', (name) => {
  let browser: ExtensionBrowser | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it('imports every reading list through the menu; the Saved view lists them not fetched yet, with state and tags; one opened fetches its copy', async () => {
    browser = await launch(name);
    const dir = mkdtempSync(join(tmpdir(), 'clearmark-lists-'));
    const library = await browser.openExtensionPage('library.html');
    for (const list of LISTS) {
      const path = fixtureFile(list.file, dir, fixtures.server.origin);
      if (list.added) {
        await importThroughMenu(
          library,
          path,
          list.preview,
          new RegExp(`^Imported: ${list.added} articles? to read later`),
        );
        continue;
      }
      // Nothing new: the preview says so, and there is nothing to confirm.
      if (!(await library.evaluate(() => !!document.querySelector('.menu-panel'))))
        await clickOn(library, '[data-action="menu"]');
      await library.setInputFiles('[data-action="import-file"]', path);
      expect(
        await library.waitFor(() => document.querySelector('.import-summary')?.textContent || null, undefined, 30_000),
      ).toBe(list.preview);
      expect(
        await library.evaluate(() => [
          document.querySelector<HTMLButtonElement>('[data-action="import-confirm"]')!.disabled,
          document.querySelector('[data-action="import-confirm"]')!.textContent,
        ]),
      ).toEqual([true, 'Nothing new to import']);
      await clickOn(library, '[data-action="import-cancel"]');
      await library.waitFor(() => !document.querySelector('.import-preview'));
    }
    const saved = ((await library.evaluate(askBackground, { type: 'saved:list' })) as { value: SavedListItem[] }).value;
    const ferry = saved.find((i) => i.url === fixtures.server.url('/rich-article/'))!;
    // Pocket's zip came first: its state and tags; later lists add nothing for the same address.
    expect(ferry).toMatchObject({ pending: true, state: 'archived', title: 'The Night Ferry' });
    expect(saved.find((i) => i.url === fixtures.server.url('/coast/lighthouse-logbooks/'))).toMatchObject({
      pending: true,
      state: 'unread',
      tags: ['history', 'coast'],
    });
    expect(saved.map((i) => i.url).sort()).toEqual(
      ['/coast/lighthouse-logbooks/', '/cookie-article/', '/home/', '/rich-article/', '/rtl-article/']
        .map((p) => fixtures.server.url(p))
        .sort(),
    );

    const view = await browser.openExtensionPage('library.html?view=saved');
    await view.waitFor(textsOf, '.saved-item[data-pending] .saved-meta');
    expect(
      (await view.evaluate(textsOf, '.saved-item[data-pending] .saved-meta'))!.every((t) =>
        t.includes('not fetched yet'),
      ),
    ).toBe(true);
    // Opened: the copy is fetched from the site and shown as any saved copy.
    const cookies = fixtures.server.url('/cookie-article/');
    await clickOn(view, `.saved-item[data-url="${cookies}"] .saved-title`);
    const offered = await view.waitFor(
      () =>
        document.querySelector('.fetch-copy h1')?.textContent ||
        document.querySelector('clearmark-ui')?.shadowRoot?.querySelector('.title')?.textContent ||
        null,
      undefined,
      30_000,
    );
    expect(offered).toMatch(/^Brown butter|Browned butter|butter/i);
    if (name === 'firefox') {
      if (await view.evaluate(() => !!document.querySelector('[data-action="fetch-copy"]:not(:disabled)')))
        await clickOn(view, '[data-action="fetch-copy"]');
      const body = await view.waitFor(
        () => document.querySelector('clearmark-ui')?.shadowRoot?.querySelector('.body')?.textContent || null,
        undefined,
        30_000,
      );
      expect(body).toContain('Browning the butter takes five minutes and changes everything.');
      const item = (
        (await view.evaluate(askBackground, { type: 'saved:list' })) as { value: SavedListItem[] }
      ).value.find((i) => i.url === cookies)!;
      expect(item.pending).toBeUndefined();
      expect(item).toMatchObject({ state: 'unread', tags: ['recipes', 'baking'] });
      expect(item.words).toBeGreaterThan(50);
      // Turned on in the Saved view, the others' copies are fetched in the background.
      await view.close();
      const settings = await browser.openExtensionPage('library.html?view=saved');
      await clickOn(settings, 'input[name="fetch-reading-list"]');
      const ferryUrl = fixtures.server.url('/rich-article/');
      let fetched: SavedListItem | undefined;
      await until(
        async () => {
          fetched = (
            (await settings.evaluate(askBackground, { type: 'saved:list' })) as { value: SavedListItem[] }
          ).value.find((i) => i.url === ferryUrl);
          return !!fetched && !fetched.pending;
        },
        60_000,
        'the ferry article fetched in the background',
      );
      expect(fetched).toMatchObject({ state: 'archived', title: expect.stringMatching(/ferry/i) });
      expect(fetched!.words).toBeGreaterThan(50);
    } else {
      expect(await view.evaluate(() => document.querySelector('[data-action="fetch-copy"]')?.textContent ?? null)).toBe(
        'Fetch the article',
      );
    }
  });
});
