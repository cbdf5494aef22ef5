/**
 * npm run bench:library [-- --highlights N --pages N --json FILE]
 *
 * The library at scale, in real Chromium with the built extension: a backup of 10,000
 * highlights on 1,000 pages (or as many as asked) is imported into a fresh profile (timed), then
 * the library page's and the popup's first renders (from navigation start to the first render
 * with data, from the pages' own performance marks), the library search's latency per keystroke
 * as a person types (input event to updated list), how long a change made elsewhere takes to
 * show in the open library (its notice applied by the shared reducer, to the page updated), and
 * a Markdown export of everything. Figures, never assertions. Targets from the issues: first
 * renders under 150 ms (300 ms for the library at 100,000), search p95 under 50 ms, a change
 * under 16 ms.
 *
 * With `--articles N` (N saved articles of about 2,000 words, drawn from real news pages, in the
 * same library): the Saved view's first render, full-text search of body words through the
 * background (p95, after the index is first built, which is reported apart), what a save costs
 * on the seed page (taking the copy, then storing and indexing it), and the index's size; the
 * figures above are measured with the articles present.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILDS, launch, type PageHandle } from '../browser/browsers';
import { startFixtureServer } from '../browser/fixture-server';
import { sendToBackground, tabIdOf } from '../browser/page-probes';
import { toBackup } from '../../utils/engines/export/backup';
import { PART_CHARS } from '../../utils/shared/protocol';
import { DEFAULT_SETTINGS, HIGHLIGHT_COLORS, type HighlightRecord, type PageRecord } from '../../utils/shared/model';
import { generatedArticles } from './generated-articles';
import { random } from './random';
import { runBenchmark, writeJsonIfAsked } from './bench-run';

const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : Math.max(0, Number(process.argv[at + 1]) || 0);
};
const PAGES = Math.max(1, option('--pages', 1_000));
const PER_PAGE = Math.max(1, Math.round(option('--highlights', 10_000) / PAGES));
const ARTICLES = Math.min(PAGES, option('--articles', 0));
const SEED_KEY_PATH = '/2025/03/alibaba-100-billion-stock-rally-fueled-by-ai-jack-ma-return/';

const WORDS = (
  'market harbour energy river council bridge report growth storm vote climate shares policy school train ' +
  'budget science ocean light research city water election health court museum festival league transport housing ' +
  'farmers prices inflation study data network security privacy design reading history music film book garden'
).split(' ');

function library(extraUrl: string): string {
  const rnd = random(7);
  const phrase = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ');
  const pages: PageRecord[] = [];
  const highlights: HighlightRecord[] = [];
  const t0 = Date.UTC(2024, 0, 1);
  for (let p = 0; p < PAGES; p++) {
    const url = p === 0 ? extraUrl : `https://site${p % 60}.example/${2024 + (p % 3)}/story-${p}`;
    const at = t0 + p * 36e5 * 17;
    pages.push({
      url,
      title: `${phrase(6)} ${p}`.replace(/^./, (c) => c.toUpperCase()),
      siteName: `Site ${p % 60}`,
      author: phrase(2),
      publishedAt: '',
      createdAt: at,
      updatedAt: at + PER_PAGE * 6e4,
    });
    for (let h = 0; h < PER_PAGE; h++) {
      const exact = `${phrase(8 + Math.floor(rnd() * 20))}.`;
      highlights.push({
        id: `b0000000-0000-4000-8000-${String(p * PER_PAGE + h).padStart(12, '0')}`,
        url,
        color: HIGHLIGHT_COLORS[Math.floor(rnd() * 5)]!,
        note: rnd() < 0.3 ? phrase(10) : '',
        target: {
          quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
          position: { type: 'TextPositionSelector', start: h * 500, end: h * 500 + exact.length },
        },
        createdAt: at + h * 6e4,
        updatedAt: at + h * 6e4,
      });
    }
  }
  return toBackup(pages, highlights, DEFAULT_SETTINGS, generatedArticles(pages.slice(1, 1 + ARTICLES)));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;

async function markTime(page: PageHandle, mark: string): Promise<number> {
  return page.waitFor((name) => performance.getEntriesByName(name)[0]?.startTime, mark, 30_000);
}

/**
 * The test build with one page more: a blank page whose code only marks when it starts. How long
 * the browser takes to open it is the floor under any extension page's first render.
 */
function buildWithBlankPage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clearmark-bench-build-'));
  cpSync(BUILDS.chromium, dir, { recursive: true });
  writeFileSync(join(dir, 'blank-page.js'), "performance.mark('clearmark:code-start');\n");
  writeFileSync(
    join(dir, 'blank-page.html'),
    '<!DOCTYPE html><html><head><meta charset="utf-8"><script type="module" src="/blank-page.js"></script></head><body></body></html>\n',
  );
  return dir;
}

