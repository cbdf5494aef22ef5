/**
 * Everything Clearmark does in one page once its DOM is ready: the page's highlights and the
 * selection toolbar, the reader view, and the keys that drive them (Alt+Shift+H highlights,
 * Alt+Shift+R opens or closes the reader, Escape closes it). One instance per page, tied to the
 * content script's lifetime.
 */
import type { Box } from '@/components/floating-panel';
import { installHighlightCard } from '@/components/highlight-card-host';
import { installPageNotice, type PageNotice } from '@/components/page-notice-host';
import { openReader, type ReaderHandle } from '@/components/reader-host';
import { installSelectionToolbar, selectedRange } from '@/components/selection-toolbar-host';
import { extractArticle, type Article } from '@/utils/extraction';
import { blockText } from '@/utils/extraction/article-text';
import { detectArticle } from '@/utils/extraction/detect-article';
import { pageSignals } from '@/utils/extraction/page-signals';
import { HighlightPainter } from '@/utils/highlight-painter';
import { DEFAULT_SETTINGS, type ArticleSummary, type HighlightColor, type HighlightRecord, type PageInfo, type ReaderSettings, type Settings } from '@/utils/model';
import { PageHighlights, type Send } from '@/utils/page-highlights';
import type { ReaderState } from '@/utils/protocol';
import { articleFragment } from '@/utils/reader/article-html';
import { fail, ok, type Result } from '@/utils/result';

export class PageSession {
  readonly highlights: PageHighlights;
  private color: HighlightColor = 'yellow';
  private reader: ReaderHandle | null = null;
  private readonly hideToolbar: () => void;
  private readonly toolbarControls: () => Record<string, Box>;
  private readonly card: { hide: () => void; controls: () => Record<string, Box> };
  private readonly notice: PageNotice;
  private recent: { at: number; article: Article } | null = null;

  constructor(
    private readonly pageInfo: () => PageInfo,
    private readonly send: Send,
    private settings: Settings | null,
    signal: AbortSignal,
  ) {
    this.notice = installPageNotice(document, signal);
    const keepOpen = (event: BeforeUnloadEvent) => {
      // Highlights not saved yet live only in this page: ask before it goes.
      event.preventDefault();
    };
    this.highlights = new PageHighlights(document, pageInfo, send, {
      onSaveState: ({ unsaved, error, retrying }) => {
        if (unsaved > 0) {
          window.addEventListener('beforeunload', keepOpen, { signal });
          const why = (error ?? 'an unknown error').replace(/\.?$/, '.');
          this.notice.show(
            `Clearmark could not save ${unsaved === 1 ? 'a highlight' : `${unsaved} highlights`}: ${why} ` +
              (retrying ? 'It stays on the page and will be saved as soon as Clearmark can.' : 'It stays on this page until you leave it.'),
          );
        } else {
          window.removeEventListener('beforeunload', keepOpen);
          this.notice.show('Your highlights are saved.', 'ok', 4000);
        }
      },
      articleRoot: () => {
        const found = this.recentArticle();
        return found.isArticle ? found.detection.root : null;
      },
      pageForSave: () => {
        const found = this.recentArticle();
        const info = pageInfo();
        return found.isArticle
          ? { ...info, title: found.title || info.title, siteName: found.siteName || info.siteName, author: found.byline, publishedAt: found.publishedAt }
          : info;
      },
    });
    const toolbar = installSelectionToolbar(
      document,
      {
        color: () => this.color,
        currentRange: () => this.currentRange(),
        highlight: (range, color, note) => void this.highlight(range, color, note),
      },
      signal,
    );
    this.hideToolbar = toolbar.hide;
    this.toolbarControls = toolbar.controls;
    this.card = installHighlightCard(document, this.highlights, () => this.currentRange() !== null, signal);
    window.addEventListener('keydown', (event) => this.onKey(event), { capture: true, signal });
    // Back on the tab, or back online: a good moment to save what could not be saved.
    const retry = () => void (this.highlights.unsavedCount > 0 && document.visibilityState === 'visible' && this.highlights.retryUnsaved());
    document.addEventListener('visibilitychange', retry, { signal });
    window.addEventListener('online', retry, { signal });
    signal.addEventListener('abort', () => {
      this.closeReader();
      this.highlights.destroy();
    });
  }

  /** The article in the page right now (detection runs only when asked). */
  article(): Article {
    return extractArticle(document);
  }

  /** Just the element holding the article (detection alone, without metadata or text), for the consent scan to spare. */
  articleElement(): Element | null {
    return detectArticle(document, pageSignals(document)).root;
  }

  /** The article as found a moment ago: one detection serves everything one highlight needs. */
  private recentArticle(): Article {
    const now = performance.now();
    if (!this.recent || now - this.recent.at > 250) this.recent = { at: now, article: this.article() };
    return this.recent.article;
  }

  summary(): ArticleSummary {
    const found = this.article();
    return {
      isArticle: found.isArticle,
      title: found.title,
      byline: found.byline,
      siteName: found.siteName || this.pageInfo().siteName,
      publishedAt: found.publishedAt,
      lang: found.lang,
      text: found.isArticle ? found.text : '',
      readerOpen: this.reader !== null,
    };
  }

  /** The document now shows another page (a single-page app navigated): close what belonged to the old one. */
  pageChanged(): void {
    this.hideToolbar();
    this.card.hide();
    this.closeReader();
    void this.highlights.changePage();
  }

