/**
 * Keeps a saved copy's pictures offline, when the user chose to (docs/saved-articles.md): each
 * picture fetched once, in the background (which holds the optional access to all sites), scaled
 * to at most 1600 px on its longer side, and stored beside the copy within a budget per article.
 * A picture that cannot be fetched, read or kept within the budget keeps its address, as before.
 */
import { imageAddresses } from '../engines/reader/image-addresses';
import type { Library } from './storage';

/** Longest side a kept picture may have. */
export const MAX_SIDE = 1600;
/** What one article's pictures may take, in bytes. */
export const ARTICLE_BUDGET = 12 * 1024 * 1024;
/** Pictures one article keeps at most. */
const MAX_IMAGES = 60;
/** The most read of one picture before it is scaled (a larger file keeps its address). */
const MAX_SOURCE_BYTES = 25 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 20_000;

export interface KeptImages {
  kept: number;
  failed: number;
}

export interface ImageFetching {
  fetch: typeof fetch;
  /** Whether the user has granted access to fetch pictures from any site. */
  permitted: () => Promise<boolean>;
}

export class OfflineImages {
  /** One keeping per article at a time: saving twice quickly keeps once, then again. */
  private readonly running = new Map<string, Promise<KeptImages>>();

  constructor(
    private readonly library: () => Promise<Library>,
    private readonly fetching: ImageFetching,
  ) {}

  /** Keeps the pictures of the saved copy of `url`. */
  keep(url: string): Promise<KeptImages> {
    const before = this.running.get(url) ?? Promise.resolve({ kept: 0, failed: 0 });
    const next = before.catch(() => undefined).then(() => this.keepNow(url));
    this.running.set(url, next);
    void next.finally(() => this.running.get(url) === next && this.running.delete(url)).catch(() => undefined);
    return next;
  }

  private async keepNow(url: string): Promise<KeptImages> {
    if (!(await this.fetching.permitted())) return { kept: 0, failed: 0 };
    const library = await this.library();
    const article = await library.savedArticle(url);
    const addresses = imageAddresses(article.html).slice(0, MAX_IMAGES);
    const kept: { src: string; blob: Blob }[] = [];
    let budget = ARTICLE_BUDGET;
    let failed = 0;
    for (const src of addresses) {
      const blob = await this.picture(src).catch(() => null);
      if (blob && blob.size <= budget) {
        kept.push({ src, blob });
        budget -= blob.size;
      } else failed++;
    }
    await library.putArticleImages(url, kept);
    return { kept: kept.length, failed: failed + Math.max(0, imageAddresses(article.html).length - MAX_IMAGES) };
  }

  /** One picture, fetched and scaled; null when it is not a picture. */
  private async picture(src: string): Promise<Blob | null> {
    const response = await this.fetching.fetch(src, {
      credentials: 'omit',
      redirect: 'follow',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      cache: 'force-cache',
    });
    const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!response.ok || !type.startsWith('image/')) return null;
    if (Number(response.headers.get('content-length') ?? 0) > MAX_SOURCE_BYTES) return null;
    const blob = await response.blob();
    if (blob.size > MAX_SOURCE_BYTES) return null;
    return scaled(blob.type ? blob : new Blob([blob], { type }));
  }
}

/**
 * A picture no larger than MAX_SIDE on its longer side: as it is when it already fits (or is a
 * drawing, SVG, that has no pixels to count), else drawn smaller and encoded as WebP (JPEG where
 * the browser cannot write WebP).
 */
export async function scaled(blob: Blob): Promise<Blob | null> {
  if (blob.type === 'image/svg+xml') return blob;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch {
    return null; // not a picture the browser can read
  }
  try {
    const longer = Math.max(bitmap.width, bitmap.height);
    if (longer <= MAX_SIDE) return blob;
    const ratio = MAX_SIDE / longer;
    const canvas = new OffscreenCanvas(Math.round(bitmap.width * ratio), Math.round(bitmap.height * ratio));
    const context = canvas.getContext('2d');
    if (!context) return null;
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const webp = await canvas.convertToBlob({ type: 'image/webp', quality: 0.85 });
    return webp.type === 'image/webp' ? webp : await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
  } finally {
    bitmap.close();
  }
}
