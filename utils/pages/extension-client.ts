/**
 * Typed calls from extension pages (popup, library) to the background and to a tab's content
 * script, through the protocol's one sender helper. Each page's own change requests carry its
 * `origin`, so it can tell its own change notices from others'.
 */
import { BACKGROUND_UNREACHABLE, PAGE_UNREACHABLE } from '@/utils/i18n/words';
import { browser } from 'wxt/browser';
import { newId } from '../shared/new-id';
import { ALL_SITES } from '../shared/permissions';
import { createAsk, type Ask, type BackgroundApi, type ContentApi, type Message } from '../shared/protocol';
import { pdfViewerPath } from '../shared/pdf-address';
import { ownPageAnswers } from './own-page-answers';
import { textFragmentUrl } from '../engines/text-fragment';

/** This page's name in change requests and notices. */
export const PAGE_ORIGIN = newId();

export const askBackground: Ask<BackgroundApi> = createAsk<BackgroundApi>(
  (message) => browser.runtime.sendMessage(message),
  BACKGROUND_UNREACHABLE,
);

/**
 * Asks the content script of one tab's top document (its frames answer only for themselves, never
 * for the page); one of Clearmark's own pages in the tab answers for itself (own-page-answers.ts).
 */
export function askTab<K extends keyof ContentApi>(tabId: number, message: Extract<Message<ContentApi>, { type: K }>) {
  return createAsk<ContentApi>(async (m) => {
    const own = ownPageAnswers(tabId);
    if (!own) return browser.tabs.sendMessage(tabId, m, { frameId: 0 });
    const answer = own[message.type] as ((request: typeof message) => unknown) | undefined;
    // What the page does not answer, it cannot do: as a tab without Clearmark would, it stays silent.
    // The answer is copied into this page: it was made in the other page's window.
    return answer ? structuredClone(await answer(message)) : undefined;
  }, PAGE_UNREACHABLE)<K>(message);
}

/** Asks one frame of a tab, by its id: what it answers for its own document (`frame:` requests). */
export function askFrame<K extends keyof ContentApi>(
  tabId: number,
  frameId: number,
  message: Extract<Message<ContentApi>, { type: K }>,
) {
  return createAsk<ContentApi>((m) => browser.tabs.sendMessage(tabId, m, { frameId }), PAGE_UNREACHABLE)<K>(message);
}

/** Opens an address in a new tab next to the current one. */
export async function openTab(url: string): Promise<void> {
  await browser.tabs.create({ url });
}

/** Sends the tab to `url` (one of Clearmark's pages, in place of what the tab shows). */
export async function showInTab(tabId: number, url: string): Promise<void> {
  await browser.tabs.update(tabId, { url });
}

/** The address of Clearmark's PDF viewer showing the PDF at `url`. */
export function pdfViewerUrl(url: string): string {
  return browser.runtime.getURL(pdfViewerPath(url) as '/pdf.html');
}

/**
 * Where a page with highlights opens: a PDF (named by its fingerprint) in the viewer, at the
 * address it was last opened from; a web page at its address, scrolled to `quote` when given.
 */
export function pageOpenUrl(page: { url: string; source?: string | undefined }, quote = ''): string {
  if (page.url.startsWith('urn:x-pdf:')) return page.source ? pdfViewerUrl(page.source) : '';
  return quote ? textFragmentUrl(page.url, quote) : page.url;
}

/** A tab's address, where the browser tells it (the tab the popup was opened over); '' when not. */
export async function tabAddress(tabId: number): Promise<string> {
  try {
    return (await browser.tabs.get(tabId)).url ?? '';
  } catch {
    return '';
  }
}

/** The address of one of Clearmark's own pages (`library.html`). */
export function extensionPageUrl(path: '/library.html' | '/popup.html' | '/reader.html'): string {
  return browser.runtime.getURL(path);
}

/** The extension page that shows an article's saved copy (`reader.html?url=…`). */
export function savedCopyUrl(url: string): string {
  return `${extensionPageUrl('/reader.html')}?url=${encodeURIComponent(url)}`;
}

/**
 * Asks the user for access to all sites (the browser's own prompt), to keep saved copies'
 * pictures offline; answers whether it is granted. Must run in answer to the user's own act.
 */
export async function askForAllSites(): Promise<boolean> {
  try {
    return await browser.permissions.request({ origins: [ALL_SITES] });
  } catch {
    return false;
  }
}
