/**
 * The one way Clearmark puts UI into a web page: a host element of its own tag at the end of
 * `<html>`, with a closed shadow root holding the styles and a mount point, so page scripts can
 * neither read nor restyle what is inside, and the page's own styles do not reach it.
 */
import { UI_HOST_TAG } from '@/utils/shared/ui-host-tag';
import { markLanguage } from '@/utils/i18n/words';

export interface ClosedHost {
  host: HTMLElement;
  shadow: ShadowRoot;
  /** Where the UI renders. */
  mount: HTMLElement;
}

/**
 * `hostStyle` places the host (it starts from `all:initial`). `mode` is 'open' only in
 * Clearmark's own extension pages, where no page script runs.
 */
export function createClosedHost(
  doc: Document,
  styles: string,
  hostStyle: string,
  asked: ShadowRootMode = 'closed',
): ClosedHost {
  const host = doc.createElement(UI_HOST_TAG);
  host.style.cssText = `all:initial;${hostStyle}`;
  // The test build only: a page its audit marks gets open roots, so axe can read the panels as a
  // live page shows them. What users install has no such switch (the bundler drops it).
  const mode: ShadowRootMode =
    __TEST_BUILD__ && doc.documentElement.hasAttribute('data-clearmark-audit') ? 'open' : asked;
  const shadow = host.attachShadow({ mode });
  const mount = doc.createElement('div');
  // Clearmark's words, not the page's: their language and direction (an English page in an Arabic browser gets a right-to-left card).
  markLanguage(mount);
  const Sheet = doc.defaultView?.CSSStyleSheet;
  if (mode === 'open' && Sheet && 'adoptedStyleSheets' in shadow) {
    // Clearmark's own pages allow no inline <style> (their CSP): a constructed sheet is not inline markup.
    const sheet = new Sheet();
    sheet.replaceSync(styles);
    shadow.adoptedStyleSheets = [sheet];
    shadow.append(mount);
  } else {
    const style = doc.createElement('style');
    style.textContent = styles;
    shadow.append(style, mount);
  }
  doc.documentElement.append(host);
  return { host, shadow, mount };
}
