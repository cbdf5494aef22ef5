import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '@/utils/engines/extraction';
import { elementKind } from '@/utils/engines/extraction/element-kinds';
import { articleMetadata } from '@/utils/engines/extraction/metadata';
import { readingMinutes } from '@/utils/engines/reader/reading-time';
import { PageContext } from '@/utils/content/page-context';
import { isRevealedText, isTeaserText, opensLikeTeaser } from '@/utils/engines/extraction/read-more';
import { openFixture, openHtml } from './fixture-window';

const seedCapture = readFileSync(resolve(import.meta.dirname, '../fixtures/seed/capture.txt'), 'utf8');

describe('the seed page', () => {
  const article = extractArticle(openFixture('seed/index.html'));

  it('is an article, with its metadata', () => {
    expect(article).toMatchObject({
      isArticle: true,
      title: 'Alibaba $100 billion stock rally fueled by AI, Jack Ma return',
      byline: 'Arjun Kharpal',
      publishedAt: '2025-03-08T06:12:41+00:00',
      siteName: 'Daily Market Brief',
      lang: 'en-US',
    });
    expect(readingMinutes(article.text)).toBe(2);
  });

  it('has every paragraph of the article, its heading and captions with credits', () => {
    const paragraphs = seedCapture
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      // The title is shown apart from the text; the banner and the teaser are clutter.
      .filter(
        (p) =>
          p.length > 60 &&
          p !== article.title &&
          !p.startsWith('This website uses cookies') &&
          !p.startsWith('Read More'),
      );
    expect(paragraphs.length).toBeGreaterThanOrEqual(12);
    for (const paragraph of paragraphs) expect(article.text).toContain(paragraph);
    expect(article.text.split('\n\n')).toContain('Alibaba’s fall');
    expect(article.text).toContain('Ant Group founder Jack Ma. Costfoto | Future Publishing | Getty Images');
  });

  it('has none of the clutter', () => {
    for (const clutter of [
      'This website uses cookies',
      'Read More',
      'Finance News',
      'World News',
      'Share this',
      'Facebook',
      'Related Posts',
      'Tencent earnings',
      'Recent Posts',
      'Newsletter',
      'All rights reserved',
      'Alibaba $100 billion stock rally',
    ]) {
      expect(article.text).not.toContain(clutter);
    }
  });

  it('never changes the page', () => {
    const doc = openFixture('seed/index.html');
    const before = doc.documentElement.outerHTML;
    extractArticle(doc);
    expect(doc.documentElement.outerHTML).toBe(before);
  });
});

describe('other pages', () => {
  it('recognizes a home page of teasers as not an article', () => {
    expect(extractArticle(openFixture('home/index.html')).isArticle).toBe(false);
  });

  it('keeps an article about cookies whole', () => {
    const article = extractArticle(openFixture('cookie-article/index.html'));
    expect(article.isArticle).toBe(true);
    expect(article.text).toContain('Accept that the first tray is a test');
    expect(article.text).toContain('Sprinkle with flaky salt');
  });

  it('finds a German article', () => {
    const article = extractArticle(openFixture('german-banner/index.html'));
    expect(article).toMatchObject({
      isArticle: true,
      lang: 'de',
      title: 'Wie Städte ihre Plätze für Fußgänger zurückgewinnen',
    });
    expect(article.text).toContain('Was die Bewohner sagen');
    expect(article.text).not.toContain('Diese Website verwendet Cookies');
  });

  it('says "not an article" for an empty page', () => {
    expect(extractArticle(openHtml('<html><body></body></html>'))).toMatchObject({ isArticle: false, text: '' });
  });
});

describe('"Read More" boilerplate', () => {
  it.each([
    'Read More: Alibaba $100 billion stock rally fueled by AI, Jack Ma return',
    'Continue reading →',
    'Weiterlesen …',
    'Lire la suite',
    'Leer más',
    'Read the full story at Reuters',
    'Lesen Sie auch: Die Bahn erhöht die Preise',
    'Related post: Pickled Brussels sprouts',
    'Related articles: The harbour bridge reopens',
  ])('recognizes the link "%s" as a teaser', (text) => {
    expect(opensLikeTeaser(text)).toBe(true);
    const doc = openHtml(`<p><a href="https://elsewhere.example/">${text}</a></p>`);
    expect(isTeaserText(doc.querySelector('p')!)).toBe(true);
  });

  it('keeps a sentence that happens to say "read more about"', () => {
    const doc = openHtml(
      '<p>Read more about the history of the company in <a href="/history">our profile</a>, which covers the founding years in detail.</p>',
    );
    expect(isTeaserText(doc.querySelector('p')!)).toBe(false);
    const mid = openHtml('<p>Analysts told us to <a href="/x">read more</a> before investing.</p>');
    expect(isTeaserText(mid.querySelector('p')!)).toBe(false);
  });

  it('text a "Read more" control shows in place is the article’s: the preview before the control and the rest after it; a link that leads away reveals nothing', () => {
    const doc = openHtml(
      '<div id="a"><div class="preview">Preview</div><button aria-expanded="false">Read more</button><div class="rest">Rest</div></div>' +
        '<div id="b"><div class="preview">Preview</div><a href="#more">Weiterlesen</a></div>' +
        '<div id="c"><div class="preview">Preview</div><a href="https://elsewhere.example/story">Read more</a></div>' +
        '<div id="d"><div class="preview">Preview</div><button>Share</button></div>',
    );
    const revealed = (selector: string) => isRevealedText(doc.querySelector(selector)!);
    expect([revealed('#a .preview'), revealed('#a .rest'), revealed('#b .preview')]).toEqual([true, true, true]);
    expect([revealed('#c .preview'), revealed('#d .preview')]).toEqual([false, false]);
  });
});

