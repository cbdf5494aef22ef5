/**
 * npm run bench:anchor -- --pdf [--browser chromium|firefox] [--json FILE]
 *
 * Highlights in a PDF, in real Chromium and Firefox with the built extension (test build), on a
 * generated 200-page PDF (pdf-lib, A5 pages, wrapped lines):
 * - re-anchoring after the PDF's text changes: 1,000 highlights described on the first version
 *   (a part of a sentence, a whole one, or two, some across lines and pages), found again in a
 *   second version where about one sentence in thirty has a word replaced, one in a hundred and
 *   fifty is gone and one in a hundred and fifty is new, so every line after the first change is
 *   wrapped differently. Each highlight's expected place is known from its sentence; a highlight
 *   whose sentence is gone is expected to be an orphan. Clearmark's anchoring runs over the
 *   document's text as the viewer reads it; the peer, `dom-anchor-text-quote`, over the same text
 *   in the same page, given the same quotes and positions;
 * - opening the viewer on that PDF with its 1,000 highlights stored: from the page's start to
 *   every highlight placed (and those on the drawn pages painted), the file fetched and read and
 *   all of its text read — the first time (no text kept) and again (its text kept; median of three
 *   opens).
 * Figures, never assertions.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { BROWSERS, launch } from '../browser/browsers';
import { startFixtureServer } from '../browser/fixture-server';
import { random } from './random';
import { bundle } from './page-bundle';

const PAGES = 200;
const TARGETS = 1_000;
const OPENS = 3;
/** The document scrolled through from top to bottom, and how far each frame scrolls it. */
const SCROLL_PAGES = 300;
const SCROLL_STEP_PX = 300;

const WORDS =
  'tide sea harbour channel sand marsh creek water wind storm coast island causeway boat rope anchor moon sun spring neap chart datum metre hour table walker bird wader mud flat shell rock pool weed crab gull light house keeper lamp fog bell buoy pier quay dune grass salt river mouth estuary bank shoal wave swell current ebb flood surge barrier dyke polder village fisher net catch market morning evening night winter summer autumn cold warm grey blue green old new long short high low early late slow fast quiet loud'.split(
    ' ',
  );

interface Sentence {
  text: string;
  /** In the second version: 'same', 'changed' (a word replaced) or 'gone'. */
  fate: 'same' | 'changed' | 'gone';
  edited: string;
}

function sentences(rnd: () => number, count: number): Sentence[] {
  const word = () => WORDS[Math.floor(rnd() * WORDS.length)]!;
  const out: Sentence[] = [];
  for (let i = 0; i < count; i++) {
    const words = Array.from({ length: 8 + Math.floor(rnd() * 14) }, word);
    words[0] = words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1);
    // A number in each sentence, as real prose has names and figures: no two sentences alike.
    words.splice(1 + Math.floor(rnd() * (words.length - 1)), 0, String(i));
    const text = `${words.join(' ')}.`;
    const roll = rnd();
    if (roll < 1 / 150) out.push({ text, fate: 'gone', edited: '' });
    else if (roll < 1 / 150 + 1 / 30) {
      const at = Math.floor(rnd() * words.length);
      words[at] = `${word()}${word()}`;
      out.push({ text, fate: 'changed', edited: `${words.join(' ')}.` });
    } else out.push({ text, fate: 'same', edited: text });
  }
  return out;
}

/** Sentences set in paragraphs of five on A5 pages, wrapped as a typesetter would; the first `pages` pages of it. */
async function typeset(paragraphs: string[][], pages: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle('A long report on the tides');
  const font = await pdf.embedFont(StandardFonts.TimesRoman);
  const [width, height, margin, size, leading] = [420, 595, 48, 11, 15];
  let page = pdf.addPage([width, height]);
  let y = height - margin;
  for (const paragraph of paragraphs) {
    let line = '';
    const lines: string[] = [];
    for (const w of paragraph.join(' ').split(' ')) {
      const next = line ? `${line} ${w}` : w;
      if (font.widthOfTextAtSize(next, size) > width - 2 * margin) {
        lines.push(line);
        line = w;
      } else line = next;
    }
    if (line) lines.push(line);
    for (const text of lines) {
      if (y < margin) {
        if (pdf.getPageCount() === pages) return pdf.save();
        page = pdf.addPage([width, height]);
        y = height - margin;
      }
      page.drawText(text, { x: margin, y, size, font });
      y -= leading;
    }
    y -= 6;
  }
  return pdf.save();
}

