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

/**
 * Each word and the language are asked of the browser once per page: its catalog does not change
 * while a page is open, and every call crosses into the browser's bindings (a list of a thousand
 * rows asks thousands of times).
 */
const looked = new Map<string, string>();
let lookup: Lookup = (key) => browserI18n()?.getMessage(key) ?? '';
let language: () => string = () => browserI18n()?.getUILanguage() ?? 'en';
let languageTag: string | null = null;

/** Tests outside a browser answer from a catalog of their choosing. */
export function useCatalog(messages: Record<string, { message: string }>, lang = 'en'): void {
  lookup = (key) => messages[key]?.message ?? '';
  language = () => lang;
  looked.clear();
  languageTag = null;
  formats.clear();
}

function word(key: string): string {
  let message = looked.get(key);
  if (message === undefined) looked.set(key, (message = lookup(key)));
  return message;
}

/** The language the words are in (a BCP 47 tag, e.g. `pt-BR`). */
export function uiLanguage(): string {
  return (languageTag ??= language().replace('_', '-'));
}

/** Intl's formatters, made once per language and options: making one costs far more than using it. */
const formats = new Map<string, unknown>();
function formatter<T>(kind: string, make: (language: string) => T): T {
  const language = uiLanguage();
  const key = `${kind} ${language}`;
  let format = formats.get(key) as T | undefined;
  if (format === undefined) formats.set(key, (format = make(language)));
  return format;
}

/** Whether the words read right to left (Arabic): extension pages and in-page panels mirror their layout. */
export function uiDirection(): 'rtl' | 'ltr' {
  return /^(ar|he|fa|ur)\b/i.test(uiLanguage()) ? 'rtl' : 'ltr';
}

/** A number as this language writes it. */
export function formatNumber(n: number): string {
  return formatter('number', (language) => new Intl.NumberFormat(language)).format(n);
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
  const message = word(key);
  return message ? fill(message, values) : key;
}

/** The message for `count` of something, in the plural form this language uses for that number; `{count}` is the number. */
export function tn(key: PluralKey, count: number, values?: Values): string {
  const form = formatter('plural', (language) => new Intl.PluralRules(language)).select(count);
  const message = word(`${key}_${form}`) || word(`${key}_other`);
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
  return formatter(
    unit,
    (language) =>
      new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: digits }),
  ).format(bytes / scale);
}

/** Whether a moment can be written: Intl throws on an invalid date, where `toLocaleString` said "Invalid Date". */
const isTime = (at: number | Date) => Number.isFinite(+at);

/** A calendar day as this language writes it ("12 Mar 2024", "2024年3月12日"…). */
export function formatDay(at: number | Date): string {
  if (!isTime(at)) return '';
  return formatter(
    'day',
    (language) => new Intl.DateTimeFormat(language, { year: 'numeric', month: 'short', day: 'numeric' }),
  ).format(at);
}

/** A moment, day and time, as this language writes it (what `Date.toLocaleString` gives). */
export function formatMoment(at: number | Date): string {
  if (!isTime(at)) return '';
  return formatter(
    'moment',
    (language) =>
      new Intl.DateTimeFormat(language, {
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      }),
  ).format(at);
}

/** Parts of one sentence listed as this language lists them ("a, b, c"; "a、b、c"). */
export function formatList(parts: string[]): string {
  return formatter('list', (language) => new Intl.ListFormat(language, { style: 'long', type: 'unit' })).format(parts);
}

/**
 * A reason as one sentence inside another message ("…could not save this: {why}"): ended with a
 * full stop in the UI language unless it already ends a sentence (a reason in Japanese ends with
 * "。", which a "." would follow wrongly).
 */
export function asSentence(reason: string): string {
  const text = reason.trimEnd();
  if (/[.!?。！？؟…]$/u.test(text)) return text;
  return text + (/^(ja|zh)\b/.test(uiLanguage()) ? '。' : '.');
}

/**
 * What a change the store refused says: its reason, and for a note its words, to copy (the card,
 * the popup and the library say it alike).
 */
export function notSaved(error: string, note?: string): string {
  const why = asSentence(error);
  return note ? t('noteNotSaved', { why, note }) : t('changeNotSaved', { why });
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
