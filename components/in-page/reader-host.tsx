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

/** Set on <html> while the reader is open, for the print stylesheet. */
export const READER_OPEN_ATTRIBUTE = 'data-clearmark-reader';

export interface ReaderHandle {
  body: HTMLElement;
  /** Whether the reader is still in the page (a page that tidies away foreign elements may remove it). */
  isShown(): boolean;
  /** Puts it back after such a page removed it. */
  reattach(): void;
  /** The selected range inside the reader, if any. */
  selectedRange(): Range | null;
  update(settings: ReaderSettings): void;
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
): ReaderHandle {
  const { host, shadow, mount } = createClosedHost(doc, styles, 'position:fixed;inset:0;z-index:2147483646;display:block;');
  host.setAttribute('data-reader', '');
  doc.documentElement.setAttribute(READER_OPEN_ATTRIBUTE, '');

  const bodyRef = createRef<HTMLDivElement>();
  const previousFocus = doc.activeElement as HTMLElement | null;
  const draw = (current: ReaderSettings) =>
    render(<ReaderView article={article} settings={current} onSettings={on.settings} onClose={on.close} bodyRef={bodyRef} />, mount);
  draw(settings);
  const bodyElement = bodyRef.current!;
  bodyElement.append(body);
  (shadow.querySelector('.reader') as HTMLElement | null)?.focus({ preventScroll: true });

  return {
    body: bodyElement,
    isShown: () => host.isConnected,
    reattach: () => doc.documentElement.append(host),
    selectedRange: () => selectionIn(doc, shadow),
    update: draw,
    controls() {
      const boxes: Record<string, Box> = {};
      for (const el of Array.from(shadow.querySelectorAll('[data-control]'))) {
        const box = boxOf(el);
        if (box.width > 0) boxes[el.getAttribute('data-control')!] = box;
      }
      return boxes;
    },
    close() {
      render(null, mount);
      host.remove();
      doc.documentElement.removeAttribute(READER_OPEN_ATTRIBUTE);
      previousFocus?.focus?.({ preventScroll: true });
    },
  };
}

type ComposedSelection = Selection & { getComposedRanges?: (options: { shadowRoots: ShadowRoot[] }) => StaticRange[] };

function selectionIn(doc: Document, shadow: ShadowRoot): Range | null {
  const selection = doc.getSelection() as ComposedSelection | null;
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
