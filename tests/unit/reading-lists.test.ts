/**
 * Reading lists in (Pocket, Instapaper, bookmarks, plain links, Omnivore's items without
 * highlights): each format's edge cases, the preview's count, and what storage does with an
 * article saved for later — it never replaces a copy already kept, it lists as "not fetched yet",
 * and when its copy comes it keeps when it was saved, how far it was read, and its tags.
 */
import { describe, expect, it } from 'vitest';
import { handleBackgroundRequest } from '@/utils/background/requests';
import { Library } from '@/utils/background/storage';
import { ReadingListFetcher } from '@/utils/background/reading-list-fetcher';
import { readImport } from '@/utils/engines/import';
import { isLinkList, readInstapaperCsv, readLinkList, readPocketCsv } from '@/utils/engines/import/reading-lists';
import type { ArticleCapture, SavedArticle } from '@/utils/shared/model';
import { parseBackgroundMessage } from '@/utils/shared/protocol';

const NOW = Date.UTC(2026, 11, 1, 12);
let n = 0;
const fresh = () => Library.open(`reading-lists-${++n}`, () => NOW);
const articlesOf = (r: ReturnType<typeof readImport>): SavedArticle[] => {
  if (!r.ok) throw new Error(r.error);
  return r.value.articles ?? [];
};

describe('reading lists, read', () => {
  it('Pocket: columns by name in any order (older files lack cursor), times in seconds, tags by |, archive read as archived, the same address once with its tags joined', () => {
    const csv =
      'status,tags,url,title,time_added\narchive,a|b,https://x.example/one?utm_source=pocket,One,1700000000\nunread,c,https://x.example/one,One again,1700000100\n';
    const [one] = articlesOf(readPocketCsv(csv, NOW));
    expect(one).toMatchObject({
      url: 'https://x.example/one',
      title: 'One',
      savedAt: 1_700_000_000_000,
      state: 'archived',
      pending: true,
      tags: ['a', 'b', 'c'],
      html: '',
      text: '',
    });
  });

  it('Instapaper: Unread and Archive are states, Starred and the user’s own folders are tags', () => {
    const csv =
      'URL,Title,Selection,Folder,Timestamp\nhttps://x.example/a,A,,Archive,1700000000\nhttps://x.example/b,B,,Starred,1700000000\nhttps://x.example/c,C,,Work reading,1700000000\n';
    const got = articlesOf(readInstapaperCsv(csv, NOW)).map((a) => [a.title, a.state, a.tags ?? []]);
    expect(got).toEqual([
      ['A', 'archived', []],
      ['B', 'unread', ['starred']],
      ['C', 'unread', ['Work reading']],
    ]);
  });

  it('a list of links: one address a line, a title after it, comments and blank lines ignored, other lines reported with their line', () => {
    const text = '# mine\nhttps://x.example/a  A title\n\nwww.x.example/b\nhttps://x.example/c\n';
    const r = readLinkList(text, NOW);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.articles!.map((a) => [a.url, a.title])).toEqual([
      ['https://x.example/a', 'A title'],
      ['https://x.example/c', ''],
    ]);
    expect(r.value.skipped).toEqual([{ where: 'line 4', reason: "its address (www.x.example/b) is not a web page's" }]);
  });

  it('is not fooled: prose, a Readwise CSV and JSON are not lists of links', () => {
    expect(isLinkList('Dear diary,\nhttps://x.example/a\n')).toBe(false);
    expect(isLinkList('https://x.example/a\nsome words\nmore words\nand more\n')).toBe(false);
    expect(
      readImport({ text: 'Highlight,Title,URL\n"q",T,https://x.example/a\n' }, NOW).ok &&
        (readImport({ text: 'Highlight,Title,URL\n"q",T,https://x.example/a\n' }, NOW) as { value: { format: string } })
          .value.format,
    ).toBe('readwise-csv');
  });

  it('a cut file is refused whole, naming its line: nothing half read', () => {
    const r = readImport(
      {
        text: 'title,url,time_added,tags,status\nA,https://x.example/a,1700000000,,unread\n"B,https://x.example/b,1700000000,,unread\n',
      },
      NOW,
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/line 3/);
  });

  it('a list with no web address at all is refused in a sentence naming the tool', () => {
    const r = readImport({ text: 'URL,Title,Selection,Folder,Timestamp\nnot-a-page,A,,Unread,1\n' }, NOW);
    expect(!r.ok && r.error).toMatch(
      /^This is an Instapaper export, but it holds no article with a web address\. Line 2: /,
    );
  });
});

