import { describe, expect, it } from 'vitest';
import { handleBackgroundRequest, storageFailure } from '@/utils/background/requests';
import { unwrap } from 'idb';
import { Library } from '@/utils/background/storage';
import { ImportSteps } from '@/utils/background/import-steps';
import { generatedBackup } from '../sync-library';

const page = { url: 'https://news.example/a', title: 'A', siteName: 'News' };
const target = {
  quote: { type: 'TextQuoteSelector' as const, exact: 'quoted', prefix: '', suffix: '' },
  position: { type: 'TextPositionSelector' as const, start: 0, end: 6 },
};

describe('handleBackgroundRequest', () => {
  it('creates, lists and deletes, with a notice that carries each change and its origin', async () => {
    const library = await Library.open('requests-1');
    const created = await handleBackgroundRequest(library, {
      type: 'highlight:create',
      page,
      color: 'pink',
      note: 'n',
      target,
      origin: 'tab-1',
    });
    expect(created.notice).toEqual({
      type: 'highlights:changed',
      url: page.url,
      upserted: [created.result.ok && created.result.value],
      removed: [],
      origin: 'tab-1',
    });
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

  it('an undone delete tells its page; one whose id was imported onto another page since tells every view', async () => {
    const library = await Library.open('requests-restore');
    const made = await library.create({ page, color: 'pink', note: '', target });
    const gone = await library.delete(made.id);
    const undone = await handleBackgroundRequest(library, {
      type: 'highlight:restore',
      highlight: gone,
      origin: 'tab-1',
    });
    expect(undone.notice).toEqual({
      type: 'highlights:changed',
      url: page.url,
      upserted: [gone],
      removed: [],
      origin: 'tab-1',
    });
    // Deleted again, and its id imported onto another page: that page's views must drop it when the undo takes it back.
    await library.delete(made.id);
    await library.importRecords({
      pages: [],
      highlights: [{ ...gone, url: 'https://news.example/b' }],
      settings: {},
    });
    const back = await handleBackgroundRequest(library, { type: 'highlight:restore', highlight: gone });
    expect(back.notice).toEqual({ type: 'highlights:changed', url: '*', upserted: [], removed: [] });
    library.close();
  });

  it('turns storage failures into words a person can act on', () => {
    expect(storageFailure(new DOMException('full', 'QuotaExceededError'))).toMatchObject({
      ok: false,
      code: 'storage',
      error: expect.stringMatching(/disk is full/),
    });
  });

  it('a full disk that made the browser close the database: the write is refused in words, nothing stored is lost, and the next request works again', async () => {
    const library = await Library.open('requests-full-disk');
    for (let i = 0; i < 3; i++)
      await handleBackgroundRequest(library, {
        type: 'highlight:create',
        page,
        color: 'pink',
        note: `kept ${i}`,
        target,
      });
    // The disk fills: the browser refuses the write, then closes the connection itself.
    const full = library.forSync().connection();
    full.transaction = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    const refused = await handleBackgroundRequest(library, {
      type: 'highlight:create',
      page,
      color: 'blue',
      note: 'written while full',
      target,
    });
    expect(refused.result).toMatchObject({
      ok: false,
      code: 'storage',
      error: expect.stringMatching(/disk is full.*Nothing already saved was lost/),
    });
    unwrap(full).close();
    full.transaction = () => {
      throw new DOMException('The database connection is closing.', 'InvalidStateError');
    };
    // Space is freed: the next requests work, with every record there.
    const again = await handleBackgroundRequest(library, {
      type: 'highlight:create',
      page,
      color: 'blue',
      note: 'written after',
      target,
    });
    expect(again.result.ok).toBe(true);
    const listed = await handleBackgroundRequest(library, { type: 'page:highlights', url: page.url });
    expect(
      listed.result.ok &&
        (listed.result.value as { highlights: { note: string }[] }).highlights.map((h) => h.note).sort(),
    ).toEqual(['kept 0', 'kept 1', 'kept 2', 'written after']);
    library.close();
  });

  it('a connection closed without the browser saying so ("the database connection is closing") is opened again once, for the request that met it', async () => {
    const library = await Library.open('requests-closing');
    await handleBackgroundRequest(library, { type: 'highlight:create', page, color: 'pink', note: 'before', target });
    unwrap(library.forSync().connection()).close();
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

    const md = await handleBackgroundRequest(
      library,
      { type: 'export', format: 'markdown', scope: { url: page.url } },
      { now: () => 0 },
    );
    expect(md.result).toMatchObject({
      ok: true,
      value: { filename: 'clearmark-a-1970-01-01.md', mime: 'text/markdown' },
    });
    const csv = await handleBackgroundRequest(library, { type: 'export', format: 'csv', scope: 'all' });
    expect(csv.result.ok && (csv.result.value as { text: string }).text.trim().split('\r\n')).toHaveLength(3);
    const backup = await handleBackgroundRequest(library, { type: 'export', format: 'backup', scope: 'all' });
    const text = backup.result.ok ? (backup.result.value as { text: string }).text : '';

    const fresh = await Library.open('requests-import');
    const progress: number[] = [];
    const imported = await handleBackgroundRequest(
      fresh,
      { type: 'import', text },
      { progress: (done) => progress.push(done) },
    );
    expect(imported).toEqual({
      result: { ok: true, value: { added: 2, merged: 0, skipped: 0, format: 'clearmark-backup' } },
      notice: { type: 'highlights:changed', url: '*', upserted: [], removed: [] },
    });
    expect(progress.at(-1)).toBe(2);
    expect(await handleBackgroundRequest(fresh, { type: 'import', text })).toEqual({
      result: { ok: true, value: { added: 0, merged: 0, skipped: 2, format: 'clearmark-backup' } },
    });
    const refused = await handleBackgroundRequest(fresh, { type: 'import', text: text.slice(0, 100) });
    expect(refused.result).toMatchObject({
      ok: false,
      code: 'invalid-file',
      error: expect.stringContaining('not valid JSON'),
    });
    expect((await fresh.everything()).highlights).toHaveLength(2);
    library.close();
    fresh.close();
  });

  it('a file of more highlights than one step writes goes in steps (`import:next`), each its own request: all of it written, two same-passage highlights of the file stay two, and a restore cut short finishes when the file is chosen again, nothing doubled', async () => {
    const { text, highlights } = generatedBackup(4, 3);
    const twin = JSON.parse(text) as { highlights: { id: string }[] };
    // A second highlight of the same passage as the file's first, written in a later step.
    twin.highlights.push({ ...twin.highlights[0]!, id: '0000ffff-0000-4000-8000-000000000000' });
    const file = JSON.stringify(twin);
    const library = await Library.open('requests-steps');
    const steps = new ImportSteps(Date.now, 5);
    const progress: [number, number][] = [];
    const context = { steps, progress: (done: number, total: number) => progress.push([done, total]) };
    const first = await handleBackgroundRequest(library, { type: 'import', text: file }, context);
    expect(first.result).toEqual({
      ok: true,
      value: {
        added: 5,
        merged: 0,
        skipped: 0,
        format: 'clearmark-backup',
        done: 5,
        total: highlights + 1,
        next: expect.any(String),
      },
    });
    expect(first.notice).toMatchObject({ url: '*' });
    const job = first.result.ok ? (first.result.value as { next: string }).next : '';
    const second = await handleBackgroundRequest(library, { type: 'import:next', job }, context);
    expect(second.result).toMatchObject({ ok: true, value: { added: 5, done: 10, next: job } });
    const last = await handleBackgroundRequest(library, { type: 'import:next', job }, context);
    expect(last.result).toEqual({
      ok: true,
      value: { added: 3, merged: 0, skipped: 0, format: 'clearmark-backup', done: 13, total: 13 },
    });
    expect(progress.at(-1)).toEqual([13, 13]);
    expect((await library.everything()).highlights).toHaveLength(13);
    // The job is finished: asking again says so in words.
    const gone = await handleBackgroundRequest(library, { type: 'import:next', job }, context);
    expect(gone.result).toMatchObject({
      ok: false,
      code: 'not-found',
      error: expect.stringContaining('nothing is doubled'),
    });

    // Cut short after its first step (the background restarted), then chosen again: finished, nothing doubled.
    const other = await Library.open('requests-steps-cut');
    await handleBackgroundRequest(other, { type: 'import', text: file }, { steps: new ImportSteps(Date.now, 5) });
    expect((await other.everything()).highlights).toHaveLength(5);
    const again = await handleBackgroundRequest(
      other,
      { type: 'import', text: file },
      { steps: new ImportSteps(Date.now, 5) },
    );
    expect(again.result).toMatchObject({ ok: true, value: { added: 0, skipped: 5 } });
    let next = again.result.ok ? (again.result.value as { next?: string }).next : undefined;
    let added = 0;
    const restarted = new ImportSteps(Date.now, 5);
    // The same job, held by a fresh background: the first one's was lost, so it is chosen again.
    expect(
      (await handleBackgroundRequest(other, { type: 'import:next', job: next! }, { steps: restarted })).result.ok,
    ).toBe(false);
    const fresh = await handleBackgroundRequest(other, { type: 'import', text: file }, { steps: restarted });
    next = fresh.result.ok ? (fresh.result.value as { next?: string }).next : undefined;
    while (next) {
      const step = await handleBackgroundRequest(other, { type: 'import:next', job: next }, { steps: restarted });
      if (!step.result.ok) throw new Error(step.result.error);
      const value = step.result.value as { added: number; next?: string };
      added += value.added;
      next = value.next;
    }
    expect(added).toBe(8);
    expect((await other.everything()).highlights).toHaveLength(13);
    library.close();
    other.close();
  });
});
