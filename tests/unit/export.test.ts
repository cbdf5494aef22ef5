import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import {
  EXPORTED_AT,
  SAMPLE_HIGHLIGHTS,
  SAMPLE_PAGES,
  SAMPLE_PDF_HIGHLIGHT,
  SAMPLE_PDF_PAGE,
  SAMPLE_SETTINGS,
} from './export-sample';
import { expectGolden } from './golden';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/export');
import { exportAs, groupByPage } from '@/utils/engines/export';
import {
  MAX_BACKUP_CHARS,
  parseBackup,
  parseBackupPieces,
  toBackup,
  toBackupParts,
} from '@/utils/engines/export/backup';
import { csvCell } from '@/utils/engines/export/csv';
import { TextIndex } from '@/utils/engines/anchoring/text-index';
import { PageText } from '@/utils/engines/anchoring/page-text';
import { HIGHLIGHT_COLORS, type HighlightRecord, type PageRecord } from '@/utils/shared/model';
import { Library } from '@/utils/background/storage';

const source = { pages: SAMPLE_PAGES, highlights: SAMPLE_HIGHLIGHTS, settings: SAMPLE_SETTINGS, everything: true };
const onePage = {
  ...source,
  pages: [SAMPLE_PAGES[0]!],
  highlights: SAMPLE_HIGHLIGHTS.filter((h) => h.url === SAMPLE_PAGES[0]!.url),
  everything: false,
};
let dbCount = 0;
const freshLibrary = () => Library.open(`clearmark-export-${++dbCount}`, () => EXPORTED_AT);

describe('export formats (golden files)', () => {
  it.each(['markdown', 'jsonld', 'csv', 'html', 'backup'] as const)('%s, everything', (format) => {
    const file = exportAs(format, source, EXPORTED_AT);
    expectGolden(resolve(FIXTURES, `all.${format}.golden`), file.text);
  });

  it.each(['markdown', 'jsonld', 'csv', 'html'] as const)('%s, one page', (format) => {
    const file = exportAs(format, onePage, EXPORTED_AT);
    expectGolden(resolve(FIXTURES, `page.${format}.golden`), file.text);
  });

  it('names files by page and day, with their types', () => {
    expect(exportAs('markdown', onePage, EXPORTED_AT)).toMatchObject({
      filename: 'clearmark-markets-script-alert-title-script-quotes-2026-11-25.md',
      mime: 'text/markdown',
    });
    expect(exportAs('jsonld', source, EXPORTED_AT)).toMatchObject({
      filename: 'clearmark-highlights-2026-11-25.jsonld',
      mime: 'application/ld+json',
    });
    expect(exportAs('csv', source, EXPORTED_AT).mime).toBe('text/csv');
    expect(exportAs('html', source, EXPORTED_AT).mime).toBe('text/html');
    expect(exportAs('backup', source, EXPORTED_AT)).toMatchObject({
      filename: 'clearmark-backup-2026-11-25.json',
      mime: 'application/json',
    });
  });

  it('keeps highlights in document order under pages newest first', () => {
    const grouped = groupByPage(SAMPLE_PAGES, SAMPLE_HIGHLIGHTS);
    expect(grouped.map((g) => g.page.url)).toEqual([SAMPLE_PAGES[1]!.url, SAMPLE_PAGES[0]!.url]);
    expect(grouped[1]!.highlights.map((h) => h.target.position.start)).toEqual([40, 120]);
  });
});

describe('PDFs, kept under their fingerprint', () => {
  const pdf = SAMPLE_PDF_PAGE;
  const onPage3 = SAMPLE_PDF_HIGHLIGHT;
  const one = (page: PageRecord) => ({ ...source, pages: [page], highlights: [onPage3], everything: false });

  it('Markdown and HTML point at the file where it was read, a passage at its page; never at the fingerprint', () => {
    const md = exportAs('markdown', one(pdf), EXPORTED_AT).text;
    expect(md).toContain('source: "https://papers.example/tides.pdf"');
    expect(md).toContain('(<https://papers.example/tides.pdf#page=3>)');
    expect(md).not.toContain('urn:x-pdf');
    const html = exportAs('html', one(pdf), EXPORTED_AT).text;
    expect(html).toContain('<a href="https://papers.example/tides.pdf">');
    // Read from disk and never from the web: no link to follow, the highlight still exported.
    const fromDisk: PageRecord = { ...pdf };
    delete fromDisk.source;
    const local = exportAs('markdown', one(fromDisk), EXPORTED_AT).text;
    expect(local).not.toContain('](<');
    expect(local).toContain(`#highlight/${onPage3.color}`);
  });
});

