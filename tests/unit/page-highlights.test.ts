import { describe, expect, it } from 'vitest';
import { HighlightPainter } from '@/utils/highlight-painter';
import type { HighlightRecord } from '@/utils/model';
import { PageHighlights, type Send } from '@/utils/page-highlights';

/** A registry like CSS.highlights, for a DOM without the Highlight API. */
class FakeRegistry extends Map<string, Set<Range>> {}
(globalThis as unknown as { Highlight: unknown }).Highlight ??= class extends Set<Range> { priority = 0; };

const record = (id: string, exact: string, start: number): HighlightRecord => ({
  id, url: 'https://news.example/a', color: 'yellow', note: '', createdAt: 1, updatedAt: 1,
  target: { quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' }, position: { type: 'TextPositionSelector', start, end: start + exact.length } },
});

describe('PageHighlights', () => {
  it('never lets an older load’s answer overwrite a newer one', async () => {
    document.body.innerHTML = '<p>first words here, then second words there</p>';
    const answers: ((value: unknown) => void)[] = [];
    const send = (() => new Promise((resolve) => answers.push(resolve))) as unknown as Send;
    const painter = new HighlightPainter(new FakeRegistry() as unknown as HighlightRegistry);
    const page = new PageHighlights(document, () => ({ url: 'https://news.example/a', title: 'A', siteName: 'N' }), send, painter);

    const older = page.load();
    const newer = page.load();
    const both = [record('1', 'first words', 0), record('2', 'second words', 23)];
    answers[1]!({ ok: true, value: { page: null, highlights: both } });
    await newer;
    answers[0]!({ ok: true, value: { page: null, highlights: [both[0]] } });
    await older;
    expect(painter.ids().sort()).toEqual(['1', '2']);
    expect(page.count).toBe(2);
  });
});
