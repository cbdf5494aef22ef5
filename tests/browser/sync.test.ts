/**
 * Sync between real browsers through a real server (pouchdb-server on 127.0.0.1, an admin
 * account, a members-only database), used as a person uses it: the library's Sync menu filled in
 * and submitted, text selected and highlighted with Alt+Shift+H, the other browser's open page
 * repainting by itself, the popup's footer saying when it last synced. And what goes wrong: a
 * wrong password, a wrong passphrase, a server killed in the middle of a sync and restarted,
 * edits made on two sides while the server is away.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { launch, type BrowserName, type ExtensionBrowser, type PageHandle } from './browsers';
import { paintedHighlights, selectText, sendToBackground, tabIdOf, textsOf } from './page-probes';
import { clickOn, SEED_KEY_PATH, until, useFixtureServer } from './suite';
import { MEMBER, startInterruptingProxy, startSyncServer, type SyncServer } from '../sync-server';
import { generatedBackup } from '../sync-library';
import type { Backup } from '@/utils/engines/export/backup';

const fixtures = useFixtureServer();
const PASSPHRASE = 'a long passphrase only I know';
const SENTENCE = 'Alibaba’s downfall was swift.';

let server: SyncServer;
beforeAll(async () => {
  server = await startSyncServer();
}, 120_000);
// Unset when starting it failed.
afterAll(() => (server as SyncServer | undefined)?.close());

const open: ExtensionBrowser[] = [];
async function start(name: BrowserName): Promise<ExtensionBrowser> {
  const browser = await launch(name);
  open.push(browser);
  return browser;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
});

let databases = 0;
const freshDatabase = () => server.database(`browser-${++databases}`);

type Answer<T = unknown> = { ok: true; value: T } | { ok: false; error: string };
const ask = <T = unknown>(page: PageHandle, message: object) =>
  page.evaluate(sendToBackground, message) as Promise<Answer<T>>;

/** Library → Sync → the form filled in as a person types it → Turn on sync. Answers what the menu then says. */
async function setUpThroughMenu(
  library: PageHandle,
  fields: { url: string; password?: string; passphrase?: string },
): Promise<string> {
  if (!(await library.evaluate(() => !!document.querySelector('.sync-panel'))))
    await clickOn(library, '[data-action="sync-menu"]');
  const values: [string, string][] = [
    ['sync-url', fields.url],
    ['sync-username', MEMBER.username],
    ['sync-password', fields.password ?? MEMBER.password],
    ['sync-passphrase', fields.passphrase ?? ''],
  ];
  for (const [name, value] of values) {
    await clickOn(library, `.sync-panel input[name="${name}"]`);
    await library.evaluate((n) => {
      const input = document.querySelector<HTMLInputElement>(`.sync-panel input[name="${n}"]`)!;
      input.select();
    }, name);
    if (value) await library.type(value);
  }
  await clickOn(library, '[data-action="sync-setup"]');
  return library.waitFor(
    () =>
      document.querySelector('.sync-panel .sync-error')?.textContent ||
      (document.querySelector('.sync-panel .sync-status') && document.querySelector('.notice')?.textContent) ||
      null,
    undefined,
    60_000,
  );
}

async function highlightOnSeed(browser: ExtensionBrowser, sentence: string): Promise<PageHandle> {
  const page = await browser.open(fixtures.server.url('/seed/'));
  const helper = await browser.openExtensionPage('popup.html');
  await helper.waitFor(tabIdOf, fixtures.server.url(SEED_KEY_PATH), 15_000);
  await helper.close();
  await page.bringToFront();
  await page.evaluate(selectText, sentence);
  await page.press('KeyH', ['Alt', 'Shift']);
  await page.waitFor(paintedHighlights);
  return page;
}

