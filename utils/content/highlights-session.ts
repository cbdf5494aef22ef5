/**
 * Everything Clearmark does in a page once highlighting is needed (the page has highlights, or
 * the user selected text): the page's highlights, the selection toolbar, the highlight card,
 * the notice for saves that failed, and the reader view (loaded on first use). One instance per
 * page, started by the content script with everything it already knows (context flows down),
 * and tied to the content script's lifetime.
 */
import { asSentence, colorName, t, tn } from '@/utils/i18n/words';
import { installHighlightCard, type CardHighlights } from '@/components/shared/highlight-card-host';
import { installAnnouncer, type Announcer } from '@/components/in-page/announcer';
import { IN_PAGE } from '@/components/in-page/in-page-panels';
import { installPageNotice, type PageNotice } from '@/components/shared/page-notice-host';
import { installSelectionToolbar, type SelectionToolbarHandle } from '@/components/shared/selection-toolbar-host';
import { articleMetadata } from '../engines/extraction/metadata';
import {
  DEFAULT_SETTINGS,
  type HighlightColor,
  type HighlightRecord,
  type PageInfo,
  type ReaderSettings,
  type SaveOutcome,
  type Settings,
} from '../shared/model';
import type { AnchorState, AnchoringChanged, Ask, BackgroundApi, HighlightsChanged, UiState } from '../shared/protocol';
import { fail, ok, type Result } from '../shared/result';
import { PageHighlights, type PageFacts, type SaveState } from './page-highlights';
import type { ReaderController, ReaderModule } from './reader-controller';
import type { ShownReader } from './reader-probe';
import type { PageContext } from './page-context';
import { selectedRange } from './selection';
import { composedRange } from './shadow-selection';

/** How often the page's paint is checked for entries a page script removed (five lookups a check). */
const PAINT_REPAIR_MS = 1000;

export interface HighlightsDeps {
  doc: Document;
  ask: Ask<BackgroundApi>;
  /** Tells extension pages something (the anchoring notice). */
  tell: (notice: AnchoringChanged) => void;
  /** The page as the content script knows it: its address, name and article element (detection alone, resolved once). */
  context: PageContext;
  settings: Settings | null;
  /** The page's stored highlights, when the content script fetched them already. */
  highlights?: HighlightRecord[] | undefined;
  loadReader: () => Promise<ReaderModule>;
  /** This content script's name in change requests. */
  origin: string;
  signal: AbortSignal;
}

export interface HighlightsModule {
  start(deps: HighlightsDeps): HighlightsSession;
}

export class HighlightsSession {
  readonly highlights: PageHighlights;
  /** The color the toolbar and Alt+Shift+H highlight in: the last one used, in any tab (a setting). */
  private color: HighlightColor;
  private readonly toolbar: SelectionToolbarHandle;
  private readonly card: ReturnType<typeof installHighlightCard>;
  private readonly notice: PageNotice;
  /** Says each change aloud to a screen reader (a polite live region). */
  private readonly announcer: Announcer;
  private reader: ReaderController | null = null;
  private settings: Settings | null;
  private page: PageInfo;
  /** What a new highlight records of its page: resolved on the first highlight made, then kept for the page. */
  private facts: PageFacts | null = null;
  /** Settles once the page's highlights are first painted. */
  readonly loaded: Promise<unknown>;

