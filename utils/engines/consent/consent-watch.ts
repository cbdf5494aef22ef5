/**
 * Keeps consent banners out of the way while the page loads. Known platforms are already hidden
 * by the stylesheet before paint; this looks for unknown ones and for locked scrolling, first
 * when the browser is idle (styles are computed by then, so looking is cheap), then, debounced,
 * whenever the page adds elements or re-locks scrolling, for a short while (consent platforms
 * load late). Everything stops with the given AbortSignal.
 */
import { ConsentStripper } from './consent-stripper';
import { findConsentBanners } from './find-banners';
import { bodyOf } from '../../shared/document-parts';

const WATCH_FOR_MS = 15_000;
const DEBOUNCE_MS = 200;

export function watchConsentBanners(
  doc: Document,
  protect: () => Element | null,
  signal: AbortSignal,
): ConsentStripper {
  const stripper = new ConsentStripper(doc);
  const look = () => {
    if (signal.aborted) return;
    performance.mark('clearmark:consent-start');
    stripper.strip(findConsentBanners(doc, protect));
    performance.measure('clearmark:consent', 'clearmark:consent-start');
  };
  const view = doc.defaultView;
  if (!view || !bodyOf(doc)) return stripper;
  if (typeof view.requestIdleCallback === 'function') view.requestIdleCallback(look, { timeout: 500 });
  else setTimeout(look, 50);

  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new view.MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(look, DEBOUNCE_MS);
  });
  observer.observe(doc.body, { childList: true });
  observer.observe(doc.documentElement, { attributes: true, attributeFilter: ['class', 'style'] });
  observer.observe(doc.body, { attributes: true, attributeFilter: ['class', 'style'] });
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  const deadline = setTimeout(stop, WATCH_FOR_MS);
  signal.addEventListener('abort', () => {
    clearTimeout(deadline);
    stop();
    stripper.restore();
  });
  return stripper;
}
