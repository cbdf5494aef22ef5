/**
 * Markdown for notes apps (Obsidian and the like): YAML front matter with the page's facts as
 * Obsidian properties, then each highlight as a block quote in document order, with a link back
 * to its passage, its color as a tag, and its note.
 *
 * Page text must come out as exactly its text: no heading, list, code, quote, link, HTML or
 * Obsidian syntax (`==mark==`, `%%comment%%`, `[[link]]`, `#tag`, `^block`, `$math$`) may come from
 * a site. Text is shown as the page shows it (whitespace collapsed, paragraphs kept), and a
 * character is escaped only where it would be syntax in its place, so the source reads as prose.
 * Checked with the CommonMark reference parser and markdown-it on arbitrary text
 * (tests/unit/markdown.test.ts).
 */
import type { HighlightRecord, PageRecord } from '../../shared/model';
import {
  displayParagraphs,
  isoTime,
  isPdf,
  pageTitle,
  readableAddress,
  shownText,
  type PageHighlightsExport,
} from './export-input';
import { yamlString } from './yaml';
import { textFragmentUrl } from '../text-fragment';
import { asIri } from './web-annotation';
import { say } from '../engine-words';

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** One line of text (no line breaks, whitespace collapsed) as Markdown inline text. */
export function escapeInline(line: string): string {
  let out = '';
  const chars = Array.from(line);
  chars.forEach((c, i) => {
    const before = chars[i - 1] ?? '';
    const after = chars[i + 1] ?? '';
    const atStart = i === 0;
    const afterSpace = atStart || before === ' ';
    let escape = false;
    switch (c) {
      // Always syntax: escapes, code, emphasis, links, HTML and autolinks, tables, math.
      case '\\':
      case '`':
      case '*':
      case '[':
      case ']':
      case '<':
      case '|':
      case '$':
        escape = true;
        break;
      // Emphasis only at a word's edge (snake_case stays as it is).
      case '_':
        escape = !(LETTER_OR_DIGIT.test(before) && LETTER_OR_DIGIT.test(after));
        break;
      // Pairs: ~~strike~~, ==mark==, %%comment%%.
      case '~':
      case '=':
      case '%':
        escape = before === c || after === c;
        break;
      // A heading, or an Obsidian #tag, after a space or at the start; a ^block-id likewise.
      case '#':
      case '^':
        escape = afterSpace;
        break;
      // An entity or character reference (&amp; &#38;) would turn into another character.
      case '&':
        escape = /^&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/.test(
          chars.slice(i, i + 40).join(''),
        );
        break;
      // A block quote, list item or thematic break at the start of the line.
      case '>':
      case '-':
      case '+':
        escape = atStart;
        break;
      // An ordered list: "1." or "1)" opening the line.
      case '.':
      case ')':
        escape = /^[0-9]{1,9}$/.test(chars.slice(0, i).join('')) && (after === '' || after === ' ');
        break;
      // Bare addresses that GitHub-flavoured Markdown (and Obsidian) would link.
      case ':':
        escape = /(^|[^\p{L}\p{N}])(https?|ftp|mailto)$/iu.test(chars.slice(Math.max(0, i - 8), i).join(''));
        break;
    }
    if (c === '.' && /(^|[^\p{L}\p{N}])www$/iu.test(chars.slice(Math.max(0, i - 4), i).join(''))) escape = true;
    out += escape ? `\\${c}` : c;
  });
  return out;
}

/** Text as paragraphs of Markdown inline text, separated as `separator` says (a blank line, or "\n>\n" in a quote). */
function paragraphs(text: string, prefix = ''): string {
  return displayParagraphs(text)
    .map((p) => `${prefix}${escapeInline(p)}`)
    .join(`\n${prefix.trimEnd()}\n`);
}

/** A block quote of text: exactly its paragraphs, nothing else (an empty quote for text that is only white space). */
export function quoteBlock(text: string): string {
  return paragraphs(text, '> ') || '>';
}

/** A note's paragraphs: each line the user wrote is one (whitespace collapsed within it). */
export function noteParagraphs(note: string): string[] {
  return note.split(/\r\n?|\n|\u2028|\u2029/).flatMap(displayParagraphs);
}

/** A note: exactly its lines, each a paragraph. */
export function noteBlock(note: string): string {
  return noteParagraphs(note).map(escapeInline).join('\n\n');
}

/** A heading of text (one line, whatever it held). */
export function heading(level: 1 | 2, text: string): string {
  return `${'#'.repeat(level)} ${escapeInline(displayParagraphs(text).join(' '))}`;
}

/**
 * Front matter, in Obsidian's property names: every value a quoted YAML scalar, tags a list of
 * strings exactly as the user wrote them (a YAML string keeps anything). Empty fields are left out.
 */
