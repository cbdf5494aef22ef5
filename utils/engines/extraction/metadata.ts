/**
 * What the page says about the article: title, byline, date, site, language, lead image and
 * excerpt, from structured data (JSON-LD), Open Graph and meta tags, then the page itself
 * (looked up only when the declared data is missing).
 */
import { first, pageSignals, type Json, type PageSignals } from './page-signals';
import { absoluteUrl } from '../../shared/urls';

export interface ArticleMetadata {
  title: string;
  byline: string;
  /** ISO 8601 when the page states it, else ''. */
  publishedAt: string;
  siteName: string;
  lang: string;
  leadImage: string;
  excerpt: string;
}

function names(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(names).filter(Boolean).join(', ');
  if (value && typeof value === 'object' && typeof (value as Json).name === 'string') return (value as Json).name as string;
  return '';
}

const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** The document title without a trailing " – Site Name" or " | Site". */
function titleFromDocument(doc: Document, siteName: string): string {
  const raw = clean(doc.title);
  const parts = raw.split(/\s+[|–—\-:»·]\s+/);
  if (parts.length > 1) {
    const last = parts[parts.length - 1]!;
    if ((siteName && last.toLowerCase() === siteName.toLowerCase()) || last.split(' ').length <= 4) {
      return parts.slice(0, -1).join(' – ');
    }
  }
  return raw;
}

export function articleMetadata(doc: Document, root: Element | null, signals: PageSignals = pageSignals(doc)): ArticleMetadata {
  const ld = signals.jsonLd;
  const meta = (_doc: Document, ...keys: string[]) => first(signals.meta, ...keys);
  const siteName = clean(meta(doc, 'og:site_name', 'application-name') || names(ld?.publisher));
  const h1 = () => (root?.getElementsByTagName('h1')[0] ?? doc.getElementsByTagName('h1')[0])?.textContent;
  const title = clean(
    meta(doc, 'og:title', 'twitter:title') || (typeof ld?.headline === 'string' ? ld.headline : '') || h1() || titleFromDocument(doc, siteName),
  );
  const byline = clean(
    names(ld?.author) ||
      meta(doc, 'author', 'article:author', 'parsely-author', 'sailthru.author') ||
      doc.querySelector('[rel="author"], [itemprop="author"], .byline, .author')?.textContent,
  ).replace(/^by\s+/i, '');
  const publishedAt = clean(
    meta(doc, 'article:published_time', 'datePublished', 'pubdate', 'publish-date', 'date') ||
      (typeof ld?.datePublished === 'string' ? ld.datePublished : '') ||
      doc.querySelector('time[datetime]')?.getAttribute('datetime'),
  );
  const image = ld?.image;
  const leadImage = meta(doc, 'og:image', 'twitter:image') || (typeof image === 'string' ? image : names((image as Json | undefined)?.url ? [(image as Json).url] : []));
  const excerpt = clean(meta(doc, 'og:description', 'description', 'twitter:description') || root?.getElementsByTagName('p')[0]?.textContent).slice(0, 300);
  return {
    title: title.length > 300 ? titleFromDocument(doc, siteName) : title,
    byline: byline.length > 120 ? '' : byline,
    publishedAt,
    siteName,
    lang: doc.documentElement.getAttribute('lang') ?? '',
    leadImage: leadImage ? absoluteUrl(leadImage, doc.baseURI) : '',
    excerpt,
  };
}


/** Words in a text (runs of letters and digits), for counts and reading time. */
export function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)?.length ?? 0;
}

/** Minutes to read, at 230 words a minute, at least one. */
export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / 230));
}
