/**
 * The message protocol in the real extension: malformed or unknown requests get a clear error
 * and change nothing, in Chromium and Firefox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launch, type ExtensionBrowser } from './browsers';

describe.each(BROWSERS)('%s', (name) => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launch(name);
  });
  afterAll(() => browser.close());

  it('refuses malformed and unknown requests with a clear error, and stores nothing', async () => {
    const page = await browser.openExtensionPage('popup.html');
    const answers = await page.evaluate(async () => {
      const api = globalThis as unknown as {
        browser?: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
        chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
      };
      const runtime = (api.browser ?? api.chrome).runtime;
      const url = 'https://news.example/a';
      return {
        unknown: await runtime.sendMessage({ type: 'delete-everything' }),
        badColor: await runtime.sendMessage({
          type: 'highlight:create',
          page: { url, title: 'A', siteName: 'News' },
          color: 'red',
          note: '',
          target: {
            quote: { type: 'TextQuoteSelector', exact: 'x', prefix: '', suffix: '' },
            position: { type: 'TextPositionSelector', start: 0, end: 1 },
          },
        }),
        notObject: await runtime.sendMessage('highlight:create'),
        after: await runtime.sendMessage({ type: 'page:highlights', url }),
      };
    });
    expect(answers).toEqual({
      unknown: { ok: false, code: 'rejected', error: 'Rejected: unknown message type "delete-everything"' },
      badColor: {
        ok: false,
        code: 'rejected',
        error: 'Rejected "highlight:create": color must be one of yellow, green, blue, pink, purple',
      },
      notObject: { ok: false, code: 'rejected', error: 'Rejected: a message must be an object with a "type"' },
      after: { ok: true, value: { page: null, highlights: [] } },
    });
  });
});
