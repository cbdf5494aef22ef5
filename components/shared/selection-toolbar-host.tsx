/**
 * Shows the selection toolbar beside the end of a selection (in a web page, in a closed shadow
 * root so page scripts can neither read nor restyle it; in a saved copy, in Clearmark's own
 * page), and hides it on Escape, a click elsewhere or when the selection goes away. All
 * listeners are tied to the given AbortSignal.
 */
import type { HighlightColor } from '@/utils/shared/model';
import type { Box } from '@/utils/shared/box';
import { FloatingPanel, type PanelPlace } from './floating-panel';
import { SelectionToolbar } from './SelectionToolbar';
import styles from './selection-toolbar.css?inline';
import { copyText } from '@/utils/shared/clipboard';

export interface ToolbarActions {
  color: () => HighlightColor;
  /** The range the user has selected in the view they are using (page or reader), if any. */
  currentRange: () => Range | null;
  highlight: (range: Range, color: HighlightColor, note?: string) => void;
}

export interface SelectionToolbarHandle {
  /** Shows the toolbar beside a range (the selection the user just made). */
  show: (range: Range) => void;
  hide: () => void;
  controls: () => Record<string, Box>;
}

export function installSelectionToolbar(
  doc: Document,
  actions: ToolbarActions,
  signal: AbortSignal,
  place: PanelPlace,
): SelectionToolbarHandle {
  const panel = new FloatingPanel(doc, styles, place);
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
      if (!event.isTrusted || isInsideToolbar(event) || event.button !== 0) return;
      // Let the browser settle the selection (a click inside it collapses it after mouseup).
      setTimeout(() => {
        const range = actions.currentRange();
        if (range) show(range);
        else hide();
      }, 0);
    },
    { signal, capture: true },
  );
  doc.addEventListener(
    'mousedown',
    (event) => {
      if (!isInsideToolbar(event)) hide();
    },
    { signal, capture: true },
  );
  doc.addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Escape' && panel.visible) hide();
    },
    { signal, capture: true },
  );
  doc.addEventListener(
    'selectionchange',
    () => {
      if (panel.visible && !actions.currentRange() && !panel.hasFocus()) hide();
    },
    { signal },
  );
  signal.addEventListener('abort', hide);
  return { show, hide, controls: () => panel.controls() };
}
