/**
 * PDF.js's library, also set as the global its viewer components read it from
 * (`pdfjs-dist/web/pdf_viewer.mjs` takes `globalThis.pdfjsLib` when it loads): import the viewer
 * components only after this module.
 */
import * as pdfjsLib from 'pdfjs-dist';

(globalThis as { pdfjsLib?: typeof pdfjsLib }).pdfjsLib = pdfjsLib;

export const { getDocument, GlobalWorkerOptions } = pdfjsLib;
export type { PDFDocumentProxy } from 'pdfjs-dist';