describe('found by the fuzzer', () => {
  it('what is left out (a clutter block, a form control, the title heading) never joins the words around it', async () => {
    const { articleText } = await import('@/utils/engines/extraction/article-text');
    document.body.innerHTML =
      '<div id="a">first words.<div class="newsletter">Sign up</div>Second words<select><option>x</option></select>third<h1>Title</h1>fourth</div>';
    const root = document.getElementById('a')!;
    const text = articleText(
      { isArticle: true, root, excluded: new Map([[root.querySelector('.newsletter')!, 'named-boilerplate']]) },
      'Title',
    );
    expect(text.split(/\s+/)).toEqual(['first', 'words.', 'Second', 'words', 'third', 'fourth']);
  });
});

describe('metadata: the visible headline, the article’s own byline, the date, the direction', () => {
  const prose = (n: number) =>
    `<p>${'The long paragraph of the article goes on about its subject in plain words. '.repeat(n)}</p>`;
  const page = (head: string, body: string, htmlAttrs = 'lang="en"') =>
    extractArticle(
      openHtml(
        `<!doctype html><html ${htmlAttrs}><head>${head}</head><body>${body}</body></html>`,
        'https://health.example/articles/anxiety',
      ),
    );

  it('takes the visible h1 over a social-media title, and the article’s author over a comment form’s label', () => {
    const article = page(
      `<title>Anxiety: causes and care | Health Example</title><meta property="og:title" content="You won't believe these 7 facts about anxiety">
       <meta property="og:type" content="article">`,
      `<article><h1>Anxiety: causes and care</h1><p class="byline">Written by <a rel="author" href="/p/ana">Ana Lima</a> on March 3, 2024</p>${prose(8)}${prose(6)}</article>
       <section id="comments"><form><label class="comment-author">Guest</label><input name="author"></form></section>`,
    );
    expect(article.title).toBe('Anxiety: causes and care');
    expect(article.byline).toBe('Ana Lima');
  });

  it('never takes a blog’s name for its post’s title: a heading linking to the front page is the masthead', () => {
    const blog = (head: string, body: string, url: string) =>
      extractArticle(openHtml(`<!doctype html><html lang="en"><head>${head}</head><body>${body}</body></html>`, url));
    const post = `<div class="post"><h3 class="entry-header">The false choice of mediocrity</h3>${prose(8)}</div>`;
    // The title names the blog before the post, and nothing else says which part is which (a TypePad blog).
    const typepad = blog(
      "<title>Seth's Blog: The false choice of mediocrity</title>",
      `<div id="banner"><h1 id="banner-header"><a href="https://sethgodin.example/seths_blog/">Seth's Blog</a></h1></div>${post}`,
      'https://sethgodin.example/seths_blog/2012/07/the-false-choice-of-mediocrity.html',
    );
    expect(typepad.title).toBe('The false choice of mediocrity');
    // A Blogger theme names its masthead "title" and the post's heading is an h3.
    const blogger = blog(
      `<title>Silicon Exposed: Open Verilog flow for GreenPak4</title><meta property="og:title" content="Open Verilog flow for GreenPak4">`,
      `<h1 class="title"><a href="https://siliconexposed.example/">Silicon Exposed</a></h1><div class="post"><h3 class="post-title entry-title">Open Verilog flow for GreenPak4</h3>${prose(8)}</div>`,
      'https://siliconexposed.example/2016/05/open-verilog-flow.html',
    );
    expect(blogger.title).toBe('Open Verilog flow for GreenPak4');
    // The page's only h1 names the blog, and a heading reads exactly the title the page declares (Tumblr).
    const tumblr = blog(
      `<title>Minecraft 1.8 - The Bountiful Update - Minecraft Update News</title><meta property="og:title" content="Minecraft 1.8 - The Bountiful Update">`,
      `<div class="post"><h1>Minecraft News</h1><h3><a href="/post/96439224994/minecraft-18">Minecraft 1.8 - The Bountiful Update</a></h3>${prose(8)}</div>`,
      'https://mcupdate.example/post/96439224994/minecraft-18',
    );
    expect(tumblr.title).toBe('Minecraft 1.8 - The Bountiful Update');
    // An article's own headline that links to itself stays its title.
    const permalink = blog(
      '<title>Tide tables | Shore Notes</title>',
      `<article><h1 class="entry-title"><a href="https://shore.example/2024/tide-tables/">Tide tables</a></h1>${prose(8)}</article>`,
      'https://shore.example/2024/tide-tables/',
    );
    expect(permalink.title).toBe('Tide tables');
  });

  it('takes a post’s own heading when the page has no h1 of its own and the heading reads the title, or its part', () => {
    const blog = (title: string, heading: string) =>
      page(`<title>${title}</title>`, `<div class="post"><h3 class="post-title">${heading}</h3>${prose(8)}</div>`)
        .title;
    // The page's <title> lost a dash the heading keeps.
    expect(
      blog(
        'SAP HANA Real Time RaceThe Cisco/EMC team - Virtual Geek',
        'SAP HANA Real Time Race&ndash;The Cisco/EMC team',
      ),
    ).toBe('SAP HANA Real Time Race–The Cisco/EMC team');
    // The blog's name before the post's, with nothing else naming the blog.
    expect(blog('Google News Blog: More Powerful +1s on Google News', 'More Powerful +1s on Google News')).toBe(
      'More Powerful +1s on Google News',
    );
    // A heading that says more than the title (a comment count after it) is not the title.
    expect(blog('The Nation Is Losing Its Toolbox', 'The Nation Is Losing Its Toolbox <a href="#c">524</a>')).toBe(
      'The Nation Is Losing Its Toolbox',
    );
  });

  it('leaves a heading’s permalink mark (¶) out of the title', () => {
    const article = page(
      '<title>Evolve: Shared Mutable History — evolve extension for Mercurial</title>',
      `<div class="section"><h1>Evolve: Shared Mutable History<a class="headerlink" href="#evolve" title="Permalink">¶</a></h1>${prose(8)}</div>`,
    );
    expect(article.title).toBe('Evolve: Shared Mutable History');
  });

  it('gives a highlight the same byline on the content side, from the author markup the page context’s detection found', () => {
    const doc = openHtml(
      `<!doctype html><html lang="en"><head><title>Anxiety</title></head><body><article><h1>Anxiety: causes and care</h1>
       <p class="byline">Written by <a rel="author" href="/p/ana">Ana Lima</a> on March 3, 2024</p>${prose(8)}${prose(6)}</article>
       <section id="comments"><form><label class="comment-author">Guest</label></form></section></body></html>`,
      'https://health.example/articles/anxiety',
    );
    const context = new PageContext(doc);
    const root = context.articleRoot();
    expect(root?.tagName).toBe('ARTICLE');
    expect(articleMetadata(doc, root, undefined, context.authorMarkup()).byline).toBe('Ana Lima');
  });

  it('never takes a byline from a form or comments, and reads the date from JSON-LD or <time>', () => {
    const article = page(
      `<title>Sleep and memory</title><script type="application/ld+json">{"@type":"NewsArticle","headline":"Sleep and memory","datePublished":"2024-05-01T08:00:00Z"}</script>`,
      `<article><h1>Sleep and memory</h1>${prose(10)}</article><div class="comments"><span class="author">Guest</span><p>Nice piece!</p></div>`,
    );
    expect(article.byline).toBe('');
    expect(article.publishedAt).toBe('2024-05-01T08:00:00Z');
    const timed = page(
      '<title>T</title>',
      `<article><h1>A dated piece</h1><time datetime="2023-02-03">3 Feb</time>${prose(10)}</article>`,
    );
    expect(timed.publishedAt).toBe('2023-02-03');
  });

  it('gives the direction a page declares, or its language implies', () => {
    expect(page('<title>مقال</title>', `<article><h1>عنوان المقال</h1>${prose(10)}</article>`, 'lang="ar"').dir).toBe(
      'rtl',
    );
    expect(page('<title>T</title>', `<article><h1>Title</h1>${prose(10)}</article>`, 'lang="he" dir="rtl"').dir).toBe(
      'rtl',
    );
    expect(page('<title>T</title>', `<article><h1>Title</h1>${prose(10)}</article>`).dir).toBe('');
  });

  it('does not repeat the title, the author line, a category label or a stray label at the top of the body', () => {
    const article = page(
      `<title>Anxiety: causes and care</title><meta property="og:type" content="article">`,
      `<article><p><a href="/nutrition">Nutrition</a></p><p>Review</p><h2>Anxiety: causes and care</h2><p class="meta">Written by Ana Lima on March 3, 2024</p>
       <h1>Anxiety: causes and care</h1>${prose(8)}<p>Short line in the body.</p><p>Kyle</p>${prose(4)}</article>`,
    );
    const paragraphs = article.text.split('\n\n');
    for (const repeated of ['Nutrition', 'Review', 'Anxiety: causes and care', 'Written by Ana Lima on March 3, 2024'])
      expect(paragraphs).not.toContain(repeated);
    // Below the first paragraph, short lines are the article's own.
    expect(paragraphs).toContain('Short line in the body.');
    expect(paragraphs).toContain('Kyle');
  });

  it('leaves out a post’s footer line (who posted it and when), and keeps a closing line that only names a date', () => {
    const article = page(
      '<title>The false choice of mediocrity</title>',
      `<div class="entry"><h3>The false choice of mediocrity</h3>${prose(8)}${prose(6)}<p>The talk is on July 20.</p>
       <p class="entry-footer-info">Posted by <a rel="author" href="/sg">Seth Godin</a> on July 09, 2012 | <a href="/p">Permalink</a></p></div>`,
    );
    const paragraphs = article.text.split('\n\n');
    expect(paragraphs).not.toContain('Posted by Seth Godin on July 09, 2012 | Permalink');
    expect(paragraphs).toContain('The talk is on July 20.');
    // Without a date, its link to the post's own page says what it is (a TypePad footer).
    const undated = page(
      '<title>Talks</title>',
      `<div class="entry"><h3>Talks</h3>${prose(8)}${prose(6)}<p>Posted by Karen Eng | <a href="/p">Permalink</a> | <a href="/c">6 Comments</a></p></div>`,
    );
    expect(undated.text).not.toContain('Posted by Karen Eng');
  });

  it('leaves out a blog’s name and motto set above the post’s title, and keeps a short line below it', () => {
    const article = page(
      '<title>Malaria returns to Greece « Healthcare Economist</title>',
      `<div class="content"><div class="blog-name">Healthcare Economist</div><p>Unbiased Analysis of Today's Healthcare Issues</p>
       <h2>Malaria returns to Greece</h2><p>Short line in the body.</p>${prose(8)}${prose(6)}</div>`,
    );
    expect(article.title).toBe('Malaria returns to Greece');
    const paragraphs = article.text.split('\n\n');
    expect(paragraphs).not.toContain('Healthcare Economist');
    expect(paragraphs).not.toContain("Unbiased Analysis of Today's Healthcare Issues");
    expect(paragraphs).toContain('Short line in the body.');
  });
});

