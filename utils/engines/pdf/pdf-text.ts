/**
 * A PDF's text as one string, the text its highlights are described in and found in again: each
 * page's text items in order, a line's end as a space (a PDF's lines end where its typesetter
 * wrapped them, so a new edition wraps them elsewhere, and a quote reads as one line), the pages
 * joined by "\n". The text layer PDF.js draws over a page holds the same items (a text node each,
 * a <br> at a line's end), so a point in a drawn layer maps to an offset in the whole text, and a
 * span of the text back to a Range in each drawn page it covers. Pages not drawn yet have no
 * layer: their part of a highlight is painted when they are.
 */
import { anchorText, exactAnchor, targetAt, type Span } from '../anchoring/anchor';
import type { HighlightTarget } from '../../shared/model';

/** A text item as PDF.js gives it (`getTextContent`); marked-content items carry no `str`. */
export interface PdfTextItem {
  str?: string;
  hasEOL?: boolean;
}

export interface PdfText {
  text: string;
  /** Where each page's text begins in `text` (page 1 at index 0). */
  pageStarts: number[];
}

/** One page's text: its items' strings, a line's end as a space. */
export function pageText(items: readonly PdfTextItem[]): string {
  let text = '';
  for (const item of items) {
    if (item.str === undefined) continue;
    text += item.str;
    if (item.hasEOL) text += ' ';
  }
  return text;
}

/** The whole document's text from its pages' items. */
export function pdfText(pages: readonly (readonly PdfTextItem[])[]): PdfText {
  const pageStarts: number[] = [];
  let text = '';
  pages.forEach((items, i) => {
    if (i > 0) text += '\n';
    pageStarts.push(text.length);
    text += pageText(items);
  });
  return { text, pageStarts };
}

/** The page (0-based) an offset of the text lies in. */
export function pageAt(doc: PdfText, offset: number): number {
  let low = 0;
  let high = doc.pageStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((doc.pageStarts[mid] as number) <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Where a page's text ends in the whole text. */
function pageEnd(doc: PdfText, page: number): number {
  const next = doc.pageStarts[page + 1];
  return next === undefined ? doc.text.length : next - 1;
}

/** A span of the text cut at page boundaries: each piece's page and its offsets within that page. */
export function pagePieces(doc: PdfText, span: Span): { page: number; start: number; end: number }[] {
  const pieces: { page: number; start: number; end: number }[] = [];
  for (let page = pageAt(doc, span.start); page < doc.pageStarts.length; page++) {
    const from = doc.pageStarts[page] as number;
    if (from >= span.end) break;
    const start = Math.max(span.start, from);
    const end = Math.min(span.end, pageEnd(doc, page));
    if (end > start) pieces.push({ page, start: start - from, end: end - from });
  }
  return pieces;
}

/** The text nodes and line breaks of a drawn text layer, in order, each with its length. */
function* units(layer: Element): Generator<[Node, number]> {
  const walker = layer.ownerDocument.createTreeWalker(layer, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) yield [node, (node as Text).data.length];
    else if ((node as Element).localName === 'br') yield [node, 1];
  }
}

/** A point in the page (in its text layer or beside it) as an offset in that page's text. */
export function layerOffset(layer: Element, node: Node, offset: number): number {
  const point = layer.ownerDocument.createRange();
  point.setStart(node, offset);
  let count = 0;
  for (const [unit, length] of units(layer)) {
    if (unit === node) return count + Math.min(offset, length);
    // The first unit at or after the point: the point comes before it.
    if (point.comparePoint(unit, 0) >= 0) return count;
    count += length;
  }
  return count;
}

/** A Range over a page's text from `start` to `end` (offsets in that page), in its drawn layer. */
export function layerRange(layer: Element, start: number, end: number): Range | null {
  const range = layer.ownerDocument.createRange();
  let count = 0;
  let started = false;
  for (const [unit, length] of units(layer)) {
    const isText = unit.nodeType === Node.TEXT_NODE;
    if (!started && start < count + length) {
      if (isText) range.setStart(unit, start - count);
      else range.setStartBefore(unit);
      started = true;
    }
    if (started && end <= count + length) {
      if (isText) range.setEnd(unit, end - count);
      else range.setEndAfter(unit);
      return range.collapsed ? null : range;
    }
    count += length;
  }
  return null;
}

/** Selectors for a span of the document's text, with the page it begins on. */
export function pdfTarget(doc: PdfText, start: number, end: number): HighlightTarget | null {
  const target = targetAt(doc.text, start, end);
  return target && { ...target, page: pageAt(doc, target.position.start) + 1 };
}

/** Where a stored highlight is in the document's text now (the PDF may have changed); null for an orphan. */
export function anchorInPdf(doc: PdfText, target: HighlightTarget): Span | null {
  return anchorText(doc.text, target);
}

/**
 * A highlight at its old place in `first`, the text of the document's first pages (read before
 * the rest), or null. The whole text gives it the same place (`anchorAllInPdf` looks there
 * first, and the first pages' offsets are the whole text's), so it can be painted at once.
 */
export function atOldPlace(first: PdfText, target: HighlightTarget): Span | null {
  const { exact } = target.quote;
  const { start } = target.position;
  return first.text.startsWith(exact, start) ? { start, end: start + exact.length } : null;
}

/**
 * Where each of a document's highlights is now, in two passes. Most are found at once: at their
 * old place, or their exact quote nearby. Those left (their words edited) are searched from where
 * their old place has moved to — by as much as the nearest highlight before them moved — so an
 * edit earlier in the document does not send the search through the whole text.
 */
export function anchorAllInPdf(doc: PdfText, targets: readonly HighlightTarget[]): (Span | null)[] {
  const found: (Span | null)[] = targets.map((target) => exactAnchor(doc.text, target));
  // How far the found ones moved, in the order of their old places.
  const moves = targets
    .map((target, i) => ({
      from: target.position.start,
      by: found[i] ? found[i].start - target.position.start : null,
    }))
    .filter((m): m is { from: number; by: number } => m.by !== null)
    .sort((a, b) => a.from - b.from);
  return targets.map((target, i) => {
    if (found[i]) return found[i];
    const by = moveBefore(moves, target.position.start);
    const moved = {
      ...target,
      position: {
        ...target.position,
        start: Math.max(0, target.position.start + by),
        end: Math.max(0, target.position.end + by),
      },
    };
    return anchorText(doc.text, moved);
  });
}

/** How far the nearest found highlight at or before `at` moved (0 when none is). */
function moveBefore(moves: readonly { from: number; by: number }[], at: number): number {
  let low = 0;
  let high = moves.length - 1;
  let by = 0;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const move = moves[mid];
    if (move && move.from <= at) {
      by = move.by;
      low = mid + 1;
    } else high = mid - 1;
  }
  return by;
}
