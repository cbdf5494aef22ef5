// Fetching a page for a copy taken without visiting it (utils/shared/fetch-page.ts): one behaviour
// for the copy opened from the Saved view and the one fetched in the background.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FETCH_TIMEOUT_MS, MAX_PAGE_CHARS, fetchPageHtml } from '@/utils/shared/fetch-page';

afterEach(() => void vi.useRealTimers());

const answering =
  (body: string, init: ResponseInit = {}): typeof fetch =>
  async () =>
    new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8' }, ...init });

describe('fetching an article’s page', () => {
  it('answers the HTML of a page, asked for with the user’s cookies', async () => {
    const seen: RequestInit[] = [];
    const fetcher: typeof fetch = async (_url, init) => (
      seen.push(init!),
      new Response('<p>Hi</p>', { headers: { 'content-type': 'text/html' } })
    );
    expect(await fetchPageHtml(fetcher, 'https://a.example/')).toEqual({ ok: true, html: '<p>Hi</p>' });
    expect(seen[0]).toMatchObject({ credentials: 'include', redirect: 'follow' });
  });

  it('says why there is no page: an HTTP error, a file that is not HTML, a page far too large, no answer', async () => {
    expect(await fetchPageHtml(answering('gone', { status: 404 }), 'https://a.example/')).toEqual({
      ok: false,
      why: 'unreachable',
      error: 'HTTP 404',
    });
    expect(
      await fetchPageHtml(answering('%PDF', { headers: { 'content-type': 'application/pdf' } }), 'https://a.example/'),
    ).toMatchObject({ ok: false, why: 'no-article' });
    expect(await fetchPageHtml(answering('x'.repeat(MAX_PAGE_CHARS + 1)), 'https://a.example/')).toMatchObject({
      ok: false,
      why: 'no-article',
    });
    const refused: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await fetchPageHtml(refused, 'https://a.example/')).toEqual({
      ok: false,
      why: 'unreachable',
      error: 'Failed to fetch',
    });
  });

  it('gives up on a site that does not answer in time', async () => {
    vi.useFakeTimers();
    const silent: typeof fetch = (_url, init) =>
      new Promise((_, reject) =>
        init!.signal!.addEventListener('abort', () =>
          reject(new DOMException('The operation was aborted.', 'AbortError')),
        ),
      );
    const fetched = fetchPageHtml(silent, 'https://slow.example/');
    await vi.advanceTimersByTimeAsync(FETCH_TIMEOUT_MS);
    expect(await fetched).toMatchObject({ ok: false, why: 'unreachable' });
  });
});
