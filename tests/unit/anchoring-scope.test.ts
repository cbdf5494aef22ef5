import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  anchor,
  anchorSliced,
  anchorText,
  describe as describeRange,
  FUZZY_SLICE,
  type SliceClock,
} from '@/utils/engines/anchoring/anchor';
import { PageText } from '@/utils/engines/anchoring/page-text';
import { resolveSelector, selectorFor } from '@/utils/engines/anchoring/scope';
import { TextIndex } from '@/utils/engines/anchoring/text-index';
import { followPageUrl } from '@/utils/engines/page-url';
import { watchNavigation } from '@/utils/content/navigation-watch';

function rangeOf(root: Element, text: string): Range {
  const index = TextIndex.of(root);
  const at = index.text.indexOf(text);
  if (at === -1) throw new Error(`no "${text}"`);
  return index.rangeOf(at, at + text.length);
}

const PAGE = `<header><nav>Home News Sport</nav></header>
  <div class="wrap"><main><article><h1>Title</h1><p>The committee met on Tuesday and agreed the budget.</p>
  <p>Opponents said the vote was rushed through without debate.</p></article></main></div>
  <footer>Footer words</footer>`;

describe('article scope (the structural hint)', () => {
  it('describes a selection in the article relative to the article element, named by a CSS selector', () => {
    document.body.innerHTML = PAGE;
    const article = document.querySelector('article')!;
    const target = new PageText(document.body).describe(rangeOf(document.body, 'agreed the budget'), article)!;
    expect(target.scope).toEqual({
      type: 'CssSelector',
      value: ':scope > div:nth-of-type(1) > main:nth-of-type(1) > article:nth-of-type(1)',
    });
    expect(resolveSelector(document.body, target.scope)).toBe(article);
    expect(TextIndex.of(article).text.slice(target.position.start, target.position.end)).toBe('agreed the budget');
  });

  it('prefers a stable id, and ignores generated ones', () => {
    document.body.innerHTML = '<div id="content"><div id="c-83920174"><article><p>x</p></article></div></div>';
    expect(selectorFor(document.querySelector('article')!, document.body)!.value).toBe(
      '#content > div:nth-of-type(1) > article:nth-of-type(1)',
    );
  });

  it('keeps its offsets when the page around the article changes, so the position check holds', () => {
    document.body.innerHTML = PAGE;
    const target = new PageText(document.body).describe(
      rangeOf(document.body, 'vote was rushed'),
      document.querySelector('article'),
    )!;
    document.querySelector('nav')!.textContent = 'A much longer menu with many more words in it than before';
    const found = new PageText(document.body).anchor(target)!;
    expect(found.index.root).toBe(document.querySelector('article'));
    expect(found.span.start).toBe(target.position.start);
  });

  it('falls back to the whole body when the hint names nothing any more', () => {
    document.body.innerHTML = PAGE;
    const target = new PageText(document.body).describe(
      rangeOf(document.body, 'vote was rushed'),
      document.querySelector('article'),
    )!;
    document.body.innerHTML = '<section><p>Opponents said the vote was rushed through without debate.</p></section>';
    const text = new PageText(document.body);
    expect(text.rangeOf(target)!.toString()).toBe('vote was rushed');
  });

  it('describes outside the article relative to the body, without a hint', () => {
    document.body.innerHTML = PAGE;
    const target = new PageText(document.body).describe(
      rangeOf(document.body, 'Footer words'),
      document.querySelector('article'),
    )!;
    expect(target.scope).toBeUndefined();
  });

  it('a hand-edited selector that is not valid CSS is no hint, not an error', () => {
    document.body.innerHTML = PAGE;
    expect(resolveSelector(document.body, { type: 'CssSelector', value: 'div[[' })).toBeNull();
  });
});

