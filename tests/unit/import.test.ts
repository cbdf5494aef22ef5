/**
 * Importing other tools' notes: each format's fixture (written from the format's definition)
 * read into records as its golden file says; unknown, broken and hostile files refused with a
 * message naming what was expected, before anything is written; the same-passage rule merging
 * imports and restores; and Clearmark's own W3C export surviving export → import → export.
 */
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handleBackgroundRequest } from '@/utils/background/requests';
import { Library } from '@/utils/background/storage';
import { exportAs } from '@/utils/engines/export';
import { mergeHighlight, samePassage } from '@/utils/engines/highlight-merge';
import { importInputOf, readImport } from '@/utils/engines/import';
import { cssOfXPath } from '@/utils/engines/import/obsidian-clipper';
import { omnivoreHighlights } from '@/utils/engines/import/omnivore';
import { stableId } from '@/utils/engines/import/import-batch';
import { normalizeUrl } from '@/utils/engines/page-url';
import { MAX_ZIP_ENTRIES } from '@/utils/engines/import/zip-entries';
import { HIGHLIGHT_COLORS, type HighlightRecord, type PageRecord } from '@/utils/shared/model';
import { IMPORT_FIXTURE_NAMES, importFixture, omnivoreZip } from '../fixtures/import/files';
import { EXPORTED_AT, SAMPLE_HIGHLIGHTS, SAMPLE_PAGES, SAMPLE_SETTINGS } from './export-sample';
import { expectGolden } from './golden';

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const FIXTURES = resolve(import.meta.dirname, '../fixtures/import');
let dbCount = 0;
const freshLibrary = () => Library.open(`clearmark-import-${++dbCount}`, () => NOW);

function read(name: string) {
  const input = importInputOf(importFixture(name).request);
  if (!input.ok) throw new Error(input.error);
  return readImport(input.value, NOW);
}

