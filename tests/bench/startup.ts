/**
 * npm run bench:startup [-- --json FILE]
 *
 * The content script's start-up cost in real Chromium, from its own performance measures
 * (`clearmark:init` at document_start, `clearmark:setup` once the DOM is ready, and the consent
 * scan `clearmark:consent` that follows in idle time), on pages where
 * there is nothing to do (a home page, a large 10,000-element non-article page) and on the seed
 * article, beside the page's own DOMContentLoaded time for scale; how long the reader view takes
 * from Alt+Shift+R to the screen on the seed article, the first time on a page (its file loads)
 * and again; what twenty advert-like frames (a picture, a script, no words) cost, each frame's
 * own measures summed (`clearmark:init` and the look for words, `clearmark:frame-check`), and
 * whether any of them set up or loaded anything; and what the content script weighs, gzipped.
 * Figures, never assertions.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PRODUCTION_BUILDS, launch } from '../browser/browsers';
import { LAZY_FILES } from '../../utils/content/lazy-registry';
import { FIXTURES_DIR, startFixtureServer } from '../browser/fixture-server';

const RUNS = 15;

function largePage(elements: number): string {
  const rows: string[] = [];
  for (let i = 0; i < elements / 5; i++)
    rows.push(`<li class="item-${i % 7}"><a href="/p/${i}"><span>Product ${i}</span></a><em>$${i}</em><b>new</b></li>`);
  return `<!doctype html><html><head><title>Catalogue</title></head><body><nav><a href="/">Shop</a></nav><ul>${rows.join('')}</ul></body></html>`;
}

const FRAMES = 20;

/** A page of prose with `FRAMES` advert-like frames beside it, and the adverts themselves. */
function framedPage(root: string): void {
  mkdirSync(join(root, 'ads'), { recursive: true });
  const frames: string[] = [];
  for (let i = 0; i < FRAMES; i++) {
    writeFileSync(
      join(root, `ads/ad-${i}.html`),
      `<!doctype html><html><body style="margin:0"><img src="/frames/banner.svg" width="300" height="60" alt=""><script>window.slot = ${i};</script></body></html>`,
    );
    frames.push(`<iframe src="/ads/ad-${i}.html" width="300" height="60" title="Advertisement"></iframe>`);
  }
  writeFileSync(
    join(root, 'ads/index.html'),
    `<!doctype html><html lang="en"><head><title>Adverts</title></head><body><main><h1>A page with adverts</h1><p>One paragraph of prose among the adverts, long enough to read as a page of text and no more.</p>${frames.join('')}</main></body></html>`,
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function main() {
  const root = mkdtempSync(join(tmpdir(), 'clearmark-startup-'));
  cpSync(FIXTURES_DIR, root, { recursive: true });
  mkdirSync(join(root, 'large'), { recursive: true });
  writeFileSync(join(root, 'large/index.html'), largePage(10_000));
  framedPage(root);
  const server = await startFixtureServer(root);
  const browser = await launch('chromium');
  const results: Record<
    string,
    { initMs: number; setupMs: number; consentScanMs: number; domContentLoadedMs: number; elements: number }
  > = {};
  const readerFirst: number[] = [];
  const readerAgain: number[] = [];
  const perFrame: number[] = [];
  let framesSetUp = 0;
  let framesLoadedFiles = 0;
  try {
    // Twenty advert-like frames: what each costs, and that none sets up or loads anything.
    const framed = await browser.open(server.url('/ads/'));
    for (let run = 0; run < RUNS; run++) {
      await framed.reload();
      for (let i = 0; i < FRAMES; i++) {
        const frame = await framed.waitInFrame(`/ads/ad-${i}.html`, () => {
          const durations = (n: string) => performance.getEntriesByName(n).map((e) => e.duration);
          // Looked at once when its DOM was ready and once when it had loaded: then it is done.
          const checks = durations('clearmark:frame-check');
          const init = durations('clearmark:init');
          return document.readyState === 'complete' && checks.length === 2 && init.length === 1
            ? {
                ms: init[0]! + checks[0]! + checks[1]!,
                setUp: performance.getEntriesByName('clearmark:setup').length,
                files: performance.getEntriesByType('resource').filter((r) => /extension:/.test(r.name)).length,
              }
            : null;
        });
        perFrame.push(frame.ms);
        framesSetUp += frame.setUp;
        framesLoadedFiles += frame.files;
      }
    }
    await framed.close();
    for (const [name, path] of [
      ['home (not an article)', '/home/'],
      ['large non-article page', '/large/'],
      ['seed article', '/seed/'],
    ] as const) {
      const init: number[] = [];
      const setup: number[] = [];
      const consent: number[] = [];
      const dcl: number[] = [];
      let elements = 0;
      const page = await browser.open(server.url(path));
      for (let run = 0; run < RUNS; run++) {
        await page.reload();
        const m = await page.waitFor(() => {
          const get = (n: string) => performance.getEntriesByName(n)[0]?.duration;
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
          const i = get('clearmark:init');
          const s = get('clearmark:setup');
          const c = get('clearmark:consent');
          return i !== undefined && s !== undefined && c !== undefined && nav
            ? { i, s, c, dcl: nav.domContentLoadedEventEnd, n: document.getElementsByTagName('*').length }
            : null;
        });
        init.push(m.i);
        setup.push(m.s);
        consent.push(m.c);
        dcl.push(m.dcl);
        elements = m.n;
      }
      await page.close();
      results[name] = {
        initMs: median(init),
        setupMs: median(setup),
        consentScanMs: median(consent),
        domContentLoadedMs: median(dcl),
        elements,
      };
    }
    // The reader view: the first Alt+Shift+R on a freshly loaded page, then a second after Escape.
    const page = await browser.open(server.url('/seed/'));
    for (let run = 0; run < RUNS; run++) {
      await page.reload();
      await page.waitFor(() => performance.getEntriesByName('clearmark:setup').length > 0);
      for (const at of [1, 2]) {
        await page.press('KeyR', ['Alt', 'Shift']);
        const ms = await page.waitFor(
          (n) => performance.getEntriesByName('clearmark:reader-open')[n - 1]?.duration,
          at,
        );
        (at === 1 ? readerFirst : readerAgain).push(ms);
        await page.press('Escape');
      }
    }
    await page.close();
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`Content script start-up in Chromium, median of ${RUNS} loads (the page's DOMContentLoaded for scale)`);
  console.log(
    'page                     elements  init ms  setup ms  idle consent scan ms  DOMContentLoaded ms  start-up share',
  );
  for (const [name, r] of Object.entries(results)) {
    const total = r.initMs + r.setupMs;
    console.log(
      `${name.padEnd(24)} ${String(r.elements).padStart(8)}  ${r.initMs.toFixed(2).padStart(7)}  ${r.setupMs.toFixed(2).padStart(8)}  ${r.consentScanMs.toFixed(2).padStart(20)}  ${r.domContentLoadedMs.toFixed(1).padStart(19)}  ${((100 * total) / r.domContentLoadedMs).toFixed(1).padStart(4)}%`,
    );
  }
  const frames = {
    count: FRAMES,
    perFrameMs: median(perFrame),
    perFrameP95Ms: [...perFrame].sort((a, b) => a - b)[Math.floor(perFrame.length * 0.95)] ?? 0,
    framesSetUp,
    filesLoaded: framesLoadedFiles,
  };
  console.log(
    `\n${FRAMES} advert-like frames (no words), ${RUNS} loads: each frame's own cost ${frames.perFrameMs.toFixed(2)} ms median, ${frames.perFrameP95Ms.toFixed(2)} ms p95 (target < 1 ms); frames set up: ${framesSetUp}, files loaded in them: ${framesLoadedFiles} (target 0 and 0)`,
  );
  const reader = { firstMs: median(readerFirst), againMs: median(readerAgain) };
  console.log(
    `\nReader view on the seed article, Alt+Shift+R to the view on screen (median of ${RUNS}): first time on a page ${reader.firstMs.toFixed(1)} ms (target < 150), again ${reader.againMs.toFixed(1)} ms (target < 50)`,
  );
  // Sizes are what users install: the production build.
  const gz = (file: string) => gzipSync(readFileSync(join(PRODUCTION_BUILDS.chromium, file)), { level: 9 }).length;
  const sizes = {
    contentScriptGzipBytes: gz('content-scripts/content.js'),
    ...Object.fromEntries(Object.entries(LAZY_FILES).map(([name, file]) => [`${name}GzipBytes`, gz(file)])),
  };
  console.log(
    `Content script at document_start: ${(sizes.contentScriptGzipBytes / 1024).toFixed(1)} KB gzipped (target ≤ 20 KB); loaded on first need: ${Object.values(
      LAZY_FILES,
    )
      .map((file) => `${file} ${(gz(file) / 1024).toFixed(1)} KB`)
      .join(', ')}`,
  );
  const jsonAt = process.argv.indexOf('--json');
  if (jsonAt >= 0)
    writeFileSync(process.argv[jsonAt + 1]!, JSON.stringify({ ...results, frames, reader, sizes }, null, 2));
}

void main();
