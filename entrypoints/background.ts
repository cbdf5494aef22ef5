/**
 * Background wiring: owns the Library (IndexedDB), answers the protocol, relays the keyboard
 * commands and context-menu items to the page, and tells open views what changed.
 */
import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { handleBackgroundRequest } from '@/utils/background/requests';
import { Library } from '@/utils/background/storage';
import { keepStorage } from '@/utils/shared/persist-storage';
import { classifySender, isNotice, parseBackgroundMessage, type ContentMessage, type HighlightsChanged, type ImportProgress } from '@/utils/shared/protocol';
import { errorMessage, fail } from '@/utils/shared/result';

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
    // Notices between our own contexts travel on the same channel; they need no answer.
    if (from && isNotice(message)) return undefined;
    const parsed = parseBackgroundMessage(message, from);
    if (!parsed.ok) return Promise.resolve(parsed);
    return openLibrary().then(
      async (lib) => {
        const { result, notice } = await handleBackgroundRequest(lib, parsed.value, {
          progress: (done, total) => void browser.runtime.sendMessage({ type: 'import:progress', done, total } satisfies ImportProgress).catch(() => undefined),
        });
        if (notice) void announce(notice);
        return result;
      },
      (error: unknown) => fail('storage', `Clearmark could not open its storage: ${errorMessage(error)}`),
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

  keepStorage();
});

async function sendToActiveTab(message: ContentMessage): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id !== undefined) await browser.tabs.sendMessage(tab.id, message).catch(() => undefined);
}

/** Tells content scripts and extension pages what changed, so each applies it without asking again. */
async function announce(notice: HighlightsChanged): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all([
    ...tabs.map((tab) => (tab.id === undefined ? undefined : browser.tabs.sendMessage(tab.id, notice).catch(() => undefined))),
    browser.runtime.sendMessage(notice).catch(() => undefined),
  ]);
}
