/**
 * A library of 100,000 highlights, and files of hundreds of megabytes, through the library page
 * as a person uses it (Restore…, Back up) in both browsers; and the background stopped in the
 * middle of a backup and of a restore (Chromium, through the DevTools protocol). Each test
 * reports the records before and after: nothing lost, nothing doubled.
 */
import { mkdtempSync, readFileSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type BrowserName, type ExtensionBrowser, type PageHandle } from '../browser/browsers';
import { sendToBackground, textsOf } from '../browser/page-probes';
import { clickOn, until } from '../browser/suite';
import { generatedBackup } from '../sync-library';

const dir = mkdtempSync(join(tmpdir(), 'clearmark-big-'));
const HUNDRED_K = join(dir, 'hundred-thousand.json');
let hundredK = '';
beforeAll(() => {
  hundredK = generatedBackup(1_000, 100).text;
  writeFileSync(HUNDRED_K, hundredK);
});

type Answer<T = unknown> = { ok: true; value: T } | { ok: false; code: string; error: string };
const ask = <T>(page: PageHandle, message: object) => page.evaluate(sendToBackground, message) as Promise<Answer<T>>;

/** Every record, read as a backup in parts through the protocol (what Back up reads). */
async function stored(page: PageHandle): Promise<{ text: string; highlights: number; pages: number }> {
  const answer = await ask<{ text: string; transfer?: { id: string; parts: number } }>(page, {
    type: 'export',
    format: 'backup',
    scope: 'all',
  });
  if (!answer.ok) throw new Error(answer.error);
  let text = answer.value.text;
  if (answer.value.transfer) {
    const parts: string[] = [];
    for (let index = 0; index < answer.value.transfer.parts; index++) {
      const part = await ask<{ text: string }>(page, {
        type: 'transfer:part',
        transfer: answer.value.transfer.id,
        index,
      });
      if (!part.ok) throw new Error(part.error);
      parts.push(part.value.text);
    }
    text = parts.join('');
  }
  const backup = JSON.parse(text) as { highlights: unknown[]; pages: unknown[] };
  return { text, highlights: backup.highlights.length, pages: backup.pages.length };
}

/** What the library page says once `pattern` matches its notice (a large restore may take many minutes: its progress is printed). */
async function notice(library: PageHandle, pattern: RegExp, timeoutMs = 1_500_000): Promise<string> {
  let said = '';
  let shown = '';
  await until(
    async () => {
      said = (await library.evaluate(textsOf, '.notice'))?.join(' ') ?? '';
      const progress = (await library.evaluate(textsOf, '.progress'))?.join(' ') ?? '';
      if (progress && progress.replace(/\d+/g, '#') !== shown.replace(/\d+/g, '#')) console.log(`  … ${progress}`);
      shown = progress;
      return pattern.test(said);
    },
    timeoutMs,
    `a notice like ${pattern}`,
  );
  return said;
}

async function openMenu(library: PageHandle): Promise<void> {
  if (!(await library.evaluate(() => !!document.querySelector('#library-menu'))))
    await clickOn(library, '[data-action="menu"]');
}

/** Restore… with a file, as a person does it: the menu, the button, the file chosen. */
async function restore(library: PageHandle, path: string): Promise<string> {
  await openMenu(library);
  await library.setInputFiles('[data-action="restore-file"]', path);
  return notice(library, /Restored|Nothing was restored/);
}

