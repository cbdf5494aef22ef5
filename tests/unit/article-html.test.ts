// DOMPurify is built and tested against jsdom (under happy-dom it silently misbehaves), so these
// tests run there; the real-browser tests run the same code in Chromium and Firefox.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '@/utils/engines/extraction';
import { articleFragment, heldImages, showHeldImages } from '@/utils/engines/reader/article-html';

const openHtml = (html: string, url: string) => new JSDOM(html, { url }).window.document;

function render(body: string): HTMLElement {
  const doc = openHtml(
    `<html><head><title>T</title></head><body><article><h1>Title here</h1>${body}<p>${'Closing prose that makes this an article for sure. '.repeat(12)}</p></article></body></html>`,
    'https://news.example/story/1',
  );
  const article = extractArticle(doc);
  const host = doc.createElement('div');
  host.append(
    articleFragment(article.detection, 'Title here', doc.defaultView as unknown as Window & typeof globalThis),
  );
  return host;
}

describe('articleFragment', () => {
  it('keeps lists, quotes, tables, code and figures; drops the title heading', () => {
    const out = render(`
      <p>${'Opening paragraph with enough words to be prose. '.repeat(6)}</p>
      <ul><li>one</li><li>two</li></ul><ol><li>first</li></ol>
      <blockquote><p>Quoted words.</p></blockquote>
      <table><thead><tr><th>Year</th></tr></thead><tbody><tr><td>2024</td></tr></tbody></table>
      <pre><code>const x = 1;</code></pre>
      <figure><img src="/a.jpg" alt="A"><figcaption>Caption. <span>Photo: Someone</span></figcaption></figure>`);
    for (const tag of ['ul', 'ol', 'blockquote', 'table', 'th', 'td', 'pre', 'code', 'figure', 'figcaption', 'img']) {
      expect(out.querySelector(tag), tag).not.toBeNull();
    }
    expect(out.querySelector('h1')).toBeNull();
    expect(out.querySelector('img')!.getAttribute('src')).toBe('https://news.example/a.jpg');
    expect(out.querySelector('figcaption')!.textContent).toBe('Caption. Photo: Someone');
  });

  it('drops line breaks set against a block (a blog’s <br>s around its headings), keeps those inside a line of text', () => {
    const prose = 'Words of the post that make a long enough paragraph to be read as prose here. '.repeat(3);
    const out = render(`<div class="post-body">${prose}<br />
      <br />
      <h2>So what is a GreenPak?</h2>
      <br /> ${prose}<br />line two of a poem<br /><br />a new stanza<br /></div>`);
    const breaks = Array.from(out.querySelectorAll('br'));
    // Only the three between lines of text remain: none before or after the heading, none at the end.
    expect(breaks).toHaveLength(3);
    for (const br of breaks) {
      expect(br.previousSibling?.nodeType === 3 || br.previousSibling?.nodeName === 'BR').toBe(true);
      expect(br.nextSibling?.nodeType === 3 || br.nextSibling?.nodeName === 'BR').toBe(true);
    }
    expect(out.querySelector('h2')!.previousElementSibling).toBeNull();
  });

  it('keeps a code block’s language (for exports), named as highlighters name it, and nothing else of its classes', () => {
    const out = render(`
      <p>${'Opening paragraph with enough words to be prose. '.repeat(6)}</p>
      <pre class="highlight"><code class="hljs language-TypeScript">const x = 1;</code></pre>
      <pre data-lang="rust"><code>let x = 1;</code></pre>
      <pre><code class="lang-x&quot;onload">bad</code></pre>`);
    const codes = [...out.querySelectorAll('pre')];
    expect(codes[0]!.querySelector('code')!.getAttribute('data-language')).toBe('typescript');
    expect(codes[1]!.getAttribute('data-language')).toBe('rust');
    expect(codes[2]!.querySelector('code')!.hasAttribute('data-language')).toBe(false);
    expect(out.querySelector('[class]')).toBeNull();
  });

  it('keeps a formula’s TeX where the page gave it beside the MathML (annotation or alttext), as code marked inline or block', () => {
    const out = render(`
      <p>${'Opening paragraph with enough words to be prose. '.repeat(6)}</p>
      <p>Energy is <math><semantics><mrow><mi>E</mi><mo>=</mo><mi>m</mi><msup><mi>c</mi><mn>2</mn></msup></mrow><annotation encoding="application/x-tex">E = mc^2</annotation></semantics></math> as ever.</p>
      <math display="block" alttext="\\int_0^1 x\\,dx"><mi>x</mi></math>`);
    const formulas = [...out.querySelectorAll('code[data-tex]')].map((c) => [
      c.getAttribute('data-tex'),
      c.textContent,
    ]);
    expect(formulas).toEqual([
      ['inline', 'E = mc^2'],
      ['block', '\\int_0^1 x\\,dx'],
    ]);
    expect(out.querySelector('math, annotation')).toBeNull();
  });

  it('keeps inline elements inline: citations, custom elements and old text tags stay in their sentence', () => {
    const out = render(
      `<p>${'Words before the claim. '.repeat(6)}Anxiety is the most common mental disorder in the United States (<cite-ref><a href="#ref-1">1</a></cite-ref>). It was <font color="red">never</font> <nobr>this common</nobr><sup><a href="#ref-2">2</a></sup>, <abbr title="World Health Organization">WHO</abbr> says; try <code>npm test</code> and <kbd>Ctrl</kbd>.</p>`,
    );
    const paragraph = [...out.querySelectorAll('p')].find((p) => p.textContent.includes('United States'))!;
    expect(paragraph.querySelectorAll('div')).toHaveLength(0);
    expect(paragraph.textContent).toContain(
      'in the United States (1). It was never this common2, WHO says; try npm test and Ctrl.',
    );
    for (const tag of ['sup', 'abbr', 'code', 'kbd', 'a']) expect(paragraph.querySelector(tag), tag).not.toBeNull();
  });

  it('shows what the page loaded; an image only a lazy loader names is held (no request) until the reader asks', () => {
    const out = render(`
      <p>${'Prose before the images, long enough to count. '.repeat(6)}</p>
      <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/lazy.jpg" alt="lazy">
      <img data-srcset="/s.jpg 1x, /l.jpg 2x" src="/s.jpg" alt="set">
      <img data-src="/only-lazy.jpg" alt="bare">
      <picture><source srcset="/p.webp" type="image/webp"><img src="/p.jpg" alt="pic"></picture>`);
    const srcs = () => [...out.querySelectorAll('img')].map((i) => i.getAttribute('src'));
    expect(srcs()).toEqual([null, 'https://news.example/s.jpg', null, 'https://news.example/p.jpg']);
    expect(out.querySelector('img[alt="set"]')!.getAttribute('srcset')).toBeNull();
    expect(out.querySelector('source')!.getAttribute('srcset')).toBe('https://news.example/p.webp');
    expect(heldImages(out)).toHaveLength(3);
    showHeldImages(out);
    expect(srcs()).toEqual([
      'https://news.example/lazy.jpg',
      'https://news.example/s.jpg',
      'https://news.example/only-lazy.jpg',
      'https://news.example/p.jpg',
    ]);
    expect(out.querySelector('img[alt="set"]')!.getAttribute('srcset')).toBe(
      'https://news.example/s.jpg 1x, https://news.example/l.jpg 2x',
    );
    expect(heldImages(out)).toHaveLength(0);
  });

  it('a held address is checked like any other: no script URLs wait to be shown', () => {
    const out = render(
      `<p>${'Prose before the image, long enough to count. '.repeat(6)}</p><img data-src="javascript:alert(1)" alt="x">`,
    );
    showHeldImages(out);
    expect(out.querySelector('img')!.getAttribute('src')).toBeNull();
  });

  it('keeps links safe: absolute, opening apart, no script URLs', () => {
    const out = render(
      `<p>${'Words around links that keep it prose. '.repeat(5)}<a href="/rel">relative</a> <a href="javascript:alert(1)">js</a> <a href="data:text/html,x">data</a> <a href="#note">note</a></p>`,
    );
    const links = [...out.querySelectorAll('a')].map((a) => [
      a.textContent,
      a.getAttribute('href'),
      a.getAttribute('rel'),
      a.getAttribute('target'),
    ]);
    expect(links).toEqual([
      ['relative', 'https://news.example/rel', 'noopener noreferrer', '_blank'],
      ['js', null, 'noopener noreferrer', '_blank'],
      ['data', null, 'noopener noreferrer', '_blank'],
      ['note', '#note', 'noopener noreferrer', '_blank'],
    ]);
  });

  it('removes scripts, handlers, styles, forms and frames', () => {
    const out = render(
      `<p style="color:red" onclick="x()" class="c" id="i">${'Styled prose with handlers. '.repeat(8)}<img src="/x.png" onerror="x()"><script>x()</script></p><iframe src="/f"></iframe><form><input value="secret"></form><style>p{}</style>`,
    );
    const attributes = [...out.querySelectorAll('*')].flatMap((el) => el.getAttributeNames());
    expect(attributes.filter((a) => a.startsWith('on') || ['style', 'class', 'id'].includes(a))).toEqual([]);
    expect(out.querySelector('script, iframe, form, input, style')).toBeNull();
    expect(out.textContent).not.toContain('secret');
  });
});

