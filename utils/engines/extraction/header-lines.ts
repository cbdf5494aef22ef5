/**
 * The author and the date as a page writes them in the lines around its headline, when no markup
 * says which line is which: "By Mara Lindqvist · 3 March 2025", "Von Anna Schmidt", "Par Jeanne
 * Martin", "Автор: Иван Петров", "作者：王小明", "Jeff Foust Monday, March 3, 2025". Month and
 * weekday names come from `Intl` for the page's language and English, so any language the browser
 * knows is read the same way, without word lists per language.
 */

/** Words that introduce an author, in the common languages' forms (a colon may follow any of them). */
export const BYLINE_WORDS = [
  'by',
  'written by',
  'posted by',
  'words by',
  'von',
  'text von',
  'par',
  'por',
  'di',
  'door',
  'av',
  'af',
  'przez',
  'autor',
  'autorin',
  'auteur',
  'autore',
  'автор',
  '作者',
  '文',
  '記者',
] as const;

const BYLINE_OPENING = new RegExp(
  `^(?:${[...BYLINE_WORDS].sort((a, b) => b.length - a.length).join('|')})(?:\\s*[:：]\\s*|\\s+)`,
  'iu',
);
/** A name starts with a capital, or a letter of a script without case (作者：王小明). */
const NAME_START = /^[\p{Lu}\p{Lt}\p{Lo}]/u;
/** An author line names at most a few people ("Ana Ruiz, Li Wei and Sam Okafor"). */
const MAX_NAME_WORDS = 8;

/** An author line is short: reading more of an element than this is never needed. */
const MAX_SPACED_CHARS = 1000;

/**
 * The text of an element with a space where each element inside it begins ("Jeff Foust" +
 * "Monday"), read with a walker (no recursion, however deep the markup) and only its first part.
 */
export function spacedText(el: Element): string {
  let text = '';
  const walker = el.ownerDocument.createTreeWalker(el, 1 | 4 /* elements and text */);
  for (let node = walker.nextNode(); node && text.length < MAX_SPACED_CHARS; node = walker.nextNode())
    text += node.nodeType === 3 ? (node as Text).data : ' ';
  return text.replace(/\s+/g, ' ').trim();
}

interface Calendar {
  /** Lower-cased month names and abbreviations → month number (1–12). */
  months: Map<string, number>;
  weekdays: Set<string>;
}

const calendars = new Map<string, Calendar>();

/** Month and weekday names of a language and of English, long and short, from Intl. */
function calendarOf(lang: string): Calendar {
  const key = lang.toLowerCase();
  let calendar = calendars.get(key);
  if (calendar) return calendar;
  calendar = { months: new Map(), weekdays: new Set() };
  for (const locale of new Set(['en', key || 'en'])) {
    let formats: Intl.DateTimeFormat[];
    try {
      formats = (['long', 'short'] as const).flatMap((width) => [
        new Intl.DateTimeFormat(locale, { month: width, timeZone: 'UTC' }),
        new Intl.DateTimeFormat(locale, { day: 'numeric', month: width, timeZone: 'UTC' }),
      ]);
    } catch {
      continue; // not a language tag Intl takes
    }
    for (let month = 1; month <= 12; month++) {
      const date = new Date(Date.UTC(2001, month - 1, 1));
      for (const format of formats)
        for (const part of format.formatToParts(date))
          if (part.type === 'month') calendar.months.set(part.value.toLowerCase().replace(/\.$/, ''), month);
    }
    for (const width of ['long', 'short'] as const) {
      const format = new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' });
      for (let day = 0; day < 7; day++)
        calendar.weekdays.add(
          format
            .format(new Date(Date.UTC(2001, 0, 7 + day)))
            .toLowerCase()
            .replace(/\.$/, ''),
        );
    }
  }
  calendars.set(key, calendar);
  return calendar;
}

const pad = (n: number) => String(n).padStart(2, '0');

