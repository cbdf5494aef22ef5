/**
 * The name a site is shown under when its page declares none: readable words, never a bare
 * number such as 127.0.0.1.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PageContext } from '@/utils/content/page-context';
import { siteOf } from '@/utils/pages/library-search';
import { hostOf, siteNameOf } from '@/utils/shared/urls';
import { openHtml } from './fixture-window';

describe('a site without a declared name', () => {
  it.each([
    ['http://127.0.0.1:5173/2025/03/story/', 'Local page'],
    ['http://localhost:8080/notes', 'Local page'],
    ['http://[::1]:3000/', 'Local page'],
    ['https://www.harbourtimes.example/2026/11/x', 'harbourtimes.example'],
    ['https://news.example.org/a', 'news.example.org'],
    ['not an address', ''],
  ])('%s is shown as "%s"', (url, name) => {
    expect(siteNameOf(url)).toBe(name);
  });

  it('a page served from this computer without og:site_name is named "Local page" as it is highlighted', () => {
    const doc = openHtml(
      '<!doctype html><html><head><title>Draft</title></head><body><p>Words.</p></body></html>',
      'http://127.0.0.1:4321/draft/',
    );
    expect(new PageContext(doc).info().siteName).toBe('Local page');
    const declared = openHtml(
      '<!doctype html><html><head><meta property="og:site_name" content="Daily Market Brief"></head><body></body></html>',
      'http://127.0.0.1:4321/x/',
    );
    expect(new PageContext(declared).info().siteName).toBe('Daily Market Brief');
  });

  it('pages kept before, under their bare host, are listed under the readable name; declared names stay', () => {
    const page = (url: string, siteName: string) => ({ url, title: '', siteName, createdAt: 0, updatedAt: 0 });
    expect(siteOf(page('http://127.0.0.1:4321/x/', '127.0.0.1'))).toBe('Local page');
    expect(siteOf(page('https://www.example.com/x', 'www.example.com'))).toBe('example.com');
    expect(siteOf(page('https://www.example.com/x', 'Example News'))).toBe('Example News');
  });

  it('a page is listed under its declared name unless that name is its bare host, whatever the address looks like', () => {
    // The rule as first written: the address parsed for every page.
    const reference = (url: string, siteName: string) =>
      siteName && siteName !== hostOf(url) ? siteName : siteNameOf(url);
    const host = fc.constantFrom(
      'example.com',
      'www.example.com',
      'WWW.Example.COM',
      'bücher.de',
      'xn--bcher-kva.de',
      'ex%61mple.com',
      '127.0.0.1',
      '[::1]',
      'localhost',
      'news.example.org',
    );
    const address = fc
      .record({
        scheme: fc.constantFrom('https://', 'http://', 'file://', ''),
        user: fc.constantFrom('', 'reader@', 'a:b@'),
        host,
        port: fc.constantFrom('', ':8080'),
        path: fc.constantFrom('/', '/2026/11/story', '/Example.com/x?q=example.com#bücher', ''),
      })
      .map(({ scheme, user, host, port, path }) => `${scheme}${user}${host}${port}${path}`);
    fc.assert(
      fc.property(
        address,
        fc.constantFrom(
          '',
          'Example News',
          'example.com',
          'www.example.com',
          'bücher.de',
          'localhost',
          '127.0.0.1',
          'story',
          'host',
        ),
        (url, declared) => {
          // Also the very host the address parses to, as records kept before held it.
          for (const siteName of [declared, hostOf(url)]) {
            const page = { url, title: '', siteName, createdAt: 0, updatedAt: 0 };
            expect(siteOf(page)).toBe(reference(url, siteName));
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
