/**
 * The words and Intl's formatters are made once per page, and still follow the catalog: a word is
 * asked of the catalog once however often it is shown, and after a change of catalog (the tests'
 * only way to change language) every word, number, plural and date is in the new language.
 */
import { afterEach, describe, expect, it } from 'vitest';
import de from '@/assets/public/_locales/de/messages.json';
import en from '@/assets/public/_locales/en/messages.json';
import {
  formatBytes,
  formatDay,
  formatList,
  formatMoment,
  formatNumber,
  t,
  tn,
  uiLanguage,
  useCatalog,
} from '@/utils/i18n/words';

/** A catalog that counts how often each of its words is read. */
function counted(messages: Record<string, { message: string }>) {
  const reads = new Map<string, number>();
  const catalog = new Proxy(messages, {
    get(target, key: string) {
      reads.set(key, (reads.get(key) ?? 0) + 1);
      return target[key];
    },
  });
  return { catalog, reads };
}

const DAY = Date.UTC(2024, 2, 12, 15, 4, 5);

/** One of each kind of word and format, in the catalog's language. */
const everyKind = () => ({
  title: t('libraryPageTitle'),
  number: formatNumber(1234.5),
  count: tn('highlightCount', 2),
  size: formatBytes(3 * 1024 ** 2),
  day: formatDay(DAY),
  moment: formatMoment(DAY),
  list: formatList(['a', 'b', 'c']),
});

describe('the words, asked once', () => {
  afterEach(() => useCatalog(en));

  it('reads a word of the catalog once, however many times it is shown', () => {
    const { catalog, reads } = counted(en);
    useCatalog(catalog);
    for (let i = 0; i < 1000; i++) expect(t('libraryPageTitle')).toBe(en.libraryPageTitle.message);
    for (let i = 0; i < 1000; i++) tn('highlightCount', i);
    expect(reads.get('libraryPageTitle')).toBe(1);
    expect(Math.max(...[...reads.values()])).toBe(1);
  });

  it('follows a change of catalog: words, numbers, plurals, sizes, days and lists', () => {
    const english = everyKind();
    useCatalog(de, 'de');
    expect(uiLanguage()).toBe('de');
    expect(t('libraryPageTitle')).toBe(de.libraryPageTitle.message);
    expect(formatNumber(1234.5)).toBe('1.234,5');
    expect(tn('highlightCount', 2)).not.toBe(english.count);
    expect(formatBytes(3 * 1024 ** 2)).toBe(
      new Intl.NumberFormat('de', {
        style: 'unit',
        unit: 'megabyte',
        unitDisplay: 'short',
        maximumFractionDigits: 1,
      }).format(3),
    );
    expect(formatDay(DAY)).toBe(
      new Date(DAY).toLocaleDateString('de', { year: 'numeric', month: 'short', day: 'numeric' }),
    );
    expect(formatMoment(DAY)).toBe(new Date(DAY).toLocaleString('de'));
    expect(formatList(['a', 'b', 'c'])).toBe('a, b und c');
    useCatalog(en);
    expect(everyKind()).toEqual(english);
    expect(english.moment).toBe(new Date(DAY).toLocaleString('en'));
  });

  it('writes nothing for a moment that is not one, where Intl would throw (a broken record must not break a list)', () => {
    expect(formatDay(Number.NaN)).toBe('');
    expect(formatMoment(new Date('not a date'))).toBe('');
    expect(formatMoment(Number.POSITIVE_INFINITY)).toBe('');
  });

  it('keeps one formatter per size unit: a kilobyte after a megabyte is still in kilobytes', () => {
    expect(formatBytes(3 * 1024 ** 2)).toMatch(/MB/);
    expect(formatBytes(3 * 1024)).toMatch(/kB/);
    expect(formatBytes(3)).toMatch(/byte/);
  });
});
