import { afterEach, describe, expect, it, vi } from 'vitest';
import { lightSelectedRange } from '@/utils/content/selection';
import { endInStartTree } from '@/utils/content/shadow-selection';

/** `<p>before</p><tide-pool>(root: <p>inside</p>)</tide-pool><p>after</p>`, and a second component. */
function page() {
  document.body.innerHTML = '<p>before</p><tide-pool></tide-pool><p>after</p><rock-pool></rock-pool>';
  const host = document.querySelector('tide-pool')!;
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = '<p>inside</p><p>deeper</p>';
  const other = document.querySelector('rock-pool')!.attachShadow({ mode: 'open' });
  other.innerHTML = '<p>elsewhere</p>';
  const text = (parent: ParentNode, i: number) => parent.querySelectorAll('p')[i]!.firstChild!;
  return { host, root, other, text };
}

describe('a selection that crosses a shadow boundary', () => {
  it('from the page into a component keeps the page’s part: it ends before the host', () => {
    const { host, root, text } = page();
    const [node, offset] = endInStartTree([text(document.body, 0), 2], [text(root, 0), 3]);
    expect(node).toBe(document.body);
    expect(document.body.childNodes[offset]).toBe(host);
  });

  it('from a component out into the page, or into another component, keeps the component’s part', () => {
    const { root, other, text } = page();
    expect(endInStartTree([text(root, 0), 1], [text(document.body, 1), 3])).toEqual([root, 2]);
    expect(endInStartTree([text(root, 0), 1], [text(other, 0), 3])).toEqual([root, 2]);
  });

  it('within one tree, the end stays where it is', () => {
    const { root, text } = page();
    expect(endInStartTree([text(root, 0), 1], [text(root, 1), 4])).toEqual([text(root, 1), 4]);
  });
});

/**
 * The document's selection as a browser reports it: `range` from `getRangeAt(0)`, and, when the
 * browser has `getComposedRanges`, what it answers scoped to the document.
 */
function reportSelection(range: Range, scoped?: StaticRange | null): void {
  const selection = {
    rangeCount: 1,
    isCollapsed: range.collapsed,
    toString: () => range.toString(),
    getRangeAt: () => range,
    ...(scoped !== undefined && { getComposedRanges: () => (scoped ? [scoped] : []) }),
  };
  vi.spyOn(document, 'getSelection').mockReturnValue(selection as unknown as Selection);
}

function staticRange(startContainer: Node, startOffset: number, endContainer: Node, endOffset: number): StaticRange {
  return { startContainer, startOffset, endContainer, endOffset, collapsed: false };
}

describe('the selection taken at the key press, before highlighting has loaded', () => {
  afterEach(() => void vi.restoreAllMocks());

  it('is the page’s range when the selection lies in the page', () => {
    const { text } = page();
    const range = document.createRange();
    range.setStart(text(document.body, 0), 1);
    range.setEnd(text(document.body, 1), 3);
    reportSelection(range, staticRange(range.startContainer, 1, range.endContainer, 3));
    expect(lightSelectedRange(document)).toBe(range);
    reportSelection(range);
    expect(lightSelectedRange(document)).toBe(range);
  });

  it('is left to highlighting when the selection crosses into a component (the document’s range is only a part of it)', () => {
    const { host, root, text } = page();
    // Firefox reports the part inside the root.
    const inside = document.createRange();
    inside.setStart(text(root, 0), 0);
    inside.setEnd(text(root, 0), 3);
    reportSelection(inside, staticRange(text(document.body, 0), 2, document.body, 1));
    expect(lightSelectedRange(document)).toBeNull();
    // Chromium reports a range in the page that ends in the host's own children; scoped, it ends at the host.
    host.append('slotted');
    const outside = document.createRange();
    outside.setStart(text(document.body, 0), 2);
    outside.setEnd(host.lastChild!, 0);
    reportSelection(outside, staticRange(text(document.body, 0), 2, document.body, 1));
    expect(lightSelectedRange(document)).toBeNull();
  });
});