describe('each format, read from its fixture (golden files)', () => {
  it.each(IMPORT_FIXTURE_NAMES)('%s', (name) => {
    const batch = read(name);
    expect(batch.ok, batch.ok ? '' : batch.error).toBe(true);
    expectGolden(
      resolve(FIXTURES, `${name.replace(/\.(json|jsonld|csv|html|txt)$/, '')}.expected.json`),
      `${JSON.stringify(batch, null, 2)}\n`,
    );
  });

  it('detects the format from the content, whatever the file is called', () => {
    const request = importFixture('hypothesis/export.json').request as { text: string };
    const renamed = readImport({ text: request.text, fileName: 'notes.csv' }, NOW);
    expect(renamed.ok && renamed.value.format).toBe('hypothesis');
    expect(read('omnivore').ok && (read('omnivore') as { value: { format: string } }).value.format).toBe('omnivore');
  });

  it('maps what each format holds: notes, tags, colors, times, titles, authors, normalized addresses', () => {
    const hypothesis = read('hypothesis/export.json');
    if (!hypothesis.ok) throw new Error(hypothesis.error);
    const [first] = hypothesis.value.highlights;
    expect(first).toMatchObject({
      url: 'https://notes.example/rich-article/',
      color: 'yellow',
      note: 'Nine hours — the longest crossing on record.',
      tags: ['ferries', 'history'],
      createdAt: Date.parse('2026-11-02T08:15:00Z'),
      updatedAt: Date.parse('2026-11-03T10:00:00Z'),
      target: {
        quote: { exact: 'the storms of 1987, when the crossing took nine hours', prefix: 'Passengers remembered ' },
        position: { start: 343, end: 400 },
      },
    });
    expect(hypothesis.value.pages[0]).toMatchObject({
      title: "The night ferry's last crossing | Coastal Review",
      siteName: 'notes.example',
    });
    expect(hypothesis.value.skipped.map((s) => s.reason)).toEqual([
      'it is a reply to another annotation, not a highlight',
      'it is a page note: it has no highlighted text',
    ]);
    // An annotation on a PDF comes in under the PDF's fingerprint, as the viewer keeps its highlights.
    expect(hypothesis.value.highlights.find((h) => h.url.startsWith('urn:x-pdf:'))).toMatchObject({
      url: 'urn:x-pdf:6d0c6b1f2d8c4d7e9a1b',
      target: { quote: { exact: 'a passage in a PDF' } },
    });

    const readwise = read('readwise/import.csv');
    if (!readwise.ok) throw new Error(readwise.error);
    expect(readwise.value.highlights[0]).toMatchObject({
      color: 'blue',
      tags: ['music'],
      note: 'A brass band on a ferry!',
      createdAt: Date.parse('2026-09-14T18:30:00Z'),
    });
    expect(readwise.value.highlights[0]!.target.position).toEqual({ type: 'TextPositionSelector', start: 0, end: 0 });
    expect(readwise.value.pages[0]).toMatchObject({ author: 'Ines Moreau', title: "The night ferry's last crossing" });
    expect(readwise.value.skipped).toEqual([
      { where: 'line 5', reason: 'the row has no page address (Readwise books and PDFs have none)' },
      { where: 'line 6', reason: 'it has no highlighted text' },
    ]);

    const omnivore = read('omnivore');
    if (!omnivore.ok) throw new Error(omnivore.error);
    const byQuote = new Map(omnivore.value.highlights.map((h) => [h.target.quote.exact.slice(0, 20), h]));
    expect(byQuote.get('Passengers remembere')).toMatchObject({
      tags: ['weather', 'sea', 'Travel', 'Long read'],
      note: 'The captain never turned back.',
      url: 'https://notes.example/rich-article/',
    });
    expect(byQuote.get('Alibaba’s U.S.-liste')!.target.quote.exact).toBe(
      'Alibaba’s U.S.-listed shares have quietly risen nearly 60% this year, adding more than $100 billion to the company’s valuation.\n\n“China tech has awoken being led by Alibaba',
    );
    expect(omnivore.value.pages.find((p) => p.url.includes('rich-article'))).toMatchObject({
      author: 'Ines Moreau',
      publishedAt: '2026-06-30T00:00:00.000Z',
    });
    expect(omnivore.value.skipped.map((s) => s.where)).toEqual([
      'highlights/alibaba-100-billion-stock-rally-18c2f0a1d4f.md',
      'highlights/orphaned-slug.md',
    ]);

    const clipper = read('obsidian-clipper/stored-highlights.json');
    if (!clipper.ok) throw new Error(clipper.error);
    expect(clipper.value.highlights[0]!.target).toMatchObject({
      scope: { value: ':scope > article:nth-of-type(1) > p:nth-of-type(2)' },
      position: { start: 16, end: 58 },
    });
    expect(clipper.value.highlights[1]).toMatchObject({
      note: 'Keep this timetable.',
      target: { quote: { exact: 'The last timetable read:\nDepart 23:00\nArrive 05:30\nNo service thereafter.' } },
    });

    const w3c = read('web-annotation/collection.jsonld');
    if (!w3c.ok) throw new Error(w3c.error);
    expect(w3c.value.highlights[0]).toMatchObject({
      id: '5d1c7a0e-3b4f-4c2a-9e1d-7f6a5b4c3d2e',
      color: 'pink',
      tags: ['markets'],
      target: { documentPosition: { start: 1200, end: 1256 } },
    });
    expect(w3c.value.pages[0]).toMatchObject({ title: 'Alibaba $100 billion stock rally', author: 'Arjun Kharpal' });
    expect(w3c.value.skipped.map((s) => s.reason)).toEqual([
      'it annotates a whole resource, not a passage of text',
      'it annotates a whole resource, not a passage of text',
    ]);
    const single = read('web-annotation/annotation.json');
    expect(single.ok && single.value.highlights[0]!.note).toBe('The last crossing.');
  });

  it('Web Annotations whose ids or formats are objects: no address or id is made of "[object Object]"', () => {
    const annotation = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'Annotation',
      id: { nested: 'urn:uuid:5d1c7a0e-3b4f-4c2a-9e1d-7f6a5b4c3d2e' },
      body: { type: 'TextualBody', value: 'A note', format: { html: true } },
      target: {
        source: { id: { href: 'https://news.example/story' } },
        selector: { type: 'TextQuoteSelector', exact: 'The quay reopened' },
      },
    };
    // Nothing here can be imported: said so, without words made of an object.
    const read = readImport({ text: JSON.stringify(annotation) }, 1_000);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.error).toMatch(/holds no highlight Clearmark can import/);
    expect(!read.ok && read.error).not.toContain('[object Object]');
  });

  it('Omnivore Markdown: quotes with paragraphs, labels, notes; a note before any quote is the page’s', () => {
    expect(
      omnivoreHighlights('Page note.\n\n> First para\n> \nsecond para \n\n#a #b\n\nMy note\n\n> Another '),
    ).toEqual({
      highlights: [
        { quote: 'First para\n\nsecond para', labels: ['a', 'b'], note: 'My note' },
        { quote: 'Another', labels: [], note: '' },
      ],
      pageNotes: 1,
    });
  });

  it('xpaths become scopes; anything else is no scope', () => {
    expect(cssOfXPath('/html/body/div[2]/p[3]')).toBe(':scope > div:nth-of-type(2) > p:nth-of-type(3)');
    expect(cssOfXPath('//*[@id="main"]/p[1]')).toBe('[id="main"] > p:nth-of-type(1)');
    expect(cssOfXPath('//p[contains(., "x")]')).toBeNull();
  });

  it('stable ids: the same source id always gives the same UUID, different ones differ', () => {
    expect(stableId('hypothesis', 'abc')).toBe(stableId('hypothesis', 'abc'));
    expect(stableId('hypothesis', 'abc')).not.toBe(stableId('hypothesis', 'abd'));
    expect(stableId('hypothesis', 'abc')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('unknown, broken and hostile files are refused before anything is written', () => {
  const refused = (text: string) => {
    const r = readImport({ text, fileName: 'x' }, NOW);
    return r.ok ? 'accepted' : r.error;
  };
  it.each([
    [
      'plain text',
      'hello there',
      /could not tell what “x” holds\. Clearmark imports a Clearmark backup \(\.json\), a Hypothesis export/,
    ],
    ['foreign JSON', '{"hello":"world"}', /is JSON, but not notes Clearmark knows\. Clearmark imports/],
    ['truncated JSON', '{"annotations": [', /is not valid JSON/],
    [
      'a CSV cut inside a quote',
      'Highlight,URL\r\n"open quote,https://a.example/\r\n',
      /the quoted cell that starts on line 2 never ends/,
    ],
    [
      'a Readwise export without addresses',
      (importFixture('readwise/export.csv').request as { text: string }).text,
      /^This is a Readwise export, but it holds no highlight Clearmark can import\. It has no URL column, and Readwise books and PDFs have no page address to show their highlights on\.$/,
    ],
    ['an empty file', '   ', /is empty/],
  ])('%s', (_name, text, message) => {
    expect(refused(text)).toMatch(message);
  });

  it('a file of a known tool with nothing to import is named in a sentence ("an Omnivore export")', () => {
    // An item without highlights comes in to read later; one without a web address, not at all.
    const bytes = zipSync({
      'metadata_0_to_1.json': strToU8(JSON.stringify([{ slug: 's', url: 'file:///x', title: 'X' }])),
    });
    const r = readImport({ bytes, fileName: 'omnivore.zip' }, NOW);
    expect(!r.ok && r.error).toBe(
      "This is an Omnivore export, but it holds no highlight Clearmark can import. Metadata_0_to_1.json, item 1: its address (file:///x) is not a web page's.",
    );
  });

  it('a zip that is not an Omnivore export, and bytes that are neither text nor a zip', () => {
    const other = readImport({ bytes: zipSync({ 'readme.txt': strToU8('hi') }), fileName: 'x.zip' }, NOW);
    expect(!other.ok && other.error).toMatch(/not an Omnivore export: it has no metadata_\*\.json/);
    const binary = readImport({ bytes: new Uint8Array([0, 1, 2, 3, 0, 0]), fileName: 'x.bin' }, NOW);
    expect(!binary.ok && binary.error).toMatch(/not a text file or a zip/);
  });

  it('a zip bomb is refused from its directory, without inflating anything', () => {
    // A real Omnivore zip whose directory says each entry unpacks to almost 4 GB.
    const bomb = omnivoreZip();
    const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
    for (let at = 0; at + 46 <= bomb.length; at++)
      if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, 0xfffffff0, true);
    const r = readImport({ bytes: bomb, fileName: 'bomb.zip' }, NOW);
    expect(!r.ok && r.error).toMatch(/would unpack to more than 512 MB \(it may be a zip bomb\), so it was not opened/);
  });

  it('a zip with too many entries is refused', () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i <= MAX_ZIP_ENTRIES; i++) files[`f${i}`] = new Uint8Array(0);
    const r = readImport({ bytes: zipSync(files, { level: 0 }), fileName: 'many.zip' }, NOW);
    expect(!r.ok && r.error).toMatch(/holds more than 20,000 files/);
  });

  it('an entry that lies about its size cannot grow past what it declared', () => {
    const zip = zipSync(
      { 'metadata_0_to_1.json': strToU8(`[${'{"slug":"a"},'.repeat(20_000)}{"slug":"b"}]`) },
      { level: 9 },
    );
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    for (let at = 0; at + 46 <= zip.length; at++)
      if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, 100, true);
    const r = readImport({ bytes: zip, fileName: 'liar.zip' }, NOW);
    expect(!r.ok && r.error).toMatch(/metadata_0_to_1\.json in the zip is not valid JSON/);
  });

  it('a refused file changes nothing in the library', async () => {
    const library = await freshLibrary();
    await handleBackgroundRequest(library, { type: 'import', ...importFixture('readwise/import.csv').request });
    const before = await library.everything();
    const answer = await handleBackgroundRequest(library, {
      type: 'import',
      text: 'Highlight,URL\r\n"open',
      fileName: 'bad.csv',
    });
    expect(answer.result).toMatchObject({ ok: false, code: 'invalid-file' });
    expect(await library.everything()).toEqual(before);
    library.close();
  });
});

