import { describe, expect, it } from 'vitest';
import { readingMinutes, readingUnits, wordCount } from '@/utils/engines/reader/reading-time';

describe('reading time, counted by script', () => {
  it('counts words between spaces in Latin, Cyrillic and Arabic text', () => {
    expect(wordCount("Don't read this twice, Ana.")).toBe(5);
    expect(wordCount('Привет, как дела у тебя')).toBe(5);
    expect(wordCount('مرحبا بكم في المقال')).toBe(4);
  });

  it('counts Japanese and Chinese in characters: about 1,100 characters of Japanese is about three minutes, not one', () => {
    const sentence = '日本の読者は記事を文字で数えます。'; // 16 CJK characters and a full stop
    const article = sentence.repeat(69); // 1,104 characters
    expect(readingUnits(article).characters).toBe(16 * 69);
    expect(readingMinutes(article)).toBe(3);
    expect(readingMinutes('中文文章按字计算阅读时间。'.repeat(100))).toBe(3);
  });

  it('counts Thai words with the segmenter, not as one run', () => {
    const thai = 'ฉันชอบอ่านหนังสือทุกวัน'; // I like to read books every day: 5–6 words
    expect(readingUnits(thai).words).toBeGreaterThanOrEqual(4);
    expect(readingUnits(thai).characters).toBe(0);
  });

  it('adds up a text that mixes scripts, and never says less than a minute', () => {
    const mixed = 'Clearmark は記事を保存します and reads it later.';
    const units = readingUnits(mixed);
    expect(units.characters).toBe(9);
    expect(units.words).toBe(5);
    expect(readingMinutes('')).toBe(1);
    expect(readingMinutes('word '.repeat(2300))).toBe(10);
  });
});
