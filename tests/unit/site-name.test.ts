/**
 * The name a site is shown under when its page declares none: readable words, never a bare
 * number such as 127.0.0.1.
 */
import { describe, expect, it } from 'vitest';
import { PageContext } from '@/utils/content/page-context';
import { siteOf } from '@/utils/pages/library-search';
import { siteNameOf } from '@/utils/shared/urls';
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
});
