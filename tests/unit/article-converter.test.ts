// The background's article converter (utils/background/article-converter.ts): opened on first
// use, closed once idle (Chrome's offscreen document holds a renderer's memory), opened again
// when next needed, and never closed under a conversion still running.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { articleConverter, type ConverterFunctions } from '@/utils/background/article-converter';

afterEach(() => void vi.useRealTimers());

function lifecycle() {
  const log: string[] = [];
  let release: (() => void) | null = null;
  const converter: ConverterFunctions = {
    convert: async (input) => {
      log.push('convert');
      if (input.article.title === 'slow') await new Promise<void>((done) => (release = done));
      return { markdown: `# ${input.article.title}`, highlights: 0, orphans: 0 } as never;
    },
    capture: async () => (log.push('capture'), null),
  };
  return {
    log,
    release: () => release?.(),
    start: async () => (log.push('open'), converter),
    stop: async () => void log.push('close'),
    idleMs: 1_000,
  };
}
const input = (title: string) => ({ article: { title } }) as never;

describe('the article converter', () => {
  it('opens on first use, stays open while used, and closes once idle; the next use opens it again', async () => {
    vi.useFakeTimers();
    const life = lifecycle();
    const converter = articleConverter(life);
    expect(life.log).toEqual([]);
    await converter.convert(input('a'));
    await vi.advanceTimersByTimeAsync(900);
    await converter.capture('<p>x</p>', 'https://a.example/');
    await vi.advanceTimersByTimeAsync(900);
    expect(life.log).toEqual(['open', 'convert', 'capture']);
    await vi.advanceTimersByTimeAsync(200);
    expect(life.log).toEqual(['open', 'convert', 'capture', 'close']);
    await converter.convert(input('b'));
    expect(life.log).toEqual(['open', 'convert', 'capture', 'close', 'open', 'convert']);
  });

  it('is not closed under a conversion that takes longer than the idle time', async () => {
    vi.useFakeTimers();
    const life = lifecycle();
    const converter = articleConverter(life);
    await converter.convert(input('a'));
    const slow = converter.convert(input('slow'));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(life.log).toEqual(['open', 'convert', 'convert']);
    life.release();
    await slow;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(life.log).toEqual(['open', 'convert', 'convert', 'close']);
  });

  it('where nothing needs closing (Firefox’s background page), it stays loaded', async () => {
    vi.useFakeTimers();
    const life = lifecycle();
    const converter = articleConverter({ start: life.start });
    await converter.convert(input('a'));
    await vi.advanceTimersByTimeAsync(60_000);
    await converter.convert(input('b'));
    expect(life.log).toEqual(['open', 'convert', 'convert']);
  });
});
