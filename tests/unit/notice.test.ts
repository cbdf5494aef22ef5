import { describe, expect, it } from 'vitest';
import { afterEdit, done, problem } from '@/utils/pages/notice';

describe('afterEdit', () => {
  it('shows a refused edit’s problem, in place of anything shown', () => {
    expect(afterEdit(done('Restored: 3 highlights added.'), 'The disk is full.')).toEqual(problem('The disk is full.'));
    expect(afterEdit(null, 'The disk is full.')).toEqual(problem('The disk is full.'));
  });
  it('takes an earlier problem away once an edit is stored, and leaves a report of something done', () => {
    expect(afterEdit(problem('The disk is full.'))).toBeNull();
    expect(afterEdit(done('Restored: 3 highlights added.'))).toEqual(done('Restored: 3 highlights added.'));
    expect(afterEdit(null)).toBeNull();
  });
});
