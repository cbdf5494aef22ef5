/**
 * The highlights of the page a content script runs in, across its views: the records (a
 * store), one `HighlightView` per view that shows them (the page, and the reader view while it
 * is open), and the queue of saves not confirmed yet. A highlight made in one view is stored in
 * the page's coordinates, so each view shows the other's.
 *
 * Changes flow one way. This page's own changes are applied here at once and sent with its
 * `origin`; the background's change notice carries the change itself, so this page ignores its
 * own and applies another view's delta by anchoring only the records that changed. Pages keep
 * changing after they load: painting is sliced (a long approximate search never freezes the
 * page), and a page with highlights is watched (page-change-watch.ts) so re-rendered text is
 * repainted and orphans retried. No browser API inside: talking to the background is `ask`.
 */
import { mainThreadClock } from '../engines/anchoring/slice-clock';
import type { SliceClock } from '../engines/anchoring/anchor';
import { type PageText } from '../engines/anchoring/page-text';
import { HighlightPainter, type Painter } from '../engines/highlight-painter';
import type { HighlightColor, HighlightRecord, PageInfo } from '../shared/model';
import { newId } from '../shared/new-id';
import type { AnchorState, Ask, BackgroundApi, HighlightsChanged } from '../shared/protocol';
import { ok, type Result } from '../shared/result';
import { HighlightStore } from './highlight-store';
import { HighlightView, type AnchorCounter } from './highlight-view';
import { PageChangeWatch } from './page-change-watch';
import { SaveQueue, type CreateRequest, type SaveState } from './save-queue';
import { styleShadowTree } from './shadow-highlight-styles';
import { bodyOf } from '../shared/document-parts';

export type { SaveState };

/** What a new highlight needs to know of its page, resolved once by the page's session. */
export interface PageFacts {
  /** The page as a new highlight records it (title, site, byline, date). */
  info: PageInfo;
  /** The detected article element, if any: highlights inside it are described relative to it. */
  articleRoot: Element | null;
}

export interface PageHighlightsOptions {
  painter?: HighlightPainter;
  /** How painting pauses; tests pass one that never does. */
  clock?: (cancelled: () => boolean) => SliceClock;
  /** Quiet time after the page's last change before highlights are checked again. */
  settleMs?: number;
  /** Hears when highlights could not be saved (with why) and when all are saved again. */
  onSaveState?: (state: SaveState) => void;
  /** Waits before each retry of an unsaved highlight, in ms (the last repeats). */
  retryDelays?: number[];
  /** Hears what the page shows after each paint or applied change. */
  onAnchored?: (state: AnchorState) => void;
  /** This view's name in change requests; notices that carry it are its own. */
  origin?: string;
  /** Counts anchoring work, for tests. */
  counter?: AnchorCounter;
}

export class PageHighlights {
  private readonly store = new HighlightStore();
  /** The page first, then the reader view while it is open. */
  private readonly views: HighlightView[];
  private readonly pageView: HighlightView;
  private readonly queue: SaveQueue;
  private readonly watch: PageChangeWatch;
  /** Counts paints, so a newer paint cancels an older one still in progress. */
  private paints = 0;
  private readonly clock: (cancelled: () => boolean) => SliceClock;
  private readonly onAnchored: (state: AnchorState) => void;
  readonly origin: string;
  private readonly counter: AnchorCounter;

  constructor(
    private readonly doc: Document,
    private page: PageFacts,
    private readonly ask: Ask<BackgroundApi>,
    options: PageHighlightsOptions = {},
  ) {
    this.counter = options.counter ?? { anchored: 0 };
    this.pageView = new HighlightView(
      bodyOf(doc) ?? doc.documentElement,
      options.painter ?? new HighlightPainter(CSS.highlights, styleShadowTree),
      true,
      this.counter,
    );
    this.views = [this.pageView];
    this.clock = options.clock ?? mainThreadClock;
    this.onAnchored = options.onAnchored ?? (() => undefined);
    this.origin = options.origin ?? newId();
    this.queue = new SaveQueue({
      save: (request) => this.ask(request),
      // The stored record replaces the one painted meanwhile, unless it was deleted since.
      onSaved: (record) => {
        if (this.store.has(record.id)) this.store.upsert(record);
      },
      onState: options.onSaveState,
      retryDelays: options.retryDelays,
    });
    this.watch = new PageChangeWatch(
      doc,
      {
        textLost: () => this.pageView.textLost(),
        hasOrphans: () => this.pageView.hasOrphans(),
        repaint: () => void this.repaint(),
      },
      options.settleMs ?? 250,
    );
  }

