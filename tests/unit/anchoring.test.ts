import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchor, anchorText, describe as describeRange } from '@/utils/engines/anchoring/anchor';
import type { HighlightTarget } from '@/utils/shared/model';
import { TextIndex } from '@/utils/engines/anchoring/text-index';

function body(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

function selectionOf(root: Node, text: string): Range {
  const index = TextIndex.of(root);
  const at = index.text.indexOf(text);
  if (at === -1) throw new Error(`no "${text}"`);
  return index.rangeOf(at, at + text.length);
}

describe('TextIndex', () => {
  it('leaves out script, style and Clearmark’s own UI', () => {
    const index = TextIndex.of(
      body('<p>One <script>var x = 1</script>two</p><style>p{}</style><clearmark-ui>ui</clearmark-ui><p>three</p>'),
    );
    expect(index.text).toBe('One twothree');
  });

  it('leaves out text areas, templates and whatever a skipped element holds, however deep', () => {
    const root = body('<p>a<textarea>typed</textarea>b</p><template><p>later</p></template><p>c</p>');
    root.querySelector('template')!.append(Object.assign(document.createElement('div'), { textContent: 'inert' }));
    root.querySelector('p')!.append(document.createElement('noscript'));
    root.querySelector('noscript')!.innerHTML = '<div><span>deep</span></div>';
    const index = TextIndex.of(root);
    expect(index.text).toBe('abc');
    // Offsets and ranges step over what is left out.
    const last = document.body.lastElementChild!.firstChild!;
    expect(index.offsetOf(last, 0)).toBe(2);
    const range = index.rangeOf(2, 3);
    expect([range.startContainer, range.startOffset, range.endContainer, range.endOffset]).toEqual([last, 0, last, 1]);
  });

  it('maps element boundaries to text offsets', () => {
    const root = body('<p>ab<b>cd</b></p><p>ef</p>');
    const index = TextIndex.of(root);
    const p2 = root.children[1]!;
    expect(index.offsetOf(root, 0)).toBe(0);
    expect(index.offsetOf(p2, 0)).toBe(4);
    expect(index.offsetOf(root.children[0]!, 2)).toBe(4); // after <b>: where the next text starts
    expect(index.offsetOf(root, 2)).toBe(6);
  });

  /** Paragraphs of a few text nodes each (inline elements, a skipped script, astral characters between). */
  const paragraphs = fc.array(
    fc.array(fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'é', '𝒳'), maxLength: 12 }), {
      minLength: 1,
      maxLength: 4,
    }),
    {
      minLength: 1,
      maxLength: 8,
    },
  );
  function build(parts: string[][]): HTMLElement {
    const root = body('');
    for (const words of parts) {
      const p = document.createElement('p');
      words.forEach((w, i) => p.append(i % 2 ? Object.assign(document.createElement('b'), { textContent: w }) : w));
      p.append(Object.assign(document.createElement('script'), { textContent: 'skipped' }));
      root.append(p);
    }
    return root;
  }

  it('a slice read from its own nodes is the same slice of the whole text', () => {
    fc.assert(
      fc.property(paragraphs, fc.integer({ min: -5, max: 200 }), fc.integer({ min: -5, max: 200 }), (parts, a, b) => {
        const root = build(parts);
        const expected = TextIndex.of(root).text;
        const index = TextIndex.of(root);
        expect(index.length).toBe(expected.length);
        expect(index.slice(a, b)).toBe(expected.slice(a, b));
        // And after the whole text is read, the same.
        expect(index.text).toBe(expected);
        expect(index.slice(a, b)).toBe(expected.slice(a, b));
      }),
      { numRuns: 300, seed: 20_261_206 },
    );
  });

  it('a node changed after indexing and before its text is read is read as it is now, places counted again', () => {
    const root = body('<p>alpha</p><p>beta</p><p>gamma</p>');
    const index = TextIndex.of(root);
    expect(index.slice(5, 9)).toBe('beta');
    root.children[1]!.firstChild!.textContent = 'be-ta';
    // The changed node is read with the rest, now.
    expect(index.slice(5, 10)).toBe('be-ta');
    expect(index.text).toBe('alphabe-tagamma');
    expect(index.length).toBe(15);
    const range = index.rangeOf(10, 15);
    expect(range.toString()).toBe('gamma');
    expect(range.startContainer).toBe(root.children[2]!.firstChild);
  });

  it('anchoring a quote at its old place reads only the nodes that hold it, and answers as the whole text does', () => {
    fc.assert(
      fc.property(
        paragraphs,
        fc.nat(),
        fc.nat({ max: 20 }),
        fc.integer({ min: -3, max: 3 }),
        (parts, at, length, shift) => {
          const root = build(parts);
          const text = TextIndex.of(root).text;
          const start = at % (text.length + 1);
          const exact = text.slice(start, start + length);
          const target: HighlightTarget = {
            quote: { type: 'TextQuoteSelector', exact, prefix: text.slice(Math.max(0, start - 8), start), suffix: '' },
            position: { type: 'TextPositionSelector', start: start + shift, end: start + shift + exact.length },
          };
          expect(anchor(TextIndex.of(root), target)).toEqual(anchorText(text, target));
        },
      ),
      { numRuns: 300, seed: 20_261_206 },
    );
  });
});

