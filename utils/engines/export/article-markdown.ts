/**
 * A saved article as one Markdown note, the way Obsidian Web Clipper clips a page, with the
 * user's highlights in place: each highlighted piece marked (`==…==`, or `<mark>` with its color),
 * each note an Obsidian callout after the block that holds its highlight, the highlights' tags in
 * the front matter, and those that no longer fit the text listed at the end.
 *
 * The HTML is the reader's (the saved copy's), sanitized again here; highlights are found in it
 * by the same anchoring the saved copy's page paints with. Turndown (with the GFM plugin) writes
 * the Markdown (docs/adr/0016); text from the site is escaped as the notes export escapes it, so
 * no Obsidian syntax can come from a page. Pure: it takes a Document to build in and data.
 */
import TurndownService from 'turndown';
import { strikethrough, tables } from '@joplin/turndown-plugin-gfm';
import type { HighlightColor, HighlightRecord, HighlightStyle } from '../../shared/model';
import { byDocumentOrder } from '../../shared/model';
import { PageText } from '../anchoring/page-text';
import { savedArticleFragment, showHeldImages } from '../reader/article-html';
import { displayParagraphs, isoTime, shownText } from './export-input';
import { escapeInline, frontMatter, noteParagraphs, quoteBlock } from './markdown';
import { say } from '../engine-words';

export interface ArticleMarkdownInput {
  article: {
    url: string;
    title: string;
    byline: string;
    published: string;
    site: string;
    lang: string;
    html: string;
    savedAt: number;
  };
  highlights: readonly HighlightRecord[];
  /** `==…==` (Obsidian's highlight) or `<mark class="cm-<color>">…</mark>`. */
  style: HighlightStyle;
  /** Pictures kept offline: their address in the copy, and the file they are written to beside the note. */
  attachments?: Readonly<Record<string, string>>;
  now: number;
}

export interface ArticleMarkdown {
  markdown: string;
  /** Highlights marked in the text, and those listed at the end. */
  placed: string[];
  unplaced: string[];
}

