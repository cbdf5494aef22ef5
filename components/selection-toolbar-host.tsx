/**
 * Shows the selection toolbar beside the end of a selection, in a closed shadow root so page
 * scripts can neither read nor restyle it, and hides it on Escape, a click elsewhere or when
 * the selection goes away. All listeners are tied to the given AbortSignal.
 */
import { render } from 'preact';
import type { HighlightColor } from '@/utils/model';
import { SelectionToolbar } from './SelectionToolbar';
import styles from './selection-toolbar.css?inline';

/** The tag of Clearmark's UI hosts; anchoring skips it. */
export const UI_HOST_TAG = 'clearmark-ui';
const GAP = 8;

export interface ToolbarActions {
  color: () => HighlightColor;
  /** The range the user has selected in the view they are using (page or reader), if any. */
  currentRange: () => Range | null;
  highlight: (range: Range, color: HighlightColor, note?: string) => void;
}

export function installSelectionToolbar(doc: Document, actions: ToolbarActions, signal: AbortSignal): { hide: () => void } {
  let host: HTMLElement | null = null;
  let shadow: ShadowRoot | null = null;

  const hide = () => {
    if (shadow) render(null, shadow);
    host?.remove();
    host = null;
    shadow = null;
  };

  const show = (range: Range) => {
    const rects = range.getClientRects();
    const last = rects[rects.length - 1] ?? range.getBoundingClientRect();
    const first = rects[0] ?? last;
    if (!host) {
      host = doc.createElement(UI_HOST_TAG);
      host.style.cssText = 'all:initial;position:absolute;z-index:2147483647;top:0;left:0;';
      shadow = host.attachShadow({ mode: 'closed' });
      const style = doc.createElement('style');
      style.textContent = styles;
      shadow.append(style, doc.createElement('div'));
      // Keep the selection when the toolbar is clicked, and keep our clicks from the page.
      host.addEventListener('mousedown', (e) => {
        if (!(e.composedPath()[0] instanceof HTMLTextAreaElement)) e.preventDefault();
        e.stopPropagation();
      });
      host.addEventListener('mouseup', (e) => e.stopPropagation());
      doc.documentElement.append(host);
    }
    const mount = shadow!.lastElementChild!;
    render(
      <SelectionToolbar
        color={actions.color()}
        onHighlight={(color, note) => {
          actions.highlight(range, color, note);
          hide();
        }}
        onCopy={async () => {
          try {
            await navigator.clipboard.writeText(range.toString());
            return true;
          } catch {
            return false;
          }
        }}
        onClose={hide}
      />,
      mount,
    );
    const view = doc.defaultView!;
    const width = host.offsetWidth;
    const height = host.offsetHeight;
    const below = last.bottom + GAP + height <= view.innerHeight;
    const top = below ? last.bottom + GAP : Math.max(GAP, first.top - GAP - height);
    const left = Math.min(Math.max(GAP, last.right - width / 2), view.innerWidth - width - GAP);
    host.style.top = `${top + view.scrollY}px`;
    host.style.left = `${left + view.scrollX}px`;
  };

  const isInsideToolbar = (event: Event) => host !== null && event.composedPath().includes(host);

  doc.addEventListener(
    'mouseup',
    (event) => {
      if (isInsideToolbar(event) || (event as MouseEvent).button !== 0) return;
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
  doc.addEventListener('keydown', (event) => { if (event.key === 'Escape' && host) hide(); }, { signal, capture: true });
  doc.addEventListener('selectionchange', () => { if (host && !actions.currentRange() && !host.matches(':focus-within')) hide(); }, { signal });
  signal.addEventListener('abort', hide);
  return { hide };
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
