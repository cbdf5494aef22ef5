// @vitest-environment node
/**
 * Each highlight colour keeps the text on it readable: composited over the reader's light, sepia
 * and dark themes (and a plain white and a plain dark page), the text there keeps a WCAG AA
 * contrast of 4.5:1 or more. The live page's colours and the reader's drawn marks are the same.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_COLORS } from '@/utils/shared/model';

const ROOT = resolve(import.meta.dirname, '../..');
const PAGE_CSS = readFileSync(resolve(ROOT, 'assets/highlights.css'), 'utf8');
const READER_CSS = readFileSync(resolve(ROOT, 'components/shared/reader.css'), 'utf8');

type Rgba = [number, number, number, number];
const rgba = (css: string): Rgba => {
  const m = /rgb\((\d+) (\d+) (\d+) \/ ([\d.]+)\)/.exec(css);
  if (!m) throw new Error(`not an rgb( / ) colour: ${css}`);
  return [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
};
const hex = (css: string): [number, number, number] =>
  [1, 3, 5].map((i) => parseInt(css.slice(i, i + 2), 16)) as [number, number, number];
const over = ([r, g, b, a]: Rgba, [R, G, B]: [number, number, number]): [number, number, number] => [
  r * a + R * (1 - a),
  g * a + G * (1 - a),
  b * a + B * (1 - a),
];
const luminance = (rgb: [number, number, number]) => {
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};
const contrast = (a: [number, number, number], b: [number, number, number]) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

function pageColor(color: string): string {
  return new RegExp(`::highlight\\(clearmark-${color}\\)\\s*\\{\\s*background-color: (rgb\\([^)]*\\))`).exec(
    PAGE_CSS,
  )![1]!;
}
function readerColor(color: string): string {
  return new RegExp(`\\.mark-${color}\\s*\\{\\s*background-color: (rgb\\([^)]*\\))`).exec(READER_CSS)![1]!;
}
function theme(name: 'light' | 'sepia' | 'dark'): { bg: string; text: string } {
  const rule =
    name === 'light'
      ? /^\s*--bg: (#\w{6});\s*--text: (#\w{6})/m.exec(READER_CSS)
      : new RegExp(`\\.reader\\[data-theme="${name}"\\]\\s*\\{\\s*--bg: (#\\w{6});\\s*--text: (#\\w{6})`).exec(
          READER_CSS,
        );
  return { bg: rule![1]!, text: rule![2]! };
}

const BACKDROPS = {
  'reader, light': theme('light'),
  'reader, sepia': theme('sepia'),
  'reader, dark': theme('dark'),
  'a white page': { bg: '#ffffff', text: '#000000' },
  'a dark page': { bg: '#121212', text: '#e8e8e8' },
};

describe('highlight colours', () => {
  it('are the same on the live page and in the reader', () => {
    for (const color of HIGHLIGHT_COLORS)
      expect({ color, reader: readerColor(color) }).toEqual({ color, reader: pageColor(color) });
  });

  it.each(HIGHLIGHT_COLORS)('%s keeps text at 4.5:1 or more on every backdrop, light and dark', (color) => {
    const found = Object.entries(BACKDROPS).map(([where, { bg, text }]) => {
      const ratio = contrast(hex(text), over(rgba(pageColor(color)), hex(bg)));
      return { where, ratio: Math.round(ratio * 100) / 100, ok: ratio >= 4.5 };
    });
    expect(found.filter((f) => !f.ok)).toEqual([]);
  });
});
