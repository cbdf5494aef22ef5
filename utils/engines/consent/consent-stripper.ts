/**
 * Takes consent banners out of the reader's way, reversibly: marks them for the stylesheet that
 * hides them, gives scrolling back, and lifts the `inert` / `aria-hidden` a banner put over the
 * content. `restore()` undoes all of it.
 *
 * Scroll locks are found by their effect, wherever a site put them: `overflow: hidden` or `clip`
 * on <html> or <body> from a class, a stylesheet or an inline style (even `!important`), or a body
 * pinned with `position: fixed` and a negative top — the page's scroll position, which is given
 * back. They are undone with inline `!important` styles (the only thing an inline `!important`
 * yields to), the page's own inline values kept to put back.
 */
import type { ConsentFindings } from './find-banners';
import { READER_OPEN_ATTRIBUTE } from '@/utils/shared/ui-host-tag';
import { bodyOf } from '../../shared/document-parts';

export const HIDDEN_ATTRIBUTE = 'data-clearmark-hidden';
export const UNLOCKED_ATTRIBUTE = 'data-clearmark-unlocked';
/** Set on <html> when the user keeps banners: every hiding rule is then off. */
export const SHOWN_ATTRIBUTE = 'data-clearmark-banners';

export class ConsentStripper {
  private readonly marked: Element[] = [];
  private readonly lifted: { el: Element; name: string; value: string }[] = [];
  /** The page's own inline values of the properties an unlock overrides, per element. */
  private readonly inline = new Map<HTMLElement, Map<string, { value: string; priority: string }>>();
  /** How many scroll locks were released (for the consent benchmark). */
  locksReleased = 0;

  constructor(private readonly doc: Document) {}

  /** Hides what was found and unlocks the page. Returns how many elements were hidden. */
  strip(findings: ConsentFindings): number {
    const hide = [...findings.banners, ...findings.overlays];
    for (const el of hide) {
      if (el.hasAttribute(HIDDEN_ATTRIBUTE)) continue;
      el.setAttribute(HIDDEN_ATTRIBUTE, '');
      this.marked.push(el);
    }
    // Once a banner was hidden, a lock set again later (consent platforms load late) is released too.
    if (hide.length || this.marked.length) this.unlock();
    return hide.length;
  }

  private unlock(): void {
    const view = this.doc.defaultView;
    const html = this.doc.documentElement;
    const body = bodyOf(this.doc);
    if (!view || !body) return;
    for (const el of [html, body]) {
      // Clearmark's own lock while the reader view is open (the reader alone scrolls) is no site's lock to undo.
      if (el === html && html.hasAttribute(READER_OPEN_ATTRIBUTE)) continue;
      const style = view.getComputedStyle(el);
      const hidden = (v: string) => v === 'hidden' || v === 'clip';
      const pinned = el === body && style.position === 'fixed';
      const dead = style.pointerEvents === 'none';
      if (!hidden(style.overflow) && !hidden(style.overflowY) && !pinned && !dead) continue;
      // A body pinned at a negative top holds the page's scroll position there.
      const scrolledTo = pinned ? -parseFloat(style.top) || 0 : 0;
      if (!el.hasAttribute(UNLOCKED_ATTRIBUTE)) {
        el.setAttribute(UNLOCKED_ATTRIBUTE, '');
        this.marked.push(el);
      }
      // `visible` on both is how a page that never locked is: the viewport scrolls.
      this.override(el, {
        overflow: 'visible',
        ...(pinned ? { position: 'static', top: 'auto' } : {}),
        ...(dead ? { 'pointer-events': 'auto' } : {}),
      });
      this.locksReleased++;
      if (scrolledTo > 0) view.scrollTo(view.scrollX, scrolledTo);
    }
    // Content made inert or hidden from assistive technology while the dialog was up.
    for (const el of Array.from(body.querySelectorAll('[inert], [aria-hidden="true"]'))) {
      if (el.hasAttribute(HIDDEN_ATTRIBUTE) || el.textContent.trim().length < 200) continue;
      for (const name of ['inert', 'aria-hidden']) {
        const value = el.getAttribute(name);
        if (value === null) continue;
        this.lifted.push({ el, name, value });
        el.removeAttribute(name);
      }
    }
  }

  /** Sets inline `!important` values, keeping the page's own inline values the first time. */
  private override(el: HTMLElement, values: Record<string, string>): void {
    const kept = this.inline.get(el) ?? new Map<string, { value: string; priority: string }>();
    for (const [name, value] of Object.entries(values)) {
      if (!kept.has(name))
        kept.set(name, { value: el.style.getPropertyValue(name), priority: el.style.getPropertyPriority(name) });
      el.style.setProperty(name, value, 'important');
    }
    this.inline.set(el, kept);
  }

  /** Puts everything back as the page had it. */
  restore(): void {
    for (const el of this.marked.splice(0)) {
      el.removeAttribute(HIDDEN_ATTRIBUTE);
      el.removeAttribute(UNLOCKED_ATTRIBUTE);
    }
    for (const [el, kept] of this.inline) {
      for (const [name, { value, priority }] of kept) {
        if (value) el.style.setProperty(name, value, priority);
        else el.style.removeProperty(name);
      }
      if (el.getAttribute('style') === '') el.removeAttribute('style');
    }
    this.inline.clear();
    for (const { el, name, value } of this.lifted.splice(0)) el.setAttribute(name, value);
  }
}

/** The user's choice: when banners are kept, the stylesheet's rules are all switched off. */
export function setBannersShown(doc: Document, shown: boolean): void {
  if (shown) doc.documentElement.setAttribute(SHOWN_ATTRIBUTE, 'shown');
  else doc.documentElement.removeAttribute(SHOWN_ATTRIBUTE);
}
