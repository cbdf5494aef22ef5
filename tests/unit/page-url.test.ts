import { describe, expect, it } from 'vitest';
import { normalizeUrl, pageUrlOf } from '@/utils/engines/page-url';

describe('normalizeUrl', () => {
  it.each([
    ['https://news.example/a?utm_source=x&id=7&fbclid=abc#section', 'https://news.example/a?id=7'],
    ['https://news.example/a?gclid=1&UTM_Medium=2', 'https://news.example/a'],
    ['https://news.example/a#:~:text=quote', 'https://news.example/a'],
    ['HTTPS://News.Example:443/a', 'https://news.example/a'],
    ['http://127.0.0.1:8080/seed/?page=2', 'http://127.0.0.1:8080/seed/?page=2'],
  ])('%s → %s', (input, expected) => expect(normalizeUrl(input)).toBe(expected));

  it.each(['chrome://settings', 'about:blank', 'file:///etc/passwd', 'not a url', 'javascript:alert(1)'])(
    'has no key for %s',
    (input) => expect(normalizeUrl(input)).toBeNull(),
  );
});

describe('pageUrlOf', () => {
  const docAt = (href: string, head: string) => {
    const doc = document.implementation.createHTMLDocument('t');
    doc.head.innerHTML = head;
    Object.defineProperty(doc, 'location', { value: new URL(href) });
    const base = doc.createElement('base');
    base.href = href;
    doc.head.prepend(base);
    return doc;
  };

  it('uses a same-site canonical URL', () => {
    const doc = docAt('https://news.example/a?utm_source=x', '<link rel="canonical" href="/story/a">');
    expect(pageUrlOf(doc)).toBe('https://news.example/story/a');
  });

  it('ignores a canonical URL on another site', () => {
    const doc = docAt('https://aggregator.example/copy', '<link rel="canonical" href="https://original.example/a">');
    expect(pageUrlOf(doc)).toBe('https://aggregator.example/copy');
  });
});
