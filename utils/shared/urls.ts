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
