import type * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { checked, count, describeFailure, httpUrl, listOf, nonEmptyText, shape, text } from '@/utils/shared/checks';
import { highlightRecordSchema, savedArticleSchema, settingsPatchSchema } from '@/utils/shared/records';
import { parseBackgroundMessage } from '@/utils/shared/protocol';
import { checkSyncValue } from '@/utils/engines/sync/sync-values';

const record = {
  id: 'b0000000-0000-4000-8000-000000000001',
  url: 'https://news.example/a',
  color: 'green',
  note: '',
  target: {
    quote: { type: 'TextQuoteSelector', exact: 'quoted', prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start: 0, end: 6 },
  },
  createdAt: 1,
  updatedAt: 2,
};

describe('checks in words', () => {
  it('names the field the way a file names it, lists with [i], objects with dots', () => {
    const schema = shape({ pages: listOf(shape({ url: httpUrl, at: count }), 10) });
    expect(
      describeFailure(schema, {
        pages: [
          { url: 'https://a.example/', at: 1 },
          { url: 'ftp://x', at: 1 },
        ],
      }),
    ).toBe('pages[1].url must be an http(s) URL');
    expect(describeFailure(schema, { pages: [{ url: 'https://a.example/', at: -1 }] })).toBe(
      'pages[0].at must be a whole number ≥ 0',
    );
    expect(describeFailure(schema, { pages: 'none' })).toBe('pages must be a list');
    expect(describeFailure(schema, 5)).toBe('must be an object');
    expect(describeFailure(listOf(text(3), 1), ['a', 'b'])).toBe('has more than 1 items');
    expect(describeFailure(listOf(text(3), 2), ['a', 'long'])).toBe('[1] is longer than 3 characters');
  });

  it('reports a missing field as its own check reports nothing, not as a missing key', () => {
    expect(describeFailure(shape({ id: nonEmptyText(10) }), {})).toBe('id must be a string');
    expect(describeFailure(highlightRecordSchema, { ...record, note: undefined })).toBe('note must be a string');
    const quote = { type: 'TextQuoteSelector', prefix: '', suffix: '' };
    expect(describeFailure(highlightRecordSchema, { ...record, target: { ...record.target, quote } })).toBe(
      'target.quote.exact must be a string',
    );
    // Inside a variant, the option the value chose.
    expect(checkSyncValue({ kind: 'tombstone', url: 'https://a.example/', deletedAt: 5 })).toBe('id must be a string');
    expect(checkSyncValue({ kind: 'article', article: { url: 'https://a.example/' } })).toBe(
      'article.title must be a string',
    );
    expect(checkSyncValue({ kind: 'elsewhere' })).toBe('kind is of no kind Clearmark knows');
    expect(checkSyncValue([])).toBe('is not an object');
  });

  it('checks across fields: a saved copy has text unless it is a reading-list entry not fetched yet', () => {
    const article = {
      url: 'https://a.example/',
      title: 'A',
      byline: '',
      published: '',
      site: '',
      lang: 'en',
      dir: '',
      html: '',
      text: ' ',
      words: 0,
      readingMinutes: 0,
      leadImage: '',
      savedAt: 1,
      updatedAt: 1,
      state: 'unread',
      progress: 0,
    };
    expect(describeFailure(savedArticleSchema, article)).toBe('text must not be empty');
    expect(describeFailure(savedArticleSchema, { ...article, pending: true })).toBeNull();
  });

  it('reads only the fields a schema names: anything else is dropped', () => {
    const result = checked(highlightRecordSchema, { ...record, extra: '<script>' });
    expect(result).toEqual({ ok: true, value: record });
    const message = parseBackgroundMessage({ type: 'highlight:delete', id: 'x', sneaky: true }, 'content');
    expect(message).toEqual({ ok: true, value: { type: 'highlight:delete', id: 'x' } });
    expect(checked(settingsPatchSchema, { reader: { theme: 'dark', colour: 'red' } })).toEqual({
      ok: true,
      value: { reader: { theme: 'dark' } },
    });
  });

  it('infers types from the schemas (one declaration): a record the schema passes is the record type', () => {
    const passed = checked(highlightRecordSchema, record);
    if (!passed.ok) throw new Error(passed.error);
    const typed: v.InferOutput<typeof highlightRecordSchema> = passed.value;
    expect(typed.color).toBe('green');
  });
});
