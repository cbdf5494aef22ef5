import { describe, expect, it, vi } from 'vitest';
import { HighlightPainter } from '@/utils/engines/highlight-painter';
import type { HighlightRecord } from '@/utils/shared/model';
import { PageHighlights, type SaveState } from '@/utils/content/page-highlights';
import type { Ask, BackgroundApi } from '@/utils/shared/protocol';

type Send = Ask<BackgroundApi>;
import { UNSLICED } from '@/utils/engines/anchoring/slice-clock';

/** A registry like CSS.highlights, for a DOM without the Highlight API. */
class FakeRegistry extends Map<string, Set<Range>> {}
(globalThis as unknown as { Highlight: unknown }).Highlight ??= class extends Set<Range> {
  priority = 0;
};

const facts = { info: { url: 'https://news.example/a', title: 'A', siteName: 'N' }, articleRoot: null };

const record = (id: string, exact: string, start: number): HighlightRecord => ({
  id,
  url: 'https://news.example/a',
  color: 'yellow',
  note: '',
  createdAt: 1,
  updatedAt: 1,
  target: {
    quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start, end: start + exact.length },
  },
});

describe('PageHighlights', () => {
  it('never lets an older load’s answer overwrite a newer one', async () => {
    document.body.innerHTML = '<p>first words here, then second words there</p>';
    const answers: ((value: unknown) => void)[] = [];
    const send = (() => new Promise((resolve) => answers.push(resolve))) as unknown as Send;
    const painter = new HighlightPainter(new FakeRegistry() as unknown as HighlightRegistry);
    const page = new PageHighlights(document, facts, send, { painter, clock: () => UNSLICED });

    const older = page.load();
    const newer = page.load();
    const both = [record('1', 'first words', 0), record('2', 'second words', 23)];
    answers[1]!({ ok: true, value: { page: null, highlights: both } });
    await newer;
    answers[0]!({ ok: true, value: { page: null, highlights: [both[0]] } });
    await older;
    expect(painter.ids().sort()).toEqual(['1', '2']);
    expect(page.count).toBe(2);
  });
});

describe('PageHighlights on a page that keeps changing', () => {
  const sendWith = (highlights: HighlightRecord[]) =>
    (async (message: { type: string }) =>
      message.type === 'page:highlights'
        ? { ok: true, value: { page: null, highlights } }
        : { ok: false, code: 'not-found', error: 'no' }) as unknown as Send;
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('keeps a highlight whose text has not arrived as an orphan, and paints it when the text comes', async () => {
    document.body.innerHTML = '<p>Loading…</p>';
    const painter = new HighlightPainter(new FakeRegistry() as unknown as HighlightRegistry);
    const page = new PageHighlights(document, facts, sendWith([record('late', 'the story arrives late', 0)]), {
      painter,
      clock: () => UNSLICED,
      settleMs: 10,
    });
    await page.load();
    expect(page.anchorState()).toEqual({ painted: [], orphaned: ['late'] });
    document.body.innerHTML = '<article><p>Then the story arrives late, by script.</p></article>';
    await wait(60);
    expect(page.anchorState()).toEqual({ painted: ['late'], orphaned: [] });
    expect(painter.rangeOf('late')!.toString()).toBe('the story arrives late');
    page.destroy();
  });

  it('paints a highlight whose text arrives late inside a web component’s open shadow root', async () => {
    document.body.innerHTML = '<p>Shore notes</p><tide-pool></tide-pool>';
    const shadow = document.querySelector('tide-pool')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>Loading…</p>';
    const painter = new HighlightPainter(new FakeRegistry() as unknown as HighlightRegistry);
    const page = new PageHighlights(document, facts, sendWith([record('s', 'anemones close like fists', 0)]), {
      painter,
      clock: () => UNSLICED,
      settleMs: 10,
    });
    await page.load();
    expect(page.anchorState()).toEqual({ painted: [], orphaned: ['s'] });
    // Only the root changes: nothing in the document's own tree does.
    shadow.innerHTML = '<p>At low water, anemones close like fists.</p>';
    await wait(60);
    expect(page.anchorState()).toEqual({ painted: ['s'], orphaned: [] });
    expect(painter.rangeOf('s')!.startContainer.getRootNode()).toBe(shadow);
    page.destroy();
  });

  it('repaints a highlight whose text a re-render replaced', async () => {
    const html = '<p>Framework pages replace their nodes on every render.</p>';
    document.body.innerHTML = html;
    const painter = new HighlightPainter(new FakeRegistry() as unknown as HighlightRegistry);
    const page = new PageHighlights(document, facts, sendWith([record('r', 'replace their nodes', 15)]), {
      painter,
      clock: () => UNSLICED,
      settleMs: 10,
    });
    await page.load();
    const first = painter.rangeOf('r')!;
    document.body.innerHTML = html;
    await wait(60);
    const second = painter.rangeOf('r')!;
    expect(second).not.toBe(first);
    expect(second.toString()).toBe('replace their nodes');
    page.destroy();
  });

  it('ignores changes to Clearmark’s own UI', async () => {
    document.body.innerHTML = '<p>Some words to keep highlighted here.</p>';
    const painter = new HighlightPainter(new FakeRegistry() as unknown as HighlightRegistry);
    const page = new PageHighlights(document, facts, sendWith([record('o', 'missing words', 0)]), {
      painter,
      clock: () => UNSLICED,
      settleMs: 10,
    });
    await page.load();
    const repaint = vi.spyOn(page, 'repaint');
    document.documentElement.append(document.createElement('clearmark-ui'));
    await wait(60);
    expect(repaint).not.toHaveBeenCalled();
    page.destroy();
  });
});

