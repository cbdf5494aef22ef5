/**
 * A selection inside web components' open shadow roots, read with `getComposedRanges` (Chromium
 * reports it on the host, collapsed). Loaded with highlighting, not by every page.
 */
import { openShadowRoots } from '../engines/find-shadow-roots';
import { hostOf } from '../engines/shadow-roots';

/**
 * The selection as the open shadow roots see it, as one live Range: when it crosses a boundary,
 * its ends are lifted to the hosts until they share a tree.
 */
export function composedRange(doc: Document, selection: Selection): Range | null {
  if (typeof selection.getComposedRanges !== 'function') return null;
  const shadowRoots = openShadowRoots(doc);
  if (!shadowRoots.length) return null;
  const [composed] = selection.getComposedRanges({ shadowRoots });
  if (!composed || composed.collapsed) return null;
  let start: [Node, number] = [composed.startContainer, composed.startOffset];
  let end: [Node, number] = [composed.endContainer, composed.endOffset];
  while (start[0].getRootNode() !== end[0].getRootNode()) {
    const startDepth = depth(start[0]);
    const endDepth = depth(end[0]);
    const up: [[Node, number] | null, [Node, number] | null] = [
      startDepth >= endDepth ? lifted(start[0], false) : start,
      endDepth >= startDepth ? lifted(end[0], true) : end,
    ];
    if (!up[0] || !up[1]) return null; // a host outside any tree: nothing to lift to
    [start, end] = up;
  }
  const range = doc.createRange();
  range.setStart(...start);
  range.setEnd(...end);
  return range.collapsed ? null : range;
}

/** How many shadow roots a node lies inside. */
function depth(node: Node): number {
  let count = 0;
  for (let host = hostOf(node.getRootNode()); host; host = hostOf(host.getRootNode())) count++;
  return count;
}

/** The point just before (or after) the host of the root `node` lies in. */
function lifted(node: Node, after: boolean): [Node, number] | null {
  const host = hostOf(node.getRootNode());
  const parent = host?.parentNode;
  if (!host || !parent) return null;
  const index = Array.prototype.indexOf.call(parent.childNodes, host) as number;
  return [parent, after ? index + 1 : index];
}
