/**
 * Paints highlights in a view of Clearmark's own (the reader view, inside its closed shadow root)
 * as boxes drawn behind the text, in a layer beside the article. The page's `CSS.highlights`
 * registry is shared with page scripts: a range put there would hand the page a way into the
 * closed root (its nodes, its text, its styles). These ranges never leave Clearmark's world.
 * The boxes follow the text: the layer is redrawn whenever the article's size changes (a new
 * font size, width or spacing, a window resized, an image loaded).
 */
import type { HighlightColor } from '../shared/model';
import { FLASH_MS, hitTestRanges, type Painter } from './highlight-painter';

interface Painted {
  color: HighlightColor;
  range: Range;
  boxes: HTMLElement[];
}

/** Class names of the boxes, styled by the view's stylesheet (`.mark.mark-<color>`, `.mark.flash`). */
export const MARK_CLASS = 'mark';

export class OverlayPainter implements Painter {
  private readonly painted = new Map<string, Painted>();
  private readonly layer: HTMLElement;
  private readonly resize: ResizeObserver | null;
  private dirty = new Set<string>();
  private scheduled = false;

  /**
   * `body` is the article the ranges are in; its parent must be the positioned box the layer is
   * drawn in (`position: relative`), and a stacking context, so the layer sits behind the text.
   */
  constructor(private readonly body: HTMLElement) {
    const doc = body.ownerDocument;
    this.layer = doc.createElement('div');
    this.layer.className = 'marks';
    this.layer.setAttribute('aria-hidden', 'true');
    body.before(this.layer);
    const View = doc.defaultView?.ResizeObserver;
    this.resize = View ? new View(() => this.redrawAll()) : null;
    this.resize?.observe(body);
  }

  paint(id: string, color: HighlightColor, range: Range): void {
    const before = this.painted.get(id);
    for (const box of before?.boxes ?? []) box.remove();
    this.painted.set(id, { color, range, boxes: [] });
    this.schedule(id);
  }

  erase(id: string): void {
    const painted = this.painted.get(id);
    if (!painted) return;
    for (const box of painted.boxes) box.remove();
    this.painted.delete(id);
    this.dirty.delete(id);
  }

  clear(): void {
    for (const id of [...this.painted.keys()]) this.erase(id);
  }

  /** Stops following the article and removes the layer (the view closed). */
  dispose(): void {
    this.clear();
    this.resize?.disconnect();
    this.layer.remove();
  }

  rangeOf(id: string): Range | undefined {
    return this.painted.get(id)?.range;
  }

  hitTest(x: number, y: number, doc: Document = this.body.ownerDocument): string | null {
    return hitTestRanges(this.painted, x, y, doc);
  }

  ids(): string[] {
    return [...this.painted.keys()];
  }

  /** Each painted highlight's color and text (for the `reader:get` probe). */
  shown(): { id: string; color: HighlightColor; text: string }[] {
    return [...this.painted].map(([id, { color, range }]) => ({ id, color, text: range.toString() }));
  }

  flash(range: Range): void {
    const boxes = this.draw(range, `${MARK_CLASS} flash`);
    setTimeout(() => boxes.forEach((box) => box.remove()), FLASH_MS);
  }

  /** Nothing outside Clearmark's closed root can reach the layer; redrawn boxes are all it needs. */
  repair(): boolean {
    return false;
  }

  /** Boxes are drawn together once the current task's paints are in: all reads, then all writes. */
  private schedule(id: string): void {
    this.dirty.add(id);
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      const ids = [...this.dirty];
      this.dirty.clear();
      this.drawEach(ids);
    });
  }

  private redrawAll(): void {
    this.drawEach([...this.painted.keys()]);
  }

  private drawEach(ids: string[]): void {
    const origin = this.layer.getBoundingClientRect();
    const measured = ids.flatMap((id) => {
      const painted = this.painted.get(id);
      return painted ? [{ painted, rects: textRects(painted.range) }] : [];
    });
    for (const { painted, rects } of measured) {
      for (const box of painted.boxes) box.remove();
      painted.boxes = this.boxes(rects, origin, `${MARK_CLASS} ${MARK_CLASS}-${painted.color}`);
    }
  }

  private draw(range: Range, className: string): HTMLElement[] {
    return this.boxes(textRects(range), this.layer.getBoundingClientRect(), className);
  }

  /** A box in the layer over each rect (viewport coordinates, made relative to the layer's own). */
  private boxes(rects: DOMRect[], origin: DOMRect, className: string): HTMLElement[] {
    return rects.map((rect) => {
      const box = this.layer.ownerDocument.createElement('div');
      box.className = className;
      box.style.cssText = `left:${rect.left - origin.left}px;top:${rect.top - origin.top}px;width:${rect.width}px;height:${rect.height}px`;
      this.layer.append(box);
      return box;
    });
  }
}

/**
 * The boxes of a range's text alone, as `::highlight()` paints it: a range's own client rects also
 * hold the whole box of every element it spans (a paragraph's margins, a figure's frame). Empty
 * boxes (a collapsed line break) are left out.
 */
function textRects(range: Range): DOMRect[] {
  const root = range.commonAncestorContainer;
  const doc = root.ownerDocument ?? (root as Document);
  const drawn = (rects: DOMRectList) => Array.from(rects).filter((r) => r.width > 0 && r.height > 0);
  if (root.nodeType === Node.TEXT_NODE) return drawn(range.getClientRects());
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const rects: DOMRect[] = [];
  const piece = doc.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!range.intersectsNode(node)) continue;
    const text = node as Text;
    piece.setStart(text, node === range.startContainer ? range.startOffset : 0);
    piece.setEnd(text, node === range.endContainer ? range.endOffset : text.length);
    if (!piece.collapsed) rects.push(...drawn(piece.getClientRects()));
  }
  return rects;
}
