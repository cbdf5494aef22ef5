/**
 * Takes consent banners out of the reader's way, reversibly: marks them for the stylesheet that
 * hides them, gives scrolling back (html/body locked with overflow or position), and lifts the
 * `inert` / `aria-hidden` a banner put over the content. `restore()` undoes all of it.
 */
import type { ConsentFindings } from './find-banners';

export const HIDDEN_ATTRIBUTE = 'data-clearmark-hidden';
export const UNLOCKED_ATTRIBUTE = 'data-clearmark-unlocked';
/** Set on <html> when the user keeps banners: every hiding rule is then off. */
export const SHOWN_ATTRIBUTE = 'data-clearmark-banners';

export class ConsentStripper {
  private readonly marked: Element[] = [];
  private readonly lifted: { el: Element; name: string; value: string }[] = [];

  constructor(private readonly doc: Document) {}

  /** Hides what was found and unlocks the page. Returns how many elements were hidden. */
  strip(findings: ConsentFindings): number {
    const hide = [...findings.banners, ...findings.overlays];
    for (const el of hide) {
      if (el.hasAttribute(HIDDEN_ATTRIBUTE)) continue;
      el.setAttribute(HIDDEN_ATTRIBUTE, '');
      this.marked.push(el);
    }
    if (hide.length) this.unlock();
    return hide.length;
  }

  private unlock(): void {
    const view = this.doc.defaultView;
    const { documentElement: html, body } = this.doc;
    if (!view || !body) return;
    for (const el of [html, body]) {
      const style = view.getComputedStyle(el);
      const locked = style.overflow === 'hidden' || style.overflowY === 'hidden' || style.overflow === 'clip' || style.position === 'fixed';
      if (locked && !el.hasAttribute(UNLOCKED_ATTRIBUTE)) {
        el.setAttribute(UNLOCKED_ATTRIBUTE, '');
        this.marked.push(el);
      }
    }
    // Content made inert or hidden from assistive technology while the dialog was up.
    for (const el of Array.from(body.querySelectorAll('[inert], [aria-hidden="true"]'))) {
      if (el.hasAttribute(HIDDEN_ATTRIBUTE) || (el.textContent ?? '').trim().length < 200) continue;
      for (const name of ['inert', 'aria-hidden']) {
        const value = el.getAttribute(name);
        if (value === null) continue;
        this.lifted.push({ el, name, value });
        el.removeAttribute(name);
      }
    }
  }

  /** Puts everything back as the page had it. */
  restore(): void {
    for (const el of this.marked.splice(0)) {
      el.removeAttribute(HIDDEN_ATTRIBUTE);
      el.removeAttribute(UNLOCKED_ATTRIBUTE);
    }
    for (const { el, name, value } of this.lifted.splice(0)) el.setAttribute(name, value);
  }
}

/** The user's choice: when banners are kept, the stylesheet's rules are all switched off. */
export function setBannersShown(doc: Document, shown: boolean): void {
  if (shown) doc.documentElement.setAttribute(SHOWN_ATTRIBUTE, 'shown');
  else doc.documentElement.removeAttribute(SHOWN_ATTRIBUTE);
}
