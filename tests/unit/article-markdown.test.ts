// @vitest-environment jsdom
/**
 * A saved article as Markdown with its highlights in place, judged by other people's parsers:
 * markdown-it renders the structure back (headings, nested lists, quotes, tables, code with its
 * language, figures, footnotes), Obsidian's `==mark==` and callouts are checked on the source, and
 * the front matter reads back with `yaml`. Nothing of the page's text becomes syntax.
 */
import 'fake-indexeddb/auto';
import { Blob as NodeBlob } from 'node:buffer';
import { existsSync, readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { join, resolve } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { articleMarkdown, type ArticleMarkdownInput } from '@/utils/engines/export/article-markdown';
import { TextIndex } from '@/utils/engines/anchoring/text-index';
import { describe as describeRange } from '@/utils/engines/anchoring/anchor';
import { savedArticleFragment } from '@/utils/engines/reader/article-html';
import { captureArticle } from '@/utils/engines/reader/saved-copy';
import { handleBackgroundRequest } from '@/utils/background/requests';
import { Library } from '@/utils/background/storage';
import type { HighlightRecord } from '@/utils/shared/model';

const markdownIt = new MarkdownIt();
type View = Window & typeof globalThis;

const ARTICLE = `
<p>The river keeps <em>its own</em> counsel, and the town listens.</p>
<h2>Where it <a href="https://river.example/source">starts</a></h2>
<ul><li>Snow on the hills<ul><li>melting in <strong>April</strong></li></ul></li><li>Rain in the autumn</li></ul>
<blockquote><p>Water finds a way.</p></blockquote>
<table><thead><tr><th>Month</th><th>Flow</th></tr></thead><tbody><tr><td>April</td><td>High</td></tr></tbody></table>
<pre data-language="python"><code>print("flow")\nx = 1</code></pre>
<figure><img src="https://river.example/river.jpg" alt="The river at dawn"><figcaption>The river at dawn, from the bridge.</figcaption></figure>
<p>Levels rose by 2<sup><a href="#fn1">1</a></sup> metres; H<sub>2</sub>O is water. Literal ==marks== and [[links]] stay text.</p>
<p>A second paragraph that a highlight crosses into.</p>
<p>Energy is <code data-tex="inline">E = mc^2</code> as ever.</p><code data-tex="block">\\int_0^1 x\\,dx</code>
<ol><li>Measured at the weir. <a href="#ref1">↩</a></li></ol>`;

/** A highlight of `exact` as the saved copy's page would describe it (quote and position in the copy). */
function highlightOf(
  doc: Document,
  exact: string,
  over: Partial<HighlightRecord> = {},
  occurrence = 0,
): HighlightRecord {
  const root = doc.createElement('article');
  root.append(savedArticleFragment(ARTICLE, doc.defaultView as View));
  const index = TextIndex.of(root);
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = index.text.indexOf(exact, at + 1);
  if (at < 0) throw new Error(`not in the article: ${exact}`);
  const target = describeRange(index, index.rangeOf(at, at + exact.length))!;
  return {
    id: `h-${exact.slice(0, 8)}`,
    url: 'https://river.example/story',
    color: 'yellow',
    note: '',
    target,
    createdAt: 1,
    updatedAt: 1,
    ...over,
  };
}

function input(
  doc: Document,
  highlights: HighlightRecord[],
  over: Partial<ArticleMarkdownInput> = {},
): ArticleMarkdownInput {
  return {
    article: {
      url: 'https://river.example/story',
      title: 'The river keeps',
      byline: 'A. Writer',
      published: '2026-01-02',
      site: 'River News',
      lang: 'en',
      html: ARTICLE,
      savedAt: Date.UTC(2026, 0, 3),
    },
    highlights,
    style: 'equals',
    now: Date.UTC(2026, 0, 4),
    ...over,
  };
}

const frontMatterOf = (md: string) => parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(md)![1]!) as Record<string, unknown>;

