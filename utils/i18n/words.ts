// The words Clearmark shows, in the browser's language. Every visible string goes through here: the
// browser's own i18n system keeps one catalog per language in `_locales` (loaded by the browser, so
// nothing is added to the content script at document_start), and `Intl` picks plural forms and
// formats numbers and dates for the same language (docs/adr/0015).
import type { HighlightColor } from '@/utils/shared/model';
import {
  useEngineWords,
  type Key as CatalogKey,
  type PluralBase as PluralKey,
  type Values,
} from '@/utils/engines/engine-words';

export type { CatalogKey, PluralKey };
/** A key with no plural forms. */
export type WordKey = Exclude<CatalogKey, `${string}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}`>;

type Lookup = (key: string) => string;

interface I18nApi {
  getMessage(key: string): string;
  getUILanguage(): string;
}

/** The browser's i18n API, whichever name this browser gives it (content scripts and extension pages both have it). */
function browserI18n(): I18nApi | undefined {
  const g = globalThis as { browser?: { i18n?: I18nApi }; chrome?: { i18n?: I18nApi } };
  return g.browser?.i18n ?? g.chrome?.i18n;
}

let lookup: Lookup = (key) => browserI18n()?.getMessage(key) ?? '';
let language: () => string = () => browserI18n()?.getUILanguage() ?? 'en';

/** Tests outside a browser answer from a catalog of their choosing. */
export function useCatalog(messages: Record<string, { message: string }>, lang = 'en'): void {
  lookup = (key) => messages[key]?.message ?? '';
  language = () => lang;
}

/** The language the words are in (a BCP 47 tag, e.g. `pt-BR`). */
export function uiLanguage(): string {
  return language().replace('_', '-');
}

/** Whether the words read right to left (Arabic): extension pages and in-page panels mirror their layout. */
export function uiDirection(): 'rtl' | 'ltr' {
  return /^(ar|he|fa|ur)\b/i.test(uiLanguage()) ? 'rtl' : 'ltr';
}

const numberFormats = new Map<string, Intl.NumberFormat>();
/** A number as this language writes it. */
export function formatNumber(n: number): string {
  const lang = uiLanguage();
  let format = numberFormats.get(lang);
  if (!format) numberFormats.set(lang, (format = new Intl.NumberFormat(lang)));
  return format.format(n);
}

function fill(message: string, values: Values | undefined): string {
  if (!values) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value) : value;
  });
}

/** The message for `key`, with `{name}` filled from `values`. A key the catalog lacks shows as the key, never as nothing. */
export function t(key: WordKey, values?: Values): string {
  const message = lookup(key);
  return message ? fill(message, values) : key;
}

/** One plural rule set per language: a list of a thousand counts makes one, not a thousand. */
const pluralRules = new Map<string, Intl.PluralRules>();

/** The message for `count` of something, in the plural form this language uses for that number; `{count}` is the number. */
export function tn(key: PluralKey, count: number, values?: Values): string {
  const language = uiLanguage();
  let rules = pluralRules.get(language);
  if (!rules) pluralRules.set(language, (rules = new Intl.PluralRules(language)));
  const form = rules.select(count);
  const message = lookup(`${key}_${form}`) || lookup(`${key}_other`);
  return message ? fill(message, { count, ...values }) : `${key}_${form}`;
}

/** A highlight colour's name, as the colour swatches and announcements say it. */
export function colorName(color: HighlightColor): string {
  return t(`color_${color}`);
}

/** A size in bytes as this language writes it ("1.2 MB", "1,2 Mo"…). */
export function formatBytes(bytes: number): string {
  const [unit, scale, digits] =
    bytes < 1024
      ? (['byte', 1, 0] as const)
      : bytes < 1024 ** 2
        ? (['kilobyte', 1024, 0] as const)
        : bytes < 1024 ** 3
          ? (['megabyte', 1024 ** 2, 1] as const)
          : (['gigabyte', 1024 ** 3, 2] as const);
  return new Intl.NumberFormat(uiLanguage(), {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: digits,
  }).format(bytes / scale);
}

/** A calendar day as this language writes it ("12 Mar 2024", "2024年3月12日"…). */
export function formatDay(at: number | Date): string {
  return new Date(at).toLocaleDateString(uiLanguage(), { year: 'numeric', month: 'short', day: 'numeric' });
}

/** Parts of one sentence listed as this language lists them ("a, b, c"; "a、b、c"). */
export function formatList(parts: string[]): string {
  return new Intl.ListFormat(uiLanguage(), { style: 'long', type: 'unit' }).format(parts);
}

/** What an unanswered question to the background says. */
export const BACKGROUND_UNREACHABLE = {
  silent: () => t('backgroundSilent'),
  unreachable: (error: string) => t('backgroundUnreachable', { error }),
};
/** What an unanswered question to a page says. */
export const PAGE_UNREACHABLE = {
  silent: () => t('pageSilent'),
  unreachable: (error: string) => t('pageUnreachable', { error }),
};

/** Gives a page (or an in-page panel's root) the words' language and direction: Arabic mirrors the layout. */
export function markLanguage(root: HTMLElement): void {
  root.lang = uiLanguage();
  root.dir = uiDirection();
}

// The pure engines' messages (import and backup problems) come from the same catalogs.
useEngineWords({
  say: (key, values) => t(key as WordKey, values),
  sayCount: (key, count, values) => tn(key, count, values),
  language: uiLanguage,
});
