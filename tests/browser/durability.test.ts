/**
 * Nothing the user saved is lost: the background service worker stopped in the middle of a burst
 * of saves (Chromium, through the DevTools protocol), two tabs saving at once (both browsers).
 * Every acknowledged highlight is stored, no record is half-written, every page's count is true,
 * and saves retried with their ids store each highlight once.
 */
import { describe, expect, it } from 'vitest';
import type { HighlightRecord, PageRecord } from '../../utils/shared/model';
import { describeFailure } from '../../utils/shared/checks';
import { highlightRecordSchema } from '../../utils/shared/records';
import { BROWSERS, type ExtensionBrowser, type PageHandle } from './browsers';
import { paintedHighlights, selectText, sendToBackground, tabIdOf } from './page-probes';
import { SEED_KEY_PATH, useBrowser, useFixtureServer } from './suite';

const fixtures = useFixtureServer();

interface Stored {
  pages: PageRecord[];
  highlights: HighlightRecord[];
}

async function everything(helper: PageHandle): Promise<Stored> {
  const answer = (await helper.evaluate(sendToBackground, { type: 'export', format: 'backup', scope: 'all' })) as {
    ok: boolean;
    value: { text: string };
  };
  return JSON.parse(answer.value.text) as Stored;
}

/** What a library must always be: every record whole, every highlight under a page. */
function expectWhole(stored: Stored) {
  for (const h of stored.highlights) expect(describeFailure(highlightRecordSchema, h)).toBeNull();
  const urls = new Set(stored.pages.map((p) => p.url));
  for (const h of stored.highlights) expect(urls.has(h.url)).toBe(true);
  expect(new Set(stored.highlights.map((h) => h.id)).size).toBe(stored.highlights.length);
}

const uuid = (i: number) => `d0000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const createMessage = (i: number) => ({
  type: 'highlight:create',
  id: uuid(i),
  page: { url: `https://burst.example/page-${i % 5}`, title: `Page ${i % 5}`, siteName: 'Burst' },
  color: 'yellow',
  note: `note ${i}`,
  target: {
    quote: { type: 'TextQuoteSelector', exact: `quote number ${i}`, prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start: i * 20, end: i * 20 + 15 },
  },
});

describe('chromium', () => {
  const suite = useBrowser('chromium');

  it('the service worker stopped in the middle of a burst of saves loses no acknowledged highlight', async () => {
    const browser: ExtensionBrowser = suite.browser;
    await browser.devtools!('ServiceWorker.enable');
    const burst = suite.helper.evaluate(
      (messages) =>
        Promise.all(
          messages.map((m, i) =>
            new Promise((r) => setTimeout(r, i * 2)).then(() =>
              Promise.race([
                (
                  globalThis as unknown as {
                    chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean } | undefined> } };
                  }
                ).chrome.runtime
                  .sendMessage(m)
                  .then(
                    (a) => (a?.ok ? 'acknowledged' : 'refused'),
                    () => 'lost',
                  ),
                // A message the stopping worker never answers is unacknowledged too: the page sends it again.
                new Promise((r) => setTimeout(() => r('unanswered'), 30_000)),
              ]),
            ),
          ),
        ),
      Array.from({ length: 60 }, (_, i) => createMessage(i)),
    );
    await new Promise((r) => setTimeout(r, 40));
    await browser.devtools!('ServiceWorker.stopAllWorkers');
    const outcomes = await burst;
    const acknowledged = outcomes.flatMap((o, i) => (o === 'acknowledged' ? [uuid(i)] : []));
    const stored = await everything(suite.helper);
    expectWhole(stored);
    const ids = new Set(stored.highlights.map((h) => h.id));
    for (const id of acknowledged) expect(ids.has(id)).toBe(true);
    console.log(
      `burst of 60 saves with the worker stopped: ${acknowledged.length} acknowledged, ${outcomes.filter((o) => o === 'lost').length} lost in flight, ${outcomes.filter((o) => o === 'unanswered').length} unanswered, ${stored.highlights.length} stored`,
    );

    // Whatever was not acknowledged is sent again with the same id, as the page does: each is stored once.
    for (const [i, outcome] of outcomes.entries()) {
      if (outcome !== 'acknowledged')
        expect(((await suite.helper.evaluate(sendToBackground, createMessage(i))) as { ok: boolean }).ok).toBe(true);
    }
    const after = await everything(suite.helper);
    expectWhole(after);
    expect(after.highlights.filter((h) => h.url.startsWith('https://burst.example/'))).toHaveLength(60);
  });

  it('a highlight made as the worker stops is kept on the page and saved once', async () => {
    const page = await suite.browser.open(fixtures.server.url('/seed/'));
    await suite.helper.waitFor(tabIdOf, fixtures.server.url(SEED_KEY_PATH), 30_000);
    await page.bringToFront();
    const text = await page.evaluate(selectText, 'Alibaba’s downfall was swift.');
    await page.press('KeyH', ['Alt', 'Shift']);
    await suite.browser.devtools!('ServiceWorker.stopAllWorkers');
    expect(await page.waitFor(paintedHighlights)).toEqual([{ name: 'clearmark-yellow', text }]);
    // The page keeps it and retries; the worker starts again on the next message.
    let stored: string[] = [];
    for (let i = 0; i < 150 && stored.length === 0; i++, await new Promise((r) => setTimeout(r, 100))) {
      const answer = await suite
        .askBackground<{ ok: boolean; value?: { highlights: HighlightRecord[] } }>({
          type: 'page:highlights',
          url: fixtures.server.url(SEED_KEY_PATH),
        })
        .catch(() => null);
      stored = answer?.value?.highlights.map((h) => h.target.quote.exact) ?? [];
    }
    expect(stored).toEqual([text]);
    await page.close();
  });
});