  constructor(private readonly deps: HighlightsDeps) {
    const { doc, signal } = deps;
    this.settings = deps.settings;
    this.color = deps.settings?.lastColor ?? DEFAULT_SETTINGS.lastColor;
    this.page = deps.context.info();
    this.notice = installPageNotice(doc, signal);
    this.announcer = installAnnouncer(doc, signal);
    const keepOpen = (event: BeforeUnloadEvent) => event.preventDefault();
    this.highlights = new PageHighlights(doc, { info: this.page, articleRoot: null }, deps.ask, {
      origin: deps.origin,
      onSaveState: (state) => this.showSaveState(state, keepOpen),
      onAnchored: (state) => deps.tell({ type: 'anchoring:changed', url: this.page.url, ...state }),
    });
    this.toolbar = installSelectionToolbar(
      doc,
      {
        color: () => this.color,
        currentRange: () => this.currentRange(),
        highlight: (range, color, note) => void this.highlight(range, color, note),
      },
      signal,
      IN_PAGE,
    );
    // The card's changes, each said aloud once made.
    const highlights = this.highlights;
    const said = async (answer: Promise<Result<HighlightRecord>>, words: string) => {
      const done = await answer;
      if (done.ok) this.announcer.say(words);
      return done;
    };
    const cardHighlights: CardHighlights = {
      record: (id) => highlights.record(id),
      hitTest: (x, y) => highlights.hitTest(x, y),
      visibleRange: (id) => highlights.visibleRange(id),
      update: (id, patch) =>
        said(
          highlights.update(id, patch),
          patch.note !== undefined
            ? t('noteSaved')
            : patch.color
              ? t('colorNamed', { color: colorName(patch.color) })
              : t('tagsSaved'),
        ),
      remove: (id) => said(highlights.remove(id), t('highlightDeleted')),
      restore: (record) => said(highlights.restore(record), t('highlightRestored')),
    };
    this.card = installHighlightCard(
      doc,
      cardHighlights,
      () => this.currentRange() !== null,
      async () => {
        const answer = await deps.ask({ type: 'tags:list' });
        return answer.ok ? answer.value.map((t) => t.tag) : [];
      },
      (text) => this.notice.show(text),
      signal,
      IN_PAGE,
      () => void this.highlightSelection(),
    );
    // Back on the tab, or back online: a good moment to save what could not be saved.
    const retry = () =>
      void (this.highlights.unsavedCount > 0 && doc.visibilityState === 'visible' && this.highlights.retryUnsaved());
    doc.addEventListener('visibilitychange', retry, { signal });
    doc.defaultView?.addEventListener('online', retry, { signal });
    // A page script can remove Clearmark's paint from the registry it shares with the page: put it back.
    const repairs = setInterval(() => this.highlights.repairPaint(), PAINT_REPAIR_MS);
    signal.addEventListener('abort', () => {
      clearInterval(repairs);
      this.closeReader();
      this.highlights.destroy();
    });
    this.loaded = this.highlights.load(deps.highlights);
  }

  /**
   * The page as a new highlight records it (its article element, title, site, byline and date),
   * resolved once per page on the first highlight made and handed down: loading and painting
   * stored highlights never needs it, so it costs nothing on a page that is only read.
   */
  private resolveFacts(): void {
    const articleRoot = this.deps.context.articleRoot();
    if (this.facts && this.facts.articleRoot === articleRoot) return;
    const page = this.page;
    const found =
      articleRoot && articleMetadata(this.deps.doc, articleRoot, undefined, this.deps.context.authorMarkup());
    this.facts = found
      ? {
          info: {
            ...page,
            title: found.title || page.title,
            siteName: found.siteName || page.siteName,
            author: found.byline,
            publishedAt: found.publishedAt,
          },
          articleRoot,
        }
      : { info: page, articleRoot };
    this.highlights.setPage(this.facts);
  }

  private showSaveState({ unsaved, error, retrying }: SaveState, keepOpen: (event: BeforeUnloadEvent) => void): void {
    const win = this.deps.doc.defaultView;
    if (unsaved > 0) {
      // Highlights not saved yet live only in this page: ask before it goes.
      win?.addEventListener('beforeunload', keepOpen, { signal: this.deps.signal });
      const why = asSentence(error ?? t('unknownError'));
      this.notice.show(tn(retrying ? 'unsavedRetrying' : 'unsavedUntilLeave', unsaved, { why }));
    } else {
      win?.removeEventListener('beforeunload', keepOpen);
      this.notice.show(t('highlightsSaved'), 'ok', 4000);
    }
  }

  /** Another change to stored highlights, from the background. */
  applyChange(notice: HighlightsChanged): void {
    this.highlights.applyChange(notice);
  }

