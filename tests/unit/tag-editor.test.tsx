import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { TagEditor } from '@/components/shared/TagEditor';

/** A caller that stores tags only when told to (a slow round trip to the background), then re-renders. */
function mountSlowStore() {
  const root = document.createElement('div');
  document.body.append(root);
  let stored: string[] = [];
  const sends: string[][] = [];
  const draw = () =>
    render(<TagEditor tags={stored} suggestions={[]} onChange={async (next) => (sends.push(next), true)} />, root);
  void act(draw);
  const field = () => root.querySelector<HTMLInputElement>('input[name="tag"]')!;
  const typeTag = (text: string) => {
    void act(() => {
      field().value = text;
      field().dispatchEvent(new Event('input', { bubbles: true }));
    });
    void act(() => {
      field().dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
  };
  const storeNext = () =>
    void act(() => {
      stored = sends.shift()!;
      draw();
    });
  const chips = () => [...root.querySelectorAll('.tag')].map((t) => t.textContent.replace('×', '').trim());
  return { typeTag, storeNext, chips, sends };
}

describe('TagEditor', () => {
  it('keeps every tag typed before the store answers (two or three quickly, one answer arriving between)', () => {
    const editor = mountSlowStore();
    editor.typeTag('harbour');
    editor.typeTag('repairs');
    expect(editor.chips()).toEqual(['#harbour', '#repairs']);
    editor.storeNext();
    editor.typeTag('ferry');
    editor.storeNext();
    editor.storeNext();
    expect(editor.sends).toEqual([]);
    expect(editor.chips()).toEqual(['#harbour', '#repairs', '#ferry']);
  });

  it('shows the stored tags again when the store could not keep the ones typed', async () => {
    const root = document.createElement('div');
    document.body.append(root);
    let answer: (stored: boolean) => void = () => undefined;
    const onChange = () => new Promise<boolean>((resolve) => (answer = resolve));
    void act(() => render(<TagEditor tags={['harbour']} suggestions={[]} onChange={onChange} />, root));
    const field = root.querySelector<HTMLInputElement>('input[name="tag"]')!;
    void act(() => {
      field.value = 'ferry,';
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const chips = () => [...root.querySelectorAll('.tag')].map((t) => t.textContent.replace('×', '').trim());
    expect(chips()).toEqual(['#harbour', '#ferry']);
    await act(async () => answer(false));
    expect(chips()).toEqual(['#harbour']);
  });
});
