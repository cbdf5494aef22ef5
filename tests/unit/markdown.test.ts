// @vitest-environment node
/**
 * Markdown that renders to exactly the text, judged by other people's parsers: for any text,
 * the CommonMark reference parser (`commonmark`) and `markdown-it` render a quote, a note and a
 * heading to exactly the text's paragraphs (as the page shows them) — no structure ever comes
 * from page text. Obsidian's own syntax, which neither parser knows, is checked on the source.
 * Front matter reads back as the same text in YAML 1.2 and YAML 1.1.
 */
import { HtmlRenderer, Parser } from 'commonmark';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { displayParagraphs } from '@/utils/engines/export/export-input';
import {
  escapeInline,
  heading,
  noteBlock,
  noteParagraphs,
  quoteBlock,
  toMarkdown,
} from '@/utils/engines/export/markdown';
import { yamlString } from '@/utils/engines/export/yaml';
import type { HighlightRecord, PageRecord } from '@/utils/shared/model';

const commonmark = (md: string) => new HtmlRenderer().render(new Parser().parse(md));
const markdownIt = new MarkdownIt();
const PARSERS: [string, (md: string) => string][] = [
  ['commonmark', commonmark],
  ['markdown-it', (md) => markdownIt.render(md)],
];
const html = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const asParagraphs = (text: string) =>
  displayParagraphs(text)
    .map((p) => `<p>${html(p)}</p>\n`)
    .join('');

