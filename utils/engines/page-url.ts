/**
 * One key per article. The same article is reached through many URLs (campaign parameters,
 * fragments, a canonical address), and its highlights must be found from any of them.
 */

const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'ref_src',
  'cmpid',
  'smid',
]);

function isTracking(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || TRACKING_PARAMS.has(lower);
}

/** The URL without fragment and tracking parameters; null for anything but http(s). */
export function normalizeUrl(href: string): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  // forEach, not keys(): Firefox content scripts see this object through an Xray wrapper whose
  // iterators are not iterable.
  const tracking: string[] = [];
  url.searchParams.forEach((_value, name) => {
    if (isTracking(name)) tracking.push(name);
  });
  for (const name of tracking) url.searchParams.delete(name);
  url.search = url.searchParams.toString() ? `?${url.searchParams.toString()}` : '';
  return url.href;
}

/**
 * The key for the page a document shows: its canonical URL when that points into the same site
 * (a canonical on another site marks syndicated copies, which keep their own highlights), else
 * the document's own URL, normalized. Redirects need nothing here: the document's URL is the
 * address the redirects ended at.
 */
export function pageUrlOf(doc: Document): string | null {
  const own = normalizeUrl(doc.location.href);
  if (!own) return null;
  const canonical = canonicalOf(doc);
  return canonical && new URL(canonical).origin === new URL(own).origin ? canonical : own;
}

function canonicalOf(doc: Document): string | null {
  const href = doc.querySelector<HTMLLinkElement>('link[rel~="canonical" i][href]')?.href;
  return href ? normalizeUrl(href) : null;
}

/**
 * The page key through a document's whole life. A single-page app changes the address without
 * a new document, and often leaves the first page's canonical link in place: a canonical link
 * that has not changed while the address did is not trusted, or every page of the app would
 * share the first one's highlights.
 */
export function followPageUrl(doc: Document): () => string | null {
  let seenOwn = normalizeUrl(doc.location.href);
  let seenCanonical = canonicalOf(doc);
  return () => {
    const own = normalizeUrl(doc.location.href);
    if (!own) return null;
    const canonical = canonicalOf(doc);
    if (canonical !== seenCanonical) {
      seenOwn = own;
      seenCanonical = canonical;
    }
    if (own !== seenOwn && canonical === seenCanonical) return own;
    return pageUrlOf(doc);
  };
}