describe('TextIndex in open shadow roots', () => {
  /** A custom element with an open root holding `shadow`, and `light` children of its own. */
  function host(name: string, shadow: string, light = ''): HTMLElement {
    const element = document.createElement(name);
    element.innerHTML = light;
    element.attachShadow({ mode: 'open' }).innerHTML = shadow;
    return element;
  }

  it('reads an open root’s text where its host begins, nested roots too, and leaves closed roots and built-in hosts out', () => {
    const root = body('<p>before </p><p>after</p>');
    const outer = host('shore-article', '<p>shadow </p><slot></slot><style>p{}</style>', '<p>light </p>');
    outer.shadowRoot!.append(host('inner-note', '<b>nested </b>'));
    root.firstElementChild!.after(outer);
    const closed = document.createElement('sealed-note');
    closed.attachShadow({ mode: 'closed' }).innerHTML = '<p>closed</p>';
    const div = document.createElement('div');
    div.attachShadow({ mode: 'open' }).innerHTML = '<p>in a div</p>';
    root.append(closed, div);
    expect(TextIndex.of(root).text).toBe('before shadow nested light after');
    // A host that is itself the root reads its own shadow root first.
    expect(TextIndex.of(outer).text).toBe('shadow nested light ');
  });

  /** A paragraph, a component whose root holds one paragraph, and another paragraph. */
  function between(before: string, inRoot: string, after: string): HTMLElement {
    const root = body(`<p>${before}</p>`);
    root.append(
      host('tide-pool', `<p>${inRoot}</p>`),
      Object.assign(document.createElement('p'), { textContent: after }),
    );
    return root;
  }

  it('turns selections inside a root into offsets and offsets back into ranges there', () => {
    const root = between('One ', 'anemones close like fists', ' end');
    const index = TextIndex.of(root);
    expect(index.text).toBe('One anemones close like fists end');
    const text = root.querySelector('tide-pool')!.shadowRoot!.querySelector('p')!.firstChild as Text;
    expect(index.offsetOf(text, 9)).toBe(13);
    // An element boundary inside the root, and the root's end, followed by what comes after the host.
    expect(index.offsetOf(text.parentNode!, 0)).toBe(4);
    expect(index.offsetOf(text.parentNode!, 1)).toBe(29);
    const range = index.rangeOf(13, 18);
    expect(range.toString()).toBe('close');
    expect(range.startContainer).toBe(text);
    const target = describeRange(index, range)!;
    expect(anchor(TextIndex.of(root), target)).toEqual({ start: 13, end: 18 });
  });

  it('a range that would cross a shadow boundary ends with the tree it starts in', () => {
    const root = between('light text ', 'shadow text', ' after');
    const index = TextIndex.of(root);
    expect(index.text).toBe('light text shadow text after');
    expect(index.rangeOf(6, 17).toString()).toBe('text ');
    expect(index.rangeOf(18, 28).toString()).toBe('text');
  });
});

