/** Popup wiring: which tab it is about (`?tab=<id>` or the active tab), and the events it hears. */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from '@/components/pages/Popup';
import { pageEvents } from '@/utils/pages/page-events';
import { keepStorage } from '@/utils/shared/persist-storage';
import { readPopupState } from '@/utils/pages/popup-state';
import { readLibrary } from '@/utils/pages/library-data';
import { markLanguage } from '@/utils/i18n/words';
import '@/assets/ui.css';

// When the page's own code starts: what came before is the browser opening the page (bench:library).
performance.mark('clearmark:code-start');
markLanguage(document.documentElement);
// Opening the library is a round trip of its own: started now, it overlaps finding the tab.
readLibrary().catch(() => undefined);

async function tabIdFor(search: string): Promise<number | null> {
  const param = new URLSearchParams(search).get('tab');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

void tabIdFor(location.search).then(async (tabId) => {
  // Drawn once what it shows is read (a moment at most): one paint with the page's highlights, no flash of "Loading".
  const read = Promise.all([
    readPopupState(tabId).catch(() => undefined),
    readLibrary()
      .then((library) => library.settings())
      .catch(() => undefined),
  ]);
  const [first, settings] = await Promise.race([
    read,
    new Promise<[undefined, undefined]>((wait) => setTimeout(() => wait([undefined, undefined]), 250)),
  ]);
  render(
    <Popup tabId={tabId} events={pageEvents} first={first} firstSettings={settings} />,
    document.getElementById('app') ?? document.body,
  );
});
keepStorage();
