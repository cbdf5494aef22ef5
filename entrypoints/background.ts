/**
 * Background wiring: owns the Library (IndexedDB), answers the protocol, relays the keyboard
 * command and context-menu item to the page, and tells open views when highlights change.
 */
import { browser, type Browser } from 'wxt/browser';
import { handleBackgroundRequest } from '@/utils/background-requests';
import { classifySender, parseBackgroundMessage, type ChangeNotice, type ContentMessage, type ImportProgress } from '@/utils/protocol';
import { fail } from '@/utils/result';
import { Library } from '@/utils/storage';

const HIGHLIGHT_MENU_ID = 'clearmark-highlight-selection';
const READER_MENU_ID = 'clearmark-reader-view';

export default defineBackground(() => {
  let library: Promise<Library> | null = null;
  const openLibrary = () => (library ??= Library.open().catch((error: unknown) => {
    library = null;
    throw error;
  }));

  browser.runtime.onMessage.addListener((message: unknown, sender: Browser.runtime.MessageSender) => {
    const from = classifySender(sender, browser.runtime.id, browser.runtime.getURL('/'));
    const parsed = parseBackgroundMessage(message, from);
    if (!parsed.ok) {
      // Notices between our own pages travel on the same channel; they need no answer.
      const type = typeof message === 'object' ? (message as { type?: unknown } | null)?.type : undefined;
      if (from && (type === 'highlights:changed' || type === 'import:progress')) return undefined;
      return Promise.resolve(fail(parsed.error));
    }
    return openLibrary().then(
      async (lib) => {
        const { result, changedUrl } = await handleBackgroundRequest(lib, parsed.value, {
          progress: (done, total) => void browser.runtime.sendMessage({ type: 'import:progress', done, total } satisfies ImportProgress).catch(() => undefined),
        });
        if (changedUrl) void announceChange(changedUrl);
        return result;
      },
      (error: unknown) => fail(`Clearmark could not open its storage: ${String(error)}`),
    );
  });

  browser.commands.onCommand.addListener((command) => {
    if (command === 'highlight-selection') void sendToActiveTab({ type: 'selection:highlight' });
    if (command === 'toggle-reader') void sendToActiveTab({ type: 'reader:toggle' });
  });

  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: HIGHLIGHT_MENU_ID, title: 'Highlight selection', contexts: ['selection'] });
    browser.contextMenus.create({ id: READER_MENU_ID, title: 'Reader view', contexts: ['page'] });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (tab?.id === undefined) return;
    const message: ContentMessage | null =
      info.menuItemId === HIGHLIGHT_MENU_ID ? { type: 'selection:highlight' } : info.menuItemId === READER_MENU_ID ? { type: 'reader:toggle' } : null;
    if (message) void browser.tabs.sendMessage(tab.id, message, { frameId: info.frameId ?? 0 }).catch(() => undefined);
  });

  // Ask the browser to keep our storage through storage pressure (window contexts only).
  void (navigator.storage as StorageManager & { persist?: () => Promise<boolean> }).persist?.().catch(() => false);
});

async function sendToActiveTab(message: ContentMessage): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id !== undefined) await browser.tabs.sendMessage(tab.id, message).catch(() => undefined);
}

/** Tells content scripts and extension pages that a page's highlights changed. */
async function announceChange(url: string): Promise<void> {
  const notice: ChangeNotice = { type: 'highlights:changed', url };
  const tabs = await browser.tabs.query({});
  await Promise.all([
    ...tabs.map((tab) => (tab.id === undefined ? undefined : browser.tabs.sendMessage(tab.id, notice).catch(() => undefined))),
    browser.runtime.sendMessage(notice).catch(() => undefined),
  ]);
}