describe('articleMarkdown', () => {
  it('keeps the article’s structure: headings, nested lists, quotes, GFM tables, code with its language, figures, absolute links, footnotes, sup and sub', () => {
    const { markdown } = articleMarkdown(document, input(document, []));
    const html = markdownIt.render(markdown.replace(/^---[\s\S]*?---\n/, ''));
    expect(html).toContain('<h1>The river keeps</h1>');
    expect(html).toMatch(/<h2>Where it <a href="https:\/\/river.example\/source">starts<\/a><\/h2>/);
    expect(html).toMatch(/<li>Snow on the hills\s*<ul>\s*<li>melting in <strong>April<\/strong><\/li>/);
    expect(html).toMatch(/<blockquote>\s*<p>Water finds a way.<\/p>/);
    expect(new MarkdownIt().render(markdown)).toBeTruthy();
    expect(markdown).toMatch(/\| Month \| Flow \|\n\| --- \| --- \|\n\| April \| High \|/);
    expect(markdown).toContain('```python\nprint("flow")\nx = 1\n```');
    expect(markdown).toContain('![The river at dawn](<https://river.example/river.jpg>)');
    expect(markdown).toContain('*The river at dawn, from the bridge.*');
    expect(markdown).toContain('2[^1] metres');
    expect(markdown).toContain('H<sub>2</sub>O');
    expect(markdown).toContain('Energy is $E = mc^2$ as ever.');
    expect(markdown).toContain('\n$$\n\\int_0^1 x\\,dx\n$$\n');
    expect(markdown).toMatch(/\n\[\^1\]: Measured at the weir\.\n/);
    // Page text stays text: no Obsidian syntax from the site.
    expect(markdown).not.toContain('==marks==');
    expect(markdown).not.toContain('[[links]]');
  });

  it('marks each highlighted piece with ==…==, one mark across emphasis, each paragraph of a long highlight marked on its own', () => {
    const inline = highlightOf(document, 'keeps its own counsel');
    const across = highlightOf(document, 'is water. Literal ==marks== and [[links]] stay text.\nA second paragraph', {
      id: 'h-across',
    });
    const { markdown, placed, unplaced } = articleMarkdown(document, input(document, [inline, across]));
    expect(placed.sort()).toEqual([across.id, inline.id].sort());
    expect(unplaced).toEqual([]);
    expect(markdown).toContain('The river ==keeps *its own* counsel==, and');
    expect(markdown).toMatch(/==is water\. Literal \\?=\\?=marks\\?=\\?= and \\\[\\\[links\\]\\] stay text\.==/);
    expect(markdown).toContain('==A second paragraph== that');
  });

  it('puts each note in an Obsidian callout after the block that holds its highlight (after the whole list), and the tags in the front matter', () => {
    const inList = highlightOf(document, 'melting in April', {
      id: 'h-list',
      note: 'Spring melt.\nSecond line of the note: ==not a mark==',
      tags: ['rivers', 'c++'],
    });
    const inParagraph = highlightOf(document, 'the town listens', { id: 'h-town', note: 'The town!', tags: ['towns'] });
    const { markdown } = articleMarkdown(document, input(document, [inList, inParagraph]));
    expect(markdown).toContain('and ==the town listens==.\n\n> [!note]\n> The town!\n\n## Where');
    expect(markdown).toMatch(
      /- Rain in the autumn\n\n> \[!note\]\n> Spring melt\.\n>\n> Second line of the note: \\?=\\?=not a mark\\?=\\?=\n\n> Water/,
    );
    const front = frontMatterOf(markdown);
    expect(front).toMatchObject({
      title: 'The river keeps',
      source: 'https://river.example/story',
      author: 'A. Writer',
      site: 'River News',
      highlights: 2,
    });
    // In the order the highlights stand in the text.
    expect(front.tags).toEqual(['clearmark', 'towns', 'rivers', 'c++']);
  });

  it('writes <mark> with the color when the setting says so', () => {
    const h = highlightOf(document, 'Water finds a way', { color: 'green' });
    const { markdown } = articleMarkdown(document, input(document, [h], { style: 'mark' }));
    expect(markdown).toContain('> <mark class="cm-green">Water finds a way</mark>.');
    expect(new MarkdownIt({ html: true }).render(markdown)).toContain(
      '<mark class="cm-green">Water finds a way</mark>',
    );
  });

  it('lists highlights the text no longer holds at the end, under their own heading, with their notes', () => {
    const gone = highlightOf(document, 'Water finds a way', { id: 'h-gone', note: 'Kept anyway.' });
    gone.target = {
      ...gone.target,
      quote: {
        type: 'TextQuoteSelector',
        exact: 'A sentence the article lost long ago entirely.',
        prefix: '',
        suffix: '',
      },
      display: 'A sentence the article lost long ago entirely.',
    };
    const { markdown, unplaced } = articleMarkdown(document, input(document, [gone]));
    expect(unplaced).toEqual(['h-gone']);
    expect(markdown).toMatch(
      /## Highlights not found in the article\n\n> A sentence the article lost long ago entirely\.\n\n> \[!note\]\n> Kept anyway\.\n$/,
    );
  });

  it('points pictures kept offline at their attachment, and leaves no empty front matter field', () => {
    const { markdown } = articleMarkdown(
      document,
      input(document, [], { attachments: { 'https://river.example/river.jpg': 'attachments/river.jpg' } }),
    );
    expect(markdown).toContain('![The river at dawn](<attachments/river.jpg>)');
    const bare = articleMarkdown(document, {
      ...input(document, []),
      article: { ...input(document, []).article, byline: '', published: '' },
    }).markdown;
    expect(frontMatterOf(bare)).not.toHaveProperty('author');
    expect(bare).not.toMatch(/: ""$/m);
  });
});

