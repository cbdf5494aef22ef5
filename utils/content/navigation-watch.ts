/**
 * Single-page apps change the article without loading a new document: they push a new URL into
 * the history and swap the content. This notices such navigations — through the Navigation
 * API's `currententrychange` where the browser has it, `popstate` and `hashchange` always, and a
 * cheap once-a-second look at the address otherwise — and reports each new address once.
 * Fragment-only changes (a table of contents, "#comments") are not a new page.
 */
const POLL_MS = 1000;

export function watchNavigation(win: Window, onNavigate: (href: string) => void, signal: AbortSignal): void {
  const withoutFragment = () => win.location.href.replace(/#.*$/, '');
  let last = withoutFragment();
  const check = () => {
    const now = withoutFragment();
    if (now === last) return;
    last = now;
    onNavigate(win.location.href);
  };
  const navigation = navigationOf(win);
  if (navigation) navigation.addEventListener('currententrychange', check, { signal });
  win.addEventListener('popstate', check, { signal });
  win.addEventListener('hashchange', check, { signal });
  // history.pushState() fires no event without the Navigation API; look now and then.
  if (!navigation) {
    const timer = setInterval(check, POLL_MS);
    signal.addEventListener('abort', () => clearInterval(timer));
  }
}

function navigationOf(win: Window): EventTarget | null {
  try {
    const navigation = (win as Window & { navigation?: EventTarget }).navigation;
    return navigation && typeof navigation.addEventListener === 'function' ? navigation : null;
  } catch {
    return null;
  }
}
