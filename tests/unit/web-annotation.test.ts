// @vitest-environment node
/**
 * Clearmark's W3C Web Annotation export, judged by the W3C's own material
 * (tests/fixtures/web-annotation, from the web-annotation test suite, license beside it): every
 * assertion of the MUST lists for the collection, its page and each annotation holds, run as the
 * suite's harness runs them (draft-04 schemas, `onUnexpectedResult`); expanding and compacting
 * with the `jsonld` package and the published `anno.jsonld` context gives the export back; and
 * any stored id or address gives valid IRIs, never a crash.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { exportAs } from '@/utils/engines/export';
import { asIri, highlightIri } from '@/utils/engines/export/web-annotation';
import type { HighlightRecord, PageRecord } from '@/utils/shared/model';
import {
  EXPORTED_AT,
  SAMPLE_HIGHLIGHTS,
  SAMPLE_PAGES,
  SAMPLE_PDF_HIGHLIGHT,
  SAMPLE_PDF_PAGE,
  SAMPLE_SETTINGS,
} from './export-sample';

const SUITE = resolve(import.meta.dirname, '../fixtures/web-annotation');
const read = (path: string): unknown => JSON.parse(readFileSync(join(SUITE, path), 'utf8'));
const files = (dir: string): string[] =>
  readdirSync(join(SUITE, dir)).flatMap((name) =>
    statSync(join(SUITE, dir, name)).isDirectory()
      ? files(join(dir, name))
      : name.endsWith('.json')
        ? [join(dir, name)]
        : [],
  );

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
for (const path of files('definitions')) ajv.addSchema(read(path) as Record<string, unknown>);

interface Assertion {
  assertionType: 'must' | 'should' | 'may';
  expectedResult: 'valid' | 'invalid';
  onUnexpectedResult: 'failAndContinue' | 'passAndContinue' | 'failAndSkip' | 'passAndSkip';
  errorMessage?: string;
}

/** Runs one `.test` list on a JSON object as the W3C harness does: the failures, by schema. */
function failures(testFile: string, subject: unknown): string[] {
  const failed: string[] = [];
  for (const path of (read(testFile) as { assertions: string[] }).assertions) {
    const schema = read(path) as Assertion & { id: string };
    const validate = ajv.getSchema(schema.id) ?? ajv.compile(schema);
    const result = validate(subject) ? 'valid' : 'invalid';
    if (result !== schema.expectedResult && schema.onUnexpectedResult.startsWith('fail'))
      failed.push(`${relative(SUITE, join(SUITE, path))}: ${schema.errorMessage ?? ''}`);
  }
  return failed;
}

const source = { pages: SAMPLE_PAGES, highlights: SAMPLE_HIGHLIGHTS, settings: SAMPLE_SETTINGS, everything: true };
type Collection = { first: { items: object[] } };
const exported = (input = source) => JSON.parse(exportAs('jsonld', input, EXPORTED_AT).text) as Collection;

function meetsEveryMust(collection: Collection): string[] {
  return [
    ...failures('collections/collectionMusts.test', collection),
    // The page MUSTs take a page, or a collection with its page embedded: both, as served.
    ...failures('collections/pages/pageMusts.test', {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      ...collection.first,
    }),
    ...failures('collections/pages/pageMusts.test', collection),
    ...collection.first.items.flatMap((item) =>
      failures('annotations/annotationMusts.test', { '@context': 'http://www.w3.org/ns/anno.jsonld', ...item }),
    ),
  ];
}

describe('W3C Web Annotation export', () => {
  it('meets every MUST of the W3C tests for the collection, its page and each annotation', () => {
    const collection = exported();
    expect(collection.first.items.length).toBe(SAMPLE_HIGHLIGHTS.length);
    expect(meetsEveryMust(collection)).toEqual([]);
  });

  it('the checks check: a page without an id fails the W3C page MUSTs', () => {
    const collection = exported();
    const withoutId: Record<string, unknown> = { ...collection.first };
    delete withoutId.id;
    expect(
      failures('collections/pages/pageMusts.test', { '@context': 'http://www.w3.org/ns/anno.jsonld', ...withoutId })
        .length,
    ).toBeGreaterThan(0);
  });

  it('round-trips through JSON-LD expansion and compaction with the published context', async () => {
    const context = read('anno.jsonld');
    const documentLoader = async (url: string) => {
      if (url === 'http://www.w3.org/ns/anno.jsonld' || url === 'https://www.w3.org/ns/anno.jsonld')
        return { contextUrl: undefined, documentUrl: url, document: context };
      throw new Error(`No network in tests: ${url}`);
    };
    const collection = exported();
    // The package's types predate its promise API with a document loader and safe mode.
    const expand = jsonld.expand as unknown as (input: object, options: object) => Promise<object[]>;
    const compact = jsonld.compact as unknown as (input: object, context: string, options: object) => Promise<object>;
    const expanded = await expand(collection, { documentLoader, safe: true });
    expect(expanded.length).toBe(1);
    const compacted = await compact(expanded, 'http://www.w3.org/ns/anno.jsonld', { documentLoader });
    expect(compacted).toEqual(collection);
  }, 60_000);

  it('any stored id and address gives valid IRIs, and every MUST still holds', () => {
    const page: PageRecord = { url: 'https://news.example/a', title: 'A', siteName: 'N', createdAt: 1, updatedAt: 1 };
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
        fc.string({ unit: 'binary', maxLength: 30 }),
        (id, path) => {
          const url = `https://news.example/${path}`;
          const highlight: HighlightRecord = { ...SAMPLE_HIGHLIGHTS[0]!, id, url };
          const collection = exported({
            pages: [{ ...page, url }],
            highlights: [highlight],
            settings: SAMPLE_SETTINGS,
            everything: false,
          });
          expect(meetsEveryMust(collection)).toEqual([]);
        },
      ),
      { numRuns: 300, seed: 20_261_201 },
    );
  });

  it('names a PDF by its fingerprint and a highlight’s page by a FragmentSelector (RFC 3778), every MUST holding', () => {
    const { url } = SAMPLE_PDF_PAGE;
    const [page, highlight] = [SAMPLE_PDF_PAGE, SAMPLE_PDF_HIGHLIGHT];
    const collection = exported({
      pages: [page],
      highlights: [highlight],
      settings: SAMPLE_SETTINGS,
      everything: false,
    });
    expect(meetsEveryMust(collection)).toEqual([]);
    const [item] = collection.first.items as { target: { source: { id: string }; selector: object[] } }[];
    expect(item!.target.source.id).toBe(url);
    expect(item!.target.selector).toContainEqual({
      type: 'FragmentSelector',
      conformsTo: 'http://tools.ietf.org/rfc/rfc3778',
      value: 'page=3',
    });
  });

  it('keeps distinct ids distinct, lone surrogates and all', () => {
    expect(highlightIri('\uD800a')).not.toBe(highlightIri('\uDC00a'));
    expect(highlightIri('a b')).toBe('urn:clearmark:highlight:a%20b');
    expect(asIri('https://news.example/a|b^c{d}%zz é')).toBe('https://news.example/a%7Cb%5Ec%7Bd%7D%25zz%20%C3%A9');
  });
});