describe('escaping hostile text', () => {
  it('Markdown: page text is text, never HTML, links, tags or formatting', () => {
    const md = exportAs('markdown', source, EXPORTED_AT).text;
    const body = md.slice(md.indexOf('\n---\n', 4) + 5);
    expect(body).not.toMatch(/(^|[^\\])<(script|b)\b/m);
    // Escaped only where it would be syntax (tests/unit/markdown.test.ts checks any text with two parsers).
    expect(md).toContain('\\<script>alert(1)\\</script>');
    // Front matter values are quoted YAML scalars, whatever they hold.
    expect(exportAs('markdown', onePage, EXPORTED_AT).text).toContain(
      'title: "Markets <script>alert(\\"title\\")</script> & \\"quotes\\""',
    );
  });

  it('CSV: the Readwise columns, quoted cells, formulas neutralized, line breaks kept inside quotes', () => {
    const csv = exportAs('csv', source, EXPORTED_AT).text;
    const [header] = csv.split('\r\n');
    // Readwise's documented import columns; the color travels as Readwise's inline tag in the note.
    expect(header).toBe('Highlight,Title,Author,URL,Note,Location,Date');
    expect(csv).toMatch(/"\.yellow\nFirst line/);
    // No cell opens with a formula character, wherever the formula-like text stands.
    expect(csv.split('\r\n').slice(1).join('\n')).not.toMatch(/(^|,)"[=+\-@\t\r]/m);
    // The color and the tags lead the note as Readwise's inline tags.
    expect(csv).toContain(`".green .AI-policy .<b>markets</b> .2026\n=cmd|' /C calc'!A0"`);
    expect(csvCell('+1')).toBe(`"'+1"`);
    expect(csvCell('-2')).toBe(`"'-2"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('\tx')).toBe(`"'\tx"`);
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csv).toContain('First line\nsecond line');
  });

  it('HTML: everything escaped, no script can run, only http(s) links', () => {
    const html = exportAs('html', source, EXPORTED_AT).text;
    const doc = new DOMParser().parseFromString(html, 'text/html');
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')).toContain(
      "default-src 'none'",
    );
    expect(doc.querySelector('h1')!.textContent).toBe('Clearmark highlights');
    expect([...doc.querySelectorAll('blockquote')].map((q) => q.textContent)).toContain(
      '<script>alert(1)</script> is shown as text]]>',
    );
    expect([...doc.querySelectorAll('a')].every((a) => /^https?:/.test(a.getAttribute('href')!))).toBe(true);
    expect(
      [...doc.querySelectorAll('*')].flatMap((e) => e.getAttributeNames()).filter((n) => n.startsWith('on')),
    ).toEqual([]);
  });

  it('JSON-LD: a valid W3C AnnotationCollection, positions in code points', () => {
    type Collection = Record<string, unknown> & { first: { items: { id: string; target: unknown }[] } };
    const data = JSON.parse(exportAs('jsonld', source, EXPORTED_AT).text) as Collection;
    expect(validateAnnotationCollection(data)).toEqual([]);
    // Ids that are not UUIDs (hand-made, from elsewhere) still make valid IRIs.
    const odd = JSON.parse(
      exportAs('jsonld', { ...source, highlights: [{ ...SAMPLE_HIGHLIGHTS[0]!, id: 'my note #1' }] }, EXPORTED_AT).text,
    ) as Collection;
    expect(odd.first.items[0]!.id).toBe('urn:clearmark:highlight:my%20note%20%231');
    expect(validateAnnotationCollection(odd)).toEqual([]);
    type Selector = { type: string; start?: number; end?: number; exact?: string };
    const items = data.first.items as { target: { selector: Selector[] } }[];
    const quoteOf = (i: { target: { selector: Selector[] } }) =>
      i.target.selector.find((s) => s.type === 'TextQuoteSelector')!;
    const withEmoji = items.find((i) => quoteOf(i).exact!.includes('📈'))!;
    const position = withEmoji.target.selector.find((s) => s.type === 'TextPositionSelector')!;
    // 📈 is two UTF-16 units but one code point.
    expect(position.end! - position.start!).toBe(Array.from(quoteOf(withEmoji).exact!).length);
    expect(position.end! - position.start!).toBe(quoteOf(withEmoji).exact!.length - 1);
  });

  it('new highlights record their place in code points as they are made', () => {
    document.body.innerHTML = '<p>Emoji 🎉🎉 first, then the quoted words.</p>';
    const text = TextIndex.of(document.body).text;
    const at = text.indexOf('the quoted');
    const target = new PageText(document.body).describe(TextIndex.of(document.body).rangeOf(at, at + 10))!;
    expect(target.position.start).toBe(at);
    expect(target.documentPosition).toEqual({ start: at - 2, end: at - 2 + 10 });
  });
});

/** The W3C Web Annotation Data Model's required fields and value constraints for what we write. */
function validateAnnotationCollection(data: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const need = (ok: boolean, what: string) => {
    if (!ok) errors.push(what);
  };
  const context = data['@context'];
  need(
    context === 'http://www.w3.org/ns/anno.jsonld' ||
      (Array.isArray(context) && context.includes('http://www.w3.org/ns/anno.jsonld')),
    '@context',
  );
  need(typeof data.id === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(data.id), 'collection id is an IRI');
  need(data.type === 'AnnotationCollection', 'collection type');
  const first = data.first as { type?: string; items?: unknown[] } | undefined;
  need(first?.type === 'AnnotationPage' && Array.isArray(first.items), 'first page');
  need(data.total === first?.items?.length, 'total');
  for (const [i, item] of (first?.items ?? []).entries()) {
    const a = item as Record<string, unknown>;
    need(
      typeof a.id === 'string' && /^(urn:uuid:[0-9a-f-]{36}|urn:clearmark:highlight:[^\s#]+)$/.test(a.id),
      `item ${i} id`,
    );
    need(a.type === 'Annotation', `item ${i} type`);
    need(a.motivation === 'highlighting', `item ${i} motivation`);
    need(typeof a.created === 'string' && !Number.isNaN(Date.parse(a.created)), `item ${i} created`);
    // One body is written as itself, several as a list (as JSON-LD compaction writes them).
    for (const body of [a.body ?? []].flat() as Record<string, unknown>[]) {
      need(body.type === 'TextualBody' && typeof body.value === 'string', `item ${i} body`);
    }
    const t = a.target as { source?: unknown; selector?: Record<string, unknown>[] } | undefined;
    // The source is the page's address, or the page described (its address as `id`, Dublin Core terms beside it).
    const source =
      typeof t?.source === 'object' && t.source !== null
        ? (t.source as { id?: unknown; type?: unknown }).id
        : t?.source;
    need(typeof source === 'string' && /^https?:\/\//.test(source), `item ${i} target source`);
    const quote = t?.selector?.find((s) => s.type === 'TextQuoteSelector');
    const position = t?.selector?.find((s) => s.type === 'TextPositionSelector');
    need(typeof quote?.exact === 'string', `item ${i} TextQuoteSelector.exact`);
    need(
      Number.isInteger(position?.start) &&
        Number.isInteger(position?.end) &&
        (position!.start as number) <= (position!.end as number),
      `item ${i} TextPositionSelector`,
    );
  }
  return errors;
}

describe('backup and restore', () => {
  it('export → import → export gives an identical backup, and importing twice adds nothing', async () => {
    const first = exportAs('backup', source, EXPORTED_AT).text;
    const library = await freshLibrary();
    const parsed = parseBackup(first);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(await library.importRecords(parsed.value)).toMatchObject({ added: 3, merged: 0, skipped: 0 });
    expect(await library.importRecords(parsed.value)).toMatchObject({ added: 0, merged: 0, skipped: 3 });
    const { pages, highlights } = await library.everything();
    expect(highlights).toHaveLength(3);
    expect(toBackup(pages, highlights, await library.settings())).toBe(first);
    library.close();
  });

  it('round-trips any library, byte for byte', async () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 40 });
    const pageArb = fc.record({
      url: fc.webUrl({ withQueryParameters: true }).filter((u) => /^https?:\/\//.test(u) && u.length < 500),
      title: text,
      siteName: text,
      author: text,
      publishedAt: fc.constantFrom('', '2025-01-02T03:04:05Z'),
      createdAt: fc.nat(2 ** 40),
      updatedAt: fc.nat(2 ** 40),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(pageArb, { selector: (p) => p.url, minLength: 1, maxLength: 6 }),
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.constantFrom(...HIGHLIGHT_COLORS),
            text,
            fc.string({ minLength: 1, maxLength: 60, unit: 'grapheme' }),
            fc.nat(5000),
            fc.boolean(),
          ),
          { maxLength: 12 },
        ),
        async (pages, raw) => {
          const highlights: HighlightRecord[] = raw.map(([p, color, note, exact, start, scoped], i) => ({
            id: `id-${i}-${start}`,
            url: pages[p % pages.length]!.url,
            color,
            note,
            target: {
              quote: { type: 'TextQuoteSelector', exact, prefix: note.slice(0, 5), suffix: '' },
              position: { type: 'TextPositionSelector', start, end: start + exact.length },
              ...(scoped
                ? {
                    scope: { type: 'CssSelector' as const, value: ':scope > article:nth-of-type(1)' },
                    documentPosition: { start: start + 3, end: start + 3 + Array.from(exact).length },
                  }
                : {}),
            },
            createdAt: start,
            updatedAt: start + 1,
          }));
          const first = toBackup(pages, highlights, SAMPLE_SETTINGS);
          const library = await freshLibrary();
          const parsed = parseBackup(first);
          if (!parsed.ok) throw new Error(parsed.error);
          await library.importRecords(parsed.value);
          const again = await library.everything();
          const second = toBackup(again.pages, again.highlights, await library.settings());
          library.close();
          expect(second).toBe(first);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('importing bad backups changes nothing and says what is wrong', () => {
  const good = exportAs('backup', source, EXPORTED_AT).text;
  /* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access,
     @typescript-eslint/no-unsafe-return -- a parsed backup, damaged freely */
  type Editable = Record<string, any>;
  const edit = (change: (b: Editable) => void) => {
    const b = JSON.parse(good) as Editable;
    change(b);
    return JSON.stringify(b);
  };
  it.each([
    ['empty', '', 'The file is empty.'],
    [
      'truncated',
      good.slice(0, good.length / 2),
      'The file is not valid JSON, so it may be cut short or edited by hand',
    ],
    ['foreign JSON', '{"hello": "world"}', 'This is not a Clearmark backup'],
    ['a JSON list', '[1,2]', 'This is not a Clearmark backup'],
    ['a newer schema', edit((b) => (b.schemaVersion = 3)), 'This backup was made by a newer Clearmark (schema 3)'],
    ['an older schema', edit((b) => (b.schemaVersion = 1)), 'Schema 1 is older than any Clearmark backup'],
    ['no schema', edit((b) => delete b.schemaVersion), 'The backup has no schema version.'],
    [
      'a bad color',
      edit((b) => (b.highlights[1].color = 'red')),
      'The backup is damaged: highlights[1].color must be one of yellow, green, blue, pink, purple.',
    ],
    [
      'a missing quote',
      edit((b) => delete b.highlights[2].target.quote.exact),
      'The backup is damaged: highlights[2].target.quote.exact must be a string.',
    ],
    [
      'a script URL',
      edit((b) => (b.pages[0].url = 'javascript:alert(1)')),
      'The backup is damaged: pages[0].url must be an http(s) URL or urn:x-pdf:<fingerprint>.',
    ],
    [
      'a negative time',
      edit((b) => (b.highlights[0].createdAt = -5)),
      'The backup is damaged: highlights[0].createdAt must be a whole number ≥ 0.',
    ],
    [
      'a repeated id',
      edit((b) => (b.highlights[2].id = b.highlights[0].id)),
      'The backup is damaged: highlights[2] repeats the id',
    ],
    [
      'bad settings',
      edit((b) => (b.settings.reader.theme = 'neon')),
      'The backup is damaged: settings.reader.theme must be one of auto, light, sepia, dark.',
    ],
    ['highlights not a list', edit((b) => (b.highlights = {})), 'The backup is damaged: highlights must be a list.'],
    /* eslint-enable */
  ])('%s', async (_name, text, message) => {
    const library = await freshLibrary();
    await library.create({
      page: { url: 'https://kept.example/', title: 'Kept', siteName: 'K' },
      color: 'yellow',
      note: 'mine',
      target: {
        quote: { type: 'TextQuoteSelector', exact: 'kept', prefix: '', suffix: '' },
        position: { type: 'TextPositionSelector', start: 0, end: 4 },
      },
    });
    const before = await library.everything();
    const parsed = parseBackup(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
    expect(await library.everything()).toEqual(before);
    library.close();
  });

  it('an oversized file is refused before it is read', () => {
    const parsed = parseBackup(' '.repeat(MAX_BACKUP_CHARS + 1));
    expect(parsed).toEqual({
      ok: false,
      code: 'invalid-file',
      error: expect.stringContaining('The file is too large'),
    });
  });
});

describe('the weekly backup reminder', () => {
  it('is due only when asked for, with something to lose, a week after the last backup', async () => {
    const { backupReminder, reminderText } = await import('@/utils/pages/backup-reminder');
    const day = 24 * 3600e3;
    expect(backupReminder({ backupReminder: false, lastBackupAt: 0 }, 10, 100 * day).due).toBe(false);
    expect(backupReminder({ backupReminder: true, lastBackupAt: 0 }, 0, 100 * day).due).toBe(false);
    const never = backupReminder({ backupReminder: true, lastBackupAt: 0 }, 10, 100 * day);
    expect(never).toEqual({ due: true, daysSince: null });
    expect(reminderText(never, 10)).toBe('You have never backed up your 10 highlights.');
    expect(backupReminder({ backupReminder: true, lastBackupAt: 95 * day }, 10, 100 * day).due).toBe(false);
    const late = backupReminder({ backupReminder: true, lastBackupAt: 91 * day }, 10, 100 * day);
    expect(late).toEqual({ due: true, daysSince: 9 });
    expect(reminderText(late, 1)).toBe('Your last backup was 9 days ago.');
  });

  it('a backup of everything resets it; a backup of one page does not', async () => {
    const { handleBackgroundRequest } = await import('@/utils/background/requests');
    const library = await freshLibrary();
    await handleBackgroundRequest(
      library,
      { type: 'export', format: 'backup', scope: { url: 'https://news.example/a' } },
      { now: () => 5_000 },
    );
    expect((await library.settings()).lastBackupAt).toBe(0);
    await handleBackgroundRequest(library, { type: 'export', format: 'backup', scope: 'all' }, { now: () => 7_000 });
    expect((await library.settings()).lastBackupAt).toBe(7_000);
    library.close();
  });
});

describe('a backup written in pieces', () => {
  it('joins to exactly what JSON.stringify writes, for any number of records (none, one, thousands)', () => {
    const canonicalJson = (pages: PageRecord[], highlights: HighlightRecord[]) => {
      const parsed = JSON.parse(toBackup(pages, highlights, SAMPLE_SETTINGS)) as object;
      return `${JSON.stringify(parsed, null, 2)}\n`;
    };
    for (const n of [0, 1, 999, 1_000, 1_001, 2_500]) {
      const highlights = Array.from({ length: n }, (_, i) => ({
        ...SAMPLE_HIGHLIGHTS[i % SAMPLE_HIGHLIGHTS.length]!,
        id: `id-${String(i).padStart(5, '0')}`,
      }));
      const pages = n ? SAMPLE_PAGES : [];
      const parts = toBackupParts(pages, highlights, SAMPLE_SETTINGS);
      expect(parts.join('')).toBe(canonicalJson(pages, highlights));
      if (n > 1_000) expect(parts.length).toBeGreaterThan(4);
      const back = parseBackup(parts.join(''));
      expect(back.ok && back.value.highlights.length).toBe(n);
    }
  });
});

describe('a backup read in pieces (too long for one string)', () => {
  const full = toBackup(SAMPLE_PAGES, SAMPLE_HIGHLIGHTS, SAMPLE_SETTINGS);
  const reformatted = JSON.stringify(JSON.parse(full));
  const reordered = (() => {
    const b = JSON.parse(full) as Record<string, unknown>;
    return JSON.stringify(
      {
        settings: b.settings,
        highlights: b.highlights,
        schemaVersion: b.schemaVersion,
        pages: b.pages,
        format: b.format,
      },
      null,
      '\t',
    );
  })();

  it('reads the same backup as parseBackup, however the text is cut, indented or ordered', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(full, reformatted, reordered),
        fc.array(fc.nat(), { maxLength: 12 }),
        (text, cuts) => {
          const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const pieces = [0, ...at].map((start, i) => text.slice(start, at[i] ?? text.length));
          expect(pieces.join('')).toBe(text);
          expect(parseBackupPieces(pieces)).toEqual(parseBackup(text));
        },
      ),
      { numRuns: 300, seed: 20_261_204 },
    );
  });

  it('says what is wrong with a damaged or foreign file, as parseBackup does', () => {
    const cut = full.slice(0, Math.floor(full.length / 2));
    expect(parseBackupPieces([cut.slice(0, 100), cut.slice(100)])).toMatchObject({
      ok: false,
      code: 'invalid-file',
      error: expect.stringMatching(/not valid JSON/),
    });
    expect(parseBackupPieces(['{"format": "something-else", "pages": [], "highlights": []}'])).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not a Clearmark backup/),
    });
    const broken = full.replace('"color": "yellow"', '"color": "plaid"');
    expect(parseBackupPieces([broken])).toEqual(parseBackup(broken));
    expect(
      parseBackupPieces(['{"format": "clearmark-backup", "schemaVersion": 2, "pages": [1,], "highlights": []}']),
    ).toMatchObject({ ok: false, code: 'invalid-file' });
  });
});
