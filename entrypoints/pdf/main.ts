/**
 * PDF viewer wiring (`pdf.html?url=…`): opens the named PDF with the events the background sends.
 * The file's fetch and PDF.js's worker start first; the viewer's own code (most of the page) loads
 * meanwhile.
 */
import { pageEvents } from '@/utils/pages/page-events';
import { keepStorage } from '@/utils/shared/persist-storage';
import { markLanguage, t } from '@/utils/i18n/words';
import { fetchPdf, isPdfAddress } from '@/utils/pages/pdf-file';
import { startPdfWorker } from '@/utils/pages/pdf-worker';
import '@/assets/ui.css';
import 'pdfjs-dist/web/pdf_viewer.css';
import '@/assets/pdf-viewer.css';

const url = new URLSearchParams(location.search).get('url') ?? '';
const start = { fetched: isPdfAddress(url) ? fetchPdf(url) : null, worker: startPdfWorker() };

markLanguage(document.documentElement);
document.title = `${t('pdfPageTitle')} · Clearmark`;

keepStorage();

void import('@/components/pages/pdf-viewer-page').then(({ showPdf }) => showPdf(document, url, pageEvents, start));
