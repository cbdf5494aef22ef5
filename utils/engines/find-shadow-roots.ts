/**
 * Finds the open shadow roots of a page's web components without visiting every element: one
 * native selector query per tree, so a page without components costs one query and no script
 * object per element (what a walk over elements costs in Firefox). Used where the page is live
 * and the query is native; extraction, which visits every element anyway, looks for itself.
 */
import { readableRoot } from './shadow-roots';

/** Every standard HTML element name: what is left when they are excluded is a custom (or unknown) element. */
const STANDARD = [
  'a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption cite code col',
  'colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure footer form h1 h2',
  'h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link main map mark menu meta',
  'meter nav noscript object ol optgroup option output p picture pre progress q rp rt ruby s samp script search',
  'section select slot small source span strong style sub summary sup table tbody td template textarea tfoot th',
  'thead time title tr track u ul var video wbr font center big tt nobr marquee frame frameset noframes',
].join(' ');
/** Elements whose names are not standard HTML: custom elements, unknown tags, and SVG or MathML content. */
const NOT_STANDARD = `:not(${STANDARD.split(' ').join(',')},svg,svg *,math,math *)`;

/** The open shadow roots whose hosts lie inside `root`'s tree (not inside other roots), in document order. */
export function hostedRoots(root: Node): ShadowRoot[] {
  if (!('querySelectorAll' in root)) return [];
  const found: ShadowRoot[] = [];
  for (const element of (root as ParentNode).querySelectorAll(NOT_STANDARD)) {
    const shadow = readableRoot(element);
    if (shadow) found.push(shadow);
  }
  return found;
}

/** Every open shadow root under `root`, nested ones included (each after its host's root). */
export function openShadowRoots(root: Node): ShadowRoot[] {
  const all: ShadowRoot[] = [];
  const visit = (node: Node) => {
    for (const shadow of hostedRoots(node)) {
      all.push(shadow);
      visit(shadow);
    }
  };
  visit(root);
  return all;
}
