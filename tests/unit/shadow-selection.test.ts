import { describe, expect, it } from 'vitest';
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
