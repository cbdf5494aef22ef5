/**
 * Saved copies' pictures kept offline: which addresses a copy shows, how kept pictures are
 * stored, shown and freed (storage in fake-indexeddb), and what the background keeps when a
 * picture fails or the budget is spent. Scaling itself needs a browser's canvas: it is checked
 * in real Firefox (tests/browser/saved.test.ts).
 */
import 'fake-indexeddb/auto';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { imageAddresses } from '@/utils/engines/reader/image-addresses';
import { handleBackgroundRequest } from '@/utils/background/requests';
import { Library } from '@/utils/background/storage';
import { OfflineImages } from '@/utils/background/offline-images';
import { placePictures } from '@/utils/pages/saved-pictures';
import type { ArticleCapture } from '@/utils/shared/model';

const DAY = 24 * 60 * 60 * 1000;
const capture = (url: string, html: string): ArticleCapture => ({
  url,
  title: 'Pictures',
  byline: '',
  published: '',
  site: 'Pictures Example',
  lang: 'en',
  dir: 'ltr',
  html,
  text: 'Words about pictures, long enough to be an article.',
  words: 9,
  readingMinutes: 1,
  leadImage: '',
});
const fresh = (now?: () => number) => Library.open(`pictures-${Math.random()}`, now);

describe('pictures of saved copies', () => {
  it('reads the addresses a copy shows, once each, with entities decoded; held pictures too; never data: or relative ones', () => {
    const html =
      '<p>x</p><img src="https://a.example/1.jpg?w=1&amp;h=2" alt=""><img alt="y" src="https://a.example/1.jpg?w=1&amp;h=2">' +
      '<img data-held-src="https://b.example/lazy.png"><img src="data:image/png;base64,AAAA"><img src="/relative.png"><IMG SRC="http://c.example/3.gif">';
    expect(imageAddresses(html)).toEqual([
      'https://a.example/1.jpg?w=1&h=2',
      'https://b.example/lazy.png',
      'http://c.example/3.gif',
    ]);
  });

  it('keeps what can be fetched within the budget, leaves the address of what fails, and only with access granted', async () => {
    const library = await fresh();
    const url = 'https://pictures.example/story';
    await library.saveArticle(
      capture(
        url,
        '<img src="https://a.example/ok.svg"><img src="https://a.example/missing.png"><img src="https://a.example/page.html">',
      ),
    );
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>';
    const fake: typeof fetch = async (input) => {
      const address = input instanceof Request ? input.url : input.toString();
      if (address.endsWith('ok.svg')) return new Response(svg, { headers: { 'content-type': 'image/svg+xml' } });
      if (address.endsWith('page.html')) return new Response('<html>', { headers: { 'content-type': 'text/html' } });
      return new Response('', { status: 404 });
    };
    let granted = false;
    const images = new OfflineImages(async () => library, { fetch: fake, permitted: async () => granted });
    expect(await images.keep(url)).toEqual({ kept: 0, failed: 0 });
    expect((await library.articleImages(url)).size).toBe(0);
    granted = true;
    expect(await images.keep(url)).toEqual({ kept: 1, failed: 2 });
    const kept = await library.articleImages(url);
    expect([...kept.keys()]).toEqual(['https://a.example/ok.svg']);
    // (fake-indexeddb does not clone Blobs: the picture's bytes are checked in real browsers.)
    library.close();
  });

  it('shows kept pictures from storage and no remote srcset beside them; with pictures off, none loads', () => {
    const { window } = new JSDOM('<body></body>', { url: 'https://x.example/' });
    const win = window as unknown as Window & typeof globalThis;
    let made = 0;
    win.URL.createObjectURL = () => `blob:kept-${++made}`;
    const html =
      '<picture><source srcset="https://a.example/big.webp"><img src="https://a.example/1.jpg" srcset="https://a.example/1@2x.jpg 2x"></picture><img src="https://a.example/2.jpg">';
    const body = window.document.createElement('div');
    body.innerHTML = html;
    placePictures(body, new Map([['https://a.example/1.jpg', new window.Blob(['x'])]]), 'address', win);
    expect(body.innerHTML).toBe('<picture><img src="blob:kept-1"></picture><img src="https://a.example/2.jpg">');
    body.innerHTML = html;
    placePictures(body, new Map(), 'none', win);
    expect(body.querySelectorAll('[src], [srcset], source')).toHaveLength(0);
    // A picture the page had not loaded (held back when saved) loads by address in the copy, unless pictures are off.
    body.innerHTML = '<img data-held-src="https://a.example/lazy.jpg" alt="lazy">';
    placePictures(body, new Map(), 'address', win);
    expect(body.innerHTML).toBe('<img alt="lazy" src="https://a.example/lazy.jpg">');
    body.innerHTML = '<img data-held-src="https://a.example/lazy.jpg" alt="lazy">';
    placePictures(body, new Map([['https://a.example/lazy.jpg', new window.Blob(['x'])]]), 'address', win);
    expect(body.querySelector('img')!.getAttribute('src')).toMatch(/^blob:kept-/);
  });

  it('says how much room copies and pictures take, drops pictures of older copies, deletes old archived copies (their highlights stay)', async () => {
    let clock = Date.UTC(2026, 0, 1);
    const library = await fresh(() => clock);
    const old = 'https://pictures.example/old';
    const recent = 'https://pictures.example/recent';
    await library.saveArticle(capture(old, '<img src="https://a.example/1.png">'));
    await library.create({
      page: { url: old, title: 'Old', siteName: 'Pictures' },
      color: 'yellow',
      note: '',
      target: {
        quote: { type: 'TextQuoteSelector', exact: 'Words', prefix: '', suffix: ' about' },
        position: { type: 'TextPositionSelector', start: 0, end: 5 },
      },
    });
    await library.putArticleImages(old, [{ src: 'https://a.example/1.png', blob: new Blob(['12345678']) }]);
    clock += 60 * DAY;
    await library.saveArticle(capture(recent, '<img src="https://a.example/2.png">'));
    await library.putArticleImages(recent, [{ src: 'https://a.example/2.png', blob: new Blob(['1234']) }]);
    const use = await handleBackgroundRequest(library, { type: 'storage:use' });
    expect(use.result).toMatchObject({ ok: true, value: { copies: 2, images: 2, imageBytes: 12 } });

    const now = () => clock;
    expect(
      (await handleBackgroundRequest(library, { type: 'saved:prune', what: 'images', olderThanDays: 30 }, { now }))
        .result,
    ).toEqual({ ok: true, value: { copies: 0, images: 1 } });
    expect((await library.articleImages(old)).size).toBe(0);
    expect((await library.articleImages(recent)).size).toBe(1);

    // Only archived copies go, and only old ones.
    expect(
      (await handleBackgroundRequest(library, { type: 'saved:prune', what: 'archived', olderThanDays: 30 }, { now }))
        .result,
    ).toEqual({ ok: true, value: { copies: 0, images: 0 } });
    await library.updateSaved(old, { state: 'archived' });
    await library.updateSaved(recent, { state: 'archived' });
    expect(
      (await handleBackgroundRequest(library, { type: 'saved:prune', what: 'archived', olderThanDays: 30 }, { now }))
        .result,
    ).toEqual({ ok: true, value: { copies: 1, images: 0 } });
    expect(await library.savedUrls()).toEqual([recent]);
    expect((await library.page(old)).highlights).toHaveLength(1);
    // A deleted copy takes its pictures with it.
    await library.deleteSaved(recent);
    expect((await library.articleImages(recent)).size).toBe(0);
    library.close();
  });
});

