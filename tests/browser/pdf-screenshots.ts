/**
 * Takes the pictures of Clearmark's PDF viewer in real Chromium with the built extension: a PDF
 * made here (pdf-lib) with two highlights, and the card opened on one, in light and dark.
 * Run: npm run screenshots:pdf
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launch, type PageHandle } from './browsers';
import { startFixtureServer } from './fixture-server';
import { highlightPoint, ownPageTabId, spanDragPoints } from './page-probes';
import { makeEssayPdf } from './pdf-fixtures';

const OUT = resolve(import.meta.dirname, '../../assets/screenshots');

async function highlight(view: PageHandle, start: string, end: string): Promise<void> {
  const { from, to } = await view.evaluate(spanDragPoints, { start, end });
  await view.mouseMove(from.x, from.y);
  await view.mouseDown();
  await view.mouseMove(to.x, to.y, 8);
  await view.mouseUp();
  await view.press('KeyH', ['Alt', 'Shift']);
  await view.waitFor(() => document.querySelector('clearmark-ui') !== null);
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'clearmark-pdf-pictures-'));
  writeFileSync(join(dir, 'reading-the-tide-tables.pdf'), await makeEssayPdf());
  const server = await startFixtureServer(dir);
  const browser = await launch('chromium');
  try {
    for (const scheme of ['light', 'dark'] as const) {
      const view = await browser.openExtensionPage(
        `pdf.html?url=${encodeURIComponent(server.url('/reading-the-tide-tables.pdf'))}`,
      );
      await view.emulateColorScheme(scheme);
      await view.setViewport(1280, 800);
      await view.waitFor(
        () => [...document.querySelectorAll('.textLayer')].some((l) => l.textContent.includes('spring tide')),
        undefined,
        60_000,
      );
      if (scheme === 'light') {
        await highlight(view, 'The spring tide comes', 'salt marsh');
        await view.type('Why the marsh floods twice a month');
        await view.press('Escape');
        await highlight(view, 'A table gives the height', 'datum');
        await view.press('Escape');
      }
      await view.waitFor(() => (CSS.highlights.get('clearmark-yellow')?.size ?? 0) >= 2, undefined, 30_000);
      await view.evaluate(() => document.querySelector('.pdf-container')?.scrollTo(0, 0));
      await new Promise((done) => setTimeout(done, 800));
      await view.screenshot(join(OUT, `pdf-viewer-${scheme}.png`));
      if (scheme === 'light') {
        const point = await view.waitFor(highlightPoint, 'clearmark-yellow');
        await view.click(point.x, point.y);
        await view.waitFor(() => document.querySelector('clearmark-ui') !== null);
        await new Promise((done) => setTimeout(done, 500));
        await view.screenshot(join(OUT, 'pdf-viewer-card.png'));
        await view.press('Escape');
        // The popup over the viewer: the PDF's highlights, each with its page.
        const path = `/pdf.html?url=${encodeURIComponent(server.url('/reading-the-tide-tables.pdf'))}`;
        const tabId = await view.evaluate(ownPageTabId, path);
        const popup = await browser.openExtensionPage(`popup.html?tab=${tabId}`);
        await popup.setViewport(380, 520);
        await popup.waitFor(() => document.querySelectorAll('.highlight').length >= 2, undefined, 30_000);
        await new Promise((done) => setTimeout(done, 300));
        await popup.screenshot(join(OUT, 'pdf-popup.png'));
        await popup.close();
      }
      await view.close();
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
