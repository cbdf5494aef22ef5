/**
 * Fetches the copies of articles saved for later from a reading list, in the background, when the
 * user chose so (a setting, which asks for the access to sites it needs): one article at a time,
 * oldest saved first, each page read as the reader reads a page (captureArticle, on the DOM that
 * article-converter.ts makes) and kept as if it had been saved from its page. A page that cannot be
 * fetched, or holds no article, stays as it was — fetched when the user opens it, or opened there.
 */
import { fetchPageHtml } from '../shared/fetch-page';
import type { ArticleCapture } from '../shared/model';
import type { Library } from './storage';

export interface PageReading {
  fetch: typeof fetch;
  /** Whether the user granted access to all sites. */
  permitted: () => Promise<boolean>;
  /** The article a page's HTML holds, read as the reader reads it; null when there is none. */
  capture: (html: string, url: string) => Promise<ArticleCapture | null>;
  /** A copy was kept: told to open views and to the search index. */
  kept: (url: string) => void;
}

export class ReadingListFetcher {
  private running: Promise<number> | null = null;
  private again = false;
  /** Addresses tried and failed since the worker started: not tried again until it restarts. */
  private readonly failed = new Set<string>();

  constructor(
    private readonly library: () => Promise<Library>,
    private readonly reading: PageReading,
  ) {}

  /** Fetches every copy not fetched yet (when the setting is on and access granted); answers how many were kept. */
  run(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.pass().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        void this.run();
      }
    });
    return this.running;
  }

  private async pass(): Promise<number> {
    const library = await this.library();
    if (!(await library.settings()).fetchReadingList || !(await this.reading.permitted())) return 0;
    let kept = 0;
    const waiting = (await library.savedList()).filter((i) => i.pending && !this.failed.has(i.url)).reverse();
    for (const item of waiting) {
      const article = await this.fetchOne(item.url).catch(() => null);
      // Kept only if still waiting for its copy: the user may have opened it meanwhile.
      if (!article || !(await library.isPending(item.url))) {
        if (!article) this.failed.add(item.url);
        continue;
      }
      await library.saveArticle(article);
      this.reading.kept(item.url);
      kept++;
    }
    return kept;
  }

  private async fetchOne(url: string): Promise<ArticleCapture | null> {
    const fetched = await fetchPageHtml((input, init) => this.reading.fetch(input, init), url);
    return fetched.ok ? this.reading.capture(fetched.html, url) : null;
  }
}
