/**
 * Extraction and re-anchoring on corpus-driven cases (see corpus-cases.ts): every case folder
 * under tests/fixtures/extraction and tests/fixtures/anchoring must give exactly what it expects.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchoringCase, CASES_DIR, caseSlugs, extractionCase } from './corpus-cases';
import { expectGolden } from './golden';

describe('extraction cases', () => {
  const slugs = caseSlugs('extraction');
  it('exist', () => expect(slugs.length).toBeGreaterThanOrEqual(5));
  it.each(slugs)(
    '%s',
    (slug) => {
      const { text, metadata } = extractionCase(slug);
      expectGolden(join(CASES_DIR, 'extraction', slug, 'expected.txt'), text);
      expectGolden(join(CASES_DIR, 'extraction', slug, 'expected-metadata.json'), metadata);
    },
    60_000,
  );
});

describe('anchoring cases', () => {
  const slugs = caseSlugs('anchoring');
  it('exist', () => expect(slugs.length).toBeGreaterThanOrEqual(2));
  it.each(slugs)(
    '%s',
    (slug) => {
      expectGolden(join(CASES_DIR, 'anchoring', slug, 'expected.json'), anchoringCase(slug).landed);
    },
    60_000,
  );
});