export async function benchPdf(): Promise<void> {
  const rnd = random(7);
  // More sentences than 200 pages hold; the PDF ends at its 200th page.
  const all = sentences(rnd, 12_000);
  const inParagraphs = (pick: (s: Sentence) => string) => {
    const paragraphs: string[][] = [];
    for (let i = 0; i < all.length; i += 5)
      paragraphs.push(
        all
          .slice(i, i + 5)
          .map(pick)
          .filter(Boolean),
      );
    return paragraphs;
  };
  const dir = mkdtempSync(join(tmpdir(), 'clearmark-bench-pdf-'));
  // Under /shared/: served to any origin, so the viewer reads them without asking for access.
  mkdirSync(join(dir, 'shared'));
  writeFileSync(
    join(dir, 'shared/first.pdf'),
    await typeset(
      inParagraphs((s) => s.text),
      PAGES,
    ),
  );
  // Longer still, for scrolling through (its sentences again where the first 200 pages ran out).
  writeFileSync(
    join(dir, 'shared/long.pdf'),
    await typeset([...inParagraphs((s) => s.text), ...inParagraphs((s) => s.text)], SCROLL_PAGES),
  );
  writeFileSync(
    join(dir, 'shared/second.pdf'),
    await typeset(
      inParagraphs((s) => s.edited),
      PAGES,
    ),
  );
  const ours = await bundle(`export * from './utils/engines/pdf/pdf-text';`, 'ClearmarkPdfBench');
  const peer = await bundle(`export { toRange } from 'dom-anchor-text-quote';`, 'PeerBench');
  const server = await startFixtureServer(dir);
  const results: Record<string, Record<string, number>> = {};
  // Highlights are picked with their own generator, the same in both browsers.
  const picks = Array.from({ length: TARGETS }, () => [rnd(), rnd(), rnd(), rnd()]);
  const only = process.argv.indexOf('--browser');
  const names = only >= 0 ? BROWSERS.filter((b) => b === process.argv[only + 1]) : BROWSERS;
  for (const name of names) {
    const step = (what: string) => console.error(`${name}: ${what}`);
    step('opening the viewer');
    const browser = await launch(name);
    try {
      const viewer = (file: string) => `pdf.html?url=${encodeURIComponent(server.url(`/shared/${file}`))}`;
      const page = await browser.openExtensionPage(viewer('second.pdf'));
      const urn = await page
        .waitFor(() => document.body.dataset.pdfUrn, undefined, 120_000)
        .catch(async (error: unknown) => {
          throw new Error(`${String(error)}: ${await page.evaluate(() => document.body.innerText.slice(0, 300))}`);
        });
      step('anchoring');
      await page.evaluate((code: string) => void (0, eval)(code), ours);
      await page.evaluate((code: string) => void (0, eval)(code), peer);
      const quality = await page.evaluate(
        async ({ first, second, sentences, picks }) => {
          type Span = { start: number; end: number };
          type PdfText = { text: string; pageStarts: number[] };
          type Target = {
            quote: { exact: string; prefix: string; suffix: string };
            position: { start: number; end: number };
          };
          const cm = (
            window as unknown as {
              ClearmarkPdfBench: {
                pdfText(pages: unknown[][]): PdfText;
                pdfTarget(doc: PdfText, start: number, end: number): Target | null;
                anchorAllInPdf(doc: PdfText, targets: Target[]): (Span | null)[];
              };
            }
          ).ClearmarkPdfBench;
          const peer = (window as unknown as { PeerBench: { toRange(root: Node, q: object, o: object): Range | null } })
            .PeerBench;
          const lib = (
            globalThis as unknown as {
              pdfjsLib: {
                getDocument(o: object): {
                  promise: Promise<{
                    numPages: number;
                    getPage(n: number): Promise<{ getTextContent(o: object): Promise<{ items: unknown[] }> }>;
                  }>;
                };
              };
            }
          ).pdfjsLib;
          const read = async (url: string) => {
            const data = new Uint8Array(await (await fetch(url)).arrayBuffer());
            const pdf = await lib.getDocument({ data, useWasm: false }).promise;
            const pages = await Promise.all(
              Array.from(
                { length: pdf.numPages },
                async (_, i) =>
                  (
                    await (
                      await pdf.getPage(i + 1)
                    ).getTextContent({ includeMarkedContent: true, disableNormalization: true })
                  ).items,
              ),
            );
            return cm.pdfText(pages);
          };
          const [a, b] = await Promise.all([read(first), read(second)]);
          // The text without its whitespace, and where each character was: sentences are found in it in order.
          const squeeze = (text: string) => {
            let s = '';
            const at: number[] = [];
            for (let i = 0; i < text.length; i++)
              if (!/\s/.test(text[i]!)) {
                s += text.charAt(i);
                at.push(i);
              }
            return { s, at };
          };
          const locate = (doc: PdfText, texts: string[]) => {
            const { s, at } = squeeze(doc.text);
            let cursor = 0;
            return texts.map((t) => {
              if (!t) return null;
              const q = t.replace(/\s+/g, '');
              const found = s.indexOf(q, cursor);
              if (found < 0) return null;
              cursor = found + q.length;
              return { sq: found, start: at[found]!, end: at[found + q.length - 1]! + 1, at };
            });
          };
          const inFirst = locate(
            a,
            sentences.map((s) => s.text),
          );
          const inSecond = locate(
            b,
            sentences.map((s) => s.edited),
          );
          const usable = inFirst.map((p, i) => (p ? i : -1)).filter((i) => i >= 0);
          const targets: { target: Target; sentences: number[]; exact: Span | null }[] = [];
          for (const [r1, r2, r3, r4] of picks) {
            const k = usable[Math.floor(r1! * (usable.length - 1))]!;
            const two = r2! < 0.15 && inFirst[k + 1];
            const words = sentences[k]!.text.split(' ');
            const from = two ? 0 : Math.floor(r3! * (words.length - 1));
            const to = two ? words.length : Math.min(words.length, from + 2 + Math.floor(r4! * words.length));
            const lead = words.slice(0, from).join('').length;
            const body = (
              two ? [sentences[k]!.text, sentences[k + 1]!.text].join('') : words.slice(from, to).join('')
            ).replace(/\s+/g, '');
            const p = inFirst[k]!;
            const start = p.at[p.sq + lead]!;
            const end = p.at[p.sq + lead + body.length - 1]! + 1;
            const target = cm.pdfTarget(a, start, end);
            if (!target) continue;
            const involved = two ? [k, k + 1] : [k];
            // Where it should be found now: exactly, when its sentences are unchanged.
            const same = involved.every((i) => sentences[i]!.fate === 'same' && inSecond[i]);
            let exact: Span | null = null;
            if (same) {
              const q = inSecond[k]!;
              exact = { start: q.at[q.sq + lead]!, end: q.at[q.sq + lead + body.length - 1]! + 1 };
            }
            targets.push({ target, sentences: involved, exact });
          }
          const judge = (found: (Span | null)[]) => {
            let correct = 0;
            let orphaned = 0;
            let misplaced = 0;
            found.forEach((s, i) => {
              const t = targets[i]!;
              const places = t.sentences.map((k) => inSecond[k]).filter(Boolean) as { start: number; end: number }[];
              if (!s) {
                // An orphan is right when all its text is gone, and a loss (not a misplacement) otherwise.
                if (!places.length) correct++;
                else orphaned++;
                return;
              }
              if (t.exact) {
                const overlap = Math.max(0, Math.min(s.end, t.exact.end) - Math.max(s.start, t.exact.start));
                if (overlap >= 0.9 * Math.max(s.end - s.start, t.exact.end - t.exact.start)) correct++;
                else misplaced++;
                return;
              }
              // A changed sentence: found within what is left of its sentences.
              const from = Math.min(...places.map((p) => p.start)) - 2;
              const to = Math.max(...places.map((p) => p.end)) + 2;
              if (places.length && s.start >= from && s.end <= to) correct++;
              else misplaced++;
            });
            const n = found.length;
            return { correct: correct / n, orphaned: orphaned / n, misplaced: misplaced / n };
          };
          const began = performance.now();
          // As the viewer places them: all at once.
          const ourSpans = cm.anchorAllInPdf(
            b,
            targets.map((t) => t.target),
          );
          const ourMs = performance.now() - began;
          // The peer: the same text in the page, the same quotes, the old position as its hint.
          const holder = document.createElement('pre');
          holder.textContent = b.text;
          holder.style.display = 'none';
          document.body.append(holder);
          const before = document.createRange();
          const peerBegan = performance.now();
          const peerSpans = targets.map((t) => {
            const range = peer.toRange(holder, t.target.quote, { hint: t.target.position.start });
            if (!range) return null;
            before.setStart(holder, 0);
            before.setEnd(range.startContainer, range.startOffset);
            const start = before.toString().length;
            return { start, end: start + range.toString().length };
          });
          const peerMs = performance.now() - peerBegan;
          holder.remove();
          const ours = judge(ourSpans);
          const theirs = judge(peerSpans);
          return {
            highlights: targets.length,
            acrossPages: targets.filter(
              (t) =>
                a.pageStarts.findLastIndex((p) => p <= t.target.position.start) !==
                a.pageStarts.findLastIndex((p) => p < t.target.position.end),
            ).length,
            correct: ours.correct,
            orphaned: ours.orphaned,
            misplaced: ours.misplaced,
            anchorMs: ourMs,
            peerCorrect: theirs.correct,
            peerOrphaned: theirs.orphaned,
            peerMisplaced: theirs.misplaced,
            peerAnchorMs: peerMs,
            textChars: b.text.length,
            targets: targets.map((t) => t.target),
          };
        },
        {
          first: server.url('/shared/first.pdf'),
          second: server.url('/shared/second.pdf'),
          sentences: all,
          picks,
        },
      );
      // The 1,000 highlights stored for the second version, then the viewer opened on it, three times.
      const { targets, ...figures } = quality;
      step(`anchored: ${JSON.stringify(figures)}`);
      step('storing 1,000 highlights');
      await page.evaluate(
        async ({ urn, targets }) => {
          // Firefox's chrome.* answers through callbacks only: its promise-returning API is browser.*.
          type Api = { runtime: { sendMessage(m: object): Promise<unknown> } };
          const scope = globalThis as unknown as { browser?: Api; chrome: Api };
          const send = (m: object) => (scope.browser ?? scope.chrome).runtime.sendMessage(m);
          for (const [i, target] of targets.entries())
            await send({
              type: 'highlight:create',
              page: { url: urn, title: 'A long report on the tides', siteName: 'Local page' },
              color: (['yellow', 'green', 'blue', 'pink', 'purple'] as const)[i % 5],
              note: '',
              target: {
                quote: { type: 'TextQuoteSelector', ...target.quote },
                position: { type: 'TextPositionSelector', ...target.position },
              },
            });
        },
        { urn, targets },
      );
      step('opening with them');
      const opens: number[] = [];
      const textRead: number[] = [];
      // When the first drawn page showed its highlights.
      const screens: number[] = [];
      // Opened three times with the file's text kept (the page above read it), then once more with
      // the kept texts dropped, as the first time a file is opened: its whole text read.
      for (let k = 0; k <= OPENS; k++) {
        if (k === OPENS) await page.evaluate(() => caches.delete('clearmark-pdf-text-v1'));
        const view = await browser.openExtensionPage(viewer('second.pdf'));
        opens.push(
          await view.waitFor(
            () => performance.getEntriesByName('clearmark:pdf-highlights-placed')[0]?.startTime ?? null,
            undefined,
            120_000,
          ),
        );
        textRead.push(
          await view.evaluate(() => performance.getEntriesByName('clearmark:pdf-text-read')[0]?.startTime ?? 0),
        );
        screens.push(
          await view.waitFor(
            () => performance.getEntriesByName('clearmark:pdf-screen-painted')[0]?.startTime ?? null,
            undefined,
            120_000,
          ),
        );
        await view.close();
      }
      await page.close();
      step(`scrolling through ${SCROLL_PAGES} pages`);
      const long = await browser.openExtensionPage(viewer('long.pdf'));
      await long.waitFor(() => document.querySelectorAll('.page').length || null, undefined, 120_000);
      const scroll = await long.evaluate(
        ({ stepPx }) =>
          new Promise<{ frames: number; medianMs: number; p95Ms: number; over50: number; drawn: number }>((done) => {
            const container = document.querySelector('.pdf-container')!;
            const gaps: number[] = [];
            let last = 0;
            const frame = (now: number) => {
              if (last) gaps.push(now - last);
              last = now;
              if (container.scrollTop + container.clientHeight >= container.scrollHeight - 1) {
                gaps.sort((a, b) => a - b);
                done({
                  frames: gaps.length,
                  medianMs: gaps[Math.floor(gaps.length / 2)]!,
                  p95Ms: gaps[Math.floor(gaps.length * 0.95)]!,
                  over50: gaps.filter((g) => g > 50).length,
                  drawn: document.querySelectorAll('.page canvas').length,
                });
                return;
              }
              container.scrollTop += stepPx;
              requestAnimationFrame(frame);
            };
            requestAnimationFrame(frame);
          }),
        { stepPx: SCROLL_STEP_PX },
      );
      await long.close();
      const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
      results[name] = {
        ...figures,
        firstOpenWith1000Ms: opens[OPENS]!,
        firstTextReadMs: textRead[OPENS]!,
        openWith1000Ms: median(opens.slice(0, OPENS)),
        textReadMs: median(textRead.slice(0, OPENS)),
        firstScreenPaintedMs: screens[OPENS]!,
        screenPaintedMs: median(screens.slice(0, OPENS)),
        scrollFrames: scroll.frames,
        scrollFrameMedianMs: scroll.medianMs,
        scrollFrameP95Ms: scroll.p95Ms,
        scrollFramesOver50Ms: scroll.over50,
        scrollPagesDrawnAtEnd: scroll.drawn,
      };
    } finally {
      await browser.close();
    }
  }
  await server.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(`Highlights in a generated ${PAGES}-page PDF (${TARGETS} highlights; the second version edited)`);
  for (const [name, r] of Object.entries(results)) {
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    console.log(`\n${name}`);
    console.log(
      `  re-anchored in the edited PDF: ${pct(r.correct!)} correct, ${pct(r.orphaned!)} orphaned, ${pct(r.misplaced!)} misplaced (${r.highlights} highlights, ${r.acrossPages} across pages; ${r.textChars!.toLocaleString('en')} characters), in ${r.anchorMs!.toFixed(0)} ms`,
    );
    console.log(
      `  peer (dom-anchor-text-quote):  ${pct(r.peerCorrect!)} correct, ${pct(r.peerOrphaned!)} orphaned, ${pct(r.peerMisplaced!)} misplaced, in ${r.peerAnchorMs!.toFixed(0)} ms (${(r.peerAnchorMs! / r.anchorMs!).toFixed(1)}× ours)`,
    );
    console.log(
      `  viewer opened with 1,000 highlights, the first time: the first page drawn with its highlights ${r.firstScreenPaintedMs!.toFixed(0)} ms after the page started; all placed ${r.firstOpenWith1000Ms!.toFixed(0)} ms, of which the file fetched and all its text read ${r.firstTextReadMs!.toFixed(0)} ms`,
    );
    console.log(
      `  opened again (its text kept): the first page drawn with its highlights ${r.screenPaintedMs!.toFixed(0)} ms after the page started; all placed ${r.openWith1000Ms!.toFixed(0)} ms, of which the file fetched and its text found ${r.textReadMs!.toFixed(0)} ms (medians of ${OPENS})`,
    );
  }
  for (const [name, r] of Object.entries(results))
    console.log(
      `${name}: scrolled through ${SCROLL_PAGES} pages, ${SCROLL_STEP_PX} px a frame: ${r.scrollFrames} frames, median ${r.scrollFrameMedianMs!.toFixed(1)} ms, 95th percentile ${r.scrollFrameP95Ms!.toFixed(1)} ms, ${r.scrollFramesOver50Ms} over 50 ms; ${r.scrollPagesDrawnAtEnd} pages' canvases kept at the end`,
    );
  const at = process.argv.indexOf('--json');
  if (at >= 0) writeFileSync(process.argv[at + 1]!, JSON.stringify(results, null, 2));
}
