/**
 * "Send to Obsidian": the obsidian://new address as Obsidian reads it (every value encoded with
 * encodeURIComponent, never "+" for a space), no vault named when none is set, the folder joined to
 * the note's name, and no address at all when the note is too long for one (the page downloads it);
 * the note's name from the user's template, safe on every system.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { noteName, vaultFolder } from '@/utils/engines/export/article-files';
import { MAX_OBSIDIAN_URI, obsidianNewUri } from '@/utils/engines/export/obsidian-uri';

const paramsOf = (uri: string) => new URLSearchParams(uri.slice('obsidian://new?'.length));

describe('obsidianNewUri', () => {
  it('names the vault when one is set, the file as folder/name, and carries the note whole, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ maxLength: 40 }), (content, vault) => {
        const uri = obsidianNewUri({ vault, folder: 'Web/Articles', name: 'A & B + C', content })!;
        expect(uri.startsWith('obsidian://new?')).toBe(true);
        expect(uri).not.toMatch(/[+ ]/);
        const params = paramsOf(uri);
        expect(params.get('vault')).toBe(vault.trim() ? vault.trim() : null);
        expect(params.get('file')).toBe('Web/Articles/A & B + C');
        expect(params.get('content')).toBe(content);
      }),
      { numRuns: 300 },
    );
  });

  it('answers no address for a note too long for one', () => {
    expect(obsidianNewUri({ vault: '', folder: '', name: 'n', content: 'x'.repeat(MAX_OBSIDIAN_URI) })).toBeNull();
    expect(
      obsidianNewUri({ vault: '', folder: '', name: 'n', content: 'x'.repeat(MAX_OBSIDIAN_URI - 100) }),
    ).not.toBeNull();
    // Encoding counts: a note of non-Latin text grows nine times over.
    expect(obsidianNewUri({ vault: '', folder: '', name: 'n', content: 'ж'.repeat(MAX_OBSIDIAN_URI / 5) })).toBeNull();
  });
});

describe('note names', () => {
  const article = {
    url: 'https://x.example/a',
    title: 'What: a "title"? / yes',
    site: 'X News',
    published: '2026-01-02T08:00:00Z',
    savedAt: Date.UTC(2026, 0, 5),
  };
  it('fills the template and makes the name safe on Windows, macOS and Linux', () => {
    expect(noteName('{{title}}', article)).toBe('What a title yes');
    expect(noteName('{{date}} {{site}} – {{title}}', article)).toBe('2026-01-05 X News – What a title yes');
    expect(noteName('{{published}} {{unknown}}', article)).toBe('2026-01-02 {{unknown}}');
    expect(noteName('', { ...article, title: '' })).toBe('https x.example a');
  });
  it('keeps a folder inside the vault', () => {
    expect(vaultFolder('/Clippings//2026/../web\\ ')).toBe('Clippings/2026/web');
    expect(vaultFolder('')).toBe('');
  });
});