function isoDate(year: number, month: number, day: number): string {
  if (year < 100) year += 2000;
  if (month < 1 || month > 12 || day < 1 || year < 1990 || year > 2100) return '';
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return ''; // 31 February
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * A date written in a line, as YYYY-MM-DD: "3 March 2025", "March 3, 2025", "3. März 2025",
 * "3 de marzo de 2025", "2025-03-03", "03.03.2025" (day first); '' when the line holds none.
 */
export function dateInText(line: string, lang: string): string {
  const iso = /\b(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(line);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dotted = /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/.exec(line);
  if (dotted) return isoDate(Number(dotted[3]), Number(dotted[2]), Number(dotted[1]));
  const { months } = calendarOf(lang);
  const words = line.toLowerCase().match(/[\p{L}]+\.?|\d+/gu) ?? [];
  for (let i = 0; i < words.length; i++) {
    const month = months.get((words[i] ?? '').replace(/\.$/, ''));
    if (month === undefined) continue;
    // A day just before the month ("3 March", "3. März", "3 de marzo") or just after it ("March 3").
    const isDay = (w: string | undefined) => w !== undefined && /^\d{1,2}$/.test(w);
    const before = isDay(words[i - 1])
      ? words[i - 1]
      : isDay(words[i - 2]) && /^(?:de|of|del)$/.test(words[i - 1] ?? '')
        ? words[i - 2]
        : undefined;
    const day = before ?? (isDay(words[i + 1]) ? words[i + 1] : undefined);
    const year = words.slice(i + 1, i + 5).find((w) => /^\d{4}$/.test(w));
    if (day && year) return isoDate(Number(year), month, Number(day));
  }
  return '';
}

/** A line that opens with an author word ("By", "Von", "Автор:"…) followed by a name: the name, else ''. */
export function bylineInText(line: string, lang: string): string {
  const text = line.replace(/\s+/g, ' ').trim();
  const opening = BYLINE_OPENING.exec(text);
  if (!opening || text.length > 160) return '';
  const rest = text.slice(opening[0].length);
  if (!NAME_START.test(rest)) return '';
  const name = nameBeforeDate(rest, lang);
  return name.split(' ').length <= MAX_NAME_WORDS ? name : '';
}

/**
 * The name at the start of an author line, the date, time or anything after a separator taken away:
 * "Jeff Foust Monday, March 3, 2025" → "Jeff Foust"; "Mara Lindqvist · 3 March 2025" → "Mara Lindqvist".
 */
export function nameBeforeDate(text: string, lang: string): string {
  const { months, weekdays } = calendarOf(lang);
  const words = text.split(' ');
  const kept: string[] = [];
  const bareOf = (word: string | undefined) => (word ?? '').toLowerCase().replace(/[.,;:]+$/, '');
  for (const [i, word] of words.entries()) {
    const bare = bareOf(word);
    if (/^[|•·/–—-]$/.test(word) || /\d/.test(word)) break;
    // A name may hold a month's or a day's word ("April Ryan", "Theresa May", "Nancy Friday"): such a
    // word ends the name only after a word of it, and only when a date goes on after it.
    const next = bareOf(words[i + 1]);
    const dateGoesOn = /\d/.test(next) || months.has(next);
    if (kept.length && dateGoesOn && (weekdays.has(bare) || months.has(bare))) break;
    if (kept.length >= 2 && /^(?:on|am|le|el|il|op|den|updated|published|aktualisiert|mis)$/.test(bare)) break;
    kept.push(word);
  }
  return kept
    .join(' ')
    .replace(/[,;:–—-]+$/, '')
    .trim();
}

/** How many lines around the headline are read, and how many long paragraphs, before the search stops. */
const HEADER_LINES = 40;
const LONG_PARAGRAPHS = 3;

/**
 * The short lines of the article's header and its first paragraphs, in reading order: blocks that
 * hold no other block, each as its spaced text. `isBlock` says which tags are blocks; `skip`
 * answers for lines outside the article (a comment form, an aside).
 */
export function headerLines(
  scope: Element,
  isBlock: (tag: string) => boolean,
  skip: (el: Element) => boolean,
): string[] {
  const lines: string[] = [];
  let long = 0;
  const walker = scope.ownerDocument.createTreeWalker(scope, 1);
  for (let node = walker.nextNode(); node && lines.length < HEADER_LINES; node = walker.nextNode()) {
    const el = node as Element;
    if (!isBlock(el.tagName.toUpperCase()) || Array.from(el.children).some((c) => isBlock(c.tagName.toUpperCase())))
      continue;
    const text = spacedText(el);
    if (text.length > 200 && ++long >= LONG_PARAGRAPHS) break;
    if (text.length >= 3 && text.length <= 160 && !skip(el)) lines.push(text);
  }
  return lines;
}
