// A saved copy, from capture (in jsdom, where DOMPurify is built and tested) through storage and
// the protocol: what it keeps, what saving again does, and that highlights outlive their copy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { handleBackgroundRequest } from '@/utils/background/requests';
import { Library } from '@/utils/background/storage';
import { savedArticleFragment } from '@/utils/engines/reader/article-html';
import { captureArticle } from '@/utils/engines/reader/saved-copy';
import { parseBackupPieces, type Backup } from '@/utils/engines/export/backup';
import { replacesCopy } from '@/utils/engines/reader/keep-copy';
import type { ArticleCapture } from '@/utils/shared/model';
import { parseBackgroundMessage } from '@/utils/shared/protocol';

const SEED = join(__dirname, '../fixtures/seed/index.html');
const seedDoc = () =>
  new JSDOM(readFileSync(SEED, 'utf8'), { url: 'https://finance.example/news/ant-group' }).window.document;
type View = Window & typeof globalThis;

let n = 0;
const fresh = () => Library.open(`saved-${++n}`);
const capture = (over: Partial<ArticleCapture> = {}): ArticleCapture => ({
  url: 'https://news.example/story',
  title: 'The river keeps',
  byline: 'A. Writer',
  published: '2026-01-02',
  site: 'News Example',
  lang: 'en',
  dir: 'ltr',
  html: '<p>One two three.</p>',
  text: 'One two three.',
  words: 1000,
  readingMinutes: 4,
  leadImage: '',
  ...over,
});

describe('captureArticle', () => {
  it('keeps the seed article as the reader shows it: sanitized HTML with its figures and captions, text, facts; not the banner, not the teaser', () => {
    const doc = seedDoc();
    const copy = captureArticle(doc, 'https://finance.example/news/ant-group', 'finance.example')!;
    expect(copy).not.toBeNull();
    expect(copy.title).toMatch(/\S/);
    expect(copy.words).toBeGreaterThan(200);
    expect(copy.readingMinutes).toBeGreaterThanOrEqual(1);
    expect(copy.html).toContain('<figcaption');
    expect(copy.html).not.toMatch(/<script|onerror=|onclick=|<iframe|<form/i);
    expect(copy.text).not.toMatch(/Read More:/);
    expect(copy.text).not.toMatch(/cookie/i);
    // Shown again (from storage, or from another device through sync), it is sanitized again.
    const shown = savedArticleFragment(copy.html, doc.defaultView as unknown as View);
    expect(shown.querySelectorAll('figure').length).toBeGreaterThan(0);
  });

  it('a copy keeps the standfirst the reader shows under the title, as its first line', () => {
    const SF = join(__dirname, '../fixtures/standfirst-article/index.html');
    const doc = new JSDOM(readFileSync(SF, 'utf8'), { url: 'https://harbour.example/ferry' }).window.document;
    const copy = captureArticle(doc, 'https://harbour.example/ferry', 'harbour.example')!;
    const standfirst = 'A harbour town has replaced its diesel ferry with one that charges from the tidal current';
    expect(copy.text.startsWith(standfirst)).toBe(true);
    expect(copy.text.split(standfirst).length).toBe(2);
    const shown = savedArticleFragment(copy.html, doc.defaultView as unknown as View);
    expect(shown.querySelector('p')?.textContent).toContain(standfirst);
  });

  it('a page with no article gives nothing to save', () => {
    const doc = new JSDOM('<html><body><nav><a href="/">Home</a></nav><p>Sign in</p></body></html>', {
      url: 'https://x.example/',
    }).window.document;
    expect(captureArticle(doc, 'https://x.example/', 'x.example')).toBeNull();
  });

  it('a copy that comes back with a script or a handler in it loses them when shown', () => {
    const doc = new JSDOM('<html><body></body></html>', { url: 'https://x.example/' }).window.document;
    const shown = savedArticleFragment(
      '<p onclick="alert(1)">Hi<script>alert(2)</script><img src="javascript:alert(3)"><a href="javascript:x">l</a></p>',
      doc.defaultView as unknown as View,
    );
    const holder = doc.createElement('div');
    holder.append(shown);
    expect(holder.querySelector('script')).toBeNull();
    expect(holder.querySelector('[onclick]')).toBeNull();
    expect(holder.querySelector('img')?.getAttribute('src') ?? null).toBeNull();
    expect(holder.querySelector('a')?.getAttribute('href') ?? null).toBeNull();
  });
});

