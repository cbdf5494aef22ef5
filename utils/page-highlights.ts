/**
 * The highlights of the page the content script runs in: loads them, anchors them in the live
 * DOM, paints them, and turns the user's selection into a new one. A second view of the same
 * article (the reader view) can be attached: highlights are painted there too, and one made
 * there is stored in the page's coordinates, so each view shows the other's. Talking to the
 * background is injected (`send`), so this holds no browser API and can be driven in tests.
 */
import { anchor, describe } from './anchoring/anchor';
import { TextIndex } from './anchoring/text-index';
import { HighlightPainter } from './highlight-painter';
import type { HighlightColor, HighlightRecord, PageInfo } from './model';
import type { Answer, BackgroundApi, BackgroundMessage } from './protocol';
import type { Result } from './result';

export type Send = <K extends keyof BackgroundApi>(
  message: Extract<BackgroundMessage, { type: K }>,
) => Promise<Result<Answer<BackgroundApi, K>>>;

interface View {
  root: Node;
  painter: HighlightPainter;
}

export class PageHighlights {
  private records: HighlightRecord[] = [];
  private readonly painter: HighlightPainter;
  private view: View | null = null;
  /** Counts loads, so an answer to an older load never overwrites a newer one. */
  private loads = 0;

  constructor(
    private readonly doc: Document,
    private readonly page: () => PageInfo,
    private readonly send: Send,
    painter?: HighlightPainter,
  ) {
    this.painter = painter ?? new HighlightPainter();
  }

  /** The root whose text highlights are anchored in. */
  private root(): Node {
    return this.doc.body ?? this.doc.documentElement;
  }

  /** Loads the page's stored highlights and paints those that anchor. */
  async load(): Promise<Result<HighlightRecord[]>> {
    const load = ++this.loads;
    const answer = await this.send({ type: 'page:highlights', url: this.page().url });
    if (!answer.ok) return answer;
    // A newer load was asked for meanwhile (highlights changed again): its answer wins.
    if (load !== this.loads) return { ok: true, value: this.records };
    this.records = answer.value.highlights;
    this.repaint();
    return { ok: true, value: this.records };
  }

  /** Anchors and paints every known highlight, building each view's text index once. */
  repaint(): void {
    this.painter.clear();
    this.view?.painter.clear();
    if (this.records.length === 0) return;
    const index = TextIndex.of(this.root());
    const viewIndex = this.view ? TextIndex.of(this.view.root) : null;
    for (const record of this.records) {
      const span = anchor(index, record.target);
      // No span: an orphan, kept but painted nowhere.
      if (span) this.painter.paint(record.id, record.color, index.rangeOf(span.start, span.end));
      const viewSpan = viewIndex && anchor(viewIndex, record.target);
      if (viewSpan) this.view!.painter.paint(record.id, record.color, viewIndex.rangeOf(viewSpan.start, viewSpan.end));
    }
  }

  /** Shows the highlights in a second view of the article (the reader view), and takes new ones from it. */
  attachView(root: Node, painter: HighlightPainter): void {
    this.view?.painter.clear();
    this.view = { root, painter };
    this.repaint();
  }

  detachView(): void {
    this.view?.painter.clear();
    this.view = null;
  }

  /**
   * Highlights a range of the page or of the attached view. A range in the view is stored as the
   * page range with the same quote and context, so both views can find it again.
   */
  async highlightRange(range: Range, color: HighlightColor, note = ''): Promise<Result<HighlightRecord> | null> {
    const index = TextIndex.of(this.root());
    let target = describe(index, range);
    let viewSpan: { start: number; end: number } | null = null;
    let viewIndex: TextIndex | null = null;
    if (!target && this.view && this.view.root.contains(range.startContainer)) {
      viewIndex = TextIndex.of(this.view.root);
      const inView = describe(viewIndex, range);
      if (!inView) return null;
      viewSpan = { start: inView.position.start, end: inView.position.end };
      const onPage = anchor(index, inView);
      target = onPage ? describe(index, index.rangeOf(onPage.start, onPage.end)) : inView;
    }
    if (!target) return null;
    const answer = await this.send({ type: 'highlight:create', page: this.page(), color, note, target });
    if (answer.ok) {
      this.records.push(answer.value);
      const onPage = anchor(index, target);
      if (onPage) this.painter.paint(answer.value.id, color, index.rangeOf(onPage.start, onPage.end));
      if (this.view) {
        viewIndex ??= TextIndex.of(this.view.root);
        viewSpan ??= anchor(viewIndex, target);
        if (viewSpan) this.view.painter.paint(answer.value.id, color, viewIndex.rangeOf(viewSpan.start, viewSpan.end));
      }
    }
    return answer;
  }

  record(id: string): HighlightRecord | undefined {
    return this.records.find((r) => r.id === id);
  }

  /** The highlight under a viewport point, in the reader view when it is open, else on the page. */
  hitTest(x: number, y: number): HighlightRecord | null {
    const id = this.view ? this.view.painter.hitTest(x, y) : this.painter.hitTest(x, y);
    return id ? (this.record(id) ?? null) : null;
  }

  /** Where a highlight is drawn in the view the user is looking at. */
  visibleRange(id: string): Range | undefined {
    return this.view ? this.view.painter.rangeOf(id) : this.painter.rangeOf(id);
  }

  async update(id: string, patch: { color?: HighlightColor; note?: string }): Promise<Result<HighlightRecord>> {
    const answer = await this.send({ type: 'highlight:update', id, ...patch });
    if (answer.ok) {
      this.records = this.records.map((r) => (r.id === id ? answer.value : r));
      this.repaintOne(answer.value);
    }
    return answer;
  }

  /** Deletes a highlight; the answer holds the deleted record, for undo. */
  async remove(id: string): Promise<Result<HighlightRecord>> {
    const answer = await this.send({ type: 'highlight:delete', id });
    if (answer.ok) {
      this.records = this.records.filter((r) => r.id !== id);
      this.painter.erase(id);
      this.view?.painter.erase(id);
    }
    return answer;
  }

  /** Puts a deleted highlight back exactly as it was. */
  async restore(record: HighlightRecord): Promise<Result<HighlightRecord>> {
    const answer = await this.send({ type: 'highlight:restore', highlight: record });
    if (answer.ok) {
      this.records = [...this.records.filter((r) => r.id !== record.id), answer.value];
      this.repaintOne(answer.value);
    }
    return answer;
  }

  private repaintOne(record: HighlightRecord): void {
    repaintIn(this.painter, this.root(), record);
    if (this.view) repaintIn(this.view.painter, this.view.root, record);
  }


  get count(): number {
    return this.records.length;
  }

  destroy(): void {
    this.painter.clear();
    this.detachView();
    this.records = [];
  }
}

/** Repaints one record in a view: where it already is, or anchored afresh. */
function repaintIn(painter: HighlightPainter, root: Node, record: HighlightRecord): void {
  const range = painter.rangeOf(record.id);
  if (range) return painter.paint(record.id, record.color, range);
  const index = TextIndex.of(root);
  const span = anchor(index, record.target);
  if (span) painter.paint(record.id, record.color, index.rangeOf(span.start, span.end));
}
