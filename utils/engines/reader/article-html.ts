/**
 * The article as safe HTML for the reader view: a copy of the detected article without the
 * blocks the detection left out, built in an inert document (nothing loads, nothing runs), with
 * lazily loaded images resolved and URLs made absolute, then sanitized by DOMPurify with a strict
 * allow-list: no scripts, no event handlers, no forms or frames, no page CSS, no `javascript:`
 * URLs, and `data:` URLs only for images. This is the one place page markup becomes HTML.
 */
import DOMPurify from 'dompurify';
import type { ArticleDetection } from '../extraction/detect-article';
import { BLOCK_TAGS, elementKind } from '../extraction/element-kinds';
import { absoluteUrl } from '../../shared/urls';
import { isLayoutTable } from './page-layout';
import { captionAfterImage, isAdvertImage, isEmptyFigure, leadImageBefore } from './pictures';

const ALLOWED_TAGS = [
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'code',
  'kbd',
  'samp',
  'figure',
  'figcaption',
  'img',
  'picture',
  'source',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
  'a',
  'em',
  'strong',
  'b',
  'i',
  'u',
  's',
  'sub',
  'sup',
  'br',
  'hr',
  'span',
  'div',
  'section',
  'mark',
  'small',
  'cite',
  'q',
  'abbr',
  'time',
  'del',
  'ins',
  'var',
];
/**
 * An image the page itself has not loaded (its address only in a lazy loader's attribute) is not
 * fetched by the reader either: its address waits in these until the reader asks (`showHeldImages`).
 */
export const HELD_SRC = 'data-held-src';
export const HELD_SRCSET = 'data-held-srcset';
const URL_ATTRS = ['href', 'src', 'srcset', HELD_SRC, HELD_SRCSET];
/** A code block's language, as the page named it in a class (`language-js`) or attribute. */
export const CODE_LANGUAGE_ATTR = 'data-language';
/** A formula kept as its TeX (from MathML's TeX annotation or alttext): `inline` or `block`. */
export const TEX_ATTR = 'data-tex';
const ALLOWED_ATTR = [
  CODE_LANGUAGE_ATTR,
  TEX_ATTR,
  'href',
  'src',
  'srcset',
  HELD_SRC,
  HELD_SRCSET,
  'sizes',
  'alt',
  'title',
  'width',
  'height',
  'colspan',
  'rowspan',
  'datetime',
  'lang',
  'dir',
  'media',
  'type',
  'start',
  'reversed',
];
/** Attributes sites use for lazily loaded images, best first. */
const LAZY_SRC = ['data-src', 'data-lazy-src', 'data-original', 'data-url', 'data-hi-res-src', 'data-full-src'];
const LAZY_SRCSET = ['data-srcset', 'data-lazy-srcset'];
const MAX_DEPTH = 400;

const PURIFY = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  FORBID_TAGS: [
    'style',
    'script',
    'iframe',
    'form',
    'input',
    'button',
    'textarea',
    'select',
    'object',
    'embed',
    'svg',
    'math',
  ],
};

/** One DOMPurify per window: an instance only recognizes nodes of its own window's realm. */
const purifiers = new WeakMap<Window, ReturnType<typeof DOMPurify>>();

function sanitizer(view: Window & typeof globalThis): ReturnType<typeof DOMPurify> {
  const cached = purifiers.get(view);
  if (cached) return cached;
  const instance = DOMPurify(view);
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A') {
      const href = node.getAttribute('href');
      if (href && !/^(https?:|mailto:|#)/i.test(href)) node.removeAttribute('href');
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
    if (node.nodeName === 'IMG' || node.nodeName === 'SOURCE') {
      for (const attr of ['src', 'srcset', HELD_SRC, HELD_SRCSET]) {
        const value = node.getAttribute(attr);
        if (value && !/^(https?:|data:image\/(png|jpe?g|gif|webp|avif|svg\+xml);)/i.test(value.trim()))
          node.removeAttribute(attr);
      }
    }
  });
  purifiers.set(view, instance);
  return instance;
}

/**
 * The article (without its title heading) as a sanitized fragment owned by `view`'s document,
 * ready to append; empty when there is no article.
 */
