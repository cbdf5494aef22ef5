/**
 * A selection inside web components' open shadow roots, read with `getComposedRanges` (Chromium
 * reports it on the host, collapsed). Loaded with highlighting, not by every page.
 */
import { openShadowRoots } from '../engines/find-shadow-roots';
import { hostOf } from '../engines/shadow-roots';

/**
 * The selection as the open shadow roots see it, as one live Range. One that crosses a boundary
 * keeps the part in the tree it starts in, as a painted range does (docs/adr/0019).
 */
export function composedRange(doc: Document, selection: Selection): Range | null {
  if (typeof selection.getComposedRanges !== 'function') return null;
  const shadowRoots = openShadowRoots(doc);
  if (!shadowRoots.length) return null;
  const [composed] = selection.getComposedRanges({ shadowRoots });
  if (!composed || composed.collapsed) return null;
  const start: Point = [composed.startContainer, composed.startOffset];
  const range = doc.createRange();
  range.setStart(...start);
  range.setEnd(...endInStartTree(start, [composed.endContainer, composed.endOffset]));
  return range.collapsed ? null : range;
}

type Point = [Node, number];

/**
 * The selection's end, moved into the tree its start lies in: before the host it lies in when it
 * is deeper, else at the end of the start's tree.
 */
export function endInStartTree(start: Point, end: Point): Point {
  const tree = start[0].getRootNode();
  let point = end;
  for (let host = hostOf(point[0].getRootNode()); point[0].getRootNode() !== tree && host;) {
    const parent = host.parentNode;
    if (!parent) break;
    point = [parent, Array.prototype.indexOf.call(parent.childNodes, host)];
    host = hostOf(parent.getRootNode());
  }
  return point[0].getRootNode() === tree ? point : [tree, tree.childNodes.length];
}
