/** Small URL helpers every context shares, each forgiving of addresses that do not parse. */

/** `url` resolved against `base`, or '' when it cannot be. */
export function absoluteUrl(url: string, base: string): string {
  try {
    return new URL(url.trim(), base).href;
  } catch {
    return '';
  }
}

/** The host name of an address, or '' when it does not parse. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** Host names of the user's own machine: a page there is named "Local page", not 127.0.0.1. */
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

/**
 * How a site is named when its page declares no name: its host without "www.", or "Local page"
 * for an address on the user's own computer (a number means nothing to a reader).
 */
export function siteNameOf(url: string): string {
  const host = hostOf(url);
  if (LOOPBACK.test(host)) return 'Local page';
  return host.replace(/^www\./i, '');
}
