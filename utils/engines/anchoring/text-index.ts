/**
 * The text of a subtree as one string, with a way back from string offsets to DOM Ranges and
 * from Range boundaries to offsets. Anchoring works on plain strings; this is the bridge.
 *
 * Text inside script, style and similar elements is left out: it is never selectable, and
 * sites change it on every load, which would shift every offset after it. The text of an open
 * shadow root stands where its host begins, before the host's own children (docs/adr/0019).
 *
 * Indexing reads only where each text node starts, never the text itself: reading a node's text
 * makes a copy of it (in Firefox, about 11 ms for a 50,000-word page, most of a restore). The
 * whole text is read when first asked for; restoring highlights found where they were reads only
 * their own words (`slice`).
 */

import { UI_HOST_TAG } from '../../shared/ui-host-tag';
import { hostedRoots } from '../find-shadow-roots';
import { composedContains, hostOf, readableRoot, sameTree } from '../shadow-roots';

/** Elements whose text is never read, as a selector (HTML and SVG alike). */
const SKIPPED = ['script', 'style', 'noscript', 'template', 'textarea', UI_HOST_TAG].join(',');

export class TextIndex {
  /** Each text node's place in `nodes`: built when a boundary is first turned into an offset (a selection), never for restoring. */
  private positions: Map<Text, number> | null = null;

  /** The whole text, once read. */
  private whole: string | null = null;

  private constructor(
    readonly root: Node,
    /** Text nodes in document order, and where each starts in `text`. */
    private readonly nodes: Text[],
    private starts: number[],
    /** The text's length in UTF-16 code units. */
    private size: number,
  ) {}

  /** The text of every indexed node, in reading order (read on first use). */
  get text(): string {
    return (this.whole ??= this.readAll());
  }

  get length(): number {
    return this.size;
  }

  /**
   * `text.slice(start, end)`, reading only the nodes that hold it when the whole text has not
   * been read. A node changed since it was indexed is read with the rest, as it is now.
   */
  slice(start: number, end: number): string {
    if (this.whole !== null) return this.whole.slice(start, end);
    // Offsets as String.prototype.slice takes them: negative ones count from the end.
    const offset = (x: number) => {
      const whole = Math.trunc(x) || 0;
      return whole < 0 ? Math.max(0, this.size + whole) : Math.min(whole, this.size);
    };
    const from = offset(start);
    const to = offset(end);
    if (to <= from) return '';
    let out = '';
    for (let i = this.nodeAt(from); i < this.nodes.length && this.starts[i]! < to; i++) {
      const node = this.nodes[i]!;
      const nodeStart = this.starts[i]!;
      const length = (i + 1 < this.nodes.length ? this.starts[i + 1]! : this.size) - nodeStart;
      if (node.length !== length) return this.text.slice(start, end);
      const a = Math.max(0, from - nodeStart);
      out += node.substringData(a, Math.min(length, to - nodeStart) - a);
    }
    return out;
  }

  /** Reads every node's text; where one changed since it was indexed, the places are counted again. */
  private readAll(): string {
    const parts = this.nodes.map((node) => node.data);
    let length = 0;
    parts.forEach((part, i) => {
      this.starts[i] = length;
      length += part.length;
    });
    this.size = length;
    return parts.join('');
  }

  /** The last node starting at or before `offset` (the first node when none does). */
  private nodeAt(offset: number): number {
    let lo = 0;
    let hi = this.nodes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private get position(): Map<Text, number> {
    if (!this.positions) {
      const positions = new Map<Text, number>();
      this.nodes.forEach((node, i) => positions.set(node, i));
      this.positions = positions;
    }
    return this.positions;
  }

  static of(root: Node): TextIndex {
    const doc = root.ownerDocument ?? (root as Document);
    const nodes: Text[] = [];
    const starts: number[] = [];
    let length = 0;
    collectText(root, doc, (node) => {
      nodes.push(node);
      starts.push(length);
      length += node.length;
    });
    return new TextIndex(root, nodes, starts, length);
  }

  /** The offset in `text` of a Range boundary point, or null if it lies outside the root. */
  offsetOf(container: Node, offset: number): number | null {
    if (!composedContains(this.root, container)) return null;
    if (container.nodeType === 3) {
      const i = this.position.get(container as Text);
      if (i !== undefined) return this.starts[i]! + Math.min(offset, (container as Text).length);
      return this.offsetOfFollowing(container, true);
    }
    const child = container.childNodes[offset];
    return child ? this.offsetOfFollowing(child, false) : this.offsetOfFollowing(container, true);
  }

  /** Offset of the first indexed text at or after `node` (after its subtree when `skipInside`). */
  private offsetOfFollowing(node: Node, skipInside: boolean): number {
    let current: Node | null = node;
    if (skipInside) current = nextOutside(node, this.root);
    while (current) {
      if (current.nodeType === 3) {
        const i = this.position.get(current as Text);
        if (i !== undefined) return this.starts[i]!;
      }
      current = readableRoot(current)?.firstChild ?? current.firstChild ?? nextOutside(current, this.root);
    }
    return this.length;
  }

  /** A UTF-16 offset into `text` counted in code points instead (astral characters count once). */
  codePointOffset(offset: number): number {
    let pairs = 0;
    for (let i = 0; i < offset - 1; i++) {
      const unit = this.text.charCodeAt(i);
      if (unit >= 0xd800 && unit <= 0xdbff) {
        const next = this.text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          pairs++;
          i++;
        }
      }
    }
    return offset - pairs;
  }

