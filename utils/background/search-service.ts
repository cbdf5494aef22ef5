/**
 * The full-text index as the background keeps it (docs/adr/0012): built from the library the
 * first time anyone searches, then updated from the change notices every view follows and from
 * saved copies taken or deleted, and saved to IndexedDB a moment after the last change, so a
 * background that starts again reloads it rather than rebuilding. A stored index whose record
 * count does not match the library (a change made while it was not loaded) is rebuilt.
 */
import { FullTextIndex, snippet } from '../engines/search/full-text';
import type { HighlightsChanged, SearchAnswer } from '../shared/protocol';
import type { Library } from './storage';

/** How long the index waits after the last change before it is saved. */
const SAVE_AFTER_MS = 1_000;
/** Articles answered per search (each reads its body for the snippet). */
const ARTICLES_SHOWN = 20;

export class SearchService {
  private index: Promise<FullTextIndex> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Changes go one after another, after the index is ready. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly library: () => Promise<Library>) {}

  async search(query: string, limit = 50): Promise<SearchAnswer> {
    const index = await this.ready();
    await this.queue;
    const hits = index.search(query, limit);
    const library = await this.library();
    const [highlights, articles] = await Promise.all([
      library.highlightsById(hits.highlights),
      library.savedTextsAt(hits.articles.slice(0, ARTICLES_SHOWN)),
    ]);
    return {
      highlights: highlights.map((h) => ({
        id: h.id,
        url: h.url,
        text: h.target.quote.exact,
        note: h.note,
        color: h.color,
      })),
      articles: articles.map((a) => ({ url: a.url, title: a.title, site: a.site, snippet: snippet(a.text, query) })),
    };
  }

  /** A change to highlights (here or from sync). */
  highlightsChanged(notice: HighlightsChanged): void {
    this.change(async (index, library) => {
      if (notice.url === '*') {
        // Many records changed at once (an import, a renamed tag): built again.
        this.index = null;
        await library.dropSearchIndex();
        return;
      }
      const title = notice.upserted.length ? ((await library.page(notice.url)).page?.title ?? '') : '';
      for (const h of notice.upserted) index.putHighlight(h, title);
      for (const id of notice.removed) index.removeHighlight(id);
    });
  }

  /** A saved copy was taken or deleted. */
  articleChanged(url: string): void {
    this.change(async (index, library) => {
      const article = await library.savedArticle(url).catch(() => null);
      if (article) index.putArticle(article);
      else index.removeArticle(url);
    });
  }

  /** Applies a change to the index when there is one to keep up to date (loaded, or saved earlier). */
  private change(apply: (index: FullTextIndex, library: Library) => Promise<void>): void {
    this.queue = this.queue
      .then(async () => {
        const library = await this.library();
        if (!this.index && !(await library.hasSearchIndex())) return; // never built: the first search builds it whole
        await apply(await this.ready(), library);
        this.saveSoon();
      })
      .catch(() => undefined);
  }

  private ready(): Promise<FullTextIndex> {
    this.index ??= this.open().catch((error: unknown) => {
      this.index = null;
      throw error;
    });
    return this.index;
  }

  private async open(): Promise<FullTextIndex> {
    const library = await this.library();
    const [stored, count] = await Promise.all([library.searchIndex(), library.searchableCount()]);
    if (stored && stored.size === count) {
      try {
        const loaded = FullTextIndex.load(stored.json);
        if (loaded.size === count) return loaded;
      } catch {
        /* unreadable: built again below */
      }
    }
    const index = FullTextIndex.empty();
    const { pages, highlights } = await library.everything();
    const titles = new Map(pages.map((p) => [p.url, p.title]));
    for (const h of highlights) index.putHighlight(h, titles.get(h.url) ?? '');
    for (const a of await library.savedTexts()) index.putArticle(a);
    this.saveSoon();
    return index;
  }

  private saveSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.save(), SAVE_AFTER_MS);
  }

  /** Saves the index now (tests, and the timer). */
  async save(): Promise<void> {
    clearTimeout(this.timer);
    if (!this.index) return;
    const index = await this.index;
    await (await this.library()).saveSearchIndex(index.toJSON(), index.size);
  }

  /** Settles once every change asked for so far is in the index. */
  settled(): Promise<unknown> {
    return this.queue;
  }
}
