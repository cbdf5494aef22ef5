/**
 * The reader view of one page: opens it over the page (extraction, sanitized article HTML, the
 * view in a closed shadow root), shows the page's highlights in it through the highlights
 * controller, and closes it again. Loaded with the reader's file the first time it is asked for,
 * together with the full extraction that `article:get` answers from.
 */
import { t } from '@/utils/i18n/words';
import { openReader, type ReaderHandle } from '@/components/shared/reader-host';
import { extractArticle } from '../engines/extraction';
import { takeStandfirst } from '../engines/reader/standfirst';
import { OverlayPainter } from '../engines/overlay-painter';
import { articleFragment } from '../engines/reader/article-html';
import { readingMinutes } from '../engines/reader/reading-time';
import type { ArticleCapture, ArticleSummary, ReaderSettings } from '../shared/model';
import { captureArticle } from '../engines/reader/saved-copy';
import { fail, ok, type Result } from '../shared/result';
import type { HighlightView } from './highlight-view';
import type { PageHighlights } from './page-highlights';
import { readerProbe, type ShownReader } from './reader-probe';

export interface ReaderDeps {
  doc: Document;
  highlights: PageHighlights;
  /** The site's name when the article does not give one. */
  siteName: string;
  settings: ReaderSettings;
  /** The user changed a setting in the view. */
  onSettings(patch: Partial<ReaderSettings>): void;
  /** The user closed the view (its close button). */
  onClose(): void;
}

export interface ReaderModule {
  /** The article in the page, as the reader view shows it (a full extraction, never a change to the page). */
  summarize(doc: Document, siteName: string): Omit<ArticleSummary, 'readerOpen'>;
  createReader(deps: ReaderDeps): ReaderController;
  /** The article as a saved copy keeps it; null when the page holds none. */
  capture(doc: Document, url: string, siteName: string): ArticleCapture | null;
  /** The `reader:get` probe of an open view: in the test build only (reader-probe.ts). */
  probe?: typeof readerProbe;
}

export class ReaderController {
  private handle: ReaderHandle | null = null;
  private view: HighlightView | null = null;
  private painter: OverlayPainter | null = null;
  private settings: ReaderSettings;

  constructor(private readonly deps: ReaderDeps) {
    this.settings = deps.settings;
  }

  get isOpen(): boolean {
    return this.handle !== null;
  }

  /** Whether the view is open and still in the page (a page that tidies away foreign elements may remove it). */
  get isShown(): boolean {
    return this.handle?.isShown() ?? false;
  }

  /** Opens the view; fails with a reason when the page holds no article. */
  open(): Result<boolean> {
    if (this.handle) {
      // A page that tidies away foreign elements may have removed it: the user asked to see it.
      if (!this.handle.isShown()) this.handle.reattach();
      return ok(true);
    }
    const { doc } = this.deps;
    const found = extractArticle(doc);
    const view = doc.defaultView;
    if (!found.isArticle || !view) return fail('no-article', t('popupNoArticle'));
    const standfirst = takeStandfirst(doc, found);
    this.handle = openReader(
      doc,
      {
        title: found.title,
        byline: found.byline,
        siteName: found.siteName || this.deps.siteName,
        publishedAt: found.publishedAt,
        lang: found.lang,
        dir: found.dir,
        readingMinutes: readingMinutes(found.text),
        host: doc.location.hostname,
        standfirst,
      },
      articleFragment(found.detection, found.title, view),
      this.settings,
      { settings: (patch) => this.changeSettings(patch), close: () => this.deps.onClose() },
    );
    // Drawn inside the view's closed root: no range into it ever enters the page's CSS.highlights.
    this.painter = new OverlayPainter(this.handle.body);
    this.view = this.deps.highlights.attachView(this.handle.body, this.painter);
    return ok(true);
  }

  close(): void {
    if (!this.handle) return;
    if (this.view) this.deps.highlights.detachView(this.view);
    this.view = null;
    this.painter?.dispose();
    this.painter = null;
    this.handle.close();
    this.handle = null;
  }

  /** Closes the view's open layer (its settings panel), if any; answers whether there was one. */
  closeLayer(): boolean {
    return this.handle?.closeLayer() ?? false;
  }

  /** The selected range inside the view, if any. */
  selectedRange(): Range | null {
    return this.handle?.selectedRange() ?? null;
  }

  /** What the view shows now, for the `reader:get` probe (reader-probe.ts). */
  shown(): ShownReader | null {
    const handle = this.handle;
    const highlights = (this.painter?.shown() ?? []).map(({ id, color, text }) => {
      const rect = this.painter?.rangeOf(id)?.getClientRects()[0];
      return {
        color,
        text,
        box: rect && rect.width > 0 ? { x: rect.x, y: rect.y, width: rect.width, height: rect.height } : null,
      };
    });
    return (
      handle && {
        body: handle.body,
        controls: handle.controls(),
        selectedText: handle.selectedRange()?.toString() ?? '',
        settings: this.settings,
        highlights,
      }
    );
  }

  private changeSettings(patch: Partial<ReaderSettings>): void {
    this.settings = { ...this.settings, ...patch };
    this.handle?.update(this.settings);
    this.deps.onSettings(patch);
  }
}

export const readerModule: ReaderModule = {
  ...(__TEST_BUILD__ ? { probe: readerProbe } : {}),
  summarize(doc, siteName) {
    const found = extractArticle(doc);
    return {
      isArticle: found.isArticle,
      title: found.title,
      byline: found.byline,
      siteName: found.siteName || siteName,
      publishedAt: found.publishedAt,
      lang: found.lang,
      text: found.isArticle ? found.text : '',
    };
  },
  createReader: (deps) => new ReaderController(deps),
  capture: captureArticle,
};