describe('the page’s layout and pictures, as a reader wants them', () => {
  const prose = (n: number) =>
    `<p>Paragraph ${n} of an old article laid out in a table, with commas, clauses, and enough words to be prose for sure.</p>`;

  it('a table that lays out the page is unwrapped into blocks; a data table stays a table', () => {
    const out = render(`
      <table width="760" cellpadding="4"><tr><td width="160"><p>Menu</p></td><td>${[1, 2, 3].map(prose).join('')}<h3>A subheading</h3>${prose(4)}</td></tr></table>
      <table><tr><td>Year</td><td>Visitors</td></tr><tr><td>2023</td><td>41,000</td></tr></table>`);
    const tables = out.querySelectorAll('table');
    expect(tables).toHaveLength(1);
    expect(tables[0]!.textContent).toContain('Visitors');
    expect(out.querySelector('h3')!.textContent).toBe('A subheading');
    expect(out.textContent).toContain('Paragraph 4 of an old article');
  });

  it('a caption standing after its image in one wrapper becomes the figure’s caption, by its name or its place', () => {
    const out = render(`
      <p>${'Opening paragraph with enough words to be prose. '.repeat(6)}</p>
      <div class="image-wrap"><img src="/nest.jpg" alt=""><div class="image-caption">A nest in a broken pine</div></div>
      <div><a href="/big.jpg"><img src="/owl.jpg" alt=""></a><span>An owl at dusk</span></div>
      <div class="photobox_right"><img src="/heron.jpg" alt="A heron"><br>
        <em>A heron waits, a line below its picture.</em></div>
      <p>${'A paragraph after the picture, a caption’s width away from it. '.repeat(3)}</p>`);
    const captions = Array.from(out.querySelectorAll('figure > figcaption'), (c) => c.textContent);
    expect(captions).toEqual(['A nest in a broken pine', 'An owl at dusk', 'A heron waits, a line below its picture.']);
    // The line break between a picture and its caption goes with the wrapper: the figure is the two.
    expect(out.querySelector('figure:has(img[alt="A heron"]) br')).toBeNull();
    // A list item of an icon and a label stays a list item.
    const list = render(`<p>${'Opening paragraph with enough words to be prose. '.repeat(6)}</p>
      <ul><li><img src="/tick.png" alt=""><span>Free delivery</span></li><li><img src="/tick.png" alt=""><span>Returns</span></li></ul>`);
    expect(list.querySelectorAll('li')).toHaveLength(2);
    expect(list.querySelector('figure')).toBeNull();
  });

  it('advert banners and images without an address leave no box; a caption’s words stay, as the article’s text has them', () => {
    const out = render(`
      <p>${'Opening paragraph with enough words to be prose. '.repeat(6)}</p>
      <a href="https://ads.example/click"><img src="https://cdn.example/banner.gif" width="728" height="90" alt="Ad"></a>
      <figure><img src="https://adserver.example/ads/slot.png" alt=""><figcaption>Sponsored</figcaption></figure>
      <figure><img alt="lost"><figcaption>An image whose address a script would have set</figcaption></figure>
      <figure><img src="/real.jpg" alt="Real"><figcaption>The real picture</figcaption></figure>`);
    expect(Array.from(out.querySelectorAll('img'), (i) => i.getAttribute('alt'))).toEqual(['Real']);
    // ("Sponsored" alone is the page's furniture: the article's text leaves it out, and so does the reader.)
    expect(Array.from(out.querySelectorAll('figcaption'), (c) => c.textContent)).toEqual([
      'An image whose address a script would have set',
      'The real picture',
    ]);
  });

  it('the lead picture shown above the headline, outside the article’s element, opens the article', () => {
    const doc = openHtml(
      `<html><head><title>T</title><meta property="og:image" content="https://cdn.example/photos/lead-harbour.jpg?w=1200"></head><body>
      <header class="hero"><figure><img src="https://cdn.example/photos/lead-harbour.jpg?w=800" alt="The harbour"><figcaption>The harbour at dawn</figcaption></figure></header>
      <article><h1>Title here</h1><div class="body"><p>${'Closing prose that makes this an article for sure. '.repeat(12)}</p><p>${'More prose that makes this an article for sure. '.repeat(12)}</p></div></article></body></html>`,
      'https://news.example/story/1',
    );
    const article = extractArticle(doc);
    const host = doc.createElement('div');
    host.append(
      articleFragment(article.detection, 'Title here', doc.defaultView as unknown as Window & typeof globalThis),
    );
    const picture = host.querySelector('img')!;
    expect(picture.compareDocumentPosition(host.querySelector('p')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(host.querySelector('img')!.getAttribute('alt')).toBe('The harbour');
    // The picture alone: the reader shows exactly the article's text, and the caption is not in it.
    expect(host.textContent).not.toContain('The harbour at dawn');
  });
});
