/**
 * Opening a PDF for Clearmark's viewer: its bytes fetched from its address (from this extension
 * page, which needs access to the site unless it allows any origin), read by PDF.js in its worker,
 * and named by its fingerprint (`urn:x-pdf:…`), which is the same wherever the file is opened from.
 * Kept apart from the viewer's screen so the loading rules are read in one place.
 */
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from './pdfjs-lib';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { pdfText, type PdfText, type PdfTextItem } from '../engines/pdf/pdf-text';
import { t } from '../i18n/words';
import { fileDigest, fitsPdf, keepPdfText, keptPdfText } from './pdf-text-cache';

GlobalWorkerOptions.workerSrc = workerUrl;

/** The largest PDF the viewer reads (a bigger file is refused with a clear message, not read into memory). */
export const MAX_PDF_BYTES = 200 * 1024 * 1024;

export interface OpenedPdf {
  pdf: PDFDocumentProxy;
  /** `urn:x-pdf:<fingerprint>`: what its highlights are kept under. */
  urn: string;
  title: string;
  /** The SHA-256 of the file's bytes: the key its text is kept under (pdf-text-cache.ts). */
  sha: string;
  /** The text kept from an earlier open of this file, looked up while PDF.js read it; not yet checked against it. */
  kept: Promise<unknown>;
}

/** The PDF, or why it could not be opened: access to its site is needed (a click can ask for it), or anything else, in words. */
export type PdfOpening = { ok: true; value: OpenedPdf } | { ok: false; needsAccess: boolean; error: string };

const failed = (error: string): PdfOpening => ({ ok: false, needsAccess: false, error });

/** Fetches and reads the PDF at `url`. */
export async function openPdf(url: string): Promise<PdfOpening> {
  let data: Uint8Array;
  try {
    // With the user's cookies first (a PDF behind a login); a site that shares the file with every
    // origin refuses a request that carries them, and is asked again without.
    const answer = await fetch(url, { credentials: 'include' }).catch(() => fetch(url, { credentials: 'omit' }));
    if (!answer.ok) return failed(t('pdfNotFound'));
    if (Number(answer.headers.get('content-length') ?? 0) > MAX_PDF_BYTES) return failed(t('pdfTooLarge'));
    data = new Uint8Array(await answer.arrayBuffer());
  } catch {
    // A fetch refused outright: the site does not share the file with other origins, or the
    // browser keeps files on this computer from extensions.
    if (url.startsWith('file:')) return failed(t('pdfLocalFile'));
    return { ok: false, needsAccess: true, error: t('pdfNeedsAccess') };
  }
  if (data.byteLength > MAX_PDF_BYTES) return failed(t('pdfTooLarge'));
  try {
    // Digested before PDF.js takes the bytes to its worker; the kept text is looked up meanwhile.
    const sha = fileDigest(data);
    const kept = sha.then(keptPdfText).catch(() => null);
    const pdf = await getDocument({ data, enableXfa: false, useWasm: false }).promise;
    const [fingerprint] = pdf.fingerprints;
    if (!fingerprint) return failed(t('pdfNotReadable'));
    const { info } = (await pdf.getMetadata().catch(() => ({ info: {} }))) as { info: { Title?: unknown } };
    const title = typeof info.Title === 'string' && info.Title.trim() ? info.Title.trim() : fileName(url);
    return { ok: true, value: { pdf, urn: `urn:x-pdf:${fingerprint}`, title, sha: await sha, kept } };
  } catch {
    return failed(t('pdfNotReadable'));
  }
}

/** The whole text of the document: kept from an earlier open of the same file, or read now and kept. */
export async function pdfTextOf({ pdf, sha, kept }: OpenedPdf): Promise<PdfText> {
  const found = await kept;
  if (fitsPdf(found, pdf.numPages)) return found;
  const read = await readPdfText(pdf);
  void keepPdfText(sha, read);
  return read;
}

/** The whole text of the document, page by page, as highlights in it are described (pdf-text.ts). */
async function readPdfText(pdf: PDFDocumentProxy): Promise<PdfText> {
  // Every page asked at once: the worker answers them in turn, without a round trip between pages.
  const pages = await Promise.all(
    Array.from({ length: pdf.numPages }, async (_, i) => {
      const page = await pdf.getPage(i + 1);
      // The options the viewer's text layer reads the page with, so both hold the same strings.
      const content = await page.getTextContent({ includeMarkedContent: true, disableNormalization: true });
      return content.items as PdfTextItem[];
    }),
  );
  return pdfText(pages);
}

/** The file's name from its address, for a PDF without a title of its own. */
function fileName(url: string): string {
  try {
    const path = new URL(url).pathname;
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || url;
  } catch {
    return url;
  }
}
