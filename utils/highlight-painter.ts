/**
 * Paints highlights with the CSS Custom Highlight API: one named `Highlight` per color in
 * `CSS.highlights`, styled by `::highlight(clearmark-<color>)` rules. The page's DOM and text
 * nodes are never touched, so sites that re-render, diff or hash their DOM are unaffected.
 */
import { HIGHLIGHT_COLORS, type HighlightColor } from './model';

export const HIGHLIGHT_NAME_PREFIX = 'clearmark';

/** The `CSS.highlights` registry name for a color (also the `::highlight()` name in CSS). */
export function highlightName(color: HighlightColor, prefix = HIGHLIGHT_NAME_PREFIX): string {
  return `${prefix}-${color}`;
}

/** Whether this browser can paint highlights without touching the DOM. */
export function canPaint(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

interface Painted {
  color: HighlightColor;
  range: Range;
}

export class HighlightPainter {
  private readonly painted = new Map<string, Painted>();
  private readonly byColor = new Map<HighlightColor, Highlight>();

  /** `prefix` names this painter's layers; each view (page, reader) paints under its own. */
  constructor(
    private readonly registry: HighlightRegistry = CSS.highlights,
    private readonly prefix: string = HIGHLIGHT_NAME_PREFIX,
  ) {}

  /** Paints (or repaints in a new color or place) one highlight. */
  paint(id: string, color: HighlightColor, range: Range): void {
    this.erase(id);
    this.painted.set(id, { color, range });
    this.layer(color).add(range);
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
      this.registry.delete(highlightName(color, this.prefix));
    }
    this.byColor.clear();
  }

  rangeOf(id: string): Range | undefined {
    return this.painted.get(id)?.range;
  }

  /**
   * The highlight drawn under a viewport point, if any (the Highlight API has no events). Later
   * highlights win where they overlap, as they are painted over earlier ones.
   */
  hitTest(x: number, y: number): string | null {
    let found: string | null = null;
    for (const [id, { range }] of this.painted) {
      for (const rect of Array.from(range.getClientRects())) {
        if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) found = id;
      }
    }
    return found;
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
      this.registry.set(highlightName(color, this.prefix), layer);
    }
    return layer;
  }
}
