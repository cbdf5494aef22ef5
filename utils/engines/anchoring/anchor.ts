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
  if (start === null || end === null) return null;
  return targetAt(index.text, start, end);
}

/** Selectors for `text` from `start` to `end`; null when that holds no text. */
export function targetAt(text: string, start: number, end: number): HighlightTarget | null {
  if (end <= start) return null;
  const exact = text.slice(start, end);
  if (!exact.trim()) return null;
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact,
      prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
      suffix: text.slice(end, end + CONTEXT_LENGTH),
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
  return atOldPlace(index, target) ?? anchorText(index.text, target);
}

/**
 * The quote where it was, read from the nodes that hold that place alone: the first step of the
 * search (`exactAnchor`), answered without reading the whole text, as most restores are.
 */
function atOldPlace(index: TextIndex, target: HighlightTarget): Span | null {
  const { exact } = target.quote;
  const { start } = target.position;
  if (!exact || !Number.isInteger(start) || start < 0) return null;
  return index.slice(start, start + exact.length) === exact ? { start, end: start + exact.length } : null;
}

/** Finds a target in a text of any origin (a PDF's, say); null for an orphan. */
export function anchorText(text: string, target: HighlightTarget): Span | null {
  const steps = anchorSteps(text, target);
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
export async function anchorSliced(index: TextIndex, target: HighlightTarget, clock: SliceClock): Promise<Span | null> {
  const found = atOldPlace(index, target);
  if (found) return found;
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
  return (
    exactAnchor(text, target) ??
    wholeExactAnchor(text, target) ??
    looseAnchor(text, target) ??
    (yield* fuzzyAnchor(text, target))
  );
}

/**
 * The quick part of the search: the quote at its old place, or nearby with its whole context —
 * which is then the best place anywhere (any other occurrence is farther, with no more context).
 * Null when neither is: the whole text is searched next.
 */
export function exactAnchor(text: string, target: HighlightTarget): Span | null {
  const { exact } = target.quote;
  const { start } = target.position;
  if (text.startsWith(exact, start)) return { start, end: start + exact.length };
  const near = exactOccurrences(text, target, Math.max(0, start - NEAR), start + NEAR);
  return near.whole ? near.best : null;
}

/** Every occurrence of the exact quote in the whole text, the best by context and distance. */
function wholeExactAnchor(text: string, target: HighlightTarget): Span | null {
  return exactOccurrences(text, target, 0, text.length).best;
}

/**
 * The best occurrence of the exact quote starting in text[from, to]: scored by how much of its
 * context matches, less its distance from where the quote was; `whole` when all of it matches.
 */
function exactOccurrences(
  text: string,
  target: HighlightTarget,
  from: number,
  to: number,
): { best: Span | null; whole: boolean } {
  const { exact, prefix, suffix } = target.quote;
  const { start } = target.position;
  let best: Span | null = null;
  let bestScore = -Infinity;
  let bestContext = -1;
  // Searched in its own slice: a search of the whole text for a quote not nearby would read all of it.
  const part = from === 0 && to >= text.length ? text : text.slice(from, to + exact.length);
  for (let i = part.indexOf(exact); i !== -1 && from + i <= to; i = part.indexOf(exact, i + 1)) {
    const at = from + i;
    const context =
      commonSuffixLength(text.slice(Math.max(0, at - prefix.length), at), prefix) +
      commonPrefixLength(text.slice(at + exact.length, at + exact.length + suffix.length), suffix);
    const score = context - Math.abs(at - start) / Math.max(1, text.length);
    if (score > bestScore) {
      bestScore = score;
      bestContext = context;
      best = { start: at, end: at + exact.length };
    }
  }
  return { best, whole: bestContext === prefix.length + suffix.length };
}

/** How far from its old place a quote is looked for before the whole text is searched. */
const NEAR = 4_096;

/** A page's text with its whitespace taken out, and where each remaining character was. */
interface Squeezed {
  text: string;
  squeezed: string;
  at: Int32Array;
}
let lastSqueezed: Squeezed | null = null;
/** What `\s` matches, by code unit (a regex per character would be slow on a long page). */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    (c > 127 &&
      (c === 160 ||
        c === 5760 ||
        (c >= 8192 && c <= 8202) ||
        c === 8232 ||
        c === 8233 ||
        c === 8239 ||
        c === 8287 ||
        c === 12288 ||
        c === 65279))
  );
}

function squeezedOf(text: string): Squeezed {
  if (lastSqueezed?.text === text) return lastSqueezed;
  const at = new Int32Array(text.length);
  let out = '';
  let n = 0;
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    if (isSpace(text.charCodeAt(i))) {
      out += text.slice(runStart, i);
      runStart = i + 1;
      continue;
    }
    at[n++] = i;
  }
  out += text.slice(runStart);
  return (lastSqueezed = { text, squeezed: out, at: at.subarray(0, n) });
}

/**
 * The exact quote, whitespace aside: a quote copied from another tool (paragraphs joined by blank
 * lines, spaces collapsed) or a page whose markup reflowed still has every other character in
 * order. Scored by context and distance as the exact search is.
 */
function looseAnchor(text: string, target: HighlightTarget): Span | null {
  const exact = target.quote.exact.replace(/\s+/g, '');
  if (!exact) return null;
  const { squeezed, at } = squeezedOf(text);
  const prefix = target.quote.prefix.replace(/\s+/g, '');
  const suffix = target.quote.suffix.replace(/\s+/g, '');
  let best: Span | null = null;
  let bestScore = -Infinity;
  for (let i = squeezed.indexOf(exact); i !== -1; i = squeezed.indexOf(exact, i + 1)) {
    const start = at[i];
    const last = at[i + exact.length - 1];
    if (start === undefined || last === undefined) continue;
    const end = last + 1;
    const score =
      commonSuffixLength(squeezed.slice(Math.max(0, i - prefix.length), i), prefix) +
      commonPrefixLength(squeezed.slice(i + exact.length, i + exact.length + suffix.length), suffix) -
      Math.abs(start - target.position.start) / Math.max(1, text.length);
    if (score > bestScore) {
      bestScore = score;
      best = { start, end };
    }
  }
  // The same floor as every match: whitespace that differs counts as edits.
  if (
    best &&
    whitespaceEdits(text.slice(best.start, best.end), target.quote.exact) >
      Math.floor(target.quote.exact.length * MAX_EDIT_SHARE)
  )
    return null;
  return best;
}

/** The whitespace runs of a text between (and around) its other characters. */
function gaps(text: string): string[] {
  const out: string[] = [];
  let gap = '';
  for (let i = 0; i < text.length; i++) {
    if (isSpace(text.charCodeAt(i))) gap += text.charAt(i);
    else {
      out.push(gap);
      gap = '';
    }
  }
  out.push(gap);
  return out;
}

/**
 * At most how many edits turn `a` into `b` when they differ only in whitespace: each run that
 * differs costs its longer length (an upper bound on the edit distance, so the floor holds).
 */
function whitespaceEdits(a: string, b: string): number {
  const ga = gaps(a);
  const gb = gaps(b);
  let edits = 0;
  for (let i = 0; i < Math.max(ga.length, gb.length); i++) {
    const x = ga[i] ?? '';
    const y = gb[i] ?? '';
    if (x !== y) edits += Math.max(x.length, y.length);
  }
  return edits;
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