describe('pictures in a backup', () => {
  it('are written only when kept, read back the same whole or in pieces, and a damaged one is refused in words', async () => {
    const { toBackup, parseBackup, parseBackupPieces } = await import('@/utils/engines/export/backup');
    const { DEFAULT_SETTINGS } = await import('@/utils/shared/model');
    expect(toBackup([], [], DEFAULT_SETTINGS)).not.toContain('pictures');
    const pictures = [
      { article: 'https://pictures.example/b', src: 'https://a.example/2.webp', type: 'image/webp', data: 'UklGRg==' },
      {
        article: 'https://pictures.example/a',
        src: 'https://a.example/1.svg',
        type: 'image/svg+xml',
        data: 'PHN2Zy8+',
      },
    ];
    const text = toBackup([], [], DEFAULT_SETTINGS, [], pictures);
    const read = parseBackup(text);
    expect(read.ok && read.value.pictures).toEqual([pictures[1], pictures[0]]);
    const pieces = parseBackupPieces([text.slice(0, 50), text.slice(50, 200), text.slice(200)]);
    expect(pieces.ok && pieces.value.pictures).toEqual([pictures[1], pictures[0]]);
    expect(toBackup([], [], DEFAULT_SETTINGS, [], read.ok ? read.value.pictures : [])).toBe(text);
    const damaged = text.replace('PHN2Zy8+', 'not base64!');
    expect(parseBackup(damaged)).toMatchObject({
      ok: false,
      error: 'The backup is damaged: pictures[0].data must be base64.',
    });
  });
});