  /** The view the user is looking at: the reader view when it is open, else the page. */
  private get shownView(): HighlightView {
    return this.views.at(-1) ?? this.pageView;
  }

  /** Loads the page's stored highlights (or takes ones already fetched) and paints those that anchor. */
  async load(known?: HighlightRecord[]): Promise<Result<HighlightRecord[]>> {
    const token = this.store.beginLoad();
    let stored = known;
    if (!stored) {
      const answer = await this.ask({ type: 'page:highlights', url: this.page.info.url });
      if (!answer.ok) return answer;
      stored = answer.value.highlights;
    }
    // A newer load was asked for meanwhile: its answer wins. Highlights not saved yet stay.
    if (this.store.finishLoad(token, stored, (id) => this.queue.has(id))) await this.repaint();
    return ok(this.store.all());
  }

  /** What new highlights record of their page, as the page's session resolved it. */
  setPage(page: PageFacts): void {
    this.page = page;
  }

  /** Another page is shown now (a single-page app navigated): forget this one's highlights and load the new one's. */
  changePage(page: PageFacts): Promise<Result<HighlightRecord[]>> {
    this.paints++;
    this.page = page;
    this.store.clear();
    for (const view of this.views) view.clear();
    return this.load();
  }

  /** Anchors and paints every highlight in every view, in slices; a newer repaint cancels this one. */
  async repaint(): Promise<void> {
    const paint = ++this.paints;
    const clock = this.clock(() => paint !== this.paints);
    const snapshot = this.store.all();
    for (const view of [...this.views]) {
      if (!(await view.paintAll(snapshot, clock))) return;
    }
    this.watchChanges();
    this.onAnchored(this.anchorState());
  }

  /**
   * Applies a change notice from the background. This page's own changes are applied already;
   * another view's are applied record by record, anchoring only what changed.
   */
  applyChange(notice: HighlightsChanged): void {
    if (notice.origin === this.origin) return;
    if (notice.url === '*') return void this.load();
    if (notice.url !== this.page.info.url) return;
    for (const id of notice.removed) this.forget(id);
    for (const record of notice.upserted) {
      const previous = this.store.get(record.id);
      this.store.upsert(record);
      for (const view of this.views) view.paintOne(record, previous?.target);
    }
    this.watchChanges();
    this.onAnchored(this.anchorState());
  }

  /** Which highlights the page shows, and which it could not place. */
  anchorState(): AnchorState {
    return {
      painted: this.pageView.painted(),
      orphaned: this.store
        .all()
        .filter((r) => this.pageView.isOrphan(r.id))
        .map((r) => r.id),
    };
  }

  /** Shows the highlights in a second view of the article (the reader view), and takes new ones from it. */
  attachView(root: Element, painter: Painter): HighlightView {
    const view = new HighlightView(root, painter, false, this.counter);
    this.views.push(view);
    void this.repaint();
    return view;
  }

  detachView(view: HighlightView): void {
    view.clear();
    const at = this.views.indexOf(view);
    if (at > 0) this.views.splice(at, 1);
  }

  /**
   * Highlights a range of the page or of an attached view. A range in a view is stored as the
   * page range with the same quote and context, so every view can find it again.
   */
  async highlightRange(range: Range, color: HighlightColor, note = ''): Promise<Result<HighlightRecord> | null> {
    const pageText = this.pageView.text();
    const article =
      this.page.articleRoot?.isConnected && this.pageView.contains(range.commonAncestorContainer)
        ? this.page.articleRoot
        : null;
    let target = this.pageView.contains(range.startContainer) ? pageText.describe(range, article) : null;
    const from = this.views.find((v) => !v.isPage && v.contains(range.startContainer));
    const viewTexts = new Map<HighlightView, PageText>();
    if (!target && from) {
      const text = from.text();
      viewTexts.set(from, text);
      const inView = text.describe(range);
      if (!inView) return null;
      // Store it where the same words are on the page, described as if selected there.
      const onPage = pageText.anchor(inView);
      const pageRange = onPage && onPage.index.rangeOf(onPage.span.start, onPage.span.end);
      target = (pageRange && pageText.describe(pageRange, this.page.articleRoot)) ?? inView;
    }
    if (!target) return null;
    const request: CreateRequest = {
      type: 'highlight:create',
      id: newId(),
      origin: this.origin,
      page: this.page.info,
      color,
      note,
      target,
    };
    // Painted at once, saved meanwhile: the user sees the highlight whatever the storage does.
    const at = Date.now();
    const local: HighlightRecord = {
      id: request.id,
      url: request.page.url,
      color,
      note,
      target,
      createdAt: at,
      updatedAt: at,
    };
    this.store.upsert(local);
    for (const view of this.views) {
      // The same indexes that described it place it: nothing has changed since.
      const placed =
        view === from
          ? range.cloneRange()
          : (viewTexts.get(view) ?? (view === this.pageView ? pageText : view.text())).rangeOf(target);
      view.place(local, placed);
    }
    this.watchChanges();
    this.onAnchored(this.anchorState());
    return this.queue.add(request);
  }

