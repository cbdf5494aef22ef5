/**
 * Fetching an article's page for a copy taken without visiting it (a reading-list entry opened, or
 * fetched in the background): as the user's own visit would (with the site's cookies, so an
 * article they may read comes whole), within a time and a size, HTML only. One place, so the
 * copy opened from the Saved view and the one fetched in the background read a page alike.
 */

/** Long enough for a slow site; a page that takes longer is opened instead. */
export const FETCH_TIMEOUT_MS = 30_000;
/** The most of a page read: far above any article's markup. */
export const MAX_PAGE_CHARS = 20 * 1024 * 1024;

export type PageFetch =
  | { ok: true; html: string }
  /** `unreachable`: no answer, or an HTTP error (`error` says which); `no-article`: not a page of HTML, or far too large. */
  | { ok: false; why: 'unreachable' | 'no-article'; error: string };

export async function fetchPageHtml(fetcher: typeof fetch, url: string): Promise<PageFetch> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), FETCH_TIMEOUT_MS);
  try {
    const response = await fetcher(url, { credentials: 'include', redirect: 'follow', signal: controller.signal });
    if (!response.ok) return { ok: false, why: 'unreachable', error: `HTTP ${response.status}` };
    const type = response.headers.get('content-type') ?? '';
    if (type && !/html|xml/i.test(type)) return { ok: false, why: 'no-article', error: type };
    const html = await response.text();
    return html.length > MAX_PAGE_CHARS ? { ok: false, why: 'no-article', error: 'too large' } : { ok: true, html };
  } catch (error) {
    return { ok: false, why: 'unreachable', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
