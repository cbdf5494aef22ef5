/**
 * The user's selection in the page, when it holds text they can highlight: not in a form field
 * or an editor, and not in Clearmark's own UI. This module is part of what every page loads: a
 * selection inside a web component's shadow root is read by `shadow-selection.ts`, loaded with
 * highlighting.
 */
import { UI_HOST_TAG } from '../shared/ui-host-tag';

/**
 * The selection as a Range. Given `inShadowRoots`, a page with web components has its selection
 * read through their open roots (inside one, or across a boundary, the document's own range is
 * the host's); else one inside a shadow root is not seen.
 */
export function selectedRange(
  doc: Document,
  inShadowRoots?: (doc: Document, selection: Selection) => Range | null,
): Range | null {
  const selection = doc.getSelection();
  if (!selection || selection.rangeCount === 0) return null;
  if (!selection.toString().trim()) return null;
  const range = inShadowRoots?.(doc, selection) ?? (selection.isCollapsed ? null : selection.getRangeAt(0));
  if (!range) return null;
  const container = range.commonAncestorContainer;
  const element = container.nodeType === 1 ? (container as Element) : container.parentElement;
  if (!element || element.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])'))
    return null;
  if (element.closest(UI_HOST_TAG)) return null;
  return range;
}

/**
 * The selection's range when it lies wholly in the document's own tree, to be kept as it is now
 * while highlighting loads; null when there is none, or when it reaches into a shadow root (then
 * the document's range is only a part of it, and highlighting reads it once loaded).
 */
export function lightSelectedRange(doc: Document): Range | null {
  const range = selectedRange(doc);
  if (!range || range.startContainer.getRootNode() !== doc) return null;
  const selection = doc.getSelection() as Selection;
  if (typeof selection.getComposedRanges !== 'function') return range;
  // Scoped to the document, a selection that crosses into a root ends at its host: not where the range ends.
  const [scoped] = selection.getComposedRanges();
  const same =
    !!scoped &&
    scoped.startContainer === range.startContainer &&
    scoped.startOffset === range.startOffset &&
    scoped.endContainer === range.endContainer &&
    scoped.endOffset === range.endOffset;
  return same ? range : null;
}

/**
 * Whether text is selected where the document's own ranges cannot show it: inside a shadow root,
 * which Chromium reports as a collapsed selection on the host.
 */
export function selectsInShadowRoot(doc: Document): boolean {
  const selection = doc.getSelection();
  return !!selection && selection.rangeCount > 0 && selection.isCollapsed && !!selection.toString().trim();
}
