/**
 * A web component's article text lives in its shadow root, where a DOM walk never looks and a
 * clone never copies. For reading (the reader view, a saved copy), the page is copied as it is
 * drawn: each open root's content in place of its host's children, each slot filled with what
 * is assigned to it. The copy is a detached document; the live page is never changed.
 */
import { readableRoot } from '../shadow-roots';
import { headOf, rootElementOf } from '../../shared/document-parts';

/** The page with its open shadow roots' content in place. */
export function composedDocument(doc: Document): Document {
  const copy = doc.implementation.createHTMLDocument('');
  const root = rootElementOf(doc);
  if (!root) return copy;
  copy.documentElement.remove();
  copy.appendChild(composedClone(root, copy));
  // Addresses in the copy resolve as they do in the page.
  if (!copy.querySelector('base[href]')) {
    const base = copy.createElement('base');
    base.href = doc.baseURI;
    headOf(copy)?.prepend(base);
  }
  return copy;
}

function composedClone(node: Node, copy: Document): Node {
  const clone = copy.importNode(node, false);
  for (const child of drawnChildren(node)) clone.appendChild(composedClone(child, copy));
  return clone;
}

/** A node's children as they are drawn: a host's root content, a slot's assigned nodes (or its fallback). */
function drawnChildren(node: Node): Node[] {
  const children = Array.from((readableRoot(node) ?? node).childNodes);
  return children.flatMap((child) => {
    if (!isSlot(child)) return [child];
    const assigned = child.assignedNodes({ flatten: true });
    return assigned.length ? assigned : Array.from(child.childNodes);
  });
}

function isSlot(node: Node): node is HTMLSlotElement {
  return node.nodeType === 1 && (node as Element).localName === 'slot' && 'assignedNodes' in node;
}