  currentRange(): Range | null {
    return this.reader ? this.reader.selectedRange() : selectedRange(document);
  }

  /** Highlights what the user selected, in whichever view. Null when nothing is selected. */
  async highlightSelection(color: HighlightColor = this.color, note = ''): Promise<Result<HighlightRecord> | null> {
    const range = this.currentRange();
    if (!range) return null;
    this.hideToolbar();
    return this.highlight(range, color, note);
  }

  private async highlight(range: Range, color: HighlightColor, note = ''): Promise<Result<HighlightRecord> | null> {
    this.color = color;
    // Take the range and let the selection go now: by the time the save is answered, the user
    // may already have selected the next sentence.
    const taken = range.cloneRange();
    document.getSelection()?.removeAllRanges();
    return this.highlights.highlightRange(taken, color, note);
  }

  /** Boxes of the in-page UI's controls by name, for checks that click like a person. */
  uiControls(): { toolbar: Record<string, Box>; card: Record<string, Box>; notice: string } {
    return { toolbar: this.toolbarControls(), card: this.card.controls(), notice: this.notice.text() };
  }

  /** Scrolls a highlight to the middle of the view the user is looking at, and flashes it. */
  reveal(id: string): Result<boolean> {
    const range = this.highlights.visibleRange(id);
    if (!range) return fail('That highlight is not on this page right now');
    // No animation when the user asked for less motion, or when the tab is hidden (its animation
    // frames do not run, and some browsers drop the scroll altogether).
    const still = document.hidden || matchMedia('(prefers-reduced-motion: reduce)').matches;
    range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: still ? 'instant' : 'smooth' });
    const flash = new Highlight(range);
    flash.priority = 10;
    CSS.highlights.set('clearmark-flash', flash);
    setTimeout(() => {
      if (CSS.highlights.get('clearmark-flash') === flash) CSS.highlights.delete('clearmark-flash');
    }, 1200);
    return ok(true);
  }

  /** Opens the reader view; fails with a reason when the page holds no article. */
  openReader(): Result<boolean> {
    if (this.reader) {
      // A page that tidies away foreign elements may have removed it: the user asked to see it.
      if (!this.reader.isShown()) this.reader.reattach();
      return ok(true);
    }
    const found = this.article();
    if (!found.isArticle) return fail('Clearmark found no article on this page');
    this.hideToolbar();
    this.card.hide();
    const readerSettings = this.settings?.reader ?? DEFAULT_SETTINGS.reader;
    this.reader = openReader(
      document,
      {
        title: found.title,
        byline: found.byline,
        siteName: found.siteName || this.pageInfo().siteName,
        publishedAt: found.publishedAt,
        lang: found.lang,
        readingMinutes: found.readingMinutes,
        host: location.hostname,
      },
      articleFragment(found.detection, found.title, window),
      readerSettings,
      { settings: (patch) => void this.changeReaderSettings(patch), close: () => this.closeReader() },
    );
    this.highlights.attachView(this.reader.body, new HighlightPainter(CSS.highlights, 'clearmark-reader'));
    return ok(true);
  }

  closeReader(): void {
    if (!this.reader) return;
    this.card.hide();
    this.highlights.detachView();
    this.reader.close();
    this.reader = null;
  }

  /** Closes the reader view if it is showing; otherwise opens it (or puts back one a page removed). */
  toggleReader(): Result<boolean> {
    if (this.reader?.isShown()) {
      this.closeReader();
      return ok(false);
    }
    return this.openReader();
  }

  readerState(): ReaderState {
    const body = this.reader?.body;
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const all = body ? Array.from(body.querySelectorAll('*')) : [];
    return {
      open: this.reader !== null,
      text: body ? blockText(body) : '',
      settings: this.settings?.reader ?? DEFAULT_SETTINGS.reader,
      controls: this.reader?.controls() ?? {},
      paragraphs: body ? Array.from(body.querySelectorAll('p')).slice(0, 3).map(box) : [],
      selectedText: this.reader?.selectedRange()?.toString() ?? '',
      links: body ? Array.from(body.querySelectorAll('a[href]'), (a) => a.getAttribute('href')!) : [],
      images: body ? Array.from(body.querySelectorAll('img, source'), (i) => i.getAttribute('src') ?? i.getAttribute('srcset') ?? '') : [],
      unsafeAttributes: all.flatMap((el) => el.getAttributeNames().filter((n) => n.startsWith('on') || n === 'style' || n === 'class' || n === 'id')),
    };
  }

  private async changeReaderSettings(patch: Partial<ReaderSettings>): Promise<void> {
    const current = this.settings?.reader ?? DEFAULT_SETTINGS.reader;
    const next = { ...current, ...patch };
    if (this.settings) this.settings = { ...this.settings, reader: next };
    this.reader?.update(next);
    const saved = await this.send({ type: 'settings:set', settings: { reader: patch } });
    if (saved.ok) this.settings = saved.value;
  }

  private onKey(event: KeyboardEvent): void {
    // Keys a page script dispatches are not the user's: they never highlight or open anything.
    if (!event.isTrusted) return;
    if (event.key === 'Escape' && this.reader) {
      event.preventDefault();
      this.closeReader();
      return;
    }
    if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return;
    if (event.code === 'KeyH' && this.currentRange()) {
      event.preventDefault();
      event.stopPropagation();
      void this.highlightSelection();
    } else if (event.code === 'KeyR') {
      event.preventDefault();
      event.stopPropagation();
      this.toggleReader();
    }
  }
}
