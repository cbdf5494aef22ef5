/**
 * Where a PDF is and where Clearmark's viewer shows it: the viewer's address is part of the
 * contract (`pdf.html?url=<encodeURIComponent(url)>`, docs/pdf.md), and the popup and the context
 * menu offer the viewer for addresses that name a PDF.
 */

/** Whether an address names a PDF file: http(s) or file, its path ending in `.pdf`. */
export function looksLikePdf(url: string): boolean {
  try {
    const { protocol, pathname } = new URL(url);
    return /^(https?|file):$/.test(protocol) && /\.pdf$/i.test(pathname);
  } catch {
    return false;
  }
}

/**
 * The fragment the viewer's link to the file itself carries: a PDF opened so is left to the
 * browser's own viewer even when the user chose to open PDFs in Clearmark's.
 */
export const ORIGINAL_PDF_FRAGMENT = 'clearmark-original';

/** The address of the file itself, as the viewer links to it. */
export function originalPdfUrl(url: string): string {
  return `${url.replace(/#.*$/s, '')}#${ORIGINAL_PDF_FRAGMENT}`;
}

/** The file's address without the viewer's mark (the viewer is asked for the file itself). */
export function withoutOriginalMark(url: string): string {
  return url.endsWith(`#${ORIGINAL_PDF_FRAGMENT}`) ? url.slice(0, -ORIGINAL_PDF_FRAGMENT.length - 1) : url;
}

/**
 * Whether a tab going to `url` goes to Clearmark's viewer instead, when the user chose so: a web
 * address naming a PDF, unless it is the viewer's own link to the file itself. (A file on disk is
 * left to the browser: Firefox keeps local files from extensions.)
 */
export function opensInViewer(url: string): boolean {
  return /^https?:/i.test(url) && looksLikePdf(url) && !url.endsWith(`#${ORIGINAL_PDF_FRAGMENT}`);
}

/** The viewer's path (within the extension) for the PDF at `url`. */
export function pdfViewerPath(url: string): string {
  return `/pdf.html?url=${encodeURIComponent(url)}`;
}

/** Link patterns the "open in the viewer" menu item shows for (context menus match these, not a function). */
export const PDF_LINK_PATTERNS = ['*://*/*.pdf', '*://*/*.pdf?*', '*://*/*.PDF', '*://*/*.PDF?*'];
