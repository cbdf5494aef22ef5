/**
 * Open shadow roots: where web-component sites keep their text. A page's text is read with each
 * open root's text standing where its host begins (docs/adr/0019); this module says which roots
 * are read and answers the questions that `Node.contains` cannot across a boundary. Finding
 * them in a page is `find-shadow-roots.ts`.
 *
 * Only custom elements (a name with a hyphen) are read as hosts: a root attached to a built-in
 * element (a `div`) is not. Closed roots are never visible.
 */
import { UI_HOST_TAG } from '../shared/ui-host-tag';

/** The open shadow root of a custom element, the only kind of host read (Clearmark's own UI never is). */
export function readableRoot(node: Node): ShadowRoot | null {
  if (node.nodeType !== 1) return null;
  const name = (node as Element).localName;
  return name.includes('-') && name !== UI_HOST_TAG ? (node as Element).shadowRoot : null;
}

/**
 * Whether `node` is `root` or lies inside it, looking through the readable shadow roots on the
 * way (never through a closed root, such as the one holding Clearmark's own reader).
 */
export function composedContains(root: Node, node: Node): boolean {
  for (let current: Node | null = node; current;) {
    if (root.contains(current)) return true;
    const tree = current.getRootNode();
    const host = hostOf(tree);
    current = host && readableRoot(host) === tree ? host : null;
  }
  return false;
}

/** The host of a shadow root, or null for any other node. */
export function hostOf(node: Node): Element | null {
  return node.nodeType === 11 && 'host' in node ? (node as ShadowRoot).host : null;
}

/** Whether two nodes lie in the same tree (a range can join them). */
export function sameTree(a: Node, b: Node): boolean {
  return a.getRootNode() === b.getRootNode();
}