  /** The indexed text nodes that [start, end) covers, each with the part of its data it covers. */
  nodesIn(start: number, end: number): { node: Text; from: number; to: number }[] {
    const found: { node: Text; from: number; to: number }[] = [];
    for (let i = 0; i < this.nodes.length; i++) {
      const nodeStart = this.starts[i]!;
      const node = this.nodes[i]!;
      const nodeEnd = nodeStart + node.length;
      if (nodeEnd <= start) continue;
      if (nodeStart >= end) break;
      found.push({ node, from: Math.max(0, start - nodeStart), to: Math.min(node.length, end - nodeStart) });
    }
    return found;
  }

  /**
   * A Range over text offsets [start, end). A range cannot cross a shadow boundary: one that
   * would ends with the last text of the tree it starts in.
   */
  rangeOf(start: number, end: number): Range {
    const doc = this.root.ownerDocument ?? (this.root as Document);
    const range = doc.createRange();
    const [startNode, startOffset] = this.locate(start, false);
    let [endNode, endOffset] = this.locate(end, true);
    if (!sameTree(startNode, endNode)) [endNode, endOffset] = this.lastInTree(startNode, end);
    range.setStart(startNode, startOffset);
    range.setEnd(endNode, endOffset);
    return range;
  }

  /** The end of the last indexed text before `end` that lies in the same tree as `node`. */
  private lastInTree(node: Node, end: number): [Node, number] {
    let last: [Node, number] = [node, node.nodeType === 3 ? (node as Text).length : 0];
    for (const { node: text, to } of this.nodesIn(this.starts[this.nodes.indexOf(node as Text)] ?? 0, end)) {
      if (sameTree(text, node)) last = [text, to];
    }
    return last;
  }

  /**
   * The text node and offset for a string offset. At a node border, a start goes to the
   * beginning of the next node and an end to the end of the previous one, so ranges do not
   * spill into neighbouring nodes.
   */
  private locate(offset: number, isEnd: boolean): [Node, number] {
    if (this.nodes.length === 0) return [this.root, 0];
    let lo = 0;
    let hi = this.nodes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const start = this.starts[mid]!;
      if (start < offset || (!isEnd && start === offset)) lo = mid;
      else hi = mid - 1;
    }
    const node = this.nodes[lo]!;
    return [node, Math.max(0, Math.min(offset - this.starts[lo]!, node.length))];
  }
}

/**
 * Hands every readable text node under `root` to `add` in reading order, each open shadow
 * root's text where its host begins.
 */
function collectText(root: Node, doc: Document, add: (node: Text) => void): void {
  // Text nodes alone: a walker that also stops at elements makes the browser create a script
  // object for every element of the page the first time it is read (in Firefox, most of the
  // cost of reading a long page). The few skipped elements and shadow hosts are found by
  // selector instead. No filter callback either: a call into script per node costs more than
  // the walk itself.
  const own = readableRoot(root);
  if (own) collectText(own, doc, add);
  const skipped = skippedText(root, doc);
  const hosted = hostedRoots(root);
  let next = 0;
  const walker = doc.createTreeWalker(root, 0x4 /* SHOW_TEXT */);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    // A host before this text (or holding it): its root's text comes first.
    while (next < hosted.length && hosted[next]!.host.compareDocumentPosition(node) & 0x4 /* FOLLOWING */) {
      collectText(hosted[next++]!, doc, add);
    }
    if (skipped?.has(node)) continue;
    if (node.length) add(node);
  }
  while (next < hosted.length) collectText(hosted[next++]!, doc, add);
}

/** The text inside the root's skipped elements (null when there is none). */
function skippedText(root: Node, doc: Document): Set<Node> | null {
  const elements = 'querySelectorAll' in root ? (root as ParentNode).querySelectorAll(SKIPPED) : [];
  if (!elements.length) return null;
  const text = new Set<Node>();
  for (const element of elements) {
    const walker = doc.createTreeWalker(element, 0x4 /* SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) text.add(node);
  }
  return text;
}

/** The node after `node`'s subtree in reading order: out of a shadow root, its host's own children follow. */
function nextOutside(node: Node, root: Node): Node | null {
  let current: Node | null = node;
  while (current && current !== root) {
    if (current.nextSibling) return current.nextSibling;
    const parent: Node | null = current.parentNode;
    const host: Element | null = parent && hostOf(parent);
    if (host?.firstChild) return host.firstChild;
    current = host ?? parent;
  }
  return null;
}
