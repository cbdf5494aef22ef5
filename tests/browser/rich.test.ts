/**
 * Selections as people make them, in Chromium and Firefox: across paragraphs, starting inside
 * emphasis and ending inside a link, across line breaks, and overlapping an earlier highlight.
 * Each is painted over exactly what was selected, and all come back after a reload.
 */
import { describe, expect, it } from 'vitest';
import { BROWSERS } from './browsers';
import { tabIdOf } from './page-probes';
import { useBrowser, useFixtureServer } from './suite';

const fixtures = useFixtureServer();

/** Selects from the start of `from` to the end of `to` (each within one text node); answers the selection's text. */
function selectAcross({ from, to }: { from: string; to: string }): string {
  const find = (text: string) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node as Text).data.indexOf(text);
      if (at !== -1) return { node, at };
    }
    throw new Error(`text not found: ${text}`);
  };
  const start = find(from);
  const end = find(to);
  const range = document.createRange();
  range.setStart(start.node, start.at);
  range.setEnd(end.node, end.at + to.length);
  getSelection()!.removeAllRanges();
  getSelection()!.addRange(range);
  return range.toString();
}

/** Every painted range's text by name, sorted, once there are `n`. */
function painted(n: number): string[] | null {
  const out: string[] = [];
  for (const [name, highlight] of CSS.highlights) {
    if (!name.startsWith('clearmark')) continue;
    for (const range of highlight as unknown as Iterable<Range>) out.push(`${name}: ${range.toString()}`);
  }
  return out.length === n ? out.sort() : null;
}

describe.each(BROWSERS)('%s', (name) => {
  const suite = useBrowser(name);

  it('across paragraphs, inline formatting, links and line breaks, and overlapping', async () => {
    const page = await suite.browser.open(fixtures.server.url('/rich-article/'));
    const tabId = await suite.helper.waitFor(tabIdOf, fixtures.server.url('/rich-article/'), 15_000);
    await page.bringToFront();

    // From inside <em> in one paragraph, through bold text and a link, into the next paragraph.
    const across = await page.evaluate(selectAcross, { from: 'ferry', to: 'remembered the storms' });
    await page.press('KeyH', ['Alt', 'Shift']);
    await page.waitFor(painted, 1);
    // Across the <br> line breaks of the timetable.
    const lines = await page.evaluate(selectAcross, { from: 'Depart 23:00', to: 'Arrive 05:30' });
    await page.press('KeyH', ['Alt', 'Shift']);
    await page.waitFor(painted, 2);
    // Overlapping the first: from inside the strong text to the end of the link, in green.
    const overlap = await page.evaluate(selectAcross, { from: 'cyclists and', to: 'its final evening' });
    expect((await suite.askTab<{ ok: boolean }>(tabId, { type: 'selection:highlight', color: 'green' })).ok).toBe(true);
    const expected = [
      `clearmark-yellow: ${across}`,
      `clearmark-yellow: ${lines}`,
      `clearmark-green: ${overlap}`,
    ].sort();
    expect(await page.waitFor(painted, 3)).toEqual(expected);
    expect(across).toContain('\n');

    await page.reload();
    expect(await page.waitFor(painted, 3)).toEqual(expected);
    expect(page.consoleErrors()).toEqual([]);

    // Exported as the page shows them: one paragraph per paragraph and per line, whitespace collapsed.
    const file = await suite.askBackground<{ ok: true; value: { text: string } }>({
      type: 'export',
      format: 'markdown',
      scope: { url: fixtures.server.url('/rich-article/') },
    });
    const quotes = file.value.text.split('\n\n').filter((block) => block.startsWith('> '));
    expect(quotes).toHaveLength(3);
    for (const quote of quotes) expect(quote).not.toMatch(/^> .*\s{2,}|^>\s{2,}/m);
    expect(quotes.find((q) => q.includes('ferry'))).toMatch(
      /\n>\n> For sixty years the night ferry left the harbour at eleven, carrying lorries, [^\n]* the quay was full\.\n>\n> Passengers remembered the storms$/,
    );
    expect(quotes.find((q) => q.includes('Depart'))).toBe('> Depart 23:00\n>\n> Arrive 05:30');
    const csv = await suite.askBackground<{ ok: true; value: { text: string } }>({
      type: 'export',
      format: 'csv',
      scope: { url: fixtures.server.url('/rich-article/') },
    });
    expect(csv.value.text).toContain('"Depart 23:00\n\nArrive 05:30"');
    await page.close();
  });
});