export function frontMatter(fields: [string, string | number][], tags: readonly string[]): string {
  const lines = fields
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}: ${typeof v === 'number' ? String(v) : yamlString(v)}`);
  return ['---', ...lines, 'tags:', ...tags.map((t) => `  - ${yamlString(t)}`), '---'].join('\n');
}

/** The note's tags: Clearmark's own, then every tag of its highlights as written, once each. */
function noteTags(entries: PageHighlightsExport[]): string[] {
  return [...new Set(['clearmark', ...entries.flatMap((e) => e.highlights.flatMap((h) => h.tags ?? []))])];
}

/**
 * Whether Obsidian reads `#tag` as this whole tag: letters, digits, `_`, `-` and `/` only, not
 * digits alone. Anything else would be cut short (`#c++` is `#c`) or merged with another.
 */
export function isObsidianTag(tag: string): boolean {
  return /^[\p{L}\p{N}\p{M}_\-/]+$/u.test(tag) && !/^[\p{N}/]+$/u.test(tag);
}

/**
 * The link back to the passage (a text fragment that scrolls to it), the color as a tag, the
 * user's tags as `#tags` where Obsidian reads them whole, and the others named in words.
 */
function passageLine(page: PageRecord, h: HighlightRecord, quote: string): string {
  const { color } = h;
  const tags = h.tags ?? [];
  const link = passageLink(page, h, quote);
  const inline = tags
    .filter(isObsidianTag)
    .map((t) => ` #${t}`)
    .join('');
  const others = tags.filter((t) => !isObsidianTag(t));
  const said = others.length
    ? ` · tags: ${others.map((t) => escapeInline(displayParagraphs(t).join(' '))).join(', ')}`
    : '';
  const opener = link
    ? `[${escapeInline(say('openPassage'))}](<${link.replace(/[<>\\]/g, (c) => encodeURIComponent(c))}>) `
    : '';
  return `${opener}#highlight/${color}${inline}${said}`;
}

/**
 * The address that opens the passage: the page with a text fragment that scrolls to the quote; a
 * PDF where it was read, at the highlight's page (`#page=N`, which browsers' PDF viewers follow);
 * none for a PDF whose address is unknown.
 */
function passageLink(page: PageRecord, h: HighlightRecord, quote: string): string | null {
  if (!isPdf(page)) return asIri(textFragmentUrl(page.url, displayParagraphs(quote).join(' ')));
  if (!page.source) return null;
  return asIri(`${page.source.replace(/#.*$/s, '')}${h.target.page ? `#page=${h.target.page}` : ''}`);
}

function highlightsBody({ page, highlights }: PageHighlightsExport): string {
  if (highlights.length === 0) return '*No highlights.*';
  return highlights
    .map((h) => {
      const parts = [quoteBlock(shownText(h)), passageLine(page, h, shownText(h))];
      const note = noteBlock(h.note);
      if (note) parts.push(note);
      return parts.join('\n\n');
    })
    .join('\n\n');
}

function pageFacts({ page }: PageHighlightsExport): [string, string][] {
  return [
    ['title', pageTitle(page)],
    ['source', readableAddress(page)],
    ['author', page.author ?? ''],
    ['published', page.publishedAt ?? ''],
    ['site', page.siteName],
  ];
}

/** One page: a note of its own. Several: one file, a section per page, each with its facts. */
export function toMarkdown(entries: PageHighlightsExport[], exportedAt: number): string {
  const created = isoTime(exportedAt);
  const [entry] = entries;
  if (entries.length === 1 && entry) {
    return `${frontMatter([...pageFacts(entry), ['created', created]], noteTags(entries))}\n\n${heading(1, pageTitle(entry.page))}\n\n${highlightsBody(entry)}\n`;
  }
  const sections = entries.map((entry) => {
    const facts = pageFacts(entry)
      .slice(1)
      .filter(([, v]) => v)
      .map(
        ([k, v]) =>
          `- ${k}: ${k === 'source' ? `<${asIri(v).replace(/[<>\\]/g, encodeURIComponent)}>` : escapeInline(displayParagraphs(v).join(' '))}`,
      )
      .join('\n');
    return `${heading(2, pageTitle(entry.page))}\n\n${facts}\n\n${highlightsBody(entry)}`;
  });
  const count = entries.reduce((n, e) => n + e.highlights.length, 0);
  return `${frontMatter(
    [
      ['title', say('exportTitle')],
      ['pages', entries.length],
      ['highlights', count],
      ['created', created],
    ],
    noteTags(entries),
  )}\n\n${heading(1, say('exportTitle'))}\n\n${sections.join('\n\n')}\n`;
}
