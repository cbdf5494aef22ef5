/**
 * Highlighting in Clearmark's own pages (a saved copy, the PDF viewer): their text shows before
 * they have read what a highlight needs (a long PDF's whole text, the copy's highlights). A
 * highlight asked for meanwhile, by Alt+Shift+H, is made once the page is ready, of the text that
 * was selected, in the color last chosen by then. The key is heard in the page and as the browser's
 * command, and highlights once.
 */
import { describe, expect, it, vi } from 'vitest';
import { installOwnPageHighlighting, type OwnPage } from '@/components/pages/own-page-highlighting';
import type { HighlightColor, HighlightRecord, HighlightTarget } from '@/utils/shared/model';
import { ok } from '@/utils/shared/result';

const TEXT = 'The quick brown fox jumps over the lazy dog.';

function selectWords(doc: Document, words: string): void {
  const node = doc.querySelector('p')!.firstChild!;
  const start = TEXT.indexOf(words);
  const range = doc.createRange();
  range.setStart(node, start);
  range.setEnd(node, start + words.length);
  doc.getSelection()!.removeAllRanges();
  doc.getSelection()!.addRange(range);
}

function ownPage(doc: Document) {
  let opened = () => {};
  const ready = new Promise<void>((resolve) => (opened = resolve));
  let color: HighlightColor = 'yellow';
  const made: { target: HighlightTarget; color: HighlightColor }[] = [];
  const records = new Map<string, HighlightRecord>();
  const page: OwnPage = {
    ready,
    selectedRange: () => {
      const selection = doc.getSelection();
      return selection && selection.rangeCount > 0 && !selection.isCollapsed ? selection.getRangeAt(0) : null;
    },
    describe: (range) => ({
      quote: { type: 'TextQuoteSelector', exact: range.toString(), prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 0, end: range.toString().length },
    }),
    color: () => color,
    create: vi.fn(async (target: HighlightTarget, chosen: HighlightColor) => {
      made.push({ target, color: chosen });
      const record = { id: `h${made.length}`, target, color: chosen, note: '', tags: [] } as unknown as HighlightRecord;
      records.set(record.id, record);
      return ok(record);
    }),
    card: {
      record: (id) => records.get(id),
      hitTest: () => null,
      visibleRange: () => undefined,
      update: async () => ok(records.values().next().value!),
      remove: async () => ok(records.values().next().value!),
      restore: async (record) => ok(record),
    },
  };
  return { page, made, open: opened, choose: (c: HighlightColor) => void (color = c) };
}

const pressHighlightKey = (doc: Document) =>
  doc.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyH', altKey: true, shiftKey: true, bubbles: true }));

describe('highlighting in an own page', () => {
  it('Alt+Shift+H pressed before the page is ready highlights the words selected then, once it is, in the color chosen by then', async () => {
    document.body.innerHTML = `<p>${TEXT}</p>`;
    const { page, made, open, choose } = ownPage(document);
    let askedThroughBackground = () => {};
    installOwnPageHighlighting(document, page, (listener) => (askedThroughBackground = listener));
    // With nothing selected the key does nothing.
    pressHighlightKey(document);

    selectWords(document, 'brown fox');
    pressHighlightKey(document);
    // The selection is cleared at once; nothing is made yet, and selecting other words meanwhile changes nothing.
    expect(document.getSelection()!.isCollapsed).toBe(true);
    selectWords(document, 'lazy dog');
    document.getSelection()!.removeAllRanges();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(made).toEqual([]);

    // The color last chosen arrives with the page's settings.
    choose('green');
    open();
    await vi.waitFor(() => expect(made).toHaveLength(1));
    expect(made[0]).toMatchObject({ target: { quote: { exact: 'brown fox' } }, color: 'green' });

    // Once ready, the key highlights at once.
    selectWords(document, 'quick');
    pressHighlightKey(document);
    await vi.waitFor(() => expect(made).toHaveLength(2));
    expect(made[1]).toMatchObject({ target: { quote: { exact: 'quick' } }, color: 'green' });

    // A person's key reaches the page only as the browser's command: heard through the background, it
    // highlights too. A key heard both ways (as in a test) highlights once.
    selectWords(document, 'lazy dog');
    askedThroughBackground();
    await vi.waitFor(() => expect(made).toHaveLength(3));
    expect(made[2]).toMatchObject({ target: { quote: { exact: 'lazy dog' } } });
    selectWords(document, 'jumps');
    pressHighlightKey(document);
    askedThroughBackground();
    await vi.waitFor(() => expect(made).toHaveLength(4));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(made.map((m) => m.target.quote.exact)).toEqual(['brown fox', 'quick', 'lazy dog', 'jumps']);
  });
});