async function main() {
  const server = await startFixtureServer();
  const extensionDir = buildWithBlankPage();
  const browser = await launch('chromium', { extensionDir });
  try {
    const helper = await browser.openExtensionPage('popup.html');
    const text = library(server.url(SEED_KEY_PATH));
    const importStart = performance.now();
    await importInParts(helper, text);
    const import10kMs = performance.now() - importStart;

    const libraryRenders: number[] = [];
    const popupRenders: number[] = [];
    const page = await browser.open(server.url('/seed/'));
    const tabId = await helper.waitFor(tabIdOf, server.url(SEED_KEY_PATH), 15_000);
    // Each first render in two parts: the browser opening the page until the page's own code
    // starts (a blank extension page costs about as much), then Clearmark reading and drawing.
    const libraryStarts: number[] = [];
    const popupStarts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const lib = await browser.openExtensionPage('library.html');
      libraryRenders.push(await markTime(lib, 'clearmark:library-rendered'));
      libraryStarts.push(await markTime(lib, 'clearmark:code-start'));
      await lib.close();
      const popup = await browser.openExtensionPage(`popup.html?tab=${tabId}`);
      popupRenders.push(await markTime(popup, 'clearmark:popup-rendered'));
      popupStarts.push(await markTime(popup, 'clearmark:code-start'));
      await popup.close();
    }
    const ownPart = (renders: number[], starts: number[]) => Math.round(median(renders.map((r, i) => r - starts[i]!)));
    // The floor: a blank extension page, opened the same way.
    const blankStarts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const blank = await browser.openExtensionPage('blank-page.html');
      blankStarts.push(await markTime(blank, 'clearmark:code-start'));
      await blank.close();
    }
    // The popup as a person usually opens it: the background has gone to sleep since the last use.
    const asleepRenders: number[] = [];
    for (let i = 0; i < 5; i++) {
      await browser.devtools!('ServiceWorker.enable');
      await browser.devtools!('ServiceWorker.stopAllWorkers');
      const popup = await browser.openExtensionPage(`popup.html?tab=${tabId}`);
      asleepRenders.push(await markTime(popup, 'clearmark:popup-rendered'));
      await popup.close();
    }

    // Typing into the library's search, keystroke by keystroke, then clearing it.
    const lib = await browser.openExtensionPage('library.html');
    await markTime(lib, 'clearmark:library-rendered');
    // A person looks at the list for a moment before typing; the library reads everything meanwhile
    // (at 100,000 highlights that takes longer than the moment: typing waits for it, and it is reported).
    const lookedAt = Date.now();
    const allReadMs = await markTime(lib, 'clearmark:library-all-read');
    await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - lookedAt))));
    await lib.evaluate(() => document.querySelector<HTMLInputElement>('input[type="search"]')!.focus());
    for (const query of ['harbour', 'energy pri', 'site 4', 'the river', 'zzz']) {
      await lib.type(query);
      for (let i = 0; i < query.length; i++) await lib.press('Backspace');
    }
    await new Promise((r) => setTimeout(r, 300));
    const searches = await lib.evaluate(() => performance.getEntriesByName('clearmark:search').map((e) => e.duration));

    // A change made elsewhere (as another tab or the popup makes it) while the library shows everything.
    const firstId = await lib.evaluate(async () => {
      const open = indexedDB.open('clearmark');
      const db = await new Promise<IDBDatabase>((done) => (open.onsuccess = () => done(open.result)));
      const pages = await new Promise<{ url: string }[]>((done) => {
        const get = db.transaction('pages').objectStore('pages').index('byUpdated').openCursor(null, 'prev');
        get.onsuccess = () => done(get.result ? [get.result.value as { url: string }] : []);
      });
      const ids = await new Promise<string[]>((done) => {
        const get = db.transaction('highlights').objectStore('highlights').index('byUrl').getAllKeys(pages[0]!.url);
        get.onsuccess = () => done(get.result as string[]);
      });
      db.close();
      return ids[0]!;
    });
    const changes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const before = await lib.evaluate(() => performance.getEntriesByName('clearmark:change-applied').length);
      const answer = (await helper.evaluate(sendToBackground, {
        type: 'highlight:update',
        id: firstId,
        note: `changed ${i}`,
      })) as { ok: boolean };
      if (!answer.ok) throw new Error('the change failed');
      changes.push(
        await lib.waitFor((n) => performance.getEntriesByName('clearmark:change-applied')[n]?.duration, before, 30_000),
      );
    }

    const saved = ARTICLES ? await articleFigures(browser, helper, page) : null;

    const exports: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      const answer = (await helper.evaluate(sendToBackground, {
        type: 'export',
        format: 'markdown',
        scope: 'all',
      })) as { ok: boolean };
      if (!answer.ok) throw new Error('export failed');
      exports.push(performance.now() - start);
    }
    await page.close();

    const result = {
      highlights: PAGES * PER_PAGE,
      pages: PAGES,
      import10kMs: Math.round(import10kMs),
      libraryFirstRenderMs: Math.round(median(libraryRenders)),
      popupFirstRenderMs: Math.round(median(popupRenders)),
      libraryCodeStartMs: Math.round(median(libraryStarts)),
      libraryOwnPartMs: ownPart(libraryRenders, libraryStarts),
      popupCodeStartMs: Math.round(median(popupStarts)),
      popupOwnPartMs: ownPart(popupRenders, popupStarts),
      popupBackgroundAsleepMs: Math.round(median(asleepRenders)),
      blankPageCodeStartMs: Math.round(median(blankStarts)),
      everythingReadMs: Math.round(allReadMs),
      searchP95Ms: Number(p95(searches).toFixed(1)),
      searchMedianMs: Number(median(searches).toFixed(1)),
      searchRenders: searches.length,
      searchKeystrokes: ['harbour', 'energy pri', 'site 4', 'the river', 'zzz'].join('').length * 2,
      changeAppliedMedianMs: Number(median(changes).toFixed(1)),
      changeAppliedMaxMs: Number(Math.max(...changes).toFixed(1)),
      exportAllMs: Math.round(median(exports)),
      ...(saved ?? {}),
      targets: {
        firstRenderMs: 150,
        searchP95Ms: 50,
        changeAppliedMs: 16,
        ...(saved ? { savedFirstRenderMs: 150, fullTextSearchP95Ms: 50, saveMedianMs: 50 } : {}),
      },
    };
    console.log(
      `Library at scale in Chromium: ${result.highlights.toLocaleString()} highlights on ${result.pages.toLocaleString()} pages`,
    );
    console.log(`  import of the backup          ${result.import10kMs} ms`);
    console.log(
      `  a blank extension page        its code starts at ${result.blankPageCodeStartMs} ms (median of 5): the browser's floor under every first render`,
    );
    console.log(
      `  library first render         ${result.libraryFirstRenderMs} ms (median of 5; target < 150): the browser opening the page ${result.libraryCodeStartMs} ms, then Clearmark ${result.libraryOwnPartMs} ms`,
    );
    console.log(
      `  popup first render           ${result.popupFirstRenderMs} ms (median of 5; target < 150): the browser opening the page ${result.popupCodeStartMs} ms, then Clearmark ${result.popupOwnPartMs} ms`,
    );
    console.log(
      `  every highlight in memory    ${result.everythingReadMs} ms after the library opened (searches answer from then on)`,
    );
    console.log(
      `  search per keystroke         p95 ${result.searchP95Ms} ms, median ${result.searchMedianMs} ms over ${result.searchRenders} list updates for ${result.searchKeystrokes} keystrokes (target p95 < 50)`,
    );
    console.log(
      `  a change shown in the library median ${result.changeAppliedMedianMs} ms, max ${result.changeAppliedMaxMs} ms over ${changes.length} (notice to page updated; target < 16)`,
    );
    console.log(
      `  popup, background asleep     ${result.popupBackgroundAsleepMs} ms (median of 5; the background stopped before each)`,
    );
    console.log(`  Markdown export of all       ${result.exportAllMs} ms (median of 3)`);
    if (saved) {
      console.log(`With ${ARTICLES.toLocaleString()} saved articles of about 2,000 words:`);
      console.log(`  Saved view first render      ${saved.savedFirstRenderMs} ms (median of 5; target < 150)`);
      console.log(
        `  full-text index first built  ${saved.indexBuildMs} ms (once; then kept in IndexedDB, ${(saved.indexBytes / 1e6).toFixed(1)} MB)`,
      );
      console.log(
        `  full-text search, body words p95 ${saved.fullTextSearchP95Ms} ms, median ${saved.fullTextSearchMedianMs} ms over ${saved.fullTextQueries} queries (target p95 < 50)`,
      );
      console.log(
        `  a save: storing and indexing median ${saved.saveMedianMs} ms (target < 50); taking the copy (extraction included) median ${saved.captureMedianMs} ms, over ${saved.saves} saves`,
      );
    }
    writeJsonIfAsked(result);
  } finally {
    await browser.close();
    await server.close();
    rmSync(extensionDir, { recursive: true, force: true });
  }
}