describe('a highlight that cannot be saved', () => {
  const QUOTA =
    'The disk is full, so Clearmark could not save this. Nothing already saved was lost: free some disk space and it will work again.';

  it('stays painted, says why, is retried with the same id, and is saved once storage is back', async () => {
    document.body.innerHTML = '<p>Words worth keeping when the disk is full.</p>';
    const creates: { id?: string }[] = [];
    let failures = 2;
    const send = (async (message: { type: string; id?: string }) => {
      if (message.type === 'highlight:create') {
        creates.push(message);
        if (failures-- > 0) return { ok: false, code: 'storage', error: QUOTA };
        return { ok: true, value: { ...message, url: 'https://news.example/a', createdAt: 5, updatedAt: 5 } };
      }
      return { ok: true, value: { page: null, highlights: [] } };
    }) as unknown as Send;
    const states: SaveState[] = [];
    const painter = new HighlightPainter(new FakeRegistry() as unknown as HighlightRegistry);
    const page = new PageHighlights(document, facts, send, {
      painter,
      clock: () => UNSLICED,
      retryDelays: [20],
      onSaveState: (s) => states.push(s),
    });

    const text = document.body.firstChild!.firstChild!;
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, 17);
    const answer = await page.highlightRange(range, 'pink', 'a note');
    expect(answer).toEqual({ ok: false, code: 'storage', error: QUOTA });
    expect(painter.ids()).toHaveLength(1);
    expect(page.unsavedCount).toBe(1);
    expect(states[0]).toEqual({ unsaved: 1, error: QUOTA, retrying: true });
    // A change notice meanwhile reloads the page's stored highlights: the unsaved one stays.
    await page.load();
    expect(page.count).toBe(1);
    expect(painter.ids()).toHaveLength(1);

    await new Promise((r) => setTimeout(r, 150));
    expect(page.unsavedCount).toBe(0);
    expect(creates).toHaveLength(3);
    expect(new Set(creates.map((c) => c.id)).size).toBe(1);
    expect(states.at(-1)).toEqual({ unsaved: 0, error: null, retrying: false });
    expect(page.record(creates[0]!.id!)).toMatchObject({ color: 'pink', note: 'a note', createdAt: 5 });
    page.destroy();
  });

  it('a background that cannot be reached is treated the same way', async () => {
    document.body.innerHTML = '<p>Words worth keeping when the background sleeps.</p>';
    const send = (async () => ({
      ok: false,
      code: 'unreachable',
      error: 'Clearmark’s background could not be reached (Could not establish connection)',
    })) as unknown as Send;
    const page = new PageHighlights(document, facts, send, {
      painter: new HighlightPainter(new FakeRegistry() as unknown as HighlightRegistry),
      clock: () => UNSLICED,
      retryDelays: [60_000],
    });
    const text = document.body.firstChild!.firstChild!;
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, 10);
    await page.highlightRange(range, 'yellow');
    expect(page.unsavedCount).toBe(1);
    // Edits to it change what will be saved; deleting it drops it.
    const id = page.anchorState().painted[0]!;
    expect((await page.update(id, { note: 'later' })).ok).toBe(true);
    expect((await page.remove(id)).ok).toBe(true);
    expect(page.unsavedCount).toBe(0);
    page.destroy();
  });
});

