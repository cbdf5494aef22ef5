import { describe, expect, it } from 'vitest';
import { handleBackgroundRequest, storageErrorMessage } from '@/utils/background-requests';
import { Library } from '@/utils/storage';

const page = { url: 'https://news.example/a', title: 'A', siteName: 'News' };
const target = {
  quote: { type: 'TextQuoteSelector' as const, exact: 'quoted', prefix: '', suffix: '' },
  position: { type: 'TextPositionSelector' as const, start: 0, end: 6 },
};

describe('handleBackgroundRequest', () => {
  it('creates, lists and deletes, naming the page that changed', async () => {
    const library = await Library.open('requests-1');
    const created = await handleBackgroundRequest(library, { type: 'highlight:create', page, color: 'pink', note: 'n', target });
    expect(created.changedUrl).toBe(page.url);
    expect(created.result).toMatchObject({ ok: true, value: { color: 'pink', note: 'n', url: page.url } });

    const listed = await handleBackgroundRequest(library, { type: 'page:highlights', url: page.url });
    expect(listed.changedUrl).toBeUndefined();
    expect(listed.result.ok && (listed.result.value as { highlights: unknown[] }).highlights).toHaveLength(1);

    const id = created.result.ok ? (created.result.value as { id: string }).id : '';
    expect((await handleBackgroundRequest(library, { type: 'highlight:delete', id })).result.ok).toBe(true);
    expect(await handleBackgroundRequest(library, { type: 'highlight:delete', id })).toEqual({
      result: { ok: false, error: 'That highlight no longer exists' },
    });
    library.close();
  });

  it('turns storage failures into words a person can act on', () => {
    expect(storageErrorMessage(new DOMException('full', 'QuotaExceededError'))).toMatch(/out of storage space/);
  });
});
