import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { SelectionToolbar } from '@/components/shared/SelectionToolbar';

function mount(onHighlight = vi.fn()) {
  const root = document.createElement('div');
  document.body.append(root);
  void act(() =>
    render(
      <SelectionToolbar color="yellow" onHighlight={onHighlight} onCopy={async () => true} onClose={() => {}} />,
      root,
    ),
  );
  return { root, onHighlight };
}

describe('SelectionToolbar', () => {
  it('offers Highlight, five labelled colors, Note and Copy', () => {
    const { root } = mount();
    const labels = [...root.querySelectorAll('button')].map(
      (b) => b.getAttribute('aria-label') ?? b.textContent.trim(),
    );
    expect(labels).toEqual([
      'Highlight',
      'Highlight yellow',
      'Highlight green',
      'Highlight blue',
      'Highlight pink',
      'Highlight purple',
      'Note',
      'Copy',
    ]);
  });

  it('highlights in the color clicked', () => {
    const { root, onHighlight } = mount();
    void act(() => root.querySelector<HTMLButtonElement>('[aria-label="Highlight green"]')!.click());
    expect(onHighlight).toHaveBeenCalledWith('green');
  });

  it('Note opens a note field, and saving highlights with the note', () => {
    const { root, onHighlight } = mount();
    void act(() => [...root.querySelectorAll('button')].find((b) => b.textContent === 'Note')!.click());
    const field = root.querySelector('textarea')!;
    void act(() => {
      field.value = '  Remember this  ';
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    void act(() => root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click());
    expect(onHighlight).toHaveBeenCalledWith('yellow', 'Remember this');
  });
});
