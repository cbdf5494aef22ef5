import { describe, expect, it } from 'vitest';
import {
  looksLikePdf,
  opensInViewer,
  originalPdfUrl,
  pdfViewerPath,
  withoutOriginalMark,
} from '@/utils/shared/pdf-address';
import { PDF_URN } from '@/utils/shared/checks';

describe('a PDF’s addresses', () => {
  it('an http(s) or file address whose path ends in .pdf names a PDF; nothing else does', () => {
    expect(looksLikePdf('https://example.org/papers/tides.pdf')).toBe(true);
    expect(looksLikePdf('https://example.org/papers/TIDES.PDF?download=1#page=3')).toBe(true);
    expect(looksLikePdf('file:///home/me/tides.pdf')).toBe(true);
    expect(looksLikePdf('https://example.org/papers/tides.pdf.html')).toBe(false);
    expect(looksLikePdf('https://example.org/?file=tides.pdf')).toBe(false);
    expect(looksLikePdf('javascript:alert(1)//.pdf')).toBe(false);
    expect(looksLikePdf('not an address')).toBe(false);
  });

  it('the viewer’s address carries the PDF’s, encoded whole (the contract: pdf.html?url=)', () => {
    const url = 'https://example.org/a b/tides.pdf?x=1&y=2#page=2';
    const path = pdfViewerPath(url);
    expect(path).toBe(`/pdf.html?url=${encodeURIComponent(url)}`);
    expect(new URL(path, 'chrome-extension://id/').searchParams.get('url')).toBe(url);
  });

  it('with PDFs always opened in the viewer, a web PDF goes there, but not the viewer’s link to the file itself, nor a file on disk', () => {
    expect(opensInViewer('https://example.org/papers/tides.pdf')).toBe(true);
    expect(opensInViewer('http://example.org/papers/tides.pdf?x=1#page=2')).toBe(true);
    expect(opensInViewer(originalPdfUrl('https://example.org/papers/tides.pdf#page=2'))).toBe(false);
    expect(originalPdfUrl('https://example.org/papers/tides.pdf#page=2')).toBe(
      'https://example.org/papers/tides.pdf#clearmark-original',
    );
    expect(opensInViewer('file:///home/me/tides.pdf')).toBe(false);
    expect(opensInViewer('https://example.org/papers/tides.html')).toBe(false);
    // Opened in the viewer from there, the file is asked for without the mark; other fragments stay.
    expect(withoutOriginalMark(originalPdfUrl('https://example.org/papers/tides.pdf'))).toBe(
      'https://example.org/papers/tides.pdf',
    );
    expect(withoutOriginalMark('https://example.org/papers/tides.pdf#page=2')).toBe(
      'https://example.org/papers/tides.pdf#page=2',
    );
  });

  it('a PDF is named by its fingerprint: urn:x-pdf: and letters and digits only', () => {
    expect(PDF_URN.test('urn:x-pdf:0f1e2d3c4b5a69788796a5b4c3d2e1f0')).toBe(true);
    expect(PDF_URN.test('urn:x-pdf:')).toBe(false);
    expect(PDF_URN.test('urn:x-pdf:abc/../def')).toBe(false);
    expect(PDF_URN.test('https://example.org/')).toBe(false);
  });
});