describe('a highlight whose save is refused outright', () => {
  it('stays on the page, says why, and is not retried', async () => {
    document.body.innerHTML = '<p>Words on a page whose address is far too long.</p>';
    let creates = 0;
    const send = (async (message: { type: string }) => {
      if (message.type === 'highlight:create') creates++;
      return {
        ok: false,
        code: 'rejected',
        error: 'Rejected "highlight:create": page.url is longer than 8192 characters',
      };
    }) as unknown as Send;
    const states: SaveState[] = [];
    const painter = new HighlightPainter(new FakeRegistry() as unknown as HighlightRegistry);
    const page = new PageHighlights(document, facts, send, {
      painter,
      clock: () => UNSLICED,
      retryDelays: [10],
      onSaveState: (s) => states.push(s),
    });
    const text = document.body.firstChild!.firstChild!;
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, 5);
    await page.highlightRange(range, 'blue');
    await new Promise((r) => setTimeout(r, 80));
    expect(creates).toBe(1);
    expect(states).toEqual([
      { unsaved: 1, error: 'Rejected "highlight:create": page.url is longer than 8192 characters', retrying: false },
    ]);
    expect(painter.ids()).toHaveLength(1);
    page.destroy();
  });
});

describe('a highlight made while a repaint is under way', () => {
  it('is not erased when that repaint ends', async () => {
    document.body.innerHTML =
      '<p>First stored words here. Then the words the user highlights while the page repaints.</p>';
    const stored = record('stored', 'First stored words', 0);
    const send = (async (message: { type: string; id?: string }) =>
      message.type === 'highlight:create'
        ? { ok: true, value: { ...message, url: 'https://news.example/a', createdAt: 2, updatedAt: 2 } }
        : { ok: true, value: { page: null, highlights: [stored] } }) as unknown as Send;
    const painter = new HighlightPainter(new FakeRegistry() as unknown as HighlightRegistry);
    // A clock that pauses after every highlight, so the repaint is still running when the user acts.
    let release: () => void = () => undefined;
    const clock = () => ({
      due: () => true,
      pause: () => new Promise<void>((r) => (release = r)),
      cancelled: () => false,
    });
    const page = new PageHighlights(document, facts, send, { painter, clock });
    const loading = page.load();
    await new Promise((r) => setTimeout(r, 10));
    const text = document.body.firstChild!.firstChild!;
    const range = document.createRange();
    range.setStart(text, 30);
    range.setEnd(text, 55);
    const made = await page.highlightRange(range, 'green');
    release();
    await loading;
    expect(made?.ok).toBe(true);
    expect(painter.ids().sort()).toEqual([made!.ok ? made!.value.id : '', 'stored'].sort());
    page.destroy();
  });
});

