/**
 * The highlights of the page the content script runs in: loads them, anchors them in the live
 * DOM, paints them, and turns the user's selection into a new one. Talking to the background is
 * injected (`send`), so this holds no browser API and can be driven directly in tests.
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

export class PageHighlights {
  private records: HighlightRecord[] = [];
  private orphans = new Set<string>();
  private readonly painter: HighlightPainter;

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
    const answer = await this.send({ type: 'page:highlights', url: this.page().url });
    if (!answer.ok) return answer;
    this.records = answer.value.highlights;
    this.repaint();
    return { ok: true, value: this.records };
  }

  /** Anchors and paints every known highlight, building the text index once. */
  repaint(): void {
    this.painter.clear();
    this.orphans.clear();
    if (this.records.length === 0) return;
    const index = TextIndex.of(this.root());
    for (const record of this.records) {
      const span = anchor(index, record.target);
      if (span) this.painter.paint(record.id, record.color, index.rangeOf(span.start, span.end));
      else this.orphans.add(record.id);
    }
  }

  /** Highlights the current selection; null when there is nothing to highlight. */
  async highlightSelection(color: HighlightColor, note = ''): Promise<Result<HighlightRecord> | null> {
    const selection = this.doc.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
    const range = selection.getRangeAt(0);
    const index = TextIndex.of(this.root());
    const target = describe(index, range);
    if (!target) return null;
    const answer = await this.send({ type: 'highlight:create', page: this.page(), color, note, target });
    if (answer.ok) {
      this.records.push(answer.value);
      this.painter.paint(answer.value.id, color, index.rangeOf(target.position.start, target.position.end));
      selection.removeAllRanges();
    }
    return answer;
  }

  rangeOf(id: string): Range | undefined {
    return this.painter.rangeOf(id);
  }

  get count(): number {
    return this.records.length;
  }

  isOrphan(id: string): boolean {
    return this.orphans.has(id);
  }

  destroy(): void {
    this.painter.clear();
    this.records = [];
  }
}