const MARK = 'data-cm-highlight';
const CALLOUT = 'data-cm-callout';
/** Blocks a note's callout follows; inside lists, quotes and tables the callout follows the whole of them. */
const NOTE_BLOCKS = new Set([
  'P',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'PRE',
  'FIGURE',
  'TABLE',
  'UL',
  'OL',
  'DL',
  'BLOCKQUOTE',
  'DIV',
  'SECTION',
]);
const CONTAINERS = new Set([
  'LI',
  'UL',
  'OL',
  'DL',
  'DD',
  'DT',
  'BLOCKQUOTE',
  'TABLE',
  'TR',
  'TD',
  'TH',
  'THEAD',
  'TBODY',
  'TFOOT',
  'FIGURE',
]);
/** A code block's language as a fence names it. */
const CODE_LANGUAGE = /^[\w#+.-]{1,30}$/;

export function articleMarkdown(doc: Document, input: ArticleMarkdownInput): ArticleMarkdown {
  const view = doc.defaultView;
  if (!view) throw new Error('articleMarkdown needs a document with a window');
  const root = doc.createElement('article');
  root.append(savedArticleFragment(input.article.html, view));
  showHeldImages(root);
  headerRows(root);
  const highlights = [...input.highlights].sort(byDocumentOrder);
  const placed = markHighlights(root, highlights);
  addCallouts(
    root,
    highlights.filter((h) => placed.has(h.id) && noteParagraphs(h.note).length > 0),
  );
  const body = converter(input, highlights).turndown(root).trim();
  const tags = [...new Set(['clearmark', ...highlights.flatMap((h) => h.tags ?? [])])];
  const front = frontMatter(
    [
      ['title', input.article.title],
      ['source', input.article.url],
      ['author', input.article.byline],
      ['published', input.article.published],
      ['site', input.article.site],
      ['lang', input.article.lang],
      ['saved', isoTime(input.article.savedAt)],
      ['created', isoTime(input.now)],
      ['highlights', highlights.length],
    ],
    tags,
  );
  const parts = [front, `# ${escapeInline(displayParagraphs(input.article.title || input.article.url).join(' '))}`];
  if (body) parts.push(body);
  const missing = highlights.filter((h) => !placed.has(h.id));
  if (missing.length) {
    parts.push(`## ${escapeInline(say('articleUnplaced'))}`);
    for (const h of missing) {
      parts.push(quoteBlock(shownText(h)));
      const note = noteParagraphs(h.note);
      if (note.length) parts.push(callout(note));
    }
  }
  return {
    markdown: `${parts.join('\n\n')}\n`,
    placed: highlights.filter((h) => placed.has(h.id)).map((h) => h.id),
    unplaced: missing.map((h) => h.id),
  };
}

/**
 * A GFM table must open with a header row; a table without one (a results table, an old layout)
 * takes its first row as the header, rather than gaining an empty row of cells above it.
 */
function headerRows(root: Element): void {
  for (const table of Array.from(root.querySelectorAll('table'))) {
    if (table.querySelector('thead, th')) continue;
    const first = table.querySelector('tr');
    if (!first) continue;
    for (const cell of Array.from(first.children)) {
      if (cell.tagName !== 'TD') continue;
      const header = root.ownerDocument.createElement('th');
      for (const name of ['colspan', 'rowspan']) {
        const value = cell.getAttribute(name);
        if (value !== null) header.setAttribute(name, value);
      }
      header.append(...Array.from(cell.childNodes));
      cell.replaceWith(header);
    }
  }
}

/** An Obsidian callout holding a note's paragraphs, exactly as written. */
function callout(paragraphs: string[]): string {
  return [
    '> [!note]',
    ...paragraphs.map((p) => `> ${escapeInline(p)}`).flatMap((line, i) => (i ? ['>', line] : [line])),
  ].join('\n');
}

/**
 * Wraps each highlighted piece of text in a mark naming its highlight. Highlights are found first,
 * all of them, then marked from the last piece to the first, so no split moves a piece not yet
 * marked. A piece under two highlights is marked once, for the earlier. Answers those marked.
 */
function markHighlights(root: Element, highlights: HighlightRecord[]): Set<string> {
  const text = new PageText(root, false);
  const covered = new Map<Text, { start: number; end: number; id: string }[]>();
  const placed = new Set<string>();
  for (const h of highlights) {
    const found = text.anchor(h.target);
    const range = found && found.index.rangeOf(found.span.start, found.span.end);
    if (!range) continue;
    let any = false;
    for (const node of textNodesIn(range)) {
      const start = node === range.startContainer ? range.startOffset : 0;
      const end = node === range.endContainer ? range.endOffset : node.data.length;
      if (end <= start || !node.data.slice(start, end).trim()) continue;
      const list = covered.get(node) ?? [];
      // Only what no earlier highlight holds.
      let from = start;
      for (const piece of [...list].sort((a, b) => a.start - b.start)) {
        if (piece.end <= from || piece.start >= end) continue;
        if (piece.start > from) list.push({ start: from, end: piece.start, id: h.id });
        from = Math.max(from, piece.end);
      }
      if (from < end) list.push({ start: from, end, id: h.id });
      covered.set(node, list);
      any = true;
    }
    if (any) placed.add(h.id);
  }
  for (const [node, pieces] of covered) {
    for (const piece of pieces.sort((a, b) => b.start - a.start)) {
      node.splitText(piece.end);
      const middle = node.splitText(piece.start);
      const mark = root.ownerDocument.createElement('mark');
      mark.setAttribute(MARK, piece.id);
      middle.replaceWith(mark);
      mark.append(middle);
    }
  }
  for (const mark of Array.from(root.querySelectorAll(`mark[${MARK}]`))) liftMark(mark);
  mergeNeighbours(root);
  return placed;
}

function textNodesIn(range: Range): Text[] {
  const doc = range.startContainer.ownerDocument;
  const start = range.commonAncestorContainer;
  if (!doc) return [];
  if (start.nodeType === 3) return [start as Text];
  const walker = doc.createTreeWalker(start, 0x4);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode())
    if (range.intersectsNode(node)) nodes.push(node as Text);
  return nodes;
}

/** A mark that holds all of an inline element's text (a link, an emphasis) marks the element instead. */
function liftMark(mark: Element): void {
  const id = mark.getAttribute(MARK);
  let current = mark;
  for (;;) {
    const parent = current.parentElement;
    if (!parent || !isInline(parent) || parent.tagName === 'MARK') return;
    const unmarked = Array.from(parent.childNodes).some(
      (child) =>
        child !== current &&
        (child.textContent ?? '').trim() !== '' &&
        !(
          child.nodeType === 1 &&
          (child as Element).tagName === 'MARK' &&
          (child as Element).getAttribute(MARK) === id
        ),
    );
    if (unmarked) return;
    // Unwrap the marks inside, wrap the element.
    for (const inner of Array.from(parent.querySelectorAll(`mark[${MARK}]`)))
      inner.replaceWith(...Array.from(inner.childNodes));
    const outer = parent.ownerDocument.createElement('mark');
    outer.setAttribute(MARK, id ?? '');
    parent.replaceWith(outer);
    outer.append(parent);
    current = outer;
  }
}

const INLINE = new Set([
  'A',
  'EM',
  'STRONG',
  'B',
  'I',
  'U',
  'S',
  'DEL',
  'INS',
  'SPAN',
  'SMALL',
  'CITE',
  'Q',
  'ABBR',
  'TIME',
  'VAR',
  'SUB',
  'SUP',
  'CODE',
  'KBD',
  'SAMP',
]);
const isInline = (el: Element) => INLINE.has(el.tagName);

