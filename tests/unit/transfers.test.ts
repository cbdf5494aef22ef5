/**
 * Files too big for one extension message, in parts: an export read part by part, a file to
 * import sent part by part, and what happens when the background restarts in between.
 */
import { describe, expect, it } from 'vitest';
import { Transfers } from '@/utils/background/transfers';
import { handleBackgroundRequest } from '@/utils/background/requests';
import { Library } from '@/utils/background/storage';
import { PART_CHARS } from '@/utils/shared/protocol';
import { bytesToBase64 } from '@/utils/shared/base64';

const page = { url: 'https://news.example/long', title: 'Long notes', siteName: 'News' };
const target = (n: number) => ({
  quote: { type: 'TextQuoteSelector' as const, exact: `quoted ${n}`, prefix: '', suffix: '' },
  position: { type: 'TextPositionSelector' as const, start: n * 20, end: n * 20 + 8 },
});

describe('Transfers', () => {
  it('offers pieces of any size as parts of at most PART_CHARS that join to the file, and forgets it once read', () => {
    const transfers = new Transfers();
    const pieces = ['a'.repeat(PART_CHARS - 3), 'b'.repeat(10), 'c'.repeat(2 * PART_CHARS + 5), 'd'];
    const { id, parts, chars } = transfers.offer(pieces);
    expect(chars).toBe(pieces.join('').length);
    const read = Array.from({ length: parts }, (_, i) => transfers.part(id, i));
    expect(read.every((p) => p.length <= PART_CHARS)).toBe(true);
    expect(read.join('')).toBe(pieces.join(''));
    expect(() => transfers.part(id, 0)).toThrow(/no longer ready.*Nothing was lost/);
  });

  it('takes a file in parts, in order only, and says so when the first parts were lost to a restart', () => {
    const transfers = new Transfers();
    transfers.receive('u', 0, 'one ', false);
    expect(() => transfers.receive('u', 2, 'three', false)).toThrow(/out of order/);
    transfers.receive('u', 1, 'two', false);
    expect(transfers.take('u')).toEqual({ text: 'one two' });
    const restarted = new Transfers();
    expect(() => restarted.receive('u', 3, 'more', false)).toThrow(/first parts were lost.*Nothing was written/);
    expect(() => restarted.take('u')).toThrow(/did not arrive whole.*Nothing was written/);
  });

  it('joins binary parts sent as base64', () => {
    const transfers = new Transfers();
    const bytes = Uint8Array.from({ length: 10 }, (_, i) => i * 7);
    transfers.receive('z', 0, bytesToBase64(bytes.slice(0, 6)), true);
    transfers.receive('z', 1, bytesToBase64(bytes.slice(6)), true);
    expect(transfers.take('z')).toEqual({ bytes });
  });

  it('drops what waited too long', () => {
    let now = 0;
    const transfers = new Transfers(() => now);
    const { id } = transfers.offer(['x']);
    transfers.receive('old', 0, 'y', false);
    now += 16 * 60 * 1000;
    transfers.offer(['z']);
    expect(() => transfers.part(id, 0)).toThrow(/no longer ready/);
    expect(() => transfers.take('old')).toThrow(/did not arrive whole/);
  });
});

describe('exports and imports bigger than one message', () => {
  it('a backup over PART_CHARS comes in parts, and restored from parts on another library gives every record back', async () => {
    const transfers = new Transfers();
    const library = await Library.open('transfers-big');
    const note = 'n'.repeat(99_000);
    for (let i = 0; i < 100; i++)
      await handleBackgroundRequest(library, {
        type: 'highlight:create',
        page,
        color: 'yellow',
        note: `${i} ${note}`,
        target: target(i),
      });
    const answer = await handleBackgroundRequest(
      library,
      { type: 'export', format: 'backup', scope: 'all' },
      { transfers },
    );
    if (!answer.result.ok) throw new Error(answer.result.error);
    const file = answer.result.value as { text: string; transfer?: { id: string; parts: number } };
    expect(file.text).toBe('');
    expect(file.transfer!.parts).toBeGreaterThan(1);
    const parts: string[] = [];
    for (let index = 0; index < file.transfer!.parts; index++) {
      const part = await handleBackgroundRequest(
        library,
        { type: 'transfer:part', transfer: file.transfer!.id, index },
        { transfers },
      );
      if (!part.result.ok) throw new Error(part.result.error);
      parts.push((part.result.value as { text: string }).text);
    }
    const text = parts.join('');
    expect(text.length).toBeGreaterThan(PART_CHARS);

    // Sent to a fresh library in parts, as the library page sends a large file.
    const other = await Library.open('transfers-big-restored');
    for (let index = 0, at = 0; at < text.length; index++, at += PART_CHARS / 2) {
      const sent = await handleBackgroundRequest(
        other,
        { type: 'upload:part', upload: 'up-1', index, text: text.slice(at, at + PART_CHARS / 2), binary: false },
        { transfers },
      );
      expect(sent.result.ok).toBe(true);
    }
    const preview = await handleBackgroundRequest(
      other,
      { type: 'import:preview', upload: 'up-1', fileName: 'backup.json' },
      { transfers },
    );
    expect(preview.result).toMatchObject({ ok: true, value: { highlights: 100, added: 100 } });
    const restored = await handleBackgroundRequest(
      other,
      { type: 'import', upload: 'up-1', fileName: 'backup.json' },
      { transfers },
    );
    expect(restored.result).toMatchObject({ ok: true, value: { added: 100 } });
    const back = await handleBackgroundRequest(other, { type: 'page:highlights', url: page.url });
    expect(back.result.ok && (back.result.value as { highlights: unknown[] }).highlights).toHaveLength(100);
    // The upload is gone once imported: a second import of it writes nothing and says why.
    const again = await handleBackgroundRequest(
      other,
      { type: 'import', upload: 'up-1', fileName: 'backup.json' },
      { transfers },
    );
    expect(again.result).toMatchObject({
      ok: false,
      error: expect.stringMatching(/did not arrive whole.*Nothing was written/),
    });
    library.close();
    other.close();
  }, 120_000);
});
