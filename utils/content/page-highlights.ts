/**
 * The highlights of the page the content script runs in: loads them, anchors them in the live
 * DOM, paints them, and turns the user's selection into a new one. A second view of the same
 * article (the reader view) can be attached: highlights are painted there too, and one made
 * there is stored in the page's coordinates, so each view shows the other's.
 *
 * Pages keep changing after they load: painting is done in slices that give the main thread
 * back (a long approximate search never freezes the page), and once a page has highlights it is
 * watched (page-change-watch.ts), so re-rendered text is repainted and orphans are retried.
 * Highlights are painted as they are made and saved meanwhile; one that cannot be saved stays
 * and is retried. Talking to the background is injected (`send`), so this holds no browser API
 * and can be driven in tests.
 */
import { PageText } from './anchoring/page-text';
import { mainThreadClock } from './anchoring/slice-clock';
import type { SliceClock } from './anchoring/anchor';
import { HighlightPainter } from './highlight-painter';
import type { HighlightColor, HighlightRecord, PageInfo } from './model';
import type { Answer, BackgroundApi, BackgroundMessage } from './protocol';
import type { Result } from './result';
import { PageChangeWatch } from './page-change-watch';
import { newId } from './new-id';

export type Send = <K extends keyof BackgroundApi>(
  message: Extract<BackgroundMessage, { type: K }>,
) => Promise<Result<Answer<BackgroundApi, K>>>;

interface View {
  text: PageText;
  painter: HighlightPainter;
}

export interface PageHighlightsOptions {
  painter?: HighlightPainter;
  /** The detected article element, if any: new highlights inside it are described relative to it. */
  articleRoot?: () => Element | null;
  /** The page as a new highlight records it (may read more of the page than `page`, e.g. the byline). */
  pageForSave?: () => PageInfo;
  /** How painting pauses; tests pass one that never does. */
  clock?: (cancelled: () => boolean) => SliceClock;
  /** Quiet time after the page's last change before highlights are checked again. */
  settleMs?: number;
  /**
   * Hears when highlights could not be saved (with why) and when all are saved again
   * (`unsaved` 0). Unsaved highlights stay painted and are retried until they are stored.
   */
  onSaveState?: (state: SaveState) => void;
  /** Waits before each retry of an unsaved highlight, in ms (the last repeats). */
  retryDelays?: number[];
}

type CreateMessage = Extract<BackgroundMessage, { type: 'highlight:create' }>;

export interface SaveState {
  /** Highlights made here and not stored. */
  unsaved: number;
  error: string | null;
  /** False when the last error will not go away by trying again (the request itself was refused). */
  retrying: boolean;
}

/** What the last paint found: which highlights are drawn on the page and which are orphans. */
export interface AnchorState {
  painted: string[];
  orphaned: string[];
}

