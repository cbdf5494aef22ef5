import { describe, expect, it } from 'vitest';
import { halves } from '../bench/corpus-halves';

describe('the fixed tune and check halves of a corpus', () => {
  const keys = Array.from({ length: 101 }, (_, i) => `page-${i}`);

  it('splits a corpus into two balanced halves, the same in every run and whatever order the keys come in', () => {
    const split = halves(keys);
    expect(split.tune.length).toBe(51);
    expect(split.check.length).toBe(50);
    expect(new Set([...split.tune, ...split.check]).size).toBe(101);
    expect(halves([...keys].reverse()).tune.sort()).toEqual([...split.tune].sort());
  });

  it('moves at most one page across when a page is added', () => {
    const before = halves(keys);
    const after = halves([...keys, 'page-new']);
    const moved = before.tune.filter((k) => after.check.includes(k)).length;
    const movedBack = before.check.filter((k) => after.tune.includes(k)).length;
    expect(moved + movedBack).toBeLessThanOrEqual(1);
  });
});