describe.each(['chromium', 'firefox'] as BrowserName[])('%s', (name) => {
  let browser: ExtensionBrowser;
  let library: PageHandle;
  beforeAll(async () => {
    browser = await launch(name);
    library = await browser.openExtensionPage('library.html');
  });
  afterAll(() => (browser as ExtensionBrowser | undefined)?.close()); // unset when launching failed

  it('100,000 highlights: restored from a 60 MB file, backed up with the button, the file the same bytes; restored again, nothing doubled', async () => {
    const before = await stored(library);
    const said = await restore(library, HUNDRED_K);
    expect(said).toContain('Restored: 100,000 highlights added');
    const after = await stored(library);
    console.log(
      `${name}: records before ${before.highlights} highlights / ${before.pages} pages; after restoring ${(statSync(HUNDRED_K).size / 1e6).toFixed(1)} MB: ${after.highlights} / ${after.pages}`,
    );
    expect(after.highlights).toBe(100_000);
    expect(after.text).toBe(hundredK);

    await openMenu(library);
    await clickOn(library, '[data-action="backup"]');
    await notice(library, /Backed up to/);
    let saved = '';
    await until(
      async () => {
        const file = readdirSync(browser.downloads).find(
          (f) => f.startsWith('clearmark-backup-') && f.endsWith('.json'),
        );
        if (!file) return false;
        saved = readFileSync(join(browser.downloads, file), 'utf8');
        return saved.length === hundredK.length;
      },
      300_000,
      'the backup file, complete',
    );
    expect(saved).toBe(hundredK);

    const again = await restore(library, HUNDRED_K);
    expect(again).toContain('100,000 already here');
    const twice = await stored(library);
    console.log(`${name}: after restoring the same file again: ${twice.highlights} highlights / ${twice.pages} pages`);
    expect(twice.highlights).toBe(100_000);
  });

  it("Import from… a 60 MB file: the preview says what it holds, nothing is written until confirmed, then all of it is (the page's long tasks reported)", async () => {
    const path = join(dir, 'to-import.json');
    const other = generatedBackup(1_000, 100, 'https://imported.example');
    writeFileSync(path, other.text);
    // Long tasks on the library page while it reads, previews and imports (Chromium reports them; Firefox has no such API).
    await library.evaluate(() => {
      const scope = window as unknown as { __long: number[] };
      scope.__long = [];
      try {
        new PerformanceObserver((list) => list.getEntries().forEach((e) => scope.__long.push(e.duration))).observe({
          type: 'longtask',
        });
      } catch {
        /* no long-task API */
      }
    });
    const before = await stored(library);
    await openMenu(library);
    await library.setInputFiles('[data-action="import-file"]', path);
    await until(async () => !!(await library.evaluate(textsOf, '.import-summary')), 600_000, 'the preview');
    const summary = (await library.evaluate(textsOf, '.import-summary'))!.join(' ');
    expect(summary).toMatch(/100,000 highlights on 1,000 pages/);
    expect((await stored(library)).highlights).toBe(before.highlights);
    await clickOn(library, '[data-action="import-confirm"]');
    const said = await notice(library, /Imported|Nothing was imported/);
    expect(said).toContain('Imported: 100,000 highlights added');
    const after = await stored(library);
    const long = await library.evaluate(() => (window as unknown as { __long: number[] }).__long);
    console.log(
      `${name}: import of ${(statSync(path).size / 1e6).toFixed(1)} MB: records before ${before.highlights}, after ${after.highlights}; preview: ${summary}; long tasks on the page: ${long.length ? `${long.length}, the longest ${Math.round(Math.max(...long))} ms` : 'none reported'}`,
    );
    expect(after.highlights).toBe(before.highlights + 100_000);
  });

  it('a 200 MB file is restored whole, in parts', async () => {
    const path = join(dir, 'two-hundred-mb.json');
    const big = generatedBackup(3_400, 100, 'https://big.example');
    writeFileSync(path, big.text);
    const size = statSync(path).size;
    expect(size).toBeGreaterThan(200 * 1000 * 1000);
    const before = await stored(library);
    const said = await restore(library, path);
    const after = await stored(library);
    console.log(
      `${name}: ${(size / 1e6).toFixed(0)} MB file, ${big.highlights} highlights: before ${before.highlights}, after ${after.highlights} — ${said}`,
    );
    expect(said).toContain(`Restored: ${big.highlights.toLocaleString('en-US')} highlights added`);
    expect(after.highlights).toBe(before.highlights + big.highlights);
  });

  it('a file over 1.5 GB is refused in words before any of it is read', async () => {
    // A sparse file: nothing is written to disk, and nothing of it is read.
    const huge = join(dir, 'too-big.json');
    writeFileSync(huge, '');
    truncateSync(huge, 1600 * 1024 * 1024);
    const before = await stored(library);
    const refused = await restore(library, huge);
    expect(refused).toMatch(
      /Nothing was restored: “too-big\.json” is 1,600 MB; Clearmark reads backups of up to 1,536 MB and other files of up to 400 MB\. Nothing was written\./,
    );
    expect((await stored(library)).highlights).toBe(before.highlights);
  });
});