describe('merging instead of doubling', () => {
  const base: HighlightRecord = {
    id: 'a',
    url: 'https://notes.example/p',
    color: 'green',
    note: 'mine',
    tags: ['one'],
    target: {
      quote: {
        type: 'TextQuoteSelector',
        exact: 'the quay was full',
        prefix: 'final evening ',
        suffix: '. Passengers',
      },
      position: { type: 'TextPositionSelector', start: 100, end: 117 },
      documentPosition: { start: 100, end: 117 },
    },
    createdAt: 10,
    updatedAt: 20,
  };
  // `documentPosition: undefined` in a change takes the field away.
  const other = (
    change: Omit<Partial<HighlightRecord>, 'target'> & {
      target?: { [K in keyof HighlightRecord['target']]?: HighlightRecord['target'][K] | undefined };
    },
  ): HighlightRecord => {
    const target = Object.fromEntries(
      Object.entries({ ...base.target, ...change.target }).filter(([, value]) => value !== undefined),
    );
    return { ...base, id: 'b', ...change, target: target as unknown as HighlightRecord['target'] };
  };

  it('same page, same quote, overlapping place: one passage; elsewhere or another quote: two', () => {
    expect(samePassage(base, other({ target: { documentPosition: { start: 105, end: 120 } } }))).toBe(true);
    expect(samePassage(base, other({ target: { documentPosition: { start: 400, end: 417 } } }))).toBe(false);
    expect(samePassage(base, other({ url: 'https://notes.example/q' }))).toBe(false);
    expect(samePassage(base, other({ target: { quote: { ...base.target.quote, exact: 'the quay was empty' } } }))).toBe(
      false,
    );
    // A quote from another tool, without a place: the same passage.
    expect(
      samePassage(
        base,
        other({
          target: {
            position: { type: 'TextPositionSelector', start: 0, end: 0 },
            documentPosition: undefined,
            quote: { ...base.target.quote, exact: 'the quay\nwas full', prefix: '', suffix: '' },
          },
        }),
      ),
    ).toBe(true);
    // Offsets counted another way (no code points): the context decides.
    const hypothesisLike = other({
      target: { documentPosition: undefined, position: { type: 'TextPositionSelector', start: 130, end: 147 } },
    });
    expect(samePassage(base, hypothesisLike)).toBe(true);
    expect(
      samePassage(
        base,
        other({
          target: {
            documentPosition: undefined,
            quote: { ...base.target.quote, prefix: 'another place ', suffix: ' and more' },
          },
        }),
      ),
    ).toBe(false);
  });

  it('both notes kept, tags united, the stored color stays; merging again changes nothing', () => {
    const merged = mergeHighlight(
      base,
      other({ note: 'theirs', tags: ['two', 'one'], color: 'pink', createdAt: 5, updatedAt: 30 }),
    )!;
    expect(merged).toMatchObject({
      id: 'a',
      note: 'mine\n\ntheirs',
      tags: ['one', 'two'],
      color: 'green',
      createdAt: 5,
      updatedAt: 30,
    });
    expect(mergeHighlight(merged, other({ note: 'theirs', tags: ['two'] }))).toBeNull();
  });

  it('importing a file twice adds nothing; the same passage from another tool merges; the answer says what happened', async () => {
    const library = await freshLibrary();
    const csv = importFixture('readwise/import.csv').request;
    const first = await handleBackgroundRequest(library, { type: 'import', ...csv });
    expect(first.result).toEqual({ ok: true, value: { added: 3, merged: 0, skipped: 2, format: 'readwise-csv' } });
    const again = await handleBackgroundRequest(library, { type: 'import', ...csv });
    expect(again.result).toEqual({ ok: true, value: { added: 0, merged: 0, skipped: 5, format: 'readwise-csv' } });
    // Omnivore holds the operator passage too, with the rich article's labels: one highlight, both tags.
    const preview = await handleBackgroundRequest(library, {
      type: 'import:preview',
      ...importFixture('omnivore').request,
    });
    expect(preview.result).toMatchObject({
      ok: true,
      value: { format: 'omnivore', source: 'Omnivore', highlights: 4, pages: 2, added: 3, merged: 1, alreadyHere: 0 },
    });
    expect((await library.everything()).highlights).toHaveLength(3);
    const omnivore = await handleBackgroundRequest(library, { type: 'import', ...importFixture('omnivore').request });
    expect(omnivore.result).toMatchObject({ ok: true, value: { added: 3, merged: 1 } });
    const operator = (await library.everything()).highlights.filter((h) =>
      h.target.quote.exact.startsWith('The operator said'),
    );
    expect(operator).toHaveLength(1);
    expect(operator[0]!.tags).toEqual(['Travel', 'Long read']);
    library.close();
  });

  it('restoring a backup merges the same passage highlighted in another browser', async () => {
    const library = await freshLibrary();
    const page = SAMPLE_PAGES[0]!;
    const mine = SAMPLE_HIGHLIGHTS.find((h) => h.url === page.url)!;
    await library.importRecords({ pages: [page], highlights: [{ ...mine, note: 'from this browser' }], settings: {} });
    const elsewhere = {
      ...mine,
      id: '0d6f0f5e-0000-4000-8000-000000000001',
      note: 'from the other browser',
      tags: ['elsewhere'],
    };
    const backup = exportAs(
      'backup',
      { pages: [page], highlights: [elsewhere], settings: SAMPLE_SETTINGS, everything: true },
      EXPORTED_AT,
    ).text;
    const answer = await handleBackgroundRequest(library, { type: 'import', text: backup });
    expect(answer.result).toEqual({ ok: true, value: { added: 0, merged: 1, skipped: 0, format: 'clearmark-backup' } });
    const [only, ...rest] = (await library.everything()).highlights.filter(
      (h) => h.url === page.url && h.target.quote.exact === mine.target.quote.exact,
    );
    expect(rest).toEqual([]);
    expect(only).toMatchObject({
      note: 'from this browser\n\nfrom the other browser',
      tags: [...(mine.tags ?? []), 'elsewhere'],
    });
    library.close();
  });
});