/** Text that tries everything: Markdown and Obsidian syntax, odd whitespace, any Unicode. */
const SYNTAX = [
  '#',
  '##',
  '- ',
  '+ ',
  '* ',
  '1. ',
  '2) ',
  '> ',
  '---',
  '===',
  '***',
  '___',
  '`',
  '```',
  '~~~',
  '~~',
  '==',
  '%%',
  '[[',
  ']]',
  '![[',
  '[',
  ']',
  '(',
  ')',
  '<',
  '>',
  '&',
  '&amp;',
  '&#35;',
  '&copy;',
  '\\',
  '*',
  '_',
  '|',
  '$',
  '$$',
  '^',
  ' ^id',
  ':',
  'http://x.example',
  'www.x.example',
  '<div>',
  '<!--',
  '    ',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\n\n',
  '\u2028',
  '\u2029',
  '\u0085',
  '\u00a0',
  '\u0000',
  '\ufeff',
  '😀',
  'é',
  'ا',
  ' ',
];
const nasty = fc
  .array(
    fc.oneof(
      fc.constantFrom(...SYNTAX),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
      fc.string({ unit: 'binary', maxLength: 3 }),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

describe('Markdown renders to exactly the text, with both parsers', () => {
  it.each(PARSERS)('a quote is exactly its paragraphs in one block quote (%s)', (_name, render) => {
    fc.assert(
      fc.property(nasty, (text) => {
        const expected = asParagraphs(text);
        // Text that is only white space is an empty quote (markdown-it writes it on one line).
        if (expected) expect(render(quoteBlock(text))).toBe(`<blockquote>\n${expected}</blockquote>\n`);
        else expect(render(quoteBlock(text))).toMatch(/^<blockquote>\n?<\/blockquote>\n$/);
      }),
      { numRuns: 1_500, seed: 20_261_201 },
    );
  });

  it.each(PARSERS)('a note is exactly its paragraphs (%s)', (_name, render) => {
    fc.assert(
      fc.property(nasty, (text) => {
        expect(render(noteBlock(text))).toBe(
          noteParagraphs(text)
            .map((p) => `<p>${html(p)}</p>\n`)
            .join(''),
        );
      }),
      { numRuns: 1_500, seed: 20_261_202 },
    );
  });

  it.each(PARSERS)('a title is exactly one heading of its text (%s)', (_name, render) => {
    fc.assert(
      fc.property(
        nasty.filter((t) => displayParagraphs(t).length > 0),
        (text) => {
          expect(render(heading(1, text))).toBe(`<h1>${html(displayParagraphs(text).join(' '))}</h1>\n`);
        },
      ),
      { numRuns: 1_500, seed: 20_261_203 },
    );
  });

  it('the cases that once broke notes: setext underlines, rules, indented code, lone CR, lists, headings', () => {
    for (const text of [
      'Quote\n---\nafter',
      'line\n===',
      '    indented code',
      'one\rtwo',
      '- item',
      '1. one',
      '# heading',
      '> quoted',
      '<b>bold</b>',
      '[link](http://x)',
      '<http://x>',
    ]) {
      for (const [, render] of PARSERS)
        expect(render(quoteBlock(text))).toBe(`<blockquote>\n${asParagraphs(text)}</blockquote>\n`);
    }
  });

  it('leaves no Obsidian syntax standing, and escapes only where a character is syntax', () => {
    fc.assert(
      fc.property(nasty, (text) => {
        const md = quoteBlock(text);
        // Unescaped pairs or openers Obsidian reads: ==mark==, %%comment%%, [[link]], #tag, ^block, $math$.
        expect(md).not.toMatch(/(?<!\\)==|(?<!\\)%%|(?<!\\)\[|(?<!\\)\$|(^(> )?| )#\S|(^(> )?| )\^\S/m);
      }),
      { numRuns: 1_500, seed: 20_261_204 },
    );
    expect(escapeInline('AT&T swift. (1) snake_case 50% C# 3 + 4 = 7 a-b a~b')).toBe(
      'AT&T swift. (1) snake_case 50% C# 3 + 4 = 7 a-b a~b',
    );
    expect(escapeInline('# 1. ==x== #tag $5 [[a]] %%c%% ^id')).toBe(
      '\\# 1. \\=\\=x\\=\\= \\#tag \\$5 \\[\\[a\\]\\] \\%\\%c\\%\\% \\^id',
    );
    expect(escapeInline('1. one')).toBe('1\\. one');
    expect(escapeInline('- item')).toBe('\\- item');
  });
});

describe('front matter', () => {
  const parse11 = (text: string): unknown => parseYaml(text, { version: '1.1' });
  const parse12 = (text: string): unknown => parseYaml(text, { version: '1.2' });

  it('reads back as the same text in YAML 1.2 and 1.1, for any text (lone surrogates become U+FFFD)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (value) => {
        const wellFormed = value.replace(
          /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
          '\uFFFD',
        );
        const doc = `title: ${yamlString(value)}\n`;
        expect(parse12(doc)).toEqual({ title: wellFormed });
        expect(parse11(doc)).toEqual({ title: wellFormed });
        // Only printable characters in the file itself (YAML 1.1's set).
        // eslint-disable-next-line no-control-regex -- control characters are exactly what this must find
        expect(doc).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/);
      }),
      { numRuns: 2_000, seed: 20_261_205 },
    );
  });

  it('uses Obsidian’s properties: title, source, author, published, created, site and tags as a list', () => {
    const page: PageRecord = {
      url: 'https://news.example/a',
      title: 'A title\u2028with a break\u0085',
      siteName: 'News',
      author: 'Ana',
      publishedAt: '2025-03-14',
      createdAt: 1,
      updatedAt: 1,
    };
    const highlight: HighlightRecord = {
      id: 'h',
      url: page.url,
      color: 'green',
      note: 'My note',
      createdAt: 1,
      updatedAt: 1,
      target: {
        quote: { type: 'TextQuoteSelector', exact: 'One paragraph.\n      Two', prefix: '', suffix: '' },
        position: { type: 'TextPositionSelector', start: 0, end: 10 },
        display: 'One paragraph.\n\nTwo',
      },
    };
    const md = toMarkdown([{ page, highlights: [highlight] }], Date.UTC(2026, 10, 25));
    const front = md.slice(4, md.indexOf('\n---\n', 4));
    for (const parse of [parse11, parse12]) {
      expect(parse(front)).toEqual({
        title: page.title,
        source: page.url,
        author: 'Ana',
        published: '2025-03-14',
        site: 'News',
        created: '2026-11-25T00:00:00.000Z',
        tags: ['clearmark'],
      });
    }
    const body = md.slice(md.indexOf('\n---\n', 4) + 5);
    expect(body).toContain(
      '> One paragraph.\n>\n> Two\n\n[Open the passage](<https://news.example/a#:~:text=One%20paragraph.%20Two>) #highlight/green\n\nMy note\n',
    );
    expect(commonmark(body)).toContain('<blockquote>\n<p>One paragraph.</p>\n<p>Two</p>\n</blockquote>');
  });
});

