/**
 * axe-core, the accessibility engine browsers' own tools use, run in real Chromium and Firefox on
 * Clearmark's extension pages as a person sees them: the popup on a page with highlights, the
 * library's Highlights and Saved views, its Export & backup and Sync menus open, and a saved
 * copy in the reader, light and (in Chromium) dark. The card and the reader on a live page live in
 * closed shadow roots, which axe cannot enter; they are not checked here.
 * The rules are WCAG 2.2 A and AA; a violation fails the check with its rule, its element and why.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { BROWSERS, type PageHandle } from './browsers';
import { selectText, tabIdOf } from './page-probes';
import { clickOn, SEED_KEY_PATH, useBrowser, useFixtureServer } from './suite';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SAMPLE = readFileSync(new URL('../fixtures/library/sample-backup.json', import.meta.url), 'utf8');
const fixtures = useFixtureServer();

/** The violations axe finds on the page as it is now, one line each. */
async function violations(page: PageHandle): Promise<string[]> {
  // Evaluated as an expression (not through eval in the page), so the pages' CSP does not refuse it.
  await page.evaluate(AXE as never);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${String(n.target)} — ${(n.failureSummary ?? v.help).replace(/\s+/g, ' ').slice(0, 220)}`));
  });
}

describe.each(BROWSERS)('%s', (name) => {
  const suite = useBrowser(name);

  // Firefox's WebDriver BiDi cannot switch the color scheme: its dark pages are checked in Chromium.
  it.each(name === 'chromium' ? (['light', 'dark'] as const) : (['light'] as const))('popup, library views and menus have no WCAG 2.2 A/AA violations (%s)', async (scheme) => {
    await suite.askBackground({ type: 'import', text: SAMPLE });
    const page = await suite.browser.open(fixtures.server.url('/seed/'));
    const tabId = await suite.helper.waitFor(tabIdOf, fixtures.server.url(SEED_KEY_PATH), 15_000);
    await page.bringToFront();
    await page.evaluate(selectText, 'Alibaba’s downfall was swift.');
    await page.press('KeyH', ['Alt', 'Shift']);
    await page.press('Escape');

    const found: Record<string, string[]> = {};
    const popup = await suite.browser.openExtensionPage(`popup.html?tab=${tabId}`);
    if (scheme === 'dark') await popup.emulateColorScheme(scheme);
    await popup.setViewport(400, 600);
    await popup.waitFor(() => document.querySelectorAll('.highlight').length > 0 || null);
    found.popup = await violations(popup);
    await popup.close();

    const library = await suite.browser.openExtensionPage('library.html');
    if (scheme === 'dark') await library.emulateColorScheme(scheme);
    await library.waitFor(() => document.querySelectorAll('.detail .highlight').length > 0 || null);
    found.library = await violations(library);
    await clickOn(library, '[data-action="menu"]');
    await library.waitFor(() => !!document.querySelector('.menu-panel') || null);
    found['export & backup menu'] = await violations(library);
    await clickOn(library, '[data-action="menu"]');
    await clickOn(library, '[data-action="sync-menu"]');
    found['sync menu'] = await violations(library);
    await library.close();

    const saved = await suite.browser.openExtensionPage('library.html?view=saved');
    if (scheme === 'dark') await saved.emulateColorScheme(scheme);
    await saved.waitFor(() => !!document.querySelector('section.saved') || null);
    found['saved view'] = await violations(saved);
    await saved.close();

    // The seed article saved, and its copy read in Clearmark's own page.
    await suite.askTab(tabId, { type: 'article:save' });
    const copy = await suite.browser.openExtensionPage(`reader.html?url=${encodeURIComponent(fixtures.server.url(SEED_KEY_PATH))}`);
    if (scheme === 'dark') await copy.emulateColorScheme(scheme);
    await copy.waitFor(() => (document.querySelector('clearmark-ui')?.shadowRoot?.querySelector('.body')?.textContent?.length ?? 0) > 500 || null, undefined, 30_000);
    found['saved copy'] = await violations(copy);
    await copy.close();
    // The reader's own themes, whatever the system's scheme.
    for (const theme of ['light', 'sepia', 'dark'] as const) {
      await suite.askBackground({ type: 'settings:set', settings: { reader: { theme } } });
      const themed = await suite.browser.openExtensionPage(`reader.html?url=${encodeURIComponent(fixtures.server.url(SEED_KEY_PATH))}`);
      await themed.waitFor(() => (document.querySelector('clearmark-ui')?.shadowRoot?.querySelector('.body')?.textContent?.length ?? 0) > 500 || null, undefined, 30_000);
      const wrong = await violations(themed);
      if (wrong.length) found[`saved copy, ${theme} theme`] = wrong;
      // And with the reader's settings open (the panel a person opens with its Aa button).
      await themed.evaluate(() => document.querySelector('clearmark-ui')!.shadowRoot!.querySelector<HTMLElement>('[data-control="settings"]')!.click());
      await themed.waitFor(() => !!document.querySelector('clearmark-ui')!.shadowRoot!.querySelector('.panel') || null);
      const inPanel = await violations(themed);
      if (inPanel.length) found[`saved copy, ${theme} theme, settings open`] = inPanel;
      await themed.close();
    }
    await suite.askBackground({ type: 'settings:set', settings: { reader: { theme: 'auto' } } });
    await page.close();
    expect(found).toEqual({ popup: [], library: [], 'export & backup menu': [], 'sync menu': [], 'saved view': [], 'saved copy': [] });
  });
});
