/** Short relative times ("3 min ago", "yesterday") for lists of highlights. */

import { t, uiLanguage } from '@/utils/i18n/words';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600e3],
  ['month', 30 * 24 * 3600e3],
  ['week', 7 * 24 * 3600e3],
  ['day', 24 * 3600e3],
  ['hour', 3600e3],
  ['minute', 60e3],
];

type Style = 'short' | 'long';

/** One formatter per locale and style: making one costs far more than using it, and a list formats a time per row. */
const formats = new Map<string, Intl.RelativeTimeFormat>();

function formatter(locale: string, style: Style): Intl.RelativeTimeFormat {
  const key = `${locale} ${style}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style })));
  return format;
}

export function relativeTime(at: number, now: number = Date.now(), locale: string = uiLanguage()): string {
  const elapsed = at - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(elapsed) < ms) continue;
    const value = Math.round(elapsed / ms);
    const short = formatter(locale, 'short').format(value, unit);
    // Some languages' short forms word a past time as the future (Arabic's for three to ten months reads
    // "in 6 months"): where the past and the future read the same, the long form, which tells them apart.
    if (short !== formatter(locale, 'short').format(-value, unit)) return short;
    return formatter(locale, 'long').format(value, unit);
  }
  return t('justNow');
}
