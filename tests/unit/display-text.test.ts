/**
 * A highlight records its text as the page shows it: whitespace collapsed within a paragraph,
 * a blank line between paragraphs, list items and lines broken by <br> — whatever the source's
 * whitespace — while its quote stays exact for anchoring.
 */
import { describe, expect, it } from 'vitest';
import { PageText } from '@/utils/engines/anchoring/page-text';

function describeBetween(html: string, from: string, to: string) {
  document.body.innerHTML = html;
  const text = new PageText(document.body);
  const index = text.index();
  const start = index.text.indexOf(from);
  const end = index.text.indexOf(to) + to.length;
  return text.describe(index.rangeOf(start, end))!;
}

describe('display text', () => {
  it('keeps paragraphs apart and collapses the source’s whitespace', () => {
    const target = describeBetween(
      '<article>\n    <p>First   paragraph\n      wraps here.</p>\n    <p>Second <em>one</em>\n ends.</p>\n</article>',
      'First',
      'ends.',
    );
    expect(target.display).toBe('First paragraph wraps here.\n\nSecond one ends.');
    expect(target.quote.exact).toContain('\n    ');
  });

  it('keeps list items, headings and line breaks apart, even with no whitespace in the source', () => {
    expect(describeBetween('<ul><li>one</li><li>two</li></ul>', 'one', 'two').display).toBe('one\n\ntwo');
    expect(describeBetween('<h2>Title</h2><p>Body</p>', 'Title', 'Body').display).toBe('Title\n\nBody');
    expect(describeBetween('<p>Depart 23:00<br>Arrive 05:30</p>', 'Depart', '05:30').display).toBe(
      'Depart 23:00\n\nArrive 05:30',
    );
  });

  it('keeps inline markup inline', () => {
    expect(describeBetween('<p>from <b>bold</b> through <a href="#">a link</a> and on</p>', 'from', 'on').display).toBe(
      'from bold through a link and on',
    );
  });
});