  /** Tries every unsaved highlight again (back on the tab, back online). */
  retryUnsaved(): Promise<void> {
    return this.queue.retryAll();
  }

  /** How many highlights made here are not saved yet. */
  get unsavedCount(): number {
    return this.queue.size;
  }

  record(id: string): HighlightRecord | undefined {
    return this.store.get(id);
  }

  /** The highlight under a viewport point, in the view the user is looking at. */
  hitTest(x: number, y: number): HighlightRecord | null {
    const id = this.shownView.hitTest(x, y);
    return id ? (this.store.get(id) ?? null) : null;
  }

  /** Where a highlight is drawn in the view the user is looking at. */
  visibleRange(id: string): Range | undefined {
    return this.shownView.rangeOf(id);
  }

  /** Marks a highlight for a moment in the view the user is looking at; false when it is not drawn there. */
  flash(id: string): boolean {
    const range = this.shownView.rangeOf(id);
    if (range) this.shownView.painter.flash(range);
    return range !== undefined;
  }

  /** Puts back paint a page script removed from the registry; answers whether any was missing. */
  repairPaint(): boolean {
    return this.views.map((view) => view.painter.repair()).some(Boolean);
  }

  async update(
    id: string,
    patch: { color?: HighlightColor; note?: string; tags?: string[] },
  ): Promise<Result<HighlightRecord>> {
    // Its first save on the way: wait for its answer (the change then goes with a retry, or as an
    // update). Checked again after each wait, with nothing awaited between the check and the patch.
    while (this.queue.isSending(id)) await this.queue.answered(id);
    const current = this.store.get(id);
    if (current && this.queue.has(id)) {
      // Not stored yet: change what will be stored.
      this.queue.patch(id, patch);
      const record = {
        ...current,
        color: patch.color ?? current.color,
        note: patch.note ?? current.note,
        ...(patch.tags ? { tags: patch.tags } : {}),
        updatedAt: Date.now(),
      };
      this.apply(record);
      return ok(record);
    }
    const answer = await this.ask({ type: 'highlight:update', id, origin: this.origin, ...patch });
    if (answer.ok) this.apply(answer.value);
    return answer;
  }

  /** Deletes a highlight; the answer holds the deleted record, for undo. */
  async remove(id: string): Promise<Result<HighlightRecord>> {
    while (this.queue.isSending(id)) await this.queue.answered(id);
    const current = this.store.get(id);
    if (current && this.queue.has(id)) {
      this.queue.drop(id);
      this.forget(id);
      return ok(current);
    }
    const answer = await this.ask({ type: 'highlight:delete', id, origin: this.origin });
    if (answer.ok) this.forget(id);
    return answer;
  }

  /** Puts a deleted highlight back exactly as it was. */
  async restore(record: HighlightRecord): Promise<Result<HighlightRecord>> {
    const answer = await this.ask({ type: 'highlight:restore', highlight: record, origin: this.origin });
    if (answer.ok) this.apply(answer.value);
    return answer;
  }

  get count(): number {
    return this.store.size;
  }

  destroy(): void {
    this.paints++;
    this.queue.destroy();
    this.watch.stop();
    for (const view of this.views) view.clear();
    this.views.splice(1);
    this.store.clear();
  }

  /** A record changed here: stored and repainted in every view (its place is known; only its look changed). */
  private apply(record: HighlightRecord): void {
    const previous = this.store.get(record.id);
    this.store.upsert(record);
    for (const view of this.views) view.paintOne(record, previous?.target);
    this.onAnchored(this.anchorState());
  }

  private forget(id: string): void {
    this.store.remove(id);
    for (const view of this.views) view.erase(id);
    this.onAnchored(this.anchorState());
  }

  /** Once the page has highlights, watch it for late content and re-renders (see page-change-watch.ts). */
  private watchChanges(): void {
    if (this.store.size > 0) this.watch.start();
  }
}
