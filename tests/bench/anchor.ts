/**
 * npm run bench:anchor [-- --json FILE]   (with --pdf: highlights in a PDF, tests/bench/anchor-pdf.ts)
 *
 * Restoring highlights in real Chromium and Firefox on a generated 50,000-word article: time to
 * restore 100 and 1,000 highlights on the unchanged page and on a page with small edits (a word
 * replaced every ~250 words, three paragraphs inserted), time to paint 1,000 (from the first range
 * given to the next frame drawn, on the article already laid out and drawn, as a page is when its
 * highlights come back; the article's own first layout is not counted; then the same again, and
 * a frame with nothing to paint beside it: the wait for a frame alone), and how many of the
 * edited page's highlights were re-anchored correctly, orphaned, or misplaced (each target's
 * expected place after the edits is known exactly). The same restores run through the
 * `dom-anchor-text-quote` package as the peer, in the same page. Figures, never assertions.
 */
import { writeFileSync } from 'node:fs';
import { BROWSERS, launch } from '../browser/browsers';
import { startFixtureServer } from '../browser/fixture-server';
import { random } from './random';
import { bundle } from './page-bundle';
import { benchPdf } from './anchor-pdf';

const WORDS = 50_000;
const TARGETS = 1_000;

interface Edit {
  at: number;
  remove: number;
  insert: string;
}
interface Target {
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}

function article() {
  const rnd = random(42);
  const syllables = [
    'ka',
    'lo',
    'mi',
    'ren',
    'tas',
    'vor',
    'el',
    'quin',
    'sa',
    'dor',
    'fi',
    'nu',
    'pra',
    'gel',
    'ost',
    'ber',
  ];
  const vocabulary = Array.from({ length: 3000 }, () =>
    Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => syllables[Math.floor(rnd() * syllables.length)]).join(''),
  );
  const word = () => vocabulary[Math.floor(rnd() * vocabulary.length)]!;
  const paragraphs: string[] = [];
  for (let n = 0; n < WORDS;) {
    const words: string[] = [];
    for (let i = 0; i < 100 && n < WORDS; i++, n++)
      words.push(i % 14 === 0 ? word().replace(/^./, (c) => c.toUpperCase()) : i % 14 === 13 ? `${word()}.` : word());
    paragraphs.push(words.join(' '));
  }
  const text = paragraphs.join('');
  const targets: Target[] = [];
  for (let i = 0; i < TARGETS; i++) {
    let start = Math.floor(rnd() * (text.length - 200));
    start = text.indexOf(' ', start) + 1;
    let end = start + 20 + Math.floor(rnd() * 100);
    end = text.indexOf(' ', end);
    targets.push({
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - 32), start),
      suffix: text.slice(end, end + 32),
      start,
      end,
    });
  }
  // Small edits: a word replaced every ~250 words, and three paragraphs inserted.
  const edits: Edit[] = [];
  const boundaries: number[] = [];
  let offset = 0;
  for (const p of paragraphs) {
    boundaries.push(offset);
    offset += p.length;
  }
  for (
    let at = text.indexOf(' ', 800);
    at > 0 && at < text.length - 50;
    at = text.indexOf(' ', at + 1500 + Math.floor(rnd() * 300))
  ) {
    const wordEnd = text.indexOf(' ', at + 1);
    edits.push({ at: at + 1, remove: wordEnd - at - 1, insert: word() });
  }
  for (const i of [3, 200, 400])
    edits.push({ at: boundaries[i]!, remove: 0, insert: `Inserted ${word()} ${word()} paragraph ${word()}. ` });
  edits.sort((a, b) => a.at - b.at);
  return { paragraphs, text, targets, edits, boundaries };
}

/** Where an offset of the original text ends up after the edits. */
function mapOffset(edits: Edit[], offset: number): number {
  let shift = 0;
  for (const e of edits) {
    if (e.at + e.remove <= offset) shift += e.insert.length - e.remove;
    else if (e.at < offset) return e.at + shift;
  }
  return offset + shift;
}

function editedParagraphs(paragraphs: string[], boundaries: number[], edits: Edit[]): string[] {
  return paragraphs.map((p, i) => {
    const from = boundaries[i]!;
    const to = from + p.length;
    let out = '';
    let cursor = from;
    for (const e of edits) {
      if (e.at < from || e.at >= to || (e.remove === 0 && e.at !== from)) continue;
      out += p.slice(cursor - from, e.at - from) + e.insert;
      cursor = e.at + e.remove;
    }
    return out + p.slice(cursor - from);
  });
}