describe('readers’ comments are never the article', () => {
  it('comment threads are known by their names, even when other names are not trusted; wrappers’ state classes are not threads', () => {
    const doc = openHtml(
      '<body class="single comments-open"><li class="comment even depth-1"></li><div id="comments"></div><ol class="commentlist"></ol><div id="disqus_thread"></div><div class="comments-open-content"></div><p class="comment-status"></p><div id="jc_commentsDiv"></div><div class="trackbacks"></div><ol class="pinglist"></ol></body>',
      'https://blog.example/',
    );
    const kinds = Array.from(doc.querySelectorAll('body, body *'), (el) => elementKind(el).discussion ?? false);
    expect(kinds).toEqual([false, true, true, true, true, false, false, true, true, true]);
  });

  it('a section labelled as comments in any of the common languages is a discussion; a link the site marks as its users’ is ugc', () => {
    const doc = openHtml(
      '<body><section aria-label="Comments"></section><div aria-label="Kommentare (12)"></div><section aria-label="Photo gallery"></section><a rel="ugc nofollow" href="https://example.net/">Peter</a><a rel="nofollow" href="/">x</a></body>',
      'https://blog.example/',
    );
    const [comments, german, gallery, ugc, plain] = Array.from(doc.body.children, elementKind);
    expect([comments!.discussion, german!.discussion, gallery!.discussion ?? false]).toEqual([true, true, false]);
    expect([ugc!.ugc, plain!.ugc ?? false]).toEqual([true, false]);
  });
});

