/**
 * What the background and the tabs tell extension pages: changes to stored highlights (with
 * the change itself), where a tab could place its highlights, how far an import has got,
 * sync's status, and a highlight asked for over a page of Clearmark's own in a tab.
 * One listener per page, subscriptions that can be dropped.
 */
import { browser } from 'wxt/browser';
import {
  isAnchoringNotice,
  isChangeNotice,
  isImportProgress,
  isSyncNotice,
  isHighlightAsked,
  type AnchoringChanged,
  type HighlightsChanged,
  type SyncStatus,
} from '../shared/protocol';

export interface PageEvents {
  /** Calls back with each change to stored highlights (`url` `*` for many pages). */
  subscribe(onChange: (change: HighlightsChanged) => void): () => void;
  /** Calls back when a tab has placed its highlights (painted and orphaned ids). */
  onAnchoring(listener: (state: AnchoringChanged) => void): () => void;
  /** Calls back with import progress while a restore is being written. */
  onImportProgress(listener: (done: number, total: number) => void): () => void;
  /** Calls back when sync's status changes (a pass starts or ends, the server goes away). */
  onSyncStatus(listener: (status: SyncStatus) => void): () => void;
  /** Calls back when the person asks to highlight the selection in this page's tab (the key, the context menu). */
  onHighlightAsked(listener: () => void): () => void;
}

function listen(handle: (message: unknown) => void): () => void {
  const listener = (message: unknown) => handle(message);
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

export const pageEvents: PageEvents = {
  subscribe: (onChange) => listen((m) => isChangeNotice(m) && onChange(m)),
  onAnchoring: (listener) => listen((m) => isAnchoringNotice(m) && listener(m)),
  onImportProgress: (listener) => listen((m) => isImportProgress(m) && listener(m.done, m.total)),
  onSyncStatus: (listener) => listen((m) => isSyncNotice(m) && listener(m.status)),
  onHighlightAsked: (listener) => {
    const ownTab = browser.tabs.getCurrent().then((tab) => tab?.id);
    return listen(
      (m) => isHighlightAsked(m) && void ownTab.then((id) => id !== undefined && id === m.tabId && listener()),
    );
  },
};
