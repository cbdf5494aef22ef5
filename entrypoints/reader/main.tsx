/** Saved copy page wiring (`reader.html?url=…`): shows the copy with the events the background sends. */
import { showSavedCopy } from '@/components/pages/saved-copy-page';
import { pageEvents } from '@/utils/pages/page-events';
import { keepStorage } from '@/utils/shared/persist-storage';
import { markLanguage, t } from '@/utils/i18n/words';
import '@/assets/ui.css';

markLanguage(document.documentElement);
document.title = t('savedPageTitle');

keepStorage();

void showSavedCopy(document, new URLSearchParams(location.search).get('url') ?? '', pageEvents);