describe('reading lists, kept', () => {
  const capture = (over: Partial<ArticleCapture> = {}): ArticleCapture => ({
    url: 'https://x.example/a',
    title: 'A, fetched',
    byline: 'W',
    published: '',
    site: 'X',
    lang: 'en',
    dir: 'ltr',
    html: '<p>Words.</p>',
    text: 'Words.',
    words: 900,
    readingMinutes: 4,
    leadImage: '',
    ...over,
  });

  it('previews as articles to read later, imports them not fetched yet, never over a copy already kept; the fetched copy keeps the entry’s date, state and tags', async () => {
    const library = await fresh();
    await library.saveArticle(capture({ url: 'https://x.example/kept', title: 'Kept copy' }));
    const text =
      'title,url,time_added,tags,status\nA,https://x.example/a,1700000000,later,archive\nKept,https://x.example/kept,1700000000,,unread\n';
    const preview = await handleBackgroundRequest(library, {
      type: 'import:preview',
      text,
      fileName: 'part_000000.csv',
    });
    expect(preview.result).toMatchObject({
      ok: true,
      value: { format: 'pocket', source: 'Pocket', highlights: 0, articles: 1 },
    });
    expect((await library.savedList()).length).toBe(1);

    const imported = await handleBackgroundRequest(library, { type: 'import', text, fileName: 'part_000000.csv' });
    expect(imported.result).toMatchObject({ ok: true, value: { format: 'pocket', articles: 1 } });
    const list = await library.savedList();
    expect(list.find((i) => i.url === 'https://x.example/kept')).toMatchObject({ title: 'Kept copy', words: 900 });
    expect(list.find((i) => i.url === 'https://x.example/a')).toMatchObject({
      pending: true,
      state: 'archived',
      tags: ['later'],
      savedAt: 1_700_000_000_000,
    });
    // Importing again adds nothing.
    const again = await handleBackgroundRequest(library, { type: 'import', text, fileName: 'part_000000.csv' });
    expect(again.result.ok && (again.result.value as { articles?: number }).articles).toBeFalsy();

    // Not fetched yet, it has no copy to write as a note.
    const note = await handleBackgroundRequest(
      library,
      { type: 'export', format: 'article', scope: { url: 'https://x.example/a' } },
      { articleMarkdown: () => Promise.reject(new Error('not reached')) },
    );
    expect(note.result).toMatchObject({ ok: false, code: 'not-found' });
    // The saved copy's page gives the entry its fetched copy; only an entry not fetched yet takes one so.
    expect(parseBackgroundMessage({ type: 'saved:fill', article: capture() }, 'content').ok).toBe(false);
    expect(parseBackgroundMessage({ type: 'saved:fill', article: capture() }, 'extension').ok).toBe(true);
    const refused = await handleBackgroundRequest(library, {
      type: 'saved:fill',
      article: capture({ url: 'https://x.example/kept', text: 'Other words.' }),
    });
    expect(refused.result).toMatchObject({ ok: false, code: 'not-found' });
    const saved = await handleBackgroundRequest(library, { type: 'saved:fill', article: capture() });
    expect(saved.result).toMatchObject({ ok: true, value: { outcome: 'updated' } });
    const fetched = await library.savedArticle('https://x.example/a');
    expect(fetched).toMatchObject({
      title: 'A, fetched',
      text: 'Words.',
      savedAt: 1_700_000_000_000,
      state: 'archived',
      tags: ['later'],
    });
    expect(fetched.pending).toBeUndefined();
    library.close();
  });
});

describe('reading lists, fetched in the background', () => {
  const page = (title: string) =>
    `<html><head><title>${title}</title></head><body><article><h1>${title}</h1><p>${'Words of the article. '.repeat(60)}</p></article></body></html>`;
  const setUp = async () => {
    const library = await fresh();
    await library.importRecords({
      pages: [],
      highlights: [],
      settings: {},
      articles: articlesOf(readLinkList('https://x.example/a\nhttps://x.example/gone\n', NOW)),
    });
    const asked: string[] = [];
    const kept: string[] = [];
    const fetcher = new ReadingListFetcher(() => Promise.resolve(library), {
      fetch: ((url: string) => {
        asked.push(url);
        return Promise.resolve(
          url.endsWith('/gone')
            ? new Response('gone', { status: 404 })
            : new Response(page('Fetched A'), { headers: { 'content-type': 'text/html; charset=utf-8' } }),
        );
      }) as unknown as typeof fetch,
      permitted: () => Promise.resolve(true),
      capture: (html, url) =>
        Promise.resolve(
          /Fetched A/.test(html)
            ? {
                url,
                title: 'Fetched A',
                byline: '',
                published: '',
                site: 'x.example',
                lang: 'en',
                dir: '' as const,
                html: '<p>Words.</p>',
                text: 'Words of the article.',
                words: 400,
                readingMinutes: 2,
                leadImage: '',
              }
            : null,
        ),
      kept: (url) => kept.push(url),
    });
    return { library, fetcher, asked, kept };
  };

  it('does nothing until the user turns it on; then fetches each copy once, keeps what holds an article, leaves the rest waiting', async () => {
    const { library, fetcher, asked, kept } = await setUp();
    expect(await fetcher.run()).toBe(0);
    expect(asked).toEqual([]);
    await library.updateSettings({ fetchReadingList: true });
    expect(await fetcher.run()).toBe(1);
    expect(kept).toEqual(['https://x.example/a']);
    const list = await library.savedList();
    expect(list.find((i) => i.url === 'https://x.example/a')).toMatchObject({ title: 'Fetched A', words: 400 });
    expect(list.find((i) => i.url === 'https://x.example/a')!.pending).toBeUndefined();
    expect(list.find((i) => i.url === 'https://x.example/gone')!.pending).toBe(true);
    // A page that failed is not asked again while the worker lives.
    expect(await fetcher.run()).toBe(0);
    expect(asked.filter((u) => u.endsWith('/gone'))).toHaveLength(1);
    library.close();
  });
});
