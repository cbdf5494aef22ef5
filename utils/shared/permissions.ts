/**
 * The one optional permission Clearmark asks for: access to every site, so the background can
 * fetch a saved copy's pictures to keep them offline. Asked for only when the user turns that
 * on (the Saved view), never at install.
 */
export const ALL_SITES = '<all_urls>';
