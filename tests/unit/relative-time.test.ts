import { describe, expect, it } from 'vitest';
import { relativeTime } from '@/utils/pages/relative-time';

const DAY = 24 * 3600e3;
const NOW = Date.UTC(2026, 11, 7, 12);
const LANGUAGES = ['en', 'ar', 'de', 'es', 'fr', 'it', 'ja', 'pt-BR', 'ru', 'zh-CN'];

describe('relative times in lists', () => {
  it('says how long ago, in the short form', () => {
    expect(relativeTime(NOW - 3 * 60e3, NOW, 'en')).toBe('3 min. ago');
    expect(relativeTime(NOW - 14 * DAY, NOW, 'en')).toBe('2 wk. ago');
    expect(relativeTime(NOW - 180 * DAY, NOW, 'en')).toBe('6 mo. ago');
  });

  it('never words a past time as a future one, in any of the ten languages', () => {
    // Arabic's short form for three to ten months is worded as the future ("خلال 6 أشهر", in 6 months):
    // a highlight made half a year ago read as one to come.
    for (const language of LANGUAGES) {
      const futures = new Set<string>();
      for (const style of ['short', 'long'] as const) {
        const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto', style });
        for (const unit of ['day', 'week', 'month', 'year'] as const) {
          for (let n = 1; n <= 24; n++) {
            // Not a word both for the past and the future (Hindi's for two days, either way).
            if (format.format(n, unit) !== format.format(-n, unit)) futures.add(format.format(n, unit));
          }
        }
      }
      for (let days = 1; days < 800; days += 1) {
        expect(futures.has(relativeTime(NOW - days * DAY, NOW, language)), `${language}, ${days} days ago`).toBe(false);
      }
    }
  });

  it('reads six months ago in Arabic as the past', () => {
    expect(relativeTime(NOW - 180 * DAY, NOW, 'ar')).toBe('قبل 6 أشهر');
  });
});