describe('why a block was left out', () => {
  it('every block left out carries the rule that removed it', () => {
    const paragraph = (n: number) =>
      `<p>Paragraph ${n} of the story, long enough to be read as prose, with a comma, and another clause after it to be sure.</p>`;
    const doc = openHtml(
      `<body><article><h1>The story</h1><div class="body">${[1, 2, 3, 4, 5].map(paragraph).join('')}<div class="share-bar"><a href="/s">Share</a></div><div class="teaser"><strong>Read also</strong><ul><li><a href="/n">The next story</a> and a summary of it, not linked, in a few words</li><li><a href="/m">Another story</a> with its own summary after the headline</li></ul></div><div id="comments"><p>${'A reader writes at length about the story. '.repeat(8)}</p></div><p><span class="visually-hidden">Image caption</span>A photo of the bridge</p></div></article></body>`,
      'https://news.example/story',
    );
    const { detection } = extractArticle(doc);
    const ruleOf = (selector: string) => detection.excluded.get(doc.querySelector(selector)!);
    expect(ruleOf('.share-bar')).toBe('named-boilerplate');
    expect(ruleOf('.teaser')).toBe('teaser');
    expect(ruleOf('#comments')).toBe('comments');
    expect(elementKind(doc.querySelector('.visually-hidden')!).never).toBe(true);
    expect(extractArticle(doc).text).toContain('A photo of the bridge');
    expect(extractArticle(doc).text).not.toContain('Image caption');
  });
});

describe('read once: dates under a long headline, captions shown twice in a row', () => {
  const prose = (n: number) =>
    `<p>${'The long paragraph of the article goes on about its subject in plain words. '.repeat(n)}</p>`;
  it('date lines after a long headline and the author line are not in the body; a caption repeated for its slide is read once', () => {
    const caption = 'Two designers stand beside the new electric sedan at the show in Los Angeles.';
    const doc = openHtml(
      `<!doctype html><html lang="en"><head><title>Deals are live</title><meta property="og:type" content="article"></head><body><article>
        <h1>Daily Deals: More Black Friday Deals Are Live, Including Controllers, Headphones and Watches, and More</h1>
        <div class="byline">By Eric Song</div><div>Updated: 18 Nov 2019 9:38 pm</div><div>Posted: 18 Nov 2019 8:11 pm</div>
        ${prose(6)}<div class="slide"><div>${caption}</div><div>Photo: Agency</div><div>${caption}</div><div>Photo: Agency</div></div>${prose(5)}
        <p>${caption}</p></article></body></html>`,
      'https://deals.example/black-friday',
    );
    const paragraphs = extractArticle(doc).text.split('\n\n');
    expect(paragraphs.filter((p) => /Updated:|Posted:/.test(p))).toEqual([]);
    // Twice in a row is a slide's repeat; again further on, the article's own.
    expect(paragraphs.filter((p) => p === caption)).toHaveLength(2);
  });
});

