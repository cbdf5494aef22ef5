/**
 * Describing a selection so it can be found again, and finding it again. A highlight is stored
 * as W3C Web Annotation selectors (a quote with context, and a position); anchoring tries, in
 * order: the position check, the exact quote scored by context and distance, then an
 * approximate match (Myers' bit-parallel algorithm) near the old position and then anywhere,
 * within a floor of similarity. Failing to anchor is a normal outcome — an orphan — never a
 * highlight painted on the wrong text.
 *
 * The search is written as steps (`anchorSteps`): a long approximate search over a big page
 * pauses between slices of text, so a caller can give the page's main thread back in between
 * (`anchorSliced`); `anchor` runs the same steps without pausing.
 */
import search from 'approx-string-match';
import type { HighlightTarget } from '../../shared/model';
import { type TextIndex } from './text-index';

/** Quotes shorter than this must match exactly: a few characters match by chance almost anywhere. */
export const MIN_FUZZY_QUOTE = 12;
/** The most a re-anchored quote may differ from the stored one: edits as a share of its length. */
export const MAX_EDIT_SHARE = 0.2;

/** Characters of context stored either side of the quote. */
export const CONTEXT_LENGTH = 32;

/** Describes a Range as selectors relative to `index.root`; null for a range outside it or without text. */
export function describe(index: TextIndex, range: Range): HighlightTarget | null {
  const start = index.offsetOf(range.startContainer, range.startOffset);
  const end = index.offsetOf(range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return null;
  const exact = index.text.slice(start, end);
  if (!exact.trim()) return null;
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact,
      prefix: index.text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
      suffix: index.text.slice(end, end + CONTEXT_LENGTH),
    },
    position: { type: 'TextPositionSelector', start, end },
  };
}

export interface Span {
  start: number;
  end: number;
}

/** Finds a target's text in the index; null when it is no longer there (an orphan). */
export function anchor(index: TextIndex, target: HighlightTarget): Span | null {
  const steps = anchorSteps(index.text, target);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Characters of text searched approximately between two pauses. */
export const FUZZY_SLICE = 20_000;

/**
 * `anchor`, pausing (awaiting `pause`) whenever a slice of work has run for `budgetMs`, so a
 * long search never holds the main thread. A clock that says `cancelled` stops the search
 * (answering null): its answer is no longer wanted.
 */
export async function anchorSliced(
  index: TextIndex,
  target: HighlightTarget,
  clock: SliceClock,
): Promise<Span | null> {
  const steps = anchorSteps(index.text, target);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (clock.due()) await clock.pause();
    if (clock.cancelled()) return null;
  }
}

/** Decides when sliced work pauses, and how; shared by all the searches of one paint. */
export interface SliceClock {
  /** Whether the current slice has used its time. */
  due(): boolean;
  /** Gives the main thread back; resolves when work may go on. */
  pause(): Promise<void>;
  cancelled(): boolean;
}

/** The anchoring search, yielding between slices of approximate search. */
export function* anchorSteps(text: string, target: HighlightTarget): Generator<void, Span | null> {
  const { exact, prefix, suffix } = target.quote;
  const { start } = target.position;
  if (text.startsWith(exact, start)) return { start, end: start + exact.length };

  let best: Span | null = null;
  let bestScore = -Infinity;
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
    const score =
      commonSuffixLength(text.slice(Math.max(0, at - prefix.length), at), prefix) +
      commonPrefixLength(text.slice(at + exact.length, at + exact.length + suffix.length), suffix) -
      Math.abs(at - start) / Math.max(1, text.length);
    if (score > bestScore) {
      bestScore = score;
      best = { start: at, end: at + exact.length };
    }
  }
  if (best) return best;
  return yield* fuzzyAnchor(text, target);
}

/**
 * The quote was edited a little: find the closest match within the allowed edits, near where it
 * was first and then anywhere, preferring matches whose context agrees. Below the floor, none.
 */
function* fuzzyAnchor(text: string, target: HighlightTarget): Generator<void, Span | null> {
  const { exact, prefix, suffix } = target.quote;
  if (exact.length < MIN_FUZZY_QUOTE) return null;
  const maxErrors = Math.floor(exact.length * MAX_EDIT_SHARE);
  const margin = exact.length * 2 + 500;
  const from = Math.max(0, target.position.start - margin);
  const to = Math.min(text.length, target.position.end + margin);
  const near = yield* bestMatch(from, to);
  if (near) return near;
  if (from === 0 && to >= text.length) return null;
  return yield* bestMatch(0, text.length);

  /** The best-scoring match in text[from, to), searched slice by slice (slices overlap by a quote's length). */
  function* bestMatch(from: number, to: number): Generator<void, Span | null> {
    let best: Span | null = null;
    let bestScore = -Infinity;
    const overlap = exact.length + maxErrors;
    for (let sliceStart = from; sliceStart < to; sliceStart += FUZZY_SLICE) {
      if (sliceStart > from) yield;
      const sliceEnd = Math.min(to, sliceStart + FUZZY_SLICE + overlap);
      for (const m of search(text.slice(sliceStart, sliceEnd), exact, maxErrors)) {
        const start = m.start + sliceStart;
        const end = m.end + sliceStart;
        const before = text.slice(Math.max(0, start - prefix.length), start);
        const after = text.slice(end, end + suffix.length);
        const score =
          50 * (1 - m.errors / exact.length) +
          20 * (prefix ? commonSuffixLength(before, prefix) / prefix.length : 1) +
          20 * (suffix ? commonPrefixLength(after, suffix) / suffix.length : 1) +
          2 * (1 - Math.min(1, Math.abs(start - target.position.start) / Math.max(1, text.length)));
        if (score > bestScore) {
          bestScore = score;
          best = { start, end };
        }
      }
      if (sliceEnd >= to) break;
    }
    return best;
  }
}

function commonPrefixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}
