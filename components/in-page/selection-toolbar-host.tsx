/**
 * Shows the selection toolbar beside the end of a selection, in a closed shadow root so page
 * scripts can neither read nor restyle it, and hides it on Escape, a click elsewhere or when
 * the selection goes away. All listeners are tied to the given AbortSignal.
 */
import type { HighlightColor } from '@/utils/model';
import { UI_HOST_TAG } from '@/utils/ui-host-tag';
import { FloatingPanel, type Box } from './floating-panel';
import { SelectionToolbar } from './SelectionToolbar';
import styles from './selection-toolbar.css?inline';

/** Copies text to the clipboard; false when the page or browser does not allow it. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export interface ToolbarActions {
  color: () => HighlightColor;
  /** The range the user has selected in the view they are using (page or reader), if any. */
  currentRange: () => Range | null;
  highlight: (range: Range, color: HighlightColor, note?: string) => void;
}

export function installSelectionToolbar(doc: Document, actions: ToolbarActions, signal: AbortSignal): { hide: () => void; controls: () => Record<string, Box> } {
  const panel = new FloatingPanel(doc, styles);
  const hide = () => panel.hide();
  const show = (range: Range) =>
    panel.show(
      <SelectionToolbar
        color={actions.color()}
        onHighlight={(color, note) => {
          actions.highlight(range, color, note);
          hide();
        }}
        onCopy={() => copyText(range.toString())}
        onClose={hide}
      />,
      range,
    );

  const isInsideToolbar = (event: Event) => panel.contains(event);

  doc.addEventListener(
    'mouseup',
    (event) => {
      // Only a person's own mouse: a page cannot summon the toolbar with forged events.
      if (!event.isTrusted || isInsideToolbar(event) || (event as MouseEvent).button !== 0) return;
      // Let the browser settle the selection (a click inside it collapses it after mouseup).
      setTimeout(() => {
        const range = actions.currentRange();
        if (range) show(range);
        else hide();
      }, 0);
    },
    { signal, capture: true },
  );
  doc.addEventListener('mousedown', (event) => { if (!isInsideToolbar(event)) hide(); }, { signal, capture: true });
  doc.addEventListener('keydown', (event) => { if (event.key === 'Escape' && panel.visible) hide(); }, { signal, capture: true });
  doc.addEventListener('selectionchange', () => { if (panel.visible && !actions.currentRange() && !panel.hasFocus()) hide(); }, { signal });
  signal.addEventListener('abort', hide);
  return { hide, controls: () => panel.controls() };
}

/** The selection's range when it holds text the user can highlight (not in a form field or editor). */
export function selectedRange(doc: Document): Range | null {
  const selection = doc.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  if (!selection.toString().trim()) return null;
  const range = selection.getRangeAt(0);
  const container = range.commonAncestorContainer;
  const element = container.nodeType === 1 ? (container as Element) : container.parentElement;
  if (!element || element.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])')) return null;
  if (element.closest(UI_HOST_TAG)) return null;
  return range;
}
