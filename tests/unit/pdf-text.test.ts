import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  anchorAllInPdf,
  anchorInPdf,
  atOldPlace,
  layerOffset,
  layerRange,
  pageAt,
  pagePieces,
  pdfTarget,
  pdfText,
} from '@/utils/engines/pdf/pdf-text';

const PAGES = [
  [{ str: 'Tides and ', hasEOL: false }, { str: 'currents', hasEOL: true }, { str: 'of the north sea.' }],
  [{ type: 'beginMarkedContent' } as { str?: string }, { str: 'Second page', hasEOL: true }, { str: 'ends here.' }],
];

/** A text layer as PDF.js draws the first page: a span per item, a <br> at a line's end, marked content nested. */
function layer(): HTMLElement {
  const div = document.createElement('div');
  div.className = 'textLayer';
  div.innerHTML =
    '<span>Tides and </span><span>currents</span><br><span class="markedContent"><span>of the north sea.</span></span><div class="endOfContent"></div>';
  document.body.replaceChildren(div);
  return div;
}

describe('a PDF’s text', () => {
  it('is its pages’ items in order, a line’s end as a space, pages joined by a newline', () => {
    const doc = pdfText(PAGES);
    expect(doc.text).toBe('Tides and currents of the north sea.\nSecond page ends here.');
    expect(doc.pageStarts).toEqual([0, 37]);
    expect(pageAt(doc, 0)).toBe(0);
    expect(pageAt(doc, 36)).toBe(0);
    expect(pageAt(doc, 37)).toBe(1);
  });

  it('cuts a span across pages into each page’s part', () => {
    const doc = pdfText(PAGES);
    const start = doc.text.indexOf('north');
    const end = doc.text.indexOf('page') + 4;
    expect(pagePieces(doc, { start, end })).toEqual([
      { page: 0, start, end: 36 },
      { page: 1, start: 0, end: 11 },
    ]);
  });

  it('maps a point in a drawn layer to the page’s text, and a span back to a Range', () => {
    const div = layer();
    const spans = div.querySelectorAll('span');
    const currents = spans[1]!.firstChild!;
    expect(layerOffset(div, currents, 3)).toBe(13);
    expect(layerOffset(div, spans[3]!.firstChild!, 0)).toBe(19);
    // An element point: before the <br>, and at the layer's very end.
    expect(layerOffset(div, div, 2)).toBe(18);
    expect(layerOffset(div, div, div.childNodes.length)).toBe(36);
    const range = layerRange(div, 6, 27)!;
    expect(range.toString()).toBe('and currentsof the n');
    expect(range.startContainer).toBe(spans[0]!.firstChild);
    expect(range.endContainer).toBe(spans[3]!.firstChild);
  });

  it('describes a span with quote, position and the page it begins on, and finds it again after the text changed', () => {
    const doc = pdfText(PAGES);
    const start = doc.text.indexOf('north sea');
    const target = pdfTarget(doc, start, start + 'north sea'.length)!;
    expect(target.quote.exact).toBe('north sea');
    expect(target.position).toEqual({ type: 'TextPositionSelector', start, end: start + 9 });
    expect(target.page).toBe(1);
    const second = doc.text.indexOf('Second');
    expect(pdfTarget(doc, second, second + 6)!.page).toBe(2);
    const changed = pdfText([[{ str: 'Preface.', hasEOL: true }], ...PAGES]);
    const found = anchorInPdf(changed, target)!;
    expect(changed.text.slice(found.start, found.end)).toBe('north sea');
    expect(anchorInPdf(pdfText([[{ str: 'Nothing alike at all.' }]]), target)).toBeNull();
  });

  it('finds all of a document’s highlights after it changed: moved ones at once, edited ones from where their neighbours moved', () => {
    const sentence = (i: number) => `Sentence ${i} tells of tide ${i * 7} at the harbour wall.`;
    const lines = (n: number, edit = -1) =>
      Array.from({ length: n }, (_, i) => ({
        str: i === edit ? sentence(i).replace('harbour', 'harbor') : sentence(i),
        hasEOL: true,
      }));
    const before = pdfText([lines(400)]);
    const picked = [10, 120, 250, 390];
    const targets = picked.map((i) => {
      const at = before.text.indexOf(sentence(i));
      return pdfTarget(before, at, at + sentence(i).length)!;
    });
    // A long preface added and sentence 250's word changed: every highlight moved beyond the fuzzy search's margin.
    const preface = Array.from({ length: 60 }, (_, i) => ({
      str: `A new preface line number ${i} about the sea.`,
      hasEOL: true,
    }));
    const after = pdfText([[...preface, ...lines(400, 250)]]);
    const spans = anchorAllInPdf(after, targets);
    picked.forEach((i, k) => {
      const expected = i === 250 ? sentence(i).replace('harbour', 'harbor') : sentence(i);
      expect(after.text.slice(spans[k]!.start, spans[k]!.end)).toBe(expected);
    });
    // One at a time, the edited sentence is looked for around its old place, now 60 lines up, where a
    // sentence alike in all but a few characters stands: the two passes look where it went.
    const alone = anchorInPdf(after, targets[2]!)!;
    expect(after.text.slice(alone.start, alone.end)).not.toBe(sentence(250).replace('harbour', 'harbor'));
  });

  it('a highlight found at its old place in the first pages’ text is where the whole text puts it (any document, any highlights)', () => {
    const word = fc.constantFrom('tide', 'sea', 'sand', 'tide sea', 'marsh');
    const page = fc.array(fc.record({ str: word, hasEOL: fc.boolean() }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(
        fc.array(page, { minLength: 2, maxLength: 5 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 12 }), fc.integer({ min: -3, max: 3 })), {
          maxLength: 10,
        }),
        (pages, firstCount, picks) => {
          const whole = pdfText(pages);
          const first = pdfText(pages.slice(0, firstCount));
          // Highlights described in the whole text, some then stored a little off their place.
          const targets = picks.flatMap(([at, length, shift]) => {
            const start = at % whole.text.length;
            const target = pdfTarget(whole, start, Math.min(whole.text.length, start + length));
            if (!target) return [];
            const moved = Math.max(0, target.position.start + shift);
            return [
              { ...target, position: { ...target.position, start: moved, end: moved + target.quote.exact.length } },
            ];
          });
          const placed = anchorAllInPdf(whole, targets);
          targets.forEach((target, i) => {
            const early = atOldPlace(first, target);
            if (early) expect(early).toEqual(placed[i]);
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