async function main() {
  const { paragraphs, targets, edits, boundaries } = article();
  const edited = editedParagraphs(paragraphs, boundaries, edits);
  const expected = targets.map((t) => ({ start: mapOffset(edits, t.start), end: mapOffset(edits, t.end) }));
  const ours = await bundle(
    `export { TextIndex } from './utils/engines/anchoring/text-index'; export { anchor } from './utils/engines/anchoring/anchor'; export { HighlightPainter } from './utils/engines/highlight-painter';`,
    'ClearmarkBench',
  );
  const peer = await bundle(`export { toRange } from 'dom-anchor-text-quote';`, 'PeerBench');
  const server = await startFixtureServer();
  const results: Record<string, Record<string, number>> = {};
  for (const name of BROWSERS) {
    const browser = await launch(name);
    try {
      const page = await browser.open(server.url('/home/'));
      await page.evaluate((code: string) => void (0, eval)(code), ours);
      await page.evaluate((code: string) => void (0, eval)(code), peer);
      results[name] = await page.evaluate(
        async ({ paragraphs, edited, targets, expected }) => {
          type Span = { start: number; end: number };
          const cm = (
            window as unknown as {
              ClearmarkBench: {
                TextIndex: { of(n: Node): { text: string; rangeOf(s: number, e: number): Range } };
                anchor(i: unknown, t: unknown): Span | null;
                HighlightPainter: new (
                  r?: unknown,
                  p?: string,
                ) => { paint(id: string, c: string, r: Range): void; clear(): void };
              };
            }
          ).ClearmarkBench;
          const peer = (window as unknown as { PeerBench: { toRange(root: Node, q: object, o: object): Range | null } })
            .PeerBench;
          const show = (ps: string[]) => {
            document.body.replaceChildren(
              ...ps.map((p) => Object.assign(document.createElement('p'), { textContent: p })),
            );
          };
          const asTarget = (t: (typeof targets)[number]) => ({
            quote: { type: 'TextQuoteSelector', exact: t.exact, prefix: t.prefix, suffix: t.suffix },
            position: { type: 'TextPositionSelector', start: t.start, end: t.end },
          });
          const restore = (n: number) => {
            const began = performance.now();
            const index = cm.TextIndex.of(document.body);
            const spans = targets.slice(0, n).map((t) => cm.anchor(index, asTarget(t)));
            const ranges = spans.map((s) => (s ? index.rangeOf(s.start, s.end) : null));
            return { ms: performance.now() - began, spans, ranges };
          };
          const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          // The next frame drawn: its animation-frame callbacks run, then it is painted, then a task runs.
          const nextPaint = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

          show(paragraphs);
          restore(50); // warm-up
          // Medians of five: one restore takes a few milliseconds, and Firefox's clock counts whole ones.
          const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
          const exact100 = median(Array.from({ length: 5 }, () => restore(100).ms));
          const exactRuns = Array.from({ length: 5 }, () => restore(1000));
          const exact = { ...exactRuns[0]!, ms: median(exactRuns.map((r) => r.ms)) };
          const indexMs = median(
            Array.from({ length: 5 }, () => {
              const t = performance.now();
              cm.TextIndex.of(document.body);
              return performance.now() - t;
            }),
          );
          const painter = new cm.HighlightPainter(CSS.highlights, 'clearmark-bench');
          // The article laid out and drawn first, as a page is when its highlights are restored: a
          // 50,000-word article takes more than one frame to draw on a slow machine, and a paint
          // measured while it is still being drawn counts its drawing too. Six frames, whatever the machine.
          for (let k = 0; k < 3; k++) await frame();
          const paintStart = performance.now();
          exact.ranges.forEach((r, i) => r && painter.paint(String(i), 'yellow', r));
          await nextPaint();
          const paint1000Ms = performance.now() - paintStart;
          painter.clear();
          // The same again, the page having painted highlights once; and a frame with nothing to
          // paint, which is the wait for the next frame alone (medians of three).
          const again: number[] = [];
          const empty: number[] = [];
          for (let k = 0; k < 3; k++) {
            await frame();
            const start = performance.now();
            exact.ranges.forEach((r, i) => r && painter.paint(String(i), 'yellow', r));
            await nextPaint();
            again.push(performance.now() - start);
            painter.clear();
            await frame();
            const idle = performance.now();
            await nextPaint();
            empty.push(performance.now() - idle);
          }
          const repaint1000Ms = median(again);
          const emptyFrameMs = median(empty);
          const peerStart = performance.now();
          for (const t of targets.slice(0, 100))
            peer.toRange(document.body, { exact: t.exact, prefix: t.prefix, suffix: t.suffix }, { hint: t.start });
          const peerRestore100ExactMs = performance.now() - peerStart;

          show(edited);
          const fuzzy100 = restore(100).ms;
          const fuzzy = restore(1000);
          let correct = 0;
          let orphaned = 0;
          let misplaced = 0;
          fuzzy.spans.forEach((s, i) => {
            const want = expected[i]!;
            if (!s) {
              orphaned++;
              return;
            }
            const overlap = Math.max(0, Math.min(s.end, want.end) - Math.max(s.start, want.start));
            if (overlap >= 0.9 * Math.max(s.end - s.start, want.end - want.start)) correct++;
            else misplaced++;
          });
          const peerFuzzyStart = performance.now();
          for (const t of targets.slice(0, 100))
            peer.toRange(document.body, { exact: t.exact, prefix: t.prefix, suffix: t.suffix }, { hint: t.start });
          const peerRestore100FuzzyMs = performance.now() - peerFuzzyStart;
          return {
            restore100ExactMs: exact100,
            restore1000ExactMs: exact.ms,
            indexMs,
            restore100FuzzyMs: fuzzy100,
            restore1000FuzzyMs: fuzzy.ms,
            paint1000Ms,
            repaint1000Ms,
            emptyFrameMs,
            peerRestore100ExactMs,
            peerRestore100FuzzyMs,
            fuzzyCorrect: correct / targets.length,
            fuzzyOrphaned: orphaned / targets.length,
            fuzzyMisplaced: misplaced / targets.length,
          };
        },
        { paragraphs, edited, targets, expected },
      );
    } finally {
      await browser.close();
    }
  }
  await server.close();
  console.log(`Restoring highlights on a generated ${WORDS.toLocaleString('en')}-word article (${TARGETS} highlights)`);
  for (const [name, r] of Object.entries(results)) {
    const perHighlight = r.peerRestore100ExactMs! / 100 / (r.restore1000ExactMs! / 1000);
    console.log(`\n${name}`);
    console.log(
      `  restore exact:  100 in ${r.restore100ExactMs!.toFixed(1)} ms, 1000 in ${r.restore1000ExactMs!.toFixed(1)} ms   (peer: 100 in ${r.peerRestore100ExactMs!.toFixed(1)} ms; ${perHighlight.toFixed(0)}× faster per highlight)`,
    );
    console.log(
      `  of which indexing the page's text nodes: ${r.indexMs!.toFixed(1)} ms (their text is read only where a quote is looked for)`,
    );
    console.log(
      `  restore edited: 100 in ${r.restore100FuzzyMs!.toFixed(1)} ms, 1000 in ${r.restore1000FuzzyMs!.toFixed(1)} ms   (peer: 100 in ${r.peerRestore100FuzzyMs!.toFixed(1)} ms)`,
    );
    console.log(
      `  paint 1000:     ${r.paint1000Ms!.toFixed(1)} ms (to the next frame drawn, on the article already drawn; the page's first highlights), again ${r.repaint1000Ms!.toFixed(1)} ms; a frame with nothing to paint ${r.emptyFrameMs!.toFixed(1)} ms`,
    );
    console.log(
      `  edited page:    ${(100 * r.fuzzyCorrect!).toFixed(1)}% correct, ${(100 * r.fuzzyOrphaned!).toFixed(1)}% orphaned, ${(100 * r.fuzzyMisplaced!).toFixed(1)}% misplaced`,
    );
  }
  const at = process.argv.indexOf('--json');
  if (at >= 0)
    writeFileSync(process.argv[at + 1]!, JSON.stringify({ ...results.chromium, firefox: results.firefox }, null, 2));
}

if (process.argv.includes('--pdf')) void benchPdf();
else void main();
