/**
 * What a page declares about itself, read once and shared by detection and metadata: its meta
 * tags (Open Graph, Twitter, plain names) and its JSON-LD Article, if any.
 */

export type Json = Record<string, unknown>;

export interface PageSignals {
  /** Meta tag contents by lower-cased property, name or itemprop (the first of each wins). */
  meta: Map<string, string>;
  /** The page's JSON-LD Article (NewsArticle, BlogPosting, Report, Review…), if it has one. */
  jsonLd: Json | null;
  /** The page says it is an article: og:type, JSON-LD or an <article> element. */
  declaredArticle: boolean;
}

export function pageSignals(doc: Document): PageSignals {
  const meta = metaTags(doc);
  const jsonLd = jsonLdArticle(doc);
  const declaredArticle =
    meta.get('og:type')?.toLowerCase() === 'article' ||
    jsonLd !== null ||
    doc.getElementsByTagName('article').length > 0;
  return { meta, jsonLd, declaredArticle };
}

export function first(tags: Map<string, string>, ...keys: string[]): string {
  for (const key of keys) {
    const value = tags.get(key.toLowerCase());
    if (value) return value;
  }
  return '';
}

function metaTags(doc: Document): Map<string, string> {
  const tags = new Map<string, string>();
  for (const el of Array.from(doc.getElementsByTagName('meta'))) {
    const content = el.getAttribute('content')?.trim();
    if (!content) continue;
    for (const attr of ['property', 'name', 'itemprop']) {
      const key = el.getAttribute(attr)?.toLowerCase();
      if (key && !tags.has(key)) tags.set(key, content);
    }
  }
  return tags;
}

function jsonLdArticle(doc: Document): Json | null {
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent);
    } catch {
      continue;
    }
    const queue: unknown[] = [data];
    while (queue.length) {
      const item = queue.shift();
      if (Array.isArray(item)) queue.push(...(item as unknown[]));
      else if (item && typeof item === 'object') {
        const record = item as Json;
        const type = record['@type'];
        const types = Array.isArray(type) ? type : [type];
        if (types.some((t) => typeof t === 'string' && /Article|BlogPosting|Report|Review/.test(t))) return record;
        if (record['@graph']) queue.push(record['@graph']);
      }
    }
  }
  return null;
}
