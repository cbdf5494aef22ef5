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

/** The viewer's path (within the extension) for the PDF at `url`. */
export function pdfViewerPath(url: string): string {
  return `/pdf.html?url=${encodeURIComponent(url)}`;
}

/** Link patterns the "open in the viewer" menu item shows for (context menus match these, not a function). */
export const PDF_LINK_PATTERNS = ['*://*/*.pdf', '*://*/*.pdf?*', '*://*/*.PDF', '*://*/*.PDF?*'];
