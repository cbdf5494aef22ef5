/**
 * The parts of a document that may be missing, typed as they are. The DOM's type declarations say
 * `body`, `documentElement` and `head` are always there. They are not: a content script at
 * `document_start` runs before `<body>` is parsed, and an XML or emptied document may have none.
 * Code that guards against that reads them here, so the type checker keeps the guard.
 */
export const bodyOf = (doc: Document): HTMLElement | null => doc.body;
export const rootElementOf = (doc: Document): HTMLElement | null => doc.documentElement;
export const headOf = (doc: Document): HTMLHeadElement | null => doc.head;