describe('describe and anchor', () => {
  it('round-trips a selection across paragraphs, links and inline formatting', () => {
    const root = body('<p>The <a href="#">quick <em>brown</em></a> fox</p><p>jumps <b>over</b> the dog.</p>');
    const range = selectionOf(root, 'brown fox');
    const target = describeRange(TextIndex.of(root), range)!;
    expect(target.quote).toEqual({
      type: 'TextQuoteSelector',
      exact: 'brown fox',
      prefix: 'The quick ',
      suffix: 'jumps over the dog.',
    });
    const span = anchor(TextIndex.of(root), target)!;
    expect(TextIndex.of(root).rangeOf(span.start, span.end).toString()).toBe('brown fox');
  });

  it('re-anchors by quote and context after text is added before it', () => {
    const root = body('<p>alpha beta gamma</p><p>delta beta epsilon</p>');
    const target = describeRange(TextIndex.of(root), selectionOf(root, 'delta beta'))!;
    root.insertAdjacentHTML('afterbegin', '<p>A new lead paragraph was added.</p>');
    const index = TextIndex.of(root);
    const span = anchor(index, target)!;
    expect(index.text.slice(span.start, span.end)).toBe('delta beta');
    expect(span.start).toBe(index.text.indexOf('delta beta'));
  });

  it('picks the occurrence whose context matches when the quote repeats', () => {
    const root = body('<p>one two. see here. three four. see here. five</p>');
    const text = TextIndex.of(root).text;
    const second = text.lastIndexOf('see here');
    const target = describeRange(TextIndex.of(root), TextIndex.of(root).rangeOf(second, second + 8))!;
    root.insertAdjacentHTML('afterbegin', '<p>shift</p>');
    const index = TextIndex.of(root);
    expect(anchor(index, target)!.start).toBe(index.text.lastIndexOf('see here'));
  });

  it('orphans a highlight whose text is gone instead of painting it elsewhere', () => {
    const root = body('<p>The original sentence.</p>');
    const target = describeRange(TextIndex.of(root), selectionOf(root, 'original sentence'))!;
    root.innerHTML = '<p>Completely rewritten copy.</p>';
    expect(anchor(TextIndex.of(root), target)).toBeNull();
  });

  it('describes nothing for a whitespace-only or empty selection', () => {
    const root = body('<p>a</p>\n\n<p>b</p>');
    const index = TextIndex.of(root);
    expect(describeRange(index, index.rangeOf(1, 3))).toBeNull();
    expect(describeRange(index, index.rangeOf(1, 1))).toBeNull();
  });
});

// --- properties over random documents -------------------------------------------------------

const word = fc.stringMatching(/^[a-zà-ÿ]{1,8}$/u);
const inline = fc.oneof(
  word,
  word.map((w) => `<b>${w}</b>`),
  word.map((w) => `<a href="#">${w} <em>${w}</em></a>`),
  fc.constant('<br>'),
);
const paragraph = fc.array(inline, { minLength: 1, maxLength: 12 }).map((parts) => `<p>${parts.join(' ')}</p>`);
const documentHtml = fc.array(paragraph, { minLength: 1, maxLength: 8 }).map((ps) => ps.join('\n'));