describe('changes flow one way', () => {
  const url = 'https://news.example/a';
  const words = (n: number) =>
    Array.from({ length: n }, (_, i) => `Sentence number ${i} says something worth keeping.`);
  const manyRecords = (sentences: string[]) => {
    let at = 0;
    return sentences.map((text, i) => {
      const r = record(`h${i}`, text.slice(0, 30), at);
      at += text.length + 1;
      return r;
    });
  };
  const setup = (count: number) => {
    const sentences = words(count + 1);
    document.body.innerHTML = `<article>${sentences.map((t) => `<p>${t}</p>`).join('')}</article>`;
    const stored = manyRecords(sentences.slice(0, count));
    const requests: { type: string; origin?: string }[] = [];
    const send = (async (message: { type: string; id?: string; origin?: string }) => {
      requests.push(message);
      if (message.type === 'page:highlights') return { ok: true, value: { page: null, highlights: stored } };
      if (message.type === 'highlight:create')
        return { ok: true, value: { ...message, url, createdAt: 2, updatedAt: 2 } };
      return { ok: false, code: 'not-found', error: 'no' };
    }) as unknown as Send;
    const counter = { anchored: 0 };
    const anchored: unknown[] = [];
    const painter = new HighlightPainter(new FakeRegistry() as unknown as HighlightRegistry);
    const page = new PageHighlights(document, facts, send, {
      painter,
      clock: () => UNSLICED,
      counter,
      origin: 'this-tab',
      onAnchored: (s) => anchored.push(s),
    });
    return { page, painter, counter, requests, anchored, last: sentences[count]! };
  };

  it('one new highlight on a page with 500 anchors none of the 500 again', async () => {
    const { page, painter, counter, requests, last } = setup(500);
    await page.load();
    expect(painter.ids()).toHaveLength(500);
    counter.anchored = 0;
    const text = document.querySelector('article')!.lastElementChild!.firstChild!;
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, last.length);
    const made = await page.highlightRange(range, 'green');
    expect(made?.ok).toBe(true);
    // Its own change notice comes back from the background: ignored.
    page.applyChange({
      type: 'highlights:changed',
      url,
      upserted: [made!.ok ? made!.value : record('x', 'x', 0)],
      removed: [],
      origin: 'this-tab',
    });
    expect(counter.anchored).toBe(0);
    expect(painter.ids()).toHaveLength(501);
    expect(requests.filter((r) => r.type === 'page:highlights')).toHaveLength(1);
    expect(requests.find((r) => r.type === 'highlight:create')?.origin).toBe('this-tab');
    page.destroy();
  });

  it('another view’s change is applied as a delta: one record anchored, one erased, no reload', async () => {
    const { page, painter, counter, requests, anchored } = setup(500);
    await page.load();
    counter.anchored = 0;
    const recolored = { ...page.record('h7')!, color: 'blue' as const };
    const added = record('new', 'Sentence number 500 says', 0);
    added.target.position = { type: 'TextPositionSelector', start: 0, end: 0 };
    page.applyChange({
      type: 'highlights:changed',
      url,
      upserted: [recolored, added],
      removed: ['h3'],
      origin: 'the-popup',
    });
    // The recolored one keeps its range; only the new one is anchored.
    expect(counter.anchored).toBe(1);
    expect(painter.ids()).toHaveLength(500);
    expect(painter.ids()).not.toContain('h3');
    expect(painter.rangeOf('new')!.toString()).toBe('Sentence number 500 says');
    expect(requests.filter((r) => r.type === 'page:highlights')).toHaveLength(1);
    // Views that list anchoring (the popup) hear the new state from a notice, without asking.
    expect(anchored.at(-1)).toMatchObject({ orphaned: [] });
    expect((anchored.at(-1) as { painted: string[] }).painted).toContain('new');
    page.destroy();
  });

  it('a change to another page, or an import, is handled as such', async () => {
    const { page, counter, requests } = setup(3);
    await page.load();
    counter.anchored = 0;
    page.applyChange({
      type: 'highlights:changed',
      url: 'https://news.example/other',
      upserted: [record('o', 'Sentence number 1', 0)],
      removed: [],
      origin: 'x',
    });
    expect(counter.anchored).toBe(0);
    page.applyChange({ type: 'highlights:changed', url: '*', upserted: [], removed: [] });
    await new Promise((r) => setTimeout(r, 0));
    expect(requests.filter((r) => r.type === 'page:highlights')).toHaveLength(2);
    page.destroy();
  });
});