describe('the page’s furniture and the author’s bio are not the article', () => {
  it('"Advert", "Sharing is caring!" and "comments" lines go; a one-word line of the article’s own stays; the closing bio goes', () => {
    const prose = (n: number) =>
      `<p>${'The long paragraph of the article goes on about its subject in plain words. '.repeat(n)}</p>`;
    const doc = openHtml(
      `<!doctype html><html lang="en"><head><title>Hiking with kids</title><meta name="author" content="Regan Smith"><meta property="og:type" content="article"></head><body><article>
        <h1>Hiking with kids</h1><p>Sharing is caring!</p>${prose(6)}<div>Advert</div>${prose(5)}<p>Onwards.</p>${prose(4)}<div>comments</div>
        <p>Regan is a Connecticut native now living in Massachusetts with her husband, two sons and two cats.</p></article></body></html>`,
      'https://blog.example/hiking',
    );
    const paragraphs = extractArticle(doc).text.split('\n\n');
    for (const furniture of ['Sharing is caring!', 'Advert', 'comments']) expect(paragraphs).not.toContain(furniture);
    expect(paragraphs).toContain('Onwards.');
    // The same words in other languages and forms: a box's "Newsletters" heading, Indonesian "Iklan" (advert).
    const other = openHtml(
      `<!doctype html><html lang="en"><head><title>Hiking with kids</title></head><body><article><h1>Hiking with kids</h1>${prose(6)}<h3>Newsletters</h3>${prose(5)}<div>Iklan</div>${prose(4)}</article></body></html>`,
      'https://blog.example/hiking',
    );
    const lines = extractArticle(other).text.split('\n\n');
    expect(lines).not.toContain('Newsletters');
    expect(lines).not.toContain('Iklan');
    expect(paragraphs.some((p) => p.startsWith('Regan is a Connecticut native'))).toBe(false);
  });
});

describe('a section named like furniture but holding the article’s prose stays', () => {
  it('documentation sections named after their headings (id="sharing-with-a-single-developer") are read', () => {
    const section = (id: string, heading: string) =>
      `<div class="section" id="${id}"><h2>${heading}</h2>${`<p>${'Commit your work, then pull the changes your colleague made and merge them with yours before you push. '.repeat(3)}</p>`.repeat(4)}<pre>hg pull\nhg merge</pre></div>`;
    const doc = openHtml(
      `<!doctype html><html lang="en"><head><title>Workflows</title></head><body><div class="content"><h1>Workflows</h1>${section('basic-workflow', 'Basic workflow')}${section('sharing-with-a-single-developer', 'Sharing with a single developer')}${section('log-keeping', 'Log keeping')}</div><div class="share"><a href="/t">Tweet</a></div></body></html>`,
      'https://docs.example/workflows',
    );
    const article = extractArticle(doc);
    expect(article.text).toContain('Sharing with a single developer');
    expect(article.text.match(/hg pull/g)).toHaveLength(3);
  });
});