describe.each(BROWSERS)('%s', (name) => {
  const suite = useBrowser(name);

  it('two tabs saving at the same time lose nothing', async () => {
    const sentences = [
      ['Alibaba’s downfall was swift.', 'Alibaba’s share price was near record lows'],
      [
        'Alibaba’s U.S.-listed shares have quietly risen nearly 60% this year',
        'Alibaba is in pole position to benefit from AI and cloud spend',
      ],
    ];
    const tabs: { page: PageHandle; tabId: number }[] = [];
    for (let t = 0; t < 2; t++) {
      const page = await suite.browser.open(fixtures.server.url('/seed/'));
      const tabId = await suite.helper.waitFor(
        async ({ url, known }) => {
          const scope = globalThis as unknown as {
            browser?: never;
            chrome: {
              tabs: {
                query(q: object): Promise<{ id?: number }[]>;
                sendMessage(id: number, m: unknown): Promise<{ ok: boolean; value?: { url: string } }>;
              };
            };
          };
          const api = (scope as { browser?: typeof scope.chrome }).browser ?? scope.chrome;
          for (const tab of await api.tabs.query({})) {
            if (tab.id === undefined || known.includes(tab.id)) continue;
            const answer = await api.tabs.sendMessage(tab.id, { type: 'page:info' }).catch(() => null);
            if (answer?.ok && answer.value?.url === url) return tab.id;
          }
          return null;
        },
        { url: fixtures.server.url(SEED_KEY_PATH), known: tabs.map((t) => t.tabId) },
        15_000,
      );
      tabs.push({ page, tabId });
    }
    for (let round = 0; round < 2; round++) {
      for (const [t, { page }] of tabs.entries()) await page.evaluate(selectText, sentences[t]![round]);
      // Both tabs save at once.
      await Promise.all(tabs.map(({ tabId }) => suite.askTab(tabId, { type: 'selection:highlight' })));
    }
    const stored = (
      await suite.askBackground<{ value: { page: PageRecord; highlights: HighlightRecord[] } }>({
        type: 'page:highlights',
        url: fixtures.server.url(SEED_KEY_PATH),
      })
    ).value;
    expect(stored.highlights.map((h) => h.target.quote.exact).sort()).toEqual(sentences.flat().sort());
    expect(stored.page.highlightCount).toBe(4);
    // Each tab shows all four, the other tab's too.
    for (const { page } of tabs) {
      expect(
        await page.waitFor(
          () =>
            ((CSS.highlights.get('clearmark-yellow') as unknown as Set<Range> | undefined)?.size ?? 0) === 4 || null,
        ),
      ).toBe(true);
    }
  });
});