export function articleFragment(
  detection: ArticleDetection,
  title: string,
  view: Window & typeof globalThis,
): DocumentFragment {
  const root = detection.root;
  if (!root) return view.document.createDocumentFragment();
  const inert = root.ownerDocument.implementation.createHTMLDocument('');
  const base = root.ownerDocument.baseURI;
  const titleKey = title.replace(/\s+/g, ' ').trim().toLowerCase();
  const container = inert.createElement('div');
  const context: CopyContext = { doc: inert, excluded: detection.excluded, base, titleKey };
  // The lead picture above the headline, when the article's element leaves it out.
  const lead = leadImageBefore(root);
  if (lead) copyNode(lead, container, { ...context, excluded: new Map() }, 0);
  // An article that is a data table is copied as one; a layout table's rows and cells become blocks.
  if (root.tagName.toUpperCase() === 'TABLE' && !isLayoutTable(root)) copyNode(root, container, context, 0);
  else copyChildren(root, container, context, 0);
  dropStrayBreaks(container);
  const fragment = sanitizer(view).sanitize(container, { ...PURIFY, RETURN_DOM_FRAGMENT: true });
  enforceAllowList(fragment);
  return fragment;
}

/** The article's sanitized HTML as text, as a saved copy keeps it. */
export function articleHtml(fragment: DocumentFragment, view: Window & typeof globalThis): string {
  const holder = view.document.implementation.createHTMLDocument('').createElement('div');
  holder.append(fragment.cloneNode(true));
  return sanitizer(view).sanitize(holder, PURIFY);
}

/**
 * A saved copy's HTML as a fragment to show, sanitized again exactly as a page's article is:
 * storage and sync are not trusted to hand back what was put in.
 */
export function savedArticleFragment(html: string, view: Window & typeof globalThis): DocumentFragment {
  const fragment = sanitizer(view).sanitize(html, { ...PURIFY, RETURN_DOM_FRAGMENT: true });
  enforceAllowList(fragment);
  return fragment;
}

/**
 * Fail-closed second check after DOMPurify: whatever the environment, nothing outside the
 * allow-list leaves this module, every URL is a web (or inline image) URL, and links open apart.
 */
