/** Which frames of a tab hold text: noted once each, capped, forgotten with the tab, and kept across a sleeping background. */
import { describe, expect, it } from 'vitest';
import { MAX_FRAMES_PER_TAB, TabFrames, type SessionArea } from '@/utils/background/tab-frames';

/** A session storage area in memory, with what it was last given. */
function memoryArea(initial: Record<string, unknown> = {}): SessionArea & { kept: Record<string, unknown> } {
  const area = {
    kept: structuredClone(initial),
    get: (key: string) => Promise.resolve(key in area.kept ? { [key]: structuredClone(area.kept[key]) } : {}),
    set: (items: Record<string, unknown>) => {
      Object.assign(area.kept, structuredClone(items));
      return Promise.resolve();
    },
  };
  return area;
}

describe('the frames of each tab that hold text', () => {
  it('notes each frame once, per tab, and forgets a closed tab', async () => {
    const frames = new TabFrames(memoryArea());
    await frames.note(4, 12);
    await frames.note(4, 7);
    await frames.note(4, 12);
    await frames.note(9, 3);
    expect(await frames.of(4)).toEqual([12, 7]);
    expect(await frames.of(9)).toEqual([3]);
    expect(await frames.of(5)).toEqual([]);
    await frames.forget(4);
    expect(await frames.of(4)).toEqual([]);
    expect(await frames.of(9)).toEqual([3]);
  });

  it('keeps a tab’s newest frames when its frames keep changing', async () => {
    const frames = new TabFrames(null);
    for (let id = 1; id <= MAX_FRAMES_PER_TAB + 5; id++) await frames.note(1, id);
    const kept = await frames.of(1);
    expect(kept).toHaveLength(MAX_FRAMES_PER_TAB);
    expect(kept[0]).toBe(6);
    expect(kept.at(-1)).toBe(MAX_FRAMES_PER_TAB + 5);
  });

  it('a background that slept and woke finds what it noted in the session area', async () => {
    const area = memoryArea();
    const before = new TabFrames(area);
    await before.note(4, 12);
    await before.note(8, 2);
    await before.forget(8);
    const after = new TabFrames(area);
    expect(await after.of(4)).toEqual([12]);
    expect(await after.of(8)).toEqual([]);
  });

  it('what it cannot read in the area is left out, and a failing area is no failure', async () => {
    const damaged = new TabFrames(memoryArea({ tabFrames: { 4: [12, 'x', 1.5, 7], notATab: [1], 6: 'no', 7: [] } }));
    expect(await damaged.of(4)).toEqual([12, 7]);
    expect(await damaged.of(6)).toEqual([]);
    const failing: SessionArea = {
      get: () => Promise.reject(new Error('no session area')),
      set: () => Promise.reject(new Error('quota')),
    };
    const frames = new TabFrames(failing);
    await frames.note(1, 2);
    expect(await frames.of(1)).toEqual([2]);
  });
});
