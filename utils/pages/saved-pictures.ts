/**
 * How a saved copy shows its pictures: those kept offline from storage (blob: addresses, no
 * request), the others by address — or, when the user turned pictures off, none (their
 * descriptions stay). Nothing here lets a remote `srcset` or `<source>` load beside a kept picture.
 */
import { HELD_SRC, HELD_SRCSET } from '../engines/reader/article-html';
import type { SavedImages } from '../shared/model';

/** Puts each kept picture in place in `body`; answers the blob: addresses made (to be revoked with the page). */
export function placePictures(
  body: ParentNode,
  kept: ReadonlyMap<string, Blob>,
  mode: SavedImages,
  win: Window & typeof globalThis,
): string[] {
  const made: string[] = [];
  for (const img of Array.from(body.querySelectorAll('img'))) {
    const address = img.getAttribute('src') ?? img.getAttribute(HELD_SRC) ?? '';
    const blob = kept.get(address);
    const picture = img.parentElement?.tagName === 'PICTURE' ? img.parentElement : null;
    if (!blob && mode !== 'none') {
      // A picture the page had not loaded when it was saved loads now, by address, as the reader view shows it once opened.
      const held = img.getAttribute(HELD_SRC);
      if (held && !img.hasAttribute('src')) img.setAttribute('src', held);
      const heldSet = img.getAttribute(HELD_SRCSET);
      if (heldSet && !img.hasAttribute('srcset')) img.setAttribute('srcset', heldSet);
      img.removeAttribute(HELD_SRC);
      img.removeAttribute(HELD_SRCSET);
      continue;
    }
    for (const attr of ['srcset', 'sizes', HELD_SRC, HELD_SRCSET]) img.removeAttribute(attr);
    for (const source of Array.from(picture?.querySelectorAll('source') ?? [])) source.remove();
    if (blob) {
      const url = win.URL.createObjectURL(blob);
      made.push(url);
      img.setAttribute('src', url);
    } else {
      img.removeAttribute('src');
      img.setAttribute('data-picture-off', '');
    }
  }
  return made;
}
