/**
 * Clearmark's own pages in a tab (the PDF viewer, a saved copy) have no content script, and a
 * browser delivers `tabs.sendMessage` to content scripts only, so the popup could not ask them
 * what a web page's content script answers: which page this is, which highlights are placed, to
 * show one. Such a page registers those answers on its window; the popup finds the tab's window
 * among the extension's own views and asks it directly (`askTab` does, before messaging).
 */
import { browser } from 'wxt/browser';
import type { Answer, ContentApi, Message } from '../shared/protocol';
import type { Result } from '../shared/result';

const KEY = '__clearmarkPageAnswers';

/** The content-script requests a page answers itself, each as its handler would. */
export type OwnPageAnswers = {
  [K in keyof ContentApi]?: (
    message: Extract<Message<ContentApi>, { type: K }>,
  ) => Promise<Result<Answer<ContentApi, K>>> | Result<Answer<ContentApi, K>>;
};

/** Makes this page answer the popup as a content script would. */
export function answerAsContentScript(win: Window, answers: OwnPageAnswers): void {
  (win as unknown as Record<string, unknown>)[KEY] = answers;
}

/** The answers one of Clearmark's own pages in this tab registered, or null (a web page, or none). */
export function ownPageAnswers(tabId: number): OwnPageAnswers | null {
  let views: object[];
  try {
    views = browser.extension.getViews({ type: 'tab', tabId });
  } catch {
    return null;
  }
  for (const view of views) {
    const answers = (view as unknown as Record<string, unknown>)[KEY];
    if (answers && typeof answers === 'object') return answers;
  }
  return null;
}
