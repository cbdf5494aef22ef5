/**
 * Where a highlight's offsets count from. A selection inside the detected article is described
 * relative to that article element, named by a CSS selector (the W3C `CssSelector`) kept with
 * the highlight as a structural hint; anything else, and any hint that no longer names an
 * element, counts from the whole body. Offsets within the article survive changes to the
 * header, menus and banners around it, and are close to the reader view's own offsets.
 */
import type { CssSelector } from '../../shared/model';

/** Ids that look generated (long digit runs, hashes) change between loads; they make poor hints. */
const STABLE_ID = /^[A-Za-z][\w-]{0,63}$/;
const GENERATED = /\d{4,}|[0-9a-f]{8,}/i;

/** A selector naming `element` within `root` that will most likely name it again on the next visit. */
export function selectorFor(element: Element, root: Element): CssSelector | null {
  if (element === root || !root.contains(element)) return null;
  const steps: string[] = [];
  for (let el: Element | null = element; el && el !== root; el = el.parentElement) {
    const id = el.id;
    if (id && STABLE_ID.test(id) && !GENERATED.test(id) && el.ownerDocument.querySelectorAll(`#${id}`).length === 1) {
      steps.unshift(`#${id}`);
      return { type: 'CssSelector', value: steps.join(' > ') };
    }
    const tag = el.localName;
    if (!/^[a-z][a-z0-9-]*$/.test(tag)) return null;
    let nth = 1;
    for (let sibling = el.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
      if (sibling.localName === tag) nth++;
    }
    steps.unshift(`${tag}:nth-of-type(${nth})`);
  }
  steps.unshift(':scope');
  return { type: 'CssSelector', value: steps.join(' > ') };
}

/** The element a hint names under `root`, or null (then offsets count from `root`). */
export function resolveSelector(root: ParentNode, selector: CssSelector | undefined): Element | null {
  if (!selector) return null;
  try {
    return root.querySelector(selector.value);
  } catch {
    return null; // a hand-edited or foreign selector: no hint
  }
}
