/**
 * npm run bench:load [-- --json FILE]
 *
 * Clearmark with 50,000 highlights in its database, in real Chromium: the content script's
 * start-up on a page without highlights (one index lookup; compared with an empty database),
 * and restoring 500 highlights on one long article — how long until all are painted, and the
 * page's long tasks (PerformanceObserver `longtask` entries, over 50 ms) while it happens.
 * Figures, never assertions.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, type PageHandle } from '../browser/browsers';
import { startFixtureServer } from '../browser/fixture-server';
import { sendToBackground } from '../browser/page-probes';
import { loadBackup, longArticle, plainPage } from './load-library';
import { runBenchmark, writeJsonIfAsked } from './bench-run';

const TOTAL = 50_000;
const ON_PAGE = 500;
const RUNS = 9;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Start-up figures of the page's last load: the lookup (setup start → highlights painted) and long tasks in that window. */
function startupFigures(expected: number) {
  const start = performance.getEntriesByName('clearmark:setup-start')[0]?.startTime;
  const painted = performance.getEntriesByName('clearmark:highlights-painted')[0]?.startTime;
  let count = 0;
  for (const [name, h] of CSS.highlights) if (name.startsWith('clearmark')) count += (h as unknown as Set<Range>).size;
  if (start === undefined || painted === undefined || count < expected) return null;
  // Long tasks the page's own recorder saw from set-up start until a moment after the paint.
  return new Promise<{ lookupMs: number; longTasks: number[] }>((resolve) => {
    setTimeout(() => {
      const tasks = (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks;
      const inWindow = tasks
        .filter((t) => t.start + t.duration >= start && t.start <= painted + 50)
        .map((t) => Math.round(t.duration));
      resolve({ lookupMs: painted - start, longTasks: inWindow });
    }, 300);
  });
}

async function measure(page: PageHandle, expected: number) {
  const lookups: number[] = [];
  const longTasks: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await page.reload();
    const m = await page.waitFor(startupFigures, expected, 30_000);
    lookups.push(m.lookupMs);
    longTasks.push(...m.longTasks);
  }
  return { medianMs: Number(median(lookups).toFixed(1)), longTasks };
}

async function main() {
  const root = mkdtempSync(join(tmpdir(), 'clearmark-load-'));
  mkdirSync(join(root, 'long'), { recursive: true });
  mkdirSync(join(root, 'plain'), { recursive: true });
  writeFileSync(join(root, 'long/index.html'), longArticle(600));
  writeFileSync(join(root, 'plain/index.html'), plainPage());
  const server = await startFixtureServer(root);
  const browser = await launch('chromium');
  try {
    const helper = await browser.openExtensionPage('popup.html');
    const plain = await browser.open(server.url('/plain/'));
    const empty = await measure(plain, 0);

    const started = performance.now();
    const imported = (await helper.evaluate(sendToBackground, {
      type: 'import',
      text: loadBackup(TOTAL, ON_PAGE, server.url('/long/')),
    })) as { ok: boolean; error?: string };
    const importMs = performance.now() - started;
    if (!imported.ok) throw new Error(imported.error);

    const loaded = await measure(plain, 0);
    const long = await browser.open(server.url('/long/'));
    const restore = await measure(long, ON_PAGE);

    const result = {
      highlights: TOTAL,
      importMs: Math.round(importMs),
      startupLookupEmptyDbMs: empty.medianMs,
      startupLookup50kMs: loaded.medianMs,
      restore500Ms: restore.medianMs,
      restore500LongTasks: restore.longTasks.length,
      restore500LongestTaskMs: restore.longTasks.length ? Math.max(...restore.longTasks) : 0,
      runs: RUNS,
    };
    console.log(`Clearmark with ${TOTAL.toLocaleString()} highlights stored, in Chromium (median of ${RUNS} loads)`);
    console.log(`  import of the backup                          ${result.importMs} ms`);
    console.log(
      `  page without highlights, empty database        ${result.startupLookupEmptyDbMs} ms  (set-up start → lookup answered)`,
    );
    console.log(`  page without highlights, ${TOTAL.toLocaleString()} stored       ${result.startupLookup50kMs} ms`);
    console.log(
      `  restore ${ON_PAGE} highlights on one page            ${result.restore500Ms} ms  (set-up start → all painted)`,
    );
    console.log(
      `  long tasks (> 50 ms) during those restores     ${result.restore500LongTasks}${result.restore500LongTasks ? `, longest ${result.restore500LongestTaskMs} ms` : ''}`,
    );
    writeJsonIfAsked(result);
  } finally {
    await browser.close();
    await server.close();
  }
}

runBenchmark(main);
