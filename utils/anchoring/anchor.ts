/**
 * Describing a selection so it can be found again, and finding it again. A highlight is stored
 * as W3C Web Annotation selectors (a quote with context, and a position); anchoring tries the
 * cheap, precise check first and falls back to searching for the quote, scoring each
 * occurrence by its context and its distance from where it used to be. Failing to anchor is a
 * normal outcome — an orphan — never a highlight painted on the wrong text.
 */
import type { HighlightTarget } from '../model';
import { type TextIndex } from './text-index';

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
  return best;
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