/** Real pages kept in the repository (tests/fixtures/extraction): news, a German page, a blog, a long read, a results table. */
const CORPUS_PAGES = [
  'seed-finance-news',
  'cbssports-nfl-news',
  'comwrap-health-records-de',
  'expapp-company-blog',
  'inexhibit-design-longread',
  'autoracing-standings-pt',
];
const STRUCTURE = {
  headings: 'h1,h2,h3,h4,h5,h6',
  items: 'li',
  quotes: 'blockquote',
  cells: 'td,th',
  code: 'pre',
  images: 'img[src], img[data-held-src]',
  links: 'a[href]:not([href^="#"])',
};
const words = (text: string) => (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).sort();

describe('articleMarkdown on real pages, rendered back by markdown-it', () => {
  it.each(CORPUS_PAGES)(
    '%s: every word of the reader’s HTML, and its headings, list items, quotes, table cells, code, pictures and links',
    (slug) => {
      const dir = resolve(import.meta.dirname, '../fixtures/extraction', slug);
      const url = existsSync(join(dir, 'url.txt'))
        ? readFileSync(join(dir, 'url.txt'), 'utf8').trim()
        : `http://127.0.0.1/${slug}/`;
      const doc = new JSDOM(readFileSync(join(dir, 'source.html'), 'utf8'), {
        url,
        virtualConsole: new VirtualConsole(),
      }).window.document;
      const article = captureArticle(doc, url, '');
      if (!article) {
        expect(slug).toBe('a page with no article');
        return;
      }
      const { markdown } = articleMarkdown(doc, {
        article: { ...article, savedAt: 0 },
        highlights: [],
        style: 'equals',
        now: 0,
      });
      const source = doc.createElement('div');
      source.innerHTML = article.html;
      const rendered = doc.createElement('div');
      rendered.innerHTML = markdownIt.render(markdown.replace(/^---\n[\s\S]*?\n---\n/, ''));
      rendered.querySelector('h1')?.remove();
      expect(words(rendered.textContent)).toEqual(words(source.textContent));
      const count = (root: Element) =>
        Object.fromEntries(
          Object.entries(STRUCTURE).map(([name, selector]) => [name, root.querySelectorAll(selector).length]),
        );
      expect(count(rendered)).toEqual(count(source));
    },
  );
});

