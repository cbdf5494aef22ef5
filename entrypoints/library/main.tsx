/** Library page wiring: change notices and import progress from the background. */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { LibraryPage, type LibraryEvents } from '@/components/LibraryPage';
import { isChangeNotice, isImportProgress } from '@/utils/protocol';
import '@/assets/ui.css';

function listen(handle: (message: unknown) => void): () => void {
  const listener = (message: unknown) => void handle(message);
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

const events: LibraryEvents = {
  subscribe: (onChange) => listen((m) => isChangeNotice(m) && onChange(m.url)),
  onImportProgress: (listener) => listen((m) => isImportProgress(m) && listener(m.done, m.total)),
};

// Keep Clearmark's storage through storage pressure (the service worker cannot ask for this).
void navigator.storage?.persist?.().catch(() => false);

render(<LibraryPage events={events} />, document.getElementById('app')!);
