/** PDF viewer wiring (`pdf.html?url=…`): opens the named PDF with the events the background sends. */
import { showPdf } from '@/components/pages/pdf-viewer-page';
import { pageEvents } from '@/utils/pages/page-events';
import { keepStorage } from '@/utils/shared/persist-storage';
import { markLanguage, t } from '@/utils/i18n/words';
import '@/assets/ui.css';
import 'pdfjs-dist/web/pdf_viewer.css';
import '@/assets/pdf-viewer.css';

markLanguage(document.documentElement);
document.title = `${t('pdfPageTitle')} · Clearmark`;

keepStorage();

void showPdf(document, new URLSearchParams(location.search).get('url') ?? '', pageEvents);
