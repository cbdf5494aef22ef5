/**
 * A PDF's bytes, fetched for Clearmark's viewer from its address (from the extension page, which
 * needs access to the site unless it allows any origin), with their digest and the text kept from
 * an earlier open of the same file looked up at once. Kept apart from PDF.js (./pdf-document.ts)
 * so the viewer's first, small script starts the fetch while PDF.js itself is still loading.
 */
import { t } from '../i18n/words';
import { fileDigest, keptPdfText } from './pdf-text-cache';

/** The largest PDF the viewer reads (a bigger file is refused with a clear message, not read into memory). */
export const MAX_PDF_BYTES = 200 * 1024 * 1024;

export interface PdfFile {
  data: Uint8Array;
  /** The SHA-256 of the bytes: the key the file's text is kept under (pdf-text-cache.ts). */
  sha: Promise<string>;
  /** The text kept from an earlier open of this file, or null; not yet checked against the file. */
  kept: Promise<unknown>;
}

/** The file, or why it could not be fetched: access to its site is needed (a click can ask for it), or anything else, in words. */
export type PdfFetch = { ok: true; value: PdfFile } | { ok: false; needsAccess: boolean; error: string };

export const pdfFailure = (error: string): { ok: false; needsAccess: false; error: string } => ({
  ok: false,
  needsAccess: false,
  error,
});

/** Whether the viewer can be asked to fetch this address (a web or a file address). */
export const isPdfAddress = (url: string): boolean => /^(https?|file):\/\//i.test(url);

/** Fetches the PDF at `url`. */
export async function fetchPdf(url: string): Promise<PdfFetch> {
  let data: Uint8Array;
  try {
    // With the user's cookies first (a PDF behind a login); a site that shares the file with every
    // origin refuses a request that carries them, and is asked again without.
    const answer = await fetch(url, { credentials: 'include' }).catch(() => fetch(url, { credentials: 'omit' }));
    if (!answer.ok) return pdfFailure(t('pdfNotFound'));
    if (Number(answer.headers.get('content-length') ?? 0) > MAX_PDF_BYTES) return pdfFailure(t('pdfTooLarge'));
    data = new Uint8Array(await answer.arrayBuffer());
  } catch {
    // A fetch refused outright: the site does not share the file with other origins, or the
    // browser keeps files on this computer from extensions.
    if (url.startsWith('file:')) return pdfFailure(t('pdfLocalFile'));
    return { ok: false, needsAccess: true, error: t('pdfNeedsAccess') };
  }
  if (data.byteLength > MAX_PDF_BYTES) return pdfFailure(t('pdfTooLarge'));
  // Digested before PDF.js takes the bytes to its worker; the kept text is looked up meanwhile.
  const sha = fileDigest(data);
  sha.catch(() => undefined);
  return { ok: true, value: { data, sha, kept: sha.then(keptPdfText).catch(() => null) } };
}
