/**
 * The tag of the elements that host Clearmark's own UI in a page (toolbar, card, reader view).
 * Extraction and anchoring skip them, so Clearmark never reads its own UI as page text.
 */
export const UI_HOST_TAG = 'clearmark-ui';
