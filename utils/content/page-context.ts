/**
 * What the content script knows of its page, resolved once and handed down: the address its
 * highlights are stored under (followed as a single-page app navigates), the page's name, and
 * the element that holds the article — by detection alone, not a full extraction, and kept
 * while that element stays in the page and the address does not change.
 */
import { detectArticle } from '../engines/extraction/detect-article';
import { pageSignals } from '../engines/extraction/page-signals';
import { followPageUrl } from '../engines/page-url';
import type { PageInfo } from '../shared/model';
import { siteNameOf } from '../shared/urls';

export class PageContext {
  private readonly pageUrl: () => string | null;
  private readonly startUrl: string | null;
  private article: { url: string; root: Element | null; authorMarkup: Element[] } | null = null;

  constructor(private readonly doc: Document) {
    this.pageUrl = followPageUrl(doc);
    this.startUrl = this.pageUrl();
  }

  /** Whether this document has an address Clearmark keeps highlights for. */
  get usable(): boolean {
    return this.startUrl !== null;
  }

  get url(): string {
    return this.pageUrl() ?? this.startUrl ?? '';
  }

  info(): PageInfo {
    const meta = (property: string) =>
      this.doc.querySelector<HTMLMetaElement>(`meta[property="${property}"]`)?.content.trim();
    return {
      url: this.url,
      title: meta('og:title') || this.doc.title.trim(),
      siteName: meta('og:site_name') || siteNameOf(this.url),
    };
  }

  /** The element holding the article, or null when the page is not one. */
  articleRoot(): Element | null {
    const url = this.url;
    const known = this.article;
    if (
      known &&
      known.url === url &&
      (known.root === null ? this.doc.readyState === 'complete' : known.root.isConnected)
    )
      return known.root;
    const detection = detectArticle(this.doc, pageSignals(this.doc));
    this.article = {
      url,
      root: detection.isArticle ? detection.root : null,
      authorMarkup: detection.authorMarkup ?? [],
    };
    return this.article.root;
  }

  /** The page's author markup the detection found with the article (where its byline is looked for). */
  authorMarkup(): Element[] {
    this.articleRoot();
    return this.article?.authorMarkup ?? [];
  }
}
