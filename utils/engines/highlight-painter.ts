/**
 * Paints highlights on the page with the CSS Custom Highlight API: one named `Highlight` per color
 * in `CSS.highlights`, styled by `::highlight(clearmark-<color>)` rules. The page's DOM and text
 * nodes are never touched, so sites that re-render, diff or hash their DOM are unaffected. The
 * registry is the page's too: a page can read which of its own passages are painted, and remove
 * the paint, which `repair` puts back (docs/adr/0011). Clearmark's own views (the reader) paint
 * with the overlay painter instead, so no range into them ever enters the page's registry.
 */
import { HIGHLIGHT_COLORS, type HighlightColor } from '../shared/model';

/** The `CSS.highlights` registry name for a color (also the `::highlight()` name in CSS). */
export function highlightName(color: HighlightColor): string {
  return `clearmark-${color}`;
}

/** Whether this browser can paint highlights without touching the DOM. */
export function canPaint(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

interface Painted {
  color: HighlightColor;
  range: Range;
}

/** What a view needs of a painter: the page's (the registry) and the reader's (overlays) alike. */
export interface Painter {
  paint(id: string, color: HighlightColor, range: Range): void;
  erase(id: string): void;
  clear(): void;
  rangeOf(id: string): Range | undefined;
  hitTest(x: number, y: number, doc?: Document): string | null;
  ids(): string[];
  /** Marks one range for a moment (a highlight the user asked to see). */
  flash(range: Range): void;
  /** Puts back paint that something else removed; answers whether anything was missing. */
  repair(): boolean;
}

const FLASH_NAME = 'clearmark-flash';
/** How long a flash lasts. */
export const FLASH_MS = 1200;

export class HighlightPainter implements Painter {
  private readonly painted = new Map<string, Painted>();
  private readonly byColor = new Map<HighlightColor, Highlight>();

  /**
   * `styleTree` gives a shadow tree the `::highlight()` rules when a range in it is painted
   * (answering whether they were missing): its text does not take the page's in every browser.
   */
  constructor(
    private readonly registry: HighlightRegistry = CSS.highlights,
    private readonly styleTree: (tree: ShadowRoot) => boolean = () => false,
  ) {}

  /** Paints (or repaints in a new color or place) one highlight. */
  paint(id: string, color: HighlightColor, range: Range): void {
    this.erase(id);
    this.painted.set(id, { color, range });
    this.layer(color).add(range);
    const tree = shadowTreeOf(range);
    if (tree) this.styleTree(tree);
  }

  erase(id: string): void {
    const painted = this.painted.get(id);
    if (!painted) return;
    this.painted.delete(id);
    this.byColor.get(painted.color)?.delete(painted.range);
  }

  /** Removes every highlight this painter made, leaving other names in the registry alone. */
  clear(): void {
    this.painted.clear();
    for (const color of HIGHLIGHT_COLORS) {
      this.byColor.get(color)?.clear();
      this.registry.delete(highlightName(color));
    }
    this.byColor.clear();
  }

  rangeOf(id: string): Range | undefined {
    return this.painted.get(id)?.range;
  }

  flash(range: Range): void {
    const flash = new Highlight(range);
    flash.priority = 10;
    this.registry.set(FLASH_NAME, flash);
    setTimeout(() => {
      if (this.registry.get(FLASH_NAME) === flash) this.registry.delete(FLASH_NAME);
    }, FLASH_MS);
  }

  /**
   * A page can delete or replace the registry's entries and empty the `Highlight`s in them: every
   * layer is registered again and given back the ranges it lost.
   */
  repair(): boolean {
    let missing = false;
    const counts = new Map<HighlightColor, number>();
    const trees = new Set<ShadowRoot>();
    for (const { color, range } of this.painted.values()) {
      counts.set(color, (counts.get(color) ?? 0) + 1);
      const tree = shadowTreeOf(range);
      if (tree) trees.add(tree);
    }
    // A component that sets its own sheets again drops the highlight rules with them.
    for (const tree of trees) if (this.styleTree(tree)) missing = true;
    for (const [color, layer] of this.byColor) {
      const name = highlightName(color);
      if (this.registry.get(name) !== layer) {
        this.registry.set(name, layer);
        missing = true;
      }
      if (layer.size !== (counts.get(color) ?? 0)) {
        layer.clear();
        for (const painted of this.painted.values()) if (painted.color === color) layer.add(painted.range);
        missing = true;
      }
    }
    return missing;
  }

  /**
   * The highlight drawn under a viewport point, if any (the Highlight API has no events): the
   * caret position under the point, checked against each highlight's range — and, where the
   * caret falls on a range's very edge or the browser cannot say (inside a closed shadow
   * root), against the range's boxes. Later highlights win where they overlap, as they are
   * painted over earlier ones.
   */
  hitTest(x: number, y: number, doc: Document = document): string | null {
    return hitTestRanges(this.painted, x, y, doc);
  }

  ids(): string[] {
    return [...this.painted.keys()];
  }

  private layer(color: HighlightColor): Highlight {
    let layer = this.byColor.get(color);
    if (!layer) {
      layer = new Highlight();
      // Later highlights paint over earlier ones where they overlap.
      layer.priority = HIGHLIGHT_COLORS.indexOf(color);
      this.byColor.set(color, layer);
      this.registry.set(highlightName(color), layer);
    }
    return layer;
  }
}

/** The shadow root a range lies in, or null for the document's own tree. */
function shadowTreeOf(range: Range): ShadowRoot | null {
  const tree = range.startContainer.getRootNode();
  return tree.nodeType === 11 && 'host' in tree ? (tree as ShadowRoot) : null;
}

interface Caret {
  node: Node;
  offset: number;
}

/** The id of the last painted range under a viewport point (later ones are drawn over earlier). */
export function hitTestRanges(
  painted: Iterable<[string, { range: Range }]>,
  x: number,
  y: number,
  doc: Document,
): string | null {
  const caret = caretAt(doc, x, y);
  let found: string | null = null;
  for (const [id, { range }] of painted) {
    if (hits(range, caret, x, y)) found = id;
  }
  return found;
}

/** The caret position under a viewport point, in whichever form the browser offers. */
function caretAt(doc: Document, x: number, y: number): Caret | null {
  const withPosition = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  };
  // Chromium before version 128 knows only the older call (the standard's type declarations mark it deprecated).
  const withRange = doc as unknown as { caretRangeFromPoint?: (x: number, y: number) => Range | null };
  try {
    if (typeof withPosition.caretPositionFromPoint === 'function') {
      const position = withPosition.caretPositionFromPoint(x, y);
      return position ? { node: position.offsetNode, offset: position.offset } : null;
    }
    if (typeof withRange.caretRangeFromPoint === 'function') {
      const range = withRange.caretRangeFromPoint(x, y);
      return range ? { node: range.startContainer, offset: range.startOffset } : null;
    }
  } catch {
    /* a point outside the document */
  }
  return null;
}

function hits(range: Range, caret: Caret | null, x: number, y: number): boolean {
  if (caret && range.startContainer.getRootNode() === caret.node.getRootNode()) {
    let where: number;
    try {
      where = range.comparePoint(caret.node, caret.offset);
    } catch {
      where = NaN;
    }
    if (where === -1 || where === 1) return false;
  }
  // The drawn boxes decide: the caret nearest a point in the blank space beside a line (past its
  // end, in the margin) still falls inside a highlight that goes on to the next line.
  for (const rect of Array.from(range.getClientRects())) {
    if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return true;
  }
  return false;
}