type Answer = { ok: boolean; value?: { next?: string }; error?: string };

/** Imports the backup as the library page does: in parts of at most PART_CHARS (one message holds 64 MiB), then step by step. */
async function importInParts(helper: PageHandle, text: string): Promise<void> {
  const upload = `bench-${Date.now()}`;
  for (let index = 0; index * PART_CHARS < text.length || index === 0; index++) {
    const part = text.slice(index * PART_CHARS, (index + 1) * PART_CHARS);
    const sent = (await helper.evaluate(sendToBackground, {
      type: 'upload:part',
      upload,
      index,
      text: part,
      binary: false,
    })) as Answer;
    if (!sent.ok) throw new Error(sent.error);
  }
  let answer = (await helper.evaluate(sendToBackground, { type: 'import', upload })) as Answer;
  while (answer.ok && answer.value?.next)
    answer = (await helper.evaluate(sendToBackground, { type: 'import:next', job: answer.value.next })) as Answer;
  if (!answer.ok) throw new Error(answer.error);
}

/** The saved articles' figures (see the header). */
async function articleFigures(browser: Awaited<ReturnType<typeof launch>>, helper: PageHandle, page: PageHandle) {
  const renders: number[] = [];
  for (let i = 0; i < 5; i++) {
    const view = await browser.openExtensionPage('library.html?view=saved');
    renders.push(await markTime(view, 'clearmark:saved-rendered'));
    await view.close();
  }
  // Queries as the page sends them, timed in the page: the first builds the index.
  const timeQuery = (query: string) =>
    helper.evaluate(async (q) => {
      const scope = globalThis as unknown as {
        chrome: {
          runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value: { articles: { url: string }[] } }> };
        };
      };
      const start = performance.now();
      const answer = await scope.chrome.runtime.sendMessage({ type: 'search', query: q });
      return {
        ms: performance.now() - start,
        found: answer.ok ? answer.value.articles.length : -1,
        first: answer.ok ? (answer.value.articles[0]?.url ?? '') : '',
      };
    }, query);
  const build = await timeQuery('bodyword0');
  // The new index is saved a second after it is built (seconds of the background's time on a slow
  // machine): searches are timed once it is stored, as they run every other time.
  await helper.waitFor(
    () =>
      new Promise<true | null>((done) => {
        const open = indexedDB.open('clearmark');
        open.onsuccess = () => {
          const count = open.result.transaction('searchIndex').objectStore('searchIndex').count('index');
          count.onsuccess = () => {
            open.result.close();
            done(count.result > 0 ? true : null);
          };
        };
      }),
    undefined,
    120_000,
  );
  await new Promise((r) => setTimeout(r, 500));
  const rnd = random(5);
  const times: number[] = [];
  let missed = 0;
  for (let i = 0; i < 60; i++) {
    const n = Math.floor(rnd() * ARTICLES);
    const q = await timeQuery(`bodyword${n}`);
    times.push(q.ms);
    // The article holding the word is found first (typo tolerance also finds its near neighbours: bodyword1 for bodyword12).
    if (!q.first.endsWith(`/story-${n + 1}`)) missed++;
  }
  // The stored index's size.
  const indexBytes = await helper.evaluate(
    () =>
      new Promise<number>((done) => {
        const open = indexedDB.open('clearmark');
        open.onsuccess = () => {
          const get = open.result.transaction('searchIndex').objectStore('searchIndex').get('index');
          get.onsuccess = () => done((get.result as { json?: string } | undefined)?.json?.length ?? 0);
        };
      }),
  );
  // Saves of the seed article by key, as a person makes them.
  await page.bringToFront();
  const SAVES = 10;
  for (let i = 0; i < SAVES; i++) {
    const before = await page.evaluate(() => performance.getEntriesByName('clearmark:save-store').length);
    await page.press('KeyS', ['Alt', 'Shift']);
    await page.waitFor((n) => performance.getEntriesByName('clearmark:save-store').length > n, before, 30_000);
  }
  const stores = await page.evaluate(() => performance.getEntriesByName('clearmark:save-store').map((e) => e.duration));
  const captures = await page.evaluate(() =>
    performance.getEntriesByName('clearmark:save-capture').map((e) => e.duration),
  );
  return {
    articles: ARTICLES,
    savedFirstRenderMs: Math.round(median(renders)),
    indexBuildMs: Math.round(build.ms),
    fullTextSearchP95Ms: Number(p95(times).toFixed(1)),
    fullTextSearchMedianMs: Number(median(times).toFixed(1)),
    fullTextQueries: times.length,
    fullTextMissed: missed,
    indexBytes,
    saveMedianMs: Number(median(stores).toFixed(1)),
    captureMedianMs: Number(median(captures).toFixed(1)),
    saves: stores.length,
  };
}

runBenchmark(main);
