/**
 * The whole article into Obsidian, in Chromium and Firefox: the seed article saved (Alt+Shift+S)
 * and highlighted (Alt+Shift+H) with a note; the popup's "Send to Obsidian" hands Obsidian an
 * `obsidian://new` address whose note is the article as Markdown with the highlight marked in
 * place, the note as a callout after its paragraph, and the front matter that YAML reads back;
 * the library's Saved view sends into the vault and folder its settings name; the `article`
 * export answers a `.md` for one page and a zip of notes for all.
 */
import { unzipSync, strFromU8 } from 'fflate';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { ExportFile, HighlightRecord } from '../../utils/shared/model';
import { BROWSERS } from './browsers';
import { paintedHighlights, selectText, tabIdOf } from './page-probes';
import { SEED_KEY_PATH, clickOn, until, useBrowser, useFixtureServer } from './suite';

const fixtures = useFixtureServer();
const QUOTE = 'Alibaba’s downfall was swift.';

function obsidianAddress(): string | null {
  return document.documentElement.dataset.clearmarkObsidianUri ?? null;
}

function noteOf(address: string): { params: URLSearchParams; content: string } {
  const params = new URLSearchParams(address.slice('obsidian://new?'.length));
  return { params, content: params.get('content') ?? '' };
}

describe.each(BROWSERS)('%s', (name) => {
  const suite = useBrowser(name);
  const seedUrl = () => fixtures.server.url(SEED_KEY_PATH);

  it('the popup’s Send to Obsidian makes a note of the whole article: the highlight marked in place, its note a callout after its paragraph, front matter that parses; the library sends into the vault and folder set', async () => {
    const page = await suite.browser.open(fixtures.server.url('/seed/'));
    const tabId = await suite.helper.waitFor(tabIdOf, seedUrl(), 15_000);
    await page.bringToFront();
    await page.press('KeyS', ['Alt', 'Shift']);
    await until(
      async () =>
        (await suite.askBackground<{ value: { url: string }[] }>({ type: 'saved:list' })).value.some(
          (i) => i.url === seedUrl(),
        ),
      30_000,
      'the saved copy',
    );
    await page.evaluate(selectText, QUOTE);
    await page.press('KeyH', ['Alt', 'Shift']);
    await page.waitFor(paintedHighlights);
    let highlight: HighlightRecord | undefined;
    await until(
      async () =>
        !!(highlight = (
          await suite.askBackground<{ value: { highlights: HighlightRecord[] } }>({
            type: 'page:highlights',
            url: seedUrl(),
          })
        ).value.highlights[0]),
      30_000,
      'the highlight stored',
    );
    await suite.askBackground({
      type: 'highlight:update',
      id: highlight!.id,
      note: 'Why so fast?\nAsk the regulators.',
      tags: ['china', 'markets'],
    });
    try {
      const popup = await suite.browser.openExtensionPage(`popup.html?tab=${tabId}`);
      await clickOn(popup, '[data-action="send-to-obsidian"]');
      const address = await popup.waitFor(obsidianAddress, undefined, 30_000);
      expect(await popup.evaluate(() => document.querySelector('.notice')?.textContent ?? '')).toMatch(
        /Sent to Obsidian/,
      );
      await popup.close();

      expect(address.startsWith('obsidian://new?')).toBe(true);
      // Encoded as Obsidian reads it: %20 for a space, never "+".
      expect(address).not.toMatch(/\+/);
      const { params, content } = noteOf(address);
      expect(params.has('vault')).toBe(false);
      expect(params.get('file')).toMatch(/^Clippings\/.*Alibaba/);
      const front = parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(content)![1]!) as Record<string, unknown>;
      expect(front).toMatchObject({ source: seedUrl(), highlights: 1 });
      expect(front.tags).toEqual(['clearmark', 'china', 'markets']);
      expect(content).toContain(`==${QUOTE.replace('’', '’')}==`);
      expect(content).toMatch(
        /==Alibaba’s downfall was swift\.==[^\n]*\n\n> \[!note\]\n> Why so fast\?\n>\n> Ask the regulators\./,
      );
      // The article, not the clutter; the figures with their captions.
      for (const clutter of ['This website uses cookies', 'Read More:', 'Share this'])
        expect(content).not.toContain(clutter);
      expect(content).toMatch(/!\[[^\]]*\]\(<http:\/\/127\.0\.0\.1:\d+\/[^>]*figure-nanjing\.svg>\)/);
      const html = new MarkdownIt().render(content.replace(/^---[\s\S]*?---\n/, ''));
      expect(html).toContain('<h1>');
      expect(html).toContain('Alibaba’s downfall was swift.');

      // The library's Saved view: settings name the vault and folder, and the item sends.
      const library = await suite.browser.openExtensionPage('library.html?view=saved');
      await clickOn(library, '.obsidian-settings summary');
      await clickOn(library, 'input[name="obsidian-vault"]');
      await library.type('Reading Notes');
      await clickOn(library, 'input[name="obsidian-folder"]');
      await library.press('KeyA', ['Control']);
      await library.type('Web/Articles');
      await library.press('Tab');
      await until(
        async () =>
          (
            await suite.askBackground<{ value: { obsidian: { vault: string; folder: string } } }>({
              type: 'settings:get',
            })
          ).value.obsidian.folder === 'Web/Articles',
        15_000,
        'the folder kept',
      );
      expect(
        (await suite.askBackground<{ value: { obsidian: { vault: string } } }>({ type: 'settings:get' })).value.obsidian
          .vault,
      ).toBe('Reading Notes');
      await clickOn(library, `.saved-item[data-url="${seedUrl()}"] [data-action="send-to-obsidian"]`);
      const sent = noteOf(await library.waitFor(obsidianAddress, undefined, 30_000));
      expect(sent.params.get('vault')).toBe('Reading Notes');
      expect(sent.params.get('file')).toMatch(/^Web\/Articles\/.*Alibaba/);
      expect(sent.content).toContain(`==${QUOTE}==`);
      await library.close();

      // The export itself: one page is a .md note, everything a zip of notes.
      const one = (
        await suite.askBackground<{ ok: true; value: ExportFile }>({
          type: 'export',
          format: 'article',
          scope: { url: seedUrl() },
        })
      ).value;
      expect(one.filename).toMatch(/Alibaba.*\.md$/);
      expect(one.mime).toBe('text/markdown');
      expect(one.text).toContain(`==${QUOTE}==`);
      const all = (
        await suite.askBackground<{ ok: true; value: ExportFile }>({ type: 'export', format: 'article', scope: 'all' })
      ).value;
      expect(all.filename).toMatch(/\.zip$/);
      const files = unzipSync(Uint8Array.from(Buffer.from(all.base64!, 'base64')));
      const notes = Object.keys(files).filter((f) => f.endsWith('.md'));
      expect(notes.length).toBeGreaterThanOrEqual(1);
      expect(notes.map((n) => strFromU8(files[n]!)).some((text) => text.includes(`==${QUOTE}==`))).toBe(true);
      // A page with no saved copy is told so.
      const none = await suite.askBackground<{ ok: false; error: string }>({
        type: 'export',
        format: 'article',
        scope: { url: fixtures.server.url('/not-saved-anywhere/') },
      });
      expect(none.ok).toBe(false);
      expect(none.error).toMatch(/no saved copy/);
    } finally {
      // Put the settings back even when a check above failed, so the next check starts from them.
      await suite.askBackground({ type: 'settings:set', settings: { obsidian: { vault: '', folder: 'Clippings' } } });
      await suite.askBackground({ type: 'highlight:delete', id: highlight!.id });
      await suite.askBackground({ type: 'saved:delete', url: seedUrl() });
      await page.close();
    }
  });

  it('Send to Obsidian on an article not saved yet saves it first, then sends the whole article', async () => {
    const url = fixtures.server.url('/rich-article/');
    const page = await suite.browser.open(url);
    const tabId = await suite.helper.waitFor(tabIdOf, url, 15_000);
    try {
      const popup = await suite.browser.openExtensionPage(`popup.html?tab=${tabId}`);
      expect(await popup.waitFor(() => !!document.querySelector('[data-action="save"]'))).toBe(true);
      await clickOn(popup, '[data-action="send-to-obsidian"]');
      const { params, content } = noteOf(await popup.waitFor(obsidianAddress, undefined, 30_000));
      expect(await popup.waitFor(() => !!document.querySelector('[data-action="open-saved"]'))).toBe(true);
      await popup.close();
      expect(params.get('file')).toMatch(/^Clippings\/.*Ferry/i);
      expect(content).toMatch(/^---\ntitle: ".*Ferry/im);
      expect(
        (await suite.askBackground<{ value: { url: string }[] }>({ type: 'saved:list' })).value.some(
          (i) => i.url === url,
        ),
      ).toBe(true);
    } finally {
      await suite.askBackground({ type: 'saved:delete', url });
      await page.close();
    }
  });
});