describe('a highlight changed while its first save is on its way', () => {
  /** A background that holds each create until released, and stores what it is sent. */
  function slowBackground() {
    const stored = new Map<string, HighlightRecord>();
    const held: (() => void)[] = [];
    const sent: string[] = [];
    const send = (async (message: { type: string; id: string; color?: string; note?: string; tags?: string[] }) => {
      sent.push(message.type);
      if (message.type === 'highlight:create') {
        await new Promise<void>((r) => held.push(r));
        // What the request carried when it was sent, as the background stores it.
        const { id, color, note, tags, target } = message as unknown as HighlightRecord;
        const created: HighlightRecord = {
          ...{ id, color, note, target, url: 'https://news.example/a', createdAt: 3, updatedAt: 3 },
          ...(tags ? { tags } : {}),
        };
        stored.set(message.id, created);
        return { ok: true, value: created };
      }
      if (message.type === 'highlight:update') {
        const current = stored.get(message.id);
        if (!current) return { ok: false, code: 'not-found', error: 'gone' };
        const next = {
          ...current,
          color: message.color ?? current.color,
          note: message.note ?? current.note,
          ...(message.tags ? { tags: message.tags } : {}),
        } as HighlightRecord;
        stored.set(message.id, next);
        return { ok: true, value: next };
      }
      if (message.type === 'highlight:delete') {
        const current = stored.get(message.id);
        stored.delete(message.id);
        return current ? { ok: true, value: current } : { ok: false, code: 'not-found', error: 'gone' };
      }
      return { ok: true, value: { page: null, highlights: [] } };
    }) as unknown as Send;
    return { send, stored, sent, release: () => held.splice(0).forEach((r) => r()) };
  }
  /** A page showing `words`, its first 11 characters highlighted and their save sent, not answered. */
  async function highlightedWhileSlow(words: string) {
    document.body.innerHTML = `<p>${words}</p>`;
    const background = slowBackground();
    const painter = new HighlightPainter(new FakeRegistry() as unknown as HighlightRegistry);
    const page = new PageHighlights(document, facts, background.send, { painter, clock: () => UNSLICED });
    const text = document.body.firstChild!.firstChild!;
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, 11);
    const creating = page.highlightRange(range, 'yellow');
    await vi.waitFor(() => expect(background.sent).toContain('highlight:create'));
    return { background, painter, page, creating, id: page.anchorState().painted[0]! };
  }

  it('keeps a tag and a note given before the save was answered', async () => {
    const { background, page, creating, id } = await highlightedWhileSlow(
      'Words typed into the card while the save is slow.',
    );
    const tagged = page.update(id, { tags: ['markets'] });
    const noted = page.update(id, { tags: ['markets'], note: 'typed early' });
    background.release();
    await creating;
    expect((await tagged).ok).toBe(true);
    expect((await noted).ok).toBe(true);
    expect(background.stored.get(id)).toMatchObject({ tags: ['markets'], note: 'typed early' });
    expect(page.record(id)).toMatchObject({ tags: ['markets'], note: 'typed early' });
    page.destroy();
  });

  it('stays deleted when it was deleted before the save was answered', async () => {
    const { background, painter, page, creating, id } = await highlightedWhileSlow(
      'Words highlighted and deleted at once.',
    );
    const removing = page.remove(id);
    background.release();
    await creating;
    expect((await removing).ok).toBe(true);
    expect(background.stored.has(id)).toBe(false);
    expect(page.record(id)).toBeUndefined();
    expect(painter.ids()).toHaveLength(0);
    page.destroy();
  });
});
