/**
 * The save queue on its own: a failed save stays queued and is retried with backoff under the
 * same id; a refused one is not retried; edits and deletes before the first successful save
 * change or drop what will be stored. Timers are faked, so nothing here depends on speed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SaveQueue, type CreateRequest, type SaveState } from '@/utils/content/save-queue';
import type { HighlightRecord } from '@/utils/shared/model';
import { fail, ok, type Result } from '@/utils/shared/result';

const request = (id: string): CreateRequest => ({
  type: 'highlight:create',
  id,
  page: { url: 'https://news.example/a', title: 'A', siteName: 'N' },
  color: 'yellow',
  note: '',
  target: {
    quote: { type: 'TextQuoteSelector', exact: 'words', prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start: 0, end: 5 },
  },
});
const stored = (r: CreateRequest): HighlightRecord => ({
  id: r.id,
  url: r.page.url,
  color: r.color,
  note: r.note,
  target: r.target,
  createdAt: 1,
  updatedAt: 1,
});

describe('SaveQueue', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('retries a failed save with backoff, under the same id, until it is stored', async () => {
    const sent: CreateRequest[] = [];
    const answers: Result<HighlightRecord>[] = [fail('storage', 'disk full'), fail('unreachable', 'asleep')];
    const states: SaveState[] = [];
    const saved: HighlightRecord[] = [];
    const queue = new SaveQueue({
      save: async (r) => (sent.push(r), answers.shift() ?? ok(stored(r))),
      onState: (s) => states.push(s),
      onSaved: (r) => saved.push(r),
      retryDelays: [1_000, 5_000],
    });
    expect((await queue.add(request('a'))).ok).toBe(false);
    expect(states).toEqual([{ unsaved: 1, error: 'disk full', retrying: true }]);
    await vi.advanceTimersByTimeAsync(999);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(2);
    // The second failure waits the next, longer delay.
    await vi.advanceTimersByTimeAsync(4_999);
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((r) => r.id))).toEqual(new Set(['a']));
    expect(queue.size).toBe(0);
    expect(saved.map((r) => r.id)).toEqual(['a']);
    expect(states.at(-1)).toEqual({ unsaved: 0, error: null, retrying: false });
  });

  it('does not retry a request the background refused', async () => {
    let sent = 0;
    const states: SaveState[] = [];
    const queue = new SaveQueue({
      save: async () => (sent++, fail('rejected', 'Rejected: too long')),
      onState: (s) => states.push(s),
      retryDelays: [10],
    });
    await queue.add(request('b'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sent).toBe(1);
    expect(states).toEqual([{ unsaved: 1, error: 'Rejected: too long', retrying: false }]);
    expect(queue.has('b')).toBe(true);
  });

  it('stores the latest edit of a queued highlight, and drops a deleted one', async () => {
    const sent: CreateRequest[] = [];
    let down = true;
    const queue = new SaveQueue({
      save: async (r) => (sent.push(r), down ? fail('storage', 'down') : ok(stored(r))),
      retryDelays: [100],
    });
    await queue.add(request('c'));
    await queue.add(request('d'));
    queue.patch('c', { color: 'pink', note: 'later' });
    queue.drop('d');
    down = false;
    await vi.advanceTimersByTimeAsync(100);
    expect(sent.at(-1)).toMatchObject({ id: 'c', color: 'pink', note: 'later' });
    expect(sent.filter((r) => r.id === 'd')).toHaveLength(1);
    expect(queue.size).toBe(0);
  });

  it('stops retrying when destroyed', async () => {
    let sent = 0;
    const queue = new SaveQueue({ save: async () => (sent++, fail('storage', 'down')), retryDelays: [10] });
    await queue.add(request('e'));
    queue.destroy();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sent).toBe(1);
  });
});