/** Neighbouring marks of one highlight (only white space between) become one. */
function mergeNeighbours(root: Element): void {
  for (const mark of Array.from(root.querySelectorAll(`mark[${MARK}]`))) {
    if (!mark.parentNode) continue;
    let next = mark.nextSibling;
    while (next) {
      if (next.nodeType === 3 && !(next.textContent ?? '').trim() && next.nextSibling?.nodeType === 1) {
        const after = next.nextSibling as Element;
        if (after.tagName === 'MARK' && after.getAttribute(MARK) === mark.getAttribute(MARK)) {
          mark.append(next, ...Array.from(after.childNodes));
          after.remove();
          next = mark.nextSibling;
          continue;
        }
      }
      if (
        next.nodeType === 1 &&
        (next as Element).tagName === 'MARK' &&
        (next as Element).getAttribute(MARK) === mark.getAttribute(MARK)
      ) {
        mark.append(...Array.from(next.childNodes));
        const gone = next;
        next = next.nextSibling;
        gone.remove();
        continue;
      }
      break;
    }
  }
}

/** Puts each note after the block its highlight ends in (after a whole list, quote or table). */
function addCallouts(root: Element, withNotes: HighlightRecord[]): void {
  const lastMark = new Map<string, Element>();
  for (const mark of Array.from(root.querySelectorAll(`mark[${MARK}]`)))
    lastMark.set(mark.getAttribute(MARK) ?? '', mark);
  const after = new Map<Element, HighlightRecord[]>();
  for (const h of withNotes) {
    const mark = lastMark.get(h.id);
    if (!mark) continue;
    let block: Element | null = mark.parentElement;
    while (block && block !== root && !NOTE_BLOCKS.has(block.tagName)) block = block.parentElement;
    // Out of lists, quotes and tables: a callout inside them would break them.
    for (let up = block?.parentElement; up && up !== root; up = up.parentElement)
      if (CONTAINERS.has(up.tagName)) block = up;
    if (!block || block === root) block = root.lastElementChild ?? root;
    const list = after.get(block) ?? [];
    list.push(h);
    after.set(block, list);
  }
  for (const [block, notes] of after) {
    const holder = root.ownerDocument.createElement('div');
    holder.setAttribute(CALLOUT, '');
    for (const h of notes) {
      // Read from the attribute: Turndown collapses the white space of text, and a note keeps its lines.
      const note = root.ownerDocument.createElement('p');
      note.setAttribute(CALLOUT, h.note);
      note.textContent = h.note;
      holder.append(note);
    }
    if (block === root) root.append(holder);
    else block.after(holder);
  }
}