function enforceAllowList(fragment: DocumentFragment): void {
  for (const el of Array.from(fragment.querySelectorAll('*'))) {
    if (!ALLOWED_TAGS.includes(el.tagName.toLowerCase())) {
      el.remove();
      continue;
    }
    for (const name of el.getAttributeNames()) if (!ALLOWED_ATTR.includes(name)) el.removeAttribute(name);
    if (el.tagName === 'A') {
      const href = el.getAttribute('href');
      if (href !== null && !/^(https?:|mailto:|#)/i.test(href)) el.removeAttribute('href');
      el.setAttribute('target', '_blank');
      el.setAttribute('rel', 'noopener noreferrer');
    } else {
      for (const attr of URL_ATTRS) {
        const value = el.getAttribute(attr)?.trim();
        if (value !== undefined && !/^(https?:|data:image\/(png|jpe?g|gif|webp|avif|svg\+xml);)/i.test(value))
          el.removeAttribute(attr);
      }
    }
  }
}

/** Elements that are whole without children. */
const VOID_TAGS = new Set(['img', 'br', 'hr', 'source', 'td', 'th']);
const TABLE_PARTS = new Set(['thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption']);

interface CopyContext {
  doc: Document;
  excluded: ArticleDetection['excluded'];
  base: string;
  titleKey: string;
}

function copyChildren(from: Element, to: Element, context: CopyContext, depth: number): void {
  for (let child = from.firstChild; child; child = child.nextSibling) copyNode(child, to, context, depth);
}

function copyNode(child: Node, to: Element, context: CopyContext, depth: number): void {
  const { doc, excluded, base, titleKey } = context;
  if (child.nodeType === 3) {
    to.append(doc.createTextNode((child as Text).data));
    return;
  }
  if (child.nodeType !== 1) return;
  const el = child as Element;
  if (excluded.has(el) || elementKind(el).never) return;
  const tag = el.tagName.toLowerCase();
  const tex = tag === 'math' ? texOf(el) : '';
  if (tex) {
    // A formula whose TeX the page gave: kept as TeX (the reader shows it as code, exports as $…$).
    const code = doc.createElement('code');
    code.setAttribute(TEX_ATTR, el.getAttribute('display') === 'block' ? 'block' : 'inline');
    code.textContent = tex;
    to.append(code);
    return;
  }
  if (tag === 'h1' && titleKey && el.textContent.replace(/\s+/g, ' ').trim().toLowerCase() === titleKey) return;
  if (depth >= MAX_DEPTH) {
    // Absurdly deep markup: keep its text, drop its structure.
    to.append(doc.createTextNode(el.textContent));
    return;
  }
  if (tag === 'table' && isLayoutTable(el)) {
    // A table that lays out the page: its cells become plain blocks, in reading order.
    for (const cell of Array.from(el.querySelectorAll(':scope > tr > td, :scope > tbody > tr > td'))) {
      const block = doc.createElement('div');
      to.append(block);
      copyChildren(cell, block, context, depth + 1);
      if (!block.hasChildNodes()) block.remove();
    }
    return;
  }
  if ((tag === 'img' || tag === 'picture') && isAdvertImage(el)) return;
  const found = captionAfterImage(el);
  // A caption the article's text leaves out (an author line beside a portrait) is no caption here either.
  const caption = found && !excluded.has(found) && !elementKind(found).never ? found : null;
  // Parts of a table outside a table copy (the article's element is a layout table's row or cell) are blocks.
  const strayTablePart = TABLE_PARTS.has(tag) && !to.closest('table');
  const copy = doc.createElement(
    caption ? 'figure' : strayTablePart ? 'div' : ALLOWED_TAGS.includes(tag) ? tag : standIn(el),
  );
  copyAttributes(el, copy, base);
  // An image with no address left (none, or only a script's) would be an empty box.
  if (tag === 'img' && !URL_ATTRS.some((name) => copy.hasAttribute(name))) return;
  to.append(copy);
  if (caption) {
    // A caption after its image in one wrapper: the wrapper is a figure, the caption its figcaption.
    const image = el.firstElementChild;
    if (image) copyNode(image, copy, context, depth + 1);
    const figcaption = doc.createElement('figcaption');
    copy.append(figcaption);
    copyChildren(caption, figcaption, context, depth + 1);
  } else copyChildren(el, copy, context, depth + 1);
  // A block whose every element was left out (a paragraph that held only an advert) leaves no gap.
  if (el.firstElementChild && !copy.firstElementChild && !copy.textContent.trim() && !VOID_TAGS.has(tag)) {
    copy.remove();
    return;
  }
  if ((tag === 'figure' || caption) && isEmptyFigure(copy)) copy.remove();
}

/**
 * Line breaks set against a block, or at a block's start or end, only add blank lines: blogs write
 * `text<br><br><h2>…</h2><br>text`, which read as wide gaps around every heading. A break between
 * two pieces of text (a poem's lines, an address) stays.
 */
function dropStrayBreaks(container: Element): void {
  const isBlank = (node: Node) => node.nodeType === 3 && !(node as Text).data.trim();
  const isBreak = (node: Node) => node.nodeName === 'BR';
  /** The nearest node beside a break that is neither blank text nor another break: null at the container's edge. */
  const beside = (node: Node, step: (n: Node) => Node | null) => {
    let next = step(node);
    while (next && (isBlank(next) || isBreak(next))) next = step(next);
    return next;
  };
  const againstBlock = (node: Node | null) =>
    !node || (node.nodeType === 1 && BLOCK_TAGS.has((node as Element).tagName.toUpperCase()));
  const stray = Array.from(container.getElementsByTagName('br')).filter(
    (br) => againstBlock(beside(br, (n) => n.previousSibling)) || againstBlock(beside(br, (n) => n.nextSibling)),
  );
  for (const br of stray) br.remove();
}

const BLOCK_SELECTOR = [...BLOCK_TAGS].map((t) => t.toLowerCase()).join(',');

/**
 * What an element outside the allow-list becomes: a block where it was one (or holds blocks), else
 * a span — a citation, a custom element or a `<font>` in a sentence stays in the sentence.
 */
function standIn(el: Element): 'div' | 'span' {
  return BLOCK_TAGS.has(el.tagName.toUpperCase()) || el.querySelector(BLOCK_SELECTOR) ? 'div' : 'span';
}

function absoluteSrcset(srcset: string, base: string): string {
  return srcset
    .split(',')
    .map((candidate) => {
      const [url, ...descriptor] = candidate.trim().split(/\s+/);
      return url ? [absoluteUrl(url, base), ...descriptor].join(' ') : '';
    })
    .filter(Boolean)
    .join(', ');
}

function copyAttributes(from: Element, to: Element, base: string): void {
  const tag = from.tagName;
  for (const name of [
    'alt',
    'title',
    'width',
    'height',
    'colspan',
    'rowspan',
    'datetime',
    'lang',
    'dir',
    'media',
    'type',
    'sizes',
    'start',
    'reversed',
  ]) {
    const value = from.getAttribute(name);
    if (value !== null) to.setAttribute(name, value);
  }
  if (tag === 'PRE' || tag === 'CODE') {
    const language = codeLanguage(from);
    if (language) to.setAttribute(CODE_LANGUAGE_ATTR, language);
  }
  if (tag === 'A') {
    const href = from.getAttribute('href');
    const target = href === null ? '' : href.startsWith('#') ? href : absoluteUrl(href, base);
    if (/^(https?:|mailto:|#)/i.test(target)) to.setAttribute('href', target);
  }
  if (tag === 'IMG' || tag === 'SOURCE') {
    // What the page loads itself is shown; what only its lazy loader names (the page may never
    // ask for it) is held: the reader makes no request the page would not have made.
    const pageSrc = from.getAttribute('src');
    const placeholder = !pageSrc || (pageSrc.startsWith('data:') && pageSrc.length < 200);
    const lazySrc = LAZY_SRC.map((n) => from.getAttribute(n)).find(Boolean);
    if (pageSrc && (!placeholder || !lazySrc))
      to.setAttribute('src', pageSrc.startsWith('data:') ? pageSrc : absoluteUrl(pageSrc, base));
    else if (lazySrc) to.setAttribute(HELD_SRC, absoluteUrl(lazySrc, base));
    const pageSrcset = from.getAttribute('srcset');
    const lazySrcset = LAZY_SRCSET.map((n) => from.getAttribute(n)).find(Boolean);
    if (pageSrcset) to.setAttribute('srcset', absoluteSrcset(pageSrcset, base));
    else if (lazySrcset) to.setAttribute(HELD_SRCSET, absoluteSrcset(lazySrcset, base));
  }
}

/** A MathML formula's TeX, as the page wrote it beside the MathML (an `application/x-tex` annotation, or alttext). */
function texOf(math: Element): string {
  const annotation = Array.from(math.getElementsByTagName('annotation')).find((a) =>
    /^(application\/x-tex|text\/x-latex|TeX)$/i.test(a.getAttribute('encoding') ?? ''),
  );
  return (annotation?.textContent ?? math.getAttribute('alttext') ?? '').trim().slice(0, 10_000);
}

/** The language a page gave a code block: `language-x` / `lang-x` classes (Prism, highlight.js, GitHub) or a `data-lang` attribute. */
function codeLanguage(el: Element): string {
  const named =
    el.getAttribute('data-language') ??
    el.getAttribute('data-lang') ??
    /(?:^|\s)(?:language|lang|highlight-source)-([\w#+.-]{1,30})(?:\s|$)/.exec(el.getAttribute('class') ?? '')?.[1] ??
    '';
  return /^[\w#+.-]{1,30}$/.test(named) ? named.toLowerCase() : '';
}

/** Images in a reader body waiting for the reader's word (`HELD_SRC`, `HELD_SRCSET`). */
export function heldImages(body: ParentNode): Element[] {
  return Array.from(body.querySelectorAll(`[${HELD_SRC}], [${HELD_SRCSET}]`));
}

/** Loads the held images: the user asked for them. */
export function showHeldImages(body: ParentNode): void {
  for (const el of heldImages(body)) {
    for (const [held, real] of [
      [HELD_SRC, 'src'],
      [HELD_SRCSET, 'srcset'],
    ] as const) {
      const value = el.getAttribute(held);
      if (value !== null) el.setAttribute(real, value);
      el.removeAttribute(held);
    }
  }
}
