/**
 * What an import does, decided as a pure function of what the library holds and of the file
 * (utils/background/storage/import-plan.ts): no database involved.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planImport, type ImportContext, type ImportRecords } from '@/utils/background/storage';
import { countsOf } from '@/utils/background/storage/page-counts';
import type { BackupPicture, HighlightRecord, PageRecord, SavedArticle } from '@/utils/shared/model';

const page = (url: string, over: Partial<PageRecord> = {}): PageRecord => ({
  url,
  title: '',
  siteName: 'site',
  createdAt: 10,
  updatedAt: 10,
  ...over,
});
const highlight = (id: string, exact: string, over: Partial<HighlightRecord> = {}): HighlightRecord => ({
  id,
  url: 'https://a.example/story',
  color: 'yellow',
  note: '',
  target: {
    quote: { type: 'TextQuoteSelector', exact, prefix: 'before ', suffix: ' after' },
    position: { type: 'TextPositionSelector', start: 7, end: 7 + exact.length },
  },
  createdAt: 100,
  updatedAt: 100,
  ...over,
});
const article = (url: string, updatedAt: number, over: Partial<SavedArticle> = {}): SavedArticle => ({
  url,
  title: 'T',
  byline: '',
  published: '',
  site: '',
  lang: 'en',
  dir: '',
  html: '<p>x</p>',
  text: 'x',
  words: 1,
  readingMinutes: 1,
  leadImage: '',
  savedAt: 1,
  updatedAt,
  state: 'unread',
  progress: 0,
  ...over,
});
const empty: ImportContext = { highlights: [], pages: new Map(), articles: new Map(), sameImport: new Set() };
const file = (over: Partial<ImportRecords>): ImportRecords => ({ pages: [], highlights: [], settings: {}, ...over });

describe('planning an import', () => {
  it('into an empty library: everything is added, and a page made for highlights whose page the file lacks', () => {
    const plan = planImport(
      empty,
      file({ highlights: [highlight('a', 'one passage'), highlight('b', 'another passage')] }),
    );
    expect(plan.counts).toEqual({ added: 2, merged: 0, skipped: 0, articles: 0, urls: ['https://a.example/story'] });
    expect(plan.highlights.map((h) => [h.record.id, h.at])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(plan.pages).toEqual([expect.objectContaining({ url: 'https://a.example/story', siteName: 'a.example' })]);
    expect(plan.touched).toEqual([
      {
        page: expect.objectContaining({ url: 'https://a.example/story' }),
        counts: { highlightCount: 2, lastHighlightAt: 100 },
      },
    ]);
    expect(plan.settings).toBeNull();
  });

  it('the same id: kept unless the file’s copy is newer; the same passage under another id: merged, both notes kept', () => {
    const stored = highlight('a', 'one passage', { note: 'mine', updatedAt: 200 });
    const context: ImportContext = {
      ...empty,
      highlights: [stored],
      pages: new Map([[stored.url, page(stored.url, { title: 'Kept title' })]]),
    };
    expect(
      planImport(context, file({ highlights: [highlight('a', 'one passage', { updatedAt: 150 })] })).counts,
    ).toMatchObject({ added: 0, merged: 0, skipped: 1 });
    const newer = planImport(
      context,
      file({ highlights: [highlight('a', 'one passage', { note: 'edited', updatedAt: 300 })] }),
    );
    expect(newer.counts).toMatchObject({ merged: 1 });
    expect(newer.highlights[0]!.record.note).toBe('edited');
    const other = planImport(context, file({ highlights: [highlight('z', 'one passage', { note: 'theirs' })] }));
    expect(other.counts).toMatchObject({ added: 0, merged: 1 });
    expect(other.highlights[0]!.record.id).toBe('a');
    expect(other.highlights[0]!.record.note).toContain('mine');
    expect(other.highlights[0]!.record.note).toContain('theirs');
    // Ids an earlier step of the same import wrote are matched by id only, as the file's own are.
    const step = planImport(
      { ...context, sameImport: new Set(['a']) },
      file({ highlights: [highlight('z', 'one passage', { note: 'theirs' })] }),
    );
    expect(step.counts).toMatchObject({ added: 1, merged: 0 });
  });

  it('pages fill in what the library lacks and are written only when they change', () => {
    const here = page('https://a.example/story', {
      title: 'Kept title',
      author: '',
      publishedAt: '',
      createdAt: 50,
      updatedAt: 50,
    });
    const context: ImportContext = { ...empty, pages: new Map([[here.url, here]]) };
    const filled = planImport(
      context,
      file({ pages: [page(here.url, { title: 'Their title', author: 'A. Writer', createdAt: 20, updatedAt: 80 })] }),
    );
    expect(filled.pages).toEqual([
      expect.objectContaining({ title: 'Kept title', author: 'A. Writer', createdAt: 20, updatedAt: 80 }),
    ]);
    const same = planImport(
      context,
      file({
        pages: [page(here.url, { title: 'Kept title', author: '', publishedAt: '', createdAt: 50, updatedAt: 50 })],
      }),
    );
    expect(same.pages).toEqual([]);
  });

  it('a saved copy comes in when none is here or the one here is older; a reading-list entry only where nothing is saved; pictures only with a copy', () => {
    const context: ImportContext = { ...empty, articles: new Map([['https://a.example/kept', { updatedAt: 500 }]]) };
    const picture = (article: string): BackupPicture => ({
      article,
      src: 'https://img.example/1.png',
      type: 'image/png',
      data: '',
    });
    const plan = planImport(
      context,
      file({
        articles: [
          article('https://a.example/kept', 400),
          article('https://a.example/new', 1),
          article('https://a.example/kept', 900, { pending: true, html: '', text: '' }),
        ],
        pictures: [
          picture('https://a.example/kept'),
          picture('https://a.example/new'),
          picture('https://a.example/nowhere'),
        ],
      }),
    );
    expect(plan.articles.map((a) => a.url)).toEqual(['https://a.example/new']);
    expect(plan.counts.articles).toBe(1);
    expect(plan.pictures.map((p) => p.article)).toEqual(['https://a.example/kept', 'https://a.example/new']);
    expect(planImport(context, file({ articles: [article('https://a.example/kept', 900)] })).articles).toHaveLength(1);
  });

  it('every page whose highlights change is touched, with the counts storage would count (any library, any file)', () => {
    const urls = ['https://a.example/1', 'https://a.example/2', 'https://a.example/3', 'https://a.example/4'];
    const entry = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      exact: fc.constantFrom('one', 'two', 'three', 'four'),
      url: fc.constantFrom(...urls),
      createdAt: fc.integer({ min: 1, max: 50 }),
      updatedAt: fc.integer({ min: 1, max: 50 }),
    });
    const asRecord = (e: { id: string; exact: string; url: string; createdAt: number; updatedAt: number }) =>
      highlight(e.id, e.exact, { url: e.url, createdAt: e.createdAt, updatedAt: e.updatedAt });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), fc.array(entry, { maxLength: 8 }), (here, there) => {
        const stored = new Map<string, HighlightRecord>(here.map((e) => [e.id, asRecord(e)]));
        // The file brings a page of its own too (one with none of its highlights, or one of theirs).
        const incoming = file({
          highlights: there.map(asRecord),
          pages: [page(urls[there.length % 4]!, { title: 'T' })],
        });
        // What the library reads for the plan: every highlight of the file's pages, and any under the file's ids.
        const near = new Set(incoming.highlights.map((h) => h.url));
        const ids = new Set(incoming.highlights.map((h) => h.id));
        const context: ImportContext = {
          ...empty,
          highlights: [...stored.values()].filter((h) => near.has(h.url) || ids.has(h.id)),
          pages: new Map(urls.map((url) => [url, page(url)])),
        };
        const plan = planImport(context, incoming);
        const after = new Map(stored);
        for (const { record } of plan.highlights) after.set(record.id, record);
        const count = (all: Map<string, HighlightRecord>, url: string) =>
          countsOf([...all.values()].filter((h) => h.url === url));
        const touched = new Map(plan.touched.map((t) => [t.page.url, t.counts]));
        // Pages new or changed are written with the touched ones.
        for (const changed of plan.pages) expect(touched.has(changed.url)).toBe(true);
        for (const url of urls) {
          if (JSON.stringify(count(stored, url)) !== JSON.stringify(count(after, url)))
            expect(touched.has(url)).toBe(true);
          const counts = touched.get(url);
          if (counts) expect(counts).toEqual(count(after, url));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('importing the same file again changes nothing (any file of highlights)', () => {
    const passages = fc.array(
      fc.record({
        id: fc.uuid(),
        exact: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0),
        note: fc.string({ maxLength: 20 }),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(passages, (entries) => {
        const incoming = file({ highlights: entries.map((e) => highlight(e.id, e.exact, { note: e.note })) });
        const first = planImport(empty, incoming);
        const after: ImportContext = {
          ...empty,
          highlights: first.highlights.map((h) => h.record),
          pages: new Map(first.touched.map(({ page, counts }) => [page.url, { ...page, ...counts }])),
        };
        const second = planImport(after, incoming);
        expect(second.counts.added).toBe(0);
        expect(second.highlights).toEqual([]);
        expect(second.pages).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
