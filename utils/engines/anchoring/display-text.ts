/**
 * A selection's text as the page shows it, for exports: whitespace collapsed within a
 * paragraph (as CSS `white-space: normal` does), and a blank line wherever the selection crosses
 * from one block (paragraph, list item, heading, cell…) to another or over a line break. The
 * quote selectors keep the exact text for anchoring; this is what people read.
 */
import type { TextIndex } from './text-index';

const BLOCKS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'DD',
  'DETAILS',
  'DIALOG',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HGROUP',
  'HR',
  'HTML',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
]);
const COLLAPSIBLE = /[ \t\n\r\f\v]+/g;

function blockOf(node: Node): Node | null {
  for (let current = node.parentNode; current; current = current.parentNode) {
    if (current.nodeType !== 1 || BLOCKS.has((current as Element).tagName.toUpperCase())) return current;
  }
  return null;
}

/** Whether a line break (`<br>`) stands between two text nodes of one block. */
function lineBreakBetween(a: Text, b: Text): boolean {
  const doc = a.ownerDocument;
  const gap = doc.createRange();
  gap.setStartAfter(a);
  gap.setEndBefore(b);
  if (gap.collapsed) return false;
  return gap.cloneContents().querySelector('br') !== null;
}

/** The text of [start, end) of an index as the page shows it: paragraphs separated by a blank line. */
export function displayText(index: TextIndex, start: number, end: number): string {
  const paragraphs: string[] = [];
  let current = '';
  let previous: { node: Text; block: Node | null } | null = null;
  for (const { node, from, to } of index.nodesIn(start, end)) {
    const block = blockOf(node);
    if (previous && (block !== previous.block || lineBreakBetween(previous.node, node))) {
      paragraphs.push(current);
      current = '';
    }
    current += node.data.slice(from, to);
    previous = { node, block };
  }
  paragraphs.push(current);
  return paragraphs
    .map((p) => p.replace(COLLAPSIBLE, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}