export class PageHighlights {
  private records: HighlightRecord[] = [];
  private readonly painter: HighlightPainter;
  private view: View | null = null;
  private orphans = new Set<string>();
  /** Counts loads, so an answer to an older load never overwrites a newer one. */
  private loads = 0;
  /** Counts paints, so a newer paint cancels an older one still in progress. */
  private paints = 0;
  private readonly watch: PageChangeWatch;
  private readonly options: Required<Omit<PageHighlightsOptions, 'painter'>>;
  /** Highlights made here whose save has not been confirmed yet, by id: kept and retried. */
  private readonly unsaved = new Map<string, { message: CreateMessage; attempts: number }>();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly doc: Document,
    private readonly page: () => PageInfo,
    private readonly send: Send,
    options: PageHighlightsOptions = {},
  ) {
    this.painter = options.painter ?? new HighlightPainter();
    this.options = {
      articleRoot: options.articleRoot ?? (() => null),
      pageForSave: options.pageForSave ?? page,
      clock: options.clock ?? mainThreadClock,
      settleMs: options.settleMs ?? 250,
      onSaveState: options.onSaveState ?? (() => undefined),
      retryDelays: options.retryDelays ?? [2_000, 5_000, 15_000, 30_000, 60_000],
    };
    this.watch = new PageChangeWatch(
      doc,
      { textLost: () => this.paintedTextLost(), hasOrphans: () => this.orphans.size > 0, repaint: () => void this.repaint() },
      this.options.settleMs,
    );
  }

  /** The root whose text highlights are anchored in. */
  private root(): Element {
    return this.doc.body ?? this.doc.documentElement;
  }

  /** Loads the page's stored highlights and paints those that anchor. */
  async load(): Promise<Result<HighlightRecord[]>> {
    const load = ++this.loads;
    const answer = await this.send({ type: 'page:highlights', url: this.page().url });
    if (!answer.ok) return answer;
    // A newer load was asked for meanwhile (highlights changed again): its answer wins.
    if (load !== this.loads) return { ok: true, value: this.records };
    // Highlights not saved yet are not in the answer: keep them.
    const stored = new Set(answer.value.highlights.map((h) => h.id));
    this.records = [...answer.value.highlights, ...this.records.filter((r) => this.unsaved.has(r.id) && !stored.has(r.id))];
    await this.repaint();
    return { ok: true, value: this.records };
  }

  /** The page changed under us (a single-page app navigated): forget this page's highlights and load the new one's. */
  async changePage(): Promise<Result<HighlightRecord[]>> {
    this.paints++;
    this.records = [];
    this.orphans.clear();
    this.painter.clear();
    this.view?.painter.clear();
    return this.load();
  }

  /**
   * Anchors and paints every known highlight, in slices. Highlights already drawn stay drawn
   * until their new place is known, so a repaint never flickers.
   */
  async repaint(): Promise<void> {
    const paint = ++this.paints;
    const clock = this.options.clock(() => paint !== this.paints);
    const text = new PageText(this.root());
    const viewText = this.view ? new PageText(this.view.text.root, false) : null;
    if (this.view) this.view.text = viewText!;
    const painted = new Set<string>();
    const orphans = new Set<string>();
    const snapshot = [...this.records];
    for (const record of snapshot) {
      const found = await text.anchorSliced(record.target, clock);
      if (clock.cancelled()) return;
      if (found) {
        this.painter.paint(record.id, record.color, found.index.rangeOf(found.span.start, found.span.end));
        painted.add(record.id);
      } else {
        // An orphan: kept, listed, painted nowhere.
        this.painter.erase(record.id);
        orphans.add(record.id);
      }
      if (this.view && viewText) {
        const inView = await viewText.anchorSliced(record.target, clock);
        if (clock.cancelled()) return;
        if (inView) this.view.painter.paint(record.id, record.color, inView.index.rangeOf(inView.span.start, inView.span.end));
        else this.view.painter.erase(record.id);
      }
      if (clock.due()) await clock.pause();
      if (clock.cancelled()) return;
    }
    // Erase what is no longer a highlight here; one made while this paint ran stays as it is.
    const current = new Set(this.records.map((r) => r.id));
    const seen = new Set(snapshot.map((r) => r.id));
    for (const id of this.painter.ids()) if (!painted.has(id) && !(current.has(id) && !seen.has(id))) this.painter.erase(id);
    for (const id of this.orphans) if (current.has(id) && !seen.has(id)) orphans.add(id);
    this.orphans = orphans;
    this.watchChanges();
  }

  /** Which highlights the last paint drew on the page, and which it could not place. */
  anchorState(): AnchorState {
    return { painted: this.painter.ids(), orphaned: this.records.filter((r) => this.orphans.has(r.id)).map((r) => r.id) };
  }

  /** Shows the highlights in a second view of the article (the reader view), and takes new ones from it. */
  attachView(root: Element, painter: HighlightPainter): void {
    this.view?.painter.clear();
    this.view = { text: new PageText(root, false), painter };
    void this.repaint();
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
    const text = new PageText(this.root());
    const article = this.root().contains(range.commonAncestorContainer) ? this.options.articleRoot() : null;
    let target = text.describe(range, article);
    const viewText = this.view && new PageText(this.view.text.root, false);
    let viewRange: Range | null = null;
    if (!target && viewText && viewText.root.contains(range.startContainer)) {
      const inView = viewText.describe(range);
      if (!inView) return null;
      viewRange = range.cloneRange();
      // Store it where the same words are on the page, described as if selected there.
      const onPage = text.anchor(inView);
      const pageRange = onPage && onPage.index.rangeOf(onPage.span.start, onPage.span.end);
      target = (pageRange && text.describe(pageRange, this.options.articleRoot())) ?? inView;
    }
    if (!target) return null;
    const message: CreateMessage = { type: 'highlight:create', id: newId(), page: this.options.pageForSave(), color, note, target };
    // Painted at once, saved meanwhile: the user sees the highlight whatever the storage does.
    const at = Date.now();
    const local: HighlightRecord = { id: message.id!, url: message.page.url, color, note, target, createdAt: at, updatedAt: at };
    this.records.push(local);
    // The same indexes that described it place it: nothing has changed since.
    const onPage = text.rangeOf(target);
    if (onPage) this.painter.paint(local.id, color, onPage);
    else this.orphans.add(local.id);
    if (this.view && viewText) {
      viewRange ??= viewText.rangeOf(target);
      if (viewRange) this.view.painter.paint(local.id, color, viewRange);
    }
    this.watchChanges();
    this.unsaved.set(local.id, { message, attempts: 0 });
    const answer = await this.save(local.id);
    return answer ?? { ok: true, value: local };
  }

  /** Sends one unsaved highlight to storage; on failure it stays, a retry is planned, and the user is told. */
  private async save(id: string): Promise<Result<HighlightRecord> | null> {
    const entry = this.unsaved.get(id);
    if (!entry) return null;
    entry.attempts++;
    const answer = await this.send(entry.message);
    if (answer.ok) {
      this.unsaved.delete(id);
      this.records = this.records.map((r) => (r.id === id ? answer.value : r));
      if (this.unsaved.size === 0) {
        clearTimeout(this.retryTimer);
        this.retryTimer = undefined;
        if (entry.attempts > 1) this.options.onSaveState({ unsaved: 0, error: null, retrying: false });
      }
      return answer;
    }
    // A refused request (it breaks a rule) would be refused again: it stays on the page, unretried.
    const retrying = !answer.error.startsWith('Rejected');
    this.options.onSaveState({ unsaved: this.unsaved.size, error: answer.error, retrying });
    if (retrying) this.planRetry(entry.attempts);
    return answer;
  }

  private planRetry(attempts: number): void {
    if (this.retryTimer !== undefined) return;
    const delays = this.options.retryDelays;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.retryUnsaved();
    }, delays[Math.min(attempts - 1, delays.length - 1)]);
  }

  /** Tries every unsaved highlight again, oldest first (also callable when storage is likely back). */
  async retryUnsaved(): Promise<void> {
    for (const id of [...this.unsaved.keys()]) {
      const answer = await this.save(id);
      if (answer && !answer.ok) break;
    }
  }

  /** How many highlights made here are not saved yet. */
  get unsavedCount(): number {
    return this.unsaved.size;
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
    const pending = this.unsaved.get(id);
    if (pending) {
      // Not stored yet: change what will be stored.
      pending.message = { ...pending.message, color: patch.color ?? pending.message.color, note: patch.note ?? pending.message.note };
      const record = { ...this.record(id)!, color: pending.message.color, note: pending.message.note, updatedAt: Date.now() };
      this.records = this.records.map((r) => (r.id === id ? record : r));
      this.repaintOne(record);
      return { ok: true, value: record };
    }
    const answer = await this.send({ type: 'highlight:update', id, ...patch });
    if (answer.ok) {
      this.records = this.records.map((r) => (r.id === id ? answer.value : r));
      this.repaintOne(answer.value);
    }
    return answer;
  }

  /** Deletes a highlight; the answer holds the deleted record, for undo. */
  async remove(id: string): Promise<Result<HighlightRecord>> {
    const pending = this.unsaved.get(id);
    const answer: Result<HighlightRecord> = pending
      ? (this.unsaved.delete(id), { ok: true, value: this.record(id)! })
      : await this.send({ type: 'highlight:delete', id });
    if (pending && this.unsaved.size === 0) {
      clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
      this.options.onSaveState({ unsaved: 0, error: null, retrying: false });
    }
    if (answer.ok) {
      this.records = this.records.filter((r) => r.id !== id);
      this.orphans.delete(id);
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
    if (!repaintIn(this.painter, new PageText(this.root()), record)) this.orphans.add(record.id);
    else this.orphans.delete(record.id);
    if (this.view) repaintIn(this.view.painter, new PageText(this.view.text.root, false), record);
  }

  get count(): number {
    return this.records.length;
  }

  /** Once the page has highlights, watch it for late content and re-renders (see page-change-watch.ts). */
  private watchChanges(): void {
    if (this.records.length > 0) this.watch.start();
  }

  private paintedTextLost(): boolean {
    return this.painter.ids().some((id) => {
      const range = this.painter.rangeOf(id);
      return !range || range.collapsed || !range.startContainer.isConnected || !range.endContainer.isConnected;
    });
  }

  destroy(): void {
    this.paints++;
    clearTimeout(this.retryTimer);
    this.watch.stop();
    this.painter.clear();
    this.detachView();
    this.records = [];
    this.orphans.clear();
  }
}

/** Repaints one record in a view: where it already is, or anchored afresh. Answers whether it is painted. */
function repaintIn(painter: HighlightPainter, text: PageText, record: HighlightRecord): boolean {
  const range = painter.rangeOf(record.id);
  if (range && !range.collapsed) {
    painter.paint(record.id, record.color, range);
    return true;
  }
  const found = text.rangeOf(record.target);
  if (found) painter.paint(record.id, record.color, found);
  return !!found;
}
