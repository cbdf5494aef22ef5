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

/** One formatter per locale: making one costs far more than using it, and a list formats a time per row. */
const formats = new Map<string, Intl.RelativeTimeFormat>();

export function relativeTime(at: number, now: number = Date.now(), locale: string = uiLanguage()): string {
  const elapsed = at - now;
  let format = formats.get(locale);
  if (!format) formats.set(locale, (format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' })));
  for (const [unit, ms] of UNITS) {
    if (Math.abs(elapsed) >= ms) return format.format(Math.round(elapsed / ms), unit);
  }
  return t('justNow');
}
