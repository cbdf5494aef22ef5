import { describe, expect, it } from 'vitest';
import { handleBackgroundRequest, storageFailure } from '@/utils/background/requests';
import { unwrap } from 'idb';
import { Library } from '@/utils/background/storage';

const page = { url: 'https://news.example/a', title: 'A', siteName: 'News' };
const target = {
  quote: { type: 'TextQuoteSelector' as const, exact: 'quoted', prefix: '', suffix: '' },
  position: { type: 'TextPositionSelector' as const, start: 0, end: 6 },
};

describe('handleBackgroundRequest', () => {
  it('creates, lists and deletes, with a notice that carries each change and its origin', async () => {
    const library = await Library.open('requests-1');
    const created = await handleBackgroundRequest(library, { type: 'highlight:create', page, color: 'pink', note: 'n', target, origin: 'tab-1' });
    expect(created.notice).toEqual({ type: 'highlights:changed', url: page.url, upserted: [created.result.ok && created.result.value], removed: [], origin: 'tab-1' });
    expect(created.result).toMatchObject({ ok: true, value: { color: 'pink', note: 'n', url: page.url } });

    const listed = await handleBackgroundRequest(library, { type: 'page:highlights', url: page.url });
    expect(listed.notice).toBeUndefined();
    expect(listed.result.ok && (listed.result.value as { highlights: unknown[] }).highlights).toHaveLength(1);

    const id = created.result.ok ? (created.result.value as { id: string }).id : '';
    const deleted = await handleBackgroundRequest(library, { type: 'highlight:delete', id });
    expect(deleted.result.ok).toBe(true);
    expect(deleted.notice).toEqual({ type: 'highlights:changed', url: page.url, upserted: [], removed: [id] });
    expect(await handleBackgroundRequest(library, { type: 'highlight:delete', id })).toEqual({
      result: { ok: false, code: 'not-found', error: 'That highlight no longer exists' },
    });
    library.close();
  });

  it('turns storage failures into words a person can act on', () => {
    expect(storageFailure(new DOMException('full', 'QuotaExceededError'))).toMatchObject({ ok: false, code: 'storage', error: expect.stringMatching(/disk is full/) });
  });

  it('a full disk that made the browser close the database: the write is refused in words, nothing stored is lost, and the next request works again', async () => {
    const library = await Library.open('requests-full-disk');
    for (let i = 0; i < 3; i++) await handleBackgroundRequest(library, { type: 'highlight:create', page, color: 'pink', note: `kept ${i}`, target });
    // The disk fills: the browser refuses the write, then closes the connection itself.
    const full = library.database;
    full.transaction = (() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }) as typeof full.transaction;
    const refused = await handleBackgroundRequest(library, { type: 'highlight:create', page, color: 'blue', note: 'written while full', target });
    expect(refused.result).toMatchObject({ ok: false, code: 'storage', error: expect.stringMatching(/disk is full.*Nothing already saved was lost/) });
    unwrap(full).close();
    full.transaction = (() => {
      throw new DOMException('The database connection is closing.', 'InvalidStateError');
    }) as typeof full.transaction;
    // Space is freed: the next requests work, with every record there.
    const again = await handleBackgroundRequest(library, { type: 'highlight:create', page, color: 'blue', note: 'written after', target });
    expect(again.result.ok).toBe(true);
    const listed = await handleBackgroundRequest(library, { type: 'page:highlights', url: page.url });
    expect(listed.result.ok && (listed.result.value as { highlights: { note: string }[] }).highlights.map((h) => h.note).sort()).toEqual(['kept 0', 'kept 1', 'kept 2', 'written after']);
    library.close();
  });

  it('a connection closed without the browser saying so ("the database connection is closing") is opened again once, for the request that met it', async () => {
    const library = await Library.open('requests-closing');
    await handleBackgroundRequest(library, { type: 'highlight:create', page, color: 'pink', note: 'before', target });
    unwrap(library.database).close();
    const listed = await handleBackgroundRequest(library, { type: 'page:highlights', url: page.url });
    expect(listed.result.ok && (listed.result.value as { highlights: unknown[] }).highlights).toHaveLength(1);
    library.close();
  });
});

describe('export and import messages', () => {
  it('exports a page or everything, and imports a backup once, telling every view', async () => {
    const library = await Library.open('requests-export');
    await handleBackgroundRequest(library, { type: 'highlight:create', page, color: 'pink', note: 'n', target });
    const other = { ...page, url: 'https://news.example/b', title: 'B' };
    await handleBackgroundRequest(library, { type: 'highlight:create', page: other, color: 'blue', note: '', target });

    const md = await handleBackgroundRequest(library, { type: 'export', format: 'markdown', scope: { url: page.url } }, { now: () => 0 });
    expect(md.result).toMatchObject({ ok: true, value: { filename: 'clearmark-a-1970-01-01.md', mime: 'text/markdown' } });
    const csv = await handleBackgroundRequest(library, { type: 'export', format: 'csv', scope: 'all' });
    expect(csv.result.ok && (csv.result.value as { text: string }).text.trim().split('\r\n')).toHaveLength(3);
    const backup = await handleBackgroundRequest(library, { type: 'export', format: 'backup', scope: 'all' });
    const text = backup.result.ok ? (backup.result.value as { text: string }).text : '';

    const fresh = await Library.open('requests-import');
    const progress: number[] = [];
    const imported = await handleBackgroundRequest(fresh, { type: 'import', text }, { progress: (done) => progress.push(done) });
    expect(imported).toEqual({ result: { ok: true, value: { added: 2, merged: 0, skipped: 0, format: 'clearmark-backup' } }, notice: { type: 'highlights:changed', url: '*', upserted: [], removed: [] } });
    expect(progress.at(-1)).toBe(2);
    expect(await handleBackgroundRequest(fresh, { type: 'import', text })).toEqual({ result: { ok: true, value: { added: 0, merged: 0, skipped: 2, format: 'clearmark-backup' } } });
    const refused = await handleBackgroundRequest(fresh, { type: 'import', text: text.slice(0, 100) });
    expect(refused.result).toMatchObject({ ok: false, code: 'invalid-file', error: expect.stringContaining('not valid JSON') });
    expect((await fresh.everything()).highlights).toHaveLength(2);
    library.close();
    fresh.close();
  });
});