describe('saved articles in storage and the protocol', () => {
  it('lists many saved articles with each page’s highlight count, as it lists a few', async () => {
    let clock = 1_000;
    const library = await Library.open(`saved-many-${Math.random()}`, () => (clock += 1_000));
    const quote = (exact: string) => ({
      quote: { type: 'TextQuoteSelector' as const, exact, prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector' as const, start: 0, end: exact.length },
    });
    // 150 saved (more than are asked one by one), every third with highlights; pages with highlights and no copy between them.
    for (let i = 0; i < 150; i++) await library.saveArticle(capture({ url: `https://news.example/${i}` }));
    const expected = new Map<string, number>();
    for (let i = 0; i < 200; i += 3) {
      const url = `https://news.example/${i}`;
      for (let h = 0; h < 1 + (i % 4); h++)
        await library.create({
          page: { url, title: `Story ${i}`, siteName: 'News' },
          color: 'yellow',
          note: '',
          target: quote(`w${h}`),
        });
      expected.set(url, 1 + (i % 4));
    }
    const listed = await library.savedList();
    expect(listed.map((a) => a.url)).toEqual(Array.from({ length: 150 }, (_, i) => `https://news.example/${149 - i}`));
    for (const item of listed) expect(item.highlights).toBe(expected.get(item.url) ?? 0);
    // The first screen (a few, asked one by one) agrees with the whole list.
    expect(await library.newestSaved(20)).toEqual(listed.slice(0, 20));
    library.close();
  });

  it('saves, lists, reads, updates and deletes a copy; highlights stay when it goes', async () => {
    const library = await fresh();
    expect(await library.saveArticle(capture())).toMatchObject({ outcome: 'saved', words: 1000 });
    await library.create({
      page: { url: 'https://news.example/story', title: 'The river keeps', siteName: 'News Example' },
      color: 'yellow',
      note: '',
      target: {
        quote: { type: 'TextQuoteSelector', exact: 'two', prefix: 'One ', suffix: ' three' },
        position: { type: 'TextPositionSelector', start: 4, end: 7 },
      },
    });
    const [item] = await library.savedList();
    expect(item).toMatchObject({
      url: 'https://news.example/story',
      title: 'The river keeps',
      site: 'News Example',
      words: 1000,
      state: 'unread',
      progress: 0,
      highlights: 1,
    });
    // The first screen of the list: the newest alone, the same rows.
    let clock = 1_000;
    const timed = await Library.open(`saved-newest-${Math.random()}`, () => (clock += 1_000));
    for (let i = 0; i < 5; i++) await timed.saveArticle(capture({ url: `https://news.example/${i}` }));
    expect((await timed.newestSaved(2)).map((a) => a.url)).toEqual([
      'https://news.example/4',
      'https://news.example/3',
    ]);
    expect(await timed.newestSaved(10)).toEqual(await timed.savedList());
    timed.close();
    expect((await library.savedArticle('https://news.example/story')).html).toBe('<p>One two three.</p>');
    expect(await library.updateSaved('https://news.example/story', { progress: 0.5 })).toMatchObject({
      progress: 0.5,
      state: 'unread',
    });
    expect(await library.updateSaved('https://news.example/story', { state: 'archived' })).toMatchObject({
      progress: 0.5,
      state: 'archived',
    });
    expect(await library.deleteSaved('https://news.example/story')).toBe(true);
    expect(await library.savedList()).toEqual([]);
    expect((await library.page('https://news.example/story')).highlights).toHaveLength(1);
    // The tag filter's question: which pages hold a highlight with this tag.
    const [kept] = (await library.page('https://news.example/story')).highlights;
    await library.update(kept!.id, { tags: ['rivers'] });
    expect([...(await library.urlsTagged('rivers'))]).toEqual(['https://news.example/story']);
    expect((await library.urlsTagged('lakes')).size).toBe(0);
    await expect(library.savedArticle('https://news.example/story')).rejects.toMatchObject({ code: 'not-found' });
    library.close();
  });

  it('saving again takes the new copy, keeping state and progress; a copy with much less text (a paywall) keeps the old one and says so', async () => {
    const library = await fresh();
    await library.saveArticle(capture());
    await library.updateSaved('https://news.example/story', { progress: 0.3 });
    expect(await library.saveArticle(capture({ html: '<p>Updated.</p>', words: 1100 }))).toMatchObject({
      outcome: 'updated',
      words: 1100,
    });
    expect(await library.savedArticle('https://news.example/story')).toMatchObject({
      html: '<p>Updated.</p>',
      progress: 0.3,
    });
    expect(await library.saveArticle(capture({ html: '<p>Subscribe to read.</p>', words: 40 }))).toMatchObject({
      outcome: 'kept-older',
      words: 1100,
    });
    expect((await library.savedArticle('https://news.example/story')).html).toBe('<p>Updated.</p>');
    expect(replacesCopy({ words: 100 }, { words: 50 })).toBe(true);
    expect(replacesCopy({ words: 100 }, { words: 49 })).toBe(false);
    library.close();
  });

  it('the contract: saved:put only from a content script, the rest only from Clearmark’s pages; answers as docs/saved-articles.md says', async () => {
    expect(parseBackgroundMessage({ type: 'saved:put', article: capture() }, 'content').ok).toBe(true);
    expect(parseBackgroundMessage({ type: 'saved:put', article: capture() }, 'extension').ok).toBe(false);
    expect(parseBackgroundMessage({ type: 'saved:list' }, 'content').ok).toBe(false);
    expect(parseBackgroundMessage({ type: 'search', query: 'fog' }, 'content').ok).toBe(false);
    expect(parseBackgroundMessage({ type: 'search', query: 'fog', limit: 20 }, 'extension').ok).toBe(true);
    expect(parseBackgroundMessage({ type: 'saved:get', url: 'https://news.example/story' }, 'content').ok).toBe(false);
    expect(
      parseBackgroundMessage({ type: 'saved:update', url: 'https://news.example/story', progress: 2 }, 'extension'),
    ).toMatchObject({ ok: false, error: expect.stringContaining('progress') });
    const library = await fresh();
    const put = await handleBackgroundRequest(library, { type: 'saved:put', article: capture() });
    expect(put.result).toMatchObject({ ok: true, value: { outcome: 'saved' } });
    const list = await handleBackgroundRequest(library, { type: 'saved:list' });
    expect(list.result).toEqual({
      ok: true,
      value: [
        expect.objectContaining({
          url: 'https://news.example/story',
          title: 'The river keeps',
          site: 'News Example',
          words: 1000,
          savedAt: expect.any(Number),
          state: 'unread',
          progress: 0,
          highlights: 0,
        }),
      ],
    });
    const got = await handleBackgroundRequest(library, { type: 'saved:get', url: 'https://news.example/story' });
    expect(got.result).toMatchObject({
      ok: true,
      value: {
        url: 'https://news.example/story',
        title: 'The river keeps',
        byline: 'A. Writer',
        published: '2026-01-02',
        site: 'News Example',
        lang: 'en',
        dir: 'ltr',
        html: '<p>One two three.</p>',
        text: 'One two three.',
      },
    });
    expect(
      (
        await handleBackgroundRequest(library, {
          type: 'saved:update',
          url: 'https://news.example/story',
          state: 'read',
        })
      ).result,
    ).toMatchObject({ ok: true, value: { state: 'read' } });
    expect(
      (await handleBackgroundRequest(library, { type: 'saved:delete', url: 'https://news.example/story' })).result,
    ).toEqual({ ok: true, value: true });
    expect(
      (await handleBackgroundRequest(library, { type: 'saved:get', url: 'https://news.example/story' })).result,
    ).toMatchObject({ ok: false, code: 'not-found' });
    library.close();
  });

  it('a backup of everything carries the copies: backup → delete → restore gives the same copy, read whole or in pieces; a library without copies backs up as it always did', async () => {
    const library = await fresh();
    await library.saveArticle(capture());
    await library.updateSaved('https://news.example/story', { state: 'read', progress: 0.8 });
    const before = await library.savedArticle('https://news.example/story');
    const backup = await handleBackgroundRequest(library, { type: 'export', format: 'backup', scope: 'all' });
    const text = backup.result.ok ? (backup.result.value as { text: string }).text : '';
    expect((JSON.parse(text) as Backup).articles).toHaveLength(1);
    await library.deleteSaved('https://news.example/story');
    const restored = await handleBackgroundRequest(library, { type: 'import', text });
    expect(restored.result.ok).toBe(true);
    expect(await library.savedArticle('https://news.example/story')).toEqual(before);
    // Read in pieces (a backup too long for one string), the same copy.
    const pieces = parseBackupPieces([text.slice(0, 100), text.slice(100, 333), text.slice(333)]);
    expect(pieces.ok && pieces.value.articles).toEqual([before]);
    // An older copy in a backup does not replace a newer one here.
    await library.saveArticle(capture({ html: '<p>Newer.</p>', words: 1200 }));
    await handleBackgroundRequest(library, { type: 'import', text });
    expect((await library.savedArticle('https://news.example/story')).html).toBe('<p>Newer.</p>');
    // A damaged copy in a backup: refused in words, nothing written.
    const damaged = JSON.stringify({
      ...(JSON.parse(text) as Backup),
      articles: [{ ...(JSON.parse(text) as Backup).articles[0], state: 'lost' }],
    });
    expect((await handleBackgroundRequest(library, { type: 'import', text: damaged })).result).toMatchObject({
      ok: false,
      error: expect.stringContaining('articles[0].state must be one of unread, read, archived'),
    });
    library.close();

    const plain = await fresh();
    const empty = await handleBackgroundRequest(plain, { type: 'export', format: 'backup', scope: 'all' });
    expect(empty.result.ok ? (empty.result.value as { text: string }).text : '').not.toContain('articles');
    plain.close();
  });

  it('the choice not to save articles with a first highlight is kept in a backup and comes back with it', async () => {
    const library = await fresh();
    await library.updateSettings({ saveWithFirstHighlight: false });
    const backup = await handleBackgroundRequest(library, { type: 'export', format: 'backup', scope: 'all' });
    const text = backup.result.ok ? (backup.result.value as { text: string }).text : '';
    expect((JSON.parse(text) as Backup).settings.saveWithFirstHighlight).toBe(false);
    const other = await fresh();
    expect((await other.settings()).saveWithFirstHighlight).toBe(true);
    expect((await handleBackgroundRequest(other, { type: 'import', text })).result.ok).toBe(true);
    expect((await other.settings()).saveWithFirstHighlight).toBe(false);
    library.close();
    other.close();
  });
});
