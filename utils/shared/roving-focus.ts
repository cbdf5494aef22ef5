/**
 * One tab stop for a list of items, arrows inside it (the grid pattern a keyboard user expects
 * of a list with actions): Tab enters the list at the item last used and leaves it at the next
 * thing on the page; Up and Down (Home and End) move between items, Left and Right between an
 * item's controls. A list of fifty highlights costs one Tab, not five hundred.
 *
 * Works on the rendered DOM, so any list can use it: rows are the container's `rowSelector`
 * elements, their controls the visible buttons, links and fields inside. Text fields keep their
 * own keys (arrows move the caret there) and their place in the tab order while they exist.
 */

import { PRIVATE_KEY_EVENT } from './ui-host-tag';

const CONTROLS = 'button, a[href], input, select, textarea';
const TEXT_FIELD = 'input, textarea, select, [contenteditable="true"]';

/**
 * Installs it; the answer stops it. `start` names the control Tab enters at before any has been
 * used (else the first item's first). Every change of the list's content keeps one tab stop.
 */
export function rovingFocus(container: HTMLElement, rowSelector: string, start?: string): () => void {
  let current: HTMLElement | null = null;
  /** Until the user moves inside, Tab enters at `start` as it is now (the current color, after a recolor too). */
  let used = false;
  /** The item focus was last in, by position: where it goes when that item is deleted under it. */
  let lastRow = 0;
  const rows = () => [...container.querySelectorAll<HTMLElement>(rowSelector)];
  const controlsOf = (row: Element) =>
    [...row.querySelectorAll<HTMLElement>(CONTROLS)].filter(
      (el) => !el.matches(':disabled') && !el.hidden && el.getClientRects().length > 0,
    );
  const rowOf = (el: Element | null) => el?.closest<HTMLElement>(rowSelector) ?? null;

  const refresh = () => {
    // Only the items' controls rove: anything else in the container keeps its own place in the tab order.
    const all = rows().flatMap((row) => [...row.querySelectorAll<HTMLElement>(CONTROLS)]);
    if (!used || !current || !current.isConnected || !container.contains(current)) {
      const first = rows()[0];
      current = (start && first?.querySelector<HTMLElement>(start)) || (first ? (controlsOf(first)[0] ?? null) : null);
    }
    for (const el of all) {
      if (el.matches(TEXT_FIELD)) continue;
      el.tabIndex = el === current ? 0 : -1;
    }
  };
  const firstControlOf = (row: HTMLElement | undefined) => (row ? controlsOf(row)[0] : undefined);
  const move = (to: HTMLElement | undefined) => {
    if (!to) return false;
    current = to;
    refresh();
    to.focus();
    return true;
  };
  const onFocusIn = (event: FocusEvent) => {
    const target = event.target as HTMLElement;
    const row = rowOf(target);
    if (row) lastRow = rows().indexOf(row);
    if (row && !target.matches(TEXT_FIELD)) {
      used = true;
      current = target;
      refresh();
    }
  };
  // In a page, keys pressed in Clearmark's UI arrive as `clearmark-keydown` (the page must not hear
  // them: private-input-guard.ts), the key itself in `detail`; in extension pages, as keydown.
  const onKeyDown = (event: KeyboardEvent, target = event.target as HTMLElement) => {
    if (event.altKey || event.ctrlKey || event.metaKey || target.matches(TEXT_FIELD)) return;
    const row = rowOf(target);
    if (!row) return;
    const list = rows();
    const at = list.indexOf(row);
    const here = controlsOf(row);
    const column = here.indexOf(target);
    let moved = false;
    switch (event.key) {
      case 'ArrowDown':
        moved = move(firstControlOf(list[at + 1]));
        break;
      case 'ArrowUp':
        moved = move(firstControlOf(list[at - 1]));
        break;
      case 'Home':
        moved = move(firstControlOf(list[0]));
        break;
      case 'End':
        moved = move(firstControlOf(list.at(-1)));
        break;
      case 'ArrowRight':
        moved = move(here[column + 1]);
        break;
      case 'ArrowLeft':
        moved = move(here[column - 1]);
        break;
      default:
        return;
    }
    if (moved) event.preventDefault();
  };
  const onPrivateKey = (event: Event) =>
    onKeyDown((event as CustomEvent<KeyboardEvent>).detail, event.target as HTMLElement);
  const onPageKey = (event: KeyboardEvent) => onKeyDown(event);
  container.addEventListener('focusin', onFocusIn);
  container.addEventListener('keydown', onPageKey);
  container.addEventListener(PRIVATE_KEY_EVENT, onPrivateKey);
  // Items come and go, and an item opens editors and shows buttons: each change keeps one tab stop.
  const changes = new MutationObserver(() => {
    // The focused item went (deleted from the keyboard): focus the one now in its place, not the page.
    const active = container.ownerDocument.activeElement;
    const lost =
      current !== null && !current.isConnected && (active === container.ownerDocument.body || active === null);
    refresh();
    if (lost) {
      const list = rows();
      const row = list[Math.min(lastRow, list.length - 1)];
      const to = row && controlsOf(row)[0];
      if (to) move(to);
    }
  });
  changes.observe(container, { childList: true, subtree: true });
  refresh();
  return () => {
    changes.disconnect();
    container.removeEventListener('focusin', onFocusIn);
    container.removeEventListener('keydown', onPageKey);
    container.removeEventListener(PRIVATE_KEY_EVENT, onPrivateKey);
  };
}
