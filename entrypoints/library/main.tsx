/** Library page wiring: renders the library with the events the background sends. */
import { render } from 'preact';
import { LibraryPage } from '@/components/pages/LibraryPage';
import { pageEvents } from '@/utils/pages/page-events';
import { keepStorage } from '@/utils/shared/persist-storage';
import '@/assets/ui.css';

keepStorage();

render(<LibraryPage events={pageEvents} />, document.getElementById('app')!);
