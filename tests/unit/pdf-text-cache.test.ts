// @vitest-environment node
/**
 * The kept texts of PDFs: found again only for the very same bytes and page count, refused when
 * what is kept does not fit, the oldest dropped beyond the limit, and nothing breaks where the
 * browser keeps no cache. Cache Storage is stood in for by a small map-backed one.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pdfText } from '@/utils/engines/pdf/pdf-text';
import { fileDigest, fitsPdf, KEEP, keepPdfText, keptPdfText as keptRaw, keptUrn } from '@/utils/pages/pdf-text-cache';

/** What is kept for a file, as the viewer takes it: only when it fits the file's pages. */
const keptPdfText = async (sha: string, pages: number) => {
  const kept = await keptRaw(sha);
  return fitsPdf(kept, pages) ? kept : null;
};

/** Cache Storage as the tests need it: one map per name, keys in the order they were put. */
function memoryCaches() {
  const stores = new Map<string, Map<string, string>>();
  const cacheOf = (entries: Map<string, string>) => ({
    match: async (key: string) => (entries.has(key) ? new Response(entries.get(key)) : undefined),
    put: async (key: string, answer: Response) => {
      entries.delete(key);
      entries.set(key, await answer.text());
    },
    keys: async () => [...entries.keys()].map((url) => ({ url })),
    delete: async (key: { url: string } | string) => entries.delete(typeof key === 'string' ? key : key.url),
  });
  return {
    stores,
    open: async (name: string) => {
      if (!stores.has(name)) stores.set(name, new Map());
      return cacheOf(stores.get(name)!);
    },
    delete: async (name: string) => stores.delete(name),
  };
}

const scope = globalThis as { caches?: unknown };
let fake: ReturnType<typeof memoryCaches>;
beforeEach(() => {
  fake = memoryCaches();
  scope.caches = fake;
});
afterEach(() => delete scope.caches);

const URN = 'urn:x-pdf:6b1f0c2e9d4a7f3b8c5e1d0a2f4b6c8e';
const TEXT = pdfText([[{ str: 'First page', hasEOL: true }, { str: 'ends.' }], [{ str: 'Second page.' }]]);

describe('kept PDF texts', () => {
  it('are found again for the same bytes and page count, and only then', async () => {
    const sha = await fileDigest(new TextEncoder().encode('%PDF-1.7 the same file'));
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    expect(await fileDigest(new TextEncoder().encode('%PDF-1.7 the same file'))).toBe(sha);
    expect(await fileDigest(new TextEncoder().encode('%PDF-1.7 an edited file'))).not.toBe(sha);
    expect(await keptPdfText(sha, 2)).toBeNull();
    await keepPdfText(sha, TEXT, URN);
    expect(await keptPdfText(sha, 2)).toEqual({ ...TEXT, urn: URN });
    expect(await keptPdfText(sha, 3)).toBeNull();
    expect(await keptPdfText('0'.repeat(64), 2)).toBeNull();
  });

  it('are refused when what is kept does not fit: pages out of order or past the text, or not a text', async () => {
    const sha = 'a'.repeat(64);
    for (const broken of [
      { text: 'ab\ncd', pageStarts: [0, 9] },
      { text: 'ab\ncd', pageStarts: [0, 0] },
      { text: 'ab\ncd', pageStarts: [1, 3] },
      { text: 7, pageStarts: [0, 3] },
      { text: 'ab\ncd', pageStarts: '0,3' },
    ]) {
      const store = (await fake.open('clearmark-pdf-text-v1')) as { put(k: string, r: Response): Promise<void> };
      await store.put(`https://pdf-text.clearmark.invalid/${sha}`, new Response(JSON.stringify(broken)));
      expect(await keptPdfText(sha, 2)).toBeNull();
    }
    const store = (await fake.open('clearmark-pdf-text-v1')) as { put(k: string, r: Response): Promise<void> };
    await store.put(`https://pdf-text.clearmark.invalid/${sha}`, new Response('not json'));
    expect(await keptPdfText(sha, 2)).toBeNull();
  });

  it('name the highlights of the file they were kept for, so those are asked for before PDF.js has read it', async () => {
    const sha = 'c'.repeat(64);
    await keepPdfText(sha, TEXT, URN);
    expect(keptUrn(await keptRaw(sha))).toBe(URN);
    // Nothing kept, a text kept before names were, or a name that is not a PDF's: no early question.
    expect(keptUrn(await keptRaw('d'.repeat(64)))).toBeNull();
    for (const kept of [TEXT, { ...TEXT, urn: 'https://example.com/a.pdf' }, { ...TEXT, urn: 7 }, 'urn:x-pdf:1', null])
      expect(keptUrn(kept)).toBeNull();
  });

  it(`keeps the newest ${KEEP} files`, async () => {
    for (let i = 0; i <= KEEP; i++) await keepPdfText(i.toString(16).padStart(64, '0'), TEXT, URN);
    expect(fake.stores.get('clearmark-pdf-text-v1')!.size).toBe(KEEP);
    expect(await keptPdfText('0'.repeat(64), 2)).toBeNull();
    expect(await keptPdfText(KEEP.toString(16).padStart(64, '0'), 2)).toEqual({ ...TEXT, urn: URN });
  });

  it('where the browser keeps no cache, finds nothing and keeps nothing, without a fault', async () => {
    scope.caches = {
      open: () => Promise.reject(new DOMException('The operation is insecure.', 'SecurityError')),
    };
    await expect(keepPdfText('b'.repeat(64), TEXT, URN)).resolves.toBeUndefined();
    await expect(keptPdfText('b'.repeat(64), 2)).resolves.toBeNull();
    delete scope.caches;
    await expect(keptPdfText('b'.repeat(64), 2)).resolves.toBeNull();
  });
});
