/**
 * The text of PDFs opened before, kept so a returning file opens at once: PDF.js takes seconds to
 * read every page's text of a long PDF (which placing its highlights needs), and a kept text is
 * read back in milliseconds. Kept in the extension's own Cache Storage under the SHA-256 of the
 * file's bytes, so only the very same file finds it (an edited one is read afresh, whatever its
 * fingerprint says). It is derived data, never backed up or synced; beyond `KEEP` files the
 * oldest kept are dropped. A browser that keeps no cache here (a private window) reads every time.
 * The file's name (`urn:x-pdf:…`) is kept with its text, so a returning file's highlights are
 * asked for as soon as its text is found, while PDF.js is still reading the file.
 */
import type { PdfText } from '../engines/pdf/pdf-text';

const CACHE = 'clearmark-pdf-text-v1';
/** Files whose text is kept (a long PDF's text is a few hundred kilobytes). */
export const KEEP = 100;
/** Cache Storage keys are web addresses: this one is never fetched (`.invalid` names nothing). */
const keyOf = (sha: string) => `https://pdf-text.clearmark.invalid/${sha}`;

/** The SHA-256 of a file's bytes, in hex (read before PDF.js takes the bytes to its worker). */
export async function fileDigest(data: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * What is kept for the file with this digest, or null: read before the file's page count is
 * known, so it is checked against the file with `fitsPdf` before it is used.
 */
export async function keptPdfText(sha: string): Promise<unknown> {
  try {
    const answer = await (await caches.open(CACHE)).match(keyOf(sha));
    return answer ? ((await answer.json()) as unknown) : null;
  } catch {
    return null;
  }
}

/** Keeps a file's text and the name its highlights are kept under; the oldest kept are dropped beyond `KEEP`. Failing to keep it loses nothing. */
export async function keepPdfText(sha: string, text: PdfText, urn: string): Promise<void> {
  try {
    const cache = await caches.open(CACHE);
    await cache.put(
      keyOf(sha),
      new Response(JSON.stringify({ text: text.text, pageStarts: text.pageStarts, urn }), {
        headers: { 'content-type': 'application/json' },
      }),
    );
    // Keys come back in the order they were put.
    const keys = await cache.keys();
    await Promise.all(keys.slice(0, Math.max(0, keys.length - KEEP)).map((key) => cache.delete(key)));
  } catch {
    /* no cache here: the next open reads the text again */
  }
}

/** Whether a kept value is a text of `pages` pages, each starting in order within it. */
export function fitsPdf(kept: unknown, pages: number): kept is PdfText {
  if (typeof kept !== 'object' || kept === null) return false;
  const { text, pageStarts } = kept as Partial<PdfText>;
  if (typeof text !== 'string' || !Array.isArray(pageStarts) || pageStarts.length !== pages) return false;
  return pageStarts.every(
    (start, i) =>
      Number.isSafeInteger(start) &&
      start >= 0 &&
      start <= text.length &&
      (i === 0 ? start === 0 : start > (pageStarts[i - 1] ?? Infinity)),
  );
}

/** The name a kept file's highlights are kept under (`urn:x-pdf:…`), or null (none kept, or kept before names were). */
export function keptUrn(kept: unknown): string | null {
  const urn = typeof kept === 'object' && kept !== null ? (kept as { urn?: unknown }).urn : undefined;
  return typeof urn === 'string' && urn.startsWith('urn:x-pdf:') ? urn : null;
}