describe('found on pages the engine had not seen (dragnet-dev, extraction-dev)', () => {
  const prose = (n: number) =>
    `<p>${'The long paragraph of the article goes on about its subject in plain words, and then some more. '.repeat(n)}</p>`;
  const page = (body: string) =>
    openHtml(
      `<!doctype html><html lang="en"><head><title>A story</title><meta property="og:type" content="article"></head><body>${body}</body></html>`,
      'https://news.example/story',
    );

  it('a whole site wrapped in a boilerplate name (`ad-wallpaper`), its post written with <br><br>: the post is found', () => {
    const post = Array.from(
      { length: 8 },
      (_, i) =>
        `Paragraph ${i} of the post, written straight into the div, with commas, clauses, and words enough to read.`,
    ).join('<br><br>');
    const doc =
      page(`<div id="hd"><div><p>Login with your account to comment on stories</p><ul>${'<li>Markets and money</li>'.repeat(40)}</ul></div></div>
      <div class="ad-wallpaper"><div id="bd"><div class="post-content">${post}</div></div></div>`);
    const article = extractArticle(doc);
    expect(article.isArticle).toBe(true);
    expect(article.text).toContain('Paragraph 0 of the post');
    expect(article.text).toContain('Paragraph 7 of the post');
    expect(article.text).not.toContain('Login with your account');
  });

  it('readers’ comments go even when they are longer than the post', () => {
    const comment = (i: number) =>
      `<dt>${i}. Reader - August 9, 2012</dt><dd><p>${'I watched the whole video twice and I still cannot believe the pitch, honestly. '.repeat(3)}</p></dd>`;
    const doc = page(
      `<div id="content"><h1>A story</h1>${prose(6)}<div id="comments"><dl>${Array.from({ length: 30 }, (_, i) => comment(i)).join('')}</dl></div></div>`,
    );
    const article = extractArticle(doc);
    expect(article.text).toContain('The long paragraph');
    expect(article.text).not.toContain('I watched the whole video');
  });

  it('a block headed "Comments" (or "12 Comments", "Leave a Reply", "Kommentare", "Trackbacks") is readers’ comments, whatever its names; a "Discussion" section is the article’s', () => {
    const comment = (i: number) =>
      `<div class="Normal"><a name="c${i}"></a>${'Thank you so much for this piece, it says what I have long thought about my own work. '.repeat(2)}<p class="postfoot">posted on Thursday, October 25, 2012 at 2:11 AM by <a href="https://example.net/${i}" rel="nofollow">Reader ${i}</a></p></div><hr>`;
    for (const heading of [
      'COMMENTS',
      '12 Comments',
      'Comments (3)',
      'Leave a Reply',
      'Kommentare',
      '4 Responses to “A story”',
      'One thought on “A story”',
      'Comments(2)',
      'Readers’ comments',
      "Readers' Comments",
      '1 Kommentar',
      'TrackBack',
      'Trackbacks/Pingbacks',
    ]) {
      const doc = page(
        `<div id="main"><div class="post"><h1>A story</h1>${prose(6)}<p class="postfoot">Posted by the author on Wed, Oct 24, 2012</p></div><a name="Comments"></a><div class="post"><h3>${heading}</h3>${Array.from({ length: 8 }, (_, i) => comment(i)).join('')}</div></div>`,
      );
      const article = extractArticle(doc);
      expect(article.text, heading).toContain('The long paragraph');
      expect(article.text, heading).not.toContain('Thank you so much');
    }
    // The heading beside the thread rather than in its block: what follows it, up to the next heading of its rank, is the thread.
    const beside = page(
      `<div id="main"><h1>A story</h1>${prose(6)}<h3>8 Comments</h3><ol>${Array.from({ length: 8 }, (_, i) => `<li>${comment(i)}</li>`).join('')}</ol><div><p>Pager: older comments</p></div><h3>About the author</h3><p>The author writes about bridges and rivers for the paper, and has done for years.</p></div>`,
    );
    expect(extractArticle(beside).text).toContain('The long paragraph');
    expect(extractArticle(beside).text).not.toContain('Thank you so much');
    expect(extractArticle(beside).text).not.toContain('older comments');
    const paper = page(
      `<article><h1>Sleep and memory</h1><section><h2>Results</h2>${prose(5)}</section><section><h2>Discussion</h2><p>${'What the results say about memory is discussed here at length, with care. '.repeat(5)}</p></section></article>`,
    );
    expect(extractArticle(paper).text).toContain('What the results say about memory');
  });

  it('a post embedded in the story (a tweet in a `social-media-embed` block) is the story’s', () => {
    const doc = page(
      `<article>${prose(4)}<div class="social-media-embed"><blockquote class="twitter-tweet"><p>Yes this is real and yes the state spent nearly half a million dollars on it</p>— A reader (@reader) November 18, 2019</blockquote></div>${prose(4)}<div class="social-share"><a href="/s">Share on Facebook</a></div></article>`,
    );
    const article = extractArticle(doc);
    expect(article.text).toContain('Yes this is real');
    expect(article.text).not.toContain('Share on Facebook');
  });

  it('one link standing among the prose stays; a run of headline links goes', () => {
    const doc =
      page(`<article>${prose(4)}<ul><li><a href="https://shop.example/p">Get it on Amazon for $39.99</a></li></ul>${prose(4)}
      <p><a href="/a">Who will make the Hall of Fame in 2020?</a></p><p><a href="/b">Fans really want the band in the Hall</a></p><p><a href="/c">The worst inductees ever</a></p>${prose(3)}</article>`);
    const article = extractArticle(doc);
    expect(article.text).toContain('Get it on Amazon for $39.99');
    for (const headline of ['Who will make the Hall', 'Fans really want', 'The worst inductees'])
      expect(article.text).not.toContain(headline);
  });

  it('a list whose lines cite their sources inside sentences is the article’s, however many links it holds; a list of bare links after the story goes', () => {
    const doc = page(`<article>${prose(4)}<h4>Performance</h4><ul>
      <li>Dana has patches up to <a href="https://bugs.example/1">make the tab unloader gentler</a>, and <a href="https://bugs.example/2">show a notice when a frame crashes</a></li>
      <li>Lee <a href="https://bugs.example/3">turned the frame-rate test back on</a></li>
      <li>Sam has <a href="https://bugs.example/4">some fixes</a> and <a href="https://bugs.example/5">polish</a> for <a href="https://bugs.example/6">the early window</a></li></ul>${prose(4)}
      <ul><li><a href="/a">Who will make the Hall of Fame in 2020?</a></li><li><a href="/b">Fans really want the band in the Hall</a></li><li><a href="/c">The worst inductees ever</a></li></ul></article>`);
    const article = extractArticle(doc);
    for (const line of [
      'Dana has patches up to make the tab unloader gentler',
      'Lee turned the frame-rate test',
      'the early window',
    ])
      expect(article.text).toContain(line);
    for (const headline of ['Who will make the Hall', 'Fans really want', 'The worst inductees'])
      expect(article.text).not.toContain(headline);
  });
  it('the site’s appeals among the first and last lines go; the same words inside the story stay', () => {
    const doc = page(`<article><p>Start your day with our newsletter, delivered to your inbox.</p>${prose(4)}
      <p>Small investors subscribed for so many shares that the newsletter of the exchange called it a record.</p>${prose(4)}
      <p>Have a tip? Our reporter may be reached by email.</p><p>Follow us for more stories like this one.</p></article>`);
    const paragraphs = extractArticle(doc).text.split('\n\n');
    expect(paragraphs.some((p) => p.startsWith('Small investors subscribed'))).toBe(true);
    for (const appeal of ['Start your day', 'Have a tip?', 'Follow us'])
      expect(paragraphs.some((p) => p.startsWith(appeal))).toBe(false);
  });

  it('the closing appeals to share, to comment and to sign up go, and a player’s "requires JavaScript" notice at the top', () => {
    const doc = page(`<article><p>This video requires JavaScript to play.</p>${prose(4)}${prose(5)}
      <p>Enjoyed it? Share this with a friend who would like it.</p><p>Tell us what you think in the comments.</p><p>We’d like to hear what you think of this piece.</p><p>Sign up for our email newsletters.</p></article>`);
    const paragraphs = extractArticle(doc).text.split('\n\n');
    expect(paragraphs.length).toBeGreaterThan(1);
    for (const appeal of ['This video', 'Enjoyed it?', 'Tell us what', 'We’d like to hear', 'Sign up'])
      expect(paragraphs.some((p) => p.startsWith(appeal))).toBe(false);
  });

  it('a hover card of links inside a sentence (a name’s popup of its latest articles) goes, and the paragraph around it stays', () => {
    const card = [
      'Governor doubles down on the campaign against the drug',
      'State drops its pipeline protest laws after a lawsuit',
      'New law requires a motto sign in public schools',
    ]
      .map((h, i) => `<a href="/n/${i}">${h}</a> `)
      .join('');
    const doc = page(
      `<article>${prose(4)}<p>South Dakota Gov. <span class="rollover"><a href="/people/noem">Kristi Noem</a><span class="rollover-block"><span><img src="/noem.jpg" alt=""><a href="/people/noem">Kristi Lynn Noem</a>${card}<a href="/people/noem">MORE</a></span></span></span> (R) is defending the state’s launch of an anti-drug campaign.</p>${prose(5)}</article>`,
    );
    const text = extractArticle(doc).text;
    expect(text).toContain('South Dakota Gov.');
    expect(text).toContain('(R) is defending the state’s launch of an anti-drug campaign.');
    for (const headline of ['Kristi Lynn Noem', 'Governor doubles down', 'pipeline protest'])
      expect(text).not.toContain(headline);
    const title =
      'The Long Title of a Report on the State of Methamphetamine Use in Rural Counties of the Great Plains, 2010–2019';
    const cited = extractArticle(
      page(
        `<article>${prose(4)}<p>The figures come from <em><a href="/report">${title}</a></em>, published this year.</p>${prose(5)}</article>`,
      ),
    );
    expect(cited.text).toContain(title);
  });

  it('the site’s “More … stories”, “Related posts”, “Most popular” sections after the story go; a subheading that starts with “More” stays', () => {
    const doc = page(`<article>${prose(4)}<h2>More Cheap Shots Than a Cantina at Happy Hour</h2>${prose(5)}<p>More:</p>
      <h3>More Great Example Stories</h3><ul><li><a href="/a">Unions for video makers</a>, and why they matter now</li><li><a href="/b">The plan to boost drone batteries</a></li></ul></article>`);
    const paragraphs = extractArticle(doc).text.split('\n\n');
    expect(paragraphs).toContain('More Cheap Shots Than a Cantina at Happy Hour');
    for (const line of [
      'More:',
      'More Great Example Stories',
      'Unions for video makers, and why they matter now',
      'The plan to boost drone batteries',
    ])
      expect(paragraphs).not.toContain(line);
    const related = extractArticle(
      page(
        `<article>${prose(4)}${prose(5)}<p>Related posts:</p><p><a href="/c">Pickled sprouts</a> are the next thing to try this autumn, says our cook</p></article>`,
      ),
    );
    expect(related.text).not.toContain('Related posts:');
    expect(related.text).not.toContain('Pickled sprouts');
  });

  it('a long caption a gallery repeats far from the first is read once; long lines a meal plan repeats stay', () => {
    const caption =
      'Two designers unveil the electric sedan at the auto show in Los Angeles on Tuesday, beside the stand of the maker.';
    const meal =
      'Asparagus and Eggs: one cup asparagus, two soft-boiled or poached eggs, half a cup of sweet potato, and a slice of toast';
    const doc = page(
      `<article><ul class="gallery"><li><div class="caption">${caption}</div></li></ul>${prose(4)}${prose(2)}<ul class="gallery"><li><div class="caption">${caption}</div></li></ul>${prose(3)}<ul><li>${meal}</li></ul>${prose(3)}${prose(2)}<ul><li>${meal}</li></ul>${prose(2)}</article>`,
    );
    const paragraphs = extractArticle(doc).text.split('\n\n');
    expect(paragraphs.filter((p) => p === caption)).toHaveLength(1);
    expect(paragraphs.filter((p) => p === meal)).toHaveLength(2);
  });

  it('the author and date line under a lead photo’s caption (a captioned div, not a <figure>) is not in the body; the caption stays', () => {
    const caption =
      'Spain’s Rafael Nadal celebrates a point against Russia’s Karen Khachanov during their Davis Cup tennis match in Madrid, Spain, on Tuesday.';
    const doc = page(`<article><h1>Nadal keeps Spain alive</h1><div class="wp-caption-text">${caption}</div>
      <p>Associated Press November 19, 2019, 9:02 AM</p>${prose(4)}${prose(3)}${prose(4)}${prose(2)}</article><meta name="author" content="Associated Press">`);
    const paragraphs = extractArticle(doc).text.split('\n\n');
    expect(paragraphs[0]).toBe(caption);
    expect(paragraphs.some((p) => p.startsWith('Associated Press'))).toBe(false);
  });
  it('the previous/next story box after the article (a class like "next-prev") is not in the body', () => {
    const doc =
      page(`<div class="post-body"><h1>Nissan shows the new Sentra</h1>${prose(4)}${prose(3)}${prose(4)}${prose(2)}
      <div class="grid-container next-prev"><p class="btn"><a href="/audi">Next Auto News</a></p>
      <div class="row-desc"><a href="/audi"><h5>Audi e-Tron Sportback makes electric crossovers look good</h5></a>
      <p class="row-excerpt">Audi’s second electric vehicle, the E-Tron Sportback, officially debuts with a coupe roofline</p></div></div></div>`);
    const text = extractArticle(doc).text;
    expect(text).toContain('The long paragraph');
    expect(text).not.toContain('Audi');
  });
  it('a block named more as furniture than as article (a likes widget whose id says "post") is not in the body', () => {
    const doc = page(`<div class="entry-content"><h1>The Senate resumes</h1>${prose(4)}${prose(3)}${prose(4)}${prose(2)}
      <div class="sharedaddy sd-like jetpack-likes-widget-wrapper" id="like-post-wrapper-6032"><h3 class="sd-title">Like this:</h3>
      <div class="likes-placeholder"><span class="button"><span>Like</span></span> <span class="loading">Loading...</span></div></div></div>`);
    const text = extractArticle(doc).text;
    expect(text).toContain('The long paragraph');
    expect(text).not.toContain('Like this');
  });
  it('a heading made only of furniture words ("Comments") is not in the body; a heading of the article stays', () => {
    const doc = page(
      `<article><h1>The Senate resumes</h1>${prose(4)}<h2>What comes next</h2>${prose(3)}${prose(4)}${prose(2)}<h3>Comments</h3></article>`,
    );
    const text = extractArticle(doc).text;
    expect(text).toContain('What comes next');
    expect(text).not.toMatch(/Comments/);
  });
  it('a timestamp standing on its own line beside the headline (an inline `<span class="timestamp">`) is not in the body; a named link inside a sentence stays', () => {
    const doc = page(`<div class="article-content"><div class="article-title"><h1>A stabbing on the train</h1>
      <span class="timestamp">Updated <time datetime="2019-11-20T06:01:19Z">10:01 pm PST, Tuesday, November 19, 2019</time></span></div>
      ${prose(4)}<p>The <a class="keywords" href="/topics/police">police</a> were called at noon.</p>${prose(3)}${prose(4)}</div>`);
    const text = extractArticle(doc).text;
    expect(text).not.toContain('Updated');
    expect(text).toContain('The police were called at noon.');
  });
});

