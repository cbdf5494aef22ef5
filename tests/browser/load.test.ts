/**
 * 50,000 highlights stored, in Chromium and Firefox: a page without highlights still gets its
 * (empty) answer from one index lookup, and a long article restores all 500 of its highlights.
 * The time figures (start-up with an empty and a full database, long tasks during the restore)
 * are printed here and measured properly by `npm run bench:load`; tests assert no times.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS } from './browsers';
import { startFixtureServer, type FixtureServer } from './fixture-server';
import { sendToBackground, tabIdOf } from './page-probes';
import { useBrowser } from './suite';
import { loadBackup, longArticle, plainPage } from '../bench/load-library';

let server: FixtureServer;
beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'clearmark-load-'));
  for (const [dir, html] of [
    ['long', longArticle(600)],
    ['plain', plainPage()],
  ] as const) {
    mkdirSync(join(root, dir));
    writeFileSync(join(root, dir, 'index.html'), html);
  }
  server = await startFixtureServer(root);
});
afterAll(() => server.close());

describe.each(BROWSERS)('%s', (name) => {
  const suite = useBrowser(name);

  it('with 50,000 highlights stored, pages start as before and 500 highlights come back on one page', async () => {
    const imported = (await suite.helper.evaluate(sendToBackground, {
      type: 'import',
      text: loadBackup(50_000, 500, server.url('/long/')),
    })) as { ok: boolean; value: { added: number } };
    expect(imported).toMatchObject({ ok: true, value: { added: 50_000 } });

    const plain = await suite.browser.open(server.url('/plain/'));
    const plainTab = await suite.helper.waitFor(tabIdOf, server.url('/plain/'), 15_000);
    expect(await suite.askBackground({ type: 'page:highlights', url: server.url('/plain/') })).toEqual({
      ok: true,
      value: { page: null, highlights: [] },
    });
    expect(
      (await suite.askTab<{ value: { painted: string[] } }>(plainTab, { type: 'highlights:anchored' })).value.painted,
    ).toEqual([]);

    const long = await suite.browser.open(server.url('/long/'));
    const longTab = await suite.helper.waitFor(tabIdOf, server.url('/long/'), 15_000);
    let state = { painted: [] as string[], orphaned: [] as string[] };
    for (let i = 0; i < 100 && state.painted.length < 500; i++, await new Promise((r) => setTimeout(r, 100))) {
      state = (await suite.askTab<{ value: typeof state }>(longTab, { type: 'highlights:anchored' })).value;
    }
    expect(state.painted).toHaveLength(500);
    expect(state.orphaned).toEqual([]);
    const figures = await long.evaluate(() => ({
      restoreMs: Math.round(
        performance.getEntriesByName('clearmark:highlights-painted')[0]!.startTime -
          performance.getEntriesByName('clearmark:setup-start')[0]!.startTime,
      ),
      longTasks: (window as unknown as { longTasks: { duration: number }[] }).longTasks.map((t) =>
        Math.round(t.duration),
      ),
    }));
    console.log(
      `${name}: 500 highlights restored in ${figures.restoreMs} ms; the page's long tasks since it opened: ${JSON.stringify(figures.longTasks)}`,
    );
    expect(long.consoleErrors()).toEqual([]);
    await plain.close();
    await long.close();
  });
});
