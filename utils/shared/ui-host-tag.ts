/**
 * The names Clearmark's own UI uses in a page's DOM, shared by the code that renders it and the
 * code that must recognize it.
 */

/** The tag of the elements that host the UI (toolbar, card, reader view): extraction and anchoring skip them. */
export const UI_HOST_TAG = 'clearmark-ui';

/**
 * The event a field inside Clearmark's UI receives for a key pressed in it, in place of the
 * keydown the page must not hear (components/in-page/private-input-guard.ts); `detail` is the
 * original KeyboardEvent.
 */
export const PRIVATE_KEY_EVENT = 'clearmark-keydown';

/**
 * Set on <html> while the reader view is open: the stylesheet then locks the page's scrolling (the
 * reader alone scrolls), and the consent stripper leaves that lock alone.
 */
export const READER_OPEN_ATTRIBUTE = 'data-clearmark-reader';
