/**
 * Mounts the reader view over the page in a closed shadow root, so page scripts and styles can
 * neither read nor restyle it; the page underneath is not scrolled or changed, so closing returns
 * the reader exactly where they were. Also reads the user's selection inside the view, which the
 * document's own Selection cannot show across the shadow boundary.
 */
import { render } from 'preact';
import { createRef } from 'preact';
import type { ReaderSettings } from '@/utils/shared/model';
import { ReaderView, type ReaderArticle } from './ReaderView';
import styles from './reader.css?inline';
import { boxOf, type Box } from '@/utils/shared/box';
import { createClosedHost } from './closed-host';
import { heldImages, showHeldImages } from '@/utils/engines/reader/article-html';
import { dropFailedImages } from '@/utils/engines/reader/pictures';
import { READER_OPEN_ATTRIBUTE } from '@/utils/shared/ui-host-tag';

export interface ReaderHandle {
  body: HTMLElement;
  /** Whether the reader is still in the page (a page that tidies away foreign elements may remove it). */
  isShown(): boolean;
  /** Puts it back after such a page removed it. */
  reattach(): void;
  /** The selected range inside the reader, if any. */
  selectedRange(): Range | null;
  update(settings: ReaderSettings): void;
  /** Closes the settings panel if it is open (Escape closes one layer at a time); answers whether it did. */
  closeLayer(): boolean;
  /** Boxes of the reader's controls by name (for automated checks that click like a person). */
  controls(): Record<string, Box>;
  close(): void;
}

export function openReader(
  doc: Document,
  article: ReaderArticle,
  body: DocumentFragment,
  settings: ReaderSettings,
  on: { settings: (patch: Partial<ReaderSettings>) => void; close: () => void },
  /** 'open' in Clearmark's own page of a saved copy, where no page script runs. */
  mode: ShadowRootMode = 'closed',
): ReaderHandle {
  const { host, shadow, mount } = createClosedHost(
    doc,
    styles,
    'position:fixed;inset:0;z-index:2147483646;display:block;',
    mode,
  );
  host.setAttribute('data-reader', '');
  // The stylesheet's lock (the reader alone scrolls) yields to an inline `overflow … !important` on
  // <html>: a site's own, or the one that released a site's lock for a banner. Set aside while open.
  const html = doc.documentElement;
  const asideOverflow =
    html.style.getPropertyPriority('overflow') === 'important' ? html.style.getPropertyValue('overflow') : '';
  if (asideOverflow) html.style.removeProperty('overflow');
  html.setAttribute(READER_OPEN_ATTRIBUTE, '');

  const bodyRef = createRef<HTMLDivElement>();
  const previousFocus = doc.activeElement as HTMLElement | null;
  let current = settings;
  let panel = false;
  let held = heldImages(body).length;
  const draw = () => {
    renderView();
    fitMeasure(shadow, bodyRef.current, current.width);
  };
  const renderView = () =>
    render(
      <ReaderView
        article={article}
        settings={current}
        panel={panel}
        onPanel={(open) => {
          panel = open;
          draw();
        }}
        onSettings={on.settings}
        onClose={on.close}
        bodyRef={bodyRef}
        heldImages={held}
        onShowImages={() => {
          if (bodyRef.current) showHeldImages(bodyRef.current);
          held = 0;
          draw();
        }}
      />,
      mount,
    );
  renderView();
  const bodyElement = bodyRef.current;
  if (!bodyElement) throw new Error('the reader view rendered no body');
  dropFailedImages(bodyElement);
  bodyElement.append(body);
  fitMeasure(shadow, bodyElement, current.width);
  shadow.querySelector<HTMLElement>('.reader')?.focus({ preventScroll: true });

  return {
    body: bodyElement,
    isShown: () => host.isConnected,
    reattach: () => doc.documentElement.append(host),
    selectedRange: () => selectionIn(doc, shadow),
    update(next) {
      current = next;
      draw();
    },
    closeLayer() {
      if (!panel) return false;
      panel = false;
      draw();
      shadow.querySelector<HTMLElement>('[data-control="settings"]')?.focus({ preventScroll: true });
      return true;
    },
    controls() {
      const boxes: Record<string, Box> = {};
      for (const el of Array.from(shadow.querySelectorAll('[data-control]'))) {
        const box = boxOf(el);
        if (box.width > 0) boxes[el.getAttribute('data-control') ?? ''] = box;
      }
      return boxes;
    },
    close() {
      render(null, mount);
      host.remove();
      html.removeAttribute(READER_OPEN_ATTRIBUTE);
      if (asideOverflow && !html.style.getPropertyValue('overflow'))
        html.style.setProperty('overflow', asideOverflow, 'important');
      previousFocus?.focus({ preventScroll: true });
    },
  };
}

/** Characters a line holds at each width: about 66 by default, as book typography has it. */
const CHARACTERS_PER_LINE = { narrow: 58, medium: 66, wide: 76 } as const;

/**
 * Sets the column's width from the article's own text in the chosen face and size, so a line holds
 * the same number of characters in any typeface (a width in `ch` follows the width of "0", which
 * differs from a text's average by typeface). Scripts whose characters are wide (CJK) stop at a
 * width in em that keeps their lines short enough too.
 */
function fitMeasure(shadow: ShadowRoot, body: HTMLElement | null, width: ReaderSettings['width']): void {
  const page = shadow.querySelector<HTMLElement>('.page');
  if (!page || !body) return;
  const sample = body.textContent.replace(/\s+/g, ' ').trim().slice(0, 800);
  const text =
    sample.length >= 200
      ? sample
      : 'The quick brown fox jumps over the lazy dog, and a long paragraph of ordinary prose follows it in the article.';
  const probe = page.ownerDocument.createElement('span');
  probe.textContent = text;
  probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap;left:-99999px;top:0';
  body.append(probe);
  const perCharacter = probe.getBoundingClientRect().width / text.length;
  probe.remove();
  if (!(perCharacter > 0)) return;
  page.style.setProperty('--measure', `${Math.round(perCharacter * CHARACTERS_PER_LINE[width])}px`);
}

function selectionIn(doc: Document, shadow: ShadowRoot): Range | null {
  const selection = doc.getSelection();
  let range: Range | null = null;
  if (selection && !selection.isCollapsed && typeof selection.getComposedRanges === 'function') {
    const [composed] = selection.getComposedRanges({ shadowRoots: [shadow] });
    if (composed && !composed.collapsed) {
      range = doc.createRange();
      range.setStart(composed.startContainer, composed.startOffset);
      range.setEnd(composed.endContainer, composed.endOffset);
    }
  } else {
    const legacy = (shadow as ShadowRoot & { getSelection?: () => Selection | null }).getSelection?.() ?? selection;
    if (legacy && !legacy.isCollapsed && legacy.rangeCount) range = legacy.getRangeAt(0);
  }
  if (!range || !shadow.contains(range.commonAncestorContainer) || !range.toString().trim()) return null;
  return range;
}