describe('sliced approximate search', () => {
  const words = (n: number, seed: number) =>
    Array.from(
      { length: n },
      (_, i) => ['alpha', 'brisk', 'cobalt', 'dune', 'ember', 'fable', 'grove'][(i * 7 + seed * 3 + ((i * i) % 5)) % 7],
    ).join(' ');

  it('pauses between slices of a long search and finds what the unsliced search finds', async () => {
    document.body.innerHTML = `<p>${words(20_000, 1)}</p><p>The minister resigned late on Friday evening after the report.</p>`;
    const index = TextIndex.of(document.body);
    const target = describeRange(index, rangeOf(document.body, 'The minister resigned late on Friday evening'))!;
    // Edited, and the old position far off: the whole text is searched.
    document.body.innerHTML = `<p>The minister resigned late on Friday night after the report.</p><p>${words(20_000, 2)}</p>`;
    const edited = TextIndex.of(document.body);
    let pauses = 0;
    const clock: SliceClock = {
      due: () => true,
      pause: () => {
        pauses++;
        return Promise.resolve();
      },
      cancelled: () => false,
    };
    const sliced = await anchorSliced(edited, target, clock);
    expect(sliced).toEqual(anchor(edited, target));
    // An approximate match may end a letter or two short of the edited word: same edit count.
    expect(edited.text.slice(sliced!.start, sliced!.end)).toMatch(/^The minister resigned late on Friday ni/);
    expect(pauses).toBeGreaterThanOrEqual(Math.floor(edited.text.length / FUZZY_SLICE) - 1);
  });

  it('stops when cancelled', async () => {
    document.body.innerHTML = `<p>${words(20_000, 1)}</p>`;
    const edited = TextIndex.of(document.body);
    const target = {
      quote: {
        type: 'TextQuoteSelector' as const,
        exact: 'nothing like this is in the text at all',
        prefix: '',
        suffix: '',
      },
      position: { type: 'TextPositionSelector' as const, start: 100_000, end: 100_039 },
    };
    let cancelled = false;
    const clock: SliceClock = {
      due: () => true,
      pause: async () => void (cancelled = true),
      cancelled: () => cancelled,
    };
    expect(await anchorSliced(edited, target, clock)).toBeNull();
  });

  it('slices never split a match: a quote straddling any slice border is found', () => {
    // Letters from a fixed pseudo-random sequence: every 20-letter stretch is unique.
    let seed = 7;
    const text = Array.from({ length: 3 * FUZZY_SLICE }, () =>
      String.fromCharCode(97 + ((seed = (seed * 48271) % 2147483647) % 26)),
    ).join('');
    fc.assert(
      fc.property(
        fc.integer({ min: -60, max: 60 }),
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 20, max: 80 }),
        (shift, border, length) => {
          const start = border * FUZZY_SLICE + shift - Math.floor(length / 2);
          const exact = text.slice(start, start + length);
          const edited = text.slice(0, start + 3) + '#' + text.slice(start + 4);
          // The stored position is far away, so the search has to cover the whole text.
          const far = (start + FUZZY_SLICE * 1.5) % text.length;
          const span = anchorText(edited, {
            quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
            position: { type: 'TextPositionSelector', start: far, end: far + length },
          });
          expect(span).not.toBeNull();
          expect(Math.abs(span!.start - start)).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('single-page apps', () => {
  it('does not trust a canonical link the app left behind when the address changed', () => {
    history.replaceState(null, '', '/story/one');
    document.head.innerHTML = `<link rel="canonical" href="${location.origin}/story/one">`;
    const key = followPageUrl(document);
    expect(key()).toBe(`${location.origin}/story/one`);
    history.pushState(null, '', '/story/two?utm_source=feed');
    expect(key()).toBe(`${location.origin}/story/two`);
    document.head.innerHTML = `<link rel="canonical" href="${location.origin}/story/two-canonical">`;
    expect(key()).toBe(`${location.origin}/story/two-canonical`);
    document.head.innerHTML = '';
  });

  it('reports a pushed address once, and ignores fragment-only moves', async () => {
    vi.useFakeTimers();
    const seen: string[] = [];
    const stop = new AbortController();
    history.replaceState(null, '', '/a');
    watchNavigation(window, (href) => seen.push(new URL(href).pathname + new URL(href).hash), stop.signal);
    history.pushState(null, '', '/b');
    await vi.advanceTimersByTimeAsync(1100);
    history.pushState(null, '', '/b#comments');
    await vi.advanceTimersByTimeAsync(1100);
    history.pushState(null, '', '/c');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.advanceTimersByTimeAsync(1100);
    stop.abort();
    history.pushState(null, '', '/d');
    await vi.advanceTimersByTimeAsync(1100);
    vi.useRealTimers();
    expect(seen).toEqual(['/b', '/c']);
  });
});
