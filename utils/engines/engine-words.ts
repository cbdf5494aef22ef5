// The words of the pure engines' messages (import and backup problems). Engines cannot reach the
// browser's catalogs, so they ask `say`, which utils/i18n/words.ts points at the catalogs wherever it
// is loaded (the background, the pages, the unit tests); until then a key answers as itself.
import type enCatalog from '@/assets/public/_locales/en/messages.json';

/** Every key of the English catalog, the one all others must match. */
export type Key = keyof typeof enCatalog;
export type Values = Record<string, string | number>;
/** A key whose message has plural forms (`<key>_one`, `<key>_other`, and `_few`, `_many`… where a language needs them). */
export type PluralBase = { [K in Key]: K extends `${infer Base}_other` ? Base : never }[Key];

interface Words {
  say(key: Key, values?: Values): string;
  sayCount(key: PluralBase, count: number, values?: Values): string;
  /** The words' language, a BCP 47 tag. */
  language(): string;
}

let words: Words = { say: (key) => key, sayCount: (key) => key, language: () => 'en' };

/** Points the engines' messages at a catalog (utils/i18n/words.ts does, on load). */
export function useEngineWords(next: Words): void {
  words = next;
}

/** An engine's message, in the user's language. */
export const say = (key: Key, values?: Values): string => words.say(key, values);
/** An engine's message about `count` things, in the plural form the language uses. */
export const sayCount = (key: PluralBase, count: number, values?: Values): string => words.sayCount(key, count, values);
/** The language the words are in (an exported page says so, and writes its dates so). */
export const wordsLanguage = (): string => words.language();
