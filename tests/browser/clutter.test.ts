/**
 * Consent banners and article detection in the real extension, in Chromium and Firefox: banners
 * hidden and scrolling given back, the article text complete and free of clutter, nothing hidden
 * on an article about cookies, and the user's choice to keep banners respected.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROWSERS, type PageHandle } from './browsers';
import { tabIdOf } from './page-probes';
import { SEED_KEY_PATH, useBrowser, useFixtureServer } from './suite';

const SEED_CAPTURE = readFileSync(resolve(import.meta.dirname, '../fixtures/seed/capture.txt'), 'utf8');
const fixtures = useFixtureServer();

/** Whether an element is shown: rendered with a box, not display:none anywhere up the tree. */
function shown(selector: string): boolean | null {
  const el = document.querySelector(selector);
  if (!el) return null;
  return (el as HTMLElement).getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
}

/** Scrolls down and tells how far the page moved. */
async function scrollDistance(): Promise<number> {
  window.scrollTo(0, 0);
  window.scrollBy(0, 400);
  await new Promise((r) => setTimeout(r, 50));
  return window.scrollY;
}

describe.each(BROWSERS)('%s', (name) => {
  const suite = useBrowser(name);
  const ask = (tabId: number, message: object) => suite.askTab(tabId, message);

  async function open(path: string, key = path): Promise<{ page: PageHandle; tabId: number }> {
    const page = await suite.browser.open(fixtures.server.url(path));
    const tabId = await suite.helper.waitFor(tabIdOf, fixtures.server.url(key), 15_000);
    return { page, tabId };
  }

  it('the seed page: banner gone, page scrolls, article text complete and clean', async () => {
    const { page, tabId } = await open('/seed/', SEED_KEY_PATH);
    expect(await page.evaluate(shown, '#cookie-law-info-bar')).toBe(false);
    expect(await page.evaluate(scrollDistance)).toBeGreaterThan(300);

    const answer = (await ask(tabId, { type: 'article:get' })) as {
      ok: boolean;
      value: Record<string, unknown> & { text: string };
    };
    expect(answer.ok).toBe(true);
    expect(answer.value).toMatchObject({
      isArticle: true,
      title: 'Alibaba $100 billion stock rally fueled by AI, Jack Ma return',
      byline: 'Arjun Kharpal',
      siteName: 'Daily Market Brief',
      publishedAt: '2025-03-08T06:12:41+00:00',
      lang: 'en-US',
      readerOpen: false,
    });
    const text = answer.value.text;
    const paragraphs = SEED_CAPTURE.split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(
        (p) =>
          p.length > 60 &&
          p !== answer.value.title &&
          !p.startsWith('This website uses cookies') &&
          !p.startsWith('Read More'),
      );
    for (const paragraph of paragraphs) expect(text).toContain(paragraph);
    expect(text.split('\n\n')).toContain('Alibaba’s fall');
    for (const clutter of [
      'This website uses cookies',
      'Read More: Alibaba',
      'Finance News',
      'World News',
      'Share this',
      'Facebook',
      'Related Posts',
      'Recent Posts',
      'Newsletter',
      'All rights reserved',
    ]) {
      expect(text).not.toContain(clutter);
    }
    await page.close();
  });

  it('a full-screen consent modal that locks scrolling: dialog and backdrop gone, page scrolls and reads', async () => {
    const { page } = await open('/consent-modal/');
    await page.waitFor(() => document.querySelector('.privacy-dialog')?.getClientRects().length === 0);
    expect(await page.evaluate(shown, '.privacy-wall')).toBe(false);
    expect(await page.evaluate(scrollDistance)).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.getElementById('content')!.hasAttribute('aria-hidden'))).toBe(false);
    await page.close();
  });

  it('an unknown German banner is hidden', async () => {
    const { page } = await open('/german-banner/');
    await page.waitFor(() => document.querySelector('.hinweis-leiste')?.getClientRects().length === 0);
    expect(await page.evaluate(shown, '.beitrag')).toBe(true);
    await page.close();
  });

  it('an article about cookies stays whole, and is an article', async () => {
    const { page, tabId } = await open('/cookie-article/');
    const answer = (await ask(tabId, { type: 'article:get' })) as { value: { isArticle: boolean; text: string } };
    expect(answer.value.isArticle).toBe(true);
    expect(answer.value.text).toContain('Accept that the first tray is a test');
    expect(await page.evaluate(shown, '.cookie-tips')).toBe(true);
    expect(await page.evaluate(shown, '.jump')).toBe(true);
    expect(await page.evaluate(() => document.querySelectorAll('[data-clearmark-hidden]').length)).toBe(0);
    await page.close();
  });

  it('a home page is not an article', async () => {
    const { page, tabId } = await open('/home/');
    expect(await ask(tabId, { type: 'article:get' })).toMatchObject({
      ok: true,
      value: { isArticle: false, text: '' },
    });
    await page.close();
  });

  it('with "Hide cookie banners" switched off in the popup, banners stay', async () => {
    const popup = await suite.browser.openExtensionPage('popup.html');
    const box = await popup.waitFor(() => {
      const r = document.querySelector('.switch input')?.getBoundingClientRect();
      return r && r.width > 0 ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : null;
    });
    expect(await popup.evaluate(() => (document.querySelector('.switch input') as HTMLInputElement).checked)).toBe(
      true,
    );
    await popup.click(box.x, box.y);
    expect(await popup.waitFor(() => !(document.querySelector('.switch input') as HTMLInputElement).checked)).toBe(
      true,
    );
    expect(await suite.askBackground({ type: 'settings:get' })).toMatchObject({
      ok: true,
      value: { stripConsentBanners: false },
    });
    const { page } = await open('/german-banner/');
    await page.waitFor(() => document.documentElement.getAttribute('data-clearmark-banners') === 'shown');
    expect(await page.evaluate(shown, '.hinweis-leiste')).toBe(true);
    const seed = await open('/seed/', SEED_KEY_PATH);
    expect(await seed.page.evaluate(shown, '#cookie-law-info-bar')).toBe(true);
  });
});
