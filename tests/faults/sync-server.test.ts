/**
 * A sync server that loses the library under two browsers, at the scale it was seen (800 and
 * more highlights, one browser holding some the other has not pulled): its database wiped and made again, put back from an older copy, or swapped for
 * another library's. Chromium and Firefox, each with its own 400 highlights, sync through
 * pouchdb-server; each test prints the records each side holds before and after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type ExtensionBrowser, type PageHandle } from '../browser/browsers';
import { sendToBackground } from '../browser/page-probes';
import { MEMBER, startSyncServer, type SyncServer } from '../sync-server';
import { generatedBackup } from '../sync-library';

type Answer<T = unknown> = { ok: true; value: T } | { ok: false; code: string; error: string };
const ask = <T>(page: PageHandle, message: object) => page.evaluate(sendToBackground, message) as Promise<Answer<T>>;
const PASSPHRASE = 'the same passphrase in both browsers';

let server: SyncServer;
const browsers: ExtensionBrowser[] = [];
let chromium: PageHandle;
let firefox: PageHandle;
beforeAll(async () => {
  server = await startSyncServer();
  for (const [name, origin] of [
    ['chromium', 'https://one.example'],
    ['firefox', 'https://two.example'],
  ] as const) {
    const browser = await launch(name);
    browsers.push(browser);
    const page = await browser.openExtensionPage('library.html');
    const restored = await ask<{ added: number }>(page, {
      type: 'import',
      text: generatedBackup(20, 20, origin).text,
      fileName: 'start.json',
    });
    expect(restored).toMatchObject({ ok: true, value: { added: 400 } });
    if (name === 'chromium') chromium = page;
    else firefox = page;
  }
});
afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close()));
  await (server as SyncServer | undefined)?.close(); // unset when starting it failed
});

async function count(page: PageHandle): Promise<number> {
  const answer = await ask<{ text: string }>(page, { type: 'export', format: 'backup', scope: 'all' });
  if (!answer.ok) throw new Error(answer.error);
  return (JSON.parse(answer.value.text) as { highlights: unknown[] }).highlights.length;
}
const onServer = async (name: string) =>
  (await server.rawDocs(name)).filter((d) => d._id !== 'clearmark-library').length;
const syncNow = async (page: PageHandle) => {
  const answer = await ask(page, { type: 'sync:now' });
  if (!answer.ok) throw new Error(answer.error);
};
const report = async (what: string, name: string) =>
  console.log(
    `${what}: Chromium ${await count(chromium)}, Firefox ${await count(firefox)}, server ${await onServer(name)} documents`,
  );

describe('a sync server that loses the library', () => {
  let name = '';
  it('wiped and made again, empty, while one browser holds records the other has not pulled: both end with every record, and the server too', async () => {
    name = 'faults-wiped';
    const url = await server.database(name);
    for (const page of [chromium, firefox])
      expect(
        await ask(page, {
          type: 'sync:configure',
          url,
          username: MEMBER.username,
          password: MEMBER.password,
          passphrase: PASSPHRASE,
        }),
      ).toMatchObject({ ok: true });
    for (const page of [chromium, firefox, chromium]) await syncNow(page);
    expect([await count(chromium), await count(firefox)]).toEqual([800, 800]);
    // Chromium's next 100 reach the server while Firefox is not syncing.
    expect(await ask(firefox, { type: 'sync:off' })).toMatchObject({ ok: true });
    expect(
      await ask(chromium, {
        type: 'import',
        text: generatedBackup(5, 20, 'https://three.example').text,
        fileName: 'more.json',
      }),
    ).toMatchObject({ ok: true });
    await syncNow(chromium);
    const whole = await onServer(name);
    await report('before the wipe', name);

    await server.recreate(name);
    expect(await count(firefox)).toBe(800);
    // Firefox, back on, notices first and puts the library back with what it has; then Chromium syncs.
    expect(await ask(firefox, { type: 'sync:on' })).toMatchObject({ ok: true });
    for (const page of [firefox, chromium, firefox]) await syncNow(page);
    await report('after the wipe', name);
    expect([await count(chromium), await count(firefox)]).toEqual([900, 900]);
    expect(await onServer(name)).toBe(whole);
    for (const page of [chromium, firefox])
      expect(await ask(page, { type: 'sync:status' })).toMatchObject({
        ok: true,
        value: { state: 'idle', pending: 0 },
      });
  });

  it('put back from an older copy: what the copy lacks is sent again, and nothing is doubled', async () => {
    const docs = (await server.rawDocs(name)).map(({ _rev: _r, ...doc }) => doc);
    // The copy holds the library's own document (so this is not a wipe) and 299 of the records.
    const copy = [
      ...docs.filter((d) => d._id === 'clearmark-library'),
      ...docs.filter((d) => d._id !== 'clearmark-library').slice(0, 299),
    ];
    await server.recreate(name);
    await server.putRaw(name, copy);
    for (const page of [firefox, chromium, firefox]) await syncNow(page);
    await report('after an older copy was put back', name);
    expect([await count(chromium), await count(firefox)]).toEqual([900, 900]);
    expect(await onServer(name)).toBe(docs.length - 1);
  });

  it('swapped for another library: refused in words, nothing written on either side', async () => {
    await server.recreate(name);
    const stranger = await launch('chromium');
    browsers.push(stranger);
    const theirs = await stranger.openExtensionPage('library.html');
    expect(
      await ask(theirs, {
        type: 'sync:configure',
        url: await server.database(name),
        username: MEMBER.username,
        password: MEMBER.password,
      }),
    ).toMatchObject({ ok: true });
    await syncNow(theirs);
    const before = await onServer(name);
    const refused = await ask(chromium, { type: 'sync:now' });
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/now holds another library/) });
    await report('after the database was swapped for another library', name);
    expect(await count(chromium)).toBe(900);
    expect(await onServer(name)).toBe(before);
  });
});