  /** The document now shows another page (a single-page app navigated): close what belonged to the old one. */
  pageChanged(): void {
    this.page = this.deps.context.info();
    this.facts = null;
    this.toolbar.hide();
    this.card.hide();
    this.closeReader();
    void this.highlights.changePage({ info: this.page, articleRoot: null });
  }

  /** The range the user selected in the view they are using (page or reader), if any. */
  currentRange(): Range | null {
    return this.reader?.isOpen ? this.reader.selectedRange() : selectedRange(this.deps.doc, composedRange);
  }

  /** The user released the mouse on a selection before this session had started: offer the toolbar now. */
  selectionSettled(): void {
    const range = this.currentRange();
    if (range) this.toolbar.show(range);
  }

  /** Highlights what the user selected, in whichever view. Null when nothing is selected. */
  async highlightSelection(color: HighlightColor = this.color, note = ''): Promise<Result<HighlightRecord> | null> {
    const range = this.currentRange();
    if (!range) return null;
    this.toolbar.hide();
    return this.withCard(await this.highlight(range, color, note));
  }

  /** A highlight made from the keyboard opens its card with focus in the note: the next keys write the note, Escape closes it. */
  private withCard(made: Result<HighlightRecord> | null): Result<HighlightRecord> | null {
    // Not when the user has already selected something else: the card would take that selection away.
    if (made?.ok && !this.currentRange()) this.card.open(made.value.id, { focusNote: true });
    return made;
  }

  /**
   * Highlights a range taken earlier (the selection when the key was pressed, before this session
   * had loaded): the user may have selected the next sentence since.
   */
  async highlightRange(range: Range, color: HighlightColor = this.color): Promise<Result<HighlightRecord> | null> {
    this.toolbar.hide();
    return this.withCard(await this.highlight(range, color));
  }

  private async highlight(range: Range, color: HighlightColor, note = ''): Promise<Result<HighlightRecord> | null> {
    if (color !== this.color) void this.deps.ask({ type: 'settings:set', settings: { lastColor: color } });
    this.color = color;
    // Take the range and let the selection go now (unless the user has moved on to another): by
    // the time the save is answered, the user may already have selected the next sentence.
    const taken = range.cloneRange();
    const selection = this.deps.doc.getSelection();
    if (selection && selection.rangeCount > 0 && stillSelected(selection.getRangeAt(0), taken))
      selection.removeAllRanges();
    this.resolveFacts();
    const first = this.highlights.count === 0;
    const made = await this.highlights.highlightRange(taken, color, note);
    if (made?.ok) this.announcer.say(t('highlightedIn', { color: colorName(color) }));
    // The first highlight on a page keeps its article too (a setting, on by default).
    if (first && made?.ok && (this.settings ?? DEFAULT_SETTINGS).saveWithFirstHighlight)
      void this.saveArticle('with-highlight');
    return made;
  }

  /**
   * Keeps the page's article to read later and offline (utils/engines/reader/saved-copy.ts), and
   * says what happened. Saved along with a first highlight, it says only what the user should know.
   */
  async saveArticle(why: 'asked' | 'with-highlight' = 'asked'): Promise<Result<SaveOutcome>> {
    const module = await this.deps.loadReader();
    // What a save costs, for `npm run bench:library`: taking the copy (extraction included), then storing it.
    const started = performance.now();
    const article = module.capture(this.deps.doc, this.page.url, this.page.siteName);
    performance.measure('clearmark:save-capture', { start: started });
    if (!article) {
      const nothing = t('nothingToSave');
      if (why === 'asked') this.notice.show(nothing, 'problem', 5000);
      return fail('no-article', nothing);
    }
    const stored = performance.now();
    const answer = await this.deps.ask({ type: 'saved:put', article });
    performance.measure('clearmark:save-store', { start: stored });
    if (!answer.ok) this.notice.show(t('articleNotSaved', { error: asSentence(answer.error) }), 'problem', 8000);
    else if (answer.value.outcome === 'kept-older') this.notice.show(t('keptOlderCopyPage'), 'problem', 8000);
    else if (why === 'asked')
      this.notice.show(answer.value.outcome === 'saved' ? t('savedNotice') : t('savedAgainNotice'), 'ok', 4000);
    return answer;
  }