describe('Markdown export of awkward highlights', () => {
  const page: PageRecord = {
    url: 'https://news.example/b',
    title: 'Tags and odd text',
    siteName: 'News',
    createdAt: 1,
    updatedAt: 1,
  };
  const make = (id: string, exact: string, tags?: string[]): HighlightRecord => ({
    id,
    url: page.url,
    color: 'yellow',
    note: '',
    createdAt: 1,
    updatedAt: 1,
    ...(tags ? { tags } : {}),
    target: {
      quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 0, end: exact.length },
    },
  });
  const frontOf = (md: string) => parseYaml(md.slice(4, md.indexOf('\n---\n', 4))) as Record<string, unknown>;

  it('a quote holding a lone UTF-16 surrogate (pages have them) exports, its link with U+FFFD in that place', () => {
    const md = toMarkdown([{ page, highlights: [make('s', 'broken \uD83D pair and \uDE00 too')] }], 0);
    expect(md).toContain('#:~:text=broken%20%EF%BF%BD%20pair');
    expect(() =>
      toMarkdown(
        [
          { page, highlights: [make('t', '\uDFFF')] },
          { page: { ...page, url: 'https://news.example/c' }, highlights: [] },
        ],
        0,
      ),
    ).not.toThrow();
  });

  it('a whitespace-only quote is an empty block quote, not a dash', () => {
    const md = toMarkdown([{ page, highlights: [make('w', ' \u00a0\n\t')] }], 0);
    expect(md).not.toContain('\\-');
    for (const [, render] of PARSERS)
      expect(render(quoteBlock(' \n ')).replace(/\s/g, '')).toBe('<blockquote></blockquote>');
  });

  it('every tag is kept as written in the front matter; inline #tags only where Obsidian allows them, the rest named in words', () => {
    const tags = ['c++', 'C#', 'a b', 'a-b', '!!!', '日本語', '2024', 'nested/tag'];
    const md = toMarkdown([{ page, highlights: [make('t', 'Tagged words', tags)] }], 0);
    expect(frontOf(md).tags).toEqual(['clearmark', ...tags]);
    const line = md.split('\n').find((l) => l.startsWith('[Open the passage]'))!;
    const inline = [...line.matchAll(/(?:^|\s)#([^\s]+)/g)].map((m) => m[1]);
    expect(inline).toEqual(['highlight/yellow', 'a-b', '日本語', 'nested/tag']);
    // The others are said, escaped as text: none dropped, none merged.
    for (const shown of ['c++', 'C#', 'a b', '!!!', '2024']) expect(line).toContain(shown);
    expect(commonmark(line)).toContain('tags: c++, C#, a b, !!!, 2024');
  });

  it('front matter holds no empty field', () => {
    const md = toMarkdown([{ page: { ...page, author: '', publishedAt: '' }, highlights: [make('e', 'Words')] }], 0);
    const front = frontOf(md);
    expect(Object.entries(front).filter(([, v]) => v === '' || v === null)).toEqual([]);
    expect(front).not.toHaveProperty('author');
  });
});