/** Turndown set up for Obsidian: ATX headings, fenced code, `-` bullets, GFM tables, and Clearmark's rules. */
function converter(input: ArticleMarkdownInput, highlights: readonly HighlightRecord[]): TurndownService {
  const colors = new Map<string, HighlightColor>(highlights.map((h) => [h.id, h.color]));
  const service = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
    emDelimiter: '*',
    strongDelimiter: '**',
    hr: '---',
    linkStyle: 'inlined',
  });
  service.use([tables, strikethrough]);
  // Text from the page is text: nothing in it may become Markdown or Obsidian syntax.
  service.escape = (text: string) => escapeInline(text);
  service.addRule('highlight', {
    filter: (node) => node.nodeName === 'MARK' && node.hasAttribute(MARK),
    replacement: (content, node) => {
      if (!content.trim()) return content;
      if (input.style === 'mark')
        return `<mark class="cm-${colors.get((node as Element).getAttribute(MARK) ?? '') ?? 'yellow'}">${content}</mark>`;
      return `==${content}==`;
    },
  });
  service.addRule('callout', {
    filter: (node) => node.nodeName === 'DIV' && node.hasAttribute(CALLOUT),
    replacement: (_content, node) =>
      `\n\n${Array.from((node as Element).children)
        .map((p) => callout(noteParagraphs(p.getAttribute(CALLOUT) ?? '')))
        .join('\n\n')}\n\n`,
  });
  service.addRule('fencedCode', {
    filter: (node) => node.nodeName === 'PRE',
    replacement: (_content, node) => {
      const pre = node as Element;
      const code = pre.querySelector('code');
      const language =
        [pre.getAttribute('data-language'), code?.getAttribute('data-language')].find(
          (l) => l && CODE_LANGUAGE.test(l),
        ) ?? '';
      const text = pre.textContent.replace(/\n$/, '');
      const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((r) => r.length));
      const fence = '`'.repeat(longest + 1);
      return `\n\n${fence}${language}\n${text}\n${fence}\n\n`;
    },
  });
  service.addRule('image', {
    filter: 'img',
    replacement: (_content, node) => {
      const img = node as HTMLImageElement;
      const src = img.getAttribute('src') ?? '';
      if (!src || src.startsWith('data:')) return '';
      const target = input.attachments?.[src] ?? src;
      const alt = escapeInline((img.getAttribute('alt') ?? '').replace(/\s+/g, ' ').trim());
      const title = img.getAttribute('title');
      return `![${alt}](<${target.replace(/[<>\\]/g, encodeURIComponent)}>${title ? ` "${title.replace(/["\\]/g, '\\$&')}"` : ''})`;
    },
  });
  // TeX kept from MathML: $…$ in a line, $$…$$ on its own lines.
  service.addRule('tex', {
    filter: (node) => node.nodeName === 'CODE' && (node as Element).hasAttribute('data-tex'),
    replacement: (_content, node) => {
      const tex = node.textContent.trim();
      if (!tex) return '';
      return (node as Element).getAttribute('data-tex') === 'block'
        ? `\n\n$$\n${tex}\n$$\n\n`
        : `$${tex.replace(/\s+/g, ' ')}$`;
    },
  });
  service.addRule('figcaption', {
    filter: 'figcaption',
    replacement: (content) => (content.trim() ? `\n\n*${content.trim()}*\n\n` : ''),
  });
  service.addRule('link', {
    filter: (node) => node.nodeName === 'A' && node.hasAttribute('href'),
    replacement: (content, node) => {
      const href = (node as Element).getAttribute('href') ?? '';
      if (!content.trim()) return '';
      // A footnote reference (`<sup><a href="#fn1">1</a></sup>`) is written as one.
      if (href.startsWith('#')) return content;
      return `[${content}](<${href.replace(/[<>\\]/g, encodeURIComponent)}>)`;
    },
  });
  service.addRule('supSub', {
    filter: ['sup', 'sub'],
    replacement: (content, node) => {
      const tag = node.nodeName.toLowerCase();
      const link = (node as Element).querySelector('a[href^="#"]');
      if (tag === 'sup' && link && /^\[?\w{1,8}\]?$/.test(node.textContent.trim()))
        return `[^${node.textContent.trim().replace(/[[\]]/g, '')}]`;
      return content.trim() ? `<${tag}>${content}</${tag}>` : '';
    },
  });
  service.addRule('footnotes', {
    filter: (node) => node.nodeName === 'OL' && isFootnoteList(node),
    replacement: (_content, node) => {
      const items = Array.from((node as Element).children).filter((c) => c.tagName === 'LI');
      const start = Number((node as Element).getAttribute('start') ?? '1') || 1;
      return `\n\n${items
        .map(
          (item, i) =>
            `[^${start + i}]: ${service
              .turndown(withoutBackLinks(item) as HTMLElement)
              .replace(/\n+/g, ' ')
              .trim()}`,
        )
        .join('\n')}\n\n`;
    },
  });
  // `- item` and `1. item`, continuation lines indented to the item's text (as Obsidian writes lists).
  service.addRule('listItem', {
    filter: 'li',
    replacement: (content, node) => {
      const parent = node.parentNode as Element | null;
      let prefix = '- ';
      if (parent?.nodeName === 'OL') {
        const start = Number(parent.getAttribute('start') ?? '1');
        prefix = `${(Number.isFinite(start) ? start : 1) + Array.prototype.indexOf.call(parent.children, node)}. `;
      }
      const paragraph = /\n$/.test(content);
      const body = content.replace(/^\n+/, '').replace(/\n+$/, '') + (paragraph ? '\n' : '');
      return prefix + body.replace(/\n/g, `\n${' '.repeat(prefix.length)}`) + (node.nextSibling ? '\n' : '');
    },
  });
  service.keep(['kbd']);
  return service;
}

/** The article's last ordered list, when the text refers to its items by number (`[1]`, `¹` as links to `#…`). */
function isFootnoteList(list: Element): boolean {
  const root = list.closest('article') ?? list.ownerDocument.body;
  const lists = Array.from(root.querySelectorAll('ol'));
  if (lists[lists.length - 1] !== list) return false;
  const refs = Array.from(root.querySelectorAll('sup')).filter(
    (s) => s.querySelector('a[href^="#"]') && /^\[?\d{1,4}\]?$/.test(s.textContent.trim()),
  );
  return refs.length > 0 && refs.every((r) => list.compareDocumentPosition(r) & 2 /* PRECEDING */);
}

/** A footnote's text without its "↩" links back to the reference. */
function withoutBackLinks(item: Element): Element {
  const copy = item.cloneNode(true) as Element;
  for (const a of Array.from(copy.querySelectorAll('a[href^="#"]')))
    if (/^(?:\s|↩|\uFE0E|\uFE0F|↑|\^)*$/u.test(a.textContent)) a.remove();
  return copy;
}
