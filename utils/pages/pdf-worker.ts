/**
 * PDF.js's worker, started by the viewer's first script: the worker's own code (the larger half
 * of PDF.js) loads on its thread while the page loads the viewer's, instead of after it.
 */
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

export function startPdfWorker(): Worker {
  return new Worker(workerUrl, { type: 'module' });
}