describe('anchoring properties', () => {
  it('describe then anchor gives exactly the selected text, in the same place', () => {
    fc.assert(
      fc.property(documentHtml, fc.nat(), fc.nat(), (html, a, b) => {
        const root = body(html);
        const index = TextIndex.of(root);
        if (index.text.length < 2) return;
        const start = a % (index.text.length - 1);
        const end = start + 1 + (b % (index.text.length - start));
        const range = index.rangeOf(start, end);
        const target = describeRange(index, range);
        if (!target) {
          expect(index.text.slice(start, end).trim()).toBe('');
          return;
        }
        expect(target.quote.exact).toBe(range.toString());
        const span = anchor(TextIndex.of(root), target)!;
        expect(span).toEqual({ start, end });
      }),
      { numRuns: 300 },
    );
  });

  it('edits elsewhere leave an intact quote anchored, and an anchor never lands on other text', () => {
    fc.assert(
      fc.property(documentHtml, paragraph, fc.nat(), fc.nat(), fc.boolean(), (html, added, a, len, before) => {
        const root = body(html);
        const index = TextIndex.of(root);
        if (index.text.length < 2) return;
        const start = a % (index.text.length - 1);
        const end = Math.min(index.text.length, start + 1 + (len % 40));
        const target = describeRange(index, index.rangeOf(start, end));
        if (!target) return;
        root.insertAdjacentHTML(before ? 'afterbegin' : 'beforeend', added);
        const edited = TextIndex.of(root);
        const span = anchor(edited, target);
        expect(span).not.toBeNull();
        expect(edited.text.slice(span!.start, span!.end)).toBe(target.quote.exact);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the exact quote’s search', () => {
  /** Every occurrence of the quote scored by its context less its distance: the search as first written. */
  function everywhere(text: string, target: HighlightTarget): { start: number; end: number } | null {
    const { exact, prefix, suffix } = target.quote;
    let best: { start: number; end: number } | null = null;
    let bestScore = -Infinity;
    for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
      let before = 0;
      while (before < prefix.length && at - before > 0 && text[at - before - 1] === prefix[prefix.length - before - 1])
        before++;
      let after = 0;
      while (after < suffix.length && text[at + exact.length + after] === suffix[after]) after++;
      const score = before + after - Math.abs(at - target.position.start) / Math.max(1, text.length);
      if (score > bestScore) {
        bestScore = score;
        best = { start: at, end: at + exact.length };
      }
    }
    return best;
  }

  it('looking near the old place first answers what a search of the whole text answers', () => {
    // Few letters, so quotes repeat; texts long enough that many occurrences lie far from the old place.
    const letters = fc.string({ unit: fc.constantFrom('a', 'b', ' '), minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(
        fc.array(letters, { minLength: 3_000, maxLength: 4_000 }).map((parts) => parts.join('')),
        letters,
        letters,
        letters,
        fc.nat(),
        (text, exact, prefix, suffix, at) => {
          const target: HighlightTarget = {
            quote: { type: 'TextQuoteSelector', exact, prefix, suffix },
            position: {
              type: 'TextPositionSelector',
              start: at % (text.length + 1),
              end: (at % (text.length + 1)) + exact.length,
            },
          };
          // The old place itself holding the quote is answered at once, by both.
          if (text.startsWith(exact, target.position.start)) return;
          const expected = everywhere(text, target);
          if (expected) expect(anchorText(text, target)).toEqual(expected);
        },
      ),
      { numRuns: 200, seed: 20_261_206 },
    );
  });
});

/** Levenshtein distance, plainly, for checking anchors against the floor. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

describe('fuzzy re-anchoring', () => {
  it('finds a quote whose words were edited a little, in its new place', () => {
    const root = body(
      '<p>Intro text.</p><p>Alibaba’s downfall was swift. Many have credited its beginning to comments.</p>',
    );
    const target = describeRange(TextIndex.of(root), selectionOf(root, 'Alibaba’s downfall was swift.'))!;
    root.innerHTML =
      '<p>A new first paragraph.</p><p>Intro text.</p><p>Alibaba’s downfall was rapid. Many have credited its beginning to comments.</p>';
    const index = TextIndex.of(root);
    const span = anchor(index, target)!;
    expect(index.text.slice(span.start, span.end)).toBe('Alibaba’s downfall was rapid.');
  });

  it('does not fuzzily match short quotes, nor text changed beyond the floor', () => {
    const root = body('<p>The cat sat on the mat in the sun.</p>');
    const short = describeRange(TextIndex.of(root), selectionOf(root, 'cat sat'))!;
    const long = describeRange(TextIndex.of(root), selectionOf(root, 'sat on the mat in the sun'))!;
    root.innerHTML = '<p>The dog sat on a rug under the moon.</p>';
    expect(anchor(TextIndex.of(root), short)).toBeNull();
    expect(anchor(TextIndex.of(root), long)).toBeNull();
  });

  it('never anchors on text less similar than the floor, whatever the edits', () => {
    fc.assert(
      fc.property(
        documentHtml,
        fc.nat(),
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 3 })), { maxLength: 6 }),
        (html, a, len, edits) => {
          const root = body(html);
          const index = TextIndex.of(root);
          if (index.text.length < 14) return;
          const start = a % (index.text.length - 12);
          const end = Math.min(index.text.length, start + 12 + (len % 60));
          const target = describeRange(index, index.rangeOf(start, end));
          if (!target) return;
          let text = index.text;
          for (const [at, insert] of edits) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + insert + text.slice(i + 1);
          }
          root.textContent = text;
          const edited = TextIndex.of(root);
          const span = anchor(edited, target);
          if (!span) return;
          const found = edited.text.slice(span.start, span.end);
          expect(editDistance(found, target.quote.exact)).toBeLessThanOrEqual(
            Math.floor(target.quote.exact.length * 0.2),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