  anchorState(): AnchorState {
    return this.highlights.anchorState();
  }

  /** Boxes of the in-page UI's controls by name, and the notice shown (the `ui:get` probe). */
  uiControls(): UiState {
    return {
      toolbar: this.toolbar.controls(),
      card: this.card.controls(),
      notice: this.notice.text(),
      announced: this.announcer.said(),
    };
  }

  /** Scrolls a highlight to the middle of the view the user is looking at, and flashes it. */
  reveal(id: string): Result<boolean> {
    const range = this.highlights.visibleRange(id);
    if (!range) return fail('not-found', t('highlightNotHere'));
    const { doc } = this.deps;
    // No animation when the user asked for less motion, or when the tab is hidden (its animation
    // frames do not run, and some browsers drop the scroll altogether).
    const still = doc.hidden || doc.defaultView?.matchMedia('(prefers-reduced-motion: reduce)').matches;
    range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: still ? 'instant' : 'smooth' });
    this.highlights.flash(id);
    return ok(true);
  }

  get readerOpen(): boolean {
    return this.reader?.isOpen ?? false;
  }

  /** Opens the reader view (loading it the first time); fails with a reason when the page holds no article. */
  async openReader(): Promise<Result<boolean>> {
    if (!this.reader) {
      const module = await this.deps.loadReader();
      this.reader ??= module.createReader({
        doc: this.deps.doc,
        highlights: this.highlights,
        siteName: this.page.siteName,
        settings: this.settings?.reader ?? DEFAULT_SETTINGS.reader,
        onSettings: (patch) => void this.saveReaderSettings(patch),
        onClose: () => this.closeReader(),
      });
    }
    if (!this.reader.isOpen) {
      this.toolbar.hide();
      this.card.hide();
    }
    const opened = this.reader.open();
    // Asked for a reader view where there is no article: say so, rather than nothing at all.
    if (!opened.ok && opened.code === 'no-article')
      this.notice.show(t('sentence', { text: t('popupNoArticle') }), 'problem', 5000);
    return opened;
  }

  closeReader(): void {
    if (!this.reader?.isOpen) return;
    this.card.hide();
    this.reader.close();
  }

  /** Closes the reader view if it is showing; otherwise opens it (or puts back one a page removed). */
  async toggleReader(): Promise<Result<boolean>> {
    if (this.reader?.isShown) {
      this.closeReader();
      return ok(false);
    }
    return this.openReader();
  }

  /** Escape closes one layer at a time: the reader's settings panel, then the reader. Answers whether it closed one. */
  escape(): boolean {
    if (!this.reader?.isOpen) return false;
    if (!this.reader.closeLayer()) this.closeReader();
    return true;
  }

  /** The open reader view, for the `reader:get` probe. */
  shownReader(): ShownReader | null {
    return this.reader?.shown() ?? null;
  }

  private async saveReaderSettings(patch: Partial<ReaderSettings>): Promise<void> {
    const saved = await this.deps.ask({ type: 'settings:set', settings: { reader: patch } });
    if (saved.ok) this.settings = saved.value;
  }
}

/**
 * Whether the selection is still the range being highlighted. A selection inside the reader's
 * shadow root is seen from the document as a range around its host, which cannot be compared
 * with the range itself: that is the reader's selection, still there.
 */
function stillSelected(current: Range, taken: Range): boolean {
  if (current.startContainer.getRootNode() !== taken.startContainer.getRootNode()) return true;
  return (
    current.compareBoundaryPoints(Range.START_TO_START, taken) === 0 &&
    current.compareBoundaryPoints(Range.END_TO_END, taken) === 0
  );
}

export const highlightsModule: HighlightsModule = {
  start: (deps) => new HighlightsSession(deps),
};
