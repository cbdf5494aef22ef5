/**
 * Typed calls from extension pages (popup, library) to the background and to a tab's content
 * script. A failure to reach the other side comes back as a Result with readable words.
 */
import { browser } from 'wxt/browser';
import type { Answer, BackgroundApi, BackgroundMessage, ContentApi, ContentMessage } from '@/utils/protocol';
import { errorMessage, fail, type Result } from '@/utils/result';

export async function askBackground<K extends keyof BackgroundApi>(
  message: Extract<BackgroundMessage, { type: K }>,
): Promise<Result<Answer<BackgroundApi, K>>> {
  try {
    return ((await browser.runtime.sendMessage(message)) as Result<Answer<BackgroundApi, K>> | undefined) ??
      fail('Clearmark’s background did not answer');
  } catch (error) {
    return fail(errorMessage(error));
  }
}

export async function askTab<K extends keyof ContentApi>(
  tabId: number,
  message: Extract<ContentMessage, { type: K }>,
): Promise<Result<Answer<ContentApi, K>>> {
  try {
    return ((await browser.tabs.sendMessage(tabId, message)) as Result<Answer<ContentApi, K>> | undefined) ??
      fail('The page did not answer');
  } catch {
    return fail('Clearmark is not running on this page');
  }
}

/** Opens an address in a new tab next to the current one. */
export async function openTab(url: string): Promise<void> {
  await browser.tabs.create({ url });
}

/** The address of one of Clearmark's own pages (`library.html`). */
export function extensionPageUrl(path: string): string {
  return browser.runtime.getURL(path as never);
}
