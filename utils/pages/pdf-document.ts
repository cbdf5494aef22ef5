/**
 * A fetched PDF read by PDF.js in its worker, and named by its fingerprint (`urn:x-pdf:…`), which
 * is the same wherever the file is opened from. Kept apart from the viewer's screen so the loading
 * rules are read in one place; the fetch itself is ./pdf-file.ts.
 */
import { browser } from 'wxt/browser';
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from './pdfjs-lib';
import { pdfText, type PdfText, type PdfTextItem } from '../engines/pdf/pdf-text';
import { t } from '../i18n/words';
import { fitsPdf } from './pdf-text-cache';
import { pdfFailure, type PdfFile } from './pdf-file';

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

/** The PDF, or why it could not be read. */
export type PdfOpening = { ok: true; value: OpenedPdf } | { ok: false; needsAccess: boolean; error: string };

/** Reads the fetched file from `url` in PDF.js's `worker` (started by the viewer's first script, ./pdf-worker.ts). */
export async function readPdf({ data, sha, kept }: PdfFile, url: string, worker: Worker): Promise<PdfOpening> {
  GlobalWorkerOptions.workerPort = worker;
  try {
    const pdf = await getDocument({
      data,
      enableXfa: false,
      useWasm: false,
      // Chinese, Japanese and Korean text in a font the file does not embed is read through these (wxt.config.ts).
      cMapUrl: browser.runtime.getURL('/pdfjs/cmaps/' as '/'),
      cMapPacked: true,
    }).promise;
    const [fingerprint] = pdf.fingerprints;
    if (!fingerprint) return pdfFailure(t('pdfNotReadable'));
    const metadata = await pdf.getMetadata().catch(() => ({ info: {} }));
    const info: { Title?: unknown } = metadata.info;
    const title = typeof info.Title === 'string' && info.Title.trim() ? info.Title.trim() : fileName(url);
    return { ok: true, value: { pdf, urn: `urn:x-pdf:${fingerprint}`, title, sha: await sha, kept } };
  } catch {
    return pdfFailure(t('pdfNotReadable'));
  }
}

/** The text kept from an earlier open of this very file, or null. */
export async function keptTextOf({ pdf, kept }: OpenedPdf): Promise<PdfText | null> {
  const found = await kept;
  return fitsPdf(found, pdf.numPages) ? found : null;
}

/**
 * The text of the document's first `pages` pages (all by default), as highlights in it are
 * described (pdf-text.ts): the first pages' text has the same offsets as the whole.
 */
export async function readPdfText(pdf: PDFDocumentProxy, pages = pdf.numPages): Promise<PdfText> {
  // Every page asked at once: the worker answers them in turn, without a round trip between pages.
  const items = await Promise.all(
    Array.from({ length: Math.min(pages, pdf.numPages) }, async (_, i) => {
      const page = await pdf.getPage(i + 1);
      // The options the viewer's text layer reads the page with, so both hold the same strings.
      const content = await page.getTextContent({ includeMarkedContent: true, disableNormalization: true });
      return content.items as PdfTextItem[];
    }),
  );
  return pdfText(items);
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
