/**
 * Highlight colors inside a web component's open shadow root. In Firefox the text of a shadow
 * tree takes only that tree's own `::highlight()` rules, so the page's stylesheet does not color
 * it: the tree adopts a constructed sheet of the same rules (no element is added to it).
 */
import HIGHLIGHT_CSS from '@/assets/highlights.css?raw';

const sheets = new WeakMap<Document, CSSStyleSheet>();

/** Gives a shadow tree Clearmark's highlight rules, once; answers whether they were missing. */
export function styleShadowTree(tree: ShadowRoot): boolean {
  const doc = tree.ownerDocument;
  const Sheet = doc.defaultView?.CSSStyleSheet;
  if (!Sheet || !('adoptedStyleSheets' in tree)) return false;
  let sheet = sheets.get(doc);
  if (!sheet) {
    sheet = new Sheet();
    sheet.replaceSync(HIGHLIGHT_CSS);
    sheets.set(doc, sheet);
  }
  if (tree.adoptedStyleSheets.includes(sheet)) return false;
  // The page's own sheets stay, in their order; Clearmark's comes last.
  tree.adoptedStyleSheets = [...tree.adoptedStyleSheets, sheet];
  return true;
}
