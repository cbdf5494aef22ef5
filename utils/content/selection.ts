/**
 * The user's selection in the page, when it holds text they can highlight: not in a form field
 * or an editor, and not in Clearmark's own UI.
 */
import { UI_HOST_TAG } from '../shared/ui-host-tag';

export function selectedRange(doc: Document): Range | null {
  const selection = doc.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  if (!selection.toString().trim()) return null;
  const range = selection.getRangeAt(0);
  const container = range.commonAncestorContainer;
  const element = container.nodeType === 1 ? (container as Element) : container.parentElement;
  if (!element || element.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])'))
    return null;
  if (element.closest(UI_HOST_TAG)) return null;
  return range;
}
