/**
 * npm run compare:reader -- DIR [--out DIR] [--limit N]
 *
 * Clearmark's reader beside Firefox Reader View, page by page, in the same Firefox (Debian's
 * firefox-esr, with the test build of Clearmark loaded, `npm run build:test`), on the same machine
 * and fonts. Each page of DIR is served from 127.0.0.1 (the live web is closed) and opened twice:
 * in Firefox's own reader (`about:reader?url=`) and in Clearmark's (Alt+Shift+R, as a person opens
 * it). Both views are photographed, both texts written next to each other, and where the corpus has
 * a human-judged text (a `ground-truth.json` in the article-extraction benchmark's format) each
 * text's F1 against it is computed with the benchmark's metric.
 *
 * Pages are served without their scripts, as the corpora were fetched (JavaScript off).
 * DIR may be a corpus in the benchmark's format (html/<key>.html.gz + ground-truth.json), a folder
 * of Readability's test pages (<name>/source.html.gz), or a folder of .html files. The output
 * (default .tmp/compare-reader) holds <key>/{firefox,clearmark}.{png,txt}, summary.json and an
 * index.html that shows every page's two pictures side by side.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { corpusKeys, corpusPage, corpusTruth } from './corpus-files';
import { launch, type PageHandle } from '../browser/browsers';
import { startFixtureServer } from '../browser/fixture-server';
import { sendToTab, tabIdOf } from '../browser/page-probes';
import { score, shingleMatch } from './shingle-metric';

const ROOT = resolve(import.meta.dirname, '../..');
const argument = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const positional = process.argv
  .slice(2)
  .filter((a, i, all) => a !== '--' && !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
const corpus = resolve(positional[0] ?? resolve(ROOT, '../shared/corpus/extraction-dev'));
const out = resolve(argument('out', resolve(ROOT, '.tmp/compare-reader'))!);
const limit = Number(argument('limit', '0'));
/** However busy the machine, a reader gets this long to show its article. */
const WAIT_MS = 20_000;

interface Page {
  key: string;
  html: string;
  truth?: string | undefined;
}

/** The pages of DIR, in any of the three forms it may take. */
function readPages(dir: string): Page[] {
  const gz = (file: string) => gunzipSync(readFileSync(file)).toString('utf8');
  if (existsSync(join(dir, 'ground-truth.json')) && existsSync(join(dir, 'html'))) {
    const truth = corpusTruth(dir);
    return corpusKeys(dir).map((key) => ({ key, html: corpusPage(dir, key), truth: truth[key]?.articleBody }));
  }
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  const pages: Page[] = [];
  for (const entry of entries) {
    if (entry.isDirectory() && existsSync(join(dir, entry.name, 'source.html.gz')))
      pages.push({ key: entry.name, html: gz(join(dir, entry.name, 'source.html.gz')) });
    else if (entry.isFile() && /\.html?$/.test(entry.name))
      pages.push({ key: entry.name.replace(/\.html?$/, ''), html: readFileSync(join(dir, entry.name), 'utf8') });
  }
  if (!pages.length)
    throw new Error(`${dir}: no pages (a benchmark corpus, <name>/source.html.gz folders, or .html files)`);
  return pages;
}

