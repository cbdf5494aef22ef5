/**
 * npm run bench:consent [-- --corpus DIR]
 *
 * Loads every page of a corpus (benchmark format: html/<key>.html.gz + ground-truth.json) from
 * 127.0.0.1 in real Chromium with the built extension, and reports which elements Clearmark hid
 * as consent banners, and on how many pages anything it hid held article text (false positives);
 * and scroll locks: on how many pages Clearmark released a lock on <html> or <body>, and on how
 * many the page was still locked after (overflow hidden, or a pinned body) — over the corpus and
 * over the lock fixtures of tests/fixtures/scroll-locks (one page per way sites lock).
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { launch } from '../browser/browsers';
import { startFixtureServer } from '../browser/fixture-server';

/** In the page: whether Clearmark released a lock, and whether the page is locked still. */
function lockState(): { released: boolean; locked: boolean } {
  const hidden = (v: string) => v === 'hidden' || v === 'clip';
  const locked = [document.documentElement, document.body].some((el) => {
    const s = getComputedStyle(el);
    return hidden(s.overflowY) || (el === document.body && s.position === 'fixed');
  });
  return { released: !!document.querySelector('[data-clearmark-unlocked]'), locked };
}

const ROOT = resolve(import.meta.dirname, '../..');
const at = process.argv.indexOf('--corpus');
const corpus = resolve(at >= 0 ? process.argv[at + 1]! : resolve(ROOT, '../shared/corpus/extraction-dev'));

async function main() {
  const truth = JSON.parse(readFileSync(join(corpus, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { articleBody: string }
  >;
  const served = mkdtempSync(join(tmpdir(), 'clearmark-consent-'));
  const keys = readdirSync(join(corpus, 'html'))
    .filter((f) => f.endsWith('.html.gz'))
    .map((f) => f.slice(0, -8))
    .filter((k) => k in truth);
  for (const key of keys) {
    mkdirSync(join(served, key));
    writeFileSync(join(served, key, 'index.html'), gunzipSync(readFileSync(join(corpus, 'html', `${key}.html.gz`))));
  }
  const server = await startFixtureServer(served);
  const browser = await launch('chromium');
  let withBanners = 0;
  let falsePositives = 0;
  let released = 0;
  let stillLocked = 0;
  try {
    for (const key of keys) {
      const page = await browser.open(server.url(`/${key}/`));
      await page.evaluate(() => new Promise((r) => setTimeout(r, 700)));
      const probes = truth[key]!.articleBody.split('\n')
        .map((p) => p.replace(/\s+/g, ' ').trim())
        .filter((p) => p.length > 80)
        .map((p) => p.slice(0, 60));
      const found = await page.evaluate((probes: string[]) => {
        const hidden = [...document.querySelectorAll('[data-clearmark-hidden]')];
        const text = (e: Element) => e.textContent.replace(/\s+/g, ' ').trim();
        return {
          hidden: hidden.map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''} “${text(e).slice(0, 48)}”`),
          holdsArticle: hidden.some((h) => probes.some((p) => text(h).includes(p))),
        };
      }, probes);
      if (found.hidden.length) {
        withBanners++;
        console.log(`${key.slice(0, 8)}  ${found.holdsArticle ? 'HID ARTICLE TEXT  ' : ''}${found.hidden.join(' | ')}`);
      }
      if (found.holdsArticle) falsePositives++;
      const lock = await page.evaluate(lockState);
      if (lock.released) released++;
      if (lock.locked) {
        stillLocked++;
        console.log(`${key.slice(0, 8)}  STILL LOCKED`);
      }
      await page.close();
    }
    console.log(
      `${keys.length} pages: banners hidden on ${withBanners}; pages where hidden elements held article text: ${falsePositives}`,
    );
    console.log(`scroll locks released on ${released} pages; pages still locked after Clearmark: ${stillLocked}`);
    const fixtures = await startFixtureServer();
    try {
      for (const name of ['html-inline.html', 'html-class.html', 'body-fixed.html', 'inert.html']) {
        const page = await browser.open(fixtures.url(`/scroll-locks/${name}`));
        await page.evaluate(() => new Promise((r) => setTimeout(r, 1200)));
        const lock = await page.evaluate(lockState);
        console.log(
          `lock fixture ${name}: ${lock.released ? 'released' : 'not released'}, ${lock.locked ? 'STILL LOCKED' : 'scrolls'}`,
        );
        await page.close();
      }
    } finally {
      await fixtures.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

void main();
