import { describe, expect, it } from 'vitest';
import { score, shingleMatch, shingles, tokenize } from '../bench/shingle-metric';

describe('the benchmark metric', () => {
  it('tokenizes on Unicode word characters, as Python’s \\w does', () => {
    expect(tokenize('Alibaba’s U.S.-listed shares rose 60% — naïve_case ½ 東京 2024')).toEqual([
      'Alibaba',
      's',
      'U',
      'S',
      'listed',
      'shares',
      'rose',
      '60',
      'naïve_case',
      '½',
      '東京',
      '2024',
    ]);
  });

  it('makes 4-token shingles, and one shorter shingle for a short text', () => {
    expect([...shingles('a b c d e').entries()]).toEqual([
      ['a b c d', 1],
      ['b c d e', 1],
    ]);
    expect([...shingles('a b').entries()]).toEqual([['a b', 1]]);
    expect(shingles('').size).toBe(0);
    expect([...shingles('x y z w x y z w').entries()]).toContainEqual(['x y z w', 2]);
  });

  it('normalizes TP, FP and FN per page', () => {
    // truth shingles: [a b c d] [b c d e]; prediction: [a b c d] [b c d f]
    expect(shingleMatch('a b c d e', 'a b c d f')).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(shingleMatch('a b c d', 'a b c d')).toEqual([1, 0, 0]);
    expect(shingleMatch('', '')).toEqual([0, 0, 0]);
  });

  it('averages precision and recall over pages, and takes F1 from the averages', () => {
    const truth = { p1: 'a b c d e', p2: 'one two three four' };
    const predictions = { p1: 'a b c d f', p2: '' };
    const s = score(truth, predictions);
    expect(s.precision).toBeCloseTo(0.5); // only p1 has a prediction: 1/3 / (2/3)
    expect(s.recall).toBeCloseTo(0.25); // p1: 0.5, p2: 0
    expect(s.f1).toBeCloseTo((2 * 0.5 * 0.25) / 0.75);
    expect(s.accuracy).toBe(0);
  });

  it('counts a page as accurate when the token sequences match exactly', () => {
    expect(score({ p: 'Hello, world!\n\nAgain.' }, { p: 'hello world again' }).accuracy).toBe(0);
    expect(score({ p: 'Hello, world!\n\nAgain.' }, { p: 'Hello world Again' }).accuracy).toBe(1);
  });
});
