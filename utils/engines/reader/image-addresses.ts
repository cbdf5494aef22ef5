/**
 * The pictures a saved copy shows, by address: what is fetched to keep them offline. The copy's
 * HTML is the reader's own sanitized serialization (attributes double-quoted, `&` as `&amp;`),
 * so its `<img src>` can be read without a DOM — the background, where pictures are fetched, has
 * none in Chrome.
 */

/** Every distinct http(s) address an `<img>` of the copy shows, in order. */
export function imageAddresses(html: string): string[] {
  const found = new Set<string>();
  for (const tag of html.matchAll(/<img\b[^>]*>/gi)) {
    // A picture the page itself had not loaded waits in data-held-src (article-html.ts): kept too.
    const src = /\ssrc="([^"]*)"/i.exec(tag[0])?.[1] ?? /\sdata-held-src="([^"]*)"/i.exec(tag[0])?.[1];
    if (!src) continue;
    const address = decodeAttribute(src);
    if (/^https?:\/\//i.test(address)) found.add(address);
  }
  return [...found];
}

function decodeAttribute(value: string): string {
  return value.replace(
    /&(amp|quot|lt|gt|#39|#x27);/g,
    (_, name: string) => ({ amp: '&', quot: '"', lt: '<', gt: '>', '#39': "'", '#x27': "'" })[name] ?? _,
  );
}
