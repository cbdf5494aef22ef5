import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync(resolve(import.meta.dirname, '../../components/shared/reader.css'), 'utf8');
const GENERIC = new Set(['serif', 'sans-serif', 'monospace', 'system-ui', 'ui-serif', 'ui-sans-serif', 'ui-monospace']);
const CJK_FACE =
  /CJK|Han |Hiragino|Yu (Mincho|Gothic)|Meiryo|Songti|PingFang|YaHei|JhengHei|MingLiU|Myungjo|Batang|Gothic Neo|Malgun/;

const LINUX_LATIN = /^(?:Liberation (?:Serif|Sans)|DejaVu (?:Serif|Sans)|Noto (?:Serif|Sans))$/;

/** Every font stack the reader declares: the values of --serif and --sans, in order. */
function stacks(): { name: string; faces: string[] }[] {
  return [...css.matchAll(/--(serif|sans):\s*([^;]+);/g)].map(([, name, value]) => ({
    name: name!,
    faces: value!.split(',').map((f) => f.trim().replace(/^"|"$/g, '')),
  }));
}

describe('reader typography', () => {
  it('names Latin faces first, CJK faces after them and the generic family last, in every stack', () => {
    const all = stacks();
    expect(all.length).toBeGreaterThanOrEqual(8); // the default and the ja, zh-Hant and ko stacks
    for (const { name, faces } of all) {
      const firstCjk = faces.findIndex((f) => CJK_FACE.test(f));
      const lastLatin = faces.findLastIndex((f) => !CJK_FACE.test(f) && !GENERIC.has(f));
      expect(firstCjk, `${name}: ${faces.join(', ')}`).toBeGreaterThan(lastLatin);
      // A Latin face Linux machines have comes before the CJK ones, or Latin text takes a CJK face's glyphs there.
      expect(
        faces.slice(0, firstCjk).some((f) => LINUX_LATIN.test(f)),
        `${name}: a Latin face Linux has`,
      ).toBe(true);
      expect(GENERIC.has(faces.at(-1)!), `${name} ends with a generic family`).toBe(true);
      expect(faces.slice(0, -1).some((f) => f === 'serif' || f === 'sans-serif')).toBe(false);
    }
  });

  it('chooses CJK faces by the article language, wraps paragraphs with care and hyphenates by lang', () => {
    for (const lang of ['ja', 'zh-Hant', 'ko']) expect(css).toContain(`:lang(${lang})`);
    expect(css).toMatch(/\.body p \{[^}]*text-wrap: pretty/);
    expect(css).toMatch(/\.body \{[^}]*hyphens: auto[^}]*hanging-punctuation/);
    expect(css).toMatch(/\.page \{[^}]*font-family: var\(--serif\)/);
  });
});