describe('an article inside a web component', () => {
  const paragraph = (n: number) =>
    `<p>Paragraph ${n} of the tide report: at low water the pools show anemones, periwinkles, crabs and weed, and a careful walker can count them all before the sea comes back.</p>`;

  /** A page whose article body is drawn from a component's open shadow root, with a slotted byline. */
  function componentPage(): Document {
    const doc = openHtml(`<!doctype html><html lang="en"><head><title>Tide report — Shore Notes</title></head><body>
      <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/about">About</a></nav>
      <news-article><span slot="byline">By Mara Quill</span><p>Light text the component never draws.</p></news-article>
      <footer><a href="/privacy">Privacy</a></footer></body></html>`);
    const host = doc.querySelector('news-article')!;
    host.attachShadow({ mode: 'open' }).innerHTML =
      `<article><h1>Tide report</h1><p class="byline"><slot name="byline">By nobody</slot></p>${[1, 2, 3, 4, 5, 6].map(paragraph).join('')}<slot name="missing"><p>Fallback shown when nothing is assigned.</p></slot></article>`;
    return doc;
  }

  it('is read as the page draws it: the root’s text, the slotted byline, a slot’s fallback; not the undrawn light text', () => {
    const doc = componentPage();
    const article = extractArticle(doc);
    expect(article.isArticle).toBe(true);
    expect(article.title).toBe('Tide report');
    for (const n of [1, 2, 3, 4, 5, 6]) expect(article.text).toContain(`Paragraph ${n} of the tide report`);
    expect(article.text).toContain('Fallback shown when nothing is assigned.');
    expect(article.text).not.toContain('Light text the component never draws');
    expect(article.text).not.toContain('Privacy');
    // The page itself is untouched.
    expect(doc.querySelector('news-article')!.shadowRoot!.querySelectorAll('slot')).toHaveLength(2);
    expect(doc.querySelector('base')).toBeNull();
  });
});
