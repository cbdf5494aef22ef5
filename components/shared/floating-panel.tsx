/**
 * A small panel of Clearmark's own beside a range of text (the selection toolbar, the highlight
 * card): in a web page, in a closed shadow root so page scripts can neither read nor restyle it,
 * with what is typed in it kept from the page (the content side hands in its guard); in
 * Clearmark's own pages (a saved copy), in an open root styled by a constructed sheet. Clicks
 * inside it keep the selection and do not reach the document's own handlers.
 */
import { render, type ComponentChild } from 'preact';
import { boxOf, type Box } from '@/utils/shared/box';
import { createClosedHost, type ClosedHost } from '@/components/shared/closed-host';
const GAP = 8;

/** Where panels live: a web page (closed roots, typing guarded) or one of Clearmark's own pages. */
export interface PanelPlace {
  mode: ShadowRootMode;
  /**
   * In a web page: stops typed events aimed at the host before page scripts hear them, handing
   * each to `deliver`, which passes it inside the root (docs/adr/0011).
   */
  guard?: (host: HTMLElement, shadow: ShadowRoot, deliver: (event: Event) => void) => void;
  /** Whether typing in the panel is kept from the page (the card says so when it is not). */
  typingPrivate: () => boolean;
}

/** Clearmark's own extension pages: no page script runs there to guard against. */
export const OWN_PAGE: PanelPlace = { mode: 'open', typingPrivate: () => true };

export class FloatingPanel {
  private ui: ClosedHost | null = null;

  /**
   * `onEscape`: Escape pressed inside the panel, in a field too (the innermost layer closes).
   * `onKeydown`: every other key pressed inside it, before its fields take it.
   */
  constructor(
    private readonly doc: Document,
    private readonly styles: string,
    private readonly place: PanelPlace,
    private readonly onEscape?: () => void,
    private readonly onKeydown?: (event: KeyboardEvent) => void,
  ) {}

  get visible(): boolean {
    return this.ui !== null;
  }

  /** Whether focus is inside the panel (someone is typing a note). */
  hasFocus(): boolean {
    return this.ui?.host.matches(':focus-within') ?? false;
  }

  /** Whether an event happened inside this panel. */
  contains(event: Event): boolean {
    return this.ui !== null && event.composedPath().includes(this.ui.host);
  }

  /** Renders `content` and places the panel below the range's last line (above it when there is no room). */
  show(content: ComponentChild, beside: Range): void {
    const rects = beside.getClientRects();
    const last = rects[rects.length - 1] ?? beside.getBoundingClientRect();
    const first = rects[0] ?? last;
    const { host, mount } = this.ui ?? this.create();
    // A page that tidies away elements it did not make may have removed ours: put it back.
    if (!host.isConnected) this.doc.documentElement.append(host);
    render(content, mount);
    const view = this.doc.defaultView;
    if (!view) return;
    // Never taller than the window (a short frame's): what does not fit scrolls inside the panel.
    host.style.maxHeight = `${Math.max(0, view.innerHeight - 2 * GAP)}px`;
    host.style.overflowY = 'auto';
    const width = host.offsetWidth;
    const height = host.offsetHeight;
    const below = last.bottom + GAP + height <= view.innerHeight;
    // Above when there is no room below; where neither side has room, over the text, inside the window.
    const top = below
      ? last.bottom + GAP
      : Math.max(GAP, Math.min(first.top - GAP - height, view.innerHeight - GAP - height));
    const left = Math.min(Math.max(GAP, last.right - width / 2), view.innerWidth - width - GAP);
    host.style.top = `${top + view.scrollY}px`;
    host.style.left = `${left + view.scrollX}px`;
  }

  /** Re-renders the content in place. */
  update(content: ComponentChild): void {
    if (this.ui) render(content, this.ui.mount);
  }

  hide(): void {
    if (this.ui) render(null, this.ui.mount);
    this.ui?.host.remove();
    this.ui = null;
  }

  /** Boxes of the panel's controls by name (`data-control`), for checks that click like a person. */
  controls(): Record<string, Box> {
    const boxes: Record<string, Box> = {};
    for (const el of Array.from(this.ui?.shadow.querySelectorAll('[data-control]') ?? [])) {
      const box = boxOf(el);
      if (box.width > 0) boxes[el.getAttribute('data-control') ?? ''] = box;
    }
    return boxes;
  }

  private create(): ClosedHost {
    const ui = createClosedHost(
      this.doc,
      this.styles,
      'position:absolute;z-index:2147483647;top:0;left:0;',
      this.place.mode,
    );
    // Listen inside the closed root: from the host, an event's path starts at the host itself.
    const { host, shadow } = ui;
    shadow.addEventListener('mousedown', (e) => {
      if (!['TEXTAREA', 'INPUT'].includes((e.composedPath()[0] as Element | undefined)?.tagName ?? ''))
        e.preventDefault();
    });
    for (const type of ['mousedown', 'mouseup', 'click']) host.addEventListener(type, (e) => e.stopPropagation());
    const escape = (event: Event) => {
      if (event.type !== 'keydown' || event.defaultPrevented) return;
      if ((event as KeyboardEvent).key === 'Escape') this.onEscape?.();
      else this.onKeydown?.(event as KeyboardEvent);
    };
    if (this.place.guard) this.place.guard(host, shadow, escape);
    else shadow.addEventListener('keydown', escape);
    this.ui = ui;
    return ui;
  }
}
