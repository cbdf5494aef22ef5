/** Library page wiring: renders the library with the events the background sends. */
import { render } from 'preact';
import { LibraryPage, viewIn } from '@/components/pages/LibraryPage';
import { readFirstScreen } from '@/utils/pages/first-screen';
import { pageEvents } from '@/utils/pages/page-events';
import { keepStorage } from '@/utils/shared/persist-storage';
import { markLanguage, t } from '@/utils/i18n/words';
import '@/assets/ui.css';

// When the page's own code starts: what came before is the browser opening the page (bench:library).
performance.mark('clearmark:code-start');
markLanguage(document.documentElement);
document.title = t('libraryPageTitle');

const view = viewIn(location.search);
// Drawn once its first screen is read (a moment at most): one paint with the list, no flash of "Loading".
void Promise.race([readFirstScreen(view), new Promise((wait) => setTimeout(wait, 250))]).then(() => {
  render(<LibraryPage events={pageEvents} view={view} />, document.getElementById('app') ?? document.body);
});
keepStorage();
