/**
 * One note per page: a zip of Markdown notes, each as the single-page export writes it, under
 * names that Windows, macOS and Linux all accept and that never collide; a single page is one note.
 */
import fc from 'fast-check';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportAs, groupByPage } from '@/utils/engines/export';
import { toMarkdown } from '@/utils/engines/export/markdown';
import { safeFileName, uniqueNames } from '@/utils/engines/export/notes-zip';
import { EXPORTED_AT, SAMPLE_HIGHLIGHTS, SAMPLE_PAGES, SAMPLE_SETTINGS } from './export-sample';

const source = { pages: SAMPLE_PAGES, highlights: SAMPLE_HIGHLIGHTS, settings: SAMPLE_SETTINGS, everything: true };

describe('one note per page', () => {
  it('is a zip of one Markdown note per page, each the single-page export', () => {
    const file = exportAs('notes', source, EXPORTED_AT);
    expect(file).toMatchObject({ filename: 'clearmark-notes-2026-11-25.zip', mime: 'application/zip', text: '' });
    const files = unzipSync(Uint8Array.from(atob(file.base64!), (c) => c.charCodeAt(0)));
    const entries = groupByPage(SAMPLE_PAGES, SAMPLE_HIGHLIGHTS);
    expect(Object.keys(files).sort()).toEqual(entries.map((e) => `${safeFileName(e.page.title)}.md`).sort());
    for (const entry of entries)
      expect(strFromU8(files[`${safeFileName(entry.page.title)}.md`]!)).toBe(toMarkdown([entry], EXPORTED_AT));
    // The same notes give the same bytes.
    expect(exportAs('notes', source, EXPORTED_AT).base64).toBe(file.base64);
  });

  it('gives a single page as one note', () => {
    const onePage = {
      ...source,
      pages: [SAMPLE_PAGES[0]!],
      highlights: SAMPLE_HIGHLIGHTS.filter((h) => h.url === SAMPLE_PAGES[0]!.url),
      everything: false,
    };
    expect(exportAs('notes', onePage, EXPORTED_AT)).toEqual(exportAs('markdown', onePage, EXPORTED_AT));
  });

  it('names notes safely on every system, and uniquely', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 150 }), { minLength: 1, maxLength: 8 }), (titles) => {
        const names = uniqueNames(titles.map(safeFileName));
        for (const name of names) {
          expect(name.length).toBeGreaterThan(0);
          // eslint-disable-next-line no-control-regex -- control characters are exactly what must not be there
          expect(name).not.toMatch(/[<>:"/\\|?*\u0000-\u001f]|^[ .]|[ .]$/);
          expect(name).not.toMatch(/^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i);
          expect(Array.from(name).length).toBeLessThanOrEqual(110);
        }
        expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
      }),
      { numRuns: 500, seed: 20_261_206 },
    );
    expect(uniqueNames(['Markets', 'markets', 'Markets'])).toEqual(['Markets', 'markets (2)', 'Markets (3)']);
    expect(safeFileName('CON')).toBe('CON (page)');
    expect(safeFileName('What? A "title": <yes>/no | maybe.')).toBe('What A title yes no maybe');
  });
});