describe('W3C Web Annotations: Clearmark’s own export comes back whole, PDFs and their pages too', () => {
  const text = fc.string({ unit: 'grapheme', maxLength: 30 });
  const pageArb = fc.record({
    // Stored addresses are normalized (page-url.ts), as every address Clearmark keeps is.
    // A PDF is kept under its fingerprint.
    url: fc.oneof(
      fc
        .webUrl({ withQueryParameters: true, withFragments: false })
        .map((u) => normalizeUrl(u) ?? '')
        .filter((u) => u !== '' && u.length < 300),
      fc.stringMatching(/^[0-9a-f]{32}$/).map((fingerprint) => `urn:x-pdf:${fingerprint}`),
    ),
    title: text,
    siteName: text.filter((s) => s.trim() !== ''),
    author: text,
    publishedAt: fc.constantFrom('', '2025-01-02T03:04:05Z'),
    createdAt: fc.integer({ min: 1, max: 2 ** 40 }),
    updatedAt: fc.integer({ min: 1, max: 2 ** 40 }),
  });
  const library = fc
    .tuple(
      fc.uniqueArray(pageArb, { selector: (p) => p.url, minLength: 1, maxLength: 4 }),
      fc.array(
        fc.tuple(
          fc.nat(),
          fc.constantFrom(...HIGHLIGHT_COLORS),
          text,
          fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }).filter((s) => s.trim() !== ''),
          fc.nat(5000),
          fc.boolean(),
          fc.uniqueArray(fc.constantFrom('ferries', 'to read', 'Ideas', 'x'), { maxLength: 3 }),
        ),
        { minLength: 1, maxLength: 10 },
      ),
      fc.uuid({ version: 4 }),
    )
    .map(([pages, raw]) => {
      const highlights: HighlightRecord[] = raw.map(([p, color, note, exact, start, scoped, tags], i) => ({
        id: `${i.toString(16).padStart(8, '0')}-0000-4000-8000-${start.toString(16).padStart(12, '0')}`,
        url: pages[p % pages.length]!.url,
        color,
        note: note.trim(),
        ...(tags.length ? { tags } : {}),
        target: {
          quote: { type: 'TextQuoteSelector', exact, prefix: note.slice(0, 4), suffix: '' },
          position: { type: 'TextPositionSelector', start, end: start + Array.from(exact).length },
          documentPosition: { start, end: start + Array.from(exact).length },
          ...(scoped ? { scope: { type: 'CssSelector' as const, value: ':scope > article:nth-of-type(1)' } } : {}),
          ...(pages[p % pages.length]!.url.startsWith('urn:x-pdf:') ? { page: 1 + (start % 300) } : {}),
        },
        createdAt: 1_000 + start,
        updatedAt: 2_000 + start,
      }));
      return { pages: pages, highlights };
    });

  it('export → import into another profile → export is identical, and nothing is lost', async () => {
    await fc.assert(
      fc.asyncProperty(library, async ({ pages, highlights }) => {
        const used = pages.filter((p) => highlights.some((h) => h.url === p.url));
        const first = exportAs(
          'jsonld',
          { pages: used, highlights, settings: SAMPLE_SETTINGS, everything: true },
          EXPORTED_AT,
        ).text;
        const other = await freshLibrary();
        const answer = await handleBackgroundRequest(other, {
          type: 'import',
          text: first,
          fileName: 'highlights.jsonld',
        });
        expect(answer.result).toMatchObject({
          ok: true,
          value: { added: highlights.length, merged: 0, format: 'web-annotation' },
        });
        const back = await other.everything();
        const second = exportAs('jsonld', { ...back, settings: SAMPLE_SETTINGS, everything: true }, EXPORTED_AT).text;
        expect(second).toBe(first);
        // Every field a person wrote or the page said, on every highlight and page.
        const essence = (h: HighlightRecord) => [
          h.id,
          h.url,
          h.color,
          h.note,
          h.tags ?? [],
          h.target.quote,
          h.target.documentPosition,
          h.target.scope?.value,
          h.target.page,
          h.createdAt,
          h.updatedAt,
        ];
        expect(back.highlights.map(essence).sort()).toEqual(highlights.map(essence).sort());
        const about = (p: PageRecord) => [p.url, p.title, p.siteName, p.author ?? '', p.publishedAt ?? ''];
        expect(back.pages.map(about).sort()).toEqual(used.map(about).sort());
        // And importing it again adds nothing.
        const again = await handleBackgroundRequest(other, { type: 'import', text: first });
        expect(again.result).toMatchObject({ ok: true, value: { added: 0, merged: 0 } });
        other.close();
      }),
      { numRuns: 30 },
    );
  });
});
