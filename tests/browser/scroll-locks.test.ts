/**
 * Banners let go of the page, however it was locked, in Chromium and Firefox: on each page of
 * tests/fixtures/scroll-locks the banner goes, and a real mouse wheel then moves the page down to
 * its last paragraph (a body pinned at a negative top first gets its scroll position back; inert
 * content comes alive). With banner hiding switched off the page stays as the site made it.
 */
import { describe, expect, it } from 'vitest';
import { BROWSERS, type PageHandle } from './browsers';
import { tabIdOf } from './page-probes';
import { until, useBrowser, useFixtureServer } from './suite';

const fixtures = useFixtureServer();

const LOCKS = [
  { page: 'html-inline.html', banner: '#onetrust-banner-sdk' },
  { page: 'html-class.html', banner: '[id^="sp_message_container"]' },
  { page: 'body-fixed.html', banner: '.privacy-layer' },
  { page: 'inert.html', banner: '#didomi-host' },
];

const bannerGone = (selector: string) => {
  const el = document.querySelector(selector);
  return !!el && el.getClientRects().length === 0;
};

/** Turns the wheel over the middle of the page until the last paragraph is in view (or tries run out). */
async function wheelToTheEnd(page: PageHandle): Promise<boolean> {
  await page.mouseMove(640, 400);
  for (let i = 0; i < 40; i++) {
    await page.wheel(600);
    const seen = await page.evaluate(
      () =>
        new Promise<boolean>((r) =>
          requestAnimationFrame(() => r(document.getElementById('last')!.getBoundingClientRect().top < innerHeight)),
        ),
    );
    if (seen) return true;
  }
  return false;
}

describe.each(BROWSERS)('%s', (name) => {
  const suite = useBrowser(name);

  it.each(LOCKS)('$page: the banner goes and the wheel scrolls to the end', async ({ page: path, banner }) => {
    const url = fixtures.server.url(`/scroll-locks/${path}`);
    const page = await suite.browser.open(url);
    await suite.helper.waitFor(tabIdOf, url, 15_000);
    await page.waitFor(bannerGone, banner, 15_000);
    if (path === 'body-fixed.html') {
      // The page had been scrolled before it pinned its body: that place is given back.
      await until(
        async () =>
          (await page.evaluate(() => Math.round(scrollY))) ===
          Number(await page.evaluate(() => document.body.dataset.lockedAt)),
        15_000,
        'the scroll position given back',
      );
    }
    if (path === 'inert.html') {
      // The stylesheet hides a known banner before paint; the content comes alive when the page is next idle.
      await until(
        async () => !(await page.evaluate(() => document.getElementById('page')!.hasAttribute('inert'))),
        15_000,
        'the content no longer inert',
      );
    }
    const before = await page.evaluate(() => scrollY);
    expect(await wheelToTheEnd(page)).toBe(true);
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(before + 300);
    await page.close();
  });

  it('on a page whose lock was released, the reader view still keeps the page still, and closing it gives scrolling back', async () => {
    const url = fixtures.server.url('/scroll-locks/html-inline.html');
    const page = await suite.browser.open(url);
    const tabId = await suite.helper.waitFor(tabIdOf, url, 15_000);
    await page.waitFor(bannerGone, '#onetrust-banner-sdk', 15_000);
    await until(
      async () =>
        (await page.evaluate(() => document.documentElement.style.getPropertyValue('overflow'))) === 'visible',
      15_000,
      'the lock released',
    );
    const opened = await suite.askTab(tabId, { type: 'reader:toggle', open: true });
    expect(opened).toMatchObject({ ok: true, value: true });
    // The reader alone scrolls: the released lock's inline overflow: visible !important does not outrank it.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflowY)).toBe('hidden');
    await suite.askTab(tabId, { type: 'reader:toggle', open: false });
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflowY)).not.toBe('hidden');
    expect(await wheelToTheEnd(page)).toBe(true);
    await page.close();
  });

  it('with banner hiding off, a locked page stays as the site made it', async () => {
    await suite.askBackground({ type: 'settings:set', settings: { stripConsentBanners: false } });
    const url = fixtures.server.url('/scroll-locks/html-inline.html');
    const page = await suite.browser.open(url);
    await page.waitFor(
      () => document.documentElement.getAttribute('data-clearmark-banners') === 'shown',
      undefined,
      15_000,
    );
    expect(await page.evaluate(() => document.querySelector('#onetrust-banner-sdk')!.getClientRects().length > 0)).toBe(
      true,
    );
    await page.mouseMove(640, 400);
    await page.wheel(1200);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    expect(await page.evaluate(() => scrollY)).toBe(0);
    await suite.askBackground({ type: 'settings:set', settings: { stripConsentBanners: true } });
    await page.close();
  });
});
