/**
 * The article's text as the reader view shows it: headings and paragraphs separated by blank
 * lines, figure captions kept (with their photo credit), everything the detection excluded left
 * out. The title is shown apart, so a heading that repeats it is left out too.
 */
import type { ArticleDetection } from './detect-article';
import { BLOCK_TAGS, elementKind } from './element-kinds';

export function articleText(detection: ArticleDetection, title = ''): string {
  const root = detection.root;
  if (!root) return '';
  const paragraphs: string[] = [];
  let current = '';
  const titleKey = normalizeForCompare(title);

  const flush = () => {
    const text = current
      .replace(/[ \t\r\f\v\u00a0]+/g, ' ')
      .replace(/ ?\n ?/g, '\n')
      .trim();
    if (text) paragraphs.push(text);
    current = '';
  };

  const visit = (node: Node, pre: boolean) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const data = (child as Text).data;
        current += pre ? data : data.replace(/\s+/g, ' ');
        continue;
      }
      if (child.nodeType !== 1) continue;
      const el = child as Element;
      const tag = el.tagName.toUpperCase();
      if (detection.excluded.has(el) || elementKind(el).never) {
        // Something left out still separates its neighbours: a block ends the paragraph before
        // it, anything else leaves a space, so the words on either side never run together.
        if (BLOCK_TAGS.has(tag)) flush();
        else current += ' ';
        continue;
      }
      if (tag === 'BR') {
        current += '\n';
        continue;
      }
      if (tag === 'H1' && titleKey && normalizeForCompare(el.textContent) === titleKey) {
        flush();
        continue;
      }
      const block = BLOCK_TAGS.has(tag);
      if (block) flush();
      visit(el, pre || tag === 'PRE');
      if (block) flush();
      else if (tag === 'TD' || tag === 'TH') current += ' ';
    }
  };
  visit(root, false);
  flush();
  return paragraphs.join('\n\n');
}

/** The text of any element with the same paragraph breaks (a rendered view, another extractor's HTML). */
export function blockText(root: Element): string {
  return articleText({ isArticle: true, root, excluded: new Map() });
}

function normalizeForCompare(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}
