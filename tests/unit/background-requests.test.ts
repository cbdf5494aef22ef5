import { describe, expect, it } from 'vitest';
import { handleBackgroundRequest, storageFailure } from '@/utils/background/requests';
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
    expect(storageFailure(new DOMException('full', 'QuotaExceededError'))).toMatchObject({ ok: false, code: 'storage', error: expect.stringMatching(/out of storage space/) });
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
