/**
 * One view of the article that shows highlights: the page itself, or the reader view's copy of
 * the article. Each anchors records in its own text and paints them with its own painter; the
 * page's highlights controller holds them in a list and treats them alike.
 */
import type { SliceClock } from '../engines/anchoring/anchor';
import { PageText } from '../engines/anchoring/page-text';
import { composedContains } from '../engines/shadow-roots';
import type { Painter } from '../engines/highlight-painter';
import type { HighlightRecord, HighlightTarget } from '../shared/model';

/** Counts anchoring work (tests read it: a change to one highlight anchors one highlight). */
export interface AnchorCounter {
  anchored: number;
}

export class HighlightView {
  private orphans = new Set<string>();

  /**
   * `isPage` is false for a copy of the article (the reader view): its root is the article, and
   * page scope selectors mean nothing inside it.
   */
  constructor(
    readonly root: Element,
    readonly painter: Painter,
    readonly isPage: boolean,
    private readonly counter: AnchorCounter = { anchored: 0 },
  ) {}

  /** This view's text as it is now (indexed once, on first use). */
  text(): PageText {
    return new PageText(this.root, this.isPage);
  }

  contains(node: Node): boolean {
    return composedContains(this.root, node);
  }

  /**
   * Anchors and paints every record, in slices. Highlights already drawn stay drawn until their
   * new place is known, so a repaint never flickers. Answers false when cancelled.
   */
  async paintAll(records: readonly HighlightRecord[], clock: SliceClock): Promise<boolean> {
    const text = this.text();
    const painted = new Set<string>();
    const orphans = new Set<string>();
    for (const record of records) {
      this.counter.anchored++;
      const found = await text.anchorSliced(record.target, clock);
      if (clock.cancelled()) return false;
      if (found) {
        this.painter.paint(record.id, record.color, found.index.rangeOf(found.span.start, found.span.end));
        painted.add(record.id);
      } else {
        // An orphan: kept, listed, painted nowhere.
        this.painter.erase(record.id);
        orphans.add(record.id);
      }
      if (clock.due()) await clock.pause();
      if (clock.cancelled()) return false;
    }
    const done = new Set(records.map((r) => r.id));
    for (const id of this.painter.ids()) if (done.has(id) && !painted.has(id)) this.painter.erase(id);
    for (const id of this.orphans) if (!done.has(id)) orphans.add(id);
    this.orphans = orphans;
    return true;
  }

  /**
   * Paints one record: where it is drawn already when only its color changed, else anchored
   * afresh (alone: the others stay where they are). Answers whether it is painted.
   */
  paintOne(record: HighlightRecord, previous?: HighlightTarget): boolean {
    const range = this.painter.rangeOf(record.id);
    if (range && !range.collapsed && (!previous || previous === record.target || sameTarget(previous, record.target))) {
      this.painter.paint(record.id, record.color, range);
      return true;
    }
    this.counter.anchored++;
    const found = this.text().rangeOf(record.target);
    return this.place(record, found);
  }

  /** Paints a record at a range already known (a highlight just made), or marks it an orphan. */
  place(record: HighlightRecord, range: Range | null): boolean {
    if (range) {
      this.painter.paint(record.id, record.color, range);
      this.orphans.delete(record.id);
    } else {
      this.painter.erase(record.id);
      this.orphans.add(record.id);
    }
    return range !== null;
  }

  erase(id: string): void {
    this.painter.erase(id);
    this.orphans.delete(id);
  }

  clear(): void {
    this.painter.clear();
    this.orphans.clear();
  }

  isOrphan(id: string): boolean {
    return this.orphans.has(id);
  }

  painted(): string[] {
    return this.painter.ids();
  }

  /** Whether a painted range lost its text (collapsed, or its nodes left the page). */
  textLost(): boolean {
    return this.painter.ids().some((id) => {
      const range = this.painter.rangeOf(id);
      return !range || range.collapsed || !range.startContainer.isConnected || !range.endContainer.isConnected;
    });
  }

  hasOrphans(): boolean {
    return this.orphans.size > 0;
  }

  hitTest(x: number, y: number): string | null {
    return this.painter.hitTest(x, y);
  }

  rangeOf(id: string): Range | undefined {
    return this.painter.rangeOf(id);
  }
}

function sameTarget(a: HighlightTarget, b: HighlightTarget): boolean {
  return (
    a.quote.exact === b.quote.exact &&
    a.quote.prefix === b.quote.prefix &&
    a.quote.suffix === b.quote.suffix &&
    a.position.start === b.position.start &&
    a.position.end === b.position.end &&
    a.scope?.value === b.scope?.value
  );
}
