/** Popup wiring: which tab it is about (`?tab=<id>` or the active tab), and change notices. */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from '@/components/Popup';
import { isChangeNotice } from '@/utils/protocol';
import '@/assets/ui.css';

async function tabIdFor(search: string): Promise<number | null> {
  const param = new URLSearchParams(search).get('tab');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

const subscribe = (onChange: (url: string) => void) => {
  const listener = (message: unknown) => {
    if (isChangeNotice(message)) onChange(message.url);
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
};

// Keep Clearmark's storage through storage pressure (the service worker cannot ask for this).
void navigator.storage?.persist?.().catch(() => false);

void tabIdFor(location.search).then((tabId) => {
  render(<Popup tabId={tabId} subscribe={subscribe} />, document.getElementById('app')!);
});
