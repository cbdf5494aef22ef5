// The standfirst the reader shows under the title: which line it is, and that it is read once.
import { describe, expect, it } from 'vitest';
import { extractArticle } from '@/utils/engines/extraction';
import { takeStandfirst } from '@/utils/engines/reader/standfirst';
import { openFixture, openHtml } from './fixture-window';

const prose = (n: number) =>
  `<p>${'The long paragraph of the article goes on about its subject in plain words. '.repeat(n)}</p>`;
const read = (doc: Document) => {
  const article = extractArticle(doc);
  const standfirst = takeStandfirst(doc, article);
  // The body as the reader shows it: what the detection leaves in, once the standfirst is taken.
  const body = article.detection.root?.cloneNode(true) as Element | undefined;
  const kept = article.detection.root ? [...article.detection.root.querySelectorAll('*')] : [];
  const shown = body ? [...body.querySelectorAll('*')] : [];
  kept.forEach((el, i) => article.detection.excluded.has(el) && shown[i]?.remove());
  return { article, standfirst, body: body?.textContent.replace(/\s+/g, ' ') ?? '' };
};
const page = (head: string, body: string) =>
  read(
    openHtml(
      `<!doctype html><html lang="en"><head>${head}</head><body>${body}</body></html>`,
      'https://health.example/articles/anxiety',
    ),
  );

describe('the standfirst', () => {
  it('is the line named so under the headline, read there and not again as the body’s first line', () => {
    const { article, standfirst, body } = read(openFixture('standfirst-article/index.html'));
    expect(article.title).toBe('The ferry that runs on the tide');
    expect(standfirst).toBe(
      'A harbour town has replaced its diesel ferry with one that charges from the tidal current under the pier.',
    );
    expect(body).not.toContain('A harbour town has replaced');
    expect(body).toContain('For forty years the ferry');
  });

  it('outside the body, an unnamed line that reads the declared description, past a date line', () => {
    const description = 'Ministers promise a decision on the new bridge by the end of the winter session.';
    const { standfirst } = page(
      `<title>Bridge decision due in winter</title><meta name="description" content="${description}">`,
      `<header><h2 class="headline">Bridge decision due in winter</h2><p class="when">Monday, 3 March 2025 | 9:30 AM</p><p>${description}</p></header><article>${prose(8)}</article>`,
    );
    expect(standfirst).toBe(description);
  });

  it('never a blog’s motto under its name, nor the body’s first paragraph that the page gives as its description', () => {
    const motto = page(
      '<title>The Quiet Coder</title>',
      `<div id="top"><h1><a href="https://health.example/">The Quiet Coder</a></h1><h2 class="description">Notes on writing software slowly and well</h2></div><article>${prose(8)}</article>`,
    );
    expect(motto.standfirst).toBe('');
    const inBanner = page(
      '<title>The Quiet Coder</title>',
      `<div id="banner"><h1>The Quiet Coder</h1><h2 class="description">Notes on writing software slowly and well</h2></div><article>${prose(8)}</article>`,
    );
    expect(inBanner.standfirst).toBe('');
    const lead = 'The first paragraph of the story, which the page also gives as its description here.';
    const first = page(
      `<title>Another title here</title><meta name="description" content="${lead}">`,
      `<article><h1>Another title here</h1><p>${lead}</p>${prose(8)}</article>`,
    );
    expect(first.standfirst).toBe('');
    expect(first.body).toContain(lead);
  });
});
