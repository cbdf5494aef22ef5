/**
 * The article's pictures as a reader wants them: a picture with its caption, however the page
 * marked it up (a `figcaption`, or a caption block right after the image in the same wrapper);
 * the lead picture the page shows above the headline, which the article's element often leaves
 * out; no advert banners; and no empty boxes where an image failed to load or had no address.
 * Words are never added or taken away here: the reader shows exactly the article's text.
 */

/** Sizes of the standard advert units (IAB): an image drawn at one of these is a banner. */
const ADVERT_SIZES = new Set([
  '728x90',
  '468x60',
  '970x90',
  '970x250',
  '300x250',
  '336x280',
  '300x600',
  '160x600',
  '120x600',
  '320x50',
  '320x100',
  '300x50',
  '234x60',
]);
/** Addresses of advert servers and slots. */
const ADVERT_ADDRESS =
  /(?:doubleclick\.net|googlesyndication|adservice|adserver|\/ads?\/|[?&](?:adid|adunit|banner)=)/i;
/** Class names of caption blocks ("caption", "image-caption", "wp-caption-text", "credit", "legend"). */
const CAPTION_NAME = /(?:^|[-_\s])(?:caption|captions|credit|credits|legend|legende|didascalia)(?:$|[-_\s])/i;
/** A caption is a line or two, not a paragraph of the story. */
const MAX_CAPTION_CHARS = 300;
const IMAGE_TAGS = new Set(['IMG', 'PICTURE']);
/** Elements that wrap a picture and its caption without meaning anything of their own. */
const CAPTION_WRAPPERS = new Set(['DIV', 'SPAN', 'SECTION']);

/** Whether an image (or a picture) is an advert: drawn at an advert unit's size, or served from an advert address. */
export function isAdvertImage(el: Element): boolean {
  const img = el.tagName.toUpperCase() === 'IMG' ? el : el.querySelector('img');
  if (!img) return false;
  const size = `${img.getAttribute('width') ?? ''}x${img.getAttribute('height') ?? ''}`;
  const link = img.closest('a')?.getAttribute('href') ?? '';
  return ADVERT_SIZES.has(size) || ADVERT_ADDRESS.test(img.getAttribute('src') ?? '') || ADVERT_ADDRESS.test(link);
}

/** The one image an element is (an img, a picture, or a link or span around only one, a few levels deep). */
function imageIn(el: Element): Element | null {
  let at: Element | null = el;
  for (let level = 0; at && level < 4; level++) {
    if (IMAGE_TAGS.has(at.tagName.toUpperCase())) return at;
    if (at.children.length !== 1 || at.textContent.trim()) return null;
    at = at.firstElementChild;
  }
  return null;
}

/**
 * A caption standing after its image in one wrapper (`<div><img><div class="caption">…</div></div>`):
 * the caption element, or null. Known by position (the wrapper holds the image and one short block
 * of text, nothing else but line breaks) or by name.
 */
export function captionAfterImage(wrapper: Element): Element | null {
  // Only a plain wrapper: a list item, a cell, a link or a paragraph holding an icon and a label keeps its role.
  if (!CAPTION_WRAPPERS.has(wrapper.tagName.toUpperCase())) return null;
  // A line break between the picture and its caption is layout, not a part of either.
  const [image, caption, ...more] = Array.from(wrapper.children).filter((child) => child.tagName !== 'BR');
  if (!image || !caption || more.length || !imageIn(image)) return null;
  for (let node = wrapper.firstChild; node; node = node.nextSibling)
    if (node.nodeType === 3 && (node as Text).data.trim()) return null;
  const text = caption.textContent.replace(/\s+/g, ' ').trim();
  if (!text || text.length > MAX_CAPTION_CHARS || caption.querySelector('img, picture, table, ul, ol')) return null;
  const named = CAPTION_NAME.test(`${caption.getAttribute('class') ?? ''} ${caption.id}`);
  return named || caption.children.length === 0 || !caption.querySelector('p, div, h1, h2, h3, h4, h5, h6')
    ? caption
    : null;
}

/** The last part of an image address's path, the name that stays the same across a site's sizes and CDNs. */
function fileName(address: string): string {
  const path = address.split(/[?#]/)[0] ?? '';
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)).toLowerCase();
}

/**
 * The page's lead picture when the article's element leaves it out: the image the page declares
 * as its picture (`og:image`), shown on the page before the article's element (above the
 * headline), not inside it. Null when there is none, or the article already holds it.
 */
export function leadImageBefore(root: Element): Element | null {
  const doc = root.ownerDocument;
  const declared = doc.querySelector('meta[property="og:image"], meta[name="og:image"], meta[name="twitter:image"]');
  const name = fileName(declared?.getAttribute('content') ?? '');
  if (name.length < 5) return null;
  const images = Array.from(doc.getElementsByTagName('img')).slice(0, 200);
  const same = (img: Element) =>
    ['src', 'data-src', 'srcset', 'data-srcset'].some((attr) =>
      (img.getAttribute(attr) ?? '')
        .split(',')
        .some((candidate) => fileName(candidate.trim().split(/\s+/)[0] ?? '') === name),
    );
  if (images.some((img) => root.contains(img) && same(img))) return null;
  const lead = images.find(
    (img) =>
      same(img) && !root.contains(img) && root.compareDocumentPosition(img) & 2 /* DOCUMENT_POSITION_PRECEDING */,
  );
  if (!lead || lead.closest('nav, header[role="banner"], [role="navigation"], aside, footer')) return null;
  // The picture alone: words around it (a caption, a credit) are not the article's text, which the reader shows exactly.
  return lead.closest('picture') ?? lead;
}

/** Whether a copied figure is left with nothing to show (its image dropped, no caption). */
export function isEmptyFigure(figure: Element): boolean {
  return !figure.querySelector('img, picture, video') && !figure.textContent.trim();
}

/**
 * Images that fail to load leave no empty box in the reader: the image goes, and its figure with
 * it when nothing else is left in it. A caption stays: the reader shows all of the article's text,
 * offline too.
 */
export function dropFailedImages(body: Element): void {
  const drop = (img: Element) => {
    const figure = img.closest('figure');
    (img.parentElement?.tagName.toUpperCase() === 'PICTURE' ? img.parentElement : img).remove();
    if (figure && body.contains(figure) && isEmptyFigure(figure)) figure.remove();
  };
  // Loading starts when the copy joins the live document, so every failure is reported after this.
  body.addEventListener(
    'error',
    (event) => {
      const target = event.target as Element | null;
      if (target?.tagName.toUpperCase() === 'IMG' && body.contains(target)) drop(target);
    },
    true,
  );
}
