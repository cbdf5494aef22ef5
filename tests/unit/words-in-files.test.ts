/**
 * The words the engines write reach the user's language too: an HTML or Markdown export and an
 * import's refusal, with the catalogs set to German, read German (dates as German writes them);
 * back in English they are as the golden files hold them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import de from '@/assets/public/_locales/de/messages.json';
import en from '@/assets/public/_locales/en/messages.json';
import { exportAs } from '@/utils/engines/export';
import { readImport } from '@/utils/engines/import';
import { useCatalog } from '@/utils/i18n/words';
import { EXPORTED_AT, SAMPLE_HIGHLIGHTS, SAMPLE_PAGES, SAMPLE_SETTINGS } from './export-sample';

const source = { pages: SAMPLE_PAGES, highlights: SAMPLE_HIGHLIGHTS, settings: SAMPLE_SETTINGS, everything: true };

describe('the engines’ words in German', () => {
  afterEach(() => useCatalog(en));

  it('an HTML export says its language, its title and when it was made in German', () => {
    useCatalog(de, 'de');
    const html = exportAs('html', source, EXPORTED_AT).text;
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('<title>Clearmark-Markierungen</title>');
    expect(html).toMatch(/Aus Clearmark exportiert am <time datetime="[^"]+">\d+\. \p{L}+ \d{4}<\/time>/u);
  });

  it('a Markdown export links each passage in German', () => {
    useCatalog(de, 'de');
    const markdown = exportAs('markdown', source, EXPORTED_AT).text;
    expect(markdown).toContain('# Clearmark-Markierungen');
    expect(markdown).toContain('[Zur Textstelle](<');
    expect(markdown).not.toContain('Open the passage');
  });

  it('an import refuses an empty file in German, and in English once the catalogs are English again', () => {
    useCatalog(de, 'de');
    expect(readImport({ text: '  ', fileName: 'notizen.json' }, 0)).toMatchObject({
      ok: false,
      error: '„notizen.json“ ist leer.',
    });
    useCatalog(en);
    expect(readImport({ text: '  ', fileName: 'notes.json' }, 0)).toMatchObject({
      ok: false,
      error: '“notes.json” is empty.',
    });
  });
});