/** A page's HTML without its scripts and without a refresh that would send it elsewhere. */
function withoutScripts(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<meta\b[^>]*http-equiv\s*=\s*["']?refresh[^>]*>/gi, '');
}

async function poll<T>(check: () => Promise<T | null>, timeoutMs: number): Promise<T | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => null);
    if (value !== null || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Firefox Reader View's text of a page, or '' when it offers no reader for it. */
async function firefoxReader(page: PageHandle): Promise<string> {
  const text = await poll(
    () =>
      page.evaluate(() => {
        const content = document.querySelector<HTMLElement>('.moz-reader-content');
        if (content?.innerText.trim()) return content.innerText;
        // "Loading…" first; a message that is not that one says Firefox offers no reader for the page.
        const message = document.querySelector('.reader-message')?.textContent.trim() ?? '';
        return message && !/(?:…|\.\.\.)$/.test(message) && !document.querySelector('.moz-reader-content *')
          ? ''
          : null;
      }),
    WAIT_MS,
  );
  return text ?? '';
}

const f1Of = (truth: string, text: string) => {
  const [tp, fp, fn] = shingleMatch(truth, text);
  return tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : 1;
};

async function main() {
  const pages = readPages(corpus).slice(0, limit > 0 ? limit : undefined);
  const served = mkdtempSync(join(tmpdir(), 'clearmark-compare-'));
  // Served as the corpora were fetched, without running the pages' scripts: a page's script that
  // sends it to its live address (closed here) would leave no page to read, in either reader.
  for (const { key, html } of pages) writeFileSync(join(served, `${key}.html`), withoutScripts(html));
  mkdirSync(out, { recursive: true });
  const server = await startFixtureServer(served);
  const browser = await launch('firefox');
  const rows: {
    key: string;
    firefoxF1?: number;
    clearmarkF1?: number;
    firefoxChars: number;
    clearmarkChars: number;
  }[] = [];
  const texts: Record<'firefox' | 'clearmark', Record<string, string>> = { firefox: {}, clearmark: {} };
  try {
    const helper = await browser.openExtensionPage('popup.html');
    for (const [n, { key, truth }] of pages.entries()) {
      const dir = join(out, key);
      mkdirSync(dir, { recursive: true });
      const url = server.url(`/${key}.html`);

      let firefoxText = '';
      let clearmarkText = '';
      const problems: string[] = [];
      // A page that navigates away or breaks the browser's driver is reported and skipped, never the end of the run.
      try {
        const theirs = await browser.open(`about:reader?url=${encodeURIComponent(url)}`);
        await theirs.setViewport(1100, 820);
        firefoxText = await firefoxReader(theirs);
        await theirs.screenshot(join(dir, 'firefox.png'));
        await theirs.close();
      } catch (error) {
        problems.push(`Firefox Reader View: ${String(error).split('\n')[0]}`);
      }
      try {
        const ours = await browser.open(url);
        await ours.setViewport(1100, 820);
        const tabId = await poll(() => helper.evaluate(tabIdOf, url), WAIT_MS);
        if (tabId !== null) {
          await ours.bringToFront();
          await ours.press('KeyR', ['Alt', 'Shift']);
          const state = await poll(async () => {
            const answer = await helper.evaluate(sendToTab, { tabId, message: { type: 'reader:get' } });
            const value = (answer as { ok: boolean; value?: { open: boolean; text: string } }).value;
            return value?.open ? value : null;
          }, WAIT_MS);
          clearmarkText = state?.text ?? '';
          await ours.evaluate(() => new Promise((r) => setTimeout(r, 400))); // pictures settle
        }
        await ours.screenshot(join(dir, 'clearmark.png'));
        await ours.close();
      } catch (error) {
        problems.push(`Clearmark: ${String(error).split('\n')[0]}`);
      }
      if (problems.length) console.error(`${key}: ${problems.join('; ')}`);

      writeFileSync(join(dir, 'firefox.txt'), firefoxText);
      writeFileSync(join(dir, 'clearmark.txt'), clearmarkText);
      texts.firefox[key] = firefoxText;
      texts.clearmark[key] = clearmarkText;
      const row = {
        key,
        firefoxChars: firefoxText.length,
        clearmarkChars: clearmarkText.length,
        ...(truth === undefined
          ? {}
          : { firefoxF1: f1Of(truth, firefoxText), clearmarkF1: f1Of(truth, clearmarkText) }),
      };
      rows.push(row);
      console.error(
        `${n + 1}/${pages.length} ${key.slice(0, 24).padEnd(24)} Firefox ${row.firefoxF1?.toFixed(3) ?? `${row.firefoxChars} chars`}  Clearmark ${row.clearmarkF1?.toFixed(3) ?? `${row.clearmarkChars} chars`}`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const judged = pages.filter((p) => p.truth !== undefined);
  const truth = Object.fromEntries(judged.map((p) => [p.key, p.truth!]));
  const summary = {
    corpus,
    pages: pages.length,
    firefoxOffersNoReader: rows.filter((r) => r.firefoxChars === 0).length,
    clearmarkOffersNoReader: rows.filter((r) => r.clearmarkChars === 0).length,
    ...(judged.length ? { firefox: score(truth, texts.firefox), clearmark: score(truth, texts.clearmark) } : {}),
    rows,
  };
  writeFileSync(join(out, 'summary.json'), JSON.stringify(summary, null, 2));
  writeFileSync(
    join(out, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>Clearmark beside Firefox Reader View</title>
<style>body{font:14px system-ui;margin:16px}figure{display:inline-block;width:49%;margin:0}img{width:100%;border:1px solid #ccc}h2{font-size:15px}</style>
<h1>${basename(corpus)}: Clearmark beside Firefox Reader View</h1>
${rows
  .map(
    (r) =>
      `<h2>${r.key}${r.clearmarkF1 === undefined ? '' : ` — F1 Firefox ${r.firefoxF1!.toFixed(3)}, Clearmark ${r.clearmarkF1.toFixed(3)}`}</h2><figure><img src="${r.key}/firefox.png"><figcaption>Firefox Reader View</figcaption></figure> <figure><img src="${r.key}/clearmark.png"><figcaption>Clearmark</figcaption></figure>`,
  )
  .join('\n')}`,
  );
  console.log(`Corpus: ${corpus} (${pages.length} pages), Firefox ESR, both readers in the same browser`);
  console.log(
    `Offers no reader: Firefox ${summary.firefoxOffersNoReader}, Clearmark ${summary.clearmarkOffersNoReader} of ${pages.length}`,
  );
  if (summary.firefox && summary.clearmark) {
    console.log('reader        F1      precision recall');
    for (const [name, s] of [
      ['firefox', summary.firefox],
      ['clearmark', summary.clearmark],
    ] as const)
      console.log(`${name.padEnd(12)}  ${s.f1.toFixed(4)}  ${s.precision.toFixed(4)}    ${s.recall.toFixed(4)}`);
  }
  console.log(`Pictures and texts side by side: ${join(out, 'index.html')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
