/**
 * Clearmark's keys in the page: Alt+Shift+H highlights the selection, Alt+Shift+R opens or
 * closes the reader view, Alt+Shift+S saves the article for later, Escape closes the reader. The browser's own shortcuts (manifest commands) do
 * the same through the background; these work wherever those do not (headless browsers, a
 * shortcut the user reassigned). Only a person's own keys count: a page cannot forge them.
 */
export interface ShortcutActions {
  /** Whether there is a selection to highlight (in the page or the reader view). */
  hasSelection(): boolean;
  highlight(): void;
  toggleReader(): void;
  saveArticle(): void;
  /** Handles Escape; answers whether it closed something (then the page does not see it). */
  escape(): boolean;
}

export function installKeyboardShortcuts(win: Window, actions: ShortcutActions, signal: AbortSignal): void {
  win.addEventListener(
    'keydown',
    (event) => {
      if (!event.isTrusted) return;
      if (event.key === 'Escape') {
        if (actions.escape()) event.preventDefault();
        return;
      }
      if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return;
      if (event.code === 'KeyH' && actions.hasSelection()) {
        event.preventDefault();
        event.stopPropagation();
        actions.highlight();
      } else if (event.code === 'KeyR' || event.code === 'KeyS') {
        event.preventDefault();
        event.stopPropagation();
        if (event.code === 'KeyR') actions.toggleReader();
        else actions.saveArticle();
      }
    },
    { capture: true, signal },
  );
}