describe('sync between browsers', () => {
  it('Chromium ↔ Firefox, encrypted: set up in each library, a highlight made in one is painted in the other’s open page by itself, and back', async () => {
    const url = await freshDatabase();
    const [chromium, firefox] = await Promise.all([start('chromium'), start('firefox')]);
    const chromeLibrary = await chromium.openExtensionPage('library.html');
    expect(await setUpThroughMenu(chromeLibrary, { url, passphrase: PASSPHRASE })).toBe(
      `Sync is on with ${new URL(url).host}, end-to-end encrypted.`,
    );
    const firefoxLibrary = await firefox.openExtensionPage('library.html');
    expect(await setUpThroughMenu(firefoxLibrary, { url, passphrase: PASSPHRASE })).toBe(
      `Sync is on with ${new URL(url).host}, end-to-end encrypted.`,
    );

    // Firefox has the article open before anything is highlighted anywhere.
    const firefoxPage = await firefox.open(fixtures.server.url('/seed/'));
    await firefoxLibrary.waitFor(tabIdOf, fixtures.server.url(SEED_KEY_PATH), 15_000);
    expect(await firefoxPage.evaluate(paintedHighlights)).toBeNull();

    await highlightOnSeed(chromium, SENTENCE);
    // No reload, no click: the live feed brings it, and the open page paints it.
    expect(await firefoxPage.waitFor(paintedHighlights, undefined, 60_000)).toEqual([
      { name: 'clearmark-yellow', text: SENTENCE },
    ]);
    expect(await firefoxLibrary.waitFor(textsOf, '.page-row .page-title', 30_000)).toEqual([
      'Alibaba $100 billion stock rally fueled by AI, Jack Ma return',
    ]);

    // Back the other way: Firefox adds a note; Chromium's library shows it without a reload.
    const stored = await ask<{ highlights: { id: string }[] }>(firefoxLibrary, {
      type: 'page:highlights',
      url: fixtures.server.url(SEED_KEY_PATH),
    });
    if (!stored.ok) throw new Error(stored.error);
    expect(
      (
        await ask(firefoxLibrary, {
          type: 'highlight:update',
          id: stored.value.highlights[0]!.id,
          note: 'Noted in Firefox',
        })
      ).ok,
    ).toBe(true);
    await clickOn(chromeLibrary, '.page-row');
    expect(
      await chromeLibrary.waitFor(
        () =>
          [...document.querySelectorAll('.highlight .note')]
            .map((n) => n.textContent)
            .find((t) => t.includes('Noted in Firefox')) ?? null,
        undefined,
        60_000,
      ),
    ).toContain('Noted in Firefox');

    // The popup's footer says it in words.
    const popup = await chromium.openExtensionPage('popup.html');
    expect(
      await popup.waitFor(
        () => document.querySelector('[data-role="sync-status"]')?.textContent ?? null,
        undefined,
        30_000,
      ),
    ).toMatch(/^Synced (just now|\d+ (sec|min)\.? ago)/);

    // The server holds no quote, note, title or address.
    const raw = JSON.stringify(await server.rawDocs(url.split('/').pop()));
    for (const secret of [
      SENTENCE,
      'downfall',
      'Noted in Firefox',
      'Alibaba',
      '127.0.0.1:' + new URL(fixtures.server.origin).port,
      'alibaba-100-billion',
    ])
      expect(raw).not.toContain(secret);
  });

  it('Chromium ↔ Firefox, encrypted: an article saved with Alt+Shift+S in one is in the other’s Saved view, archived there is archived here; the server holds none of its words', async () => {
    const url = await freshDatabase();
    const [chromium, firefox] = await Promise.all([start('chromium'), start('firefox')]);
    const chromeLibrary = await chromium.openExtensionPage('library.html');
    expect(await setUpThroughMenu(chromeLibrary, { url, passphrase: PASSPHRASE })).toBe(
      `Sync is on with ${new URL(url).host}, end-to-end encrypted.`,
    );
    const firefoxLibrary = await firefox.openExtensionPage('library.html');
    expect(await setUpThroughMenu(firefoxLibrary, { url, passphrase: PASSPHRASE })).toBe(
      `Sync is on with ${new URL(url).host}, end-to-end encrypted.`,
    );
    await clickOn(firefoxLibrary, '[data-view="saved"]');

    // Chromium: the article, saved as a person saves it.
    const page = await chromium.open(fixtures.server.url('/saved-article/'));
    const helper = await chromium.openExtensionPage('popup.html');
    await helper.waitFor(tabIdOf, fixtures.server.url('/coast/lighthouse-logbooks/'), 15_000);
    await helper.close();
    await page.bringToFront();
    await page.press('KeyS', ['Alt', 'Shift']);

    // Firefox's open Saved view lists it by itself, and its copy opens there with the article's words.
    expect(await firefoxLibrary.waitFor(textsOf, '.saved-title', 60_000)).toEqual([
      'What the lighthouse logbooks kept',
    ]);
    const copy = await ask<{ text: string; byline: string }>(firefoxLibrary, {
      type: 'saved:get',
      url: fixtures.server.url('/coast/lighthouse-logbooks/'),
    });
    expect(copy).toMatchObject({
      ok: true,
      value: {
        byline: expect.stringContaining('Morag Lindsay'),
        text: expect.stringContaining('the fog came in at dusk'),
      },
    });

    // Archived in Firefox's Saved view: archived in Chromium.
    await clickOn(firefoxLibrary, '.saved-item [data-action="archive"]');
    await until(
      async () => {
        const list = await ask<{ state: string }[]>(chromeLibrary, { type: 'saved:list' });
        return list.ok && list.value[0]?.state === 'archived';
      },
      60_000,
      'the archived state in Chromium',
    );

    // Nothing of the article reaches the server in words.
    const raw = JSON.stringify(await server.rawDocs(url.split('/').pop()));
    for (const secret of ['lighthouse', 'logbooks', 'fog came in', 'Morag', 'Coast Review', 'coast/'])
      expect(raw).not.toContain(secret);
  });

  // A policy cannot name an IPv6 address, so [::1] is reached as localhost: a server listening on
  // every address (as CouchDB in Docker does) is reached from both browsers.
  it.each(['chromium', 'firefox'] as const)('%s: a server typed as http://[::1]:port is reached', async (name) => {
    const url = await freshDatabase();
    const proxy = await startInterruptingProxy(server.origin, '::');
    onTestFinished(() => proxy.close());
    const browser = await start(name);
    const library = await browser.openExtensionPage('library.html');
    const address = `${proxy.origin}/${url.split('/').pop()}`;
    expect(address).toMatch(/^http:\/\/\[::1\]:\d+\//);
    const set = await ask(library, {
      type: 'sync:configure',
      url: address,
      username: MEMBER.username,
      password: MEMBER.password,
    });
    expect(set).toMatchObject({
      ok: true,
      value: { state: expect.stringMatching(/idle|syncing/), server: { url: address } },
    });
    expect(await ask(library, { type: 'sync:now' })).toMatchObject({ ok: true });
    expect((await server.rawDocs(url.split('/').pop())).some((d) => d._id === 'clearmark-library')).toBe(true);
  });

  it('a wrong password and a wrong passphrase are refused in words, and nothing is written', async () => {
    const url = await freshDatabase();
    const chromium = await start('chromium');
    const library = await chromium.openExtensionPage('library.html');
    expect(await setUpThroughMenu(library, { url, password: 'not my password' })).toContain(
      'The server refused the password',
    );
    expect(
      (await ask<{ state: string }>(library, { type: 'sync:status' })).ok &&
        (await ask<{ state: string }>(library, { type: 'sync:status' })),
    ).toMatchObject({ value: { state: 'off' } });

    // Another device made the library with a passphrase; this one types a different one.
    expect(
      (
        await ask(library, {
          type: 'sync:configure',
          url,
          username: MEMBER.username,
          password: MEMBER.password,
          passphrase: PASSPHRASE,
        })
      ).ok,
    ).toBe(true);
    expect((await ask(library, { type: 'sync:forget' })).ok).toBe(true);
    const before = JSON.stringify(await server.rawDocs(url.split('/').pop()));
    expect(await setUpThroughMenu(library, { url, passphrase: 'not the passphrase' })).toBe(
      'That passphrase does not open the library on this server.',
    );
    expect(await ask(library, { type: 'sync:now' })).toMatchObject({ ok: false });
    expect(JSON.stringify(await server.rawDocs(url.split('/').pop()))).toBe(before);
    // The contract's own answer, for the same mistake.
    expect(
      await ask(library, {
        type: 'sync:configure',
        url,
        username: MEMBER.username,
        password: MEMBER.password,
        passphrase: 'nope',
      }),
    ).toEqual({ ok: false, code: 'rejected', error: 'That passphrase does not open the library on this server.' });
  });

  it('three profiles, edits made on two of them while the server is down, then the server killed in the middle of a large sync: all converge, nothing lost or doubled', async () => {
    // This server keeps its data on disk, so that once killed it comes back with it, as a real one does.
    const server = await startSyncServer({ keep: true });
    onTestFinished(() => server.close());
    const url = await server.database('restarted');
    const [a, b, c] = await Promise.all([start('chromium'), start('firefox'), start('chromium')]);
    const pages = await Promise.all([a, b, c].map((x) => x.openExtensionPage('library.html')));
    const [la, lb, lc] = pages as [PageHandle, PageHandle, PageHandle];
    const backup = generatedBackup(40, 10);
    expect((await ask(la, { type: 'import', text: backup.text })).ok).toBe(true);
    // The third profile reaches the server through a pass-through that can stop in the middle of a sync.
    const proxy = await startInterruptingProxy(server.origin);
    const urls = [url, url, url.replace(server.origin, proxy.origin)];
    for (const [i, l] of pages.entries())
      expect(
        (
          await ask(l, {
            type: 'sync:configure',
            url: urls[i],
            username: MEMBER.username,
            password: MEMBER.password,
            passphrase: PASSPHRASE,
          })
        ).ok,
      ).toBe(true);
    for (const l of pages) expect((await ask(l, { type: 'sync:now' })).ok).toBe(true);
    const count = async (l: PageHandle) => {
      const all = await ask<{ text: string }>(l, { type: 'export', format: 'backup', scope: 'all' });
      if (!all.ok) throw new Error(all.error);
      return (JSON.parse(all.value.text) as Backup).highlights;
    };
    for (const l of pages) expect(await count(l)).toHaveLength(backup.highlights);

    // The server goes away; two browsers edit the same highlight and make new ones.
    await server.kill();
    const first = (await count(la))[0]!;
    expect((await ask(la, { type: 'highlight:update', id: first.id, note: 'edited on a, offline' })).ok).toBe(true);
    expect(
      (await ask(lb, { type: 'highlight:update', id: first.id, color: 'pink', note: 'edited on b, offline' })).ok,
    ).toBe(true);
    const failed = await ask(la, { type: 'sync:now' });
    expect(failed).toMatchObject({ ok: false });
    expect(!failed.ok && failed.error).toMatch(/Can't reach 127\.0\.0\.1:\d+ — will retry\./);
    await until(
      async () => {
        const s = await ask<{ state: string; pending: number; error?: string }>(la, { type: 'sync:status' });
        return s.ok && s.value.state === 'offline' && s.value.pending > 0;
      },
      30_000,
      'the offline status',
    );
    // The library says so too. Between its retries (the service tries again on its own) the panel
    // says "Syncing…" for a moment: waited for by time, however busy the machine.
    await clickOn(la, '[data-action="sync-menu"]');
    const offlineLine = await la.waitFor(
      () => {
        const text = document.querySelector('.sync-panel .sync-status')?.textContent ?? '';
        return text.startsWith('Syncing') ? null : text || null;
      },
      undefined,
      30_000,
    );
    expect(offlineLine).toMatch(/Can't reach 127\.0\.0\.1:\d+ — will retry\. · \d+ changes? waiting/);

    // Back; c sends a big change (1,000 new highlights on 100 pages: three batches of 500) and the
    // server is killed as its second batch arrives.
    await server.restart();
    const more = generatedBackup(100, 10, 'https://more.example');
    let atCrash = 0;
    proxy.holdBulkDocs(2, async () => {
      atCrash = (await server.rawDocs(url.split('/').pop())).length;
      await server.kill();
    });
    expect((await ask(lc, { type: 'import', text: more.text })).ok).toBe(true);
    const interrupted = await ask(lc, { type: 'sync:now' });
    expect(interrupted).toMatchObject({ ok: false });
    // What the server had when it died: the earlier library and the first batch of the new one, not all of it.
    expect(atCrash).toBeGreaterThan(backup.highlights);
    expect(atCrash).toBeLessThan(backup.highlights + more.highlights);
    await server.restart();
    for (let round = 0; round < 2; round++) {
      for (const l of [la, lb, lc]) {
        const pass = await ask(l, { type: 'sync:now' });
        expect(pass.ok, JSON.stringify(pass)).toBe(true);
      }
    }
    const finals = await Promise.all(pages.map(count));
    for (const f of finals) {
      expect(f).toHaveLength(backup.highlights + more.highlights);
      expect(new Set(f.map((h) => h.id)).size).toBe(f.length);
    }
    expect(finals[1]).toEqual(finals[0]);
    expect(finals[2]).toEqual(finals[0]);
    const merged = finals[0]!.find((h) => h.id === first.id)!;
    expect(merged.note).toContain('edited on a, offline');
    expect(merged.note).toContain('edited on b, offline');
    expect(merged.color).toBe('pink');
    // Exactly one document per record on the server: nothing doubled.
    const docs = await server.rawDocs(url.split('/').pop());
    // Pages (40 and 100), highlights, the settings and the library's own document.
    expect(docs).toHaveLength(backup.highlights + more.highlights + 40 + 100 + 1 + 1);
    for (const l of pages)
      expect(await ask(l, { type: 'sync:status' })).toMatchObject({ ok: true, value: { state: 'idle', pending: 0 } });
    await proxy.close();
  });

  it('Chromium: the worker stopped right after a change, before sync sent it: it starts again and sends it; nothing is lost between the library and the outbox', async () => {
    const url = await freshDatabase();
    const [chromium, other] = await Promise.all([start('chromium'), start('chromium')]);
    const library = await chromium.openExtensionPage('library.html');
    expect(
      (await ask(library, { type: 'sync:configure', url, username: MEMBER.username, password: MEMBER.password })).ok,
    ).toBe(true);
    await ask(library, { type: 'sync:now' });
    await chromium.devtools!('ServiceWorker.enable');
    const page = await highlightOnSeed(chromium, SENTENCE);
    // Stopped at once: sync sends a change a quarter of a second after it is made.
    await chromium.devtools!('ServiceWorker.stopAllWorkers');
    expect(await page.evaluate(paintedHighlights)).toEqual([{ name: 'clearmark-yellow', text: SENTENCE }]);
    // The worker starts again with the next message (a view asking for the status) and sends what waited.
    // The page may have handed the highlight over only after the worker came back (it retries a save
    // the stopped worker never answered): the library must hold it, and the outbox be empty.
    await until(
      async () => {
        const status = await ask<{ pending: number; lastSyncedAt: number | null }>(library, {
          type: 'sync:status',
        }).catch(() => null);
        const here = await ask<{ highlights: unknown[] }>(library, {
          type: 'page:highlights',
          url: fixtures.server.url(SEED_KEY_PATH),
        }).catch(() => null);
        return !!status?.ok && status.value.pending === 0 && !!here?.ok && here.value.highlights.length === 1;
      },
      60_000,
      'the highlight to be stored and the outbox to empty',
    );
    const fresh = await other.openExtensionPage('library.html');
    expect(
      (await ask(fresh, { type: 'sync:configure', url, username: MEMBER.username, password: MEMBER.password })).ok,
    ).toBe(true);
    await ask(fresh, { type: 'sync:now' });
    const there = await ask<{ highlights: { target: { quote: { exact: string } } }[] }>(fresh, {
      type: 'page:highlights',
      url: fixtures.server.url(SEED_KEY_PATH),
    });
    expect(there.ok && there.value.highlights.map((h) => h.target.quote.exact)).toEqual([SENTENCE]);
  });

  it('a fresh profile restores the whole library from the server alone, and turning sync off keeps it', async () => {
    const url = await freshDatabase();
    const [a, fresh] = await Promise.all([start('firefox'), start('chromium')]);
    const la = await a.openExtensionPage('library.html');
    const backup = generatedBackup(30, 5);
    expect((await ask(la, { type: 'import', text: backup.text })).ok).toBe(true);
    expect((await ask(la, { type: 'settings:set', settings: { reader: { theme: 'dark', font: 'sans' } } })).ok).toBe(
      true,
    );
    expect(
      (
        await ask(la, {
          type: 'sync:configure',
          url,
          username: MEMBER.username,
          password: MEMBER.password,
          passphrase: PASSPHRASE,
        })
      ).ok,
    ).toBe(true);
    expect(await ask(la, { type: 'sync:now' })).toMatchObject({ ok: true });
    const expected = await ask<{ text: string }>(la, { type: 'export', format: 'backup', scope: 'all' });

    const library = await fresh.openExtensionPage('library.html');
    expect(await library.waitFor(textsOf, '.empty h2')).toEqual(['Your library is empty']);
    expect(await setUpThroughMenu(library, { url, passphrase: PASSPHRASE })).toBe(
      `Sync is on with ${new URL(url).host}, end-to-end encrypted.`,
    );
    // The list fills by itself as the first sync lands.
    await library.waitFor(() => document.querySelectorAll('.page-row').length >= 10 || null, undefined, 60_000);
    const body = (r: Answer<{ text: string }>) => {
      if (!r.ok) throw new Error(r.error);
      return JSON.parse(r.value.text) as Backup & { exportedAt: number };
    };
    await until(
      async () =>
        body(await ask<{ text: string }>(library, { type: 'export', format: 'backup', scope: 'all' })).highlights
          .length === backup.highlights,
      60_000,
      'the whole library',
    );
    const [want, got] = [
      body(expected),
      body(await ask<{ text: string }>(library, { type: 'export', format: 'backup', scope: 'all' })),
    ];
    expect({ ...got, exportedAt: 0 }).toEqual({ ...want, exportedAt: 0 });

    // Off: the library stays, and nothing more is sent.
    await clickOn(library, '[data-action="sync-off"]');
    expect(
      await library.waitFor(
        () => document.querySelector('.sync-panel .sync-status')?.textContent === 'Sync is off.' || null,
      ),
    ).toBe(true);
    expect(
      body(await ask<{ text: string }>(library, { type: 'export', format: 'backup', scope: 'all' })).highlights,
    ).toHaveLength(backup.highlights);
  });
});
