/**
 * Describing a selection so it can be found again, and finding it again. A highlight is stored
 * as W3C Web Annotation selectors (a quote with context, and a position); anchoring tries, in
 * order: the position check, the exact quote scored by context and distance, then an
 * approximate match (Myers' bit-parallel algorithm) near the old position and then anywhere,
 * within a floor of similarity. Failing to anchor is a normal outcome — an orphan — never a
 * highlight painted on the wrong text.
 */
import search from 'approx-string-match';
import type { HighlightTarget } from '../model';
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
  const { exact, prefix, suffix } = target.quote;
  const { start } = target.position;
  const text = index.text;
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
  return best ?? fuzzyAnchor(text, target);
}

/**
 * The quote was edited a little: find the closest match within the allowed edits, near where it
 * was first and then anywhere, preferring matches whose context agrees. Below the floor, none.
 */
function fuzzyAnchor(text: string, target: HighlightTarget): Span | null {
  const { exact, prefix, suffix } = target.quote;
  if (exact.length < MIN_FUZZY_QUOTE) return null;
  const maxErrors = Math.floor(exact.length * MAX_EDIT_SHARE);
  const margin = exact.length * 2 + 500;
  const from = Math.max(0, target.position.start - margin);
  const near = bestMatch(text.slice(from, target.position.end + margin), from, text, target, maxErrors);
  if (near) return near;
  return from === 0 && target.position.end + margin >= text.length ? null : bestMatch(text, 0, text, target, maxErrors);

  function bestMatch(slice: string, offset: number, whole: string, t: HighlightTarget, errors: number): Span | null {
    let best: Span | null = null;
    let bestScore = -Infinity;
    for (const m of search(slice, exact, errors)) {
      const start = m.start + offset;
      const end = m.end + offset;
      const before = whole.slice(Math.max(0, start - prefix.length), start);
      const after = whole.slice(end, end + suffix.length);
      const score =
        50 * (1 - m.errors / exact.length) +
        20 * (prefix ? commonSuffixLength(before, prefix) / prefix.length : 1) +
        20 * (suffix ? commonPrefixLength(after, suffix) / suffix.length : 1) +
        2 * (1 - Math.min(1, Math.abs(start - t.position.start) / Math.max(1, whole.length)));
      if (score > bestScore) {
        bestScore = score;
        best = { start, end };
      }
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
