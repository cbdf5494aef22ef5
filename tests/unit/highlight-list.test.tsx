/**
 * The popup's and the library's list of highlights when the store refuses an edit (the highlight was
 * deleted elsewhere, the disk is full): the edit, shown at once, is taken back, and the person is told
 * why; a note's words come back in the message, to copy.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { HighlightRecord } from '@/utils/shared/model';

const REFUSAL = 'That highlight is no longer stored';
vi.mock('@/utils/pages/extension-client', () => ({
  PAGE_ORIGIN: 'test-list',
  askBackground: vi.fn(async (message: { type: string }) =>
    message.type === 'tags:list' ? { ok: true, value: [] } : { ok: false, error: REFUSAL },
  ),
}));
const { HighlightList } = await import('@/components/pages/HighlightList');

const highlight: HighlightRecord = {
  id: 'h1',
  url: 'https://example.com/tides',
  color: 'yellow',
  note: '',
  tags: [],
  target: {
    quote: { type: 'TextQuoteSelector', exact: 'The tide comes in twice a day.', prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start: 0, end: 30 },
  },
  createdAt: Date.UTC(2026, 0, 1),
  updatedAt: Date.UTC(2026, 0, 1),
};

/** The list of one highlight, and what it told its page. */
async function mountList() {
  const root = document.createElement('div');
  document.body.append(root);
  const told: (string | undefined)[] = [];
  await act(() => render(<HighlightList highlights={[highlight]} onChanged={(p) => told.push(p)} />, root));
  return { root, told };
}

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 20)));

describe('a refused edit in the list', () => {
  it('a color the store refuses is taken back, and the list says why', async () => {
    const { root, told } = await mountList();

    await act(() => root.querySelector<HTMLButtonElement>('.swatch[data-color="green"]')!.click());
    await settle();
    expect(root.querySelector('.highlight')!.getAttribute('data-color')).toBe('yellow');
    expect(told.at(-1)).toBe(`Clearmark could not save this change: ${REFUSAL}.`);
  });

  it('a refused note is taken back from the list, and its words come back in the message', async () => {
    const { root, told } = await mountList();

    await act(() => root.querySelector<HTMLButtonElement>('[data-action="note"]')!.click());
    const field = root.querySelector('textarea')!;
    field.value = 'Spring tides come with the full moon';
    await act(() => void field.dispatchEvent(new FocusEvent('blur')));
    await settle();
    expect(root.querySelector('.note')).toBeNull();
    expect(told.at(-1)).toBe(
      `Clearmark could not save your note: ${REFUSAL}. Your note, to copy: Spring tides come with the full moon`,
    );
  });
});
