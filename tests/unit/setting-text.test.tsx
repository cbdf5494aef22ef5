import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { SettingText } from '@/components/pages/SettingText';

describe('SettingText', () => {
  it('keeps what is being typed when a stored value arrives meanwhile, and keeps it when left', () => {
    const root = document.createElement('div');
    document.body.append(root);
    const kept: string[] = [];
    const draw = (value: string) =>
      act(() => render(<SettingText name="folder" label="Folder" value={value} onKeep={(v) => kept.push(v)} />, root));
    void draw('Clippings');
    const field = root.querySelector<HTMLInputElement>('input[name="folder"]')!;
    const type = (text: string) =>
      act(() => {
        field.value = text;
        field.dispatchEvent(new Event('input', { bubbles: true }));
      });
    void act(() => {
      field.focus();
      field.dispatchEvent(new FocusEvent('focus'));
    });
    void type('W');
    // Another field's save answers with the settings as stored: this field's old value.
    void draw('Clippings');
    expect(field.value).toBe('W');
    void type('Web/Articles');
    void act(() => {
      field.dispatchEvent(new Event('change', { bubbles: true }));
      field.blur();
      field.dispatchEvent(new FocusEvent('blur'));
    });
    expect(kept).toEqual(['Web/Articles']);
    void draw('Web/Articles');
    expect(field.value).toBe('Web/Articles');
    // Left alone, it shows what is stored (a sync brought a new value).
    void draw('Notes');
    expect(field.value).toBe('Notes');
    root.remove();
  });
});