describe('the article export', () => {
  const convert = (input: ArticleMarkdownInput) => Promise.resolve(articleMarkdown(document, input));
  const saved = (url: string, title: string) => ({
    url,
    title,
    byline: '',
    published: '2026-01-02',
    site: 'River News',
    lang: 'en',
    dir: 'ltr' as const,
    html: `<p>${title} flows on.</p><figure><img src="https://river.example/${title}.png" alt="A picture"></figure>`,
    text: `${title} flows on.`,
    words: 900,
    readingMinutes: 4,
    leadImage: '',
  });

  // Node's Blob: jsdom's has no arrayBuffer(), which the browsers' have.
  it('one article is a .md note named by the template; several a zip of notes, with pictures kept offline under attachments/; a page with no copy is told so', async () => {
    const library = await Library.open(`article-export-${Date.now()}`, () => Date.UTC(2026, 0, 5));
    await library.saveArticle(saved('https://river.example/a', 'Alder'));
    await library.saveArticle(saved('https://river.example/b', 'Alder'));
    await library.updateSettings({ savedImages: 'offline', obsidian: { fileName: '{{date}} {{title}} ({{site}})' } });
    await library.putArticleImages('https://river.example/a', [
      {
        src: 'https://river.example/Alder.png',
        blob: new NodeBlob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }) as unknown as Blob,
      },
    ]);
    const one = await handleBackgroundRequest(
      library,
      { type: 'export', format: 'article', scope: { url: 'https://river.example/a' } },
      { articleMarkdown: convert, now: () => Date.UTC(2026, 0, 5) },
    );
    expect(one.result).toMatchObject({
      ok: true,
      value: { filename: '2026-01-05 Alder (River News).md', mime: 'text/markdown' },
    });
    // One note alone has nowhere to put a picture: it names it by address.
    expect((one.result as { value: { text: string } }).value.text).toContain(
      '![A picture](<https://river.example/Alder.png>)',
    );

    const all = await handleBackgroundRequest(
      library,
      { type: 'export', format: 'article', scope: 'all' },
      { articleMarkdown: convert, now: () => Date.UTC(2026, 0, 5) },
    );
    if (!all.result.ok) throw new Error(all.result.error);
    const file = all.result.value as unknown as { filename: string; base64: string };
    expect(file.filename).toBe('clearmark-articles-2026-01-05.zip');
    const files = unzipSync(Uint8Array.from(Buffer.from(file.base64, 'base64')));
    expect(Object.keys(files).sort()).toEqual([
      '2026-01-05 Alder (River News) (2).md',
      '2026-01-05 Alder (River News).md',
      'attachments/2026-01-05-alder-river-news-1.png',
    ]);
    expect(strFromU8(files['2026-01-05 Alder (River News).md']!)).toContain(
      '![A picture](<attachments/2026-01-05-alder-river-news-1.png>)',
    );
    expect([...files['attachments/2026-01-05-alder-river-news-1.png']!]).toEqual([137, 80, 78, 71]);

    const none = await handleBackgroundRequest(
      library,
      { type: 'export', format: 'article', scope: { url: 'https://river.example/never-saved' } },
      { articleMarkdown: convert, now: () => Date.UTC(2026, 0, 5) },
    );
    expect(none.result).toMatchObject({
      ok: false,
      code: 'not-found',
      error: expect.stringContaining('no saved copy'),
    });
    const nowhere = await handleBackgroundRequest(library, {
      type: 'export',
      format: 'article',
      scope: { url: 'https://river.example/a' },
    });
    expect(nowhere.result).toMatchObject({ ok: false, code: 'unreachable' });
    library.close();
  });
});