describe('Chromium: a backup longer than one string may be', () => {
  let browser: ExtensionBrowser;
  let library: PageHandle;
  beforeAll(async () => {
    browser = await launch('chromium');
    library = await browser.openExtensionPage('library.html');
  });
  afterAll(() => (browser as ExtensionBrowser | undefined)?.close()); // unset when launching failed

  // Chromium ends an extension service worker whose one event runs past five minutes: a restore
  // this large is written in steps, each its own request (utils/background/import-steps.ts).
  it(
    '750,000 highlights (a 450 MB backup) are restored in pieces, and backed up again whole',
    { timeout: 2_400_000 },
    async () => {
      const path = join(dir, 'three-quarter-million.json');
      const big = generatedBackup(7_500, 100, 'https://huge.example');
      writeFileSync(path, big.text);
      const size = statSync(path).size;
      expect(size).toBeGreaterThan(400 * 1024 * 1024);
      const said = await restore(library, path);
      console.log(`chromium: ${(size / 1e6).toFixed(0)} MB file, ${big.highlights} highlights — ${said}`);
      expect(said).toContain(`Restored: ${big.highlights.toLocaleString('en-US')} highlights added`);
      // Backed up again through the protocol, in parts: the same bytes.
      const answer = await ask<{ transfer?: { id: string; parts: number } }>(library, {
        type: 'export',
        format: 'backup',
        scope: 'all',
      });
      expect(answer.ok && answer.value.transfer!.parts).toBeGreaterThan(50);
      const transfer = answer.ok ? answer.value.transfer! : { id: '', parts: 0 };
      let offset = 0;
      let same = true;
      for (let index = 0; index < transfer.parts; index++) {
        const part = await ask<{ text: string }>(library, { type: 'transfer:part', transfer: transfer.id, index });
        if (!part.ok) throw new Error(part.error);
        same &&= big.text.startsWith(part.value.text, offset);
        offset += part.value.text.length;
      }
      expect(offset).toBe(big.text.length);
      expect(same).toBe(true);
    },
  );
});

describe('Chromium: the background stopped in the middle', () => {
  let browser: ExtensionBrowser;
  let helper: PageHandle;
  beforeAll(async () => {
    browser = await launch('chromium');
    helper = await browser.openExtensionPage('popup.html');
    const library = await browser.openExtensionPage('library.html');
    expect(await restore(library, HUNDRED_K)).toContain('Restored: 100,000');
    await browser.devtools!('ServiceWorker.enable');
  });
  afterAll(() => (browser as ExtensionBrowser | undefined)?.close()); // unset when launching failed

  it('of a backup: the next part says the backup was interrupted, nothing is lost, and the next backup is whole', async () => {
    const started = await ask<{ transfer?: { id: string; parts: number } }>(helper, {
      type: 'export',
      format: 'backup',
      scope: 'all',
    });
    expect(started.ok && started.value.transfer!.parts).toBeGreaterThan(2);
    const transfer = started.ok ? started.value.transfer! : { id: '', parts: 0 };
    expect((await ask(helper, { type: 'transfer:part', transfer: transfer.id, index: 0 })).ok).toBe(true);
    await browser.devtools!('ServiceWorker.stopAllWorkers');
    const next = await ask(helper, { type: 'transfer:part', transfer: transfer.id, index: 1 });
    expect(next).toMatchObject({ ok: false, error: expect.stringMatching(/no longer ready.*Nothing was lost/) });
    const after = await stored(helper);
    console.log(`background stopped during a backup: records after ${after.highlights}`);
    expect(after.text).toBe(hundredK);
  });

  it('of a restore: the import says the file did not arrive whole, and nothing is written', async () => {
    const before = await stored(helper);
    const other = generatedBackup(200, 50, 'https://halfway.example').text;
    const half = Math.ceil(other.length / 2);
    expect(
      (
        await ask(helper, {
          type: 'upload:part',
          upload: 'cut-short',
          index: 0,
          text: other.slice(0, half),
          binary: false,
        })
      ).ok,
    ).toBe(true);
    await browser.devtools!('ServiceWorker.stopAllWorkers');
    const second = await ask(helper, {
      type: 'upload:part',
      upload: 'cut-short',
      index: 1,
      text: other.slice(half),
      binary: false,
    });
    expect(second).toMatchObject({
      ok: false,
      error: expect.stringMatching(/first parts were lost.*Nothing was written/),
    });
    const imported = await ask(helper, { type: 'import', upload: 'cut-short', fileName: 'halfway.json' });
    expect(imported).toMatchObject({
      ok: false,
      error: expect.stringMatching(/did not arrive whole.*Nothing was written/),
    });
    const after = await stored(helper);
    console.log(`background stopped during a restore: records before ${before.highlights}, after ${after.highlights}`);
    expect(after.highlights).toBe(before.highlights);
  });
});
