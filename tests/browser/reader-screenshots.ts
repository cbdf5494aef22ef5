/**
 * The reader view on pages of different kinds, light and dark, in real Chromium with the built
 * extension, for docs/reader.md: a long read, news with citations, a recipe, a page in French,
 * and a right-to-left article. The first four are read from the corpora in ../shared (never copied
 * into the repository); the RTL article is tests/fixtures/rtl-article (no corpus holds a real one).
 * Run: npm run screenshots:reader
 */
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launch } from './browsers';
import { FIXTURES_DIR, startFixtureServer } from './fixture-server';

const ROOT = resolve(import.meta.dirname, '../..');
const SHARED = resolve(ROOT, '../shared/corpus');
const OUT = resolve(ROOT, 'docs/screenshots');
const PAGES = [
  { kind: 'long-read', file: join(SHARED, 'readability-test-pages/quanta-1/source.html.gz') },
  { kind: 'news-with-citations', file: join(SHARED, 'readability-test-pages/medicalnewstoday/source.html.gz') },
  {
    kind: 'recipe',
    file: join(SHARED, 'extraction-dev/html/4219d096902dad9fd9d57e881e7928ca66bdf5334c2bc7dfddaa264887777a7a.html.gz'),
  },
  { kind: 'french', file: join(SHARED, 'readability-test-pages/lemonde-1/source.html.gz') },
  { kind: 'rtl', file: join(FIXTURES_DIR, 'rtl-article/index.html') },
];

async function main() {
  const served = mkdtempSync(join(tmpdir(), 'clearmark-reader-shots-'));
  mkdirSync(join(served, 'corpus'));
  mkdirSync(OUT, { recursive: true });
  for (const { kind, file } of PAGES)
    copyFileSync(file, join(served, 'corpus', file.endsWith('.gz') ? `${kind}.html.gz` : `${kind}.html`));
  const server = await startFixtureServer(served);
  const browser = await launch('chromium');
  try {
    const helper = await browser.openExtensionPage('popup.html');
    for (const { kind } of PAGES) {
      for (const scheme of ['light', 'dark'] as const) {
        const url = server.url(`/corpus/${kind}.html`);
        const page = await browser.open(url);
        await page.setViewport(1100, 820);
        await page.emulateColorScheme(scheme);
        const info = await helper.evaluate(async (u: string) => {
          const api = (
            globalThis as unknown as {
              chrome: {
                tabs: {
                  query(q: object): Promise<{ id?: number }[]>;
                  sendMessage(id: number, m: unknown): Promise<{ ok: boolean; value?: { url: string } } | undefined>;
                };
              };
            }
          ).chrome;
          for (const tab of await api.tabs.query({})) {
            if (tab.id === undefined) continue;
            try {
              const a = await api.tabs.sendMessage(tab.id, { type: 'page:info' });
              if (a?.ok && a.value?.url) {
                const opened = await api.tabs.sendMessage(tab.id, { type: 'reader:toggle', open: true });
                if (opened?.ok && a.value.url.includes(u)) return tab.id;
              }
            } catch {
              /* not this tab */
            }
          }
          return null;
        }, `/corpus/${kind}`);
        if (info === null) console.log(`${kind}: no reader (not an article?)`);
        await page.evaluate(() => new Promise((r) => setTimeout(r, 600)));
        await page.screenshot(`${OUT}/reader-${kind}-${scheme}.png`);
        await page.close();
      }
    }
    console.log(`screenshots written to ${OUT}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

void main();
