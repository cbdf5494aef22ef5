/**
 * The reader view of one page: opens it over the page (extraction, sanitized article HTML, the
 * view in a closed shadow root), shows the page's highlights in it through the highlights
 * controller, and closes it again. Loaded with the reader's file the first time it is asked for,
 * together with the full extraction that `article:get` answers from.
 */
import { openReader, type ReaderHandle } from '@/components/in-page/reader-host';
import { extractArticle } from '../engines/extraction';
import { blockText } from '../engines/extraction/article-text';
import { HighlightPainter } from '../engines/highlight-painter';
import { articleFragment } from '../engines/reader/article-html';
import { boxOf } from '../shared/box';
import type { ArticleSummary, ReaderSettings } from '../shared/model';
import type { ReaderState } from '../shared/protocol';
import { fail, ok, type Result } from '../shared/result';
import type { HighlightView } from './highlight-view';
import type { PageHighlights } from './page-highlights';

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
}

export class ReaderController {
  private handle: ReaderHandle | null = null;
  private view: HighlightView | null = null;
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
    if (!found.isArticle) return fail('no-article', 'Clearmark found no article on this page');
    this.handle = openReader(
      doc,
      {
        title: found.title,
        byline: found.byline,
        siteName: found.siteName || this.deps.siteName,
        publishedAt: found.publishedAt,
        lang: found.lang,
        readingMinutes: found.readingMinutes,
        host: doc.location?.hostname ?? '',
      },
      articleFragment(found.detection, found.title, doc.defaultView!),
      this.settings,
      { settings: (patch) => this.changeSettings(patch), close: () => this.deps.onClose() },
    );
    this.view = this.deps.highlights.attachView(this.handle.body, new HighlightPainter(CSS.highlights, 'clearmark-reader'));
    return ok(true);
  }

  close(): void {
    if (!this.handle) return;
    if (this.view) this.deps.highlights.detachView(this.view);
    this.view = null;
    this.handle.close();
    this.handle = null;
  }

  /** The selected range inside the view, if any. */
  selectedRange(): Range | null {
    return this.handle?.selectedRange() ?? null;
  }

  /** The view's state and the boxes of its controls and first paragraphs (the `reader:get` probe). */
  state(): ReaderState {
    const body = this.handle?.body;
    const all = body ? Array.from(body.querySelectorAll('*')) : [];
    return {
      open: this.handle !== null,
      text: body ? blockText(body) : '',
      settings: this.settings,
      controls: this.handle?.controls() ?? {},
      paragraphs: body ? Array.from(body.querySelectorAll('p')).slice(0, 3).map((p) => boxOf(p)) : [],
      selectedText: this.handle?.selectedRange()?.toString() ?? '',
      links: body ? Array.from(body.querySelectorAll('a[href]'), (a) => a.getAttribute('href')!) : [],
      images: body ? Array.from(body.querySelectorAll('img, source'), (i) => i.getAttribute('src') ?? i.getAttribute('srcset') ?? '') : [],
      unsafeAttributes: all.flatMap((el) => el.getAttributeNames().filter((n) => n.startsWith('on') || n === 'style' || n === 'class' || n === 'id')),
    };
  }

  private changeSettings(patch: Partial<ReaderSettings>): void {
    this.settings = { ...this.settings, ...patch };
    this.handle?.update(this.settings);
    this.deps.onSettings(patch);
  }
}

export const readerModule: ReaderModule = {
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
};
